"""reproduce(): the seed's figures re-derived and checked.

Expected verdicts are those the seed's own text supports (the slips the data maintainer flagged
with 'SLIP:' in the bundled notes): S/206/682 for S/2016/682 (p. 1), resolution 2242 printed with
2016 though adopted in 2015 (p. 7), and '4.7' printed with no unit (p. 3). Everything else that can
be re-derived must come out consistent.
"""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

import wpsstats as wps

fig = importlib.import_module("wpsstats.figures")
reproduce = fig.reproduce

SEED_ID = "ieg-mali-2018"


@pytest.fixture(scope="module")
def report() -> pd.DataFrame:
    return reproduce(SEED_ID)


def test_shape_and_columns(report: pd.DataFrame) -> None:
    assert list(report.columns)[:6] == [
        "figure_id", "published", "recomputed", "check", "verdict", "reason",
    ]  # fmt: skip
    figures = wps.load("figures")
    ids = figures.loc[figures["source_id"] == SEED_ID, "figure_id"].tolist()
    assert report["figure_id"].tolist()[: len(ids)] == ids  # one row per figure, in order
    assert set(report["verdict"].cat.categories) == {"consistent", "inconsistent", "not_checkable"}
    assert report["reason"].str.len().gt(0).all()


def test_the_seed_slips_are_found(report: pd.DataFrame) -> None:
    bad = report.loc[report["verdict"] == "inconsistent", "figure_id"].tolist()
    assert bad == ["minusma-women-formed-police", "symbol:s-2016-682", "resolution:2242"]
    # and each of them is a slip the data maintainer flagged in a note
    notes = (
        " ".join(wps.load("figures")["note"].dropna())
        + " ".join(wps.load("sources")["note"].dropna())
        + " ".join(wps.load("resolutions")["note"].dropna())
    )
    assert "S/206/682" in notes and "2242" in notes and "4.7" in notes


def _row(report: pd.DataFrame, figure_id: str) -> pd.Series:
    return report.loc[report["figure_id"] == figure_id].iloc[0]


def test_grim_on_the_cabinet(report: pd.DataFrame) -> None:
    row = _row(report, "mli-cabinet-women")
    assert row["verdict"] == "consistent"
    assert "rounding" in row["check"]
    assert "9 of 36 prints as 25 per cent" in row["reason"]


def test_share_from_two_counts(report: pd.DataFrame) -> None:
    row = _row(report, "mli-election-mediators-women")
    assert row["check"] == "share from two counts" and row["verdict"] == "consistent"
    assert "225/703" in row["recomputed"]


def test_count_from_share_and_total(report: pd.DataFrame) -> None:
    row = _row(report, "mli-election-workshop-women")
    assert "count from share and total" in row["check"]
    # 40 per cent of at least 601 people: 0.395 * 601 = 237.4, so at least 238 women
    assert "at least 238" in row["recomputed"]
    assert fig.possible_counts("40", 601)[0] == 238


def test_qualifier_bounds(report: pd.DataFrame) -> None:
    row = _row(report, "mli-villages-abandoning-fgm")
    assert "qualifier bound" in row["check"] and row["verdict"] == "consistent"
    row = _row(report, "mli-tjrc-depositions")
    assert "nearly 8,000" in row["recomputed"] and row["verdict"] == "consistent"


def test_symbols_and_resolutions(report: pd.DataFrame) -> None:
    row = _row(report, "symbol:s-2016-682")
    assert "'206' in S/206/682 is not a year" in row["reason"]
    assert row["recomputed"] == "S/2016/682"
    assert _row(report, "symbol:s-2017-626")["verdict"] == "consistent"
    row = _row(report, "resolution:2242")
    assert row["recomputed"] == "S/RES/2242 (2015)"
    assert "printed with 2016, adopted in 2015" in row["reason"]
    assert _row(report, "resolution:1325")["verdict"] == "consistent"


