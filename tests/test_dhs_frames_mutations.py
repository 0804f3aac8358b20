"""Tests that close the gaps a hand mutation audit of wpsstats.dhs, dhs_tables and frames found.

Each test here fails under one small change to the package's code that the rest of its suite let
pass (a dropped argument, a changed default, a dropped check). The expected values come from R's
survey package (tests/r/dhs_frames_mutations.R, which writes
tests/golden/dhs_frames_mutations_r.csv from the DHS Program's own recodes and design, and
tests/r/dhs_sampling_errors_nest.R), from exact arithmetic (``fractions``), from the note of the
Haiti EMMUS-VI report that the DHS marks follow, or from a rule the function's docstring states;
each test says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from survey_designs import backends, design

import wpsstats as wps
from wpsstats.dhs import MARKS, child_marriage, fgm_prevalence, recode_fgm, sampling_errors

GOLDEN = Path(__file__).resolve().parent / "golden"
IR = pd.read_csv(GOLDEN / "dhs_ir_synthetic.csv")
R_VALUES = pd.read_csv(
    GOLDEN / "dhs_frames_mutations_r.csv", comment="#", keep_default_na=False, na_values=["NA"]
)


def _r_case(case: str) -> pd.DataFrame:
    table = R_VALUES[R_VALUES["case"] == case].set_index("domain")
    assert len(table) == 5  # the whole sample and four regions
    return table


def _whole_and_regions(
    call: Callable[..., pd.DataFrame], data: pd.DataFrame, **kwargs: Any
) -> pd.DataFrame:
    """The estimates of the whole sample ("(all)") and of each region (v024), by domain."""
    whole = call(data, **kwargs)
    regions = call(data, by="v024", **kwargs)
    return pd.concat(
        [whole.assign(domain="(all)"), regions.assign(domain=regions["v024"].astype(str))]
    ).set_index("domain")


# --- dhs presets -------------------------------------------------------------------------------


def test_child_marriage_uses_the_confidence_level_it_is_given() -> None:
    # R: svyciprop(~ms_afm_18, subset(design, v012 20-24), method = "logit", level = 0.90)
    r = _r_case("ms_afm_18_level90")
    ours = _whole_and_regions(child_marriage, IR, conf=0.90).loc[r.index]
    np.testing.assert_allclose(ours["prevalence"], r["estimate"], rtol=1e-7)  # glm's tolerance
    np.testing.assert_allclose(ours["lower"], r["lower"], rtol=1e-9)
    np.testing.assert_allclose(ours["upper"], r["upper"], rtol=1e-9)
    np.testing.assert_array_equal(ours["n"], r["N"])


def test_child_marriage_uses_the_lonely_psu_rule_it_is_given() -> None:
    # R: svyciprop(~ms_afm_18, ..., method = "logit") with options(survey.lonely.psu =
    # "remove"); strata 6 and 18 of the file hold a single cluster, so the rule matters
    r = _r_case("ms_afm_18_remove")
    ours = _whole_and_regions(child_marriage, IR, lonely_psu="remove").loc[r.index]
    np.testing.assert_allclose(ours["prevalence"], r["estimate"], rtol=1e-7)  # glm's tolerance
    np.testing.assert_allclose(ours["se"], r["se"], rtol=1e-9)
    np.testing.assert_allclose(ours["lower"], r["lower"], rtol=1e-9)
    np.testing.assert_allclose(ours["upper"], r["upper"], rtol=1e-9)


def test_fgm_prevalence_without_g100_lets_g102_alone_decide() -> None:
    # R: the DHS recode with g100 absent (1 if g102 == 1, 0 if g102 == 0, else missing),
    # svyciprop(method = "logit") among women 15-49 with it known
    r = _r_case("fg_g102_only")
    ours = _whole_and_regions(fgm_prevalence, IR.drop(columns="g100")).loc[r.index]
    np.testing.assert_allclose(ours["prevalence"], r["estimate"], rtol=1e-7)
    np.testing.assert_allclose(ours["se"], r["se"], rtol=1e-9)
    np.testing.assert_allclose(ours["lower"], r["lower"], rtol=1e-9)
    np.testing.assert_allclose(ours["upper"], r["upper"], rtol=1e-9)
    np.testing.assert_array_equal(ours["n"], r["N"])


def test_recode_fgm_without_g100_is_missing_where_g102_is() -> None:
    # the docstring: "without it [g100], only g102 decides"; 8 ("don't know") is not 0 or 1
    out = recode_fgm(pd.DataFrame({"g102": [1, 0, None, 8]})).tolist()
    assert out[:2] == [1.0, 0.0] and np.isnan(out[2]) and np.isnan(out[3])


@pytest.mark.parametrize("column", ["v012", "v005", "v021", "v022"])
def test_child_marriage_names_a_missing_column(column: str) -> None:
    # the docstring lists the columns the recode file needs; a missing one is named, not a
    # pandas KeyError
    with pytest.raises(ValueError, match=f"no column '{column}'"):
        child_marriage(IR.drop(columns=column))


@pytest.mark.parametrize("column", ["v005", "v021", "v022"])
def test_fgm_prevalence_names_a_missing_design_column(column: str) -> None:
    # as above, for the design columns fgm_prevalence's docstring lists
    with pytest.raises(ValueError, match=f"no column '{column}'"):
        fgm_prevalence(IR.drop(columns=column))


# --- dhs_tables.sampling_errors ------------------------------------------------------------------


def _fgm_recoded() -> pd.DataFrame:
    return IR.assign(fg_fcircum_wm=recode_fgm(IR))


@pytest.mark.parametrize(("lonely", "case"), [(None, "se_adjust"), ("remove", "se_remove")])
def test_sampling_errors_lonely_psus_are_r_s(lonely: str | None, case: str) -> None:
    # R: svymean(~fg_fcircum_wm, deff = "replace") with options(survey.lonely.psu = ...): the
    # default is "adjust" (the DHS Program's R code); strata 6 and 18 hold a single cluster
    r = _r_case(case)
    kwargs: dict[str, Any] = {} if lonely is None else {"lonely_psu": lonely}
    whole = sampling_errors(_fgm_recoded(), "fg_fcircum_wm", **kwargs)
    regions = sampling_errors(_fgm_recoded(), "fg_fcircum_wm", by="v024", **kwargs)
    ours = pd.concat(
        [whole.assign(domain="(all)"), regions.assign(domain=regions["v024"].astype(str))]
    ).set_index("domain")
    ours = ours.loc[r.index]
    np.testing.assert_allclose(ours["R"], r["estimate"], rtol=1e-12)
    np.testing.assert_allclose(ours["SE"], r["se"], rtol=1e-9)
    np.testing.assert_allclose(ours["DEFT"], r["DEFT"], rtol=1e-9)
    np.testing.assert_array_equal(ours["N"], r["N"])
    np.testing.assert_allclose(ours["WN"], r["WN"], rtol=1e-12)


def test_sampling_errors_nests_psus_in_strata_by_default() -> None:
    # tests/r/dhs_sampling_errors_nest.R: svydesign(nest = TRUE) on ids that restart in each
    # stratum; the docstring's default is nest=True, as the DHS numbers its clusters
    data = pd.read_csv(GOLDEN / "survey_dhs_like.csv")
    data["v021"] = data["v021"] - data.groupby("v022")["v021"].transform("min") + 1
    golden = pd.read_csv(
        GOLDEN / "dhs_sampling_errors_nest_r.csv", keep_default_na=False, na_values=["NA"]
    )
    golden = golden[golden["by"] == "region"].set_index("domain")
    table = sampling_errors(data, "y", by="region").set_index("region").loc[golden.index]
    np.testing.assert_allclose(table["SE"], golden["SE"], rtol=1e-8)
    np.testing.assert_allclose(table["DEFT"], golden["DEFT"], rtol=1e-8)


def _two_thirds(n: int = 60) -> pd.DataFrame:
    """``n`` women (a multiple of 3) in six PSUs, two thirds of them with y = 1, v005 exact."""
    return pd.DataFrame(
        {
            "v005": [1_000_000, 3_000_000, 2_000_000] * (n // 3),
            "v021": np.arange(n) % 6,
            "v022": 1,
            "y": [1, 1, 0] * (n // 3),
        }
    )


def test_sampling_errors_divides_wn_by_the_weight_scale_it_is_given() -> None:
    # exact arithmetic: WN is the sum of v005 / weight_scale over the counted rows
    data = _two_thirds()
    expected = Fraction(int(data["v005"].sum()), 1)
    assert sampling_errors(data, "y", weight_scale=1)["WN"].iloc[0] == float(expected)
    assert sampling_errors(data, "y", weight_scale=1000)["WN"].iloc[0] == float(expected / 1000)
    assert sampling_errors(data, "y")["WN"].iloc[0] == float(expected / 1_000_000)


@pytest.mark.parametrize("scale", [True, False])
def test_sampling_errors_refuses_a_boolean_weight_scale(scale: bool) -> None:
    # weight_scale is a number (1,000,000 for v005); True would pass as 1 and print WN in
    # millions, False as 0
    with pytest.raises(TypeError, match=r"^weight_scale must be a number"):
        sampling_errors(_two_thirds(), "y", weight_scale=scale)


def test_sampling_errors_prints_whole_percentages_with_decimals_zero() -> None:
    # the docstring: decimals of the percentage in printed; 0 is allowed (a whole number).
    # R by exact arithmetic: (1 + 3) / (1 + 3 + 2) = 2/3, 66.67 per cent
    data = _two_thirds()
    r = Fraction(1 + 3, 1 + 3 + 2)
    row = sampling_errors(data, "y", decimals=0).iloc[0]
    assert row["R"] == pytest.approx(float(r), rel=1e-15)
    assert row["printed"] == "67"
    assert sampling_errors(data, "y", decimals=2).iloc[0]["printed"] == "66.67"


def test_sampling_errors_prints_nothing_for_an_estimate_that_does_not_exist() -> None:
    # 30 women of weight 0: no weighted share exists (0 / 0); a table prints no "(nan)" for it
    data = _two_thirds().assign(v005=0)[:30]
    row = sampling_errors(data, "y").iloc[0]
    assert row["N"] == 30 and np.isnan(row["R"])
    assert row["printed"] == ""


def test_sampling_errors_columns_are_in_the_documented_order() -> None:
    # the docstring's Returns: indicator, the by columns, R, SE, N, WN, DEFT, SE_R, the
    # interval, mark and printed
    data = _two_thirds().assign(region=["a", "b"] * 30)
    assert sampling_errors(data, "y", by="region").columns.tolist() == [
        "indicator", "region", "R", "SE", "N", "WN", "DEFT", "SE_R", "R_minus_2SE",
        "R_plus_2SE", "mark", "printed",
    ]  # fmt: skip


def test_marks_are_the_haiti_report_s_note() -> None:
    # EMMUS-VI Haiti key indicators, note of Tableau 14: "entre parenthèses ... 25-49 cas non
    # pondérés", an asterisk for "moins de 25 cas non pondérés"
    assert MARKS == {"parentheses": (25, 49), "asterisk": (0, 24)}


@pytest.mark.shared_data
def test_marks_are_read_from_the_haiti_report_itself(shared_data: Path) -> None:
    # the report's own words (../shared/data/reports/dhs_haiti_2017.pdf): the bounds in its
    # note are the bounds in MARKS
    pdfium = pytest.importorskip("pypdfium2")
    path = shared_data / "reports" / "dhs_haiti_2017.pdf"
    if not path.is_file():
        pytest.skip("the Haiti EMMUS-VI report is not in ../shared/data/reports")
    doc = pdfium.PdfDocument(str(path))
    text = " ".join(
        " ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))
    )
    found = re.search(r"parenthèses sont basées sur (\d+)-(\d+) cas non pondérés", text)
    below = re.search(r"basée sur moins de (\d+) cas non pondérés", text)
    assert found and below
    low, high = int(found.group(1)), int(found.group(2))
    assert MARKS["parentheses"] == (low, high)
    assert MARKS["asterisk"] == (0, int(below.group(1)) - 1)


# --- frames: Polars, PyArrow and Dask frames -----------------------------------------------------


BACKENDS = ["polars", "polars-lazy", "pyarrow", "dask"]
BASE: dict[str, Any] = {"weight": "w", "psu": "psu", "strata": "stratum"}


def _bad_row(df: pd.DataFrame, column: str, value: Any, dtype: str = "float64") -> pd.DataFrame:
    """``df`` with ``value`` in ``column`` at row 12 (the rows are numbered 0, 1, ...)."""
    values = df[column].tolist()
    values[12] = value
    return df.assign(**{column: pd.Series(values, index=df.index, dtype=dtype)})


def _bad_cases() -> dict[str, tuple[pd.DataFrame, dict[str, Any], str]]:
    df = design(200, seed=1)
    return {
        "infinite weight": (_bad_row(df, "w", np.inf), BASE, "weight column 'w' has infinite"),
        "missing weight": (_bad_row(df, "w", np.nan), BASE, "weight column 'w' has missing"),
        "missing stratum": (
            _bad_row(df, "stratum", np.nan),
            BASE,
            "strata column 'stratum' has missing values",
        ),
        "missing subset": (
            _bad_row(df, "women", None, "boolean"),
            {**BASE, "subset": "women"},
            "subset 'women' has missing values",
        ),
        "infinite fpc": (
            _bad_row(df, "fpc", np.inf),
            {**BASE, "fpc": "fpc"},
            "fpc column 'fpc' has missing, infinite or negative values",
        ),
    }


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", list(_bad_cases()))
def test_frames_refuse_a_bad_design_value_and_name_its_row(backend: str, case: str) -> None:
    # the rule survey_prevalence states for every frame: a weight must be finite and present, a
    # stratum and a subset flag present, an fpc finite; the row is the one set here (12)
    df, kwargs, start = _bad_cases()[case]
    with pytest.raises(ValueError, match=re.escape(start)):
        wps.survey_prevalence(df, "y", **kwargs)  # pandas refuses it too
    with pytest.raises(ValueError, match=re.escape(start) + r".* at row 12$"):
        wps.survey_prevalence(backends()[backend](df), "y", **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_frames_refuse_a_boolean_weight(backend: str) -> None:
    # a weight of True/False is no weight (pandas refuses it with a TypeError too)
    df = design(200, seed=1).assign(w=lambda d: d["w"] > 1.0)
    with pytest.raises(TypeError, match="weight column 'w' must be numeric"):
        wps.survey_prevalence(df, "y", **BASE)
    with pytest.raises(TypeError, match="weight column 'w' must be numeric"):
        wps.survey_prevalence(backends()[backend](df), "y", **BASE)


@pytest.mark.parametrize("backend", BACKENDS)
def test_frames_list_each_bad_value_once(backend: str) -> None:
    # set here: 2.0 at rows 12 and 30, 3.0 at row 20; the message lists the values found (up to
    # five, each once), the first row and how many more there are
    df = design(200, seed=1)
    y = df["y"].to_numpy(copy=True)
    y[[12, 20, 30]] = [2.0, 3.0, 2.0]
    expected = (
        "indicator column 'y' must hold only 0, 1, True, False or missing values; found "
        "2.0, 3.0 at row 12 (and 2 more)"
    )
    with pytest.raises(ValueError, match=re.escape(expected) + "$"):
        wps.survey_prevalence(backends()[backend](df.assign(y=y)), "y", **BASE)


@pytest.mark.parametrize("backend", ["polars", "pyarrow"])
def test_frames_survey_chisq_with_extreme_weights_is_scale_free(backend: str) -> None:
    # the Rao-Scott test reads proportions of the whole table, so all its cells must share one
    # scale; "north" weighs 8 times as much (another power of two than the other regions), and
    # weights times 1e290 (whose squares overflow) give the statistic of the weights themselves
    df = design(400, seed=3)
    df["w"] = df["w"] * np.where(df["region"] == "north", 8.0, 1.0)
    make = backends()[backend]
    ref = wps.survey_chisq(make(df), "y", "region", **BASE)
    out = wps.survey_chisq(make(df.assign(w=df["w"] * 1e290)), "y", "region", **BASE)
    for column in ("statistic", "ndf", "ddf", "p_value"):
        np.testing.assert_allclose(out[column], ref[column], rtol=1e-9, err_msg=column)
