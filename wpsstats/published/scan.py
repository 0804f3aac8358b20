"""Finding figures in a text: where the grammar is tried, what is masked, how a match is read.

A text is split into words once. Spans that only look like figures (document symbols, resolution,
paragraph and page numbers, dates, ordinals, footnote marks and bodies, links) are overwritten with
'#' so that offsets stay valid; then the figure grammar is tried only where a figure can start, and
each match is read into numbers (:class:`_Raw`), dropping years, ages and durations. The public
entry points built on this are :func:`wpsstats.published.parse_figure` and
:func:`wpsstats.published.extract_figures`; nothing here is public.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .grammar import (
    _AGE_BEFORE_RE,
    _CHANGE_BEFORE_RE,
    _COUNT_NOUN_RE,
    _FIG_PREFIX,
    _FOOTNOTE_LINE_RE,
    _FOOTNOTE_MARK_RE,
    _FRAC_DEN_VALUE,
    _MASK_PREFIX,
    _MONTH_WORDS,
    _NUMBER_WORDS,
    _NUMBERED_PARA_RE,
    _ONE_AFTER_RE,
    _ONE_BEFORE_RE,
    _QUAL_OF,
    _SCALE,
    _SMALL,
    _TIME_AFTER_RE,
    _TIME_BEFORE_RE,
    _TOKEN_RE,
    _URL_RE,
    _WORD_TOKEN_RE,
    _YEAR_RE,
    _collapse,
    _end_scale,
    _number,
    figure_pattern,
    mask_pattern,
)

__all__: list[str] = []  # internal to wpsstats.published: parse.py and extract.py use it

_NAN = float("nan")


@dataclass
class _Raw:
    """A figure while it is being read; :func:`wpsstats.published.parse._figure` makes it a
    :class:`~wpsstats.published.Figure`."""

    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    lower: float = _NAN
    upper: float = _NAN
    numerator: float = _NAN
    denominator: float = _NAN
    decimals: int | None = None
    kind: str = "single"
    plain_year: bool = False
    lone_one: bool = False
    note: str = ""


def _share(value: Decimal) -> float:
    return float(value / 100)


def _change_ends(
    m: re.Match[str],
    first: tuple[Decimal, int | None, str, str, str],
    second: tuple[Decimal, int | None, str, str, str],
    is_share: bool,
) -> tuple[_Raw, _Raw]:
    """The two figures of a falling "from X to Y": a unit printed after either end is both's."""
    out = []
    for value, decimals, number, scale, unit in (first, second):
        stop = max(m.end(g) for g in (number, scale, unit) if m.group(g) is not None)
        out.append(
            _Raw(
                value=_share(value) if is_share else float(value),
                unit="share" if is_share else "count",
                qualifier="exact",
                start=m.start(number),
                end=stop,
                decimals=decimals,
            )
        )
    return out[0], out[1]


