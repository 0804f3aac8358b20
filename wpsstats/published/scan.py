"""Finding figures in a text: where the grammar is tried, what is masked, how a match is read.

A text is split into words once. Spans that only look like figures (document symbols, resolution,
paragraph and page numbers, dates, ordinals, footnote marks and bodies, links) are overwritten with
'#' so that offsets stay valid; then the figure grammar is tried only where a figure can start, and
each match is read into numbers (:class:`_Raw`), dropping years, ages and durations. The public
entry points built on this are :func:`wpsstats.published.parse_figure` and
:func:`wpsstats.published.extract_figures`; nothing here is public.
"""

from __future__ import annotations

import functools
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
    _scale,
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
        reversed_range = False
        if b < a:
            if from_to:
                # "fell from 40 to 30 per cent": two figures, the start and the end of a change
                return _change_ends(m, (a, da, g1, s1, u1), (b, db, g2, s2, u2), is_share)
            if kind != "between":
                return None  # "10-3" is not a range
            # "between 92 and 83 per cent": a slip, kept (parse_figure raises on it)
            a, b, da, db = b, a, db, da
            reversed_range = True
        if from_to and _CHANGE_BEFORE_RE.search(
            m.string, max(0, m.start("between") - 80), m.start("between")
        ):
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
            note=_REVERSED if reversed_range else "",
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
    special = _read_special(m, qualifier, start, end)
    if special is not None:
        return special
    if m.group("maj") is not None:
        if qword:
            start = m.start("maj")
        return _Raw(
            value=0.5, unit="share", qualifier="more_than", start=start, end=end, kind="maj"
        )
    raw = _collapse(m.group("s"))
    value, decimals = _number(raw)
    if _DOT_THOUSANDS_RE.fullmatch(raw) and _COUNT_NOUN_RE.match(m.string, end):
        # "8.000 personnes": people are whole, so the dot groups thousands (as French prints)
        value, decimals = Decimal(raw.replace(".", "")), 0
    scale = m.group("sscale")
    if scale:
        value *= _scale(scale)
    if m.group("su"):
        change = m.group("chg")
        if change is not None and not re.search(r"points?", m.group("su"), re.IGNORECASE):
            # "a 37 per cent increase": a change relative to the earlier level, not a share
            rising = change.lower() in _RISING
            return _Raw(
                value=_share(value), unit="change", qualifier=qualifier, start=start, end=end,
                decimals=decimals, kind="change",
                note=f"relative {'increase' if rising else 'decrease'}",
            )  # fmt: skip
        if change is not None:  # "a 0.8 percentage point increase": a share, as before
            end = m.start("chg")
        if _CHANGE_BY_RE.search(m.string, max(0, start - 40), start) and not re.search(
            r"points?", m.group("su"), re.IGNORECASE
        ):
            verb = _CHANGE_BY_RE.search(m.string, max(0, start - 40), start)
            rising = verb is not None and verb.group(1).lower().startswith(_RISING_VERBS)
            return _Raw(
                value=_share(value), unit="change", qualifier=qualifier, start=start, end=end,
                decimals=decimals, kind="change",
                note=f"relative {'increase' if rising else 'decrease'}",
            )  # fmt: skip
        return _Raw(
            value=_share(value), unit="share", qualifier=qualifier, start=start, end=end,
            decimals=decimals,
        )  # fmt: skip
    if m.group("scur"):
        return _Raw(
            value=float(value), unit="money", qualifier=qualifier, start=start, end=end,
            decimals=decimals, kind="money", note=f"currency: {_currency(m.group('scur'))}",
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


_REVERSED = "reversed range: the higher end is printed first"
_DOT_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+")
_RISING = {"increase", "rise", "jump", "growth", "hausse", "augmentation"}
_RISING_VERBS = ("increas", "rose", "risen", "grew", "grown", "climb", "jump", "augment")
# "increased by 37 per cent", "decreased by almost 20 per cent", "a baissé de 12 %"
_CHANGE_BY_RE = re.compile(
    r"\b(increased|decreased|rose|risen|fell|fallen|grew|grown|declined|dropped|reduced|cut|"
    r"climbed|jumped|augmenté|diminué|baissé|reculé)\s+(?:by|de)\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)
_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "us dollars": "USD", "dollars": "USD", "€": "EUR",
    "eur": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "chf": "CHF", "fcfa": "XOF",
    "xof": "XOF", "francs cfa": "XOF",
}  # fmt: skip


def _currency(printed: str) -> str:
    return _CURRENCIES.get(_collapse(printed).lower().replace("us $", "us$"), printed.strip())


def _read_special(m: re.Match[str], qualifier: str, start: int, end: int) -> _Raw | None:
    """Money, rates and multiples: "$1.2 billion", "7.3 per 100,000", "1.5 times", "doubled"."""
    if m.group("money") is not None:
        value, decimals = _number(_collapse(m.group("mn")))
        if m.group("mscale"):
            value *= _scale(m.group("mscale"))
        return _Raw(
            value=float(value), unit="money", qualifier=qualifier, start=start, end=end,
            decimals=decimals, kind="money", note=f"currency: {_currency(m.group('cur'))}",
        )  # fmt: skip
    if m.group("rate") is not None or m.group("permil") is not None:
        if m.group("rate") is not None:
            num, decimals = _number(m.group("rate_n"))
            printed = _collapse(m.group("rate_d")).lower()
            den = Decimal(1000) if printed[:1].isalpha() else _number(printed)[0]
        else:
            (num, decimals), den = _number(m.group("pm")), Decimal(1000)
        if den == 0:
            return None
        return _Raw(
            value=float(num / den), unit="rate", qualifier=qualifier, start=start, end=end,
            numerator=float(num), denominator=float(den), decimals=decimals, kind="rate",
        )  # fmt: skip
    if m.group("times") is not None:
        value, decimals = _number(_collapse(m.group("tn")))
        return _Raw(
            value=float(value), unit="multiple", qualifier=qualifier, start=start, end=end,
            decimals=decimals, kind="multiple",
        )  # fmt: skip
    if m.group("mult") is not None:
        word = m.group("mult").lower()
        factor = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadr": 4.0, "halve": 0.5}.get(
            word[:5], 2.0
        )
        return _Raw(
            value=factor, unit="multiple", qualifier=qualifier, start=start, end=end,
            decimals=0, kind="multiple",
        )  # fmt: skip
    return None


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
            if j == i and c > covered:
                # a currency sign is no word: "$1.2 billion", "€ 5 million"
                sign = _SIGN_BEFORE_RE.search(masked, max(covered, c - 12), c)
                c = sign.start() if sign is not None else c
            m = grammar.match(masked, c)
            if m is not None and m.end() > start:
                covered = m.end()
                yield m
                break


