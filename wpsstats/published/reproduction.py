"""Re-deriving a source's published figures: :func:`reproduce`.

Each bundled figure of a source is read again from its printed phrase and checked against what the
other printed numbers allow (the GRIM test, a share from two counts, a part against its whole, the
items a footnote names); the document symbols and resolution years the source prints are checked
too. Each check is a :class:`_Check`; a figure's verdict is the worst of its checks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_flag, closest
from ..datasets import load
from .extract import extract_figures
from .grammar import _collapse
from .grim import _count_range, _na, _printed_percent, possible_counts
from .symbols import check_symbol

__all__ = ["VERDICTS", "reproduce"]

VERDICTS = ("consistent", "inconsistent", "not_checkable")
_NAN = float("nan")

# The bundled `resolutions` dataset and the symbols printed in `sources` are the citations of the
# seed document (see their YAML sidecars): reproduce() checks them with the seed's figures.
_REPORT_COLUMNS = [
    "figure_id", "published", "recomputed", "check", "verdict", "reason", "value", "locator",
]  # fmt: skip


@dataclass(frozen=True)
class _Check:
    name: str
    verdict: str
    recomputed: str
    reason: str


# figure_id, published, value, locator, checks
_Entry = tuple[str, str, float, str, list[_Check]]


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "NaN"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:.6g}"


def _pct(x: float, decimals: int | None = None) -> str:
    d = 1 if decimals is None else decimals
    return f"{100 * x:.{d}f} per cent"


def _close(a: float, b: float) -> bool:
    if math.isnan(a) and math.isnan(b):
        return True
    return bool(abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))


def _num(x: Any) -> float:
    return _NAN if _na(x) else float(x)


def _phrase_check(
    row: pd.Series, found: pd.DataFrame, unit_label: str | None = None
) -> _Check | None:
    if len(found) != 1:
        return None
    f = found.iloc[0]
    kind = str(row["kind"])
    # shares, relative changes and multiples read as themselves; a rate ("six children born per
    # woman") reads as a number, described by its own kind and unit once the reading agrees
    unit = kind if kind in ("share", "change", "multiple") else "count"
    got = (float(f["value"]), float(f["lower"]), float(f["upper"]), str(f["qualifier"]))
    want = (_num(row["value"]), _num(row["lower"]), _num(row["upper"]), str(row["qualifier"]))
    if str(f["unit"]) != unit:
        described = str(f["unit"])
    elif kind in ("share", "count") or not unit_label:
        described = kind
    else:
        described = f"{kind}: {unit_label}"
    reading = f"{got[3]} {_fmt(got[0])} ({described})"
    if (
        str(f["unit"]) == unit
        and all(_close(a, b) for a, b in zip(got[:3], want[:3], strict=True))
        and (got[3] == want[3])
    ):
        bounds = f"[{_fmt(got[1])}, {_fmt(got[2])}]"
        return _Check(
            "phrase", "consistent", reading,
            f"the printed phrase reads as stored: {got[3]} {_fmt(got[0])}, bounds {bounds}",
        )  # fmt: skip
    if str(f["unit"]) != unit and unit == "share" and _close(got[0] / 100, want[0]):
        return _Check(
            "phrase", "inconsistent", reading,
            f"printed {f['phrase']!r} with no unit: it reads as the number {_fmt(got[0])}, "
            f"stored as {_fmt(got[0])} per cent (share {_fmt(want[0])})",
        )  # fmt: skip
    return _Check(
        "phrase", "inconsistent", reading,
        f"the printed phrase reads as {reading} with bounds [{_fmt(got[1])}, {_fmt(got[2])}], "
        f"stored as {want[3]} {_fmt(want[0])} ({kind}) with bounds "
        f"[{_fmt(want[1])}, {_fmt(want[2])}]",
    )  # fmt: skip


def _count_checks(row: pd.Series, found: pd.DataFrame) -> list[_Check]:
    """A share's numerator and denominator: GRIM when its percentage is printed, else the ratio."""
    num, den, value = _num(row["numerator"]), _num(row["denominator"]), _num(row["value"])
    if str(row["kind"]) != "share" or math.isnan(num) or math.isnan(den) or den <= 0:
        return []
    out: list[_Check] = []
    if not _na(row["decimals"]):
        d = int(row["decimals"])
        printed = f"{100 * value:.{d}f}"
        counts = possible_counts(printed, int(den), d) or []
        rec = f"{int(num)}/{int(den)} = {_pct(num / den, d + 2)}"
        if int(num) in counts:
            out.append(_Check(
                "rounding", "consistent", rec,
                f"{int(num)} of {int(den)} prints as {printed} per cent at {d} decimals "
                f"(GRIM: counts that fit {counts[0]}-{counts[-1]})",
            ))  # fmt: skip
        else:
            fits = f"counts that fit: {counts}" if counts else "no count of them fits"
            out.append(_Check(
                "rounding", "inconsistent", rec,
                f"{int(num)} of {int(den)} does not print as {printed} per cent; {fits}",
            ))  # fmt: skip
    else:
        rec = f"{int(num)}/{int(den)} = {_pct(num / den, 2)}"
        verdict = "consistent" if _close(num / den, value) else "inconsistent"
        out.append(_Check(
            "share from two counts", verdict, rec,
            f"the share is {int(num)}/{int(den)} = {num / den:.4f}; stored {value:.4f}",
        ))  # fmt: skip
    # the counts must be printed in the phrase too
    counts_found = set(found.loc[found["unit"] == "count", "value"].tolist()) | set(
        found["numerator"].dropna().tolist() + found["denominator"].dropna().tolist()
    )
    if counts_found and not {num, den} <= counts_found:
        out.append(_Check(
            "counts printed", "inconsistent", f"{sorted(counts_found)}",
            f"the phrase prints {sorted(counts_found)}, not {int(num)} and {int(den)}",
        ))  # fmt: skip
    return out


