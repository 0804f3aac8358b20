"""The parity chart: personnel categories against their targets, with the women still needed."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._checks import as_float_array, check_columns, describe_position
from ._inputs import check_source, check_xmax, half_unit, non_empty, shares
from .style import (
    OKABE_ITO,
    default_source,
    label_beside,
    label_x,
    new_axes,
    number,
    share_bars_axes,
    source_line,
    tick_labels,
)

__all__ = ["parity"]

# A gap of a billionth of a point is floating-point noise in target - share, not a shortfall.
_MET_TOL_PP = 1e-9


@dataclass(frozen=True)
class _Gaps:
    """The frame's columns, checked: one entry per category (bar), NaN where missing."""

    share: np.ndarray
    target: np.ndarray
    needed: np.ndarray
    gap: np.ndarray  # target - share, in points
    met: np.ndarray
    decided: np.ndarray  # whether met is known at all (from met, women_needed or gap_pp)
    xmax: float

    @property
    def drawn(self) -> np.ndarray:
        """Rows with a share, drawn as a bar."""
        return np.isfinite(self.share)

    @property
    def has_target(self) -> np.ndarray:
        """Rows with a target, drawn as a tick."""
        return np.isfinite(self.target)


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
        "" draws none (the note naming the marks is still written).

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
    gaps = _validate(frame, label=label, xmax=xmax)
    check_source(source)
    ax = new_axes(ax, rows=len(frame))
    _draw_bars(ax, gaps)
    _label_bars(ax, gaps)
    share_bars_axes(ax, tick_labels(frame, label=label), xmax=gaps.xmax)
    # each bar's label says where it stands ("+921 women needed", "target met", "no target"),
    # so the colours need no key, and the ticks are named in the note under the chart: a legend
    # inside the plot covered the top bars when they fill the width
    note = "Black ticks: each row's target." if gaps.has_target.any() else None
    source_line(ax, default_source(frame) if source is None else source, note=note)
    return ax


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


def _validate(frame: pd.DataFrame, *, label: str | None, xmax: object) -> _Gaps:
    check_columns(frame, ["share", "target", "gap_pp", "women_needed", "met", label], what="frame")
    non_empty(frame)
    top = check_xmax(xmax)
    share = shares(frame, "share")
    target = shares(frame, "target")
    needed = as_float_array("women_needed", frame["women_needed"])
    negative = np.isfinite(needed) & ((needed < 0) | (needed != np.floor(needed)))
    if negative.any():
        where = describe_position(frame["women_needed"], negative)
        raise ValueError(
            "women_needed must be a whole number of women, not negative; got "
            f"{needed[negative][0]:g} {where}".strip()
        )
    gap = _gap_pp(frame, share, target)
    met, decided = _met(frame, needed, gap)
    return _Gaps(share, target, needed, gap, met, decided, top)


def _gap_pp(frame: pd.DataFrame, share: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The frame's gap_pp, or (target - share) in points where it is missing; checked for sign."""
    given = as_float_array("gap_pp", frame["gap_pp"])
    drawn = (target - share) * 100.0
    # gap_pp and share may both be rounded (a target is a stated share, exact): they may differ
    # by what their rounding allows, in points, and no more; share - target, the other sign, is
    # then refused even when small
    slack = 100.0 * half_unit(share) + half_unit(given) + 1e-9
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


def _met(frame: pd.DataFrame, needed: np.ndarray, gap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(met, decided): whether each row meets its target, and whether that is known at all.

    As the frame says; else from the count of women needed; else, when only shares are known,
    from the gap in points (share >= target).
    """
    try:
        stated = frame["met"].astype("boolean")
    except (TypeError, ValueError):
        raise TypeError(
            f"met must hold True, False or missing values, as wps.parity_gap gives it; got "
            f"{frame['met'].tolist()[:3]!r}"
        ) from None
    known = stated.notna().to_numpy(dtype=bool)
    has_needed = np.isfinite(needed)
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
    return met, decided


# --------------------------------------------------------------------------------------------
# draw
# --------------------------------------------------------------------------------------------


def _draw_bars(ax: Axes, gaps: _Gaps) -> None:
    """The bars, coloured by whether they meet their target, and the targets as ticks."""
    y = np.arange(gaps.share.size)
    drawn, has_target = gaps.drawn, gaps.has_target
    colours = np.where(
        gaps.decided,
        np.where(gaps.met, OKABE_ITO["bluish_green"], OKABE_ITO["orange"]),
        OKABE_ITO["grey"],
    )
    ax.barh(y[drawn], gaps.share[drawn], height=0.6, color=list(colours[drawn]))
    ax.plot(
        gaps.target[has_target],
        y[has_target],
        linestyle="none",
        marker="|",
        markersize=22,
        markeredgewidth=2.5,
        color=OKABE_ITO["black"],
        label="target",
        gid="targets",
    )


def _signed_pp(points: float) -> str:
    """-12.4, -15, -0.04: one decimal at most, or two significant digits where that shows 0."""
    points += 0.0  # a gap of -0.0 (a target met exactly, negated) is "+0", not "-0"
    text = f"{points:+.1f}".removesuffix(".0")
    if float(text) == 0.0 and points != 0.0:
        # A gap of 0.04 points is not "0": say how small it is, without scientific notation.
        text = np.format_float_positional(
            points, precision=2, fractional=False, trim="-", sign=True
        )
    return text


def _gap_text(gaps: _Gaps, i: int) -> str:
    """The label of row i: the gap in women where counted, else in points."""
    needed = gaps.needed[i]
    if not gaps.drawn[i]:
        return "no data"
    if np.isfinite(needed):
        people = "woman" if needed == 1 else "women"
        return "target met" if needed == 0 else f"+{number(needed)} {people} needed"
    if not gaps.has_target[i]:
        return "no target"
    if gaps.met[i]:
        return "target met"
    # Shares without counts (a published "2.6 per cent"): the gap can only be in points.
    return f"{_signed_pp(-gaps.gap[i])} pp to target"


def _label_bars(ax: Axes, gaps: _Gaps) -> None:
    """The gap beside each bar, past its end or its target tick, whichever is further right."""
    end = np.fmax(
        np.where(gaps.drawn, gaps.share, 0.0), np.where(gaps.has_target, gaps.target, 0.0)
    )
    xs = label_x(end, xmax=gaps.xmax)
    for i in range(gaps.share.size):
        label_beside(ax, xs[i], i, _gap_text(gaps, i), ground_alpha=0.85)
