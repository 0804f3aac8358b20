"""Tests that close gaps found by mutating wpsstats.plot by hand: each fails under a change a
reader of the chart would read wrongly (a bar in the wrong row, a label across its whisker, an
axis that ignores its limits, a source or a legend entry dropped) and passes on the real code.

Expected values come from the input data, never from the code path under test.
"""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.container import ErrorbarContainer
from test_plot import (
    bars,
    errorbar_segments,
    legend_texts,
    plain_texts,
    source_of,
    texts,
    ticklabels,
    top_labels,
)

import wpsstats as wps
from wpsstats import plot
from wpsstats.datasets import load
from wpsstats.plot import style

NAN = float("nan")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def centres(ax: matplotlib.axes.Axes) -> list[float]:
    """The y of each horizontal bar's middle: the row it stands in."""
    return [r.get_y() + r.get_height() / 2 for r in bars(ax)]


def px(ax: matplotlib.axes.Axes, x: float) -> float:
    return float(ax.transData.transform((x, 0.0))[0])


def row_labels(ax: matplotlib.axes.Axes) -> list[matplotlib.text.Text]:
    """The texts beside the bars (not the source line)."""
    return [t for t in ax.texts if t.get_gid() is None]


def visible_tick_labels(axis: matplotlib.axis.Axis) -> list[tuple[float, str]]:
    """(location, label) of each tick shown, once drawn."""
    axis.axes.figure.canvas.draw()
    lo, hi = sorted(axis.get_view_interval())
    return [
        (float(loc), t.get_text())
        for loc, t in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=True)
        if lo - 1e-12 <= loc <= hi + 1e-12
    ]


# --------------------------------------------------------------------------------------------
# representation
# --------------------------------------------------------------------------------------------


def bodies_with_gaps() -> pd.DataFrame:
    """Four bodies: a share, a body whose share is unknown, one with no members, a share."""
    return pd.DataFrame(
        {
            "women": [9, 5, 0, 20],
            "total": [36, 20, 0, 50],
            "rate": [9 / 36, NAN, NAN, 20 / 50],
            "lower": [0.14, NAN, NAN, 0.27],
            "upper": [0.41, NAN, NAN, 0.54],
        },
        index=["cabinet", "commission", "new panel", "senate"],
    )


def test_representation_bars_and_whiskers_stay_in_their_rows() -> None:
    # A row without a share in the middle: the rows after it keep their places, so that the
    # senate's bar stands beside the word "senate", not beside "commission".
    frame = bodies_with_gaps()
    ax = plot.representation(frame, source="")
    assert ticklabels(ax) == ["cabinet", "commission", "new panel", "senate"]
    assert centres(ax) == [0.0, 3.0]
    np.testing.assert_allclose([r.get_width() for r in bars(ax)], [9 / 36, 20 / 50])
    whiskers = errorbar_segments(ax)
    np.testing.assert_allclose(whiskers, [[0.14, 0.41, 0.0], [0.27, 0.54, 3.0]])
    # a share not known is "no data"; a body without members has no share at all
    assert plain_texts(ax) == ["9 of 36 (25%)", "no data", "no members", "20 of 50 (40%)"]
    assert [t.get_position()[1] for t in row_labels(ax)] == [0, 1, 2, 3]


def test_representation_names_the_quota_and_the_whiskers_where_they_are() -> None:
    # no legend: the quota line is named above the plot, the whiskers in the note (kept when
    # the source is left out), the bars by the axis label
    ax = plot.representation(wps.rate([9], [36]), quota=0.30, source="")
    assert top_labels(ax) == ["30% quota"]
    assert source_of(ax) == "Whiskers: Wilson 95% confidence intervals of the share."
    assert ax.get_xlabel() == "Share of women"
    assert ax.get_legend() is None


def test_representation_half_an_interval_draws_no_whisker() -> None:
    # Only an upper bound: nothing to draw a whisker from, so no whisker, no note about one.
    frame = pd.DataFrame(
        {"women": [9], "total": [36], "rate": [0.25], "lower": [NAN], "upper": [0.41]}
    )
    ax = plot.representation(frame, source="S")
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert "Whiskers" not in source_of(ax)
    assert top_labels(ax) == []


