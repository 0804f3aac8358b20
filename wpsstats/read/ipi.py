"""IPI Peacekeeping Database: monthly JSON of uniformed personnel by mission, country and sex."""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from ._common import (
    DataConsistencyWarning,
    PathLike,
    as_path,
    categorical,
    decode,
    file_error,
    load_json,
    names_from_iso3,
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
_ALL = "all"
_MAX_COUNT = 2**53  # beyond this a float no longer holds every whole number
# what pandas infers for a key holding JSON numbers and nulls only
_NUMBER_KINDS = frozenset({"integer", "floating", "mixed-integer-float", "empty"})
_RECORD_KINDS = ("mission", "contributor_total", "mission_total", "grand_total")


def ipi_gender(
    path: PathLike,
    *,
    totals: Literal["attrs", "rows"] = "attrs",
    encoding: str | None = None,
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
        (pycountry's name; the file's own where pycountry does not know the code), ``category``
        (troops, individual_police, formed_police, experts_on_mission), ``sex`` (female, male),
        ``count`` (Int64). A category is listed for a record only where the record has it: an
        absent sex key is zero only when the category itself is present. ``attrs``:
        ``source_file``, ``records`` (how many records of each kind were read), ``grand_total``
        ({category: {sex: count}}, plus "total") and ``checked`` (the sums verified).

    Raises
    ------
    ValueError
        If the file is not a JSON list of IPI records, or a record lacks ``mission``,
        ``tcc_country_id`` or ``cont_date``, or a count is not a whole non-negative number (a
        null count is refused too: the files leave a key out for none, so a null is not known,
        not 0); the message names the file, the record (1-based) and the key.

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
    >>> from pathlib import Path
    >>> import wpsstats as wps
    >>> folder = Path(wps.__file__).parent.parent / "tests" / "fixtures" / "read"
    >>> staff = wps.read.ipi_gender(folder / "ipi_gender_small.json")
    >>> staff.groupby("sex")["count"].sum()
    sex
    female     3
    male      52
    Name: count, dtype: Int64
    >>> staff.attrs["grand_total"]["total"]
    {'female': 3, 'male': 52}
    """
    if totals not in ("attrs", "rows"):
        raise ValueError(f"totals={totals!r} is not one of 'attrs', 'rows'")
    file = as_path(path)
    text, _ = decode(file.read_bytes(), file, encoding)
    payload = load_json(text, file)
    if not isinstance(payload, list):
        raise file_error(
            file,
            "is not an IPI gender file: expected a JSON list of records, got "
            f"a JSON {type(payload).__name__}",
        )
    bad = [i for i, r in enumerate(payload) if not isinstance(r, dict)]
    if bad:
        raise file_error(file, "expected a JSON object per record", record=bad[0] + 1)
    if not payload:
        raise file_error(file, "holds no records")
    table = pd.DataFrame.from_records(payload)
    ident = _identifiers(table, file)
    counts, present = _counts(table, file, payload, text)
    _check_sums(table, counts, present, file)
    kinds = _kinds(ident)
    grand = _grand_total(counts, present, kinds)
    checked = _check_totals(ident, counts, kinds, file)
    long = _long(ident, counts, present, kinds, file, table)
    if totals == "attrs":
        long = long[long["record"] == "mission"].drop(columns="record").reset_index(drop=True)
    long.attrs = {
        "source_file": file.name,
        "records": {k: int((kinds == k).sum()) for k in _RECORD_KINDS},
        "grand_total": grand,
        "checked": checked,
    }
    return long


def _identifiers(table: pd.DataFrame, path: Path) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for key in ("mission", "tcc_country_id", "cont_date"):
        if key not in table.columns:
            raise file_error(path, f"is not an IPI gender file: no record has the key {key!r}")
        values = table[key].to_numpy(dtype=object)
        if infer_dtype(values, skipna=False) == "string" and not (values == "").any():
            out[key] = values  # text in every record
            continue
        bad = np.array([not isinstance(v, str) or not v for v in values], dtype=bool)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            value = values[row]
            # a key absent from a record, or null, is NaN in the table
            absent = value is None or (isinstance(value, float) and np.isnan(value))
            what = (
                f"has no value for {key!r} (the key is absent or null)"
                if absent
                else f"expected text in {key!r}, got {value!r}"
            )
            raise file_error(path, what, record=row + 1)
        out[key] = values
    dates = pd.to_datetime(pd.Series(out["cont_date"]), format="%Y%m%dT%H%M%S", errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise file_error(
            path,
            f"expected a date like 20140331T000000 in 'cont_date', got {out['cont_date'][row]!r}",
            record=row + 1,
        )
    out["date"] = dates.to_numpy()
    return out


def _count_column(
    table: pd.DataFrame, key: str, path: Path, records: list[dict[str, Any]], has_null: bool
) -> np.ndarray:
    """One count key as floats (NaN where absent); whole non-negative numbers only."""
    if key not in table.columns:
        return np.full(len(table), np.nan)
    column = table[key]
    # JSON numbers come as int or float: any other kind (bool, text, object) is refused below
    if infer_dtype(column, skipna=True) in _NUMBER_KINDS:
        numbers = column.to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            whole = (numbers >= 0) & (numbers < _MAX_COUNT) & (numbers == np.floor(numbers))
        # a NaN is an absent key, unless the file holds a null or NaN (looked for in the caller)
        if (whole | np.isnan(numbers)).all() and not has_null:
            return numbers
    # something is wrong: find the first value to name, from the records themselves (the table
    # may hold a large int as its float, 2**53 + 1 as 2**53)
    values = [record.get(key) for record in records]
    ok = np.array(
        [
            (v is None and key not in record)
            or (
                isinstance(v, (int, float))
                and not isinstance(v, bool)
                and 0 <= v < _MAX_COUNT
                and v == int(v)
            )
            for v, record in zip(values, records, strict=True)
        ],
        dtype=bool,
    )
    if not ok.all():
        row = int(np.flatnonzero(~ok)[0])
        value = values[row]
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise file_error(
                path,
                f"a count is {'null' if value is None else 'NaN'}: IPI files leave out the key "
                "of a category with no one, so this says the count is not known; it is not read "
                "as 0 (leave the key out if it means none)",
                record=row + 1,
                column=key,
            )
        raise file_error(
            path,
            f"expected a whole number of people, got {values[row]!r}",
            record=row + 1,
            column=key,
        )
    return column.to_numpy(dtype=float, na_value=np.nan)


def _counts(
    table: pd.DataFrame, path: Path, records: list[dict[str, Any]], text: str
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Counts per category and sex; a category is present if any of its three keys is."""
    # pandas reads a null (or Python's NaN) and an absent key alike: only a file holding one at all
    # has its count keys looked at record by record
    has_null = re.search(r":\s*(?:null|NaN)\b", text) is not None
    counts: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    for prefix in (*_CATEGORIES, "total"):
        both = _count_column(table, prefix, path, records, has_null)
        by_sex = {s: _count_column(table, f"{prefix}_{s}", path, records, has_null) for s in _SEXES}
        here = ~np.isnan(both) | ~np.isnan(by_sex["f"]) | ~np.isnan(by_sex["m"])
        present[prefix] = here
        counts[prefix] = both
        for s, values in by_sex.items():
            # an absent sex key is zero only where the category exists for the record
            counts[f"{prefix}_{s}"] = np.where(here & np.isnan(values), 0.0, values)
    return counts, present


def _check_sums(
    table: pd.DataFrame, counts: dict[str, np.ndarray], present: dict[str, np.ndarray], path: Path
) -> None:
    problems: list[str] = []
    for prefix in (*_CATEGORIES, "total"):
        given = counts[prefix]
        both = counts[f"{prefix}_f"] + counts[f"{prefix}_m"]
        off = ~np.isnan(given) & (given != both)
        for row in np.flatnonzero(off)[:3]:
            problems.append(
                f"record {row + 1}: {prefix}_f + {prefix}_m = {both[row]:.0f}, {prefix} = "
                f"{given[row]:.0f}"
            )
    for s in _SEXES:
        categories = sum(np.nan_to_num(counts[f"{c}_{s}"]) for c in _CATEGORIES)
        total = np.where(present["total"], counts[f"total_{s}"], np.nan)
        off = ~np.isnan(total) & (total != categories)
        for row in np.flatnonzero(off)[:3]:
            problems.append(
                f"record {row + 1}: categories add to {categories[row]:.0f} but total_{s} = "
                f"{total[row]:.0f}"
            )
    if problems:
        warnings.warn(
            f"file {path.name!r}: counts that do not add up (returned as printed): "
            + "; ".join(problems),
            DataConsistencyWarning,
            stacklevel=3,
        )


def _kinds(ident: dict[str, np.ndarray]) -> np.ndarray:
    all_mission = ident["mission"] == _ALL
    all_country = ident["tcc_country_id"] == _ALL
    return np.select(
        [all_mission & all_country, all_mission, all_country],
        ["grand_total", "contributor_total", "mission_total"],
        default="mission",
    )


def _grand_total(
    counts: dict[str, np.ndarray], present: dict[str, np.ndarray], kinds: np.ndarray
) -> dict[str, dict[str, int]] | None:
    rows = np.flatnonzero(kinds == "grand_total")
    if rows.size == 0:
        return None
    row = int(rows[0])
    return {
        _CATEGORIES.get(prefix, prefix): {
            _SEXES[s]: int(counts[f"{prefix}_{s}"][row]) for s in _SEXES
        }
        for prefix in (*_CATEGORIES, "total")
        if present[prefix][row]
    }


def _check_totals(
    ident: dict[str, np.ndarray], counts: dict[str, np.ndarray], kinds: np.ndarray, path: Path
) -> list[str]:
    """Compare the missions' sums with the file's own total records; warn on a difference."""
    mission = kinds == "mission"
    keys = [f"{p}_{s}" for p in (*_CATEGORIES, "total") for s in _SEXES]
    sums = pd.DataFrame({k: counts[k] for k in keys})
    checked: list[str] = []
    problems: list[str] = []
    groups = (
        ("grand_total", None),
        ("contributor_total", "tcc_country_id"),
        ("mission_total", "mission"),
    )
    for kind, by in groups:
        rows = kinds == kind
        if not rows.any():
            continue
        if by is None:
            expected = sums[rows].sum().to_frame().T
            computed = sums[mission].sum().to_frame().T
        else:
            expected = sums[rows].groupby(ident[by][rows]).sum()
            computed = (
                sums[mission]
                .groupby(ident[by][mission])
                .sum()
                .reindex(expected.index, fill_value=0.0)
            )
        diff = (expected.to_numpy() != computed.to_numpy()).any(axis=1)
        if diff.any():
            label = "all" if by is None else str(expected.index[np.flatnonzero(diff)[0]])
            problems.append(f"{kind} {label!r} differs from the sum of its missions")
        checked.append(kind)
    if problems:
        warnings.warn(
            f"file {path.name!r}: " + "; ".join(problems) + " (counts returned as printed)",
            DataConsistencyWarning,
            stacklevel=3,
        )
    return checked


def _long(
    ident: dict[str, np.ndarray],
    counts: dict[str, np.ndarray],
    present: dict[str, np.ndarray],
    kinds: np.ndarray,
    path: Path,
    table: pd.DataFrame,
) -> pd.DataFrame:
    n = len(kinds)
    prefixes = list(_CATEGORIES)
    sexes = list(_SEXES)
    # record-major: each record's categories, then sexes, in a fixed order
    rec = np.repeat(np.arange(n), len(prefixes) * len(sexes))
    cat = np.tile(np.repeat(np.arange(len(prefixes)), len(sexes)), n)
    sex = np.tile(np.arange(len(sexes)), n * len(prefixes))
    values = np.stack([counts[f"{p}_{s}"] for p in prefixes for s in sexes], axis=1).ravel()
    keep = np.stack([present[p] for p in prefixes for _ in sexes], axis=1).ravel()
    rec, cat, sex, values = rec[keep], cat[keep], sex[keep], values[keep]
    contributor = ident["tcc_country_id"]
    named, unknown = names_from_iso3(contributor)
    unknown = [c for c in unknown if c != _ALL]
    file_names = (
        table["tcc_country_string"].to_numpy(dtype=object)
        if "tcc_country_string" in table.columns
        else np.full(n, None, dtype=object)
    )
    warn_unmatched(
        path, "contributor code(s)", unknown, "their name is the file's own", stacklevel=4
    )
    names = np.array(
        [
            m if m is not None else (f if isinstance(f, str) else None)
            for m, f in zip(named, file_names, strict=True)
        ],
        dtype=object,
    )
    return pd.DataFrame(
        {
            "date": ident["date"][rec],
            "mission": pd.array(ident["mission"][rec], dtype="string"),
            "contributor": pd.array(contributor[rec], dtype="string"),
            "contributor_name": pd.array(names[rec], dtype="string"),
            "category": categorical(cat, list(_CATEGORIES.values())),
            "sex": categorical(sex, list(_SEXES.values())),
            "count": pd.array(values.astype(np.int64), dtype="Int64"),
            "record": pd.Categorical(kinds[rec], categories=list(_RECORD_KINDS)),
        }
    )
