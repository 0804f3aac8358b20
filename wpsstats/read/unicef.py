"""UNICEF's global databases (data.unicef.org): Excel workbooks of survey-based indicators."""

from __future__ import annotations

import importlib.util
import itertools
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._common import PathLike, as_path, file_error, iso3_or_warn, masked, strings

__all__ = ["unicef"]

_NAME_HEADERS = ("Country", "Countries and areas")
_YEAR_HEADER = "Reference year"
_SOURCE_HEADERS = ("Data source", "Source")
_NOT_AVAILABLE = ("\u2013", "-", "\u2014")  # UNICEF prints an en dash; a re-saved copy may not
_AGGREGATES_FROM = "SUMMARY"  # the row after which the child-marriage table lists regions
_SURVEY_YEAR = re.compile(r"(\d{4}(?:-\d{2,4})?)\s*$")  # "DHS 2015-16" -> "2015-16"


def unicef(path: PathLike) -> pd.DataFrame:
    """Read a UNICEF global-database workbook (child marriage, FGM, ...) into a tidy table.

    UNICEF publishes each database as an Excel workbook: a banner ("GLOBAL DATABASES", the topic,
    "Last update: ..."), then a table with a header of one to three rows (the indicator; a
    breakdown such as "Residence" or "Wealth quintile"; its categories, "Urban", "Poorest"), one
    row per country, a narrow column beside each value for its footnote mark ("x": data differ
    from the standard definition or refer to part of the country; "y" likewise), the reference
    year and the survey, and notes below. "–" means no data. A sheet may hold several tables
    one under another (the FGM girls workbook: girls 0-14, then daughters of women 15-49); each
    starts at a header row whose first cell is "Country" or "Countries and areas". In the child
    marriage copy (re-saved, its banner removed) the survey column has no header and holds the
    survey with its year ("DHS 2015-16"); regions follow a "SUMMARY" row.

    Parameters
    ----------
    path : str or Path
        The ``.xlsx`` workbook. Reading Excel needs openpyxl: ``pip install 'wpsstats[excel]'``.

    Returns
    -------
    pandas.DataFrame
        One row per country (or region), indicator and breakdown category: ``geo`` (ISO 3166-1
        alpha-3 through pycountry; missing for a region), ``geo_name`` (as printed),
        ``indicator`` (the table's column title without "(%)"), ``breakdown`` ("total",
        "residence", "wealth quintile"), ``category`` ("total", "urban", "rural", "poorest",
        ..., "richest"), ``value`` (a share: the printed per cent / 100; missing where "–"),
        ``note`` (the footnote mark beside the value, e.g. "x"), ``reference_year`` (text:
        "2014-15"), ``source`` (the survey, e.g. "DHS"), ``is_aggregate`` (a region, not a
        country), ``sheet``, ``row`` (the workbook row). ``attrs``: ``source_file``, ``title``
        and ``last_update`` (from the banner), ``notes`` (every text line outside the tables:
        legend, definitions, notes, source, and every line of a sheet without a table, such as a
        read-me), ``rows_read`` (country and region rows), ``tables``.

    Raises
    ------
    ImportError
        If openpyxl is not installed (the ``excel`` extra).
    ValueError
        If no table header is found, or a value is neither a number in [0, 100] nor "–"; the
        message names the file, the sheet's row (as "line") and the column (its Excel letter
        and title).

    Warns
    -----
    CountryNameWarning
        For a country name (above any "SUMMARY") that pycountry cannot match: kept as printed.

    References
    ----------
    UNICEF Data: Monitoring the situation of children and women, global databases,
    https://data.unicef.org (child marriage, March 2018; female genital mutilation, February
    2020), from DHS, MICS and other nationally representative surveys.

    Examples
    --------
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> fgm = wps.read.unicef(example_file("unicef_fgm_women_example.xlsx"))
    >>> fgm.attrs["last_update"]
    'February 2020'
    >>> mali = fgm[(fgm["geo"] == "MLI")]
    >>> mali[["breakdown", "category", "value", "reference_year", "source"]].head(4)
              breakdown category   value reference_year source
    16            total    total   0.886           2018    DHS
    17        residence    urban   0.892           2018    DHS
    18        residence    rural   0.884           2018    DHS
    19  wealth quintile  poorest  0.8647           2018    DHS
    """
    file = as_path(path)
    if importlib.util.find_spec("openpyxl") is None:
        raise ImportError(
            "wpsstats.read.unicef reads Excel workbooks through openpyxl, which is not "
            "installed: pip install 'wpsstats[excel]' (or openpyxl)"
        )
    with file.open("rb") as stream:
        head = stream.read(8)
    # .xlsx is a zip archive, .xls an OLE2 compound file; anything else (a CSV saved from the
    # workbook, a web page) is not a workbook, and pandas' own message asks for an engine
    if not head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise file_error(
            file,
            "cannot be read as an Excel workbook: it is neither an .xlsx nor an .xls file "
            f"(it begins {head!r}); UNICEF's global databases are .xlsx workbooks, read the "
            "workbook as downloaded",
        )
    try:
        with warnings.catch_warnings():
            # openpyxl drops Excel extensions (conditional formats, data validation) it does not
            # know, and says so for each sheet: formatting, not data
            warnings.filterwarnings("ignore", "Unknown extension", UserWarning)
            sheets = pd.read_excel(file, sheet_name=None, header=None, dtype=object)
    except (ValueError, OSError, KeyError) as exc:  # not a workbook, or a damaged one
        raise file_error(file, f"cannot be read as an Excel workbook: {exc}") from None
    frames: list[pd.DataFrame] = []
    attrs: dict[str, Any] = {"title": None, "last_update": None, "notes": [], "tables": 0}
    for name, sheet in sheets.items():
        frames += _read_sheet(sheet, str(name), file, attrs)
    if not frames:
        raise file_error(
            file,
            "is not a UNICEF global-database workbook: no header row starting 'Country' or "
            "'Countries and areas'",
        )
    frame = pd.concat(frames, ignore_index=True)
    names = frame["geo_name"].to_numpy(dtype=object)
    country = ~frame["is_aggregate"].to_numpy(dtype=bool)
    geo = np.full(len(names), None, dtype=object)  # a region has no ISO code
    geo[country] = iso3_or_warn(names[country], file, "country name(s)", "their geo is missing")
    frame.insert(0, "geo", strings(geo))
    frame.attrs = {"source_file": file.name}
    frame.attrs.update(attrs, rows_read=len(frame[["sheet", "row"]].drop_duplicates()))
    return frame


