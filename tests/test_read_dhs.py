"""wpsstats.read.dhs_api against hand-made fixtures and the real HDX/DHS API files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from damage import TOKENS, Damage, check_csv, check_json, damaged, every_field_replaced
from hypothesis import given, settings
from test_read_wdi import write

import wpsstats as wps
from wpsstats.read import CountryNameWarning

FIXTURES = Path(__file__).parent / "fixtures" / "read"
REAL = [
    "hdx_afg0national.csv",
    "hdx_afg0subnational.csv",
    "hdx_afg77national.csv",
    "hdx_DHS_Mobile_national_AFG.csv",
    "hdx_DHS_Quickstats_national_AFG.csv",
    "hdx_DHS_Quickstats_national_AFG_with_HXL_row_5899134.csv",
    "hdx_DHS_Quickstats_subnational_AFG.csv",
]
# HDX's copies of the DHS API rows for Nigeria, 1990-2021: a later API, with LevelRank last
NIGERIA = [
    "hdx_fertility-rates_national_nga.csv",
    "hdx_select-gender-indicators_national_nga.csv",
]


def reference_rows(path: Path) -> list[dict[str, str]]:
    """The data rows by Python's csv module, without the HXL row (an independent reference)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return [r for r in rows if not r["DataId"].startswith("#")]


def test_hdx_file_with_hxl_row() -> None:
    out = wps.read.dhs_api(FIXTURES / "dhs_api_hdx_hxl.csv")
    assert out.attrs["rows_read"] == 3 and out.attrs["format"] == "hdx_csv"
    assert out.attrs["hxl"]["ByVariableLabel"] == "#indicator+label"
    assert out["geo"].tolist() == ["AFG"] * 3
    assert out["data_id"].tolist() == [1, 2, 3]
    # the same indicator twice, under two by-variables; IsPreferred marks one, both are kept
    wnm = out[out["indicator"] == "PR_DESL_W_WNM"]
    assert wnm["is_preferred"].tolist() == [False, True]
    assert wnm["by_variable_label"].tolist() == ["Living children: 0", pd.NA]
    assert wnm["ci_low"].tolist() == [0.3, pd.NA] and wnm["ci_high"].tolist() == [1.1, pd.NA]
    assert wnm["denominator_unweighted"].tolist() == [1765, 28661]
    assert wnm["denominator_weighted"].tolist() == [pd.NA, 28661.4]
    assert out["precision"].tolist() == [1, 1, 1]
    assert str(out["value"].dtype) == "Float64" and str(out["is_total"].dtype) == "boolean"


def test_subnational_indent_becomes_a_level() -> None:
    out = wps.read.dhs_api(FIXTURES / "dhs_api_subnational.csv")
    assert out["characteristic_label"].tolist() == ["Kabul", "Paktika"]
    assert out["level"].tolist() == [0, 1]
    # without HDX's ISO3 column the country name goes through pycountry
    assert out["geo"].tolist() == ["AFG", "AFG"]
    assert out.attrs["hxl"] is None


def test_json_reply_matches_the_csv() -> None:
    from_json = wps.read.dhs_api(FIXTURES / "dhs_api.json")
    from_csv = wps.read.dhs_api(FIXTURES / "dhs_api_subnational.csv")
    assert from_json.attrs["format"] == "dhs_api_json"
    pd.testing.assert_frame_equal(from_json, from_csv, check_like=False, check_exact=True)


def test_json_reply_that_is_one_page_of_several_is_read_with_a_warning(tmp_path: Path) -> None:
    # the API's replies carry RecordCount (the whole query), Page and TotalPages, as the rdhs
    # client reads them (github.com/ropensci/rdhs, R/API.R): a page is read, and the rest of the
    # query reported, never taken for all of it
    raw = (FIXTURES / "dhs_api.json").read_bytes()
    paged = raw.replace(
        b'"RecordCount": 2, "Page": 1, "TotalPages": 1',
        b'"RecordCount": 5, "Page": 1, "TotalPages": 3',
    )
    path = tmp_path / "page1.json"
    path.write_bytes(paged)
    with pytest.warns(UserWarning, match=r"page 1 of 3 .* holds 2 of the query's 5 records"):
        out = wps.read.dhs_api(path)
    pd.testing.assert_frame_equal(out, wps.read.dhs_api(FIXTURES / "dhs_api.json"))
    path.write_bytes(raw.replace(b'"RecordCount": 2', b'"RecordCount": 1'))
    with pytest.raises(ValueError, match="says RecordCount=1 but its Data holds 2 records"):
        wps.read.dhs_api(path)


def test_missing_column_is_named(tmp_path: Path) -> None:
    raw = (FIXTURES / "dhs_api_subnational.csv").read_text()
    lines = [
        ",".join(f for j, f in enumerate(line.split(",")) if j != 2) for line in raw.split("\n")
    ]
    with pytest.raises(ValueError, match="line 1: is not a DHS API export: it lacks the column"):
        wps.read.dhs_api(write(tmp_path, "x.csv", "\n".join(lines).encode()))