def _read_match(m: re.Match[str]) -> _Raw | tuple[_Raw, ...] | None:
    """Turn one match of the figure grammar into numbers (None: it only looks like a figure)."""
    qword = m.group("q")
    qualifier = _QUAL_OF[_collapse(qword).lower().replace("’", "'")] if qword else "exact"
    start, end = m.start(), m.end()
    kind = next((g for g in ("between", "range", "wrange") if m.group(g) is not None), None)
    if kind is not None:
        g1, g2, s1, s2, u1, u2 = {
            "between": ("b1", "b2", "bs1", "bs2", "bu1", "bu2"),
            "range": ("r1", "r2", "rs1", "rs2", "ru1", "ru2"),
            "wrange": ("w1", "w2", "ws1", "ws2", "wu1", "wu2"),
        }[kind]
        raw1, raw2 = _collapse(m.group(g1)), _collapse(m.group(g2))
        a, da = _number(raw1)
        b, db = _number(raw2)
        scale1, scale2 = _end_scale(raw1, m.group(s1)), _end_scale(raw2, m.group(s2))
        if m.group(s1):
            a *= scale1
        if m.group(s2):
            b *= scale2
        # "2-3 million", "between two and three million": a scale printed only after the second
        # end applies to both, unless the first end is already the larger number as printed
        # ("between 500,000 and 1 million")
        if scale1 == 1 and scale2 > 1 and a <= b / scale2:
            a *= scale2
        is_share = bool(m.group(u1) or m.group(u2))
        if (
            not is_share
            and scale1 == scale2 == 1
            and _YEAR_RE.match(raw1)
            and (_YEAR_RE.match(raw2) or re.fullmatch(r"\d{2}", raw2))
            and not _COUNT_NOUN_RE.match(m.string, end)
        ):
            return None  # 2015-16, between 2012 and 2018: years ("1800-2000 women" is not)
        if kind == "wrange" and b <= a:
            return None  # "one to one", "ten to one": words, not a range
        from_to = m.group("between") is not None and m.group("between")[:2].lower() in ("fr", "de")
        if b < a:
            if from_to:
                # "fell from 40 to 30 per cent": two figures, the start and the end of a change
                return _change_ends(m, (a, da, g1, s1, u1), (b, db, g2, s2, u2), is_share)
            return None  # "10-3" is not a range
        if from_to and _CHANGE_BEFORE_RE.search(m.string, 0, m.start("between")):
            # "rose from 10 to 20 per cent": a change too, though it rises
            return _change_ends(m, (a, da, g1, s1, u1), (b, db, g2, s2, u2), is_share)
        lo, hi = (_share(a), _share(b)) if is_share else (float(a), float(b))
        decimals = None if da is None or db is None else max(da, db)
        if qword:  # "about 83-92 per cent": the qualifier is dropped, the range rules
            start = m.start(kind)
        return _Raw(
            value=(lo + hi) / 2,
            unit="share" if is_share else "count",
            qualifier="between",
            start=start,
            end=end,
            lower=lo,
            upper=hi,
            decimals=decimals,
            kind="range",
        )
    if m.group("ratio") is not None or m.group("ratio_in") is not None:
        gn, gd = ("rn", "rd") if m.group("ratio") is not None else ("in_n", "in_d")
        num, _ = _number(m.group(gn))
        den, _ = _number(m.group(gd))
        if den == 0 or num > den:
            return None
        return _Raw(
            value=float(num / den),
            unit="share",
            qualifier=qualifier,
            start=start,
            end=end,
            numerator=float(num),
            denominator=float(den),
            kind="ratio",
        )
    if m.group("frac") is not None:
        words = _WORD_TOKEN_RE.findall(m.group("frac").lower())
        if words[-1] in ("moitié", "half"):
            top, bottom = 1, 2
        else:
            top = 1 if words[0] in ("a", "un", "une") else int(_SMALL[words[0]])
            bottom = _FRAC_DEN_VALUE[words[-1]]
        if top > bottom:
            return None
        return _Raw(
            value=top / bottom,
            unit="share",
            qualifier=qualifier,
            start=start,
            end=end,
            numerator=float(top),
            denominator=float(bottom),
            kind="fraction",
        )
    if m.group("maj") is not None:
        if qword:
            start = m.start("maj")
        return _Raw(
            value=0.5, unit="share", qualifier="more_than", start=start, end=end, kind="maj"
        )
    raw = _collapse(m.group("s"))
    value, decimals = _number(raw)
    scale = m.group("sscale")
    if scale:
        value *= _SCALE[scale.strip().lower()]
    if m.group("su"):
        return _Raw(
            value=_share(value), unit="share", qualifier=qualifier, start=start, end=end,
            decimals=decimals,
        )  # fmt: skip
    return _Raw(
        value=float(value),
        unit="count",
        qualifier=qualifier,
        start=start,
        end=end,
        decimals=decimals,
        plain_year=bool(_YEAR_RE.match(raw))
        and not scale
        and not (
            _COUNT_NOUN_RE.match(m.string, end)
            and not _TIME_BEFORE_RE.search(m.string, max(0, m.start("s") - 20), m.start("s"))
        ),
        lone_one=raw.lower() in ("one", "un", "une", "zero") and not scale,
    )


def _spans_to_mask(text: str, tokens: list[tuple[int, str]]) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _NUMBERED_PARA_RE.finditer(text)]
    mask = mask_pattern()
    covered = 0
    for i in [i for i, (_s, w) in enumerate(tokens) if w[0].isdigit()]:
        start = tokens[i][0]
        if start < covered:
            continue
        # try the mask grammar at the few words before the number that could start a span
        for j in range(max(0, i - 4), i + 1):
            c, w = tokens[j]
            if c < covered:
                continue
            if j < i and not (
                w in _MASK_PREFIX or w in _MONTH_WORDS or w[:1].isdigit() or text[c].isupper()
            ):
                continue
            m = mask.match(text, c)
            if m is not None and m.end() > start:
                spans.append((m.start(), m.end()))
                covered = m.end()
                break
    marks = {m.group(1) for m in _FOOTNOTE_MARK_RE.finditer(text)}
    for m in _FOOTNOTE_LINE_RE.finditer(text):
        # A footnote's body starts a line with its number. Only a line after a long rule, or
        # after a blank line when its number is a footnote mark used in the text, counts.
        prev_end = text.rfind("\n", 0, m.start())
        prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
        previous = text[prev_start:prev_end] if prev_end >= 0 else "x"
        rule = len(previous) >= 10 and not previous.strip(" \t_-—")
        if rule or (not previous.strip() and m.group(1) in marks):
            spans.append((m.start(1), m.end(1)))
    return spans


def _mask(text: str, tokens: list[tuple[int, str]]) -> str:
    """The text with everything that only looks like a figure overwritten by '#'."""
    spans = sorted(_spans_to_mask(text, tokens))
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)
        if end <= start:
            continue
        pieces.append(text[pos:start])
        pieces.append("#" * (end - start))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _tokens(text: str) -> list[tuple[int, str]]:
    """Start and lower-cased text of every word (or digit run) of ``text``."""
    low = text.lower()
    if len(low) == len(text):  # lower-casing kept every offset (it does, bar a few scripts)
        return [(m.start(), m.group()) for m in _TOKEN_RE.finditer(low)]
    return [(m.start(), m.group().lower()) for m in _TOKEN_RE.finditer(text)]


