"""DHS Program indicator API exports (CSV or JSON), as downloaded or as republished by HDX."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeGuard

import numpy as np
import pandas as pd

from .._countries import names_from_iso3
from ._common import (
    PathLike,
    file_error,
    iso3_or_warn,
    load_json,
    masked,
    numbers,
    raise_at_first,
    read_csv_text,
    read_text,
    strings,
    warn,
    warn_unmatched,
)

__all__ = ["dhs_api"]


# The API's columns, in its order -> (tidy name, kind); HDX adds ISO3 (and Location) in front,
# later API replies (HDX's Nigeria files) LevelRank at the end, empty at the national level.
_COLUMNS: dict[str, tuple[str, str]] = {
    "DataId": ("data_id", "int"),                  "Indicator": ("indicator_name", "text"),
    "Value": ("value", "float"),                   "Precision": ("precision", "int"),
    "DHS_CountryCode": ("dhs_country_code", "text"), "CountryName": ("country", "text"),
    "SurveyYear": ("survey_year", "int"),          "SurveyId": ("survey_id", "text"),
    "IndicatorId": ("indicator", "text"),          "IndicatorOrder": ("indicator_order", "int"),
    "IndicatorType": ("indicator_type", "text"),   "CharacteristicId": ("characteristic_id", "int"),
    "CharacteristicOrder": ("characteristic_order", "int"),
    "CharacteristicCategory": ("characteristic_category", "text"),
    "CharacteristicLabel": ("characteristic_label", "text"),
    "ByVariableId": ("by_variable_id", "int"),     "ByVariableLabel": ("by_variable_label", "text"),
    "IsTotal": ("is_total", "bool"),               "IsPreferred": ("is_preferred", "bool"),
    "SDRID": ("sdrid", "text"),                    "RegionId": ("region_id", "text"),
    "SurveyYearLabel": ("survey_year_label", "text"), "SurveyType": ("survey_type", "text"),
    "DenominatorWeighted": ("denominator_weighted", "float"),
    "DenominatorUnweighted": ("denominator_unweighted", "int"),
    "CILow": ("ci_low", "float"),                  "CIHigh": ("ci_high", "float"),
}  # fmt: skip
_HDX_COLUMNS = {"ISO3": ("iso3", "text"), "Location": ("location", "text"),
                "LevelRank": ("level_rank", "int")}  # fmt: skip
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

    One row per estimate: an indicator (``IndicatorId``) of a survey for one characteristic
    (Total, a region, an age group, ...) and possibly one "by variable" (``ByVariableLabel``).
    The forms, told apart by their content:

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
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        ``geo`` (ISO 3166-1 alpha-3: HDX's ISO3, else the country name through pycountry),
        ``country``, ``survey_id``, ``survey_year``, ``survey_type``, ``indicator`` (IndicatorId),
        ``indicator_name``, ``characteristic_category``, ``characteristic_label`` (without its
        ".." indent), ``level`` (how many ".." it carried: 0 for a region, 1 for one nested in
        it), ``value``, ``precision`` (decimals published), ``ci_low``, ``ci_high``,
        ``denominator_weighted``, ``denominator_unweighted``, ``is_preferred``, ``is_total``,
        ``by_variable_id``, ``by_variable_label``, the API's other columns in snake case, then
        HDX's ``location`` and ``level_rank``. Numbers are nullable (``Int64``, ``Float64``,
        ``boolean``). Every row is kept: an indicator can appear under several by-variables, and
        ``is_preferred`` marks the one the DHS Program recommends. ``attrs``: ``source_file``,
        ``format``, ``encoding``, ``rows_read``, ``hxl`` (the hashtag row, if any).

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
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> dhs = wps.read.dhs_api(example_file("dhs_api_hdx_hxl_example.csv"))
    >>> dhs.attrs["hxl"]["ISO3"]
    '#country+code'
    >>> dhs[["geo", "indicator", "characteristic_label", "value", "is_preferred"]]
       geo      indicator characteristic_label  value  is_preferred
    0  AFG  FE_FRTR_W_TFR                Total    5.3          True
    1  AFG  FP_CUSM_W_ANY                Total   22.5          True
    2  AFG  FP_CUSM_W_MOD                Total   19.8          True
    >>> sub = wps.read.dhs_api(example_file("dhs_api_subnational_example.csv"))
    >>> sub[["characteristic_label", "level", "value"]]
      characteristic_label  level  value
    0                Kabul      0    4.6
    1              Paktika      1    5.3
    """
    file, text, used = read_text(path, encoding)
    hxl = None
    if text.lstrip()[:1] in ("{", "["):
        raw, kind = _from_json(text, file), "dhs_api_json"
        where, lines = "record", np.arange(1, len(raw) + 1)
    else:
        raw, lines = read_csv_text(text, file, as_printed=True)
        _check_columns(raw.columns, file, line=1)
        first = raw.iloc[0].tolist() if len(raw) else []
        if any(first) and all(v.startswith("#") for v in first if v):
            # HDX's HXL hashtag row (#country+code, ...) under the header: not data
            hxl = {str(c): v for c, v in zip(raw.columns, first, strict=True) if v}
            raw, lines = raw.iloc[1:].reset_index(drop=True), lines[1:]
        kind = "hdx_csv" if "ISO3" in raw.columns else "dhs_api_csv"
        where = "line"
    frame = _typed(raw, file, where=where, lines=lines)
    frame.attrs = {"source_file": file.name, "format": kind, "encoding": used}
    frame.attrs.update(rows_read=len(raw), hxl=hxl)
    return frame


