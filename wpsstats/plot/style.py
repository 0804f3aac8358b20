"""The look every chart shares: palette, number formats, axes, label placement, source line.

Charts of :mod:`wpsstats.plot` are built from these pieces, and a chart of your own can use them
too, so that it reads like the others: the Okabe-Ito colours (:data:`OKABE_ITO`), shares written
as a reader would say them (:func:`percent`), a 0-100 per cent axis that never rounds a tick
away (:func:`percent_axis`), count ticks that do not run into each other
(:class:`CountFormatter`), labels that stay inside the plot (:class:`InsideText`) and the source
line under the chart (:func:`source_line`).

matplotlib's own ``PercentFormatter`` and ``EngFormatter`` come close but do not serve: the
first picks its decimals from the axis range ("5.0%" on a 0-20 per cent axis, "0%" for a
0.4 per cent tick with ``decimals=0``), the second writes "2.5 M" and "1 G" where a briefing
says "2.5M" and "1B". The tick labels here are matplotlib's ``FuncFormatter`` around
:func:`percent`, and a ``StrMethodFormatter`` inside :class:`CountFormatter` for short axes.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Text
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator, StrMethodFormatter

from ._source import SOURCE_GID, default_source, source_line

__all__ = [
    "OKABE_ITO",
    "SOURCE_GID",
    "BesideText",
    "CountFormatter",
    "InsideText",
    "default_source",
    "figure_labels",
    "label_beside",
    "label_x",
    "new_axes",
    "number",
    "percent",
    "percent_axis",
    "share_bars_axes",
    "source_line",
    "tick_labels",
    "tidy",
    "two_lines",
]

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
"""The Okabe-Ito colours (Okabe & Ito 2008), as R's ``palette.colors(palette = "Okabe-Ito")``."""


# --------------------------------------------------------------------------------------------
# numbers as a reader says them
# --------------------------------------------------------------------------------------------


def percent(share: float) -> str:
    """A share as a percentage: one decimal, dropped when it is 0; more where one would say what
    the share is not.

    Below 1 per cent, two significant digits; just above none or just below all, as many
    decimals as it takes not to read "0%" or "100%" (up to four, then "<0.0001%").

    Parameters
    ----------
    share : float
        A fraction (0.25 is 25 per cent).

    Returns
    -------
    str
        The percentage with its "%" sign, e.g. ``"2.6%"``.

    Examples
    --------
    >>> [percent(s) for s in (0.25, 0.026, 0.875, 0.0025, 0.9995, 1e-7)]
    ['25%', '2.6%', '87.5%', '0.25%', '99.95%', '<0.0001%']
    """
    points = share * 100
    most = 4  # 0.0001%: below, a share is "<0.0001%", above all but that ">99.9999%"
    decimals = 1
    if 0 < abs(points) < 1:
        decimals = min(most, max(1, 1 - int(np.floor(np.log10(abs(points))))))
    while decimals < most and 0 < share < 1 and float(f"{points:.{decimals}f}") in (0.0, 100.0):
        decimals += 1
    text = f"{points:.{decimals}f}"
    if 0 < share < 1 and float(text) in (0.0, 100.0):
        return "<0.0001%" if float(text) == 0.0 else ">99.9999%"
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return f"{text}%"