def test_representation_labels_start_past_their_whisker() -> None:
    # 1 of 4: a short bar with a long whisker (Wilson, 4.6-70%); the label must not sit on it.
    frame = wps.rate([1, 30], [4, 100])
    assert frame["upper"].iloc[0] > frame["rate"].iloc[0] + 0.3  # the whisker is long
    ax = plot.representation(frame, source="")
    ax.figure.canvas.draw()
    for text, upper in zip(row_labels(ax), frame["upper"], strict=True):
        assert text.get_window_extent().x0 >= px(ax, upper), text.get_text()


def test_representation_labels_of_bars_past_a_narrow_axis_stay_at_its_edge() -> None:
    # xmax=0.5 and a body at 80%: the bar is cut at the edge; its label sits there, on the page,
    # not where 80% would be.
    frame = wps.rate([80, 10], [100, 100], method=None)
    ax = plot.representation(frame, xmax=0.5, source="")
    ax.figure.canvas.draw()
    frame_box = ax.get_window_extent()
    first = row_labels(ax)[0]
    assert first.get_text() == "80 of 100 (80%)"
    x0 = first.get_window_extent().x0
    assert frame_box.x1 <= x0 <= frame_box.x1 + 0.03 * frame_box.width


def test_share_axes_are_labelled() -> None:
    ax = plot.representation(wps.rate([9], [36]), source="")
    assert ax.get_xlabel() == "Share of women"
    gap = pd.DataFrame(
        {"share": [0.1], "target": [0.15], "gap_pp": [5.0], "women_needed": [pd.NA], "met": [pd.NA]}
    )
    assert plot.parity(gap, source="").get_xlabel() == "Share of women"


def test_a_narrow_share_axis_never_rounds_a_tick_away() -> None:
    # 0-2 per cent: ticks every 0.5 point (or finer) must read "0.5%", "1.5%", not "0%", "2%".
    ax = plot.representation(wps.rate([1], [250], method=None), xmax=0.02, source="")
    ticks = visible_tick_labels(ax.xaxis)
    labels = [label for _, label in ticks]
    assert len(ticks) >= 3
    assert len(set(labels)) == len(labels), labels
    for loc, label in ticks:
        assert label.endswith("%")
        assert float(label.removesuffix("%")) / 100 == pytest.approx(loc, abs=1e-12), label


# --------------------------------------------------------------------------------------------
# parity
# --------------------------------------------------------------------------------------------


def test_parity_bars_and_target_ticks_stay_in_their_rows() -> None:
    frame = pd.DataFrame(
        {
            "share": [0.026, NAN, 0.20, 0.52],
            "target": [0.15, 0.30, NAN, 0.50],
            "gap_pp": NAN,
            "women_needed": pd.NA,
            "met": pd.NA,
        },
        index=["military", "police", "staff_officers", "civilians"],
    )
    ax = plot.parity(frame, source="")
    assert centres(ax) == [0.0, 2.0, 3.0]
    np.testing.assert_allclose([r.get_width() for r in bars(ax)], [0.026, 0.20, 0.52])
    ticks = next(line for line in ax.get_lines() if line.get_gid() == "targets")
    np.testing.assert_allclose(ticks.get_xdata(), [0.15, 0.30, 0.50])
    np.testing.assert_allclose(ticks.get_ydata(), [0, 1, 3])
    # 15 - 2.6 = 12.4 points short; 52% against 50% is met
    assert plain_texts(ax) == ["-12.4 pp to target", "no data", "no target", "target met"]


def test_parity_label_starts_past_the_target_tick() -> None:
    # 2.6% against 15%: the label goes right of the target tick, not across it.
    frame = pd.DataFrame(
        {"share": [0.026], "target": [0.15], "gap_pp": [NAN], "women_needed": [pd.NA],
         "met": [pd.NA]}
    )  # fmt: skip
    ax = plot.parity(frame, source="")
    ax.figure.canvas.draw()
    (label,) = row_labels(ax)
    assert label.get_window_extent().x0 > px(ax, 0.15)


