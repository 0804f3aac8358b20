"""DHS Program indicator API exports (CSV or JSON), as downloaded or as republished by HDX."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._common import (
    CsvRows,
    PathLike,
    as_path,
    checked_numbers,
    csv_rows,
    decode,
    file_error,
    is_iso3,
    iso3_from_names,
    load_json,
    none_where,
    number_array,
    number_columns,
    string_array,
    warn_unmatched,
)

__all__ = ["dhs_api"]


# The API's own columns -> (tidy name, kind). Kinds: text, int, float, bool.
_COLUMNS: dict[str, tuple[str, str]] = {
    "DataId": ("data_id", "int"),
    "Indicator": ("indicator_name", "text"),
    "Value": ("value", "float"),
    "Precision": ("precision", "int"),
    "DHS_CountryCode": ("dhs_country_code", "text"),
    "CountryName": ("country", "text"),
    "SurveyYear": ("survey_year", "int"),
    "SurveyId": ("survey_id", "text"),
    "IndicatorId": ("indicator", "text"),
    "IndicatorOrder": ("indicator_order", "int"),
    "IndicatorType": ("indicator_type", "text"),
    "CharacteristicId": ("characteristic_id", "int"),
    "CharacteristicOrder": ("characteristic_order", "int"),
    "CharacteristicCategory": ("characteristic_category", "text"),
    "CharacteristicLabel": ("characteristic_label", "text"),
    "ByVariableId": ("by_variable_id", "int"),
    "ByVariableLabel": ("by_variable_label", "text"),
    "IsTotal": ("is_total", "bool"),
    "IsPreferred": ("is_preferred", "bool"),
    "SDRID": ("sdrid", "text"),
    "RegionId": ("region_id", "text"),
    "SurveyYearLabel": ("survey_year_label", "text"),
    "SurveyType": ("survey_type", "text"),
    "DenominatorWeighted": ("denominator_weighted", "float"),
    "DenominatorUnweighted": ("denominator_unweighted", "int"),
    "CILow": ("ci_low", "float"),
    "CIHigh": ("ci_high", "float"),
}
# HDX adds these in front of the API's columns.
_HDX_COLUMNS: dict[str, tuple[str, str]] = {
    "ISO3": ("iso3", "text"),
    "Location": ("location", "text"),
}
_ORDER = (
    "geo", "country", "survey_id", "survey_year", "survey_type", "indicator", "indicator_name",
    "characteristic_category", "characteristic_label", "level", "value", "precision", "ci_low",
    "ci_high", "denominator_weighted", "denominator_unweighted", "is_preferred", "is_total",
    "by_variable_id", "by_variable_label", "data_id", "indicator_order", "indicator_type",
    "characteristic_id", "characteristic_order", "sdrid", "region_id", "survey_year_label",
    "dhs_country_code",
)  # fmt: skip


def dhs_api(path: PathLike, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a DHS Program indicator API export (CSV or JSON) into a typed, tidy table.

    One row per estimate, as the API serves them: an indicator (``IndicatorId``) of a survey for
    one characteristic (Total, a region, an age group, ...) and possibly one "by variable"
    (``ByVariableLabel``). Understood forms, told apart by their content:

    * the API's CSV (``.../rest/dhs/data?...&f=csv``) with its 27 columns;
    * HDX's republished CSV, which adds ``ISO3`` (and ``Location`` for subnational files) in front,
      with or without the HXL hashtag row (``#country+code,...``) as its second line, skipped here;
    * the API's JSON: an object whose ``"Data"`` is the list of records, or a bare list of them.
      A reply that is one page of a larger query (``RecordCount`` above the records it holds) is
      read with a ``UserWarning`` saying how many records the other pages hold.

    Parameters
    ----------
    path : str or Path
        The file.
    encoding : str, optional
        Force an encoding; by default UTF-8 (a byte-order mark is removed), else Windows-1252 with
        an ``EncodingWarning``.

    Returns
    -------
    pandas.DataFrame
        Columns in snake case: ``geo`` (ISO 3166-1 alpha-3, from HDX's ISO3 column or else from
        the country name through pycountry), ``country``, ``survey_id``, ``survey_year``,
        ``survey_type``, ``indicator`` (the IndicatorId), ``indicator_name``,
        ``characteristic_category``, ``characteristic_label`` (without its ".." indent),
        ``level`` (how many ".." the label carried: 0 for a top-level region, 1 for one nested
        under it), ``value``, ``precision`` (decimals published), ``ci_low``, ``ci_high``,
        ``denominator_weighted``, ``denominator_unweighted``, ``is_preferred``, ``is_total``,
        ``by_variable_id``, ``by_variable_label``, then the API's remaining columns and HDX's
        ``location``. Numbers are nullable (``Int64``, ``Float64``, ``boolean``): CILow/CIHigh and
        the denominators are often empty. Every row of the file is kept; the same indicator can
        appear under several by-variables, and ``is_preferred`` marks the one the DHS Program
        recommends -- filter on it yourself. ``attrs``: ``source_file``, ``format``,
        ``encoding``, ``rows_read``, ``hxl`` (the hashtag row, if any).

    Raises
    ------
    ValueError
        If a column the API always sends is missing, or a value is not of its kind (e.g. text in
        ``Value``); the message names the file, the line (or JSON record) and the column.

    References
    ----------
    The DHS Program, Indicator Data API, https://api.dhsprogram.com/ (field list of
    ``/rest/dhs/data``). Humanitarian Exchange Language (HXL) hashtag standard,
    https://hxlstandard.org/ . ISO 3166-1 through pycountry.

    Examples
    --------
    >>> from pathlib import Path
    >>> import wpsstats as wps
    >>> folder = Path(wps.__file__).parent.parent / "tests" / "fixtures" / "read"
    >>> dhs = wps.read.dhs_api(folder / "dhs_api_hdx_hxl.csv")
    >>> dhs.attrs["hxl"]["ISO3"]
    '#country+code'
    >>> dhs[["geo", "indicator", "by_variable_label", "value", "is_preferred"]]
       geo      indicator      by_variable_label  value  is_preferred
    0  AFG  FE_FRTR_W_TFR                   <NA>    5.3          True
    1  AFG  PR_DESL_W_WNM  Living children: 0     0.6         False
    2  AFG  PR_DESL_W_WNM                   <NA>   61.2          True
    >>> sub = wps.read.dhs_api(folder / "dhs_api_subnational.csv")
    >>> sub[["characteristic_label", "level"]]
      characteristic_label  level
    0                Kabul      0
    1              Paktika      1
    """
    file = as_path(path)
    text, used = decode(file.read_bytes(), file, encoding)
    if text.lstrip()[:1] in ("{", "["):
        raw, where, hxl, kind = _from_json(text, file)
        frame = _typed(_convert_frame(raw, file, where), file)
        n_read = len(raw)
    else:
        # text cells (pandas' parse, numbers included, for a large file); only the API's
        # number columns can be numbers, any other stays text as printed ("" is missing)
        numeric = [c for c, (_, k) in {**_COLUMNS, **_HDX_COLUMNS}.items() if k != "text"]
        rows = csv_rows(text, file, number_columns=numeric, na_values=("",))
        _check_columns(rows.header, file, line=1)
        rows, hxl = _skip_hxl(rows)
        kind = "hdx_csv" if "ISO3" in rows.header else "dhs_api_csv"
        frame = _typed(_convert_rows(rows, file), file)
        n_read = len(rows)
    frame.attrs = {
        "source_file": file.name,
        "format": kind,
        "encoding": used,
        "rows_read": n_read,
        "hxl": hxl,
    }
    return frame


