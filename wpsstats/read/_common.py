"""Helpers shared by the readers: file access, encodings, CSV sniffing, errors and country names.

Every reader turns a damaged or mislabelled file into a ``ValueError`` that names the file, the line
(or JSON record) and what was expected, so that an analyst can open the file at the right place.
Country names go through pycountry (ISO 3166-1), never through a hand-written table.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "CountryNameWarning",
    "CsvRows",
    "DataConsistencyWarning",
    "EncodingWarning",
    "FileFormatError",
    "as_path",
    "categorical",
    "checked_numbers",
    "compact_codes",
    "csv_field_counts",
    "csv_rows",
    "decode",
    "file_error",
    "iso3_from_names",
    "load_json",
    "names_from_iso3",
    "none_where",
    "number_array",
    "number_columns",
    "read_csv_rows",
    "read_csv_text",
    "string_array",
    "text_columns",
    "text_numbers",
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


def string_array(values: Any) -> Any:
    """A nullable ``string`` array; None (and NaN) are missing."""
    # the dtype object, not "string": pandas would look the name up in its dtype registry
    return pd.array(np.asarray(values, dtype=object), dtype=pd.StringDtype(na_value=pd.NA))


_STRING = pd.StringDtype(na_value=pd.NA)


def text_columns(cells: np.ndarray) -> list[Any]:
    """The columns of a block of text cells as nullable ``string`` arrays; "" is missing.

    One pass over the block, then one array per column. With pandas' own (Python) string
    storage, the array is made straight from the cells (they are ``str`` already); with pyarrow
    installed, each column is converted as :func:`string_array` does."""
    block = np.array(np.asarray(cells, dtype=object).T, dtype=object, order="C")
    block[block == ""] = None
    if _STRING.storage != "python":
        return [string_array(column) for column in block]
    return [pd.arrays.StringArray(column) for column in block]


def number_array(values: np.ndarray, kind: str) -> Any:
    """A column of floats (NaN missing) as a nullable array of its kind: "float" (``Float64``),
    "int" (``Int64``; the values are whole) or "bool" (``boolean``; the values are 0 or 1)."""
    missing = np.isnan(values)
    return _masked_array(np.where(missing, 0.0, values), missing, kind)


def number_columns(values: np.ndarray, kinds: Sequence[str]) -> list[Any]:
    """The columns of a float block (records x columns), each as :func:`number_array` makes it."""
    columns = np.ascontiguousarray(values.T)  # one copy, then each column is contiguous
    # number_array's two passes (isnan, where), once for the whole block
    missing = np.isnan(columns)
    filled = np.where(missing, 0.0, columns)
    return [_masked_array(*column) for column in zip(filled, missing, kinds, strict=True)]


def _masked_array(filled: np.ndarray, missing: np.ndarray, kind: str) -> Any:
    """The nullable array of ``kind`` of floats whose missing values are already 0."""
    if kind == "float":
        return pd.arrays.FloatingArray(filled, missing)
    if kind == "int":
        return pd.arrays.IntegerArray(filled.astype(np.int64), missing)
    return pd.arrays.BooleanArray(filled == 1.0, missing)


def none_where(values: Any, missing: np.ndarray) -> np.ndarray:
    """An object-array copy of ``values`` with None where ``missing`` is True."""
    out = np.array(values, dtype=object)
    out[np.asarray(missing, dtype=bool)] = None
    return out


def categorical(codes: np.ndarray, categories: Any, *, ordered: bool = False) -> Any:
    """A categorical from integer codes (no factorising: the codes are built, not searched).

    The codes must lie in ``range(len(categories))``: callers build them from a factorisation or
    an ``arange``, so they are not checked again (a pass over every row of a long table).
    ``categories`` may be a ready ``CategoricalDtype`` (``ordered`` is then its own): a dtype
    made once, at import, is not checked again either (its categories' uniqueness costs about
    50 microseconds a call).
    """
    if isinstance(categories, pd.CategoricalDtype):
        dtype = categories
    else:
        dtype = pd.CategoricalDtype(pd.Index(categories), ordered=ordered)
    return pd.Categorical.from_codes(np.asarray(codes), dtype=dtype, validate=False)


def unchecked_dtype(categories: pd.Index, *, ordered: bool = False) -> pd.CategoricalDtype:
    """The ``CategoricalDtype`` of categories known to be distinct and not missing.

    pandas checks a new dtype's categories for missing values and repeats: about 35
    microseconds for a few hundred names, 0.2 ms of the WDI reader's five columns. Categories
    made by factorising need neither check, so pandas' own constructor without them is used
    where this pandas has it (``CategoricalDtype._from_fastpath``, with the same signature in
    pandas 2.1.0 and 3.1.1), the public one otherwise; a test requires the two to give equal
    dtypes.
    """
    if _DTYPE_WITHOUT_CHECKS is None:
        return pd.CategoricalDtype(categories, ordered=ordered)
    dtype: pd.CategoricalDtype = _DTYPE_WITHOUT_CHECKS(categories, ordered)
    return dtype


_DTYPE_WITHOUT_CHECKS = getattr(pd.CategoricalDtype, "_from_fastpath", None)


def compact_codes(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """``codes`` in the smallest integer type pandas would store them in (less to repeat)."""
    for kind, largest in _CODE_TYPES:
        if n_categories < largest:
            return np.asarray(codes).astype(kind, copy=False)
    return np.asarray(codes).astype(np.int64, copy=False)


_CODE_TYPES = [(kind, int(np.iinfo(kind).max)) for kind in (np.int8, np.int16, np.int32)]


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
    """Build the error every reader raises: file, then line/record and column, then the problem."""
    where = [f"file {Path(path).name!r}"]
    if line is not None:
        where.append(f"line {line}")
    if record is not None:
        where.append(f"record {record}")
    if column is not None:
        where.append(f"column {column!r}")
    return FileFormatError(f"{', '.join(where)}: {what}")


def decode(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used).

    UTF-8 is tried first (a byte-order mark is removed); a file that is not UTF-8 is decoded as
    Windows-1252 (what Excel writes on Windows), else Latin-1, with an :class:`EncodingWarning` that
    names the line of the first non-UTF-8 byte. An explicit ``encoding`` is used as given.
    """
    if b"\x00" in raw:
        # NUL bytes mean a binary file (or UTF-16), never one of the CSV/JSON exports read here.
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
            # a codec such as unicode_escape or utf-7 can make a lone surrogate, which no text
            # holds: refused here, so that every later step (and both ways of reading) agrees
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = text.count("\n", 0, exc.start) + 1
            raise file_error(
                path,
                f"decoded as {encoding}, it holds {text[exc.start]!r}, half of a surrogate pair, "
                "which is not a character: is the encoding right?",
                line=line,
            ) from None
        return text, encoding
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        for fallback in ("cp1252", "latin-1"):
            try:
                text = raw.decode(fallback)
            except UnicodeDecodeError:
                continue
            warnings.warn(
                f"file {path.name!r} is not UTF-8 (first non-UTF-8 byte on line {line}); "
                f"decoded as {fallback}. Pass encoding=... if that is wrong.",
                EncodingWarning,
                stacklevel=4,
            )
            return text, fallback
    raise file_error(path, "cannot be decoded as UTF-8 or Latin-1")  # pragma: no cover


