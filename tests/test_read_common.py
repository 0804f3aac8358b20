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
from hypothesis import example, given
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


def test_a_lone_surrogate_from_a_given_encoding_is_refused(tmp_path: Path) -> None:
    # unicode_escape turns the six characters \ud800 into half a surrogate pair, which no text
    # holds (it cannot be written as UTF-8): refused with the file and the line, whatever reads it
    path = tmp_path / "f.csv"
    with pytest.raises(ValueError, match=r"line 2: decoded as unicode_escape, it holds '\\ud800'"):
        common.decode(b"a\nb\\ud800\n", path, "unicode_escape")
    assert common.decode(b"a\\u00e9\n", path, "unicode_escape") == ("a\u00e9\n", "unicode_escape")


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


def test_short_names_of_countries_match_but_sub_state_entities_do_not() -> None:
    # PA-X writes "Russia", "Macedonia", "(Palestine)"; pycountry's search_fuzzy also gives the
    # country of a subdivision ("Darfur": Sudan, "Kosovo": Serbia), which must not be taken
    names = ["Russia", "Macedonia", "(Palestine)", "Darfur", "Kosovo", "Northern Ireland",
             "Cabinda", "Azawad", "Mali"]  # fmt: skip
    codes, unmatched = common.iso3_from_names(names)
    assert codes == ["RUS", "MKD", "PSE", None, None, None, None, None, "MLI"]
    assert unmatched == ["Darfur", "Kosovo", "Northern Ireland", "Cabinda", "Azawad"]


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
        # the table after a preamble of ``skip`` lines, which read_csv_text cuts off
        head = 0
        for _ in range(skip):
            head = data.find(b"\n", head) + 1
        if skip and head == 0:
            assert _outcome(lambda: common.read_csv_text(text, path, skip_lines=skip)) == (
                "error",
                f"file 'x.csv', line {skip + 1}: has no header line",
            )
            return
        table = common._Table(data, head, skip)
        exact = _outcome(lambda: common._read_csv_counted(table, path, None, options))
        fast = common._read_csv_fast(table, None, options)
        public = _outcome(lambda: common.read_csv_text(text, path, skip_lines=skip, **options))
    if fast is not None:
        assert exact == ("frame", _seen(*fast))
    if exact[0] == "frame":  # the table's lines, shifted by the preamble for the file's
        frame_seen = exact[1]
        assert isinstance(frame_seen, tuple)
        exact = ("frame", (*frame_seen[:3], [n + skip for n in frame_seen[3]]))
    assert public == exact


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # pandas drops the first row's extra trailing field and pads the short row: both hidden
        ("a,b,c\n1,2,3,\n4,5\n", "line 2: expected 3 comma-separated fields"),
        # pandas skips a line of spaces; the count sees one field
        ("a,b\n1,2\n   \n3,4\n", "line 3: expected 2 .* found 1"),
        # a quote inside an unquoted field is text to pandas and the csv module: the extra field
        # of line 3 is found (a count by quote parity would take "x,y" as one quoted field)
        ('a,b\n1,2\n1"x,y"a,3\n', "line 3: expected 2 .* found 3"),
        # a lone CR ends a record in a way no count follows: an error naming its line
        ("a,b\n1,2\r3,4\n", "line 2: holds a carriage return"),
    ],
)
def test_rows_the_fast_path_cannot_prove_are_counted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        common.read_csv_text(text, Path("x.csv"), keep_default_na=False, na_values=[""])


def test_a_quote_inside_an_unquoted_field_is_text(tmp_path: Path) -> None:
    # as pandas and the csv module read it: O"Brien is a name, not the start of a quoted field
    text = 'a,b\n1x"y,2\n3,4"z\n'
    frame, lines = common.read_csv_text(text, tmp_path / "x.csv", dtype=str)
    assert frame.to_numpy().tolist() == [['1x"y', "2"], ["3", '4"z']]
    assert lines.tolist() == [2, 3]
    assert [list(r) for r in csv.reader(io.StringIO(text))][1:] == frame.to_numpy().tolist()


def test_quoted_commas_and_newlines_are_not_fields(tmp_path: Path) -> None:
    text = 'name,value\r\n"Korea, Rep.",1\r\n"Line\nbreak",2\r\n"Say ""hi""",3\r\n'
    frame, lines = common.read_csv_text(text, tmp_path / "x.csv")
    assert frame["name"].tolist() == ["Korea, Rep.", "Line\nbreak", 'Say "hi"']
    assert lines.tolist() == [2, 3, 5]


