"""IPU Parline's monthly ranking of women in national parliaments (CSV exports, any layout)."""

from __future__ import annotations

import csv
import functools
import gettext
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._countries import name_key, pycountry_names, unambiguous
from ._common import (
    DataConsistencyWarning,
    PathLike,
    file_error,
    iso3_or_warn,
    masked,
    numbers,
    raise_at_first,
    read_csv_text,
    read_text,
    strings,
    warn,
)

__all__ = ["ipu"]

# the first header row, as each language prints it: rank, country, then the two chambers
_HEADERS = {("Rank", "Country"): "en", ("Classement", "Pays"): "fr"}
# how each chamber's label starts ("Upper chamber" in 2025, "Upper House or Senate" before)
_CHAMBERS = {
    "en": ("Lower or single House", "Upper"),
    "fr": ("Chambre basse ou unique", "Chambre haute"),
}
_FIELDS = {
    "en": ("Elections", "Seats", "Women", "% W"),
    "fr": ("Elections", "Sièges", "Femmes", "% W"),
}
_DITTO = "\u201c"  # IPU prints a left quotation mark for "the same rank as the line above"
_SUSPENDED = ("Suspended", "Suspendu")
_MONTHS = {
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"), 1)},
    **{m: i for i, m in enumerate(("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
                                   "aout", "septembre", "octobre", "novembre", "decembre"), 1)},
}  # fmt: skip
_ELECTION = re.compile(r"(\d{2})\.(\d{3,4})")
# IPU rounds women / seats to two decimals, then to the one it prints (50.549 -> 50.55 -> 50.6)
_SHARE_TOLERANCE = 0.055
_FRENCH_STOPWORDS = frozenset(
    {"the", "of", "and", "et", "de", "la", "le", "les", "du", "des", "d", "l"}
)


