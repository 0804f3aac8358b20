"""Tests that kill the mutations of the readers a hand-run mutation audit found surviving: each
pins a check against silent data loss, a line or record number in an error, or a value. The
expected values come from the small files written here, never from the reader itself."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from test_read_ipu import _damaged
from test_read_report import _write_pages
from test_read_wdi import write

import wpsstats as wps
from wpsstats import _countries as countries
from wpsstats.read import CountryNameWarning, DataConsistencyWarning, EncodingWarning
from wpsstats.read import _common as common

# --- _common -----------------------------------------------------------------------------------


def test_a_nul_byte_is_named_by_its_own_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^file 'f\.csv', line 2: holds NUL bytes"):
        common.decode(b"a\nb\x00c\n", tmp_path / "f.csv")


def test_a_byte_that_windows_1252_leaves_undefined_falls_back_to_latin_1(tmp_path: Path) -> None:
    # 0x81 has no character in Windows-1252: the file is read as Latin-1, not refused by a crash
    with pytest.warns(EncodingWarning, match=r"line 2\); decoded as latin-1"):
        text, used = common.decode(b"a\n\x81\xe9\n", tmp_path / "f.csv")
    assert (text, used) == ("a\n\x81\xe9\n", "latin-1")


def test_the_count_of_other_bad_lines_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    three = "expected 2 comma-separated fields as in the header, found 1 (2 more such lines)"
    with pytest.raises(ValueError, match=rf"^file 'x\.csv', line 2: {re.escape(three)}$"):
        common.read_csv_text("a,b\n1\n2\n3,4\n5\n", path)
    with pytest.raises(ValueError, match=r"line 3: .*found 3 \(1 more such line\)$"):
        common.read_csv_text("a,b\n1,2\n3,4,5\n6,7,8\n", path)


def test_a_line_of_spaces_that_pandas_skips_is_refused_not_dropped(tmp_path: Path) -> None:
    # the csv module reads "   " as a record, pandas skips it: rather than lose a record or
    # give the later ones the wrong lines, the file is refused
    with pytest.raises(ValueError, match=r"holds 3 records of 1 fields, but pandas read 2 of 1"):
        common.read_csv_text("a\n1\n   \n2\n", tmp_path / "x.csv", as_printed=True)


def test_a_key_that_two_codes_share_is_left_out() -> None:
    pairs = [("congo", "COG"), ("congo", "COD"), ("mali", "MLI"), ("mali", "MLI")]
    assert countries.unambiguous(pairs) == {"mali": "MLI"}


@pytest.mark.parametrize(
    "name",
    [
        "Korea",  # pycountry's fuzzy search answers both Koreas: no guess
        "Western Australia",  # a state; only one of its words starts a word of "Australia"
    ],
)
def test_a_name_that_is_no_one_country_is_not_matched(name: str) -> None:
    assert countries.iso3_from_names([name]) == ([None], [name])


# --- wdi -----------------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "read"
BULK = FIXTURES / "API_TEST.SEATS_DS2_en_csv_v2_1.csv"
HEADER = b"Country Name,Country Code,Indicator Name,Indicator Code,2018,2019\n"


def test_wdi_a_lone_cr_after_the_preamble_is_named_by_its_line_in_the_file(tmp_path: Path) -> None:
    # the bulk fixture: a 4-line preamble, the header on line 5, Mali on line 6
    data = BULK.read_bytes().replace(b'"8.84","9.52"', b'"8.84",\r"9.52"')
    with pytest.raises(ValueError, match=r"'w\.csv', line 6: holds a carriage return"):
        wps.read.wdi(write(tmp_path, "w.csv", data), metadata=None)


def test_wdi_a_row_without_country_code_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", HEADER + b"Mali,MLI,Seats,SG,1,2\nNowhere,,Seats,SG,3,4\n")
    with pytest.raises(
        ValueError, match=r"^file 'w\.csv', line 3, column 'Country Code': a row has no Country"
    ):
        wps.read.wdi(path, metadata=None)


def test_wdi_a_wrong_header_is_named_by_its_line(tmp_path: Path) -> None:
    data = BULK.read_bytes().replace(b'"Indicator Name","Indicator Code"', b'"Code","Name"')
    with pytest.raises(ValueError, match=r"'w\.csv', line 5: expected the header to start with"):
        wps.read.wdi(write(tmp_path, "w.csv", data), metadata=None)


def test_wdi_years_after_a_gap_are_refused(tmp_path: Path) -> None:
    data = b"Country Name,Country Code,Indicator Name,Indicator Code,,2018\nMali,MLI,S,SG,,1\n"
    with pytest.raises(
        ValueError, match=r"'w\.csv', line 1: the year columns must follow the name and code"
    ):
        wps.read.wdi(write(tmp_path, "w.csv", data), metadata=None)


def test_wdi_a_repeated_year_names_both_header_fields(tmp_path: Path) -> None:
    data = HEADER.replace(b"2018,2019", b"1960,1961,1960") + b"A,ABW,X,Y,1,2,3\n"
    message = r"line 1: the year 1960 heads two columns \(header fields 5 and 7\)$"
    with pytest.raises(ValueError, match=message):
        wps.read.wdi(write(tmp_path, "w.csv", data), metadata=None)


def _page(page: int, pages: int, total: int, records: list[dict[str, Any]]) -> list[Any]:
    return [{"page": page, "pages": pages, "per_page": 2, "total": total}, records]


def _obs(date: str, value: Any, **more: Any) -> dict[str, Any]:
    name = "Proportion of seats held by women in national parliaments (%)"
    return {
        "indicator": {"id": "SG.GEN.PARL.ZS", "value": name},
        "country": {"id": "ML", "value": "Mali"},
        "countryiso3code": "MLI",
        "date": date,
        "value": value,
        **more,
    }


def _json(tmp_path: Path, name: str, payload: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def test_wdi_api_pages_that_hold_fewer_observations_than_the_query_are_refused(
    tmp_path: Path,
) -> None:
    path = _json(tmp_path, "p1.json", _page(1, 1, 3, [_obs("2019", 9.5), _obs("2020", 10.0)]))
    message = "the API says the query has 3 observations but the 1 page(s) hold 2"
    with pytest.raises(ValueError, match=rf"^file 'p1\.json': {re.escape(message)}$"):
        wps.read.wdi(path, metadata=None)


def test_wdi_an_api_page_given_twice_is_refused(tmp_path: Path) -> None:
    page = _page(1, 2, 4, [_obs("2019", 9.5), _obs("2020", 10.0)])
    paths = [_json(tmp_path, "a.json", page), _json(tmp_path, "b.json", page)]
    with pytest.raises(ValueError, match=r"^file 'b\.json': page 1 is given twice$"):
        wps.read.wdi(paths, metadata=None)


def test_wdi_an_api_page_of_another_query_is_refused(tmp_path: Path) -> None:
    paths = [
        _json(tmp_path, "a.json", _page(1, 2, 3, [_obs("2019", 9.5), _obs("2020", 10.0)])),
        _json(tmp_path, "b.json", _page(2, 2, 5, [_obs("2018", 8.0)])),
    ]
    with pytest.raises(ValueError, match=r"^file 'b\.json': belongs to another query"):
        wps.read.wdi(paths, metadata=None)


def test_wdi_an_api_value_that_is_no_number_is_named(tmp_path: Path) -> None:
    path = _json(tmp_path, "p.json", _page(1, 1, 2, [_obs("2019", 9.5), _obs("2020", "n/a")]))
    with pytest.raises(
        ValueError, match=r"^file 'p\.json', record 2: 'value' must be a number or null, got 'n/a'$"
    ):
        wps.read.wdi(path, metadata=None)


def test_wdi_an_api_observation_without_a_value_is_named(tmp_path: Path) -> None:
    record = _obs("2019", 9.5)
    del record["value"]
    path = _json(tmp_path, "p.json", _page(1, 1, 1, [record]))
    with pytest.raises(
        ValueError, match=r"^file 'p\.json', record 1: an observation lacks the key 'value'$"
    ):
        wps.read.wdi(path, metadata=None)


def test_wdi_an_api_indicator_without_a_name_has_no_share(tmp_path: Path) -> None:
    # whether the value is a per cent is read from the name: no name, no share
    record = _obs("2019", 9.5)
    record["indicator"] = {"id": "SG.GEN.PARL.ZS"}
    out = wps.read.wdi(_json(tmp_path, "p.json", _page(1, 1, 1, [record])), metadata=None)
    assert out["value"].tolist() == [9.5]
    assert out["share"].isna().tolist() == [True]


# --- dhs_api -------------------------------------------------------------------------------------

SUBNATIONAL = FIXTURES / "dhs_api_subnational.csv"
DHS_JSON = FIXTURES / "dhs_api.json"


def test_dhs_a_first_row_with_one_hash_field_is_data_not_hxl(tmp_path: Path) -> None:
    # the HXL row is hashtags in every filled field; a label that starts with "#" is data
    data = SUBNATIONAL.read_bytes().replace(b",Region,Kabul,", b",Region,#Kabul,", 1)
    out = wps.read.dhs_api(write(tmp_path, "x.csv", data))
    assert out.attrs["hxl"] is None and out.attrs["rows_read"] == 2
    assert out["characteristic_label"].tolist() == ["#Kabul", "Paktika"]
    assert out["value"].tolist() == [4.6, 5.3]


def test_dhs_a_nested_json_value_is_named_by_its_record(tmp_path: Path) -> None:
    payload = json.loads(DHS_JSON.read_text(encoding="utf-8"))
    payload["Data"][1]["SurveyId"] = {"id": "AF2015DHS"}
    with pytest.raises(
        ValueError,
        match=r"^file 'x\.json', record 2, column 'SurveyId': expected a plain value, got a nested",
    ):
        wps.read.dhs_api(_json(tmp_path, "x.json", payload))


def test_dhs_a_lone_dot_before_a_label_is_the_labels_own(tmp_path: Path) -> None:
    # ".." pairs are the indent; a dot left over belongs to the label (".5 children")
    data = SUBNATIONAL.read_bytes().replace(b",Region,..Paktika,", b",Region,...5 children,", 1)
    out = wps.read.dhs_api(write(tmp_path, "x.csv", data))
    assert out["characteristic_label"].tolist() == ["Kabul", ".5 children"]
    assert out["level"].tolist() == [0, 1]


def test_dhs_a_column_the_api_does_not_document_is_kept_last(tmp_path: Path) -> None:
    lines = SUBNATIONAL.read_text(encoding="utf-8").split("\n")
    lines[0] += ",Remark"
    lines[1] += ",see note 3"
    lines[2] += ","
    out = wps.read.dhs_api(write(tmp_path, "x.csv", "\n".join(lines).encode()))
    assert out.columns[-1] == "Remark"
    assert out["Remark"].tolist() == ["see note 3", pd.NA]


def test_dhs_an_unknown_hdx_iso3_code_is_warned_and_kept(tmp_path: Path) -> None:
    data = (FIXTURES / "dhs_api_hdx_hxl.csv").read_bytes().replace(b"\nAFG,2,", b"\nZZZ,2,", 1)
    with pytest.warns(CountryNameWarning, match=r"1 ISO3 code\(s\) not matched .*: 'ZZZ'; they"):
        out = wps.read.dhs_api(write(tmp_path, "x.csv", data))
    assert out["geo"].tolist()[:3] == ["AFG", "ZZZ", "AFG"]


# --- ipi_gender ----------------------------------------------------------------------------------


def _mission(code: str = "BFA", name: str = "Burkina Faso", **counts: Any) -> dict[str, Any]:
    return {"mission": "MINUSMA", "tcc_country_id": code, "tcc_country_string": name,
            "cont_date": "20140331T000000", **counts}  # fmt: skip


def test_ipi_a_count_of_2_to_the_53_is_refused(tmp_path: Path) -> None:
    path = _json(tmp_path, "x.json", [_mission(troops_m=5), _mission(troops_f=2**53)])
    with pytest.raises(
        ValueError,
        match=r"^file 'x\.json', record 2, column 'troops_f': expected a whole number of people, "
        r"got 9007199254740992$",
    ):
        wps.read.ipi_gender(path)


def test_ipi_a_category_with_no_sex_keys_gives_zero_rows_and_a_warning(tmp_path: Path) -> None:
    path = _json(tmp_path, "x.json", [_mission(troops=5)])
    message = (
        "file 'x.json': counts that do not add up (returned as printed): "
        "record 1: troops_f + troops_m = 0, troops = 5"
    )
    with pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}$"):
        out = wps.read.ipi_gender(path)
    assert out[["category", "sex"]].astype(str).values.tolist() == [
        ["troops", "female"], ["troops", "male"],
    ]  # fmt: skip
    assert out["count"].tolist() == [0, 0]


def test_ipi_sums_that_disagree_are_listed_three_at_most(tmp_path: Path) -> None:
    path = _json(tmp_path, "x.json", [_mission(troops=5, troops_f=1, troops_m=1)] * 4)
    listed = "; ".join(f"record {i}: troops_f + troops_m = 2, troops = 5" for i in (1, 2, 3))
    message = f"file 'x.json': counts that do not add up (returned as printed): {listed}"
    with pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}$"):
        wps.read.ipi_gender(path)


def test_ipi_categories_that_do_not_add_to_the_total_are_warned(tmp_path: Path) -> None:
    path = _json(tmp_path, "x.json", [_mission(troops_f=1, troops_m=2, total_f=3, total_m=2)])
    message = (
        "file 'x.json': counts that do not add up (returned as printed): "
        "record 1: categories add to 1 but total_f = 3"
    )
    with pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}$"):
        out = wps.read.ipi_gender(path)
    assert out["count"].tolist() == [1, 2]


def test_ipi_an_unknown_contributor_code_is_warned_and_keeps_the_files_name(
    tmp_path: Path,
) -> None:
    grand = {"mission": "all", "tcc_country_id": "all", "cont_date": "20140331T000000",
             "troops": 3, "troops_f": 1, "troops_m": 2}  # fmt: skip
    records = [grand, _mission("XYZ", "Atlantis", troops=3, troops_f=1, troops_m=2)]
    message = (
        "file 'x.json': 1 contributor code(s) not matched to ISO 3166-1 by pycountry: 'XYZ'; "
        "their name is the file's own"
    )
    with pytest.warns(CountryNameWarning, match=f"^{re.escape(message)}$"):
        out = wps.read.ipi_gender(_json(tmp_path, "x.json", records))
    assert out["contributor"].tolist() == ["XYZ", "XYZ"]
    assert out["contributor_name"].tolist() == ["Atlantis", "Atlantis"]


# --- pax_delegates -------------------------------------------------------------------------------

PADD_HEADER = (
    "AgtId,Con,Dat,Stage,GeWom,Del_N,FemDel_N,FemDel_P,Sig_N,FemSig_N,Ob_N,FemOb_N,Neg_N,"
    "FemNeg_N,Med_N,FemMed_N\n"
)


def _padd(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "p.csv"
    path.write_text(PADD_HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def test_pax_shares_off_by_a_thousandth_are_warned_by_their_lines_three_at_most(
    tmp_path: Path,
) -> None:
    rows = [f"{i},Mali,2015-06-20,SubComp,1,10,1,0.101,0,0,0,0,0,0,0,0" for i in (1, 2, 3, 4)]
    listed = "; ".join(f"line {n}: FemDel_P = '0.101' but 1/10 = 0.100000000" for n in (2, 3, 4))
    message = f"file 'p.csv': printed shares that disagree with the counts: {listed}"
    with pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}$"):
        out = wps.read.pax_delegates(_padd(tmp_path, *rows))
    assert len(out) == 4 * 5


def test_pax_a_count_printed_with_spaces_around_it_is_read(tmp_path: Path) -> None:
    path = _padd(tmp_path, "7,Mali,2015-06-20,SubComp,1, 10 , NA ,,0,0,0,0,0,0,0,0")
    out = wps.read.pax_delegates(path)
    delegates = out[out["role"] == "delegates"]
    assert delegates["people"].tolist() == [10] and delegates["women"].isna().tolist() == [True]


def test_pax_an_agreement_without_agtid_is_named(tmp_path: Path) -> None:
    path = _padd(
        tmp_path,
        "7,Mali,2015-06-20,SubComp,1,10,1,0.1,0,0,0,0,0,0,0,0",
        ",Mali,2015-06-21,SubComp,1,10,1,0.1,0,0,0,0,0,0,0,0",
    )
    with pytest.raises(
        ValueError, match=r"^file 'p\.csv', line 3, column 'AgtId': an agreement has no AgtId$"
    ):
        wps.read.pax_delegates(path)


def test_pax_gewom_2_is_named_not_read_as_false(tmp_path: Path) -> None:
    path = _padd(tmp_path, "7,Mali,2015-06-20,SubComp,2,10,1,0.1,0,0,0,0,0,0,0,0")
    with pytest.raises(
        ValueError,
        match=r"^file 'p\.csv', line 2, column 'GeWom': expected 0, 1 or empty, got '2'$",
    ):
        wps.read.pax_delegates(path)


def test_pax_na_in_a_text_column_is_missing(tmp_path: Path) -> None:
    data = (FIXTURES / "pax_small.csv").read_bytes().replace(b",SubComp,,0,", b",SubComp,NA,0,", 1)
    with pytest.warns(CountryNameWarning):  # "Azawad" is no country
        out = wps.read.pax_delegates(write(tmp_path, "p.csv", data))
    assert out["stage_sub"].tolist() == ["FrAg"] * 5 + [pd.NA] * 5


# --- pax_agreements ------------------------------------------------------------------------------


def test_pax_agreements_an_unknown_loc_iso_code_is_warned_and_kept(tmp_path: Path) -> None:
    text = (FIXTURES / "pax_agreements_small.csv").read_text(encoding="utf-8-sig")
    path = write(tmp_path, "a.csv", text.replace(",MLI,,1,", ",ZZZ,,1,", 1).encode())
    message = (
        "file 'a.csv': 1 Loc ISO code(s) not matched to ISO 3166-1 by pycountry: 'ZZZ'; "
        "they are kept as given in geo"
    )
    with pytest.warns(CountryNameWarning, match=f"^{re.escape(message)}$"):
        out = wps.read.pax_agreements(path)
    assert out["geo"].tolist() == ["ZZZ", "CHN/KAZ/RUS", "PSE/ISR"]


# --- ipu -----------------------------------------------------------------------------------------

IPU_FRENCH = FIXTURES / "ipu_fr_preamble.csv"


def test_ipu_a_share_off_by_a_tenth_of_a_point_is_warned(tmp_path: Path) -> None:
    # 59 / 120 = 49.17 per cent, printed 49.2; printed 49.3 is more than IPU's rounding
    path = _damaged(tmp_path, '"59","49.2"', '"59","49.3"', name="i.csv")
    message = (
        "file 'i.csv': 1 printed share(s) disagree with women / seats: line 7 (lower): 49.3 but "
        "59/120"
    )
    with (
        pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}$"),
        pytest.warns(UserWarning, match="three-digit year"),
    ):
        wps.read.ipu(path)


LOWER = "Lower or single House"
ELECTION = f"column '{LOWER}: Elections': expected an election date as MM.YYYY"
RANK = "column 'rank': expected a rank (a whole number from 1), a tie mark, an empty field or"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"120","59"', '"120","-3"', f"line 7, column '{LOWER}': negative women"),
        ('"4","25"', '"4","125"', f"line 9, column '{LOWER}: % W': a share of 125.0 per cent"),
        ('"02.1994"', '"02.19"', f"line 10, {ELECTION}, got '02.19'"),
        ('"02.1994"', '"13.1994"', f"line 10, {ELECTION}, got '13.1994'"),
        ('"Suspendu"', '"\u201c"', "line 11, column 'rank': a tie mark with no rank above it"),
        ('"3","Saint', '"0","Saint', f"line 9, {RANK} 'Suspended', got '0'"),
    ],
    ids=["negative-women", "share-over-100", "2-digit-year", "month-13", "tie-below-unranked",
         "rank-0"],
)  # fmt: skip
def test_ipu_values_out_of_range_are_named(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _damaged(tmp_path, old, new, name="i.csv")
    with (
        pytest.raises(ValueError, match=f"^file 'i\\.csv', {re.escape(message)}$"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore", UserWarning)  # the fixture's three-digit years
        wps.read.ipu(path)


def test_ipu_a_preamble_field_beyond_the_csv_limit_is_named_by_its_line(tmp_path: Path) -> None:
    lines = IPU_FRENCH.read_text(encoding="utf-8").split("\n")
    lines.insert(1, '"Note: ' + "x" * 140_000 + '"')
    path = write(tmp_path, "i.csv", "\n".join(lines).encode())
    with pytest.raises(
        ValueError, match=r"^file 'i\.csv', line 2: cannot be parsed as CSV: field larger than"
    ):
        wps.read.ipu(path)


# --- unicef --------------------------------------------------------------------------------------


def _book(tmp_path: Path, rows: list[list[Any]]) -> Path:
    pytest.importorskip("openpyxl")  # here, not at import: the other readers' tests still run
    from test_read_unicef import workbook

    return workbook(tmp_path, rows)


def test_unicef_a_country_with_one_empty_cell_keeps_its_row(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Countries and areas", "Married by 15", None, "Married by 18", None, None],
        ["Mali", 16.5, None, None, None, "MICS 2015"],
        ["Niger", None, None, 76.3, None, "DHS 2012"],
    ]
    out = wps.read.unicef(_book(tmp_path, rows))
    assert out.attrs["rows_read"] == 2 and out.attrs["notes"] == []
    assert out["geo"].tolist() == ["MLI", "MLI", "NER", "NER"]
    assert out["value"].tolist() == [0.165, pd.NA, pd.NA, 0.763]


def test_unicef_the_year_beside_the_last_value_is_not_its_note(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Country", "FGM prevalence (%)", "Reference year", "Data source"],
        ["Mali", 88.6, 2018, "DHS"],
    ]
    out = wps.read.unicef(_book(tmp_path, rows))
    assert out["note"].tolist() == [pd.NA]
    assert out["reference_year"].tolist() == ["2018"] and out["source"].tolist() == ["DHS"]


# --- report --------------------------------------------------------------------------------------


def _pages(tmp_path: Path, pages: list[str]) -> pd.DataFrame:
    return wps.read.report(_write_pages(tmp_path, pages, "r.txt"))


WORDS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]


def _body(word: str) -> list[str]:
    return [f"{word} opens the page.", f"{word} goes on.", f"{word} ends the page."]


def test_report_a_running_line_third_from_the_top_is_removed(tmp_path: Path) -> None:
    pages = [
        "\n".join([f"{w} title", f"{w} subtitle", "Women and security", *_body(w)])
        for w in WORDS[:3]
    ]
    out = _pages(tmp_path, pages)
    assert out.attrs["furniture"] == ["Women and security"]
    assert "Women and security" not in "".join(out["text"])


def test_report_a_running_line_on_a_third_of_the_pages_is_removed(tmp_path: Path) -> None:
    # at an edge of 2 of 6 pages: 30 per cent of the pages is enough
    pages = ["\n".join(["Annex figures" if i < 2 else f"{w} head", *_body(w)])
             for i, w in enumerate(WORDS)]  # fmt: skip
    out = _pages(tmp_path, pages)
    assert out.attrs["furniture"] == ["Annex figures"]
    assert out["text"].tolist()[:2] == ["\n".join(_body(w)) for w in WORDS[:2]]


def test_report_a_bare_number_that_does_not_follow_the_page_count_is_kept(tmp_path: Path) -> None:
    # the page numbers 1, 2, 3 at the foot go; "40", a table's first cell at the top, stays
    pages = ["\n".join([*_body(w), str(k)]) for k, w in enumerate(WORDS[:3], 1)]
    pages[1] = "40\n" + pages[1]
    out = _pages(tmp_path, pages)
    assert out["text"].tolist()[1] == "\n".join(["40", *_body("Bravo")])
    assert out["text"].tolist()[0] == "\n".join(_body("Alpha"))


def test_report_a_rule_high_on_the_page_does_not_start_the_footnotes(tmp_path: Path) -> None:
    page = "\n".join(["Report title", "__________", *_body("Alpha"), *_body("Bravo")])
    out = _pages(tmp_path, [page])
    assert out["footnotes"].tolist() == [""]
    assert out["text"].tolist() == [page]


def test_report_a_footnote_mark_is_taken_off_once(tmp_path: Path) -> None:
    page = "Resolution1 was adopted.\nThe item B1 stays.\n__________\n1 See the annex."
    out = _pages(tmp_path, [page])
    assert out["text"].tolist() == ["Resolution was adopted.\nThe item B1 stays."]
    assert out["footnotes"].tolist() == ["1 See the annex."]


def test_report_a_cover_page_of_six_lines_is_the_title(tmp_path: Path) -> None:
    cover = (
        "S/2099/1\nWomen\nand peace\nand security\nin the Sahel\nreport of the\nSecretary-General"
    )
    out = _pages(tmp_path, [cover])
    assert out.attrs["symbol"] == "S/2099/1"
    title = "Women and peace and security in the Sahel report of the Secretary-General"
    assert out.attrs["title"] == title


def test_report_a_broken_compound_keeps_its_hyphen_when_both_forms_are_printed(
    tmp_path: Path,
) -> None:
    page = "Peacekeeping and peace-keeping both appear.\nThe peace-\nkeeping budget."
    out = _pages(tmp_path, [page])
    assert out["text"].tolist() == [
        "Peacekeeping and peace-keeping both appear.\nThe peace-keeping budget."
    ]


def test_report_a_footnote_line_ending_in_a_comma_goes_on_on_the_next(tmp_path: Path) -> None:
    page = (
        "Seats rose1 in the year.\nThe end.\n1 See the annual report,\nUnited Nations Secretariat."
    )
    out = _pages(tmp_path, [page])
    assert out["text"].tolist() == ["Seats rose in the year.\nThe end."]
    assert out["footnotes"].tolist() == ["1 See the annual report, United Nations Secretariat."]


def test_report_the_symbol_under_the_masthead_is_found(tmp_path: Path) -> None:
    first = "United Nations\nSecurity Council\nS/2099/7\nDistr.: General\n1 July 2099\nThe text."
    out = _pages(tmp_path, [first])
    assert (out.attrs["symbol"], out.attrs["date"]) == ("S/2099/7", "2099-07-01")


def test_report_bare_numbers_of_five_digits_at_the_edges_are_kept(tmp_path: Path) -> None:
    # found by this audit: "12345" has the shape of a page number ("#") but is none; the
    # search for the page count's offset found no page number and raised an IndexError
    pages = ["12345\nAlpha text.", "67890\nBravo text."]
    out = _pages(tmp_path, pages)
    assert out["text"].tolist() == pages and out.attrs["furniture"] == []


def test_report_a_page_number_with_words_on_a_single_page_is_removed(tmp_path: Path) -> None:
    out = _pages(tmp_path, ["Women held 12 of the 40 seats.\nPage 1 of 1"])
    assert out["text"].tolist() == ["Women held 12 of the 40 seats."]


def test_ipu_every_share_that_disagrees_is_counted(tmp_path: Path) -> None:
    text = IPU_FRENCH.read_text(encoding="utf-8")
    for printed, wrong in [("49.2", "59.2"), ("27.6", "37.6"), ('"24","24"', '"24","34"'),
                           ('"25"', '"35"'), ("33.3", "43.3")]:  # fmt: skip
        text = text.replace(printed, wrong, 1)
    path = write(tmp_path, "i.csv", text.encode())
    listed = "line 7 (lower): 59.2 but 59/120; line 8 (lower): 37.6 but 119/432; line 8 (upper)"
    message = f"file 'i.csv': 5 printed share(s) disagree with women / seats: {listed}"
    with (
        pytest.warns(DataConsistencyWarning, match=f"^{re.escape(message)}"),
        pytest.warns(UserWarning, match="three-digit year"),
    ):
        wps.read.ipu(path)


def test_dhs_every_missing_column_is_named(tmp_path: Path) -> None:
    lines = SUBNATIONAL.read_text(encoding="utf-8").split("\n")
    kept = [i for i, name in enumerate(lines[0].split(",")) if name not in ("Indicator", "Value")]
    data = "\n".join(",".join(line.split(",")[i] for i in kept) for line in lines if line)
    with pytest.raises(
        ValueError,
        match=r"^file 'x\.csv', line 1: is not a DHS API export: it lacks the column\(s\) "
        r"Indicator, Value \(expected the API's 27 columns",
    ):
        wps.read.dhs_api(write(tmp_path, "x.csv", data.encode()))


def test_a_blank_first_line_is_no_header(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^file 'x\.csv', line 1: has no header line$"):
        common.read_csv_text("\na,b\n1,2\n", tmp_path / "x.csv")


def test_pax_con_na_is_missing_and_not_matched(tmp_path: Path) -> None:
    path = _padd(tmp_path, "7,NA,2015-06-20,SubComp,1,10,1,0.1,0,0,0,0,0,0,0,0")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "NA" is no unmatched country name
        out = wps.read.pax_delegates(path)
    assert out["country"].isna().all() and out["geo"].isna().all()


def test_dhs_a_json_object_without_data_is_named(tmp_path: Path) -> None:
    message = 'is not a DHS API JSON reply: expected an object with a "Data" list'
    with pytest.raises(ValueError, match=f"^file 'x\\.json': {re.escape(message)}$"):
        wps.read.dhs_api(_json(tmp_path, "x.json", {"Records": []}))
