"""parse_figure: what a printed phrase means (DESIGN.md, "Published figures: what a phrase means").

Reference values are the phrases of the seed document and of DESIGN.md/issue 5, with the meaning
the DESIGN contract gives them; the property tests render random figures through every phrasing
the parser supports and read them back.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wpsstats.published as pub
from wpsstats.published.parse import QUALIFIERS, UNITS

parse_figure = pub.parse_figure

NAN = float("nan")


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-12 * max(1.0, abs(b))


def check(text: str, value: float, lower: float, upper: float, qualifier: str, unit: str) -> None:
    f = parse_figure(text)
    got = (f.value, f.lower, f.upper)
    assert all(_same(a, b) for a, b in zip(got, (value, lower, upper), strict=True)), (text, f)
    assert (f.qualifier, f.unit) == (qualifier, unit), (text, f)


@pytest.mark.parametrize(
    ("text", "value", "lower", "upper", "qualifier", "unit"),
    [
        # shares
        ("25 per cent", 0.25, 0.25, 0.25, "exact", "share"),
        ("25%", 0.25, 0.25, 0.25, "exact", "share"),
        ("25 %", 0.25, 0.25, 0.25, "exact", "share"),
        ("three percent of members", 0.03, 0.03, 0.03, "exact", "share"),
        ("thirty-two per cent", 0.32, 0.32, 0.32, "exact", "share"),
        ("16.5 percent of individual police officers", 0.165, 0.165, 0.165, "exact", "share"),
        ("nine out of 10", 0.9, 0.9, 0.9, "exact", "share"),
        ("one in five women", 0.2, 0.2, 0.2, "exact", "share"),
        ("Eight out of the 26 mechanisms", 8 / 26, 8 / 26, 8 / 26, "exact", "share"),
        ("half of the women", 0.5, 0.5, 0.5, "exact", "share"),
        ("a third of seats", 1 / 3, 1 / 3, 1 / 3, "exact", "share"),
        ("two thirds of voters", 2 / 3, 2 / 3, 2 / 3, "exact", "share"),
        ("two-thirds of voters", 2 / 3, 2 / 3, 2 / 3, "exact", "share"),
        ("a quarter of posts", 0.25, 0.25, 0.25, "exact", "share"),
        ("a majority of complaints", 0.5, 0.5, NAN, "more_than", "share"),
        ("the majority of complaints", 0.5, 0.5, NAN, "more_than", "share"),
        # counts
        ("8,000 depositions", 8000, 8000, 8000, "exact", "count"),
        ("2.5 million asylum claimants", 2.5e6, 2.5e6, 2.5e6, "exact", "count"),
        ("a thousand villages", 1000, 1000, 1000, "exact", "count"),
        ("twelve women", 12, 12, 12, "exact", "count"),
        ("one hundred and five women", 105, 105, 105, "exact", "count"),
        ("two thousand five hundred", 2500, 2500, 2500, "exact", "count"),
        ("1,279 members", 1279, 1279, 1279, "exact", "count"),
        ("12,000.5 hectares", 12000.5, 12000.5, 12000.5, "exact", "count"),
        # qualifiers
        ("about 600", 600, NAN, NAN, "approx", "count"),
        ("around 40 per cent", 0.4, NAN, NAN, "approx", "share"),
        ("some 3,000", 3000, NAN, NAN, "approx", "count"),
        ("roughly 20", 20, NAN, NAN, "approx", "count"),
        ("approximately 20", 20, NAN, NAN, "approx", "count"),
        ("an estimated 40,000", 40000, NAN, NAN, "approx", "count"),
        ("more than 52 per cent", 0.52, 0.52, NAN, "more_than", "share"),
        ("over 600 national stakeholders", 600, 600, NAN, "more_than", "count"),
        ("above 10 per cent", 0.1, 0.1, NAN, "more_than", "share"),
        ("upwards of 300", 300, 300, NAN, "more_than", "count"),
        ("at least 30 per cent", 0.3, 0.3, NAN, "at_least", "share"),
        ("no fewer than 12", 12, 12, NAN, "at_least", "count"),
        ("a minimum of 15 per cent", 0.15, 0.15, NAN, "at_least", "share"),
        ("a minimum level of 15 per cent", 0.15, 0.15, NAN, "at_least", "share"),
        ("less than 5 per cent", 0.05, NAN, 0.05, "less_than", "share"),
        ("fewer than 20 women", 20, NAN, 20, "less_than", "count"),
        ("under 10 per cent", 0.1, NAN, 0.1, "less_than", "share"),
        ("below 3 per cent", 0.03, NAN, 0.03, "less_than", "share"),
        ("up to 500", 500, NAN, 500, "at_most", "count"),
        ("at most 7", 7, NAN, 7, "at_most", "count"),
        ("no more than 7", 7, NAN, 7, "at_most", "count"),
        ("nearly four in ten women", 0.4, NAN, 0.4, "nearly", "share"),
        ("almost half", 0.5, NAN, 0.5, "nearly", "share"),
        ("just under 8,000 depositions", 8000, NAN, 8000, "nearly", "count"),
        ("just over 200", 200, 200, NAN, "just_over", "count"),
        ("slightly more than a third", 1 / 3, 1 / 3, NAN, "just_over", "share"),
        ("more than a thousand villages", 1000, 1000, NAN, "more_than", "count"),
        ("More than nine out of 10 married girls", 0.9, 0.9, NAN, "more_than", "share"),
        # ranges
        ("between 83 and 92 percent", 0.875, 0.83, 0.92, "between", "share"),
        ("83–92 per cent", 0.875, 0.83, 0.92, "between", "share"),
        ("83-92%", 0.875, 0.83, 0.92, "between", "share"),
        ("from 83 to 92 per cent", 0.875, 0.83, 0.92, "between", "share"),
        ("83 to 92 per cent", 0.875, 0.83, 0.92, "between", "share"),
        ("between 83 per cent and 92 per cent", 0.875, 0.83, 0.92, "between", "share"),
        ("between 200 and 300 women", 250, 200, 300, "between", "count"),
        # French, as Malian sources print it
        ("plus de 52 pour cent", 0.52, 0.52, NAN, "more_than", "share"),
        ("près de quatre sur dix", 0.4, NAN, 0.4, "nearly", "share"),
        ("environ 8 000 dépositions", 8000, NAN, NAN, "approx", "count"),
        ("environ 8\u202f000 dépositions", 8000, NAN, NAN, "approx", "count"),
        ("environ 8\u00a0000 dépositions", 8000, NAN, NAN, "approx", "count"),
        ("entre 83 et 92 %", 0.875, 0.83, 0.92, "between", "share"),
        ("de 83 à 92 %", 0.875, 0.83, 0.92, "between", "share"),
        ("au moins 30 pour cent", 0.3, 0.3, NAN, "at_least", "share"),
        ("moins de 5 %", 0.05, NAN, 0.05, "less_than", "share"),
        ("52,5 %", 0.525, 0.525, 0.525, "exact", "share"),
        ("une femme sur trois", 1 / 3, 1 / 3, 1 / 3, "exact", "share"),
        ("plus de la moitié des femmes", 0.5, 0.5, NAN, "more_than", "share"),
        ("plus d’un tiers", 1 / 3, 1 / 3, NAN, "more_than", "share"),
        ("deux tiers des sièges", 2 / 3, 2 / 3, 2 / 3, "exact", "share"),
        ("la majorité des plaintes", 0.5, 0.5, NAN, "more_than", "share"),
        ("quatre-vingt-douze femmes", 92, 92, 92, "exact", "count"),
        ("soixante et onze femmes", 71, 71, 71, "exact", "count"),
        ("quatre-vingts villages", 80, 80, 80, "exact", "count"),
        ("2,5 millions de personnes", 2.5e6, 2.5e6, 2.5e6, "exact", "count"),
    ],
)
def test_phrases(
    text: str, value: float, lower: float, upper: float, qualifier: str, unit: str
) -> None:
    check(text, value, lower, upper, qualifier, unit)


def test_figure_fields() -> None:
    f = parse_figure("The cabinet includes nine women out of its 36 members (25 per cent).")
    assert f.text == "nine women out of its 36 members (25 per cent)"
    assert (f.value, f.numerator, f.denominator, f.decimals) == (0.25, 9.0, 36.0, 0)
    f = parse_figure("women represent 2.6 percent of military personnel")
    assert f.decimals == 1 and f.text == "2.6 percent"
    f = parse_figure("2.5 million asylum claimants")
    assert f.decimals == 1
    text = "Over 78 \n\nper cent of people"
    f = parse_figure(text)
    assert f.text == "Over 78 per cent" and text[f.start : f.end] == "Over 78 \n\nper cent"
    with pytest.raises(AttributeError):
        f.value = 1.0  # type: ignore[misc]  # frozen


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no figure here",
        "in 2017",
        "resolution 2391 (2017)",
        "S/2016/682",
        "UNSCR 2364",
        "OP 27. Requests MINUSMA",
        "June 30th",
        "aged 15–19",
        "before 18 years",
        "the G5 Sahel",
        "one of its principles",
        "zero tolerance",
        "2015-16",
        "between January 2012 and January 2018",
    ],
)
def test_no_figure(text: str) -> None:
    with pytest.raises(ValueError, match="no figure in text"):
        parse_figure(text)


def test_two_figures() -> None:
    with pytest.raises(ValueError, match="holds 2 figures"):
        parse_figure("703 elections mediators, including 225 women")


def test_type_error() -> None:
    with pytest.raises(TypeError, match="text must be a string"):
        parse_figure(25)  # type: ignore[arg-type]


# --- rendering random figures through every phrasing ---------------------------------------------

_EN_UNITS = [
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_FR_UNITS = [
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
]  # fmt: skip
_FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]


def en_words(n: int) -> str:
    """English words for 1 <= n < 1000 (written here, independently of the parser)."""
    if n >= 100:
        rest = n % 100
        head = f"{_EN_UNITS[n // 100]} hundred"
        return head if rest == 0 else f"{head} and {en_words(rest)}"
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")


def fr_words(n: int) -> str:
    """French words for 1 <= n < 100 (standard French, 'soixante-dix', 'quatre-vingts')."""
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _FR_TENS[tens]
        return _FR_TENS[tens] + (" et un" if unit == 1 else f"-{_FR_UNITS[unit]}")
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_FR_UNITS[n - 60]}"
    if n == 80:
        return "quatre-vingts"
    return f"quatre-vingt-{_FR_UNITS[n - 80]}"


def test_every_number_in_words_reads_as_its_value() -> None:
    # every English number up to 999 and every French one up to 99, as en_words and fr_words write
    # them: the drawn examples of the property tests below need not hit each tens word
    for n in range(1, 1000):
        assert parse_figure(f"Reports say {en_words(n)} women took part.").value == n, n
    for n in range(2, 100):
        assert parse_figure(f"Selon le rapport, {fr_words(n)} femmes.").value == n, n


QUALIFIER_WORDS = {
    "exact": [""],
    "approx": ["about", "around", "some", "roughly", "approximately", "an estimated", "environ"],
    "more_than": ["more than", "over", "above", "upwards of", "plus de"],
    "at_least": ["at least", "no fewer than", "a minimum of", "au moins"],
    "less_than": ["less than", "fewer than", "under", "below", "moins de"],
    "at_most": ["up to", "at most", "no more than", "au plus"],
    "nearly": ["nearly", "almost", "just under", "près de", "presque"],
    "just_over": ["just over", "slightly more than"],
}


def _bounds(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "exact":
        return value, value
    if qualifier in ("more_than", "at_least", "just_over"):
        return value, NAN
    if qualifier in ("less_than", "at_most", "nearly"):
        return NAN, value
    return NAN, NAN


@st.composite
def share_phrases(draw: st.DrawFn) -> tuple[str, float, str]:
    decimals = draw(st.integers(0, 2))
    units = draw(st.integers(0, 100 * 10**decimals))
    text = f"{units / 10**decimals:.{decimals}f}"
    value = units / 10**decimals / 100
    style = draw(st.sampled_from(["per cent", "percent", "%", " %", " pour cent", "fr%", "words"]))
    if style == "words" and decimals == 0 and 1 <= units < 100:
        return f"{en_words(units)} per cent", value, "share"
    if style == "fr%":
        return text.replace(".", ",") + "\u202f%", value, "share"
    if style == " pour cent":
        return text.replace(".", ",") + style, value, "share"
    if style in ("%", " %"):
        return text + style, value, "share"
    return f"{text} {style if style != 'words' else 'per cent'}", value, "share"


@st.composite
def count_phrases(draw: st.DrawFn) -> tuple[str, float, str]:
    style = draw(st.sampled_from(["comma", "space", "nnbsp", "plain", "words", "fr", "million"]))
    if style == "million":
        tenths = draw(st.integers(1, 999))
        return f"{tenths / 10:.1f} million", tenths / 10 * 1e6, "count"
    if style == "words":
        n = draw(st.integers(1, 999))
        return en_words(n), float(n), "count"
    if style == "fr":
        n = draw(st.integers(2, 99))  # "un" alone is an article, never a figure
        return fr_words(n), float(n), "count"
    if style == "plain":
        n = draw(st.integers(0, 999))
        return str(n), float(n), "count"
    n = draw(st.integers(1000, 10**7))
    sep = {"comma": ",", "space": " ", "nnbsp": "\u202f"}[style]
    return f"{n:,}".replace(",", sep), float(n), "count"


@st.composite
def ratio_phrases(draw: st.DrawFn) -> tuple[str, float, str, float, float]:
    den = draw(st.integers(1, 1000))
    num = draw(st.integers(0, den))
    num_text = draw(st.sampled_from([str(num), en_words(num) if 1 <= num < 1000 else str(num)]))
    link = draw(st.sampled_from(["out of", "in", "sur", "out of the", "in every"]))
    return f"{num_text} {link} {den}", num / den, "share", float(num), float(den)


@st.composite
def range_phrases(draw: st.DrawFn) -> tuple[str, float, float, float, str]:
    a = draw(st.integers(0, 99))
    b = draw(st.integers(a + 1, 100))
    style = draw(
        st.sampled_from(
            ["between {a} and {b} percent", "{a}–{b} per cent", "{a}-{b}%", "from {a} to {b} "
             "per cent", "{a} to {b} per cent", "entre {a} et {b} %", "de {a} à {b} pour cent"]
        )
    )  # fmt: skip
    return style.format(a=a, b=b), (a + b) / 200, a / 100, b / 100, "share"


@given(
    qualifier=st.sampled_from(sorted(QUALIFIER_WORDS)),
    data=st.data(),
    kind=st.sampled_from(["share", "count", "ratio"]),
)
def test_rendered_figures_read_back(qualifier: str, data: st.DataObject, kind: str) -> None:
    word = data.draw(st.sampled_from(QUALIFIER_WORDS[qualifier]))
    num = den = NAN
    if kind == "share":
        body, value, unit = data.draw(share_phrases())
    elif kind == "count":
        body, value, unit = data.draw(count_phrases())
    else:
        body, value, unit, num, den = data.draw(ratio_phrases())
    phrase = f"{word} {body}".strip()
    text = f"Reports say {phrase} women took part."
    f = parse_figure(text)
    lower, upper = _bounds(value, qualifier)
    assert f.qualifier == qualifier, (text, f)
    assert f.unit == unit, (text, f)
    assert _same(f.value, value), (text, f)
    assert _same(f.lower, lower) and _same(f.upper, upper), (text, f)
    assert _same(f.numerator, num) and _same(f.denominator, den), (text, f)
    assert f.text == " ".join(phrase.split())  # white space (a narrow no-break space) collapsed
    assert text[f.start : f.end] == phrase


@given(data=range_phrases())
def test_rendered_ranges_read_back(data: tuple[str, float, float, float, str]) -> None:
    phrase, value, lower, upper, unit = data
    f = parse_figure(f"Between surveys, {phrase} of survivors lack services.")
    assert (f.qualifier, f.unit) == ("between", unit)
    assert _same(f.value, value) and _same(f.lower, lower) and _same(f.upper, upper)
    assert f.text == phrase


@given(st.text(max_size=200))
def test_fuzz_parse_figure_returns_a_figure_or_raises_value_error(text: str) -> None:
    try:
        f = parse_figure(text)
    except ValueError:
        return
    assert isinstance(f, pub.Figure)
    assert f.unit in UNITS
    assert f.qualifier in QUALIFIERS


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["per cent", "%", "out of", "in", "between", "and", "more than", "a",
                             "third", "million", "1,000", "8 000", "2.5", "nine", "sur", "–", "-",
                             "(", ")", "S/", "resolution", "\n", ".", "quatre-vingt", "half"]),
            st.integers(0, 3000).map(str),
        ),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_fuzz_parse_figure_with_figure_like_text(text: str) -> None:
    try:
        f = parse_figure(text)
    except ValueError:
        return
    assert isinstance(f, pub.Figure)
    assert not math.isnan(f.value)
