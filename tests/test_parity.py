"""Personnel parity: the bundled targets and vocabulary, parity_gap, year_reaching, pace_needed.

Outside references: R (``lm`` and integer arithmetic, tests/golden/parity/parity_golden.R and the
CSV files it wrote), the sources' own wording (the ``quote`` column against the source notes),
hand-worked cases, and the IPI March 2014 file read directly from ../shared/data.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import wpsstats as wps
from wpsstats.parity import pace_needed, parity_gap, parity_targets, trend_status, year_reaching

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "parity"
CATEGORIES = [
    "military_contingents",
    "military_observers_staff_officers",
    "formed_police_units",
    "individual_police_officers",
    "civilian_staff",
]


# --- helpers -------------------------------------------------------------------------------------


def all_sources() -> pd.DataFrame:
    """The bundled sources dataset."""
    return wps.load("sources")[["source_id", "note"]].astype(object)


def load_script(name: str):  # type: ignore[no-untyped-def]
    path = ROOT / "datasets" / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ols_crossing(x: np.ndarray, y: np.ndarray, target: float) -> float:
    """Independent check: numpy's polynomial least squares, then solve the line for the target."""
    slope, intercept = np.polyfit(x - x.mean(), y, 1)
    return float(x.mean() + (target - intercept) / slope) if slope > 0 else math.nan


# --- the bundled targets -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def targets() -> pd.DataFrame:
    return parity_targets()


def test_targets_columns_follow_the_contract(targets: pd.DataFrame) -> None:
    assert list(targets.columns[:5]) == ["category", "year", "target", "kind", "source_id"]
    assert set(targets["kind"].astype(str)) == {"published", "interpolated"}
    assert targets["target"].between(0, 1).all()
    assert not targets.duplicated(["category", "year"]).any()


def test_every_target_cites_a_known_source(targets: pd.DataFrame) -> None:
    known = set(all_sources()["source_id"])
    assert targets["source_id"].notna().all()
    cited = set(targets["source_id"]) | set(targets["also_source_id"].dropna())
    assert cited <= known, cited - known
    wanted = {"dpo-ugps-2018-2028", "hoc-nddn-43-2-meeting-2", "dpo-target-achievers-2021"}
    assert wanted <= cited


def test_quotes_are_in_the_sources_and_print_the_target(targets: pd.DataFrame) -> None:
    notes = all_sources().set_index("source_id")["note"]
    quoted = targets[targets["quote"].notna()]
    assert len(quoted) >= 5
    for row in quoted.itertuples():
        in_source = [
            s
            for s in (row.source_id, row.also_source_id)
            if isinstance(s, str) and row.quote in notes[s]
        ]
        assert in_source, f"quote of {row.category} {row.year} is in neither source's note"
        percent = f"{row.target * 100:g}"
        assert (
            f"{percent} per cent" in row.quote
            or f"{percent}%" in row.quote
            or (row.target == 0.5 and "parity" in row.quote)
        ), row.quote


def test_published_targets_as_the_sources_print_them(targets: pd.DataFrame) -> None:
    published = targets[targets["kind"] == "published"].set_index(["category", "year"])["target"]
    # UGPS 2028 end targets; DPO's 2021 targets (troops; individual military positions)
    expected = {
        ("military_contingents", 2028): 0.15,
        ("military_observers_staff_officers", 2028): 0.25,
        ("formed_police_units", 2028): 0.20,
        ("individual_police_officers", 2028): 0.30,
        ("military_contingents", 2021): 0.08,
        ("military_observers_staff_officers", 2021): 0.18,
    }
    for key, value in expected.items():
        assert published[key] == pytest.approx(value, abs=1e-12), key


def test_interpolated_rows_are_marked_and_lie_on_the_line(targets: pd.DataFrame) -> None:
    interp = targets[targets["kind"] == "interpolated"]
    assert len(interp) > 0
    assert interp["quote"].isna().all()
    assert interp["note"].str.contains("Not a published figure").all()
    published = targets[targets["kind"] == "published"]
    for row in interp.itertuples():
        anchors = published[published["category"] == row.category]
        before = anchors[anchors["year"] < row.year]
        after = anchors[anchors["year"] > row.year]
        # only between two published anchors: never extrapolated
        assert len(before) and len(after), (row.category, row.year)
        y0, t0 = before.iloc[-1][["year", "target"]]
        y1, t1 = after.iloc[0][["year", "target"]]
        line = Fraction(str(t0)) + (Fraction(str(t1)) - Fraction(str(t0))) * Fraction(
            int(row.year) - int(y0), int(y1) - int(y0)
        )
        assert row.target == pytest.approx(float(line), abs=1e-9)
        assert row.source_id in set(anchors["source_id"])