def _check_columns(columns: pd.Index, path: Path, *, line: int | None) -> None:
    missing = [c for c in _COLUMNS if c not in columns]
    if missing:
        raise file_error(
            path,
            f"is not a DHS API export: it lacks the column(s) {', '.join(missing)} "
            f"(expected the API's {len(_COLUMNS)} columns: {', '.join(_COLUMNS)})",
            line=line,
        )


def _from_json(text: str, path: Path) -> pd.DataFrame:
    """The records of the API's JSON reply (an object with "Data", or a bare list). A reply may
    be one page of its query (``RecordCount`` records in all, ``TotalPages`` pages)."""
    payload = load_json(text, path)
    records = payload.get("Data") if isinstance(payload, dict) else payload
    if not isinstance(records, list):  # the text starts with "{" or "[": payload is an object
        raise file_error(path, 'is not a DHS API JSON reply: expected an object with a "Data" list')
    if isinstance(payload, dict):
        held = len(records)
        returned, count, page, pages = (
            payload.get(k) for k in ("RecordsReturned", "RecordCount", "Page", "TotalPages")
        )
        if _whole(returned) and returned != held:
            raise file_error(
                path, f"says RecordsReturned={returned} but its Data holds {held} records"
            )
        if _whole(count) and count < held:
            raise file_error(path, f"says RecordCount={count} but its Data holds {held} records")
        if _whole(count) and count > held:
            which = f"page {page} of {pages}" if _whole(page) and _whole(pages) else "one page"
            warn(
                f"file {path.name!r}: this API reply is {which} of its query and holds {held} of "
                f"the query's {count} records (RecordCount); the others are on its other pages "
                "(ask again with page=2, 3, ... or a larger perPage)"
            )
    not_object = [not isinstance(r, dict) for r in records]
    raise_at_first(not_object, path, "expected a JSON object per record", where="record")
    raw = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=list(_COLUMNS))
    _check_columns(raw.columns, path, line=None)
    # pandas fills a key one record lacks with NaN: a value that is missing, not one left out
    lacking = [next((key for key in _COLUMNS if key not in r), None) for r in records]
    what = "the record lacks the key {!r}, which the API sends in every record"
    raise_at_first([k is not None for k in lacking], path, what, lacking, where="record")
    nested = raw.map(lambda v: isinstance(v, (dict, list))).to_numpy()
    if nested.any():
        row, col = np.argwhere(nested)[0]
        what = "expected a plain value, got a nested object"
        raise file_error(path, what, record=int(row) + 1, column=str(raw.columns[col]))
    return raw


def _whole(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _typed(raw: pd.DataFrame, path: Path, *, where: str, lines: Any) -> pd.DataFrame:
    """Each column typed under its tidy name, in the result's order, with the label's ".." indent
    as ``level``; columns the API does not document last, as text under their own names."""
    known = {**_COLUMNS, **_HDX_COLUMNS}
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for col in raw.columns:
        name, kind = known.get(str(col), (str(col), "text"))
        cells = raw[col]
        if kind == "text":
            values = cells.to_numpy(dtype=object)
            typed = strings(values.astype(str), pd.isna(values) | (values == ""))
        else:
            typed = masked(numbers(cells, kind=kind, path=path, lines=lines, where=where), kind)
        (out if str(col) in known else extra)[name] = typed
    # ".." pairs mark a subnational label's depth ("..Paktika"); a lone extra dot is the label's
    parts = pd.Series(out["characteristic_label"]).str.extract(r"^((?:\.\.)*)(.*)$", flags=re.S)
    out["characteristic_label"] = strings(parts[1].to_numpy(dtype=object))
    out["level"] = pd.array(parts[0].str.len().fillna(0).to_numpy() // 2, dtype="Int64")
    if "iso3" in out:  # HDX's codes, else the country names through pycountry
        _, unknown = names_from_iso3(out["iso3"])
        warn_unmatched(path, "ISO3 code(s)", unknown, "they are kept as given in geo")
        out["geo"] = out["iso3"]
    else:
        names, consequence = out["country"], "their geo is missing; country keeps the name"
        out["geo"] = strings(iso3_or_warn(names, path, "country name(s)", consequence))
    columns = {name: out[name] for name in _ORDER}
    columns.update({name: out[name] for name in ("location", "level_rank") if name in out})
    return pd.DataFrame(columns | extra)
