"""Tests for wpsstats.plot.trend: shares over time against a target path."""

from __future__ import annotations

import re
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_plot import (
    legend_texts,
    source_of,
)

import wpsstats as wps
from wpsstats import plot


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# trend
# --------------------------------------------------------------------------------------------


def test_trend_fit_matches_r_lm() -> None:
    # A synthetic series; R 4.1: coef(lm(share ~ year)) = (-9.0548, 0.0045) and
    # predict(..., year = c(2014, 2028)) = (0.0082, 0.0712) -- see the R lines below.
    #   year <- 2014:2018; share <- c(0.008, 0.013, 0.017, 0.022, 0.026)
    #   fit <- lm(share ~ year); print(predict(fit, data.frame(year = c(2014, 2028))), digits = 17)
    years = [2014, 2015, 2016, 2017, 2018]
    shares = [0.008, 0.013, 0.017, 0.022, 0.026]
    ax = plot.trend(years, shares, target_path=0.15, fit=True, source="synthetic")
    fitted = next(line for line in ax.get_lines() if line.get_gid() == "fit")
    np.testing.assert_allclose(fitted.get_xdata(), [2014, 2018])
    np.testing.assert_allclose(fitted.get_ydata(), [0.0082, 0.0082 + 4 * 0.0045], rtol=1e-10)
    # the year the text states is the year wps.year_reaching computes, in whole years
    when = wps.year_reaching(years, shares, 0.15)
    assert legend_texts(ax)[-1] == (
        f"least-squares trend:\nat this pace, 15% is reached in {int(np.floor(when))}"
    )
    target = next(line for line in ax.get_lines() if line.get_gid() == "target")
    assert list(target.get_ydata()) == [0.15, 0.15]
    assert "15% target" in legend_texts(ax)


def test_trend_against_the_strategy_path() -> None:
    path = wps.parity_targets("military_contingents")
    ax = plot.trend(["2014-03-31", "2018"], [52 / 6483, 0.026], target_path=path, fit=True)
    target = next(line for line in ax.get_lines() if line.get_gid() == "target")
    ordered = path.sort_values("year")
    np.testing.assert_allclose(target.get_xdata(), ordered["year"].astype(float))
    np.testing.assert_allclose(target.get_ydata(), ordered["target"].astype(float))
    published = next(line for line in ax.get_lines() if line.get_gid() == "target-published")
    assert len(published.get_xdata()) == int((path["kind"] == "published").sum())
    fitted = next(line for line in ax.get_lines() if line.get_gid() == "fit")
    # the trend runs on to the last target year, where the reader compares it with the target
    assert fitted.get_xdata()[-1] == pytest.approx(float(ordered["year"].max()))
    when = wps.year_reaching(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15)
    assert legend_texts(ax)[-1] == (
        f"least-squares trend:\nat this pace, 15% is reached in {int(np.floor(when))}"
    )
    low, high = ax.get_ylim()
    assert low == 0.0
    assert 0.15 <= high <= 1.0
    source = source_of(ax)
    assert source.startswith("Source: not stated. Targets: ")
    assert "Uniformed Gender Parity Strategy 2018-2028" in source


def test_trend_several_series_and_gaps() -> None:
    shares = pd.DataFrame(
        {"MLI": [0.102, 0.088, np.nan, 0.095], "NER": [0.124, 0.133, 0.146, 0.170]},
    )
    ax = plot.trend([2010, 2012, 2014, 2016], shares, target_path=0.30, source="WDI")
    observed = [line for line in ax.get_lines() if line.get_gid() == "observed"]
    assert [line.get_label() for line in observed] == ["MLI", "NER"]
    assert np.isnan(observed[0].get_ydata()[2])
    assert observed[0].get_color() != observed[1].get_color()
    assert ax.get_ylim() == pytest.approx((0.0, 0.35))
    assert legend_texts(ax) == ["MLI", "NER", "30% target"]
    assert source_of(ax) == "Source: WDI"


def test_trend_fits_span_their_own_observations() -> None:
    shares = pd.DataFrame({"BFA": [0.09, 0.10, 0.12, 0.13], "MRT": [np.nan, 0.04, 0.18, 0.22]})
    ax = plot.trend([2000, 2004, 2008, 2012], shares, target_path=0.30, fit=True)
    fits = [line for line in ax.get_lines() if line.get_gid() == "fit"]
    assert [list(line.get_xdata()) for line in fits] == [[2000, 2012], [2004, 2012]]
    slope, intercept = np.polyfit([2004, 2008, 2012], [0.04, 0.18, 0.22], 1)
    np.testing.assert_allclose(fits[1].get_ydata(), intercept + slope * np.array([2004, 2012]))
    assert "MRT: trend" in legend_texts(ax)


def test_trend_falling_share_is_never_reached() -> None:
    ax = plot.trend([2014, 2018], [0.05, 0.04], target_path=0.15, fit=True)
    assert legend_texts(ax)[-1] == "least-squares trend:\nat this pace, 15% is never reached"


def test_trend_crossing_centuries_away_is_not_reached_by_2100() -> None:
    # 10% rising a tenth of a point a year crosses 30% in 2217 (trend_status says "reached"):
    # the legend printed "is reached in 2217"; the profiles say "not reached by 2100"
    years, shares = [2017, 2018, 2019, 2020], [0.100, 0.101, 0.102, 0.103]
    assert wps.trend_status(years, shares, 0.30)["year"].iloc[0] == pytest.approx(2217.0)
    ax = plot.trend(years, shares, target_path=0.30, fit=True)
    assert legend_texts(ax)[-1] == "least-squares trend:\nat this pace, 30% is not reached by 2100"
    ax = plot.trend([2017, 2020], [0.10, 0.25], target_path=0.30, fit=True)  # 2021: said
    assert legend_texts(ax)[-1].endswith("30% is reached in 2021")


