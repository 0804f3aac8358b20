"""The statistics functions against what their docstrings promise: each test here failed on the
code before its fix.

Expected values come from the docstrings and exact integer arithmetic, not from running the code
under test.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import wpsstats as wps

# ------------------------------------------------------------------------- parity.parity_gap


@pytest.mark.parametrize(
    "target",
    [
        np.float32(0.3),
        np.array([0.3, 0.3], dtype=np.float32),
        pd.Series([0.3, 0.3], dtype="float32"),
        pd.Series([0.3, 0.3], dtype="Float32"),  # pandas' nullable float, as Arrow reads it
    ],
    ids=["scalar", "array", "series", "nullable"],
)
def test_parity_gap_reads_a_float32_target_as_the_decimal_it_prints_as(target: object) -> None:
    # "the target is read as the decimal it prints as ... so 0 women of 10 at 30 per cent need
    # exactly 3, not the 4 that floating point would give. This is wps.quota_gap(...)": a float32
    # 0.3 (a Parquet column) became 0.30000001192092896 on its way to quota_gap, so 0 of 10
    # needed 4 and 3 of 10 did not meet it, where quota_gap(0, 10, np.float32(0.3)) is 3
    out = wps.parity_gap([0, 3], 10, target)
    assert out["women_needed"].tolist() == [3, 0]
    assert out["met"].tolist() == [False, True]
    assert out["target"].tolist() == [0.3, 0.3]
    assert out["gap_pp"].tolist() == [30.0, 0.0]  # 3 of 10 is no shortfall
    assert wps.quota_gap(0, 10, np.float32(0.3)) == 3


def test_parity_gap_women_needed_is_exact_above_2_to_the_53() -> None:
    # "computed in exact rational arithmetic ... This is wps.quota_gap(women, total, target)";
    # the counts went through float64, where 2**53 + 1 is 2**53: half of it needed 2**52
    total = 2**53 + 1
    out = wps.parity_gap(0, total, 0.5)
    assert out["women_needed"].tolist() == [2**52 + 1]  # ceil(total / 2)
    assert out["women_needed"].iloc[0] == wps.quota_gap(0, total, 0.5)
    assert out["women_needed"].dtype == "Int64"


def test_parity_gap_women_needed_beyond_int64_is_exact_not_negative() -> None:
    # a body of 2**70 (accepted as a count) needed -9223372036854775808 women, with numpy's
    # "invalid value encountered in cast" leaking: the float 2**69 cast to int64
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = wps.parity_gap([0, 2**70, 0], [2**70, 2**70, 0], 0.5)
    assert out["women_needed"].tolist() == [2**69, 0, pd.NA]
    assert out["met"].tolist() == [False, True, pd.NA]  # an empty body has no share


# ---------------------------------------------------------------------- _checks.as_count_pair


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wps.rate(2**70, 3), "women=1180591620717411303424 > total=3"),
        (lambda: wps.rate([2**64 + 1, 5], [2**64, 3]), "women=18446744073709551617 > total="),
        (lambda: wps.proportion_ci(2**64 + 1, 2**64), "successes=18446744073709551617 > trials"),
        (lambda: wps.quota_gap([1, 2**65], [2, 2**64]), "women=36893488147419103232 > total"),
    ],
)
def test_a_part_above_its_whole_beyond_int64_is_named(call: object, message: str) -> None:
    # the error for women > total was "AttributeError: 'int' object has no attribute 'item'"
    # once a count was beyond int64 (Python integers, which the counts accept)
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


# ------------------------------------------------------------------ rates.rate and pooled_rate


def test_rate_counts_beyond_int64_given_as_floats_are_the_integers_they_hold() -> None:
    # "women and total as integer columns ... Python integers beyond int64": a whole float
    # beyond int64 (1e19, as quota_gap reads it: exactly 10**19) was cast to int64 and wrapped to
    # -9223372036854775808, with numpy's "invalid value encountered in cast" leaking
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = wps.rate([1e19, np.nan], [2e19, 3.0], method=None)
        diff = wps.rate_difference(1e19, 2e19, 1, 2)
    assert out["women"].tolist() == [10**19, pd.NA]
    assert out["total"].tolist() == [2 * 10**19, 3]
    assert out["rate"].iloc[0] == 0.5
    assert (diff["women1"].iloc[0], diff["total1"].iloc[0]) == (10**19, 2 * 10**19)


def test_pooled_rate_adds_the_counts_exactly() -> None:
    # the pooled counts were summed in float64: 2**53 + 1 women came out as 2**53, and two
    # bodies of 2**62 as -9223372036854775808 (2.0**63 cast to int64), with a numpy warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        near = wps.pooled_rate([2**53, 1], [2**53, 2], method=None)
        beyond = wps.pooled_rate([2**62, 2**62], [2**62, 2**62], method=None)
    assert (near["women"].iloc[0], near["total"].iloc[0]) == (2**53 + 1, 2**53 + 2)
    assert (beyond["women"].iloc[0], beyond["total"].iloc[0]) == (2**63, 2**63)
    assert beyond["rate"].iloc[0] == 1.0


# ------------------------------------------------------------ survey_prevalence on other frames


def test_survey_prevalence_polars_float_by_with_nan_is_the_missing_domain() -> None:
    # "a missing value is a domain of its own, never dropped", and another frame gives "the same
    # pandas frame": a Polars float by column holding NaN (not null; pandas' missing value, and
    # the sums' too) raised IndexError from the logit interval's glm start, whose join of the
    # domains matched a NaN with nothing
    pl = pytest.importorskip("polars")
    data = pd.DataFrame(
        {
            "y": [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0],
            "by": [1.0, 1.0, np.nan, 2.0, 2.0, np.nan, 1.0, 1.0, np.nan, 2.0, 2.0, np.nan],
            "psu": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
            "w": [1.2, 1.2, 0.8, 0.8, 0.95, 0.95, 1.1, 1.1, 0.7, 0.7, 0.7, 0.7],
        }
    )
    frame = pl.DataFrame({c: data[c].to_numpy() for c in data.columns}, nan_to_null=False)
    assert frame["by"].is_nan().sum() == 4 and frame["by"].null_count() == 0
    for method in ("logit", "likelihood"):
        expected = wps.survey_prevalence(data, "y", weight="w", psu="psu", by="by", method=method)
        got = wps.survey_prevalence(frame, "y", weight="w", psu="psu", by="by", method=method)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)
    # the missing domain: rows 2, 5, 8 and 11, y = 0, 0, 1, 0 with weights 0.8, 0.95, 0.7, 0.7
    assert got["prevalence"].iloc[2] == pytest.approx(0.7 / 3.15, rel=1e-15)
