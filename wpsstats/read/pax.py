"""PA-X-derived agreement-level files with the women among each agreement's delegates (PADD)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._common import (
    DataConsistencyWarning,
    PathLike,
    as_path,
    categorical,
    compact_codes,
    decode,
    file_error,
    iso3_from_names,
    none_where,
    numeric_columns,
    parse_numbers,
    read_csv_text,
    string_array,
    warn_unmatched,
)

__all__ = ["pax_delegates"]

# file prefix -> role; people in <prefix>_N, women in Fem<prefix>_N, their share in Fem<prefix>_P
_ROLES = {
    "Del": "delegates",
    "Sig": "signatories",
    "Ob": "observers",
    "Neg": "negotiators",
    "Med": "mediators",
}
_REQUIRED = ("AgtId", "Con", "Dat", "Stage", "GeWom")
_TEXT_COLUMNS = ("Con", "Reg", "Dat", "Stage", "StageSub", "GeWom")
_CONVERTER_MAX_LINES = 4000  # measured break-even of the two ways of typing them: about 6,000
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
    negotiators, ``Med_*`` mediators, with ``Fem*_P`` their share. ``GeWom`` is PA-X's flag for
    an agreement with provisions on women, girls and gender. The file starts with a byte-order mark
    and writes missing values both as empty fields and as "NA". The agreement-level file and its
    "Lowest Positions" and "Multiple Positions" variants are all read.

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
    >>> from pathlib import Path
    >>> import wpsstats as wps
    >>> folder = Path(wps.__file__).parent.parent / "tests" / "fixtures" / "read"
    >>> pax = wps.read.pax_delegates(folder / "pax_small.csv", agreements={1: "Accord A"})
    >>> pax.loc[pax["role"] == "delegates", ["agreement_id", "agreement", "people", "women"]]
       agreement_id agreement  people  women
    0             1  Accord A      30      6
    5             2      <NA>      12   <NA>
    """
    file = as_path(path)
    text, _ = decode(file.read_bytes(), file, encoding)
    # text columns stay text; the counts are parsed by the C parser ("" and "NA" are missing).
    # A converter keeps a column as text just as dtype=str does (same values), and costs a str()
    # call per field; a dtype= mapping costs a fixed ~3 ms (pandas then wraps every one of the
    # file's ~110 columns in a Series). So a short file is typed by converters, a long one by dtype.
    if text.count("\n") < _CONVERTER_MAX_LINES:
        typing: dict[str, Any] = {"converters": dict.fromkeys(_TEXT_COLUMNS, str)}
    else:
        typing = {"dtype": dict.fromkeys(_TEXT_COLUMNS, str)}
    raw, lines = read_csv_text(text, file, keep_default_na=False, na_values=["", "NA"], **typing)
    # where a converted column holds no text at all (every field missing, or no rows), pandas
    # infers float or object; dtype=str types it as text: do the same
    text_dtype = pd.api.types.pandas_dtype(str)
    for col in _TEXT_COLUMNS:
        if col in raw.columns and raw[col].dtype != text_dtype:
            raw[col] = raw[col].astype(text_dtype)
    columns = [str(c) for c in raw.columns]
    needed = [*_REQUIRED, *(c for p in _ROLES for c in (f"{p}_N", f"Fem{p}_N"))]
    missing = [c for c in needed if c not in columns]
    if missing:
        raise file_error(
            file,
            f"is not a PA-X agreement-level (PADD) file: it lacks {', '.join(missing)}",
            line=1,
        )
    first = int(lines[0]) if lines.size else 2
    role_columns = [c for p in _ROLES for c in (f"{p}_N", f"Fem{p}_N")]
    optional = [f"Fem{p}_P" for p in _ROLES] + ["Mult_Pos_Weight"]
    # every number column at once; each is still checked below, in the same order as before
    prepared = numeric_columns(
        raw, ["AgtId", *role_columns, *(c for c in optional if c in columns)]
    )
    ids = parse_numbers(
        raw,
        ["AgtId"],
        file,
        first_line=first,
        integer=True,
        line_numbers=lines,
        prepared=prepared,
    )
    no_id = np.isnan(ids["AgtId"])
    if no_id.any():
        raise file_error(
            file,
            "an agreement has no AgtId",
            line=int(lines[np.flatnonzero(no_id)[0]]),
            column="AgtId",
        )
    gewom = _gewom(raw["GeWom"], file, lines)
    dates = pd.to_datetime(raw["Dat"].fillna(""), format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna().to_numpy())[0])
        raise file_error(
            file,
            f"expected a date as YYYY-MM-DD, got {raw['Dat'].iloc[row]!r}",
            line=int(lines[row]),
            column="Dat",
        )
    counts = parse_numbers(
        raw,
        role_columns,
        file,
        first_line=first,
        integer=True,
        line_numbers=lines,
        prepared=prepared,
    )
    for col in role_columns:
        negative = counts[col] < 0
        if negative.any():
            row = int(np.flatnonzero(negative)[0])
            raise file_error(
                file,
                f"a count cannot be negative, got {raw[col].iloc[row]!r}",
                line=int(lines[row]),
                column=col,
            )
    for prefix in _ROLES:
        people, women = counts[f"{prefix}_N"], counts[f"Fem{prefix}_N"]
        over = women > people
        if over.any():
            row = int(np.flatnonzero(over)[0])
            raise file_error(
                file,
                f"more women ({women[row]:.0f}) than people ({people[row]:.0f}) in the role",
                line=int(lines[row]),
                column=f"Fem{prefix}_N",
            )
    _check_shares(raw, counts, file, lines, first, prepared)
    n, n_roles = len(raw), len(_ROLES)
    at = np.repeat(np.arange(n), n_roles)
    people = np.stack([counts[f"{p}_N"] for p in _ROLES], axis=1).ravel()
    women = np.stack([counts[f"Fem{p}_N"] for p in _ROLES], axis=1).ravel()
    agreement_id = ids["AgtId"].astype(np.int64)
    names = _names(agreements, agreement_id, file)
    con = raw["Con"].to_numpy(dtype=object)
    geo = _geo(con, file)

    # each agreement's text is typed once, then repeated for its roles by a take (no re-checking
    # of every repeated string)
    def column_text(col: str) -> Any:
        if col not in raw.columns:
            return string_array([None] * len(at))
        values = raw[col].to_numpy(dtype=object, na_value="")
        return string_array(none_where(values, (values == "") | (values == "NA"))).take(at)

    table = {
        "agreement_id": pd.arrays.IntegerArray(agreement_id[at], np.zeros(len(at), dtype=bool)),
        "agreement": string_array(names).take(at),
        "country": column_text("Con"),
        "geo": string_array(geo).take(at),
        "region": column_text("Reg"),
        "date": dates.to_numpy()[at],
        "stage": column_text("Stage"),
        "stage_sub": column_text("StageSub"),
        "gewom": gewom[at],
        "role": categorical(
            np.tile(compact_codes(np.arange(n_roles), n_roles), n), list(_ROLES.values())
        ),
        "people": pd.arrays.IntegerArray(np.nan_to_num(people).astype(np.int64), np.isnan(people)),
        "women": pd.arrays.IntegerArray(np.nan_to_num(women).astype(np.int64), np.isnan(women)),
    }
    if "Mult_Pos_Weight" in raw.columns:
        weight = parse_numbers(
            raw,
            ["Mult_Pos_Weight"],
            file,
            first_line=first,
            line_numbers=lines,
            prepared=prepared,
        )["Mult_Pos_Weight"][at]
        table["mult_pos_weight"] = pd.arrays.FloatingArray(weight, np.isnan(weight))
    frame = pd.DataFrame(table, copy=False)
    frame.attrs = {
        "source_file": file.name,
        "rows_read": n,
        "roles": dict(_ROLES),
    }
    return frame