def number(value: float) -> str:
    """A count or other number for a label: whole numbers with thousands separators; one decimal
    from 100 on, two from 1 on, three significant digits below.

    Parameters
    ----------
    value : float
        The number.

    Returns
    -------
    str
        The number as written on a label, e.g. ``"2,500,000"`` or ``"562.5"``.

    Examples
    --------
    >>> [number(v) for v in (8000, 2_500_000, 562.5, 1234.5, 2.25, 0.123456)]
    ['8,000', '2,500,000', '562.5', '1,234.5', '2.25', '0.123']
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    text = f"{value:,.1f}" if size >= 100 else f"{value:,.2f}" if size >= 1 else f"{value:.3g}"
    return text


def percent_axis(axis: Any) -> None:
    """Ticks at whole 1, 2, 5 or 10 per cent steps, labelled by :func:`percent`, which never
    rounds a tick away (a 0.5 per cent step reads "0.5%", not "0%" or "1%").

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        The axis of shares to set up, e.g. ``ax.xaxis``; its locator and formatter are replaced.
    """
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: percent(value)))


class CountFormatter(Formatter):
    """Tick labels for counts: "2,000" on a short axis; "500k", "2.5M", "1B" from 10,000 up.

    Seven-digit labels such as "1,500,000" run into each other on a chart of ordinary width. The
    choice is made for all the ticks shown at once, so that one axis never mixes the two styles.

    Examples
    --------
    >>> formatter = CountFormatter()
    >>> formatter.set_locs([0, 1_000_000, 2_500_000])
    >>> [formatter(x) for x in (0, 1_000_000, 2_500_000)]
    ['0', '1M', '2.5M']
    >>> formatter.set_locs([0, 2_000, 4_000])
    >>> formatter(2_000)
    '2,000'
    """

    def __init__(self) -> None:
        self._compact = False
        self._plain = StrMethodFormatter("{x:,.6g}")

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        ticks = np.asarray(locs, dtype=float)
        if self.axis is not None:
            # The locator also places ticks just beyond the limits; only those shown count.
            lo, hi = sorted(float(v) for v in self.axis.get_view_interval())
            slack = 1e-9 * max(abs(lo), abs(hi), 1.0)
            ticks = ticks[(ticks >= lo - slack) & (ticks <= hi + slack)]
        ticks = np.abs(ticks[np.isfinite(ticks)])
        self._compact = bool(ticks.size) and float(ticks.max()) >= 10_000

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self._compact:
            for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
                if abs(x) >= size:
                    return f"{x / size:.6g}{suffix}"
        return str(self._plain(x, pos))


# --------------------------------------------------------------------------------------------
# axes
# --------------------------------------------------------------------------------------------


def new_axes(ax: Axes | None, *, rows: int, width: float = 7.0, per_row: float = 0.45) -> Axes:
    """``ax`` itself when given (checked to be an Axes); else the Axes of a new figure, as tall
    as its ``rows`` need, in the constrained layout that keeps the source line on the page.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or None
        The caller's Axes, or None for a new figure.
    rows : int
        How many rows (bars, lines) the chart has; sets the new figure's height.
    width : float, default 7.0
        Width of a new figure, in inches.
    per_row : float, default 0.45
        Height per row of a new figure, in inches, added to 1.4 (at least 2.6 in all).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, or the new figure's Axes.

    Raises
    ------
    TypeError
        If ``ax`` is neither None nor a matplotlib Axes.
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    height = max(2.6, 1.4 + per_row * rows)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def tidy(ax: Axes) -> None:
    """Remove the top and right spines, which frame nothing.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart, changed in place.
    """
    ax.spines[["top", "right"]].set_visible(False)


def figure_labels(values: Sequence[Any]) -> list[Any]:
    """Each bundled figure id replaced by its indicator's label; any other value kept as it is.

    A reader of a chart wants "Women in the cabinet", not the slug ``mli-cabinet-women`` that
    names the figure in :func:`wpsstats.figures`. Two figures of one indicator would then read
    alike, so a repeated label gets the figure's period, or else keeps the id.

    Parameters
    ----------
    values : sequence
        Tick labels, bundled figure ids among them.

    Returns
    -------
    list
        The values in the same order, each figure id replaced.

    Examples
    --------
    >>> figure_labels(["mli-cabinet-women", "mli-quota-law-2015", "Cabinet", None])
    ['Women in the cabinet', 'Legal quota for women in institutions', 'Cabinet', None]
    """
    known = _figure_label_table()
    hits = [known.get(v) if isinstance(v, str) else None for v in values]
    out = [v if h is None else h[0] for v, h in zip(values, hits, strict=True)]
    for step in ("period", "id"):
        seen = [v for v, h in zip(out, hits, strict=True) if h is not None]
        repeated = {v for v in seen if seen.count(v) > 1}
        for i, (value, hit) in enumerate(zip(values, hits, strict=True)):
            if hit is not None and out[i] in repeated:
                with_period = f"{hit[0]} ({hit[1]})" if hit[1] else value
                out[i] = with_period if step == "period" else value
    return out