def test_no_target_without_a_source_for_justice_and_corrections(targets: pd.DataFrame) -> None:
    assert set(targets["category"].astype(str)) == set(CATEGORIES)
    vocab = wps.load("personnel_categories")
    jc = vocab[vocab["category"] == "justice_corrections"]
    assert len(jc) == 1 and "no target is bundled" in jc["note"].iloc[0]


def test_script_reproduces_the_csv() -> None:
    script = load_script("make_parity_targets")
    rows = pd.DataFrame(script.rows()).astype(str)
    on_disk = pd.read_csv(
        ROOT / "datasets" / "parity_targets.csv", dtype=str, keep_default_na=False
    )
    pd.testing.assert_frame_equal(rows.reset_index(drop=True), on_disk)


def test_parity_targets_filters(targets: pd.DataFrame) -> None:
    mil = parity_targets("military_contingents")
    assert set(mil["category"].astype(str)) == {"military_contingents"}
    assert list(mil["year"]) == list(range(2021, 2029))
    only = parity_targets("military_contingents", interpolated=False)
    assert list(only["year"]) == [2021, 2028]
    y2028 = parity_targets(year=2028)
    assert len(y2028) == 5 and (y2028["kind"] == "published").all()
    assert parity_targets("formed_police_units", 2024).empty  # no anchor before 2028: no fill
    assert parity_targets().attrs["wpsstats"]["name"] == "parity_targets"
    with pytest.raises(ValueError, match=r"category='troops' is not one of"):
        parity_targets("troops")
    with pytest.raises(ValueError, match=r"did you mean 'formed_police_units'"):
        parity_targets("formed_police_unit")
    with pytest.raises(TypeError, match="year"):
        parity_targets(year="2028")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="interpolated"):
        parity_targets(interpolated="no")  # type: ignore[arg-type]


def test_public_names_are_exported_lazily() -> None:
    for name in ("parity_targets", "parity_gap", "year_reaching", "pace_needed"):
        assert getattr(wps, name) is getattr(wps.parity, name)


# --- the category vocabulary ---------------------------------------------------------------------


def test_vocabulary_covers_the_target_categories_and_explains_loose_matches() -> None:
    vocab = wps.load("personnel_categories")
    assert set(parity_targets()["category"].astype(str)) <= set(vocab["category"].astype(str))
    for scheme in ("ugps", "un_monthly_report", "ipi_gender_json", "seed"):
        assert scheme in set(vocab["scheme"].astype(str))
    loose = vocab[vocab["match"] != "exact"]
    assert loose["note"].str.len().gt(40).all()
    assert set(vocab["source_id"]) <= set(all_sources()["source_id"])
    assert not vocab.duplicated(["category", "scheme", "label"]).any()


def test_vocabulary_names_the_ipi_fields_that_exist(shared_data: Path) -> None:
    records = json.loads(
        (shared_data / "peacekeeping_ipi" / "ipi_20140331_gender.json").read_text()
    )
    keys = {k for r in records for k in r}
    header = (
        (shared_data / "peacekeeping_ipi" / "ipi_current_month_20140331.csv")
        .read_text(encoding="utf-8")
        .splitlines()[0]
        .split(",")
    )
    vocab = wps.load("personnel_categories")
    for label in vocab.loc[vocab["scheme"] == "ipi_gender_json", "label"]:
        for field in label.split(" / "):
            assert field in keys, field
    for label in vocab.loc[vocab["scheme"] == "ipi_current_month_csv", "label"]:
        assert label in header, label


# --- parity_gap ----------------------------------------------------------------------------------


def test_parity_gap_matches_r_integer_arithmetic() -> None:
    gold = pd.read_csv(GOLDEN / "women_needed.csv", dtype={"target": str})
    out = parity_gap(gold["women"], gold["total"], gold["target"].astype(float))
    expected = gold["women_needed"].astype("Int64")
    pd.testing.assert_series_equal(out["women_needed"], expected, check_names=False)
    pd.testing.assert_series_equal(out["met"], gold["met"].astype("boolean"), check_names=False)


def test_quota_gap_add_matches_r_integer_arithmetic() -> None:
    # women_needed_add: the least k with (women + k) / (total + k) >= target, in R's exact
    # 64-bit integers; empty where the body is empty or the target is 1 with men left
    gold = pd.read_csv(GOLDEN / "women_needed.csv", dtype={"target": str})
    body = gold["total"] > 0
    reachable = gold["women_needed_add"].notna()
    assert reachable.sum() >= 25 and (body & ~reachable).sum() == 1
    for row in gold.itertuples():
        # the target as a caller passes it: the float its text reads as (1/3 prints as
        # 0.3333333333333333), and the text itself
        for quota in (float(row.target), row.target):
            if not row.total:
                assert math.isnan(wps.quota_gap(row.women, row.total, quota, mode="add"))
            elif pd.isna(row.women_needed_add):
                with pytest.raises(ValueError, match="quota=1 cannot be reached"):
                    wps.quota_gap(row.women, row.total, quota, mode="add")
            else:
                got = wps.quota_gap(row.women, row.total, quota, mode="add")
                assert got == int(row.women_needed_add), (row, quota)
    # vectorised, one target at a time (a target of 1 with men left raises, checked above): the
    # index kept, NaN for an empty body
    for target, rows in gold[reachable | ~body].groupby("target"):
        got = wps.quota_gap(rows["women"], rows["total"], float(target), mode="add")
        pd.testing.assert_series_equal(
            got.astype(float), rows["women_needed_add"].astype(float), check_names=False
        )


