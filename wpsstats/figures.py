"""Published figures: parsing, extraction, consistency checks and reproduction of a report.

Reports print their numbers as phrases: "more than nine out of 10 married girls", "between 83 and
92 percent", "just under 8,000 depositions", "près de quatre sur dix". This module turns such
phrases into numbers with explicit bounds (:func:`parse_figure`, :func:`extract_figures`),
checks whether a printed percentage can come from whole counts at all (:func:`consistent_percent`,
:func:`possible_counts`, :func:`implied_fraction`, the GRIM test of Brown & Heathers), checks UN
document symbols (:func:`check_symbol`), and re-derives every bundled figure of a source
(:func:`reproduce`).

The module is imported eagerly by ``import wpsstats``: it uses only the standard library, numpy and
pandas at module level.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ._checks import series_index

__all__ = [
    "Figure",
    "ImpliedFraction",
    "SymbolCheck",
    "check_symbol",
    "consistent_percent",
    "extract_figures",
    "implied_fraction",
    "parse_figure",
    "possible_counts",
    "reproduce",
]

QUALIFIERS = (
    "exact",
    "approx",
    "more_than",
    "at_least",
    "less_than",
    "at_most",
    "nearly",
    "just_over",
    "between",
)
UNITS = ("share", "count")
VERDICTS = ("consistent", "inconsistent", "not_checkable")
_QUALIFIER_CODE = {q: i for i, q in enumerate(QUALIFIERS)}
_UNIT_CODE = {u: i for i, u in enumerate(UNITS)}
_QUALIFIER_DTYPE = pd.CategoricalDtype(list(QUALIFIERS))
_UNIT_DTYPE = pd.CategoricalDtype(list(UNITS))

_NAN = float("nan")


# --------------------------------------------------------------------------------------------------
# The Figure record
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One published figure, as numbers.

    Attributes
    ----------
    value : float
        The figure: a fraction in [0, 1] for shares ("25 per cent" is 0.25), the number for counts;
        the midpoint of a range.
    lower, upper : float
        Bounds the phrase sets, NaN where it sets none: ``lower = upper = value`` for an exact
        figure, ``lower = value`` for "more than", "at least" and "just over", ``upper = value`` for
        "less than", "at most" and "nearly", both ends for a range, neither for "about".
    qualifier : str
        exact, approx, more_than, at_least, less_than, at_most, nearly, just_over or between.
    unit : str
        "share" or "count".
    text : str
        The figure's phrase as printed, white space collapsed to single spaces.
    numerator, denominator : float
        The two numbers of "nine out of 10" or "four in ten" (NaN otherwise).
    decimals : int or None
        Decimal places of the number as printed, in the printed unit (per cent for shares, millions
        for "2.5 million"); 0 for a number in words ("twelve", "three percent"), which is whole;
        None where no single number is printed in the value's unit: ratios ("nine out of 10"),
        fractions ("a third") and "a majority".
    start, end : int
        Span of the phrase in the text it was read from: ``text_read[start:end]``.
    note : str
        Set when something was inferred, e.g. a unit taken from the neighbouring figures.
    """

    value: float
    lower: float
    upper: float
    qualifier: str
    unit: str
    text: str
    numerator: float = _NAN
    denominator: float = _NAN
    decimals: int | None = None
    start: int = 0
    end: int = 0
    note: str = field(default="", compare=True)


# --------------------------------------------------------------------------------------------------
# The grammar of a printed figure
# --------------------------------------------------------------------------------------------------

_EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_FR_SMALL = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
}  # fmt: skip
_SMALL = {**_EN_SMALL, **_FR_SMALL}
_HUNDRED = {"hundred", "cent", "cents"}
_SCALE = {
    "thousand": 1_000, "mille": 1_000, "million": 1_000_000, "millions": 1_000_000,
    "billion": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
}  # fmt: skip

_EN_UNIT = "nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one|zero"  # noqa: E501
_EN_DIGIT = "nine|eight|seven|six|five|four|three|two|one"
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_W99 = rf"(?:(?:{_EN_TENS})(?:[ \t-]+(?:{_EN_DIGIT})\b)?|(?:{_EN_UNIT}))\b"
_W999 = rf"(?:(?:{_W99}|a)\s+hundred\b(?:\s+(?:and\s+)?{_W99})?|{_W99})"
_WEN = rf"(?:(?:{_W999}|a)\s+(?:thousand|million|billion)\b(?:,?\s+(?:and\s+)?{_W999})?|{_W999})"

_FR_UNIT = "dix-sept|dix-huit|dix-neuf|onze|douze|treize|quatorze|quinze|seize|une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix"  # noqa: E501
_FR_TENS = "quatre-vingt-dix|quatre-vingts?|soixante-dix|soixante|cinquante|quarante|trente|vingt"
_F99 = rf"(?:(?:{_FR_TENS})(?:(?:-et-|\s+et\s+|-)(?:{_FR_UNIT}))?|(?:{_FR_UNIT}))\b"
_F999 = rf"(?:(?:{_F99}\s+)?cents?\b(?:\s+{_F99})?|{_F99})"
_WFR = rf"(?:(?:{_F999}\s+)?mille\b(?:\s+{_F999})?|{_F999}\s+(?:millions?|milliards?)\b|{_F999})"

_SPACE_SEP = "[ \u00a0\u202f\u2009]"
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
    rf"|\d{{1,3}}(?:{_SPACE_SEP}\d{{3}})+(?:,\d+)?(?!\d)"
    r"|\d+,\d{1,2}(?![\d,])"  # a decimal comma, as French prints it: 6,1 ; 52,5 %
    r"|\d+(?:\.\d+)?(?!\d))"
)
_NUM = rf"(?:{_DIGITS}|\b{_WEN}|\b{_WFR})"

_PCT = (
    r"(?:\s*%|\s*per\s*cent\b|\s*percent\b|\s+percentage\s+points?\b|\s+pour\s*cent\b"
    r"|\s*pourcent\b|\s+p\.\s*100\b|\s+points?\s+de\s+pourcentage\b)"
)
_SCALE_WORD = r"(?:\s+(?:million|billion|thousand|millions|milliards?|mille)\b)"

_FRAC_EN_NUM = "a|one|two|three|four|five|six|seven|eight|nine"
_FRAC_EN_DEN = (
    "halves|half|thirds|third|quarters|quarter|fourths|fourth|fifths|fifth|sixths|sixth|"
    "sevenths|seventh|eighths|eighth|ninths|ninth|tenths|tenth"
)
_FRAC_FR_NUM = "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf"
_FRAC_FR_DEN = "tiers|quarts|quart|cinquièmes|cinquième|dixièmes|dixième"
# Words that make "a third", "a quarter" an ordinal or a name, not a share: "a third time",
# "a third party", "a quarter century"; and "half" of a period: "the second half of 2017".
_NOT_SHARE_NOUN = (
    r"(?!\s+(?:times?|party|parties|century|centuries|world|way|round|term|generation|wave|"
    r"countr(?:y|ies)|estate|person)\b)"
)
_HALF = (
    r"(?<!first )(?<!second )(?<!latter )(?<!former )(?<!other )\bhalf\b(?!-)"
    r"(?!\s+(?:of\s+)?(?:the\s+|a\s+)?(?:(?:19|20)\d\d|year|decade|century|month)\b)"
)
_FRAC = (
    rf"(?:\b(?:{_FRAC_EN_NUM})[ \t-]+(?:{_FRAC_EN_DEN})\b{_NOT_SHARE_NOUN}"
    rf"|\b(?:{_FRAC_FR_NUM})\s+(?:{_FRAC_FR_DEN})\b"
    rf"|\bla\s+moitié\b|\bmoitié\b|{_HALF})"
)
_MAJ = r"(?:\b(?:a|the|la)\s+(?:(?:large|vast|great|grande)\s+)?(?:majority|majorité)\b)"

