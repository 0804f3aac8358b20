"""Shared reader helpers: CSV field counting, decoding, country names through pycountry."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpsstats.read import _common as common

cell = st.text(alphabet=st.sampled_from(list('ab,"\n\r x')), max_size=6)


@given(st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=8))
def test_field_counts_match_the_csv_module(rows: list[list[str]]) -> None:
    # Python's csv module is the reference for RFC 4180 quoting (quotes, commas and newlines
    # inside fields); the vectorised counter must agree with it record by record.
    buffer = io.StringIO()
    # CRLF as in the World Bank's files; the writer then quotes any CR or LF inside a field
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    text = buffer.getvalue()
    fields, _ = common.csv_field_counts(text)
    expected = [len(r) for r in csv.reader(io.StringIO(text, newline=""))]
    counted = [int(f) for f in fields if f > 0]
    # csv.writer writes a row holding one empty field as '""', never as a blank line
    assert counted == expected


def test_field_counts_report_the_line_of_each_record() -> None:
    text = 'a,b\n"x\ny",2\n\n3,4\n'
    fields, line = common.csv_field_counts(text)
    assert fields.tolist() == [2, 2, 0, 2, 0]
    assert line.tolist() == [1, 2, 4, 5, 6]


def test_short_row_is_an_error_naming_the_line(tmp_path: Path) -> None:
    text = "a,b,c\n1,2,3\n4,5\n"
    with pytest.raises(ValueError, match=r"file 'x.csv', line 3: expected 3 .* found 2"):
        common.read_csv_text(text, tmp_path / "x.csv", dtype=str)


def test_unclosed_quote_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="never closed"):
        common.read_csv_text('a,b\n"1,2\n', tmp_path / "x.csv")


def test_decode_removes_bom_and_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    assert common.decode("\ufeffa".encode(), path) == ("a", "utf-8-sig")
    with pytest.warns(common.EncodingWarning, match="line 2"):
        text, used = common.decode(b"a\n\xf4", path)
    assert (text, used) == ("a\nô", "cp1252")
    with pytest.raises(ValueError, match="NUL"):
        common.decode(b"a\x00b", path)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Democratic Republic of Congo", "COD"),
        ("Congo Democratic Republic", "COD"),
        ("Congo", "COG"),
        ("Cote d'Ivoire", "CIV"),
        ("Cote d Ivoire", "CIV"),
        ("Kyrgyz Republic", "KGZ"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Republic of Korea", "KOR"),
        ("Mali", "MLI"),
    ],
)
def test_country_names_match_pycountry(name: str, code: str) -> None:
    codes, unmatched = common.iso3_from_names([name])
    assert codes == [code] and unmatched == []
    # the code is pycountry's own, not a table of ours
    assert pycountry.countries.get(alpha_3=code) is not None


def test_unmatched_names_are_reported_not_guessed() -> None:
    codes, unmatched = common.iso3_from_names(["Azawad", "Mali", "Azawad", None])
    assert codes == [None, "MLI", None, None]
    assert unmatched == ["Azawad"]
    with pytest.warns(common.CountryNameWarning, match="1 names not matched.*'Azawad'"):
        common.warn_unmatched(Path("f.csv"), "names", unmatched, "kept")


def test_every_pycountry_name_maps_back_to_its_code() -> None:
    names = [c.name for c in pycountry.countries]
    codes, unmatched = common.iso3_from_names(names)
    expected = [c.alpha_3 for c in pycountry.countries]
    matched = np.array([c is not None for c in codes])
    assert [c for c, m in zip(codes, matched, strict=True) if m] == [
        e for e, m in zip(expected, matched, strict=True) if m
    ]
    # only names whose normalised key two countries share may stay unmatched
    assert len(unmatched) <= 2


def test_file_error_names_file_line_and_column() -> None:
    err = common.file_error(Path("/x/data.csv"), "expected a number", line=7, column="2019")
    assert isinstance(err, ValueError)
    assert str(err) == "file 'data.csv', line 7, column '2019': expected a number"


def test_as_path_rejects_non_paths(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="file path"):
        common.as_path(3)
    with pytest.raises(FileNotFoundError):
        common.as_path(tmp_path / "missing.csv")
    with pytest.raises(FileNotFoundError):
        common.as_path(tmp_path)  # a folder is not a file


# --- the fast path of read_csv_text must accept exactly what the record-by-record count accepts


def _seen(frame: pd.DataFrame, lines: np.ndarray) -> tuple[object, ...]:
    """What a caller gets: names, dtypes, every value (NaN-safe, via CSV) and the lines."""
    return list(frame.columns), [str(d) for d in frame.dtypes], frame.to_csv(), lines.tolist()


def _outcome(fn: Callable[[], tuple[pd.DataFrame, np.ndarray]]) -> tuple[str, object]:
    try:
        frame, lines = fn()
    except ValueError as exc:
        return "error", str(exc)
    return "frame", _seen(frame, lines)


messy = st.text(alphabet=st.sampled_from(list('ab1,"\n\r #.')), max_size=60)


@given(messy, st.integers(0, 2))
def test_fast_path_agrees_with_the_exact_count(text: str, skip: int) -> None:
    # The fast path proves the field counts from totals; whenever it returns a frame, the
    # record-by-record count (quotes honoured) must find every record as wide as the header and
    # give the same frame and lines; read_csv_text must always end as the exact count does.
    path = Path("x.csv")
    data = text.encode("utf-8")
    options = {"keep_default_na": False, "na_values": [""]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' own warnings about odd files are not the point
        exact = _outcome(lambda: common._read_csv_counted(data, text, path, skip, None, options))
        fast = common._read_csv_fast(data, skip, None, options)
        public = _outcome(lambda: common.read_csv_text(text, path, skip_lines=skip, **options))
    if fast is not None:
        assert exact == ("frame", _seen(*fast))
    assert public == exact


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # pandas drops the first row's extra trailing field and pads the short row: both hidden
        ("a,b,c\n1,2,3,\n4,5\n", "line 2: expected 3 comma-separated fields"),
        # pandas skips a line of spaces; the count sees one field
        ("a,b\n1,2\n   \n3,4\n", "line 3: expected 2 .* found 1"),
        # a quote inside an unquoted field is a plain character to pandas, a toggle to the count
        ('a,b\n1x"y,2\n3,4"z\n', "line 2: expected 2 .* found 1"),
        # a lone CR ends a record for pandas only
        ("a,b\n1,2\r3,4\n", "line 2: expected 2 .* found 3"),
    ],
)
def test_rows_the_fast_path_cannot_prove_are_counted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        common.read_csv_text(text, Path("x.csv"), keep_default_na=False, na_values=[""])


def test_quoted_commas_and_newlines_are_not_fields(tmp_path: Path) -> None:
    text = 'name,value\r\n"Korea, Rep.",1\r\n"Line\nbreak",2\r\n"Say ""hi""",3\r\n'
    frame, lines = common.read_csv_text(text, tmp_path / "x.csv")
    assert frame["name"].tolist() == ["Korea, Rep.", "Line\nbreak", 'Say "hi"']
    assert lines.tolist() == [2, 3, 5]