@functools.cache
def _figure_label_table() -> dict[str, tuple[str, str]]:
    """figure_id -> (its indicator's label, its period) for every bundled figure."""
    from ..datasets import figures, load

    labels = load("indicators").set_index("indicator")["label"].astype(str).to_dict()
    figs = figures()
    table: dict[str, tuple[str, str]] = {}
    columns = (figs["figure_id"], figs["indicator"], figs["period"])
    for fid, indicator, period in zip(*columns, strict=True):
        if isinstance(indicator, str) and indicator in labels:
            table[str(fid)] = (labels[indicator], "" if pd.isna(period) else str(period))
    return table


def tick_labels(frame: pd.DataFrame, *, label: str | None = None, width: int = 36) -> list[str]:
    """One tick label per row: the ``label`` column, or the index; "missing" for a missing name,
    as :func:`wpsstats.plot.prevalence` names a missing domain.

    A bundled figure's id is shown as its indicator's label (:func:`figure_labels`).

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per tick.
    label : str, optional
        The column holding the names; by default the index.
    width : int, default 36
        Longest line, in characters: a longer name wraps at spaces (underscores read as spaces).

    Returns
    -------
    list of str
        One label per row of ``frame``, in its order.

    Examples
    --------
    >>> tick_labels(pd.DataFrame(index=["military_contingents", "mli-cabinet-women"]))
    ['military contingents', 'Women in the cabinet']
    """
    values = figure_labels(list(frame.index if label is None else frame[label]))
    # Vocabulary ids such as "military_contingents" read better with spaces on a tick label;
    # long names wrap on spaces only, so an id such as "mli-cabinet-women" stays whole.
    return [
        "missing"
        if pd.isna(v)
        else "\n".join(
            textwrap.wrap(
                str(v).replace("_", " "), width, break_on_hyphens=False, break_long_words=False
            )
        )
        for v in values
    ]


def share_bars_axes(ax: Axes, labels: list[str], *, xmax: float) -> None:
    """The axes of a horizontal bar chart of shares: one row per label, the first on top, and
    the share of women on a percentage axis from 0 to ``xmax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart, changed in place.
    labels : list of str
        The row labels, top first.
    xmax : float
        Right end of the share axis, a fraction.
    """
    rows = len(labels)
    ax.set_yticks(np.arange(rows), labels)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0.0, xmax)
    percent_axis(ax.xaxis)
    ax.set_xlabel("Share of women")
    tidy(ax)


# --------------------------------------------------------------------------------------------
# label placement
# --------------------------------------------------------------------------------------------


def label_x(end: np.ndarray, *, xmax: float) -> np.ndarray:
    """Just right of a bar's end (or its whisker or target tick), never left of the axis edge.

    Near the right edge the label runs on into the margin, which the constrained layout keeps
    on the page: written inside a bar it would cross the whisker it explains.

    Parameters
    ----------
    end : numpy.ndarray
        Where each bar (or whisker, or target tick) ends, in data coordinates.
    xmax : float
        Right end of the axis.

    Returns
    -------
    numpy.ndarray
        Each label's x: ``min(end, xmax)`` plus 1 per cent of ``xmax``.
    """
    return np.minimum(end, xmax) + 0.01 * xmax


