"""Tests that close the gaps a hand mutation audit of wpsstats.rates and wpsstats.intervals found.

Each test here fails under one small change to the package's code that the rest of its suite let
pass (a flipped comparison, a dropped branch, a swapped tail). The expected values come from R
(base ``qbeta``: ``tests/r/rates_mutations.R``, output in ``tests/golden/rates_mutations_r.csv``),
from exact integer arithmetic, or from the rules the package's own docstrings state; each test
says which.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pytest

import wpsstats as wps

GOLDEN = Path(__file__).parent / "golden" / "rates_mutations_r.csv"  # tests/r/rates_mutations.R


# --- the beta-quantile intervals -----------------------------------------------------------------


def _near_one() -> pd.DataFrame:
    return pd.read_csv(GOLDEN, comment="#")


@pytest.mark.parametrize("method", ["clopper_pearson", "jeffreys"])
def test_beta_bounds_match_r_at_confidence_levels_near_one(
    method: Literal["clopper_pearson", "jeffreys"],
) -> None:
    # R's qbeta(alpha/2, ..., lower.tail = FALSE): alpha/2 down to 5e-13, far below the spacing
    # of floats next to 1, so an upper bound taken from the lower tail at 1 - alpha/2 misses
    rows = _near_one()
    rows = rows[rows["method"] == method]
    assert len(rows) == 5
    for _, row in rows.iterrows():
        lower, upper = wps.proportion_ci(
            int(row["x"]), int(row["n"]), method=method, conf=row["conf"]
        )
        assert lower == pytest.approx(row["lower"], rel=1e-13), row.to_dict()
        assert upper == pytest.approx(row["upper"], rel=1e-13), row.to_dict()


def test_the_beta_limit_error_names_the_first_count_beyond_it() -> None:
    # _checks' rule: a message names the offending value and where it is; here the first of two
    with pytest.raises(ValueError, match=r"got 9007199254740992 at position 1 \(and 1 more\)$"):
        wps.proportion_ci([1, 1, 3], [10, 2**53, 2**54], method="jeffreys")
    with pytest.raises(ValueError, match=r"got 9007199254740992 at index 'b' \(and 1 more\)$"):
        series = pd.Series([1, 1, 3], index=["a", "b", "c"])
        wps.rate(series, [10, 2**53, 2**54], method="clopper_pearson")


# --- proportion_ci and rate: what comes back ----------------------------------------------------


def test_proportion_ci_series_bounds_are_named_as_its_returns() -> None:
    # the docstring's Returns names them lower and upper: a Series of each carries that name, so
    # pd.concat(axis=1) labels its columns
    lower, upper = wps.proportion_ci(pd.Series([1, 2], index=["a", "b"]), 10)
    assert (lower.name, upper.name) == ("lower", "upper")
    assert list(pd.concat([lower, upper], axis=1).columns) == ["lower", "upper"]


def test_rate_keeps_a_float_count_of_exactly_2_to_the_63() -> None:
    # exact arithmetic: the float 2.0**63 holds the integer 2**63, one beyond int64, which wraps
    # it to -2**63 if cast (_counts_frame's docstring: "as the whole floats beyond it hold")
    frame = wps.rate([1.0, 2.0**63], [2.0**63, 2.0**63], method=None)
    assert frame["women"].tolist() == [1, 2**63]
    assert frame["total"].tolist() == [2**63, 2**63]


# --- quota_gap --------------------------------------------------------------------------------


def test_quota_gap_answer_that_fits_int64_stays_int64() -> None:
    # exact: ceil(1 * (2**63 - 1)) - 0 = 2**63 - 1, the largest int64; the docstring keeps
    # Python integers for answers "too large for int64" only
    gap = wps.quota_gap(np.array([0, 0]), np.array([2**63 - 1, 5]), 1)
    assert gap.dtype == np.int64
    assert gap.tolist() == [2**63 - 1, 5]


def test_quota_one_add_error_names_the_body_when_women_is_a_scalar() -> None:
    # the docstring: mode="add" with quota 1 raises while any man remains; the message says where
    # (the total's position or label, since the scalar women has none)
    with pytest.raises(ValueError, match=r"remain in the body at position 1 \(and 1 more\)$"):
        wps.quota_gap(0, [0, 5, 7], 1, mode="add")
    with pytest.raises(ValueError, match=r"remain in the body at index 'b'$"):
        wps.quota_gap(0, pd.Series([0, 5], index=["a", "b"]), 1, mode="add")


def test_quota_gap_add_stays_exact_when_women_times_the_denominator_passes_int64() -> None:
    # exact integer arithmetic (Fraction): 3.5e18 of 4e18 is above a third already, so 0; the
    # all-male body needs ceil((4e18 / 3) / (2 / 3)) = 2e18. 3 * 3.5e18 is beyond int64, where it
    # would wrap and turn the first answer into some 6e18 women
    women, total, quota = 3_500_000_000_000_000_000, 4_000_000_000_000_000_000, Fraction(1, 3)
    expected = [max(0, math.ceil((quota * total - w) / (1 - quota))) for w in (women, 0)]
    assert expected == [0, 2 * 10**18]
    assert wps.quota_gap([women, 0], [total, total], quota, mode="add").tolist() == expected


# --- parity_index -------------------------------------------------------------------------------


def test_parity_index_of_a_scalar_against_an_array_is_an_array() -> None:
    # the docstring's Returns: float for scalars, ndarray for an array-like; F/M computed by hand
    out = wps.parity_index(2, [4, 8])
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [0.5, 0.25])
    one = wps.parity_index(3, [4])
    assert isinstance(one, np.ndarray) and one.shape == (1,) and one[0] == 0.75


def test_plain_parity_index_warns_when_its_ratio_overflows() -> None:
    # IEEE 754: 1e300 / 1e-300 = 1e600 is beyond the largest float; the plain index keeps numpy's
    # overflow warning (only the adjusted one, which is 2 there, may silence it)
    with pytest.warns(RuntimeWarning, match="overflow"):
        assert wps.parity_index(1e300, 1e-300) == math.inf
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert wps.parity_index(1e300, 1e-300, adjusted=True) == 2.0


# --- pooled_rate and mean_of_shares -------------------------------------------------------------


def test_pooled_rate_skipna_leaves_out_a_body_whose_total_is_missing() -> None:
    # the docstring: skipna leaves out bodies with a missing count (either one); 3 of 20 by hand
    out = wps.pooled_rate([1, 5, 2], [10, np.nan, 10], method=None, skipna=True).iloc[0]
    assert (out["bodies"], out["women"], out["total"]) == (2, 3, 20)
    assert out["rate"] == 3 / 20


def test_mean_of_shares_with_no_body_left_is_nan_without_a_warning() -> None:
    # the docstring: NaN "when no body is left"; a quiet NaN, not numpy's "Mean of empty slice"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(wps.mean_of_shares([np.nan, 0], [10, 0], skipna=True))
        assert math.isnan(wps.mean_of_shares([], [], skipna=True))


# --- rate_difference ----------------------------------------------------------------------------


def test_rate_difference_keeps_the_series_index() -> None:
    # as rate's docstring promises for every function of the module: "A Series input keeps its
    # index"; the differences by hand are 1/10 - 2/10 and 3/10 - 2/10
    women1 = pd.Series([1, 3], index=["mali", "niger"])
    out = wps.rate_difference(women1, 10, 2, 10)
    assert out.index.tolist() == ["mali", "niger"]
    assert out["difference"].to_numpy() == pytest.approx([-0.1, 0.1], abs=1e-15)


@pytest.mark.parametrize("method", ["wilson", "wilson_cc"])
def test_rate_difference_records_newcombes_method_not_the_single_interval(
    method: Literal["wilson", "wilson_cc"],
) -> None:
    # the docstring: Newcombe's (1998b) method 10 or 11, built from the score intervals; the
    # attrs say so (the R golden file tests/r/rates_golden.R names them newcombe_wilson and
    # newcombe_wilson_cc), where a bare "wilson" would label it as one proportion's interval
    out = wps.rate_difference(225, 703, 204, 1279, method=method, conf=0.9)
    assert out.attrs["wpsstats"] == {"method": f"newcombe_{method}", "conf": 0.9}


def test_rate_difference_refuses_to_spread_a_series_over_the_other_groups_rows() -> None:
    # the rule of _checks.check_series_broadcast: a Series keeps its index, so a length-1 Series
    # must not be spread over the two rows of the other group; the message names the arguments
    with pytest.raises(ValueError, match=r"^lengths do not match: women1 is a Series of length 1"):
        wps.rate_difference(pd.Series([1], index=["a"]), 10, [1, 2], [10, 10])


# --- the shared checks, as these functions call them ----------------------------------------------


@pytest.mark.parametrize("flag", [True, False])
def test_a_boolean_confidence_level_is_a_type_error(flag: bool) -> None:
    # check_conf's rule: a bool is no confidence level (True is not 100 per cent): TypeError
    # naming it, not the range message that 1.0 or 0.0 would get
    with pytest.raises(TypeError, match=rf"^conf must be a number between 0 and 1, got {flag}$"):
        wps.proportion_ci(1, 10, conf=flag)
    with pytest.raises(TypeError, match=rf"^conf must be a number between 0 and 1, got {flag}$"):
        wps.rate_difference(1, 10, 2, 10, conf=flag)
