"""The PA-X Peace Agreements Database's agreements table: one row per agreement, with its codes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._countries import iso3_from_names, names_from_iso3
from ._common import (
    PathLike,
    dates,
    file_error,
    masked,
    numbers,
    raise_at_first,
    read_csv_file,
    strings,
    warn_unmatched,
)

__all__ = ["pax_agreements"]

# PA-X column -> tidy name, for the columns that describe the agreement (the codes keep their
# PA-X names, which its codebook explains)
_NAMES = {
    "AgtId": "agreement_id",
    "Agt": "agreement",
    "Con": "country",
    "Reg": "region",
    "Dat": "date",
    "Stage": "stage",
    "StageSub": "stage_sub",
    "Status": "status",
    "Agtp": "agreement_type",
    "Contp": "conflict_type",
    "PP": "process_id",
    "PPName": "process",
    "Ver": "version",
    "GeWom": "gewom",
}
_REQUIRED = ("AgtId", "Agt", "Con", "Reg", "Dat", "Stage", "GeWom")
# PA-X's text columns; every other column is a numeric code (0/1, or 0-3 for a provision's depth)
_TEXT = frozenset(
    {"Con", "Contp", "PPName", "Reg", "Agt", "Dat", "Status", "Agtp", "Stage", "StageSub",
     "Part", "ThrdPart", "OthAgr", "Loc1ISO", "Loc2ISO", "UcdpCon", "UcdpAgr", "PamAgr",
     "CowWar", "Interim"}
)  # fmt: skip
_MISSING = ("", "NA")
# the gender codes: women, girls and gender (GeWom); men and boys (GeMe: as gender, other);
# LGBTI (positive, negative); the family (GeFa)
_GENDER_CODES = (
    "GeWom",
    "GeMe",
    "GeMeNu",
    "GeMeOth",
    "GeLgbti",
    "GeLgbtiPos",
    "GeLgbtiNeg",
    "GeFa",
)


def pax_agreements(path: PathLike, *, encoding: str | None = None) -> pd.DataFrame:
    """Read PA-X's agreements table (``pax_all_agreements_data``) into one row per agreement.

    PA-X (the Peace Agreements Database, University of Edinburgh) codes every peace agreement
    since 1990: where (``Con``, PA-X's name of the country or conflict, "Mali/Azawad"; ``Reg``),
    when (``Dat``), at which stage of a peace process (``Stage``, ``StageSub``), and which
    provisions it holds, each as a code: ``GeWom`` is 1 where it has provisions on women, girls
    and gender, beside the other gender codes (``GeMe`` men and boys, ``GeLgbti``, ``GeFa`` the
    family, and their sub-codes) and some 250 more. The file starts with a byte-order mark and
    its long text fields (parties, third parties, other agreements) hold line breaks.

    Its ``agreement_id`` is the ``agreement_id`` of :func:`wpsstats.read.pax_delegates`, so the
    two join on it: the delegates' counts beside each agreement's codes.

    Parameters
    ----------
    path : str or Path
        The CSV file (PA-X's "all agreements" download).
    encoding : str, optional
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        One row per agreement, in the file's order: ``agreement_id`` (Int64), ``agreement``,
        ``country`` (PA-X's Con as printed), ``geo`` (the ISO 3166-1 alpha-3 codes PA-X gives in
        ``Loc1ISO`` and ``Loc2ISO``, joined by "/"; where it gives none, the parts of Con that
        pycountry matches), ``region``,
        ``date`` (datetime64), ``stage``, ``stage_sub``, ``status``, ``agreement_type``,
        ``conflict_type``, ``process_id``, ``process``, ``version``, ``gewom`` (boolean), then
        every other column under its PA-X name: the codes as Int64 (``GeMe``, ``GeLgbti``,
        ``GeFa``, ...), the texts (``Part``, ``ThrdPart``, ...) as strings. "" and "NA" are
        missing. ``attrs``: ``source_file``, ``rows_read``, ``gender_codes`` (the gender codes
        the file has).

    Raises
    ------
    ValueError
        If a required column is missing, the file holds no agreement, ``AgtId`` is not a whole
        number or is repeated, a code is not a whole number, ``GeWom`` is not 0 or 1, or a date
        is not YYYY-MM-DD; the message names the file, the line and the column.

    Warns
    -----
    CountryNameWarning
        For codes in ``Loc1ISO``/``Loc2ISO`` that are not ISO 3166-1 alpha-3 (kept in ``geo``),
        and for the parts of Con, where those are empty, that are not countries ("Kurds").

    See Also
    --------
    wpsstats.read.pax_delegates : the women among each agreement's delegates (PADD).

    References
    ----------
    Bell, C., Badanjak, S., et al. PA-X Peace Agreements Database and Dataset, version 6,
    University of Edinburgh, https://www.peaceagreements.org . PA-X Codebook (the codes).

    Examples
    --------
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> pax = wps.read.pax_agreements(example_file("pax_agreements_example.csv"))
    >>> pax[["agreement_id", "country", "geo", "date", "stage", "gewom", "GeFa"]]
       agreement_id      country  geo       date    stage  gewom  GeFa
    0          2293         Mali  MLI 2019-08-16  SubComp  False     0
    1          2177         Mali  MLI 2018-08-28  SubComp  False     0
    2          1365  Mali/Azawad  MLI 2015-06-20  SubComp   True     0
    3           637  Mali/Azawad  MLI 1992-04-11  SubComp   True     1
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # "Azawad" is no country; PADD has no names
    ...     delegates = wps.read.pax_delegates(example_file("PADD_Agreement_Level_example.csv"))
    >>> joined = delegates[delegates["role"] == "delegates"].merge(
    ...     pax[["agreement_id", "agreement", "GeFa"]], on="agreement_id", suffixes=("_", "")
    ... )
    >>> joined[["agreement_id", "people", "women", "GeFa"]]
       agreement_id  people  women  GeFa
    0           637      10      0     1
    1          1365      29      6     0
    2          2177      35      1     0
    3          2293       8      0     0
    """
    file, raw, lines = read_csv_file(path, encoding)
    columns = [str(c) for c in raw.columns]
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        what = f"is not a PA-X agreements table: it lacks {', '.join(missing)}"
        raise file_error(file, what, line=1)
    if not len(raw):
        # a header alone is a file cut short (or the wrong download), not a table of no agreements
        raise file_error(file, "holds no agreement, only a header", line=2)
    raw = raw.apply(lambda c: c.str.strip())

    def number(col: str) -> np.ndarray:
        return numbers(raw[col], kind="int", path=file, lines=lines, missing=_MISSING)

    ids = number("AgtId")
    raise_at_first(np.isnan(ids), file, "an agreement has no AgtId", lines=lines, column="AgtId")
    twice = pd.Series(ids).duplicated()
    first = pd.Series(lines).groupby(ids).transform("first")
    what = "AgtId {:.0f} is listed twice: on line {} too"
    raise_at_first(twice, file, what, ids, first, lines=lines, column="AgtId")
    gewom = number("GeWom")
    not_01 = np.isfinite(gewom) & (gewom != 0) & (gewom != 1)
    what = "expected 0, 1 or empty, got {!r}"
    raise_at_first(not_01, file, what, raw["GeWom"], lines=lines, column="GeWom")
    out: dict[str, Any] = {}
    for col in columns:
        name = _NAMES.get(col, col)
        if col == "Dat":
            what = "expected a date as YYYY-MM-DD, got {!r}"
            out[name] = dates(raw[col], file, "%Y-%m-%d", what, lines=lines, column="Dat")
        elif col == "GeWom":
            out[name] = masked(gewom, "bool")
        elif col in _TEXT:
            values = raw[col].to_numpy(dtype=object)
            out[name] = strings(values, np.isin(values, _MISSING))
        else:
            out[name] = masked(number(col), "int")
    out["geo"] = _geo(raw, file)
    order = [_NAMES[c] for c in ("AgtId", "Agt", "Con")] + ["geo"]
    order += [n for c, n in _NAMES.items() if c not in ("AgtId", "Agt", "Con") and c in columns]
    order += [c for c in columns if c not in _NAMES]
    frame = pd.DataFrame({name: out[name] for name in order})
    frame.attrs = {
        "source_file": file.name,
        "rows_read": len(raw),
        "gender_codes": [c for c in _GENDER_CODES if c in columns],
    }
    return frame


def _geo(raw: pd.DataFrame, path: Path) -> Any:
    """PA-X's own ISO3 codes of an agreement's places, "/"-joined ("CMR/NGA"); where it gives
    none (agreements between several states, "China/Kazakhstan/Russia"), the parts of Con that
    pycountry knows as countries."""
    loc = raw.reindex(columns=["Loc1ISO", "Loc2ISO"], fill_value="").to_numpy(dtype=object)
    _, unknown = names_from_iso3({c for c in loc.ravel() if c not in _MISSING})
    warn_unmatched(path, "Loc ISO code(s)", unknown, "they are kept as given in geo")
    joined = np.array(["/".join(c for c in row if c not in _MISSING) for row in loc], dtype=object)
    con = raw["Con"].to_numpy(dtype=object)
    todo = np.flatnonzero((joined == "") & ~np.isin(con, _MISSING))
    unmatched: set[str] = set()
    for at in todo:
        # PA-X writes a contested entity in brackets, "(Palestine)": the name is inside
        names = [re.sub(r"^\((.*)\)$", r"\1", n.strip()) for n in con[at].split("/")]
        codes, missed = iso3_from_names(names)
        joined[at] = "/".join(c for c in codes if c)
        unmatched.update(missed)
    warn_unmatched(
        path,
        "part(s) of Con without Loc ISO codes",
        sorted(unmatched),
        "they are not in geo (country keeps PA-X's text)",
    )
    return strings(joined, joined == "")