_QUAL_WORDS: dict[str, tuple[str, ...]] = {
    "just_over": (
        "just over", "just above", "slightly more than", "slightly over", "slightly above",
        "a little over", "a little more than", "un peu plus de", "un peu plus d'",
        "légèrement plus de", "à peine plus de",
    ),
    "nearly": (
        "just under", "just below", "slightly less than", "slightly fewer than", "nearly",
        "almost", "close to", "près de", "près d'", "presque", "pratiquement", "quasiment",
        "un peu moins de", "un peu moins d'",
    ),
    "at_least": (
        "at least", "no fewer than", "no less than", "not less than", "not fewer than",
        "a minimum of", "a minimum level of", "au moins", "pas moins de", "au minimum",
        "un minimum de",
    ),
    "at_most": (
        "up to", "at most", "no more than", "not more than", "a maximum of", "au plus",
        "pas plus de", "jusqu'à", "au maximum", "un maximum de",
    ),
    "more_than": (
        "more than", "over", "above", "upwards of", "in excess of", "greater than", "plus de",
        "plus d'", "au-delà de", "supérieur à", "supérieure à",
    ),
    "less_than": (
        "less than", "fewer than", "under", "below", "moins de", "moins d'", "inférieur à",
        "inférieure à",
    ),
    "approx": (
        "about", "around", "some", "roughly", "approximately", "an estimated", "estimated at",
        "circa", "approx.", "environ", "quelque", "quelques", "approximativement", "autour de",
        "à peu près", "aux alentours de", "estimé à", "estimée à",
    ),
}  # fmt: skip
_QUAL_OF: dict[str, str] = {w: q for q, words in _QUAL_WORDS.items() for w in words}


def _qual_alt(word: str) -> str:
    parts = [re.escape(p) for p in word.split(" ")]
    body = r"\s+".join(parts).replace("'", "['’]")
    return body


_QUAL_RE = "|".join(_qual_alt(w) for w in sorted(_QUAL_OF, key=len, reverse=True))

