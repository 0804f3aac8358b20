"""PA-X-derived agreement-level files with the women among each agreement's delegates (PADD)."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._countries import iso3_from_names
from ._common import (
    DataConsistencyWarning,
    PathLike,
    dates,
    file_error,
    masked,
    numbers,
    raise_at_first,
    read_csv_file,
    strings,
    warn,
    warn_unmatched,
)

__all__ = ["pax_delegates"]

# file prefix -> role; people in <prefix>_N, women in Fem<prefix>_N, their share in Fem<prefix>_P.
# Every PADD file has these five; "delegates" (Del) is the whole delegation, the others its parts.
_ROLES = {"Del": "delegates", "Sig": "signatories", "Ob": "observers", "Neg": "negotiators",
          "Med": "mediators"}  # fmt: skip
# The rest of the delegation, where the file has them (the agreement-level file all three, its
# variants Log and Adv), named as Good (2024) labels them in her replication code ("Women Staff"
# for FemLog_P); Adv and Unkn after their prefixes (the PADD codebook, a PDF, could not be read).
_MORE_ROLES = {"Log": "staff", "Adv": "advisers", "Unkn": "unknown"}
_REQUIRED = ("AgtId", "Con", "Dat", "Stage", "GeWom")
_MISSING = ("", "NA")  # the file writes a missing value both ways
_ROLE = pd.CategoricalDtype(pd.Index([*_ROLES.values(), *_MORE_ROLES.values()]))
_SHARE_TOLERANCE = 5e-7  # the file prints shares to 9 decimals


def pax_delegates(
    path: PathLike,
    *,
    agreements: Mapping[int, str] | PathLike | None = None,
    encoding: str | None = None,
) -> pd.DataFrame:
    """Read a PA-X-derived agreement-level file (PADD) as a long table ready for ``rate()``.

    The Peace Agreement Delegates Dataset (Good 2024) codes, for each peace agreement of PA-X
    (``AgtId``), how many people sat in each role and how many of them were women: ``Del_N`` and
    ``FemDel_N`` for delegates, ``Sig_*`` signatories, ``Ob_*`` observers, ``Neg_*``
    negotiators, ``Med_*`` mediators, and where the file has them ``Log_*`` staff, ``Adv_*``
    advisers and ``Unkn_*`` delegates of unknown position, with ``Fem*_P`` their share.
    "delegates" is the whole delegation and the other roles are its parts (in the agreement-level
    file ``Del_N`` is the sum of the other seven in 103 of the 107 agreements with counts): add
    the parts or take delegates, never both. ``GeWom`` is PA-X's flag for an agreement with
    provisions on women, girls and gender. "NA" and an empty field are missing. The
    agreement-level file and its "Lowest Positions" and "Multiple Positions" variants are read.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    agreements : mapping or path, optional
        Agreement names, which PADD does not carry: a mapping ``{AgtId: name}``, or PA-X's own
        agreements CSV (columns ``AgtId`` and ``Agt``). Without it ``agreement`` is missing.
    encoding : str, optional
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        One row per agreement and role: ``agreement_id``, ``agreement``, ``country`` (PA-X's
        Con, e.g. "Mali/Azawad"), ``geo`` (the ISO 3166-1 alpha-3 codes of the parts of Con that
        are countries, joined by "/"), ``region``, ``date``, ``stage``, ``stage_sub``, ``gewom``
        (boolean), ``role``, ``people``, ``women`` (Int64; missing where the file has no count),
        plus ``mult_pos_weight`` for the "Multiple Positions" variant. ``attrs``: ``source_file``,
        ``rows_read`` (agreements in the file), ``roles``.

    Raises
    ------
    ValueError
        If a column is missing, a count is not a whole non-negative number, more women than people
        are counted, ``GeWom`` is not 0/1, or a date is not YYYY-MM-DD; the message names the file,
        the line and the column.

    Warns
    -----
    DataConsistencyWarning
        If a printed share ``Fem*_P`` disagrees with women / people.
    CountryNameWarning
        For the parts of Con that pycountry cannot match (entities such as "Azawad"), listed once.

    References
    ----------
    Good, E. (2024). Power over presence: women's representation in comprehensive peace
    negotiations and gender provision outcomes. Replication data (PADD), Harvard Dataverse.
    Bell, C. et al. PA-X Peace Agreements Database and Dataset, https://www.peaceagreements.org .

    Examples
    --------
    >>> import warnings
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     pax = wps.read.pax_delegates(
    ...         example_file("PADD_Agreement_Level_example.csv"),
    ...         agreements={1365: "Algiers agreement"},
    ...     )
    >>> pax.loc[pax["role"] == "delegates", ["agreement_id", "agreement", "geo", "people", "women"]]
        agreement_id          agreement  geo  people  women
    0            637               <NA>  MLI      10      0
    8           1365  Algiers agreement  MLI      29      6
    16          2177               <NA>  MLI      35      1
    24          2293               <NA>  MLI       8      0
    >>> [w.category.__name__ for w in caught]  # "Azawad" is no country; three names not given
    ['CountryNameWarning', 'UserWarning']
    """
    file, raw, lines = read_csv_file(path, encoding)
    columns = [str(c) for c in raw.columns]
    roles = dict(_ROLES)
    roles.update(
        {p: r for p, r in _MORE_ROLES.items() if f"{p}_N" in columns and f"Fem{p}_N" in columns}
    )
    role_columns = [c for p in roles for c in (f"{p}_N", f"Fem{p}_N")]
    missing = [c for c in (*_REQUIRED, *role_columns) if c not in columns]
    if missing:
        what = f"is not a PA-X agreement-level (PADD) file: it lacks {', '.join(missing)}"
        raise file_error(file, what, line=1)

    def number(col: str, kind: str) -> np.ndarray:
        return numbers(raw[col], kind=kind, path=file, lines=lines, missing=_MISSING, strip=True)

    # checked column by column in this order: AgtId, the counts, the printed shares, the weight
    # of the "Multiple Positions" variant
    agreement_ids = number("AgtId", "int")
    counts = {col: number(col, "int") for col in role_columns}
    shares = {p: number(f"Fem{p}_P", "float") for p in roles if f"Fem{p}_P" in columns}
    weights = number("Mult_Pos_Weight", "float") if "Mult_Pos_Weight" in columns else None
    no_id = np.isnan(agreement_ids)
    raise_at_first(no_id, file, "an agreement has no AgtId", lines=lines, column="AgtId")
    gewom = raw["GeWom"].to_numpy(dtype=object)
    empty = np.isin(gewom, _MISSING)
    not_01 = ~(empty | np.isin(gewom, ("0", "1")))
    raise_at_first(
        not_01, file, "expected 0, 1 or empty, got {!r}", gewom, lines=lines, column="GeWom"
    )
    what = "expected a date as YYYY-MM-DD, got {!r}"
    date = dates(raw["Dat"], file, "%Y-%m-%d", what, lines=lines, column="Dat")
    problems: list[str] = []  # printed shares that disagree with the counts, three per role
    for prefix in roles:
        people, women = counts[f"{prefix}_N"], counts[f"Fem{prefix}_N"]
        for col in (f"{prefix}_N", f"Fem{prefix}_N"):
            what = "a count cannot be negative, got {!r}"
            raise_at_first(counts[col] < 0, file, what, raw[col], lines=lines, column=col)
        what = "more women ({:.0f}) than people ({:.0f}) in the role"
        raise_at_first(
            women > people, file, what, women, people, lines=lines, column=f"Fem{prefix}_N"
        )
        if prefix in shares:
            with np.errstate(invalid="ignore", divide="ignore"):
                computed = women / people
            share, col = shares[prefix], f"Fem{prefix}_P"
            off = np.isfinite(share) & np.isfinite(computed)
            off &= np.abs(share - computed) > _SHARE_TOLERANCE
            problems += [
                f"line {lines[row]}: {col} = {raw[col].iloc[row]!r} but {women[row]:.0f}/"
                f"{people[row]:.0f} = {computed[row]:.9f}"
                for row in np.flatnonzero(off)[:3]
            ]
    if problems:
        warn(
            f"file {file.name!r}: printed shares that disagree with the counts: "
            + "; ".join(problems),
            DataConsistencyWarning,
        )
    n, n_roles = len(raw), len(roles)
    at = np.repeat(np.arange(n), n_roles)  # each agreement's roles in turn

    def texts(col: str) -> Any:
        if col not in raw.columns:
            return strings([None] * (n * n_roles))
        values = raw[col].to_numpy(dtype=object)
        return strings(values[at], np.isin(values, _MISSING)[at])

    con = raw["Con"].to_numpy(dtype=object)
    con[np.isin(con, _MISSING)] = None
    geo, ids = _geo(con, file), agreement_ids.astype(np.int64)
    table = {
        "agreement_id": pd.array(ids[at], dtype="Int64"),
        "agreement": strings(_names(agreements, ids, file)[at]),
        "country": texts("Con"),
        "geo": strings(geo[at]),
        "region": texts("Reg"),
        "date": date[at],
        "stage": texts("Stage"),
        "stage_sub": texts("StageSub"),
        "gewom": pd.arrays.BooleanArray(gewom == "1", empty)[at],
        "role": pd.Categorical(np.tile(list(roles.values()), n), dtype=_ROLE),
        "people": masked(np.stack([counts[f"{p}_N"] for p in roles], axis=1).ravel(), "int"),
        "women": masked(np.stack([counts[f"Fem{p}_N"] for p in roles], axis=1).ravel(), "int"),
    }
    if weights is not None:
        table["mult_pos_weight"] = masked(weights[at], "float")
    frame = pd.DataFrame(table)
    frame.attrs = {"source_file": file.name, "rows_read": n, "roles": roles}
    return frame


def _names(agreements: Any, ids: np.ndarray, path: Path) -> np.ndarray:
    if agreements is None:
        return np.full(len(ids), None, dtype=object)
    if isinstance(agreements, Mapping):
        mapping = {}
        for key, value in agreements.items():
            if isinstance(key, bool) or not isinstance(key, (int, np.integer, float, str)):
                raise TypeError(f"agreements: key {key!r} must be an AgtId (a whole number)")
            number = pd.to_numeric(pd.Series([key]), errors="coerce").iloc[0]
            if pd.isna(number) or float(number) != int(number):
                raise ValueError(f"agreements: key {key!r} is not an AgtId (a whole number)")
            missing_name = value is None or (isinstance(value, float) and np.isnan(value))
            mapping[int(number)] = None if missing_name else str(value).strip()
    else:
        if not isinstance(agreements, (str, os.PathLike)):
            raise TypeError(
                "agreements must be a mapping {AgtId: name} or the path of PA-X's agreements "
                f"table, got {type(agreements).__name__}"
            )
        table_path, table, lines = read_csv_file(agreements, None, argument="agreements")
        if "AgtId" not in table.columns or "Agt" not in table.columns:
            what = "is not a PA-X agreements table: it needs AgtId and Agt"
            raise file_error(table_path, what, line=1)
        # "1.5" or "abc" would name the wrong agreement, or none, silently
        keys = numbers(table["AgtId"], kind="int", path=table_path, lines=lines, missing=())
        twice = pd.Series(keys).duplicated()
        what = "AgtId {:.0f} is listed twice: which name is the agreement's?"
        raise_at_first(twice, table_path, what, keys, lines=lines, column="AgtId")
        mapping = dict(zip(keys.astype(np.int64).tolist(), table["Agt"].str.strip(), strict=True))
    found = pd.Series(ids).map(mapping)
    if unnamed := np.unique(ids[found.isna().to_numpy(dtype=bool)]).tolist():
        warn(
            f"file {path.name!r}: no name given for agreement(s) {unnamed}; their agreement is "
            "missing"
        )
    return found.to_numpy(dtype=object)


def _geo(con: np.ndarray, path: Path) -> np.ndarray:
    """ISO3 codes of the parts of PA-X's Con that are countries ("Chad/Sudan" -> "TCD/SDN"),
    each distinct Con matched once."""
    at, unique = pd.factorize(con)
    matched = [_con_codes(c) for c in unique.tolist()]
    parts = sorted({p for _, missed in matched for p in missed})
    warn_unmatched(path, "part(s) of Con", parts, "they are not in geo (country keeps PA-X's text)")
    # the code -1 (a missing Con) picks the None at the end
    return np.array([*(codes for codes, _ in matched), None], dtype=object)[at]


@functools.lru_cache(maxsize=4096)
def _con_codes(con: str) -> tuple[str | None, tuple[str, ...]]:
    """The "/"-joined ISO3 codes of one Con, and its parts that are not countries."""
    # PA-X writes a contested entity in parentheses, "(Palestine)": the name is inside; an empty
    # part ("Mali/") is no name to iso3_from_names
    parts = [re.sub(r"^\((.*)\)$", r"\1", p.strip(), flags=re.S).strip() for p in con.split("/")]
    codes, unmatched = iso3_from_names(parts)
    return "/".join(c for c in codes if c) or None, tuple(unmatched)
