"""World Bank World Development Indicators: bulk CSV, a user's re-saved copy, API JSON pages."""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._countries import iso3_names
from ._common import (
    PathLike,
    as_path,
    decode,
    file_error,
    load_json,
    masked,
    raise_at_first,
    read_csv_file,
    read_csv_text,
    strings,
    warn,
)

__all__ = ["wdi"]

_ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
_PREAMBLE_LINES = 10  # the bulk file has 4; a header later than this is not a WDI file
_PER_CENT = "(%"  # how the World Bank names an indicator measured in per cent: "... (%)", "(% of"


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
        The file; a list is read as the pages of one API query (JSON only), in any order: the
        rows come in the query's order, page 1 first, as each page's header numbers it.
    metadata : "auto", str, Path or None, default "auto"
        Where ``is_aggregate`` comes from: the World Bank's ``Metadata_Country_...`` companion
        file, which leaves the Region of aggregates (World, income groups, regions) empty; "auto"
        takes the one the bulk zip puts beside the data file, if present. Without it a code is an
        aggregate when it is neither ISO 3166-1 alpha-3 (pycountry) nor in ISO's user-assigned X
        range (the World Bank's XKX, Kosovo), a rule that cannot know that CHI (Channel Islands)
        is an economy.
    dropna : bool, default False
        Drop the (country, year) cells that hold no value. By default every row of the file --
        even a country with no data at all -- is in the result.
    keep_text : bool, default False
        Add ``value_text``: each value exactly as the file prints it (full precision).
    encoding : str, optional
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        One row per country (or aggregate) and year: ``geo`` (the World Bank's code: ISO 3166-1
        alpha-3 for countries), ``geo_name``, ``indicator`` (code), ``indicator_name``, ``period``
        (year, as text), ``value`` (Float64, as published: percentages stay percentages),
        ``share`` (``value / 100`` where the indicator's name holds "(%", as in "(%)" or "(% of
        ...)"; missing for any other), ``is_aggregate`` (boolean); API JSON adds ``obs_status``
        and ``decimal``. Text columns are categoricals. ``attrs``: ``source_file``, ``format``,
        ``last_updated``, ``data_source``, ``encoding``, ``rows_read`` (rows in the file, or
        records in the JSON) and ``is_aggregate_from``.

    Raises
    ------
    ValueError
        If the file is not a WDI file or is damaged: the message names the file, the line and what
        was expected. The API's own error replies are reported as such.

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
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> seats = wps.read.wdi(example_file("API_SG.GEN.PARL.ZS_DS2_en_csv_v2_example.csv"))
    >>> seats.attrs["last_updated"]
    '2022-02-15'
    >>> seats[["geo", "period", "value", "share", "is_aggregate"]].tail(3)
        geo period      value     share  is_aggregate
    15  SSF   2018   24.07428  0.240743          True
    16  SSF   2019  24.078116  0.240781          True
    17  SSF   2020   24.86859  0.248686          True
    """
    if isinstance(path, (list, tuple)):
        if not path:
            raise ValueError("path is an empty list; give a file or the list of API page files")
        paths = [as_path(p, argument=f"path[{i}]") for i, p in enumerate(path)]
    else:
        paths = [as_path(path)]
    if not isinstance(dropna, bool) or not isinstance(keep_text, bool):
        raise TypeError("dropna and keep_text must be True or False")
    texts = [(p, *decode(p.read_bytes(), p, encoding)) for p in paths]
    csvs = [p.name for p, text, _ in texts if text.lstrip()[:1] not in ("[", "{")]
    if csvs and len(paths) > 1:
        raise ValueError(
            "only World Bank API JSON pages can be read together; "
            f"{csvs[0]!r} is a CSV file: read it on its own"
        )
    if csvs:
        frame, attrs = _read_csv(*texts[0], keep_text=keep_text)
    else:
        frame, attrs = _read_api_json(texts, keep_text=keep_text)
    codes = frame["geo"].cat.categories
    flags, attrs["is_aggregate_from"] = _aggregates(codes, paths[0], metadata, encoding)
    per_cent = frame["indicator_name"].astype(object).str.contains(_PER_CENT, regex=False)
    share = (frame["value"] / 100).where(per_cent.fillna(False).to_numpy(dtype=bool), None)
    frame.insert(6, "share", share)
    aggregate = flags[frame["geo"].cat.codes.to_numpy()]
    frame.insert(7, "is_aggregate", pd.Series(aggregate, dtype="boolean"))
    if dropna:
        frame = frame[frame["value"].notna().to_numpy(dtype=bool)].reset_index(drop=True)
    frame.attrs.update(attrs)
    return frame


def _read_csv(
    path: Path, text: str, used: str, *, keep_text: bool
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The wide table of a bulk or re-saved CSV, as a long frame, and its attrs."""
    header_at, preamble, header = _find_header(text, path)
    years = _year_columns(header, header_at, path)
    # every field as printed (pandas would make the code "007" 7 and TRUE a boolean)
    raw, lines = read_csv_text(text, path, skip_lines=header_at, as_printed=True)
    raw.columns = header  # pandas numbers a repeated or empty name; the header itself was checked
    # the bulk file ends each line with a comma: an empty, unnamed last column
    for unnamed in (raw.iloc[:, i] for i, name in enumerate(header) if name == ""):
        what = "a value {!r} sits in a column with no header"
        raise_at_first(unnamed != "", path, what, unnamed, lines=lines)
    no_code = raw["Country Code"] == ""
    raise_at_first(no_code, path, "a row has no Country Code", lines=lines, column="Country Code")
    cells = raw[years].to_numpy(dtype=object).ravel()
    values = pd.to_numeric(pd.Series(cells), errors="coerce").to_numpy(float)
    # "inf" is no published value: pandas reads it as infinity, not as damage
    bad = np.flatnonzero(~np.isfinite(values) & (cells != ""))
    if bad.size:
        row, year = divmod(int(bad[0]), len(years))
        what = f"expected a number or an empty field, got {cells[bad[0]]!r}"
        raise file_error(path, what, line=int(lines[row]), column=years[year])
    n, n_years = len(raw), len(years)
    frame = pd.DataFrame(
        {
            "geo": _repeated(raw["Country Code"], n_years),
            "geo_name": _repeated(raw["Country Name"], n_years),
            "indicator": _repeated(raw["Indicator Code"], n_years),
            "indicator_name": _repeated(raw["Indicator Name"], n_years),
            "period": pd.Categorical.from_codes(
                np.tile(np.arange(n_years), n),
                dtype=pd.CategoricalDtype(pd.Index(years, dtype=str), ordered=True),
            ),
            "value": pd.array(values, dtype="Float64"),
        }
    )
    if keep_text:
        frame["value_text"] = strings(cells, cells == "")
    attrs = {
        "source_file": path.name,
        "format": "wdi_bulk_csv" if header_at else "wdi_csv",
        "data_source": preamble.get("Data Source"),
        "last_updated": preamble.get("Last Updated Date"),
        "rows_read": n,
        "encoding": used,
    }
    return frame, attrs


def _repeated(column: pd.Series, times: int) -> pd.Categorical:
    """Each value repeated ``times`` (once per year), as a categorical in the file's order."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    dtype = pd.CategoricalDtype(pd.Index(uniques, dtype=str))
    return pd.Categorical.from_codes(np.repeat(codes, times), dtype=dtype)


def _find_header(text: str, path: Path) -> tuple[int, dict[str, str], list[str]]:
    """Return the 0-based line of the header, the preamble's key-value pairs and the header."""
    preamble: dict[str, str] = {}
    # line by line: a quote left open in the preamble must not carry on into the header
    for i, line in enumerate(text.split("\n", _PREAMBLE_LINES + 1)[: _PREAMBLE_LINES + 1]):
        try:
            row = next(csv.reader([line.rstrip("\r")]), [])
        except csv.Error as exc:
            raise file_error(path, f"cannot be parsed as CSV: {exc}", line=i + 1) from None
        if row[:1] == [_ID_COLUMNS[0]]:
            if tuple(row[:4]) != _ID_COLUMNS:
                expected, got = ", ".join(_ID_COLUMNS), ", ".join(row[:4])
                what = f"expected the header to start with {expected}, got {got}"
                raise file_error(path, what, line=i + 1)
            return i, preamble, row
        if len(row) >= 2 and row[0] and preamble.setdefault(row[0], row[1]) != row[1]:
            what = f"the preamble gives {row[0]!r} twice: {preamble[row[0]]!r}, then {row[1]!r}"
            raise file_error(path, what, line=i + 1)
    raise file_error(
        path,
        f"is not a World Bank WDI CSV: no header line starting "
        f"'{','.join(_ID_COLUMNS)}' in its first {_PREAMBLE_LINES} lines",
    )


def _year_columns(header: list[str], header_at: int, path: Path) -> list[str]:
    """The years of the header; after them only empty names (the trailing comma) may follow."""
    fail = functools.partial(file_error, path, line=header_at + 1)
    years: list[str] = []
    for i, col in enumerate(header[4:], start=4):
        if col.isdigit() and len(col) == 4:
            if col in years:
                first = header.index(col) + 1
                raise fail(f"the year {col} heads two columns (header fields {first} and {i + 1})")
            if i != 4 + len(years):
                raise fail("the year columns must follow the name and code columns")
            years.append(col)
        elif col != "":
            raise fail(f"expected a year (e.g. 1960) as header field {i + 1}, got {col!r}")
    if not years:
        raise fail("has no year columns after the four name and code columns")
    return years


def _read_metadata(path: Any, encoding: str | None) -> dict[str, bool]:
    """Country Code -> is an aggregate (an empty Region), from a ``Metadata_Country_...`` file;
    a code listed twice keeps its last row."""
    path, table, _ = read_csv_file(path, encoding, argument="metadata")
    for col in ("Country Code", "Region"):
        if col not in table.columns:
            what = f"is not a World Bank Metadata_Country file: it has no {col!r} column"
            raise file_error(path, what, line=1)
    return dict(zip(table["Country Code"], table["Region"] == "", strict=True))


def _aggregates(
    codes: pd.Index, path: Path, metadata: Any, encoding: str | None
) -> tuple[np.ndarray, str]:
    """Flag the aggregates among ``codes`` (distinct); return the flags and where they came from."""
    if isinstance(metadata, str) and metadata == "auto":
        companion = path.with_name(f"Metadata_Country_{path.name}")
        metadata = companion if companion.is_file() else None
    known = {} if metadata is None else _read_metadata(metadata, encoding)
    # the docstring's rule (ISO's user-assigned X range is XAA-XZZ); a code the companion does
    # not list (INX, "Not classified") keeps the rule's flag
    iso = iso3_names()
    flags = [
        known.get(code, not (isinstance(code, str) and (code in iso or code.startswith("X"))))
        for code in codes
    ]
    return np.array(flags, dtype=bool), "iso3166" if metadata is None else "metadata"


def _read_api_json(
    texts: list[tuple[Path, str, str]], *, keep_text: bool
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The observations of one query's API pages, checked against the pages' headers, in the
    query's order: page 1 first, whatever the order of the files (a glob lists "page10" before
    "page2")."""
    by_page: dict[int, list[tuple[Path, int, dict[str, Any]]]] = {}
    metas: dict[int, dict[str, Any]] = {}
    files: dict[int, tuple[str, str]] = {}  # page -> (file name, encoding)
    for path, text, used in texts:
        fail = functools.partial(file_error, path)
        payload = load_json(text, path, numbers_as_text=keep_text)
        if isinstance(payload, list) and len(payload) == 1 and isinstance(payload[0], dict):
            messages = payload[0].get("message")  # the API's answer to a bad query
            if isinstance(messages, list):
                error = "; ".join(
                    f"{m.get('key', '')}: {m.get('value', '')} (id {m.get('id', '')})"
                    for m in messages
                    if isinstance(m, dict)
                )
                raise fail(f"is an error reply of the World Bank API: {error}")
        page_shaped = (
            isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)
        )
        if not (page_shaped and isinstance(payload[1], (list, type(None)))):
            raise fail(
                "is not a World Bank API v2 JSON page: expected [ {page, pages, per_page, total, "
                "...}, [records] ]"
            )
        meta, data = payload[0], payload[1] or []
        for key in ("page", "pages", "total"):
            if not str(meta.get(key)).isdigit():
                raise fail(
                    f"the page header's {key!r} must be a whole number, got {meta.get(key)!r}"
                )
        page = int(meta["page"])
        if page in metas:
            raise fail(f"page {page} is given twice")
        first = next(iter(metas.values()), meta)
        if [int(meta["total"]), int(meta["pages"])] != [int(first["total"]), int(first["pages"])]:
            raise fail("belongs to another query: its total or page count differs")
        metas[page] = meta
        files[page] = (path.name, used)
        not_object = [not isinstance(r, dict) for r in data]
        raise_at_first(not_object, path, "expected a JSON object per observation", where="record")
        by_page[page] = [(path, i + 1, r) for i, r in enumerate(data)]
    order = sorted(metas)
    records = [record for page in order for record in by_page[page]]
    meta0 = metas[order[0]]
    n_pages, total = int(meta0["pages"]), int(meta0["total"])
    missing = sorted(set(range(1, n_pages + 1)) - set(metas))
    if missing:
        warn(
            f"World Bank API pages {missing} of {n_pages} were not given; the result holds "
            f"{len(records)} of the query's {total} observations"
        )
    elif len(records) != total:
        raise file_error(
            texts[-1][0],
            f"the API says the query has {total} observations but the {n_pages} page(s) hold "
            f"{len(records)}",
        )
    attrs = {
        "source_file": [files[p][0] for p in order] if len(texts) > 1 else texts[0][0].name,
        "format": "wb_api_json",
        "data_source": meta0.get("sourcename"),
        "last_updated": meta0.get("lastupdated"),
        "encoding": files[order[0]][1],
        "rows_read": len(records),
        "pages_read": sorted(metas),
        "pages_missing": missing,
    }
    return _api_frame(records, keep_text=keep_text), attrs


def _api_frame(records: list[tuple[Path, int, dict[str, Any]]], *, keep_text: bool) -> pd.DataFrame:
    """The API's observations as the columns of the CSV forms, plus obs_status and decimal."""
    columns = ("geo", "geo_name", "indicator", "indicator_name", "period")
    if not records:
        # the columns and dtypes of a reply with observations: obs_status, decimal too
        empty = pd.DataFrame({c: pd.Series(dtype="category") for c in columns})
        empty["value"] = pd.array([], dtype="Float64")
        empty["obs_status"] = strings([])
        empty["decimal"] = masked(np.array([], dtype=float), "int")
        if keep_text:
            empty["value_text"] = strings([])
        return empty
    values: list[float] = []
    decimals: list[float] = []
    for path, number, r in records:
        fail = functools.partial(file_error, path, record=number)
        for key in ("indicator", "country", "date", "value"):
            if key not in r:
                raise fail(f"an observation lacks the key {key!r}")
        for key in ("indicator", "country"):
            if not (isinstance(r[key], dict) and isinstance(r[key].get("id"), str)):
                raise fail(f"{key!r} must be an object with an 'id'")
        if not (isinstance(r["date"], str) and r["date"]):
            raise fail(f"'date' must be text such as '2019', got {r['date']!r}")
        value, number_value = r["value"], np.nan
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            number_value = pd.to_numeric(value, errors="coerce")
        if value is not None and not np.isfinite(number_value):
            raise fail(f"'value' must be a number or null, got {value!r}")
        values.append(float(number_value))
        # the decimals the value is published with: a whole number >= 0, or null (absent)
        decimal, places = r.get("decimal"), np.nan
        if isinstance(decimal, (int, float, str)) and not isinstance(decimal, bool):
            places = pd.to_numeric(decimal, errors="coerce")
        if decimal not in (None, "") and not (
            np.isfinite(places) and places >= 0 and places == np.round(places)
        ):
            raise fail(f"'decimal' must be a whole number of decimals or null, got {decimal!r}")
        decimals.append(float(places))
    obs = [r for _, _, r in records]
    table = {
        "geo": [r.get("countryiso3code") or r["country"]["id"] for r in obs],
        "geo_name": [r["country"].get("value") for r in obs],
        "indicator": [r["indicator"]["id"] for r in obs],
        "indicator_name": [r["indicator"].get("value") for r in obs],
    }
    frame = pd.DataFrame(table).astype("category")
    periods = [r["date"] for r in obs]
    frame["period"] = pd.Categorical(periods, categories=sorted(set(periods)), ordered=True)
    frame["value"] = pd.array(values, dtype="Float64")
    frame["obs_status"] = strings(pd.Series([r.get("obs_status") or None for r in obs]))
    frame["decimal"] = masked(np.array(decimals, dtype=float), "int")
    if keep_text:
        frame["value_text"] = strings(
            [None if r["value"] is None else str(r["value"]) for r in obs]
        )
    return frame