def label_beside(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    *,
    ground_alpha: float | None = None,
    clear_of: Sequence[float] = (),
) -> Text:
    """Write a bar's label at (x, y), left-aligned, on a white ground.

    The white ground keeps the label legible where it crosses a line (a target tick);
    ``ground_alpha`` lets what lies under it show through. A label that would cross one of the
    vertical reference lines at ``clear_of`` (a quota) is moved right of it when drawn
    (:class:`BesideText`), so that neither hides the other. The label is not clipped to the
    plot: past a bar that ends near the right edge it runs on into the margin, which the
    constrained layout (or ``bbox_inches="tight"``) keeps on the page.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart the label is added to.
    x, y : float
        Where the label starts, in data coordinates.
    text : str
        The label.
    ground_alpha : float, optional
        Opacity of the white ground; by default opaque.
    clear_of : sequence of float, default ()
        The x values of vertical reference lines the label must not cross.

    Returns
    -------
    matplotlib.text.Text
        The label, a :class:`BesideText` already added to ``ax``.
    """
    ground: dict[str, Any] = {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"}
    if ground_alpha is not None:
        ground["alpha"] = ground_alpha
    label = BesideText(
        x,
        y,
        text,
        clear_of=clear_of,
        ha="left",
        va="center",
        fontsize="small",
        color=OKABE_ITO["black"],
        bbox=ground,
    )
    ax.add_artist(label)
    # add_artist clips to the plot area, which would cut a label running on into the margin
    # ("10 of 10 (100%)" past a full bar) or hide it whole; unclipped, the constrained layout
    # and bbox_inches="tight" make room for it.
    label.set_clip_on(False)
    return label


class BesideText(Text):
    """A left-aligned label beside a bar that keeps clear of vertical reference lines.

    Where the label would cross a line at one of the x values ``clear_of`` (in data
    coordinates), it is moved, when drawn, to start just right of that line: its width depends
    on the font, the dpi and the layout, so it is measured with the renderer at every draw.
    Labels only ever move right, past each line in turn, so they never land on another line.

    Parameters
    ----------
    x, y : float
        Where the label starts, in data coordinates (before any move).
    text : str
        The label.
    clear_of : sequence of float, default ()
        The x values of the vertical reference lines to keep clear of; non-finite ones are ignored.
    **kwargs
        Passed on to :class:`matplotlib.text.Text`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.axvline(0.30)
    >>> label = BesideText(0.29, 0.5, "41 of 147 (27.9%)", clear_of=[0.30])
    >>> _ = ax.add_artist(label)
    >>> fig.canvas.draw()
    >>> float(label.get_position()[0]) > 0.30
    True
    >>> plt.close(fig)
    """

    def __init__(
        self, x: float, y: float, text: str, *, clear_of: Sequence[float] = (), **kwargs: Any
    ) -> None:
        self._anchor = float(x)
        self._lines = sorted(float(v) for v in clear_of if np.isfinite(v))
        super().__init__(x, y, text, **kwargs)

    def set_x(self, x: float) -> None:
        self._anchor = float(x)
        super().set_x(x)

    def _fit(self, renderer: RendererBase) -> None:
        if self.axes is None or not self._lines or not np.isfinite(self._anchor):
            return
        trans = self.get_transform()
        y = float(self.get_unitless_position()[1])
        x_new = self._anchor
        if float(Text.get_unitless_position(self)[0]) != x_new:
            Text.set_x(self, x_new)
        pad = float(np.asarray(renderer.points_to_pixels(3.0)))
        for line in self._lines:
            box = Text.get_window_extent(self, renderer)
            px = float(trans.transform((line, y))[0])
            if box.x0 - pad < px < box.x1 + pad:
                start = float(trans.transform((x_new, y))[0]) + (px + pad - box.x0)
                x_new = float(trans.inverted().transform((start, y))[0])
                Text.set_x(self, x_new)

    def draw(self, renderer: RendererBase) -> None:
        if renderer is not None and self.get_visible():
            self._fit(renderer)
        super().draw(renderer)


def two_lines(text: str) -> str:
    """Break a phrase at the space that best balances its two lines.

    Parameters
    ----------
    text : str
        The phrase, words separated by single spaces.

    Returns
    -------
    str
        The phrase with one space replaced by a newline; unchanged when it has one word.

    Examples
    --------
    >>> two_lines("between 2,450,000 and 2,550,000")
    'between 2,450,000\\nand 2,550,000'
    """
    words = text.split(" ")
    if len(words) < 2:
        return text
    cut = min(
        range(1, len(words)),
        key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))),
    )
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


