"""Shared reader helpers: the checked CSV parse, numbers, decoding, country names (pycountry)."""

from __future__ import annotations

import csv
import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from wpsstats import _countries as countries
from wpsstats.read import _common as common


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
    codes, unmatched = countries.iso3_from_names([name])
    assert codes == [code] and unmatched == []
    # the code is pycountry's own, not a table of ours
    assert pycountry.countries.get(alpha_3=code) is not None


def test_unmatched_names_are_reported_not_guessed() -> None:
    codes, unmatched = countries.iso3_from_names(["Azawad", "Mali", "Azawad", None])
    assert codes == [None, "MLI", None, None]
    assert unmatched == ["Azawad"]
    with pytest.warns(common.CountryNameWarning, match="1 names not matched.*'Azawad'"):
        common.warn_unmatched(Path("f.csv"), "names", unmatched, "kept")


def test_every_pycountry_name_maps_back_to_its_code() -> None:
    names = [c.name for c in pycountry.countries]
    codes, unmatched = countries.iso3_from_names(names)
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
    codes, unmatched = countries.iso3_from_names(names)
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


messy = st.text(alphabet=st.sampled_from(list('ab1,"\n\r #.')), max_size=60)


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
def test_rows_pandas_would_pad_or_skip_are_named(text: str, message: str) -> None:
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
    if len(set(records[0])) == len(records[0]) and all(records[0]):  # else pandas renames
        assert [str(c) for c in frame.columns] == records[0]
    assert frame.to_numpy(dtype=object).tolist() == records[1:]
    assert len(lines) == len(records) - 1


def numbers(cells: list[str], **kwargs: object) -> np.ndarray:
    lines = np.arange(2, len(cells) + 2)
    series = pd.Series(cells, dtype=object, name="n")
    return common.numbers(series, path=Path("x.csv"), lines=lines, **kwargs)  # type: ignore[arg-type]


plain_number = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=64).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
)


@given(st.lists(st.one_of(plain_number, st.sampled_from(["", "NA", " 3 "])), min_size=1))
def test_numbers_read_plain_numbers_as_python_does(tokens: list[str]) -> None:
    # the reference is Python's float(): "" and "NA" are missing, spaces around a number stripped
    got = numbers(tokens, kind="float", missing=("", "NA"), strip=True)
    expected = [np.nan if t.strip() in ("", "NA") else float(t) for t in tokens]
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("token", ["x", "1_0", "inf", "nan", "1,5", "TRUE"])
def test_numbers_name_the_first_field_that_is_none(token: str) -> None:
    with pytest.raises(ValueError, match=f"line 3, column 'n': expected a number .*{token!r}"):
        numbers(["1", token, "y"], kind="float")


def test_numbers_check_each_kind() -> None:
    assert numbers(["1", "-0", ""], kind="int").tolist()[:2] == [1.0, 0.0]
    assert numbers(["0", "1"], kind="bool").tolist() == [0.0, 1.0]
    with pytest.raises(ValueError, match=r"line 3, column 'n': expected a whole number .* '1.5'"):
        numbers(["1", "1.5"], kind="int")
    with pytest.raises(ValueError, match=r"line 2, column 'n': expected 0 or 1 .* '2'"):
        numbers(["2"], kind="bool")
    with pytest.raises(ValueError, match=r"record 2, column 'n': expected a whole number .* True"):
        common.numbers(
            pd.Series([1, True], dtype=object, name="n"),
            kind="int",
            path=Path("x.json"),
            lines=[1, 2],
            where="record",
        )


def test_a_whole_number_that_a_float_cannot_hold_is_refused() -> None:
    # 2**53 + 1 is the first whole number a float rounds: an id or a count that large is refused,
    # not silently changed to its neighbour
    assert int(numbers([str(2**53 - 1)], kind="int")[0]) == 2**53 - 1
    with pytest.raises(ValueError, match=r"'9007199254740993' is too large for a count"):
        numbers([str(2**53 + 1)], kind="int")
    with pytest.raises(ValueError, match=r"'9223372036854775808' is too large for a count"):
        numbers(["9223372036854775808"], kind="int")


def test_a_field_beyond_the_csv_modules_limit_is_read(tmp_path: Path) -> None:
    text = "a,b\n" + "x" * 200_000 + ",1\n"
    frame, lines = common.read_csv_text(text, tmp_path / "x.csv", dtype=str)
    assert len(frame["a"].iloc[0]) == 200_000 and lines.tolist() == [2]
    assert csv.field_size_limit() == 131_072  # and the limit is as it was


def test_a_quoted_field_that_goes_on_after_its_quote_is_named(tmp_path: Path) -> None:
    # pandas and the csv module would join the text after the closing quote to the field
    with pytest.raises(ValueError, match=r"line 3: cannot be parsed as CSV: ',' expected"):
        common.read_csv_text('a,b\n1,2\n"\r\n"x"y,3\n', tmp_path / "x.csv")