def utf8_of(raw: bytes, text: str, used: str) -> bytes:
    """The UTF-8 bytes of ``text``, which :func:`decode` made from ``raw`` with ``used``.

    A file read as UTF-8 already is them (less a byte-order mark that decoding removed):
    encoding the text again costs 0.13 ms for a 90 kB file that holds one character beyond
    Latin-1, a copy of the bytes 5 microseconds. Any other encoding is encoded again."""
    if used == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:]
    if used in ("utf-8", "utf-8-sig"):
        return raw
    return text.encode("utf-8")


def csv_field_counts(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Count the fields of every record of a CSV text, honouring double-quoted fields.

    Returns ``(fields, line)``: the number of fields of each record and the 1-based line on which
    it starts. A quote toggles "inside a field"; a doubled quote toggles twice, so the parity of the
    quotes seen so far tells whether a comma or newline separates fields or sits inside one. This is
    vectorised over the text, and exact for RFC 4180 quoting. A quote inside an unquoted field
    (``O"Brien``) is text to pandas and the csv module but toggles here, so the exact count of
    :func:`read_csv_text` follows the csv module instead.
    """
    return _field_counts(np.frombuffer(text.encode("utf-8"), dtype=np.uint8))


def _field_counts(b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`csv_field_counts` on the UTF-8 bytes of the text."""
    quotes = np.flatnonzero(b == 34)
    newlines = np.flatnonzero(b == 10)
    commas = np.flatnonzero(b == 44)
    all_newlines = newlines
    if quotes.size:
        newlines = newlines[(np.searchsorted(quotes, newlines) & 1) == 0]
        commas = commas[(np.searchsorted(quotes, commas) & 1) == 0]
    record = np.searchsorted(newlines, commas)
    n_records = newlines.size + 1
    fields = np.bincount(record, minlength=n_records) + 1
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [b.size]))
    width = ends - starts
    # a blank record (nothing, or a lone CR before the LF) holds no field at all
    blank = width == 0
    one = np.flatnonzero(width == 1)
    blank[one] = b[starts[one]] == 13
    fields[blank] = 0
    line = np.searchsorted(all_newlines, starts) + 1
    return fields, line


