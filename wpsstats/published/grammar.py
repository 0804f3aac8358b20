"""The grammar of a printed figure: its words, its patterns, and the value of a printed number.

Everything here describes text; nothing reads a document. :mod:`.scan` applies these patterns to
find figures, and masks what only looks like one.

The two large patterns, the figure grammar and the mask of what only looks like a figure, are
compiled by :func:`figure_pattern` and :func:`mask_pattern` on first use, not at import: the figure
grammar alone takes about 0.2 s to compile, which ``import wpsstats`` need not pay.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

__all__ = ["figure_pattern", "mask_pattern"]

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
# scales abbreviated after the digits: "2.5m", "USD 1.2bn", "500k"
_ABBR_SCALE = {"bn": 1_000_000_000, "mn": 1_000_000, "m": 1_000_000, "k": 1_000}
_HUNDRED = {"hundred", "cent", "cents"}
_SCALE = {
    "thousand": 1_000, "mille": 1_000, "million": 1_000_000, "millions": 1_000_000,
    "billion": 1_000_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
}  # fmt: skip

_EN_UNIT = "nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one|zero"  # noqa: E501
_EN_DIGIT = "nine|eight|seven|six|five|four|three|two|one"
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# "twenty-one", "twenty one", and "twenty" at a line end with "one" on the next (PDF text) or
# after a no-break space: any white space, as between the other words of a figure
_W99 = rf"(?:(?:{_EN_TENS})(?:[\s-]+(?:{_EN_DIGIT})\b)?|(?:{_EN_UNIT}))\b"
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
_SCALE_WORD = (
    r"(?:\s+(?:million|billion|thousand|millions|milliards?|mille)\b"
    r"|(?<=\d)(?:bn|mn|m|k)\b|\s+(?:bn|mn)\b)"
)
# money: a currency before the number ("$1.2 billion", "US$ 2.5 million", "USD 1.2bn") or after
# it ("2.5 million dollars", "8 000 FCFA"). After a currency before the number, any white space
# within one line break ("US$\n2.5 million" as PDF text breaks it, "USD  1.2bn"), not a paragraph
_CURRENCY_BEFORE = r"(?:(?:US\s?\$|\$|€|£|\b(?:USD|EUR|GBP|CHF|FCFA|XOF))(?:[^\S\n]*\n)?[^\S\n]*)"
_CURRENCY_AFTER = (
    r"(?:\s+(?:US\s+dollars|dollars|euros|USD|EUR|FCFA|XOF|francs\s+CFA)\b|\s?€|\s?\$)"
)
# relative changes: "a 37 per cent increase", "16.8 per cent decrease" (the noun after the share)
_CHANGE_NOUN = (
    r"\s+(?P<chg>increase|decrease|rise|drop|decline|reduction|fall|cut|jump|growth|"
    r"hausse|baisse|augmentation|diminution|réduction)\b"
)

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
# and in French: "un quart de siècle", "la première moitié des années 2000"
_NOT_SHARE_FR = (
    r"(?!\s+(?:de\s+siècle|d['’]heure|des\s+années|du\s+siècle|de\s+l['’]année|du\s+mois"
    r"|de\s+(?:19|20)\d\d)\b)"
)
_HALF = (
    r"(?<!first\ )(?<!second\ )(?<!latter\ )(?<!former\ )(?<!other\ )\bhalf\b(?!-)"
    r"(?!\s+(?:of\s+)?(?:the\s+|a\s+)?(?:(?:19|20)\d\d|year|decade|century|month)\b)"
)
_FRAC = (
    rf"(?:\b(?:{_FRAC_EN_NUM})[\s-]+(?:{_FRAC_EN_DEN})\b{_NOT_SHARE_NOUN}"
    rf"|\b(?:{_FRAC_FR_NUM})\s+(?:{_FRAC_FR_DEN})\b{_NOT_SHARE_FR}"
    rf"|\bla\s+moitié\b{_NOT_SHARE_FR}|\bmoitié\b{_NOT_SHARE_FR}|{_HALF})"
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


@functools.cache
def figure_pattern() -> re.Pattern[str]:
    """The grammar of one printed figure, compiled once, on first use.

    Its named groups say which form matched: ``between``, ``range`` and ``wrange`` (a range in
    digits or in words), ``ratio`` and ``ratio_in`` ("nine out of 10", "one in five"), ``frac``
    ("a third"), ``maj`` ("a majority") or ``single``; ``q`` is the qualifier word, if any.
    """
    return re.compile(
        rf"""
        (?<![\w./\-–—#])
        (?:(?P<q>\b(?:{_QUAL_RE}))(?:(?<=['’])|\s+))?
        (?:
            (?P<between>\b(?:between|entre|from|de)\s+(?P<b1>{_NUM})(?P<bs1>{_SCALE_WORD})?
                (?P<bu1>{_PCT})?\s+(?:and|et|to|à)\s+(?P<b2>{_NUM})(?P<bs2>{_SCALE_WORD})?
                (?P<bu2>{_PCT})?)
          | (?P<ratio>(?P<rn>{_NUM})(?:\s+[^\W\d_]+){{0,3}}?
                \s+(?:out\s+of(?:\s+every)?|of\s+every|sur)\s+{_RATIO_DET}(?P<rd>{_NUM}))
          | (?P<ratio_in>(?P<in_n>{_NUM})\s+in\s+(?:every\s+)?(?!(?:1[89]|20)\d\d\b)
                (?P<in_d>{_NUM}))
          | (?P<frac>{_FRAC})
          | (?P<maj>{_MAJ})
          | (?P<range>(?P<r1>{_DIGITS})(?P<rs1>{_SCALE_WORD})?(?P<ru1>{_PCT})?
                (?:\s*[-–—]\s*|\s+to\s+|\s+à\s+)(?P<r2>{_DIGITS})(?P<rs2>{_SCALE_WORD})?
                (?P<ru2>{_PCT})?)
          | (?P<wrange>(?P<w1>\b{_WEN}|\b{_WFR})(?P<ws1>{_SCALE_WORD})?(?P<wu1>{_PCT})?
                \s+(?:to|à)\s+(?P<w2>\b{_WEN}|\b{_WFR})(?P<ws2>{_SCALE_WORD})?(?P<wu2>{_PCT})?)
          | (?P<money>(?P<cur>{_CURRENCY_BEFORE})(?P<mn>{_DIGITS}|\b{_WEN})
                (?P<mscale>{_SCALE_WORD})?)
          | (?P<rate>(?P<rate_n>{_DIGITS})(?:\s+[^\W\d_]+){{0,3}}?\s+(?:per|pour)\s+
                (?P<rate_d>{_DIGITS}|mille\b|(?:a\s+)?thousand\b)
                (?!\s*(?:%|per\s*cent|percent|pour\s*cent)))
          | (?P<permil>(?P<pm>{_DIGITS})\s*‰)
          | (?P<times>(?P<tn>{_DIGITS}|\b{_WEN})\s+(?:times|fois)\b)
          | (?P<mult>\b(?:doubled|doubling|tripled|trebled|tripling|quadrupled|halved
                |twice(?=\s+(?:as|the|that)\b)))
          | (?P<single>(?P<s>{_NUM})(?P<sscale>{_SCALE_WORD})?
                (?:(?P<su>{_PCT})(?:{_CHANGE_NOUN})?|(?P<scur>{_CURRENCY_AFTER}))?)
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


@functools.cache
def mask_pattern() -> re.Pattern[str]:
    """What only looks like a figure (symbols, references, dates, ordinals), compiled once."""
    return re.compile(
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
                # paragraph, article, page, table and footnote numbers ("page 2 of 5")
                r"(?i:\bpages?\s+\d+\s+(?:of|sur|de)\s+\d+)",
                rf"(?i:\b(?:{_REF_WORDS})\s*)\d+[a-z]?(?:\.\d+)*"
                r"(?:\s*(?:,|and|et|to|à|-|–)\s*\d+[a-z]?(?:\.\d+)*)*",
                r"\b(?:OP|PP|SDGs?|Goal|Target|Indicator|Objectif|Cible|Case)\s*\d+(?:\.\d+)*",
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
    r"(?:\s+de)?"
    # "married before 18", "before the age of 15", "mariées avant 18 ans"
    r"|\bmarried\s+(?:before|by|at|under)(?:\s+(?:the\s+)?age(?:\s+of)?)?"
    r"|\b(?:before|by|under|at)\s+(?:the\s+)?age(?:\s+of)?"
    r"|\bmariée?s?\s+(?:avant|à)(?:\s+l['’]âge\s+de)?)\s*$",
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


def _scale(word: str) -> int:
    """The multiplier of a scale word or abbreviation: " million" 10**6, "bn" 10**9."""
    word = word.strip().lower()
    return _SCALE.get(word) or _ABBR_SCALE[word]


def _end_scale(raw: str, scale_word: str | None) -> int:
    """The scale of one end of a range: "3" + " million", or the last word of "three million"."""
    if scale_word:
        return _scale(scale_word)
    last = _WORD_TOKEN_RE.findall(raw.lower())[-1:] if not raw[:1].isdigit() else []
    return _SCALE.get(last[0], 1) if last else 1


_FRAC_DEN_VALUE = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "tiers": 3,
    "quart": 4, "quarts": 4, "cinquième": 5, "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
}  # fmt: skip


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
    "objectif", "cible", "case",
}  # fmt: skip
_MONTH_WORDS = {w.rstrip(".").lower() for w in (_MONTHS_EN + "|" + _MONTHS_FR).split("|")}
_FIG_PREFIX = (
    {w.split(" ")[0].split("'")[0] for w in _QUAL_OF}
    | {"between", "entre", "from", "de", "a", "the", "la", "an", "us", "usd", "eur", "gbp", "chf"}
    | {"fcfa", "xof"}
    | set(_FRAC_EN_NUM.split("|"))
    | set(_FRAC_FR_NUM.split("|"))
)
_NUMBER_WORDS = (
    set(_SMALL)
    | _HUNDRED
    | set(_SCALE)
    | {"six", "half", "moitié", "majority", "majorité"}
    | {"doubled", "doubling", "tripled", "trebled", "tripling", "quadrupled", "halved", "twice"}
    | set(_FRAC_DEN_VALUE)
)
