"""What the readers share: the errors and warnings, decoding, a checked CSV parse, typed columns
that name their bad cell, and one warning for the country names that :mod:`wpsstats._countries`
does not match.
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._countries import iso3_from_names

PathLike = str | os.PathLike[str]


class FileFormatError(ValueError):
    """A file is not what the reader expects, or is damaged (a ``ValueError``)."""


class CountryNameWarning(UserWarning):
    """Some country names or codes could not be matched to ISO 3166-1; they are kept as printed."""


class EncodingWarning(UserWarning):
    """A file was not UTF-8 and was decoded with a fallback encoding."""


class DataConsistencyWarning(UserWarning):
    """A file's own totals or shares disagree with its counts (returned as printed)."""


def warn(message: str, category: type[Warning] = UserWarning) -> None:
    """Warn at the line that called the reader: the first frame outside this package."""
    level, frame = 1, inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__", "").startswith("wpsstats.read."):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, category, stacklevel=level)


def as_path(path: Any, *, argument: str = "path") -> Path:
    """Return ``path`` as a Path to an existing file; TypeError/FileNotFoundError otherwise."""
    if isinstance(path, (bytes, bytearray)) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{argument} must be a file path (str or Path), got {type(path).__name__}")
    result = Path(path)
    if result.is_dir():
        raise FileNotFoundError(
            f"{argument}={str(path)!r} is a directory, not a file: give the path of a file in it"
        )
    if not result.is_file():
        # a relative path is looked up from the working directory (a notebook's own folder)
        where = "" if result.is_absolute() else f" in the working directory {str(Path.cwd())!r}"
        raise FileNotFoundError(f"{argument}={str(path)!r}: no such file{where}")
    return result


def file_error(
    path: Path,
    what: str,
    *,
    line: int | None = None,
    column: str | None = None,
    record: int | None = None,
) -> FileFormatError:
    """The error every reader raises: file, then line or record, then column, then the problem."""
    where = [f"file {Path(path).name!r}"]
    where += [] if line is None else [f"line {line}"]
    where += [] if record is None else [f"record {record}"]
    where += [] if column is None else [f"column {column!r}"]
    return FileFormatError(f"{', '.join(where)}: {what}")


