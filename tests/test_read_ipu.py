"""wpsstats.read.ipu against hand-made fixtures and the real IPU Parline exports."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest
from damage import TOKENS, every_field_replaced, read

import wpsstats as wps
from wpsstats.datasets import example_file
from wpsstats.read import DataConsistencyWarning, FileFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "read"
FRENCH = FIXTURES / "ipu_fr_preamble.csv"
EXAMPLE = example_file("ipu_women_ranking_example.csv")
REAL = ["women-ranking_2025-11.csv", "chamber--current_women_percent_2021-11_fr.csv"]


def quiet(path: Path, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return wps.read.ipu(path, **kwargs)  # type: ignore[arg-type]


def test_metadata_block_layout() -> None:
    out = wps.read.ipu(EXAMPLE)
    assert out.attrs["layout"] == "metadata_block" and out.attrs["language"] == "en"
    assert out.attrs["month"] == "2025-11" and out.attrs["rows_read"] == 6
    assert "by-nc-sa/4.0" in out.attrs["metadata"]["Licence"]
    assert out["month"].unique().tolist() == ["2025-11"]
    rwanda = out[out["geo"] == "RWA"].set_index("chamber")
    assert rwanda.loc["upper", "seats"] == 26 and rwanda.loc["upper", "women"] == 13
    assert rwanda.loc["lower", "share"] == pytest.approx(0.638)
    assert rwanda.loc["upper", "share_printed"] == "50.0"


def test_absent_chamber_has_no_row_and_unknown_women_are_missing() -> None:
    out = wps.read.ipu(EXAMPLE)
    # Andorra and the UAE have one chamber: no "upper" row, not a row of zeros
    assert out.loc[out["geo"].isin(["AND", "ARE"]), "chamber"].tolist() == ["lower", "lower"]
    argentina = out[out["geo"] == "ARG"]
    assert argentina["seats"].tolist() == [257, 72]
    assert argentina["women"].isna().all() and argentina["share"].isna().all()
    assert argentina["status"].unique().tolist() == ["unranked"]
    # a suspended parliament keeps one row, so that the country is not lost
    afghanistan = out[out["geo"] == "AFG"]
    assert len(afghanistan) == 1 and afghanistan["status"].iloc[0] == "suspended"
    assert afghanistan[["election", "seats", "women", "share"]].isna().all(axis=None)


def test_tie_takes_the_rank_above() -> None:
    out = wps.read.ipu(EXAMPLE)
    ranks = out.drop_duplicates("geo").set_index("geo")["rank"]
    assert ranks["AND"] == 6 and ranks["ARE"] == 6 and ranks["NGA"] == 176


def test_french_preamble_layout() -> None:
    with pytest.warns(UserWarning, match="three-digit year") as caught:
        out = wps.read.ipu(FRENCH)
    assert "lines [7, 8]" in str(caught[0].message)
    assert out.attrs["layout"] == "preamble" and out.attrs["language"] == "fr"
    assert out.attrs["month"] == "2021-11" and out.attrs["metadata"]["Date"] == "2021-12-27"
    assert out.drop_duplicates("geo_name")["geo"].tolist() == ["NZL", "USA", "KNA", "ERI", "SDN"]
    # "10.202" is 10.2020 with its trailing zero lost; the printed text is kept beside it
    nz = out[out["geo"] == "NZL"].iloc[0]
    assert nz["election"] == "2020-10" and nz["election_printed"] == "10.202"
    # an upper chamber without an election (appointed) still exists
    kna = out[out["geo"] == "KNA"].set_index("chamber")
    assert kna.loc["upper", "seats"] == 6 and pd.isna(kna.loc["upper", "election"])
    # "24" is 24 per cent as the French export prints it, without decimals
    usa = out[out["geo"] == "USA"].set_index("chamber")
    assert usa.loc["upper", "share"] == pytest.approx(0.24) and usa.loc["lower", "rank"] == 1
    eritrea = out[out["geo"] == "ERI"]
    assert eritrea["seats"].isna().all() and eritrea["election"].tolist() == ["1994-02"]
    assert out.loc[out["geo"] == "SDN", "status"].tolist() == ["suspended"]


@pytest.mark.parametrize("source", [EXAMPLE, FRENCH], ids=["metadata block", "preamble"])
def test_a_ranking_without_countries_is_an_empty_frame(tmp_path: Path, source: Path) -> None:
    # the header's two lines and nothing after: the typed columns with no rows (before, an
    # IndexError from the empty country-name match)
    lines = source.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.startswith(('"Rank"', '"Classement"')))
    path = tmp_path / source.name
    path.write_text("".join(lines[: header + 2]), encoding="utf-8")
    out = wps.read.ipu(path)
    full = quiet(source)
    assert out.empty and out.attrs["rows_read"] == 0
    pd.testing.assert_series_equal(out.dtypes, full.dtypes)


def test_month_given_or_refused() -> None:
    assert quiet(FRENCH, month="2021-10").attrs["month"] == "2021-10"
    with pytest.raises(ValueError, match="month must be 'YYYY-MM'"):
        wps.read.ipu(FRENCH, month="Nov 2021")


def _damaged(tmp_path: Path, old: str, new: str, name: str = "damaged.csv") -> Path:
    """The French fixture with ``old``, printed once in it, replaced by ``new``."""
    path = tmp_path / name
    text = FRENCH.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"432","119"', '"432","433"', r"line 8, column 'Lower or single House: women'"),
        ('"120","59"', '"120","5x9"', r"line 7, column 'Lower or single House: women'"),
        ('"02.1994"', '"1994-02"', r"line 10, column 'Lower or single House: Elections'"),
        ('"12.2020"', '"12.2022"', r"after the ranking's month 2021-11"),
        ('"1","Nouvelle', '"“","Nouvelle', r"line 7, column 'rank': a tie mark"),
        ('"3","Saint', '"3e","Saint', r"line 9, column 'rank'"),
        ('"Classement","Pays"', '"Rang","Pays"', r"not an IPU women-ranking export"),
        ("Novembre 2021", "fin 2021", r"pass month='YYYY-MM'"),
        ('"Chambre haute"', '"Senat"', r"line 5: expected the chambers"),
    ],
)
def test_damage_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(FileFormatError, match=message), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        wps.read.ipu(_damaged(tmp_path, old, new))


def test_share_disagreeing_with_counts_warns(tmp_path: Path) -> None:
    path = _damaged(tmp_path, '"59","49.2"', '"59","59.2"')
    with (
        pytest.warns(DataConsistencyWarning, match=r"line 7 \(lower\): 59.2 but 59/120"),
        pytest.warns(UserWarning, match="three-digit year"),
    ):
        out = wps.read.ipu(path)
    assert out.loc[0, "share_printed"] == "59.2"  # kept as printed


def _table(path: Path) -> list[list[str]]:
    """The country lines of an IPU export, by the csv module."""
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    header = next(i for i, r in enumerate(rows) if r[:2] in (["Rank", "Country"],
                                                               ["Classement", "Pays"]))  # fmt: skip
    return rows[header + 2 :]


@pytest.mark.shared_data
@pytest.mark.parametrize("name", REAL)
def test_real_row_accounting(shared_data: Path, name: str) -> None:
    path = shared_data / "ipu" / name
    rows = _table(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", DataConsistencyWarning)  # IPU's rounding is understood
        out = wps.read.ipu(path)
    assert out.attrs["rows_read"] == len(rows) == 193
    # every line gives its lower chamber, and its upper chamber unless all four fields are "-"
    uppers = [r for r in rows if r[6:10] != ["-"] * 4]
    assert (out["chamber"] == "lower").sum() == 193
    assert (out["chamber"] == "upper").sum() == len(uppers)
    assert out["geo_name"].drop_duplicates().tolist() == [r[1] for r in rows]
    assert out["geo"].notna().all() and out["geo"].nunique() == 193
    lower = out[out["chamber"] == "lower"]

    def count(v: str) -> object:
        return pd.NA if v == "-" else int(v)

    assert lower["seats"].tolist() == [count(r[3]) for r in rows]
    assert lower["women"].tolist() == [count(r[4]) for r in rows]
    assert lower["share_printed"].fillna("-").tolist() == [r[5] for r in rows]
    upper = out[out["chamber"] == "upper"]
    assert upper["women"].tolist() == [count(r[8]) for r in uppers]
    assert (out["share"].dropna().between(0, 1)).all()


@pytest.mark.shared_data
def test_real_figures(shared_data: Path) -> None:
    now = quiet(shared_data / "ipu" / "women-ranking_2025-11.csv").set_index(["geo", "chamber"])
    assert now.loc[("NGA", "lower"), ["seats", "women"]].tolist() == [356, 15]
    assert now.loc[("NGA", "upper"), "share"] == pytest.approx(0.037)
    assert now.loc[("MLI", "lower"), "status"] == "ranked"
    assert now.attrs["metadata"]["Publisher"] == "Inter-Parliamentary Union"
    before = quiet(shared_data / "ipu" / "chamber--current_women_percent_2021-11_fr.csv")
    before = before.set_index(["geo", "chamber"])
    # Mali's transitional council, appointed in December 2020, printed "12.202"
    assert before.loc[("MLI", "lower"), "election"] == "2020-12"
    assert before.loc[("MLI", "lower"), "election_printed"] == "12.202"
    assert before.loc[("NGA", "lower"), ["seats", "women"]].tolist() == [360, 13]
    restored = before["election_printed"].str.fullmatch(r"\d{2}\.\d{3}").fillna(False)
    assert int(restored.sum()) == 32
    assert set(before.loc[restored, "election"]) <= {"2020-10", "2020-11", "2020-12"}


@pytest.mark.parametrize("token", TOKENS)
def test_an_odd_value_in_any_field_is_named_or_read(token: bytes) -> None:
    # line 9 (Saint Kitts and Nevis) meets each odd value in each field: the reader names line 9,
    # or reads it and leaves every other line's rows as they were
    original = quiet(FRENCH)
    others = original[original["geo_name"] != "Saint-Kitts-et-Nevis"].reset_index(drop=True)
    for damage in every_field_replaced(FRENCH.read_bytes(), token, 9):
        got = read(quiet, damage.data, "x.csv")
        if isinstance(got, ValueError):
            assert "line 9" in str(got), got
        else:
            kept = got[got["geo_name"].isin(others["geo_name"]).to_numpy(dtype=bool)]
            pd.testing.assert_frame_equal(kept.reset_index(drop=True), others)
