"""wpsstats.read.pax_delegates against a hand-made fixture and the real PADD files."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
from damage import TOKENS, Damage, check_csv, damaged, every_field_replaced
from hypothesis import given, settings

import wpsstats as wps
from wpsstats.read import CountryNameWarning, DataConsistencyWarning

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SMALL = FIXTURES / "pax_small.csv"
REAL = [
    "PADD_Agreement_Level.csv",
    "PADD_Agreement_Level_Lowest_Positions.csv",
    "PADD_Agreement_Level_Multiple_Positions.csv",
]
ROLES = {"Del": "delegates", "Sig": "signatories", "Ob": "observers", "Neg": "negotiators",
         "Med": "mediators"}  # fmt: skip
# the rest of the delegation, read where the file has them (Good 2024 labels FemLog_P "Women Staff")
MORE_ROLES = {"Log": "staff", "Adv": "advisers", "Unkn": "unknown"}


def quiet_read(path: Path, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        warnings.simplefilter("ignore", UserWarning)
        return wps.read.pax_delegates(path, **kwargs)  # type: ignore[arg-type]


def test_fixture_long_table() -> None:
    out = quiet_read(SMALL, agreements={1: " Accord A "})
    assert len(out) == 2 * 5 and out.attrs["rows_read"] == 2
    first = out[out["agreement_id"] == 1]
    assert first["role"].astype(str).tolist() == list(ROLES.values())
    assert first["people"].tolist() == [30, 10, 4, 0, 16]
    assert first["women"].tolist() == [6, 2, 1, 0, 3]
    assert first["agreement"].iloc[0] == "Accord A"
    assert bool(first["gewom"].iloc[0]) is True
    assert first["geo"].iloc[0] == "MLI" and first["country"].iloc[0] == "Mali/Azawad"
    second = out[out["agreement_id"] == 2]
    # "" and "NA" are both missing
    assert second["women"].isna().tolist() == [True, False, False, True, False]
    assert second["people"].isna().tolist() == [False, False, False, True, False]
    assert second["stage_sub"].isna().all() and second["agreement"].isna().all()
    assert out["date"].dt.year.unique().tolist() == [2015, 1995]


def test_ready_for_rate() -> None:
    out = quiet_read(SMALL)
    rates = wps.rate(out["women"].iloc[:3], out["people"].iloc[:3])
    assert rates["rate"].tolist() == pytest.approx([0.2, 0.2, 0.25])


def test_warnings_list_unmatched_parts_and_unnamed_agreements() -> None:
    with (
        pytest.warns(CountryNameWarning, match="'Azawad'"),
        pytest.warns(UserWarning, match=r"no name given for agreement\(s\) \[2\]"),
    ):
        wps.read.pax_delegates(SMALL, agreements={1: "Accord A"})


def test_names_from_a_pax_table(tmp_path: Path) -> None:
    table = tmp_path / "pax.csv"
    table.write_text('AgtId,Agt,Dat\n1,"Accord, with comma\nand a newline",2015-06-20\n2,B,x\n')
    out = quiet_read(SMALL, agreements=table)
    assert out["agreement"].unique().tolist() == ["Accord, with comma\nand a newline", "B"]


def write(tmp: Path, data: bytes) -> Path:
    path = tmp / "x.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            b",30,0,1,6,",
            b",30,0,1,31,",
            "line 2, column 'FemDel_N': more women \\(31\\) than people",
        ),
        (b",30,0,1,6,", b",30,0,1,-6,", "line 2, column 'FemDel_N': a count cannot be negative"),
        (b",30,0,1,6,", b",30,0,1,6.5,", "line 2, column 'FemDel_N': expected a whole number"),
        (b"2015-06-20", b"20/06/2015", "line 2, column 'Dat': expected a date"),
        (b"FrAg,1,30", b"FrAg,yes,30", "line 2, column 'GeWom': expected 0, 1 or empty"),
        (b"GeWom,", b"GeWomen,", "line 1: is not a PA-X agreement-level \\(PADD\\) file"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, old: bytes, new: bytes, message: str) -> None:
    data = SMALL.read_bytes()
    assert old in data
    with pytest.raises(ValueError, match=message):
        quiet_read(write(tmp_path, data.replace(old, new, 1)))


def test_printed_share_that_disagrees_is_warned(tmp_path: Path) -> None:
    data = SMALL.read_bytes().replace(b",6,0.2,", b",6,0.25,", 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        with pytest.warns(DataConsistencyWarning, match="FemDel_P = '0.25' but 6/30"):
            wps.read.pax_delegates(write(tmp_path, data))


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "AgtId,Agt\n1.5,Wrong one\n2,B\n",
            r"line 2, column 'AgtId': expected a whole number .* '1.5'",
        ),
        ("AgtId,Agt\n1,A\nabc,C\n", r"line 3, column 'AgtId': expected a whole number .* 'abc'"),
        ("AgtId,Agt\n1,A\n2,B\n2,B-dup\n", r"line 4, column 'AgtId': AgtId 2 is listed twice"),
    ],
)
def test_an_agreements_table_that_would_misname_is_refused(
    tmp_path: Path, table: str, message: str
) -> None:
    # before, 1.5 named agreement 1, the last of two names won, and "abc" vanished
    path = tmp_path / "agt.csv"
    path.write_text(table)
    with pytest.raises(ValueError, match=message):
        quiet_read(SMALL, agreements=path)


def test_an_agreements_mapping_is_checked() -> None:
    with pytest.raises(ValueError, match=r"agreements: key 1.7 is not an AgtId"):
        quiet_read(SMALL, agreements={1.7: "A"})
    with pytest.raises(ValueError, match=r"agreements: key 'one' is not an AgtId"):
        quiet_read(SMALL, agreements={"one": "A"})
    with pytest.raises(TypeError, match=r"a mapping \{AgtId: name\} or the path"):
        quiet_read(SMALL, agreements=5)  # type: ignore[arg-type]
    out = quiet_read(SMALL, agreements={1: None, "2": "B"})
    names = out.drop_duplicates("agreement_id")["agreement"]
    assert names.isna().tolist() == [True, False] and names.iloc[1] == "B"  # None is missing


def reference(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


@pytest.mark.shared_data
@pytest.mark.parametrize("name", REAL)
def test_real_row_accounting(shared_data: Path, name: str) -> None:
    path = shared_data / "pax" / name
    rows = reference(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        warnings.simplefilter("error", DataConsistencyWarning)  # shares agree with counts
        out = wps.read.pax_delegates(path)
    # every role the file counts, none left out: the five, and staff, advisers, unknown where
    # the file has their columns
    roles = {**ROLES, **{p: r for p, r in MORE_ROLES.items() if f"{p}_N" in rows[0]}}
    assert out.attrs["roles"] == roles
    assert out.attrs["rows_read"] == len(rows) == 116
    k = len(roles)
    assert len(out) == 116 * k
    assert out["role"].astype(str).tolist() == list(roles.values()) * 116

    def count(v: str) -> object:
        return pd.NA if v in ("", "NA") else int(v)

    expected_people = [count(r[f"{p}_N"]) for r in rows for p in roles]
    expected_women = [count(r[f"Fem{p}_N"]) for r in rows for p in roles]
    assert out["people"].tolist() == expected_people
    assert out["women"].tolist() == expected_women
    assert out["agreement_id"].iloc[::k].tolist() == [int(r["AgtId"]) for r in rows]
    assert out["gewom"].iloc[::k].tolist() == [r["GeWom"] == "1" for r in rows]


@pytest.mark.shared_data
def test_delegates_are_the_whole_delegation(shared_data: Path) -> None:
    # Del_N is the sum of the other seven roles in 103 of the 107 agreements with counts (checked
    # from the file with the csv module): delegates is the total, the other roles its parts
    out = quiet_read(shared_data / "pax" / "PADD_Agreement_Level.csv")
    wide = out.set_index(["agreement_id", "role"])["people"].unstack("role")  # noqa: PD010
    parts = wide.drop(columns="delegates").fillna(0).sum(axis=1)
    counted = wide["delegates"].notna()
    assert int(counted.sum()) == 107
    assert int((parts[counted] == wide.loc[counted, "delegates"]).sum()) == 103


@pytest.mark.shared_data
def test_real_mali_agreements(shared_data: Path) -> None:
    out = quiet_read(shared_data / "pax" / "PADD_Agreement_Level.csv")
    mali = out[out["geo"] == "MLI"]
    assert sorted(set(mali["agreement_id"])) == [637, 1365, 2177, 2293]
    assert set(mali["country"]) == {"Mali", "Mali/Azawad"}
    algiers = mali[(mali["agreement_id"] == 1365) & (mali["role"] == "delegates")]
    assert (int(algiers["people"].iloc[0]), int(algiers["women"].iloc[0])) == (29, 6)
    chad = out[out["country"] == "Chad/Sudan"]
    assert chad["geo"].iloc[0] == "TCD/SDN"
    # countries PA-X names by a short form of their ISO name are in geo too
    geo = out.drop_duplicates("agreement_id").set_index("agreement_id")["geo"]
    assert geo[1887] == "FRA/DEU/RUS/GBR/USA"
    assert geo[381] == "MKD"
    assert geo[594] == "ISR/JOR/PSE"


@pytest.mark.shared_data
def test_bundled_mali_extract_matches_the_reader(shared_data: Path) -> None:
    out = quiet_read(shared_data / "pax" / "PADD_Agreement_Level.csv")
    mali = out[out["country"].isin(["Mali", "Mali/Azawad"])]
    mali = mali.sort_values(["date", "agreement_id"], kind="stable").reset_index(drop=True)
    bundled = wps.load("pax_mali")
    for col in ("agreement_id", "people", "women", "gewom"):
        assert bundled[col].tolist() == mali[col].tolist()
    assert bundled["role"].astype(str).tolist() == mali["role"].astype(str).tolist()
    assert bundled["stage"].astype(str).tolist() == mali["stage"].astype(str).tolist()
    assert pd.to_datetime(bundled["date"]).tolist() == mali["date"].tolist()


@settings(max_examples=100)
@given(damaged(SMALL.read_bytes()))
def test_damaged_fixture_gives_the_other_rows_or_names_the_line(damage: Damage) -> None:
    check_csv(wps.read.pax_delegates, SMALL.read_bytes(), damage, "x.csv")


@pytest.mark.parametrize("token", TOKENS)
def test_every_field_meets_every_odd_value(token: bytes) -> None:
    for damage in every_field_replaced(SMALL.read_bytes(), token, 2):
        check_csv(wps.read.pax_delegates, SMALL.read_bytes(), damage, "x.csv")


@pytest.mark.shared_data
@pytest.mark.parametrize("name", REAL)
def test_damaged_real_file_gives_the_other_rows_or_names_the_line(
    shared_data: Path, name: str
) -> None:
    raw = (shared_data / "pax" / name).read_bytes()

    @settings(max_examples=25)
    @given(damaged(raw, max_column=110))
    def check(damage: Damage) -> None:
        check_csv(wps.read.pax_delegates, raw, damage, name)

    check()


def test_a_second_byte_order_mark_is_read(tmp_path: Path) -> None:
    # a file re-saved with its mark kept, then marked again: decode() removes one, pandas the other
    path = tmp_path / "x.csv"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())
    pd.testing.assert_frame_equal(quiet_read(path), quiet_read(SMALL))


def test_a_lone_surrogate_is_named(tmp_path: Path) -> None:
    # found by review: a codec such as unicode_escape can make half a surrogate pair
    data = (
        b"AgtId,Con,Dat,Stage,GeWom,Del_N,FemDel_N,Sig_N,FemSig_N,Ob_N,FemOb_N,Neg_N,FemNeg_N,"
        b'Med_N,FemMed_N\n1,"A\\ud800",2000-01-01,Pre,0,1,0,1,0,1,0,1,0,1,0\n'
    )
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=r"x\.csv', line 2: decoded as unicode_escape"):
        wps.read.pax_delegates(path, encoding="unicode_escape")
