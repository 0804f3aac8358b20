"""DHS presets: the DHS Program's recodes, applied to small synthetic recode-like frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpsstats.dhs import (
    child_marriage,
    dhs_design,
    fgm_prevalence,
    recode_child_marriage,
    recode_fgm,
)
from wpsstats.survey import survey_prevalence


def synthetic_ir(seed: int = 3, n: int = 600) -> pd.DataFrame:
    """A recode-like frame: 10 strata x 4 clusters, PSU numbers restarting in each stratum.

    ``v023`` is another stratification (5 strata, each two of ``v022``'s merged), so that the
    choice of strata changes the result; one woman in 12 is outside the ages 15-49 (as in a
    frame that was not filtered), so that the age filter changes the result too.
    """
    rng = np.random.default_rng(seed)
    stratum = rng.integers(1, 11, n)
    cluster = rng.integers(1, 5, n)
    age = rng.integers(15, 50, n)
    row = np.arange(n)
    age = np.where(row % 12 == 0, np.where(row % 24 == 0, 13 + row % 2, 50 + row % 10), age)
    union = rng.random(n) < 0.7
    v511 = np.where(union, np.minimum(age, rng.integers(10, 35, n)), np.nan)
    heard = rng.random(n) < 0.9
    return pd.DataFrame(
        {
            "v005": rng.integers(300_000, 2_500_000, n),
            "v021": cluster,
            "v022": stratum,
            "v023": (stratum + 1) // 2,
            "v012": age,
            "v025": rng.choice(["urban", "rural"], n),
            "v511": v511,
            "g100": np.where(rng.random(n) < 0.05, np.nan, heard.astype(float)),
            "g102": np.where(heard, (rng.random(n) < 0.6).astype(float), np.nan),
        }
    )


def test_child_marriage_recode_follows_ms_afm() -> None:
    df = pd.DataFrame({"v511": [0, 10, 14, 15, 17, 18, 25, np.nan]})
    assert recode_child_marriage(df, before=15).tolist() == [1, 1, 1, 0, 0, 0, 0, 0]
    assert recode_child_marriage(df, before=18).tolist() == [1, 1, 1, 1, 1, 0, 0, 0]


def test_fgm_recode_follows_fg_fcircum_wm() -> None:
    df = pd.DataFrame(
        {
            "g100": [1, 1, 0, 1, np.nan, np.nan, 1],
            "g102": [1, 0, np.nan, 8, 1, np.nan, np.nan],
        }
    )
    out = recode_fgm(df).tolist()
    assert out[:5] == [1.0, 0.0, 0.0, 0.0, 1.0]
    assert np.isnan(out[5]) and out[6] == 0.0


@pytest.mark.parametrize("before", [15, 18])
def test_child_marriage_is_survey_prevalence_among_women_20_24(before: int) -> None:
    ir = synthetic_ir()
    got = child_marriage(ir, before=before, by="v025")
    frame = ir.assign(
        y=recode_child_marriage(ir, before=before),
        wt=ir["v005"] / 1e6,
        keep=ir["v012"].between(20, 24),
    )
    expected = survey_prevalence(
        frame,
        "y",
        weight="wt",
        psu="v021",
        strata="v022",
        nest=True,
        by="v025",
        subset="keep",
        lonely_psu="adjust",
    )
    pd.testing.assert_frame_equal(got, expected, check_names=False)
    # the estimate itself is the weighted share among women 20-24
    young = frame[frame["keep"]]
    share = (young["y"] * young["v005"]).groupby(young["v025"]).sum() / young.groupby("v025")[
        "v005"
    ].sum()
    np.testing.assert_allclose(got.set_index("v025")["prevalence"], share, rtol=1e-12)
    assert got["n"].sum() == len(young)


def test_fgm_prevalence_counts_women_outside_the_module_as_missing() -> None:
    ir = synthetic_ir()
    out = fgm_prevalence(ir).iloc[0]
    coded = recode_fgm(ir)
    adult = ir["v012"].between(15, 49)
    assert out["n"] == (coded.notna() & adult).sum()
    assert out["n_missing"] == (coded.isna() & adult).sum()
    keep = coded.notna() & adult
    share = (coded[keep] * ir["v005"][keep]).sum() / ir["v005"][keep].sum()
    assert out["prevalence"] == pytest.approx(share, rel=1e-12)


def test_fgm_prevalence_keeps_only_women_15_49() -> None:
    ir = synthetic_ir()
    outside = ~ir["v012"].between(15, 49)
    assert outside.any() and recode_fgm(ir)[outside].notna().any()
    got = fgm_prevalence(ir, by="v025")
    frame = ir.assign(y=recode_fgm(ir), wt=ir["v005"], keep=~outside)
    kw = {"weight": "wt", "psu": "v021", "strata": "v022", "nest": True, "by": "v025"}
    expected = survey_prevalence(frame, "y", **kw, subset="keep", lonely_psu="adjust")
    pd.testing.assert_frame_equal(got, expected, check_names=False)
    # the women outside 15-49 would move the estimate: the filter is not a no-op here
    everyone = survey_prevalence(frame, "y", **kw, lonely_psu="adjust")
    assert (everyone["n"] > got["n"]).all()
    assert not np.allclose(everyone["prevalence"], got["prevalence"], rtol=1e-6)
    # without v012 in the frame, every woman counts
    no_age = fgm_prevalence(ir.drop(columns="v012"), by="v025")
    np.testing.assert_array_equal(no_age["n"], everyone["n"])


def test_design_defaults_and_strata_choice() -> None:
    assert dhs_design() == {"weight": "v005", "psu": "v021", "strata": "v022", "nest": True}
    assert dhs_design(strata="v023")["strata"] == "v023"
    with pytest.raises(ValueError, match="strata='v024'"):
        dhs_design(strata="v024")
    ir = synthetic_ir()
    assert ir.groupby("v023")["v022"].nunique().gt(1).all()  # v023 really is another design
    for strata in ("v022", "v023"):
        got = child_marriage(ir, strata=strata, by="v025")
        frame = ir.assign(y=recode_child_marriage(ir, before=18), keep=ir["v012"].between(20, 24))
        expected = survey_prevalence(
            frame,
            "y",
            weight="v005",
            psu="v021",
            strata=strata,
            nest=True,
            by="v025",
            subset="keep",
            lonely_psu="adjust",
        )
        pd.testing.assert_frame_equal(got, expected, check_names=False)
    a = child_marriage(ir, strata="v023", by="v025")
    b = child_marriage(ir, by="v025")
    # the same women, so the same estimate; another design, so another standard error and df
    np.testing.assert_allclose(a["prevalence"], b["prevalence"], rtol=1e-12)
    assert not np.allclose(a["se"], b["se"], rtol=1e-6)
    assert (a["df"] != b["df"]).all()


def test_bad_input() -> None:
    ir = synthetic_ir()
    with pytest.raises(ValueError, match="before=16 must be 15 or 18"):
        child_marriage(ir, before=16)
    with pytest.raises(ValueError, match="no column 'v511'"):
        child_marriage(ir.drop(columns="v511"))
    with pytest.raises(ValueError, match="no column 'g102'"):
        fgm_prevalence(ir.drop(columns="g102"))


def test_caller_frame_is_not_modified() -> None:
    ir = synthetic_ir()
    before = ir.copy()
    child_marriage(ir, by="v025")
    fgm_prevalence(ir, by="v025")
    pd.testing.assert_frame_equal(ir, before)


@given(st.floats(0.01, 100))
def test_v005_scale_does_not_matter(k: float) -> None:
    ir = synthetic_ir(n=200)
    a = child_marriage(ir)
    b = child_marriage(ir.assign(v005=ir["v005"] * k))
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)


def _small_ir() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "v005": [1e6] * 6,
            "v021": [1, 1, 2, 2, 3, 3],
            "v022": [1] * 6,
            "v012": [20, 21, 22, 22, 23, 24],
            "v511": [16, np.nan, 15, 19, 14, 20],
            "g100": [1] * 6,
            "g102": [1, 0, 1, 0, 0, 1],
        }
    )


def test_a_missing_age_is_an_error_not_a_dropped_woman() -> None:
    # before, a woman with no v012 fell outside the 20-24 population, counted nowhere
    ir = _small_ir().assign(v012=[20, 21, np.nan, 22, 23, 24])
    with pytest.raises(ValueError, match=r"column 'v012' \(age\) is missing at index 2"):
        child_marriage(ir)
    with pytest.raises(ValueError, match=r"column 'v012' \(age\) is missing at index 2"):
        fgm_prevalence(ir)


@pytest.mark.parametrize("column", ["v511", "v012", "v005", "g102"])
def test_a_value_that_is_not_a_number_is_named_with_its_column(column: str) -> None:
    ir = _small_ir()
    ir[column] = ir[column].astype(object)
    ir.loc[1, column] = "x"
    call = fgm_prevalence if column == "g102" else child_marriage
    with pytest.raises(
        ValueError, match=rf"column '{column}' must hold numbers; got 'x' at index 1"
    ):
        call(ir)


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("indicator", "strata", "method"),
    [
        (ind, s, m)
        for ind, s in [
            ("ms_afm_18", "v022"),
            ("ms_afm_15", "v022"),
            ("ms_afm_18", "v023"),
            ("fg_fcircum_wm", "v022"),
        ]
        for m in ("logit", "beta")
    ],
)
def test_presets_match_the_dhs_programs_r_code(indicator: str, strata: str, method: str) -> None:
    # tests/r/dhs_presets.R: the DHS Program's recodes and design, written in R, then
    # svyciprop() and svyby() of R's survey package on subset() of the full design
    ir = pd.read_csv(GOLDEN / "dhs_ir_synthetic.csv")
    table = pd.read_csv(GOLDEN / "dhs_presets_r.csv", comment="#", keep_default_na=False)
    r = table[(table["indicator"] == indicator) & (table["strata"] == strata)]
    r = r[r["method"] == method]
    assert len(r) == 5  # the whole sample and four regions
    if indicator == "fg_fcircum_wm":
        whole = fgm_prevalence(ir, method=method, strata=strata)
        regions = fgm_prevalence(ir, method=method, strata=strata, by="v024")
    else:
        before = int(indicator[-2:])
        whole = child_marriage(ir, before=before, method=method, strata=strata)
        regions = child_marriage(ir, before=before, method=method, strata=strata, by="v024")
    ours = pd.concat(
        [whole.assign(domain="(all)"), regions.assign(domain=regions["v024"].astype(str))]
    ).set_index("domain")
    theirs = r.set_index("domain").astype(
        dict.fromkeys(("estimate", "se", "lower", "upper"), float)
    )
    ours = ours.loc[theirs.index]
    assert (ours["prevalence"] > 0.01).all()  # regular domains: no degenerate-case rules apply
    # R prints expit(glm coefficient) for "logit", converged to glm's tolerance (see the survey
    # golden test); "beta" prints the weighted share itself
    np.testing.assert_allclose(ours["prevalence"], theirs["estimate"], rtol=1e-7)
    np.testing.assert_allclose(ours["se"], theirs["se"], rtol=1e-9)
    np.testing.assert_allclose(ours["lower"], theirs["lower"], rtol=1e-9)
    np.testing.assert_allclose(ours["upper"], theirs["upper"], rtol=1e-9)