def test_parity_takes_xmax() -> None:
    ax = plot.parity(
        pd.DataFrame(
            {"share": [0.1], "target": [0.15], "gap_pp": [NAN], "women_needed": [pd.NA],
             "met": [pd.NA]}
        ),
        xmax=0.5,
        source="",
    )  # fmt: skip
    assert ax.get_xlim() == (0.0, 0.5)


def test_parity_label_is_the_gap_pp_given() -> None:
    # A share published as "3 per cent" (rounded) with the exact gap from the counts, 11.6
    # points: the label says the gap the frame gives, not 15 - 3 = 12 from the rounded share.
    frame = pd.DataFrame(
        {"share": [0.03], "target": [0.15], "gap_pp": [11.6], "women_needed": [pd.NA],
         "met": [pd.NA]}
    )  # fmt: skip
    assert plain_texts(plot.parity(frame, source="")) == ["-11.6 pp to target"]


def test_parity_a_stated_met_outranks_a_rounded_share() -> None:
    # The counts said 29.8% (met=False); the share kept is 30% rounded, level with the target.
    # The frame's own "met" decides: the bar is orange, below target.
    frame = pd.DataFrame(
        {"share": [0.30], "target": [0.30], "gap_pp": [NAN], "women_needed": [pd.NA],
         "met": pd.array([False], dtype="boolean")}
    )  # fmt: skip
    ax = plot.parity(frame, source="")
    (rect,) = bars(ax)
    assert rect.get_facecolor() == matplotlib.colors.to_rgba(plot.OKABE_ITO["orange"])
    assert plain_texts(ax) == ["+0 pp to target"]


# --------------------------------------------------------------------------------------------
# prevalence
# --------------------------------------------------------------------------------------------


def domains() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": ["north", "south", "east"],
            "prevalence": [0.30, NAN, 0.10],
            "lower": [0.20, NAN, 0.02],
            "upper": [0.42, NAN, 0.38],
        }
    )


def test_prevalence_missing_estimate_says_so_and_the_axis_is_named() -> None:
    ax = plot.prevalence(domains(), source="")
    assert ticklabels(ax) == ["north", "south", "east"]
    assert plain_texts(ax) == ["30% (20-42%)", "no estimate", "10% (2-38%)"]
    assert ax.get_xlabel() == "Prevalence"
    points = next(line for line in ax.lines if line.get_gid() == "estimates")
    np.testing.assert_allclose(points.get_xdata(), [0.30, 0.10])
    np.testing.assert_allclose(points.get_ydata(), [0, 2])


def test_prevalence_labels_start_past_their_whisker() -> None:
    frame = domains()
    ax = plot.prevalence(frame, source="")
    ax.figure.canvas.draw()
    labels = row_labels(ax)
    for i in (0, 2):
        assert labels[i].get_window_extent().x0 >= px(ax, frame["upper"].iloc[i]), i


def test_prevalence_note_explains_the_parentheses() -> None:
    ax = plot.prevalence(domains(), marks=["", "", "()"], source="synthetic")
    assert plain_texts(ax)[2] == "(10%)"
    assert "( ) and hollow points: 25-49 unweighted cases." in source_of(ax)


def test_prevalence_takes_xmax_and_a_label_column() -> None:
    frame = domains().assign(name=["North (n=120)", "South (n=40)", "East (n=60)"])
    ax = plot.prevalence(frame, label="name", xmax=0.5, source="")
    assert ax.get_xlim() == (0.0, 0.5)
    assert ticklabels(ax) == ["North (n=120)", "South (n=40)", "East (n=60)"]


