"""GRIM for percentages, implied fractions and UN document symbols.

Outside references: the R package scrutiny's own GRIM test values (tests/golden/scrutiny_grim.csv,
transcribed from lhdjung/scrutiny tests/testthat/test-grim.R with the commit in each row) and the
hand-worked cases of issue 5 (25.0 per cent of 36; 40 per cent of 600; 27.891156462585 per cent of
147 seats; 12.2448979591837 per cent); and, for ``slack`` and ``significant``, the World Bank's own
prints of SG.GEN.PARL.ZS (datasets/wdi_parliament_g5s.csv), each of which the recovered fraction
must print again character for character with Python's ``%.15g`` (the World Bank's format); and,
for ``size``, the World Bank's shares (wdi_parliament_world) against the seats and women IPU
prints for the same lower chambers on 1 November 2021 (ipu_parliament).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wpsstats as wps
import wpsstats.published as pub

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
    assert pub.consistent_percent(pct, n, decimals) is expected
    assert bool(pub.possible_counts(pct, n, decimals)) is expected


def test_scrutiny_percent_rows_directly() -> None:
    # vec5 needs no translation: x per cent of 50 with k in [0, 50]
    rows = [r for r in _scrutiny_rows() if r["case"] == "vec5"]
    got = [pub.consistent_percent(r["x"], int(r["n"])) for r in rows]
    assert got == [r["expected"] == "TRUE" for r in rows]
    assert len(rows) == 11


def test_golden_file_names_its_source() -> None:
    frame = pd.read_csv(GOLDEN, comment="#", dtype=str)
    assert set(frame["repository"]) == {"lhdjung/scrutiny"}
    assert frame["commit"].str.fullmatch(r"[0-9a-f]{40}").all()
    assert len(frame) == 57


# --- the issue's hand-worked cases ------------------------------------------------------------


def test_hand_worked_cases() -> None:
    assert pub.consistent_percent("25.0", 36) is True
    assert pub.possible_counts("25.0", 36) == [9]
    assert pub.consistent_percent("25.1", 36) is False
    assert pub.possible_counts("25.1", 36) == []
    assert pub.possible_counts("40", 600) == list(range(237, 244))
    assert pub.possible_counts("27.891156462585", 147) == [41]
    assert pub.consistent_percent("27.891156462585", 147) is True
    assert pub.possible_counts("27.891156462585", 148) == []


def test_half_up_and_half_down_both_allowed() -> None:
    # 1 of 8 is 12.5 exactly: printed 12 (half down) and 13 (half up) both fit
    assert pub.consistent_percent("12", 8) and pub.consistent_percent("13", 8)
    assert not pub.consistent_percent("14", 8)
    # 237/600 = 39.5 exactly and 243/600 = 40.5 exactly are the edges of "40"
    assert 237 in pub.possible_counts("40", 600) and 243 in pub.possible_counts("40", 600)
    assert 236 not in pub.possible_counts("40", 600)


def test_decimals_from_the_string_and_argument() -> None:
    # "25" at 0 decimals fits 9/36; "25.00" at 2 decimals too; 25.1 with decimals=0 is too precise
    assert pub.consistent_percent("25", 36)
    assert pub.consistent_percent("25.00", 36)
    assert pub.consistent_percent(25.0, 36)  # the float has no trailing zeros: 0 decimals
    assert pub.consistent_percent("25", 36, decimals=2)
    with pytest.raises(ValueError, match="more than decimals=0"):
        pub.consistent_percent("25.1", 36, decimals=0)
    assert pub.consistent_percent("52,5", 40) is True  # French decimal comma: 21 of 40


def test_vectorised_and_missing() -> None:
    out = pub.consistent_percent(pd.Series(["25.0", "25.1", None], index=list("abc")), 36)
    assert isinstance(out, pd.Series)
    assert str(out.dtype) == "boolean"
    assert list(out.index) == ["a", "b", "c"]
    assert out.iloc[0] and not out.iloc[1] and out.isna().iloc[2]
    assert math.isnan(pub.consistent_percent(float("nan"), 10))
    assert math.isnan(pub.consistent_percent("25", float("nan")))
    assert pub.possible_counts(float("nan"), 10) is None  # missing, not a failed test
    np.testing.assert_array_equal(
        pub.consistent_percent(["50", "33"], np.array([2, 3])).to_numpy(), [True, True]
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
        pub.consistent_percent(percent, n)


def test_bad_input_names_position() -> None:
    with pytest.raises(ValueError, match="at position 1"):
        pub.consistent_percent(["25", "250"], [4, 4])
    with pytest.raises(ValueError, match="at index 'b'"):
        pub.consistent_percent(pd.Series(["25", "x"], index=["a", "b"]), 4)
    with pytest.raises(TypeError):
        pub.consistent_percent(True, 4)
    with pytest.raises(ValueError, match="decimals must be a whole number"):
        pub.consistent_percent("25", 4, decimals=-1)
    with pytest.raises(ValueError, match="lengths do not match"):
        pub.consistent_percent(["1", "2", "3"], [4, 5])


# --- properties --------------------------------------------------------------------------------


@given(
    n=st.integers(min_value=1, max_value=5000),
    data=st.data(),
    d=st.integers(min_value=0, max_value=4),
)
def test_grim_accepts_every_true_share(n: int, data: st.DataObject, d: int) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    assert pub.consistent_percent(round(100 * k / n, d), n, d) is True
    # and the exact half-up and half-down renderings as strings
    exact = Decimal(100 * k) / Decimal(n)
    q = Decimal(1).scaleb(-d)
    for mode in (ROUND_HALF_UP, ROUND_HALF_DOWN):
        printed = str(exact.quantize(q, rounding=mode))
        assert k in pub.possible_counts(printed, n)


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
    assert pub.possible_counts(str(printed), n, d) == brute
    assert pub.consistent_percent(str(printed), n, d) is bool(brute)


# --- implied fractions -------------------------------------------------------------------------


def test_implied_fraction_examples() -> None:
    f = pub.implied_fraction("27.891156462585")
    assert (f.numerator, f.denominator) == (41, 147)
    assert f.count is None and f.counts == ()
    g = pub.implied_fraction("12.2448979591837")
    assert (g.numerator, g.denominator) == (6, 49)
    h = pub.implied_fraction("12.2448979591837", size=147)
    assert h.count == 18 and h.counts == (18,)
    assert "of 147 members that is 18" in h.reason
    low = pub.implied_fraction("40", size=600)
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
    f = pub.implied_fraction(printed)
    assert Fraction(f.numerator, f.denominator) == Fraction(k, n)
    assert f.unique_below >= n
    assert pub.implied_fraction(printed, size=n).count == k


@given(p=st.integers(min_value=0, max_value=1000), d=st.integers(min_value=0, max_value=2))
def test_implied_fraction_has_the_smallest_denominator(p: int, d: int) -> None:
    printed = min(Decimal(p).scaleb(-d), Decimal(100))
    f = pub.implied_fraction(str(printed), decimals=d)
    # the fraction prints as given, and no smaller denominator does
    assert pub.possible_counts(str(printed), f.denominator, d).count(f.numerator) == 1
    for q in range(1, f.denominator):
        assert pub.possible_counts(str(printed), q, d) == []


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
    result = pub.check_symbol(symbol, year=year)
    assert result.valid is valid
    assert result.reason


# the UN library's own examples (research.un.org/en/docs/ga/resolutions), then damaged copies
@pytest.mark.parametrize(
    ("symbol", "valid", "number"),
    [
        ("A/RES/44/25", True, 25),
        ("A/RES/S-13/2", True, 2),
        ("A/RES/ES-8/2", True, 2),
        ("A/RES/217 (III)", True, 217),
        ("A/RES/217 A (III)", True, 217),
        ("A/RES/3201 (S-VI)", True, 3201),
        ("A/RES/2252 (ES-V)", True, 2252),
        ("A/RES/31/16 A", True, 16),  # Editorial Manual: "resolution 31/16 A"
        ("A/RES/070/1", False, None),  # a leading zero
        ("A/RES/70/01", False, None),
        ("A/RES/30/5", False, 5),  # session 30 was numbered 3363 (XXX)
        ("A/RES/S-7/1", False, 1),  # so was the 7th special session: 3362 (S-VII)
        ("A/RES/3542 (XXX)", False, None),  # the single sequence ended at 3541
        ("A/RES/217 (3)", False, None),
        ("A/RES/44", False, None),
    ],
)
def test_check_symbol_general_assembly(symbol: str, valid: bool, number: int | None) -> None:
    result = pub.check_symbol(symbol)
    assert (result.valid, result.number, result.organ) == (valid, number, "General Assembly")
    assert result.series == "resolution" and symbol in result.reason


def test_check_symbol_says_what_is_wrong() -> None:
    r = pub.check_symbol("S/206/682", year=2016)
    assert "'206' in S/206/682 is not a year" in r.reason
    assert "S/2016/682" in r.reason
    assert pub.check_symbol("S/2016/682").number == 682
    assert pub.check_symbol("S/RES/2242 (2016)").year == 2016
    with pytest.raises(TypeError):
        pub.check_symbol(2016)  # type: ignore[arg-type]


def test_options_after_the_figure_are_keyword_only() -> None:
    # consistent_percent(percent, n, decimals) and possible_counts keep the contract's positions
    with pytest.raises(TypeError, match="positional"):
        pub.implied_fraction("12.2448979591837", 147)  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional"):
        pub.check_symbol("S/2016/682", 2016)  # type: ignore[misc]


# --- shares computed in floating point and printed at 15 significant digits ------------------
# The World Bank prints SG.GEN.PARL.ZS as a float at 15 significant digits (datasets/
# wdi_parliament_g5s.csv). The float's own rounding error can move the 15th digit by one unit, so
# the print may sit just outside the exact rounding interval of the true fraction.

WB_12_OF_127 = "9.44881889763779"


def test_a_float_print_can_miss_its_own_fraction() -> None:
    assert f"{12 / 127 * 100:.15g}" == WB_12_OF_127
    # 12/127 correctly rounded at 14 decimals ends in ...780, one unit above the float's print
    exact = (Decimal(1200) / Decimal(127)).quantize(Decimal("1e-14"))
    assert str(exact) == "9.44881889763780"
    # default semantics are exact and unchanged: the print does not fit 12 of 127
    assert pub.possible_counts(WB_12_OF_127, 127) == []
    assert pub.consistent_percent(WB_12_OF_127, 127) is False
    f = pub.implied_fraction(WB_12_OF_127)
    assert (f.numerator, f.denominator) == (7240474251065, 76628352490438)


def test_one_unit_of_slack_recovers_the_fraction() -> None:
    assert pub.possible_counts(WB_12_OF_127, 127, slack=1) == [12]
    assert pub.consistent_percent(WB_12_OF_127, 127, slack=1) is True
    f = pub.implied_fraction(WB_12_OF_127, slack=1)
    assert (f.numerator, f.denominator) == (12, 127)
    g = pub.implied_fraction(WB_12_OF_127, size=127, slack=1, significant=15)
    assert (g.numerator, g.denominator, g.count, g.counts) == (12, 127, 12, (12,))
    assert "1 unit of error in its last digit" in g.reason
    assert "14 decimals from 15 significant digits" in g.reason
    assert g.unique_below >= 10**6
    out = pub.consistent_percent(pd.Series([WB_12_OF_127, "27.891156462585"]), [127, 147])
    assert out.tolist() == [False, True]
    out = pub.consistent_percent(pd.Series([WB_12_OF_127, "27.891156462585"]), [127, 147], slack=1)
    assert out.tolist() == [True, True]


def test_rerounding_is_not_a_substitute_for_slack() -> None:
    printed = f"{14 / 113 * 100:.15g}"
    assert printed == "12.3893805309735"
    rerounded = str(Decimal(printed).quantize(Decimal("1e-12")))
    assert rerounded == "12.389380530974"
    assert pub.possible_counts(rerounded, 113) == []  # re-rounding lost 14 of 113
    for slack in (0, 1):
        f = pub.implied_fraction(printed, slack=slack, significant=15)
        assert (f.numerator, f.denominator) == (14, 113)
        assert pub.possible_counts(printed, 113, slack=slack) == [14]


@pytest.mark.parametrize("slack", [0, 1])
@pytest.mark.parametrize("significant", [None, 15])
def test_the_issue_examples_hold_with_slack(slack: int, significant: int | None) -> None:
    opts = {"slack": slack, "significant": significant}
    f = pub.implied_fraction("27.891156462585", **opts)
    assert (f.numerator, f.denominator) == (41, 147)
    g = pub.implied_fraction("12.2448979591837", **opts)
    assert (g.numerator, g.denominator) == (6, 49)
    h = pub.implied_fraction("12.2448979591837", size=147, **opts)
    assert h.count == 18 and h.counts == (18,)
    assert pub.possible_counts("12.2448979591837", 147, **opts) == [18]


def test_every_world_bank_print_regenerates_from_its_fraction() -> None:
    wdi = wps.load("wdi_parliament_g5s")
    printed = wdi["percent_printed"].astype(str)
    assert len(printed) == 111
    for text in printed:
        f = pub.implied_fraction(text, slack=1, significant=15)
        assert f"{f.numerator / f.denominator * 100:.15g}" == text, text
        # at 15 significant digits the fraction is the only one for any chamber of a plausible size
        assert f.unique_below >= 10**6
        assert math.gcd(f.numerator, f.denominator) == 1


def test_short_prints_need_significant() -> None:
    # %.15g drops trailing zeros: Chad's "2.4" (1997-2001) stands for 2.40000000000000 at 15
    # significant digits, but read as printed (1 decimal) it is any share in [2.35, 2.45]
    assert (pub.implied_fraction("2.4").numerator, pub.implied_fraction("2.4").denominator) == (
        1,
        41,
    )
    assert f"{1 / 41 * 100:.15g}" != "2.4"
    f = pub.implied_fraction("2.4", slack=1, significant=15)
    assert (f.numerator, f.denominator) == (3, 125)
    assert f"{3 / 125 * 100:.15g}" == "2.4"
    # 1 of 2000 prints as 0.05: read as printed, many simpler fractions fit
    assert f"{1 / 2000 * 100:.15g}" == "0.05"
    assert pub.implied_fraction("0.05", slack=1).denominator == 1539
    g = pub.implied_fraction("0.05", slack=1, significant=15)
    assert (g.numerator, g.denominator) == (1, 2000)
    assert pub.possible_counts("0.05", 4000, significant=15) == [2]
    assert pub.possible_counts("0.05", 4000) == [2]  # at 2 decimals: 1.8 to 2.2 of 4000
    assert pub.possible_counts("0.05", 40000, significant=15) == [20]
    assert pub.possible_counts("0.05", 40000) == list(range(18, 23))
    # the ends of the range
    zero = pub.implied_fraction("0", slack=1, significant=15)
    assert (zero.numerator, zero.denominator) == (0, 1)
    full = pub.implied_fraction("100", slack=1, significant=15)
    assert (full.numerator, full.denominator) == (1, 1)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"slack": -1}, ValueError, "slack must be a whole number >= 0, got -1"),
        ({"slack": 0.5}, TypeError, "slack must be a whole number >= 0, got 0.5"),
        ({"slack": True}, TypeError, "slack must be a whole number"),
        ({"significant": 0}, ValueError, "significant must be a whole number >= 1, got 0"),
        ({"significant": 3}, ValueError, "more significant digits than significant=3"),
        ({"significant": 15, "decimals": 14}, ValueError, "give decimals or significant"),
    ],
)
def test_slack_and_significant_bad_input(
    kwargs: dict[str, int], error: type[Exception], message: str
) -> None:
    decimals = kwargs.pop("decimals", None)
    for call in (
        lambda: pub.implied_fraction(WB_12_OF_127, size=None, decimals=decimals, **kwargs),
        lambda: pub.possible_counts(WB_12_OF_127, 127, decimals, **kwargs),
        lambda: pub.consistent_percent(WB_12_OF_127, 127, decimals, **kwargs),
        lambda: pub.consistent_percent([WB_12_OF_127], [127], decimals, **kwargs),
    ):
        with pytest.raises(error, match=message):
            call()


def test_significant_error_names_the_position() -> None:
    with pytest.raises(ValueError, match="at position 1"):
        pub.consistent_percent(["25", WB_12_OF_127], [4, 127], significant=3)


def test_every_float_print_up_to_120_recovers_its_fraction() -> None:
    # exhaustive, because the off-by-one prints are rare (about 1 in 40) for a random draw to hit
    missed_exactly = 0
    for n in range(1, 121):
        for k in range(n + 1):
            printed = f"{k / n * 100:.15g}"
            f = pub.implied_fraction(printed, slack=1, significant=15)
            assert Fraction(f.numerator, f.denominator) == Fraction(k, n), printed
            exact = pub.implied_fraction(printed, significant=15)
            missed_exactly += Fraction(exact.numerator, exact.denominator) != Fraction(k, n)
    assert missed_exactly > 0  # without slack some prints do lose their fraction


@given(n=st.integers(min_value=1, max_value=2000), data=st.data())
def test_float_prints_recover_lowest_terms(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=n))
    printed = f"{k / n * 100:.15g}"
    f = pub.implied_fraction(printed, slack=1, significant=15)
    assert Fraction(f.numerator, f.denominator) == Fraction(k, n)
    assert f.unique_below >= n
    assert k in pub.possible_counts(printed, n, slack=1, significant=15)
    assert pub.implied_fraction(printed, size=n, slack=1, significant=15).count == k
    # without significant the print's own decimals set the interval: two fractions with
    # denominators up to 2000 are at least 100/(2000*1999) > 2.5e-5 per cent apart, so from 6
    # decimals on (an interval 3e-6 wide at slack=1) slack alone recovers the fraction
    if len(printed.partition(".")[2]) >= 6:
        g = pub.implied_fraction(printed, slack=1)
        assert Fraction(g.numerator, g.denominator) == Fraction(k, n)


@given(
    n=st.integers(min_value=1, max_value=400),
    p=st.integers(min_value=0, max_value=10000),
    d=st.integers(min_value=0, max_value=2),
    slack=st.integers(min_value=0, max_value=3),
)
def test_slack_matches_brute_force(n: int, p: int, d: int, slack: int) -> None:
    printed = Decimal(p % (100 * 10**d + 1)).scaleb(-d)
    reach = Fraction(1 + 2 * slack, 2 * 10**d)
    brute = [k for k in range(n + 1) if abs(Fraction(100 * k, n) - Fraction(printed)) <= reach]
    assert pub.possible_counts(str(printed), n, d, slack=slack) == brute
    assert pub.consistent_percent(str(printed), n, d, slack=slack) is bool(brute)
    # widening never loses a count
    assert set(pub.possible_counts(str(printed), n, d)) <= set(brute)


@given(
    p=st.integers(min_value=0, max_value=10000),
    d=st.integers(min_value=0, max_value=2),
    slack=st.integers(min_value=0, max_value=2),
)
def test_implied_fraction_with_slack_has_the_smallest_denominator(
    p: int, d: int, slack: int
) -> None:
    printed = str(Decimal(p % (100 * 10**d + 1)).scaleb(-d))
    f = pub.implied_fraction(printed, decimals=d, slack=slack)
    assert math.gcd(f.numerator, f.denominator) == 1
    assert f.numerator in pub.possible_counts(printed, f.denominator, d, slack=slack)
    for q in range(1, f.denominator):
        assert pub.possible_counts(printed, q, d, slack=slack) == []


# --- implied_fraction against real counts: World Bank shares and IPU's seats and women ---------
# The World Bank's SG.GEN.PARL.ZS (bundled as wdi_parliament_world, release of 7 October 2025) is
# compiled from the Inter-Parliamentary Union and prints the share of the single or lower
# chamber's seats held by women, one value a year; IPU's monthly ranking (bundled as
# ipu_parliament) prints that chamber's seats and women as of 1 November 2021 ("Classement au 1er
# Novembre 2021", ../shared/data/ipu). The two are matched without looking at the counts tested:
# - only IPU's November 2021 ranking: the World Bank release ends in 2024, so November 2025 has no
#   World Bank value after it;
# - the World Bank does not say which date of a year its value is for (its 2022 metadata dates
#   only 1998: "as of August 10, 1998"); whether it is a date within the year or its close, the
#   2020 value is dated before 1 November 2021 and the 2022 value after it. A chamber is kept only
#   if the World Bank prints the same share for 2020, 2021 and 2022;
# - and only if IPU's last election for it is before January 2020, so that no general election
#   fell between the World Bank's 2020 date and IPU's 1 November 2021.
# The chamber IPU counted is then the one the World Bank's 2021 share describes, and
# implied_fraction(share, size=IPU's seats) must give IPU's count of women.

IPU_MONTH = "2021-11"
WB_YEARS = ("2020", "2021", "2022")


def _wb_ipu_matches() -> list[tuple[str, str, int, int]]:
    """(geo, World Bank 2021 print, IPU seats, IPU women) for the matched lower chambers."""
    wdi = wps.load("wdi_parliament_world")
    wdi = wdi[~wdi["is_aggregate"].astype(bool) & wdi["period"].isin(WB_YEARS)]
    prints: dict[str, dict[str, str]] = {}
    for geo, period, printed in wdi[["geo", "period", "percent_printed"]].itertuples(index=False):
        assert period not in prints.setdefault(geo, {}), (geo, period)  # one value a year
        prints[geo][period] = str(printed)
    ipu = wps.load("ipu_parliament")
    ipu = ipu[(ipu["month"] == IPU_MONTH) & (ipu["chamber"] == "lower")]
    rows = []
    for r in ipu.itertuples():
        if pd.isna(r.seats) or pd.isna(r.women) or pd.isna(r.election):
            continue
        shares = prints.get(r.geo, {})
        if set(shares) != set(WB_YEARS) or len(set(shares.values())) != 1:
            continue
        if not r.election < "2020-01":
            continue
        rows.append((r.geo, shares["2021"], int(r.seats), int(r.women)))
    return rows


WB_IPU = _wb_ipu_matches()


def test_world_bank_and_ipu_matching_keeps_its_rows() -> None:
    # 29 chambers pass the date rules in the bundled releases; a change means the data changed
    assert len(WB_IPU) == 29, [geo for geo, *_ in WB_IPU]
    assert {"RWA", "MOZ", "CHN", "SLE", "MRT", "OMN"} <= {geo for geo, *_ in WB_IPU}
    # in about half, the share's lowest terms are not the chamber (40 per cent of 110 is 2/5), so
    # only the known size gives the count
    lowest = [pub.implied_fraction(p, slack=1, significant=15).denominator for _, p, _, _ in WB_IPU]
    assert sum(d != n for d, (_, _, n, _) in zip(lowest, WB_IPU, strict=True)) >= 12


@pytest.mark.parametrize(("slack", "significant"), [(0, None), (1, 15)])
@pytest.mark.parametrize(("geo", "printed", "seats", "women"), WB_IPU, ids=[r[0] for r in WB_IPU])
def test_implied_fraction_gives_ipu_count_of_women(
    geo: str, printed: str, seats: int, women: int, slack: int, significant: int | None
) -> None:
    f = pub.implied_fraction(printed, size=seats, slack=slack, significant=significant)
    assert f.counts == (women,), f"{geo}: {f.reason}"
    assert f.count == women
    if f.unique_below >= seats:  # "42.4" read at one decimal is 14/33, which does not pin 250 seats
        assert Fraction(f.numerator, f.denominator) == Fraction(women, seats)
    if significant == 15:
        assert f.unique_below >= seats


def test_possible_counts_refuses_to_list_a_billion_counts() -> None:
    # "25" of 8 billion people fits every count from 1,960,000,000 to 2,040,000,000 (24.5 to
    # 25.5 per cent): 80,000,001 counts, gigabytes as a list, where 8 million give 80,001
    assert len(pub.possible_counts("25", 8_000_000)) == 80_001
    with pytest.raises(ValueError, match=r"80,000,001 counts out of n=8,000,000,000 print as '25'"):
        pub.possible_counts("25", 8_000_000_000)