def test_parity_gap_is_exactly_quota_gap_replace() -> None:
    women = np.array([0, 3, 52, 10, 40, 9])
    total = np.array([10, 10, 6483, 104, 882, 36])
    for target in (0.3, 0.15, 0.2, 0.08, 0.25, 0.5):
        got = parity_gap(women, total, target)["women_needed"].to_numpy(dtype=np.int64)
        np.testing.assert_array_equal(got, wps.quota_gap(women, total, target, mode="replace"))


def test_parity_gap_hand_worked_minusma_2014() -> None:
    # MINUSMA, March 2014 (IPI): troops 52 of 6483; at 15%: ceil(972.45) = 973 women, 921 more.
    out = parity_gap(52, 6483, 0.15)
    assert out.loc[0, "women_needed"] == 921
    assert out.loc[0, "share"] == pytest.approx(52 / 6483)
    assert out.loc[0, "gap_pp"] == pytest.approx((0.15 - 52 / 6483) * 100)
    assert not out.loc[0, "met"]
    # 9 of 36 is exactly 25 per cent: met, nothing needed, gap 0
    out = parity_gap(9, 36, 0.25)
    assert out.loc[0, "women_needed"] == 0 and out.loc[0, "met"]
    assert out.loc[0, "gap_pp"] == pytest.approx(0.0, abs=1e-12)


def test_parity_gap_vectorises_over_categories_and_keeps_the_index() -> None:
    idx = pd.MultiIndex.from_tuples(
        [("MINUSMA", "troops"), ("MINUSMA", "formed_police"), ("MINUSMA", "individual_police")],
        names=["mission", "category"],
    )
    women = pd.Series([52, 40, 10], index=idx)
    total = pd.Series([6483, 882, 104], index=idx)
    target = pd.Series([0.15, 0.20, 0.30], index=idx)
    out = parity_gap(women, total, target)
    assert out.index.equals(idx)
    assert list(out.columns) == ["share", "target", "gap_pp", "women_needed", "met"]
    assert list(out["women_needed"]) == [921, 137, 22]
    assert str(out["women_needed"].dtype) == "Int64" and str(out["met"].dtype) == "boolean"


def test_parity_gap_missing_in_missing_out() -> None:
    out = parity_gap([np.nan, 3, 3, 0], [10, np.nan, 10, 0], [0.3, 0.3, np.nan, 0.3])
    assert out["share"].isna().tolist() == [True, True, False, True]
    assert out["women_needed"].isna().all()
    assert out["met"].isna().all()
    assert np.isnan(out["gap_pp"]).tolist() == [True, True, True, True]
    pd_na = parity_gap(pd.Series([pd.NA, 2], dtype="Int64"), pd.Series([5, 5], dtype="Int64"), 0.4)
    assert pd_na["women_needed"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("women", "total", "target", "error", "pattern"),
    [
        (
            [1, -2],
            [5, 5],
            0.15,
            ValueError,
            r"women must be non-negative counts; got -2.0 at position 1",
        ),
        ([1, 2.5], [5, 5], 0.15, ValueError, r"women must be whole numbers.*2.5 at position 1"),
        (
            [1, 6],
            [5, 5],
            0.15,
            ValueError,
            r"women must not exceed total; got women=6 > total=5 at position 1",
        ),
        ([1, 2], [5, 5], 15, ValueError, r"target must be a share in \[0, 1\].*got 15.0"),
        ([1, 2], [5, 5], [0.1, -0.2], ValueError, r"target must be a share.*-0.2 at position 1"),
        ([1, 2], [5, 5, 5], 0.15, ValueError, r"lengths do not match"),
        ("3", 5, 0.15, TypeError, r"women must be numeric"),
        ([1], [5], "0.15", TypeError, r"target must be numeric"),
    ],
)
def test_parity_gap_bad_input(women, total, target, error, pattern) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=pattern):
        parity_gap(women, total, target)


