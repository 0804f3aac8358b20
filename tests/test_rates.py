"""Tests for wpsstats.rates: golden values from R, published examples, properties, bad input."""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

import wpsstats as wps
from wpsstats import rates

GOLDEN = Path(__file__).parent / "golden" / "rates_golden.csv"
METHODS = list(rates.METHODS)


def _golden_rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


ROWS = _golden_rows()
SINGLE = [r for r in ROWS if r["method"] in METHODS]
PAIRS = [r for r in ROWS if r["method"].startswith("newcombe_")]


# ------------------------------------------------------------------------------------------------
# golden values generated with base R (tests/r/rates_golden.R)


def test_golden_file_covers_the_required_cases() -> None:
    cases = {(float(r["x"]), float(r["n"]), float(r["conf"])) for r in SINGLE}
    assert len(cases) >= 30
    assert any(x == 0 for x, _, _ in cases)
    assert any(x == n for x, n, _ in cases)
    assert any(n == 1 for _, n, _ in cases)
    assert any(n == 10**6 for _, n, _ in cases)
    assert {r["method"] for r in SINGLE} == set(METHODS)
    assert len({float(r["conf"]) for r in SINGLE}) >= 4


@pytest.mark.parametrize(
    "row", SINGLE, ids=[f"{r['method']}-{r['x']}/{r['n']}-{float(r['conf'])}" for r in SINGLE]
)
def test_proportion_ci_matches_r(row: dict[str, str]) -> None:
    x, n, conf = int(float(row["x"])), int(float(row["n"])), float(row["conf"])
    lower, upper = wps.proportion_ci(x, n, method=row["method"], conf=conf)
    assert isinstance(lower, float) and isinstance(upper, float)
    assert lower == pytest.approx(float(row["lower"]), rel=1e-9, abs=1e-15)
    assert upper == pytest.approx(float(row["upper"]), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("method", METHODS)
def test_vectorised_call_matches_r_in_one_go(method: str) -> None:
    rows = [r for r in SINGLE if r["method"] == method]
    for conf in sorted({float(r["conf"]) for r in rows}):
        sub = [r for r in rows if float(r["conf"]) == conf]
        x = np.array([int(float(r["x"])) for r in sub])
        n = np.array([int(float(r["n"])) for r in sub])
        lower, upper = wps.proportion_ci(x, n, method=method, conf=conf)
        np.testing.assert_allclose(lower, [float(r["lower"]) for r in sub], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(upper, [float(r["upper"]) for r in sub], rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize(
    "row", PAIRS, ids=[f"{r['method']}-{r['x']}/{r['n']}-{r['x2']}/{r['n2']}" for r in PAIRS]
)
def test_rate_difference_matches_r(row: dict[str, str]) -> None:
    method = row["method"].removeprefix("newcombe_")
    out = wps.rate_difference(
        int(float(row["x"])),
        int(float(row["n"])),
        int(float(row["x2"])),
        int(float(row["n2"])),
        method=method,
        conf=float(row["conf"]),
    )
    assert out["lower"].iloc[0] == pytest.approx(float(row["lower"]), rel=1e-9, abs=1e-14)
    assert out["upper"].iloc[0] == pytest.approx(float(row["upper"]), rel=1e-9, abs=1e-14)


# ------------------------------------------------------------------------------------------------
# published examples


# Newcombe (1998a), Statistics in Medicine 17, 857-872: the paper's single-proportion examples.
# The paper's own table was not reachable from this workspace (only its first page is stored), so
# these 4-decimal values are a SECONDARY source: the paper's examples as transcribed in the tests of
# the ratesci R package (github.com/PeteLaud/ratesci, tests/testthat/test3.R, block "Single
# proportion, Newcombe examples", exactci(..., midp = FALSE)): Clopper-Pearson, 95 per cent. The
# 81/263 example is not in that block, and no trustworthy copy of it was found.
NEWCOMBE_CLOPPER_PEARSON = [
    (15, 148, 0.0578, 0.1617),
    (0, 20, 0.0, 0.1684),
    (1, 29, 0.0009, 0.1776),
]


@pytest.mark.parametrize(("x", "n", "lower", "upper"), NEWCOMBE_CLOPPER_PEARSON)
def test_newcombe_1998a_clopper_pearson_examples(
    x: int, n: int, lower: float, upper: float
) -> None:
    lo, hi = wps.proportion_ci(x, n, method="clopper_pearson")
    assert round(lo, 4) == lower
    assert round(hi, 4) == upper


def test_newcombe_1998b_example_d_hybrid_score() -> None:
    # Newcombe (1998b), Statistics in Medicine 17, 873-890, example (d): 5/56 - 0/29, method 10.
    # Value (-0.0381, 0.1926) as transcribed in ratesci's tests (tests/testthat/test3.R,
    # "Newcombe/'Score'/Square&add"); the paper's own table could not be consulted here.
    out = wps.rate_difference(5, 56, 0, 29)
    assert round(out["lower"].iloc[0], 4) == -0.0381
    assert round(out["upper"].iloc[0], 4) == 0.1926


def test_seed_cabinet_and_quota() -> None:
    # Seed: "The cabinet includes nine women out of its 36 members (25 per cent)" and "the 30 per
    # cent quota required by the 2015 law".
    out = wps.rate(9, 36, method=None)
    assert list(out.columns) == ["women", "total", "rate"]
    assert out["rate"].iloc[0] == 0.25
    assert wps.quota_gap(9, 36, 0.30) == 2
    assert wps.quota_gap(9, 36, 0.30, mode="add") == 3
    # and those are the least: 11/36 = 30.6 % meets 30 % but 10/36 = 27.8 % does not; adding,
    # 12/39 = 30.8 % does but 11/38 = 28.9 % does not
    assert wps.quota_gap(11, 36, 0.30) == 0 and wps.quota_gap(10, 36, 0.30) == 1
    assert wps.quota_gap(12, 39, 0.30, mode="add") == 0
    assert wps.quota_gap(11, 38, 0.30, mode="add") == 1


def test_zero_of_ten_needs_exactly_three() -> None:
    assert wps.quota_gap(0, 10, 0.3) == 3
    assert wps.quota_gap(0, 10, 0.3, mode="add") == 5  # 5/15 >= 0.3 > 4/14
    assert wps.quota_gap(0, 10, Fraction(3, 10)) == 3
    assert wps.quota_gap(0, 10, "0.3") == 3


def test_floating_point_traps_are_avoided() -> None:
    # the naive float computations overshoot by one at these exact boundaries
    # (math.ceil(0.28 * 25) is 8, math.ceil(0.3 * 7 / (1 - 0.3)) is 4), while the exact answers
    # are 7 of 25 (28 %) and 3 of 10 (30 %)
    assert wps.quota_gap(0, 25, 0.28) == 7
    assert wps.quota_gap(0, 7, 0.3, mode="add") == 3
    assert wps.quota_gap(0, 100, 0.55) == 55


def test_pooled_and_mean_of_shares_disagree_when_sizes_differ() -> None:
    women, total = [0, 1, 2], [40, 10, 10]
    pooled = wps.pooled_rate(women, total)
    assert pooled["rate"].iloc[0] == pytest.approx(3 / 60)
    assert pooled["bodies"].iloc[0] == 3
    assert wps.mean_of_shares(women, total) == pytest.approx((0 + 0.1 + 0.2) / 3)
    lo, hi = wps.proportion_ci(3, 60)
    assert pooled["lower"].iloc[0] == lo and pooled["upper"].iloc[0] == hi


# ------------------------------------------------------------------------------------------------
# shapes, types, index


def test_scalars_arrays_and_series() -> None:
    lo, hi = wps.proportion_ci(9, 36)
    assert type(lo) is float and type(hi) is float
    lo, hi = wps.proportion_ci([9, 225], [36, 703])
    assert isinstance(lo, np.ndarray) and lo.shape == (2,)
    women = pd.Series([9, 225], index=["cabinet", "mediators"])
    total = pd.Series([36, 703], index=["cabinet", "mediators"])
    lo, hi = wps.proportion_ci(women, total)
    assert isinstance(lo, pd.Series) and list(lo.index) == ["cabinet", "mediators"]
    assert lo["mediators"] == wps.proportion_ci(225, 703)[0]
    out = wps.rate(women, total)
    assert list(out.index) == ["cabinet", "mediators"]
    assert list(out.columns) == ["women", "total", "rate", "lower", "upper"]
    assert out["women"].dtype == np.int64
    # a scalar total broadcasts against several bodies
    lo2, _ = wps.proportion_ci(np.array([1, 2]), 10)
    assert lo2.shape == (2,)


def test_misaligned_series_are_refused() -> None:
    women = pd.Series([1, 2], index=["a", "b"])
    total = pd.Series([10, 10], index=["b", "a"])
    with pytest.raises(ValueError, match="different indexes"):
        wps.proportion_ci(women, total)


@pytest.mark.parametrize("method", METHODS)
def test_float_counts_give_the_same_bounds_as_integers(method: str) -> None:
    rng = np.random.default_rng(2018)
    n = rng.integers(0, 500, size=5000)  # includes empty bodies
    x = rng.binomial(n, 0.3)
    lo, hi = wps.proportion_ci(x, n, method=method)
    lo_f, hi_f = wps.proportion_ci(x.astype(float), n.astype(float), method=method)
    np.testing.assert_array_equal(lo, lo_f)
    np.testing.assert_array_equal(hi, hi_f)
    assert np.isnan(lo[n == 0]).all() and np.isnan(hi[n == 0]).all()


def test_bad_value_deep_in_a_long_array_is_named() -> None:
    n = np.full(100_000, 10)
    x = np.full(100_000, 3)
    x[40_000] = 11
    with pytest.raises(ValueError, match=r"successes must not exceed trials.*at position 40000"):
        wps.proportion_ci(x, n)
    x[40_000] = 3
    x[50_000] = -1
    with pytest.raises(ValueError, match=r"successes must be non-negative.*at position 50000"):
        wps.proportion_ci(x, n, method="clopper_pearson")


def test_arguments_after_the_counts_are_keyword_only() -> None:
    # proportion_ci(9, 36, "wald") would read as a method to one reader and a level to another
    with pytest.raises(TypeError, match="positional argument"):
        wps.proportion_ci(9, 36, "wald")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional argument"):
        wps.rate(9, 36, None)  # type: ignore[call-arg]
    assert wps.quota_gap(9, 36, 0.30) == 2  # the quota stays positional, as the contract has it


# ------------------------------------------------------------------------------------------------
# missing values and empty bodies


@pytest.mark.parametrize("method", METHODS)
def test_nan_in_nan_out(method: str) -> None:
    lo, hi = wps.proportion_ci(np.array([np.nan, 3.0]), np.array([10.0, 10.0]), method=method)
    assert math.isnan(lo[0]) and math.isnan(hi[0])
    assert not math.isnan(lo[1])
    lo, hi = wps.proportion_ci(float("nan"), 10, method=method)
    assert math.isnan(lo) and math.isnan(hi)
    lo, hi = wps.proportion_ci(3, float("nan"), method=method)
    assert math.isnan(lo) and math.isnan(hi)


def test_pandas_na_in_nullable_series() -> None:
    women = pd.Series([9, pd.NA], dtype="Int64")
    total = pd.Series([36, 40], dtype="Int64")
    out = wps.rate(women, total)
    assert out["women"].dtype == "Int64"
    assert out["women"].isna().iloc[1]
    assert math.isnan(out["rate"].iloc[1]) and math.isnan(out["lower"].iloc[1])
    assert out["rate"].iloc[0] == 0.25
    gap = wps.quota_gap(women, total)
    assert isinstance(gap, pd.Series) and gap.iloc[0] == 2 and math.isnan(gap.iloc[1])


def test_empty_body_has_no_share() -> None:
    lo, hi = wps.proportion_ci(0, 0)
    assert math.isnan(lo) and math.isnan(hi)
    out = wps.rate([0, 1], [0, 2])
    assert math.isnan(out["rate"].iloc[0]) and out["rate"].iloc[1] == 0.5
    assert math.isnan(wps.quota_gap(0, 0))
    assert math.isnan(wps.mean_of_shares([0, 1], [0, 2]))
    assert wps.mean_of_shares([0, 1], [0, 2], skipna=True) == 0.5


def test_missing_values_in_combined_bodies() -> None:
    assert math.isnan(wps.pooled_rate([1.0, np.nan], [10, 10])["rate"].iloc[0])
    assert wps.pooled_rate([1.0, np.nan], [10, 10], skipna=True)["rate"].iloc[0] == 0.1
    assert math.isnan(wps.mean_of_shares([1.0, np.nan], [10, 10]))
    assert wps.mean_of_shares([1.0, np.nan], [10, 10], skipna=True) == 0.1


def test_parity_index_edges_and_nan() -> None:
    assert wps.parity_index(9, 27) == pytest.approx(1 / 3)
    assert wps.parity_index(10, 0) == math.inf
    assert wps.parity_index(10, 0, adjusted=True) == 2.0
    assert wps.parity_index(0, 10, adjusted=True) == 0.0
    assert math.isnan(wps.parity_index(0, 0))
    assert math.isnan(wps.parity_index(float("nan"), 3, adjusted=True))
    out = wps.parity_index(pd.Series([50.0, 100.0], index=["x", "y"]), [100.0, 50.0], adjusted=True)
    assert list(out.index) == ["x", "y"] and out["y"] == 1.5


def test_rate_no_interval_and_attrs() -> None:
    out = wps.rate([9, 1], [36, 26], method=None)
    assert "lower" not in out.columns
    assert out.attrs["wpsstats"] == {"method": None, "conf": 0.95}


# ------------------------------------------------------------------------------------------------
# bad input: ValueError / TypeError naming the argument, the value and its position


def test_negative_count() -> None:
    with pytest.raises(ValueError, match=r"successes must be non-negative counts; got -1.0"):
        wps.proportion_ci(-1, 10)
    with pytest.raises(ValueError, match=r"women must be non-negative.*at position 1"):
        wps.rate([1, -2], [10, 10])
    with pytest.raises(ValueError, match=r"total must be non-negative.*at index 'b'"):
        wps.rate(pd.Series([1.0, np.nan], index=["a", "b"]), pd.Series([5, -3], index=["a", "b"]))


def test_non_integer_count() -> None:
    with pytest.raises(ValueError, match=r"women must be whole numbers.*2.5 at position 1"):
        wps.rate([1, 2.5], [10, 10])
    with pytest.raises(ValueError, match=r"trials must be whole numbers.*10.5"):
        wps.proportion_ci(1, 10.5)
    with pytest.raises(ValueError, match=r"total must be whole numbers.*at position 0"):
        wps.quota_gap([1], [10.5])


def test_infinite_count() -> None:
    with pytest.raises(ValueError, match=r"trials must be finite"):
        wps.proportion_ci(1, math.inf)


def test_women_exceed_total() -> None:
    with pytest.raises(ValueError, match=r"women must not exceed total; got women=12 > total=10"):
        wps.rate(12, 10)
    with pytest.raises(ValueError, match=r"at index 'mali'"):
        wps.rate(
            pd.Series([3, 12], index=["niger", "mali"]), pd.Series([5, 10], index=["niger", "mali"])
        )
    with pytest.raises(ValueError, match=r"women must not exceed total.*at position 2"):
        wps.quota_gap([1, 2, 30], [10, 10, 10])


def test_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match=r"lengths do not match: successes has shape \(3,\)"):
        wps.proportion_ci([1, 2, 3], [10, 10])
    with pytest.raises(ValueError, match=r"lengths do not match"):
        wps.rate_difference([1, 2, 3], [10, 10, 10], [1, 2], [5, 5])
    with pytest.raises(ValueError, match=r"lengths do not match"):
        wps.pooled_rate([1, 2, 3], [10, 10])


@pytest.mark.parametrize("conf", [0, 1, 95, -0.1, 1.5])
def test_conf_outside_unit_interval(conf: float) -> None:
    with pytest.raises(ValueError, match=rf"conf={conf!r} must lie strictly between 0 and 1"):
        wps.proportion_ci(1, 10, conf=conf)


def test_conf_not_a_number() -> None:
    with pytest.raises(TypeError, match="conf must be a number"):
        wps.rate(1, 10, conf="95%")  # type: ignore[arg-type]


@pytest.mark.parametrize("quota", [30, -0.1, 1.01, float("nan")])
def test_quota_outside_unit_interval(quota: float) -> None:
    with pytest.raises(ValueError, match=r"quota must be a share in \[0, 1\]"):
        wps.quota_gap(9, 36, quota)


def test_quota_bad_type_and_impossible_add() -> None:
    with pytest.raises(TypeError, match="quota must be a single number"):
        wps.quota_gap(9, 36, [0.3, 0.4])
    with pytest.raises(TypeError, match="quota must be a single number"):
        wps.quota_gap(9, 36, True)
    with pytest.raises(ValueError, match=r"quota=1 cannot be reached.*at position 1"):
        wps.quota_gap([5, 3], [5, 4], 1, mode="add")
    assert wps.quota_gap(4, 4, 1, mode="add") == 0
    assert wps.quota_gap(3, 4, 1, mode="replace") == 1


def test_rate_and_pooled_rate_name_none_among_their_methods() -> None:
    # method="none" (a string) was the slip an analyst made for a complete count; the error
    # listed six methods but not None, the one they wanted
    for call in (wps.rate, wps.pooled_rate):
        with pytest.raises(ValueError, match=r"'jeffreys', or None \(no interval: a complete"):
            call([9], [36], method="none")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'jeffreys'$"):  # proportion_ci needs a method
        wps.proportion_ci(9, 36, method="none")  # type: ignore[arg-type]


def test_unknown_method_lists_the_choices() -> None:
    with pytest.raises(ValueError, match=r"method='wilsn' is not one of 'wald', 'wilson'.*did you"):
        wps.proportion_ci(1, 10, method="wilsn")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"method='exact' is not one of"):
        wps.rate(1, 10, method="exact")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"mode='fill' is not one of 'replace', 'add'"):
        wps.quota_gap(1, 10, mode="fill")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"method='wald' is not one of 'wilson', 'wilson_cc'"):
        wps.rate_difference(1, 10, 2, 10, method="wald")  # type: ignore[arg-type]