def test_prevalence_half_an_interval_draws_no_whisker_and_no_note_of_one() -> None:
    # Bug fixed: a lower bound without its upper drew no whisker, yet the note under the chart
    # said "Whiskers: confidence intervals of the prevalence".
    frame = pd.DataFrame({"region": ["a"], "prevalence": [0.3], "lower": [0.2], "upper": [NAN]})
    ax = plot.prevalence(frame, source="S")
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert plain_texts(ax) == ["30%"]
    assert source_of(ax) == "Source: S"


def test_prevalence_missing_domain_is_named_missing() -> None:
    frame = domains().assign(region=pd.array(["north", pd.NA, "east"], dtype="string"))
    assert ticklabels(plot.prevalence(frame, source="")) == ["north", "missing", "east"]


# --------------------------------------------------------------------------------------------
# the source line and the labels of bundled figures
# --------------------------------------------------------------------------------------------


def test_every_source_in_the_source_column_is_cited() -> None:
    frame = wps.rate([9, 41], [36, 147], method=None).assign(
        source=["Government of Mali, decree (2017)", "IPU Parline (2020)"]
    )
    ax = plot.representation(frame)
    assert source_of(ax) == "Source: Government of Mali, decree (2017); IPU Parline (2020)"


def test_pages_are_listed_in_page_order_past_nine() -> None:
    frame = pd.DataFrame({"source_title": ["IEG update"] * 3, "locator": ["p. 10", "p. 2", "p. 9"]})
    assert style.default_source(frame) == "IEG update, pp. 2, 9, 10"


def test_a_sidecar_source_is_cited_with_producer_and_date() -> None:
    frame = wps.rate([9], [36], method=None)
    frame.attrs["wpsstats"] = {
        "sources": [{"producer": "IPU", "title": "Parline", "date": "2024-01-01"}]
    }
    assert source_of(plot.representation(frame)) == "Source: IPU, Parline, 2024-01-01"


def test_two_figures_of_one_indicator_are_told_apart_by_their_period() -> None:
    label = load("indicators").set_index("indicator").loc["displaced_persons", "label"]
    got = style.figure_labels(["sah-displaced-2020", "sah-displaced-2025"])
    assert got == [f"{label} (2020)", f"{label} (2025)"]
    # the same period too: the ids, which differ, rather than one label twice
    ids = ["bfa-women-parliament-range", "gin-women-parliament-range"]
    assert style.figure_labels(ids) == ids


def test_count_ticks_are_compact_from_ten_thousand() -> None:
    formatter = style.CountFormatter()
    formatter.set_locs([0, 20_000, 40_000])
    assert [formatter(x) for x in (0, 20_000, 40_000)] == ["0", "20k", "40k"]
    formatter.set_locs([0, 5_000, 10_000])
    assert formatter(10_000) == "10k"


# --------------------------------------------------------------------------------------------
# qualified figures
# --------------------------------------------------------------------------------------------


def claims(rows: list[tuple[str, float, float, float]], kind: str = "share") -> pd.DataFrame:
    """(qualifier, value, lower, upper) rows, named a, b, c, ..."""
    frame = pd.DataFrame(rows, columns=["qualifier", "value", "lower", "upper"])
    return frame.assign(kind=kind, name=[chr(ord("a") + i) for i in range(len(rows))])


def test_qualified_marks_stay_in_their_rows() -> None:
    frame = claims(
        [
            ("more_than", 0.52, 0.52, NAN),
            ("exact", 0.89, 0.89, 0.89),
            ("approx", 0.20, NAN, NAN),
            ("exact", 0.40, 0.40, 0.40),
            ("approx", 0.60, NAN, NAN),
        ]
    )
    ax = plot.qualified_figures(frame, label="name", source="")
    exact = next(line for line in ax.get_lines() if line.get_gid() == "exact")
    np.testing.assert_allclose(exact.get_xdata(), [0.89, 0.40])
    np.testing.assert_allclose(exact.get_ydata(), [1, 3])
    approx = next(line for line in ax.get_lines() if line.get_gid() == "approx")
    np.testing.assert_allclose(approx.get_xdata(), [0.20, 0.60])
    np.testing.assert_allclose(approx.get_ydata(), [2, 4])
    # the first figure on top, and each phrase nearer its own row than any other
    assert ticklabels(ax) == ["a", "b", "c", "d", "e"]
    low, high = ax.get_ylim()
    assert low > high
    for i, text in enumerate(t for t in ax.texts if t.get_gid() == "phrase"):
        assert abs(text.get_position()[1] - i) < 0.5, text.get_text()