_RATIO_DET = r"(?:(?:the|its|their|all|les|des|ses|leurs)\s+)?"
_FIGURE_RE = re.compile(
    rf"""
    (?<![\w./\-–—#])
    (?:(?P<q>\b(?:{_QUAL_RE}))(?:(?<=['’])|\s+))?
    (?:
        (?P<between>\b(?:between|entre|from|de)\s+(?P<b1>{_NUM})(?P<bs1>{_SCALE_WORD})?
            (?P<bu1>{_PCT})?\s+(?:and|et|to|à)\s+(?P<b2>{_NUM})(?P<bs2>{_SCALE_WORD})?
            (?P<bu2>{_PCT})?)
      | (?P<ratio>(?P<rn>{_NUM})(?:\s+[^\W\d_]+){{0,3}}?\s+(?:out\s+of|sur)\s+{_RATIO_DET}
            (?P<rd>{_NUM}))
      | (?P<ratio_in>(?P<in_n>{_NUM})\s+in\s+(?:every\s+)?(?!(?:1[89]|20)\d\d\b)(?P<in_d>{_NUM}))
      | (?P<frac>{_FRAC})
      | (?P<maj>{_MAJ})
      | (?P<range>(?P<r1>{_DIGITS})(?P<rs1>{_SCALE_WORD})?(?P<ru1>{_PCT})?
            (?:\s*[-–—]\s*|\s+to\s+|\s+à\s+)(?P<r2>{_DIGITS})(?P<rs2>{_SCALE_WORD})?
            (?P<ru2>{_PCT})?)
      | (?P<wrange>(?P<w1>\b{_WEN}|\b{_WFR})(?P<ws1>{_SCALE_WORD})?(?P<wu1>{_PCT})?
            \s+(?:to|à)\s+(?P<w2>\b{_WEN}|\b{_WFR})(?P<ws2>{_SCALE_WORD})?(?P<wu2>{_PCT})?)
      | (?P<single>(?P<s>{_NUM})(?P<sscale>{_SCALE_WORD})?(?P<su>{_PCT})?)
    )
    (?![\w/]|\.\d|,\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Spans that only look like figures: masked (overwritten with '#') before the figure grammar runs,
# so that offsets into the text stay valid.
_MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sep\.|Sept\.|Oct\.|Nov\.|Dec\."
)
_MONTHS_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_REF_WORDS = (
    r"paragraphs?|paras?\.?|articles?|annex(?:es)?|annexe|chapters?|chapitre|sections?|pages?"
    r"|(?<!\d\s)(?<!\d\u00a0)pp?\.|footnotes?|notes?\s+(?=\d)|items?|rules?|clauses?|tables?"
    r"|figures?\s+(?=\d)|boxes?"
    r"|appendix|alinéa|tableau|graphique|encadré|no\.|n°|nos\."
)
_MASK_RE = re.compile(
    "|".join(
        [
            r"https?://\S+|www\.\S+",
            # UN and other document symbols: S/2016/682, S/RES/2242 (2015), E/CN.6/2018/1
            r"\b[A-Z]{1,6}(?:\.\d+)?(?:/[A-Za-z0-9.\-]+)+(?:\s*\(\d{4}\))?",
            # resolution numbers, with the lists that follow them
            r"(?i:\b(?:resolutions?|résolutions?|UNSCR|SCR)\b)(?:\s*\(…\)|\s*\(\.\.\.\))?\s*"
            r"\d{1,4}(?:\s*\(\d{4}\))?(?:\s*(?:,|and|et|&)\s*\d{1,4}(?:\s*\(\d{4}\))?)*",
            # a number with a year in brackets is a resolution: 2331 (2016)
            r"\b\d{3,4}\s*\(\d{4}\)",
            # paragraph, article, page, table and footnote numbers
            rf"(?i:\b(?:{_REF_WORDS})\s*)\d+[a-z]?(?:\.\d+)*"
            r"(?:\s*(?:,|and|et|to|à|-|–)\s*\d+[a-z]?(?:\.\d+)*)*",
            r"\b(?:OP|PP|SDGs?|Goal|Target|Indicator|Objectif|Cible)\s*\d+(?:\.\d+)*",
            r"\(\d{1,2}\)",
            # dates and times
            rf"\b\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:{_MONTHS_EN}|{_MONTHS_FR})(?!\w)",
            rf"\b(?:{_MONTHS_EN})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",
            r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b",
            # ordinals: 30th, 1er, 3e
            r"\b\d+(?:st|nd|rd|th|er|ère|ème|eme|e)\b",
            # digits glued to letters are names (G5, FC-G5S) or footnote marks (conflict.1)
            r"(?<=[^\W\d_])\d+",
            r"(?<=[^\W\d_][.,;:!?”’\")\]])\d{1,3}(?![\d.,]\d)",
        ]
    )
)
_FOOTNOTE_LINE_RE = re.compile(r"(?m)^[ \t]*(\d{1,2})(?=[ \t]+[A-ZÀ-Ý])")
_FOOTNOTE_MARK_RE = re.compile(r"(?<=[^\W\d_][.,;:!?”’\")\]])(\d{1,3})(?=\s|$)")

_AGE_BEFORE_RE = re.compile(
    r"(?:\baged?|\bages|\bâgée?s?\s+de|\bage\s+of|\bâge\s+de|\bages\s+of"
    # "children under 5", "girls over 15", "enfants de moins de 5 ans": an age, with its qualifier
    r"|\b(?:children|girls|boys|adolescents|youths?|infants|enfants|filles|garçons)"
    r"(?:\s+de)?)\s*$",
    re.IGNORECASE,
)
_TIME_AFTER_RE = re.compile(
    r"\s*-?\s*(?:years?|yrs?|ans|an|months?|mois|weeks?|semaines?|days?|jours?|hours?|heures?)\b",
    re.IGNORECASE,
)
_ONE_AFTER_RE = re.compile(
    r"\s+(?:of|another|or|and|by|at|in|on|to|such|way|hand|day|time|side|who|which|that|more|"
    r"less|another|thing|way)\b",
    re.IGNORECASE,
)
_ONE_BEFORE_RE = re.compile(
    r"\b(?:no|any|each|every|this|that|the|which|someone|anyone|no\s+one|at)\s+$", re.IGNORECASE
)
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")
# A verb of change just before "from X to Y" makes it the two ends of a change, not a range,
# even when it rises: "rose from 10 to 20 per cent" (up to two words, "rose sharply from").
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:rose|risen|rising|increased|increasing|grew|grown|growing|climbed|jumped|doubled|"
    r"tripled|went\s+up|gone\s+up|augmenté|augmentée|progressé|passé|passée)(?:\s+\w+){0,2}\s+$",
    re.IGNORECASE,
)
# Nouns that make a range of year-like numbers a count: "between 1800 and 2000 women".
_COUNT_NOUN_RE = re.compile(
    r"\s+(?:women|men|girls|boys|people|persons|individuals|children|adults|survivors|victims|"
    r"refugees|migrants|civilians|combatants|soldiers|troops|peacekeepers|police|officers|"
    r"personnel|staff|members|delegates|participants|candidates|voters|cases|incidents|deaths|"
    r"killings|households|families|villages|schools|femmes|hommes|filles|garçons|personnes|"
    r"enfants|victimes|réfugiés|cas|membres|soldats|ménages|villages)\b(?!['’])",
    re.IGNORECASE,
)
# A year-like number followed by a count noun is a count ("2000 women were surveyed"), unless a
# word of time comes before it ("in 2000 women voted", "depuis 2012 les femmes").
_TIME_BEFORE_RE = re.compile(
    r"\b(?:in|by|since|until|till|from|during|before|after|through|early|late|mid|"
    r"en|depuis|avant|après|dès|vers)\s+$",
    re.IGNORECASE,
)
_WS_RE = re.compile(r"\s+")
_WORD_TOKEN_RE = re.compile(r"[a-zà-ÿ]+")


def _collapse(s: str) -> str:
    return _WS_RE.sub(" ", s).strip()


def _digits_value(s: str) -> tuple[Decimal, int]:
    """Value and printed decimals of a digit string: '1,279' '8 000' '2.5' '52,5'."""
    s = _WS_RE.sub("", s).replace("\u202f", "").replace("\u00a0", "").replace("\u2009", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    decimals = len(s.split(".")[1]) if "." in s else 0
    return Decimal(s), decimals


def _words_value(s: str) -> int:
    """Value of a number in words, English or French: 'thirty-two', 'quatre-vingts'."""
    tokens = _WORD_TOKEN_RE.findall(s.lower().replace("-", " "))
    total = 0
    current = 0
    previous = ""
    for tok in tokens:
        if tok in ("and", "et"):
            continue
        if tok == "a":
            current += 1
        elif tok in ("vingt", "vingts") and previous == "quatre":
            current += 76  # quatre-vingt(s) = 4 x 20, and 4 is already in current
        elif tok in _SMALL or tok in ("six",):
            current += _SMALL.get(tok, 6)
        elif tok in _HUNDRED:
            current = max(current, 1) * 100
        elif tok in _SCALE:
            total += max(current, 1) * _SCALE[tok]
            current = 0
        previous = tok
    return total + current


def _number(s: str) -> tuple[Decimal, int]:
    """Value of a printed number and its decimals (0 for words)."""
    s = s.strip()
    if s[:1].isdigit():
        return _digits_value(s)
    return Decimal(_words_value(s)), 0  # a number in words is a whole number


def _end_scale(raw: str, scale_word: str | None) -> int:
    """The scale of one end of a range: "3" + " million", or the last word of "three million"."""
    if scale_word:
        return _SCALE[scale_word.strip().lower()]
    last = _WORD_TOKEN_RE.findall(raw.lower())[-1:] if not raw[:1].isdigit() else []
    return _SCALE.get(last[0], 1) if last else 1


_FRAC_DEN_VALUE = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "tiers": 3,
    "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
}  # fmt: skip


def _bounds(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "exact":
        return value, value
    if qualifier in ("more_than", "at_least", "just_over"):
        return value, _NAN
    if qualifier in ("less_than", "at_most", "nearly"):
        return _NAN, value
    return _NAN, _NAN


@dataclass
class _Raw:
    """A figure while it is being read; becomes a :class:`Figure`."""

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

    def figure(self, text: str) -> Figure:
        lower, upper = (
            (self.lower, self.upper)
            if self.qualifier == "between"
            else _bounds(self.value, self.qualifier)
        )
        return Figure(
            value=self.value,
            lower=lower,
            upper=upper,
            qualifier=self.qualifier,
            unit=self.unit,
            text=_collapse(text[self.start : self.end]),
            numerator=self.numerator,
            denominator=self.denominator,
            decimals=self.decimals,
            start=self.start,
            end=self.end,
            note=self.note,
        )


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


_TOKEN_RE = re.compile(r"\w+")
_NUMBERED_PARA_RE = re.compile(r"(?m)^[ \t]*\(?(\d{1,3})[.)](?=[ \t]+[A-Z(“\"])")
_URL_RE = re.compile(r"https?://\S+|www\.\S+")

# Words that can start a mask span, and words that can start a figure (qualifiers, "between",
# fraction numerators, "the majority"); the grammar is only tried at these and at numbers.
_MASK_PREFIX = {
    "resolution", "resolutions", "résolution", "résolutions", "unscr", "scr", "paragraph",
    "paragraphs", "para", "paras", "article", "articles", "annex", "annexes", "annexe", "chapter",
    "chapters", "chapitre", "section", "sections", "page", "pages", "p", "pp", "footnote",
    "footnotes", "note", "notes", "item", "items", "rule", "rules", "clause", "clauses", "table",
    "tables", "figure", "figures", "box", "boxes", "appendix", "alinéa", "tableau", "graphique",
    "encadré", "no", "n", "nos", "op", "sdg", "sdgs", "goal", "target", "indicator",
    "objectif", "cible",
}  # fmt: skip
_MONTH_WORDS = {w.rstrip(".").lower() for w in (_MONTHS_EN + "|" + _MONTHS_FR).split("|")}
_FIG_PREFIX = (
    {w.split(" ")[0].split("'")[0] for w in _QUAL_OF}
    | {"between", "entre", "from", "de", "a", "the", "la", "an"}
    | set(_FRAC_EN_NUM.split("|"))
    | set(_FRAC_FR_NUM.split("|"))
)
_NUMBER_WORDS = (
    set(_SMALL)
    | _HUNDRED
    | set(_SCALE)
    | {"six", "half", "moitié", "majority", "majorité"}
    | set(_FRAC_DEN_VALUE)
)


def _spans_to_mask(text: str, tokens: list[tuple[int, str]]) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _NUMBERED_PARA_RE.finditer(text)]
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
            m = _MASK_RE.match(text, c)
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

    Equivalent to ``_FIGURE_RE.finditer(masked)`` for figures (each must hold a number token), but
    it tries the grammar only at the few word starts before each number instead of at every
    character, which is what makes a megabyte take well under a second.
    """
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
            m = _FIGURE_RE.match(masked, c)
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


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

_ABBREV = {
    "mr", "ms", "mrs", "dr", "no", "nos", "p", "pp", "para", "paras", "e.g", "i.e", "vs", "st",
    "art", "vol", "cf", "approx", "u.s", "u.n", "fig", "op", "m", "mme", "n°",
}  # fmt: skip
_SENT_END_RE = re.compile(r"[.!?…][\"”’)\]]*\d{0,2}(?=\s+[“\"‘(]?[A-ZÀ-Ý0-9])")


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (sorted, starting with 0)."""
    starts = [0]
    for m in _SENT_END_RE.finditer(text):
        word = re.search(r"([\w.°]+)[.!?…]$", text[max(0, m.start() - 12) : m.start() + 1])
        if word and word.group(1).lower().rstrip(".") in _ABBREV:
            continue
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        starts.append(nxt)
    # Paragraph breaks end a sentence too. Text whose every line is followed by a blank line (as
    # pdftotext prints) marks paragraphs with two or more blank lines instead of one.
    lines = text.split("\n")
    double_spaced = len(lines) > 4 and sum(1 for ln in lines if not ln.strip()) >= len(lines) // 2
    para = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+" if double_spaced else r"\n[ \t]*\n")
    if double_spaced:
        para = re.compile(r"\n(?:[ \t]*\n)*[ \t]+\n(?:[ \t]*\n)*|\n[ \t]*\n[ \t]*\n")
    ends = sorted(set(starts))
    for m in para.finditer(text):
        # a page break inside a sentence looks like a paragraph break: the text before it ends
        # without a stop and the text after goes on in lower case ("gender-based violence
        # \n\n\n\nsurvivors do not ..."); the sentence goes on across it, unless the page's
        # footnotes or links stand between its two halves (then the break is kept, as before)
        last = _LAST_CHAR_RE.search(text, max(0, m.start() - 200), m.start())
        following = _NEXT_CHAR_RE.match(text, m.end())
        if (
            last is not None
            and last.group(1) not in _SENTENCE_STOPS
            and following is not None
            and following.group(1).islower()
        ):
            since = ends[bisect.bisect_right(ends, m.start()) - 1]
            if not _PAGE_FURNITURE_RE.search(text, max(0, since - 2), m.start()):
                continue
        bisect.insort(ends, m.end())
    return sorted(set(ends))


_SENTENCE_STOPS = frozenset(".!?…:;)]”\"'’")
_LAST_CHAR_RE = re.compile(r"(\S)\s*\Z")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
# what a page's foot puts inside a sentence that runs on to the next page: links, the rule
# line of spaces above the footnotes, a footnote ("1 Mouvement national ...")
_PAGE_FURNITURE_RE = re.compile(r"https?://|www\.|\n[ \t]{10,}\n|\n[ \t]*\d{1,2}[ \t]+[A-ZÀ-Ý]")


# --------------------------------------------------------------------------------------------------
# Public: parse_figure, extract_figures
# --------------------------------------------------------------------------------------------------


def parse_figure(text: str) -> Figure:
    """Read the one figure in a phrase.

    Parameters
    ----------
    text : str
        A phrase holding exactly one figure, other words allowed: "more than 52 per cent of
        girls", "nine women out of its 36 members (25 per cent)", "près de quatre sur dix".

    Returns
    -------
    Figure
        ``value`` (shares as fractions, counts as numbers), ``lower``, ``upper``, ``qualifier``,
        ``unit``, ``text`` (the figure's own phrase), ``numerator`` and ``denominator`` of a ratio,
        ``decimals`` as printed, and the ``start``/``end`` of the phrase in ``text``.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``text`` holds no figure (years, dates, document symbols, resolution and paragraph
        numbers and footnote marks are not figures), or more than one.

    Notes
    -----
    What a phrase means follows DESIGN.md ("Published figures: what a phrase means"):

    * shares: "25 per cent", "25%", "three percent", "nine out of 10", "one in five", "half",
      "a third", "two thirds", "a majority" (= more than 0.5), "52 pour cent", "quatre sur dix";
      counts: "8,000", "8 000" (space or narrow no-break space), "2.5 million", "a thousand",
      "thirty-two", "quatre-vingts";
    * qualifiers: approx ("about", "around", "some", "roughly", "approximately", "an estimated",
      "environ"): no bounds; more_than ("more than", "over", "above", "upwards of", "plus de") and
      at_least ("at least", "no fewer than", "a minimum of", "au moins"): ``lower = value``;
      less_than ("less than", "fewer than", "under", "below", "moins de") and at_most ("up to",
      "at most", "no more than", "au plus"): ``upper = value``; nearly ("nearly", "almost",
      "just under", "près de", "presque"): ``upper = value``; just_over ("just over", "slightly
      more than"): ``lower = value``; between ("between 83 and 92 percent", "83–92 per cent",
      "from 83 to 92", "entre 83 et 92 %"): both bounds, ``value`` the midpoint.

    A figure followed by its percentage in brackets is one figure: the printed percentage is the
    value and the counts are its numerator and denominator.

    References
    ----------
    The qualifier vocabulary and the meaning of each phrase are the project's contract
    (DESIGN.md, "Published figures: what a phrase means"); the French forms are the examples that
    contract and issue 5 give ("plus de 52 pour cent", "près de quatre sur dix", "environ 8 000",
    "entre 83 et 92 %"), not a survey of Malian publications.

    Examples
    --------
    >>> from wpsstats.figures import parse_figure
    >>> f = parse_figure("More than nine out of 10 married girls aged 15–19 are illiterate")
    >>> f.value, f.lower, f.qualifier, f.unit, f.numerator, f.denominator
    (0.9, 0.9, 'more_than', 'share', 9.0, 10.0)
    >>> f = parse_figure("between 83 and 92 percent of survivors")
    >>> round(f.value, 3), f.lower, f.upper, f.qualifier
    (0.875, 0.83, 0.92, 'between')
    >>> parse_figure("just under 8,000 depositions").upper
    8000.0
    >>> f = parse_figure("environ 8\u202f000 dépositions")
    >>> f.value, f.qualifier
    (8000.0, 'approx')
    >>> parse_figure("plus de la moitié des femmes").lower
    0.5
    >>> parse_figure("resolution 2391 (2017)")
    Traceback (most recent call last):
    ...
    ValueError: no figure in text 'resolution 2391 (2017)'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}: {text!r}")
    raws = _scan(text)
    if not raws:
        raise ValueError(f"no figure in text {_short(text)!r}")
    if len(raws) > 1:
        found = ", ".join(repr(_collapse(text[r.start : r.end])) for r in raws[:5])
        raise ValueError(
            f"text {_short(text)!r} holds {len(raws)} figures ({found}); parse_figure reads "
            "exactly one: use extract_figures for several"
        )
    return raws[0].figure(text)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


_EXTRACT_COLUMNS = [
    "value", "lower", "upper", "qualifier", "unit", "phrase", "sentence", "start", "end",
    "numerator", "denominator", "decimals", "note",
]  # fmt: skip


def extract_figures(text: str) -> pd.DataFrame:
    """Find every figure in a text.

    Parameters
    ----------
    text : str
        A document or any part of one, English or French.

    Returns
    -------
    pandas.DataFrame
        One row per figure, in order of appearance: ``value``, ``lower``, ``upper``,
        ``qualifier``, ``unit`` (as :func:`parse_figure`), ``phrase`` (the figure's words, white
        space collapsed), ``sentence`` (the sentence holding it, collapsed), ``start`` and ``end``
        (``text[start:end]`` is the phrase as printed), ``numerator``, ``denominator``,
        ``decimals`` and ``note`` (set when a unit was inferred).

    Notes
    -----
    Not figures, and never extracted: years ("in 2017", "2015-16"), dates ("June 30th",
    "30 juin"), document symbols ("S/2016/682") and links, resolution numbers ("resolution 2391",
    "1325 (2000)"), paragraph, page, article and goal numbers ("OP 27", "18. Underlines",
    "paragraph 7", "SDG 5"), ages and durations ("aged 15–19", "before 18 years"), ordinals
    ("30th"), names with digits ("G5 Sahel") and footnote marks and bodies ("armed conflict.1").
    A year-like number followed by people is a count ("2000 women were surveyed"), unless a word
    of time comes before it ("in 2019 women held..."); after a qualifier word without people
    ("Around 2015, ...") it is a year. Ages with their qualifier ("children under 5") and
    ordinal fractions ("a third time", "the second half of 2017") are not figures either.

    A decimal comma with one or two digits is read as French prints it ("6,1", "52,5 p. 100");
    three digits after a comma are a thousands group ("1,200"). A range in words ("two to three
    million") is one range; "one to one" is no figure. A falling "from X to Y" ("fell
    from 40 to 30 per cent") gives two figures, the ends of the change, and so does a rising one
    after a verb of change ("rose from 10 to 20 per cent", "passé de 10 à 20 %"); any other
    rising one is read as a range, as "from 83 to 92 per cent" usually is.

    A bare number between two percentages and followed by "of" ("2.6 percent of military
    personnel, 4.7 of formed police unit personnel, 16.5 percent of ...") is read as a
    percentage, and ``note`` says that the unit was inferred.

    References
    ----------
    The sentence splitter follows the usual rule (a full stop, then white space and a capital),
    with abbreviations ("Ms.", "p.") and paragraph breaks handled; see Kiss & Strunk (2006),
    "Unsupervised multilingual sentence boundary detection", Computational Linguistics 32(4).

    Examples
    --------
    >>> from wpsstats.figures import extract_figures
    >>> text = (
    ...     "In 2017, MINUSMA documented 16 cases (S/2018/250). More than 52 per cent of "
    ...     "girls are married before 18 years."
    ... )
    >>> extract_figures(text)[["phrase", "value", "qualifier", "unit"]]
                      phrase  value  qualifier   unit
    0                     16  16.00      exact  count
    1  More than 52 per cent   0.52  more_than  share
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}: {text!r}")
    raws = _scan(text)
    figures = [r.figure(text) for r in raws]
    bounds = _sentence_bounds(text) if figures else [0]
    rows: dict[str, list[Any]] = {c: [] for c in _EXTRACT_COLUMNS}
    for f in figures:
        i = bisect.bisect_right(bounds, f.start) - 1
        s_start = bounds[i]
        s_end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        s_end = max(s_end, f.end)
        rows["value"].append(f.value)
        rows["lower"].append(f.lower)
        rows["upper"].append(f.upper)
        rows["qualifier"].append(f.qualifier)
        rows["unit"].append(f.unit)
        rows["phrase"].append(f.text)
        rows["sentence"].append(_collapse(text[s_start:s_end]))
        rows["start"].append(f.start)
        rows["end"].append(f.end)
        rows["numerator"].append(f.numerator)
        rows["denominator"].append(f.denominator)
        rows["decimals"].append(f.decimals)
        rows["note"].append(f.note)
    decimals = np.array([-1 if d is None else d for d in rows["decimals"]], dtype=np.int64)
    out = pd.DataFrame(
        {
            "value": np.array(rows["value"], dtype=np.float64),
            "lower": np.array(rows["lower"], dtype=np.float64),
            "upper": np.array(rows["upper"], dtype=np.float64),
            "qualifier": pd.Categorical.from_codes(
                np.array([_QUALIFIER_CODE[q] for q in rows["qualifier"]], dtype=np.int64),
                dtype=_QUALIFIER_DTYPE,
            ),
            "unit": pd.Categorical.from_codes(
                np.array([_UNIT_CODE[u] for u in rows["unit"]], dtype=np.int64),
                dtype=_UNIT_DTYPE,
            ),
            "phrase": pd.array(rows["phrase"], dtype="string"),
            "sentence": pd.array(rows["sentence"], dtype="string"),
            "start": np.array(rows["start"], dtype=np.int64),
            "end": np.array(rows["end"], dtype=np.int64),
            "numerator": np.array(rows["numerator"], dtype=np.float64),
            "denominator": np.array(rows["denominator"], dtype=np.float64),
            "decimals": pd.arrays.IntegerArray(decimals, decimals < 0),
            "note": pd.array(rows["note"], dtype="string"),
        }
    )
    return out


# --------------------------------------------------------------------------------------------------
# Consistency of printed percentages (GRIM)
# --------------------------------------------------------------------------------------------------


# How far a float percentage may lie from the figure printed at ``decimals`` places and still be
# read as that figure (float noise is ~1e-14 at 100; a real extra digit is far larger).
_FLOAT_NOISE = Decimal("1e-9")


def _na(x: Any) -> bool:
    """A missing scalar: None, pd.NA, pd.NaT or a float NaN."""
    return (
        x is None
        or x is pd.NA
        or x is pd.NaT
        or (isinstance(x, (float, np.floating)) and math.isnan(x))
    )


def _whole(name: str, value: Any, minimum: int) -> int:
    """A whole-number option (not bool) at least ``minimum``; raises naming it otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number >= {minimum}; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r}")
    return int(value)