def test_strings_are_not_counts() -> None:
    with pytest.raises(TypeError, match="successes must be numeric"):
        wps.proportion_ci("nine", 36)


def test_parity_index_bad_input() -> None:
    with pytest.raises(
        ValueError, match=r"men must be finite and non-negative; got -1.0 at position 1"
    ):
        wps.parity_index([1, 2], [3, -1])
    with pytest.raises(ValueError, match="lengths do not match"):
        wps.parity_index([1, 2, 3], [3, 1])


# ------------------------------------------------------------------------------------------------
# properties (hypothesis)

counts = st.integers(min_value=1, max_value=5000).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)
confs = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.999])
methods = st.sampled_from(METHODS)


@given(xn=counts, conf=confs, method=methods)
def test_interval_in_unit_interval_and_ordered(
    xn: tuple[int, int], conf: float, method: str
) -> None:
    x, n = xn
    lo, hi = wps.proportion_ci(x, n, method=method, conf=conf)
    assert 0.0 <= lo <= hi <= 1.0


@given(xn=counts, conf=confs, method=methods)
def test_interval_contains_the_estimate(xn: tuple[int, int], conf: float, method: str) -> None:
    # All six contain x/n: Wald and Agresti-Coull after clipping, Wilson (and so the wider
    # continuity-corrected and Agresti-Coull intervals) by construction, Clopper-Pearson by its
    # tail definition, and Jeffreys thanks to the pinned edges.
    x, n = xn
    lo, hi = wps.proportion_ci(x, n, method=method, conf=conf)
    p = x / n
    assert lo <= p + 1e-12 and p - 1e-12 <= hi


