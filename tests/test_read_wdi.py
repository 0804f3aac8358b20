"""wpsstats.read.wdi against hand-made fixtures and the real World Bank files in ../shared/data."""

from __future__ import annotations

import csv
import importlib
import io
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from damage import TOKENS, Damage, check_csv, check_json, damaged, every_field_replaced
from hypothesis import given, settings

import wpsstats as wps
from wpsstats.read import EncodingWarning

FIXTURES = Path(__file__).parent / "fixtures" / "read"
BULK = FIXTURES / "API_TEST.SEATS_DS2_en_csv_v2_1.csv"
RESAVED = FIXTURES / "wdi_resaved.csv"
PARL = "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
PARL_RESAVED = "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_1740381_resaved.csv"
LABOUR = "API_SL.TLF.CACT.FE.ZS_DS2_en_csv_v2_3731491.csv"
COLUMNS = ["geo", "geo_name", "indicator", "indicator_name", "period", "value", "share",
           "is_aggregate"]  # fmt: skip


def data_rows(path: Path) -> list[list[str]]:
    """The rows after the header, parsed by Python's csv module (an independent reference)."""
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = next(i for i, r in enumerate(rows) if r[:1] == ["Country Name"])
    return [r for r in rows[header + 1 :] if r]


# --- hand-made fixtures ----------------------------------------------------------------------


def test_bulk_file_with_preamble_bom_crlf_quotes_and_trailing_comma() -> None:
    out = wps.read.wdi(BULK)
    assert list(out.columns) == COLUMNS
    assert out.attrs["last_updated"] == "2022-02-15"
    assert out.attrs["data_source"] == "World Development Indicators"
    assert out.attrs["format"] == "wdi_bulk_csv"
    assert out.attrs["rows_read"] == 4
    assert len(out) == 4 * 3  # every (row, year) cell, empty ones too
    mali = out[out["geo"] == "MLI"]
    assert mali["value"].tolist() == [8.84, 9.52, pd.NA]
    assert mali["period"].astype(str).tolist() == ["2018", "2019", "2020"]
    # the quoted indicator name keeps its comma
    civ = out[out["geo"] == "CIV"]
    assert civ["indicator_name"].iloc[0].endswith("(%), lower house")
    assert civ["geo_name"].iloc[0] == "Côte d'Ivoire"


def test_aggregates_from_the_companion_metadata() -> None:
    out = wps.read.wdi(BULK)
    flags = out.groupby("geo", observed=True)["is_aggregate"].first().to_dict()
    assert flags == {"MLI": False, "SSF": True, "CHI": False, "CIV": False}
    assert out.attrs["is_aggregate_from"] == "metadata"


def test_aggregates_without_metadata_follow_iso_3166() -> None:
    out = wps.read.wdi(BULK, metadata=None)
    flags = out.groupby("geo", observed=True)["is_aggregate"].first().to_dict()
    # CHI is not ISO 3166-1: without the World Bank's metadata it cannot be told from an aggregate
    assert flags == {"MLI": False, "SSF": True, "CHI": True, "CIV": False}
    assert out.attrs["is_aggregate_from"] == "iso3166"


def test_resaved_file_without_preamble_or_quotes() -> None:
    out = wps.read.wdi(FIXTURES / "wdi_resaved.csv")
    assert out.attrs["format"] == "wdi_csv"
    assert out.attrs["last_updated"] is None
    assert out.groupby("geo", observed=True)["is_aggregate"].first().to_dict() == {
        "MLI": False, "SSF": True, "CHI": True, "XKX": False,
    }  # fmt: skip
    assert out.loc[out["geo"] == "XKX", "value"].iloc[0] == 32.5


def test_keep_text_gives_the_printed_values() -> None:
    out = wps.read.wdi(BULK, keep_text=True)
    assert out.loc[out["geo"] == "SSF", "value_text"].tolist() == ["23.6", "24.1", "25"]
    assert out["value_text"].isna().sum() == out["value"].isna().sum()


