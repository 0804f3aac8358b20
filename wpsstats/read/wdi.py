"""World Bank World Development Indicators: bulk CSV, a user's re-saved copy, API JSON pages."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from operator import itemgetter, not_
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._common import (
    PathLike,
    as_path,
    check_quotes,
    compact_codes,
    decode,
    field_spans,
    field_texts,
    file_error,
    gather_fields,
    iso3_names,
    line_start,
    load_json,
    none_where,
    read_csv_text,
    string_array,
    unchecked_dtype,
    utf8_of,
)

__all__ = ["wdi"]

_ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
_OUT_COLUMNS = ("geo", "geo_name", "indicator", "indicator_name", "period", "value", "is_aggregate")
_PREAMBLE_LINES = 10  # the bulk file has 4; a header later than this is not a WDI file


def wdi(
    path: PathLike | Sequence[PathLike],
    *,
    metadata: PathLike | str | None = "auto",
    dropna: bool = False,
    keep_text: bool = False,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read a World Bank WDI indicator file into a tidy long table.

    Three forms are understood and told apart by their content:

    * the bulk download ``API_<code>_DS2_en_csv_v2_<n>.csv``: UTF-8 with a byte-order mark, CRLF
      line ends, a preamble ("Data Source", "Last Updated Date") before the header, every field
      quoted, an empty last column after a trailing comma, aggregates mixed in with countries;
    * the same table re-saved by a spreadsheet (no preamble, no quotes, LF line ends);
    * the JSON pages of the World Bank API v2 (``/country/.../indicator/...?format=json``), one
      file or a list of the page files.

    Parameters
    ----------
    path : str or Path, or a list of them
        The file; a list is read as the pages of one API query (JSON only).
    metadata : "auto", str, Path or None, default "auto"
        Where ``is_aggregate`` comes from. The World Bank's ``Metadata_Country_...`` companion file
        leaves the Region of aggregates (World, income groups, regions) empty; "auto" uses the
        companion that the bulk zip puts beside the data file, if present. Without it (None, or not
        found) a code is an aggregate when it is neither an ISO 3166-1 alpha-3 code (pycountry) nor
        in ISO's user-assigned X range (the World Bank's XKX, Kosovo). That rule cannot know that
        CHI (Channel Islands) is an economy, so pass the companion file when it matters.
    dropna : bool, default False
        Drop the (country, year) cells that hold no value. By default every cell is kept, so that
        every row of the file -- even a country with no data at all -- is in the result.
    keep_text : bool, default False
        Add ``value_text``: each value exactly as the file prints it (full precision), e.g. to
        recover a count from a printed percentage.
    encoding : str, optional
        Force an encoding. By default UTF-8 (with or without byte-order mark) is expected; other
        files are decoded as Windows-1252 with an ``EncodingWarning``.

    Returns
    -------
    pandas.DataFrame
        One row per country (or aggregate) and year: ``geo`` (the World Bank's code: ISO 3166-1
        alpha-3 for countries), ``geo_name``, ``indicator`` (code), ``indicator_name``, ``period``
        (year, as text), ``value`` (Float64, as published: WDI percentages stay percentages),
        ``is_aggregate`` (boolean); API JSON adds ``obs_status`` and ``decimal``. Text columns are
        categoricals. ``attrs`` holds ``source_file``, ``format``, ``last_updated`` (the file's
        "Last Updated Date" or the API's ``lastupdated``), ``data_source``, ``encoding``,
        ``rows_read`` (rows in the file, or records in the JSON) and ``is_aggregate_from``.

    Raises
    ------
    ValueError
        If the file is not a WDI file or is damaged: the message names the file, the line and what
        was expected (a header starting "Country Name,Country Code,...", a number, the header's
        number of fields...). The API's own error replies are reported as such.

    See Also
    --------
    wpsstats.read.dhs_api, wpsstats.read.ipi_gender, wpsstats.read.pax_delegates

    References
    ----------
    World Bank. World Development Indicators, bulk download and API v2 documentation,
    https://datahelpdesk.worldbank.org/knowledgebase/articles/889392 . ISO 3166-1 codes through
    pycountry (https://github.com/pycountry/pycountry).

    Examples
    --------
    >>> from pathlib import Path
    >>> import wpsstats as wps
    >>> folder = Path(wps.__file__).parent.parent / "tests" / "fixtures" / "read"
    >>> seats = wps.read.wdi(folder / "API_TEST.SEATS_DS2_en_csv_v2_1.csv")
    >>> seats.attrs["last_updated"]
    '2022-02-15'
    >>> seats[["geo", "period", "value", "is_aggregate"]].head(3)
       geo period  value  is_aggregate
    0  MLI   2018   8.84         False
    1  MLI   2019   9.52         False
    2  MLI   2020   <NA>         False
    """
    if isinstance(path, (list, tuple)):
        if not path:
            raise ValueError("path is an empty list; give a file or the list of API page files")
        paths = [as_path(p, argument=f"path[{i}]") for i, p in enumerate(path)]
    else:
        paths = [as_path(path)]
    if not isinstance(dropna, bool) or not isinstance(keep_text, bool):
        raise TypeError("dropna and keep_text must be True or False")
    texts, raws = [], []
    for p in paths:
        raw = p.read_bytes()
        text, used = decode(raw, p, encoding)
        texts.append((p, text, used))
        raws.append(raw)
    kinds = ["json" if t.lstrip()[:1] in ("[", "{") else "csv" for _, t, _ in texts]
    if "csv" in kinds and len(paths) > 1:
        raise ValueError(
            "only World Bank API JSON pages can be read together; "
            f"{paths[kinds.index('csv')].name!r} is a CSV file: read it on its own"
        )
    if kinds[0] == "csv":
        p, text, used = texts[0]
        wide, attrs = _read_bulk_csv(text, utf8_of(raws[0], text, used), p, keep_text=keep_text)
        attrs["encoding"] = used
        # factorised once: the flags are looked up per code, and the codes make the categorical
        factorised = pd.factorize(wide["geo"])
        flags, attrs["is_aggregate_from"] = _aggregates(factorised[1], paths[0], metadata, encoding)
        frame = _long(wide, factorised, flags)
    else:
        frame, attrs = _read_api_json(texts, keep_text=keep_text)
        geo = frame["geo"].cat
        flags, attrs["is_aggregate_from"] = _aggregates(
            np.asarray(geo.categories, dtype=object), paths[0], metadata, encoding
        )
        flags_long = pd.arrays.BooleanArray(flags[geo.codes.to_numpy()], np.zeros(len(frame), bool))
        frame.insert(6, "is_aggregate", pd.Series(flags_long, index=frame.index))
    if dropna:
        frame = frame[frame["value"].notna().to_numpy(dtype=bool)].reset_index(drop=True)
    frame.attrs.update(attrs)
    return frame