@given(xn=counts, conf=confs, method=methods)
def test_swapping_women_and_men_mirrors_the_interval(
    xn: tuple[int, int], conf: float, method: str
) -> None:
    x, n = xn
    lo, hi = wps.proportion_ci(x, n, method=method, conf=conf)
    lo_m, hi_m = wps.proportion_ci(n - x, n, method=method, conf=conf)
    assert lo == pytest.approx(1 - hi_m, abs=1e-9)
    assert hi == pytest.approx(1 - lo_m, abs=1e-9)


@given(
    xn=st.integers(min_value=1, max_value=400).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    ),
    k=st.integers(min_value=2, max_value=50),
    conf=confs,
    method=methods,
)
def test_interval_narrows_as_n_grows_at_fixed_share(
    xn: tuple[int, int], k: int, conf: float, method: str
) -> None:
    x, n = xn
    lo, hi = wps.proportion_ci(x, n, method=method, conf=conf)
    lo_k, hi_k = wps.proportion_ci(k * x, k * n, method=method, conf=conf)
    assert hi_k - lo_k <= hi - lo + 1e-12


@given(xn=counts, conf=confs)
def test_wilson_cc_contains_wilson(xn: tuple[int, int], conf: float) -> None:
    x, n = xn
    lo, hi = wps.proportion_ci(x, n, method="wilson", conf=conf)
    lo_c, hi_c = wps.proportion_ci(x, n, method="wilson_cc", conf=conf)
    assert lo_c <= lo + 1e-12 and hi - 1e-12 <= hi_c


