"""IPI Peacekeeping Database: monthly JSON of uniformed personnel by mission, country and sex."""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._countries import names_from_iso3
from ._common import (
    DataConsistencyWarning,
    PathLike,
    dates,
    file_error,
    load_json,
    raise_at_first,
    read_text,
    warn,
    warn_unmatched,
)

__all__ = ["ipi_gender"]

# file key prefix -> category; the sex is the suffix _f / _m
_CATEGORIES = {
    "troops": "troops",
    "ip": "individual_police",
    "fpu": "formed_police",
    "eom": "experts_on_mission",
}
_SEXES = {"f": "female", "m": "male"}
_CATEGORY, _SEX = (pd.CategoricalDtype(list(d.values())) for d in (_CATEGORIES, _SEXES))
_ALL = "all"
_MAX_COUNT = 2**53  # beyond this a float no longer holds every whole number
_RECORD_KINDS = ("mission", "contributor_total", "mission_total", "grand_total")


def ipi_gender(
    path: PathLike, *, totals: Literal["attrs", "rows"] = "attrs", encoding: str | None = None
) -> pd.DataFrame:
    """Read the IPI Peacekeeping Database's monthly gender JSON as a long table.

    The file (``ipi_<yyyymmdd>_gender.json``, IPI's "Providing for Peacekeeping" data from the UN's
    monthly reports) holds one record per mission and contributing country, with the sex coded in
    key suffixes: ``troops_f``/``troops_m``, ``ip_*`` (individual police), ``fpu_*`` (formed police
    units), ``eom_*`` (experts on mission), ``total_*``. A category a country did not send is an
    absent key. Records with mission ``"all"`` are totals: one per country over its missions and
    one grand total.

    Parameters
    ----------
    path : str or Path
        The JSON file.
    totals : {"attrs", "rows"}, default "attrs"
        "attrs" returns the mission records only (safe to sum) and puts the grand total in
        ``attrs["grand_total"]``; "rows" returns every record with a ``record`` column
        (mission, contributor_total, mission_total, grand_total) -- never sum across kinds.
    encoding : str, optional
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        ``date``, ``mission``, ``contributor`` (ISO 3166-1 alpha-3), ``contributor_name``
        (pycountry's name, else the file's own), ``category`` (troops, individual_police,
        formed_police, experts_on_mission), ``sex`` (female, male), ``count`` (Int64), for each
        category a record has (an absent sex key of a present category is zero). ``attrs``:
        ``source_file``, ``records`` (how many records of each kind were read), ``grand_total``
        ({category: {sex: count}}, plus "total") and ``checked`` (the sums verified).

    Raises
    ------
    ValueError
        If the file is not a JSON list of IPI records, a record lacks ``mission``,
        ``tcc_country_id`` or ``cont_date``, or a count is not a whole non-negative number (a null
        too: the files leave a key out for none, so a null is not known, not 0); the message names
        the file, the record (1-based) and the key.

    Warns
    -----
    DataConsistencyWarning
        If a record's sexes do not add up to its category or total, or the missions do not add up
        to the file's own totals (the counts are returned as printed).
    CountryNameWarning
        For contributor codes that pycountry does not know (listed once).

    References
    ----------
    Perry, C. and Smith, A. C. (2013). Trends in Uniformed Contributions to UN Peacekeeping: A New
    Dataset, 1991-2012. International Peace Institute, Providing for Peacekeeping No. 3.
    IPI Peacekeeping Database, http://www.providingforpeacekeeping.org/contributions/ .

    Examples
    --------
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> staff = wps.read.ipi_gender(example_file("ipi_gender_example.json"))
    >>> staff[["contributor", "category", "sex", "count"]].head(4)
      contributor           category     sex  count
    0         BFA             troops  female     10
    1         BFA             troops    male    854
    2         BFA  individual_police  female      1
    3         BFA  individual_police    male     11
    >>> staff.groupby("sex", observed=True)["count"].sum()
    sex
    female      17
    male      3970
    Name: count, dtype: Int64
    """
    if totals not in ("attrs", "rows"):
        raise ValueError(f"totals={totals!r} is not one of 'attrs', 'rows'")
    file, text, _ = read_text(path, encoding)
    records = load_json(text, file)
    if not isinstance(records, list):
        raise file_error(
            file,
            "is not an IPI gender file: expected a JSON list of records, got "
            f"a JSON {type(records).__name__}",
        )
    not_object = [not isinstance(r, dict) for r in records]
    raise_at_first(not_object, file, "expected a JSON object per record", where="record")
    if not records:
        raise file_error(file, "holds no records")
    ident = {key: _texts(records, key, file) for key in ("mission", "tcc_country_id", "cont_date")}
    what = "expected a date like 20140331T000000 in 'cont_date', got {!r}"
    date = dates(ident["cont_date"], file, "%Y%m%dT%H%M%S", what, where="record")
    counts: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    for prefix in (*_CATEGORIES, "total"):
        both, female, male = (_counts(records, prefix + end, file) for end in ("", "_f", "_m"))
        # a category is there if any of its keys is; an absent sex key is then zero
        present[prefix] = ~(np.isnan(both) & np.isnan(female) & np.isnan(male))
        counts[prefix] = both
        counts[f"{prefix}_f"] = np.where(present[prefix], np.nan_to_num(female), np.nan)
        counts[f"{prefix}_m"] = np.where(present[prefix], np.nan_to_num(male), np.nan)
    _check_sums(counts, file)
    mission, country = ident["mission"] == _ALL, ident["tcc_country_id"] == _ALL
    kinds = np.select(
        [mission & country, mission, country],
        ["grand_total", "contributor_total", "mission_total"],
        default="mission",
    )
    checked = _check_totals(ident, counts, kinds, file)
    contributor = ident["tcc_country_id"]
    named, unknown = names_from_iso3(contributor)
    unknown = [c for c in unknown if c != _ALL]
    warn_unmatched(file, "contributor code(s)", unknown, "their name is the file's own")
    own = [r.get("tcc_country_string") for r in records]
    names = [m or (f if isinstance(f, str) else None) for m, f in zip(named, own, strict=True)]
    per_record = pd.DataFrame(
        {
            "date": date,
            "mission": pd.array(ident["mission"], dtype="string"),
            "contributor": pd.array(contributor, dtype="string"),
            "contributor_name": pd.array(names, dtype="string"),
            "record": pd.Categorical(kinds, categories=list(_RECORD_KINDS)),
        }
    )
    long = _long(per_record, counts)
    if totals == "attrs":
        long = long[long["record"] == "mission"].drop(columns="record").reset_index(drop=True)
    grand = np.flatnonzero(kinds == "grand_total")
    long.attrs = {
        "source_file": file.name,
        "records": {k: int((kinds == k).sum()) for k in _RECORD_KINDS},
        "grand_total": None
        if grand.size == 0
        else {
            _CATEGORIES.get(p, p): {_SEXES[s]: int(counts[f"{p}_{s}"][grand[0]]) for s in _SEXES}
            for p in (*_CATEGORIES, "total")
            if present[p][grand[0]]
        },
        "checked": checked,
    }
    return long


