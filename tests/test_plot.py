"""Tests for wpsstats.plot: the charts are drawn, and drawn right (Agg backend, set in conftest)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.container import ErrorbarContainer
from matplotlib.patches import Rectangle

import wpsstats as wps
from wpsstats import plot

ROOT = Path(__file__).resolve().parent.parent
SEED_SOURCE = "IEG on WPS, update on Mali and the Sahel (2018), p. 1"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def bars(ax: matplotlib.axes.Axes) -> list[Rectangle]:
    return [p for c in ax.containers if not isinstance(c, ErrorbarContainer) for p in c]


def texts(ax: matplotlib.axes.Axes, gid: str | None = None) -> list[str]:
    return [t.get_text() for t in ax.texts if gid is None or t.get_gid() == gid]


def plain_texts(ax: matplotlib.axes.Axes) -> list[str]:
    """Texts that are neither the source line nor a marked annotation."""
    return [t.get_text() for t in ax.texts if t.get_gid() is None]


def source_of(ax: matplotlib.axes.Axes) -> str:
    lines = [t for t in ax.texts if t.get_gid() == "source"]
    assert len(lines) == 1
    return " ".join(lines[0].get_text().split())


def ticklabels(ax: matplotlib.axes.Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def legend_texts(ax: matplotlib.axes.Axes) -> list[str]:
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def errorbar_segments(ax: matplotlib.axes.Axes) -> np.ndarray:
    """(x0, x1, y) of each whisker of the first error-bar container."""
    container = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    segments = container.lines[2][0].get_segments()
    return np.array([[s[0][0], s[1][0], s[0][1]] for s in segments])


# --------------------------------------------------------------------------------------------
# palette
# --------------------------------------------------------------------------------------------


def test_palette_is_okabe_ito_as_r_prints_it() -> None:
    # R 4.1: print(palette.colors(palette = "Okabe-Ito")), run on this machine.
    r_output = {
        "black": "#000000",
        "orange": "#E69F00",
        "skyblue": "#56B4E9",
        "bluishgreen": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddishpurple": "#CC79A7",
        "gray": "#999999",
    }
    ours = {k.replace("_", "").replace("grey", "gray"): v for k, v in plot.OKABE_ITO.items()}
    assert ours == r_output


def test_charts_use_only_the_palette() -> None:
    frame = wps.rate(pd.Series([9, 225], index=["a", "b"]), pd.Series([36, 703], index=["a", "b"]))
    ax = plot.representation(frame, quota=0.3)
    allowed = {matplotlib.colors.to_rgba(c) for c in plot.OKABE_ITO.values()}
    for patch in bars(ax):
        assert patch.get_facecolor() in allowed
    for line in ax.get_lines():
        assert matplotlib.colors.to_rgba(line.get_color()) in allowed


# --------------------------------------------------------------------------------------------
# representation
# --------------------------------------------------------------------------------------------


def seed_bodies() -> pd.DataFrame:
    """Counts the seed prints (p. 1-2): the cabinet, the election mediators, the trainees."""
    figs = wps.figures(geo="MLI").set_index("figure_id")
    ids = ["mli-cabinet-women", "mli-election-mediators-women", "mli-security-training-women"]
    rows = figs.loc[ids]
    women = rows["numerator"].astype(int).rename(None)
    total = rows["denominator"].astype(int).rename(None)
    return wps.rate(women, total)


def test_representation_draws_bars_intervals_and_counts(seed_text: str) -> None:
    # The seed prints the counts; the labels must say them as printed.
    assert "nine women out of its 36 members (25 per cent)" in seed_text
    assert "703 elections mediators, including 225 women" in seed_text
    assert "1,279 members of the Malian security forces, including 204 women" in seed_text
    frame = seed_bodies()
    ax = plot.representation(frame, quota=0.30, source=SEED_SOURCE)

    rects = bars(ax)
    assert len(rects) == 3
    np.testing.assert_allclose([r.get_width() for r in rects], [9 / 36, 225 / 703, 204 / 1279])
    assert [r.get_y() + r.get_height() / 2 for r in rects] == [0, 1, 2]
    assert ticklabels(ax) == [
        "mli-cabinet-women",
        "mli-election-mediators-women",
        "mli-security-training-women",
    ]
    assert plain_texts(ax) == ["9 of 36 (25%)", "225 of 703 (32%)", "204 of 1,279 (15.9%)"]
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_ylim() == (2.5, -0.5)  # first row on top

    whiskers = errorbar_segments(ax)
    np.testing.assert_allclose(whiskers[:, 0], frame["lower"])
    np.testing.assert_allclose(whiskers[:, 1], frame["upper"])
    np.testing.assert_allclose(whiskers[:, 2], [0, 1, 2])

    quota = next(line for line in ax.get_lines() if line.get_gid() == "quota")
    assert list(quota.get_xdata()) == [0.30, 0.30]
    assert "30% quota" in legend_texts(ax)
    assert "95% confidence interval" in legend_texts(ax)
    assert source_of(ax) == (
        "Source: IEG on WPS, update on Mali and the Sahel (2018), p. 1 "
        "Whiskers: Wilson 95% confidence intervals of the share."
    )


def test_representation_without_intervals() -> None:
    # rate(method=None) has no lower/upper columns: bars and counts only, no whisker note.
    frame = wps.rate([9], [36], method=None)
    ax = plot.representation(frame, label=None, source=SEED_SOURCE)
    assert len(bars(ax)) == 1
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert plain_texts(ax) == ["9 of 36 (25%)"]
    assert "Whiskers" not in source_of(ax)
    assert ax.get_legend() is None


def test_representation_nan_bounds_empty_body_and_label_column() -> None:
    frame = pd.DataFrame(
        {
            "body": ["cabinet", "commission", "new_panel"],
            "women": [9, 3, 0],
            "total": [36, 12, 0],
            "rate": [0.25, 0.25, np.nan],
            "lower": [0.14, np.nan, np.nan],
            "upper": [0.41, np.nan, np.nan],
        }
    )
    ax = plot.representation(frame, label="body", quota=0.3, quota_label="quota law (2015)")
    assert ticklabels(ax) == ["cabinet", "commission", "new panel"]
    assert len(bars(ax)) == 2  # the body with no members has no share, so no bar
    whiskers = errorbar_segments(ax)
    assert whiskers.shape == (1, 3)
    np.testing.assert_allclose(whiskers[0], [0.14, 0.41, 0.0])
    assert plain_texts(ax) == ["9 of 36 (25%)", "3 of 12 (25%)", "no members"]
    assert "quota law (2015)" in legend_texts(ax)
    assert source_of(ax).startswith("Source: not stated")


def test_representation_draws_on_a_given_axes() -> None:
    _fig, (left, right) = plt.subplots(1, 2)
    out = plot.representation(wps.rate([1], [4]), ax=right, xmax=0.5)
    assert out is right
    assert len(bars(left)) == 0
    assert out.get_xlim() == (0.0, 0.5)


def test_representation_source_from_columns() -> None:
    frame = wps.rate([9], [36]).assign(source="Government of Mali, decree of December 2017")
    ax = plot.representation(frame)
    assert source_of(ax).startswith("Source: Government of Mali, decree of December 2017")
    ax2 = plot.representation(frame, source="")
    assert texts(ax2, "source") == []


@pytest.mark.parametrize(
    ("kwargs", "frame", "message"),
    [
        ({}, pd.DataFrame({"women": [1], "total": [2]}), "no column 'rate'"),
        ({"label": "body"}, wps.rate([1], [2]), "no column 'body'"),
        ({"quota": 30}, wps.rate([1], [2]), "quota must be a share"),
        ({"xmax": 2}, wps.rate([1], [2]), "xmax=2"),
        (
            {},
            pd.DataFrame(
                {"women": [1], "total": [2], "rate": [0.5], "lower": [0.6], "upper": [0.9]}
            ),
            "must contain rate",
        ),
        ({}, pd.DataFrame({"women": [1], "total": [2], "rate": [50.0]}), "rate must be a share"),
        ({}, wps.rate([1], [2]).iloc[:0], "no rows"),
    ],
)
def test_representation_bad_input(kwargs: dict, frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.representation(frame, **kwargs)


def test_representation_bad_types() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        plot.representation([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Axes"):
        plot.representation(wps.rate([1], [2]), ax="left")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="one share"):
        plot.representation(wps.rate([1], [2]), quota=[0.3, 0.5])  # type: ignore[arg-type]


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.integers(0, 5000), st.integers(1, 5000)).map(lambda p: (min(p), max(p))),
        min_size=1,
        max_size=6,
    )
)
def test_representation_properties(pairs: list[tuple[int, int]]) -> None:
    women = [w for w, _ in pairs]
    total = [n for _, n in pairs]
    frame = wps.rate(women, total, method="clopper_pearson")
    ax = plot.representation(frame, quota=0.3)
    rects = bars(ax)
    assert len(rects) == len(pairs)
    np.testing.assert_allclose([r.get_width() for r in rects], np.divide(women, total))
    whiskers = errorbar_segments(ax)
    # each whisker holds its bar's end and stays on the 0-100 per cent axis
    widths = np.array([r.get_width() for r in rects])
    assert np.all(whiskers[:, 0] <= widths + 1e-12)
    assert np.all(whiskers[:, 1] >= widths - 1e-12)
    assert np.all((whiskers[:, :2] >= 0) & (whiskers[:, :2] <= 1))
    labels = plain_texts(ax)
    assert [lab.split(" (")[0] for lab in labels] == [f"{w:,} of {n:,}" for w, n in pairs]
    plt.close(ax.figure)


# --------------------------------------------------------------------------------------------
# source line placement
# --------------------------------------------------------------------------------------------


def test_source_line_sits_under_the_tick_labels_and_inside_the_figure() -> None:
    ax = plot.representation(seed_bodies(), quota=0.3, source=SEED_SOURCE)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    line = next(t for t in ax.texts if t.get_gid() == "source")
    box = line.get_window_extent(renderer)
    below = ax.xaxis.get_tightbbox(renderer)
    assert box.y1 <= below.y0 + 0.5  # under the x label and tick labels, not over them
    assert box.y0 >= 0  # constrained layout kept it on the page
    assert box.x0 == pytest.approx(ax.get_window_extent(renderer).x0, abs=0.5)


def test_source_line_replaces_itself_and_wraps() -> None:
    _fig, ax = plt.subplots(figsize=(4, 3))
    plot.source_line(ax, "first")
    long = "Informal Expert Group of the Security Council on Women, Peace and Security " * 3
    plot.source_line(ax, long, note="Whiskers: none.")
    lines = [t for t in ax.texts if t.get_gid() == "source"]
    assert len(lines) == 1
    assert "\n" in lines[0].get_text()
    assert source_of(ax) == "Source: " + " ".join(long.split()) + " Whiskers: none."
    assert plot.source_line(ax, "Source: as given").get_text() == "Source: as given"
    assert plot.source_line(ax, "") is None
    assert texts(ax, "source") == []
    with pytest.raises(TypeError, match="string"):
        plot.source_line(ax, 2018)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# parity
# --------------------------------------------------------------------------------------------


def gap_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category": ["military_contingents", "individual_police_officers", "civilian_staff"],
            "share": [0.026, 0.299, 0.52],
            "target": [0.15, 0.30, 0.50],
            "gap_pp": [12.4, 0.1, -2.0],
            "women_needed": pd.array([1234, 1, 0], dtype="Int64"),
            "met": pd.array([False, False, True], dtype="boolean"),
        }
    )


def test_parity_bars_targets_and_people() -> None:
    ax = plot.parity(gap_frame(), label="category", source="DPO, gender statistics")
    rects = bars(ax)
    assert len(rects) == 3
    np.testing.assert_allclose([r.get_width() for r in rects], [0.026, 0.299, 0.52])
    orange = matplotlib.colors.to_rgba(plot.OKABE_ITO["orange"])
    green = matplotlib.colors.to_rgba(plot.OKABE_ITO["bluish_green"])
    assert [r.get_facecolor() for r in rects] == [orange, orange, green]
    ticks = next(line for line in ax.get_lines() if line.get_gid() == "targets")
    np.testing.assert_allclose(ticks.get_xdata(), [0.15, 0.30, 0.50])
    np.testing.assert_allclose(ticks.get_ydata(), [0, 1, 2])
    assert plain_texts(ax) == ["+1,234 women needed", "+1 woman needed", "target met"]
    assert ticklabels(ax) == [
        "military contingents",
        "individual police officers",
        "civilian staff",
    ]
    assert ax.get_xlim() == (0.0, 1.0)
    assert legend_texts(ax) == ["target", "below target", "target met"]
    assert source_of(ax) == "Source: DPO, gender statistics"


def test_parity_from_parity_gap_ipi_2014() -> None:
    # MINUSMA, March 2014, IPI Peacekeeping Database (as in wps.parity_gap's docstring).
    women = pd.Series([52, 10, 40], index=["troops", "individual_police", "formed_police"])
    total = pd.Series([6483, 104, 882], index=women.index)
    gap = wps.parity_gap(women, total, [0.15, 0.30, 0.20])
    ax = plot.parity(gap)
    expected = [f"+{int(n):,} women needed" for n in gap["women_needed"]]
    assert plain_texts(ax) == expected
    assert ticklabels(ax) == ["troops", "individual police", "formed police"]
    assert source_of(ax) == "Source: not stated"


def test_parity_missing_values_say_no_data() -> None:
    frame = gap_frame()
    frame.loc[1, "women_needed"] = pd.NA
    frame.loc[1, "met"] = pd.NA
    frame.loc[2, "share"] = np.nan
    ax = plot.parity(frame)
    # Row 1 keeps its share and target: the gap is told in points, not hidden as "no data".
    assert plain_texts(ax) == ["+1,234 women needed", "-0.1 pp to target", "no data"]
    assert len(bars(ax)) == 2
    assert ticklabels(ax) == ["0", "1", "2"]


MINUSMA_2018 = {
    # figure_id in wps.figures() -> (the seed's phrase, p. 3; the Strategy's category)
    "minusma-women-military": ("2.6 percent of military personnel", "military_contingents"),
    "minusma-women-formed-police": ("4.7 of formed police unit personnel", "formed_police_units"),
    "minusma-women-individual-police": (
        "16.5 percent of individual police officers",
        "individual_police_officers",
    ),
}


def minusma_2018_shares() -> pd.DataFrame:
    """MINUSMA 2018 from the seed's published shares (no counts) and the 2028 targets."""
    shares = wps.figures(geo="MLI").set_index("figure_id").loc[list(MINUSMA_2018), "value"]
    categories = [category for _, category in MINUSMA_2018.values()]
    targets = wps.parity_targets(year=2028).set_index("category").loc[categories, "target"]
    return pd.DataFrame(
        {
            "share": shares.to_numpy(dtype=float),
            "target": targets.to_numpy(dtype=float),
            "gap_pp": np.nan,
            "women_needed": pd.array([pd.NA] * 3, dtype="Int64"),
            "met": pd.array([pd.NA] * 3, dtype="boolean"),
        },
        index=categories,
    )