@given(
    pairs=st.lists(counts, min_size=1, max_size=20),
    conf=confs,
    method=methods,
)
def test_vectorised_equals_elementwise(
    pairs: list[tuple[int, int]], conf: float, method: str
) -> None:
    x = np.array([p[0] for p in pairs])
    n = np.array([p[1] for p in pairs])
    lo, hi = wps.proportion_ci(x, n, method=method, conf=conf)
    for i, (xi, ni) in enumerate(pairs):
        assert (lo[i], hi[i]) == wps.proportion_ci(xi, ni, method=method, conf=conf)


quotas = st.fractions(min_value=0, max_value=1, max_denominator=1000)


@given(
    xn=st.integers(min_value=1, max_value=10**6).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    ),
    quota=quotas,
)
def test_quota_gap_replace_is_the_least_k(xn: tuple[int, int], quota: Fraction) -> None:
    w, n = xn
    k = wps.quota_gap(w, n, quota)
    assert isinstance(k, int) and 0 <= k <= n - w
    assert Fraction(w + k, n) >= quota
    if k > 0:
        assert Fraction(w + k - 1, n) < quota


@given(
    xn=st.integers(min_value=1, max_value=10**6).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    ),
    quota=quotas,
)
def test_quota_gap_add_is_the_least_k(xn: tuple[int, int], quota: Fraction) -> None:
    w, n = xn
    assume(quota < 1 or w == n)
    k = wps.quota_gap(w, n, quota, mode="add")
    assert isinstance(k, int) and k >= 0
    assert Fraction(w + k, n + k) >= quota
    if k > 0:
        assert Fraction(w + k - 1, n + k - 1) < quota