def field_spans(
    b: np.ndarray, width: int, *, plain_max: int | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each field of a plainly written CSV table lies in its bytes, or None.

    ``b`` is the UTF-8 bytes of CSV records (a table after its header line, or a header line on
    its own). Returns ``(starts, ends)``, each of shape (records, ``width``): the byte offsets of
    every field's text, its quotes left out.

    Only a table that the rules below read exactly as pandas and the csv module do is split; for
    anything else the answer is None and the caller reads the file the general way, which names
    the problem if there is one. Every record has ``width`` fields, at least two; no line is blank
    (pandas skips one); no byte-order mark; a CR comes only before an LF; a quote opens a field
    only at its start and closes it only at its end, so a quoted field holds no quote (no doubled
    quote). Under these rules the quotes pair up in order, a comma or line break between a pair
    is text, every other comma separates two fields and every other line break two records: all
    of it is decided by counting, without a loop over the records.

    A table whose every field is quoted is split from its quotes alone (:func:`_quoted_spans`);
    any other is counted only up to ``plain_max`` bytes (None: any size).
    """
    if b.size == 0 or width < 2 or b[:3].tobytes() == b"\xef\xbb\xbf":
        # (one field a record: pandas skips a line of spaces as blank; a byte-order mark: pandas
        # drops it from the first field)
        return None
    quote_byte = b == 34
    quoted = _quoted_spans(b, width, quote_byte)
    if quoted is not None or (plain_max is not None and b.size > plain_max):
        return quoted
    return _plain_spans(b, width, quote_byte)


def _plain_spans(
    b: np.ndarray, width: int, quote_byte: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`field_spans` by counting the commas and line ends outside quotes (any plainly
    written table); ``quote_byte`` is ``b == 34``."""
    # one pass for the four bytes that matter (quote, comma, LF, CR): the checks below look at
    # these positions, not at every byte
    special = b == 44
    special |= b == 10
    special |= b == 13
    special |= quote_byte
    at = np.flatnonzero(special)
    kind = b[at]
    cr = np.flatnonzero(kind == 13)
    if cr.size and (
        cr[-1] + 1 >= at.size or (kind[cr + 1] != 10).any() or (at[cr + 1] != at[cr] + 1).any()
    ):
        return None  # a lone CR ends a record for pandas, not for this count
    quote = kind == 34
    # after an odd number of quotes, an opening one included: inside a quoted field (np.compress
    # rather than a boolean index, and an int32 sum: each several times faster here)
    inside = (np.cumsum(quote, dtype=np.int32) & 1).astype(bool)
    if quote.any():
        q = np.compress(quote, at)
        if q.size % 2:
            return None
        # a quote opens a field only at its start (the table's start, or after a comma or LF) and
        # closes it only at its end (the table's end, or before a comma, CR or LF); anything else
        # (text around a quoted field, a doubled quote) pandas reads otherwise
        before = b.take(q[0::2] - 1, mode="clip")
        after = b.take(q[1::2] + 1, mode="clip")
        opens_field = (before == 44) | (before == 10)
        opens_field[0] |= q[0] == 0
        closes_field = (after == 44) | (after == 10) | (after == 13)
        closes_field[-1] |= q[-1] == b.size - 1
        if not (opens_field.all() and closes_field.all()):
            return None
    newlines = np.compress((kind == 10) & ~inside, at)  # a quoted line break is text
    commas = np.compress((kind == 44) & ~inside, at)
    ends_at = newlines if b[-1] == 10 else np.append(newlines, b.size)
    record_start = np.concatenate(([0], ends_at[:-1] + 1))
    record_end = ends_at.copy()
    real = ends_at < b.size
    record_end[real] -= b[ends_at[real] - 1] == 13  # (a blank line's LF at 0 is caught below)
    if (record_end <= record_start).any():
        return None  # a blank line: pandas skips it
    per_line = np.diff(np.searchsorted(commas, ends_at), prepend=0)
    if (per_line != width - 1).any():
        return None
    n = ends_at.size
    starts = np.empty((n, width), dtype=np.int64)
    ends = np.empty((n, width), dtype=np.int64)
    starts[:, 0] = record_start
    ends[:, -1] = record_end
    if width > 1:
        separators = commas.reshape(n, width - 1)
        starts[:, 1:] = separators + 1
        ends[:, :-1] = separators
    if quote.any():
        quoted = (ends > starts) & quote_byte[np.minimum(starts, b.size - 1)]
        starts += quoted
        ends -= quoted
    return starts, ends


def _quoted_spans(
    b: np.ndarray, width: int, quote_byte: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`field_spans` of a table whose every field is quoted, or None.

    The World Bank's bulk files quote every field and end each line with a comma (an empty,
    unquoted last field). In such a table the quotes alone tell where every field lies: the
    k-th pair of quotes holds the k-th field, so nothing else need be found. That holds only if
    every record is ``"..."`` fields joined by single commas, then (the trailing empty field) a
    comma, then CR LF or LF, and no CR stands anywhere else; every byte between two pairs is
    checked to be so. Anything else is None, and :func:`field_spans` counts the general way.
    Where both answer they give the same spans (a property test compares them).
    """
    q = np.flatnonzero(quote_byte)
    for quoted_fields in (width - 1, width):  # with the trailing empty field, or without
        per_record = 2 * quoted_fields
        if q.size == 0 or q.size % per_record or q[0] != 0:
            continue
        n = q.size // per_record
        opens = q[0::2].reshape(n, quoted_fields)
        closes = q[1::2].reshape(n, quoted_fields)
        # inside a record: the next field opens two bytes after a close, with a comma between
        if quoted_fields > 1 and not (
            (opens[:, 1:] - closes[:, :-1] == 2).all() and (b.take(closes[:, :-1] + 1) == 44).all()
        ):
            continue
        trailing = quoted_fields < width  # a comma, then the line end
        last = closes[:, -1]
        # between records: [comma] CR LF or [comma] LF, exactly
        gap = np.append(opens[1:, 0], b.size) - last - 1
        tail = int(trailing)
        ends_line = gap - tail  # the line end's length: 1 (LF) or 2 (CR LF); 0 only at the end
        lf = last + tail + ends_line  # where the LF is (past the end for none)
        ended = (ends_line == 1) | (ends_line == 2)
        ended[-1] |= ends_line[-1] == 0  # the last line may have no line end
        if not ended.all():
            continue
        has_end = ends_line > 0
        if not (b.take(lf[has_end]) == 10).all():
            continue
        crs = has_end & (ends_line == 2)
        if not (b.take(lf[crs] - 1) == 13).all():
            continue
        if int(np.count_nonzero(b == 13)) != int(crs.sum()):
            continue  # a CR inside a field: pandas may read it otherwise
        if trailing and not (b.take(last + 1, mode="clip") == 44).all():
            continue
        starts = np.empty((n, width), dtype=np.int64)
        ends = np.empty((n, width), dtype=np.int64)
        starts[:, :quoted_fields] = opens + 1
        ends[:, :quoted_fields] = closes
        if trailing:
            starts[:, -1] = last + 2
            ends[:, -1] = last + 2
        return starts, ends
    return None


def gather_fields(b: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """The text of these fields (flat offsets into ``b``), each followed by a line feed."""
    lengths = ends - starts
    taken = lengths + 1
    at = np.cumsum(taken) - taken  # where each field starts in the result
    # int32 offsets where they fit: half the memory to fill for a few hundred thousand bytes
    dtype = np.dtype(np.int64 if b.size >= 2**31 else np.int32)
    source: np.ndarray = np.arange(int(taken.sum()), dtype=dtype)
    np.subtract(source, np.repeat((at - starts).astype(dtype), taken), out=source)
    out = b.take(source, mode="clip")  # the byte after the last field may be past the end
    out[at + lengths] = 10
    return out.tobytes()


def field_texts(b: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[str] | None:
    """The text of these fields (flat offsets into ``b``), decoded in one piece; None if a field
    holds a line break (it would split in two)."""
    texts = gather_fields(b, starts, ends).decode("utf-8").split("\n")[:-1]
    return texts if len(texts) == starts.size else None


def check_quotes(text: str, path: Path, *, first_line: int = 1) -> None:
    """Raise if a double quote is left open at the end of the file (a truncated quoted field).

    ``first_line`` is the file line on which ``text`` starts (after a preamble)."""
    if text.count('"') % 2:
        # only on the error path: the first line whose quotes do not pair up is where to look
        line = next(
            (i for i, part in enumerate(text.split("\n"), start=first_line) if part.count('"') % 2),
            None,
        )
        raise file_error(
            path, "a quoted field is never closed (the quotes stop pairing up here)", line=line
        )


def read_csv_text(
    text: str,
    path: Path,
    *,
    skip_lines: int = 0,
    expected_fields: int | None = None,
    **kwargs: Any,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Parse CSV text with pandas' C engine after checking every record has the header's width.

    ``skip_lines`` lines before the header are ignored (a preamble). Every record after the header
    must have ``expected_fields`` fields (default: the header's); else ValueError naming the line.
    Returns the frame and the file line of each of its rows.

    The preamble is cut off before pandas sees the text: pandas' own ``skiprows`` loses its place
    when a skipped line starts with an empty field and a quoted comma (``,","``). pandas parses
    the table once. A well-formed table takes a fast path (:func:`_read_csv_fast`) that proves
    the field counts from that parse; anything it cannot prove is counted again record by record
    (:func:`_read_csv_counted`), which finds and names the offending line.
    """
    data = text.encode("utf-8")
    head = line_start(data, skip_lines)
    if head is None:
        raise file_error(path, "has no header line", line=skip_lines + 1)
    table = _Table(data, head, skip_lines)
    fast = _read_csv_fast(table, expected_fields, kwargs)
    if fast is None:
        fast = _read_csv_counted(table, path, expected_fields, kwargs)
    frame, lines = fast
    return frame, lines + skip_lines


def line_start(text: Any, lines: int) -> int | None:
    """Where the line after the first ``lines`` lines of ``text`` (str or bytes) starts; None if
    it has fewer line breaks. A preamble is cut there, whatever it holds."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    start = 0
    for _ in range(lines):
        start = text.find(newline, start) + 1
        if start == 0:
            return None
    return start


@dataclass(frozen=True)
class _Table:
    """A CSV file's bytes and where its table starts, after ``skip_lines`` lines of preamble."""

    data: bytes
    head: int
    skip_lines: int
    # pandas' one parse of the table (or its error), shared by the proof and the exact count
    _parsed: list[pd.DataFrame | ValueError] = field(default_factory=list, compare=False)

    def bytes(self) -> np.ndarray:
        """The table's bytes (a view, not a copy)."""
        return np.frombuffer(self.data, dtype=np.uint8)[self.head :]

    def parse(self, kwargs: dict[str, Any]) -> pd.DataFrame:
        """pandas' parse of the table, from its first byte; done once, then its frame (or the
        ValueError pandas raised) is given again. Not ``skiprows``: pandas loses its place on a
        skipped line that starts with an empty field and a quoted comma. Not a copy of the table
        either: the buffer starts where the table does (a copy of a large file costs more than
        the parse's own reading)."""
        if not self._parsed:
            buffer = io.BytesIO(self.data)
            buffer.seek(self.head)
            try:
                self._parsed.append(pd.read_csv(buffer, **kwargs))
            except ValueError as exc:  # pandas' ParserError and EmptyDataError are ValueErrors
                self._parsed.append(exc)
        result = self._parsed[0]
        if isinstance(result, ValueError):
            raise result
        return result


def _read_csv_counted(
    table: _Table, path: Path, expected_fields: int | None, kwargs: dict[str, Any]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Count the fields of every record, raise naming the first bad line, else parse.

    The fields are counted as pandas' tokenizer splits them. Python's csv module splits alike: a
    quote opens a field only at its start, a quote inside an unquoted field is text. A vectorised
    count by quote parity would read that quote as opening a field, and miss a record with a
    field too many. A lone CR (a carriage return without a line feed) ends a record for pandas in
    a way neither count follows, so it is an error here, naming its line. Messages name the
    file's lines; the lines returned are the table's own, from 1.
    """
    skip_lines = table.skip_lines
    text = table.data[table.head :].decode("utf-8")
    lone_cr = re.search(r"\r(?!\n)", text)
    if lone_cr:
        raise file_error(
            path,
            "holds a carriage return (CR) without a line feed: save the file with LF or CRLF "
            "line ends",
            line=text.count("\n", 0, lone_cr.start()) + 1 + skip_lines,
        )
    if text.count('"') % 2:
        try:  # an odd quote can be text (O"Brien); pandas says whether a quoted field is cut
            table.parse(kwargs)
        except (pd.errors.ParserError, ValueError):
            check_quotes(text, path, first_line=skip_lines + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    lengths: list[int] = []
    starts: list[int] = []
    start = 1
    try:
        for record in reader:  # only for a file the fast path could not prove
            lengths.append(len(record))
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise file_error(
            path, f"cannot be parsed as CSV: {exc}", line=reader.line_num + skip_lines
        ) from None
    fields, line = np.array(lengths, dtype=np.int64), np.array(starts, dtype=np.int64)
    if not fields.size or fields[0] == 0:
        raise file_error(path, "has no header line", line=skip_lines + 1)
    width = int(fields[0]) if expected_fields is None else expected_fields
    body = fields[1:]
    bad = (body != width) & (body != 0)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise _width_error(path, width, body[bad], line=int(line[1 + first]) + skip_lines)
    data_lines = line[1:][body != 0]
    try:
        frame = table.parse(kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise file_error(path, f"cannot be parsed as CSV: {exc}") from None
    if (
        len(frame) != data_lines.size
        or len(frame.columns) != width
        or not isinstance(frame.index, pd.RangeIndex)
    ):
        # a guard: pandas split the records otherwise than the csv module (a line of spaces it
        # skips, say); the file is read by neither rather than by one of them wrongly
        raise file_error(
            path,
            f"holds {data_lines.size} records of {width} fields, but pandas read "
            f"{len(frame)} of {len(frame.columns)}: its quoting or line ends are ambiguous",
        )
    return frame, data_lines


def _width_error(path: Path, width: int, found: np.ndarray, *, line: int) -> FileFormatError:
    """The error for records whose field count is not the header's: the first one's line and
    count, and how many more there are (one message for every way of reading a file)."""
    more = found.size - 1
    also = f" ({more} more such line{'s' if more != 1 else ''})" if more else ""
    return file_error(
        path,
        f"expected {width} comma-separated fields as in the header, found {int(found[0])}{also}",
        line=line,
    )


_CSV_SPECIALS = (",", '"', "\n", "\r")


def _read_csv_fast(
    table: _Table, expected_fields: int | None, kwargs: dict[str, Any]
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Parse once with pandas and prove every record has the header's width; None if unproven.

    Counting fields record by record (honouring quotes) costs more than pandas' own parse on a
    file where every field is quoted, so a clean file is checked from totals instead:

    * pandas' C parser rejects a record longer than the header, except the first data record
      (checked exactly here), so no record is longer than the header;
    * every comma after the preamble either separates two fields or sits inside a quoted field,
      and then it is in that field's parsed text; so the fields of all records add up to
      (commas) - (commas inside parsed text) + (records). With none longer than the header, they
      add up to width x records only if every record has exactly the header's width.

    The totals are only equivalent to the record-by-record count when both read the quotes alike:
    so a parsed text holding a quote or a line break (a doubled quote, a stray quote inside a
    field, a quoted newline), a lone CR, a blank-looking line that pandas skips, or
    any parser error send the file to the exact count. The lines returned are the table's own
    (after the preamble).
    """
    na_values = kwargs.get("na_values", ())
    if isinstance(na_values, dict):  # one list per column: any of them counts
        na_values = [v for values in na_values.values() for v in np.atleast_1d(values)]
    if any(any(s in str(v) for s in _CSV_SPECIALS) for v in np.atleast_1d(na_values)):
        return None  # an NA marker holding a comma would hide it from the text count below
    b = table.bytes()
    newlines = np.flatnonzero(b == 10)
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [b.size]))
    width_bytes = ends - starts
    blank = width_bytes == 0
    one = np.flatnonzero(width_bytes == 1)
    blank[one] = b[starts[one]] == 13
    if blank[0]:
        return None
    carriage = np.count_nonzero(b == 13)
    if carriage and carriage != np.count_nonzero(b[newlines[newlines > 0] - 1] == 13):
        return None  # a lone CR ends a record for pandas, not for the count
    data_at = np.flatnonzero(~blank[1:]) + 1  # 0-based line of each row
    if data_at.size:
        first_fields, _ = _field_counts(b[starts[data_at[0]] : ends[data_at[0]]])
    try:
        frame = table.parse(kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError):
        return None
    width = len(frame.columns)
    if expected_fields is not None and expected_fields != width:
        return None
    if (
        not isinstance(frame.index, pd.RangeIndex)
        or len(frame) != data_at.size
        or (data_at.size and int(first_fields[0]) != width)
    ):
        return None
    inside = 0
    quotes = int(np.count_nonzero(b == 34))
    if quotes:
        names = "\x00".join(str(c) for c in frame.columns)
        if any(s in names for s in _CSV_SPECIALS[1:]):
            return None
        in_text = _commas_in_text(frame, b, quotes, newlines, data_at)
        if in_text < 0:
            return None
        inside = names.count(",") + in_text
    records = data_at.size + 1
    if np.count_nonzero(b == 44) - inside + records != width * records:
        return None
    return frame, data_at + 1