def test_parity_gap_names_the_series_label() -> None:
    women = pd.Series([1, 9], index=["MLI", "NER"])
    total = pd.Series([5, 5], index=["MLI", "NER"])
    with pytest.raises(ValueError, match=r"at index 'NER'"):
        parity_gap(women, total, 0.15)
    with pytest.raises(ValueError, match="different indexes"):
        parity_gap(women, total.set_axis(["NER", "MLI"]), 0.15)


@given(
    total=st.integers(1, 10**6),
    data=st.data(),
    k=st.integers(0, 10_000),
)
def test_women_needed_is_the_least_that_meets_the_target(total: int, data, k: int) -> None:  # type: ignore[no-untyped-def]
    women = data.draw(st.integers(0, total))
    exact = Fraction(k, 10_000)
    out = parity_gap(women, total, k / 10_000).iloc[0]
    need = int(out["women_needed"])
    assert 0 <= need <= total - women
    assert Fraction(women + need, total) >= exact  # meets
    if need > 0:
        assert Fraction(women + need - 1, total) < exact  # one fewer does not
    assert bool(out["met"]) == (Fraction(women, total) >= exact) == (need == 0)
    assert (out["gap_pp"] <= 1e-9) == bool(out["met"]) or abs(out["gap_pp"]) < 1e-9


@given(
    women=st.lists(st.integers(0, 500), min_size=1, max_size=30),
    extra=st.lists(st.integers(0, 500), min_size=30, max_size=30),
    target=st.sampled_from([0.08, 0.15, 0.18, 0.2, 0.25, 0.3, 0.5]),
)
def test_parity_gap_rows_are_independent(women: list[int], extra: list[int], target: float) -> None:
    total = [w + e for w, e in zip(women, extra, strict=False)]
    whole = parity_gap(women, total, target)
    for i in (0, len(women) - 1):
        one = parity_gap(women[i], total[i], target)
        assert whole.iloc[i].equals(one.iloc[0].rename(whole.index[i]))


# --- year_reaching and pace_needed ---------------------------------------------------------------


@pytest.fixture(scope="module")
def trend_cases() -> list[tuple[str, np.ndarray, np.ndarray, pd.Series]]:
    inputs = pd.read_csv(GOLDEN / "trend_inputs.csv")
    results = pd.read_csv(GOLDEN / "trend_results.csv", na_values=["NA"]).set_index("case")
    cases = []
    for case, rows in inputs.groupby("case", sort=False):
        cases.append(
            (str(case), rows["period"].to_numpy(), rows["share"].to_numpy(), results.loc[case])
        )
    return cases


def test_year_reaching_matches_r_lm(trend_cases) -> None:  # type: ignore[no-untyped-def]
    assert len(trend_cases) == 14
    for case, x, y, gold in trend_cases:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            got = year_reaching(x, y, float(gold["target"]))
        # the crossing is returned either way; a met series says so, and since when
        said = [str(w.message) for w in caught]
        if gold["status"] == "met":
            assert len(said) == 1 and f"at or above it from {gold['year']:g} " in said[0], case
        else:
            assert said == [], case
        if np.isnan(gold["year_reaching"]):
            assert np.isnan(got), case
        else:
            assert got == pytest.approx(gold["year_reaching"], rel=1e-9, abs=1e-7), case


def test_pace_needed_matches_r(trend_cases) -> None:  # type: ignore[no-untyped-def]
    for case, x, y, gold in trend_cases:
        got = pace_needed(x, y, float(gold["target"]), by=float(gold["by"]))
        assert got == pytest.approx(gold["pace_needed"], rel=1e-12, abs=1e-12), case


def test_trend_status_matches_r(trend_cases) -> None:  # type: ignore[no-untyped-def]
    statuses = set()
    for case, x, y, gold in trend_cases:
        got = trend_status(x, y, float(gold["target"])).iloc[0]
        statuses.add(got["status"])
        assert got["status"] == gold["status"], case
        assert (got["observations"], got["missing"]) == (gold["observations"], gold["missing"])
        assert got["slope"] == pytest.approx(gold["slope"], rel=1e-9, abs=1e-12), case
        if np.isnan(gold["year"]):
            assert np.isnan(got["year"]), case
        else:
            assert got["year"] == pytest.approx(gold["year"], rel=1e-9, abs=1e-7), case
        if got["status"] == "reached":
            assert got["year"] == year_reaching(x, y, float(gold["target"]))
    assert statuses == {"met", "reached", "never"}


def test_senegal_is_met_since_2012_while_its_line_crosses_in_2010() -> None:
    # the complaint that asked for trend_status: a fitted crossing before the data got there
    wdi = wps.load("wdi_parliament_world").query("geo == 'SEN'")
    years, shares = wdi["period"].astype(int), wdi["value"]
    assert shares[years == 2011].iloc[0] < 0.30 <= shares[years >= 2012].min()
    status = trend_status(years, shares, 0.30).iloc[0]
    assert (status["status"], status["year"]) == ("met", 2012.0)
    with pytest.warns(UserWarning, match="already met: the shares are at or above it from 2012 "):
        assert year_reaching(years, shares, 0.30) < 2011
    assert pace_needed(years, shares, 0.30, by=2030) == 0.0