@given(
    w=st.integers(min_value=0, max_value=10**9),
    extra=st.integers(min_value=0, max_value=10**9),
    percent=st.integers(min_value=0, max_value=100),
)
def test_quota_gap_float_percent_is_read_exactly(w: int, extra: int, percent: int) -> None:
    n = w + max(extra, 1)
    quota = percent / 100  # a float such as 0.29 or 0.57, whose binary value is not exact
    k = wps.quota_gap(w, n, quota)
    assert Fraction(w + k, n) >= Fraction(percent, 100)
    if k > 0:
        assert Fraction(w + k - 1, n) < Fraction(percent, 100)


@given(
    arr=st.lists(
        st.integers(min_value=1, max_value=1000).flatmap(
            lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
        ),
        min_size=1,
        max_size=20,
    ),
    quota=quotas,
    mode=st.sampled_from(["replace", "add"]),
)
def test_quota_gap_vectorised_equals_elementwise(
    arr: list[tuple[int, int]], quota: Fraction, mode: str
) -> None:
    assume(mode == "replace" or quota < 1)
    w = np.array([a[0] for a in arr])
    n = np.array([a[1] for a in arr])
    out = wps.quota_gap(w, n, quota, mode=mode)
    assert out.dtype == np.int64
    assert list(out) == [wps.quota_gap(int(a), int(b), quota, mode=mode) for a, b in arr]


