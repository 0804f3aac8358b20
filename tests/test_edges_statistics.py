"""Degenerate inputs of the statistics functions: each test here failed on the code before it.

Expected values come from the docstrings' contracts and exact arithmetic on small frames, not
from running the code under test.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.dhs import recode_child_marriage, sampling_errors

GOLDEN = Path(__file__).resolve().parent / "golden"


def _recode() -> pd.DataFrame:
    """Twelve women in six PSUs of three strata; weights 1.5 or 0.5 (v005 has six decimals)."""
    return pd.DataFrame(
        {
            "v005": [1_500_000, 1_500_000, 500_000, 500_000] * 3,
            "v021": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
            "v022": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
            "region": ["north"] * 6 + ["south"] * 6,
            "y": [1, 0, 0, 1, 1, 1, 0, None, 1, 1, 0, 1],
            "young": [True, False] * 6,
        }
    )


# ------------------------------------------------------------------- dhs_tables.sampling_errors


@pytest.mark.parametrize("how", ["column", "mask", "series"])
def test_sampling_errors_subset_counts_only_the_subset(how: str) -> None:
    # the subset was documented but crashed ("output array is read-only"): pandas' to_numpy()
    # of the missing flags is a read-only view, which the subset was and-ed into in place
    ir = _recode()
    subset = {"column": "young", "mask": ir["young"].to_numpy(), "series": ir["young"]}[how]
    table = sampling_errors(ir, "y", by="region", subset=subset)
    # the young women (rows 0, 2, ..., 10) with y present: north rows 0, 2, 4 (y = 1, 0, 1),
    # weights 1.5, 0.5, 1.5; south rows 6, 8, 10 (y = 0, 1, 0), weights 0.5, 1.5, 0.5
    assert table["region"].tolist() == ["north", "south"]
    assert table["N"].tolist() == [3, 3]
    assert table["WN"].tolist() == [3.5, 2.5]
    assert table["R"].tolist() == pytest.approx([3.0 / 3.5, 1.5 / 2.5], rel=1e-15)


def test_sampling_errors_by_all_missing_is_one_domain() -> None:
    # a by column with no value at all is one domain (survey_prevalence's rule); its WN was an
    # IndexError from reindexing on a MultiIndex with an empty level
    ir = _recode().assign(region=np.nan)
    table = sampling_errors(ir, "y", by="region")
    assert len(table) == 1 and pd.isna(table["region"].iloc[0])
    assert table["N"].tolist() == [11]
    # every weight but row 7's (0.5, y missing): 6 x 1.5 + 5 x 0.5
    assert table["WN"].tolist() == [11.5]


def test_sampling_errors_by_categorical() -> None:
    # a categorical by column (as read from a Stata file) raised NotImplementedError from
    # CategoricalIndex.reindex; an unused category makes no row, as in survey_prevalence
    ir = _recode()
    ir["region"] = pd.Categorical(ir["region"], categories=["south", "north", "east"])
    table = sampling_errors(ir, "y", by="region")
    # survey_prevalence's order: the categories' own (south before north)
    assert table["region"].astype(str).tolist() == ["south", "north"]
    # north: all six rows; south: all but row 7 (0.5, y missing)
    wn = {"north": 1.5 + 1.5 + 0.5 + 0.5 + 1.5 + 1.5, "south": 0.5 + 1.5 + 1.5 + 0.5 + 0.5}
    assert table.set_index(table["region"].astype(str))["WN"].to_dict() == wn


@pytest.mark.parametrize(
    ("argument", "value", "error"),
    [
        # decimals: "Format specifier missing precision" once a domain had 25 cases
        ("decimals", -1, ValueError),
        ("decimals", 1.5, TypeError),
        ("weight_scale", 0, ValueError),  # WN inf, or NaN (0 / 0 for the rows not counted)
        ("weight_scale", -1_000_000, ValueError),  # a negative WN
        ("weight_scale", "1e6", TypeError),  # numpy's "ufunc 'divide' not supported"
    ],
)
def test_sampling_errors_names_a_bad_decimals_or_weight_scale(
    argument: str, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error, match=f"^{argument} must be"):
        sampling_errors(_recode(), "y", **{argument: value})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------- dhs recodes


@pytest.mark.parametrize(
    ("before", "error"),
    # None was "'<' not supported between instances of 'float' and 'NoneType'"; "18" the same
    # for 'str'; NaN made every woman 0 (never married before NaN) without a word
    [(None, TypeError), ("18", TypeError), (True, TypeError), (float("nan"), ValueError)],
)
def test_recode_child_marriage_names_a_bad_before(before: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^before must be"):
        wps.dhs.recode_child_marriage(pd.DataFrame({"v511": [14, 17]}), before=before)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- compare.survey_chisq


def _design() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "y": [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, None, 0],
            "region": ["north"] * 6 + ["south"] * 6,
            "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
            "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
            "w": [1.2, 1.2, 0.8, 0.8, 0.95, 0.95, 1.1, 1.1, 0.7, 0.7, 0.7, 0.7],
        }
    )


def test_survey_chisq_all_weights_zero_is_a_clear_error() -> None:
    # no weighted table at all: numpy's "invalid value encountered in divide" leaked (0/0 cell
    # shares) before a row of NaN; R's svychisq stops too (chisq.test of a NaN table)
    data = _design().assign(w=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"weight column 'w' is 0 in every row of the table"):
            wps.survey_chisq(data, "y", "region", weight="w", psu="cluster", strata="stratum")


_R_SMALL_WEIGHTS = Path(__file__).resolve().parent / "r" / "survey_chisq_small_weights.Rout"


def _r_small_weights() -> dict[tuple[str, float], tuple[float, float, float] | None]:
    """What R printed for each (kind, weight): (F, ndf, ddf), or None where solve() stopped."""
    out: dict[tuple[str, float], tuple[float, float, float] | None] = {}
    for line in _R_SMALL_WEIGHTS.read_text().splitlines():
        if found := re.match(r"(by|cell) (\S+) (error|F=(\S+) ndf=(\S+) ddf=(\S+))", line):
            kind, weight, result = found.group(1), float(found.group(2)), found.group(3)
            numbers = found.group(4, 5, 6)
            out[kind, weight] = None if result == "error" else tuple(map(float, numbers))
    return out


@pytest.mark.parametrize("kind", ["by", "cell"])
@pytest.mark.parametrize("weight", [0.0, 1e-6, 1e-8, 5e-9, 2e-9, 1e-12, 1e-20, 1e-300])
def test_survey_chisq_with_a_weightless_or_almost_weightless_part_of_the_table(
    kind: str, weight: float
) -> None:
    # tests/r/survey_chisq_small_weights.R: region F ("by") or the cases of region B ("cell")
    # given the weight `weight`. R returns F = NaN beside finite degrees of freedom for a by
    # value of weight 0, and stops in solve() once a cell is below the rounding of the total
    # (the cases of region B at 2e-9 hold 9.8e-17 of it, at 5e-9 2.4e-16): wpsstats gave NaN
    # there too, and "no variance" (all NaN) from 1e-300; it now stops at the same cells
    data = pd.read_csv(GOLDEN / "survey_dhs_like.csv").astype({"v005": float})
    rows = data["region"].eq("F") if kind == "by" else data["region"].eq("B") & data["y"].eq(1)
    data.loc[rows, "v005"] = weight
    design = {"weight": "v005", "psu": "v021", "strata": "v022"}
    r = _r_small_weights()[kind, weight]
    if kind == "by" and weight == 0:
        with pytest.raises(ValueError, match=r"by column 'region' value 'F' has weight 0 in every"):
            wps.survey_chisq(data, "y", "region", **design)
    elif r is None:
        cell = r"'y' = 0, 'region' = 'F'" if kind == "by" else r"'y' = 1, 'region' = 'B'"
        with pytest.raises(ValueError, match=rf"the cell {cell} holds .* too little beside the"):
            wps.survey_chisq(data, "y", "region", **design)
    else:
        out = wps.survey_chisq(data, "y", "region", **design).iloc[0]
        # at 1e-6 the cell holds 1e-13 of the weight: the system is ill-conditioned (about 1e13),
        # and R and wpsstats, solving it in different orders, agree to about 1e-5 only; just
        # above the rounding of the total (condition about 1e15 to 1e16), to about 1 per cent
        rtol = 1e-12 if weight == 0 else 1e-4 if weight >= 1e-6 else 2e-2
        np.testing.assert_allclose(out[["statistic", "ndf", "ddf"]].to_numpy(float), r, rtol=rtol)


def test_survey_chisq_refuses_cases_of_weight_zero() -> None:
    # every case weighs 0: the table's row of cases is empty, and X^2 is 0/0
    data = _design().assign(w=lambda d: np.where(d["y"].eq(1), 0.0, d["w"]))
    with pytest.raises(ValueError, match=r"indicator 'y' value 1 has weight 0 in every row"):
        wps.survey_chisq(data, "y", "region", weight="w", psu="cluster", strata="stratum")


def test_survey_chisq_fail_refuses_a_lonely_second_stage_unit() -> None:
    # every PSU holds one household (SSU) of a two-stage design with both corrections: R's
    # svychisq stops under survey.lonely.psu = "fail" ("Stratum (1.1) has only one PSU at stage
    # 2"), as survey_prevalence does here; survey_chisq gave "remove"'s numbers instead
    data = _design().assign(N=10.0, M=4.0, hh=1)
    design = {"weight": "w", "psu": "cluster", "strata": "stratum", "fpc": "N"}
    with pytest.raises(ValueError, match="only one SSU at the second stage"):
        wps.survey_chisq(data, "y", "region", **design, ssu="hh", fpc2="M")


def test_survey_chisq_fail_accepts_a_lonely_psu_sampled_whole() -> None:
    # stratum 1's one PSU is the whole stratum (fpc 1 PSU): it has no variance, so it is not a
    # lonely PSU (survey_prevalence and R agree); survey_chisq raised. R 4.x, survey:
    # svychisq(~y + region, svydesign(id = ~cluster, strata = ~stratum, weights = ~w,
    # fpc = ~N, data = d)) with options(survey.lonely.psu = "fail"), d without the missing y
    data = _design().assign(cluster=[1, 1, 1, 1, 3, 3, 4, 4, 5, 5, 6, 6], N=[1.0] * 4 + [10.0] * 8)
    out = wps.survey_chisq(
        data, "y", "region", weight="w", psu="cluster", strata="stratum", fpc="N"
    ).iloc[0]
    assert out["statistic"] == pytest.approx(2.670817831943215, rel=1e-9)
    assert out["ndf"] == pytest.approx(1.0, rel=1e-9)
    assert out["ddf"] == pytest.approx(2.0, rel=1e-9)
    assert out["p_value"] == pytest.approx(0.243819160466874, rel=1e-9)


# ----------------------------------------------------------------- compare.prevalence_difference


def test_prevalence_difference_a_missing_level_is_the_missing_domain() -> None:
    # survey_prevalence makes the rows without a by value a domain of their own; naming it
    # (NaN, None or pd.NA) raised "levels[1]=nan is not a domain ...; the domains are ...,
    # (nan,)" -- the error listed the very domain it refused
    data = _design()
    data["region"] = data["region"].where(data.index < 9)  # rows 9-11: y = 0, missing, 0
    design = {"weight": "w", "psu": "cluster", "strata": "stratum", "lonely_psu": "adjust"}
    for missing in (np.nan, None, pd.NA):
        out = wps.prevalence_difference(
            data, "y", by="region", levels=("north", missing), **design
        ).iloc[0]
        # north: y = 1, 0, 0, 1, 1, 0 with weights 1.2, 1.2, 0.8, 0.8, 0.95, 0.95: half
        assert out["prevalence_a"] == pytest.approx(0.5, rel=1e-15)
        assert out["prevalence_b"] == 0.0
        assert out["difference"] == pytest.approx(0.5, rel=1e-15)
        assert (out["n_a"], out["n_b"]) == (6, 2)


def test_prevalence_difference_with_no_domain_says_so() -> None:
    with pytest.raises(ValueError, match=r"is not a domain of \['region'\]: data has no rows"):
        wps.prevalence_difference(
            _design().iloc[:0], "y", by="region", levels=("north", "south"), weight="w"
        )


# ---------------------------------------------------------------- survey.survey_prevalence


def test_survey_prevalence_no_rows_by_domain_keeps_the_method_column_text() -> None:
    # with no domain, the method column was an object column, where any result with a row has
    # pandas' text dtype (what pandas makes of a column of strings): frames of several surveys,
    # one of them empty, would concatenate to object
    pl = pytest.importorskip("polars")
    empty = _design().iloc[:0]
    text = pd.Series(["logit"]).dtype
    for frame in (empty, pl.from_pandas(empty)):
        out = wps.survey_prevalence(frame, "y", weight="w", psu="cluster", by="region")
        assert len(out) == 0
        assert out["method"].dtype == text


# ------------------------------------------------------------------- survey.pool_prevalence


def test_pool_prevalence_refuses_series_with_different_indexes() -> None:
    # Niger's rate was pooled with Mali's population: two Series were paired by position, and
    # the answer (0.8 * 10 + 0.5 * 30) / 40 = 0.575 instead of (0.8 * 30 + 0.5 * 10) / 40 = 0.725
    rates = pd.Series([0.8, 0.5], index=["NER", "MLI"])
    population = pd.Series([10.0, 30.0], index=["MLI", "NER"])
    with pytest.raises(ValueError, match="prevalence and population are Series with different"):
        wps.pool_prevalence(rates, population)
    se = pd.Series([0.04, 0.02], index=["MLI", "NER"])
    with pytest.raises(ValueError, match="prevalence and se are Series with different indexes"):
        wps.pool_prevalence(rates, [30.0, 10.0], se=se)
    # aligned, they pool by label
    out = wps.pool_prevalence(rates, population.reindex(rates.index), se=se.reindex(rates.index))
    assert out["prevalence"].iloc[0] == pytest.approx(0.725, rel=1e-15)
    assert out["se"].iloc[0] == pytest.approx(np.sqrt(0.75**2 * 0.02**2 + 0.25**2 * 0.04**2))


def test_pool_prevalence_refuses_a_series_spread_over_other_lengths() -> None:
    # one country's rate (a Series of length 1) was spread over two populations
    with pytest.raises(ValueError, match="lengths do not match"):
        wps.pool_prevalence(pd.Series([0.8], index=["NER"]), [30.0, 10.0])


def test_pool_prevalence_missing_rate_gives_no_standard_error() -> None:
    # the docstring promises NaN in, NaN out; a missing prevalence kept the se of the others
    out = wps.pool_prevalence([0.8, np.nan], population=[30.0, 10.0], se=[0.02, 0.04])
    assert out[["prevalence", "se", "lower", "upper"]].isna().all(axis=None)
    out = wps.pool_prevalence([0.8, pd.NA], population=[30.0, 10.0], se=[0.02, 0.04])
    assert np.isnan(out["se"].iloc[0])


def test_an_integer_index_label_is_named_as_typed() -> None:
    # a Series indexed by year names its bad row "at index 2020", not numpy's np.int64(2020)
    women = pd.Series([1, 20], index=[2019, 2020])
    total = pd.Series([10, 10], index=[2019, 2020])
    with pytest.raises(ValueError, match=r"trials=10 at index 2020$"):
        wps.proportion_ci(women, total)
    with pytest.raises(ValueError, match=r"'x' is not a number at index 2020$"):
        wps.consistent_percent(pd.Series(["25", "x"], index=[2019, 2020]), 36)


def test_rate_difference_keeps_the_counts_dtypes_rate_gives() -> None:
    # a missing count makes rate's women Int64; the difference's women1 was float64 (1.0, NaN)
    one = wps.rate([1, np.nan], [10, 10])
    diff = wps.rate_difference([1, np.nan], [10, 10], 2, 10)
    assert diff["women1"].dtype == one["women"].dtype == "Int64"
    assert diff["women1"].tolist() == [1, pd.NA]
    assert diff["women2"].tolist() == [2, 2] and diff["women2"].dtype == np.int64


# ------------------------------------------------------------------------------ flags


@pytest.mark.parametrize(
    "call",
    [
        lambda: wps.parity_index([50, 100], [100, 50], adjusted="yes"),
        lambda: wps.pooled_rate([1, 2], [10, 20], skipna="no"),
        lambda: wps.mean_of_shares([1, 2], [10, 20], skipna=1),
    ],
    ids=["parity_index-adjusted", "pooled_rate-skipna", "mean_of_shares-skipna"],
)
def test_a_flag_that_is_not_true_or_false_is_refused(call: Callable[[], object]) -> None:
    # skipna="no" is truthy: it skipped the missing bodies, the opposite of what it says
    with pytest.raises(TypeError, match=r"(adjusted|skipna) must be True or False, got "):
        call()
    assert wps.parity_index(50, 100, adjusted=np.True_) == 0.5  # numpy's booleans are flags


def test_a_float32_target_is_the_decimal_it_prints_as_in_the_trends() -> None:
    # float32(0.3) is 0.30000001192092896: a share of exactly 0.3 was "reached", not "met",
    # where parity_gap, reading the same target as 0.3, says it is met
    low = np.float32(0.3)
    assert wps.trend_status([2014, 2018], [0.2, 0.3], low)["status"].iloc[0] == "met"
    assert bool(wps.parity_gap(3, 10, low)["met"].iloc[0])
    with pytest.warns(UserWarning, match="the target 0.3 is already met"):
        assert wps.year_reaching([2014, 2018], [0.2, 0.3], low) == 2018


def test_nest_is_true_or_false_in_every_design_function() -> None:
    # nest="no" is truthy: PSU labels were taken as restarting in each stratum
    data = pd.DataFrame({"y": [0, 1, 1, 0], "g": [1, 2, 1, 2], "w": 1.0, "p": [1, 1, 2, 2], "s": 1})
    design = {"weight": "w", "psu": "p", "strata": "s"}
    calls = [
        lambda: wps.survey_prevalence(data, "y", **design, nest="no"),
        lambda: wps.prevalence_difference(data, "y", by="g", levels=(1, 2), **design, nest="no"),
        lambda: wps.survey_chisq(data, "y", by="g", **design, nest="no"),
        lambda: sampling_errors(data, "y", weight="w", psu="p", strata="s", nest="no"),
    ]
    for call in calls:
        with pytest.raises(TypeError, match="nest must be True or False, got 'no'"):
            call()


def test_child_marriage_recode_is_named_ms_afm_18_for_a_float_age() -> None:
    data = pd.DataFrame({"v511": [14, 17, 18, None]})
    for before, name in ((18, "ms_afm_18"), (18.0, "ms_afm_18"), (np.int64(15), "ms_afm_15")):
        assert recode_child_marriage(data, before=before).name == name
    assert recode_child_marriage(data, before=17.5).name == "ms_afm_17.5"


def test_average_at_a_second_stage_with_a_single_ssu_psu_is_rs_pieces() -> None:
    # tests/r/survey_average_second_stage.R: R's svymean gives NaN (1 stratum over 0 within the
    # PSU of one SSU); wpsstats takes 4 PSUs over the 3 with more than one SSU, which R's own
    # first-stage variance and "remove" second stage give as average_over_psus_se
    r_out = Path(__file__).resolve().parent / "r" / "survey_average_second_stage.Rout"
    r = dict(line.split("=") for line in r_out.read_text().split())
    assert r["r_average_se"] == "NaN"
    data = pd.DataFrame(
        {
            "psu": np.repeat(np.arange(1, 5), 6),
            "ssu": [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 1, 1, 1, 2, 2, 2, 1, 2, 2, 3, 3, 3],
            "N1": 10.0,
            "N2": np.repeat([3.0, 5.0, 4.0, 6.0], 6),
            "y": [1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1],
            "w": [1, 2, 1, 3, 2, 1, 2, 2, 1, 1, 3, 1, 1, 1, 2, 2, 3, 1, 2, 1, 1, 2, 1, 3],
        }
    )
    design: dict[str, Any] = {"weight": "w", "psu": "psu", "ssu": "ssu", "fpc": "N1", "fpc2": "N2"}
    out = wps.survey_prevalence(data, "y", lonely_psu="average", **design).iloc[0]
    assert out["prevalence"] == pytest.approx(float(r["estimate"]), rel=1e-14)
    assert out["se"] == pytest.approx(float(r["average_over_psus_se"]), rel=1e-12)
    # and under "remove", R's own standard error
    removed = wps.survey_prevalence(data, "y", lonely_psu="remove", **design).iloc[0]
    assert removed["se"] ** 2 == pytest.approx(float(r["remove_var"]), rel=1e-12)
    # the difference between alternate rows (svycontrast's pieces in the same script)
    assert r["difference_r_average_se"] == "NaN"
    data["dom"] = ["a", "b"] * 12
    diff = wps.prevalence_difference(
        data, "y", by="dom", levels=("a", "b"), lonely_psu="average", **design
    ).iloc[0]
    assert diff["difference"] == pytest.approx(float(r["difference"]), rel=1e-14)
    assert diff["se"] == pytest.approx(float(r["difference_average_over_psus_se"]), rel=1e-12)
