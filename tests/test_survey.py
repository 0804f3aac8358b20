"""survey_prevalence against R's survey package, plus its invariants and its refusals.

The golden values come from tests/r/survey_golden.R (R's svyciprop/svyby/degf/svymean with
deff = "replace"), run on the synthetic files written by tests/r/make_survey_data.py.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from wpsstats.survey import LONELY_PSU, METHODS, pool_prevalence, survey_prevalence

GOLDEN = Path(__file__).resolve().parent / "golden"
RTOL = 1e-8
DESIGN = {"weight": "v005", "psu": "v021", "strata": "v022"}


@pytest.fixture(scope="module")
def golden() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "survey_r_values.csv", na_values=["NA"], keep_default_na=False)


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    return {f: pd.read_csv(GOLDEN / f"{f}.csv") for f in ("survey_dhs_like", "survey_lonely")}


def _run(files: dict[str, pd.DataFrame], key: tuple[str, str, str, float, str]) -> pd.DataFrame:
    f, lonely, method, level, by = key
    by_list = by.split("+") if by else None
    out = survey_prevalence(
        files[f], "y", **DESIGN, by=by_list, method=method, conf=level, lonely_psu=lonely
    )
    out["domain"] = out[by_list].astype(str).agg("|".join, axis=1) if by_list else "(all)"
    return out


GROUP = ["file", "lonely", "method", "level", "by"]


def _cases() -> list[tuple[str, str, str, float, str]]:
    g = pd.read_csv(GOLDEN / "survey_r_values.csv", na_values=["NA"], keep_default_na=False)
    return sorted(set(g[GROUP].itertuples(index=False, name=None)))


def test_golden_covers_the_issue(golden: pd.DataFrame, files: dict[str, pd.DataFrame]) -> None:
    dhs = files["survey_dhs_like"]
    assert dhs["v022"].nunique() >= 30 and dhs["v021"].nunique() >= 200
    assert dhs["y"].isna().any() and (dhs.groupby("region")["y"].max() == 0).any()
    lonely = files["survey_lonely"]
    psus_per_stratum = lonely.drop_duplicates(["v022", "v021"])["v022"].value_counts()
    assert (psus_per_stratum == 1).sum() >= 3
    assert set(golden["method"]) == set(METHODS)
    assert set(golden["lonely"]) == set(LONELY_PSU)
    assert set(golden["level"]) == {0.95, 0.90}


@pytest.mark.parametrize("key", _cases(), ids=lambda k: "-".join(map(str, k)))
def test_matches_r(key: tuple[str, str, str, float, str], golden, files) -> None:
    rows = golden.loc[(golden[GROUP] == pd.Series(key, index=GROUP)).all(axis=1)]
    if rows["error"].str.contains("has only one PSU").any():
        # R stops on a stratum with one PSU; so must we, naming the stratum
        with pytest.raises(ValueError, match="has only one PSU"):
            _run(files, key)
        return
    out = _run(files, key)
    m = rows.merge(out, on="domain", suffixes=("_r", ""), validate="one_to_one")
    assert len(m) == len(rows) == len(out)
    np.testing.assert_array_equal(m["df"], m["df_r"])
    np.testing.assert_array_equal(m["n"], m["n_r"])
    # which domains are regular is R's to say, not ours: a domain we wrongly reported as 0 must
    # meet R's estimate below, not escape to the degenerate checks (R's logit estimate of an
    # all-zero domain is expit of a large negative coefficient, about 1e-12)
    regular = (m["estimate"] > 1e-10) & (m["estimate"] < 1 - 1e-10)
    r = m[regular]
    np.testing.assert_allclose(r["se"], r["se_r"], rtol=RTOL)
    np.testing.assert_allclose(r["deff"], r["deff_r"], rtol=RTOL)
    np.testing.assert_allclose(r["upper"], r["upper_r"], rtol=RTOL)
    if key[2] in ("logit", "likelihood"):
        # R prints expit(glm coefficient), converged only to glm's epsilon of 1e-8 on the
        # deviance; we print the exact weighted share, which R's "mean" estimate is.
        np.testing.assert_allclose(r["prevalence"], r["estimate"], rtol=1e-7)
        mean_rows = golden.loc[
            (golden[GROUP] == pd.Series((*key[:2], "mean", *key[3:]), index=GROUP)).all(axis=1)
        ]
        exact = r[["domain"]].merge(mean_rows, on="domain")["estimate"].to_numpy()
        np.testing.assert_allclose(r["prevalence"], exact, rtol=RTOL)
    else:
        np.testing.assert_allclose(r["prevalence"], r["estimate"], rtol=RTOL)
    if key[2] == "asin":
        # R lets asin(sqrt(p)) - t*se go below 0 and squares its sine: a wrapped bound.
        theta = np.arcsin(np.sqrt(r["prevalence"]))
        half = (
            stats.t.ppf(0.5 + key[3] / 2, r["df"])
            * r["se"]
            / (2 * np.sqrt(r["prevalence"] * (1 - r["prevalence"])))
        )
        wrapped = (theta - half < 0).to_numpy()
        np.testing.assert_allclose(
            r.loc[~wrapped, "lower"], r.loc[~wrapped, "lower_r"], rtol=RTOL, atol=0
        )
        assert (r.loc[wrapped, "lower"] == 0).all()
        np.testing.assert_allclose(
            r.loc[wrapped, "lower_r"], np.sin(theta - half)[wrapped] ** 2, rtol=1e-6
        )
    else:
        np.testing.assert_allclose(r["lower"], r["lower_r"], rtol=RTOL)
    # R errors only where the design does (above) or, for "likelihood", in a domain with no case,
    # whose profile "has found a better solution": that domain gets the degenerate interval below
    errs = m[m["error"] != ""]
    assert errs["error"].str.contains("profiling has found a better solution").all()
    assert ((errs["prevalence"] == 0).all() and key[2] == "likelihood") or errs.empty
    # degenerate domains (R's estimate 0 or about 1e-12): exact 0 here, Clopper-Pearson on the
    # unweighted rows, never NaN
    deg = m[~regular]
    assert (deg["estimate"].fillna(0) < 1e-10).all()
    alpha = 1 - key[3]
    for row in deg.itertuples():
        assert row.prevalence == 0 and row.se == 0
        assert row.lower == 0
        expected = stats.beta.ppf(1 - alpha / 2, 1, row.n)
        assert row.upper == pytest.approx(expected, rel=1e-12)


def test_asin_wrap_is_in_the_golden_file(golden, files) -> None:
    # the deviation from R documented in survey_prevalence's Notes happens in the golden data
    key = ("survey_lonely", "adjust", "asin", 0.95, "region+residence")
    out = _run(files, key).set_index("domain")
    rows = golden.loc[(golden[GROUP] == pd.Series(key, index=GROUP)).all(axis=1)]
    r = rows.set_index("domain").loc["E|rural"]
    assert out.loc["E|rural", "lower"] == 0.0 < r["lower"]


def test_r_degenerate_domain_is_what_the_docs_say(golden) -> None:
    f = golden[
        (golden["file"] == "survey_dhs_like")
        & (golden["lonely"] == "fail")
        & (golden["level"] == 0.95)
        & (golden["by"] == "region")
        & (golden["domain"] == "F")
    ].set_index("method")
    assert 0 < f.loc["logit", "estimate"] < 1e-11
    assert f.loc[["xlogit", "asin", "beta"], "lower"].isna().all()


def test_the_degenerate_domain_where_r_gives_nan_has_an_interval_here(golden, files) -> None:
    # the same domain through wpsstats: an estimate of exactly 0 and a Clopper-Pearson
    # interval, where R's xlogit, asin and beta give NaN (the documented difference)
    for method in ("logit", "xlogit", "asin", "beta"):
        out = _run(files, ("survey_dhs_like", "fail", method, 0.95, "region")).set_index("domain")
        f = out.loc["F"]
        assert f["prevalence"] == 0 and f["lower"] == 0
        assert f["upper"] == pytest.approx(stats.beta.ppf(0.975, 1, f["n"]), rel=1e-12)


@pytest.mark.parametrize("method", ["logit", "xlogit"])
def test_logit_bounds_reach_their_limits_where_exp_overflows(method: str) -> None:
    # found by hypothesis: domain b is one 0 and one 1 in two PSUs, so p = 0.5, se = 0.5 and
    # df = 1; at conf = 0.999 the log-odds bounds are -+2 * qt(0.9995, 1) = -+1273, beyond
    # exp's range. R's exp(eta)/(1 + exp(eta)) gives NaN for the upper one; the limits are 0, 1.
    df = pd.DataFrame(
        {
            "strata": 0,
            "psu": [1] + [0] * 12,
            "dom": ["b"] + ["a"] * 9 + ["b", "a", "a"],
            "y": [0] * 10 + [1, 0, 0],
            "w": 1.0,
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning either
        out = survey_prevalence(df, "y", **KW, method=method, conf=0.999).set_index("dom")
    b = out.loc["b"]
    assert (b["prevalence"], b["se"], b["df"]) == (0.5, 0.5, 1)
    # the log-odds SE is se / (p (1 - p)) = 2: both bounds lie past exp's overflow near 709
    assert 2 * stats.t.isf(0.0005, 1) > 709
    assert (b["lower"], b["upper"]) == (0.0, 1.0)


def test_degenerate_domain_interval() -> None:
    df = pd.DataFrame({"y": [0, 0, 0, 1, 0, 1], "g": ["a", "a", "a", "b", "b", "b"]})
    out = survey_prevalence(df, "y", by="g", method="beta")
    a = out.iloc[0]
    assert a["prevalence"] == 0.0 and a["se"] == 0.0 and a["lower"] == 0.0
    assert a["upper"] == pytest.approx(1 - 0.025 ** (1 / 3), rel=1e-14)
    assert not out[["prevalence", "lower", "upper"]].isna().any().any()


def test_all_ones_domain_interval() -> None:
    # Clopper-Pearson at 25 of 25: the lower bound solves P(X = 25) = (1 - 0.95)/2, p**25 = 0.025
    df = pd.DataFrame({"y": [1] * 25 + [0, 1, 0], "g": ["a"] * 25 + ["b"] * 3})
    for method in METHODS:
        a = survey_prevalence(df, "y", by="g", method=method).iloc[0]
        assert a["prevalence"] == 1.0 and a["se"] == 0.0 and a["upper"] == 1.0
        assert a["lower"] == pytest.approx(0.025 ** (1 / 25), rel=1e-14)
        assert a["lower"] == pytest.approx(stats.beta.ppf(0.025, 25, 1), rel=1e-12)


def test_degenerate_interval_counts_only_positive_weights() -> None:
    # zero-weight rows are no observations: 3 positive-weight cases, not 5 rows
    df = pd.DataFrame({"y": [1, 1, 1, 1, 1], "w": [2.0, 1.0, 1.0, 0.0, 0.0]})
    out = survey_prevalence(df, "y", weight="w").iloc[0]
    assert out["lower"] == pytest.approx(0.025 ** (1 / 3), rel=1e-14)
    none = survey_prevalence(df.assign(y=0), "y", weight="w").iloc[0]
    assert none["upper"] == pytest.approx(1 - 0.025 ** (1 / 3), rel=1e-14)


@pytest.mark.parametrize(
    ("y", "psu"),
    [
        # R (survey 4.1-1), svyciprop(~y, svydesign(ids = ~psu, weights = ~1), "beta") on these
        # gives (0.5, 0.5) for both: see survey_prevalence's Notes
        ([1, 0, 1, 0, 1, 0], [1, 1, 2, 2, 3, 3]),
        ([1, 0, 0, 1, 0, 0, 1, 0, 0], [1, 1, 1, 2, 2, 2, 3, 3, 3]),
    ],
)
def test_zero_design_variance_interval_is_the_estimate(y: list[int], psu: list[int]) -> None:
    df = pd.DataFrame({"y": y, "psu": psu})
    for method in METHODS:
        out = survey_prevalence(df, "y", psu="psu", method=method).iloc[0]
        assert out["se"] == 0.0 and 0 < out["prevalence"] < 1
        assert out["lower"] == pytest.approx(out["prevalence"], rel=1e-9), method
        assert out["upper"] == pytest.approx(out["prevalence"], rel=1e-9), method


@given(
    st.lists(st.integers(1, 5), min_size=2, max_size=8),
    st.integers(1, 4),
    st.sampled_from(METHODS),
)
def test_equal_psu_shares_give_a_point_interval(sizes: list[int], k: int, method: str) -> None:
    # every PSU holds the same share k/(k+1) of cases, so the design variance is 0
    rows = [(p, 1 if j < k * m else 0) for p, m in enumerate(sizes) for j in range((k + 1) * m)]
    df = pd.DataFrame(rows, columns=["psu", "y"])
    out = survey_prevalence(df, "y", psu="psu", method=method).iloc[0]
    assert out["prevalence"] == pytest.approx(k / (k + 1), rel=1e-12)
    assert out["se"] == pytest.approx(0.0, abs=1e-12)
    assert out[["lower", "upper"]].notna().all()
    assert out["lower"] <= out["prevalence"] + 1e-9 and out["prevalence"] <= out["upper"] + 1e-9


# Small designs at the edges of R's profile: the same data as tests/r/survey_likelihood_edges.R,
# whose output (survey 4.1-1, R 4.2.2) gives each case's level and R's bounds on domain "a"
LIKELIHOOD_EDGE_DATA = {
    # far-out profile steps where binomial()$linkinv clamps mu, so the deviance is flat there
    "clamped": {
        "y": [0, 0, 0, 0, 0, 1],
        "w": [1, 2, 2, 3, 1, 2],
        "strata": [0, 0, 1, 0, 0, 0],
        "psu": [0, 2, 10, 1, 0, 2],
        "dom": ["a", "a", "a", "a", "b", "a"],
    },
    # the upper profile stops after 9 steps short of its cutoff: R returns NA for that bound
    "upper_stops": {
        "y": [0, 0, 0, 0, 1, 0, 0, 0],
        "w": [1, 1, 1, 1, 26, 1, 18, 1],
        "strata": [0] * 8,
        "psu": [0, 0, 0, 0, 0, 0, 0, 1],
        "dom": ["a"] * 8,
    },
    # one row per PSU, two rows: both profile steps land where mu is clamped; R gives NA, NaN
    "two_rows": {"y": [0, 1], "w": [18, 1], "strata": [0, 0], "psu": [0, 1], "dom": ["a", "a"]},
    # three clusters (df = 2): the profile's cutoff is a quantile at alpha of about 1e-17, where
    # scipy's f.isf is infinite (the bounds were NaN). tests/r/survey_likelihood_small_df.R(out)
    "three_clusters": {
        "y": [int(i < k) for k in (2, 10, 18) for i in range(20)],
        "w": [1] * 60,
        "strata": [0] * 60,
        "psu": [p for p in (1, 2, 3) for _ in range(20)],
        "dom": ["a"] * 60,
    },
}
LIKELIHOOD_EDGES_R = pd.read_csv(
    Path(__file__).resolve().parent / "r" / "survey_likelihood_edges.Rout",
    sep=" ",
    na_values=["NA", "NaN"],
    keep_default_na=False,
)
LIKELIHOOD_EDGES = [
    (LIKELIHOOD_EDGE_DATA[r.case], r.conf, (r.lower, r.upper))
    for r in LIKELIHOOD_EDGES_R.itertuples()
]


def test_the_likelihood_edges_are_the_scripts() -> None:
    assert list(LIKELIHOOD_EDGES_R["case"]) == list(LIKELIHOOD_EDGE_DATA)


@pytest.mark.parametrize(
    ("data", "conf", "expected"), LIKELIHOOD_EDGES, ids=list(LIKELIHOOD_EDGES_R["case"])
)
def test_likelihood_edges_match_r(data: dict, conf: float, expected: tuple) -> None:
    out = survey_prevalence(
        pd.DataFrame(data),
        "y",
        weight="w",
        psu="psu",
        strata="strata",
        by="dom",
        lonely_psu="adjust",
        method="likelihood",
        conf=conf,
    ).set_index("dom")
    got = out.loc["a", ["lower", "upper"]].to_numpy(dtype=float)
    np.testing.assert_allclose(got, expected, rtol=1e-9)


# --------------------------------------------------------------------------------- properties


@st.composite
def surveys(draw: st.DrawFn, min_rows: int = 4) -> pd.DataFrame:
    n = draw(st.integers(min_rows, 40))
    y = draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n))
    w = draw(st.lists(st.integers(1, 3_000_000), min_size=n, max_size=n))
    strata = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    psu_in = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    dom = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=n, max_size=n))
    return pd.DataFrame(
        {
            "y": y,
            "w": w,
            "strata": strata,
            "psu": [s * 10 + p for s, p in zip(strata, psu_in, strict=True)],
            "dom": dom,
        }
    )


KW = {"weight": "w", "psu": "psu", "strata": "strata", "by": "dom", "lonely_psu": "adjust"}
COLS = ["prevalence", "se", "lower", "upper", "deff"]


@given(surveys(), st.floats(1e-3, 1e3), st.sampled_from(METHODS))
def test_weights_are_scale_free(df: pd.DataFrame, k: float, method: str) -> None:
    a = survey_prevalence(df, "y", **KW, method=method)
    scaled = df.assign(w=df["w"] * k)
    b = survey_prevalence(scaled, "y", **KW, method=method)
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)


@given(surveys(), st.integers(-1074, 1001), st.sampled_from(METHODS))
def test_weights_at_the_ends_of_floating_point_are_scale_free(
    df: pd.DataFrame, exponent: int, method: str
) -> None:
    # weights of 1e308 once summed to infinity (prevalence 1, se 0) and weights of 1e-310 lost
    # their digits (NaN bounds). Whole weights times a power of two are exact down to the
    # smallest subnormal and up to the largest float, so every such design gives the same answer.
    a = survey_prevalence(df, "y", **KW, method=method)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        b = survey_prevalence(
            df.assign(w=np.ldexp(df["w"].to_numpy(float), exponent)), "y", **KW, method=method
        )
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)


@given(surveys(), st.floats(1e-300, 1e300), st.sampled_from(METHODS))
def test_weights_of_any_normal_size_are_scale_free(df: pd.DataFrame, k: float, method: str) -> None:
    a = survey_prevalence(df, "y", **KW, method=method)
    b = survey_prevalence(df.assign(w=df["w"] * k), "y", **KW, method=method)
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)


def test_the_issue_reproductions_of_extreme_weights() -> None:
    data = pd.DataFrame({"y": [0, 1] * 4})
    plain = survey_prevalence(data.assign(w=1.0), "y", weight="w")
    for w in (1e308, 1e-310):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = survey_prevalence(data.assign(w=w), "y", weight="w")
        pd.testing.assert_frame_equal(out, plain)
    assert plain["prevalence"].iloc[0] == 0.5 and plain["se"].iloc[0] > 0


@given(surveys())
def test_equal_weights_no_design_give_the_unweighted_share(df: pd.DataFrame) -> None:
    out = survey_prevalence(df, "y", by="dom").set_index("dom")
    share = df.groupby("dom")["y"].mean()
    np.testing.assert_allclose(out["prevalence"], share, rtol=1e-12)
    # the whole sample as an SRS: the variance is p(1-p)/(n-1), so deff is 1 where defined
    whole = survey_prevalence(df, "y").iloc[0]
    if 0 < whole["prevalence"] < 1:
        assert whole["deff"] == pytest.approx(1.0, rel=1e-9)


@given(surveys(), st.randoms(use_true_random=False), st.sampled_from(METHODS))
def test_permuting_rows_changes_nothing(df: pd.DataFrame, rnd, method: str) -> None:
    order = list(range(len(df)))
    rnd.shuffle(order)
    a = survey_prevalence(df, "y", **KW, method=method)
    b = survey_prevalence(df.iloc[order], "y", **KW, method=method)
    pd.testing.assert_frame_equal(a, b, rtol=1e-9, atol=1e-15)


@given(surveys(), surveys(min_rows=1), st.sampled_from(METHODS))
def test_rows_outside_the_domain_do_not_move_the_estimate(df, extra, method) -> None:
    # extra rows in other PSUs of the same strata and in another domain: the domain's estimate
    # is unchanged (its variance may change: n_h counts the new PSUs)
    extra = extra.assign(dom="z", psu=extra["psu"] + 1000)
    a = survey_prevalence(df, "y", **KW, method=method).set_index("dom")
    b = survey_prevalence(pd.concat([df, extra]), "y", **KW, method=method).set_index("dom")
    np.testing.assert_allclose(b.loc[a.index, "prevalence"], a["prevalence"], rtol=1e-12)
    np.testing.assert_array_equal(b.loc[a.index, "n"], a["n"])


@given(surveys(), st.sampled_from(METHODS), st.floats(0.5, 0.999))
def test_interval_contains_the_estimate(df: pd.DataFrame, method: str, conf: float) -> None:
    out = survey_prevalence(df, "y", **KW, method=method, conf=conf)
    # "likelihood" may lose one bound alone (a profile that stops short of its cutoff), as R
    lo, hi = out["lower"].notna(), out["upper"].notna()
    if method != "likelihood":
        assert (lo == hi).all()
    assert (out.loc[lo, "lower"] <= out.loc[lo, "prevalence"] + 1e-12).all()
    assert (out.loc[hi, "prevalence"] <= out.loc[hi, "upper"] + 1e-12).all()
    if method != "mean":
        bounds = np.concatenate([out.loc[lo, "lower"], out.loc[hi, "upper"]])
        assert ((bounds >= 0) & (bounds <= 1)).all()
    deg = out["prevalence"].isin([0.0, 1.0])
    assert out.loc[deg, ["lower", "upper"]].notna().all().all()


@given(surveys(), st.sampled_from(METHODS))
def test_se_is_zero_only_for_an_estimate_of_0_or_1(df: pd.DataFrame, method: str) -> None:
    # one stratum, each row its own PSU: PSU totals sum to zero, so all equal means all zero
    out = survey_prevalence(df, "y", weight="w", by="dom", method=method)
    zero = out["se"] == 0
    assert out.loc[zero, "prevalence"].isin([0.0, 1.0]).all()
    assert (out.loc[out["prevalence"].isin([0.0, 1.0]), "se"] == 0).all()


@given(surveys())
def test_nest_true_equals_unique_labels(df: pd.DataFrame) -> None:
    restarted = df.assign(psu=df["psu"] % 10)
    a = survey_prevalence(df, "y", **KW)
    b = survey_prevalence(restarted, "y", **KW, nest=True)
    pd.testing.assert_frame_equal(a, b)


@given(surveys())
def test_subset_equals_domain_of_by(df: pd.DataFrame) -> None:
    kw = {k: v for k, v in KW.items() if k != "by"}
    a = survey_prevalence(df, "y", **kw, subset=(df["dom"] == "a").to_numpy())
    b = survey_prevalence(df, "y", **KW).set_index("dom")
    if "a" in b.index:
        pd.testing.assert_series_equal(
            a.loc[0, COLS].astype(float),
            b.loc["a", COLS].astype(float),
            check_names=False,
            rtol=1e-12,
        )


# ----------------------------------------------------------------------------- behaviour


def test_empty_subset_gives_nan_not_a_crash() -> None:
    # Found by hypothesis: a subset with no rows left numpy's bincount with int64 zeros.
    df = pd.DataFrame({"y": [0, 0, 0, 0], "w": 1, "strata": 0, "psu": 0, "dom": "b"})
    kw = {k: v for k, v in KW.items() if k != "by"}
    out = survey_prevalence(df, "y", **kw, subset=(df["dom"] == "a").to_numpy())
    assert out.loc[0, "n"] == 0 and np.isnan(out.loc[0, "prevalence"])


def test_missing_indicator_is_counted_not_dropped() -> None:
    df = pd.DataFrame({"y": [1, 0, None, None, 1], "g": ["a", "a", "a", "b", "b"]})
    out = survey_prevalence(df, "y", by="g").set_index("g")
    assert out.loc["a", "n"] == 2 and out.loc["a", "n_missing"] == 1
    assert out.loc["b", "n"] == 1 and out.loc["b", "n_missing"] == 1


@pytest.mark.parametrize("method", METHODS)
def test_all_missing_domain_gives_nan(method: str) -> None:
    # a domain with no usable row has no estimate: no se, deff or bounds either (not se = 0)
    df = pd.DataFrame({"y": [1, 0, None], "g": ["a", "a", "b"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = survey_prevalence(df, "y", by="g", method=method).set_index("g")
    assert out.loc["b", "n"] == 0 and out.loc["b", "n_missing"] == 1
    assert out.loc["b", ["prevalence", "se", "lower", "upper", "deff"]].isna().all()
    assert out.loc["a", ["prevalence", "se"]].notna().all()


def test_zero_weight_domain_gives_nan() -> None:
    df = pd.DataFrame({"y": [1, 0, 1, 0], "w": [1.0, 2.0, 0.0, 0.0], "g": ["a", "a", "b", "b"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = survey_prevalence(df, "y", weight="w", by="g").set_index("g")
    assert out.loc["b", ["prevalence", "se", "lower", "upper", "deff"]].isna().all()


@pytest.mark.parametrize("method", METHODS)
def test_empty_data_gives_nan_without_warnings(method: str) -> None:
    df = pd.DataFrame({"y": pd.Series([], dtype=float)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = survey_prevalence(df, "y", method=method)
    assert len(out) == 1 and out.loc[0, "n"] == 0
    assert out.loc[0, ["prevalence", "se", "lower", "upper", "deff"]].isna().all()


def test_missing_by_value_is_its_own_domain() -> None:
    df = pd.DataFrame({"y": [1, 0, 1, 1], "g": ["a", "a", None, None]})
    out = survey_prevalence(df, "y", by="g")
    assert len(out) == 2 and out["g"].isna().iloc[-1]
    assert out["prevalence"].iloc[-1] == 1.0


def test_columns_and_order() -> None:
    df = pd.DataFrame({"y": [True, False, True, False], "a": [1, 1, 2, 2], "b": list("xyxy")})
    out = survey_prevalence(df, "y", by=["a", "b"])
    expected = ["a", "b", "prevalence", "se", "lower", "upper", "df", "deff", "n"]
    assert list(out.columns[:9]) == expected
    assert list(zip(out["a"], out["b"], strict=True)) == [(1, "x"), (1, "y"), (2, "x"), (2, "y")]
    assert survey_prevalence(df, "y").shape[0] == 1


def test_caller_frame_is_not_modified() -> None:
    df = pd.DataFrame({"y": [1, 0, None, 1], "w": [1.0, 2.0, 3.0, 4.0], "g": list("aabb")})
    before = df.copy()
    survey_prevalence(df, "y", weight="w", by="g", method="beta")
    pd.testing.assert_frame_equal(df, before)


# ----------------------------------------------------------------------------- bad input


def test_missing_column_is_named() -> None:
    df = pd.DataFrame({"y": [0, 1]})
    with pytest.raises(ValueError, match="no column 'v005'"):
        survey_prevalence(df, "y", weight="v005")


@pytest.mark.parametrize("values", [[0, 2, 1], [0, "yes", 1], [0, 0.5, 1], ["no", "yes", "no"]])
def test_indicator_must_be_binary(values: list) -> None:
    df = pd.DataFrame({"y": values})
    first = 0 if values[0] == "no" else 1
    with pytest.raises(ValueError, match=rf"indicator column 'y' .* found .* at index {first}"):
        survey_prevalence(df, "y")


@pytest.mark.parametrize(("w", "what"), [([1, -1, 2], "negative"), ([1, None, 2], "missing")])
def test_bad_weights(w: list, what: str) -> None:
    df = pd.DataFrame({"y": [0, 1, 1], "w": w})
    with pytest.raises(ValueError, match=rf"weight column 'w' has {what} weights.*index 1"):
        survey_prevalence(df, "y", weight="w")


def test_psu_in_two_strata() -> None:
    df = pd.DataFrame({"y": [0, 1, 1, 0], "p": [1, 1, 2, 2], "s": ["A", "B", "B", "B"]})
    with pytest.raises(ValueError, match=r"psu column 'p'.*PSU 1 in strata 'A', 'B'.*nest=True"):
        survey_prevalence(df, "y", psu="p", strata="s")
    assert len(survey_prevalence(df, "y", psu="p", strata="s", nest=True, lonely_psu="adjust"))


def test_lonely_psu_fail_names_the_stratum() -> None:
    df = pd.DataFrame({"y": [0, 1, 1, 0, 1], "p": [1, 2, 3, 3, 4], "s": [1, 1, 2, 2, 3]})
    with pytest.raises(ValueError, match="stratum 2 of 's' has only one PSU"):
        survey_prevalence(df, "y", psu="p", strata="s")


def test_lonely_psu_fail_without_strata_says_single_psu() -> None:
    df = pd.DataFrame({"y": [0, 1, 1], "p": [7, 7, 7]})
    with pytest.raises(ValueError, match="the design has a single PSU") as err:
        survey_prevalence(df, "y", psu="p")
    assert "None" not in str(err.value)


def test_bad_method_and_conf() -> None:
    df = pd.DataFrame({"y": [0, 1]})
    with pytest.raises(ValueError, match="did you mean 'logit'"):
        survey_prevalence(df, "y", method="logti")
    with pytest.raises(ValueError, match="conf=95"):
        survey_prevalence(df, "y", conf=95)
    with pytest.raises(ValueError, match="lonely_psu='drop'"):
        survey_prevalence(df, "y", lonely_psu="drop")


# ----------------------------------------------------------------------------- pooling


def _pooling_golden() -> pd.DataFrame:
    return pd.read_csv(GOLDEN / "pooling_r.csv", comment="#")


def test_pool_prevalence_matches_r_svycontrast() -> None:
    # tests/r/pooling.R: regions of the synthetic survey as countries; R's svycontrast() of the
    # svyby(svymean) estimates with their full covariance (zero off the diagonal here)
    table = _pooling_golden()
    table = table[table["case"] == "pool_prevalence"].set_index("part")
    regions, pooled = table.drop(index="(pooled)"), table.loc["(pooled)"]
    assert pooled["max_covariance"] == 0
    out = pool_prevalence(regions["estimate"], regions["population"], se=regions["se"]).iloc[0]
    assert out["prevalence"] == pytest.approx(pooled["estimate"], rel=1e-12)
    assert out["se"] == pytest.approx(pooled["se"], rel=1e-12)
    assert out["lower"] == pytest.approx(pooled["lower"], rel=1e-12)
    assert out["upper"] == pytest.approx(pooled["upper"], rel=1e-12)
    assert out["population"] == pooled["population"]
    # the same from wpsstats' own regional estimates (themselves checked against R above)
    data = pd.read_csv(GOLDEN / "survey_dhs_like.csv")
    national = survey_prevalence(
        data, "y", weight="v005", psu="v021", strata="v022", by="region", method="mean"
    ).set_index("region")
    again = pool_prevalence(
        national.loc[regions.index, "prevalence"],
        regions["population"],
        se=national.loc[regions.index, "se"],
    ).iloc[0]
    assert again["prevalence"] == pytest.approx(pooled["estimate"], rel=1e-10)
    assert again["se"] == pytest.approx(pooled["se"], rel=1e-9)


@pytest.mark.parametrize("level", [0.95, 0.90])
def test_pool_prevalence_conf_and_people_match_r(level: float) -> None:
    # tests/r/pooling.R: confint(svycontrast(...), level = level) of the pooled share, and of the
    # people it implies (svycontrast with the populations as weights, in their unit)
    table = _pooling_golden()
    suffix = "" if level == 0.95 else f" level {level:.2f}"
    regions = table[table["case"] == "pool_prevalence"].set_index("part").drop(index="(pooled)")
    share, people = (
        table[table["case"] == f"{case}{suffix}"].set_index("part").loc["(pooled)"]
        for case in ("pool_prevalence", "pool_people")
    )
    out = pool_prevalence(
        regions["estimate"], regions["population"], se=regions["se"], conf=level
    ).iloc[0]
    assert out["lower"] == pytest.approx(share["lower"], rel=1e-12)
    assert out["upper"] == pytest.approx(share["upper"], rel=1e-12)
    assert out["population"] == people["population"]
    assert out["people"] == pytest.approx(people["estimate"], rel=1e-12)
    assert out["se"] * out["population"] == pytest.approx(people["se"], rel=1e-12)
    assert out["people_lower"] == pytest.approx(people["lower"], rel=1e-12)
    assert out["people_upper"] == pytest.approx(people["upper"], rel=1e-12)


def test_pool_prevalence_by_hand() -> None:
    # synthetic national figures: 0.8 of 30 and 0.5 of 10 (millions)
    out = pool_prevalence([0.8, 0.5], [30.0, 10.0], se=[0.02, 0.04], conf=0.95).iloc[0]
    assert out["prevalence"] == pytest.approx((0.8 * 30 + 0.5 * 10) / 40, rel=1e-15)
    assert out["people"] == pytest.approx(29.0, rel=1e-15)
    se = np.sqrt((30 / 40) ** 2 * 0.02**2 + (10 / 40) ** 2 * 0.04**2)
    assert out["se"] == pytest.approx(se, rel=1e-15)
    z = stats.norm.ppf(0.975)
    assert out["lower"] == pytest.approx(out["prevalence"] - z * se, rel=1e-15)
    assert out["people_upper"] == pytest.approx(out["upper"] * 40, rel=1e-15)


def test_pool_prevalence_equals_survey_on_stacked_independent_surveys() -> None:
    # two countries as two strata of one design with weights scaled to their populations: the
    # pooled share equals the design-based one. (The SEs differ by design: pooling takes the
    # populations as known, the linearised ratio treats each country's weight total as random.)
    rng = np.random.default_rng(7)
    frames = []
    for country, pop in (("X", 3.0), ("Y", 1.0)):
        n = 400
        w = rng.integers(1, 5, n).astype(float)
        frames.append(
            pd.DataFrame(
                {
                    "y": (rng.random(n) < (0.3 if country == "X" else 0.6)).astype(int),
                    "w": w / w.sum() * pop,
                    "psu": [f"{country}{i}" for i in rng.integers(0, 40, n)],
                    "c": country,
                }
            )
        )
    both = pd.concat(frames, ignore_index=True)
    national = survey_prevalence(both, "y", weight="w", psu="psu", strata="c", by="c")
    pooled = pool_prevalence(national["prevalence"], [3.0, 1.0], se=national["se"]).iloc[0]
    whole = survey_prevalence(both, "y", weight="w", psu="psu", strata="c").iloc[0]
    assert pooled["prevalence"] == pytest.approx(whole["prevalence"], rel=1e-12)
    assert pooled["people"] == pytest.approx(whole["prevalence"] * 4.0, rel=1e-12)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0.1, 1e8), st.floats(0, 0.2)), min_size=1))
def test_pool_prevalence_properties(rows: list[tuple[float, float, float]]) -> None:
    p, pop, se = map(np.array, zip(*rows, strict=True))
    out = pool_prevalence(p, pop, se=se).iloc[0]
    assert p.min() - 1e-12 <= out["prevalence"] <= p.max() + 1e-12
    assert 0 <= out["lower"] <= out["prevalence"] + 1e-12 <= out["upper"] + 2e-12 <= 1 + 2e-12
    # scale-free in the population unit
    again = pool_prevalence(p, pop * 1000, se=se).iloc[0]
    assert again["prevalence"] == pytest.approx(out["prevalence"], rel=1e-9, abs=1e-15)


def test_pool_prevalence_bad_input_and_nan() -> None:
    with pytest.raises(ValueError, match="prevalence must be a share"):
        pool_prevalence([0.5, 78.0], [1, 1])
    with pytest.raises(ValueError, match="population must be non-negative"):
        pool_prevalence([0.5, 0.7], [1, -1])
    with pytest.raises(ValueError, match="lengths do not match"):
        pool_prevalence([0.5, 0.7], [1, 2, 3])
    assert np.isnan(pool_prevalence([0.5, np.nan], [1, 1])["prevalence"].iloc[0])


# ------------------------------------------------------------------------ input found by review


def test_a_by_column_named_like_an_output_column_is_refused() -> None:
    # before, the domain labels of a by column "se" were overwritten with the standard errors
    df = pd.DataFrame({"y": [1, 0, 1, 1, 0, 0], "se": ["low", "low", "high", "high", "mid", "mid"]})
    with pytest.raises(ValueError, match="by column 'se' has the name of an output column"):
        survey_prevalence(df, "y", by="se")


def test_by_may_name_a_column_that_is_not_text() -> None:
    df = pd.DataFrame({"y": [1, 0, 1, 1, 0, 0], 0: [1, 1, 2, 2, 3, 3]})
    out = survey_prevalence(df, "y", by=0)
    assert out[0].tolist() == [1, 2, 3]
    assert out["prevalence"].tolist() == [0.5, 1.0, 0.0]


def test_a_categorical_indicator_of_zeros_and_ones_is_read() -> None:
    df = pd.DataFrame({"y": [1, 0, 1, 1, 0, 0], "psu": [1, 1, 2, 2, 3, 3]})
    as_category = survey_prevalence(df.assign(y=df["y"].astype("category")), "y", psu="psu")
    pd.testing.assert_frame_equal(as_category, survey_prevalence(df, "y", psu="psu"))
    words = df.assign(y=df["y"].map({1: "yes", 0: "no"}).astype("category"))
    with pytest.raises(ValueError, match="must hold only 0, 1, True, False"):
        survey_prevalence(words, "y")