def _commas_in_text(
    frame: pd.DataFrame, body: np.ndarray, quotes: int, newlines: np.ndarray, data_at: np.ndarray
) -> int:
    """Commas inside the parsed text of the rows whose line holds a quote; -1 if any text holds
    a quote or a line break (the parse and the field count could then read the quotes apart).

    Only text columns can hold them: a quoted field that holds a comma, a quote or a line break
    is not a number, so pandas leaves its column as text."""
    text_columns = [i for i, dtype in enumerate(frame.dtypes) if dtype.kind not in "iufbmM"]
    if not text_columns:
        return 0
    rows: slice | np.ndarray = slice(None)
    if quotes < len(frame):
        # few quotes: look only at the rows they are on
        lines = np.unique(np.searchsorted(newlines, np.flatnonzero(body == 34)))
        rows = np.searchsorted(data_at, lines[np.isin(lines, data_at)])
    commas = 0
    # by label where the labels are unique (pandas makes a header's repeated names so): in
    # pandas 3 that costs a third of a positional ``iloc`` column
    by_label = frame.columns.is_unique
    for i in text_columns:
        column = frame[frame.columns[i]] if by_label else frame.iloc[:, i]
        values = column.to_numpy(dtype=object, na_value="")[rows]  # a missing value: no comma
        try:
            joined = "\x00".join(values)
        except TypeError:  # numbers mixed in with the text: only text can hold a comma
            joined = "\x00".join(v for v in values if isinstance(v, str))
        if '"' in joined or "\n" in joined or "\r" in joined:
            return -1
        commas += joined.count(",")
    return commas


