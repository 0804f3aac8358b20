"""Charts for a briefing: representation, parity, published figures and trends.

Four charts an analyst puts in front of a reader, each drawn with matplotlib on an ``Axes`` that
the caller may pass (``ax=``) and that the function returns:

* :func:`representation` -- the share of women in several bodies as horizontal bars, with their
  confidence intervals, the "9 of 36" behind each share and a quota line;
* :func:`parity` -- personnel categories against their targets, with the women still needed
  written on each bar;
* :func:`qualified_figures` -- published figures as the source states them: "more than 52 per
  cent" is an open-ended claim and is drawn as one, "between 83 and 92 per cent" as a range;
* :func:`trend` -- observed shares over time against a target path, optionally with the
  least-squares line and the year it reaches the target.

Every chart carries a source line under the plot (:func:`source_line`), built from the data's
source columns when the caller gives none, and uses the Okabe-Ito palette (:data:`OKABE_ITO`),
which readers with the common forms of colour-vision deficiency can tell apart. Shares are drawn
on a 0-100 per cent axis by default, so that a small share looks small.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.text import Annotation, Text
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator

from ._checks import (
    as_float_array,
    as_years,
    check_columns,
    check_fraction,
    closest,
    describe_position,
)

__all__ = [
    "OKABE_ITO",
    "QUALIFIERS",
    "parity",
    "qualified_figures",
    "representation",
    "source_line",
    "trend",
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

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "approx",
    "more_than",
    "at_least",
    "just_over",
    "less_than",
    "at_most",
    "nearly",
    "between",
)
"""The qualifiers of a published figure (the ``qualifier`` column of ``wps.figures()``)."""

# Series colours for several lines on one chart; yellow is left out, it vanishes on white paper.
_CYCLE = ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "black")
# (line, marker) for each round of the colour cycle
_REPEATS = (("-", "o"), (":", "s"), ("-.", "^"), ((0, (5, 1)), "D"))
_RIGHT_OPEN = ("more_than", "at_least", "just_over")
_LEFT_OPEN = ("less_than", "at_most", "nearly")
# A strict bound ("more than 50") excludes its value: drawn as an open circle, as on a number line.
_STRICT = ("more_than", "just_over", "less_than", "nearly")
_WORDS = {
    "exact": "",
    "approx": "about",
    "more_than": "more than",
    "at_least": "at least",
    "just_over": "just over",
    "less_than": "less than",
    "at_most": "at most",
    "nearly": "nearly",
}
SOURCE_GID = "source"


# --------------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------------


def _pct(share: float) -> str:
    """25%, 2.6%, 87.5%: one decimal, dropped when it is 0; more where one would say what the
    share is not: 0.25% (two significant digits below 1%), 99.95% (never 100% below all, nor 0%
    above none)."""
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


def _number(value: float) -> str:
    """8,000 and 2,500,000 for whole numbers; one decimal from 100 on (562.5, 1,234.5), two
    from 1 on, three significant digits below."""
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    text = f"{value:,.1f}" if size >= 100 else f"{value:,.2f}" if size >= 1 else f"{value:.3g}"
    return text


def _limits(name: str, lim: Any, *, share: bool) -> tuple[float, float]:
    """(low, high) as two finite numbers with low < high, in [0, 1] on a share axis."""
    try:
        low, high = (float(v) for v in lim)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {lim!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name}={lim!r} must be (low, high) with low < high")
    if share and (low < 0.0 or high > 1.0):
        raise ValueError(
            f"{name}={lim!r} is on a share axis: give shares in [0, 1] (30 per cent is 0.30)"
        )
    return low, high


def _new_axes(ax: Axes | None, rows: int, *, width: float = 7.0, per_row: float = 0.45) -> Axes:
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    height = max(2.6, 1.4 + per_row * rows)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def _labels(frame: pd.DataFrame, label: str | None, width: int = 36) -> list[str]:
    values = frame.index if label is None else frame[label]
    # Vocabulary ids such as "military_contingents" read better with spaces on a tick label;
    # long names wrap on spaces only, so an id such as "mli-cabinet-women" stays whole.
    return [
        ""
        if pd.isna(v)
        else "\n".join(
            textwrap.wrap(
                str(v).replace("_", " "), width, break_on_hyphens=False, break_long_words=False
            )
        )
        for v in values
    ]


def _two_lines(text: str) -> str:
    """Break a phrase at the space that best balances its two lines."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    cut = min(
        range(1, len(words)),
        key=lambda k: max(len(" ".join(words[:k])), len(" ".join(words[k:]))),
    )
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