def _find_header(text: str, path: Path) -> tuple[int, dict[str, str], list[str]]:
    """Return the 0-based line of the header, the preamble's key-value pairs and the header."""
    preamble: dict[str, str] = {}
    start = 0
    # line by line, up to the header: a quote left open in the preamble must not carry on into
    # the lines after it, or the header would be counted at the wrong line and the table cut
    # there; and the data lines after the header are not parsed here
    for i in range(_PREAMBLE_LINES + 1):
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        try:
            row = next(csv.reader([line.rstrip("\r")]), [])
        except csv.Error as exc:
            raise file_error(path, f"cannot be parsed as CSV: {exc}", line=i + 1) from None
        if row[:1] == [_ID_COLUMNS[0]]:
            if tuple(row[:4]) != _ID_COLUMNS:
                raise file_error(
                    path,
                    f"expected the header to start with {', '.join(_ID_COLUMNS)}, got "
                    f"{', '.join(row[:4])}",
                    line=i + 1,
                )
            return i, preamble, row
        if len(row) >= 2 and row[0]:
            preamble[row[0]] = row[1]
        if end < 0:
            break
        start = end + 1
    raise file_error(
        path,
        f"is not a World Bank WDI CSV: no header line starting "
        f"'{','.join(_ID_COLUMNS)}' in its first {_PREAMBLE_LINES} lines",
    )