# --------------------------------------------------------------------------------------------
# Records as text: the csv module for a small file, pandas' frame for a large one
# --------------------------------------------------------------------------------------------

# Above this many characters pandas' C parser is the faster way to a typed table: the csv module and
# float() cost per field, pandas' parse costs per column (tens of microseconds whatever the length).
# Measured on DHS and PADD files repeated 1-16 times: the two meet near 300,000 (DHS) and 450,000
# (PADD, 111 columns) characters.
CSV_ROWS_MAX_CHARS = 300_000

_NUMBER_CHARS = frozenset("0123456789.eE+-")


@dataclass(frozen=True)
class CsvRows:
    """The records of a CSV file, as text, with ``header`` (names as pandas gives them:
    "Unnamed: i" for an empty one, "name.1" for a repeated one) and ``lines`` (the 1-based
    file line of each record).

    A small file is held as ``cells`` (records x fields, ``str``; "" for an empty field). A
    large one as pandas parsed it, ``frame``: its text columns hold the text as printed (an
    empty field missing), and a column pandas read as numbers is used as parsed; the text of
    such a number is read back from ``source`` (the file's text) only for a message.
    """

    header: list[str]
    lines: np.ndarray
    cells: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=object))
    frame: pd.DataFrame | None = None
    source: str | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def parsed(self, name: str) -> bool:
        """True if pandas read this column as numbers (a large file only)."""
        return self.frame is not None and self.frame[name].dtype.kind in "iuf"

    def column(self, name: str) -> np.ndarray:
        """The text of one column, "" for an empty field (object array)."""
        if self.frame is None:
            return self.cells[:, self.header.index(name)]
        values = self.frame[name]
        if not isinstance(values.dtype, pd.StringDtype):
            # numbers as pandas parsed them (a column of numbers, or one mixed with numbers
            # too large for int64): their text as Python writes them; printed() has the file's
            return np.where(values.isna(), "", values.astype(str)).astype(object)
        return values.to_numpy(dtype=object, na_value="")

    def texts(self, names: Sequence[str], *, missing: Sequence[str] = ("",)) -> list[Any]:
        """These columns as nullable ``string`` arrays; a field in ``missing`` is missing."""
        if self.frame is None or _STRING.storage != "python":
            if not names:
                return []
            block = np.stack([self.column(c) for c in names], axis=1)
            for marker in missing:
                if marker:
                    block = np.where(block == marker, "", block)
            return text_columns(block)
        out = []
        for name in names:
            values = self.frame[name]
            if values.dtype == _STRING:
                array = values.array  # the parser made the result's dtype: nothing to convert
            elif isinstance(values.dtype, pd.StringDtype):
                array = values.array.astype(_STRING)  # pandas' own text, retyped in one step
            else:
                column = self.column(name)
                array = string_array(none_where(column, column == ""))
            for marker in missing:
                if not marker:
                    continue  # "" is already missing
                hit = (array == marker).to_numpy(dtype=bool, na_value=False)
                if hit.any():
                    array = array.copy()
                    array[hit] = pd.NA
            out.append(array)
        return out

    def printed(self, name: str, row: int) -> str:
        """The text of one field as the file prints it."""
        if self.frame is None:
            return str(self.cells[row, self.header.index(name)])
        if isinstance(self.frame[name].dtype, pd.StringDtype):
            return str(self.column(name)[row])
        start = 0
        for _ in range(int(self.lines[row]) - 1):  # one record is looked up, for a message
            start = str(self.source).index("\n", start) + 1
        record = next(csv.reader(io.StringIO(str(self.source)[start:], newline="")))
        return record[self.header.index(name)]

    def record(self, row: int) -> list[str]:
        """The fields of one record, "" where empty (a parsed number as Python writes it)."""
        if self.frame is None:
            return [str(v) for v in self.cells[row].tolist()]
        values = self.frame.iloc[row].tolist()
        return ["" if pd.isna(v) else str(v) for v in values]

    def without_first(self) -> CsvRows:
        """The same records but the first."""
        if self.frame is None:
            return CsvRows(self.header, self.lines[1:], self.cells[1:])
        return CsvRows(self.header, self.lines[1:], frame=self.frame.iloc[1:], source=self.source)

    def numbers(
        self,
        names: Sequence[str],
        path: Path,
        *,
        kinds: Sequence[str] | str = "float",
        missing: Sequence[str] = ("",),
        strip: bool = False,
    ) -> np.ndarray:
        """:func:`text_numbers` of these columns, using the numbers pandas already parsed."""
        if self.frame is None:
            block = self.cells[:, [self.header.index(c) for c in names]]
            return text_numbers(
                block, names, path, self.lines, kinds=kinds, missing=missing, strip=strip
            )
        parsed = [self.parsed(c) for c in names]
        # column-major: filled column by column below
        values = np.full((len(self), len(names)), np.nan, order="F")
        empty = np.zeros(values.shape, dtype=bool, order="F")
        for j, name in enumerate(names):
            if parsed[j]:  # column by column: the parse's frame is not one block
                values[:, j] = self.frame[name].to_numpy(dtype=float, na_value=np.nan)
                empty[:, j] = np.isnan(values[:, j])
        text = [j for j, p in enumerate(parsed) if not p]
        if text:
            block = np.stack([self.column(names[j]) for j in text], axis=1)
            values[:, text], empty[:, text] = _numbers_of_text(block, missing=missing, strip=strip)
        return checked_numbers(
            values,
            empty,
            names,
            path,
            self.lines,
            kinds=kinds,
            printed=lambda row, j: self.printed(names[j], int(row)),
        )