class _InsideText(Text):
    """A label over its mark that moves, when drawn, just enough to stay inside the Axes.

    How wide a label is depends on the font, the dpi and the layout the figure settles on when
    it is drawn, so it is measured with the renderer at every draw, not guessed from its number
    of characters. A label that would cross an edge slides inward; one wider than the whole
    plot area is broken over two lines first. The label keeps its horizontal alignment (a
    caller may change it); a label whose mark lies outside the x limits is left where it is,
    clipped with its mark.
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
            text = _two_lines(text)
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


class _CountFormatter(Formatter):
    """Tick labels for counts: "2,000" on a short axis; "500k", "2.5M", "1B" from 10,000 up.

    Seven-digit labels such as "1,500,000" run into each other on a chart of ordinary width.
    """

    def __init__(self) -> None:
        self._compact = False

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
        return f"{x:,.6g}"


def _non_empty(frame: pd.DataFrame) -> None:
    if len(frame) == 0:
        raise ValueError("frame has no rows; there is nothing to draw")


def _tidy(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)


def _percent_axis(axis: Any) -> None:
    """Ticks at whole 1, 2, 5 or 10 per cent steps, labelled without rounding them away."""
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: _pct(value)))


def _below_axis(ax: Axes) -> Callable[[RendererBase], transforms.Bbox]:
    """Coordinates for the source line: the Axes together with its x tick labels and label.

    Anchoring to this box, not to the Axes alone, keeps the line under the tick labels whatever
    their size, and keeps it inside ``layout="constrained"`` and ``bbox_inches="tight"``.
    """

    def box(renderer: RendererBase) -> transforms.Bbox:
        frame = ax.get_window_extent(renderer)
        axis_box = ax.xaxis.get_tightbbox(renderer)
        bottom = frame.y0 if axis_box is None else min(frame.y0, axis_box.y0)
        # Left edge of the plot itself: a tick label half out of the Axes must not shift it.
        return transforms.Bbox.from_extents(frame.x0, bottom, frame.x1, frame.y1)

    return box


def source_line(ax: Axes, text: str, *, note: str | None = None) -> Annotation | None:
    """Write a source line under an Axes, replacing any source line already there.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart.
    text : str
        The source, e.g. ``"IEG on WPS, update on Mali and the Sahel (2018), p. 1"``. "Source: "
        is put in front unless the text already starts with "Source". An empty string removes
        the line.
    note : str, optional
        A second line, e.g. what the whiskers are.

    Returns
    -------
    matplotlib.text.Annotation or None
        The line (its ``gid`` is ``"source"``), or None for an empty ``text``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from wpsstats.plot import source_line
    >>> fig, ax = plt.subplots()
    >>> source_line(ax, "IEG on WPS, update on Mali and the Sahel (2018), p. 1").get_text()
    'Source: IEG on WPS, update on Mali and the Sahel (2018), p. 1'
    >>> plt.close(fig)
    """
    if not isinstance(text, str):
        raise TypeError(f"source must be a string, got {text!r}")
    for old in [t for t in ax.texts if t.get_gid() == SOURCE_GID]:
        old.remove()
    text = " ".join(text.split())
    if not text:
        return None
    if not text.lower().startswith("source"):
        text = f"Source: {text}"
    # Wrap to the width of the Axes at about 13 characters an inch of small (8-9 pt) type.
    width_in = ax.bbox.width / ax.figure.dpi
    chars = max(40, int(width_in * 13))
    lines = textwrap.wrap(text, chars)
    if note is not None and not isinstance(note, str):
        raise TypeError(f"note must be a string or None, got {note!r}")
    if note:
        lines += textwrap.wrap(" ".join(note.split()), chars)
    return ax.annotate(
        "\n".join(lines),
        xy=(0, 0),
        xycoords=_below_axis(ax),
        xytext=(0, -6),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize="small",
        color="0.3",
        gid=SOURCE_GID,
        annotation_clip=False,
    )


def _source_titles() -> dict[str, str]:
    from .datasets import load

    sources = load("sources")
    return dict(zip(sources["source_id"].astype(str), sources["title"].astype(str), strict=True))


def _titles_from_attrs(frame: pd.DataFrame) -> dict[str, str]:
    """source_id -> title from a loaded dataset's sidecar, whose sources name their id in a note."""
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    found: dict[str, str] = {}
    for src in meta.get("sources", []) if isinstance(meta, dict) else []:
        match = re.search(r"source_id\s+([\w.-]+)", str(src.get("note", "")))
        if match and src.get("title"):
            producer = f"{src['producer']}, " if src.get("producer") else ""
            date = f" ({src['date']})" if src.get("date") else ""
            found[match.group(1)] = f"{producer}{src['title']}{date}"
    return found


def _locators(values: Sequence[str]) -> str:
    """p. 3, p. 1, p. 2 -> pp. 1, 2, 3 (in page order); anything else is listed as it is."""
    unique = list(dict.fromkeys(v for v in values if v))
    if len(unique) > 1 and all(v.startswith("p. ") for v in unique):
        pages = sorted(
            (v[3:] for v in unique),
            key=lambda p: (not p.isdigit(), int(p) if p.isdigit() else 0, p),
        )
        return "pp. " + ", ".join(pages)
    return ", ".join(unique)


def _default_source(frame: pd.DataFrame) -> str:
    """The data's own citation: source column, titles (with locators), or the sidecar's sources."""
    if "source" in frame.columns:
        names = [str(v) for v in frame["source"].dropna().unique()]
        if names:
            return "; ".join(names)
    title_col = "source_title" if "source_title" in frame.columns else None
    if title_col is None and "source_id" in frame.columns:
        ids = frame["source_id"].astype("string")
        known = {**_titles_from_attrs(frame), **_source_titles()}
        titles = ids.map(lambda i: known.get(str(i), str(i)) if pd.notna(i) else pd.NA)
        frame = frame.assign(_title=titles)
        title_col = "_title"
    if title_col is not None:
        parts = []
        groups = frame[frame[title_col].notna()].groupby(title_col, sort=False)
        for title, rows in groups:
            where = ""
            if "locator" in rows.columns:
                where = _locators([str(v) for v in rows["locator"].dropna()])
            parts.append(f"{title}, {where}" if where else str(title))
        if parts:
            return "; ".join(parts)
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    if isinstance(meta, dict) and meta.get("sources"):
        return "; ".join(
            ", ".join(str(s[k]) for k in ("producer", "title", "date") if s.get(k))
            for s in meta["sources"]
        )
    return "not stated"


def _shares(frame: pd.DataFrame, column: str) -> np.ndarray:
    return np.asarray(check_fraction(column, frame[column]), dtype=float)


def _label_x(end: np.ndarray, xmax: float) -> np.ndarray:
    """Just right of a bar's end (or its whisker or target tick), never left of the axis edge.

    Near the right edge the label runs on into the margin, which the constrained layout keeps
    on the page: written inside a bar it would cross the whisker it explains.
    """
    return np.minimum(end, xmax) + 0.01 * xmax


def _check_xmax(xmax: Any) -> float:
    if isinstance(xmax, bool) or not isinstance(xmax, (int, float, np.integer, np.floating)):
        raise TypeError(f"xmax must be a number, got {xmax!r}")
    value = float(xmax)
    if not 0.0 < value <= 1.0:
        raise ValueError(f"xmax={xmax!r} must be a share in (0, 1] (the right end of the axis)")
    return value


def _one_share(name: str, value: Any) -> float:
    if np.ndim(value) != 0:
        raise TypeError(f"{name} must be one share such as 0.30, got {value!r}")
    return float(check_fraction(name, value))


# --------------------------------------------------------------------------------------------
# representation
# --------------------------------------------------------------------------------------------