def test_dropna_drops_only_empty_cells() -> None:
    out = wps.read.wdi(BULK, dropna=True)
    assert len(out) == 8 and out["value"].notna().all()


def test_latin1_file_is_decoded_with_a_warning() -> None:
    with pytest.warns(EncodingWarning, match="not UTF-8.*line 2"):
        out = wps.read.wdi(FIXTURES / "wdi_latin1.csv")
    assert out["geo_name"].iloc[0] == "Côte d'Ivoire"
    assert out.attrs["encoding"] == "cp1252"
    out = wps.read.wdi(FIXTURES / "wdi_latin1.csv", encoding="latin-1")
    assert out["geo_name"].iloc[0] == "Côte d'Ivoire"


def test_api_json_pages() -> None:
    pages = [FIXTURES / "wb_api_page1.json", FIXTURES / "wb_api_page2.json"]
    out = wps.read.wdi(pages, keep_text=True)
    assert out.attrs["rows_read"] == 3 and out.attrs["pages_missing"] == []
    assert out.attrs["last_updated"] == "2022-02-15"
    assert out["geo"].astype(str).tolist() == ["MLI", "MLI", "ARB"]
    assert out["is_aggregate"].tolist() == [False, False, True]
    assert out["value"].iloc[0] is pd.NA
    assert out["value_text"].tolist() == [pd.NA, "9.52380952380952", "19.0"]
    assert list(out.columns[:8]) == COLUMNS


def test_api_json_missing_page_is_reported() -> None:
    with pytest.warns(UserWarning, match=r"pages \[2\] of 2"):
        out = wps.read.wdi(FIXTURES / "wb_api_page1.json")
    assert out.attrs["pages_missing"] == [2] and len(out) == 2


def test_api_error_reply_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="error reply of the World Bank API: Invalid value"):
        wps.read.wdi(FIXTURES / "wb_api_error.json")


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def test_truncated_line_names_the_line(tmp_path: Path) -> None:
    lines = BULK.read_bytes().split(b"\r\n")
    lines[6] = lines[6][:60]
    path = write(tmp_path, "cut.csv", b"\r\n".join(lines))
    with pytest.raises(ValueError, match=r"file 'cut.csv', line 7: a quoted field is never closed"):
        wps.read.wdi(path)
    # a line cut between two fields keeps its quotes paired: it is short
    lines[6] = b'"Mali","MLI"'
    path = write(tmp_path, "short.csv", b"\r\n".join(lines))
    with pytest.raises(ValueError, match=r"file 'short.csv', line 7: expected 8 .* found 2"):
        wps.read.wdi(path)


def test_non_number_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", BULK.read_bytes().replace(b'"9.52"', b'"9,52x"'))
    with pytest.raises(ValueError, match=r"line 6, column '2019': expected a number.*'9,52x'"):
        wps.read.wdi(path)


def test_a_preamble_key_given_twice(tmp_path: Path) -> None:
    # two "Last Updated Date" lines that disagree: which is the file's is not for a reader to
    # guess; the same line twice is no contradiction
    raw = BULK.read_bytes()
    updated = b'"Last Updated Date","2022-02-15",\r\n'
    assert raw.count(updated) == 1
    path = tmp_path / BULK.name
    path.write_bytes(raw.replace(updated, updated + b'"Last Updated Date","2021-12-16",\r\n'))
    with pytest.raises(
        ValueError,
        match=r"line 4: the preamble gives 'Last Updated Date' twice: '2022-02-15', then "
        r"'2021-12-16'",
    ):
        wps.read.wdi(path, metadata=None)
    path.write_bytes(raw.replace(updated, updated * 2))
    assert wps.read.wdi(path, metadata=None).attrs["last_updated"] == "2022-02-15"


