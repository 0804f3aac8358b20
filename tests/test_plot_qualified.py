"""Tests for wpsstats.plot.qualified_figures: published figures drawn as the claims they make."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_plot import (
    errorbar_segments,
    legend_texts,
    parse_tick,
    seed_rows,
    source_of,
    texts,
    ticklabels,
)

import wpsstats as wps
from wpsstats import plot
from wpsstats.plot._qualified import _ArrowHandler, _ArrowKey


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# qualified figures
# --------------------------------------------------------------------------------------------

PROTECTION = [
    "mli-child-marriage-18",
    "mli-married-girls-illiterate",
    "mli-physical-violence-women",
    "mli-gbv-survivors-without-services",
    "mli-fgm-prevalence",
]


def arrows(ax: matplotlib.axes.Axes, side: str) -> list[matplotlib.text.Annotation]:
    return [t for t in ax.texts if t.get_gid() == f"open-{side}"]


def test_qualified_figures_seed_protection(seed_text: str) -> None:
    # What the seed prints (p. 2-3), each drawn as the claim it makes.
    flat = " ".join(seed_text.split())
    for phrase in (
        "52 per cent of girls are married before 18",
        "More than nine out of 10 married girls",
        "between 83 and 92 percent",
        "89 percent of women and girls",
    ):
        assert phrase in flat
    rows = seed_rows(PROTECTION)
    ax = plot.qualified_figures(rows)

    # a reader sees each indicator's label, not the figure's id
    assert ticklabels(ax) == [
        "Child marriage before 18",
        "Illiteracy among married girls aged\n15-19",
        "Women who experienced physical\nviolence",
        "GBV survivors without access to\nservices",
        "Female genital mutilation",
    ]
    assert texts(ax, "phrase") == [
        "more than 52%",
        "more than 90%",
        "nearly 40%",
        "between 83% and 92%",
        "89%",
    ]
    assert ax.get_xlim() == (0.0, 1.0)

    right = arrows(ax, "right")
    assert [a.xy for a in right] == [(1.0, 0.0), (1.0, 1.0)]
    np.testing.assert_allclose([a.xyann[0] for a in right], [0.52, 0.90])
    left = arrows(ax, "left")
    assert [a.xy for a in left] == [(0.0, 2.0)]
    assert left[0].xyann == pytest.approx((0.40, 2.0))
    # open arrow heads
    assert all(a.arrowprops["arrowstyle"] == "->" for a in right + left)

    # the heads really sit on the axis edges once drawn
    fig = ax.figure
    fig.canvas.draw()
    edge = ax.get_window_extent()
    for a in right:
        assert a.arrow_patch.get_window_extent().x1 == pytest.approx(edge.x1, abs=3)
    assert left[0].arrow_patch.get_window_extent().x0 == pytest.approx(edge.x0, abs=3)

    rng = errorbar_segments(ax)
    np.testing.assert_allclose(rng, [[0.83, 0.92, 3.0]])
    exact = next(line for line in ax.get_lines() if line.get_gid() == "exact")
    np.testing.assert_allclose(exact.get_xdata(), [0.89])
    open_marks = next(line for line in ax.get_lines() if line.get_gid() == "bound-excluded")
    np.testing.assert_allclose(open_marks.get_xdata(), [0.52, 0.90, 0.40])
    assert open_marks.get_markerfacecolor() == "white"

    legend = legend_texts(ax)
    assert legend[0] == "exact"
    assert "more than: open-ended above" in legend
    assert "nearly: open-ended below" in legend
    assert "between: range, midpoint" in legend
    assert source_of(ax) == (
        "Source: Informal Expert Group of the Security Council on Women, Peace and Security: "
        "update on Mali and the Sahel (2018), pp. 2, 3"
    )


def test_qualified_figures_counts_and_moving_limits() -> None:
    ids = ["mli-election-workshop-participants", "mli-tjrc-depositions", "mli-villages-total"]
    ax = plot.qualified_figures(seed_rows(ids), label="text")
    assert texts(ax, "phrase") == ["more than 600", "nearly 8,000", "12,000"]
    assert ax.get_xlim() == pytest.approx((0.0, 12000 * 1.15))
    assert ax.xaxis.get_label().get_text() == "Count (as published)"
    assert " ".join(ticklabels(ax)[0].split()) == seed_rows(ids)["text"].iloc[0]
    # the open end follows the axis edge when a reader narrows the limits
    ax.set_xlim(0, 5000)
    ax.figure.canvas.draw()
    head = arrows(ax, "right")[0].arrow_patch.get_window_extent()
    assert head.x1 == pytest.approx(ax.get_window_extent().x1, abs=3)


def test_qualified_figures_every_qualifier() -> None:
    frame = pd.DataFrame(
        {
            "name": list("abcdefghi"),
            "value": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.5],
            "lower": [0.1, np.nan, 0.3, 0.4, 0.5, np.nan, np.nan, np.nan, 0.4],
            "upper": [0.1, np.nan, np.nan, np.nan, np.nan, 0.6, 0.7, 0.8, 0.6],
            "qualifier": list(plot.QUALIFIERS),
            "kind": "share",
        }
    )
    ax = plot.qualified_figures(frame, label="name", source="test table")
    assert texts(ax, "phrase") == [
        "10%",
        "about 20%",
        "more than 30%",
        "at least 40%",
        "just over 50%",
        "less than 60%",
        "at most 70%",
        "nearly 80%",
        "between 40% and 60%",
    ]
    assert [a.xy[1] for a in arrows(ax, "right")] == [2.0, 3.0, 4.0]
    assert [a.xy[1] for a in arrows(ax, "left")] == [5.0, 6.0, 7.0]
    approx = next(line for line in ax.get_lines() if line.get_gid() == "approx")
    np.testing.assert_allclose(approx.get_xdata(), [0.2])
    excluded = next(line for line in ax.get_lines() if line.get_gid() == "bound-excluded")
    included = next(line for line in ax.get_lines() if line.get_gid() == "bound-included")
    np.testing.assert_allclose(excluded.get_xdata(), [0.3, 0.5, 0.6, 0.8])
    np.testing.assert_allclose(included.get_xdata(), [0.4, 0.7])
    # an excluded bound (open circle) and an included one (filled) have keys of their own,
    # drawn as the marks are
    assert legend_texts(ax) == [
        "exact",
        "about (approximate)",
        "more than, just over: open-ended above",
        "at least: open-ended above",
        "less than, nearly: open-ended below",
        "at most: open-ended below",
        "between: range, midpoint",
    ]
    # the key's bound: open (white) where the value is excluded, filled where it is included
    handler = _ArrowHandler()
    for included, face in ((False, "white"), (True, "#0072B2")):
        key = _ArrowKey("right", "#0072B2", included=included)
        _, mark = handler.create_artists(
            ax.get_legend(), key, 0, 0, 20, 10, 10, matplotlib.transforms.IdentityTransform()
        )
        assert mark.get_markerfacecolor() == face


@settings(max_examples=30)
@given(
    qualifier=st.sampled_from(plot.QUALIFIERS),
    value=st.floats(0.02, 0.98),
)
def test_qualified_figures_open_side_property(qualifier: str, value: float) -> None:
    lower = value if qualifier in ("exact", "more_than", "at_least", "just_over") else np.nan
    upper = value if qualifier in ("exact", "less_than", "at_most", "nearly") else np.nan
    if qualifier == "between":
        lower, upper = value - 0.01, value + 0.01
    frame = pd.DataFrame(
        {"value": [value], "lower": [lower], "upper": [upper], "qualifier": [qualifier]}
    ).assign(kind="share")
    ax = plot.qualified_figures(frame, label=None)
    right, left = arrows(ax, "right"), arrows(ax, "left")
    if qualifier in ("more_than", "at_least", "just_over"):
        assert (len(right), len(left)) == (1, 0)
        assert right[0].xy == (1.0, 0.0)
        assert right[0].xyann[0] == pytest.approx(value)
    elif qualifier in ("less_than", "at_most", "nearly"):
        assert (len(right), len(left)) == (0, 1)
        assert left[0].xy == (0.0, 0.0)
        assert left[0].xyann[0] == pytest.approx(value)
    else:
        assert right == left == []
    plt.close(ax.figure)


def test_qualified_figures_missing_value_is_not_drawn() -> None:
    frame = seed_rows(["mli-fgm-prevalence", "mli-child-marriage-18"])
    frame["value"] = frame["value"].astype("Float64")
    frame.loc[1, ["value", "lower"]] = pd.NA
    ax = plot.qualified_figures(frame)
    assert texts(ax, "phrase") == ["89%", "no value"]
    assert arrows(ax, "right") == []


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda f: f.assign(qualifier=["exact", "roughly"]), ValueError, "qualifier='roughly'"),
        (lambda f: f.assign(qualifier=["exact", "more_thn"]), ValueError, "did you mean"),
        (lambda f: f.assign(qualifier=["exact", None]), ValueError, "qualifier is missing"),
        (lambda f: f.drop(columns="kind"), ValueError, "no column 'kind'"),
        (lambda f: f.assign(kind=["share", "count"]), ValueError, "mixes kinds"),
        (lambda f: f.assign(value=[89.0, 0.5]), ValueError, "value must be a share"),
        (
            lambda f: f.assign(qualifier=["exact", "between"], upper=[0.89, np.nan]),
            ValueError,
            "needs both lower and upper",
        ),
    ],
)
def test_qualified_figures_bad_input(change, error: type, message: str) -> None:  # type: ignore[no-untyped-def]
    frame = seed_rows(["mli-fgm-prevalence", "mli-child-marriage-18"])
    frame = frame.astype({"qualifier": "string", "kind": "string"})
    with pytest.raises(error, match=re.escape(message)):
        plot.qualified_figures(change(frame))


def test_qualified_figures_unknown_qualifier_names_its_position() -> None:
    frame = seed_rows(["mli-fgm-prevalence", "mli-child-marriage-18"])
    frame = frame.astype({"qualifier": "string"})
    frame.loc[1, "qualifier"] = "roughly"
    with pytest.raises(ValueError, match=r"qualifier='roughly' at index 1 is not one of 'exact'"):
        plot.qualified_figures(frame)


def phrases(ax: matplotlib.axes.Axes) -> list[matplotlib.text.Text]:
    return [t for t in ax.texts if t.get_gid() == "phrase"]


def mark_px(ax: matplotlib.axes.Axes, x: float) -> float:
    return float(ax.transData.transform((x, 0.0))[0])


def assert_inside(ax: matplotlib.axes.Axes, text: matplotlib.text.Text) -> None:
    box, frame = text.get_window_extent(), ax.get_window_extent()
    assert frame.x0 <= box.x0 and box.x1 <= frame.x1, (text.get_text(), box, frame)


def test_qualified_figures_phrase_near_the_right_edge_stays_inside() -> None:
    # "between 83 and 92 percent" (seed, p. 3): centred on 87.5% its label ran past 100%.
    rows = seed_rows(PROTECTION)
    ax = plot.qualified_figures(rows)
    ax.figure.canvas.draw()
    frame = ax.get_window_extent()
    label = phrases(ax)[3]
    assert label.get_text() == "between 83% and 92%"
    box = label.get_window_extent()
    centred_right = mark_px(ax, 0.875) + box.width / 2
    assert centred_right > frame.x1  # centred, it would be cut off: the test can fail
    for text in phrases(ax):
        assert_inside(ax, text)
    # moved only as far as needed: it ends just inside the edge and still spans its mark
    assert frame.x1 - box.x1 == pytest.approx(ax.figure.dpi * 2 / 72, abs=1.0)
    assert box.x0 < mark_px(ax, 0.875) < box.x1
    # a label with room is centred on its mark
    more_than_52 = phrases(ax)[0].get_window_extent()
    assert (more_than_52.x0 + more_than_52.x1) / 2 == pytest.approx(mark_px(ax, 0.52), abs=1)


def test_qualified_figures_phrase_follows_resizes_and_wraps_when_wider_than_the_axis() -> None:
    # The seed's "2.5 million asylum claimants" (p. 4) as the range its rounding allows.
    rows = pd.DataFrame(
        {
            "figure_id": ["asylum claimants, 2.5 million (rounded)"],
            "kind": ["count"],
            "qualifier": ["between"],
            "value": [2_500_000.0],
            "lower": [2_450_000.0],
            "upper": [2_550_000.0],
        }
    )
    fig, ax = plt.subplots(figsize=(6.5, 3), layout="constrained")
    plot.qualified_figures(rows, ax=ax, xlim=(0, 3_000_000), source="")
    (label,) = phrases(ax)
    assert label.get_text() == "between 2,450,000 and 2,550,000"
    fig.canvas.draw()
    # narrower than the phrase: two lines, both inside
    assert label.get_text() == "between 2,450,000\nand 2,550,000"
    assert_inside(ax, label)
    fig.set_size_inches(11, 3)
    fig.canvas.draw()
    assert label.get_text() == "between 2,450,000 and 2,550,000"
    assert_inside(ax, label)
    box = label.get_window_extent()
    assert box.x0 < mark_px(ax, 2_500_000) < box.x1


def test_qualified_figures_phrase_keeps_alignment_and_leaves_hidden_marks_alone() -> None:
    ax = plot.qualified_figures(seed_rows(PROTECTION))
    between, fgm = phrases(ax)[3], phrases(ax)[4]
    between.set_horizontalalignment("right")  # as the notebooks did before this fix
    ax.figure.canvas.draw()
    box = between.get_window_extent()
    assert box.x1 == pytest.approx(mark_px(ax, 0.875), abs=1)
    # a mark beyond narrowed limits keeps its label with it, out of sight
    ax.set_xlim(0.0, 0.6)
    ax.figure.canvas.draw()
    assert fgm.get_position()[0] == pytest.approx(0.89)
    # and a caller's own position is the new mark the label sits over
    fgm.set_x(0.3)
    ax.figure.canvas.draw()
    fgm_box = fgm.get_window_extent()
    assert (fgm_box.x0 + fgm_box.x1) / 2 == pytest.approx(mark_px(ax, 0.3), abs=1)


def test_qualified_figures_redraw_changes_nothing() -> None:
    # A label that moved at every draw would keep an interactive figure redrawing itself.
    ax = plot.qualified_figures(seed_rows(PROTECTION))
    ax.figure.canvas.draw()
    before = [(t.get_text(), t.get_position()) for t in phrases(ax)]
    touched: list[bool] = []
    for text in phrases(ax):
        text.stale_callback = lambda _artist, value: touched.append(value)
    ax.figure.canvas.draw()
    assert touched == []
    assert [(t.get_text(), t.get_position()) for t in phrases(ax)] == before


@settings(max_examples=25)
@given(
    qualifier=st.sampled_from(plot.QUALIFIERS),
    value=st.floats(0.0, 1.0),
    width=st.floats(5.0, 11.0),
)
def test_qualified_figures_phrase_inside_property(
    qualifier: str, value: float, width: float
) -> None:
    lower = upper = value
    if qualifier == "between":
        lower, upper = max(0.0, value - 0.05), min(1.0, value + 0.05)
        value = (lower + upper) / 2
    frame = pd.DataFrame(
        {"value": [value], "lower": [lower], "upper": [upper], "qualifier": [qualifier]}
    ).assign(kind="share")
    fig, ax = plt.subplots(figsize=(width, 2.6), layout="constrained")
    plot.qualified_figures(frame, label=None, ax=ax, source="")
    fig.canvas.draw()
    (label,) = phrases(ax)
    assert_inside(ax, label)
    box, frame_box = label.get_window_extent(), ax.get_window_extent()
    pad = fig.dpi * 2 / 72
    at = mark_px(ax, value)
    # over its mark, give or take the padding kept at the edges
    assert box.x0 - pad - 1 <= at <= box.x1 + pad + 1
    # centred wherever the centred label fits
    if frame_box.x0 + pad <= at - box.width / 2 and at + box.width / 2 <= frame_box.x1 - pad:
        assert (box.x0 + box.x1) / 2 == pytest.approx(at, abs=1)
    plt.close(fig)


def visible_ticklabels(ax: matplotlib.axes.Axes) -> list[matplotlib.text.Text]:
    ax.figure.canvas.draw()
    lo, hi = ax.get_xlim()
    return [
        t
        for t, loc in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
        if lo <= loc <= hi and t.get_text()
    ]


@pytest.mark.parametrize("width", [8.0, 5.0])
def test_qualified_figures_counts_in_millions_have_readable_ticks(width: float) -> None:
    ids = ["sah-asylum-claimants", "mli-tjrc-depositions", "mli-villages-total"]
    _, ax = plt.subplots(figsize=(width, 3), layout="constrained")
    rows = wps.figures().set_index("figure_id").loc[ids].reset_index()
    # short names: the indicators' labels would leave a 5-inch figure no room for the axis
    plot.qualified_figures(rows.assign(name=["claimants", "depositions", "villages"]), ax=ax,
                           label="name")  # fmt: skip
    shown = visible_ticklabels(ax)
    labels = [t.get_text() for t in shown]
    assert all(re.fullmatch(r"0|\d+(\.\d+)?[kM]", label) for label in labels), labels
    visible = [loc for loc in ax.get_xticks() if ax.get_xlim()[0] <= loc <= ax.get_xlim()[1]]
    np.testing.assert_allclose([parse_tick(x) for x in labels], visible)
    boxes = [t.get_window_extent() for t in shown]
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))
    # the phrase stays as printed, in full
    assert texts(ax, "phrase")[0] == "2,500,000"


def test_count_ticks_by_size_of_axis() -> None:
    ids = ["sah-asylum-claimants"]
    ax = plot.qualified_figures(wps.figures().set_index("figure_id").loc[ids].reset_index())
    ax.set_xticks([0, 500_000, 1_000_000, 2_500_000, 1_250_000_000])
    ax.set_xlim(0, 1_300_000_000)
    assert [t.get_text() for t in visible_ticklabels(ax)] == ["0", "500k", "1M", "2.5M", "1.25B"]
    # on an axis below 10,000 the figure is written out, with a thousands separator
    ids = ["mli-election-workshop-participants", "mli-tjrc-depositions"]
    ax = plot.qualified_figures(wps.figures().set_index("figure_id").loc[ids].reset_index())
    ax.set_xlim(0, 9_000)
    labels = [t.get_text() for t in visible_ticklabels(ax)]
    assert "2,000" in labels and all("k" not in x for x in labels)
    # a rate axis below 1 keeps its decimals (whole-number labels would all read "0")
    rate = pd.DataFrame({"value": [0.8], "lower": [0.8], "upper": [0.8], "qualifier": ["exact"]})
    ax = plot.qualified_figures(rate.assign(kind="rate"), label=None, source="")
    labels = [t.get_text() for t in visible_ticklabels(ax)]
    assert len(set(labels)) == len(labels) and "0.2" in labels
