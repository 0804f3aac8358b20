"""The representation chart: the share of women in each body, with its interval and counts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._checks import as_float_array, check_columns, describe_position
from ._inputs import check_source, check_xmax, half_unit, non_empty, one_share, shares
from .style import (
    OKABE_ITO,
    default_source,
    label_beside,
    label_x,
    new_axes,
    number,
    percent,
    share_bars_axes,
    source_line,
    tick_labels,
)

__all__ = ["representation"]

# the interval methods of wpsstats.rate as their authors name them
_METHOD_NAMES = {
    "wilson": "Wilson",
    "wilson_cc": "Wilson (continuity-corrected)",
    "wald": "Wald",
    "agresti_coull": "Agresti-Coull",
    "clopper_pearson": "Clopper-Pearson",
    "jeffreys": "Jeffreys",
}


@dataclass(frozen=True)
class _Bodies:
    """The frame's columns, checked: one entry per body (bar), NaN where a value is missing."""

    women: np.ndarray
    total: np.ndarray
    share: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    quota: float | None
    xmax: float

    @property
    def drawn(self) -> np.ndarray:
        """Rows with a share, drawn as a bar."""
        return np.isfinite(self.share)

    @property
    def has_ci(self) -> np.ndarray:
        """Rows drawn with a whisker."""
        return self.drawn & np.isfinite(self.lower) & np.isfinite(self.upper)


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
        The line's label, written above the plot at the line; default "30% quota".
    xmax : float, default 1.0
        Right end of the share axis (1.0 = 100 per cent). Narrow it only with care: a full
        axis lets a reader see how far a body is from parity.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source line under the chart; by default built from the frame's ``source``,
        ``source_title`` or ``source_id`` column, else "not stated". "" draws none (the note
        naming the marks is still written).

    Returns
    -------
    matplotlib.axes.Axes
        The chart: one bar patch per row, the bar labels "9 of 36 (25%)" as texts, the quota
        line with ``gid="quota"`` (named by the tick label of a secondary x axis at the top)
        and the source line with ``gid="source"``, whose second line names the whiskers. The
        chart has no legend: each part is labelled where it is.

    Raises
    ------
    ValueError
        A missing column (named), a share outside [0, 1], an interval that does not contain its
        share, or an empty frame.

    Notes
    -----
    Each bar is labelled with its counts, not only its percentage: "9 of 36" tells a reader how
    much one more woman would change the share. A body with no members has no share; its row is
    labelled "no members" and gets no bar. A share whose counts are missing is labelled with
    its percentage alone. The whiskers are the interval columns as given; the
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
    bodies = _validate(frame, label=label, quota=quota, xmax=xmax)
    check_source(source)
    ax = new_axes(ax, rows=len(frame))
    interval, method = _interval_names(frame)
    _draw_bars(ax, bodies, interval=interval, quota_label=quota_label)
    _label_bars(ax, bodies)
    share_bars_axes(ax, tick_labels(frame, label=label), xmax=bodies.xmax)
    _label_quota(ax, bodies, quota_label)
    note = f"Whiskers: {method}{interval}s of the share." if bodies.has_ci.any() else None
    source_line(ax, default_source(frame) if source is None else source, note=note)
    return ax


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


def _validate(frame: pd.DataFrame, *, label: str | None, quota: object, xmax: object) -> _Bodies:
    columns = getattr(frame, "columns", ())  # not a frame at all: check_columns says so
    if "prevalence" in columns and "women" not in columns:
        raise ValueError(
            "frame looks like wps.survey_prevalence output (a 'prevalence' column, no 'women'): "
            "draw it with wps.plot.prevalence"
        )
    check_columns(frame, ["women", "total", "rate", label], what="frame")
    non_empty(frame)
    top = check_xmax(xmax)
    women = as_float_array("women", frame["women"])
    total = as_float_array("total", frame["total"])
    share = shares(frame, "rate")
    _check_counts(women, total, share, frame)
    nan = np.full(share.shape, np.nan)
    lower = shares(frame, "lower") if "lower" in frame.columns else nan
    upper = shares(frame, "upper") if "upper" in frame.columns else nan
    tol = 1e-12
    outside = (np.isfinite(lower) & (lower > share + tol)) | (
        np.isfinite(upper) & (upper < share - tol)
    )
    if outside.any():
        where = describe_position(frame["rate"], outside)
        raise ValueError(f"frame's interval [lower, upper] must contain rate; it does not {where}")
    q = None if quota is None else one_share("quota", quota)
    return _Bodies(women, total, share, lower, upper, q, top)


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
        np.isfinite(ratio) & np.isfinite(share) & (np.abs(ratio - share) > half_unit(share) + 1e-9)
    )
    if off.any():
        where = describe_position(frame["rate"], off)
        i = int(np.flatnonzero(off)[0])
        raise ValueError(
            f"rate must be women / total, as wps.rate gives it; got rate={share[i]:g} where "
            f"{women[i]:g} / {total[i]:g} = {ratio[i]:.6g} {where}".strip()
        )