def read_csv_rows(
    text: str, path: Path, *, skip_lines: int = 0, max_chars: int | None = None
) -> CsvRows | None:
    """Split a small, plainly quoted CSV text into cells with the csv module; None otherwise.

    This is :func:`read_csv_text` for the common case, at a fraction of the cost of a pandas
    frame: the csv module gives each record's fields exactly, so no count has to be proven
    afterwards, and the reader types only the columns it keeps. It returns None, and the caller
    goes to :func:`read_csv_text`, for a text longer than ``max_chars`` (default
    ``CSV_ROWS_MAX_CHARS``, read at each call so that tests can lower it), a lone CR, a quote that
    does not open or close a field (a doubled quote, a quoted line break, a stray quote after a
    closing one), a header line that is blank or names no column, or a one-column file. Those
    are rare, and pandas and the exact count then decide. The ``skip_lines`` lines of a preamble
    are cut off whatever they hold, as :func:`read_csv_text` cuts them.

    A record whose field count differs from the header's raises the same error as
    :func:`read_csv_text`: the file, the line, the count expected and found.
    """
    limit = CSV_ROWS_MAX_CHARS if max_chars is None else max_chars
    if len(text) > limit or ("\r" in text and "\r" in text.replace("\r\n", "")):
        return None
    head = line_start(text, skip_lines)
    if head is None:
        return None
    # pandas drops one byte-order mark at the start of what it reads (a second one, after the
    # file's own that decode() removed, is left of a re-save): so is it here
    body = text[head:].removeprefix("\ufeff")
    if '"' in body and not _plain_quotes_text(body):
        return None
    try:
        rows = list(csv.reader(io.StringIO(body, newline=""), strict=True))
    except csv.Error:
        return None
    if not rows or len(rows[0]) < 2 or not any(rows[0]):
        return None  # no header, one column, or no name at all: pandas' own rules decide
    header = _pandas_names(rows[0])
    width = len(header)
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    kept = np.flatnonzero(lengths[1:] != 0) + 1
    bad = lengths[kept] != width
    if bad.any():
        first = int(kept[np.flatnonzero(bad)[0]])
        raise _width_error(path, width, lengths[kept][bad], line=skip_lines + first + 1)
    if kept.size == len(rows) - 1:
        # one flat pass over the fields (np.array of the rows first works out their shape)
        cells = np.fromiter(
            itertools.chain.from_iterable(rows[1:]), dtype=object, count=kept.size * width
        ).reshape(kept.size, width)
    else:
        cells = np.array([rows[i] for i in kept.tolist()], dtype=object).reshape(kept.size, width)
    # every record is one line here (no quoted line break, no lone CR)
    return CsvRows(header, kept + skip_lines + 1, cells)