def test_parity_published_shares_without_counts(seed_text: str) -> None:
    flat = " ".join(seed_text.split())
    for phrase, _ in MINUSMA_2018.values():
        assert phrase in flat
    frame = minusma_2018_shares()
    ax = plot.parity(frame, source="IEG update on Mali (2018), p. 3; targets: DPO (2018)")
    # The seed's 2.6, 4.7 and 16.5 per cent against the Strategy's 15, 20 and 30 per cent
    # (2028): 15 - 2.6 = 12.4, 20 - 4.7 = 15.3, 30 - 16.5 = 13.5 points short.
    np.testing.assert_allclose(frame["target"], [0.15, 0.20, 0.30])
    assert plain_texts(ax) == ["-12.4 pp to target", "-15.3 pp to target", "-13.5 pp to target"]
    rects = bars(ax)
    np.testing.assert_allclose([r.get_width() for r in rects], [0.026, 0.047, 0.165])
    orange = matplotlib.colors.to_rgba(plot.OKABE_ITO["orange"])
    assert [r.get_facecolor() for r in rects] == [orange] * 3
    ticks = next(line for line in ax.get_lines() if line.get_gid() == "targets")
    np.testing.assert_allclose(ticks.get_xdata(), [0.15, 0.20, 0.30])
    assert legend_texts(ax) == ["target", "below target"]
    # gap_pp given (as wps.parity_gap would give it) is used as it is
    given = frame.assign(gap_pp=(frame["target"] - frame["share"]) * 100)
    assert plain_texts(plot.parity(given)) == plain_texts(ax)


