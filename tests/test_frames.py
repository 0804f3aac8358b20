"""Survey estimates on Polars (eager and lazy), PyArrow and Dask frames equal pandas' own.

The same synthetic designs go through each backend; the frames summed where they live (see
wpsstats/frames.py) must give the pandas result, and bad input the same error on every backend.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from survey_designs import backends, design

import wpsstats as wps

pl = pytest.importorskip("polars")
dd = pytest.importorskip("dask.dataframe")

BACKENDS = backends()


DESIGNS = {
    "by-subset": {"weight": "w", "psu": "psu", "strata": "stratum", "by": "region",
                  "subset": "women"},
    "two-by": {"weight": "w", "psu": "psu", "strata": "stratum", "by": ["region", "urban"]},
    "unweighted": {"psu": "psu", "by": "urban"},
    "nested": {"weight": "w", "psu": "hh", "strata": "stratum", "nest": True, "by": "urban",
               "lonely_psu": "adjust"},
    "two-stage": {"weight": "w", "psu": "psu", "strata": "stratum", "fpc": "fpc", "ssu": "hh",
                  "fpc2": "fpc2", "by": "region"},
    "no-psu": {"weight": "w", "strata": "stratum", "by": "region"},
}  # fmt: skip


def assert_same(out: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert list(out.columns) == list(ref.columns)
    # the same numbers; sums in another engine may differ in the last digit
    pd.testing.assert_frame_equal(out, ref, rtol=1e-10, check_dtype=False)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", DESIGNS)
def test_prevalence_equals_pandas(backend: str, name: str) -> None:
    df = design()
    kwargs = DESIGNS[name]
    for method in ("logit", "likelihood", "beta"):
        ref = wps.survey_prevalence(df, "y", method=method, **kwargs)
        out = wps.survey_prevalence(BACKENDS[backend](df), "y", method=method, **kwargs)
        assert_same(out, ref)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("scale", [1e300, 1e-300])
def test_booleans_and_extreme_weights(backend: str, scale: float) -> None:
    df = design(400, seed=3).dropna(subset=["y"])
    df["y"] = df["y"].astype(bool)
    # summed as they are, eight weights of 1e300 overflow and 1e-300 squared underflows
    df["w"] = df["w"] * scale
    df.loc[df.index[:5], "w"] = 0.0  # rows of zero weight are no observations
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum", "by": "urban"}
    ref = wps.survey_prevalence(df, "y", **kwargs)
    assert np.isfinite(ref["se"]).all()
    assert_same(wps.survey_prevalence(BACKENDS[backend](df), "y", **kwargs), ref)


@pytest.mark.parametrize("backend", BACKENDS)
def test_comparisons_equal_pandas(backend: str) -> None:
    df = design()
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum"}
    frame = BACKENDS[backend](df)
    ref = wps.prevalence_difference(df, "y", by="region", levels=("north", "south"), **kwargs)
    out = wps.prevalence_difference(frame, "y", by="region", levels=("north", "south"), **kwargs)
    assert_same(out, ref)
    ref = wps.survey_chisq(df, "y", "region", subset="women", **kwargs)
    assert_same(wps.survey_chisq(frame, "y", "region", subset="women", **kwargs), ref)
    fpc = {**kwargs, "fpc": "fpc", "ssu": "hh", "fpc2": "fpc2"}
    assert_same(
        wps.survey_chisq(frame, "y", "urban", **fpc), wps.survey_chisq(df, "y", "urban", **fpc)
    )


def bad_inputs() -> dict[str, tuple[pd.DataFrame, dict[str, Any]]]:
    df = design(200, seed=1)
    base = {"weight": "w", "psu": "psu", "strata": "stratum"}
    text = df.assign(y=np.where(df["y"] == 1, "yes", "no"))
    two = df.assign(y=df["y"].where(df.index != 17, 2.0))
    negative = df.assign(w=df["w"].where(df.index != 30, -1.0))
    no_psu = df.assign(psu=df["psu"].astype(float).where(df.index != 41, np.nan))
    varies = df.assign(fpc=df["fpc"].where(df.index != 9, 999.0))
    spread = df.assign(stratum=df["stratum"].where(df.index != 5, 7))
    return {
        "text indicator": (text, base),
        "indicator 2": (two, base),
        "negative weight": (negative, base),
        "missing psu": (no_psu, base),
        "fpc varies": (varies, {**base, "fpc": "fpc"}),
        "psu in two strata": (spread, base),
        "no such column": (df, {**base, "by": "province"}),
        "subset not boolean": (df, {**base, "subset": "urban"}),
    }


@pytest.mark.parametrize("case", list(bad_inputs()))
def test_errors_equal_across_backends(case: str) -> None:
    df, kwargs = bad_inputs()[case]
    messages = set()
    kinds = set()
    for make in BACKENDS.values():
        with pytest.raises((ValueError, TypeError)) as err:
            wps.survey_prevalence(make(df), "y", **kwargs)
        messages.add(str(err.value))
        kinds.add(err.type)
    assert len(messages) == 1 and len(kinds) == 1, messages
    with pytest.raises(tuple(kinds)):
        wps.survey_prevalence(df, "y", **kwargs)


def test_errors_name_the_column_value_and_row() -> None:
    df, kwargs = bad_inputs()["indicator 2"]
    with pytest.raises(ValueError, match=re.escape("'y' must hold only 0, 1") + ".*2.0 at row 17"):
        wps.survey_prevalence(pl.from_pandas(df).lazy(), "y", **kwargs)
    df, kwargs = bad_inputs()["negative weight"]
    with pytest.raises(ValueError, match=re.escape("negative weights: -1.0 at row 30")):
        wps.survey_prevalence(dd.from_pandas(df, npartitions=4), "y", **kwargs)


def test_a_mask_needs_pandas() -> None:
    df = design(100)
    with pytest.raises(TypeError, match="boolean mask is accepted only with a pandas"):
        wps.survey_prevalence(pl.from_pandas(df), "y", psu="psu", subset=df["women"].to_numpy())


def test_not_a_frame() -> None:
    with pytest.raises(TypeError, match="data must be a pandas, Polars"):
        wps.survey_prevalence({"y": [1, 0]}, "y")  # type: ignore[arg-type]


def test_polars_cells_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Polars sums the cells in parts of a few PSUs each (its streaming group-by holds partial
    # sums of every cell); the parts must add up to the whole, rows without a PSU included
    import wpsstats.frames

    monkeypatch.setattr(wpsstats.frames, "_CELLS_PER_PART", 50)
    df = design()
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum", "by": "region"}
    ref = wps.survey_prevalence(df, "y", **kwargs)
    assert_same(wps.survey_prevalence(pl.from_pandas(df).lazy(), "y", **kwargs), ref)
    no_psu = df.assign(psu=df["psu"].astype(float).where(df.index != 41, np.nan))
    with pytest.raises(ValueError, match=r"'psu' has missing values.* at row 41"):
        wps.survey_prevalence(pl.from_pandas(no_psu).lazy(), "y", **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_domain_labels_of_every_dtype(backend: str) -> None:
    # categorical, boolean, nullable integer and text by columns, with missing values: the same
    # domains, in the same order, with the same labels
    rng = np.random.default_rng(5)
    n = 600
    df = pd.DataFrame(
        {
            "y": rng.integers(0, 2, n),
            "w": rng.uniform(0.5, 3.0, n),
            "psu": rng.integers(0, 30, n),
            "cat": pd.Categorical(rng.choice(["z", "x", "y"], n)),
            "flag": rng.random(n) < 0.5,
            "num": pd.array(
                np.where(rng.random(n) < 0.05, None, rng.integers(0, 3, n)), dtype="Int64"
            ),
        }
    )
    for by in ("cat", "flag", ["num", "flag"]):
        ref = wps.survey_prevalence(df, "y", weight="w", psu="psu", by=by)
        out = wps.survey_prevalence(BACKENDS[backend](df), "y", weight="w", psu="psu", by=by)
        pd.testing.assert_frame_equal(
            out, ref, rtol=1e-10, check_dtype=False, check_categorical=False
        )


@pytest.mark.parametrize("backend", BACKENDS)
def test_prevalence_of_the_whole_sample_without_by_equals_pandas(backend: str) -> None:
    # no by column: one domain, which the glm start of the logit and likelihood intervals (and
    # the rescaling of extreme weights) joins to every row; it failed on every backend but pandas
    df = design()
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum"}
    for method in ("logit", "likelihood", "beta"):
        ref = wps.survey_prevalence(df, "y", method=method, **kwargs)
        out = wps.survey_prevalence(BACKENDS[backend](df), "y", method=method, **kwargs)
        assert_same(out, ref)
    assert_same(
        wps.survey_prevalence(BACKENDS[backend](df), "y", subset="women", **kwargs),
        wps.survey_prevalence(df, "y", subset="women", **kwargs),
    )
    tiny = df.assign(w=df["w"] * 1e-300)
    assert_same(
        wps.survey_prevalence(BACKENDS[backend](tiny), "y", **kwargs),
        wps.survey_prevalence(tiny, "y", **kwargs),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_several_bad_values_name_the_first_row_and_count_the_rest(backend: str) -> None:
    df = design(200, seed=1)
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum"}
    # 2.0 at rows 17, 50 and 90 (set here), and a negative weight at row 5: the indicator is
    # checked first, as for a pandas frame
    bad = df.assign(y=df["y"].where(~df.index.isin([17, 50, 90]), 2.0))
    bad = bad.assign(w=bad["w"].where(bad.index != 5, -1.0))
    expected = (
        "indicator column 'y' must hold only 0, 1, True, False or missing values; found 2.0 at "
        "{} 17 (and 2 more)"
    )
    with pytest.raises(ValueError, match=re.escape(expected.format("index")) + "$"):
        wps.survey_prevalence(bad, "y", **kwargs)
    with pytest.raises(ValueError, match=re.escape(expected.format("row")) + "$"):
        wps.survey_prevalence(BACKENDS[backend](bad), "y", **kwargs)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampling_fractions_of_one_are_fractions_not_populations(backend: str) -> None:
    # every PSU of stratum 0 taken (fraction 1), a quarter elsewhere: fractions, all <= 1
    df = design()
    df["frac"] = np.where(df["stratum"] == 0, 1.0, 0.25)
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum", "fpc": "frac", "by": "urban"}
    ref = wps.survey_prevalence(df, "y", **kwargs)
    assert_same(wps.survey_prevalence(BACKENDS[backend](df), "y", **kwargs), ref)


def test_a_polars_nan_is_a_missing_value_as_in_pandas() -> None:
    # Polars keeps NaN apart from null (pl.from_pandas turns NaN into null; a frame built in
    # Polars need not): a NaN indicator is missing, as it is for pandas
    df = design()
    native = pl.from_pandas(df).with_columns(pl.col("y").fill_null(float("nan")))
    assert native["y"].is_nan().sum() == df["y"].isna().sum() > 0
    assert native["y"].null_count() == 0
    kwargs = {"weight": "w", "psu": "psu", "strata": "stratum", "by": "region"}
    assert_same(
        wps.survey_prevalence(native, "y", **kwargs), wps.survey_prevalence(df, "y", **kwargs)
    )