def test_bad_value_names_line_and_column(tmp_path: Path) -> None:
    raw = (FIXTURES / "dhs_api_subnational.csv").read_bytes().replace(b",5.3,", b",5.3%,")
    with pytest.raises(ValueError, match=r"line 3, column 'Value': expected a number.*'5.3%'"):
        wps.read.dhs_api(write(tmp_path, "x.csv", raw))
    raw = (FIXTURES / "dhs_api_subnational.csv").read_bytes().replace(b",0,1,FEF", b",0,yes,FEF")
    with pytest.raises(ValueError, match=r"line 2, column 'IsPreferred': expected 0 or 1"):
        wps.read.dhs_api(write(tmp_path, "y.csv", raw))


def test_bad_json_record_is_named(tmp_path: Path) -> None:
    raw = (FIXTURES / "dhs_api.json").read_bytes().replace(b'"Value": 5.3', b'"Value": true')
    with pytest.raises(ValueError, match=r"record 2, column 'Value'"):
        wps.read.dhs_api(write(tmp_path, "x.json", raw))
    raw = (
        (FIXTURES / "dhs_api.json")
        .read_bytes()
        .replace(b'"RecordsReturned": 2', b'"RecordsReturned": 3')
    )
    with pytest.raises(ValueError, match="RecordsReturned=3"):
        wps.read.dhs_api(write(tmp_path, "y.json", raw))


def test_json_record_that_lacks_a_key_is_named(tmp_path: Path) -> None:
    # the second record's Value was read as missing, though the reply left it out, not null
    raw = (FIXTURES / "dhs_api.json").read_bytes().replace(b'"Value": 5.3, ', b"")
    with pytest.raises(ValueError, match=r"record 2: the record lacks the key 'Value', which"):
        wps.read.dhs_api(write(tmp_path, "x.json", raw))
    # a key no record holds is the column-level error, as before
    raw = (FIXTURES / "dhs_api.json").read_bytes().replace(b'"Value": 5.3, ', b"")
    raw = raw.replace(b'"Value": 4.6, ', b"")
    with pytest.raises(ValueError, match=r"lacks the column\(s\) Value"):
        wps.read.dhs_api(write(tmp_path, "y.json", raw))


def test_unknown_country_is_warned_and_kept(tmp_path: Path) -> None:
    raw = (FIXTURES / "dhs_api_subnational.csv").read_bytes().replace(b"Afghanistan", b"Atlantis")
    with pytest.warns(CountryNameWarning, match="'Atlantis'"):
        out = wps.read.dhs_api(write(tmp_path, "x.csv", raw))
    assert out["country"].tolist() == ["Atlantis"] * 2 and out["geo"].isna().all()


@pytest.mark.shared_data
@pytest.mark.parametrize("name", REAL)
def test_real_file_row_accounting(shared_data: Path, name: str) -> None:
    path = shared_data / "dhs_api" / name
    reference = reference_rows(path)
    out = wps.read.dhs_api(path)
    assert out.attrs["rows_read"] == len(reference) == len(out)
    assert out["data_id"].tolist() == [int(r["DataId"]) for r in reference]
    assert out["value"].tolist() == [float(r["Value"]) for r in reference]
    assert out["ci_low"].isna().sum() == sum(r["CILow"] == "" for r in reference)
    labels = [r["CharacteristicLabel"] for r in reference]
    assert [
        ("." * 2 * lv) + lb
        for lv, lb in zip(out["level"], out["characteristic_label"], strict=True)
    ] == labels
    assert set(out["geo"]) == {"AFG"}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", NIGERIA)
def test_real_nigeria_files_are_read_as_afghanistan_s(shared_data: Path, name: str) -> None:
    path = shared_data / "dhs_api" / name
    reference = reference_rows(path)
    out = wps.read.dhs_api(path)
    assert out.attrs["format"] == "hdx_csv"
    assert out.attrs["rows_read"] == len(reference) == len(out)
    assert out["data_id"].tolist() == [int(r["DataId"]) for r in reference]
    assert out["value"].tolist() == [float(r["Value"]) for r in reference]
    assert out["survey_year"].tolist() == [int(r["SurveyYear"]) for r in reference]
    assert set(out["geo"]) == {"NGA"} and set(out["country"]) == {"Nigeria"}
    # the same columns as Afghanistan's HDX files, LevelRank (empty here) typed as level_rank
    afghanistan = wps.read.dhs_api(shared_data / "dhs_api" / "hdx_DHS_Quickstats_national_AFG.csv")
    assert out.columns.tolist() == [*afghanistan.columns, "level_rank"]
    assert (out.dtypes.drop("level_rank") == afghanistan.dtypes).all()
    assert out["level_rank"].dtype == "Int64" and out["level_rank"].isna().all()