def test_parity_shares_met_no_target_and_no_data() -> None:
    frame = pd.DataFrame(
        {
            "share": [0.52, 0.30, 0.20, np.nan, 0.2996],
            "target": [0.50, 0.30, np.nan, 0.30, 0.30],
            "gap_pp": np.nan,
            "women_needed": pd.NA,
            "met": pd.NA,
        }
    )
    ax = plot.parity(frame, source="")
    assert plain_texts(ax) == [
        "target met",
        "target met",
        "no target",
        "no data",
        "-0.04 pp to target",
    ]
    rects = bars(ax)
    assert len(rects) == 4
    colour = {k: matplotlib.colors.to_rgba(v) for k, v in plot.OKABE_ITO.items()}
    assert [r.get_facecolor() for r in rects] == [
        colour["bluish_green"],
        colour["bluish_green"],
        colour["grey"],
        colour["orange"],
    ]
    assert legend_texts(ax) == ["target", "below target", "target met", "no target"]


def test_parity_rejects_a_gap_of_the_wrong_sign() -> None:
    frame = minusma_2018_shares()
    frame["gap_pp"] = (frame["share"] - frame["target"]) * 100  # share - target: wrong way round
    with pytest.raises(ValueError, match=r"gap_pp must be \(target - share\).*got -12\.4 where"):
        plot.parity(frame)
    # a gap rounded to whole points is still the same quantity
    plot.parity(frame.assign(gap_pp=[12.0, 15.0, 14.0]))


