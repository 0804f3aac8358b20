"""audit: every figure of any report with a verdict from the checks its text (and data) allow."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.published import audit, audit_text


def _verdicts(text: str) -> dict[str, tuple[str, str]]:
    result = audit(text)
    return {
        p: (c, str(v))
        for p, c, v in zip(result["phrase"], result["check"], result["verdict"], strict=True)
    }


def test_parts_against_their_whole() -> None:
    found = _verdicts("Providers recorded 221 cases against 147 girls and 74 boys.")
    assert found == dict.fromkeys(("221", "147", "74"), ("parts", "consistent"))
    found = _verdicts("Providers recorded 221 cases against 147 girls and 84 boys.")
    assert set(found.values()) == {("parts", "inconsistent")}
    # "including" names some parts only: fewer is fine
    found = _verdicts("It recorded 60 cases, including 20 girls and 10 boys.")
    assert found["60"] == ("parts", "consistent")
    # without "including", parts that fall short are not a finding
    assert _verdicts("It recorded 60 cases against 20 girls and 10 boys.")["60"] == (
        "parts",
        "not_checkable",
    )
    assert _verdicts("Four of the six parties are listed.")["Four"] == ("parts", "consistent")
    assert _verdicts("Seven of the six parties are listed.")["Seven"] == ("parts", "inconsistent")


def test_grim_and_paraphrases() -> None:
    assert _verdicts("Nine women out of its 36 members (25 per cent).")[
        "Nine women out of its 36 members (25 per cent)"
    ] == ("grim", "consistent")
    assert _verdicts("Nine women out of its 36 members (26 per cent).")[
        "Nine women out of its 36 members (26 per cent)"
    ] == ("grim", "inconsistent")
    # "nine out of 10 (91 per cent)" rounds the percentage in words: no count of 10 is claimed
    assert _verdicts("Nine out of 10 (91 per cent) agreed.")["Nine out of 10 (91 per cent)"] == (
        "paraphrase",
        "consistent",
    )
    assert _verdicts("Nearly four out of 10 (45 per cent) agreed.")[
        "Nearly four out of 10 (45 per cent)"
    ] == ("paraphrase", "inconsistent")


def test_shares_of_one_whole_listed_together() -> None:
    text = (
        "Women held 60 per cent of the seats, 30 per cent of the seats "
        "and 20 per cent of the seats."
    )
    assert set(_verdicts(text).values()) == {("whole", "inconsistent")}
    text = "Women held 50 per cent of the seats and 30 per cent of the seats."
    assert set(_verdicts(text).values()) == {("whole", "consistent")}
    # shares of one whole in separate clauses may overlap: no finding
    text = "In all, 90 per cent of men knew it. Of them, 94 per cent of men said so too."
    assert set(_verdicts(text).values()) == {("", "not_checkable")}
    # a share with a note is not a part of the whole: "on average" is a mean of shares, so a
    # mean of 60 and a share of 50 of the seats are no sum past 100
    text = "On average, women hold 60 per cent of the seats and 50 per cent of the seats."
    assert _verdicts(text) == {
        "60 per cent": ("average", "not_checkable"),
        "50 per cent": ("", "not_checkable"),
    }


def test_a_per_cent_increase_beside_a_level_may_mean_points() -> None:
    text = "Women held 27.3 per cent of seats, a 0.8 per cent increase from 2023."
    row = audit(text).iloc[1]
    assert (row["check"], row["verdict"]) == ("points", "not_checkable")
    assert (
        "26.5 per cent if percentage points are meant, 27.08 if a relative change"
        in (row["reason"])
    )
    text = "Women held 27.3 per cent of seats, a 0.8 per cent increase from 26.5 per cent."
    row = audit(text).iloc[1]
    assert (row["check"], row["verdict"]) == ("points", "inconsistent")
    assert row["reason"].endswith("the text's fits points")
    # the level and the change must share a sentence: after a full stop the change may be of
    # anything the next sentence speaks of
    text = "Women held 27.3 per cent of seats. A 0.8 per cent increase was recorded in 2023."
    assert set(_verdicts(text).values()) == {("", "not_checkable")}


def test_reversed_ranges_shares_past_100_and_averages() -> None:
    assert _verdicts("between 92 and 83 per cent of women")["between 92 and 83 per cent"] == (
        "range",
        "inconsistent",
    )
    assert _verdicts("Some 130 per cent of the target.")["Some 130 per cent"] == (
        "range",
        "inconsistent",
    )
    assert _verdicts("On average, women hold 24 per cent of seats.")["24 per cent"] == (
        "average",
        "not_checkable",
    )


def test_data_matched_by_phrase_with_the_difference() -> None:
    text = "Women hold 3.9 per cent of the seats; the region averages 27.3 per cent."
    data = pd.DataFrame(
        {"phrase": ["3.9 per cent", "27.3 per cent"], "value": [0.0391, 0.2688], "source": "x"}
    )
    result = audit(text, data=data).set_index("phrase")
    assert result.loc["3.9 per cent", "verdict"] == "consistent"
    assert result.loc["27.3 per cent", "verdict"] == "inconsistent"
    assert result.loc["27.3 per cent", "difference"] == pytest.approx(0.273 - 0.2688)
    assert (
        result.loc["27.3 per cent", "reason"]
        == "data (x): 26.88 per cent, outside the printed figure"
    )
    with pytest.raises(ValueError, match=r"data: row 0 \('4.0 per cent'\) matches no figure"):
        audit(text, data=pd.DataFrame({"phrase": ["4.0 per cent"], "value": [0.04]}))
    with pytest.raises(ValueError, match=r"missing \['value'\]"):
        audit(text, data=pd.DataFrame({"phrase": ["3.9 per cent"]}))


def test_the_text_report() -> None:
    result = audit("Seven of the six parties are listed. Women hold 24 per cent of seats.")
    text = audit_text(result)
    assert text.splitlines()[0] == "3 figures: 0 consistent, 2 inconsistent, 1 not checkable"
    assert "  Seven: 7 of the 6 is more than its whole" in text
    assert result.attrs["report"] == text
    assert list(result.columns) == [
        "page", "phrase", "value", "unit", "qualifier", "check", "verdict", "reason", "sentence",
        "data_value", "difference",
    ]  # fmt: skip


@pytest.mark.shared_data
def test_audit_of_the_sahel_note_with_the_world_bank_file(shared_data: Path) -> None:
    pages = wps.read.report(shared_data / "reports" / "S_2025_492.en.pdf")
    wdi = wps.read.wdi(shared_data / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_216057.csv")
    latest = wdi[wdi["period"].astype(str) == "2024"].set_index("geo")["share"]
    data = pd.DataFrame(
        {
            "phrase": ["27.3 per cent", "3.9 per cent", "29.5 per cent", "26.6 per cent"],
            "value": [latest["SSF"], latest["NGA"], latest["SLE"], latest["BEN"]],
            "source": "WDI SG.GEN.PARL.ZS 2024",
        }
    )
    result = audit(pages, data=data).set_index("phrase")
    assert result.loc["3.9 per cent", "verdict"] == "consistent"
    assert result.loc["29.5 per cent", "verdict"] == "consistent"
    assert result.loc["26.6 per cent", "verdict"] == "consistent"
    # the note's 27.3 for sub-Saharan Africa is not the World Bank's 26.88 (another source's)
    assert result.loc["27.3 per cent", "verdict"] == "inconsistent"
    assert result.loc["0.8 per cent increase", "check"] == "points"
    assert result.loc["Four", "verdict"] == "consistent"


@pytest.mark.shared_data
def test_audit_of_the_sexual_violence_report(shared_data: Path) -> None:
    result = audit(wps.read.report(shared_data / "reports" / "S_2025_389.en.pdf"))
    parts = result[(result["page"] == 20) & (result["check"] == "parts")]
    assert parts["phrase"].tolist() == ["221", "147", "74"]
    assert (parts["verdict"] == "consistent").all()
    assert (result["verdict"] != "inconsistent").all()


def test_parts_in_brackets() -> None:
    found = _verdicts("Children were involved in 49 cases (46 girls and 3 boys).")
    assert set(found.values()) == {("parts", "consistent")}