def _check_columns(columns: list[str], path: Path, *, line: int | None) -> None:
    missing = [c for c in _COLUMNS if c not in columns]
    if missing:
        raise file_error(
            path,
            f"is not a DHS API export: it lacks the column(s) {', '.join(missing)} "
            f"(expected the API's {len(_COLUMNS)} columns: {', '.join(_COLUMNS)})",
            line=line,
        )


def _from_json(text: str, path: Path) -> tuple[pd.DataFrame, Any, None, str]:
    payload = load_json(text, path)
    if isinstance(payload, dict):
        if "Data" not in payload or not isinstance(payload["Data"], list):
            raise file_error(
                path, 'is not a DHS API JSON reply: expected an object with a "Data" list'
            )
        records = payload["Data"]
        returned = payload.get("RecordsReturned")
        if _whole(returned) and returned != len(records):
            raise file_error(
                path, f"says RecordsReturned={returned} but its Data holds {len(records)} records"
            )
        _check_paging(payload, len(records), path)
    elif isinstance(payload, list):
        records = payload
    else:
        raise file_error(path, "is not a DHS API JSON reply: expected an object or a list")
    bad = [i for i, r in enumerate(records) if not isinstance(r, dict)]
    if bad:
        raise file_error(path, "expected a JSON object per record", record=bad[0] + 1)
    raw = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=list(_COLUMNS))
    _check_columns([str(c) for c in raw.columns], path, line=None)
    nested = raw.map(lambda v: isinstance(v, (dict, list))).to_numpy()
    if nested.any():
        row, col = np.argwhere(nested)[0]
        raise file_error(
            path,
            "expected a plain value, got a nested object",
            record=int(row) + 1,
            column=str(raw.columns[col]),
        )
    return raw, ("record", np.arange(1, len(raw) + 1)), None, "dhs_api_json"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_paging(payload: dict[str, Any], held: int, path: Path) -> None:
    """The API serves a query in pages (``RecordCount`` records in all, ``TotalPages`` pages of
    at most ``perPage``): a reply that is one page of several is read, with a warning that the
    rest of the query is on the other pages; a count below what the reply holds is damage."""
    count, page, pages = (payload.get(k) for k in ("RecordCount", "Page", "TotalPages"))
    if not isinstance(count, int) or isinstance(count, bool):
        return
    if count < held:
        raise file_error(path, f"says RecordCount={count} but its Data holds {held} records")
    if count > held:
        which = f"page {page} of {pages}" if _whole(page) and _whole(pages) else "one page"
        warnings.warn(
            f"file {path.name!r}: this API reply is {which} of its query and holds {held} of "
            f"the query's {count} records (RecordCount); the others are on its other pages "
            "(ask again with page=2, 3, ... or a larger perPage)",
            UserWarning,
            stacklevel=4,
        )