@settings(max_examples=40)
@given(
    counts=st.lists(
        st.integers(1, 20_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        min_size=1,
        max_size=4,
    ),
    target=st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.5]),
)
def test_parity_points_agree_with_counts_property(
    counts: list[tuple[int, int]], target: float
) -> None:
    # With the counts dropped, the label in points tells the same story as the exact count:
    # met iff wps.parity_gap says met, and otherwise the gap rounded to one decimal.
    women, total = (np.array(c) for c in zip(*counts, strict=True))
    gap = wps.parity_gap(women, total, target)
    blind = gap.assign(women_needed=pd.NA, met=pd.NA)
    labels = plain_texts(plot.parity(blind, source=""))
    for label, met, pp in zip(labels, gap["met"], gap["gap_pp"], strict=True):
        if met:
            assert label == "target met"
        else:
            number = float(label.removesuffix(" pp to target"))
            assert number < 0
            assert number == pytest.approx(-pp, abs=0.05 + 1e-9)
    plt.close("all")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns="met"), "no column 'met'"),
        (lambda f: f.assign(target=[15, 30, 50]), "target must be a share"),
        (
            lambda f: f.assign(women_needed=[-1, 0, 0]),
            "women_needed must be a whole number of women, not negative",
        ),
    ],
)
def test_parity_bad_input(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.parity(change(gap_frame()))


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


def seed_rows(ids: list[str]) -> pd.DataFrame:
    return wps.figures(geo="MLI").set_index("figure_id").loc[ids].reset_index()


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

    assert ticklabels(ax) == PROTECTION
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


def test_source_line_lists_pages_in_page_order() -> None:
    # fgm (p. 3) before the cabinet (p. 1) and child marriage (p. 2): pages still read in order
    ids = ["mli-fgm-prevalence", "mli-cabinet-women", "mli-child-marriage-18"]
    ax = plot.qualified_figures(seed_rows(ids))
    assert source_of(ax).endswith("(2018), pp. 1, 2, 3")


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
    handler = plot._ArrowHandler()
    for included, face in ((False, "white"), (True, "#0072B2")):
        key = plot._ArrowKey("right", "#0072B2", included=included)
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


def parse_tick(label: str) -> float:
    scale = {"k": 1e3, "M": 1e6, "B": 1e9}
    if label and label[-1] in scale:
        return float(label[:-1]) * scale[label[-1]]
    return float(label.replace(",", ""))


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
    plot.qualified_figures(wps.figures().set_index("figure_id").loc[ids].reset_index(), ax=ax)
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


@settings(max_examples=60)
@given(
    mantissa=st.sampled_from([1, 2, 2.5, 5]),
    power=st.integers(0, 9),
    multiple=st.integers(0, 12),
)
def test_count_tick_labels_read_back_property(mantissa: float, power: int, multiple: int) -> None:
    # Ticks are multiples of a 1-2-2.5-5 step, as matplotlib's locator places them.
    step = mantissa * 10.0**power
    locs = step * np.arange(13)
    formatter = plot._CountFormatter()
    formatter.set_locs(locs)
    labels = [formatter(x) for x in locs]
    assert len(set(labels)) == len(labels)
    x = locs[multiple]
    assert parse_tick(labels[multiple]) == pytest.approx(x, rel=1e-9, abs=1e-9)
    assert len(labels[multiple]) <= 7


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
# the user guide's examples run
# --------------------------------------------------------------------------------------------


def test_user_guide_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = ROOT / "docs" / "user-guide" / "charts.md"
    if not page.is_file():
        pytest.skip("docs/user-guide/charts.md is not in this checkout")
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 4
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(page), "exec"), namespace)
    assert len(plt.get_fignums()) >= 4