def test_quota_gap_huge_denominator_stays_exact() -> None:
    quota = 0.1 + 0.2  # 0.30000000000000004, read as that decimal, not as 0.3
    assert wps.quota_gap(3, 10, quota) == 1
    assert wps.quota_gap(np.array([3, 30]), np.array([10, 100]), quota).tolist() == [1, 1]


positive = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False)


@given(f=positive, m=positive)
def test_adjusted_parity_index_is_symmetric_around_one(f: float, m: float) -> None:
    a = wps.parity_index(f, m, adjusted=True)
    b = wps.parity_index(m, f, adjusted=True)
    assert 0.0 <= a <= 2.0
    assert a - 1 == pytest.approx(-(b - 1), abs=1e-12)
    if f <= m:
        assert a == wps.parity_index(f, m)


@given(
    bodies=st.lists(counts, min_size=1, max_size=30),
    method=methods,
)
def test_pooled_rate_is_the_rate_of_the_sums(bodies: list[tuple[int, int]], method: str) -> None:
    w = [b[0] for b in bodies]
    n = [b[1] for b in bodies]
    pooled = wps.pooled_rate(w, n, method=method)
    single = wps.rate(sum(w), sum(n), method=method)
    assert pooled["rate"].iloc[0] == single["rate"].iloc[0]
    assert pooled["lower"].iloc[0] == single["lower"].iloc[0]


@given(
    women=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=30),
    size=st.integers(min_value=50, max_value=500),
)
def test_equal_sizes_make_mean_of_shares_equal_pooled(women: list[int], size: int) -> None:
    total = [size] * len(women)
    pooled = wps.pooled_rate(women, total, method=None)["rate"].iloc[0]
    assert wps.mean_of_shares(women, total) == pytest.approx(pooled, rel=1e-12)


@given(a=counts, b=counts, conf=confs, method=st.sampled_from(["wilson", "wilson_cc"]))
def test_rate_difference_properties(
    a: tuple[int, int], b: tuple[int, int], conf: float, method: str
) -> None:
    out = wps.rate_difference(a[0], a[1], b[0], b[1], method=method, conf=conf).iloc[0]
    swapped = wps.rate_difference(b[0], b[1], a[0], a[1], method=method, conf=conf).iloc[0]
    assert -1.0 <= out["lower"] <= out["difference"] + 1e-12
    assert out["difference"] - 1e-12 <= out["upper"] <= 1.0
    assert out["lower"] == pytest.approx(-swapped["upper"], abs=1e-12)
    assert out["upper"] == pytest.approx(-swapped["lower"], abs=1e-12)


def test_rate_without_interval_gives_the_plain_share() -> None:
    rng = np.random.default_rng(3)
    total = rng.integers(0, 300, size=50_000)
    women = rng.binomial(total, 0.25)
    out = wps.rate(women, total, method=None)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(total == 0, np.nan, women / total)
    np.testing.assert_array_equal(out["rate"].to_numpy(), expected)
    np.testing.assert_array_equal(out["rate"], wps.rate(women, total)["rate"])


# ------------------------------------------------------------------------------------------------
# defects found in review


def test_text_counts_are_refused_with_their_position() -> None:
    with pytest.raises(
        TypeError, match=r"successes must be numbers, not text; got 'nine' at index 0"
    ):
        wps.proportion_ci(pd.Series(["nine", "3"]), pd.Series([36, 10]))
    # numeric text is refused too: a count must not be guessed from a string
    with pytest.raises(
        TypeError, match=r"women must be numbers, not text; got '9' at index 'mali'"
    ):
        wps.rate(pd.Series(["9"], index=["mali"]), pd.Series([36], index=["mali"]))
    with pytest.raises(
        TypeError, match=r"trials must be numbers, not text; got '10' at position 1"
    ):
        wps.proportion_ci([9, 3], [36, "10"])
    with pytest.raises(TypeError, match=r"total must be numbers, not text"):
        wps.quota_gap([1, 2], np.array(["10", "10"]))
    # numbers held in an object Series (with a missing value) are still numbers
    lo, hi = wps.proportion_ci(pd.Series([9, None], dtype=object), pd.Series([36, 10]))
    assert lo.iloc[0] == pytest.approx(wps.proportion_ci(9, 36)[0]) and np.isnan(hi.iloc[1])


def test_float32_quota_is_read_at_its_own_precision() -> None:
    assert wps.quota_gap(0, 10, np.float32(0.3)) == 3
    assert wps.quota_gap(0, 10, np.float16(0.3)) == 3
    assert wps.quota_gap(0, 7, np.float32(0.3), mode="add") == 3


@given(
    w=st.integers(min_value=0, max_value=10**6),
    extra=st.integers(min_value=1, max_value=10**6),
    percent=st.integers(min_value=0, max_value=100),
    dtype=st.sampled_from([np.float16, np.float32, np.float64]),
)
def test_quota_gap_any_float_width_reads_the_typed_percent(
    w: int, extra: int, percent: int, dtype: type
) -> None:
    quota = dtype(percent / 100)
    exact = Fraction(percent, 100)
    for mode in ("replace", "add"):
        if mode == "add" and percent == 100:
            continue
        got = wps.quota_gap(w, w + extra, quota, mode=mode)
        assert got == wps.quota_gap(w, w + extra, exact, mode=mode)