def representation(
    frame: pd.DataFrame,
    *,
    label: str | None = None,
    quota: float | None = None,
    quota_label: str | None = None,
    xmax: float = 1.0,
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Horizontal bars of the share of women in each body, with intervals and a quota line.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`wpsstats.rate`: columns ``women``, ``total``, ``rate`` and,
        optionally, ``lower`` and ``upper`` (absent, or NaN, where no interval was asked for).
        One bar per row, top to bottom in the frame's order.
    label : str, optional
        Column holding each body's name; by default the frame's index. Underscores are shown
        as spaces.
    quota : float, optional
        A quota or target share (0.30 for 30 per cent), drawn as a dashed vertical line.
    quota_label : str, optional
        The line's legend entry; default "30% quota".
    xmax : float, default 1.0
        Right end of the share axis (1.0 = 100 per cent). Narrow it only with care: a full
        axis lets a reader see how far a body is from parity.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source line under the chart; by default built from the frame's ``source``,
        ``source_title`` or ``source_id`` column, else "not stated". "" draws none.

    Returns
    -------
    matplotlib.axes.Axes
        The chart: one bar patch per row, the bar labels "9 of 36 (25%)" as texts, the quota
        line with ``gid="quota"`` and the source line with ``gid="source"``.

    Raises
    ------
    ValueError
        A missing column (named), a share outside [0, 1], an interval that does not contain its
        share, or an empty frame.

    Notes
    -----
    Each bar is labelled with its counts, not only its percentage: "9 of 36" tells a reader how
    much one more woman would change the share. A body with no members has no share; its row is
    labelled "no members" and gets no bar. The whiskers are the interval columns as given; the
    note under the chart names the method and level when the frame's ``attrs`` record them (as
    :func:`wpsstats.rate` does).

    References
    ----------
    .. [1] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
       presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
    .. [2] Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science* 16(2), 101-133 (the intervals of
       :func:`wpsstats.rate`).

    Examples
    --------
    The seed's cabinet (a complete count), mediators and trainees, against Mali's 30 per cent
    quota law:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> bodies = pd.DataFrame(
    ...     {"women": [9, 225, 204], "total": [36, 703, 1279]},
    ...     index=["Cabinet", "Election mediators", "Security-force trainees"],
    ... )
    >>> frame = wps.rate(bodies["women"], bodies["total"])
    >>> ax = wps.plot.representation(
    ...     frame, quota=0.30, source="IEG on WPS, update on Mali and the Sahel (2018), pp. 1-2"
    ... )
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Cabinet', 'Election mediators', 'Security-force trainees']
    >>> [t.get_text() for t in ax.texts][:3]
    ['9 of 36 (25%)', '225 of 703 (32%)', '204 of 1,279 (15.9%)']
    >>> tuple(float(x) for x in ax.get_xlim())
    (0.0, 1.0)
    >>> matplotlib.pyplot.close(ax.figure)
    """
    check_columns(frame, ["women", "total", "rate", label], what="frame")
    _non_empty(frame)
    top = _check_xmax(xmax)
    women = as_float_array("women", frame["women"])
    total = as_float_array("total", frame["total"])
    share = _shares(frame, "rate")
    _check_counts(women, total, share, frame)
    nan = np.full(share.shape, np.nan)
    lower = _shares(frame, "lower") if "lower" in frame.columns else nan
    upper = _shares(frame, "upper") if "upper" in frame.columns else nan
    tol = 1e-12
    outside = (np.isfinite(lower) & (lower > share + tol)) | (
        np.isfinite(upper) & (upper < share - tol)
    )
    if outside.any():
        where = describe_position(frame["rate"], outside)
        raise ValueError(f"frame's interval [lower, upper] must contain rate; it does not {where}")
    q = None if quota is None else _one_share("quota", quota)

    rows = len(frame)
    ax = _new_axes(ax, rows)
    y = np.arange(rows)
    drawn = np.isfinite(share)
    ax.barh(y[drawn], share[drawn], height=0.6, color=OKABE_ITO["blue"], label="share of women")
    has_ci = drawn & np.isfinite(lower) & np.isfinite(upper)
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    conf, method = meta.get("conf"), meta.get("method")
    ci_name = f"{_pct(conf)} confidence interval" if conf else "confidence interval"
    if has_ci.any():
        ax.errorbar(
            share[has_ci],
            y[has_ci],
            xerr=np.vstack([share[has_ci] - lower[has_ci], upper[has_ci] - share[has_ci]]),
            fmt="none",
            color=OKABE_ITO["black"],
            ecolor=OKABE_ITO["black"],
            elinewidth=1.2,
            capsize=4,
            label=ci_name,
        )
    if q is not None:
        ax.axvline(
            q,
            color=OKABE_ITO["vermillion"],
            linestyle="--",
            linewidth=1.5,
            label=quota_label or f"{_pct(q)} quota",
            gid="quota",
        )

    end = np.fmax(np.where(drawn, share, 0.0), np.where(has_ci, upper, 0.0))
    xs = _label_x(end, top)
    for i in range(rows):
        if drawn[i]:
            text = f"{_number(women[i])} of {_number(total[i])} ({_pct(share[i])})"
        elif total[i] == 0:
            text = "no members"
        else:
            text = "no data"
        ax.text(
            xs[i],
            y[i],
            text,
            ha="left",
            va="center",
            fontsize="small",
            color=OKABE_ITO["black"],
            # A white ground keeps the label legible where it crosses the quota line.
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
        )

    ax.set_yticks(y, _labels(frame, label))
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0.0, top)
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Share of women")
    _tidy(ax)
    if has_ci.any() or q is not None:
        ax.legend(loc="best", fontsize="small", framealpha=0.9)
    note = None
    if has_ci.any():
        how = f"{_METHOD_NAMES.get(method, method)} " if isinstance(method, str) else ""
        note = f"Whiskers: {how}{ci_name}s of the share."
    source_line(ax, _default_source(frame) if source is None else source, note=note)
    return ax


# the interval methods of wpsstats.rate as their authors name them
_METHOD_NAMES = {
    "wilson": "Wilson",
    "wilson_cc": "Wilson (continuity-corrected)",
    "wald": "Wald",
    "agresti_coull": "Agresti-Coull",
    "clopper_pearson": "Clopper-Pearson",
    "jeffreys": "Jeffreys",
}


# --------------------------------------------------------------------------------------------
# parity
# --------------------------------------------------------------------------------------------


# A gap of a billionth of a point is floating-point noise in target - share, not a shortfall.
_MET_TOL_PP = 1e-9


def _check_counts(
    women: np.ndarray, total: np.ndarray, share: np.ndarray, frame: pd.DataFrame
) -> None:
    """The counts a bar is labelled with must be counts, and its share their ratio (within the
    rounding of the share as given): "40 of 36" or a 50% bar labelled "9 of 36" is refused."""
    with np.errstate(invalid="ignore"):
        bad = np.isinf(women) | np.isinf(total) | (women < 0) | (total < 0)
        bad |= women > total * (1 + 1e-12)
    if bad.any():
        where = describe_position(frame["women"], bad)
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"women and total must be finite counts with 0 <= women <= total; got "
            f"women={women[i]:g}, total={total[i]:g} {where}".strip()
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(total > 0, women / np.where(total > 0, total, 1.0), np.nan)
    off = (
        np.isfinite(ratio) & np.isfinite(share) & (np.abs(ratio - share) > _half_unit(share) + 1e-9)
    )
    if off.any():
        where = describe_position(frame["rate"], off)
        i = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"rate must be women / total, as wps.rate gives it; got rate={share[i]:g} where "
            f"{women[i]:g} / {total[i]:g} = {ratio[i]:.6g} {where}".strip()
        )


def _half_unit(values: np.ndarray) -> float:
    """Half a unit in the last decimal the values are printed to (0.005 for 0.15 and 0.148 is
    0.0005): how far a rounded value can be from the one it stands for."""
    finite = values[np.isfinite(values)]
    for k in range(13):
        if np.all(np.abs(finite - np.round(finite, k)) <= 1e-12 * np.maximum(1.0, np.abs(finite))):
            return 0.5 * 10.0**-k
    return 0.0


def _signed_pp(points: float) -> str:
    """-12.4, -15, -0.04: one decimal at most, or two significant digits where that shows 0."""
    text = f"{points:+.1f}".removesuffix(".0")
    if float(text) == 0.0 and points != 0.0:
        # A gap of 0.04 points is not "0": say how small it is, without scientific notation.
        text = np.format_float_positional(
            points, precision=2, fractional=False, trim="-", sign=True
        )
    return text


def _parity_gap_pp(frame: pd.DataFrame, share: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The frame's gap_pp, or (target - share) in points where it is missing; checked for sign."""
    given = as_float_array("gap_pp", frame["gap_pp"])
    drawn = (target - share) * 100.0
    # gap_pp and share may both be rounded (a target is a stated share, exact): they may differ
    # by what their rounding allows, in points, and no more; share - target, the other sign, is
    # then refused even when small
    slack = 100.0 * _half_unit(share) + _half_unit(given) + 1e-9
    off = np.isfinite(given) & np.isfinite(drawn) & (np.abs(given - drawn) > slack)
    if off.any():
        where = describe_position(frame["gap_pp"], off)
        i = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"gap_pp must be (target - share) in percentage points, positive for a shortfall, "
            f"as wps.parity_gap gives it; got {given[i]:g} where share={share[i]:g} and "
            f"target={target[i]:g} give {drawn[i]:.4g} {where}".strip()
        )
    return np.where(np.isfinite(given), given, drawn)