def test_missing_years_are_left_out_alike_everywhere() -> None:
    years = [2010, 2011, 2012, 2013, 2014]
    shares = [0.10, np.nan, 0.12, pd.NA, 0.14]
    kept = ([2010, 2012, 2014], [0.10, 0.12, 0.14])
    assert year_reaching(years, shares, 0.2) == pytest.approx(year_reaching(*kept, 0.2))
    assert year_reaching(years, shares, 0.2) == pytest.approx(2020.0)
    pace = pace_needed(years, shares, 0.2, by=2020)
    assert pace == pytest.approx(pace_needed(*kept, 0.2, by=2020))
    status = trend_status(years, shares, 0.2).iloc[0]
    assert (status["observations"], status["missing"]) == (3, 2)
    # the last observation without a share: the pace starts from the last one with a share
    assert pace_needed([2018, 2020], [0.10, np.nan], 0.15, by=2028) == pytest.approx(0.5)
    # what is left cannot make a line: an error that says what was left out
    with pytest.raises(ValueError, match=r"got periods \[2018.0\] \(1 observation without"):
        year_reaching([2018, 2020], [0.10, np.nan], 0.15)
    with pytest.raises(ValueError, match="got none"):
        trend_status([2018, np.nan], [np.nan, 0.1], 0.15)


def test_trend_status_hand_worked() -> None:
    def status(x, y, t):  # type: ignore[no-untyped-def]
        return tuple(trend_status(x, y, t).iloc[0][["status", "year"]])

    assert status([2018, 2020], [0.10, 0.12], 0.15) == ("reached", pytest.approx(2023.0))
    assert status([2018, 2020], [0.30, 0.32], 0.25)[0] == "met"
    assert status([2018, 2020], [0.30, 0.32], 0.25)[1] == 2018.0
    assert status([2018, 2020], [0.10, 0.08], 0.15)[0] == "never"
    assert status([2018, 2020], [0.10, 0.10], 0.15)[0] == "never"
    assert status([2020], [0.10], 0.15)[0] == "no trend"
    assert status([2020], [0.40], 0.15) == ("met", 2020.0)
    # a period with two shares, one below: the run starts after it
    assert status([2018, 2019, 2019, 2020], [0.2, 0.3, 0.1, 0.3], 0.25) == ("met", 2020.0)
    with pytest.raises(ValueError, match=r"the last period \(2020\) has 2 shares"):
        trend_status([2019, 2020, 2020], [0.1, 0.2, 0.3], 0.25)
    with pytest.raises(ValueError, match="target is missing"):
        trend_status([2019, 2020], [0.1, 0.2], np.nan)


def test_minusma_dates_as_printed_give_r_values(trend_cases) -> None:  # type: ignore[no-untyped-def]
    gold = {case: g for case, _, _, g in trend_cases}["minusma_military"]
    got = year_reaching(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15)
    assert got == pytest.approx(gold["year_reaching"], rel=1e-12)
    pace = pace_needed([pd.Timestamp("2014-03-31"), 2018], [52 / 6483, 0.026], 0.15, by=2028)
    assert pace == pytest.approx(1.24, rel=1e-12)  # (15 - 2.6) / 10


def test_periods_count_from_their_start() -> None:
    from wpsstats._checks import as_years

    got = as_years(["2014", "2014-03", "2014-03-31", "2016-12-31"])
    np.testing.assert_allclose(
        got, [2014.0, 2014 + 59 / 365, 2014 + 89 / 365, 2016 + 365 / 366], rtol=0, atol=1e-12
    )
    dates = pd.Series(pd.to_datetime(["2014-03-01", "2016-12-31"]))
    np.testing.assert_allclose(as_years(dates), [2014 + 59 / 365, 2016 + 365 / 366], atol=1e-12)
    np.testing.assert_allclose(as_years(pd.Series([2014, 2018])), [2014.0, 2018.0])