def _year_columns(header: list[str], header_at: int, path: Path) -> tuple[list[str], list[int]]:
    """The year names of the header and the positions of its empty (trailing) names."""
    years, trailing = [], []
    seen: dict[str, int] = {}
    for i, col in enumerate(header[4:], start=4):
        if col.isdigit() and len(col) == 4:
            if col in seen:
                raise file_error(
                    path,
                    f"the year {col} heads two columns (header fields {seen[col] + 1} and {i + 1})",
                    line=header_at + 1,
                )
            seen[col] = i
            years.append(col)
        elif col == "":
            trailing.append(i)
        else:
            raise file_error(
                path,
                f"expected a year (e.g. 1960) as header field {i + 1}, got {col!r}",
                line=header_at + 1,
            )
    if not years:
        raise file_error(
            path, "has no year columns after the four name and code columns", line=header_at + 1
        )
    return years, trailing


def _read_bulk_csv(
    text: str, data: bytes, path: Path, *, keep_text: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Parse the wide table (``text``, and ``data``, its UTF-8 bytes); return its columns (not yet
    long) and the attrs."""
    header_at, preamble, header = _find_header(text, path)
    years, trailing = _year_columns(header, header_at, path)
    table = None
    if _FAST and not keep_text:
        table = _table_from_spans(data, header, header_at, years, trailing)
    if table is None:  # the general way: any file, and the messages for a damaged one
        table = _table_from_pandas(text, path, header, header_at, years, trailing, keep_text)
    ids, values, text_values, rows_read = table
    wide = {
        "geo": ids[1],
        "geo_name": ids[0],
        "indicator": ids[3],
        "indicator_name": ids[2],
        "years": years,
        "values": values,
        "text": text_values if keep_text else None,
    }
    attrs: dict[str, Any] = {
        "source_file": path.name,
        "format": "wdi_bulk_csv" if header_at else "wdi_csv",
        "data_source": preamble.get("Data Source"),
        "last_updated": preamble.get("Last Updated Date"),
        "rows_read": rows_read,
    }
    return wide, attrs


# The four id columns, the year block (floats), its text (or None) and the number of rows
_Table = tuple[list[np.ndarray], np.ndarray, "np.ndarray | None", int]


# Read a plainly written file by its field spans (False: always the general way, for tests).
# A file whose every field is quoted (the bulk download) at any size: its spans come from the
# quotes alone, 0.6 to 0.7 times the general way's cost from 1.2 MB to 7.5 MB (the parliament
# file repeated 8 and 50 times). Any other file up to 300,000 bytes (one indicator's file holds
# 90,000 to 200,000): beyond it pandas' cost per column is spread over more rows, and the
# counted spans cost about as much as the general way, or more.
_FAST = True
_SPANS_MAX_CHARS = 300_000


def _table_from_spans(
    data: bytes, header: list[str], header_at: int, years: list[str], trailing: list[int]
) -> _Table | None:
    """The table of a plainly written file, or None for the general way to read (and judge) it.

    pandas' parse of the wide table costs tens of microseconds per column and the year block must
    then be taken out of 60-odd separate columns; here the fields are found by counting bytes
    (:func:`field_spans`), and the numbers are parsed by pandas in one column, so that pandas'
    own number reading decides every value as in the general way. None whenever a check fails:
    a record of another width, unusual quoting, text in the unnamed last column, an empty
    Country Code, a year field that pandas does not read as a number or that holds a comma or a
    line break, or a name that holds a line break.
    """
    head = line_start(data, header_at + 1)
    if head is None or header[4 : 4 + len(years)] != years:
        return None
    if not _plain_header(data[line_start(data, header_at) : head], header):
        return None  # a quote left open, a lone CR: the general way names it
    b = np.frombuffer(data, dtype=np.uint8)[head:]
    spans = field_spans(b, len(header), plain_max=_SPANS_MAX_CHARS)
    if spans is None:
        return None
    starts, ends = spans
    filled = ends > starts
    if filled[:, trailing].any() or not filled[:, 1].all():
        return None  # a value without a header, or a row without a code: the general way says so
    first, stop = 4, 4 + len(years)
    year_filled = filled[:, first:stop]
    numbers = gather_fields(b, starts[:, first:stop][year_filled], ends[:, first:stop][year_filled])
    if b"," in numbers:
        return None  # "1,5" would be two fields of a one-column parse
    try:
        # pandas infers the type as for a column of the wide table (a forced float64 would turn
        # a column of TRUE into 1.0); integers, floats, or the general way
        # (the frame's one column as an array: taking it as a Series costs 50 microseconds more)
        column = pd.read_csv(
            io.BytesIO(numbers),
            header=None,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_NONE,
            low_memory=False,
        ).to_numpy()
    except (ValueError, OverflowError):  # (pandas' ParserError is a ValueError)
        return None
    if column.dtype.kind not in "iuf" or column.shape != (int(year_filled.sum()), 1):
        return None
    parsed = column[:, 0].astype(np.float64, copy=False)
    values = np.full(year_filled.shape, np.nan)
    values[year_filled] = parsed
    cells = field_texts(b, starts[:, :4].ravel(), ends[:, :4].ravel())
    if cells is None:
        return None  # a name holding a line break
    table = np.array(cells, dtype=object).reshape(-1, 4)
    return [table[:, j] for j in range(4)], values, None, len(table)


def _plain_header(line: bytes, header: list[str]) -> bool:
    """True if the header line (with its line end) splits plainly into ``header``: no quote left
    open, no lone CR, as the general way would read it."""
    # split at the commas first: for the usual header (names without commas, each quoted or not)
    # this decides in a few microseconds what the spans take 0.14 ms for; anything else (a comma
    # or a quote inside a name, a CR, a byte-order mark) is left to the spans
    text = line.decode("utf-8")
    if text.endswith("\n"):
        body = text[:-2] if text.endswith("\r\n") else text[:-1]
        if len(header) >= 2 and not any(c in body for c in "\r\n\ufeff"):
            fields = body.split(",")
            names = [f[1:-1] if len(f) > 1 and f[0] == f[-1] == '"' else f for f in fields]
            if names == header and '"' not in "".join(names):
                return True
    return _plain_header_by_spans(line, header)


def _plain_header_by_spans(line: bytes, header: list[str]) -> bool:
    """:func:`_plain_header` by the field spans (any header line)."""
    b = np.frombuffer(line, dtype=np.uint8)
    spans = field_spans(b, len(header))
    return (
        spans is not None
        and len(spans[0]) == 1
        and field_texts(b, spans[0][0], spans[1][0]) == header
    )


def _table_from_pandas(
    text: str,
    path: Path,
    header: list[str],
    header_at: int,
    years: list[str],
    trailing: list[int],
    keep_text: bool,
) -> _Table:
    """The table through pandas' C parser and :func:`read_csv_text` (any size, any damage)."""
    # pandas infers float64 for a column of numbers and empty fields (the fast path); a year column
    # that comes back as text holds something else, and the text path says where.
    options: dict[str, Any] = {"keep_default_na": False, "low_memory": False}
    if keep_text:
        options.update({"dtype": str, "na_filter": False})
    else:
        # the names and codes as printed: pandas' inference would make "007" 7 and "1.50" 1.5
        options.update({"na_values": [""], "dtype": dict.fromkeys(range(4), str)})
    raw, lines = read_csv_text(text, path, skip_lines=header_at, **options)
    if len(raw.columns) != len(header) or [str(c) for c in raw.columns[:4]] != list(_ID_COLUMNS):
        raise file_error(path, "has repeated or missing header names", line=header_at + 1)
    # columns by label (pandas makes repeated names unique): a third of ``iloc``'s cost
    columns = raw.columns
    for i in trailing:
        # the bulk file ends each line with a comma: an empty, unnamed last column
        extra = raw[columns[i]]
        filled_mask = extra.notna().to_numpy()
        if extra.dtype != "float64":
            filled_mask = filled_mask & (extra.to_numpy(dtype=object, na_value="") != "")
        filled = np.flatnonzero(filled_mask)
        if filled.size:
            raise file_error(
                path,
                f"a value {_printed(text, int(lines[filled[0]]), i)!r} sits in a column with "
                "no header",
                line=int(lines[filled[0]]),
            )
    # a Series for each of the four name and code columns only (one per column costs more than
    # the parse of a small file): the years are taken as one block below
    ids = []
    for j in range(4):
        series = raw[columns[j]]
        column = series.to_numpy(dtype=object, na_value="")
        ids.append(column if series.dtype == "str" else np.asarray(column, dtype=str))
    ids = [column.astype(object, copy=False) for column in ids]
    no_code = np.flatnonzero(ids[1] == "")
    if no_code.size:
        raise file_error(
            path, "a row has no Country Code", line=int(lines[no_code[0]]), column="Country Code"
        )
    first, stop = 4, 4 + len(years)
    # header order is Country Name, Code, Indicator Name, Code, then the years, then the trailing
    # empty column; check the years are contiguous before slicing them by position
    if header[first:stop] != years:
        raise file_error(
            path, "the year columns must follow the name and code columns", line=header_at + 1
        )
    text_values = None
    # one array for the year block: float64 when pandas read every year as numbers (integers
    # too; a column of booleans or text makes it object, and the text path says where)
    values: np.ndarray = raw.iloc[:, first:stop].to_numpy()
    if values.dtype != np.float64:
        text_values = raw.iloc[:, first:stop].astype(str).to_numpy(dtype=object)
        if not keep_text:
            text_values = np.where(raw.iloc[:, first:stop].isna().to_numpy(), "", text_values)
        flat = text_values.ravel()
        values = pd.to_numeric(pd.Series(flat, copy=False), errors="coerce").to_numpy(dtype=float)
        bad = np.isnan(values) & (flat != "")
        if bad.any():
            at = int(np.flatnonzero(bad)[0])
            row, year = divmod(at, len(years))
            # as printed: pandas may have read it as something else first ("TRUE" as True)
            printed = _printed(text, int(lines[row]), first + year)
            raise file_error(
                path,
                f"expected a number or an empty field, got {printed!r}",
                line=int(lines[row]),
                column=years[year],
            )
        values = values.reshape(text_values.shape)
    return ids, values, text_values, len(raw)


def _printed(text: str, line: int, column: int) -> str:
    """The field of a one-line record as the file prints it (only for a message)."""
    record = text.split("\n")[line - 1].rstrip("\r")
    fields = next(csv.reader([record]), [])
    return fields[column] if column < len(fields) else ""


def _long(
    wide: dict[str, Any], geo: tuple[np.ndarray, np.ndarray], is_aggregate: np.ndarray
) -> pd.DataFrame:
    """Wide (one row per country, one column per year) to long, without a Python loop.

    The value block is raveled row by row (each country's years in turn); the names are their
    factorised codes repeated, the years the year codes tiled, so nothing is melted or searched.
    ``geo`` is the factorisation of the codes (positions, codes) and ``is_aggregate`` holds a flag
    per code.
    """
    years = wide["years"]
    n, n_years = len(wide["geo"]), len(years)
    keys = ("geo", "geo_name", "indicator", "indicator_name")
    factorised = [geo] + [_factorise(wide[key]) for key in keys[1:]]
    uniques = [np.asarray(u, dtype=object) for _, u in factorised]
    uniques.append(np.asarray(years, dtype=object))
    if n:
        # one Index for the categories of all five columns: pandas infers their text dtype once
        # (a fixed cost that outweighs the work on a few hundred names), each is then a slice
        every = pd.Index(np.concatenate(uniques))
        ends = np.cumsum([len(u) for u in uniques]).tolist()
        categories = [every[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
    else:
        # no rows: the empty name columns are not text to pandas, so each keeps its own dtype
        categories = [pd.Index(u) for u in uniques]
    columns: dict[str, Any] = {
        key: _from_codes(np.repeat(compact_codes(codes, len(u)), n_years), u)
        for key, (codes, _), u in zip(keys, factorised, categories[:4], strict=True)
    }
    columns["period"] = _from_codes(
        np.tile(compact_codes(np.arange(n_years), n_years), n), categories[-1], ordered=True
    )
    values = wide["values"].ravel()
    columns["value"] = pd.arrays.FloatingArray(values, np.isnan(values))
    flags = np.repeat(np.asarray(is_aggregate, dtype=bool)[geo[0]], n_years)
    columns["is_aggregate"] = pd.arrays.BooleanArray(flags, np.zeros(flags.size, dtype=bool))
    if wide["text"] is not None:
        flat = wide["text"].ravel()
        columns["value_text"] = string_array(none_where(flat, flat == ""))
    return pd.DataFrame(columns, copy=False)


def _factorise(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`pandas.factorize` of a name or code column, with a shortcut for one that holds a
    single value (the indicator's code and name, in a file of one indicator)."""
    if values.size and (values == values[0]).all():
        return np.zeros(values.size, dtype=np.intp), values[:1]
    return pd.factorize(values)


def _from_codes(codes: np.ndarray, categories: pd.Index, *, ordered: bool = False) -> Any:
    """A categorical from codes built in range (not checked again) and its categories' Index,
    whose values are distinct and not missing (a factorisation's uniques, or the years)."""
    dtype = unchecked_dtype(categories, ordered=ordered)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _api_error(payload: Any) -> str | None:
    """The API answers a bad query with [{"message": [{"id", "key", "value"}]}]."""
    if (
        isinstance(payload, list)
        and len(payload) == 1
        and isinstance(payload[0], dict)
        and "message" in payload[0]
    ):
        messages = payload[0]["message"]
        if isinstance(messages, list):
            return "; ".join(
                f"{m.get('key', '')}: {m.get('value', '')} (id {m.get('id', '')})"
                for m in messages
                if isinstance(m, dict)
            )
        return str(messages)
    return None


def _read_api_json(
    texts: list[tuple[Path, str, str]], *, keep_text: bool
) -> tuple[pd.DataFrame, dict[str, Any]]:
    records: list[Any] = []
    pages: dict[int, int] = {}
    meta0: dict[str, Any] = {}
    for path, text, _ in texts:
        payload = load_json(text, path) if not keep_text else _load_json_keep_numbers(text, path)
        error = _api_error(payload)
        if error is not None:
            raise file_error(path, f"is an error reply of the World Bank API: {error}")
        if (
            not isinstance(payload, list)
            or len(payload) != 2
            or not isinstance(payload[0], dict)
            or not (payload[1] is None or isinstance(payload[1], list))
        ):
            raise file_error(
                path,
                "is not a World Bank API v2 JSON page: expected [ {page, pages, per_page, total, "
                "...}, [records] ]",
            )
        meta, data = payload
        for key in ("page", "pages", "total"):
            if not _is_count(meta.get(key)):
                raise file_error(
                    path, f"the page header's {key!r} must be a whole number, got {meta.get(key)!r}"
                )
        page = int(meta["page"])
        if page in pages:
            raise file_error(path, f"page {page} is given twice")
        if not meta0:
            meta0 = meta
        elif int(meta["total"]) != int(meta0["total"]) or int(meta["pages"]) != int(meta0["pages"]):
            raise file_error(path, "belongs to another query: its total or page count differs")
        data = data or []
        pages[page] = len(data)
        bad = [i for i, r in enumerate(data) if not isinstance(r, dict)]
        if bad:
            raise file_error(path, "expected a JSON object per observation", record=bad[0] + 1)
        records.extend((path, i + 1, r) for i, r in enumerate(data))
    n_pages, total = int(meta0["pages"]), int(meta0["total"])
    missing = sorted(set(range(1, n_pages + 1)) - set(pages))
    attrs: dict[str, Any] = {
        "source_file": [p.name for p, _, _ in texts] if len(texts) > 1 else texts[0][0].name,
        "format": "wb_api_json",
        "data_source": meta0.get("sourcename"),
        "last_updated": meta0.get("lastupdated"),
        "encoding": texts[0][2],
        "rows_read": len(records),
        "pages_read": sorted(pages),
        "pages_missing": missing,
    }
    if not missing and len(records) != total:
        raise file_error(
            texts[-1][0],
            f"the API says the query has {total} observations but the {n_pages} page(s) hold "
            f"{len(records)}",
        )
    if missing:
        import warnings

        warnings.warn(
            f"World Bank API pages {missing} of {n_pages} were not given; the result holds "
            f"{len(records)} of the query's {total} observations",
            UserWarning,
            stacklevel=3,
        )
    return _api_frame(records, keep_text=keep_text), attrs


def _is_count(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    if isinstance(value, str):
        return value.isdigit()
    return False


class _Num(str):
    """A JSON number kept as its text (``keep_text=True``)."""


def _load_json_keep_numbers(text: str, path: Path) -> Any:
    import json

    try:
        return json.loads(text, parse_float=_Num, parse_int=_Num)
    except json.JSONDecodeError as exc:
        raise file_error(
            path, f"is not valid JSON ({exc.msg} at column {exc.colno})", line=exc.lineno
        ) from None


def _api_frame(records: list[tuple[Path, int, Any]], *, keep_text: bool) -> pd.DataFrame:
    if not records:
        empty = pd.DataFrame({c: pd.Series(dtype="category") for c in _OUT_COLUMNS[:5]})
        empty["value"] = pd.array([], dtype="Float64")
        return empty
    table = pd.DataFrame.from_records([r for _, _, r in records])
    for key in ("indicator", "country", "date", "value"):
        if key not in table.columns or (table[key].isna().all() and key != "value"):
            path, number, _ = records[0]
            raise file_error(path, f"an observation lacks the key {key!r}", record=number)
    indicator, country = table["indicator"], table["country"]
    for name, col in (("indicator", indicator), ("country", country)):
        ok = col.map(lambda v: isinstance(v, dict) and isinstance(v.get("id"), str))
        if not ok.all():
            path, number, _ = records[int(np.flatnonzero(~ok.to_numpy(dtype=bool))[0])]
            raise file_error(path, f"{name!r} must be an object with an 'id'", record=number)
    iso3 = table.get("countryiso3code", pd.Series([""] * len(table))).fillna("").astype(str)
    wb_id = country.str.get("id").astype(str)
    codes = np.where(iso3.to_numpy() != "", iso3.to_numpy(), wb_id.to_numpy())
    date = table["date"]
    date_ok = date.map(lambda v: isinstance(v, str) and v != "")
    if not date_ok.all():
        path, number, _ = records[int(np.flatnonzero(~date_ok.to_numpy(dtype=bool))[0])]
        raise file_error(
            path, f"'date' must be text such as '2019', got {date.iloc[0]!r}", record=number
        )
    raw_value = table["value"]
    kind_ok = raw_value.map(
        lambda v: v is None or (isinstance(v, (int, float, str)) and not isinstance(v, bool))
    )
    numbers = pd.to_numeric(raw_value.where(kind_ok, None), errors="coerce").to_numpy(dtype=float)
    bad = (~kind_ok.to_numpy(dtype=bool)) | (np.isnan(numbers) & raw_value.notna().to_numpy())
    if bad.any():
        path, number, _ = records[int(np.flatnonzero(bad)[0])]
        raise file_error(
            path,
            f"'value' must be a number or null, got "
            f"{raw_value.iloc[int(np.flatnonzero(bad)[0])]!r}",
            record=number,
        )
    periods = date.to_numpy(dtype=object)
    frame = pd.DataFrame(
        {
            "geo": pd.Categorical(codes),
            "geo_name": pd.Categorical(country.str.get("value").to_numpy(dtype=object)),
            "indicator": pd.Categorical(indicator.str.get("id").to_numpy(dtype=object)),
            "indicator_name": pd.Categorical(indicator.str.get("value").to_numpy(dtype=object)),
            "period": pd.Categorical(periods, categories=sorted(set(periods)), ordered=True),
            "value": pd.array(numbers, dtype="Float64"),
        }
    )
    frame["obs_status"] = pd.array(
        table.get("obs_status", pd.Series([None] * len(table)))
        .replace("", None)
        .to_numpy(dtype=object),
        dtype="string",
    )
    decimal = pd.to_numeric(table.get("decimal", pd.Series([None] * len(table))), errors="coerce")
    frame["decimal"] = pd.array(decimal.to_numpy(dtype=float), dtype="Float64").astype("Int64")
    if keep_text:
        frame["value_text"] = string_array(
            none_where(raw_value.astype(str).to_numpy(), raw_value.isna().to_numpy())
        )
    return frame


def _read_metadata(path: Path, encoding: str | None) -> dict[str, bool]:
    """Country Code -> is an aggregate (empty Region) from a ``Metadata_Country_...`` file."""
    raw = path.read_bytes()
    text, used = decode(raw, path, encoding)
    if _FAST and len(text) <= _SPANS_MAX_CHARS:
        # the World Bank's companion quotes every field: its spans come from the quotes alone
        # (0.33 ms for the 32 kB file, against 0.36-0.55 by the csv module below)
        known = _metadata_from_spans(text, utf8_of(raw, text, used))
        if known is not None:
            return known
    # a quote left open would swallow the rest of the file into one field
    check_quotes(text, path)
    try:
        # the text itself, not its splitlines(): those break at U+2028 and form feeds too, and
        # would drop a line break inside a quoted field
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise file_error(path, f"cannot be parsed as CSV: {exc}") from None
    header = rows[0] if rows else []
    for col in ("Country Code", "Region"):
        if col not in header:
            raise file_error(
                path, f"is not a World Bank Metadata_Country file: it has no {col!r} column", line=1
            )
    code_at, region_at = header.index("Country Code"), header.index("Region")
    body = rows[1:]
    if not {len(header), 0}.issuperset(map(len, body)):
        lengths = np.fromiter(map(len, body), dtype=np.int64, count=len(body))
        first = int(np.flatnonzero((lengths != len(header)) & (lengths != 0))[0])
        raise file_error(
            path,
            f"expected {len(header)} fields as in the header, found {lengths[first]}",
            line=first + 2,
        )
    # every row left has the header's width, so the two columns are taken whole, without a loop
    # over the rows; a code listed twice keeps its last row, as a dict built in file order does
    kept = list(filter(None, body))
    aggregate = map(not_, map(itemgetter(region_at), kept))  # an empty Region
    return dict(zip(map(itemgetter(code_at), kept), aggregate, strict=True))


def _metadata_from_spans(text: str, data: bytes) -> dict[str, bool] | None:
    """:func:`_read_metadata` of a plainly written file by its field spans; None otherwise (the
    general way then reads it, and names what is wrong)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    try:
        header = next(csv.reader([first]), [])
    except csv.Error:
        return None
    if "Country Code" not in header or "Region" not in header:
        return None
    head = line_start(data, 1)
    if head is None or head == len(data) or not _plain_header(data[:head], header):
        return None
    b = np.frombuffer(data, dtype=np.uint8)[head:]
    spans = field_spans(b, len(header))
    if spans is None:
        return None
    starts, ends = spans
    if (ends - starts).max() > csv.field_size_limit():
        return None  # the general way (the csv module) refuses so long a field: so does this
    code, region = header.index("Country Code"), header.index("Region")
    codes = field_texts(b, starts[:, code], ends[:, code])
    if codes is None:
        return None  # a code holding a line break
    # an empty Region marks an aggregate; a code listed twice keeps its last row, as before
    return dict(zip(codes, (ends[:, region] == starts[:, region]).tolist(), strict=True))


def _aggregates(
    codes: np.ndarray, path: Path, metadata: Any, encoding: str | None
) -> tuple[np.ndarray, str]:
    """Flag the aggregates among ``codes`` (distinct); return the flags and where they came from."""
    codes = np.asarray(codes, dtype=object)
    source = "iso3166"
    known: dict[str, bool] = {}
    if isinstance(metadata, str) and metadata == "auto":
        companion = path.with_name(f"Metadata_Country_{path.name}")
        if companion.is_file():
            known = _read_metadata(companion, encoding)
            source = "metadata"
    elif metadata is not None:
        known = _read_metadata(as_path(metadata, argument="metadata"), encoding)
        source = "metadata"
    # the rule: an aggregate is neither an ISO 3166-1 alpha-3 code nor in ISO's user-assigned
    # X range (XAA-XZZ; the World Bank uses XKX for Kosovo); one pass over the distinct codes
    iso = iso3_names()
    listed = codes.tolist()
    flags = np.fromiter(
        (not (isinstance(c, str) and (c in iso or c.startswith("X"))) for c in listed),
        dtype=bool,
        count=len(listed),
    )
    if known:
        # a code the companion does not list (INX, "Not classified") keeps the rule's flag;
        # map() calls known.get(code, flag) for every code without a Python loop
        flags = np.fromiter(map(known.get, listed, flags.tolist()), dtype=bool, count=len(listed))
    return flags, source
