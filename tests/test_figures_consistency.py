"""GRIM for percentages, implied fractions and UN document symbols.

Outside references: the R package scrutiny's own GRIM test values (tests/golden/scrutiny_grim.csv,
transcribed from lhdjung/scrutiny tests/testthat/test-grim.R with the commit in each row) and the
hand-worked cases of issue 5 (25.0 per cent of 36; 40 per cent of 600; 27.891156462585 per cent of
147 seats; 12.2448979591837 per cent).
"""

from __future__ import annotations

import importlib
import math
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

fig = importlib.import_module("wpsstats.figures")

GOLDEN = Path(__file__).parent / "golden" / "scrutiny_grim.csv"


def _scrutiny_rows() -> list[dict[str, str]]:
    frame = pd.read_csv(GOLDEN, comment="#", dtype=str)
    return frame.to_dict("records")


def _as_percent_of_n(x: str, n: int, items: int, percent: bool) -> tuple[str, int, int]:
    """scrutiny's grim(x, n, items, percent) as a percentage of n * items whole units.

    A mean of n scores on ``items`` integer items is a sum of whole units over n * items, so
    grim(x, n, items) asks whether 100 x per cent of n * items fits (percent = TRUE already gives
    x in per cent). Adding a whole number to a value does not change how it rounds, so a mean above
    1 (5.19) is checked through its fractional part (19 per cent), which keeps k in [0, n].
    """
    value = Decimal(x) if percent else Decimal(x).scaleb(2)
    value -= 100 * (value // 100)
    decimals = max(0, -value.as_tuple().exponent)
    return str(value), n * items, decimals


@pytest.mark.parametrize("row", _scrutiny_rows(), ids=lambda r: f"{r['case']}-{r['x']}")
def test_scrutiny_grim_values(row: dict[str, str]) -> None:
    pct, n, decimals = _as_percent_of_n(
        row["x"], int(row["n"]), int(row["items"]), row["percent"] == "TRUE"
    )
    expected = row["expected"] == "TRUE"
    assert fig.consistent_percent(pct, n, decimals) is expected
    assert bool(fig.possible_counts(pct, n, decimals)) is expected


def test_scrutiny_percent_rows_directly() -> None:
    # vec5 needs no translation: x per cent of 50 with k in [0, 50]
    rows = [r for r in _scrutiny_rows() if r["case"] == "vec5"]
    got = [fig.consistent_percent(r["x"], int(r["n"])) for r in rows]
    assert got == [r["expected"] == "TRUE" for r in rows]
    assert len(rows) == 11


def test_golden_file_names_its_source() -> None:
    frame = pd.read_csv(GOLDEN, comment="#", dtype=str)
    assert set(frame["repository"]) == {"lhdjung/scrutiny"}
    assert frame["commit"].str.fullmatch(r"[0-9a-f]{40}").all()
    assert len(frame) == 57


# --- the hand-worked cases ------------------------------------------------------------


def test_hand_worked_cases() -> None:
    assert fig.consistent_percent("25.0", 36) is True
    assert fig.possible_counts("25.0", 36) == [9]
    assert fig.consistent_percent("25.1", 36) is False
    assert fig.possible_counts("25.1", 36) == []
    assert fig.possible_counts("40", 600) == list(range(237, 244))
    assert fig.possible_counts("27.891156462585", 147) == [41]
    assert fig.consistent_percent("27.891156462585", 147) is True
    assert fig.possible_counts("27.891156462585", 148) == []


def test_half_up_and_half_down_both_allowed() -> None:
    # 1 of 8 is 12.5 exactly: printed 12 (half down) and 13 (half up) both fit
    assert fig.consistent_percent("12", 8) and fig.consistent_percent("13", 8)
    assert not fig.consistent_percent("14", 8)
    # 237/600 = 39.5 exactly and 243/600 = 40.5 exactly are the edges of "40"
    assert 237 in fig.possible_counts("40", 600) and 243 in fig.possible_counts("40", 600)
    assert 236 not in fig.possible_counts("40", 600)


def test_decimals_from_the_string_and_argument() -> None:
    # "25" at 0 decimals fits 9/36; "25.00" at 2 decimals too; 25.1 with decimals=0 is too precise
    assert fig.consistent_percent("25", 36)
    assert fig.consistent_percent("25.00", 36)
    assert fig.consistent_percent(25.0, 36)  # the float has no trailing zeros: 0 decimals
    assert fig.consistent_percent("25", 36, decimals=2)
    with pytest.raises(ValueError, match="more than decimals=0"):
        fig.consistent_percent("25.1", 36, decimals=0)
    assert fig.consistent_percent("52,5", 40) is True  # French decimal comma: 21 of 40


def test_vectorised_and_missing() -> None:
    out = fig.consistent_percent(pd.Series(["25.0", "25.1", None], index=list("abc")), 36)
    assert isinstance(out, pd.Series)
    assert str(out.dtype) == "boolean"
    assert list(out.index) == ["a", "b", "c"]
    assert out.iloc[0] and not out.iloc[1] and out.isna().iloc[2]
    assert math.isnan(fig.consistent_percent(float("nan"), 10))
    assert math.isnan(fig.consistent_percent("25", float("nan")))
    assert fig.possible_counts(float("nan"), 10) == []
    np.testing.assert_array_equal(
        fig.consistent_percent(["50", "33"], np.array([2, 3])).to_numpy(), [True, True]
    )


@pytest.mark.parametrize(
    ("percent", "n", "message"),
    [
        ("101", 10, r"percent='101' must lie in \[0, 100\]"),
        ("-1", 10, r"must lie in \[0, 100\]"),
        ("abc", 10, "percent='abc' is not a number"),
        ("25", 0, "n must be a positive count; got 0"),
        ("25", 2.5, "n must be a whole number of people; got 2.5"),
        ("25", -3, "n must be a positive count"),
    ],
)
def test_bad_input(percent: str, n: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fig.consistent_percent(percent, n)


def test_bad_input_names_position() -> None:
    with pytest.raises(ValueError, match="at position 1"):
        fig.consistent_percent(["25", "250"], [4, 4])
    with pytest.raises(ValueError, match="at index 'b'"):
        fig.consistent_percent(pd.Series(["25", "x"], index=["a", "b"]), 4)
    with pytest.raises(TypeError):
        fig.consistent_percent(True, 4)
    with pytest.raises(ValueError, match="decimals must be a whole number"):
        fig.consistent_percent("25", 4, decimals=-1)
    with pytest.raises(ValueError, match="lengths do not match"):
        fig.consistent_percent(["1", "2", "3"], [4, 5])


# --- properties --------------------------------------------------------------------------------


@given(
    n=st.integers(min_value=1, max_value=5000),
    data=st.data(),
    d=st.integers(min_value=0, max_value=4),
)
def test_grim_accepts_every_true_share(n: int, data: st.DataObject, d: int) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    assert fig.consistent_percent(round(100 * k / n, d), n, d) is True
    # and the exact half-up and half-down renderings as strings
    exact = Decimal(100 * k) / Decimal(n)
    q = Decimal(1).scaleb(-d)
    for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN):
        printed = str(exact.quantize(q, rounding=mode))
        assert k in fig.possible_counts(printed, n)


@given(
    n=st.integers(min_value=1, max_value=400),
    p=st.integers(min_value=0, max_value=10000),
    d=st.integers(min_value=0, max_value=2),
)
def test_possible_counts_matches_brute_force(n: int, p: int, d: int) -> None:
    printed = Decimal(p).scaleb(-2) if d == 2 else Decimal(p % (100 * 10**d + 1)).scaleb(-d)
    printed = min(printed, Decimal(100))
    half = Fraction(1, 2 * 10**d)
    brute = [k for k in range(n + 1) if abs(Fraction(100 * k, n) - Fraction(printed)) <= half]
    assert fig.possible_counts(str(printed), n, d) == brute
    assert fig.consistent_percent(str(printed), n, d) is bool(brute)


# --- implied fractions -------------------------------------------------------------------------


def test_implied_fraction_examples() -> None:
    f = fig.implied_fraction("27.891156462585")
    assert (f.numerator, f.denominator) == (41, 147)
    assert f.count is None and f.counts == ()
    g = fig.implied_fraction("12.2448979591837")
    assert (g.numerator, g.denominator) == (6, 49)
    h = fig.implied_fraction("12.2448979591837", size=147)
    assert h.count == 18 and h.counts == (18,)
    assert "of 147 members that is 18" in h.reason
    low = fig.implied_fraction("40", size=600)
    assert low.count is None and low.counts == tuple(range(237, 244))
    assert (low.numerator, low.denominator) == (2, 5)


@given(
    n=st.integers(min_value=1, max_value=300),
    data=st.data(),
)
def test_implied_fraction_recovers_lowest_terms(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    # 13 decimals: the interval (1e-15 wide) holds one fraction with a denominator up to 3e7
    printed = str((Decimal(100 * k) / Decimal(n)).quantize(Decimal("1e-13")))
    f = fig.implied_fraction(printed)
    assert Fraction(f.numerator, f.denominator) == Fraction(k, n)
    assert f.unique_below >= n
    assert fig.implied_fraction(printed, size=n).count == k


@given(p=st.integers(min_value=0, max_value=1000), d=st.integers(min_value=0, max_value=2))
def test_implied_fraction_has_the_smallest_denominator(p: int, d: int) -> None:
    printed = min(Decimal(p).scaleb(-d), Decimal(100))
    f = fig.implied_fraction(str(printed), decimals=d)
    # the fraction prints as given, and no smaller denominator does
    assert fig.possible_counts(str(printed), f.denominator, d).count(f.numerator) == 1
    for q in range(1, f.denominator):
        assert fig.possible_counts(str(printed), q, d) == []


# --- UN document symbols -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "year", "valid"),
    [
        ("S/2016/682", 2016, True),
        ("S/2016/1103", 2016, True),
        ("S/2017/626", None, True),
        ("S/206/682", 2016, False),
        ("S/206/682", None, False),
        ("S/2016/682", 2017, False),
        ("S/26695", None, True),  # pre-1994 general series
        ("S/26695", 2016, False),
        ("S/1993/5", None, False),
        ("S/RES/2242 (2015)", 2015, True),
        ("S/RES/2242 (2016)", 2015, False),
        ("S/PRST/2017/2", 2017, True),
        ("S/PV.8234", None, True),
        ("A/RES/70/1", None, True),
        ("not a symbol", None, False),
        ("S/3016/1", None, False),  # a year in the future
    ],
)
def test_check_symbol(symbol: str, year: int | None, valid: bool) -> None:
    result = fig.check_symbol(symbol, year=year)
    assert result.valid is valid
    assert result.reason


def test_check_symbol_says_what_is_wrong() -> None:
    r = fig.check_symbol("S/206/682", year=2016)
    assert "'206' in S/206/682 is not a year" in r.reason
    assert "S/2016/682" in r.reason
    assert fig.check_symbol("S/2016/682").number == 682
    assert fig.check_symbol("S/RES/2242 (2016)").year == 2016
    with pytest.raises(TypeError):
        fig.check_symbol(2016)  # type: ignore[arg-type]