@pytest.mark.shared_data
def test_real_nigeria_figures(shared_data: Path) -> None:
    folder = shared_data / "dhs_api"
    births = wps.read.dhs_api(folder / "hdx_fertility-rates_national_nga.csv")
    gender = wps.read.dhs_api(folder / "hdx_select-gender-indicators_national_nga.csv")
    assert sorted(set(births["survey_year"])) == [1990, 2003, 2008, 2010, 2013, 2015, 2018, 2021]
    tfr = births[(births["indicator"] == "FE_FRTR_W_TFR") & (births["survey_year"] == 2018)]
    assert tfr["value"].tolist() == [5.3]
    by18 = gender[(gender["indicator"] == "MA_MBAG_W_B18") & (gender["survey_year"] == 2018)]
    assert by18["value"].tolist() == [43.0]
    # the marriage indicators are for women 25-49, as their characteristic says
    assert set(gender.loc[gender["indicator"] == "MA_MBAG_W_B18", "characteristic_label"]) == {
        "Total 25-49"
    }


@pytest.mark.shared_data
def test_real_hxl_copy_equals_the_plain_copy(shared_data: Path) -> None:
    folder = shared_data / "dhs_api"
    plain = wps.read.dhs_api(folder / "hdx_DHS_Quickstats_national_AFG.csv")
    hxl = wps.read.dhs_api(folder / "hdx_DHS_Quickstats_national_AFG_with_HXL_row_5899134.csv")
    assert hxl.attrs["hxl"] is not None and plain.attrs["hxl"] is None
    pd.testing.assert_frame_equal(plain, hxl)
    # HDX's copy is the API's file with ISO3 in front: the same rows, the same values
    api = wps.read.dhs_api(folder / "hdx_afg0national.csv")
    pd.testing.assert_frame_equal(api, plain)


@pytest.mark.shared_data
def test_real_subnational_levels(shared_data: Path) -> None:
    out = wps.read.dhs_api(shared_data / "dhs_api" / "hdx_DHS_Quickstats_subnational_AFG.csv")
    assert out["level"].value_counts().to_dict() == {0: 86, 1: 22}
    assert set(out.loc[out["level"] == 1, "characteristic_label"]) == {"Paktika"}
    assert (out["location"] == out["characteristic_label"]).all()


@pytest.mark.shared_data
def test_real_preferred_rows(shared_data: Path) -> None:
    out = wps.read.dhs_api(shared_data / "dhs_api" / "hdx_afg77national.csv")
    assert not out["is_preferred"].all()
    preferred = out[out["is_preferred"]]
    # among the preferred rows an indicator appears once per characteristic
    assert not preferred.duplicated(["indicator", "characteristic_label"]).any()
    # quoted indicator names with commas are read whole
    assert "Median age at first marriage [Men]: 25-49(54,59)" in set(out["indicator_name"])


HXL = FIXTURES / "dhs_api_hdx_hxl.csv"


@settings(max_examples=100)
@given(damaged(HXL.read_bytes()))
def test_damaged_fixture_gives_the_other_rows_or_names_the_line(damage: Damage) -> None:
    check_csv(wps.read.dhs_api, HXL.read_bytes(), damage, "x.csv")


@pytest.mark.parametrize("token", TOKENS)
def test_every_field_meets_every_odd_value(token: bytes) -> None:
    for damage in every_field_replaced(HXL.read_bytes(), token, 3):
        check_csv(wps.read.dhs_api, HXL.read_bytes(), damage, "x.csv")


@settings(max_examples=60)
@given(damaged((FIXTURES / "dhs_api.json").read_bytes()))
def test_damaged_json_gives_a_frame_or_names_the_file(damage: Damage) -> None:
    check_json(wps.read.dhs_api, damage, "x.json")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    "name", ["hdx_afg77national.csv", "hdx_DHS_Quickstats_subnational_AFG.csv"]
)
def test_damaged_real_file_gives_the_other_rows_or_names_the_line(
    shared_data: Path, name: str
) -> None:
    raw = (shared_data / "dhs_api" / name).read_bytes()

    @settings(max_examples=40)
    @given(damaged(raw))
    def check(damage: Damage) -> None:
        check_csv(wps.read.dhs_api, raw, damage, name)

    check()


def test_json_true_and_false_are_yes_and_no_in_a_yes_no_column(tmp_path: Path) -> None:
    # the API writes IsTotal/IsPreferred as 0/1; a client that re-saves the reply may write
    # false/true: the same frame as the CSV's
    raw = (FIXTURES / "dhs_api.json").read_bytes()
    raw = raw.replace(b'"IsTotal": 0', b'"IsTotal": false').replace(
        b'"IsPreferred": 1', b'"IsPreferred": true'
    )
    from_bools = wps.read.dhs_api(write(tmp_path, "x.json", raw))
    from_csv = wps.read.dhs_api(FIXTURES / "dhs_api_subnational.csv")
    pd.testing.assert_frame_equal(from_bools, from_csv, check_exact=True)


def test_json_reply_that_is_not_an_object_with_data_is_refused(tmp_path: Path) -> None:
    for text in ('{"Records": []}', '{"Data": 3}'):
        with pytest.raises(ValueError, match='expected an object with a "Data" list'):
            wps.read.dhs_api(write(tmp_path, "x.json", text.encode()))
