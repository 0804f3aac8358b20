"""Layout of the charts as a reader sees them: nothing cut off, hidden or overlapping.

Geometry, not pixels: each test draws the figure (Agg) and compares the boxes matplotlib
reports for its texts, bars and legend. ``Artist.get_tightbbox`` is the part of an artist that
is drawn (its extent cut to its clip box and path); ``get_window_extent`` is the whole of it.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Text

import wpsstats as wps


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def drawn(ax: Axes):
    """Draw the figure; return its renderer."""
    ax.figure.canvas.draw()
    return ax.figure.canvas.get_renderer()


def bar_labels(ax: Axes) -> list[Text]:
    """The label beside each bar or point (the texts that are neither phrase nor source)."""
    return [t for t in ax.texts if t.get_gid() not in ("source", "phrase")]


def assert_whole_and_on_page(ax: Axes, text: Text) -> None:
    """The text is drawn in full (not cut by a clip path) and lies inside the figure."""
    renderer = drawn(ax)
    whole = text.get_window_extent(renderer)
    shown = text.get_tightbbox(renderer)
    assert shown is not None, f"{text.get_text()!r} is not drawn at all"
    assert shown.width == pytest.approx(whole.width, abs=0.5), (
        f"{text.get_text()!r} is cut: {shown.width:.0f} of {whole.width:.0f} px shown"
    )
    page = ax.figure.bbox
    assert page.x0 - 0.5 <= whole.x0 and whole.x1 <= page.x1 + 0.5, (
        f"{text.get_text()!r} runs off the figure: {whole} vs {page}"
    )


# --------------------------------------------------------------------------------------------
# bar labels near the right edge: "10 of 10 (100%)" must be read in full
# --------------------------------------------------------------------------------------------


def test_representation_label_of_full_bar_is_shown_in_full():
    idx = ["all women", "tiny", "huge"]
    frame = wps.rate(pd.Series([10, 1, 12345], index=idx), pd.Series([10, 2, 98765], index=idx))
    ax = wps.plot.representation(frame, quota=0.3, source="test")
    labels = bar_labels(ax)
    assert [t.get_text() for t in labels] == [
        "10 of 10 (100%)",
        "1 of 2 (50%)",
        "12,345 of 98,765 (12.5%)",
    ]
    for text in labels:
        assert_whole_and_on_page(ax, text)


def test_parity_label_past_a_target_of_100_percent_is_shown_in_full():
    idx = ["all", "none", "huge"]
    gap = wps.parity_gap(
        pd.Series([10, 0, 12345], index=idx), pd.Series([10, 50, 98765], index=idx), [0.5, 1, 0.95]
    )
    ax = wps.plot.parity(gap, source="test")
    labels = bar_labels(ax)
    assert [t.get_text() for t in labels] == [
        "target met",
        "+50 women needed",
        "+81,482 women needed",
    ]
    for text in labels:
        assert_whole_and_on_page(ax, text)


def test_prevalence_label_of_interval_touching_one_is_shown_in_full():
    v = np.array([0.0, 0.9, 1.0])
    frame = pd.DataFrame(
        {"region": ["a", "b", "c"], "prevalence": v, "lower": v * 0.9, "upper": [0.1, 1.0, 1.0]}
    )
    ax = wps.plot.prevalence(frame, source="test")
    for text in bar_labels(ax):
        assert_whole_and_on_page(ax, text)


def test_narrowed_axis_label_is_shown_in_full():
    """xmax=0.5 with a share of 90 per cent: the label starts past the edge and is still read."""
    idx = ["A", "B"]
    frame = wps.rate(pd.Series([90, 10], index=idx), pd.Series([100, 100], index=idx))
    ax = wps.plot.representation(frame, xmax=0.5, source="test")
    for text in bar_labels(ax):
        assert_whole_and_on_page(ax, text)


# --------------------------------------------------------------------------------------------
# no legend to hide a bar: the quota line is named above the plot, clear of a title
# --------------------------------------------------------------------------------------------


def _quota_label(ax: Axes) -> Text:
    (label,) = [t for child in ax.child_axes for t in child.get_xticklabels() if t.get_text()]
    return label


def test_representation_with_full_bars_and_a_title_hides_nothing():
    # at loc="best" a legend covered the top bar and the quota line here, for bars that fill
    # the width leave no empty corner; a legend above the plot ran into a title set afterwards
    idx = ["Cabinet", "Mediators", "Monitoring committee"]
    frame = wps.rate(pd.Series([10, 45, 30], index=idx), pd.Series([10, 60, 40], index=idx))
    ax = wps.plot.representation(frame, quota=0.30, source="test")
    ax.set_title("Women in the bodies that decide on peace")
    renderer = drawn(ax)
    assert ax.get_legend() is None
    label = _quota_label(ax)
    assert label.get_text() == "30% quota"
    assert not ax.title.get_window_extent(renderer).overlaps(label.get_window_extent(renderer))
    assert_whole_and_on_page(ax, label)


@pytest.mark.parametrize("quota", [0.0, 1.0])
def test_quota_label_at_either_end_of_the_axis_is_on_the_page(quota: float):
    frame = wps.rate(pd.Series([9], index=["Cabinet"]), pd.Series([36], index=["Cabinet"]))
    ax = wps.plot.representation(frame, quota=quota, quota_label="parity", source="test")
    assert_whole_and_on_page(ax, _quota_label(ax))


def test_parity_names_its_target_ticks_under_the_chart():
    idx = ["troops", "police", "staff officers", "civilians", "observers"]
    gap = wps.parity_gap(pd.Series([95, 90, 98, 85, 92], index=idx), 100, 0.3)
    ax = wps.plot.parity(gap, source="test")
    assert ax.get_legend() is None
    (source,) = [t for t in ax.texts if t.get_gid() == "source"]
    assert source.get_text().splitlines()[-1] == "Black ticks: each row's target."
    assert_whole_and_on_page(ax, source)