def test_qualified_bounds_are_the_frames_own_where_set() -> None:
    # "More than half" recorded with the half as its bound, an estimate above it; "nearly 40%"
    # as 38% below a bound of 40%; a range whose value is not its midpoint.
    frame = claims(
        [("more_than", 0.55, 0.50, NAN), ("nearly", 0.38, NAN, 0.40), ("between", 0.30, 0.20, 0.35)]
    )
    ax = plot.qualified_figures(frame, label="name", source="")
    right = [t for t in ax.texts if t.get_gid() == "open-right"]
    left = [t for t in ax.texts if t.get_gid() == "open-left"]
    assert right[0].xyann == pytest.approx((0.50, 0.0))
    assert left[0].xyann == pytest.approx((0.40, 1.0))
    excluded = next(line for line in ax.get_lines() if line.get_gid() == "bound-excluded")
    np.testing.assert_allclose(excluded.get_xdata(), [0.50, 0.40])
    # the phrase sits over the bound its arrow starts from
    phrases = [t for t in ax.texts if t.get_gid() == "phrase"]
    assert [t.get_position()[0] for t in phrases[:2]] == pytest.approx([0.50, 0.40])
    np.testing.assert_allclose(errorbar_segments(ax), [[0.20, 0.35, 2.0]])


def test_qualified_an_included_bound_is_filled_an_excluded_one_open() -> None:
    # "at least 30%" includes 30%: a filled point; "more than 30%" excludes it: an open one
    frame = claims([("at_least", 0.30, 0.30, NAN), ("more_than", 0.30, 0.30, NAN)])
    ax = plot.qualified_figures(frame, label="name", source="")
    blue = matplotlib.colors.to_rgba(plot.OKABE_ITO["blue"])
    included = next(line for line in ax.get_lines() if line.get_gid() == "bound-included")
    excluded = next(line for line in ax.get_lines() if line.get_gid() == "bound-excluded")
    assert list(included.get_ydata()) == [0.0]
    assert list(excluded.get_ydata()) == [1.0]
    assert matplotlib.colors.to_rgba(included.get_markerfacecolor()) == blue
    assert matplotlib.colors.to_rgba(excluded.get_markerfacecolor()) == (1.0, 1.0, 1.0, 1.0)


def test_qualified_share_axis_reads_in_per_cent_and_takes_xlim() -> None:
    frame = claims([("exact", 0.30, 0.30, 0.30)])
    ax = plot.qualified_figures(frame, label="name", source="")
    assert ax.get_xlabel() == "Share (as published)"
    ticks = visible_tick_labels(ax.xaxis)
    assert [label for _, label in ticks] == [f"{round(loc * 100)}%" for loc, _ in ticks]
    assert ax.get_xlim() == (0.0, 1.0)
    narrowed = plot.qualified_figures(frame, label="name", xlim=(0.2, 0.4), source="")
    assert narrowed.get_xlim() == (0.2, 0.4)
    counts = claims([("exact", 600.0, 600.0, 600.0)], kind="count")
    assert plot.qualified_figures(counts, label="name", xlim=(0, 2000)).get_xlim() == (0, 2000)


def test_qualified_count_axis_holds_the_whole_range() -> None:
    # between 100 and 1,000, midpoint 550: the default axis must reach 1,000, not 550 * 1.15
    frame = claims([("between", 550.0, 100.0, 1000.0)], kind="count")
    ax = plot.qualified_figures(frame, label="name", source="")
    assert ax.get_xlim()[0] == 0.0
    assert ax.get_xlim()[1] >= 1000.0