def test_year_reaching_hand_worked() -> None:
    # 10% in 2018, 12% in 2020: one point a year, 15% three years after 2020
    assert year_reaching([2018, 2020], [0.10, 0.12], 0.15) == pytest.approx(2023.0)
    # already above: the fitted line crossed before the data
    with pytest.warns(UserWarning, match="already met"):
        assert year_reaching([2018, 2020], [0.30, 0.32], 0.25) == pytest.approx(2013.0)
    # met, and falling: NaN as documented, and the warning says it is met all the same
    with pytest.warns(UserWarning, match="from 2018 .* NaN, the fitted line being flat or fall"):
        assert np.isnan(year_reaching([2018, 2020], [0.40, 0.35], 0.25))
    assert np.isnan(year_reaching([2018, 2020], [0.10, 0.10], 0.15))  # flat
    assert np.isnan(year_reaching([2018, 2020], [0.10, 0.08], 0.15))  # falling
    assert pace_needed([2018, 2020], [0.10, 0.12], 0.15, by=2028) == pytest.approx(0.375)
    assert pace_needed([2020, 2018], [0.12, 0.10], 0.15, by=2028) == pytest.approx(
        0.375
    )  # unsorted
    # already met: no gain needed (not the margin that may be lost)
    assert pace_needed([2018, 2020], [0.30, 0.32], 0.25, by=2027) == 0.0


def test_year_reaching_of_equal_means_is_flat_in_any_order() -> None:
    # found by the randomized property test: the means of 2000 and 2001 are equal, so the exact
    # slope is 0; one order of the rows left a rounding slope of 1e-17 and a year of 5e16
    x = [2000, 2000, 2001, 2001]
    y = [0.05013558243223805, 0.25, 0.25, 0.05013558243223805]
    for order in itertools.permutations(range(4)):
        assert np.isnan(year_reaching([x[i] for i in order], [y[i] for i in order], 0.5))
    # a slope well above rounding is kept: one part in a billion a year
    assert year_reaching([2000, 2001], [0.25, 0.25 + 1e-9], 0.5) == pytest.approx(2000 + 2.5e8)


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: year_reaching([2018], [0.1], 0.15), ValueError, "at least two different periods"),
        (
            lambda: year_reaching([2018, 2018], [0.1, 0.2], 0.15),
            ValueError,
            "two different periods",
        ),
        (
            lambda: year_reaching([2018, 2020], [0.1], 0.15),
            ValueError,
            "same length; got 2 periods and 1",
        ),
        (
            lambda: year_reaching([2018, 2020], [10, 12], 0.15),
            ValueError,
            r"shares must be a share.*10.0 at position 0",
        ),
        (
            lambda: year_reaching([2018, 2020], [0.1, 0.2], 15),
            ValueError,
            r"target must be a share",
        ),
        (
            lambda: year_reaching([2018, 2020], [0.1, 0.2], [0.1, 0.2]),
            TypeError,
            "target must be one share",
        ),
        (lambda: year_reaching(["2015/2016", "2018"], [0.1, 0.2], 0.15), ValueError, "is a range"),
        (
            lambda: year_reaching(["March 2014x", "2018"], [0.1, 0.2], 0.15),
            ValueError,
            "not a year or an ISO 8601",
        ),
        (lambda: year_reaching(2018, [0.1], 0.15), TypeError, "periods must be a sequence"),
        (
            lambda: year_reaching([2018, np.inf], [0.1, 0.2], 0.15),
            ValueError,
            "periods must be finite",
        ),
        (
            lambda: pace_needed([2018, 2020], [0.1, 0.2], 0.15, by=2020),
            ValueError,
            "must come after the last observation",
        ),
        (
            lambda: pace_needed([2018, 2020], [0.1, 0.2], 0.15, by="2028"),
            TypeError,
            "by must be a year",
        ),
        (lambda: pace_needed([], [], 0.15, by=2028), ValueError, "got none"),
    ],
)
def test_trend_bad_input(call, error, pattern) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=pattern):
        call()


series = st.lists(
    st.tuples(
        st.floats(1990, 2030, allow_nan=False).map(lambda v: round(v, 3)),
        st.floats(0, 1, allow_nan=False),
    ),
    min_size=2,
    max_size=25,
)


@pytest.mark.filterwarnings("ignore:the target .* is already met:UserWarning")
@given(obs=series, target=st.floats(0, 1, allow_nan=False))
def test_year_reaching_is_where_the_fitted_line_equals_the_target(obs, target: float) -> None:  # type: ignore[no-untyped-def]
    x = np.array([o[0] for o in obs])
    y = np.array([o[1] for o in obs])
    assume(np.ptp(x) > 0.5)
    got = year_reaching(x, y, target)
    slope, intercept = np.polyfit(x - x.mean(), y, 1)
    # a line that rises less than 1e-6 over the years observed is flat to within the rounding of
    # its own fit: its crossing, millions of years away, moves by more than 1e-9 of itself
    # between two ways of computing the same slope (a random draw found slope 1.6e-7)
    assume(abs(slope) * np.ptp(x) > 1e-6 or slope <= 1e-9)
    if slope <= 1e-9:
        assume(slope <= 0 or abs(slope) > 1e-12)
        assert np.isnan(got) or slope > 0
        return
    assert not np.isnan(got)
    at_year = intercept + slope * (got - x.mean())
    assert at_year == pytest.approx(target, abs=1e-9)
    assert got == pytest.approx(ols_crossing(x, y, target), rel=1e-9, abs=1e-6)