class InsideText(Text):
    """A label over its mark that moves, when drawn, just enough to stay inside the Axes.

    How wide a label is depends on the font, the dpi and the layout the figure settles on when
    it is drawn, so it is measured with the renderer at every draw, not guessed from its number
    of characters. A label that would cross an edge slides inward; one wider than the whole
    plot area is broken over two lines first (:func:`two_lines`). The label keeps its horizontal
    alignment (a caller may change it); a label whose mark lies outside the x limits is left
    where it is, clipped with its mark.

    Parameters
    ----------
    x, y : float
        The mark the label sits over, in the coordinates of its transform (data by default).
    text : str
        The label.
    pad : float, default 2.0
        Least distance, in points, between the label and the Axes' left and right edges.
    **kwargs
        Passed on to :class:`matplotlib.text.Text`.
    """

    def __init__(self, x: float, y: float, text: str, *, pad: float = 2.0, **kwargs: Any) -> None:
        self._anchor = float(x)
        self._pad = pad
        self._whole = str(text)
        super().__init__(x, y, text, **kwargs)

    def set_x(self, x: float) -> None:
        # A position the caller sets is the new mark to sit over; the fit moves from there.
        self._anchor = float(x)
        super().set_x(x)

    def set_text(self, s: Any) -> None:
        self._whole = "" if s is None else str(s)
        super().set_text(s)

    def _width(self, renderer: RendererBase, text: str) -> float:
        prop = self.get_fontproperties()
        return max(
            float(renderer.get_text_width_height_descent(line, prop, ismath=False)[0])
            for line in text.split("\n")
        )

    def _fit(self, renderer: RendererBase) -> None:
        axes = self.axes
        if axes is None or not self._whole or not np.isfinite(self._anchor):
            return
        frame = axes.get_window_extent(renderer)
        pad = renderer.points_to_pixels(self._pad)
        left, right = frame.x0 + pad, frame.x1 - pad
        text = self._whole
        if self._width(renderer, text) > right - left:
            text = two_lines(text)
        # Each setter marks the figure stale, and an interactive backend would then redraw it
        # again and again: set only what changes.
        if text != self.get_text():
            Text.set_text(self, text)
        trans = self.get_transform()
        x_now, y = (float(v) for v in self.get_unitless_position())
        px_now, py = (float(v) for v in trans.transform((x_now, y)))
        px_anchor = float(trans.transform((self._anchor, y))[0])
        box = super().get_window_extent(renderer)
        # The box as it would sit at the mark: a text's width does not depend on its position.
        x0 = box.x0 + px_anchor - px_now
        shift = 0.0
        if frame.x0 <= px_anchor <= frame.x1:
            if x0 < left or box.width > right - left:
                shift = left - x0
            elif x0 + box.width > right:
                shift = right - (x0 + box.width)
        # Compared in pixels: going back to data coordinates is exact only to rounding, and a
        # change of 1e-16 would still mark the figure stale.
        if abs(px_anchor + shift - px_now) > 0.01:
            x_new = self._anchor
            if shift:
                x_new = float(trans.inverted().transform((px_anchor + shift, py))[0])
            Text.set_x(self, x_new)

    def draw(self, renderer: RendererBase) -> None:
        if renderer is not None and self.get_visible():
            self._fit(renderer)
        super().draw(renderer)