def test_unit_slip(report: pd.DataFrame) -> None:
    row = _row(report, "minusma-women-formed-police")
    assert "with no unit" in row["reason"]


def test_not_checkable_says_why(report: pd.DataFrame) -> None:
    detail = reproduce(SEED_ID, detail=True)
    fgm = detail[(detail["figure_id"] == "mli-fgm-prevalence") & (detail["check"] == "rounding")]
    assert fgm["verdict"].tolist() == ["not_checkable"]
    assert "no numerator or denominator" in fgm["reason"].iloc[0]
    assert len(detail) > len(report)


def test_named_items_with_the_text(seed_text: str) -> None:
    without = reproduce(SEED_ID)
    assert "named items" not in _row(without, "mli-crsv-parties-listed")["check"]
    with_text = reproduce(SEED_ID, text=seed_text)
    row = _row(with_text, "mli-crsv-parties-listed")
    assert "named items" in row["check"] and row["verdict"] == "consistent"
    assert "footnote 1 names 5 items" in row["reason"]
    row = _row(with_text, "g5s-womens-platform-cells")
    assert "list in brackets" in row["reason"] and "G5S has 5 member countries" in row["reason"]


def test_named_items_can_fail(seed_text: str) -> None:
    # the footnote names five parties: a text that says 'six' must not pass
    altered = seed_text.replace("five non-state parties", "six non-state parties")
    figures = wps.load("figures")
    row = figures[figures["figure_id"] == "mli-crsv-parties-listed"].iloc[0].copy()
    row["text"], row["value"] = "six non-state parties", 6.0
    check = fig._named_items(row, " ".join(altered.split()), altered)
    assert check is not None and check.verdict == "inconsistent"


def test_other_source_and_bad_input() -> None:
    other = reproduce("s-2016-682")
    assert other["figure_id"].tolist() == ["symbol:s-2016-682"]
    with pytest.raises(ValueError, match="did you mean 'ieg-mali-2018'"):
        reproduce("ieg-mali-2017")
    with pytest.raises(TypeError):
        reproduce(SEED_ID, text=3)  # type: ignore[arg-type]


def test_a_rate_is_described_by_its_kind_and_unit(report: pd.DataFrame) -> None:
    # "six children born per woman" is a rate (kind "rate"), not a count of six
    figures = wps.load("figures")
    stored = figures.loc[figures["figure_id"] == "mli-total-fertility-rate"].iloc[0]
    assert stored["kind"] == "rate"
    indicators = wps.load("indicators")
    unit = indicators.loc[indicators["indicator"] == stored["indicator"], "unit"].iloc[0]
    row = _row(report, "mli-total-fertility-rate")
    assert row["verdict"] == "consistent"
    assert row["recomputed"] == f"exact 6 (rate: {unit})"
    assert "(count)" not in row["recomputed"]
    # shares and counts keep their plain kind
    assert _row(report, "mli-cabinet-women")["recomputed"].startswith("exact 0.25 (share)")
    assert _row(report, "mli-crsv-cases-2017")["recomputed"] == "exact 16 (count)"


def test_a_rate_read_wrongly_still_says_rate(report: pd.DataFrame) -> None:
    figures = wps.load("figures")
    row = figures[figures["figure_id"] == "mli-total-fertility-rate"].iloc[0].copy()
    row["value"], row["lower"], row["upper"] = 7.0, 7.0, 7.0  # the phrase still prints "six"
    check = fig._phrase_check(row, fig.extract_figures(str(row["text"])), "births per woman")
    assert check is not None and check.verdict == "inconsistent"
    assert check.recomputed == "exact 6 (rate: births per woman)"
    assert "stored as exact 7 (rate)" in check.reason
    # a phrase that reads with another unit shows the unit it reads with (the 4.7 slip)
    assert _row(report, "minusma-women-formed-police")["recomputed"] == "exact 4.7 (count)"