@given(
    years=st.lists(
        st.floats(1990, 2030, allow_nan=False).map(lambda v: round(v, 3)),
        min_size=2,
        max_size=25,
        unique=True,
    ),
    share=st.floats(0, 1, allow_nan=False),
    target=st.floats(0, 1, allow_nan=False),
)
@pytest.mark.filterwarnings("ignore:the target .* is already met:UserWarning")
@example(years=[2014.0, 2015.0, 2018.0], share=0.1, target=0.15)
@example(years=[2014.0, 2015.0, 2018.0], share=0.2, target=0.15)
def test_a_flat_series_never_reaches_a_year(
    years: list[float], share: float, target: float
) -> None:
    # a flat line reaches no target: NaN, never the 1e29 that a rounded mean's slope of 1e-31
    # gives (R's lm gives a slope of about -1e-17 on these series: not above 0 either)
    assert np.isnan(year_reaching(years, [share] * len(years), target))


@pytest.mark.filterwarnings("ignore:the target .* is already met:UserWarning")
@given(obs=series, target=st.floats(0, 1, allow_nan=False), shift=st.integers(-50, 50))
def test_year_reaching_moves_with_the_calendar(obs, target: float, shift: int) -> None:  # type: ignore[no-untyped-def]
    x = np.array([o[0] for o in obs])
    y = np.array([o[1] for o in obs])
    assume(np.ptp(x) > 0.5)
    a = year_reaching(x, y, target)
    b = year_reaching(x + shift, y, target)
    if np.isnan(a):
        assert np.isnan(b)
    else:
        assert b == pytest.approx(a + shift, rel=1e-9, abs=1e-6)


@given(
    obs=series,
    target=st.floats(0, 1, allow_nan=False),
    lead=st.floats(0.5, 30, allow_nan=False),
)
def test_pace_needed_lands_on_the_target_on_time(obs, target: float, lead: float) -> None:  # type: ignore[no-untyped-def]
    x = np.array([o[0] for o in obs])
    y = np.array([o[1] for o in obs])
    last = int(np.argmax(x))
    by = float(x[last] + lead)
    if (x == x[last]).sum() > 1:
        # two shares for the last period: refused, whatever their order
        with pytest.raises(ValueError, match=r"the last period \(.*\) has [0-9]+ shares"):
            pace_needed(x, y, target, by=by)
        with pytest.raises(ValueError, match="shares"):
            pace_needed(x[::-1], y[::-1], target, by=by)
        return
    pace = pace_needed(x, y, target, by=by)
    if y[last] >= target:
        assert pace == 0.0  # met: no gain needed
        return
    assert y[last] + pace / 100 * (by - x[last]) == pytest.approx(target, abs=1e-12)
    # and the same whatever the order of the rows
    order = np.random.default_rng(len(x)).permutation(len(x))
    assert pace_needed(x[order], y[order], target, by=by) == pytest.approx(pace, rel=1e-12)


# --- MINUSMA as bundled --------------------------------------------------------------------------


def minusma_2014_from_json(shared_data: Path) -> pd.DataFrame:
    """Women and total per category for MINUSMA in March 2014, read straight from the IPI JSON."""
    records = json.loads(
        (shared_data / "peacekeeping_ipi" / "ipi_20140331_gender.json").read_text()
    )
    rows = [r for r in records if r.get("mission") == "MINUSMA"]
    out = {}
    for field, name in (
        ("troops", "troops"),
        ("ip", "individual_police"),
        ("fpu", "formed_police"),
    ):
        women = sum(r.get(f"{field}_f", 0) for r in rows)
        men = sum(r.get(f"{field}_m", 0) for r in rows)
        out[name] = (women, women + men)
    return pd.DataFrame(out, index=["women", "total"]).T


def test_minusma_2014_doc_numbers_come_from_the_ipi_file(shared_data: Path) -> None:
    table = minusma_2014_from_json(shared_data)
    # the numbers used in parity.py's docstrings and the user guide
    assert tuple(table.loc["troops"]) == (52, 6483)
    assert tuple(table.loc["individual_police"]) == (10, 104)
    assert tuple(table.loc["formed_police"]) == (40, 882)
    assert table["total"].sum() == 7469  # SOURCES.md: 7,469 uniformed personnel that month


def test_bundled_ipi_extract_agrees_with_the_file(shared_data: Path) -> None:
    if "ipi_minusma_2014" not in set(wps.list_datasets()["name"]):
        pytest.skip("datasets/ipi_minusma_2014 is not bundled yet")
    ipi = wps.load("ipi_minusma_2014")
    ipi = ipi[ipi["mission"] == "MINUSMA"] if "mission" in ipi else ipi
    got = ipi.pivot_table(
        index="category", columns="sex", values="count", aggfunc="sum", observed=True
    )
    table = minusma_2014_from_json(shared_data)
    for cat in ("troops", "individual_police", "formed_police"):
        assert int(got.loc[cat, "female"]) == table.loc[cat, "women"], cat
        assert int(got.loc[cat, "female"] + got.loc[cat, "male"]) == table.loc[cat, "total"], cat