# the white space a currency sign may stand apart by, as _CURRENCY_BEFORE allows it
_SIGN_BEFORE_RE = re.compile(r"[$€£](?:[^\S\n]*\n)?[^\S\n]*\Z")


def _keep(raw: _Raw, text: str) -> bool:
    if raw.plain_year:
        return False
    if raw.unit == "count" and raw.kind == "single":
        if _TIME_AFTER_RE.match(text, raw.end):
            return False  # ages and durations: "before 18 years", "15-year-old"
        if raw.lone_one and (
            _ONE_AFTER_RE.match(text, raw.end)
            or _ONE_BEFORE_RE.search(text, max(0, raw.start - 20), raw.start)
            or text[raw.start : raw.end].lower().split()[-1] in ("un", "une", "zero")
        ):
            return False  # "one of its principles", French articles, "zero tolerance"
        if text[raw.start : raw.end].lower() in ("cent", "cents") and _PER_BEFORE_RE.search(
            text, max(0, raw.start - 10), raw.start
        ):
            return False  # the unit of a number not read ("-5 per cent"), not a hundred
    return not _AGE_BEFORE_RE.search(text, max(0, raw.start - 25), raw.start)


_PER_BEFORE_RE = re.compile(r"\b(?:per|pour)\s*$", re.IGNORECASE)
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
    _flag(merged, text)
    stars = _table_stars(text)
    if stars:
        merged = sorted(merged + stars, key=lambda r: r.start)
    return merged