def test_qualified_legend_keys_only_marks_drawn() -> None:
    # a "more than" row without a value is not drawn: no key for an arrow that is not there
    frame = claims([("exact", 0.30, 0.30, 0.30), ("more_than", NAN, NAN, NAN)])
    ax = plot.qualified_figures(frame, label="name", source="")
    assert texts(ax, "phrase") == ["30%", "no value"]
    assert legend_texts(ax) == ["exact"]


# --------------------------------------------------------------------------------------------
# trend
# --------------------------------------------------------------------------------------------


def test_trend_draws_the_years_in_order_whatever_order_they_come_in() -> None:
    years, shares = [2018, 2014, 2016], [0.26, 0.10, 0.20]
    path = pd.DataFrame({"year": [2028, 2018, 2023], "target": [0.15, 0.06, 0.10]})
    ax = plot.trend(years, shares, target_path=path, source="")
    observed = next(line for line in ax.get_lines() if line.get_gid() == "observed")
    assert list(observed.get_xdata()) == [2014, 2016, 2018]
    assert list(observed.get_ydata()) == [0.10, 0.20, 0.26]
    target = next(line for line in ax.get_lines() if line.get_gid() == "target")
    assert list(target.get_xdata()) == [2018, 2023, 2028]
    assert list(target.get_ydata()) == [0.06, 0.10, 0.15]


def test_trend_fit_lines_take_their_series_colour() -> None:
    shares = pd.DataFrame({"MLI": [0.10, 0.12, 0.15], "NER": [0.13, 0.15, 0.17]})
    ax = plot.trend([2014, 2016, 2018], shares, fit=True, source="")
    observed = {line.get_label(): line for line in ax.get_lines() if line.get_gid() == "observed"}
    fits = [line for line in ax.get_lines() if line.get_gid() == "fit"]
    assert [line.get_label() for line in fits] == ["MLI: trend", "NER: trend"]
    for name, line in zip(["MLI", "NER"], fits, strict=True):
        assert line.get_color() == observed[name].get_color()
    assert fits[0].get_color() != fits[1].get_color()


def test_trend_axis_reads_in_per_cent_and_is_labelled() -> None:
    ax = plot.trend([2014, 2018], [0.10, 0.20], source="")
    assert ax.get_ylabel() == "Share of women"
    assert ax.get_xlabel() == "Year"
    ticks = visible_tick_labels(ax.yaxis)
    assert len(ticks) >= 3
    for loc, label in ticks:
        assert float(label.removesuffix("%")) / 100 == pytest.approx(loc, abs=1e-12), label


def test_trend_axis_holds_the_fitted_line_but_stops_at_100_per_cent() -> None:
    # 10, 15, 20 per cent in 2016-2018: at 5 points a year the line reaches 70% by 2028, the
    # path's last year; the axis must show where the line goes, not cut it at the target.
    years, shares = [2016, 2017, 2018], [0.10, 0.15, 0.20]
    path = pd.DataFrame({"year": [2018, 2028], "target": [0.15, 0.30]})
    ax = plot.trend(years, shares, target_path=path, fit=True, source="")
    slope, intercept = np.polyfit(years, shares, 1)
    assert intercept + slope * 2028 == pytest.approx(0.70)
    assert ax.get_ylim()[1] >= 0.70
    # near parity the headroom stops at 100 per cent
    ax = plot.trend([2016, 2018], [0.90, 0.95], source="")
    assert ax.get_ylim() == (0.0, 1.0)


def test_trend_legend_names_the_published_targets() -> None:
    path = wps.parity_targets("military_contingents")
    assert (path["kind"] == "published").any()
    ax = plot.trend([2018], [0.026], target_path=path, source="")
    assert legend_texts(ax) == ["observed", "target", "published target"]


def test_trend_empty_source_draws_no_source_line_even_with_a_target_path() -> None:
    path = wps.parity_targets("military_contingents")
    assert "source_id" in path.columns
    ax = plot.trend([2018], [0.026], target_path=path, source="")
    assert texts(ax, "source") == []
