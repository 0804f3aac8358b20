"""wpsstats.read.pax_agreements against a hand-made fixture and the real PA-X table."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest
from damage import TOKENS, Damage, check_csv, damaged, every_field_replaced
from hypothesis import given, settings

import wpsstats as wps
from wpsstats.read import CountryNameWarning, FileFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SMALL = FIXTURES / "pax_agreements_small.csv"
PADD = [
    "PADD_Agreement_Level.csv",
    "PADD_Agreement_Level_Lowest_Positions.csv",
    "PADD_Agreement_Level_Multiple_Positions.csv",
]


def quiet(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        warnings.simplefilter("ignore", UserWarning)
        return wps.read.pax_agreements(path)


def test_fixture_one_row_per_agreement() -> None:
    out = wps.read.pax_agreements(SMALL)
    assert out["agreement_id"].tolist() == [1, 2, 3] and out.attrs["rows_read"] == 3
    assert out.columns[:5].tolist() == ["agreement_id", "agreement", "country", "geo", "region"]
    assert out["agreement"].tolist() == ["Accord A", "Accord B", "Accord C"]
    assert out["date"].dt.year.tolist() == [2015, 1996, 1993]
    # GeWom 1 / 0 / "NA": True, False, missing; other codes keep PA-X's names and levels
    assert out["gewom"].tolist() == [True, False, pd.NA]
    assert out["Prot"].tolist() == [2, 0, 3] and out["GeMe"].tolist() == [0, 0, pd.NA]
    assert out.attrs["gender_codes"] == ["GeWom", "GeMe", "GeFa"]
    # "" and "NA" are missing; a line break inside a quoted field stays in the text
    assert out["stage_sub"].isna().tolist() == [False, True, True]
    assert out["Part"].iloc[0] == "Government of Mali\r\nCoordination of Azawad Movements"


def test_geo_from_pax_codes_else_from_con() -> None:
    out = wps.read.pax_agreements(SMALL)
    # PA-X's Loc1ISO for Mali/Azawad (Azawad is no country); without Loc codes, Con's parts,
    # a contested entity's brackets removed
    assert out["geo"].tolist() == ["MLI", "CHN/KAZ/RUS", "PSE/ISR"]
    assert out["country"].tolist()[2] == "(Palestine)/Israel"


def _damaged(tmp_path: Path, old: str, new: str) -> Path:
    text = SMALL.read_text(encoding="utf-8-sig")
    assert old in text
    path = tmp_path / "damaged.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("2015-06-20", "20/06/2015", r"line 2, column 'Dat': expected a date"),
        (",1,0,1,2", ",2,0,1,2", r"line 2, column 'GeWom': expected 0, 1 or empty"),
        (",0,0,0,0", ",0,0,x,0", r"line 4, column 'GeFa'"),  # line 2's record spans two lines
        (
            '"Cross-regional",2,',
            '"Cross-regional",1,',
            r"line 4, column 'AgtId': AgtId 1 is listed twice: on line 2 too",
        ),
        ('"Cross-regional",2,', '"Cross-regional",,', r"line 4, column 'AgtId'"),
        ("Con,Contp", "Country,Contp", r"line 1: is not a PA-X agreements table: it lacks Con"),
    ],
)
def test_damage_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        quiet(_damaged(tmp_path, old, new))


@pytest.mark.shared_data
def test_real_row_accounting(shared_data: Path) -> None:
    path = shared_data / "pax" / "pax_all_agreements_data_v6.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = quiet(path)
    assert len(out) == out.attrs["rows_read"] == len(rows) == 2003
    assert out["agreement_id"].tolist() == [int(r["AgtId"]) for r in rows]
    assert out["agreement"].tolist() == [r["Agt"].strip() for r in rows]
    assert out["gewom"].tolist() == [r["GeWom"] == "1" for r in rows]
    assert int(out["gewom"].sum()) == 421
    assert out.shape[1] == 267 + 1  # every column of the file, and geo
    assert out["geo"].notna().sum() == 2002  # "African Great Lakes" alone names no country
    assert out.attrs["gender_codes"] == [
        "GeWom", "GeMe", "GeMeNu", "GeMeOth", "GeLgbti", "GeLgbtiPos", "GeLgbtiNeg", "GeFa",
    ]  # fmt: skip


@pytest.mark.shared_data
@pytest.mark.parametrize("name", PADD)
def test_real_join_with_delegates(shared_data: Path, name: str) -> None:
    agreements = quiet(shared_data / "pax" / "pax_all_agreements_data_v6.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        delegates = wps.read.pax_delegates(shared_data / "pax" / name)
    joined = delegates.merge(
        agreements, on="agreement_id", how="left", suffixes=("", "_pax"), validate="many_to_one"
    )
    # every PADD agreement is in PA-X, with the same date, stage and GeWom
    assert joined["agreement_pax"].notna().all()
    assert delegates["agreement_id"].nunique() == 116
    assert (joined["date"] == joined["date_pax"]).all()
    assert (joined["stage"] == joined["stage_pax"]).all()
    assert (joined["gewom"] == joined["gewom_pax"]).all()


@pytest.mark.shared_data
def test_real_mali(shared_data: Path) -> None:
    out = quiet(shared_data / "pax" / "pax_all_agreements_data_v6.csv").set_index("agreement_id")
    algiers = out.loc[1365]
    assert algiers["country"] == "Mali/Azawad" and algiers["geo"] == "MLI"
    assert algiers["date"] == pd.Timestamp("2015-06-20") and bool(algiers["gewom"])
    # Mali, Mali/Azawad (MLI) and the Mali/Niger agreements (MLI/NER, from Loc1ISO and Loc2ISO)
    mali = out[out["geo"].str.contains("MLI").fillna(False).to_numpy(dtype=bool)]
    assert len(mali) == int(out["country"].str.startswith("Mali").sum()) == 42
    assert set(mali["geo"]) == {"MLI", "MLI/NER"}


# the fixture with its one record on two lines joined: the damage harness hits a line and expects
# that line's record, and a record on two lines would be hit twice
ONE_LINE_RECORDS = SMALL.read_bytes().replace(b"\r\n", b"; ")


@settings(max_examples=100)
@given(damaged(ONE_LINE_RECORDS))
def test_damaged_fixture_gives_the_other_rows_or_names_the_line(damage: Damage) -> None:
    check_csv(wps.read.pax_agreements, ONE_LINE_RECORDS, damage, "x.csv")


@pytest.mark.parametrize("token", TOKENS)
def test_every_field_meets_every_odd_value(token: bytes) -> None:
    for damage in every_field_replaced(ONE_LINE_RECORDS, token, 2):
        check_csv(wps.read.pax_agreements, ONE_LINE_RECORDS, damage, "x.csv")


def test_a_header_alone_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_bytes(SMALL.read_bytes().split(b"\n")[0] + b"\n")
    with pytest.raises(FileFormatError, match="line 2: holds no agreement, only a header"):
        wps.read.pax_agreements(path)