def parity(
    frame: pd.DataFrame,
    *,
    label: str | None = None,
    xmax: float = 1.0,
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """The share of women by personnel category against its target, with the women needed.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`wpsstats.parity_gap`: columns ``share``, ``target``, ``gap_pp``,
        ``women_needed`` and ``met``, one row per category (bar), top to bottom. Where only
        shares are known (a published "2.6 per cent", no counts), ``women_needed`` and ``met``
        may be missing and ``gap_pp`` too (it is then ``(target - share) * 100``).
    label : str, optional
        Column naming each category; by default the frame's index. Underscores are shown as
        spaces ("military_contingents" reads "military contingents").
    xmax : float, default 1.0
        Right end of the share axis (1.0 = 100 per cent).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source line; by default built from the frame's source columns, else "not stated".
        "" draws none.

    Returns
    -------
    matplotlib.axes.Axes
        The chart: one bar per row (orange below target, bluish green at or above it, grey
        without a target), the targets as black ticks (a line with ``gid="targets"``), and
        beside each bar its gap: in women where ``women_needed`` is known ("+921 women
        needed", "+1 woman needed", "target met"), else in percentage points ("-12.4 pp to
        target", "target met"); "no target" for a share without a target, and "no data" (and
        no bar) only where the share itself is missing.

    Raises
    ------
    ValueError
        A missing column (named), a share or target outside [0, 1], a negative number of women
        needed, a ``gap_pp`` more than one point away from ``(target - share) * 100`` (most
        often ``share - target``, the opposite sign), or an empty frame.

    Notes
    -----
    The gap is written in people because that is what a force generation conference or a
    recruitment plan can act on; the gap in percentage points (``gap_pp``) is what the bar and
    the tick show. ``women_needed`` is taken as given: :func:`wpsstats.parity_gap` counts the
    women who, replacing as many men, bring the share to the target. A share published without
    its counts says nothing about people, so its label is the gap in points, ``-gap_pp`` (the
    share minus the target). Whether a row meets its target is read from ``met``, else from
    ``women_needed == 0``, else from ``gap_pp <= 0``.

    References
    ----------
    .. [1] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028 (the targets, by category).
    .. [2] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD).
       https://jfly.uni-koeln.de/color/

    Examples
    --------
    MINUSMA in March 2014 (IPI Peacekeeping Database) against the Strategy's 2028 targets:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> women = pd.Series([52, 10, 40], index=["troops", "individual_police", "formed_police"])
    >>> total = pd.Series([6483, 104, 882], index=women.index)
    >>> gap = wps.parity_gap(women, total, [0.15, 0.30, 0.20])
    >>> ax = wps.plot.parity(gap, source="IPI Peacekeeping Database, March 2014")
    >>> [t.get_text() for t in ax.texts][:3]
    ['+921 women needed', '+22 women needed', '+137 women needed']
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['troops', 'individual police', 'formed police']
    >>> matplotlib.pyplot.close(ax.figure)

    MINUSMA in 2018 from the seed's shares alone (p. 3; no counts), against the same targets:

    >>> figs = wps.figures(geo="MLI").set_index("figure_id")
    >>> ids = [
    ...     "minusma-women-military",
    ...     "minusma-women-formed-police",
    ...     "minusma-women-individual-police",
    ... ]
    >>> shares = figs.loc[ids, "value"].to_numpy(dtype=float)
    >>> frame = pd.DataFrame(
    ...     {
    ...         "share": shares,
    ...         "target": [0.15, 0.20, 0.30],
    ...         "gap_pp": float("nan"),
    ...         "women_needed": pd.NA,
    ...         "met": pd.NA,
    ...     },
    ...     index=["military", "formed_police", "individual_police"],
    ... )
    >>> ax = wps.plot.parity(frame, source="IEG update on Mali (2018), p. 3")
    >>> [t.get_text() for t in ax.texts][:3]
    ['-12.4 pp to target', '-15.3 pp to target', '-13.5 pp to target']
    >>> matplotlib.pyplot.close(ax.figure)
    """
    check_columns(frame, ["share", "target", "gap_pp", "women_needed", "met", label], what="frame")
    _non_empty(frame)
    top = _check_xmax(xmax)
    share = _shares(frame, "share")
    target = _shares(frame, "target")
    needed = as_float_array("women_needed", frame["women_needed"])
    negative = np.isfinite(needed) & ((needed < 0) | (needed != np.floor(needed)))
    if negative.any():
        where = describe_position(frame["women_needed"], negative)
        raise ValueError(
            "women_needed must be a whole number of women, not negative; got "
            f"{needed[negative][0]:g} {where}".strip()
        )
    gap = _parity_gap_pp(frame, share, target)
    has_target = np.isfinite(target)
    has_needed = np.isfinite(needed)
    # Whether a row meets its target: as the frame says; else from the count of women needed;
    # else, when only shares are known, from the gap in points (share >= target).
    try:
        stated = frame["met"].astype("boolean")
    except (TypeError, ValueError):
        raise TypeError(
            f"met must hold True, False or missing values, as wps.parity_gap gives it; got "
            f"{frame['met'].tolist()[:3]!r}"
        ) from None
    known = stated.notna().to_numpy(dtype=bool)
    # a stated "met" must agree with the count: 0 women needed is met, any other number is not
    clash = known & has_needed & (stated.fillna(False).to_numpy(dtype=bool) != (needed == 0))
    if clash.any():
        where = describe_position(frame["met"], clash)
        i = int(np.flatnonzero(clash)[0])
        raise ValueError(
            f"met must be women_needed == 0; got met={bool(stated.iloc[i])} with "
            f"women_needed={needed[i]:g} {where}".strip()
        )
    met = np.where(
        known,
        stated.fillna(False).to_numpy(dtype=bool),
        np.where(has_needed, needed == 0, np.isfinite(gap) & (gap <= _MET_TOL_PP)),
    )
    decided = known | has_needed | np.isfinite(gap)

    rows = len(frame)
    ax = _new_axes(ax, rows)
    y = np.arange(rows)
    drawn = np.isfinite(share)
    colours = np.where(
        decided,
        np.where(met, OKABE_ITO["bluish_green"], OKABE_ITO["orange"]),
        OKABE_ITO["grey"],
    )
    ax.barh(y[drawn], share[drawn], height=0.6, color=list(colours[drawn]))
    ax.plot(
        target[has_target],
        y[has_target],
        linestyle="none",
        marker="|",
        markersize=22,
        markeredgewidth=2.5,
        color=OKABE_ITO["black"],
        label="target",
        gid="targets",
    )

    end = np.fmax(np.where(drawn, share, 0.0), np.where(has_target, target, 0.0))
    xs = _label_x(end, top)
    for i in range(rows):
        if not drawn[i]:
            text = "no data"
        elif has_needed[i]:
            people = "woman" if needed[i] == 1 else "women"
            text = "target met" if needed[i] == 0 else f"+{_number(needed[i])} {people} needed"
        elif not has_target[i]:
            text = "no target"
        elif met[i]:
            text = "target met"
        else:
            # Shares without counts (a published "2.6 per cent"): the gap can only be in points.
            text = f"{_signed_pp(-gap[i])} pp to target"
        ax.text(
            xs[i],
            y[i],
            text,
            ha="left",
            va="center",
            fontsize="small",
            color=OKABE_ITO["black"],
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
        )

    ax.set_yticks(y, _labels(frame, label))
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0.0, top)
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Share of women")
    _tidy(ax)
    handles: list[Any] = [
        Line2D([], [], linestyle="none", marker="|", markersize=12, markeredgewidth=2.5,
               color=OKABE_ITO["black"], label="target"),
    ]  # fmt: skip
    if (drawn & decided & ~met).any():
        handles.append(Patch(color=OKABE_ITO["orange"], label="below target"))
    if (drawn & met).any():
        handles.append(Patch(color=OKABE_ITO["bluish_green"], label="target met"))
    if (drawn & ~decided).any():
        handles.append(Patch(color=OKABE_ITO["grey"], label="no target"))
    ax.legend(handles=handles, loc="best", fontsize="small", framealpha=0.9)
    source_line(ax, _default_source(frame) if source is None else source)
    return ax


