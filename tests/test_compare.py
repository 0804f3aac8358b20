"""prevalence_difference and survey_chisq against R's survey package, their invariants and errors.

Golden values: tests/r/compare_golden.R (svyby(..., covmat = TRUE) + svycontrast with its
confint() at 95 and 90 per cent and its Wald p-value, svychisq(statistic = "F"), and one
svyttest) on the synthetic DHS-like files of tests/r/make_survey_data.py and on R's own example
data (apistrat, apiclus1, nhanes), which the script writes out beside them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpsstats.compare import prevalence_difference, survey_chisq
from wpsstats.survey import survey_prevalence

GOLDEN = Path(__file__).resolve().parent / "golden"
RTOL = 1e-8
DESIGNS = {
    "survey_dhs_like": {"weight": "v005", "psu": "v021", "strata": "v022"},
    "survey_lonely": {"weight": "v005", "psu": "v021", "strata": "v022"},
    "r_apistrat": {"weight": "pw", "strata": "stype"},
    "r_apiclus1": {"weight": "pw", "psu": "dnum"},
    "r_nhanes": {"weight": "w", "psu": "psu", "strata": "strata", "nest": True},
}
R_VALUES = pd.read_csv(GOLDEN / "compare_r_values.csv", keep_default_na=False, na_values=["NA"])
FILES = {name: pd.read_csv(GOLDEN / f"{name}.csv") for name in DESIGNS}


def _level(frame: pd.DataFrame, column: str, printed: str) -> object:
    return int(printed) if pd.api.types.is_numeric_dtype(frame[column]) else printed


def _case_id(row: pd.Series) -> str:
    return "-".join(str(row[c]) for c in ("file", "lonely", "by", "a", "b") if row[c] != "")


DIFFERENCES = [r for _, r in R_VALUES[R_VALUES["kind"] == "difference"].iterrows()]
CHISQ = [r for _, r in R_VALUES[R_VALUES["kind"] == "chisq"].iterrows()]


def test_the_golden_file_covers_every_design_and_option() -> None:
    assert set(R_VALUES["file"]) == set(DESIGNS)
    lonely = R_VALUES[R_VALUES["file"] == "survey_lonely"]
    assert set(lonely["lonely"]) == {"fail", "remove", "certainty", "adjust", "average"}
    assert len(DIFFERENCES) > 200 and len(CHISQ) >= 14


@pytest.mark.parametrize("row", DIFFERENCES, ids=[_case_id(r) for r in DIFFERENCES])
def test_difference_matches_svycontrast(row: pd.Series) -> None:
    data = FILES[row["file"]]
    levels = (_level(data, row["by"], row["a"]), _level(data, row["by"], row["b"]))
    call = {"by": row["by"], "levels": levels, "lonely_psu": row["lonely"], **DESIGNS[row["file"]]}
    if row["error"]:
        with pytest.raises(ValueError, match="only one PSU"):
            prevalence_difference(data, "y", **call)
        return
    out = prevalence_difference(data, "y", **call).iloc[0]
    assert out["difference"] == pytest.approx(row["estimate"], rel=RTOL, abs=1e-15)
    assert out["se"] == pytest.approx(row["se"], rel=RTOL)
    # confint(svycontrast(...)) and 2 * pnorm(-abs(coef / SE)): a Normal (Wald) interval and test
    assert out["lower"] == pytest.approx(row["lower"], rel=RTOL, abs=1e-15)
    assert out["upper"] == pytest.approx(row["upper"], rel=RTOL, abs=1e-15)
    assert out["p_value"] == pytest.approx(row["p_value"], rel=RTOL, abs=0)  # some are 1e-40
    # confint(..., level = 0.90)
    out90 = prevalence_difference(data, "y", conf=0.90, **call).iloc[0]
    assert out90["lower"] == pytest.approx(row["lower_90"], rel=RTOL, abs=1e-15)
    assert out90["upper"] == pytest.approx(row["upper_90"], rel=RTOL, abs=1e-15)
    assert out90[["difference", "se", "p_value"]].equals(out[["difference", "se", "p_value"]])


def test_the_statistic_is_svyttest_s_referred_to_normal_not_t() -> None:
    # the documented difference from R's svyttest: the same statistic (difference / SE), which
    # svyttest refers to t on the design's degrees of freedom, so its p-value is larger and its
    # interval wider than the Normal ones here
    (row,) = [r for _, r in R_VALUES[R_VALUES["kind"] == "svyttest"].iterrows()]
    assert (row["file"], row["by"], row["ddf"]) == ("survey_dhs_like", "region", 88)
    data = FILES[row["file"]]
    out = prevalence_difference(
        data, "y", by=row["by"], levels=(row["a"], row["b"]), **DESIGNS[row["file"]]
    ).iloc[0]
    assert out["difference"] == pytest.approx(row["estimate"], rel=1e-12)
    assert out["difference"] / out["se"] == pytest.approx(row["statistic"], rel=1e-12)
    assert out["p_value"] < row["p_value"]
    assert row["lower"] < out["lower"] < out["upper"] < row["upper"]


@pytest.mark.parametrize("row", CHISQ, ids=[_case_id(r) for r in CHISQ])
def test_chisq_matches_svychisq(row: pd.Series) -> None:
    data = FILES[row["file"]]
    call = {"lonely_psu": row["lonely"], **DESIGNS[row["file"]]}
    if row["error"]:
        with pytest.raises(ValueError, match="only one PSU"):
            survey_chisq(data, "y", row["by"], **call)
        return
    out = survey_chisq(data, "y", row["by"], **call).iloc[0]
    for column in ("statistic", "ndf", "ddf", "p_value"):
        assert out[column] == pytest.approx(row[column], rel=RTOL), column


# --- invariants ----------------------------------------------------------------------------------


@st.composite
def surveys(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(8, 40))
    strata = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    psu_in = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    frame = pd.DataFrame(
        {
            "y": draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n)),
            "w": draw(st.lists(st.integers(1, 3_000_000), min_size=n, max_size=n)),
            "strata": strata,
            "psu": [s * 10 + p for s, p in zip(strata, psu_in, strict=True)],
            "dom": draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n)),
        }
    )
    frame.loc[:2, "dom"] = ["a", "b", "c"]  # every domain has a row
    return frame


KW = {"weight": "w", "psu": "psu", "strata": "strata", "lonely_psu": "adjust"}


@given(surveys(), st.sampled_from(["a", "b", "c"]))
def test_a_domain_against_itself_differs_by_zero_with_se_zero(df: pd.DataFrame, level: str) -> None:
    out = prevalence_difference(df, "y", by="dom", levels=(level, level), **KW).iloc[0]
    assert out["difference"] == 0 and out["se"] == 0
    assert np.isnan(out["p_value"])  # 0/0, as R's 2 * pnorm(-abs(0 / 0))


def test_a_difference_without_sampling_variance_has_p_value_zero() -> None:
    """Every woman of one domain answers yes and every woman of the other no: the scores are
    all 0, so the SE is 0, and as in R (2 * pnorm(-abs(1 / 0)) = 0) the p-value is 0, not NaN."""
    frame = pd.DataFrame(
        {
            "y": [1, 1, 1, 0, 0, 0],
            "w": [2, 5, 1, 3, 4, 1],
            "psu": [1, 2, 3, 4, 5, 6],
            "dom": ["a", "a", "a", "b", "b", "b"],
        }
    )
    out = prevalence_difference(frame, "y", by="dom", levels=("a", "b"), weight="w", psu="psu")
    row = out.iloc[0]
    assert (row["difference"], row["se"], row["p_value"]) == (1.0, 0.0, 0.0)


@given(surveys())
def test_swapping_the_domains_flips_the_sign(df: pd.DataFrame) -> None:
    ab = prevalence_difference(df, "y", by="dom", levels=("a", "b"), **KW).iloc[0]
    ba = prevalence_difference(df, "y", by="dom", levels=("b", "a"), **KW).iloc[0]
    assert ab["difference"] == -ba["difference"] and ab["se"] == pytest.approx(ba["se"], rel=1e-12)
    assert ab["lower"] == pytest.approx(-ba["upper"], rel=1e-12, abs=1e-15)


@given(surveys())
def test_the_two_estimates_are_survey_prevalence_s(df: pd.DataFrame) -> None:
    out = prevalence_difference(df, "y", by="dom", levels=("a", "c"), **KW).iloc[0]
    each = survey_prevalence(df, "y", by="dom", method="mean", **KW).set_index("dom")
    assert out["prevalence_a"] == each.loc["a", "prevalence"]
    assert out["prevalence_b"] == each.loc["c", "prevalence"]


@given(surveys(), surveys())
def test_independent_surveys_stacked_give_the_root_sum_of_squares(
    one: pd.DataFrame, two: pd.DataFrame
) -> None:
    # two rounds with strata and PSUs of their own: no covariance between them
    stacked = pd.concat(
        [
            one.assign(round="2018"),
            two.assign(round="2012", strata=two["strata"] + 100, psu=two["psu"] + 1000),
        ]
    )
    out = prevalence_difference(stacked, "y", by="round", levels=("2018", "2012"), **KW).iloc[0]
    se = [survey_prevalence(f, "y", method="mean", **KW)["se"].iloc[0] for f in (one, two)]
    assert out["se"] == pytest.approx(np.hypot(*se), rel=1e-9)


@given(surveys(), st.floats(1e-3, 1e3))
def test_chisq_is_scale_free_in_the_weights_and_in_range(df: pd.DataFrame, k: float) -> None:
    if df["y"].nunique() < 2:
        return
    a = survey_chisq(df, "y", "dom", **KW)
    b = survey_chisq(df.assign(w=df["w"] * k), "y", "dom", **KW)
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)
    row = a.iloc[0]
    if np.isnan(row["statistic"]):  # no design variance, so no design effect to correct by
        assert np.isnan(row["p_value"]) and row["deff_mean"] == 0
    elif row["ddf"] == 0:  # as many strata as PSUs: R's pf() gives NaN too
        assert row["statistic"] >= 0 and np.isnan(row["p_value"])
    else:
        assert row["statistic"] >= 0 and 0 <= row["p_value"] <= 1


# --- refusals ------------------------------------------------------------------------------------


def test_bad_input_is_named() -> None:
    data = FILES["survey_dhs_like"]
    design = DESIGNS["survey_dhs_like"]
    with pytest.raises(
        ValueError,
        match=r"levels\[1\]='Z' is not a domain of \['region'\]; the domains are \('A',\)",
    ):
        prevalence_difference(data, "y", by="region", levels=("A", "Z"), **design)
    with pytest.raises(ValueError, match="levels must be a pair"):
        prevalence_difference(data, "y", by="region", levels=("A",), **design)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one value for each by column"):
        prevalence_difference(data, "y", by=["region", "residence"], levels=("A", "B"), **design)
    with pytest.raises(ValueError, match="by must name"):
        prevalence_difference(data, "y", by=[], levels=("A", "B"), **design)
    with pytest.raises(ValueError, match=r"indicator 'y' takes 1 value\(s\)"):
        survey_chisq(data.assign(y=0), "y", "region", **design)
    with pytest.raises(TypeError, match="one column name"):
        survey_chisq(data, "y", ["region"], **design)  # type: ignore[arg-type]


def test_two_by_columns_take_tuples() -> None:
    data = FILES["survey_dhs_like"]
    out = prevalence_difference(
        data,
        "y",
        by=["region", "residence"],
        levels=(("A", "urban"), ("A", "rural")),
        **DESIGNS["survey_dhs_like"],
    ).iloc[0]
    each = survey_prevalence(
        data, "y", by=["region", "residence"], method="mean", **DESIGNS["survey_dhs_like"]
    )
    a = each[(each["region"] == "A") & (each["residence"] == "urban")]["prevalence"].iloc[0]
    assert out["prevalence_a"] == a