def raise_at_first(
    bad: Any,
    path: Path,
    what: str,
    *shown: Any,
    lines: Any = None,
    column: str | None = None,
    where: str = "line",
) -> None:
    """Raise :func:`file_error` at the first row where ``bad`` is True, naming its line (or JSON
    record, ``where="record"``; the row's position when ``lines`` is None); ``what`` is formatted
    with that row's item of each ``shown`` (``"got {!r}"``)."""
    rows = np.flatnonzero(np.asarray(bad, dtype=bool))
    if rows.size:
        row = int(rows[0])
        message = what.format(*(np.asarray(v, dtype=object)[row] for v in shown))
        at = row + 1 if lines is None else int(lines[row])
        raise file_error(path, message, column=column, **{where: at})


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """A file's bytes as (text, encoding used): ``encoding`` if given, else UTF-8 (without its
    byte-order mark), else Windows-1252 (what Excel writes on Windows) or Latin-1 with an
    :class:`EncodingWarning` naming the line of the first non-UTF-8 byte."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise file_error(
            path, "holds NUL bytes: a binary or UTF-16 file, not a UTF-8 text export", line=line
        )
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise file_error(path, f"cannot be decoded as {encoding}: {exc}") from None
        # a codec such as unicode_escape or utf-7 can make a lone surrogate, which no text holds
        if lone := re.search("[\ud800-\udfff]", text):
            raise file_error(
                path,
                f"decoded as {encoding}, it holds {lone.group()!r}, half of a surrogate pair, "
                "which is not a character: is the encoding right?",
                line=text.count("\n", 0, lone.start()) + 1,
            )
        return text, encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
    # Windows-1252 leaves five byte values undefined; Latin-1 decodes any byte
    undefined = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
    used = "cp1252" if all(b not in raw for b in undefined) else "latin-1"
    warn(
        f"file {path.name!r} is not UTF-8 (first non-UTF-8 byte on line {line}); "
        f"decoded as {used}. Pass encoding=... if that is wrong.",
        EncodingWarning,
    )
    return raw.decode(used), used


def read_text(path: Any, encoding: str | None, *, argument: str = "path") -> tuple[Path, str, str]:
    """Check ``path`` (:func:`as_path`), read and :func:`decode` it: (path, text, encoding)."""
    file = as_path(path, argument=argument)
    return (file, *decode(file.read_bytes(), file, encoding))


def read_csv_file(
    path: Any, encoding: str | None, *, argument: str = "path"
) -> tuple[Path, pd.DataFrame, np.ndarray]:
    """:func:`read_text`, then :func:`read_csv_text` as printed: (path, frame, each row's line)."""
    file, text, _ = read_text(path, encoding, argument=argument)
    return (file, *read_csv_text(text, file, as_printed=True))


def load_json(text: str, path: Path, *, numbers_as_text: bool = False) -> Any:
    """Parse JSON text (each number as its text, with ``numbers_as_text``); a syntax error
    becomes a ValueError naming file, line and column."""
    parse = str if numbers_as_text else None  # None: json's own float and int
    try:
        return json.loads(text, parse_float=parse, parse_int=parse)
    except json.JSONDecodeError as exc:
        raise file_error(
            path, f"is not valid JSON ({exc.msg} at column {exc.colno})", line=exc.lineno
        ) from None
    except RecursionError:
        raise file_error(path, "is JSON nested too deeply to be a data export") from None


def read_csv_text(
    text: str, path: Path, *, skip_lines: int = 0, as_printed: bool = False, **options: Any
) -> tuple[pd.DataFrame, np.ndarray]:
    """Parse CSV text with :func:`pandas.read_csv` (``options``; every field as its text, "" where
    empty, with ``as_printed``) after cutting off ``skip_lines`` lines of preamble; return the frame
    and each row's line in the file. pandas pads a short record silently, so Python's csv module
    also splits the records, and one of another width than the header's is an error at its line.
    """
    if as_printed:
        options.update(dtype=str, na_filter=False)
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
    parse_error: Exception | None = None
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
        parse_error = exc
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
    """A column of cells as floats: NaN where in ``missing`` (stripped first, with ``strip``),
    else a finite number as :func:`pandas.to_numeric` reads it, of its ``kind``: "float", "int"
    (whole, below 2**53 so that a float holds it exactly) or "bool" (0 or 1). The first bad cell
    raises a ValueError naming the file, its line (or JSON record, ``where="record"``) and the
    column (the Series' name)."""
    text = cells.astype(object)
    keys = text.str.strip() if strip else text
    empty = (keys.isna() | keys.isin(list(missing))).to_numpy(dtype=bool)
    values = pd.to_numeric(keys.mask(empty), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(values)
    bad = ~finite & ~empty
    if kind != "bool":  # a JSON true or false is not a count or a measurement
        bad |= text.map(lambda v: isinstance(v, bool)).to_numpy(dtype=bool)
    if kind == "int":
        bad |= finite & (values != np.round(values))
    elif kind == "bool":
        bad |= finite & (values != 0.0) & (values != 1.0)
    at: dict[str, Any] = {"lines": lines, "column": str(cells.name), "where": where}
    raise_at_first(
        bad, path, f"expected {_EXPECTED[kind]} or an empty field, got {{!r}}", text, **at
    )
    if kind == "int":
        # a whole number from 2**53 on may not be the one printed once it is a float
        too_large = np.abs(np.nan_to_num(values)) >= 2.0**53
        raise_at_first(
            too_large, path, "{!r} is too large for a count (at most 2**53 - 1)", text, **at
        )
    return values + 0.0 if kind != "float" else values  # a count of "-0" is 0


def masked(values: np.ndarray, kind: str) -> Any:
    """Floats (NaN missing, checked by :func:`numbers`) as the nullable array of their ``kind``."""
    return pd.array(values, dtype="Float64").astype(_NULLABLE[kind])


def strings(values: Any, missing: Any = None) -> Any:
    """A nullable ``string`` array of ``values``; None, NaN and (where given) ``missing`` are NA."""
    out = np.array(values, dtype=object)
    if missing is not None:
        out[np.asarray(missing, dtype=bool)] = None
    return pd.array(out, dtype=pd.StringDtype(na_value=pd.NA))


def dates(values: Any, path: Path, fmt: str, what: str, **at: Any) -> np.ndarray:
    """Dates in ``fmt`` as ``datetime64[us]`` (whatever unit pandas infers: an empty column gives
    seconds); the first that is not one raises ``what`` formatted with it, placed by ``at``
    (``lines``, ``column``, ``where``) as in :func:`raise_at_first`."""
    parsed = pd.to_datetime(pd.Series(values, dtype=object), format=fmt, errors="coerce")
    raise_at_first(parsed.isna(), path, what, values, **at)
    return parsed.to_numpy().astype("datetime64[us]")


def warn_unmatched(path: Path, what: str, values: Sequence[str], consequence: str) -> None:
    """Emit one :class:`CountryNameWarning` listing every value that could not be matched."""
    if values:
        unique = sorted(set(values))
        warn(
            f"file {path.name!r}: {len(unique)} {what} not matched to ISO 3166-1 by "
            f"pycountry: {', '.join(map(repr, unique))}; {consequence}",
            CountryNameWarning,
        )


def iso3_or_warn(names: Iterable[Any], path: Path, what: str, consequence: str) -> list[Any]:
    """The codes of :func:`iso3_from_names`, with one warning for the names it did not match."""
    codes, unmatched = iso3_from_names(names)
    warn_unmatched(path, what, unmatched, consequence)
    return codes