def csv_rows(
    text: str,
    path: Path,
    *,
    skip_lines: int = 0,
    text_columns: Sequence[str] = (),
    number_columns: Sequence[str] | None = None,
    na_values: Sequence[str] = ("",),
) -> CsvRows:
    """A CSV text as text cells, whatever its size.

    A small, plain file goes through :func:`read_csv_rows`. A large or unusual one is parsed by
    pandas (:func:`read_csv_text`): a column it reads as numbers is kept in ``parsed`` (its
    ``na_values`` are NaN), every other column as text cells. Pandas may read as numbers only
    ``number_columns`` if they are given, else any column but ``text_columns``.
    """
    rows = read_csv_rows(text, path, skip_lines=skip_lines)
    if rows is not None:
        return rows
    # the header's names (as printed and as pandas renames them), to type every column
    head = line_start(text, skip_lines)
    try:
        table = text[head or 0 :].removeprefix("\ufeff")  # as pandas reads it: see read_csv_rows
        first = next(csv.reader(io.StringIO(table, newline="")), [])
    except csv.Error:
        first = []  # pandas reports the damage below
    names = list(dict.fromkeys([*first, *_pandas_names(first)]))
    if number_columns is None:
        texts = set(text_columns)
    else:
        texts = {c for c in names if c not in number_columns}
    # a text column keeps every field as printed ("NA" too, as the csv module does; "" is
    # NaN); only the other columns read na_values as missing
    frame, lines = read_csv_text(
        text,
        path,
        skip_lines=skip_lines,
        # the dtype object, not "string": pandas would look the name up once per column
        dtype=dict.fromkeys(texts, _STRING),
        keep_default_na=False,
        low_memory=False,  # one pass: no column typed twice over in chunks (a DtypeWarning)
        # one list for every column if it is only "" (cheaper for pandas than one per column)
        na_values=[""]
        if list(na_values) == [""]
        else {c: [""] if c in texts else list(na_values) for c in names},
    )
    frame.columns = [str(c) for c in frame.columns]
    return CsvRows(list(frame.columns), lines, frame=frame, source=text)


