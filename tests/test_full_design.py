"""Finite population corrections and two-stage designs, against R's survey and by their invariants.

Golden values: tests/r/full_design_golden.R (svyciprop of every method, degf, deff, svycontrast
with its confint and Wald p-value, and svychisq on svydesign(fpc = ...) and
svydesign(id = ~psu + ssu, fpc = ~fpc1 + fpc2)) on R's apistrat, apiclus1 and apiclus2, written
out by tests/r/compare_golden.R.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpsstats.compare import prevalence_difference, survey_chisq
from wpsstats.survey import METHODS, survey_prevalence

GOLDEN = Path(__file__).resolve().parent / "golden"
RTOL = 1e-8
DESIGNS = {
    "apistrat_fpc": ("r_apistrat", {"weight": "pw", "strata": "stype", "fpc": "fpc"}),
    "apiclus1_fpc": ("r_apiclus1", {"weight": "pw", "psu": "dnum", "fpc": "fpc"}),
    "apiclus2_fpc": (
        "r_apiclus2",
        {"weight": "pw", "psu": "dnum", "ssu": "snum", "fpc": "fpc1", "fpc2": "fpc2"},
    ),
    "apiclus2_wr": ("r_apiclus2", {"weight": "pw", "psu": "dnum", "ssu": "snum"}),
}
R_VALUES = pd.read_csv(GOLDEN / "full_design_r_values.csv", keep_default_na=False, na_values=["NA"])
ROWS = [r for _, r in R_VALUES.iterrows()]


def _data(design: str) -> tuple[pd.DataFrame, dict[str, str]]:
    name, kw = DESIGNS[design]
    return pd.read_csv(GOLDEN / f"{name}.csv"), kw


def _id(r: pd.Series) -> str:
    return "-".join(str(r[c]) for c in ("design", "kind", "method", "a", "b") if r[c] != "")


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_matches_r(row: pd.Series) -> None:
    data, kw = _data(row["design"])
    if row["kind"] == "prevalence":
        by = None if row["a"] == "(all)" else "stype"
        out = survey_prevalence(data, "y", by=by, method=row["method"], **kw)
        got = out.iloc[0] if by is None else out.set_index("stype").loc[row["a"]]
        for mine, r in (("prevalence", "estimate"), ("se", "se"), ("lower", "lower"),
                        ("upper", "upper"), ("deff", "deff")):  # fmt: skip
            assert got[mine] == pytest.approx(row[r], rel=RTOL), mine
        assert got["df"] == row["df"]
    elif row["kind"] == "difference":
        got = prevalence_difference(data, "y", by="stype", levels=(row["a"], row["b"]), **kw)
        assert got["difference"].iloc[0] == pytest.approx(row["estimate"], rel=RTOL)
        assert got["se"].iloc[0] == pytest.approx(row["se"], rel=RTOL)
        for column in ("lower", "upper"):  # confint(con): the Normal 95 per cent interval
            assert got[column].iloc[0] == pytest.approx(row[column], rel=RTOL), column
        # 2 * pnorm(-abs(coef / SE)); some are near 1e-17, so no absolute slack
        assert got["p_value"].iloc[0] == pytest.approx(row["p_value"], rel=RTOL, abs=0)
    else:
        got = survey_chisq(data, "y", "stype", **kw).iloc[0]
        for column in ("statistic", "ndf", "ddf", "p_value"):
            assert got[column] == pytest.approx(row[column], rel=RTOL), column


def test_the_golden_file_has_every_design_and_method() -> None:
    assert set(R_VALUES["design"]) == set(DESIGNS)
    prevalence = R_VALUES[R_VALUES["kind"] == "prevalence"]
    assert set(prevalence["method"]) == set(METHODS)


# --- invariants ----------------------------------------------------------------------------------


@st.composite
def two_stage(draw: st.DrawFn) -> pd.DataFrame:
    """A stratified two-stage sample: PSUs within strata, SSUs within PSUs, rows within SSUs."""
    rows = []
    for h in range(draw(st.integers(1, 3))):
        for i in range(draw(st.integers(2, 4))):
            for j in range(draw(st.integers(2, 3))):
                for _ in range(draw(st.integers(1, 3))):
                    w = draw(st.integers(1, 50))
                    y = draw(st.sampled_from([0, 1]))
                    dom = draw(st.sampled_from("ab"))
                    rows.append({"h": h, "psu": 10 * h + i, "ssu": j, "w": w, "y": y, "dom": dom})
    frame = pd.DataFrame(rows)
    frame.loc[:1, "dom"] = ["a", "b"]
    n_h = frame.groupby("h")["psu"].transform("nunique")
    m_i = frame.groupby("psu")["ssu"].transform("nunique")
    frame["N"] = n_h + draw(st.integers(0, 20))
    frame["M"] = m_i + draw(st.integers(0, 20))
    frame["f1"], frame["f2"] = n_h / frame["N"], m_i / frame["M"]
    return frame


BASE = {"weight": "w", "psu": "psu", "strata": "h", "by": "dom"}


@given(two_stage(), st.sampled_from(METHODS))
def test_a_zero_sampling_fraction_gives_the_with_replacement_results(df, method: str) -> None:  # type: ignore[no-untyped-def]
    plain = survey_prevalence(df, "y", method=method, **BASE)
    zero = survey_prevalence(df.assign(z=0.0), "y", method=method, fpc="z", **BASE)
    two = survey_prevalence(
        df.assign(z=0.0), "y", method=method, fpc="z", ssu="ssu", fpc2="f2", **BASE
    )
    pd.testing.assert_frame_equal(plain, zero)
    pd.testing.assert_frame_equal(plain, two)


@given(two_stage())
def test_counts_and_fractions_are_the_same_correction(df) -> None:  # type: ignore[no-untyped-def]
    counts = survey_prevalence(df, "y", method="mean", fpc="N", ssu="ssu", fpc2="M", **BASE)
    fractions = survey_prevalence(df, "y", method="mean", fpc="f1", ssu="ssu", fpc2="f2", **BASE)
    pd.testing.assert_frame_equal(counts, fractions, rtol=1e-12)


@given(two_stage())
def test_a_correction_never_adds_variance_and_a_census_has_none(df) -> None:  # type: ignore[no-untyped-def]
    wr = survey_prevalence(df, "y", method="mean", **BASE)
    fpc = survey_prevalence(df, "y", method="mean", fpc="N", **BASE)
    assert (fpc["se"] <= wr["se"] * (1 + 1e-12) + 1e-15).all()
    census = survey_prevalence(df.assign(N=df.groupby("h")["psu"].transform("nunique")), "y",
                               method="mean", fpc="N", **BASE)  # fmt: skip
    assert (census["se"] == 0).all()


@given(two_stage())
def test_the_difference_and_the_test_take_the_same_design(df) -> None:  # type: ignore[no-untyped-def]
    design = {"weight": "w", "psu": "psu", "strata": "h", "fpc": "N", "ssu": "ssu", "fpc2": "M"}
    diff = prevalence_difference(df, "y", by="dom", levels=("a", "a"), **design).iloc[0]
    assert diff["difference"] == 0 and diff["se"] == 0
    ab = prevalence_difference(df, "y", by="dom", levels=("a", "b"), **design).iloc[0]
    ba = prevalence_difference(df, "y", by="dom", levels=("b", "a"), **design).iloc[0]
    assert ab["difference"] == -ba["difference"] and ab["se"] == pytest.approx(ba["se"], rel=1e-12)
    if df["y"].nunique() == 2:
        out = survey_chisq(df, "y", "dom", **design).iloc[0]
        assert np.isnan(out["statistic"]) or out["statistic"] >= 0


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "kwargs", "error", "pattern"),
    [
        (
            {"fpc": [100.0] * 199 + [99.0]},
            {"fpc": "fpc"},
            ValueError,
            r"varies within stratum '[EHM]' \(99 to 100\)",
        ),
        (
            {"fpc": 10.0},
            {"fpc": "fpc"},
            ValueError,
            r"stratum 'E' has 10 units in the population but 100",
        ),
        (
            {"fpc": [0.5] * 100 + [5000.0] * 100},
            {"fpc": "fpc"},
            ValueError,
            r"either population counts",
        ),
        ({"fpc": np.nan}, {"fpc": "fpc"}, ValueError, r"missing, infinite or negative"),
        ({"fpc": "many"}, {"fpc": "fpc"}, TypeError, r"must be numeric"),
        ({}, {"ssu": "pw"}, ValueError, r"ssu needs psu"),
        ({}, {"fpc2": "fpc"}, ValueError, r"fpc2 needs fpc and ssu"),
    ],
)
def test_designs_outside_what_is_supported_are_named(change, kwargs, error, pattern) -> None:  # type: ignore[no-untyped-def]
    data, _ = _data("apistrat_fpc")
    data = data.assign(**change)
    with pytest.raises(error, match=pattern):
        survey_prevalence(data, "y", weight="pw", strata="stype", **kwargs)


def test_a_two_stage_correction_needs_both_stages() -> None:
    data, _ = _data("apiclus2_fpc")
    with pytest.raises(ValueError, match="needs one for each stage: give fpc2"):
        survey_prevalence(data, "y", weight="pw", psu="dnum", ssu="snum", fpc="fpc1")
