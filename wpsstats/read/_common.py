"""What the readers share: the errors and warnings, decoding, a checked CSV parse, country names.

Every reader turns a damaged or mislabelled file into a ``ValueError`` that names the file, the line
(or JSON record) and the column, so that an analyst can open the file at the right place. Country
names go through pycountry (ISO 3166-1), never through a hand-written table.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CountryNameWarning",
    "DataConsistencyWarning",
    "EncodingWarning",
    "FileFormatError",
    "PathLike",
    "as_path",
    "decode",
    "file_error",
    "is_iso3",
    "iso3_from_names",
    "iso3_names",
    "load_json",
    "masked",
    "names_from_iso3",
    "numbers",
    "raise_at_first",
    "read_csv_text",
    "read_text",
    "strings",
    "warn_unmatched",
]

PathLike = str | os.PathLike[str]


class FileFormatError(ValueError):
    """A file is not what the reader expects, or is damaged (a ``ValueError``)."""


class CountryNameWarning(UserWarning):
    """Some country names or codes could not be matched to ISO 3166-1; they are kept as printed."""


class EncodingWarning(UserWarning):
    """A file was not UTF-8 and was decoded with a fallback encoding."""


class DataConsistencyWarning(UserWarning):
    """A file's own totals or shares disagree with its counts (returned as printed)."""


def as_path(path: Any, *, argument: str = "path") -> Path:
    """Return ``path`` as a Path to an existing file; TypeError/FileNotFoundError otherwise."""
    if isinstance(path, (bytes, bytearray)) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{argument} must be a file path (str or Path), got {type(path).__name__}")
    result = Path(path)
    if not result.is_file():
        raise FileNotFoundError(f"{argument}={str(path)!r}: no such file")
    return result


def file_error(
    path: Path | str,
    what: str,
    *,
    line: int | None = None,
    column: str | None = None,
    record: int | None = None,
) -> FileFormatError:
    """The error every reader raises: file, then line or record, then column, then the problem."""
    where = [f"file {Path(path).name!r}"]
    if line is not None:
        where.append(f"line {line}")
    if record is not None:
        where.append(f"record {record}")
    if column is not None:
        where.append(f"column {column!r}")
    return FileFormatError(f"{', '.join(where)}: {what}")