def test_length_one_series_against_longer_counts_is_refused() -> None:
    mali = pd.Series([5], index=["mali"])
    for call in (
        lambda: wps.proportion_ci(mali, [10, 10, 3]),
        lambda: wps.rate(mali, [10, 10, 3]),
        lambda: wps.quota_gap(mali, [10, 10, 3]),
        lambda: wps.parity_index(mali, [10, 10, 3]),
        lambda: wps.parity_gap(mali, [10, 10, 3], 0.3),
        lambda: wps.parity_gap(mali, [10, 10, 30], 0.3),  # valid counts: the label is not lost
    ):
        with pytest.raises(ValueError, match=r"lengths do not match: .*Series of length 1"):
            call()
    # broadcasting that keeps the Series' length is fine, and keeps its index
    out = wps.rate(pd.Series([5, 6], index=["mali", "niger"]), 10)
    assert list(out.index) == ["mali", "niger"]
    assert wps.proportion_ci(mali, 10)[0].index.tolist() == ["mali"]


def test_quota_gap_beyond_int64_stays_exact() -> None:
    quota = Fraction(999_999_999, 10**9)
    k = wps.quota_gap(0, 10**10, 0.999999999, mode="add")
    assert isinstance(k, int) and k > np.iinfo(np.int64).max
    # the least k with k / (n + k) >= q
    assert Fraction(k, 10**10 + k) >= quota and Fraction(k - 1, 10**10 + k - 1) < quota
    arr = wps.quota_gap(np.array([0, 5, 0]), np.array([10**10, 10, 0]), 0.999999999, mode="add")
    assert arr.dtype == object and arr[0] == k and isinstance(arr[0], int)
    assert arr[1] == wps.quota_gap(5, 10, quota, mode="add") and np.isnan(arr[2])
    # answers that fit keep int64
    assert wps.quota_gap(np.array([0]), np.array([10**10]), 0.3, mode="add").dtype == np.int64


@pytest.mark.parametrize("method", METHODS)
def test_a_missing_count_gives_a_missing_interval(method: str) -> None:
    # the kernels pin the lower bound at 0 for 0 women: a missing total must not keep that 0
    assert all(np.isnan(wps.proportion_ci(0, float("nan"), method=method)))
    assert all(np.isnan(wps.proportion_ci(float("nan"), 10, method=method)))
    out = wps.rate(
        pd.Series([0, 2], dtype="Int64"), pd.Series([pd.NA, 10], dtype="Int64"), method=method
    )
    assert out[["rate", "lower", "upper"]].iloc[0].isna().all()
    assert out[["rate", "lower", "upper"]].iloc[1].notna().all()


def test_an_infinite_count_is_refused_beside_a_missing_one() -> None:
    with pytest.raises(ValueError, match="women must be finite counts; got inf at position 0"):
        wps.rate([np.inf, 1], [np.nan, 10])
    with pytest.raises(ValueError, match="successes must be finite counts; got inf"):
        wps.proportion_ci(np.inf, np.nan)


@pytest.mark.parametrize("method", ["wald", "wilson", "wilson_cc", "agresti_coull"])
def test_conf_just_below_one_gives_finite_bounds(method: str) -> None:
    # z from the lower tail: 1 - alpha/2 rounds to 1 (an infinite z) for the largest conf < 1
    lo, hi = wps.proportion_ci(3, 10, method=method, conf=np.nextafter(1.0, 0.0))
    assert 0.0 <= lo <= 0.3 <= hi <= 1.0
    # and near 1 the quantile keeps its digits: scipy's upper-tail quantile as the reference
    conf = 1 - 1e-12
    lo, hi = wps.proportion_ci(0, 10, method="wilson", conf=conf)
    z = stats.norm.isf((1 - conf) / 2)
    assert hi == pytest.approx(z**2 / (10 + z**2), rel=1e-12)


