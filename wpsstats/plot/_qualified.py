"""The qualified-figures chart: published figures drawn as the claims their qualifiers make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .._checks import as_float_array, check_columns, closest, describe_position
from ._inputs import check_source, limits, non_empty, shares
from .style import (
    OKABE_ITO,
    CountFormatter,
    InsideText,
    default_source,
    new_axes,
    number,
    percent,
    percent_axis,
    source_line,
    tick_labels,
    tidy,
)

__all__ = ["QUALIFIERS", "qualified_figures"]

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
_COLOUR = OKABE_ITO["blue"]


@dataclass(frozen=True)
class _Claims:
    """The frame's figures, checked: one entry per row, NaN where a value is missing."""

    qualifier: np.ndarray
    kind: str | None  # the one kind of all rows; None when the column holds no value
    value: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    xlim: tuple[float, float]

    @property
    def is_share(self) -> bool:
        return self.kind == "share"

    @property
    def ok(self) -> np.ndarray:
        """Rows with a value, drawn."""
        return np.isfinite(self.value)

    @property
    def open_right(self) -> np.ndarray:
        return self.ok & np.isin(self.qualifier, _RIGHT_OPEN)

    @property
    def open_left(self) -> np.ndarray:
        return self.ok & np.isin(self.qualifier, _LEFT_OPEN)

    @property
    def start(self) -> np.ndarray:
        """The bound an open-ended claim starts from; the value where the frame sets none."""
        return np.where(
            np.isin(self.qualifier, _RIGHT_OPEN),
            np.where(np.isfinite(self.lower), self.lower, self.value),
            np.where(np.isfinite(self.upper), self.upper, self.value),
        )


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
        "between" row without both bounds, or whose range does not hold its value (named with
        its position).

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
    claims = _validate(frame, label=label, xlim=xlim)
    check_source(source)
    ax = new_axes(ax, rows=len(frame), width=8.0, per_row=0.5)
    _draw_marks(ax, claims)
    _write_phrases(ax, claims)
    _value_axes(ax, claims, tick_labels(frame, label=label))
    _legend(ax, claims)
    source_line(ax, default_source(frame) if source is None else source)
    return ax


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


def _validate(frame: pd.DataFrame, *, label: str | None, xlim: Any) -> _Claims:
    check_columns(frame, ["value", "lower", "upper", "qualifier", "kind", label], what="frame")
    non_empty(frame)
    qualifier = _qualifiers(frame)
    kinds = [str(k) for k in pd.unique(frame["kind"].dropna().astype(str))]
    if len(kinds) > 1:
        raise ValueError(
            f"frame mixes kinds {', '.join(repr(k) for k in kinds)}; draw one kind per chart, "
            f"e.g. frame[frame['kind'] == {kinds[0]!r}]"
        )
    is_share = kinds == ["share"]
    if is_share:
        value, lower, upper = (shares(frame, c) for c in ("value", "lower", "upper"))
    else:
        value, lower, upper = (as_float_array(c, frame[c]) for c in ("value", "lower", "upper"))
    between = qualifier == "between"
    no_bounds = between & np.isfinite(value) & ~(np.isfinite(lower) & np.isfinite(upper))
    if no_bounds.any():
        where = describe_position(frame["qualifier"], no_bounds)
        raise ValueError(f"a 'between' figure needs both lower and upper; one is missing {where}")
    # the range is drawn as whiskers about the value: lower <= value <= upper, or matplotlib
    # refuses the whiskers with a bare error ("between 92 and 83" is lower 0.83, upper 0.92)
    tol = 1e-12 * np.maximum(1.0, np.abs(value))
    with np.errstate(invalid="ignore"):
        outside = between & np.isfinite(value) & ((lower > value + tol) | (upper < value - tol))
    if outside.any():
        where = describe_position(frame["qualifier"], outside)
        i = int(np.flatnonzero(outside)[0])
        raise ValueError(
            f"a 'between' figure's range [lower, upper] must contain its value (the midpoint); "
            f"got lower={lower[i]:g}, value={value[i]:g}, upper={upper[i]:g} {where}".strip()
        )
    if xlim is None:
        if is_share:
            lo, hi = 0.0, 1.0
        else:
            ends = np.concatenate([value, lower, upper])
            biggest = ends[np.isfinite(ends)].max(initial=0.0)  # 0 where no figure has a value
            lo, hi = 0.0, float(biggest) * 1.15 if biggest > 0 else 1.0
    else:
        lo, hi = limits("xlim", xlim, share=is_share)
    return _Claims(qualifier, kinds[0] if kinds else None, value, lower, upper, (lo, hi))


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


# --------------------------------------------------------------------------------------------
# draw
# --------------------------------------------------------------------------------------------


def _draw_marks(ax: Axes, claims: _Claims) -> None:
    """A mark per figure: point, tilde, range, or a bound with an arrow to the open side."""
    qualifier, value, lower, upper = claims.qualifier, claims.value, claims.lower, claims.upper
    ok = claims.ok
    y = np.arange(qualifier.size, dtype=float)
    exact = ok & (qualifier == "exact")
    ax.plot(value[exact], y[exact], "o", color=_COLOUR, markersize=7, gid="exact")
    approx = ok & (qualifier == "approx")
    ax.plot(value[approx], y[approx], linestyle="none", marker="$\\sim$", markersize=13,
            color=_COLOUR, gid="approx")  # fmt: skip
    rng = ok & (qualifier == "between")
    if rng.any():
        ax.errorbar(
            value[rng],
            y[rng],
            xerr=np.vstack([value[rng] - lower[rng], upper[rng] - value[rng]]),
            fmt="D",
            color=_COLOUR,
            markersize=6,
            elinewidth=1.8,
            capsize=5,
            capthick=1.8,
            gid="between",
        )
    _draw_open_ends(ax, claims, y)