# --- read_csv_rows (the csv module) must give what read_csv_text gives, or step aside


def _as_text(fn: Callable[[], tuple[list[str], np.ndarray, np.ndarray]]) -> tuple[str, object]:
    try:
        header, cells, lines = fn()
    except ValueError as exc:
        return "error", str(exc)
    return "rows", (header, cells.tolist(), lines.tolist())


def _pandas_text(text: str, skip: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    frame, lines = common.read_csv_text(
        text, Path("x.csv"), skip_lines=skip, dtype=str, keep_default_na=False, na_filter=False
    )
    return [str(c) for c in frame.columns], frame.to_numpy(dtype=object), lines


def _rows_text(text: str, skip: int) -> tuple[list[str], np.ndarray, np.ndarray] | None:
    rows = common.read_csv_rows(text, Path("x.csv"), skip_lines=skip)
    return None if rows is None else (rows.header, rows.cells, rows.lines)


plain_cell = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab1 #.")), max_size=4),
    st.text(alphabet=st.sampled_from(list("ab1 ,#")), max_size=4).map(lambda t: f'"{t}"'),
)


@st.composite
def table_texts(draw: st.DrawFn) -> str:
    """CSV texts that are mostly well formed: a header, records of the header's width or one
    more or less, blank lines, CRLF or LF, now and then a stray quote or a lone CR."""
    width = draw(st.integers(2, 4))
    records = draw(
        st.lists(
            st.one_of(
                st.lists(plain_cell, min_size=width, max_size=width),
                st.lists(plain_cell, min_size=width - 1, max_size=width + 1),
                st.just([]),
            ),
            max_size=6,
        )
    )
    header = [f"c{i}" for i in range(width)]
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(",".join(r) for r in [header, *records]) + draw(st.sampled_from(["", end]))
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "\r", '""'])) + text[at:]
    return text


@given(st.one_of(messy, table_texts()), st.integers(0, 2))
@example("a,b\n1,2\n3\n", 0)
@example('x\na,b\n"1",2\n3,4,5\n', 1)
def test_csv_rows_agree_with_pandas_or_step_aside(text: str, skip: int) -> None:
    # Whenever read_csv_rows answers (cells or an error), pandas' parser with the exact count
    # must answer the same: names, every field as text, the line of every record, or the error.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            rows = _rows_text(text, skip)
        except ValueError as exc:
            assert _as_text(lambda: _pandas_text(text, skip)) == ("error", str(exc))
            return
        if rows is not None:
            assert _as_text(lambda: _pandas_text(text, skip)) == _as_text(lambda: rows)


quote_text = st.text(alphabet=st.sampled_from(list('"",\n\r aé')), max_size=40)


@given(quote_text)
@example('a,"b\nc",d\n')  # a quoted line break
@example('"a"\r\n"b"')  # closed before a CR, and at the end
@example('é"a",b')  # a quote after text
def test_the_quote_check_on_text_agrees_with_the_one_on_bytes(text: str) -> None:
    # the pair-by-pair check of a text with a few quotes answers as the array check does
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    assert common._plain_quotes_text(text) == common._plain_quotes(data)


def test_the_quote_check_on_text_hands_many_quotes_to_the_array_check() -> None:
    many = ",".join(['"a"'] * 40) + "\n"
    assert common._plain_quotes_text(many)
    assert not common._plain_quotes_text(many + 'x"y"\n')


header_name = st.sampled_from(["a", "a.1", "a.2", "", "b", "b.1", " ", "Unnamed: 1"])


@given(st.lists(header_name, min_size=2, max_size=7))
@example(["a", "", "Unnamed: 1"])
@example(["a", "a", "a.1"])
def test_header_names_follow_pandas(names: list[str]) -> None:
    # repeated and empty names are renamed as pandas' C parser renames them
    text = ",".join(names) + "\n" + ",".join("1" * len(names)) + "\n"
    if " " in names:
        return  # a name of spaces makes a blank-looking header line in some texts
    expected = [str(c) for c in pd.read_csv(io.StringIO(text), dtype=str).columns]
    assert common._pandas_names(names) == expected