def ipu(path: PathLike, *, month: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Read an IPU Parline "women in national parliaments" ranking into one row per chamber.

    The Inter-Parliamentary Union ranks parliaments each month by the share of women in the lower
    (or single) chamber. Its CSV exports come in two layouts, told apart by their content:

    * the 2025 export (``women-ranking_YYYY-MM.csv``): a metadata block of key-value records
      (Title, Reference period, Publisher, Licence, URL, Dataset notes; some quoted fields span
      several lines), then the table;
    * the older export (``chamber--current_women_percent_...``), in English or French: a short
      preamble ("Source: ...", "Date: ...", "Classement au 1er Novembre 2021"), then the table.

    Both tables have a two-row header (the chamber, then Elections, Seats, Women, % W for each)
    and one line per country. IPU prints "-" for a chamber that does not exist and for women not
    known, a left quotation mark in the rank for a tie with the line above, an empty rank where
    the lower chamber's figures are unavailable, and "Suspended" for a suspended parliament.
    Election dates are "MM.YYYY"; the older export writes some as "10.202": the date was taken for
    a number and lost its trailing zero (only months 10-12 of 2020 are cut so). Such a date is
    read as what it means (2020-10), kept as printed in ``election_printed``, and reported in
    one ``UserWarning``.

    Parameters
    ----------
    path : str or Path
        The CSV export.
    month : str, optional
        The ranking's reference month as "YYYY-MM", for a file that does not say it. By default it
        is read from the file ("Reference period" or the preamble's "... November 2021").
    encoding : str, optional
        Force an encoding (default: UTF-8, else Windows-1252 with an ``EncodingWarning``).

    Returns
    -------
    pandas.DataFrame
        One row per country and chamber: ``geo`` (ISO 3166-1 alpha-3 through pycountry; English
        and French names), ``geo_name`` (as printed), ``chamber`` ("lower" or "upper"), ``month``
        (the reference month, "YYYY-MM"), ``election`` ("YYYY-MM"), ``seats``, ``women`` (Int64;
        missing where printed "-"), ``share`` (the printed share as a fraction), ``share_printed``
        (as printed, e.g. "50.0"), ``election_printed``, ``rank`` (Int64, a tie given the rank
        above it), ``status`` ("ranked"; "unranked": no rank printed; "suspended"). A chamber
        whose four fields are all "-" does not exist and has no row; the lower chamber of a
        suspended parliament keeps its row (everything missing), so every country of the file is
        in the result. ``attrs``: ``source_file``, ``layout`` ("metadata_block" or "preamble"),
        ``language``, ``month``, ``metadata`` (the block's or preamble's key-value pairs, e.g.
        ``Licence``), ``rows_read`` (country lines).

    Raises
    ------
    ValueError
        If the header is not IPU's, a count or share is not a number, women outnumber seats, a
        date is not "MM.YYYY", a tie mark has no rank above it, or the reference month cannot be
        found; the message names the file, the line and the column.

    Warns
    -----
    DataConsistencyWarning
        If a printed share disagrees with women / seats by more than IPU's rounding.
    CountryNameWarning
        For names pycountry cannot match (kept in ``geo_name``, ``geo`` missing).

    References
    ----------
    Inter-Parliamentary Union, Parline: Monthly ranking of women in national parliaments,
    https://data.ipu.org/women-ranking (data under CC BY-NC-SA 4.0).

    Examples
    --------
    >>> import wpsstats as wps
    >>> from wpsstats.datasets import example_file
    >>> seats = wps.read.ipu(example_file("ipu_women_ranking_example.csv"))
    >>> seats.attrs["month"], seats.attrs["layout"]
    ('2025-11', 'metadata_block')
    >>> seats[["geo", "chamber", "election", "seats", "women", "share", "rank", "status"]]
       geo chamber election  seats  women  share  rank     status
    0  RWA   lower  2024-07     80     51  0.638     1     ranked
    1  RWA   upper  2024-09     26     13    0.5     1     ranked
    2  AND   lower  2023-04     28     14    0.5     6     ranked
    3  ARE   lower  2023-10     40     20    0.5     6     ranked
    4  NGA   lower  2023-02    356     15  0.042   176     ranked
    5  NGA   upper  2023-02    107      4  0.037   176     ranked
    6  ARG   lower  2025-10    257   <NA>   <NA>  <NA>   unranked
    7  ARG   upper  2025-10     72   <NA>   <NA>  <NA>   unranked
    8  AFG   lower     <NA>   <NA>   <NA>   <NA>  <NA>  suspended
    """
    file, text, _ = read_text(path, encoding)
    header_line, language, metadata, layout = _find_header(text, file)
    reference = _reference_month(month, metadata, file)
    # from the second header row on: its names repeat, so the columns are renamed below
    raw, lines = read_csv_text(text, file, skip_lines=header_line, as_printed=True)
    second = [str(c) for c in raw.columns]
    expected = ["", "", *_FIELDS[language], *_FIELDS[language]]
    if [re.sub(r"\.\d+$|^Unnamed: \d+$", "", c) for c in second] != expected:
        raise file_error(
            file, f"expected the second header row {expected}, got {second}", line=header_line + 1
        )
    fields = ("election", "seats", "women", "share")
    raw.columns = [
        "rank", "country", *(f"lower_{f}" for f in fields), *(f"upper_{f}" for f in fields),
    ]  # fmt: skip
    rank, status = _ranks(raw["rank"].to_numpy(dtype=object), file, lines)
    names = raw["country"].str.strip().to_numpy(dtype=object)
    geo = _geo(names, language, file)
    blocks = []
    for chamber in ("lower", "upper"):
        cells = raw[[f"{chamber}_{f}" for f in fields]].apply(lambda c: c.str.strip())
        absent = (cells == "-").all(axis=1).to_numpy()
        keep = ~absent if chamber == "upper" else np.ones(len(raw), dtype=bool)
        blocks.append(
            _chamber(cells, chamber, keep, reference, file, lines).assign(
                _line=lines[keep],
                _order=0 if chamber == "lower" else 1,
                geo=geo[keep],
                geo_name=names[keep],
                rank=rank[keep],
                status=status[keep],
            )
        )
    frame = pd.concat(blocks, ignore_index=True).sort_values(["_line", "_order"], kind="stable")
    _check_shares(frame, file)
    _warn_restored(frame, file)
    frame = pd.DataFrame(
        {
            "geo": strings(frame["geo"]),
            "geo_name": strings(frame["geo_name"]),
            "chamber": strings(frame["chamber"]),
            "month": strings([reference] * len(frame)),
            "election": strings(frame["election"]),
            # typed by _chamber already
            "seats": frame["seats"].array,
            "women": frame["women"].array,
            "share": frame["share"].array,
            "share_printed": frame["share_printed"].array,
            "election_printed": frame["election_printed"].array,
            "rank": pd.array(frame["rank"].to_numpy(), dtype="Int64"),
            "status": strings(frame["status"]),
        }
    )
    frame.attrs = {
        "source_file": file.name,
        "layout": layout,
        "language": language,
        "month": reference,
        "metadata": metadata,
        "rows_read": len(raw),
    }
    return frame


def _find_header(text: str, path: Path) -> tuple[int, str, dict[str, str], str]:
    """The 0-based line of the second header row, the language, the metadata before the table
    and the layout; records, not lines, are read, since a metadata field can span lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    metadata: dict[str, str] = {}
    start = 1
    try:
        for record in reader:
            key = tuple(c.strip() for c in record[:2])
            if key in _HEADERS:
                language = _HEADERS[key]
                lower, upper = _CHAMBERS[language]
                if not (
                    len(record) == 10
                    and record[2].strip().startswith(lower)
                    and record[6].strip().startswith(upper)
                ):
                    raise file_error(
                        path,
                        f"expected the chambers {lower!r} and {upper!r} in the 3rd and 7th of "
                        f"10 fields, got {record}",
                        line=start,
                    )
                layout = "metadata_block" if "Reference period" in metadata else "preamble"
                return reader.line_num, language, metadata, layout
            filled = [c.strip() for c in record if c.strip()]
            if len(filled) == 2:
                metadata[filled[0]] = filled[1]
            elif len(filled) == 1:  # "Source: ...", "Date: ...", "Classement au ..."
                key_value = filled[0].split(":", 1)
                if len(key_value) == 2 and " " not in key_value[0].strip():
                    metadata[key_value[0].strip()] = key_value[1].strip()
                else:
                    metadata.setdefault("title", filled[0])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise file_error(path, f"cannot be parsed as CSV: {exc}", line=start) from None
    raise file_error(
        path,
        "is not an IPU women-ranking export: no header row starting 'Rank,Country' or "
        "'Classement,Pays'",
    )


def _reference_month(month: str | None, metadata: dict[str, str], path: Path) -> str:
    if month is not None:
        if not isinstance(month, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise ValueError(f"month must be 'YYYY-MM', got {month!r}")
        return month
    for value in (metadata.get("Reference period"), metadata.get("title")):
        if not value:
            continue
        folded = unicodedata.normalize("NFKD", value)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
        found = re.search(r"([a-z]+)\s+(\d{4})\b", folded)
        if found and found.group(1) in _MONTHS:
            return f"{found.group(2)}-{_MONTHS[found.group(1)]:02d}"
    raise file_error(
        path,
        "does not say its reference month (no 'Reference period' and no '<month> <year>' in "
        "its preamble): pass month='YYYY-MM'",
    )


def _ranks(printed: np.ndarray, path: Path, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each line's rank (a tie mark takes the rank above) and status."""
    rank = np.full(len(printed), np.nan)
    status = np.full(len(printed), "ranked", dtype=object)
    for i, value in enumerate(printed):
        value = value.strip()
        if value.isdigit() and 1 <= int(value) < 2**53:  # as a float holds it exactly
            rank[i] = int(value)
        elif value == _DITTO:
            if i == 0 or np.isnan(rank[i - 1]):
                raise file_error(
                    path, "a tie mark with no rank above it", line=int(lines[i]), column="rank"
                )
            rank[i] = rank[i - 1]
        elif value == "":
            status[i] = "unranked"
        elif value in _SUSPENDED:
            status[i] = "suspended"
        else:
            raise file_error(
                path,
                f"expected a rank (a whole number from 1), a tie mark, an empty field or "
                f"'Suspended', got {value!r}",
                line=int(lines[i]),
                column="rank",
            )
    return rank, status


def _chamber(
    cells: pd.DataFrame, chamber: str, keep: np.ndarray, reference: str, path: Path, lines: Any
) -> pd.DataFrame:
    """One chamber's election, seats, women and share, checked, for the lines in ``keep``."""
    cells = cells[keep]
    at = lines[keep]
    label = "Lower or single House" if chamber == "lower" else "Upper chamber"

    def number(column: str, kind: str) -> np.ndarray:
        named = cells[f"{chamber}_{column}"].rename(f"{label}: {column}")
        return numbers(named, kind=kind, path=path, lines=at, missing=("-", ""))

    seats, women, share = number("seats", "int"), number("women", "int"), number("share", "float")
    for values, what in ((seats, "seats"), (women, "women")):
        raise_at_first(values < 0, path, f"negative {what}", lines=at, column=label)
    more = "more women ({:.0f}) than seats ({:.0f})"
    raise_at_first(women > seats, path, more, women, seats, lines=at, column=f"{label}: women")
    off = (share < 0) | (share > 100)
    raise_at_first(off, path, "a share of {} per cent", share, lines=at, column=f"{label}: % W")
    printed = cells[f"{chamber}_election"].to_numpy(dtype=object)
    election = np.array(
        [
            _election(p, reference, path, int(line), label)
            for p, line in zip(printed, at, strict=True)
        ],
        dtype=object,
    )
    share_printed = cells[f"{chamber}_share"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "chamber": chamber,
            "election": election,
            "election_printed": strings(printed, printed == "-"),
            "seats": masked(seats, "int"),
            "women": masked(women, "int"),
            "share": masked(share / 100, "float"),
            "share_printed": strings(share_printed, share_printed == "-"),
        }
    )


def _election(printed: str, reference: str, path: Path, line: int, label: str) -> str | None:
    """ "MM.YYYY" as "YYYY-MM"; "MM.YYY" is a date whose trailing zero was lost ("10.202")."""
    if printed in ("-", ""):
        return None
    found = _ELECTION.fullmatch(printed)
    if not found or not 1 <= int(found.group(1)) <= 12:
        raise file_error(
            path,
            f"expected an election date as MM.YYYY, got {printed!r}",
            line=line,
            column=f"{label}: Elections",
        )
    year = found.group(2).ljust(4, "0")
    date = f"{year}-{found.group(1)}"
    if date > reference:
        raise file_error(
            path,
            f"the election date {printed!r} would be {date}, after the ranking's month {reference}",
            line=line,
            column=f"{label}: Elections",
        )
    return date


def _check_shares(frame: pd.DataFrame, path: Path) -> None:
    computed = 100 * frame["women"] / frame["seats"]
    printed = 100 * frame["share"]
    off = ((computed - printed).abs() > _SHARE_TOLERANCE).fillna(False).to_numpy(dtype=bool)
    if off.any():
        shown = frame[off].head(3)
        listed = "; ".join(
            f"line {line} ({chamber}): {printed} but {women}/{seats}"
            for line, chamber, printed, women, seats in shown[
                ["_line", "chamber", "share_printed", "women", "seats"]
            ].itertuples(index=False)
        )
        warn(
            f"file {path.name!r}: {int(off.sum())} printed share(s) disagree with women / seats: "
            f"{listed}",
            DataConsistencyWarning,
        )


def _warn_restored(frame: pd.DataFrame, path: Path) -> None:
    cut = frame["election_printed"].str.fullmatch(r"\d{2}\.\d{3}").fillna(False).to_numpy(bool)
    if cut.any():
        lines = sorted(set(frame.loc[cut, "_line"].tolist()))
        warn(
            f"file {path.name!r}: {int(cut.sum())} election date(s) printed with a three-digit "
            'year ("10.202": the export took the date for a number and dropped its trailing '
            f"zero) read with the zero restored (2020-10), on lines {lines}; see "
            "election_printed"
        )


def _geo(names: np.ndarray, language: str, path: Path) -> np.ndarray:
    """ISO3 codes of the country names: in a French file through pycountry's French names
    first, then (and in an English file only) through its English ones."""
    codes = np.full(len(names), None, dtype=object)
    if language == "fr":
        french = _french_index()
        codes[:] = [french.get(_french_key(n)) for n in names]
    todo = np.array([c is None for c in codes], dtype=bool)  # bool also when there are none
    codes[todo] = iso3_or_warn(names[todo], path, "country name(s)", "their geo is missing")
    return codes


def _french_key(name: str) -> str:
    return name_key(name, stopwords=_FRENCH_STOPWORDS)


@functools.cache
def _french_index() -> dict[str, str]:
    """The key of each country's French and English names (pycountry's iso3166-1 and its French
    translation) -> alpha-3; IPU's French export keeps some English names
    ("Saint-Kitts-et-Nevis")."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    return unambiguous(
        (key, code)
        for name, code in pycountry_names()
        for key in {_french_key(french.gettext(name)), _french_key(name)}
    )