def _matches(masked: str, tokens: list[tuple[int, str]]) -> Iterable[re.Match[str]]:
    """Matches of the figure grammar, tried only where a figure can start.

    Equivalent to ``figure_pattern().finditer(masked)`` for figures (each must hold a number
    token), but it tries the grammar only at the few word starts before each number instead of at
    every character, which is what makes a megabyte take well under a second.
    """
    grammar = figure_pattern()
    covered = 0
    numbers = _NUMBER_WORDS
    anchors = [i for i, (_s, w) in enumerate(tokens) if w[0].isdigit() or w in numbers]
    for i in anchors:
        start = tokens[i][0]
        if start < covered or masked[start] == "#":
            continue
        for j in range(max(0, i - 5), i + 1):
            c, w = tokens[j]
            if c < covered or (j < i and w not in _FIG_PREFIX):
                continue
            m = grammar.match(masked, c)
            if m is not None and m.end() > start:
                covered = m.end()
                yield m
                break


def _keep(raw: _Raw, text: str) -> bool:
    if raw.plain_year:
        return False
    if raw.unit == "count" and raw.kind == "single":
        if _TIME_AFTER_RE.match(text, raw.end):
            return False  # ages and durations: "before 18 years", "15-year-old"
        if raw.lone_one and (
            _ONE_AFTER_RE.match(text, raw.end)
            or _ONE_BEFORE_RE.search(text, max(0, raw.start - 20), raw.start)
            or text[raw.start : raw.end].lower() in ("un", "une", "zero")
        ):
            return False  # "one of its principles", French articles, "zero tolerance"
    return not _AGE_BEFORE_RE.search(text, max(0, raw.start - 25), raw.start)


_OPEN_RE = re.compile(r"\s*\(\s*")
# a ratio may name its whole before the bracket: "out of its 36 members (25 per cent)"
_NOUN_OPEN_RE = re.compile(r"(?:\s+[^\W\d_]+){0,3}\s*\(\s*")


def _scan(text: str) -> list[_Raw]:
    """Every figure of ``text`` in order: masked, matched, read and filtered, and a count or ratio
    followed by its percentage in brackets merged into one figure."""
    tokens = _tokens(text)
    masked = _mask(text, tokens)
    raws = []
    for m in _matches(masked, tokens):
        found = _read_match(m)
        for raw in found if isinstance(found, tuple) else (found,):
            if raw is not None and _keep(raw, text):
                raws.append(raw)
    merged: list[_Raw] = []
    for raw in raws:
        prev = merged[-1] if merged else None
        # "nine women out of its 36 members (25 per cent)": one figure, the printed share with
        # the counts behind it.
        if (
            prev is not None
            and raw.unit == "share"
            and raw.kind == "single"
            and (
                (prev.kind == "single" and _OPEN_RE.fullmatch(text, prev.end, raw.start))
                or (prev.kind == "ratio" and _NOUN_OPEN_RE.fullmatch(text, prev.end, raw.start))
            )
            and re.match(r"\s*\)", text[raw.end :])
        ):
            close = re.match(r"\s*\)", text[raw.end :])
            if close is None:  # pragma: no cover - the condition above checked it
                continue
            num = prev.numerator if prev.kind == "ratio" else prev.value
            merged[-1] = _Raw(
                value=raw.value,
                unit="share",
                qualifier=raw.qualifier if raw.qualifier != "exact" else prev.qualifier,
                start=prev.start,
                end=raw.end + close.end(),
                numerator=num,
                denominator=prev.denominator,
                decimals=raw.decimals,
                kind="ratio",
            )
            continue
        merged.append(raw)
    _infer_units(merged, text)
    return merged


_BARE_OF_RE = re.compile(r"\s+of\b", re.IGNORECASE)


def _infer_units(raws: list[_Raw], text: str) -> None:
    """A bare number inside a list of percentages reads as a percentage, with a note.

    "2.6 percent of military personnel, 4.7 of formed police unit personnel, 16.5 percent of ...":
    the middle figure lost its unit in print. It is read as a share when both neighbours are
    printed shares and it is followed by "of"; ``note`` says so.
    """
    for i in range(1, len(raws) - 1):
        raw, before, after = raws[i], raws[i - 1], raws[i + 1]
        if (
            raw.unit == "count"
            and raw.kind == "single"
            and raw.decimals is not None
            and before.unit == "share"
            and after.unit == "share"
            and before.kind == after.kind == "single"
            and raw.value <= 100
            and _BARE_OF_RE.match(text, raw.end)
            and raw.start - before.end < 120
            and after.start - raw.end < 120
        ):
            raw.unit = "share"
            raw.value = _share(Decimal(str(raw.value)))
            raw.note = "unit inferred: printed with no unit between two percentages"