# --------------------------------------------------------------------------------------------
# found by review: numbers a chart must not round away, input it must not draw
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("women", "total", "label"),
    [
        (1, 2500, "1 of 2,500 (0.04%)"),  # not "(0%)"
        (2499, 2500, "2,499 of 2,500 (99.96%)"),  # not "(100%)"
        (9, 36, "9 of 36 (25%)"),
        (204, 1279, "204 of 1,279 (15.9%)"),
        (1234.5, 5678.25, "1,234.5 of 5,678.2 (21.7%)"),  # weighted counts, not 1.23e+03
    ],
)
def test_representation_labels_do_not_round_a_share_away(
    women: float, total: float, label: str
) -> None:
    frame = pd.DataFrame({"women": [women], "total": [total], "rate": [women / total]})
    ax = plot.representation(frame, source="")
    assert plain_texts(ax)[0] == label


@pytest.mark.parametrize(("conf", "level"), [(0.975, "97.5%"), (0.995, "99.5%"), (0.999, "99.9%")])
def test_the_confidence_level_is_named_as_given(conf: float, level: str) -> None:
    ax = plot.representation(wps.rate([9], [36], method="wilson_cc", conf=conf), source="S")
    assert f"{level} confidence interval" in legend_texts(ax)
    assert "Wilson (continuity-corrected)" in source_of(ax)