@pytest.mark.parametrize(
    "preamble",
    [b'"Data Sour', b'"Data Source","World\r\nDevelopment Indicators",'],
    ids=["quote left open", "quoted line break"],
)
def test_a_quote_open_in_the_preamble_does_not_move_the_header(
    tmp_path: Path, preamble: bytes
) -> None:
    # the preamble is read line by line: a quote it leaves open, or a quoted line break, must not
    # make the header be found at another line (before, the table was cut at the wrong line
    # and the file refused, or a later error named a line one off)
    raw = BULK.read_bytes()
    data = raw[:3] + preamble + raw[raw.index(b"\r\n") :]
    path = tmp_path / BULK.name
    path.write_bytes(data)
    out = wps.read.wdi(path, metadata=None)
    pd.testing.assert_frame_equal(out, wps.read.wdi(BULK, metadata=None))
    # a short record after it is named by its own line in the file
    mali = data.index(b'"Mali"')
    line = data[:mali].count(b"\n") + 1
    path.write_bytes(data.replace(b'"8.84","9.52","",', b'"8.84",', 1))
    with pytest.raises(ValueError, match=f"line {line}: expected 8 comma-separated fields"):
        wps.read.wdi(path)


def test_value_in_the_unnamed_last_column_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", BULK.read_bytes().replace(b'"",\r\n"Sub', b'"","7"\r\n"Sub'))
    with pytest.raises(ValueError, match=r"line 6: a value '7' sits in a column with no header"):
        wps.read.wdi(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a,b\n1,2\n", "not a World Bank WDI CSV"),
        (b'"Country Name","Code"\n', "expected the header to start with"),
        (b"Country Name,Country Code,Indicator Name,Indicator Code,Year\n", "expected a year"),
        (b"[1, 2", "not valid JSON"),
        (b"{}", "not a World Bank API v2 JSON page"),
    ],
)
def test_wrong_kind_of_file(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wps.read.wdi(write(tmp_path, "f.csv", data))


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="file path"):
        wps.read.wdi(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only World Bank API JSON pages"):
        wps.read.wdi([BULK, BULK])
    with pytest.raises(ValueError, match="empty list"):
        wps.read.wdi([])


# --- the real files --------------------------------------------------------------------------


@pytest.mark.shared_data
@pytest.mark.parametrize("name", [PARL, PARL_RESAVED, LABOUR])
def test_real_file_row_accounting(shared_data: Path, name: str) -> None:
    path = shared_data / "wdi" / name
    reference = data_rows(path)
    out = wps.read.wdi(path)
    n_years = out["period"].nunique()
    assert out.attrs["rows_read"] == len(reference)
    assert len(out) == len(reference) * n_years
    # every code of the file is there, in file order
    assert list(pd.unique(out["geo"].astype(str))) == [r[1] for r in reference]
    # every non-empty cell of the file is a value, and no other
    filled = sum(1 for r in reference for v in r[4 : 4 + n_years] if v != "")
    assert int(out["value"].notna().sum()) == filled


@pytest.mark.shared_data
def test_real_bulk_values_match_the_csv_module(shared_data: Path) -> None:
    path = shared_data / "wdi" / PARL
    reference = data_rows(path)
    out = wps.read.wdi(path, keep_text=True)
    printed = [v for r in reference for v in r[4:-1]]
    assert out["value_text"].fillna("").tolist() == printed
    expected = np.array([float(v) if v else np.nan for v in printed])
    np.testing.assert_array_equal(out["value"].to_numpy(dtype=float, na_value=np.nan), expected)
    assert out.attrs["last_updated"] == "2022-02-15"


@pytest.mark.shared_data
def test_real_aggregates_agree_with_the_world_banks_metadata(shared_data: Path) -> None:
    path = shared_data / "wdi" / PARL
    by_meta = wps.read.wdi(path).groupby("geo", observed=True)["is_aggregate"].first()
    by_rule = (
        wps.read.wdi(path, metadata=None).groupby("geo", observed=True)["is_aggregate"].first()
    )
    meta = pd.read_csv(
        shared_data / "wdi" / f"Metadata_Country_{PARL}", keep_default_na=False, dtype=str
    )
    listed = meta.set_index("Country Code")["Region"].eq("")
    common = listed.index.intersection(by_meta.index)
    assert (by_meta[common] == listed[common]).all()
    assert int(listed.sum()) == 48
    # INX ("Not classified") is absent from the metadata; the ISO rule calls it an aggregate
    assert bool(by_meta["INX"]) is True
    # the rule disagrees with the metadata only on the Channel Islands
    assert list(by_meta.index[by_meta != by_rule]) == ["CHI"]


@pytest.mark.shared_data
def test_resaved_copy_agrees_with_the_original(shared_data: Path) -> None:
    # Two releases (v2_1740381, re-saved by a user, and v2_3731396): most cells are the same
    # figure, printed to 10 significant digits in the re-saved copy; some were revised since.
    original = wps.read.wdi(shared_data / "wdi" / PARL)
    resaved = wps.read.wdi(shared_data / "wdi" / PARL_RESAVED)

    def keyed(frame: pd.DataFrame) -> pd.Series:
        index = pd.MultiIndex.from_arrays([frame["geo"].astype(str), frame["period"].astype(str)])
        return pd.Series(frame["value"].to_numpy(dtype=float, na_value=np.nan), index=index)

    o, r = keyed(original), keyed(resaved)
    common = o.index.intersection(r.index)
    o, r = o[common], r[common]
    filled = o.notna() & r.notna()
    assert filled.sum() > 5000
    same = np.isclose(r[filled], o[filled], rtol=5e-10, atol=0)
    assert same.mean() > 0.9


# --- damage: one line harmed, the rest read as before ----------------------------------------


@settings(max_examples=100)
@given(damaged(BULK.read_bytes(), max_column=8))
def test_damaged_fixture_gives_the_other_rows_or_names_the_line(damage: Damage) -> None:
    check_csv(wps.read.wdi, BULK.read_bytes(), damage, BULK.name)


@settings(max_examples=60)
@given(damaged(RESAVED.read_bytes(), max_column=8))
def test_damaged_resaved_fixture_gives_the_other_rows_or_names_the_line(damage: Damage) -> None:
    check_csv(wps.read.wdi, RESAVED.read_bytes(), damage, RESAVED.name)


@pytest.mark.parametrize("token", TOKENS)
def test_every_field_meets_every_odd_value(token: bytes) -> None:
    for damage in every_field_replaced(BULK.read_bytes(), token, 6):  # Mali's record
        check_csv(wps.read.wdi, BULK.read_bytes(), damage, BULK.name)


@settings(max_examples=60)
@given(damaged((FIXTURES / "wb_api_page1.json").read_bytes(), max_column=8))
def test_damaged_api_json_gives_a_frame_or_names_the_file(damage: Damage) -> None:
    check_json(wps.read.wdi, damage, "page.json")


@pytest.mark.shared_data
def test_damaged_real_file_gives_the_other_rows_or_names_the_line(shared_data: Path) -> None:
    raw = (shared_data / "wdi" / PARL).read_bytes()

    @settings(max_examples=40)
    @given(damaged(raw, max_column=8))
    def check(damage: Damage) -> None:
        check_csv(lambda p: wps.read.wdi(p, metadata=None), raw, damage, PARL)

    check()


# --- the Metadata_Country companion ----------------------------------------------------------

METADATA = FIXTURES / "Metadata_Country_API_TEST.SEATS_DS2_en_csv_v2_1.csv"


def _metadata_outcome(path: Path) -> object:
    """The companion's flags as the reader reads them, or the message of its ValueError."""
    module = importlib.import_module("wpsstats.read.wdi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)
        try:
            return module._read_metadata(path, None)
        except ValueError as exc:
            return str(exc)


def _flags_by_pandas(path: Path, encoding: str = "utf-8-sig") -> dict[str, bool]:
    """The outside reference: pandas' reading of a companion (an empty Region: an aggregate)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
    return dict(zip(table["Country Code"], table["Region"] == "", strict=True))


def test_metadata_companion_agrees_with_pandas() -> None:
    assert _metadata_outcome(METADATA) == _flags_by_pandas(METADATA)


@settings(max_examples=80)
@given(damaged(METADATA.read_bytes(), max_column=6))
def test_a_damaged_metadata_companion_gives_the_flags_pandas_reads_or_a_value_error(
    damage: Damage,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / METADATA.name
        path.write_bytes(damage.data)
        outcome = _metadata_outcome(path)
        if isinstance(outcome, str):
            assert outcome.startswith(f"file {METADATA.name!r}")
            return
        assert isinstance(outcome, dict)
        try:
            expected = _flags_by_pandas(path)
        except (ValueError, UnicodeDecodeError, KeyError):
            return  # pandas refuses what the reader reads (a latin-1 byte)
        assert outcome == expected


@pytest.mark.shared_data
def test_real_metadata_companion_agrees_with_pandas(shared_data: Path) -> None:
    # its SpecialNotes hold quoted line breaks and commas
    path = shared_data / "wdi" / f"Metadata_Country_{PARL}"
    flags = _metadata_outcome(path)
    assert flags == _flags_by_pandas(path)
    assert isinstance(flags, dict) and len(flags) == 265 and sum(flags.values()) == 48


HEADER = b"Country Name,Country Code,Indicator Name,Indicator Code,2019,2020\n"
COMPANION = b"Country Code,Region,TableName\nMLI,Sub-Saharan Africa,Mali\nSSF,,SSA\n"


def test_a_name_with_a_line_break_is_kept(tmp_path: Path) -> None:
    path = tmp_path / BULK.name
    path.write_bytes(BULK.read_bytes().replace(b'"Mali"', b'"Ma\r\nli"'))
    out = wps.read.wdi(path, metadata=None)
    assert out["geo_name"].iloc[0] == "Ma\r\nli"
    # a line break inside a number is no number: named by the line its record starts on
    path.write_bytes(BULK.read_bytes().replace(b'"8.84"', b'"8\n84"'))
    with pytest.raises(ValueError, match=r"line 6, column '2018': expected a number"):
        wps.read.wdi(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (HEADER + b"Mali,MLI,Seats,SG,TRUE,\n", r"line 2, column '2019': .* got 'TRUE'"),
        (HEADER.replace(b"2020\n", b'"\n') + b"Mali,MLI,Seats,SG,1.5,\n", "line 1: a quoted"),
        (HEADER.replace(b"\n", b"\r\r\n") + b"Mali,MLI,Seats,SG,1.5,2\n", "line 1: .*carriage"),
    ],
    ids=["booleans", "open-quote-header", "cr-cr-lf-header"],
)
def test_found_by_review_are_named(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=message):
        wps.read.wdi(path)


def test_names_and_values_are_kept_as_printed(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER + b"1.50,007,TRUE,1e5,1.5,2\n")
    row = wps.read.wdi(path, metadata=None).iloc[0]
    assert [row["geo_name"], row["geo"], row["indicator_name"], row["indicator"]] == [
        "1.50", "007", "TRUE", "1e5",
    ]  # fmt: skip
    path.write_bytes(HEADER + b"Mali,MLI,Seats,SG,TRUE,\n")
    with pytest.raises(ValueError, match=r"column '2019': expected a number .*, got 'TRUE'"):
        wps.read.wdi(path)


FLAGS = {"MLI": False, "SSF": True}


@pytest.mark.parametrize(
    ("companion", "expected"),
    [
        (COMPANION.replace(b"Mali\n", "Ma\u2028li\n".encode()), FLAGS),  # a line separator
        # a Region that is a line break: MLI is a country (it was read as empty, by splitlines())
        (COMPANION.replace(b"Sub-Saharan Africa", b'"\n"'), FLAGS),
        (b'Country Code,Region,"\nMLI,,Mali\n', "line 1: a quoted field is never closed"),
        (COMPANION.replace(b"Mali\n", b"n" * 140_000 + b"\n"), FLAGS),  # beyond csv's limit
    ],
    ids=["u2028", "quoted-lf-region", "open-quote-header", "long-field"],
)
def test_companions_found_by_review(tmp_path: Path, companion: bytes, expected: object) -> None:
    path = tmp_path / "Metadata_Country_x.csv"
    path.write_bytes(companion)
    outcome = _metadata_outcome(path)
    if isinstance(expected, str):
        assert isinstance(outcome, str) and expected in outcome
    else:
        assert outcome == expected == _flags_by_pandas(path)


def test_a_repeated_year_is_named(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_bytes(b"Country Name,Country Code,Indicator Name,Indicator Code,1960,1960,\n"
                     b"Aruba,ABW,X,Y,1,2,\n")  # fmt: skip
    with pytest.raises(ValueError, match=r"the year 1960 heads two columns \(header fields 5 and"):
        wps.read.wdi(path)


# --- the bundled extract ---------------------------------------------------------------------


@pytest.mark.shared_data
def test_bundled_g5_sahel_extract_matches_the_file(shared_data: Path) -> None:
    out = wps.read.wdi(shared_data / "wdi" / PARL, keep_text=True, dropna=True)
    g5 = out[out["geo"].isin(["BFA", "MLI", "MRT", "NER", "TCD"])]
    bundled = wps.load("wdi_parliament_g5s")
    assert len(bundled) == len(g5)  # all years with data
    got = dict(
        zip(
            zip(bundled["geo"], bundled["period"], strict=True),
            bundled["percent_printed"],
            strict=True,
        )
    )
    want = dict(
        zip(
            zip(g5["geo"].astype(str), g5["period"].astype(str), strict=True),
            g5["value_text"],
            strict=True,
        )
    )
    assert got == want


def test_a_lone_surrogate_is_named_with_the_file_and_line(tmp_path: Path) -> None:
    # found by review: it was a UnicodeEncodeError naming neither (and, in a companion, the two
    # ways disagreed)
    path = tmp_path / "w.csv"
    path.write_bytes(HEADER + b"A\\ud800,MLI,I,I.C,1,2\n")
    with pytest.raises(ValueError, match=r"w\.csv', line 2: decoded as unicode_escape"):
        wps.read.wdi(path, metadata=None, encoding="unicode_escape")
    path.write_bytes(HEADER + b"Mali,MLI,I,I.C,1,2\n")
    companion = tmp_path / "Metadata_Country_w.csv"
    companion.write_bytes(b"Country Code,Region\nMLI,\\ud800\n")
    with pytest.raises(ValueError, match=r"Metadata_Country_w\.csv', line 2"):
        wps.read.wdi(path, encoding="unicode_escape")


def test_only_the_lines_up_to_the_header_are_parsed_to_find_it(tmp_path: Path) -> None:
    # a field beyond the csv module's limit in the preamble is named with its line; one in a
    # data line is read
    path = tmp_path / "w.csv"
    path.write_bytes(b'"Data Source","' + b"x" * 140_000 + b'",\n' + HEADER)
    with pytest.raises(ValueError, match=r"w\.csv', line 1: cannot be parsed as CSV: field larger"):
        wps.read.wdi(path, metadata=None)
    path.write_bytes(HEADER + b"M" + b"a" * 140_000 + b"li,MLI,Seats,SG,1.5,\n")
    assert wps.read.wdi(path, metadata=None)["geo_name"].iloc[0].endswith("ali")