def _interval_names(frame: pd.DataFrame) -> tuple[str, str]:
    """("95% confidence interval", "Wilson "): the level and method wps.rate recorded in attrs,
    each left out where the frame does not say it."""
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    conf, method = meta.get("conf"), meta.get("method")
    interval = f"{percent(conf)} confidence interval" if conf else "confidence interval"
    how = f"{_METHOD_NAMES.get(method, method)} " if isinstance(method, str) else ""
    return interval, how


# --------------------------------------------------------------------------------------------
# draw
# --------------------------------------------------------------------------------------------


def _draw_bars(ax: Axes, bodies: _Bodies, *, interval: str, quota_label: str | None) -> None:
    """The bars, their whiskers and the quota line."""
    share, lower, upper = bodies.share, bodies.lower, bodies.upper
    y = np.arange(share.size)
    drawn, has_ci = bodies.drawn, bodies.has_ci
    ax.barh(y[drawn], share[drawn], height=0.6, color=OKABE_ITO["blue"], label="share of women")
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
            label=interval,
        )
    if bodies.quota is not None:
        ax.axvline(
            bodies.quota,
            color=OKABE_ITO["vermillion"],
            linestyle="--",
            linewidth=1.5,
            label=quota_label or f"{percent(bodies.quota)} quota",
            gid="quota",
        )


def _label_bars(ax: Axes, bodies: _Bodies) -> None:
    """ "9 of 36 (25%)" beside each bar, past its whisker; "no members" or "no data" without."""
    drawn, has_ci = bodies.drawn, bodies.has_ci
    end = np.fmax(np.where(drawn, bodies.share, 0.0), np.where(has_ci, bodies.upper, 0.0))
    xs = label_x(end, xmax=bodies.xmax)
    lines = [] if bodies.quota is None else [bodies.quota]
    for i in range(bodies.share.size):
        if drawn[i] and np.isfinite(bodies.women[i]) and np.isfinite(bodies.total[i]):
            women, total = number(bodies.women[i]), number(bodies.total[i])
            text = f"{women} of {total} ({percent(bodies.share[i])})"
        elif drawn[i]:  # a share given without its counts: no "nan of 36"
            text = percent(bodies.share[i])
        elif bodies.total[i] == 0:
            text = "no members"
        else:
            text = "no data"
        # a label that would run across the quota line starts right of it instead
        label_beside(ax, xs[i], i, text, clear_of=lines)


# --------------------------------------------------------------------------------------------
# labels in place of a legend
# --------------------------------------------------------------------------------------------


def _label_quota(ax: Axes, bodies: _Bodies, quota_label: str | None) -> None:
    """The quota line's name at its top, above the plot; the whiskers are named in the note
    under the chart and the bars by the axis label, so the chart needs no legend. A legend
    inside the plot covered the top bars when they fill the width, and one above it ran into a
    title set afterwards; a tick label on a top axis is one matplotlib keeps a title clear of."""
    if bodies.quota is None:
        return
    top = ax.secondary_xaxis("top")
    top.set_xticks([bodies.quota], [quota_label or f"{percent(bodies.quota)} quota"])
    top.tick_params(length=0, labelsize="small", labelcolor=OKABE_ITO["vermillion"])
    top.spines[:].set_visible(False)
