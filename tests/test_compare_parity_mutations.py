"""Tests that close the gaps a hand mutation audit of wpsstats.compare, wpsstats.parity and
wpsstats._trends found.

Each test here fails under one small change to the package's code that the rest of its suite let
pass (a flipped comparison, a dropped branch or check, a changed index). The expected values come
from R's survey package (``tests/r/compare_chisq_pearson.R`` and ``tests/r/compare_lonely_psu.R``,
their output in the ``.Rout`` files beside them), from counts taken with pandas on the test data,
from exact arithmetic (``fractions``), or from the rules the functions' docstrings state; each test
says which.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import wpsstats as wps

HERE = Path(__file__).resolve().parent
DHS = pd.read_csv(HERE / "golden" / "survey_dhs_like.csv")
NHANES = pd.read_csv(HERE / "golden" / "r_nhanes.csv")
DHS_DESIGN: dict[str, Any] = {"weight": "v005", "psu": "v021", "strata": "v022"}
NHANES_DESIGN: dict[str, Any] = {"weight": "w", "psu": "psu", "strata": "strata", "nest": True}


def _r_results(script: str) -> dict[str, dict[str, float]]:
    """tests/r/<script>.Rout: one line per result, name then key=value pairs (a line named R
    gives the versions)."""
    out = {}
    for line in (HERE / "r" / f"{script}.Rout").read_text().splitlines():
        name, *pairs = line.split()
        if name != "R":
            out[name] = {k: float(v) for k, v in (p.split("=") for p in pairs)}
    return out


R_CHISQ = _r_results("compare_chisq_pearson")


def _dhs_region_na() -> pd.DataFrame:
    # as the R script: region missing where the PSU number is a multiple of 5
    frame = DHS.copy()
    frame["region"] = frame["region"].astype(object)
    frame.loc[frame["v021"] % 5 == 0, "region"] = np.nan
    return frame


CHISQ_CASES: dict[str, tuple[pd.DataFrame, str, dict[str, Any]]] = {
    "dhs_region": (DHS, "region", DHS_DESIGN),
    "dhs_agegrp": (DHS, "agegrp", DHS_DESIGN),
    "dhs_region_na": (_dhs_region_na(), "region", DHS_DESIGN),
    "nhanes_race": (NHANES, "race", NHANES_DESIGN),
    # as the R script's subset(design, v022 != 1 & region != "F"): stratum 1 leaves whole
    "dhs_region_subset": (
        DHS,
        "region",
        {**DHS_DESIGN, "subset": ((DHS["v022"] != 1) & (DHS["region"] != "F")).to_numpy()},
    ),
}


# --- compare.prevalence_difference ---------------------------------------------------------------


@pytest.mark.parametrize("levels", [("A", "B", "C"), "AB", ["A"]])
def test_levels_that_are_not_a_pair_are_refused(levels: object) -> None:
    # the docstring: "levels that is not a pair" raises; a string of two letters is not a pair of
    # domains, and a third level is not silently dropped
    with pytest.raises(ValueError, match="levels must be a pair"):
        wps.prevalence_difference(DHS, "y", by="region", levels=levels, **DHS_DESIGN)  # type: ignore[arg-type]


def test_an_unknown_lonely_psu_option_is_refused_with_the_choices() -> None:
    # the docstring: lonely_psu is one of "fail", "remove", "certainty", "adjust", "average"; a
    # misspelt one is an error that names the choices, not a silent default
    with pytest.raises(ValueError, match=r"lonely_psu='adjsut' is not one of .*'adjust'"):
        wps.prevalence_difference(
            DHS, "y", by="region", levels=("A", "B"), lonely_psu="adjsut", **DHS_DESIGN
        )
    with pytest.raises(ValueError, match=r"lonely_psu='adjsut' is not one of .*'adjust'"):
        wps.survey_chisq(DHS, "y", "region", lonely_psu="adjsut", **DHS_DESIGN)


@pytest.mark.parametrize("conf", [95, 0.0, 1.0])
def test_a_confidence_level_outside_0_1_is_refused(conf: float) -> None:
    # the docstring: what survey_prevalence refuses is refused, and a level of 95 (per cent) is not
    # a NaN interval; the check's own message names conf
    with pytest.raises(ValueError, match=r"conf=.* must lie strictly between 0 and 1"):
        wps.prevalence_difference(DHS, "y", by="region", levels=("A", "B"), conf=conf, **DHS_DESIGN)
    with pytest.raises(ValueError, match=r"conf=.* must lie strictly between 0 and 1"):
        wps.survey_prevalence(DHS, "y", conf=conf, **DHS_DESIGN)


# --- compare.survey_chisq ------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CHISQ_CASES))
def test_chisq_pearson_statistic_and_mean_design_effect_match_r(case: str) -> None:
    # R (tests/r/compare_chisq_pearson.R): chisq is chisq.test(svytable(..., Ntotal = N))'s X^2;
    # the mean generalised design effect is X^2 / F / NCOL(Delta), and R's first-order ("Chisq")
    # p-value is pchisq(X^2 / that, NCOL(Delta)); n counts the rows with both y and by present
    data, by, design = CHISQ_CASES[case]
    r = R_CHISQ[case]
    out = wps.survey_chisq(data, "y", by, **design).iloc[0]
    # and the F test itself, with its degrees of freedom (on the subset: its PSUs less its strata)
    for column, key in (("statistic", "F"), ("ndf", "ndf"), ("ddf", "ddf"), ("p_value", "p")):
        assert out[column] == pytest.approx(r[key], rel=1e-8), column
    assert out["chisq"] == pytest.approx(r["chisq"], rel=1e-9)
    deff_mean = r["chisq"] / r["F"] / r["df_rs1"]
    assert out["deff_mean"] == pytest.approx(deff_mean, rel=1e-9)
    assert stats.chi2.sf(out["chisq"] / out["deff_mean"], r["df_rs1"]) == pytest.approx(
        r["p_rs1"], rel=1e-6
    )
    assert out["n"] == r["n"]


def test_chisq_by_column_missing_values_leave_the_table_not_the_design_as_in_r() -> None:
    # R's svychisq on the same data with region NA in a fifth of the PSUs
    # (tests/r/compare_chisq_pearson.Rout, case dhs_region_na): F, its degrees of freedom (the
    # design's PSUs all count) and the rows of the table
    r = R_CHISQ["dhs_region_na"]
    data = _dhs_region_na()
    out = wps.survey_chisq(data, "y", "region", **DHS_DESIGN).iloc[0]
    for column, key in (("statistic", "F"), ("ndf", "ndf"), ("ddf", "ddf"), ("p_value", "p")):
        assert out[column] == pytest.approx(r[key], rel=1e-8), column
    # the pandas count of the rows the table holds: both y and region present
    assert out["n"] == int((data["y"].notna() & data["region"].notna()).sum()) == r["n"]


def test_chisq_names_the_by_column_that_takes_one_value() -> None:
    # the docstring: "a by column with a single value in the table" is refused; the message names
    # that column, not the indicator
    with pytest.raises(ValueError, match=r"^by column 'region' takes 1 value\(s\) in the table"):
        wps.survey_chisq(DHS.assign(region="A"), "y", "region", **DHS_DESIGN)


def test_chisq_names_the_almost_weightless_cell_after_a_by_value_that_left_the_table() -> None:
    # built so: region A's indicator is all missing (A leaves the table), and the cases of region
    # C weigh 1e-300 beside weights of about 1e6 (the docstring: refused, the cell named)
    data = DHS.astype({"v005": float, "y": float})
    data.loc[data["region"] == "A", "y"] = np.nan
    data.loc[(data["region"] == "C") & (data["y"] == 1), "v005"] = 1e-300
    with pytest.raises(ValueError, match=r"the cell 'y' = 1, 'region' = 'C' holds"):
        wps.survey_chisq(data, "y", "region", **DHS_DESIGN)


def test_chisq_refuses_a_cell_below_the_rounding_of_the_total_even_if_solvable() -> None:
    # the docstring: a cell holding less than about 2.2e-16 (float eps) of the table's total
    # weight is refused; here the cases of region B weigh 1e-9 each beside weights of about 1e6,
    # a share computed below with pandas, under eps but not so small that the system is singular
    data = DHS.astype({"v005": float})
    cell = (data["region"] == "B") & (data["y"] == 1)
    data.loc[cell, "v005"] = 1e-9
    in_table = data["y"].notna()
    share = data.loc[cell, "v005"].sum() / data.loc[in_table, "v005"].sum()
    assert 1e-18 < share < np.finfo(float).eps
    with pytest.raises(ValueError, match=r"the cell 'y' = 1, 'region' = 'B' holds"):
        wps.survey_chisq(data, "y", "region", **DHS_DESIGN)


def test_adjust_scales_a_lonely_stratum_by_its_finite_population_correction_as_r() -> None:
    # R (tests/r/compare_lonely_psu.R, case 1): survey_lonely.csv with fpc = 3 x each stratum's
    # sampled PSUs, survey.lonely.psu = "adjust"; svychisq's F and degrees of freedom, and
    # svycontrast's A - B with its SE
    r = _r_results("compare_lonely_psu")
    data = pd.read_csv(HERE / "golden" / "survey_lonely.csv")
    data["fpc"] = 3 * data.groupby("v022")["v021"].transform("nunique")
    design: dict[str, Any] = {**DHS_DESIGN, "fpc": "fpc", "lonely_psu": "adjust"}
    out = wps.survey_chisq(data, "y", "region", **design).iloc[0]
    for column, key in (("statistic", "F"), ("ndf", "ndf"), ("ddf", "ddf"), ("p_value", "p")):
        assert out[column] == pytest.approx(r["chisq"][key], rel=1e-8), column
    diff = wps.prevalence_difference(data, "y", by="region", levels=("A", "B"), **design).iloc[0]
    assert diff["difference"] == pytest.approx(r["difference_A_B"]["estimate"], rel=1e-10)
    assert diff["se"] == pytest.approx(r["difference_A_B"]["se"], rel=1e-8)


def test_fail_accepts_a_lonely_stratum_that_holds_no_row_of_the_table_as_r() -> None:
    # R (tests/r/compare_lonely_psu.R, case 2): survey.lonely.psu = "fail" and the indicator
    # missing in every row of the strata of one PSU: R computes the test; so must survey_chisq
    r = _r_results("compare_lonely_psu")["fail_lonely_all_missing"]
    data = pd.read_csv(HERE / "golden" / "survey_lonely.csv")
    lonely = data.groupby("v022")["v021"].transform("nunique") == 1
    assert lonely.any()
    data.loc[lonely, "y"] = np.nan
    out = wps.survey_chisq(data, "y", "region", **DHS_DESIGN).iloc[0]
    for column, key in (("statistic", "F"), ("ndf", "ndf"), ("ddf", "ddf"), ("p_value", "p")):
        assert out[column] == pytest.approx(r[key], rel=1e-8), column


# --- _trends: year_reaching, trend_status, pace_needed -------------------------------------------


def test_a_share_exactly_at_the_target_meets_it() -> None:
    # the docstring: "met" is "at or above the target", and the run starts at the first period at
    # or above it; 0.25 is exact in binary, so the share equals the target exactly
    status = wps.trend_status([2018, 2019, 2020], [0.125, 0.25, 0.5], 0.25).iloc[0]
    assert (status["status"], status["year"]) == ("met", 2019.0)
    status = wps.trend_status([2018, 2019], [0.125, 0.25], 0.25).iloc[0]
    assert (status["status"], status["year"]) == ("met", 2019.0)


def test_the_met_warning_names_the_first_period_of_the_run() -> None:
    # the docstring: the warning "gives the first period of the run at or above it": 2019 here
    # (2018 is below 0.25), not the first observation
    with pytest.warns(UserWarning, match=r"at or above it from 2019 to the latest period, 2020"):
        wps.year_reaching([2018, 2019, 2020], [0.125, 0.375, 0.5], 0.25)


def test_year_reaching_of_a_missing_target_is_nan_without_a_warning() -> None:
    # the docstring: NaN when the target is missing; the warning is for a latest share that
    # meets the target, which a missing target is not
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(wps.year_reaching([2018, 2020], [0.1, 0.2], np.nan))


def test_trend_status_reads_the_latest_observation_by_period_not_by_row() -> None:
    # the rows given latest first: the latest period is 2020 with 0.12 whatever the row order;
    # the line through (2018, 0.10) and (2020, 0.12) reaches 0.15 in 2023 (exact arithmetic)
    status = wps.trend_status([2020, 2018], [0.12, 0.10], 0.15).iloc[0]
    assert (status["latest_period"], status["latest_share"]) == (2020.0, 0.12)
    crossing = 2018 + (Fraction("0.15") - Fraction("0.10")) / (Fraction("0.02") / 2)
    assert crossing == 2023
    assert (status["status"], status["year"]) == ("reached", pytest.approx(float(crossing)))


def test_the_two_shares_of_the_last_period_are_all_shown() -> None:
    # the message shows the shares of the last period (up to five), so the analyst sees both
    with pytest.raises(ValueError, match=r"the last period \(2020\) has 2 shares \(0\.2, 0\.3\)"):
        wps.pace_needed([2019, 2020, 2020], [0.1, 0.2, 0.3], 0.25, by=2028)


def test_pace_needed_of_a_missing_target_is_nan() -> None:
    # the docstring: "NaN when the target is missing" (not the 0 of a target already met)
    assert np.isnan(wps.pace_needed([2018, 2020], [0.1, 0.12], np.nan, by=2028))


def test_pace_needed_refuses_an_infinite_or_boolean_deadline() -> None:
    # the docstring: ValueError for a by that is not finite, TypeError for a bool
    with pytest.raises(ValueError, match=r"by must be a finite year, got inf"):
        wps.pace_needed([2018, 2020], [0.1, 0.12], 0.15, by=float("inf"))
    with pytest.raises(TypeError, match=r"by must be a year such as 2028, got True"):
        wps.pace_needed([2018, 2020], [0.1, 0.12], 0.15, by=True)


def test_trend_status_refuses_a_missing_target() -> None:
    # the docstring: a missing target raises ValueError
    with pytest.raises(ValueError, match="target is missing"):
        wps.trend_status([2018, 2020], [0.1, 0.12], np.nan)


def _exact_slope(x: list[float], y: list[float]) -> Fraction:
    # the least-squares slope of the floats as given, in exact rational arithmetic
    fx, fy = [Fraction(v) for v in x], [Fraction(v) for v in y]
    mx, my = sum(fx) / len(fx), sum(fy) / len(fy)
    covariance = sum(((a - mx) * (b - my) for a, b in zip(fx, fy, strict=True)), Fraction(0))
    return Fraction(covariance / sum(((a - mx) * (a - mx) for a in fx), Fraction(0)))


def test_a_slope_small_beside_the_spread_but_above_rounding_is_kept() -> None:
    # a V-shaped series (slope 0) plus a trend of 1e-12 a year: the exact slope, about 1e-12, is
    # a million times the rounding of its sum (about 1e-15 of it here), so it is a slope, not 0
    x = [2000.0, 2001.0, 2002.0, 2003.0]
    y = [0.5 - 1.5e-12, 0.1 - 0.5e-12, 0.1 + 0.5e-12, 0.5 + 1.5e-12]
    exact = _exact_slope(x, y)
    assert Fraction(9, 10**13) < exact < Fraction(11, 10**13)
    status = wps.trend_status(x, y, 0.75).iloc[0]
    assert status["slope"] == pytest.approx(float(exact), rel=1e-3)
    assert status["status"] == "reached"


def test_a_flat_series_is_fitted_at_its_value_not_its_rounded_mean() -> None:
    # the comment in _fit: three shares of 0.1 average to 0.10000000000000002 in floating point;
    # the flat line (drawn by wps.plot.trend) lies at the shares' own value
    from wpsstats._trends import _fit

    years = np.array([2018.0, 2019.0, 2020.0])
    shares = np.array([0.1, 0.1, 0.1])
    assert float(np.mean(shares)) != 0.1  # the rounding the test is about
    assert _fit(years, shares) == (2019.0, 0.1, 0.0)


def test_no_observation_with_both_a_period_and_a_share_is_named_so() -> None:
    # the docstring: raises for "no observation with both a period and a share"; the message
    # says what was missing and how many rows were left out
    with pytest.raises(
        ValueError,
        match=r"pace_needed needs one observation with both a period and a share; got none "
        r"\(2 observations without a period or share left out\)",
    ):
        wps.pace_needed([2018, np.nan], [np.nan, 0.1], 0.15, by=2028)