plain_number = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=64).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
)
token = st.one_of(plain_number, st.sampled_from(["", "NA", " 3", "1_0", "inf", "nan", "x", "1e5"]))


@given(st.lists(token, min_size=1, max_size=20))
def test_text_numbers_read_as_pandas_does(tokens: list[str]) -> None:
    # the reference: pandas.to_numeric on the same text, "" and "NA" missing; a field it cannot
    # read, or reads as infinite, is an error naming the first one
    cells = np.array(tokens, dtype=object).reshape(-1, 1)
    lines = np.arange(2, len(tokens) + 2)
    expected = pd.to_numeric(
        pd.Series([None if t in ("", "NA") else t for t in tokens], dtype=object),
        errors="coerce",
    ).to_numpy(dtype=float)
    filled = np.array([t.strip() not in ("", "NA") for t in tokens])
    bad = (np.isnan(expected) & filled) | np.isinf(expected)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        with pytest.raises(ValueError, match=f"line {first + 2}, column 'n': expected a number"):
            common.text_numbers(cells, ["n"], Path("x.csv"), lines, missing=("", "NA"), strip=True)
        return
    got = common.text_numbers(cells, ["n"], Path("x.csv"), lines, missing=("", "NA"), strip=True)
    np.testing.assert_array_equal(got[:, 0], expected)


def test_text_numbers_check_each_kind() -> None:
    cells = np.array([["1", "0", "2.5"], ["3", "1", ""]], dtype=object)
    lines = np.array([2, 3])
    got = common.text_numbers(
        cells, ["n", "flag", "x"], Path("x.csv"), lines, kinds=["int", "bool", "float"]
    )
    np.testing.assert_array_equal(got, [[1.0, 0.0, 2.5], [3.0, 1.0, np.nan]])
    with pytest.raises(ValueError, match=r"line 3, column 'n': expected a whole number .* '1.5'"):
        common.text_numbers(
            np.array([["1"], ["1.5"]], dtype=object), ["n"], Path("x.csv"), lines, kinds="int"
        )
    with pytest.raises(ValueError, match=r"line 2, column 'f': expected 0 or 1 .* '2'"):
        common.text_numbers(
            np.array([["2"]], dtype=object), ["f"], Path("x.csv"), lines, kinds="bool"
        )
    with pytest.raises(ValueError, match=r"'9223372036854775808' is too large for a count"):
        common.text_numbers(
            np.array([["9223372036854775808"]], dtype=object),
            ["n"],
            Path("x.csv"),
            lines,
            kinds="int",
        )


def test_large_files_keep_pandas_numbers_and_quote_the_printed_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # above the size limit pandas parses; a number column is then kept as parsed, and a message
    # still quotes the field as the file prints it
    monkeypatch.setattr(common, "CSV_ROWS_MAX_CHARS", 0)
    text = 'id,name,n\n1,"Korea, Rep.",7\n2,Mali,1.50\n'
    rows = common.csv_rows(text, Path("x.csv"), text_columns=["name"])
    assert [c for c in rows.header if rows.parsed(c)] == ["id", "n"]
    assert rows.column("name").tolist() == ["Korea, Rep.", "Mali"]
    assert rows.printed("n", 1) == "1.50"
    with pytest.raises(ValueError, match=r"line 3, column 'n': expected a whole number .* '1.50'"):
        rows.numbers(["id", "n"], Path("x.csv"), kinds="int")
    monkeypatch.setattr(common, "CSV_ROWS_MAX_CHARS", 10**6)
    small = common.csv_rows(text, Path("x.csv"), text_columns=["name"])
    assert small.frame is None and not small.parsed("n")
    np.testing.assert_array_equal(
        small.numbers(["id", "n"], Path("x.csv")), rows.numbers(["id", "n"], Path("x.csv"))
    )


well_formed_cell = st.text(alphabet=st.sampled_from(list("ab1 ,.")), min_size=1, max_size=5)