def _convert(
    column: pd.Series, kind: str, name: str, path: Path, where: tuple[str, np.ndarray]
) -> Any:
    """Convert one column of JSON values to its kind; raise naming the first bad value, with the
    checks and messages of the CSV files (:func:`checked_numbers`)."""
    values = column.to_numpy(dtype=object)
    empty = pd.isna(column).to_numpy() | (values == "")
    if kind == "text":
        return string_array(none_where(values.astype(str), empty))
    if column.dtype.kind in "iuf":
        # every value of the column is a JSON number (or null)
        numbers = column.to_numpy(dtype=float, na_value=np.nan, copy=True)  # checked in place
    else:
        is_bool = np.fromiter((isinstance(v, bool) for v in values), dtype=bool, count=len(values))
        prepared = np.where(empty, np.nan, values)
        if is_bool.any():
            prepared[is_bool] = values[is_bool].astype(int)
        numbers = pd.to_numeric(pd.Series(prepared, dtype=object), errors="coerce").to_numpy(
            dtype=float, copy=True
        )
        if kind != "bool":
            numbers[is_bool] = np.nan  # JSON true/false is not a count or a measurement
    label, at = where
    numbers = checked_numbers(
        numbers[:, None],
        empty[:, None],
        [name],
        path,
        at,
        kinds=kind,
        printed=lambda row, _: values[row],
        where=label,
    )[:, 0]
    return number_array(numbers, kind)