def _linked_total(row: pd.Series, figures: pd.DataFrame) -> pd.Series | None:
    """The whole a figure is part of: 'women_share_X' -> 'X'; 'X_...' -> 'X' (same page)."""
    ind = str(row["indicator"])
    same = figures[(figures["locator"] == row["locator"]) & (figures["kind"] == "count")]
    same = same[same["figure_id"] != row["figure_id"]]
    wanted = [ind.removeprefix("women_share_")] if ind.startswith("women_share_") else []
    if str(row["kind"]) == "count":
        wanted += [other for other in same["indicator"].astype(str) if ind.startswith(other + "_")]
    hit = same[same["indicator"].astype(str).isin(wanted)]
    return hit.iloc[0] if len(hit) else None


def _total_span(total: pd.Series) -> tuple[int, int | None] | None:
    """The sizes a total allows, from its qualifier: (smallest, largest or None if open-ended)."""
    n, q = _num(total["value"]), str(total["qualifier"])
    if q in ("more_than", "just_over"):
        return math.floor(n) + 1, None
    if q == "at_least":
        return math.ceil(n), None
    if q in ("less_than", "nearly"):
        return 1, math.ceil(n) - 1
    if q == "at_most":
        return 1, math.floor(n)
    if q == "between":
        return math.ceil(_num(total["lower"])), math.floor(_num(total["upper"]))
    return None