@given(
    st.integers(2, 4).flatmap(
        lambda width: st.lists(
            st.lists(well_formed_cell, min_size=width, max_size=width), min_size=2, max_size=6
        )
    ),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_fast_path_proves_a_well_formed_file(rows: list[list[str]], quoting: int) -> None:
    # a file written by the csv module, commas inside quoted fields included, is proven by the
    # totals and read as the csv module reads it
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode()
    table = common._Table(data, 0, 0)
    fast = common._read_csv_fast(table, None, {"dtype": str, "keep_default_na": False})
    assert fast is not None
    frame, lines = fast
    assert frame.to_numpy(dtype=object).tolist() == rows[1:]
    assert lines.tolist() == list(range(2, len(rows) + 1))


def test_a_quoted_comma_in_the_preamble_does_not_shift_the_table() -> None:
    # pandas' own skiprows loses its place on a skipped line (not the first) that starts with an
    # empty field and a quoted comma ("No columns to parse from file"); read_csv_text cuts the
    # preamble off before pandas sees the text
    text = '"Data Source","WDI",\n,",",\n\na,b\n1,2\n3,4\n'
    with pytest.raises(pd.errors.EmptyDataError):
        pd.read_csv(io.StringIO(text), skiprows=3)
    frame, lines = common.read_csv_text(text, Path("x.csv"), skip_lines=3)
    assert frame.to_numpy().tolist() == [[1, 2], [3, 4]]
    assert lines.tolist() == [5, 6]
    rows = common.read_csv_rows(text, Path("x.csv"), skip_lines=3)
    assert rows is not None and rows.cells.tolist() == [["1", "2"], ["3", "4"]]
    assert rows.lines.tolist() == [5, 6]


@given(st.one_of(messy, table_texts()), st.integers(0, 2))
@example('h1,h2\na,1"x,y"a\nb,c\n', 0)
@example("h1,h2\n1,2\n\r,a\n", 0)
def test_read_csv_text_never_loses_or_moves_a_field(text: str, skip: int) -> None:
    # the reference is Python's csv module on the table after the preamble: whenever
    # read_csv_text returns a frame, it holds exactly the csv module's records, field for field
    path = Path("x.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            frame, lines = common.read_csv_text(
                text, path, skip_lines=skip, dtype=str, keep_default_na=False, na_filter=False
            )
        except ValueError:
            return
    table = text.split("\n", skip)[-1] if skip else text
    records = [r for r in csv.reader(io.StringIO(table, newline="")) if r]
    assert [str(c) for c in frame.columns] == common._pandas_names(records[0])
    assert frame.to_numpy(dtype=object).tolist() == records[1:]
    assert len(lines) == len(records) - 1


def test_a_whole_number_that_a_float_cannot_hold_is_refused() -> None:
    # 2**53 + 1 is the first whole number a float rounds: an id or a count that large is refused,
    # not silently changed to its neighbour
    lines = np.array([2])
    cells = np.array([[str(2**53 - 1)]], dtype=object)
    got = common.text_numbers(cells, ["n"], Path("x.csv"), lines, kinds="int")
    assert int(got[0, 0]) == 2**53 - 1
    with pytest.raises(ValueError, match=r"'9007199254740993' is too large for a count"):
        common.text_numbers(
            np.array([[str(2**53 + 1)]], dtype=object), ["n"], Path("x.csv"), lines, kinds="int"
        )


@given(
    st.text(alphabet=st.sampled_from(list("ab,\n\ufeffé\u2019\x80")), max_size=12),
    st.booleans(),
    st.sampled_from([None, "utf-8", "utf-8-sig", "latin-1", "cp1252", "UTF8"]),
)
def test_the_utf8_of_a_decoded_file_is_its_text_encoded(
    text: str, bom: bool, encoding: str | None
) -> None:
    # the file's own bytes stand for the text's UTF-8 only where they are exactly that
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            decoded, used = common.decode(raw, Path("x.csv"), encoding)
        except ValueError:
            return  # cp1252 has no character for some bytes
    assert common.utf8_of(raw, decoded, used) == decoded.encode("utf-8")


# --- field spans: the plain tables the WDI reader splits without pandas ------------------------

raw_cell = st.text(alphabet=st.sampled_from(list('ab,"\n\r x1é')), max_size=5)


def _spans_fields(data: bytes, width: int) -> list[list[str]] | None:
    spans = common.field_spans(np.frombuffer(data, dtype=np.uint8), width)
    if spans is None:
        return None
    starts, ends = spans
    return [
        [data[a:b].decode("utf-8") for a, b in zip(s, e, strict=True)]
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
    ]


@given(
    st.lists(st.lists(raw_cell, min_size=3, max_size=3), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=18, max_size=18),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_field_spans_read_as_the_csv_module_and_pandas_do(
    rows: list[list[str]], quote: list[bool], end: str, last_end: bool
) -> None:
    # any text, quoted or not as drawn (a quoted field's quotes doubled, as a writer would), and
    # also text that is not well-formed CSV: where field_spans answers, every record has the
    # width and its fields are the csv module's and pandas' (all read as text, nothing as NA)
    flags = iter(quote)
    lines = []
    for row in rows:
        cells = []
        for value in row:
            cells.append('"' + value.replace('"', '""') + '"' if next(flags) else value)
        lines.append(",".join(cells))
    text = end.join(lines) + (end if last_end else "")
    data = text.encode("utf-8")
    got = _spans_fields(data, 3)
    if got is None:
        return
    reference = list(csv.reader(io.StringIO(text, newline="")))
    assert got == reference
    frame = pd.read_csv(io.BytesIO(data), header=None, dtype=str, keep_default_na=False)
    assert frame.to_numpy().tolist() == got


spans_cell = st.lists(
    st.sampled_from(["a", "b", ",", " ", "x", "1", "é", "\n", "\r\n"]), max_size=5
).map("".join)


@given(
    st.lists(st.lists(spans_cell, min_size=3, max_size=3), min_size=1, max_size=6),
    st.lists(st.booleans(), min_size=18, max_size=18),
)
def test_field_spans_split_every_plainly_quoted_table(
    rows: list[list[str]], quote: list[bool]
) -> None:
    # no quote inside a field, a comma or line break only inside a quoted one: always split, so
    # the property above is not passed by answering None
    flags = iter(quote)
    text = "".join(
        ",".join(f'"{v}"' if (next(flags) or "," in v or "\n" in v) else v for v in row) + "\r\n"
        for row in rows
    )
    assert _spans_fields(text.encode("utf-8"), 3) == [list(r) for r in rows]


def test_field_spans_refuse_what_pandas_reads_otherwise() -> None:
    for text in (
        'a,"b""c",d\n',  # a doubled quote
        'a,x"b",d\n',  # text before a quote
        'a,"b"x,d\n',  # text after a closing quote
        "a,b,c\r\nd,e\rf\n",  # a lone CR
        "a,b,c\n\nd,e,f\n",  # a blank line (pandas skips it)
        "a,b,c\nd,e\n",  # a short record (pandas pads it)
        "a,b,c,d\n",  # a long one
        "\ufeffa,b,c\n",  # a byte-order mark (pandas drops it)
    ):
        assert _spans_fields(text.encode(), 3) is None, text
    assert _spans_fields(b"a\n \nb\n", 1) is None  # one field: pandas skips the line of spaces
    assert _spans_fields(b"a,b,c", 3) == [["a", "b", "c"]]  # no line end at the end
    assert _spans_fields(b'"",,""\r\n', 3) == [["", "", ""]]
    assert _spans_fields(b'a,"b\r\nc,",d\n', 3) == [["a", "b\r\nc,", "d"]]  # a quoted break


quoted_cell = st.lists(
    st.sampled_from(["a", ",", " ", "1", ".", "é", "\n", "\r\n", '""']), max_size=4
).map("".join)


@st.composite
def all_quoted_tables(draw: st.DrawFn) -> tuple[bytes, int]:
    """Tables written as the World Bank writes its bulk files (every field quoted, perhaps a
    trailing comma), with CR LF or LF line ends, and now and then a byte inserted or dropped."""
    width = draw(st.integers(2, 4))
    trailing = draw(st.booleans())
    quoted = width - 1 if trailing else width
    rows = draw(
        st.lists(st.lists(quoted_cell, min_size=quoted, max_size=quoted), min_size=1, max_size=5)
    )
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(rows), max_size=len(rows)))
    if draw(st.booleans()):
        ends[-1] = ""  # no line end at the end
    text = "".join(
        ",".join(f'"{c}"' for c in row) + ("," if trailing else "") + end
        for row, end in zip(rows, ends, strict=True)
    )
    data = text.encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data = data[:at] + draw(st.sampled_from([b'"', b",", b"\r", b"\n", b"x"])) + data[at:]
        else:
            data = data[:at] + data[at + 1 :]
    try:
        data.decode("utf-8")  # the spans are of text: a byte of an "é" cut in two is not
    except UnicodeDecodeError:
        data = text.encode("utf-8")
    return data, width