def _draw_open_ends(ax: Axes, claims: _Claims, y: np.ndarray) -> None:
    """An arrow from each open-ended claim's bound to the edge of the axis, and the bound."""
    open_right, open_left, start = claims.open_right, claims.open_left, claims.start
    # x in axes coordinates: the head stays on the edge whatever the limits become
    edge = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for j in np.flatnonzero(open_right | open_left):
        side = "right" if open_right[j] else "left"
        arrow = ax.annotate(
            "",
            xy=(1.0 if side == "right" else 0.0, y[j]),
            xycoords=edge,
            xytext=(start[j], y[j]),
            textcoords="data",
            arrowprops={"arrowstyle": "->", "color": _COLOUR, "linewidth": 1.8,
                        "shrinkA": 0, "shrinkB": 0, "mutation_scale": 16},
            gid=f"open-{side}",
            clip_on=True,
        )  # fmt: skip
        # A bound beyond narrowed limits must not draw its arrow across the labels.
        if arrow.arrow_patch is not None:
            arrow.arrow_patch.set_clip_box(ax.bbox)
    bounded = open_right | open_left
    strict = bounded & np.isin(claims.qualifier, _STRICT)
    ax.plot(start[strict], y[strict], "o", color=_COLOUR, markerfacecolor="white",
            markeredgewidth=1.8, markersize=7, zorder=3, gid="bound-excluded")  # fmt: skip
    inclusive = bounded & ~strict
    ax.plot(start[inclusive], y[inclusive], "o", color=_COLOUR, markersize=7, zorder=3,
            gid="bound-included")  # fmt: skip


def _phrase(qualifier: str, value: float, lower: float, upper: float, share: bool) -> str:
    """The figure as the source words it: "more than 52%", "between 83% and 92%"."""
    fmt = percent if share else number
    if not np.isfinite(value):
        return "no value"
    if qualifier == "between":
        return f"between {fmt(lower)} and {fmt(upper)}"
    return f"{_WORDS[qualifier]} {fmt(value)}".strip()


def _write_phrases(ax: Axes, claims: _Claims) -> None:
    """Each figure's phrase above its mark (at the bound of an open-ended claim).

    The phrase is centred above its mark and slides inward when drawn if it would cross an
    edge of the axis ("between 83% and 92%" centred on 87.5% would be cut off on the right).
    """
    bounded = claims.open_right | claims.open_left
    at = np.where(bounded, claims.start, claims.value)
    for i in range(claims.qualifier.size):
        phrase = InsideText(
            at[i] if np.isfinite(at[i]) else claims.xlim[0],
            float(i) - 0.2,
            _phrase(
                claims.qualifier[i], claims.value[i], claims.lower[i], claims.upper[i],
                claims.is_share,
            ),
            ha="center",
            va="bottom",
            fontsize="small",
            color=OKABE_ITO["black"],
            gid="phrase",
            clip_on=True,
            transform=ax.transData,
        )  # fmt: skip
        ax.add_artist(phrase)


def _value_axes(ax: Axes, claims: _Claims, labels: list[str]) -> None:
    """Figures top to bottom; values on a percentage axis for shares, a count axis otherwise."""
    rows = len(labels)
    ax.set_yticks(np.arange(rows, dtype=float), labels)
    ax.set_ylim(rows - 0.4, -0.8)
    ax.set_xlim(*claims.xlim)
    if claims.is_share:
        percent_axis(ax.xaxis)
        ax.set_xlabel("Share (as published)")
    else:
        ax.xaxis.set_major_formatter(CountFormatter())
        kind = claims.kind.capitalize() if claims.kind else "Value"
        ax.set_xlabel(f"{kind} (as published)")
    tidy(ax)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)


# --------------------------------------------------------------------------------------------
# legend
# --------------------------------------------------------------------------------------------


class _ArrowKey:
    """A legend entry for an open-ended claim, drawn by :class:`_ArrowHandler`."""

    def __init__(self, direction: str, colour: str, *, included: bool = False) -> None:
        self.direction = direction
        self.colour = colour
        self.included = included


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


def _legend(ax: Axes, claims: _Claims) -> None:
    """One key for each kind of mark drawn, beside the plot."""
    handles: list[Any] = []
    labels: list[str] = []
    present = set(claims.qualifier[claims.ok].tolist())

    def words(names: Sequence[str]) -> str:
        return ", ".join(_WORDS[q] for q in names if q in present)

    if "exact" in present:
        handles.append(Line2D([], [], linestyle="none", marker="o", color=_COLOUR))
        labels.append("exact")
    if "approx" in present:
        handles.append(Line2D([], [], linestyle="none", marker="$\\sim$", markersize=11,
                              color=_COLOUR))  # fmt: skip
        labels.append("about (approximate)")
    # one key per kind of bound: the value excluded (open circle) or included (filled), as drawn
    for direction, group, where in (("right", _RIGHT_OPEN, "above"), ("left", _LEFT_OPEN, "below")):
        for included in (False, True):
            names = [q for q in group if (q in _STRICT) != included]
            if present & set(names):
                handles.append(_ArrowKey(direction, _COLOUR, included=included))
                labels.append(f"{words(names)}: open-ended {where}")
    if "between" in present:
        handles.append(Line2D([], [], marker="D", markersize=5, color=_COLOUR))
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