def _precision(decimals: Any, slack: Any, significant: Any) -> tuple[int, int | None]:
    """Validate ``slack`` and ``significant`` (``decimals`` is checked where it is read)."""
    s = _whole("slack", slack, 0)
    sig = None if significant is None else _whole("significant", significant, 1)
    if decimals is not None and sig is not None:
        raise ValueError(
            f"give decimals or significant, not both; got decimals={decimals!r} and "
            f"significant={significant!r}"
        )
    return s, sig


def _printed_percent(
    percent: Any, decimals: Any, *, where: str = "", significant: int | None = None
) -> tuple[int, int] | None:
    """The printed percentage as an exact integer P and its decimals d (percent = P / 10**d).

    None for a missing value. With ``significant``, d is the number of decimals that so many
    significant digits give at the percentage's magnitude (trailing zeros were dropped in print).
    """
    if decimals is not None and (
        isinstance(decimals, bool)
        or not isinstance(decimals, (int, np.integer))
        or int(decimals) < 0
    ):
        raise ValueError(f"decimals must be a whole number >= 0 or None; got {decimals!r}{where}")
    if isinstance(percent, bool):
        raise TypeError(f"percent must be a number or a numeric string; got {percent!r}{where}")
    if _na(percent):
        return None
    if isinstance(percent, str):
        s = percent.strip().replace("\u202f", "").replace("\u00a0", "").rstrip("%").strip()
        if s.lower() in ("", "nan", "na"):
            return None
        s = s.replace(",", ".") if s.count(",") == 1 and "." not in s else s
        try:
            dec = Decimal(s)
        except InvalidOperation:
            raise ValueError(f"percent={percent!r} is not a number{where}") from None
        printed = max(0, -int(dec.as_tuple().exponent)) if dec.is_finite() else 0
    elif isinstance(percent, (int, np.integer)):
        dec, printed = Decimal(int(percent)), 0
    elif isinstance(percent, (float, np.floating)):
        # A float keeps no trailing zeros (25.0 has 0 decimals), and arithmetic leaves noise in
        # its last digits (0.07 * 100 is 7.000000000000001): read it at 12 significant digits.
        # A narrower float (np.float32(2.6) is 2.5999999) is read through its own shortest repr.
        narrow = not isinstance(percent, float) and np.dtype(type(percent)).itemsize < 8
        dec = Decimal(str(percent) if narrow else format(float(percent), ".12g"))
        printed = 0 if dec == dec.to_integral_value() else max(0, -int(dec.as_tuple().exponent))
        if decimals is not None and printed > int(decimals) and dec.is_finite():
            # the float is the printed figure plus float noise: round it, raise beyond ~1e-9
            rounded = dec.quantize(Decimal(1).scaleb(-int(decimals)))
            if abs(dec - rounded) <= _FLOAT_NOISE:
                dec, printed = rounded, int(decimals)
    else:
        raise TypeError(
            f"percent must be a number or a numeric string; got {type(percent).__name__}{where}"
        )
    if not dec.is_finite():
        raise ValueError(f"percent={percent!r} must be finite{where}")
    if dec < 0 or dec > 100:
        raise ValueError(
            f"percent={percent!r} must lie in [0, 100] (a percentage, not a fraction: "
            f"25 per cent is 25){where}"
        )
    if significant is not None:
        # %g drops trailing zeros: "2.4" at 15 significant digits stands for 2.40000000000000
        d = significant - 1 - (dec.adjusted() if dec != 0 else 0)
        if d < 0 or (printed > d and dec != round(dec, d)):
            raise ValueError(
                f"percent={percent!r} has more significant digits than significant="
                f"{significant}{where}"
            )
        return int(dec.scaleb(d).to_integral_value()), d
    d = printed if decimals is None else int(decimals)
    if decimals is not None and printed > d and dec != round(dec, d):
        raise ValueError(
            f"percent={percent!r} is printed with {printed} decimals, more than decimals={d}{where}"
        )
    return int(dec.scaleb(d).to_integral_value()), d