def test_trend_named_series_and_ylim() -> None:
    series = pd.Series([0.1, 0.2], name="cabinet")
    ax = plot.trend([2016, 2018], series, ylim=(0.0, 0.5))
    assert legend_texts(ax) == ["cabinet"]
    assert ax.get_ylim() == (0.0, 0.5)


@settings(max_examples=25)
@given(
    start=st.floats(0.0, 0.2),
    steps=st.lists(st.floats(0.001, 0.03), min_size=1, max_size=6),
    goal=st.floats(0.3, 0.9),
)
def test_trend_fit_reaches_the_target_where_year_reaching_says(
    start: float, steps: list[float], goal: float
) -> None:
    shares = np.minimum(start + np.cumsum([0.0, *steps]), 1.0)
    years = np.arange(2000, 2000 + shares.size)
    ax = plot.trend(years, shares, target_path=goal, fit=True)
    fitted = next(line for line in ax.get_lines() if line.get_gid() == "fit")
    x, y = fitted.get_xdata(), fitted.get_ydata()
    when = wps.year_reaching(years, shares, goal)
    # the drawn segment is the least-squares line itself (its ends are never moved)
    slope, intercept = np.polyfit(years, shares, 1)
    np.testing.assert_allclose(y, intercept + slope * x, atol=1e-9)
    if np.isfinite(when):
        at = y[0] + (y[1] - y[0]) * (when - x[0]) / (x[1] - x[0])
        assert at == pytest.approx(goal, abs=1e-9)
    low, high = ax.get_ylim()
    assert low == 0.0
    assert high >= max(float(np.max(shares)), goal) - 1e-12
    plt.close(ax.figure)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"periods": [2014, 2018], "shares": [0.1]}, ValueError, "same length"),
        ({"periods": [2014, 2018], "shares": [0.1, 12.0]}, ValueError, "must be a share"),
        ({"periods": [2018], "shares": [0.1], "fit": True}, ValueError, "two different"),
        (
            {"periods": [2014], "shares": [0.1], "target_path": pd.DataFrame({"year": [2028]})},
            ValueError,
            "no column 'target'",
        ),
        ({"periods": [2014], "shares": [0.1], "target_path": "30%"}, TypeError, "one share"),
        ({"periods": [2014], "shares": [0.1], "fit": "yes"}, TypeError, "True or False"),
    ],
)
def test_trend_bad_input(kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=re.escape(message)):
        plot.trend(**kwargs)


def test_trend_rejects_several_categories() -> None:
    with pytest.raises(ValueError, match="several categories"):
        plot.trend([2018], [0.026], target_path=wps.parity_targets())


# --------------------------------------------------------------------------------------------
# found by review: numbers a chart must not round away, input it must not draw
# --------------------------------------------------------------------------------------------


def test_trend_does_not_say_never_for_a_target_already_passed() -> None:
    ax = plot.trend([2014, 2018], [0.40, 0.35], target_path=0.30, fit=True)
    assert "never" not in legend_texts(ax)[-1]
    assert legend_texts(ax)[-1].endswith("30% met since 2014")


def test_trend_says_what_happened_as_trend_status_does() -> None:
    # met since the jump, not since the fitted line's earlier crossing (2010)
    years = list(range(2005, 2017))
    jump = [0.19, 0.19, 0.22, 0.22, 0.227, 0.227, 0.227, 0.427, 0.427, 0.433, 0.427, 0.41]
    ax = plot.trend(years, jump, target_path=0.30, fit=True)
    assert legend_texts(ax)[-1].endswith("30% met since 2012")
    # a line that passed the target while the latest share is below it
    ax = plot.trend([2015, 2016, 2017, 2018, 2019], [0.2, 0.28, 0.36, 0.40, 0.29],
                    target_path=0.30, fit=True)  # fmt: skip
    assert legend_texts(ax)[-1].endswith("it passed 30% in 2016;\nthe latest share is below")
    # a missing year: fitted through, as wps.year_reaching does (2010 + 0.1 / 0.01 = 2020)
    ax = plot.trend([2010, 2011, 2012, 2014], [0.10, np.nan, 0.12, 0.14], target_path=0.20,
                    fit=True)  # fmt: skip
    assert legend_texts(ax)[-1].endswith("at this pace, 20% is reached in 2020")
    assert wps.year_reaching([2010, 2011, 2012, 2014], [0.10, np.nan, 0.12, 0.14], 0.2) == (
        pytest.approx(2020.0)
    )


def test_trend_series_past_seven_are_told_apart() -> None:
    # the colours repeat after seven series; the line and mark must not
    frame = pd.DataFrame({f"s{i}": [0.1 + i / 100, 0.2 + i / 100] for i in range(9)})
    ax = plot.trend([2016, 2018], frame, source="")
    lines = [line for line in ax.get_lines() if line.get_gid() == "observed"]
    looks = {(line.get_color(), str(line.get_linestyle()), line.get_marker()) for line in lines}
    assert len(looks) == 9


def test_trend_refuses_an_empty_target_path() -> None:
    # the targets of a category the table lacks: said so, not drawn as nothing (nor a crash)
    empty = wps.parity_targets("military_contingents").iloc[:0]
    with pytest.raises(ValueError, match="target_path has no rows"):
        plot.trend([2014, 2018], [0.1, 0.2], target_path=empty)


def test_trend_checks_before_it_draws() -> None:
    # a series too short to fit, or limits off the share axis, leave no half-drawn figure behind
    for kwargs in ({"fit": True}, {"ylim": (0, 100)}):
        with pytest.raises(ValueError):
            plot.trend([2018], [0.1], **kwargs)
    assert plt.get_fignums() == []
