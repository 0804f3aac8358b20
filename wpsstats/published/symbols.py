"""United Nations document symbols: is "S/2016/682" well formed, and from the year it claims?

:func:`check_symbol` knows the Security Council's series (documents, resolutions, presidential
statements, meeting records) and General Assembly resolutions; other organs' symbols are checked
for their shape only.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from .grammar import _collapse

__all__ = ["SymbolCheck", "check_symbol"]


@dataclass(frozen=True)
class SymbolCheck:
    """Result of :func:`check_symbol`.

    Attributes
    ----------
    symbol : str
        The symbol checked, white space collapsed to single spaces and stripped.
    valid : bool
        Whether the symbol is well formed (and carries the year given, if it carries one).
    organ : str or None
        The organ read from the symbol ("Security Council", "General Assembly", ...), None
        where it is not known.
    series : str or None
        "document", "resolution", "presidential statement" or "meeting record", None where the
        series is not checked.
    year : int or None
        The year the symbol carries, None where it carries none (or it is not read).
    number : int or None
        The serial number the symbol carries, None where it is not read.
    reason : str
        A sentence saying what is wrong, or what the symbol is.
    """

    symbol: str
    valid: bool
    organ: str | None
    series: str | None
    year: int | None
    number: int | None
    reason: str


_ORGANS = {
    "S": "Security Council",
    "A": "General Assembly",
    "E": "Economic and Social Council",
    "ST": "Secretariat",
}
_SC_YEAR_FORMAT_FROM = 1994


def check_symbol(symbol: str, *, year: int | None = None) -> SymbolCheck:
    """Check that a United Nations document symbol is well formed (and matches its year).

    Parameters
    ----------
    symbol : str
        The symbol as printed: "S/2016/682", "S/RES/2242 (2015)", "S/PRST/2017/2", "A/RES/70/1".
    year : int, optional
        The year the document is known to be from (its date, or the year the citing text gives);
        a symbol that carries a year must carry this one.

    Returns
    -------
    SymbolCheck
        ``valid`` (bool), ``organ``, ``series`` ("document", "resolution", "presidential
        statement", "meeting record", ...), ``year`` and ``number`` read from the symbol, and a
        ``reason`` that says what is wrong.

    Notes
    -----
    Security Council documents have been numbered ``S/YYYY/N`` (a four-digit year, then a
    serial) since 1994 and ``S/N`` before; resolutions are ``S/RES/N (YYYY)``, presidential
    statements ``S/PRST/YYYY/N``, meeting records ``S/PV.N`` (a resumed meeting ``S/PV.N
    (Resumption 1)``). General Assembly resolutions are
    ``A/RES/session/N`` since the 31st regular session (1976) and the 8th special session
    (``A/RES/44/25``, ``A/RES/S-13/2``, emergency special ``A/RES/ES-8/2``), and before them
    ``A/RES/N (session)``, numbered 1 to 3541 with the session in Roman numerals
    (``A/RES/217 (III)``, ``A/RES/3201 (S-VI)``). Other organs' symbols are checked for their
    shape only.

    References
    ----------
    United Nations Dag Hammarskjöld Library, "UN Documentation: Document Symbols"
    (https://research.un.org/en/docs/symbols) and "Security Council: Resolutions"
    (https://research.un.org/en/docs/sc/resolutions: "S/RES/955 (1994)"; before 1994 statements
    were issued in the general series, e.g. S/26695) and "Resolutions of the General Assembly"
    (https://research.un.org/en/docs/ga/resolutions); United Nations Editorial Manual,
    "Resolutions and other formal decisions of United Nations organs: system of identification"
    (special sessions numbered session/N since the eighth).

    Examples
    --------
    >>> from wpsstats.published import check_symbol
    >>> check_symbol("S/2016/682", year=2016).valid
    True
    >>> r = check_symbol("S/206/682", year=2016)
    >>> r.valid, r.reason
    (False, "'206' in S/206/682 is not a year: Security Council documents since 1994 are numbered S/YYYY/N (for 2016: S/2016/682)")
    >>> check_symbol("S/RES/2242 (2016)", year=2015).reason
    'S/RES/2242 (2016) carries the year 2016, not 2015'
    """  # noqa: E501
    if not isinstance(symbol, str):
        raise TypeError(f"symbol must be a string; got {type(symbol).__name__}: {symbol!r}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, (int, np.integer))):
        raise TypeError(f"year must be a whole number or None; got {year!r}")
    sym = _collapse(symbol)
    this_year = _dt.date.today().year

    def result(valid: bool, reason: str, **kw: Any) -> SymbolCheck:
        base: dict[str, Any] = {"organ": None, "series": None, "year": None, "number": None}
        base.update(kw)
        return SymbolCheck(symbol=sym, valid=valid, reason=reason, **base)

    def year_ok(found: int, organ: str, series: str, number: int | None) -> SymbolCheck:
        kw = {"organ": organ, "series": series, "year": found, "number": number}
        if found > this_year:
            return result(False, f"{sym} carries the year {found}, which is in the future", **kw)
        if year is not None and found != int(year):
            return result(False, f"{sym} carries the year {found}, not {int(year)}", **kw)
        return result(True, f"{sym} is a well-formed {organ} {series} symbol", **kw)

    if sym.startswith("A/RES/"):
        valid, reason, number = _general_assembly(sym)
        return result(valid, reason, organ="General Assembly", series="resolution", number=number)
    # before the shape check, whose brackets hold a year only: "S/PV.8382 (Resumption 1)"
    if m := re.fullmatch(r"S/PV\.([1-9]\d{0,4})(?:\s*\(Resumption \d+\))?", sym):
        return result(
            True, f"{sym} is a Security Council meeting record",
            organ="Security Council", series="meeting record", number=int(m.group(1)),
        )  # fmt: skip
    if not re.fullmatch(r"[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+(?:\s*\(\d{4}\))?", sym):
        return result(False, f"{sym!r} does not have the shape of a UN document symbol")
    if m := re.fullmatch(r"S/RES/([1-9]\d{0,4})\s*\((\d{4})\)", sym):
        return year_ok(int(m.group(2)), "Security Council", "resolution", int(m.group(1)))
    if re.fullmatch(r"S/RES/([1-9]\d{0,4})", sym):
        return result(
            True, f"{sym} is a Security Council resolution; its year is not printed",
            organ="Security Council", series="resolution", number=int(sym.split("/")[-1]),
        )  # fmt: skip
    if m := re.fullmatch(r"S/PRST/(\d{4})/([1-9]\d{0,3})", sym):
        return year_ok(
            int(m.group(1)), "Security Council", "presidential statement", int(m.group(2))
        )
    if sym.startswith("S/") and not re.match(r"S/(?:RES|PRST|PV|INF|AC)\b", sym):
        parts = sym.split("/")
        if m := re.fullmatch(r"S/(\d{4})/([1-9]\d{0,3})(?:/(?:Add|Corr|Rev)\.\d+)*", sym):
            found = int(m.group(1))
            if found < _SC_YEAR_FORMAT_FROM:
                return result(
                    False,
                    f"{sym}: Security Council documents of {found} were numbered S/N; the "
                    f"S/YYYY/N form starts in {_SC_YEAR_FORMAT_FROM}",
                    organ="Security Council", series="document", year=found,
                )  # fmt: skip
            return year_ok(found, "Security Council", "document", int(m.group(2)))
        if re.fullmatch(r"S/[1-9]\d{0,5}(?:/(?:Add|Corr|Rev)\.\d+)*", sym):
            if year is not None and int(year) >= _SC_YEAR_FORMAT_FROM:
                return result(
                    False,
                    f"{sym} is in the pre-{_SC_YEAR_FORMAT_FROM} form S/N; a {int(year)} "
                    f"document is S/{int(year)}/N",
                    organ="Security Council", series="document", number=int(parts[1]),
                )  # fmt: skip
            return result(
                True, f"{sym} is a Security Council document in the pre-1994 form S/N",
                organ="Security Council", series="document", number=int(parts[1]),
            )  # fmt: skip
        if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1]) and parts[2].isdigit():
            # the year is well formed: the serial number after it is not
            serial = parts[2]
            what = "starts with 0" if serial.startswith("0") else "has more than four digits"
            return result(
                False,
                f"the serial number '{serial}' in {sym} {what}: Security Council documents are "
                "numbered S/YYYY/N with N from 1 to 9999, printed without leading zeros",
                organ="Security Council", series="document", year=int(parts[1]),
            )  # fmt: skip
        if len(parts) >= 3 and parts[1].isdigit():
            hint = f" (for {int(year)}: S/{int(year)}/{parts[2]})" if year is not None else ""
            return result(
                False,
                f"'{parts[1]}' in {sym} is not a year: Security Council documents since "
                f"{_SC_YEAR_FORMAT_FROM} are numbered S/YYYY/N{hint}",
                organ="Security Council", series="document",
            )  # fmt: skip
        return result(False, f"{sym} is not a Security Council document symbol (S/YYYY/N)")
    if re.match(r"S/(?:RES|PRST)/", sym):  # the Council's own series, not as it prints them
        return result(
            False, f"{sym} is not a Security Council resolution (S/RES/N (YYYY)) or presidential "
            "statement (S/PRST/YYYY/N) symbol", organ="Security Council",
        )  # fmt: skip
    organ = _ORGANS.get(sym.split("/")[0].split(".")[0])
    return result(
        True, f"{sym} has the shape of a UN document symbol (series not checked further)",
        organ=organ,
    )  # fmt: skip


# General Assembly resolutions: A/RES/session/N since the 31st regular and the 8th special session
# (S-13/2; emergency special ES-8/2), and before them A/RES/N (session), the first 3,541 numbered
# in one sequence with the session in Roman numerals: 217 (III), 3201 (S-VI), 2252 (ES-V)
_GA_SESSIONAL = re.compile(r"A/RES/(S-|ES-)?([1-9]\d{0,2})/([1-9]\d{0,3})(?: ?[A-Z])?")
_GA_NUMBERED = re.compile(r"A/RES/([1-9]\d{0,3})(?: ?[A-Z])? ?\(((?:S-|ES-)?[IVXL]+)\)")
_GA_FIRST = {"": 31, "S-": 8}  # the first session of each kind numbered A/RES/session/N


def _general_assembly(sym: str) -> tuple[bool, str, int | None]:
    """(valid, reason, number) for a symbol that starts A/RES/."""
    if m := _GA_SESSIONAL.fullmatch(sym):
        kind, session, number = m.group(1) or "", int(m.group(2)), int(m.group(3))
        first = _GA_FIRST.get(kind, 1)
        if session < first:
            return False, (
                f"{sym}: resolutions of session {kind}{session} were numbered A/RES/N "
                f"({kind}Roman numeral); the form A/RES/session/N starts with session {kind}{first}"
            ), number  # fmt: skip
        return True, f"{sym} is a General Assembly resolution of session {kind}{session}", number
    if (m := _GA_NUMBERED.fullmatch(sym)) and int(m.group(1)) <= 3541:
        return True, (
            f"{sym} is a General Assembly resolution of session {m.group(2)}, from the single "
            "sequence numbered up to 1975"
        ), int(m.group(1))  # fmt: skip
    return False, (
        f"{sym} is not a General Assembly resolution symbol: A/RES/session/N (A/RES/44/25, "
        "A/RES/S-13/2, A/RES/ES-8/2) since 1976, A/RES/N (session) (A/RES/217 (III)) before, "
        "N from 1 to 3541; numbers are printed without leading zeros"
    ), None  # fmt: skip
