"""wpsstats.read.ipi_gender against a hand-made fixture and IPI's real March 2014 file."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from damage import Damage, check_json, damaged, read
from hypothesis import given, settings
from hypothesis import strategies as st

import wpsstats as wps
from wpsstats.read import DataConsistencyWarning

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SMALL = FIXTURES / "ipi_gender_small.json"
REAL = "ipi_20140331_gender.json"
KEYS = {"troops": "troops", "ip": "individual_police", "fpu": "formed_police",
        "eom": "experts_on_mission"}  # fmt: skip


def test_long_table_of_the_fixture() -> None:
    out = wps.read.ipi_gender(SMALL)
    assert list(out.columns) == [
        "date", "mission", "contributor", "contributor_name", "category", "sex", "count",
    ]  # fmt: skip
    assert set(out["mission"]) == {"MINUSMA", "UNMISS"}  # totals are not mixed in
    assert out["date"].unique().tolist() == [pd.Timestamp("2014-03-31")]
    assert out["contributor_name"].tolist()[0] == "Burkina Faso"
    assert out.attrs["records"] == {
        "mission": 4, "contributor_total": 2, "mission_total": 0, "grand_total": 1,
    }  # fmt: skip
    assert out.attrs["grand_total"]["total"] == {"female": 3, "male": 52}
    assert out.attrs["checked"] == ["grand_total", "contributor_total"]


def test_absent_keys() -> None:
    out = wps.read.ipi_gender(SMALL)
    unmiss_bfa = out[(out["mission"] == "UNMISS") & (out["contributor"] == "BFA")]
    # eom is present with eom_m only: the absent eom_f is zero; no other category is listed
    assert unmiss_bfa["category"].astype(str).tolist() == ["experts_on_mission"] * 2
    assert unmiss_bfa["count"].tolist() == [0, 2]
    minusma_bfa = out[(out["mission"] == "MINUSMA") & (out["contributor"] == "BFA")]
    assert set(minusma_bfa["category"].astype(str)) == {"troops"}


def test_totals_as_flagged_rows() -> None:
    out = wps.read.ipi_gender(SMALL, totals="rows")
    assert out["record"].value_counts().to_dict() == {
        "mission": 10, "contributor_total": 10, "grand_total": 8, "mission_total": 0,
    }  # fmt: skip
    missions = out[out["record"] == "mission"]
    grand = out[out["record"] == "grand_total"]
    assert missions["count"].sum() == grand["count"].sum() == 55


def write(tmp: Path, records: object) -> Path:
    path = tmp / "x.json"
    path.write_text(json.dumps(records))
    return path


def test_inconsistent_counts_are_warned_not_fixed(tmp_path: Path) -> None:
    records = json.loads(SMALL.read_text())
    records[3]["troops_f"] = 2  # troops_f + troops_m no longer equals troops, nor the totals
    with pytest.warns(DataConsistencyWarning) as caught:
        out = wps.read.ipi_gender(write(tmp_path, records))
    messages = [str(w.message) for w in caught]
    assert any("record 4: troops_f + troops_m = 21" in m for m in messages)
    # and the totals no longer add up: said too, the counts returned as printed
    assert any("grand_total 'all' differs from the sum of its missions" in m for m in messages)
    assert out["count"].iloc[0] == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r[1].update(troops_f=-1), "record 2, column 'troops_f': expected a whole"),
        (lambda r: r[1].update(troops_f=1.5), "record 2, column 'troops_f'"),
        (lambda r: r[1].update(troops_f="3"), "record 2, column 'troops_f'"),
        (lambda r: r[1].update(troops_f=True), "record 2, column 'troops_f'"),
        # the exact value is named, not its float (2**53 + 1 would print as 2**53)
        (lambda r: r[1].update(troops_f=2**53 + 1), "got 9007199254740993"),
        (lambda r: r[1].update(troops_f=2**70), "record 2, column 'troops_f'"),
        (lambda r: r[1].update(troops_f=float("inf")), "record 2, column 'troops_f'"),
        (lambda r: r[1].update(troops_f=[1]), "record 2, column 'troops_f'"),
        (lambda r: r[2].update(mission=""), "record 3: expected text in 'mission', got ''"),
        # a null (or NaN) count is not known, not 0: absent keys are how the files say none
        (lambda r: r[1].update(troops_f=None), "record 2, column 'troops_f': a count is null"),
        (lambda r: r[1].update(troops_f=float("nan")), "column 'troops_f': a count is NaN"),
        (lambda r: r[2].pop("mission"), r"record 3: has no value for 'mission' \(the key is"),
        (lambda r: r[2].update(mission=None), "record 3: has no value for 'mission'"),
        (lambda r: r[2].update(mission=7), "record 3: expected text in 'mission', got 7"),
        (lambda r: r[2].pop("tcc_country_id"), "record 3: has no value for 'tcc_country_id'"),
        (lambda r: r[2].update(cont_date="March 2014"), "record 3: expected a date"),
        (lambda r: r.append(3), "record 8: expected a JSON object"),
    ],
)
def test_damaged_records_are_named(tmp_path: Path, change: object, message: str) -> None:
    records = json.loads(SMALL.read_text())
    change(records)  # type: ignore[operator]
    with pytest.raises(ValueError, match=message):
        wps.read.ipi_gender(write(tmp_path, records))


def test_wrong_kind_of_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected a JSON list of records"):
        wps.read.ipi_gender(write(tmp_path, {"a": 1}))
    with pytest.raises(ValueError, match="no record has the key 'tcc_country_id'"):
        wps.read.ipi_gender(write(tmp_path, [{"mission": "X"}]))
    with pytest.raises(ValueError, match="totals='sum' is not one of"):
        wps.read.ipi_gender(SMALL, totals="sum")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def real(shared_data: Path) -> tuple[pd.DataFrame, list[dict]]:
    path = shared_data / "peacekeeping_ipi" / REAL
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the real file is consistent: no warning at all
        out = wps.read.ipi_gender(path)
    return out, json.loads(path.read_text())


@pytest.mark.shared_data
def test_real_missions_add_up_to_the_grand_total(real: tuple[pd.DataFrame, list[dict]]) -> None:
    out, _ = real
    # the file's grand-total record (and SOURCES.md): 97,811 personnel, 3,690 women
    assert int(out["count"].sum()) == 97811
    assert int(out.loc[out["sex"] == "female", "count"].sum()) == 3690
    grand = out.attrs["grand_total"]
    assert grand["total"] == {"female": 3690, "male": 97811 - 3690}
    by_category = out.groupby(["category", "sex"], observed=True)["count"].sum()
    for category, sexes in grand.items():
        if category != "total":
            assert {s: int(by_category[(category, s)]) for s in sexes} == sexes


@pytest.mark.shared_data
def test_real_minusma_march_2014(real: tuple[pd.DataFrame, list[dict]]) -> None:
    out, _ = real
    minusma = out[out["mission"] == "MINUSMA"]
    # SOURCES.md: 43 contributors, 102 women among 7,469 uniformed personnel
    assert minusma["contributor"].nunique() == 43
    assert int(minusma["count"].sum()) == 7469
    assert int(minusma.loc[minusma["sex"] == "female", "count"].sum()) == 102
    g5 = minusma[minusma["contributor"].isin(["BFA", "MLI", "MRT", "NER", "TCD"])]
    assert set(g5["contributor"]) == {"BFA", "MRT", "NER", "TCD"}  # Mali hosts the mission


@pytest.mark.shared_data
def test_real_row_accounting(real: tuple[pd.DataFrame, list[dict]]) -> None:
    out, records = real
    assert sum(out.attrs["records"].values()) == len(records) == 696
    missions = [r for r in records if r["mission"] != "all"]
    assert out.attrs["records"]["mission"] == len(missions) == 573
    # one row per present category and sex of each mission record, each count as in the file
    expected = [
        (r["mission"], r["tcc_country_id"], KEYS[k], s, r.get(f"{k}_{s[0]}", 0))
        for r in missions
        for k in KEYS
        if k in r or f"{k}_f" in r or f"{k}_m" in r
        for s in ("female", "male")
    ]
    got = list(
        zip(
            out["mission"],
            out["contributor"],
            out["category"].astype(str),
            out["sex"].astype(str),
            out["count"].astype(int),
            strict=True,
        )
    )
    assert got == expected


@pytest.mark.shared_data
def test_real_contributor_totals_match_their_missions(shared_data: Path) -> None:
    rows = wps.read.ipi_gender(shared_data / "peacekeeping_ipi" / REAL, totals="rows")
    key = ["contributor", "category", "sex"]
    missions = rows[rows["record"] == "mission"].groupby(key, observed=True)["count"].sum()
    totals = rows[rows["record"] == "contributor_total"].groupby(key, observed=True)["count"].sum()
    pd.testing.assert_series_equal(missions.sort_index(), totals.sort_index())
    assert rows["contributor"][rows["record"] == "contributor_total"].nunique() == 122


@pytest.mark.shared_data
def test_bundled_minusma_extract_matches_the_reader(real: tuple[pd.DataFrame, list]) -> None:
    out, _ = real
    bundled = wps.load("ipi_minusma_2014")
    minusma = out[out["mission"] == "MINUSMA"].reset_index(drop=True)
    assert len(bundled) == len(minusma)
    np.testing.assert_array_equal(bundled["count"].to_numpy(), minusma["count"].to_numpy())
    # every column the extract shares with the reader, not only the counts
    for col in bundled.columns.intersection(minusma.columns):
        assert bundled[col].astype(str).tolist() == minusma[col].astype(str).tolist(), col


@settings(max_examples=80)
@given(damaged(SMALL.read_bytes(), kinds=("cut_file", "junk", "drop_line", "cut_line")))
def test_damaged_fixture_gives_a_frame_or_names_the_line(damage: Damage) -> None:
    check_json(wps.read.ipi_gender, damage, "x.json")


def expected_rows(records: list[dict]) -> list[tuple[object, ...]]:
    """What ipi_gender must return for valid records: for each mission record, each category
    it has a key of, female and male, an absent sex key being 0 (an independent reading)."""
    rows = []
    for r in records:
        if "all" in (r["mission"], r["tcc_country_id"]):
            continue
        for prefix, category in KEYS.items():
            if any(key in r for key in (prefix, f"{prefix}_f", f"{prefix}_m")):
                for s, sex in (("f", "female"), ("m", "male")):
                    count = int(r.get(f"{prefix}_{s}", 0))
                    rows.append((r["mission"], r["tcc_country_id"], category, sex, count))
    return rows


@settings(max_examples=100)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                ["mission", "tcc_country_id", "cont_date", "troops", "troops_f", "ip_m", "total_f"]
            ),
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(-3, 10**20),
                st.floats(),
                st.text(max_size=3),
                st.just("20140331T000000"),
                st.just("all"),
            ),
        ),
        max_size=5,
    )
)
def test_random_records_give_their_rows_or_a_value_error(records: list[dict]) -> None:
    got = read(wps.read.ipi_gender, json.dumps(records).encode(), "x.json")
    if isinstance(got, ValueError):
        assert str(got).startswith("file 'x.json'"), got
        return
    columns = ["mission", "contributor", "category", "sex", "count"]
    assert list(got[columns].astype(object).itertuples(index=False, name=None)) == (
        expected_rows(records)
    )


@pytest.mark.shared_data
def test_damaged_real_file_gives_a_frame_or_names_the_line(shared_data: Path) -> None:
    raw = (shared_data / "peacekeeping_ipi" / REAL).read_bytes()

    @settings(max_examples=25)
    @given(damaged(raw, kinds=("cut_file", "junk", "drop_line", "cut_line")))
    def check(damage: Damage) -> None:
        check_json(wps.read.ipi_gender, damage, "x.json")

    check()


def test_a_null_outside_the_counts_is_no_error(tmp_path: Path) -> None:
    records = json.loads(SMALL.read_text())
    # a null in a key that is not a count: the counts are looked at record by record, and pass
    records[0]["note"] = None
    out = wps.read.ipi_gender(write(tmp_path, records))
    pd.testing.assert_frame_equal(out, wps.read.ipi_gender(SMALL), check_like=False)
