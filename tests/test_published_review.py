"""Regression tests for the reviewed defects of the published figures (items 1-4, 6 and 7).

Each test failed on the code before its fix. Expected values are the phrases' meanings under
DESIGN.md ("Published figures: what a phrase means": a range gives its two ends and their midpoint)
and exact integer arithmetic for the GRIM test (Brown & Heathers 2017: k of n prints as p when
|100 k / n - p| is at most half a unit of the last printed digit).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wpsstats.published as pub

parse_figure = pub.parse_figure


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(b))


# --- item 1: a scale word after a range ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lower", "upper", "phrase"),
    [
        ("between 2.5 and 3 million refugees", 2.5e6, 3e6, "between 2.5 and 3 million"),
        ("2-3 million people", 2e6, 3e6, "2-3 million"),
        ("from 1.5 to 2 million", 1.5e6, 2e6, "from 1.5 to 2 million"),
        ("entre 2 et 3 millions de personnes", 2e6, 3e6, "entre 2 et 3 millions"),
        ("3 million to 4 million", 3e6, 4e6, "3 million to 4 million"),
        ("between 2 million and 3 million", 2e6, 3e6, "between 2 million and 3 million"),
        ("between two and three million people", 2e6, 3e6, "between two and three million"),
        ("between 2 and 3 thousand", 2000, 3000, "between 2 and 3 thousand"),
        # the first end is already the larger number as printed: the scale is the second's only
        ("between 500,000 and 1 million", 5e5, 1e6, "between 500,000 and 1 million"),
    ],
)
def test_a_scale_after_a_range_applies(text: str, lower: float, upper: float, phrase: str) -> None:
    f = parse_figure(text)
    assert (f.qualifier, f.unit, f.text) == ("between", "count", phrase)
    assert _same(f.lower, lower) and _same(f.upper, upper)
    assert _same(f.value, (lower + upper) / 2)


@st.composite
def million_ranges(draw: st.DrawFn) -> tuple[str, float, float]:
    a = draw(st.integers(1, 98))
    b = draw(st.integers(a + 1, 99))
    tenths = draw(st.booleans())
    ta, tb = (f"{a / 10:.1f}", f"{b / 10:.1f}") if tenths else (str(a), str(b))
    scale = 1e5 if tenths else 1e6
    style = draw(
        st.sampled_from(
            ["between {a} and {b} million", "{a}-{b} million", "{a}–{b} million",
             "from {a} to {b} million", "{a} to {b} million", "{a} million to {b} million",
             "between {a} million and {b} million", "entre {a} et {b} millions",
             "{a} million-{b} million"]
        )
    )  # fmt: skip
    if "entre" in style:
        ta, tb = ta.replace(".", ","), tb.replace(".", ",")
        if tenths:  # "2,5" is a decimal comma only before "millions" or "%"; keep whole numbers
            return style.format(a=a, b=b), a * 1e6, b * 1e6
    return style.format(a=ta, b=tb), a * scale, b * scale


@given(data=million_ranges())
def test_rendered_million_ranges_read_back(data: tuple[str, float, float]) -> None:
    phrase, lower, upper = data
    f = parse_figure(f"Reports count {phrase} people displaced.")
    assert (f.qualifier, f.unit) == ("between", "count"), (phrase, f)
    assert _same(f.lower, lower) and _same(f.upper, upper), (phrase, f)
    assert _same(f.value, (lower + upper) / 2)
    assert f.text == phrase


# --- item 6: ranges with a year-like end ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("between 1800 and 2000 women", 1800, 2000),
        ("between 10 and 2000", 10, 2000),
        ("1800-2000 women", 1800, 2000),
        ("between 1900 and 2050 peacekeepers", 1900, 2050),
    ],
)
def test_ranges_that_are_counts(text: str, lower: float, upper: float) -> None:
    f = parse_figure(text)
    assert (f.qualifier, f.unit, f.lower, f.upper) == ("between", "count", lower, upper)


@pytest.mark.parametrize(
    "text", ["between 2012 and 2018", "2015-16", "from 2010 to 2015, the share rose", "2015–2017"]
)
def test_ranges_of_years_are_not_figures(text: str) -> None:
    with pytest.raises(ValueError, match="no figure"):
        parse_figure(text)


# --- item 7: decimals of number words ----------------------------------------------------------


def test_decimals_of_words_and_ratios_follow_the_docstring() -> None:
    assert parse_figure("twelve women").decimals == 0
    assert parse_figure("three percent").decimals == 0
    assert parse_figure("2.5 million").decimals == 1
    assert parse_figure("nine out of 10").decimals is None
    assert parse_figure("a third of seats").decimals is None
    doc = pub.Figure.__doc__ or ""
    assert '0 for a number in words ("twelve", "three percent")' in " ".join(doc.split())


# --- item 2: a float's decimals ----------------------------------------------------------------


@pytest.mark.parametrize("k", [7, 14, 28, 29, 57, 58])
def test_float_noise_is_not_read_as_decimals(k: int) -> None:
    x = k / 100 * 100  # 0.07 * 100 is 7.000000000000001
    assert pub.possible_counts(x, 100) == [k]
    assert pub.possible_counts(x, 100, decimals=0) == [k]
    assert pub.consistent_percent(x, 100) is True


def test_float32_goes_through_its_own_repr() -> None:
    # 2.6 per cent of 1000 is 26 people; np.float32(2.6) is 2.5999999046... as a double
    assert pub.possible_counts(np.float32(2.6), 1000) == [26]
    assert pub.possible_counts(np.float32(2.6), 1000, decimals=1) == [26]


def test_decimals_given_rounds_float_noise_only() -> None:
    assert pub.possible_counts(25.000000000001, 36, decimals=1) == [9]
    with pytest.raises(ValueError, match="more than decimals=2"):
        pub.possible_counts(2.65001, 100, decimals=2)
    with pytest.raises(ValueError, match="more than decimals=0"):
        pub.possible_counts("7.000000000000001", 100, decimals=0)  # a string is as printed


@given(n=st.integers(1, 2000), data=st.data(), d=st.integers(0, 3))
def test_a_share_computed_in_floating_point_passes(n: int, data: st.DataObject, d: int) -> None:
    k = data.draw(st.integers(0, n))
    x = round(k / n * 100, d)  # the percentage as Python computes and rounds it
    assert k in pub.possible_counts(x, n)
    assert k in pub.possible_counts(x, n, decimals=d)
    exact = [j for j in range(n + 1) if abs(Fraction(100 * j, n) - Fraction(Decimal(repr(x))))
             <= Fraction(1, 2 * 10**d)]  # fmt: skip
    assert pub.possible_counts(x, n, decimals=d) == exact


# --- item 3: Series are paired by index --------------------------------------------------------


def test_series_with_different_indexes_raise() -> None:
    percent = pd.Series(["25.0", "33.3"], index=[10, 20])
    n = pd.Series([3, 36], index=[20, 10])
    with pytest.raises(ValueError, match="different indexes"):
        pub.consistent_percent(percent, n)
    # aligned first, they pair by label: 25.0 of 36 and 33.3 of 3
    out = pub.consistent_percent(percent, n.reindex(percent.index))
    assert out.tolist() == [True, True] and out.index.tolist() == [10, 20]


# --- item 4: pd.NA and nullable dtypes are missing values --------------------------------------


def test_pd_na_is_missing() -> None:
    assert math.isnan(pub.consistent_percent(25, pd.NA))
    assert math.isnan(pub.consistent_percent(pd.NA, 36))
    assert math.isnan(pub.consistent_percent(25, pd.NaT))
    # missing in, missing out: None, not the empty list of a failed GRIM test
    assert pub.possible_counts(pd.NA, 36) is None and pub.possible_counts(25, pd.NA) is None
    assert pub.possible_counts(None, 36) is None and pub.possible_counts(float("nan"), 36) is None


@pytest.mark.parametrize(
    ("percent", "n"),
    [
        (pd.array([25, None], dtype="Int64"), 36),
        (pd.array([25.0, None], dtype="Float64"), 36),
        (pd.Series(["25", None], dtype="string"), 36),
        (25, pd.array([36, None], dtype="Int64")),
        ([25, pd.NA], [36, 36]),
    ],
)
def test_nullable_arrays_give_na(percent: object, n: object) -> None:
    out = pub.consistent_percent(percent, n)
    assert out.dtype == "boolean"
    assert out.iloc[0] is np.True_ or bool(out.iloc[0]) is True
    assert out.iloc[1] is pd.NA