# --------------------------------------------------------------------------------------------
# published figures with their qualifiers
# --------------------------------------------------------------------------------------------


class _ArrowHandler(HandlerBase):
    """Legend key for an open-ended claim: a bound and an arrow towards the open side."""

    def create_artists(
        self,
        legend: Any,
        orig_handle: Any,
        xdescent: float,
        ydescent: float,
        width: float,
        height: float,
        fontsize: float,
        trans: transforms.Transform,
    ) -> list[Any]:
        mid = height / 2 - ydescent
        left, right = -xdescent, width - xdescent
        start, end = (left, right) if orig_handle.direction == "right" else (right, left)
        arrow = FancyArrowPatch(
            (start, mid),
            (end, mid),
            arrowstyle="->",
            mutation_scale=fontsize,
            color=orig_handle.colour,
            linewidth=1.5,
            shrinkA=0,
            shrinkB=0,
        )
        arrow.set_transform(trans)
        # open for a bound the figure excludes ("more than"), filled for one it includes
        face = orig_handle.colour if orig_handle.included else "white"
        mark = Line2D([start], [mid], linestyle="none", marker="o", markersize=6,
                      color=orig_handle.colour, markerfacecolor=face)  # fmt: skip
        mark.set_transform(trans)
        return [arrow, mark]


class _ArrowKey:
    def __init__(self, direction: str, colour: str, *, included: bool = False) -> None:
        self.direction = direction
        self.colour = colour
        self.included = included


def _qualifiers(frame: pd.DataFrame) -> np.ndarray:
    raw = frame["qualifier"].astype("string")
    missing = raw.isna().to_numpy()
    if missing.any():
        where = describe_position(frame["qualifier"], missing)
        raise ValueError(
            f"qualifier is missing {where}; use 'exact' for a figure printed without a qualifier"
        )
    values = raw.to_numpy(dtype=str)
    unknown = ~np.isin(values, QUALIFIERS)
    if unknown.any():
        bad = str(values[unknown][0])
        where = describe_position(frame["qualifier"], unknown)
        hint = closest(bad, QUALIFIERS)
        suffix = f"; did you mean {hint!r}?" if hint else ""
        listed = ", ".join(repr(q) for q in QUALIFIERS)
        raise ValueError(f"qualifier={bad!r} {where} is not one of {listed}{suffix}")
    return values


def _phrase(qualifier: str, value: float, lower: float, upper: float, share: bool) -> str:
    fmt = _pct if share else _number
    if not np.isfinite(value):
        return "no value"
    if qualifier == "between":
        return f"between {fmt(lower)} and {fmt(upper)}"
    return f"{_WORDS[qualifier]} {fmt(value)}".strip()