def _check_n(n: Any, where: str = "") -> int | None:
    if not isinstance(n, bool) and _na(n):
        return None
    if isinstance(n, bool) or not isinstance(n, (int, float, np.integer, np.floating)):
        raise TypeError(f"n must be a whole number of people; got {n!r}{where}")
    if isinstance(n, (float, np.floating)):
        if math.isnan(n):
            return None
        if not n.is_integer():
            raise ValueError(f"n must be a whole number of people; got {n!r}{where}")
    if n <= 0:
        raise ValueError(f"n must be a positive count; got {n!r}{where}")
    return int(n)


def _count_range(p: int, d: int, n: int, slack: int = 0) -> tuple[int, int]:
    """Every k in [lo, hi] has 100 k / n within half a unit (plus ``slack`` units) of the last
    printed digit of p/10**d.

    |100 k / n - P / 10**d| <= (1/2 + s) / 10**d  <=>  |2 * 100 * 10**d * k - 2 P n| <= (1 + 2 s) n,
    exact in integers; the bound itself is allowed because both half-up and half-down rounding are.
    """
    a = 200 * 10**d
    w = (1 + 2 * slack) * n
    lo = -((-(2 * p * n - w)) // a)  # ceil
    hi = (2 * p * n + w) // a
    return max(lo, 0), min(hi, n)


def _grim_scalar(
    percent: Any,
    n: Any,
    decimals: Any,
    where: str = "",
    *,
    slack: int = 0,
    significant: int | None = None,
) -> bool | None:
    printed = _printed_percent(percent, decimals, where=where, significant=significant)
    size = _check_n(n, where)
    if printed is None or size is None:
        return None
    lo, hi = _count_range(*printed, size, slack)
    return lo <= hi


def consistent_percent(
    percent: Any,
    n: Any,
    decimals: int | None = None,
    *,
    slack: int = 0,
    significant: int | None = None,
) -> Any:
    """GRIM test for a percentage: can k of n people, k whole, give the printed percentage?

    Parameters
    ----------
    percent : str, float or array-like
        The percentage as printed, in per cent (25 per cent is 25, not 0.25). Give it as a string
        to keep its trailing zeros ("25.0" has one decimal; the float 25.0 has none). A float is
        read at 12 significant digits, so that arithmetic noise is not taken for printed decimals
        (``0.07 * 100`` is 7.000000000000001, read as 7); give a string for more digits. Missing
        values (None, NaN, ``pd.NA``) give missing results.
    n : int or array-like
        The number of people (the denominator), a positive whole number. Two Series must share
        their index (they are paired by label, never by position).
    decimals : int, optional
        Decimal places printed. By default read from ``percent`` as printed. A float within 1e-9
        of its value at ``decimals`` places is taken as that value.
    slack : int, default 0
        Units of the last printed digit by which the printed figure may differ from the true share
        correctly rounded. 0 is the GRIM test. 1 allows for a share computed in floating point and
        printed at 15 significant digits, as the World Bank's files print it: the float's own
        error can move the 15th digit by one, so the exact share may lie up to 1.5 units of the
        last digit from the printed one.
    significant : int, optional
        Significant digits the figure was printed with, trailing zeros dropped (C's ``%.15g``):
        sets the decimals from the figure's magnitude, so "2.4" at 15 significant digits stands
        for 2.40000000000000. Give ``decimals`` or ``significant``, not both.

    Returns
    -------
    bool, or pandas.Series of nullable booleans
        True when some integer k in [0, n] gives ``percent`` at ``decimals`` places, rounding half
        up or half down. A scalar pair gives a bool (NaN where an input is missing); array-likes
        give a Series of dtype "boolean" (<NA> where missing), with the index of a Series input.

    Raises
    ------
    ValueError
        If ``percent`` lies outside [0, 100], ``n`` is not a positive whole number, the printed
        value has more decimals than ``decimals`` (or more digits than ``significant``), or
        ``slack`` is negative; the message names the value and its position.

    Notes
    -----
    The check is exact, in integers: with P the printed percentage times 10**d, k fits when
    ``|200 * 10**d * k - 2 * P * n| <= (1 + 2 * slack) * n``. Both rounding directions at an
    exact half are allowed, as in scrutiny's default ``rounding = "up_or_down"``.

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test: a simple technique detects
    numerous anomalies in the reporting of results in psychology. Social Psychological and
    Personality Science 8(4), 363-369. doi:10.1177/1948550616673876.
    Matches ``scrutiny::grim(x, n, percent = TRUE)`` (R package scrutiny, L. Jung).

    Examples
    --------
    >>> from wpsstats.figures import consistent_percent
    >>> consistent_percent("25.0", 36)  # 9 of 36
    True
    >>> consistent_percent("25.1", 36)
    False
    >>> consistent_percent("27.891156462585", 147)  # 41 of 147 seats
    True
    >>> f"{12 / 127 * 100:.15g}"  # the float print is one unit off in its last digit
    '9.44881889763779'
    >>> (
    ...     consistent_percent("9.44881889763779", 127),
    ...     consistent_percent("9.44881889763779", 127, slack=1),
    ... )
    (False, True)
    >>> consistent_percent(["25.0", "25.1", None], [36, 36, 36]).tolist()
    [True, False, <NA>]
    """
    slack, significant = _precision(decimals, slack, significant)
    opts: dict[str, Any] = {"slack": slack, "significant": significant}
    scalar = np.ndim(percent) == 0 and np.ndim(n) == 0
    if scalar:
        out = _grim_scalar(percent, n, decimals, **opts)
        return _NAN if out is None else out
    index = series_index(percent=percent, n=n)
    p_arr = np.asarray(percent, dtype=object)
    n_arr = np.asarray(n, dtype=object)
    try:
        p_b, n_b = np.broadcast_arrays(p_arr, n_arr)
    except ValueError:
        raise ValueError(
            f"lengths do not match: percent has shape {p_arr.shape}, n has shape {n_arr.shape}"
        ) from None
    flat_p, flat_n = p_b.ravel(), n_b.ravel()
    results: list[bool | None] = []
    for i in range(flat_p.size):
        where = f" at position {i}" if index is None else f" at index {index[i]!r}"
        results.append(_grim_scalar(flat_p[i], flat_n[i], decimals, where, **opts))
    return pd.Series(pd.array(results, dtype="boolean"), index=index)


def possible_counts(
    percent: Any,
    n: Any,
    decimals: int | None = None,
    *,
    slack: int = 0,
    significant: int | None = None,
) -> list[int] | None:
    """Every whole number of people k, 0 <= k <= n, whose share k / n prints as ``percent``.

    Parameters
    ----------
    percent : str or float
        The percentage as printed, in per cent; a string keeps trailing zeros.
    n : int
        The number of people.
    decimals : int, optional
        Decimal places printed; by default read from ``percent``.
    slack : int, default 0
        Units of the last printed digit by which the figure may be off (1 for a float printed at
        15 significant digits); see :func:`consistent_percent`.
    significant : int, optional
        Significant digits printed, trailing zeros dropped; see :func:`consistent_percent`.

    Returns
    -------
    list of int or None
        The counts, ascending; empty when none fits (the GRIM test fails); None when an input is
        missing (None, NaN, ``pd.NA``), so that a missing figure is not read as a failed test.

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test. Social Psychological and
    Personality Science 8(4), 363-369. Matches the reconstruction in ``scrutiny::grim``.

    Examples
    --------
    >>> from wpsstats.figures import possible_counts
    >>> possible_counts("40", 600)
    [237, 238, 239, 240, 241, 242, 243]
    >>> possible_counts("25.0", 36), possible_counts("25.1", 36)
    ([9], [])
    >>> possible_counts("12.2448979591837", 147)
    [18]
    >>> possible_counts("9.44881889763779", 127), possible_counts("9.44881889763779", 127, slack=1)
    ([], [12])
    """
    if np.ndim(percent) != 0 or np.ndim(n) != 0:
        raise TypeError("possible_counts takes one percentage and one n; loop for several")
    slack, significant = _precision(decimals, slack, significant)
    printed = _printed_percent(percent, decimals, significant=significant)
    size = _check_n(n)
    if printed is None or size is None:
        return None
    lo, hi = _count_range(*printed, size, slack)
    return list(range(lo, hi + 1))


@dataclass(frozen=True)
class ImpliedFraction:
    """What a percentage printed at full precision says about its counts.

    Attributes
    ----------
    numerator, denominator : int
        The fraction in lowest terms with the smallest denominator whose percentage prints as
        given: the body has ``denominator`` members or a multiple of it.
    unique_below : int
        No other fraction with a denominator up to this bound prints the same: for any body of at
        most ``unique_below`` members the count is ``numerator * size / denominator``.
    size : int or None
        The known size of the body, if given.
    counts : tuple of int
        The counts k of ``size`` that print as the percentage (empty without a size).
    count : int or None
        The count when exactly one fits, else None.
    reason : str
        A sentence saying what the printed figure does and does not determine.
    """

    numerator: int
    denominator: int
    unique_below: int
    size: int | None
    counts: tuple[int, ...]
    count: int | None
    reason: str


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator in the closed interval [lo, hi], 0 <= lo <= hi.

    Continued-fraction descent of the Stern-Brocot tree (Graham, Knuth & Patashnik, Concrete
    Mathematics, 2nd ed., section 4.5).
    """
    floor = lo.numerator // lo.denominator
    if floor == lo:
        return Fraction(floor)
    if floor + 1 <= hi:
        return Fraction(floor + 1)
    return floor + 1 / _simplest_between(1 / (hi - floor), 1 / (lo - floor))


def implied_fraction(
    percent: Any,
    size: int | None = None,
    decimals: int | None = None,
    *,
    slack: int = 0,
    significant: int | None = None,
) -> ImpliedFraction:
    """Recover the counts behind a percentage printed at full precision.

    The World Bank prints parliament shares such as 27.891156462585: so many digits pin down the
    fraction. This returns the fraction in lowest terms with the smallest denominator that prints
    as ``percent``; with the body's known ``size`` it also returns the count.

    Parameters
    ----------
    percent : str or float
        The percentage as printed, in per cent. Give a string to keep every printed digit.
    size : int, optional
        The known number of members (seats), which resolves the count when the lowest terms
        cannot: 12.2448979591837 per cent is 6/49, and of 147 seats that is 18.
    decimals : int, optional
        Decimal places printed; by default read from ``percent``.
    slack : int, default 0
        Units of the last printed digit by which the figure may differ from the true share
        correctly rounded. 0 takes the print as exact rounding. 1 is what a share computed in
        floating point and printed at 15 significant digits needs (the World Bank's files):
        ``f"{12 / 127 * 100:.15g}"`` is "9.44881889763779", one unit below 12/127 correctly
        rounded (9.44881889763780), and only ``slack=1`` recovers 12/127 from it.
    significant : int, optional
        Significant digits the figure was printed with, trailing zeros dropped (``%.15g``): sets
        the decimals from the figure's magnitude, so that a short print such as "2.4" or "0.05"
        keeps the precision of the digits the printer dropped. Give ``decimals`` or
        ``significant``, not both.

    Returns
    -------
    ImpliedFraction
        ``numerator``, ``denominator``, ``unique_below``, ``size``, ``counts``, ``count`` and
        ``reason``.

    Notes
    -----
    The printed value P (at d decimals) stands for the closed interval of half a unit of its last
    digit, plus ``slack`` units, either side: ``[P - 1/2 - slack, P + 1/2 + slack] / 10**d`` per
    cent. The fraction with the smallest denominator inside it is found exactly by continued
    fractions. Two different fractions with denominators up to N differ by at least 1/N², so
    when the interval is narrower than that the fraction is the only one with a denominator up
    to N: ``unique_below`` is that N (each unit of slack narrows it by a factor of about
    sqrt(1 + 2 slack)). Lowest terms cannot tell 41/147 from 82/294: the body may be any
    multiple of ``denominator``; a known size says which.

    Re-rounding the print to fewer digits is no substitute for ``slack``: "12.3893805309735"
    (14/113) rounded to 12 decimals is 12.389380530974, whose own interval misses 14/113.

    References
    ----------
    Graham, R. L., Knuth, D. E. & Patashnik, O. (1994). Concrete Mathematics, 2nd ed.,
    section 4.5 (the Stern-Brocot tree and best rational approximations). The interval is
    that of the GRIM test: Brown, N. J. L. & Heathers, J. A. J. (2017), Social Psychological and
    Personality Science 8(4), 363-369. ``%.15g``: ISO/IEC 9899 (C), fprintf, the g conversion
    (trailing zeros removed).

    Examples
    --------
    >>> from wpsstats.figures import implied_fraction
    >>> f = implied_fraction("27.891156462585")
    >>> f.numerator, f.denominator
    (41, 147)
    >>> f = implied_fraction("12.2448979591837", size=147)
    >>> f.numerator, f.denominator, f.count
    (6, 49, 18)

    A float printed at 15 significant digits can be one unit off in its last digit:

    >>> f = implied_fraction("9.44881889763779")
    >>> f.numerator, f.denominator
    (7240474251065, 76628352490438)
    >>> f = implied_fraction("9.44881889763779", size=127, slack=1, significant=15)
    >>> f.numerator, f.denominator, f.count
    (12, 127, 12)
    >>> f = implied_fraction("0.05", slack=1, significant=15)  # 0.0500000000000000
    >>> f.numerator, f.denominator
    (1, 2000)
    """
    slack, significant = _precision(decimals, slack, significant)
    printed = _printed_percent(percent, decimals, significant=significant)
    if printed is None:
        raise ValueError(f"percent={percent!r} is missing: no fraction to recover")
    p, d = printed
    scale = 100 * 10**d
    spread = 1 + 2 * slack
    lo = max(Fraction(2 * p - spread, 2 * scale), Fraction(0))
    hi = min(Fraction(2 * p + spread, 2 * scale), Fraction(1))
    best = _simplest_between(lo, hi)
    # interval width spread/scale: denominators <= N are unique when 1/N^2 > spread/scale
    unique_below = math.isqrt((scale - 1) // spread)
    text = f"{percent}" if isinstance(percent, str) else f"{p / 10**d:.{d}f}"
    how = []
    if significant is not None:
        how.append(f"{d} decimals from {significant} significant digits")
    if slack:
        how.append(f"allowing {slack} unit{'s' if slack > 1 else ''} of error in its last digit")
    reason = (
        f"{text} per cent{' (' + ', '.join(how) + ')' if how else ''} is "
        f"{best.numerator}/{best.denominator} in lowest terms: the body has "
        f"{best.denominator} members or a multiple of it (unique for bodies of up to "
        f"{unique_below:,} members)"
    )
    counts: tuple[int, ...] = ()
    count: int | None = None
    n: int | None = None
    if size is not None:
        n = _check_n(size)
        if n is None:
            raise ValueError("size is missing (NaN); leave it out when unknown")
        lo_k, hi_k = _count_range(p, d, n, slack)
        counts = tuple(range(lo_k, hi_k + 1))
        count = counts[0] if len(counts) == 1 else None
        if count is not None:
            reason += f"; of {n} members that is {count}"
        elif counts:
            reason += f"; of {n} members it fits {len(counts)} counts ({counts[0]}-{counts[-1]})"
        else:
            reason += f"; no count of {n} members prints as {text} per cent"
    return ImpliedFraction(
        numerator=best.numerator,
        denominator=best.denominator,
        unique_below=unique_below,
        size=n,
        counts=counts,
        count=count,
        reason=reason,
    )


# --------------------------------------------------------------------------------------------------
# UN document symbols
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SymbolCheck:
    """Result of :func:`check_symbol`: ``valid``, ``organ``, ``series``, ``year``, ``number``,
    ``reason``."""

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


def check_symbol(symbol: str, year: int | None = None) -> SymbolCheck:
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
    statements ``S/PRST/YYYY/N``, meeting records ``S/PV.N``. General Assembly resolutions since
    the 31st session are ``A/RES/session/N``. Other organs' symbols are checked for their shape
    only.

    References
    ----------
    United Nations Dag Hammarskjöld Library, "UN Documentation: Document Symbols"
    (https://research.un.org/en/docs/symbols) and "Security Council: Resolutions"
    (https://research.un.org/en/docs/sc/resolutions: "S/RES/955 (1994)"; before 1994 statements
    were issued in the general series, e.g. S/26695).

    Examples
    --------
    >>> from wpsstats.figures import check_symbol
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
    if m := re.fullmatch(r"S/PV\.([1-9]\d{0,4})(?:\s*\(Resumption \d+\))?", sym):
        return result(
            True, f"{sym} is a Security Council meeting record",
            organ="Security Council", series="meeting record", number=int(m.group(1)),
        )  # fmt: skip
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
    if m := re.fullmatch(r"A/RES/([1-9]\d{0,2})/([1-9]\d{0,3})", sym):
        return result(
            True, f"{sym} is a General Assembly resolution of session {m.group(1)}",
            organ="General Assembly", series="resolution", number=int(m.group(2)),
        )  # fmt: skip
    organ = _ORGANS.get(sym.split("/")[0].split(".")[0])
    return result(
        True, f"{sym} has the shape of a UN document symbol (series not checked further)",
        organ=organ,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Reproducing a source's figures
# --------------------------------------------------------------------------------------------------

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
    # the grammar knows shares and counts only: a rate ("six children born per woman") reads as
    # a number, and is described by its own kind and unit once the reading agrees with it
    unit = "share" if kind == "share" else "count"
    got = (float(f["value"]), float(f["lower"]), float(f["upper"]), str(f["qualifier"]))
    want = (_num(row["value"]), _num(row["lower"]), _num(row["upper"]), str(row["qualifier"]))
    if str(f["unit"]) != unit:
        described = str(f["unit"])
    elif kind in UNITS or not unit_label:
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
        part_lo = _num(row["lower"]) if not _na(row["lower"]) else _num(row["value"])
        whole_hi = _num(total["upper"]) if not _na(total["upper"]) else math.inf
        share = part_lo / n if n else _NAN
        verdict = "consistent" if part_lo <= whole_hi else "inconsistent"
        return [_Check(
            "qualifier bound", verdict, f"share {'above' if row['qualifier'] != 'exact' else ''} "
            f"{_pct(share, 1)}".replace("  ", " "),
            f"{str(row['qualifier']).replace('_', ' ')} {_fmt(_num(row['value']))} of "
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
    from .datasets import load

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
    >>> from wpsstats.figures import reproduce
    >>> report = reproduce("ieg-mali-2018")
    >>> report.loc[report["figure_id"] == "mli-cabinet-women", ["check", "verdict"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                  check     verdict
    5  phrase + rounding  consistent
    >>> report.loc[report["verdict"] == "inconsistent", "figure_id"].tolist()
    ['minusma-women-formed-police', 'symbol:s-2016-682', 'resolution:2242']
    """
    from .datasets import load

    sources = load("sources")
    valid = sources["source_id"].astype(str).tolist()
    if not isinstance(source_id, str) or source_id not in valid:
        from ._checks import closest

        hint = closest(source_id, valid) if isinstance(source_id, str) else None
        suffix = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(
            f"source_id={source_id!r} is not a bundled source; valid values are "
            f"{', '.join(valid)}{suffix}"
        )
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a string or None, got {type(text).__name__}")
    if not isinstance(detail, bool):
        raise TypeError(f"detail must be True or False, got {detail!r}")
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