def _convert_frame(
    raw: pd.DataFrame, path: Path, where: tuple[str, np.ndarray]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Type the columns of the JSON records: the API's columns under their tidy names, and
    apart, any other column as text under its own name."""
    known = {**_COLUMNS, **_HDX_COLUMNS}
    out: dict[str, Any] = {}
    for col, (name, kind) in known.items():
        if col in raw.columns:
            out[name] = _convert(raw[col], kind, col, path, where)
    extra = {
        str(col): _convert(raw[col], "text", str(col), path, where)
        for col in raw.columns
        if col not in known
    }
    return out, extra


def _convert_rows(rows: CsvRows, path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`_convert_frame` for text cells, the numbers of every column converted at once.

    A text column keeps the text as printed, "" being missing (as ``na_values=[""]`` reads it).
    """
    known = {**_COLUMNS, **_HDX_COLUMNS}
    numeric = [c for c in known if known[c][1] != "text" and c in rows.header]
    kinds = [known[c][1] for c in numeric]
    numbers = rows.numbers(numeric, path, kinds=kinds)
    out = {known[c][0]: a for c, a in zip(numeric, number_columns(numbers, kinds), strict=True)}
    text = [c for c in rows.header if c not in numeric]
    arrays = rows.texts(text)
    out.update({known[c][0]: a for c, a in zip(text, arrays, strict=True) if c in known})
    extra = {c: a for c, a in zip(text, arrays, strict=True) if c not in known}
    return out, extra


def _skip_hxl(rows: CsvRows) -> tuple[CsvRows, dict[str, str] | None]:
    """Drop HDX's HXL hashtag row (every filled field of the first record starts with "#")."""
    if not len(rows):
        return rows, None
    first = rows.record(0)
    filled = [v for v in first if v]
    if not filled or not all(v.startswith("#") for v in filled):
        return rows, None
    hxl = {c: v for c, v in zip(rows.header, first, strict=True) if v}
    return rows.without_first(), hxl


def _typed(converted: tuple[dict[str, Any], dict[str, Any]], path: Path) -> pd.DataFrame:
    """The typed columns in the result's order, with the label's ".." indent as ``level``;
    columns the API does not document last, as text under their own names."""
    out, extra = converted
    # the labels repeat (one per region and indicator): split the indent on the unique ones
    codes, unique = pd.factorize(out["characteristic_label"], use_na_sentinel=True)
    unique = np.asarray(unique, dtype=object)
    dots = np.array([len(u) - len(u.lstrip(".")) for u in unique], dtype=np.int64)
    # only the ".." pairs are the indent; a lone extra dot stays part of the label
    pairs = dots // 2
    stripped = np.array([u[2 * d :] for u, d in zip(unique, pairs, strict=True)], dtype=object)
    present = codes >= 0
    level = np.zeros(codes.size, dtype=np.int64)
    level[present] = pairs[codes[present]]
    labels = np.full(codes.size, None, dtype=object)
    labels[present] = stripped[codes[present]]
    out["characteristic_label"] = string_array(labels)
    out["level"] = pd.arrays.IntegerArray(level, np.zeros(level.size, dtype=bool))
    out["geo"] = _geo(out, path)
    columns = {name: out[name] for name in _ORDER}
    if "location" in out:
        columns["location"] = out["location"]
    columns.update(extra)
    return pd.DataFrame(columns, copy=False)


def _geo(out: dict[str, Any], path: Path) -> Any:
    """ISO3 from HDX's column, else from the country names (matched once per distinct name)."""
    if "iso3" in out:
        codes = out["iso3"]
        present = pd.unique(np.asarray(codes[~codes.isna()], dtype=object))
        unknown = [c for c, ok in zip(present, is_iso3(present), strict=True) if not ok]
        warn_unmatched(path, "ISO3 code(s)", unknown, "they are kept as given in geo", stacklevel=5)
        return codes
    at, unique = pd.factorize(out["country"], use_na_sentinel=True)
    names = np.asarray(unique, dtype=object).tolist()
    found, unmatched = iso3_from_names(names)
    warn_unmatched(
        path,
        "country name(s)",
        unmatched,
        "their geo is missing; country keeps the name",
        stacklevel=5,
    )
    # the names' codes, then None for a missing name (the code -1 picks the last entry)
    return string_array(np.array([*found, None], dtype=object)[at])