def _gewom(column: pd.Series, path: Path, lines: np.ndarray) -> Any:
    values = column.to_numpy(dtype=object, na_value="")
    empty = (values == "") | (values == "NA")
    ok = empty | (values == "0") | (values == "1")
    if not ok.all():
        row = int(np.flatnonzero(~ok)[0])
        raise file_error(
            path,
            f"expected 0, 1 or empty, got {values[row]!r}",
            line=int(lines[row]),
            column="GeWom",
        )
    return pd.arrays.BooleanArray(values == "1", empty)


def _check_shares(
    raw: pd.DataFrame,
    counts: dict[str, np.ndarray],
    path: Path,
    lines: np.ndarray,
    first: int,
    prepared: dict[str, np.ndarray],
) -> None:
    problems: list[str] = []
    for prefix in _ROLES:
        col = f"Fem{prefix}_P"
        if col not in raw.columns:
            continue
        share = parse_numbers(
            raw, [col], path, first_line=first, line_numbers=lines, prepared=prepared
        )[col]
        people, women = counts[f"{prefix}_N"], counts[f"Fem{prefix}_N"]
        with np.errstate(invalid="ignore", divide="ignore"):
            computed = women / people
        off = (
            np.isfinite(share)
            & np.isfinite(computed)
            & (np.abs(share - computed) > _SHARE_TOLERANCE)
        )
        for row in np.flatnonzero(off)[:3]:
            problems.append(
                f"line {lines[row]}: {col} = {raw[col].iloc[row]} but {women[row]:.0f}/"
                f"{people[row]:.0f} = {computed[row]:.9f}"
            )
    if problems:
        warnings.warn(
            f"file {path.name!r}: printed shares that disagree with the counts: "
            + "; ".join(problems),
            DataConsistencyWarning,
            stacklevel=3,
        )


