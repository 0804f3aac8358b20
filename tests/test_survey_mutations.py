"""Tests closing the gaps a hand mutation audit of survey.py, design.py and design_columns.py found.

Each test here fails under one small change to the package's code that the rest of its suite let
pass (a flipped comparison, a dropped branch or check, a changed constant). The expected values
come from R's ``survey`` package (4.1) on small designs written out by
``tests/r/survey_mutations_design.R`` (its output, ``survey_mutations_design.Rout``, is read here;
the data are typed out in both files), from exact arithmetic, or from the rules the functions'
docstrings state; each test says which.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from wpsstats import pool_prevalence, prevalence_difference, survey_prevalence
from wpsstats.survey import METHODS

ROUT = Path(__file__).resolve().parent / "r" / "survey_mutations_design.Rout"


def _r_values() -> dict[str, dict[str, float]]:
    values: dict[str, dict[str, float]] = {}
    for line in ROUT.read_text().splitlines():
        case, what, value = line.split()
        # R prints a bound it could not find as NA (or NaN)
        values.setdefault(case, {})[what] = math.nan if value == "NA" else float(value)
    return values


R = _r_values()
# R prints 17 significant digits; wpsstats follows the same formulas in another order of sums
RTOL = 1e-9


def _r(case: str, what: str) -> float:
    return R[case][what]


# --- degrees of freedom and design effect count only rows of positive weight ----------------------

ZERO_WEIGHTS = pd.DataFrame(
    {
        "y": [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0],
        "dom": ["a", "b"] * 10,
        "psu": np.repeat(np.arange(1, 6), 4),
        "st": [1] * 12 + [2] * 8,
        "w": [1, 2, 3, 1, 2, 2, 1, 3, 0, 1, 0, 2, 1, 3, 2, 1, 2, 1, 3, 2],
    }
)


def test_a_psu_whose_domain_rows_all_weigh_zero_adds_no_degree_of_freedom() -> None:
    # R: degf(subset(design, dom == "a")) and svyciprop's logit interval (survey_mutations_design.R)
    d = ZERO_WEIGHTS
    out = survey_prevalence(d, "y", weight="w", psu="psu", strata="st", subset=d["dom"] == "a")
    row = out.iloc[0]
    assert row["df"] == _r("zero_weights", "degf") == 2
    assert row["prevalence"] == pytest.approx(_r("zero_weights", "estimate"), rel=RTOL)
    assert row["se"] == pytest.approx(_r("zero_weights", "se"), rel=RTOL)
    assert row["lower"] == pytest.approx(_r("zero_weights", "logit_lower"), rel=1e-7)
    assert row["upper"] == pytest.approx(_r("zero_weights", "logit_upper"), rel=1e-7)


def test_the_likelihood_dispersion_counts_only_rows_of_positive_weight() -> None:
    # R: svyciprop(method = "likelihood") on the same domain (survey_mutations_design.R); the
    # Pearson dispersion's n/(n - 1) counts the 8 observations, not the 10 rows
    d = ZERO_WEIGHTS
    out = survey_prevalence(
        d, "y", weight="w", psu="psu", strata="st", subset=d["dom"] == "a", method="likelihood"
    ).iloc[0]
    assert out["lower"] == pytest.approx(_r("zero_weights", "likelihood_lower"), rel=1e-7)
    assert out["upper"] == pytest.approx(_r("zero_weights", "likelihood_upper"), rel=1e-7)


def test_the_design_effect_counts_only_rows_of_positive_weight() -> None:
    # R: deff(svymean(~y, subset(design, dom == "a"), deff = "replace")) (survey_mutations_design.R)
    d = ZERO_WEIGHTS
    out = survey_prevalence(d, "y", weight="w", psu="psu", strata="st", by="dom")
    row = out.set_index("dom").loc["a"]
    assert row["n"] == 10  # the rows of weight 0 are used rows, not observations
    assert row["deff"] == pytest.approx(_r("zero_weights", "deff"), rel=RTOL)


# --- a domain with no degree of freedom has no interval, whatever its variance --------------------

DF_ZERO = pd.DataFrame({"y": [1, 0, 1, 1, 0, 1], "dom": list("aabbbb"), "psu": [1, 1, 2, 2, 3, 3]})


@pytest.mark.parametrize("method", METHODS)
def test_a_domain_with_zero_df_and_zero_variance_has_nan_bounds(method: str) -> None:
    # R: svyciprop on subset(design, dom == "a") gives NaN for every method (likelihood stops:
    # "zero or negative denominator df"), as the docstring says for df <= 0
    d = DF_ZERO
    out = survey_prevalence(d, "y", psu="psu", subset=d["dom"] == "a", method=method).iloc[0]
    assert out["df"] == _r("df_zero", "degf") == 0
    assert out["se"] == _r("df_zero", "se") == 0.0
    assert out["prevalence"] == _r("df_zero", "estimate")
    if method == "likelihood":
        assert _r("df_zero", "likelihood_error") == 1
    else:
        assert math.isnan(_r("df_zero", f"{method}_lower"))
        assert math.isnan(_r("df_zero", f"{method}_upper"))
    assert math.isnan(out["lower"]) and math.isnan(out["upper"])


# --- a domain of all cases has se 0 whatever the lonely-PSU rule --------------------------------


@pytest.mark.parametrize("lonely_psu", ["average", "adjust", "remove", "certainty"])
def test_a_domain_of_all_cases_has_se_zero_even_when_every_stratum_is_lonely(
    lonely_psu: str,
) -> None:
    # docstring: "such a domain gets se = 0 and the Clopper--Pearson interval ... whatever the
    # method"; 4 of 4 cases in 4 rows: the lower bound is 0.025 ** (1/4) (exact arithmetic)
    d = pd.DataFrame({"y": [1, 1, 1, 1], "psu": [1, 1, 2, 2], "st": [1, 1, 2, 2]})
    out = survey_prevalence(d, "y", psu="psu", strata="st", lonely_psu=lonely_psu).iloc[0]
    assert out["prevalence"] == 1.0
    assert out["se"] == 0.0
    assert out["lower"] == pytest.approx(0.025**0.25, rel=1e-12)
    assert out["upper"] == 1.0


# --- the likelihood interval profiles the deviance down to a design effect of 1e-8 ---------------


def _small_lambda(e: np.ndarray) -> pd.DataFrame:
    # PSUs of (1, 0, 0) whose case weighs 1 + e, as survey_mutations_design.R builds them
    k = e.size
    w = np.column_stack([1.0 + e, np.ones(k), np.ones(k)]).ravel()
    return pd.DataFrame({"y": np.tile([1, 0, 0], k), "w": w, "psu": np.repeat(np.arange(k), 3)})


def test_a_small_but_not_tiny_design_effect_is_profiled_as_r_does() -> None:
    # R: svyciprop(method = "likelihood") (survey_mutations_design.R, case small_lambda): lambda
    # is about 6e-5, where R profiles the deviance; its quadratic limit differs in the 7th digit
    d = _small_lambda(0.003 * ((np.arange(40) * 7) % 11 - 5))
    out = survey_prevalence(d, "y", weight="w", psu="psu", method="likelihood").iloc[0]
    assert out["lower"] == pytest.approx(_r("small_lambda", "likelihood_lower"), rel=1e-10)
    assert out["upper"] == pytest.approx(_r("small_lambda", "likelihood_upper"), rel=1e-10)


def test_a_tiny_design_effect_takes_the_quadratic_limit_of_the_profile() -> None:
    # R: svyciprop(method = "likelihood") (case tiny_lambda, lambda about 6e-9): R profiles the
    # rounding of the deviance, wpsstats takes the quadratic limit the docstring gives; they
    # agree to about 1e-10, far inside the difference a wrong quantile in the limit makes
    d = _small_lambda(0.00003 * ((np.arange(40) * 7) % 11 - 5))
    out = survey_prevalence(d, "y", weight="w", psu="psu", method="likelihood").iloc[0]
    assert out["lower"] == pytest.approx(_r("tiny_lambda", "likelihood_lower"), rel=1e-8)
    assert out["upper"] == pytest.approx(_r("tiny_lambda", "likelihood_upper"), rel=1e-8)


def test_a_small_design_effect_whose_profile_stops_short_has_nan_bounds() -> None:
    # R: NA for both bounds (case small_lambda_few_psus): nine steps do not reach the cutoff
    d = _small_lambda(np.array([0.0, 0.003, -0.003, 0.006]))
    out = survey_prevalence(d, "y", weight="w", psu="psu", method="likelihood").iloc[0]
    assert math.isnan(_r("small_lambda_few_psus", "likelihood_lower"))
    assert math.isnan(_r("small_lambda_few_psus", "likelihood_upper"))
    assert math.isnan(out["lower"]) and math.isnan(out["upper"])


# --- finite population corrections with lonely PSUs and strata sampled (almost) whole -------------

FPC_LONELY = pd.DataFrame(
    {
        "psu": np.repeat(np.arange(1, 11), 3),
        "st": np.repeat(list("ABBBCCDDEE"), 3),
        "N": np.repeat([4, 10, 10, 10, 2, 2, 2.0002, 2.0002, 2.0000001, 2.0000001], 3),
        "y": [int(c) for c in "100110001111010100011101001110"],
        "w": [int(c) for c in "213122311221132211321112231122"],
        "dom": ["a", "b", "a"] * 10,
    }
)
FPC_DESIGN: dict[str, Any] = {"weight": "w", "psu": "psu", "strata": "st", "fpc": "N"}


@pytest.mark.parametrize("lonely_psu", ["adjust", "average", "certainty", "remove"])
@pytest.mark.parametrize(
    ("part", "subset"),
    [("all", None), ("a", FPC_LONELY["dom"] == "a"), ("not_b", FPC_LONELY["st"] != "B")],
)
def test_lonely_psu_rules_with_a_finite_population_correction_match_r(
    lonely_psu: str, part: str, subset: pd.Series | None
) -> None:
    # R: SE(svymean(~y, svydesign(..., fpc = ~N))) under options(survey.lonely.psu) (case
    # fpc_lonely): "adjust" scales the lonely stratum by its correction 3/4; a correction of 1e-4
    # still counts, one of 5e-8 is a census (R's 1e-7 cut); "average" counts the domain's strata
    out = survey_prevalence(
        FPC_LONELY, "y", **FPC_DESIGN, lonely_psu=lonely_psu, subset=subset
    ).iloc[0]
    assert out["se"] == pytest.approx(_r("fpc_lonely", f"{lonely_psu}_se_{part}"), rel=1e-10)


def _without_a() -> pd.DataFrame:
    # FPC_LONELY without stratum A and PSU 6: stratum C's one PSU is one of 1.00000005
    d = FPC_LONELY[(FPC_LONELY["st"] != "A") & (FPC_LONELY["psu"] != 6)].copy()
    d.loc[d["st"] == "C", "N"] = 1.00000005
    return d


def test_a_single_psu_in_a_stratum_sampled_whole_is_not_lonely() -> None:
    # R: stratum C's one PSU (correction 5e-8) is a census, so lonely.psu = "fail" gives an SE
    # (case fpc_lonely); with stratum A, whose one PSU is not a census, R stops
    d = _without_a()
    out = survey_prevalence(d, "y", **FPC_DESIGN, lonely_psu="fail").iloc[0]
    assert out["se"] == pytest.approx(_r("fpc_lonely", "fail_se_without_a"), rel=1e-10)
    assert _r("fpc_lonely", "fail_error") == 1
    with pytest.raises(ValueError, match=r"stratum 'A' of 'st' has only one PSU \(1 such strata"):
        # both domains hold rows of A's one PSU: one stratum, named once
        survey_prevalence(FPC_LONELY, "y", **FPC_DESIGN, lonely_psu="fail", by="dom")


def test_a_census_single_psu_does_not_scale_an_averaged_difference() -> None:
    # R: svycontrast(svyby(~y, ~dom, design, svymean, covmat = TRUE), c(1, -1)) under
    # lonely.psu = "average" (case fpc_lonely): no stratum is lonely, so no scaling
    out = prevalence_difference(
        _without_a(), "y", by="dom", levels=("a", "b"), lonely_psu="average", **FPC_DESIGN
    ).iloc[0]
    assert out["difference"] == pytest.approx(
        _r("fpc_lonely", "average_difference_without_a"), rel=1e-12
    )
    assert out["se"] == pytest.approx(
        _r("fpc_lonely", "average_difference_se_without_a"), rel=1e-10
    )


# --- pool_prevalence: the interval is clipped, and bad input is refused ---------------------------


def test_pooled_bounds_are_clipped_to_zero_and_one() -> None:
    # docstring: "lower and upper are the Normal interval, clipped to [0, 1]; the people bounds
    # ... never fall below 0 or exceed it"; 0.01 - 1.96 * 0.05 < 0 and 0.99 + 1.96 * 0.05 > 1
    low = pool_prevalence([0.01], population=[100.0], se=[0.05]).iloc[0]
    assert low["lower"] == 0.0 and low["people_lower"] == 0.0
    assert low["upper"] == pytest.approx(0.01 + 1.959963984540054 * 0.05, rel=1e-12)
    high = pool_prevalence([0.99], population=[100.0], se=[0.05]).iloc[0]
    assert high["upper"] == 1.0 and high["people_upper"] == 100.0
    assert high["lower"] == pytest.approx(0.99 - 1.959963984540054 * 0.05, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"prevalence": [0.2, -0.1]}, r"prevalence must be a share in \[0, 1\]; got -0\.1"),
        ({"prevalence": [0.2, 1.5]}, r"prevalence must be a share in \[0, 1\]; got 1\.5"),
        ({"population": [10.0, -1.0]}, r"population must be non-negative and finite; got -1\.0"),
        ({"se": [0.01, -0.02]}, r"se must be non-negative and finite; got -0\.02"),
        ({"prevalence": [[0.2, 0.3]], "population": [[1.0, 2.0]], "se": None}, "one-dimensional"),
    ],
)
def test_pool_prevalence_refuses_values_outside_their_range(kwargs: dict, pattern: str) -> None:
    # docstring: prevalences are shares in [0, 1], populations non-negative, se non-negative
    args = {"prevalence": [0.2, 0.3], "population": [10.0, 20.0], "se": [0.01, 0.02]} | kwargs
    se = args.pop("se")
    with pytest.raises(ValueError, match=pattern):
        pool_prevalence(args["prevalence"], args["population"], se=se)


# --- the design's columns: what is refused, and with which words ----------------------------------


def _small() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "y": [1, 0, 1, 0, 1, 0],
            "w": [1.0, 2.0, 1.0, 2.0, 1.0, 2.0],
            "p": [1, 1, 2, 2, 3, 3],
            "s": ["A", "A", "A", "A", "B", "B"],
        }
    )


@pytest.mark.parametrize(
    ("change", "kwargs", "error", "pattern"),
    [
        # code comment of _indicator_values: text such as "yes" or "1" is refused
        (
            {"y": [1, 0, "1", 0, 1, 0]},
            {},
            ValueError,
            r"indicator column 'y' .* found '1' at index 2",
        ),
        (
            {"w": [1.0, -0.5, 1.0, 2.0, 1.0, 2.0]},
            {"weight": "w"},
            ValueError,
            r"negative weights: -0\.5 at index 1",
        ),
        (
            {"w": [1.0, 2.0, np.inf, 2.0, 1.0, 2.0]},
            {"weight": "w"},
            ValueError,
            r"infinite weights: inf at index 2",
        ),
        (
            {"w": [True, True, False, True, True, True]},
            {"weight": "w"},
            TypeError,
            r"weight column 'w' must be numeric, got dtype bool",
        ),
        (
            {"p": [1, 1, np.nan, 2, 3, 3]},
            {"psu": "p"},
            ValueError,
            r"psu column 'p' has missing values at index 2",
        ),
        (
            {"s": ["A", "A", None, "A", "B", "B"]},
            {"psu": "p", "strata": "s"},
            ValueError,
            r"strata column 's' has missing values at index 2",
        ),
        (
            {"p": [1, 1, 1, 2, 1, 3], "s": ["A", "A", "B", "A", "C", "C"]},
            {"psu": "p", "strata": "s"},
            ValueError,
            r"1 PSU\(s\) appear in more than one stratum of 's', e\.g\. PSU 1 in strata "
            r"'A', 'B', 'C'",
        ),
        (
            {"sub": [True, True, None, True, False, True]},
            {"subset": "sub"},
            ValueError,
            r"subset 'sub' has missing values at index 2",
        ),
        (
            {"sub": [1, 1, 0, 1, 0, 1]},
            {"subset": "sub"},
            TypeError,
            r"subset 'sub' must be boolean, got dtype int64",
        ),
        (
            {"N": [4.0, 4.0, 4.0, 4.0, -3.0, -3.0]},
            {"psu": "p", "strata": "s", "fpc": "N"},
            ValueError,
            r"fpc column 'N' has missing, infinite or negative values: -3\.0 at index 4",
        ),
        ({}, {"by": "y"}, ValueError, r"indicator 'y' is also a by column"),
        (
            {"u": [1, 2, 1, 2, 1, 2], "N": 9.0},
            {"psu": "p", "fpc": "N", "fpc2": "N"},
            ValueError,
            r"fpc2 needs fpc and ssu",
        ),
    ],
)
def test_a_bad_design_column_is_refused_by_name(
    change: dict, kwargs: dict, error: type[Exception], pattern: str
) -> None:
    # the messages the design functions write, naming the column, the value and its position
    data = _small().assign(**change)
    with pytest.raises(error, match=pattern):
        survey_prevalence(data, "y", **kwargs)


def test_a_subset_series_on_another_index_is_refused() -> None:
    # docstring: a boolean mask "aligned with" data; a Series is paired by index, never by position
    data = _small()
    mask = pd.Series([True] * 6, index=range(10, 16))
    with pytest.raises(ValueError, match="subset Series must have the same index as data"):
        survey_prevalence(data, "y", subset=mask)


def test_an_error_lists_five_bad_values_and_counts_the_rest() -> None:
    # _show: the first five distinct values, then "(and 2 other values)" for seven
    data = pd.DataFrame({"y": [2, 3, 4, 5, 6, 7, 8, 0, 1]})
    with pytest.raises(ValueError, match=r"found 2, 3, 4, 5, 6 \(and 2 other values\) at"):
        survey_prevalence(data, "y")


def test_missing_answers_outside_the_subset_are_not_counted_missing() -> None:
    # docstring: rows outside the subset "enter no estimate and are not counted as missing"
    data = pd.DataFrame({"y": [1, 0, None, None, 1], "sub": [True, True, True, False, False]})
    out = survey_prevalence(data, "y", subset="sub").iloc[0]
    assert out["n"] == 2 and out["n_missing"] == 1


def test_an_fpc_of_sampling_fractions_all_one_is_a_census() -> None:
    # docstring: fpc is the sampling fraction "when every value is at most 1"; a fraction of 1
    # samples the stratum whole, so there is no sampling variance (as R's svydesign(fpc = ~1))
    data = _small().assign(f=1.0)
    out = survey_prevalence(data, "y", weight="w", psu="p", strata="s", fpc="f").iloc[0]
    assert out["se"] == 0.0
    assert out["prevalence"] == pytest.approx(3 / 9, rel=1e-15)


@pytest.mark.parametrize("small_first", [True, False])
def test_domains_whose_weights_lie_at_opposite_ends_of_floating_point_keep_their_estimates(
    small_first: bool,
) -> None:
    # docstring: weights are scale-free; each domain is rescaled on its own, so weights of 1e300
    # in one domain do not push another's of 1e-300 to zero. Expected: sum(w y) / sum(w) of the
    # weights' multipliers, in exact arithmetic (the common factor cancels)
    mult = [1, 2, 3, 4, 5, 6]
    y = [1, 0, 0, 1, 1, 0]
    scales = (1e-300, 1e300) if small_first else (1e300, 1e-300)
    data = pd.DataFrame(
        {
            "y": y * 2,
            "w": [m * scales[0] for m in mult] + [m * scales[1] for m in mult[::-1]],
            "dom": ["a"] * 6 + ["b"] * 6,
        }
    )
    out = survey_prevalence(data, "y", weight="w", by="dom").set_index("dom")
    expected_a = Fraction(sum(m * v for m, v in zip(mult, y, strict=True)), sum(mult))
    expected_b = Fraction(sum(m * v for m, v in zip(mult[::-1], y, strict=True)), sum(mult))
    assert out.loc["a", "prevalence"] == pytest.approx(float(expected_a), rel=1e-14)
    assert out.loc["b", "prevalence"] == pytest.approx(float(expected_b), rel=1e-14)
    assert np.isfinite(out["se"]).all() and (out["se"] > 0).all()


def test_subnormal_weights_give_the_exact_standard_error() -> None:
    # docstring of _rescaled: a weight of 1e-310 is subnormal and would lose digits; weights of
    # k * 2**-1074 are rescaled to k. Expected: the with-replacement variance of one stratum,
    # n/(n - 1) sum (z - mean z)^2 with z = k (y - p) / sum k, in exact arithmetic
    k = [3, 7, 11, 13, 17, 19]
    y = [1, 0, 0, 1, 1, 0]
    data = pd.DataFrame({"y": y, "w": [math.ldexp(v, -1074) for v in k]})
    p = Fraction(sum(a * b for a, b in zip(k, y, strict=True)), sum(k))
    z = [Fraction(a) * (b - p) / sum(k) for a, b in zip(k, y, strict=True)]
    mean = sum(z) / len(z)
    var = Fraction(len(z), len(z) - 1) * sum((v - mean) ** 2 for v in z)
    out = survey_prevalence(data, "y", weight="w").iloc[0]
    assert out["prevalence"] == pytest.approx(float(p), rel=1e-14)
    assert out["se"] == pytest.approx(math.sqrt(var), rel=1e-12)


def test_two_by_columns_give_their_combinations_sorted() -> None:
    # docstring: "one output row per combination present in data (sorted ...)"; the expected
    # order is Python's sort of the (region, urban) pairs present
    data = pd.DataFrame(
        {
            "y": [1, 0, 1, 0, 1, 1, 0, 0],
            "region": ["south", "north", "south", "east", "north", "east", "south", "north"],
            "urban": [1, 0, 0, 1, 1, 0, 1, 0],
        }
    )
    out = survey_prevalence(data, "y", by=["region", "urban"])
    pairs = sorted(set(zip(data["region"], data["urban"], strict=True)))
    assert list(zip(out["region"], out["urban"], strict=True)) == pairs
    for (region, urban), prevalence in zip(pairs, out["prevalence"], strict=True):
        rows = data[(data["region"] == region) & (data["urban"] == urban)]
        assert prevalence == pytest.approx(float(Fraction(int(rows["y"].sum()), len(rows))))