def qualified_figures(
    frame: pd.DataFrame,
    *,
    label: str | None = "figure_id",
    xlim: tuple[float, float] | None = None,
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Published figures as points and ranges that show what the source really claims.

    "More than 52 per cent" does not say 52 per cent: it says somewhere above it, and the chart
    draws an arrow from 52 per cent to the edge of the axis. Each qualifier is drawn as follows:

    | qualifier | mark |
    | --- | --- |
    | exact | a filled point at the value |
    | approx ("about") | a tilde at the value |
    | more_than, just_over, at_least | a point at the bound, open arrow to the right edge |
    | less_than, nearly, at_most | a point at the bound, open arrow to the left edge |
    | between | a bounded segment with a diamond at the midpoint |

    An open point excludes its value (strictly more than, nearly), a filled one includes it (at
    least, at most), as on a number line. The figure's phrase ("more than 52%") is written above
    each mark, centred on it unless that would cut it off at an edge of the axis: when the
    figure is drawn, the phrase is measured and moved inward just enough to fit (and broken
    over two lines if it is wider than the whole plot area). A legend explains the marks
    present.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of :func:`wpsstats.figures`: columns ``value``, ``lower``, ``upper``,
        ``qualifier`` and ``kind``. All rows must be of one kind: shares are drawn on a
        0-100 per cent axis, counts and rates on an axis from 0, whose ticks read "2,000" on
        a short axis and "500k", "2.5M" once it reaches 10,000.
    label : str or None, default "figure_id"
        Column naming each figure on the y axis; None for the frame's index.
    xlim : (float, float), optional
        Limits of the value axis; by default (0, 1) for shares and from 0 to a little above
        the largest bound for counts and rates. Open-ended arrows run to these edges.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source line; by default the frame's ``source_title`` (or ``source_id``) with its
        ``locator`` values ("..., pp. 2, 3"), else "not stated". "" draws none.

    Returns
    -------
    matplotlib.axes.Axes
        The chart. Open-ended arrows are annotations with ``gid`` ``"open-right"`` or
        ``"open-left"`` whose head sits on the axis edge (``xy`` is 1 or 0 in axes
        coordinates, so it stays on the edge if the limits change); ranges have
        ``gid="between"``.

    Raises
    ------
    ValueError
        A missing column (named); an unknown or missing qualifier (the value, its position and
        the valid qualifiers are named); rows of different kinds; a share outside [0, 1]; a
        "between" row without both bounds.

    Notes
    -----
    The bounds drawn are the frame's ``lower`` and ``upper`` where they are set, and ``value``
    otherwise, as :func:`wpsstats.parse_figure` records them (``more_than``: lower = value;
    ``nearly``: upper = value; ``between``: value is the midpoint). A row without a value is
    labelled "no value" and not drawn.

    References
    ----------
    .. [1] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD).
       https://jfly.uni-koeln.de/color/

    Examples
    --------
    The seed's figures on protection in Mali:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wpsstats as wps
    >>> figs = wps.figures(geo="MLI")
    >>> ids = [
    ...     "mli-child-marriage-18",
    ...     "mli-physical-violence-women",
    ...     "mli-gbv-survivors-without-services",
    ...     "mli-fgm-prevalence",
    ... ]
    >>> rows = figs.set_index("figure_id").loc[ids].reset_index()
    >>> ax = wps.plot.qualified_figures(rows)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "phrase"]
    ['more than 52%', 'nearly 40%', 'between 83% and 92%', '89%']
    >>> sorted(t.get_gid() for t in ax.texts if t.get_gid() and t.get_gid().startswith("open"))
    ['open-left', 'open-right']
    >>> " ".join(ax.texts[-1].get_text().split())[:56]  # the source line, unwrapped
    'Source: Informal Expert Group of the Security Council on'
    >>> matplotlib.pyplot.close(ax.figure)
    """
    check_columns(frame, ["value", "lower", "upper", "qualifier", "kind", label], what="frame")
    _non_empty(frame)
    qualifier = _qualifiers(frame)
    kinds = [str(k) for k in pd.unique(frame["kind"].dropna().astype(str))]
    if len(kinds) > 1:
        raise ValueError(
            f"frame mixes kinds {', '.join(repr(k) for k in kinds)}; draw one kind per chart, "
            f"e.g. frame[frame['kind'] == {kinds[0]!r}]"
        )
    is_share = kinds == ["share"]
    if is_share:
        value, lower, upper = (_shares(frame, c) for c in ("value", "lower", "upper"))
    else:
        value, lower, upper = (as_float_array(c, frame[c]) for c in ("value", "lower", "upper"))
    between = qualifier == "between"
    no_bounds = between & np.isfinite(value) & ~(np.isfinite(lower) & np.isfinite(upper))
    if no_bounds.any():
        where = describe_position(frame["qualifier"], no_bounds)
        raise ValueError(f"a 'between' figure needs both lower and upper; one is missing {where}")

    # The bound an open-ended claim starts from; the value where the frame sets none.
    start = np.where(
        np.isin(qualifier, _RIGHT_OPEN),
        np.where(np.isfinite(lower), lower, value),
        np.where(np.isfinite(upper), upper, value),
    )
    if xlim is None:
        if is_share:
            lo, hi = 0.0, 1.0
        else:
            biggest = np.nanmax(np.concatenate([value, lower, upper]))
            lo, hi = 0.0, float(biggest) * 1.15 if np.isfinite(biggest) and biggest > 0 else 1.0
    else:
        lo, hi = _limits("xlim", xlim, share=is_share)

    rows = len(frame)
    ax = _new_axes(ax, rows, width=8.0, per_row=0.5)
    y = np.arange(rows, dtype=float)
    colour = OKABE_ITO["blue"]
    ok = np.isfinite(value)
    edge = transforms.blended_transform_factory(ax.transAxes, ax.transData)

    exact = ok & (qualifier == "exact")
    ax.plot(value[exact], y[exact], "o", color=colour, markersize=7, gid="exact")
    approx = ok & (qualifier == "approx")
    ax.plot(value[approx], y[approx], linestyle="none", marker="$\\sim$", markersize=13,
            color=colour, gid="approx")  # fmt: skip
    rng = ok & between
    if rng.any():
        ax.errorbar(
            value[rng],
            y[rng],
            xerr=np.vstack([value[rng] - lower[rng], upper[rng] - value[rng]]),
            fmt="D",
            color=colour,
            markersize=6,
            elinewidth=1.8,
            capsize=5,
            capthick=1.8,
            gid="between",
        )
    open_right = ok & np.isin(qualifier, _RIGHT_OPEN)
    open_left = ok & np.isin(qualifier, _LEFT_OPEN)
    for j in np.flatnonzero(open_right | open_left):
        side = "right" if open_right[j] else "left"
        arrow = ax.annotate(
            "",
            xy=(1.0 if side == "right" else 0.0, y[j]),
            xycoords=edge,
            xytext=(start[j], y[j]),
            textcoords="data",
            arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.8,
                        "shrinkA": 0, "shrinkB": 0, "mutation_scale": 16},
            gid=f"open-{side}",
            clip_on=True,
        )  # fmt: skip
        # A bound beyond narrowed limits must not draw its arrow across the labels.
        if arrow.arrow_patch is not None:
            arrow.arrow_patch.set_clip_box(ax.bbox)
    bounded = open_right | open_left
    strict = bounded & np.isin(qualifier, _STRICT)
    ax.plot(start[strict], y[strict], "o", color=colour, markerfacecolor="white",
            markeredgewidth=1.8, markersize=7, zorder=3, gid="bound-excluded")  # fmt: skip
    inclusive = bounded & ~strict
    ax.plot(start[inclusive], y[inclusive], "o", color=colour, markersize=7, zorder=3,
            gid="bound-included")  # fmt: skip

    # The phrase is centred above its mark and slides inward when drawn if it would cross an
    # edge of the axis ("between 83% and 92%" centred on 87.5% would be cut off on the right).
    at = np.where(bounded, start, value)
    for i in range(rows):
        phrase = _InsideText(
            at[i] if np.isfinite(at[i]) else lo,
            y[i] - 0.2,
            _phrase(qualifier[i], value[i], lower[i], upper[i], is_share),
            ha="center",
            va="bottom",
            fontsize="small",
            color=OKABE_ITO["black"],
            gid="phrase",
            clip_on=True,
            transform=ax.transData,
        )
        ax.add_artist(phrase)

    ax.set_yticks(y, _labels(frame, label))
    ax.set_ylim(rows - 0.4, -0.8)
    ax.set_xlim(lo, hi)
    if is_share:
        _percent_axis(ax.xaxis)
        ax.set_xlabel("Share (as published)")
    else:
        ax.xaxis.set_major_formatter(_CountFormatter())
        ax.set_xlabel(f"{kinds[0].capitalize() if kinds else 'Value'} (as published)")
    _tidy(ax)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)

    handles: list[Any] = []
    labels: list[str] = []
    present = set(qualifier[ok].tolist())

    def words(names: Sequence[str]) -> str:
        return ", ".join(_WORDS[q] for q in names if q in present)

    if "exact" in present:
        handles.append(Line2D([], [], linestyle="none", marker="o", color=colour))
        labels.append("exact")
    if "approx" in present:
        handles.append(Line2D([], [], linestyle="none", marker="$\\sim$", markersize=11,
                              color=colour))  # fmt: skip
        labels.append("about (approximate)")
    # one key per kind of bound: the value excluded (open circle) or included (filled), as drawn
    for direction, group, where in (("right", _RIGHT_OPEN, "above"), ("left", _LEFT_OPEN, "below")):
        for included in (False, True):
            names = [q for q in group if (q in _STRICT) != included]
            if present & set(names):
                handles.append(_ArrowKey(direction, colour, included=included))
                labels.append(f"{words(names)}: open-ended {where}")
    if "between" in present:
        handles.append(Line2D([], [], marker="D", markersize=5, color=colour))
        labels.append("between: range, midpoint")
    if handles:
        ax.legend(
            handles,
            labels,
            handler_map={_ArrowKey: _ArrowHandler()},
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize="small",
            frameon=False,
            title="Marks",
            title_fontsize="small",
            alignment="left",
        )
    source_line(ax, _default_source(frame) if source is None else source)
    return ax


# --------------------------------------------------------------------------------------------
# trend
# --------------------------------------------------------------------------------------------


def _series(periods: Any, shares: Any) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    # the same reading of periods as wps.year_reaching: a line drawn here and the year it
    # reports agree
    years = as_years(periods)
    if isinstance(shares, pd.DataFrame):
        table = {str(c): check_fraction(str(c), shares[c]).ravel() for c in shares.columns}
    else:
        name = str(shares.name) if isinstance(shares, pd.Series) and shares.name else "observed"
        table = {name: check_fraction("shares", shares).ravel()}
    for name, values in table.items():
        if values.shape != years.shape:
            raise ValueError(
                f"periods and shares must have the same length; got {years.size} periods and "
                f"{values.size} values of {name!r}"
            )
    return years, table


def _least_squares(years: np.ndarray, values: np.ndarray) -> tuple[float, float, float] | None:
    """(mean year, mean share, slope) of the least-squares line; None with < 2 distinct years."""
    ok = np.isfinite(years) & np.isfinite(values)
    x, v = years[ok], values[ok]
    if np.unique(x).size < 2:
        return None
    # Centred on the mean year: raw calendar years near 2000 lose digits in the slope.
    x_mean, v_mean = float(x.mean()), float(v.mean())
    dx = x - x_mean
    return x_mean, v_mean, float(np.dot(dx, v - v_mean) / np.dot(dx, dx))


def trend(
    periods: Any,
    shares: Any,
    *,
    target_path: pd.DataFrame | float | None = None,
    fit: bool = False,
    ylim: tuple[float, float] | None = None,
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Observed shares of women by year against a target path, optionally with the trend line.

    Parameters
    ----------
    periods : sequence
        When each share was observed: years (2014), ISO 8601 strings (``"2014-03-31"``) or
        dates, read as :func:`wpsstats.year_reaching` reads them.
    shares : sequence of float, Series or DataFrame
        The share of women at each period (fractions in [0, 1]). A DataFrame draws one line per
        column (e.g. one per country), named by the column; a named Series is named by its name.
        Missing values leave a gap in the line.
    target_path : DataFrame or float, optional
        The target over time: a DataFrame with columns ``year`` and ``target`` (e.g.
        ``wps.parity_targets("military_contingents")``, of one category) drawn as a dashed
        line, with the published targets (``kind == "published"``) as points; or one share
        (0.30), drawn as a dashed horizontal line.
    fit : bool, default False
        Draw each series' least-squares line of share on year (dotted). With one series and a
        target, the line is extended to the target's last year and the chart states when it
        reaches the last target, as :func:`wpsstats.year_reaching` computes it.
    ylim : (float, float), optional
        Limits of the share axis; by default from 0 to a little above the largest share or
        target (at most 100 per cent). The axis always starts at 0 unless you say otherwise.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source of the observed shares, for the source line. The targets' source is added
        from ``target_path``'s ``source_id`` column when it has one.

    Returns
    -------
    matplotlib.axes.Axes
        The chart: the observed lines (``gid="observed"``), the target (``gid="target"``), the
        fitted lines (``gid="fit"``; with one series and a target, the legend entry of the
        fit states the year the target is reached) and the source line (``gid="source"``).

    Raises
    ------
    ValueError
        Lengths that differ, a share or target outside [0, 1], a ``target_path`` without
        ``year`` and ``target`` or holding several categories, or ``fit=True`` with fewer than
        two distinct periods.

    Notes
    -----
    The fitted line is the ordinary least-squares line of share on year over the observed
    (non-missing) points, the line :func:`wpsstats.year_reaching` uses. With two observations
    it runs through both: it is the pace between them, extended -- say so when you show it.

    References
    ----------
    .. [1] R Core Team. ``stats::lm``: fitting linear models (the fitted line matches
       ``coef(lm(share ~ year))``).
    .. [2] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028 (the target path of ``wps.parity_targets``).

    Examples
    --------
    MINUSMA's military personnel: 52 women among 6,483 troops in March 2014 (IPI Peacekeeping
    Database), 2.6 per cent in 2018 (the seed), against the Strategy's path for contingents:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import wpsstats as wps
    >>> path = wps.parity_targets("military_contingents")
    >>> ax = wps.plot.trend(
    ...     ["2014-03-31", "2018"],
    ...     [52 / 6483, 0.026],
    ...     target_path=path,
    ...     fit=True,
    ...     source="IPI Peacekeeping Database (2014); IEG update on Mali (2018), p. 3",
    ... )
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    'least-squares trend:\\nat this pace, 15% is reached in 2043'
    >>> float(ax.get_ylim()[0])
    0.0
    >>> matplotlib.pyplot.close(ax.figure)
    """
    if not isinstance(fit, (bool, np.bool_)):
        raise TypeError(f"fit must be True or False, got {fit!r}")
    years, table = _series(periods, shares)
    if years.size == 0:
        raise ValueError("periods and shares are empty: a trend needs at least one observation")

    path_years = path_values = None
    published: np.ndarray | None = None
    if isinstance(target_path, pd.DataFrame):
        check_columns(target_path, ["year", "target"], what="target_path")
        if "category" in target_path.columns:
            cats = [str(c) for c in pd.unique(target_path["category"].dropna().astype(str))]
            if len(cats) > 1:
                raise ValueError(
                    f"target_path holds several categories ({', '.join(map(repr, cats))}); "
                    "pass the targets of one, e.g. wps.parity_targets('military_contingents')"
                )
        ordered = target_path.sort_values("year")
        path_years = as_float_array("year", ordered["year"])
        path_values = _shares(ordered, "target")
        if "kind" in ordered.columns:
            kind = ordered["kind"].astype("string")
            published = (kind == "published").fillna(False).to_numpy(dtype=bool)
    elif target_path is not None:
        if isinstance(target_path, (str, bytes)) or np.ndim(target_path) != 0:
            raise TypeError(
                "target_path must be a DataFrame with year and target, or one share such as "
                f"0.30; got {target_path!r}"
            )
        flat_target = _one_share("target_path", target_path)

    ax = _new_axes(ax, 8, width=8.5, per_row=0.4)
    tops: list[float] = []
    fits: list[tuple[str, str, tuple[float, float, float]]] = []
    for k, (name, values) in enumerate(table.items()):
        colour = OKABE_ITO[_CYCLE[k % len(_CYCLE)]]
        # past seven series the colours come round again: the line and its mark change, so
        # that series 8 is not series 1 (the legend shows both)
        turn = k // len(_CYCLE)
        style = _REPEATS[turn % len(_REPEATS)]
        order = np.argsort(years, kind="stable")
        ax.plot(years[order], values[order], marker=style[1], linestyle=style[0], color=colour,
                linewidth=2, label=name, gid="observed")  # fmt: skip
        tops.append(float(np.nanmax(values)) if np.isfinite(values).any() else 0.0)
        if fit:
            line = _least_squares(years, values)
            if line is None:
                raise ValueError(
                    f"fit=True needs observations of {name!r} in at least two different periods"
                )
            fits.append((name, colour, line))

    last_target = None
    if path_years is not None and path_values is not None and path_years.size:
        ax.plot(path_years, path_values, linestyle="--", color=OKABE_ITO["vermillion"],
                linewidth=1.6, label="target", gid="target")  # fmt: skip
        if published is not None and published.any():
            ax.plot(path_years[published], path_values[published], linestyle="none",
                    marker="s", markersize=6, color=OKABE_ITO["vermillion"],
                    label="published target", gid="target-published")  # fmt: skip
        tops.append(float(np.nanmax(path_values)))
        last_target = (float(path_years[-1]), float(path_values[-1]))
    elif target_path is not None:
        ax.axhline(flat_target, linestyle="--", color=OKABE_ITO["vermillion"], linewidth=1.6,
                   label=f"{_pct(flat_target)} target", gid="target")  # fmt: skip
        tops.append(flat_target)
        last_target = (float("nan"), flat_target)

    finite_years = years[np.isfinite(years)]
    x_end = float(finite_years.max()) if finite_years.size else 0.0
    if last_target is not None and np.isfinite(last_target[0]):
        x_end = max(x_end, last_target[0])
    reach = None
    if len(fits) == 1 and last_target is not None:
        from .parity import year_reaching

        series = next(iter(table.values()))
        ok = np.isfinite(years) & np.isfinite(series)
        goal = last_target[1]
        when = year_reaching(years[ok], series[ok], goal)
        if np.isfinite(when):
            # 2043.9 is late in 2043: the year it is reached in is the whole part.
            verb = "was reached" if when <= finite_years.max() else "is reached"
            reach = f"at this pace, {_pct(goal)} {verb} in {int(np.floor(when))}"
        else:
            # a flat or falling line: "never reached" only if it is below the target at the end
            x_mean, v_mean, slope = fits[0][2]
            at_end = v_mean + slope * (float(finite_years.max()) - x_mean)
            if at_end >= goal:
                last = int(finite_years.max())
                reach = f"the fitted line is at or above {_pct(goal)} in {last}"
            else:
                reach = f"at this pace, {_pct(goal)} is never reached"
    for name, colour, (x_mean, v_mean, slope) in fits:
        seen = years[np.isfinite(years) & np.isfinite(table[name])]
        # Each line spans its own observations; a lone series runs on to the target's year.
        xs = np.array([seen.min(), max(x_end, seen.max()) if len(fits) == 1 else seen.max()])
        # Not clipped to [0, 1]: moving an end would change the slope; the axis cuts it instead.
        line_y = v_mean + slope * (xs - x_mean)
        label = "least-squares trend" if len(fits) == 1 else f"{name}: trend"
        if reach:
            label = f"{label}:\n{reach}"
        ax.plot(xs, line_y, linestyle=":", color=colour, linewidth=1.6, label=label, gid="fit")
        tops.append(min(1.0, float(line_y.max())))

    if ylim is None:
        top = max(tops) if tops else 1.0
        # Round the headroom up to the next 5 points, never past 100 per cent.
        ylim = (0.0, float(min(1.0, max(0.05, np.ceil(top * 1.15 * 20) / 20))))
    else:
        ylim = _limits("ylim", ylim, share=True)
    ax.set_ylim(*ylim)
    _percent_axis(ax.yaxis)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Share of women")
    ax.set_xlabel("Year")
    _tidy(ax)
    ax.grid(axis="y", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    # Beside the plot, not on it: a legend inside would hide a target or an observation.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)

    text = "not stated" if source is None else source
    if isinstance(target_path, pd.DataFrame) and "source_id" in target_path.columns:
        targets = _default_source(target_path.drop(columns=["locator"], errors="ignore"))
        text = "" if source == "" else f"{text.rstrip('.')}. Targets: {targets}"
    source_line(ax, text)
    return ax