def _names(agreements: Any, ids: np.ndarray, path: Path) -> np.ndarray:
    if agreements is None:
        return np.full(len(ids), None, dtype=object)
    if isinstance(agreements, Mapping):
        mapping = {int(k): str(v).strip() for k, v in agreements.items()}
    else:
        table_path = as_path(agreements, argument="agreements")
        text, _ = decode(table_path.read_bytes(), table_path, None)
        table, _ = read_csv_text(
            text, table_path, dtype=str, keep_default_na=False, na_filter=False
        )
        if "AgtId" not in table.columns or "Agt" not in table.columns:
            raise file_error(
                table_path, "is not a PA-X agreements table: it needs AgtId and Agt", line=1
            )
        numbers = pd.to_numeric(table["AgtId"], errors="coerce")
        ok = numbers.notna().to_numpy()
        mapping = dict(
            zip(
                numbers[ok].astype(int).tolist(), table["Agt"][ok].str.strip().tolist(), strict=True
            )
        )
    names = np.array([mapping.get(int(i)) for i in ids], dtype=object)
    unnamed = sorted({int(i) for i, name in zip(ids, names, strict=True) if name is None})
    if unnamed:
        warnings.warn(
            f"file {path.name!r}: no name given for agreement(s) {unnamed}; their agreement is "
            "missing",
            UserWarning,
            stacklevel=3,
        )
    return names


def _geo(con: np.ndarray, path: Path) -> np.ndarray:
    """ISO3 codes of the parts of PA-X's Con that are countries ("Chad/Sudan" -> "TCD/SDN")."""
    unique = sorted({c for c in con if isinstance(c, str)})
    parts = {c: [_unwrap(p) for p in c.split("/")] for c in unique}
    flat = sorted({p for ps in parts.values() for p in ps if p})
    codes, unmatched = iso3_from_names(flat)
    found = dict(zip(flat, codes, strict=True))
    warn_unmatched(
        path,
        "part(s) of Con",
        unmatched,
        "they are not in geo (country keeps PA-X's text)",
        stacklevel=4,
    )
    joined = {
        c: "/".join(str(found[p]) for p in ps if p and found.get(p)) or None
        for c, ps in parts.items()
    }
    return np.array([joined.get(c) for c in con], dtype=object)


def _unwrap(part: str) -> str:
    """PA-X writes a contested entity in parentheses, "(Palestine)"; the name is inside."""
    part = part.strip()
    if part.startswith("(") and part.endswith(")"):
        part = part[1:-1].strip()
    return part
