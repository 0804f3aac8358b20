"""A printed figure as numbers: :class:`Figure` and :func:`parse_figure`.

What a phrase means (the project's design, "Published figures: what a phrase means"): shares
become fractions, counts stay counts, and the qualifier sets the bounds (:data:`QUALIFIERS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .grammar import _collapse
from .scan import _Raw, _scan

__all__ = ["QUALIFIERS", "UNITS", "Figure", "parse_figure"]

# DESIGN.md's qualifiers, in the order of the categories of extract_figures' "qualifier" column
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
# "change" is a relative change ("a 37 per cent increase", as a fraction of the earlier level),
# "multiple" a factor ("1.5 times", "doubled"), "rate" a count per so many ("7.3 per 100,000",
# value 7.3e-5), "money" an amount (its currency in ``note``)
UNITS = ("share", "count", "change", "multiple", "rate", "money")

_NAN = float("nan")


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


def _bounds(value: float, qualifier: str) -> tuple[float, float]:
    """(lower, upper) a qualifier sets on a figure's value; NaN where it sets none."""
    if qualifier == "exact":
        return value, value
    if qualifier in ("more_than", "at_least", "just_over"):
        return value, _NAN
    if qualifier in ("less_than", "at_most", "nearly"):
        return _NAN, value
    return _NAN, _NAN


def _figure(raw: _Raw, text: str) -> Figure:
    """The :class:`Figure` of a figure read from ``text``, its bounds set by its qualifier."""
    lower, upper = (
        (raw.lower, raw.upper) if raw.qualifier == "between" else _bounds(raw.value, raw.qualifier)
    )
    return Figure(
        value=raw.value,
        lower=lower,
        upper=upper,
        qualifier=raw.qualifier,
        unit=raw.unit,
        text=_collapse(text[raw.start : raw.end]),
        numerator=raw.numerator,
        denominator=raw.denominator,
        decimals=raw.decimals,
        start=raw.start,
        end=raw.end,
        note=raw.note,
    )


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
        numbers, footnote marks and ages such as "married before 18" are not figures), more
        than one, or a range printed high end first ("between 92 and 83 per cent").

    Notes
    -----
    What a phrase means:

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

    Beyond shares and counts (``unit``): a relative change ("a 37 per cent increase", "decreased
    by almost 20 per cent": ``change``, a fraction of the earlier level, ``note`` says which way;
    "a 0.8 percentage point increase" stays a share); a multiple ("1.5 times", "four times",
    "more than doubled": ``multiple``); a rate ("7.3 per 100,000 women", "81 ‰": ``rate``, value
    7.3e-5, numerator 7.3, denominator 100,000); money ("$1.2 billion", "US$ 2.5 million", "USD
    1.2bn": ``money``, the currency in ``note``). "2.5m" and "1.2bn" are scales; "8.000
    personnes" is eight thousand (people are whole); "seven out of every ten" and "7 of every 10"
    are ratios.

    A figure followed by its percentage in brackets is one figure: the printed percentage is the
    value and the counts are its numerator and denominator.

    References
    ----------
    The qualifier vocabulary and the meaning of each phrase are the project's own design; the
    French forms are the examples it was designed on ("plus de 52 pour cent", "près de quatre sur
    dix", "environ 8 000", "entre 83 et 92 %"), not a survey of Malian publications.

    Examples
    --------
    >>> from wpsstats.published import parse_figure
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
    >>> parse_figure("a 37 per cent increase").unit  # relative to the earlier level
    'change'
    >>> parse_figure("between 92 and 83 per cent")
    Traceback (most recent call last):
    ...
    ValueError: text 'between 92 and 83 per cent': the range ... prints its higher end first; ...
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
    if raws[0].note.startswith("reversed range"):
        printed = _collapse(text[raws[0].start : raws[0].end])
        raise ValueError(
            f"text {_short(text)!r}: the range {printed!r} prints its higher end first; "
            "a slip in the source (which end was meant cannot be told)"
        )
    return _figure(raws[0], text)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