_AVERAGE_RE = re.compile(r"\b(?:on\s+average|an\s+average\s+of|average\s+of|en\s+moyenne)\b", re.I)
_TABLE_BRACKET_RE = re.compile(r"\(\s*$")


_STAR_RE = re.compile(r"(?<=[ \t])\*(?=[ \t]|$)", re.MULTILINE)
# a cell of a table row: a number, a bracketed number or an asterisk
_CELL_RE = re.compile(r"\*|\(?\d+(?:[.,]\d+)?\)?")


@functools.lru_cache(maxsize=1024)  # each star or bracket of a row asks about the same line
def _row_cells_start(line: str) -> int | None:
    """Where the cells that end ``line`` start, if it is a table row: at least three cells,
    asterisks counted, at least one a number. A row whose percentages are all withheld keeps one
    number, its base ("Supérieur * * * 19", Haiti EMMUS-VI key indicators, page 27)."""
    first, cells, numbers = None, 0, 0
    # from the right, word by word: a regular expression anchored at the line's end would try
    # every start and take time quadratic in a long line of numbers
    for word in reversed(list(re.finditer(r"\S+", line))):
        if not _CELL_RE.fullmatch(word.group()):
            break
        first, cells, numbers = word.start(), cells + 1, numbers + (word.group() != "*")
    return first if cells >= 3 and numbers else None


def _in_table_row(text: str, start: int) -> bool:
    """Whether ``start`` falls among the cells that end a table row (:func:`_row_cells_start`)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    first = _row_cells_start(text[line_start : line_end if line_end >= 0 else len(text)])
    return first is not None and line_start + first <= start


def _table_stars(text: str) -> list[_Raw]:
    """A lone asterisk in a table row (:func:`_in_table_row`): a DHS cell suppressed (fewer than
    25 unweighted cases)."""
    out = []
    for m in _STAR_RE.finditer(text):
        if _in_table_row(text, m.start()):
            out.append(
                _Raw(
                    value=_NAN,
                    unit="count",
                    qualifier="exact",
                    start=m.start(),
                    end=m.end(),
                    kind="star",
                    note="an asterisk in a table: DHS, fewer than 25 unweighted cases, suppressed",
                )
            )
    return out


def _flag(raws: list[_Raw], text: str) -> None:
    """Notes on what a figure is, read from its neighbours.

    A share "on average" is a mean of shares (of units of different sizes), not the share of one
    whole. A decimal number in brackets in a table row (:func:`_in_table_row`) is a DHS cell resting
    on 25-49 unweighted cases ("(12,4)"). A minus sign before a figure ("−3 per cent") is not
    read into its value: whether it is a fall, relative or in points, the figure does not say.
    """
    for raw in raws:
        before = text[max(0, raw.start - 2) : raw.start]
        if not raw.note and before.endswith("−") and not before[:1].isdigit():
            raw.note = "printed with a minus sign, which the value leaves out: a fall, not a share"
        elif (
            raw.unit == "share"
            and not raw.note
            and (
                _AVERAGE_RE.search(text, max(0, raw.start - 30), raw.start)
                or _AVERAGE_RE.match(text, raw.end, raw.end + 30)
                or _AVERAGE_RE.search(text[raw.end : raw.end + 30])
            )
        ):
            raw.note = "on average: a mean of shares, not the share of one whole"
        elif (
            raw.unit == "count"
            and raw.kind == "single"
            and raw.decimals
            and _TABLE_BRACKET_RE.search(text, max(0, raw.start - 2), raw.start)
            and text.startswith(")", raw.end)
            and _in_table_row(text, raw.start)
        ):
            raw.note = "in brackets in a table: DHS, based on 25-49 unweighted cases"


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
