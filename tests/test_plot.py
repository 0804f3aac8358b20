"""Tests for wpsstats.plot as a package and its style module (palette, source line, ticks).

The charts are tested in test_plot_<chart>.py, which import the artist-reading helpers below
(Agg backend, set in conftest).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
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
from wpsstats.plot import style

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


def top_labels(ax: matplotlib.axes.Axes) -> list[str]:
    """The tick labels of the secondary x axes above the plot (a quota line's name)."""
    return [t.get_text() for child in ax.child_axes for t in child.get_xticklabels()]


def legend_texts(ax: matplotlib.axes.Axes) -> list[str]:
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


def errorbar_segments(ax: matplotlib.axes.Axes) -> np.ndarray:
    """(x0, x1, y) of each whisker of the first error-bar container."""
    container = next(c for c in ax.containers if isinstance(c, ErrorbarContainer))
    segments = container.lines[2][0].get_segments()
    return np.array([[s[0][0], s[1][0], s[0][1]] for s in segments])


def seed_bodies() -> pd.DataFrame:
    """Counts the seed prints (p. 1-2): the cabinet, the election mediators, the trainees."""
    figs = wps.figures(geo="MLI").set_index("figure_id")
    ids = ["mli-cabinet-women", "mli-election-mediators-women", "mli-security-training-women"]
    rows = figs.loc[ids]
    women = rows["numerator"].astype(int).rename(None)
    total = rows["denominator"].astype(int).rename(None)
    return wps.rate(women, total)


def seed_rows(ids: list[str]) -> pd.DataFrame:
    return wps.figures(geo="MLI").set_index("figure_id").loc[ids].reset_index()


def parse_tick(label: str) -> float:
    scale = {"k": 1e3, "M": 1e6, "B": 1e9}
    if label and label[-1] in scale:
        return float(label[:-1]) * scale[label[-1]]
    return float(label.replace(",", ""))


# --------------------------------------------------------------------------------------------
# the package
# --------------------------------------------------------------------------------------------


CHARTS = ["parity", "prevalence", "qualified_figures", "representation", "trend"]


def test_the_package_lists_its_charts_not_its_imports() -> None:
    assert sorted(plot.__all__) == sorted(["OKABE_ITO", "QUALIFIERS", *CHARTS, "source_line"])
    public = [name for name in dir(plot) if not name.startswith("_")]
    assert sorted(public) == sorted([*plot.__all__, "style"])
    # a chart's name is the chart, never a module of that name
    for name in [*CHARTS, "source_line"]:
        assert inspect.isfunction(getattr(plot, name)), name
        assert inspect.isfunction(getattr(wps.plot, name)), name
    for name in style.__all__:
        assert getattr(style, name) is not None


@pytest.mark.parametrize(
    ("draw", "data"),
    [
        (plot.representation, ["frame"]),
        (plot.parity, ["frame"]),
        (plot.qualified_figures, ["frame"]),
        (plot.trend, ["periods", "shares"]),
        (plot.source_line, ["ax", "text"]),
    ],
)
def test_arguments_after_the_data_are_keyword_only(draw: Callable, data: list[str]) -> None:
    params = list(inspect.signature(draw).parameters.values())
    assert [p.name for p in params[: len(data)]] == data
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params[: len(data)])
    assert all(p.kind is p.KEYWORD_ONLY for p in params[len(data) :])


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


def test_source_line_lists_pages_in_page_order() -> None:
    # fgm (p. 3) before the cabinet (p. 1) and child marriage (p. 2): pages still read in order
    ids = ["mli-fgm-prevalence", "mli-cabinet-women", "mli-child-marriage-18"]
    ax = plot.qualified_figures(seed_rows(ids))
    assert source_of(ax).endswith("(2018), pp. 1, 2, 3")


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
    formatter = style.CountFormatter()
    formatter.set_locs(locs)
    labels = [formatter(x) for x in locs]
    assert len(set(labels)) == len(labels)
    x = locs[multiple]
    assert parse_tick(labels[multiple]) == pytest.approx(x, rel=1e-9, abs=1e-9)
    assert len(labels[multiple]) <= 7


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