def _first_fit(p: int, d: int, n_lo: int, n_hi: int) -> int | None:
    """The smallest body n in [n_lo, n_hi] with a whole count that prints as p / 10**d per cent.

    Vectorised over n in blocks (the range is at most 100 * 10**d long, see _part_checks); the
    test is that of :func:`_count_range`, in exact integers.
    """
    a = 200 * 10**d
    n_lo = max(n_lo, 1)
    block = 1_000_000
    # int64 holds (2p + 1) * n while it stays below 2**62; beyond that, Python integers
    exact = (2 * p + 1) * (n_hi + 1) >= 2**62
    for start in range(n_lo, n_hi + 1, block):
        stop = min(n_hi, start + block - 1)
        n = np.arange(start, stop + 1, dtype=np.int64)
        if exact:
            n = n.astype(object)
        lo = np.maximum(-((-(2 * p - 1) * n) // a), 0)
        hi = np.minimum(((2 * p + 1) * n) // a, n)
        fits = np.flatnonzero(lo <= hi)
        if fits.size:
            return int(n[fits[0]])
    return None


def _part_checks(row: pd.Series, figures: pd.DataFrame) -> list[_Check]:
    total = _linked_total(row, figures)
    if total is None:
        return []
    n, n_q = _num(total["value"]), str(total["qualifier"])
    if str(row["kind"]) == "share" and _na(row["denominator"]) and not _na(row["decimals"]):
        d = int(row["decimals"])
        printed = f"{100 * _num(row['value']):.{d}f}"
        what = f"{printed} per cent of {n_q.replace('_', ' ')} {_fmt(n)}"
        if n_q == "exact":
            counts = possible_counts(printed, int(n), d) or []
            verdict = "consistent" if counts else "inconsistent"
            rec = f"{counts[0]}-{counts[-1]}" if counts else "none"
            return [_Check(
                "count from share and total", verdict, rec,
                f"{what}: counts that fit {rec} (figure {total['figure_id']})",
            )]  # fmt: skip
        span = _total_span(total)
        if span is None:
            return []  # "about 600": no bound on the body's size
        n_lo, n_hi = span
        p_int, _ = _printed_percent(printed, d) or (0, d)
        # every body of 100 * 10**d people or more has a count that prints as the share (its
        # shares k/n lie at most one printed unit apart), so the search stops there at the latest
        always = 100 * 10**d
        first = _first_fit(p_int, d, n_lo, max(n_lo, always) if n_hi is None else n_hi)
        ref = f"figure {total['figure_id']}"
        if first is None:
            return [_Check(
                "count from share and total", "inconsistent", "none",
                f"{what}: no body of {n_lo}-{n_hi} people has a whole count that prints as "
                f"{printed} per cent ({ref})",
            )]  # fmt: skip
        lo, hi = _count_range(p_int, d, first)
        fewest = f"at least {lo} (the fewest, with {first} people: {lo}-{hi}; {ref})"
        if n_hi is None:
            return [_Check(
                "count from share and total", "not_checkable", f"at least {lo}",
                f"{what}: {fewest}; any total of {always:,} or more fits some count, so an "
                "open-ended total bounds the count but cannot test the share",
            )]  # fmt: skip
        return [_Check(
            "count from share and total", "consistent", f"at least {lo}",
            f"{what}: a body of {n_lo}-{n_hi} people fits; {fewest}",
        )]  # fmt: skip
        return []
    if str(row["kind"]) == "count":
        q, value = str(row["qualifier"]), _num(row["value"])
        # "fewer than 1,200" or "nearly 1,200" bounds the part only from above: it may be 0
        below = q in ("less_than", "nearly", "at_most") and _na(row["lower"])
        part_lo = 0.0 if below else value if _na(row["lower"]) else _num(row["lower"])
        whole_hi = _num(total["upper"]) if not _na(total["upper"]) else math.inf
        share = (value if below else part_lo) / n if n else _NAN
        # "more than 1,000" of 1,000, or 1,000 of "fewer than 1,000": a strict bound may not meet
        strict = q in ("more_than", "just_over") or total["qualifier"] in ("less_than", "nearly")
        ok = part_lo < whole_hi if strict else part_lo <= whole_hi
        verdict = "consistent" if ok else "inconsistent"
        side = "below" if below else "" if q == "exact" else "above"
        return [_Check(
            "qualifier bound", verdict, f"share {side} {_pct(share, 1)}".replace("  ", " "),
            f"{q.replace('_', ' ')} {_fmt(value)} of "
            f"{_fmt(n)} (figure {total['figure_id']}): the part's bound "
            f"{'does not exceed' if verdict == 'consistent' else 'exceeds'} the whole",
        )]  # fmt: skip
    return []


def _count_items(listing: str) -> int:
    items = [i.strip() for i in _collapse(listing).split(",") if i.strip()]
    if not items:
        return 0
    last = items[-1]
    if re.match(r"(?:and|et)\s", last):
        items[-1] = re.sub(r"^(?:and|et)\s+", "", last)
    elif re.search(r"\s(?:and)\s", last):
        items[-1:] = re.split(r"\s+and\s+", last, maxsplit=1)
    return len(items)


def _named_items(row: pd.Series, norm_text: str | None, raw_text: str | None) -> _Check | None:
    if str(row["kind"]) != "count" or str(row["qualifier"]) != "exact":
        return None
    value = _num(row["value"])
    phrase = _collapse(str(row["text"]))
    found: tuple[int, str] | None = None
    if norm_text is not None and raw_text is not None:
        at = norm_text.find(phrase)
        if at >= 0:
            after = norm_text[at + len(phrase) : at + len(phrase) + 400]
            bracket = re.match(r"\s*(?:[^\W\d_]+\s+){0,3}\(([^()]+)\)", after)
            end = re.search(r"[.!?](\d{0,2})(?=\s|$)", after)
            if bracket and "," in bracket.group(1):
                found = (_count_items(bracket.group(1)), "the list in brackets after it")
            elif end and end.group(1):
                mark = end.group(1)
                body = re.search(
                    rf"(?m)^[ \t]*{mark}[ \t]+(.+?)(?=\n\n\n|\n[ \t]*{int(mark) + 1}[ \t]|\Z)",
                    raw_text,
                    re.DOTALL,
                )
                if body:
                    found = (_count_items(body.group(1)), f"footnote {mark}")
    if found is None:
        return None
    k, where = found
    verdict = "consistent" if k == value else "inconsistent"
    return _Check(
        "named items", verdict, f"{k} named",
        f"{where} names {k} items; the text says {_fmt(value)}",
    )  # fmt: skip


def _region_check(row: pd.Series, regions: pd.DataFrame) -> _Check | None:
    if str(row["kind"]) != "count" or not re.search(
        r"\b(?:countries|states|pays)\b", str(row["text"]), re.IGNORECASE
    ):
        return None
    members = regions.loc[regions["region"] == row["geo"], "member"]
    if members.empty:
        return None
    k = int(members.nunique())
    verdict = "consistent" if k == _num(row["value"]) else "inconsistent"
    return _Check(
        "named items", verdict, f"{k} members",
        f"region {row['geo']} has {k} member countries ({', '.join(sorted(members))})",
    )  # fmt: skip


def _aggregate(figure_id: str, published: str, value: float, locator: str, checks: list[_Check]
               ) -> dict[str, Any]:  # fmt: skip
    verdicts = [c.verdict for c in checks]
    if "inconsistent" in verdicts:
        verdict = "inconsistent"
        shown = [c for c in checks if c.verdict == "inconsistent"] + [
            c for c in checks if c.verdict != "inconsistent"
        ]
    elif any(c.verdict == "consistent" and c.name != "phrase" for c in checks):
        verdict, shown = "consistent", checks
    else:
        verdict, shown = "not_checkable", checks
    return {
        "figure_id": figure_id,
        "published": published,
        "recomputed": "; ".join(c.recomputed for c in shown if c.recomputed),
        "check": " + ".join(
            dict.fromkeys(
                c.name for c in shown if c.verdict != "not_checkable" or verdict == "not_checkable"
            )
        ),
        "verdict": verdict,
        "reason": "; ".join(c.reason for c in shown),
        "value": value,
        "locator": locator,
    }


def _symbol_in_url(url: Any) -> str | None:
    if _na(url):
        return None
    m = re.search(r"symbol=([^&#\s]+)", str(url))
    return m.group(1) if m else None


def _source_checks(source_id: str, sources: pd.DataFrame) -> list[_Entry]:
    rows: list[_Entry] = []
    # the source itself, and the documents it cites (whose symbols it printed)
    cited = sources[(sources["source_id"] == source_id) | (sources["cited_by"] == source_id)]
    for _, src in cited.iterrows():
        if _na(src["symbol"]):
            continue
        printed = str(src["symbol"])
        year = int(str(src["date"])[:4]) if not _na(src["date"]) else None
        result = check_symbol(printed, year=year)
        checks = [
            _Check("symbol", "consistent" if result.valid else "inconsistent", "", result.reason)
        ]
        linked = _symbol_in_url(src["url"])
        if linked is not None:
            same = linked == printed
            checks.append(_Check(
                "symbol vs link", "consistent" if same else "inconsistent", linked,
                f"the printed link's symbol is {linked}"
                + ("" if same else f", not {printed} as printed"),
            ))  # fmt: skip
        rows.append((f"symbol:{src['source_id']}", printed, _NAN, "", checks))
    return rows


def _resolution_checks(source_id: str) -> list[_Entry]:
    """The year printed beside each resolution that ``source_id`` cites, against its adoption."""
    rows: list[_Entry] = []
    resolutions = load("resolutions")
    resolutions = resolutions[resolutions["cited_by"] == source_id]
    for _, res in resolutions.iterrows():
        number, printed, adopted = int(res["resolution"]), res["year_printed"], res["year_adopted"]
        published = f"resolution {number} ({printed})"
        if _na(printed) or _na(adopted):
            checks = [_Check("resolution year", "not_checkable", "", "a year is missing")]
        else:
            result = check_symbol(f"S/RES/{number} ({int(printed)})", year=int(adopted))
            checks = [
                _Check(
                    "resolution year",
                    "consistent" if result.valid else "inconsistent",
                    f"S/RES/{number} ({int(adopted)})",
                    f"adopted in {int(adopted)}, as its symbol S/RES/{number} ({int(adopted)})"
                    if result.valid
                    else f"printed with {int(printed)}, adopted in {int(adopted)} "
                    f"(S/RES/{number} ({int(adopted)}))",
                )
            ]
        rows.append((f"resolution:{number}", published, float(number), str(res["locator"]),
                     checks))  # fmt: skip
    return rows


def reproduce(source_id: str, *, text: str | None = None, detail: bool = False) -> pd.DataFrame:
    """Re-derive and check every bundled figure of a source.

    Parameters
    ----------
    source_id : str
        A ``source_id`` of the ``sources`` dataset, e.g. "ieg-mali-2018" (the seed document).
    text : str, optional
        The source's full text. With it, counts of named items are also checked against the
        footnote or bracketed list that names them ("five non-state parties", footnote 1).
    detail : bool, default False
        One row per check instead of one row per figure.

    Returns
    -------
    pandas.DataFrame
        One row per figure of the source, then one per document symbol and cited resolution:
        ``figure_id``; ``published`` (the phrase as printed); ``recomputed`` (what the other
        numbers give); ``check`` (the checks applied, joined by " + "); ``verdict``
        (consistent, inconsistent or not_checkable); ``reason``; ``value`` and ``locator``.

    Notes
    -----
    The checks, each where the data allow it:

    * **phrase**: the printed phrase, read again with :func:`extract_figures`, gives the stored
      value, bounds, qualifier and unit (a qualifier's bound: "just under 8,000" has upper 8000);
    * **rounding**: a printed percentage with its numerator and denominator passes the GRIM test
      (:func:`possible_counts` holds the numerator);
    * **share from two counts**: a share computed from two printed counts equals their ratio;
    * **count from share and total**: a share printed without its counts, with the total printed
      beside it ("over 600 stakeholders, 40 per cent of whom"), gives the possible counts. Every
      body of 100 * 10**d people or more has a count that prints at d decimals, so an open-ended
      total only bounds the count (the fewest over every body it allows) and is not_checkable; an
      exact or bounded total ("fewer than 5") is inconsistent when no body it allows fits;
    * **qualifier bound**: a part ("more than a thousand villages") does not exceed its whole
      ("12,000 villages");
    * **named items**: a count ("five non-state parties") matches the items its footnote or its
      bracket lists in the source's ``text``, or its region's members (never the curated
      ``note``, which would check the data against itself);
    * **symbol**: the UN document symbols the source prints are well formed for their year
      (:func:`check_symbol`) and agree with the links it prints;
    * **resolution year**: a cited resolution's printed year is its year of adoption.

    A figure is inconsistent when any check fails, consistent when a check other than the
    phrase passes, and not_checkable otherwise (the reason says what is missing). The phrase
    read back as stored confirms the transcription, not the number: a figure that nothing else
    re-derives is not_checkable, with a "phrase only" check saying so.

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test. Social Psychological and
    Personality Science 8(4), 363-369. UN Dag Hammarskjöld Library, "UN Documentation: Document
    Symbols" (https://research.un.org/en/docs/symbols).

    Examples
    --------
    >>> from wpsstats.published import reproduce
    >>> report = reproduce("ieg-mali-2018")
    >>> report.loc[report["figure_id"] == "mli-cabinet-women", ["check", "verdict"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                  check     verdict
    5  phrase + rounding  consistent
    >>> report.loc[report["verdict"] == "inconsistent", "figure_id"].tolist()
    ['minusma-women-formed-police', 'symbol:s-2016-682', 'resolution:2242']
    """
    sources = load("sources")
    valid = sources["source_id"].astype(str).tolist()
    if not isinstance(source_id, str) or source_id not in valid:
        hint = closest(source_id, valid) if isinstance(source_id, str) else None
        suffix = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(
            f"source_id={source_id!r} is not a bundled source; valid values are "
            f"{', '.join(valid)}{suffix}"
        )
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a string or None, got {type(text).__name__}")
    detail = check_flag("detail", detail)
    figures = load("figures")
    regions = load("regions")
    indicators = load("indicators")
    unit_of = dict(zip(indicators["indicator"].astype(str), indicators["unit"], strict=True))
    figures = figures[figures["source_id"] == source_id].reset_index(drop=True)
    norm_text = _collapse(text) if text is not None else None

    entries: list[_Entry] = []
    for _, row in figures.iterrows():
        found = extract_figures(str(row["text"]))
        checks: list[_Check] = []
        label = unit_of.get(str(row["indicator"]))
        phrase = _phrase_check(row, found, None if _na(label) else str(label))
        if phrase is not None:
            checks.append(phrase)
        checks += _count_checks(row, found)
        checks += _part_checks(row, figures)
        for extra in (_named_items(row, norm_text, text), _region_check(row, regions)):
            if extra is not None:
                checks.append(extra)
        if not checks:
            checks.append(_Check(
                "none", "not_checkable", "",
                f"the phrase holds {len(found)} figures and no numerator, denominator or total "
                "is printed to re-derive it from",
            ))  # fmt: skip
        elif (
            all(c.verdict != "inconsistent" for c in checks)
            and len(checks) == 1
            and (str(row["kind"]) == "share" and _na(row["numerator"]))
        ):
            checks.append(_Check(
                "rounding", "not_checkable", "",
                "no numerator or denominator is printed, so the percentage's rounding cannot "
                "be checked",
            ))  # fmt: skip
        if (
            not any(c.verdict == "inconsistent" for c in checks)
            and not any(c.verdict == "consistent" and c.name != "phrase" for c in checks)
            and any(c.name == "phrase" for c in checks)
        ):
            # The phrase read back as stored checks the curation, not the number.
            checks.append(_Check(
                "phrase only", "not_checkable", "",
                "nothing but the printed phrase could be checked: it reads as stored, which "
                "confirms the transcription, not the number",
            ))  # fmt: skip
        entries.append(
            (str(row["figure_id"]), str(row["text"]), _num(row["value"]), str(row["locator"]),
             checks)
        )  # fmt: skip
    entries += _source_checks(source_id, sources)
    entries += _resolution_checks(source_id)

    if detail:
        records = [
            {
                "figure_id": fid, "published": pub, "recomputed": c.recomputed, "check": c.name,
                "verdict": c.verdict, "reason": c.reason, "value": val, "locator": loc,
            }
            for fid, pub, val, loc, checks in entries
            for c in checks
        ]  # fmt: skip
    else:
        records = [_aggregate(*entry) for entry in entries]
    out = pd.DataFrame.from_records(records, columns=_REPORT_COLUMNS)
    for col in ("figure_id", "published", "recomputed", "check", "reason", "locator"):
        out[col] = out[col].astype("string")
    out["verdict"] = pd.Categorical(out["verdict"], categories=VERDICTS)
    out["value"] = out["value"].astype("float64")
    return out