def _texts(records: list[dict[str, Any]], key: str, path: Path) -> np.ndarray:
    """One identifying key of every record, which must be non-empty text."""
    if not any(key in r for r in records):
        raise file_error(path, f"is not an IPI gender file: no record has the key {key!r}")
    for i, value in enumerate(r.get(key) for r in records):
        if not (isinstance(value, str) and value):
            what = f"expected text in {key!r}, got {value!r}"
            if value is None:
                what = f"has no value for {key!r} (the key is absent or null)"
            raise file_error(path, what, record=i + 1)
    return np.array([r[key] for r in records], dtype=object)


def _counts(records: list[dict[str, Any]], key: str, path: Path) -> np.ndarray:
    """One count key of every record as floats, NaN where the key is absent."""
    out = np.full(len(records), np.nan)
    for i, value in ((i, r[key]) for i, r in enumerate(records) if key in r):
        fail = functools.partial(file_error, path, record=i + 1, column=key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise fail(
                f"a count is {'null' if value is None else 'NaN'}: IPI files leave out the key "
                "of a category with no one, so this says the count is not known; it is not read "
                "as 0 (leave the key out if it means none)"
            )
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not (number and 0 <= value < _MAX_COUNT and value == int(value)):
            raise fail(f"expected a whole number of people, got {value!r}")
        out[i] = value
    return out


def _check_sums(counts: dict[str, np.ndarray], path: Path) -> None:
    """Warn where a record's sexes do not add up to its category, or its categories to its total."""
    problems: list[str] = []
    for prefix in (*_CATEGORIES, "total"):
        given, both = counts[prefix], counts[f"{prefix}_f"] + counts[f"{prefix}_m"]
        problems += [
            f"record {row + 1}: {prefix}_f + {prefix}_m = {both[row]:.0f}, {prefix} = "
            f"{given[row]:.0f}"
            for row in np.flatnonzero(~np.isnan(given) & (given != both))[:3]
        ]
    for s in _SEXES:
        categories = sum(np.nan_to_num(counts[f"{c}_{s}"]) for c in _CATEGORIES)
        total = counts[f"total_{s}"]  # NaN where the record has no total
        problems += [
            f"record {row + 1}: categories add to {categories[row]:.0f} but total_{s} = "
            f"{total[row]:.0f}"
            for row in np.flatnonzero(~np.isnan(total) & (total != categories))[:3]
        ]
    if problems:
        warn(
            f"file {path.name!r}: counts that do not add up (returned as printed): "
            + "; ".join(problems),
            DataConsistencyWarning,
        )


def _check_totals(
    ident: dict[str, np.ndarray], counts: dict[str, np.ndarray], kinds: np.ndarray, path: Path
) -> list[str]:
    """Warn where a file's total differs from the sum of its missions; return the kinds checked."""
    keys = [f"{p}_{s}" for p in (*_CATEGORIES, "total") for s in _SEXES]
    sums = pd.DataFrame({k: counts[k] for k in keys}).fillna(0.0)
    missions = sums[kinds == "mission"]
    by = {"grand_total": None, "contributor_total": "tcc_country_id", "mission_total": "mission"}
    checked, problems = [], []
    for kind, key in ((k, v) for k, v in by.items() if (kinds == k).any()):
        rows = kinds == kind
        checked.append(kind)
        labels = np.full(len(kinds), _ALL, dtype=object) if key is None else ident[key]
        given = sums[rows].groupby(labels[rows]).sum()
        added = missions.groupby(labels[kinds == "mission"]).sum()
        differs = (given != added.reindex(given.index, fill_value=0.0)).any(axis=1)
        if differs.any():
            problems.append(
                f"{kind} {differs.index[differs][0]!r} differs from the sum of its missions"
            )
    if problems:
        warn(
            f"file {path.name!r}: " + "; ".join(problems) + " (counts returned as printed)",
            DataConsistencyWarning,
        )
    return checked


def _long(per_record: pd.DataFrame, counts: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per record, category present and sex, record by record in file order."""
    n, prefixes, sexes = len(per_record), list(_CATEGORIES), list(_SEXES)
    rec = np.repeat(np.arange(n), len(prefixes) * len(sexes))
    cat = np.tile(np.repeat(np.arange(len(prefixes)), len(sexes)), n)
    sex = np.tile(np.arange(len(sexes)), n * len(prefixes))
    values = np.stack([counts[f"{p}_{s}"] for p in prefixes for s in sexes], axis=1).ravel()
    keep = ~np.isnan(values)  # a category the record does not have is NaN
    long = per_record.iloc[rec[keep]].reset_index(drop=True)
    long.insert(4, "category", pd.Categorical.from_codes(cat[keep], dtype=_CATEGORY))
    long.insert(5, "sex", pd.Categorical.from_codes(sex[keep], dtype=_SEX))
    long.insert(6, "count", pd.array(values[keep].astype(np.int64), dtype="Int64"))
    return long