def raise_at_first(
    bad: Any,
    path: Path,
    what: str,
    *shown: Any,
    lines: Sequence[int] | np.ndarray,
    column: str | None = None,
    where: str = "line",
) -> None:
    """Raise :func:`file_error` at the first row where ``bad`` is True, naming its line (or JSON
    record, ``where="record"``); ``what`` is formatted with that row's item of each ``shown``
    (``"got {!r}"``)."""
    rows = np.flatnonzero(np.asarray(bad, dtype=bool))
    if rows.size:
        row = int(rows[0])
        message = what.format(*(np.asarray(v, dtype=object)[row] for v in shown))
        raise file_error(path, message, column=column, **{where: int(lines[row])})


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding used).

    UTF-8 is tried first (a byte-order mark is removed); a file that is not UTF-8 is decoded as
    Windows-1252 (what Excel writes on Windows), else Latin-1, with an :class:`EncodingWarning`
    naming the line of the first non-UTF-8 byte. An explicit ``encoding`` is used as given.
    """
    if b"\x00" in raw:
        # NUL bytes mean a binary file (or UTF-16), never one of the CSV/JSON exports read here
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise file_error(
            path, "holds NUL bytes: a binary or UTF-16 file, not a UTF-8 text export", line=line
        )
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise file_error(path, f"cannot be decoded as {encoding}: {exc}") from None
        try:
            # a codec such as unicode_escape or utf-7 can make a lone surrogate, which no text holds
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise file_error(
                path,
                f"decoded as {encoding}, it holds {text[exc.start]!r}, half of a surrogate pair, "
                "which is not a character: is the encoding right?",
                line=text.count("\n", 0, exc.start) + 1,
            ) from None
        return text, encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
    # Windows-1252 leaves five byte values undefined; Latin-1 decodes any byte
    used = (
        "cp1252"
        if all(b not in raw for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))
        else "latin-1"
    )
    warnings.warn(
        f"file {path.name!r} is not UTF-8 (first non-UTF-8 byte on line {line}); "
        f"decoded as {used}. Pass encoding=... if that is wrong.",
        EncodingWarning,
        stacklevel=4,
    )
    return raw.decode(used), used


def read_text(path: Any, encoding: str | None, *, argument: str = "path") -> tuple[Path, str, str]:
    """Check ``path`` (:func:`as_path`), read and :func:`decode` it: (path, text, encoding)."""
    file = as_path(path, argument=argument)
    return (file, *decode(file.read_bytes(), file, encoding))


def load_json(text: str, path: Path, *, numbers_as_text: bool = False) -> Any:
    """Parse JSON text (each number as its text, with ``numbers_as_text``); a syntax error
    becomes a ValueError naming file, line and column."""
    try:
        if numbers_as_text:
            return json.loads(text, parse_float=str, parse_int=str)
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise file_error(
            path, f"is not valid JSON ({exc.msg} at column {exc.colno})", line=exc.lineno
        ) from None
    except RecursionError:
        raise file_error(path, "is JSON nested too deeply to be a data export") from None


def read_csv_text(
    text: str, path: Path, *, skip_lines: int = 0, **options: Any
) -> tuple[pd.DataFrame, np.ndarray]:
    """Parse CSV text with :func:`pandas.read_csv`; return the frame and each row's file line.

    The first ``skip_lines`` lines (a preamble) are cut off before pandas sees the text. pandas
    pads a record shorter than the header with missing values, silently; so the records are also
    split by Python's csv module, which gives each one's width and line, and a record of another
    width than the header's is an error naming its line. ``options`` go to ``read_csv``.
    """
    parts = text.split("\n", skip_lines)
    if len(parts) <= skip_lines:
        raise file_error(path, "has no header line", line=skip_lines + 1)
    table = parts[-1]
    lone_cr = re.search(r"\r(?!\n)", table)
    if lone_cr:
        # pandas ends a record there, the csv module does not: the file is read by neither
        raise file_error(
            path,
            "holds a carriage return (CR) without a line feed: save the file with LF or CRLF "
            "line ends",
            line=table.count("\n", 0, lone_cr.start()) + 1 + skip_lines,
        )
    try:
        frame = pd.read_csv(io.StringIO(table), **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        if table.count('"') % 2:
            # a quoted field cut off by the end of the file (an odd quote that pandas reads as
            # text, O"Brien, is no error): the first line whose quotes do not pair up
            line = next(i for i, part in enumerate(table.split("\n"), 1) if part.count('"') % 2)
            raise file_error(
                path,
                "a quoted field is never closed (the quotes stop pairing up here)",
                line=line + skip_lines,
            ) from None
        parse_error: Exception | None = exc
    else:
        parse_error = None
    widths, lines = _records(table, path, skip_lines)
    if not widths.size or widths[0] == 0:
        raise file_error(path, "has no header line", line=skip_lines + 1)
    body, body_lines = widths[1:], lines[1:]
    wrong = (body != widths[0]) & (body != 0)
    if wrong.any():
        more = int(wrong.sum()) - 1
        also = f" ({more} more such line{'s' if more != 1 else ''})" if more else ""
        raise file_error(
            path,
            f"expected {widths[0]} comma-separated fields as in the header, found "
            f"{body[wrong][0]}{also}",
            line=int(body_lines[wrong][0]),
        )
    if parse_error is not None:
        raise file_error(path, f"cannot be parsed as CSV: {parse_error}") from None
    data_lines = body_lines[body != 0]
    if len(frame) != data_lines.size or len(frame.columns) != widths[0]:
        # pandas split the records otherwise than the csv module (a line of spaces it skips, a
        # quote inside a field): the file is read by neither rather than by one of them wrongly
        raise file_error(
            path,
            f"holds {data_lines.size} records of {widths[0]} fields, but pandas read "
            f"{len(frame)} of {len(frame.columns)}: its quoting or line ends are ambiguous",
        )
    return frame, data_lines


def _records(table: str, path: Path, skip_lines: int) -> tuple[np.ndarray, np.ndarray]:
    """The width of every record of a CSV table (0 for a blank line) and the line it starts on."""
    # strict: a quoted field must end at a comma or a line end ("a"b is damage, not a field)
    reader = csv.reader(io.StringIO(table, newline=""), strict=True)
    widths: list[int] = []
    lines: list[int] = []
    start = 1
    # pandas reads a field of any length; the csv module's limit (128 KiB) is lifted meanwhile
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(table)))
    try:
        for record in reader:
            widths.append(len(record))
            lines.append(start + skip_lines)
            start = reader.line_num + 1
    except csv.Error as exc:
        # named by the line its record starts on
        raise file_error(path, f"cannot be parsed as CSV: {exc}", line=start + skip_lines) from None
    finally:
        csv.field_size_limit(limit)
    return np.array(widths, dtype=np.int64), np.array(lines, dtype=np.int64)


_EXPECTED = {"int": "a whole number", "float": "a number", "bool": "0 or 1"}
_NULLABLE = {"int": pd.Int64Dtype(), "float": pd.Float64Dtype(), "bool": pd.BooleanDtype()}


def numbers(
    cells: pd.Series,
    *,
    kind: str,
    path: Path,
    lines: Sequence[int] | np.ndarray,
    missing: Sequence[str] = ("",),
    strip: bool = False,
    where: str = "line",
) -> np.ndarray:
    """A column of text cells as floats (NaN where missing), checked against its ``kind``.

    A cell in ``missing`` (after removing surrounding spaces, with ``strip``) is NaN. Any other
    must be a finite number as :func:`pandas.to_numeric` reads it, and of its kind: "float",
    "int" (whole, below 2**53 so that a float holds it exactly) or "bool" (0 or 1). The first bad
    cell raises a ValueError naming the file, its line (or JSON record, ``where="record"``) and
    the column (the Series' name).
    """
    text = cells.astype(object)
    keys = text.str.strip() if strip else text
    empty = (keys.isna() | keys.isin(list(missing))).to_numpy(dtype=bool)
    values = pd.to_numeric(keys.mask(empty), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(values)
    bad = (np.isnan(values) & ~empty) | np.isinf(values)
    if kind != "bool":  # a JSON true or false is not a count or a measurement
        bad |= np.array([isinstance(v, bool) for v in text], dtype=bool)
    if kind == "int":
        bad |= finite & (values != np.round(values))
    elif kind == "bool":
        bad |= finite & (values != 0.0) & (values != 1.0)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        what = f"expected {_EXPECTED[kind]} or an empty field, got {text.iloc[row]!r}"
        raise file_error(path, what, column=str(cells.name), **{where: int(lines[row])})
    if kind == "int" and (np.abs(values[finite]) >= 2.0**53).any():
        # a whole number from 2**53 on may not be the one printed once it is a float: refused
        row = int(np.flatnonzero(finite & (np.abs(np.nan_to_num(values)) >= 2.0**53))[0])
        what = f"{text.iloc[row]!r} is too large for a count (at most 2**53 - 1)"
        raise file_error(path, what, column=str(cells.name), **{where: int(lines[row])})
    return values + 0.0 if kind != "float" else values  # a count of "-0" is 0


def masked(values: np.ndarray, kind: str) -> Any:
    """Floats (NaN missing) as a nullable array: "float" ``Float64``, "int" ``Int64`` or "bool"
    ``boolean`` (the values already checked by :func:`numbers`)."""
    return pd.array(values, dtype="Float64").astype(_NULLABLE[kind])


def strings(values: Any, missing: Any = None) -> Any:
    """A nullable ``string`` array of ``values``; None, NaN and (where given) ``missing`` are NA."""
    out = np.array(values, dtype=object)
    if missing is not None:
        out[np.asarray(missing, dtype=bool)] = None
    return pd.array(out, dtype=pd.StringDtype(na_value=pd.NA))


# Country names and codes (ISO 3166-1 through pycountry)

_STOPWORDS = frozenset({"the", "of", "and"})


def _name_key(name: str, *, stopwords: frozenset[str] = _STOPWORDS) -> str:
    """A name without accents, case, punctuation, ``stopwords`` or word order: "Democratic
    Republic of Congo" and pycountry's "Congo, The Democratic Republic of the" share a key."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = [w for w in re.split(r"[^0-9a-z]+", folded) if w and w not in stopwords]
    return " ".join(sorted(words))


@functools.cache
def _name_index() -> dict[str, str]:
    """The key of every pycountry name, official name and common name -> its alpha-3 code; a key
    two countries share is left out, so that it is reported, not guessed."""
    import pycountry

    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            key = _name_key(value)
            if index.get(key, country.alpha_3) != country.alpha_3:
                ambiguous.add(key)
            index[key] = country.alpha_3
    for key in ambiguous:
        index.pop(key, None)
    return index


@functools.cache
def iso3_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> name, for the current countries (pycountry), loaded once."""
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.countries}


def is_iso3(codes: Iterable[Any]) -> np.ndarray:
    """True where a code is an ISO 3166-1 alpha-3 code of a current country (pycountry)."""
    known = iso3_names()
    return np.array([isinstance(c, str) and c in known for c in codes], dtype=bool)


@functools.lru_cache(maxsize=4096)
def _iso3_of_name(name: str) -> str | None:
    # cached: the same names recur file after file
    return _name_index().get(_name_key(name)) or _short_name_iso3(name)


def _short_name_iso3(name: str) -> str | None:
    """The code of a country named by a shortening of its ISO name ("Russia", "Palestine")
    through pycountry's ``search_fuzzy``, else None.

    ``search_fuzzy`` also answers with the country of a subdivision ("Darfur" gives Sudan), so its
    one answer is kept only if every word of the name starts a word of that country's own name.
    """
    import pycountry

    words = _name_key(name).split()
    if not words:
        return None
    try:
        # without brackets and other marks: PA-X writes a contested party "(Palestine)"
        found = pycountry.countries.search_fuzzy(" ".join(re.findall(r"\w+", name)))
    except LookupError:
        return None
    if len(found) != 1:
        return None
    country = found[0]
    # its name and common name, not its official one: "United Kingdom of Great Britain and
    # Northern Ireland" would make Northern Ireland the United Kingdom
    own = {
        word
        for attr in ("name", "common_name")
        for word in _name_key(getattr(country, attr, None) or "").split()
    }
    if all(any(w.startswith(q) for w in own) for q in words):
        return str(country.alpha_3)
    return None


def iso3_from_names(names: Iterable[Any]) -> tuple[list[str | None], list[str]]:
    """Match names to ISO 3166-1 alpha-3 codes; return (codes, names that matched nothing).

    Matching is exact on pycountry's names after normalisation (accents, case, punctuation and
    word order do not count); a name that shortens a country's ISO name ("Russia" for the Russian
    Federation) is found through pycountry's ``search_fuzzy``, but only if each of its words
    starts a word of that name, so a name that is not a country ("Azawad", "Darfur") stays
    unmatched.
    """
    names = [n if isinstance(n, str) and n.strip() else None for n in names]
    codes = [None if n is None else _iso3_of_name(n) for n in names]
    unmatched = [n for n, c in zip(names, codes, strict=True) if n is not None and c is None]
    return codes, list(dict.fromkeys(unmatched))


def names_from_iso3(codes: Iterable[Any]) -> tuple[list[str | None], list[str]]:
    """Return the pycountry short name of each alpha-3 code, and the codes it does not know."""
    codes = list(codes)
    known = iso3_names()
    names = [known.get(c) if isinstance(c, str) else None for c in codes]
    unknown = [c for c in codes if isinstance(c, str) and c not in known]
    return names, list(dict.fromkeys(unknown))


def warn_unmatched(
    path: Path, what: str, values: Sequence[str], consequence: str, *, stacklevel: int = 3
) -> None:
    """Emit one :class:`CountryNameWarning` listing every value that could not be matched."""
    if not values:
        return
    listed = ", ".join(repr(v) for v in sorted(set(values)))
    warnings.warn(
        f"file {path.name!r}: {len(set(values))} {what} not matched to ISO 3166-1 by pycountry: "
        f"{listed}; {consequence}",
        CountryNameWarning,
        stacklevel=stacklevel,
    )
