"""Numbers at the edges (issue 20): exact beta bounds against R, huge counts, pd.NA and booleans.

Each test here failed on the code before the issue: beta quantiles that scipy's inverses left off in
their tail (by 3e-6 of it for the upper bound of 999 in 10**7), a Clopper-Pearson lower bound above
the upper at n = 10**19, ``quota_gap`` wrapping past 2**63, pd.NA raising TypeError in lists, and
booleans counted as 1.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

import wpsstats as wps

GOLDEN = Path(__file__).parent / "golden" / "rates_edges_r.csv"  # tests/r/rates_edges.R
BETA = ["clopper_pearson", "jeffreys"]


def _shapes(method: str, x: float, n: float) -> tuple[float, float, float, float]:
    """Beta shapes of the lower and of the upper bound."""
    if method == "clopper_pearson":
        return x, n - x + 1, x + 1, n - x
    return x + 0.5, n - x + 0.5, x + 0.5, n - x + 0.5


def _exact_tails(lower: float, upper: float, method: str, x: int, n: int, tail: float) -> None:
    """Each bound's tail is ``tail`` to 1e-12 relative, or crosses it within two floats of the
    bound: far out the tail moves by more than 1e-12 from one float to the next (and scipy's
    betainc is not monotone at that scale), so no float does better."""
    a1, b1, a2, b2 = _shapes(method, float(x), float(n))
    for p, rises in (
        (lower, lambda q: special.betainc(a1, b1, q) - tail),
        (upper, lambda q: tail - special.betaincc(a2, b2, q)),
    ):
        if p in (0.0, 1.0):
            continue
        below, above = p - 2 * np.spacing(p), p + 2 * np.spacing(p)
        crosses = rises(below) <= 0 <= rises(above)
        assert abs(rises(p)) <= 1e-12 * tail or crosses, (method, x, n, p, rises(p) / tail)


# ------------------------------------------------------------------- 1. exact beta quantiles


def test_the_issues_clopper_pearson_bound_is_rs() -> None:
    _, upper = wps.proportion_ci(999, 10**7, method="clopper_pearson")
    # binom.test(999, 1e7)$conf.int[2]; scipy's betainccinv gave 1.0629177105903054e-04
    assert upper == pytest.approx(1.0629177539909808e-04, rel=1e-14)
    assert special.betaincc(1000, 10**7 - 999, upper) == pytest.approx(0.025, rel=1e-12)


def _golden() -> pd.DataFrame:
    table = pd.read_csv(GOLDEN)
    assert set(table["method"]) == set(BETA) and len(table) == 88
    return table


@pytest.mark.parametrize("method", BETA)
def test_beta_bounds_match_r_where_a_shape_is_1000(method: str) -> None:
    table = _golden()
    band = table[(table["method"] == method) & (table["n"] <= 10**7)]
    for conf, rows in band.groupby("conf"):
        lower, upper = wps.proportion_ci(
            rows["x"].to_numpy(np.int64), rows["n"].to_numpy(np.int64), method=method, conf=conf
        )
        np.testing.assert_allclose(lower, rows["lower"], rtol=1e-13, atol=0)
        np.testing.assert_allclose(upper, rows["upper"], rtol=1e-13, atol=0)
        for x, n, lo, hi in zip(rows["x"], rows["n"], lower, upper, strict=True):
            _exact_tails(lo, hi, method, x, n, (1 - conf) / 2)
    # R's own bounds are exact in their tails, to the spacing of floats near 1
    assert (band["tail_lower"] / (1 - band["conf"]) * 2 - 1).abs().max() < 1e-10


def test_beta_bounds_match_r_at_a_billion_trials() -> None:
    # a handful of successes among 10**9: scipy's betaincc, on which the bounds are refined, is
    # itself good to about 4e-11 there, so the bounds agree with R's to 5e-12 (scipy's inverse
    # alone was 4e-9 off)
    table = _golden()
    big = table[table["n"] > 10**7]
    for _, row in big.iterrows():
        lower, upper = wps.proportion_ci(
            int(row["x"]), int(row["n"]), method=row["method"], conf=row["conf"]
        )
        assert lower == pytest.approx(row["lower"], rel=5e-12)
        assert upper == pytest.approx(row["upper"], rel=5e-12)


# ----------------------------------------------------------------- 2. huge n: exact or refused


def test_a_rare_count_among_10_to_the_15_meets_its_poisson_limit() -> None:
    # scipy's inverse gives 1.5e-8 for this upper bound, four orders of magnitude too high. With
    # p about 1e-12 the binomial tail is the Poisson one to about 1e-12, and the Poisson bounds are
    # chi-square quantiles (Garwood 1936): an outside reference that needs no R
    x, n = 999, 10**15
    lower, upper = wps.proportion_ci(x, n, method="clopper_pearson")
    assert upper == pytest.approx(stats.chi2.ppf(0.975, 2 * (x + 1)) / (2 * n), rel=1e-10)
    assert lower == pytest.approx(stats.chi2.ppf(0.025, 2 * x) / (2 * n), rel=1e-10)


@pytest.mark.parametrize("method", BETA)
@pytest.mark.parametrize("n", [10**12, 10**15, 2**52])
def test_beta_bounds_at_huge_n_are_ordered_and_exact(method: str, n: int) -> None:
    x = n // 3
    lower, upper = wps.proportion_ci(x, n, method=method)
    assert 0 < lower < x / n < upper < 1
    _exact_tails(lower, upper, method, x, n, 0.025)


@pytest.mark.parametrize("method", BETA)
def test_counts_beyond_the_exact_range_are_refused(method: str) -> None:
    too_many = r"trials must be at most 2\*\*52 .*got 10000000000000000000"
    with pytest.raises(ValueError, match=too_many):
        wps.proportion_ci(10**19 // 3, 10**19, method=method)
    with pytest.raises(ValueError, match=r"total must be at most 2\*\*52 .*at index 'b'"):
        wps.rate(pd.Series([1, 2], index=["a", "b"]), [10, 2**52 + 2], method=method)
    with pytest.raises(ValueError, match=r"got 10000000000000000 at position 1"):
        wps.proportion_ci([1, 1], [10, 1e16], method=method)
    # the closed forms have no such limit, and stay ordered
    lower, upper = wps.proportion_ci(10**19 // 3, 10**19, method="wilson")
    assert lower <= 1 / 3 <= upper


# ------------------------------------------------------------------------ 3. pd.NA is NaN


def test_pandas_na_is_a_missing_count_everywhere() -> None:
    assert all(np.isnan(wps.proportion_ci(pd.NA, 10)))
    lower, upper = wps.proportion_ci([1, pd.NA], [10, 10])
    np.testing.assert_array_equal(lower, wps.proportion_ci([1, np.nan], [10, 10])[0])
    assert np.isnan(upper[1]) and not np.isnan(upper[0])
    assert np.isnan(wps.quota_gap(pd.NA, 10))
    np.testing.assert_array_equal(wps.quota_gap([1, pd.NA], [10, 10]), [2.0, np.nan])
    assert np.isnan(wps.parity_index(pd.NA, 10))
    np.testing.assert_array_equal(wps.parity_index([1, None, pd.NA], 10), [0.1, np.nan, np.nan])
    difference = wps.rate_difference(pd.NA, 10, 3, 10)
    assert difference[["difference", "lower", "upper"]].isna().all(axis=None)
    # pd.NA is a missing share, left out like NaN (and then too few periods for a line)
    reach = wps.year_reaching([2014, 2016, 2018], [0.1, pd.NA, 0.2], 0.3)
    assert reach == wps.year_reaching([2014, 2016, 2018], [0.1, np.nan, 0.2], 0.3) == 2022.0
    gap = wps.parity_gap([1, pd.NA], 10, 0.3)
    assert gap["women_needed"].isna().tolist() == [False, True]
    same = wps.rate([1, np.nan], [10, 10])
    pd.testing.assert_frame_equal(wps.rate([1, pd.NA], [10, 10]), same)
    pd.testing.assert_frame_equal(wps.rate(pd.Series([1, pd.NA], dtype=object), 10), same)


# --------------------------------------------------------------------- 4. quota_gap stays exact


def test_quota_gap_is_exact_beyond_int64() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the old code wrapped with only a RuntimeWarning
        assert wps.quota_gap(0, 2**64, 0.3) == 5534023222112865485  # ceil(0.3 * 2**64)
        assert wps.quota_gap(0, 2**63, 0.3) == 2767011611056432743
        assert wps.quota_gap(0, 1e19, 0.3) == 3 * 10**18  # the float is exactly 10**19
        big = wps.quota_gap([0, 5, pd.NA], [2**80, 10, 10], 0.3)
    assert big.dtype == object and big[0] == -(-3 * 2**80 // 10) and big[1] == 0
    assert np.isnan(big[2])
    unsigned = wps.quota_gap(np.array([0, 2**63], dtype=np.uint64), np.uint64(2**64 - 1), 0.3)
    assert unsigned.tolist() == [-(-3 * (2**64 - 1) // 10), 0]
    need = wps.quota_gap(7, 2**70 + 3, Fraction(1, 3), mode="add")
    assert Fraction(7 + need, 2**70 + 3 + need) >= Fraction(1, 3)
    assert Fraction(6 + need, 2**70 + 2 + need) < Fraction(1, 3)


def test_counts_beyond_the_largest_float_are_named() -> None:
    with pytest.raises(ValueError, match="women is beyond the largest floating-point number"):
        wps.parity_index(2**1100, 1)
    with pytest.raises(ValueError, match=r"men is beyond .* 332 digits at position 1"):
        wps.parity_index([1, 1], [1, 2**1100])
    with pytest.raises(ValueError, match="total is beyond the largest floating-point number"):
        wps.quota_gap(0, 2**1100)


# ------------------------------------------------------------------------ 6. booleans refused


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wps.proportion_ci(True, 10), "successes must be numbers, not booleans; got True"),
        (lambda: wps.proportion_ci(3, np.True_), "trials must be numbers, not booleans; got True"),
        (lambda: wps.quota_gap(True, 10), "women must be numbers, not booleans; got True"),
        (lambda: wps.parity_index(True, False), "women must be numbers, not booleans"),
        (lambda: wps.parity_index(3, [4, False]), "men .* got False at position 1"),
        (
            lambda: wps.year_reaching([2014, 2018], [False, True], 0.5),
            "shares must be numbers, not booleans; got False at position 0",
        ),
        (lambda: wps.rate([1, True], [10, 10]), "women .* got True at position 1"),
        (
            lambda: wps.rate(pd.Series([True], index=["mali"]), 10),
            "women .* got True at index 'mali'",
        ),
        (lambda: wps.rate(pd.Series([True, None], dtype="boolean"), 10), "women .* booleans"),
        (lambda: wps.rate_difference(1, 10, np.array([True]), 10), "women must be numbers"),
        (lambda: wps.pooled_rate([1, 2], [True, 10]), "total .* got True at position 0"),
        (lambda: wps.parity_gap([True], [10], 0.3), "women must be numbers, not booleans"),
        (lambda: wps.parity_gap(1, 10, True), "target must be numbers, not booleans"),
    ],
)
def test_booleans_are_refused_naming_the_argument(call: Callable[[], object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()