def test_wald_matches_hmisc_binconf() -> None:
    # an implementation of Wald other than the textbook formula of rates_golden.R:
    # Hmisc::binconf(method = "asymptotic"), which does not clip to [0, 1] (wpsstats does)
    path = Path(__file__).parent / "golden" / "rates_wald_hmisc.csv"
    table = pd.read_csv(path, comment="#")
    assert len(table) == 18
    for conf, rows in table.groupby("conf"):
        lo, hi = wps.proportion_ci(
            rows["x"].to_numpy(dtype=np.int64),
            rows["n"].to_numpy(dtype=np.int64),
            method="wald",
            conf=float(conf),
        )
        np.testing.assert_allclose(lo, rows["lower"].clip(0, 1), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(hi, rows["upper"].clip(0, 1), rtol=1e-12, atol=1e-15)


def test_messages_name_the_quota_and_the_series_label() -> None:
    from decimal import Decimal

    with pytest.raises(ValueError, match=r"quota=Decimal\('Infinity'\) is not a number between"):
        wps.quota_gap(1, 10, Decimal("Infinity"))
    with pytest.raises(ValueError, match=r"women=12 > total=10 at index 'mali'"):
        wps.rate([3, 12], pd.Series([5, 10], index=["niger", "mali"]))


def test_python_int_counts_are_not_rounded_through_floats() -> None:
    big = 2**60
    with pytest.raises(
        ValueError, match=rf"successes must not exceed trials; got successes={big + 1}"
    ):
        wps.proportion_ci(big + 1, big)
    with pytest.raises(ValueError, match=rf"women must not exceed total; got women={big + 1}"):
        wps.rate([big + 1], [big], method=None)
    # exact: ceil((2**54 + 4) / 2) - (2**53 + 1) = 1, which a float count makes 2
    assert wps.quota_gap(np.array([2**53 + 1]), np.array([2**54 + 4]), Fraction(1, 2))[0] == 1
    assert wps.quota_gap(2**53 + 1, 2**54 + 4, "1/2") == 1


def test_women_exceed_total_above_2_53() -> None:
    big = 2**60
    with pytest.raises(
        ValueError, match=rf"successes must not exceed trials; got successes={big + 1}"
    ):
        wps.proportion_ci(np.array([big + 1]), np.array([big]))
    with pytest.raises(ValueError, match=r"women must not exceed total.*at index 'b'"):
        wps.rate(pd.Series([1, big + 1], index=["a", "b"]), pd.Series([1, big], index=["a", "b"]))
    lo, hi = wps.proportion_ci(np.array([big]), np.array([big]))
    assert hi[0] == 1.0 and 0.99 < lo[0] <= 1.0


def test_intervals_match_statsmodels() -> None:
    # a second, independent implementation of five of the methods: statsmodels'
    # proportion_confint (it clips "normal" and "agresti_coull" to [0, 1], as wpsstats does).
    # Agresti-Coull's other reference, rates_golden.R, is the textbook formula evaluated in R.
    from statsmodels.stats.proportion import proportion_confint

    names = {
        "wald": "normal",
        "wilson": "wilson",
        "agresti_coull": "agresti_coull",
        "clopper_pearson": "beta",
        "jeffreys": "jeffreys",
    }
    n = np.array([1, 1, 2, 10, 10, 10, 36, 147, 1000, 1000, 12345, 10**6])
    x = np.array([0, 1, 1, 0, 1, 10, 9, 41, 3, 997, 6000, 999_999])
    for conf in (0.8, 0.95, 0.99, 0.999):
        for ours, theirs in names.items():
            lo, hi = wps.proportion_ci(x, n, method=ours, conf=conf)
            ref_lo, ref_hi = proportion_confint(x, n, alpha=1 - conf, method=theirs)
            if ours == "jeffreys":
                # Brown, Cai & DasGupta's ends, documented: 0 at x = 0 and 1 at x = n, where
                # statsmodels keeps the plain Beta quantiles
                assert (lo[x == 0] == 0).all() and (hi[x == n] == 1).all()
                ref_lo = np.where(x == 0, 0.0, ref_lo)
                ref_hi = np.where(x == n, 1.0, ref_hi)
            np.testing.assert_allclose(lo, ref_lo, rtol=1e-10, atol=1e-15, err_msg=ours)
            np.testing.assert_allclose(hi, ref_hi, rtol=1e-10, atol=1e-15, err_msg=ours)


def test_pooled_rate_and_mean_of_shares_match_r() -> None:
    # tests/r/pooling.R: prop.test(sum(x), sum(n), correct = FALSE) (Wilson) and binom.test()
    # (Clopper-Pearson) of the bodies' members pooled into one sample
    table = pd.read_csv(Path(__file__).parent / "golden" / "pooling_r.csv", comment="#")
    shares = table[table["case"] == "mean_of_shares"]
    table = table[table["case"].str.startswith("pooled_rate")]
    assert len(table) == 8 and len(shares) == 4
    for row in shares.itertuples():  # R's mean() of the bodies' shares
        parts = [p.split("/") for p in row.part.split()]
        got = wps.mean_of_shares([int(w) for w, _ in parts], [int(t) for _, t in parts])
        assert got == pytest.approx(row.estimate, rel=1e-15)
    for row in table.itertuples():
        parts = [p.split("/") for p in row.part.split()]
        women = [int(w) for w, _ in parts]
        total = [int(t) for _, t in parts]
        method = row.case.split()[1]
        out = wps.pooled_rate(women, total, method=method).iloc[0]
        assert (out["bodies"], out["women"], out["total"]) == (len(parts), row.women, row.total)
        assert out["rate"] == pytest.approx(row.estimate, rel=1e-15)
        assert out["lower"] == pytest.approx(row.lower, rel=1e-9, abs=1e-15)
        assert out["upper"] == pytest.approx(row.upper, rel=1e-9, abs=1e-15)