def test_trend_does_not_say_never_for_a_target_already_passed() -> None:
    ax = plot.trend([2014, 2018], [0.40, 0.35], target_path=0.30, fit=True)
    assert "never" not in legend_texts(ax)[-1]
    assert legend_texts(ax)[-1].endswith("the fitted line is at or above 30% in 2018")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.assign(women=[40]), "0 <= women <= total; got women=40, total=36"),
        (lambda f: f.assign(women=[-3]), "0 <= women <= total; got women=-3"),
        (lambda f: f.assign(total=[np.inf]), "must be finite counts"),
        (lambda f: f.assign(rate=[0.5]), "rate must be women / total"),
    ],
)
def test_representation_refuses_counts_that_do_not_add_up(change, message: str) -> None:  # type: ignore[no-untyped-def]
    frame = wps.rate([9], [36], method=None)
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.representation(change(frame), source="")


def test_parity_refuses_a_small_gap_of_the_wrong_sign() -> None:
    # share 0.148 is below 0.15: a gap_pp of -0.2 is share - target, not target - share
    frame = pd.DataFrame(
        {
            "share": [0.148],
            "target": [0.15],
            "gap_pp": [-0.2],
            "women_needed": [pd.NA],
            "met": [pd.NA],
        }
    )
    with pytest.raises(ValueError, match="gap_pp must be \\(target - share\\)"):
        plot.parity(frame, source="")
    ok = frame.assign(gap_pp=[0.2])
    assert plain_texts(plot.parity(ok, source=""))[0] == "-0.2 pp to target"


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda f: f.assign(women_needed=[1.5, 0, 0]), ValueError, "whole number of women"),
        (lambda f: f.assign(met=[True, True, True]), ValueError, "met must be women_needed == 0"),
        (lambda f: f.assign(met=["yes", "no", "no"]), TypeError, "met must hold True, False"),
    ],
)
def test_parity_refuses_a_count_or_flag_that_disagrees(change, error, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=re.escape(message)):
        plot.parity(change(gap_frame()), source="")


def test_trend_series_past_seven_are_told_apart() -> None:
    # the colours repeat after seven series; the line and mark must not
    frame = pd.DataFrame({f"s{i}": [0.1 + i / 100, 0.2 + i / 100] for i in range(9)})
    ax = plot.trend([2016, 2018], frame, source="")
    lines = [line for line in ax.get_lines() if line.get_gid() == "observed"]
    looks = {(line.get_color(), str(line.get_linestyle()), line.get_marker()) for line in lines}
    assert len(looks) == 9


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: plot.trend([2014, 2018], [0.1, 0.2], ylim=(0, 100)), ValueError, "share axis"),
        (lambda: plot.trend([2014, 2018], [0.1, 0.2], ylim=(0.5, 0.1)), ValueError, "low < high"),
        (lambda: plot.trend([2014, 2018], [0.1, 0.2], ylim="auto"), TypeError, "pair of numbers"),
        (lambda: plot.trend([], []), ValueError, "at least one observation"),
        (lambda: plot.source_line(plt.subplots()[1], "x", note=5), TypeError, "note must be"),
    ],
)
def test_bad_limits_and_notes_are_named(call, error, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=re.escape(message)):
        call()