def _text(value: Any) -> str:
    return "" if pd.isna(value) else str(value).strip()


def _read_sheet(
    sheet: pd.DataFrame, name: str, path: Path, attrs: dict[str, Any]
) -> list[pd.DataFrame]:
    """Every table of one sheet, each as a long frame; the text around them into ``attrs``."""
    cells = sheet.map(_text).to_numpy(dtype=object)
    heads = [i for i in range(len(cells)) if cells[i, 0] in _NAME_HEADERS]
    if not heads:
        # a sheet without a table (a read-me, definitions) has no banner: its lines are notes,
        # so that the title does not depend on whether it comes before the table's sheet
        attrs["notes"] += [" ".join(t for t in row if t) for row in cells if any(row)]
        return []
    for i in range(heads[0]):  # the banner
        for text in (t for t in cells[i] if t):
            if text.startswith("Last update:"):
                attrs["last_update"] = text.removeprefix("Last update:").strip()
            elif attrs["title"] is None and text not in ("GLOBAL DATABASES", "[data.unicef.org]"):
                attrs["title"] = text
    bounds = itertools.pairwise([*heads, len(cells)])
    tables = [_read_table(cells, head, end, name, path, attrs) for head, end in bounds]
    attrs["tables"] += len(tables)
    return tables


def _read_table(
    cells: np.ndarray, head: int, end: int, sheet: str, path: Path, attrs: dict[str, Any]
) -> pd.DataFrame:
    """One table: header rows from ``head`` to the first row with a name, data until ``end``."""
    first = head + 1
    while first < end and not cells[first, 0]:
        first += 1
    header = cells[head:first]  # one to three rows: title; breakdown; category
    n_cols = cells.shape[1]
    titles = header[0]
    year_col = next((c for c in range(n_cols) if titles[c] == _YEAR_HEADER), None)
    source_col = next((c for c in range(n_cols) if titles[c] in _SOURCE_HEADERS), None)
    labelled = [
        c for c in range(1, n_cols) if any(header[:, c]) and c not in (year_col, source_col)
    ]
    if not labelled:
        raise file_error(path, "a table header names no indicator", line=head + 1)
    if source_col is None and year_col is None:
        # the re-saved child-marriage table: the survey column lost its header
        after = [c for c in range(labelled[-1] + 2, n_cols) if any(cells[first:end, c])]
        source_col = after[0] if after else None
    columns = []  # (column, indicator, breakdown, category)
    title = group = ""
    total_title = ""
    for c in labelled:
        if titles[c]:
            title = re.sub(r"\s*\(%\)\s*$", "", titles[c])
            group = ""
        if len(header) > 1 and header[1, c]:
            group = header[1, c]
        category = header[2, c] if len(header) > 2 else ""
        if not category and not group:
            total_title = title
            columns.append((c, title, "total", "total"))
        else:
            # a breakdown of the total beside it: the same indicator, by residence or wealth
            columns.append((c, total_title or title, group.casefold(), category.casefold()))
    rows, aggregate, after_summary = [], [], False
    for r in range(first, end):
        row = cells[r]
        if row[0] == _AGGREGATES_FROM and not any(row[1:]):
            after_summary = True
        elif row[0] and any(row[c] for c, *_ in columns):
            rows.append(r)
            aggregate.append(after_summary)
        elif (numbered := next((c for c, *_ in columns if _is_number(row[c])), None)) is not None:
            # a note is text; a number without its country would be lost among the notes
            raise file_error(
                path,
                f"a row holds the value {row[numbered]!r} but no country or area name",
                line=r + 1,
                column="A",
            )
        elif any(row):  # legend, definition, notes, source, the next table's title
            attrs["notes"].append(" ".join(t for t in row if t))
    n, k = len(rows), len(columns)
    values = np.full((n, k), np.nan)
    notes = np.full((n, k), None, dtype=object)
    for j, (c, title, _, category) in enumerate(columns):
        for i, r in enumerate(rows):
            values[i, j] = _value(cells[r, c], path, r, c, f"{title}: {category}")
            mark = cells[r, c + 1] if c + 1 < n_cols and c + 1 not in (year_col, source_col) else ""
            notes[i, j] = mark or None
    source = cells[rows, source_col] if source_col is not None else np.full(n, "", dtype=object)
    if year_col is not None:
        year = cells[rows, year_col]
    else:
        found = [_SURVEY_YEAR.search(s) for s in source]
        year = np.array([m.group(1) if m else "" for m in found], dtype=object)
    year = np.array([y.removesuffix(".0") for y in year], dtype=object)
    # "–" is no data in the year and survey columns too
    year[np.isin(year, _NOT_AVAILABLE)] = ""
    source[np.isin(source, _NOT_AVAILABLE)] = ""

    def each(values: np.ndarray) -> Any:
        return np.repeat(values, k)

    return pd.DataFrame(
        {
            "geo_name": strings(each(cells[rows, 0])),
            "indicator": strings(np.tile([t for _, t, _, _ in columns], n)),
            "breakdown": strings(np.tile([b for _, _, b, _ in columns], n)),
            "category": strings(np.tile([g for _, _, _, g in columns], n)),
            "value": masked(values.ravel() / 100, "float"),
            "note": strings(notes.ravel()),
            "reference_year": strings(each(year), each(year == "")),
            "source": strings(each(source), each(source == "")),
            "is_aggregate": pd.array(each(np.array(aggregate, dtype=bool)), dtype="boolean"),
            "sheet": strings([sheet] * (n * k)),
            "row": pd.array(each(np.array(rows, dtype=np.int64)) + 1, dtype="Int64"),
        }
    )


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _value(cell: str, path: Path, row: int, col: int, label: str) -> float:
    """A printed per cent as a float; "–" (no data) and an empty cell as NaN."""
    if cell in _NOT_AVAILABLE or cell == "":
        return np.nan
    try:
        value = float(cell)
    except ValueError:
        value = np.nan
    if not np.isfinite(value) or not 0 <= value <= 100:
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

        raise file_error(
            path,
            f"expected a per cent in [0, 100] or '\u2013', got {cell!r}",
            line=row + 1,
            column=f"{get_column_letter(col + 1)} ({label})",
        )
    return value