@given(all_quoted_tables())
@example((b'"a","b",\r\n"c","d",\n', 3))
@example((b'"a","b"\r\n"c","d"', 2))
@example((b'"a","b\rc",\n', 3))  # a CR inside a field: the general count decides
@example((b'"a","b",\n\n', 3))  # a blank line at the end
@example((b'"a","b"x\n', 3))  # no comma before the line end
@example((b'"a"x"b",\n', 3))  # no comma between two fields
@example((b'"a\r","b",x\n', 3))  # as many CRs as line ends, one of them in a field
@example((b'"a","b",x"c","d",\n', 3))  # no LF where the line should end
@example((b'"a",,"b",\n', 3))  # an unquoted field between two quoted ones
def test_spans_by_the_quotes_are_the_spans_by_counting(table: tuple[bytes, int]) -> None:
    # the short cut for tables whose every field is quoted must give, where it answers, the
    # spans of the general count, and the fields the csv module reads
    data, width = table
    b = np.frombuffer(data, dtype=np.uint8)
    by_quotes = common._quoted_spans(b, width, b == 34)
    if by_quotes is None:
        return
    by_counting = common._plain_spans(b, width, b == 34)
    assert by_counting is not None
    np.testing.assert_array_equal(by_quotes[0], by_counting[0])
    np.testing.assert_array_equal(by_quotes[1], by_counting[1])
    assert _spans_fields(data, width) == list(
        csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    )