def _plain_quotes_text(text: str) -> bool:
    """:func:`_plain_quotes` of a text: with a few quotes, pair by pair on the text itself (the
    array version costs a dozen passes over the whole text, whatever the number of quotes)."""
    count = text.count('"')
    if count > _FEW_QUOTES:
        return _plain_quotes(np.frombuffer(text.encode("utf-8"), dtype=np.uint8))
    if count % 2:
        return False
    end = len(text) - 1
    close = -1
    for _ in range(count // 2):
        open_ = text.index('"', close + 1)
        close = text.index('"', open_ + 1)
        if open_ and text[open_ - 1] not in ",\n":
            return False  # not at the start of a field
        if close < end and text[close + 1] not in ",\r\n":
            return False  # not at the end of a field
        if text.find("\n", open_, close) >= 0:
            return False  # a quoted line break
    return True


# up to this many quotes, :func:`_plain_quotes_text` checks them one pair at a time
_FEW_QUOTES = 64


def _plain_quotes(data: np.ndarray) -> bool:
    """True if every quote opens or closes a field and no field between quotes spans lines.

    A quote opens a field when it follows a comma, a line break or the start; it closes one when
    a comma, a line break (CR or LF) or the end follows. Opening and closing quotes must
    alternate, so a doubled quote inside a field, a quote in the middle of a field or a quoted
    line break all fail, and are left to pandas."""
    quotes = np.flatnonzero(data == 34)
    if not quotes.size:
        return True
    if quotes.size % 2:
        return False
    opens, closes = quotes[0::2], quotes[1::2]
    before = data[np.maximum(opens - 1, 0)]
    opening = (opens == 0) | (before == 44) | (before == 10)
    after = data[np.minimum(closes + 1, data.size - 1)]
    closing = (closes == data.size - 1) | (after == 44) | (after == 10) | (after == 13)
    if not (opening.all() and closing.all()):
        return False
    breaks = np.flatnonzero(data == 10)
    return bool(np.array_equal(np.searchsorted(breaks, opens), np.searchsorted(breaks, closes)))


def _pandas_names(names: list[str]) -> list[str]:
    """Header names as pandas' C parser gives them: "Unnamed: i" for an empty name, then a
    repeated name numbered ("x", "x.1", ...), skipping a number another column already uses;
    unnamed columns are numbered after the named ones."""
    out = [name if name else f"Unnamed: {i}" for i, name in enumerate(names)]
    if len(set(out)) == len(out):
        return out
    unnamed = [i for i, name in enumerate(names) if not name]
    order = [i for i, name in enumerate(names) if name] + unnamed
    taken = set(out)
    seen: dict[str, int] = {}
    for i in order:
        base = name = out[i]
        count = seen.get(base, 0)
        while count > 0:
            seen[base] = count + 1
            name = f"{base}.{count}"
            count = count + 1 if name in taken else seen.get(name, 0)
        out[i] = name
        seen[name] = count + 1
    return out


_EXPECTED = {"int": "a whole number", "float": "a number", "bool": "0 or 1"}


def text_numbers(
    cells: np.ndarray,
    names: Sequence[str],
    path: Path,
    lines: np.ndarray,
    *,
    kinds: Sequence[str] | str = "float",
    missing: Sequence[str] = ("",),
    strip: bool = False,
) -> np.ndarray:
    """Convert a block of text cells (records x columns) to floats; NaN where missing.

    A cell in ``missing`` (after removing surrounding spaces, with ``strip``) is NaN. Any other
    cell must be a finite number, as :func:`pandas.to_numeric` reads it, of its column's kind:
    "float", "int" (whole, and below 2**53 in size so that a float holds it exactly) or "bool"
    (0 or 1). A block of plain numbers
    (``1``, ``-2.5``, ``.5``, ``1e3``) is converted in one call; any other goes column by column
    through :func:`pandas.to_numeric`. The first bad cell, column by column in the order given,
    raises a ValueError naming the file, its line and column.
    """
    block = np.asarray(cells, dtype=object).reshape(len(cells), len(names))
    values, empty = _numbers_of_text(block, missing=missing, strip=strip)
    return checked_numbers(
        values, empty, names, path, lines, kinds=kinds, printed=lambda row, j: block[row, j]
    )


def _numbers_of_text(
    block: np.ndarray, *, missing: Sequence[str], strip: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The floats of a block of text cells (NaN where not a number) and where they are missing."""
    # a file repeats its numbers (years, flags, ids) and its missing markers: each distinct
    # text is looked at once, then spread back to its cells
    codes, unique = pd.factorize(block.ravel())
    is_missing = unique == missing[0]
    for marker in missing[1:]:
        is_missing |= unique == marker
    empty = is_missing[codes].reshape(block.shape)
    try:
        numbers = unique[~is_missing]
        if not _NUMBER_CHARS.issuperset("".join(numbers.tolist())):
            raise ValueError  # spaces, words, other digits: pandas' rules, column by column
        converted = np.full(unique.size, np.nan)
        converted[~is_missing] = np.array(numbers, dtype=np.float64)
        values = converted[codes].reshape(block.shape)
    except ValueError:
        values = np.full(block.shape, np.nan)
        for j in range(block.shape[1]):
            column = pd.Series(block[:, j], dtype=object)
            if strip:
                stripped = column.str.strip()
                empty[:, j] = stripped.isin(missing).to_numpy(dtype=bool)
            column[empty[:, j]] = np.nan
            values[:, j] = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
    return values, empty


def checked_numbers(
    values: np.ndarray,
    empty: np.ndarray,
    names: Sequence[str],
    path: Path,
    lines: np.ndarray,
    *,
    kinds: Sequence[str] | str,
    printed: Any,
    where: str = "line",
) -> np.ndarray:
    """Check converted numbers against their kinds; raise at the first bad one, column by
    column, quoting the field as printed (``printed(row, column)``). ``lines`` numbers each row
    for the message: file lines, or JSON records with ``where="record"``."""
    kind_of = [kinds] * len(names) if isinstance(kinds, str) else list(kinds)
    bad = (np.isnan(values) & ~empty) | np.isinf(values)
    whole = np.array([k == "int" for k in kind_of], dtype=bool)
    binary = np.array([k == "bool" for k in kind_of], dtype=bool)
    finite = np.isfinite(values)
    bad |= whole & finite & (values != np.round(values))
    bad |= binary & finite & (values != 0.0) & (values != 1.0)
    # a whole number from 2**53 on may not be the one printed once it is a float: refused, not
    # rounded (no count or id in these files comes near it)
    large = whole & finite & (np.abs(np.where(finite, values, 0.0)) >= 2.0**53)
    values[:, whole | binary] += 0.0  # a count of "-0" is 0, as pandas reads it
    wrong = bad.any(axis=0) | large.any(axis=0)
    if wrong.any():
        j = int(np.flatnonzero(wrong)[0])
        if bad[:, j].any():
            row = int(np.flatnonzero(bad[:, j])[0])
            what = f"expected {_EXPECTED[kind_of[j]]} or an empty field, got {printed(row, j)!r}"
        else:
            row = int(np.flatnonzero(large[:, j])[0])
            what = f"{printed(row, j)!r} is too large for a count (at most 2**53 - 1)"
        raise file_error(path, what, column=str(names[j]), **{where: int(lines[row])})
    return values


def load_json(text: str, path: Path) -> Any:
    """Parse JSON text; a syntax error becomes a ValueError naming file, line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise file_error(
            path, f"is not valid JSON ({exc.msg} at column {exc.colno})", line=exc.lineno
        ) from None
    except RecursionError:
        raise file_error(path, "is JSON nested too deeply to be a data export") from None


# --------------------------------------------------------------------------------------------
# Country names and codes (ISO 3166-1 through pycountry)
# --------------------------------------------------------------------------------------------

_STOPWORDS = frozenset({"the", "of", "and"})


def _name_key(name: str) -> str:
    """Normalise a country name: strip accents, case and punctuation, sort the words.

    "Democratic Republic of Congo" and pycountry's "Congo, The Democratic Republic of the" share
    the key "congo democratic republic"; "Cote d Ivoire" and "Côte d'Ivoire" share theirs.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = [w for w in re.split(r"[^0-9a-z]+", folded) if w and w not in _STOPWORDS]
    return " ".join(sorted(words))


@functools.cache
def _name_index() -> dict[str, str]:
    """Map the key of every pycountry name, official name and common name to its alpha-3 code.

    A key that two countries share is ambiguous and left out, so it is reported, not guessed.
    """
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
    """The alpha-3 code of one name, or None; cached, as the same names recur file after file
    (normalising a name with :func:`unicodedata.normalize` and a regex costs more than a read)."""
    return _name_index().get(_name_key(name)) or _short_name_iso3(name)


def _short_name_iso3(name: str) -> str | None:
    """The code of a country named by a shortening of its ISO name ("Russia", "Macedonia",
    "Palestine"), through pycountry's ``search_fuzzy``; None otherwise.

    ``search_fuzzy`` also answers with the country of a subdivision ("Darfur" gives Sudan,
    "Kosovo" Serbia), which would put a sub-state entity's country in its place. So its one
    answer is kept only if every word of the name starts a word of that country's own name.
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

    Matching is exact on pycountry's names after :func:`_name_key` normalisation; a name that
    shortens a country's ISO name ("Russia" for the Russian Federation) is found through
    pycountry's ``search_fuzzy``, but only if each of its words starts a word of that name, so a
    name that is not a country (a region, "Azawad", "Darfur") stays unmatched.
    """
    codes: list[str | None] = []
    unmatched: list[str] = []
    cache: dict[str, str | None] = {}
    for name in names:
        if not isinstance(name, str) or not name.strip():
            codes.append(None)
            continue
        if name not in cache:
            cache[name] = _iso3_of_name(name)
            if cache[name] is None:
                unmatched.append(name)
        codes.append(cache[name])
    return codes, unmatched


def names_from_iso3(codes: Iterable[Any]) -> tuple[list[str | None], list[str]]:
    """Return the pycountry short name of each alpha-3 code, and the codes it does not know."""
    known = iso3_names()
    names: list[str | None] = []
    unknown: list[str] = []
    for code in codes:
        name = known.get(code) if isinstance(code, str) else None
        if name is None and isinstance(code, str) and code not in unknown:
            unknown.append(code)
        names.append(name)
    return names, unknown


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