def test_minusma_2018_shares_from_the_seed_against_targets() -> None:
    figs = wps.figures(
        indicator=[
            "women_share_military_personnel",
            "women_share_formed_police",
            "women_share_individual_police",
        ]
    ).set_index("indicator")["value"]
    assert figs["women_share_military_personnel"] == pytest.approx(0.026)
    t2028 = parity_targets(year=2028).set_index("category")["target"]
    gaps = {
        "military": (t2028["military_contingents"] - figs["women_share_military_personnel"]) * 100,
        "fpu": (t2028["formed_police_units"] - figs["women_share_formed_police"]) * 100,
        "ipo": (t2028["individual_police_officers"] - figs["women_share_individual_police"]) * 100,
    }
    assert gaps == pytest.approx({"military": 12.4, "fpu": 15.3, "ipo": 13.5})


# --- the user guide ------------------------------------------------------------------------------


def test_user_guide_examples_run_as_printed() -> None:
    import doctest

    page = ROOT / "docs" / "user-guide" / "personnel-parity.md"
    # fences would be read as expected output; drop them and keep the >>> examples
    text = "\n".join(
        "" if line.strip().startswith("```") else line
        for line in page.read_text(encoding="utf-8").splitlines()
    )
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, page.name, str(page), 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    # a reader's notebook shows every column; the test's terminal would elide some. Senegal's
    # series meets the target: year_reaching says so as it returns the crossing
    with (
        pd.option_context("display.width", 250, "display.max_columns", 30),
        pytest.warns(UserWarning, match="already met: the shares are at or above it from"),
    ):
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


# --- review item 3: Series are paired by index, as in parity_gap ------------------------------


def test_year_reaching_and_pace_needed_refuse_misaligned_series() -> None:
    periods = pd.Series([2014, 2018], index=["a", "b"])
    shares = pd.Series([0.10, 0.05], index=["b", "a"])  # 0.05 in 2014, 0.10 in 2018 by label
    with pytest.raises(ValueError, match="different indexes"):
        year_reaching(periods, shares, 0.15)
    with pytest.raises(ValueError, match="different indexes"):
        pace_needed(periods, shares, 0.15, by=2028)
    aligned = shares.reindex(periods.index)
    # by label: +1.25 points a year from 5 per cent in 2014 reaches 15 per cent in 2022
    assert year_reaching(periods, aligned, 0.15) == pytest.approx(2022.0)
    assert pace_needed(periods, aligned, 0.15, by=2028) == pytest.approx(0.5)
    # a Series against a plain list pairs by position, as before
    assert year_reaching(periods, [0.05, 0.10], 0.15) == pytest.approx(2022.0)


@given(obs=series, target=st.floats(0, 1, allow_nan=False))
def test_trend_status_reads_met_from_the_observations(obs, target: float) -> None:  # type: ignore[no-untyped-def]
    x = np.array([o[0] for o in obs])
    y = np.array([o[1] for o in obs])
    last = int(np.argmax(x))
    if (x == x[last]).sum() > 1:
        with pytest.raises(ValueError, match="shares"):
            trend_status(x, y, target)
        return
    got = trend_status(x, y, target).iloc[0]
    assert got["latest_share"] == y[last] and got["observations"] == len(x)
    if y[last] < target:
        assert got["status"] in {"reached", "never", "no trend"}
        assert got["status"] != "reached" or got["year"] == year_reaching(x, y, target)
        return
    # met: every observation from `year` on is at or above the target, and some observation
    # in the period just before it (if any) is below
    since = got["year"]
    assert got["status"] == "met" and since in set(x)
    assert (y[x >= since] >= target).all()
    before = x[x < since]
    if before.size:
        assert (y[x == before.max()] < target).any()
    assert pace_needed(x, y, target, by=float(x[last]) + 1) == 0.0
    # year_reaching, where there is a line, says the same (whether the line rises or not)
    if np.unique(x).size > 1:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            year_reaching(x, y, target)
        assert len(caught) == 1 and f"from {since:g} to the latest" in str(caught[0].message)


def test_parity_targets_refuses_a_boolean_year() -> None:
    # True is not the year 1: it would give an empty frame, as if no target were published
    with pytest.raises(TypeError, match="year"):
        parity_targets(year=True)
    with pytest.raises(TypeError, match="year"):
        parity_targets("military_contingents", np.bool_(False))  # type: ignore[arg-type]