@given(
    st.lists(
        st.lists(st.sampled_from(["", "a", "1.5", "Korea, Rep.", "x\ny"]), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
)
def test_spans_by_the_quotes_answer_for_the_world_banks_layout(
    rows: list[list[str]], crlf: bool
) -> None:
    # every field quoted, a trailing comma, no CR or quote inside: always the short cut, so the
    # property above is not passed by answering None
    end = "\r\n" if crlf else "\n"
    text = "".join(",".join(f'"{c}"' for c in row) + "," + end for row in rows)
    b = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    spans = common._quoted_spans(b, 4, b == 34)
    assert spans is not None
    assert _spans_fields(text.encode("utf-8"), 4) == [[*row, ""] for row in rows]


@given(
    st.lists(st.text(max_size=4), unique=True, max_size=8)
    | st.lists(st.integers(1900, 2100).map(str), unique=True, max_size=8),
    st.booleans(),
)
def test_a_dtype_without_checks_equals_the_checked_one(values: list[str], ordered: bool) -> None:
    # pandas' constructor without the checks of missing and repeated categories must give the
    # dtype the public one gives, for categories that pass those checks
    categories = pd.Index(values)
    fast = common.unchecked_dtype(categories, ordered=ordered)
    checked = pd.CategoricalDtype(categories, ordered=ordered)
    assert fast == checked and fast.ordered == checked.ordered
    pd.testing.assert_index_equal(fast.categories, checked.categories, exact=True)
    codes = np.arange(len(values))[::-1]
    pd.testing.assert_extension_array_equal(
        pd.Categorical.from_codes(codes, dtype=fast),
        pd.Categorical.from_codes(codes, dtype=checked),
    )


def test_a_dtype_without_checks_falls_back_to_the_public_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(common, "_DTYPE_WITHOUT_CHECKS", None)
    assert common.unchecked_dtype(pd.Index(["b", "a"]), ordered=True) == pd.CategoricalDtype(
        ["b", "a"], ordered=True
    )
    with pytest.raises(ValueError, match="unique"):
        common.unchecked_dtype(pd.Index(["a", "a"]))


def test_field_spans_count_a_plain_table_only_up_to_plain_max() -> None:
    quoted = np.frombuffer(b'"a","b"\n"c","d"\n', dtype=np.uint8)
    plain = np.frombuffer(b'a,"b"\nc,d\n', dtype=np.uint8)
    assert common.field_spans(quoted, 2, plain_max=4) is not None  # the quotes: any size
    assert common.field_spans(plain, 2, plain_max=4) is None
    assert common.field_spans(plain, 2, plain_max=10) is not None
    assert common.field_spans(plain, 2) is not None
