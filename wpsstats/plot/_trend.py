"""The trend chart: observed shares over time against a target path, with the trend line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from .._checks import (
    as_float_array,
    as_years,
    check_columns,
    check_flag,
    check_fraction,
    describe_position,
)
from .._trends import _fit, trend_status
from ._inputs import check_source, limits, one_share, shares
from .style import OKABE_ITO, default_source, new_axes, percent, percent_axis, source_line, tidy

__all__ = ["trend"]

# Series colours for several lines on one chart; yellow is left out, it vanishes on white paper.
_CYCLE = ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "black")
# (line, marker) for each round of the colour cycle
_REPEATS = (("-", "o"), (":", "s"), ("-.", "^"), ((0, (5, 1)), "D"))

# (mean year, mean share, slope) of a least-squares line
_Line = tuple[float, float, float]


@dataclass(frozen=True)
class _Target:
    """The target to draw: a path over the years (sorted by year), or one flat share."""

    years: np.ndarray | None = None
    values: np.ndarray | None = None
    published: np.ndarray | None = None  # the path's points of kind "published"
    flat: float | None = None

    @property
    def last(self) -> tuple[float, float]:
        """(year, share) of the last target given; the year is NaN for a flat target."""
        if self.years is not None and self.values is not None:
            k = int(np.flatnonzero(np.isfinite(self.values))[-1])  # _target checked there is one
            return float(self.years[k]), float(self.values[k])
        return float("nan"), float(self.flat if self.flat is not None else np.nan)


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
        reaches the last target, or since when it has met it, as :func:`wpsstats.trend_status`
        says; a crossing after 2100 is "not reached by 2100".
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
        fit states the year the target is reached, or since when it is met) and the source
        line (``gid="source"``).

    Raises
    ------
    ValueError
        Lengths that differ, a share or target outside [0, 1], a ``target_path`` without
        ``year`` and ``target``, without rows, with a target missing its year, with every
        target missing or holding several categories, ``shares`` as a DataFrame without
        columns or with a column name repeated, or ``fit=True`` with fewer than two distinct
        periods.

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
    fit = check_flag("fit", fit)
    years, table = _series(periods, shares)
    target = _target(target_path)
    fits = _least_squares_lines(years, table) if fit else {}
    share_lim = None if ylim is None else limits("ylim", ylim, share=True)
    check_source(source)

    ax = new_axes(ax, rows=8, width=8.5, per_row=0.4)
    tops = _draw_observed(ax, years, table)
    tops += _draw_target(ax, target)
    tops += _draw_fits(ax, years, table, fits, target)
    _share_axes(ax, share_lim, tops)
    # Beside the plot, not on it: a legend inside would hide a target or an observation.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    source_line(ax, _source_text(source, target_path))
    return ax


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


def _series(periods: Any, shares: Any) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The periods as years, and each series of shares by its name (at least one observation)."""
    # the same reading of periods as wps.year_reaching: a line drawn here and the year it
    # reports agree
    years = as_years(periods)
    if isinstance(shares, pd.DataFrame):
        if shares.columns.size == 0:
            raise ValueError("shares is a DataFrame without columns: there is no series to draw")
        repeated = shares.columns[shares.columns.duplicated()].unique().tolist()
        if repeated:
            raise ValueError(
                f"shares has more than one column named {', '.join(map(repr, repeated))}; "
                "each column is one line, named by the column"
            )
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
    if years.size == 0:
        raise ValueError("periods and shares are empty: a trend needs at least one observation")
    return years, table


def _target(target_path: Any) -> _Target | None:
    """The target path of one category, sorted by year; or one flat share; or None."""
    if target_path is None:
        return None
    if not isinstance(target_path, pd.DataFrame):
        if isinstance(target_path, (str, bytes)) or np.ndim(target_path) != 0:
            raise TypeError(
                "target_path must be a DataFrame with year and target, or one share such as "
                f"0.30; got {target_path!r}"
            )
        return _Target(flat=one_share("target_path", target_path))
    check_columns(target_path, ["year", "target"], what="target_path")
    if "category" in target_path.columns:
        cats = [str(c) for c in pd.unique(target_path["category"].dropna().astype(str))]
        if len(cats) > 1:
            raise ValueError(
                f"target_path holds several categories ({', '.join(map(repr, cats))}); "
                "pass the targets of one, e.g. wps.parity_targets('military_contingents')"
            )
    if len(target_path) == 0:
        raise ValueError(
            "target_path has no rows; pass the targets of one category, e.g. "
            "wps.parity_targets('military_contingents')"
        )
    ordered = target_path.sort_values("year")
    years = as_float_array("year", ordered["year"])
    if not np.isfinite(years).all():
        where = describe_position(ordered["year"], ~np.isfinite(years))
        raise ValueError(f"target_path: year is missing {where}; each target needs its year")
    values = shares(ordered, "target")
    if not np.isfinite(values).any():
        raise ValueError("target_path: every target is missing; there is no target to draw")
    published = None
    if "kind" in ordered.columns:
        kind = ordered["kind"].astype("string")
        published = (kind == "published").fillna(False).to_numpy(dtype=bool)
    return _Target(years=years, values=values, published=published)


def _least_squares(years: np.ndarray, values: np.ndarray) -> _Line | None:
    """(mean year, mean share, slope) of the least-squares line; None with < 2 distinct years."""
    ok = np.isfinite(years) & np.isfinite(values)
    if np.unique(years[ok]).size < 2:
        return None
    # the fit of wps.year_reaching itself, so that the line drawn and the year stated agree
    return _fit(years[ok], values[ok])


def _least_squares_lines(years: np.ndarray, table: dict[str, np.ndarray]) -> dict[str, _Line]:
    """Each series' least-squares line; ValueError for a series seen in fewer than two periods."""
    lines = {}
    for name, values in table.items():
        line = _least_squares(years, values)
        if line is None:
            raise ValueError(
                f"fit=True needs observations of {name!r} in at least two different periods"
            )
        lines[name] = line
    return lines


# --------------------------------------------------------------------------------------------
# draw
# --------------------------------------------------------------------------------------------


def _colour(k: int) -> str:
    """The colour of the k-th series (from 0)."""
    return OKABE_ITO[_CYCLE[k % len(_CYCLE)]]


def _draw_observed(ax: Axes, years: np.ndarray, table: dict[str, np.ndarray]) -> list[float]:
    """One line per series, in year order; returns the highest share of each."""
    tops = []
    order = np.argsort(years, kind="stable")
    for k, (name, values) in enumerate(table.items()):
        # past seven series the colours come round again: the line and its mark change, so
        # that series 8 is not series 1 (the legend shows both)
        linestyle, marker = _REPEATS[(k // len(_CYCLE)) % len(_REPEATS)]
        ax.plot(years[order], values[order], marker=marker, linestyle=linestyle,
                color=_colour(k), linewidth=2, label=name, gid="observed")  # fmt: skip
        tops.append(float(np.nanmax(values)) if np.isfinite(values).any() else 0.0)
    return tops


def _draw_target(ax: Axes, target: _Target | None) -> list[float]:
    """The target path (dashed, the published targets as squares) or the flat target."""
    if target is None:
        return []
    vermillion = OKABE_ITO["vermillion"]
    if target.years is not None and target.values is not None:
        ax.plot(target.years, target.values, linestyle="--", color=vermillion, linewidth=1.6,
                label="target", gid="target")  # fmt: skip
        published = target.published
        if published is not None and published.any():
            ax.plot(target.years[published], target.values[published], linestyle="none",
                    marker="s", markersize=6, color=vermillion, label="published target",
                    gid="target-published")  # fmt: skip
        return [float(np.nanmax(target.values))]
    _, flat = target.last
    ax.axhline(flat, linestyle="--", color=vermillion, linewidth=1.6,
               label=f"{percent(flat)} target", gid="target")  # fmt: skip
    return [flat]


# A crossing beyond this year is not a forecast anyone should read ("reached in 830732" for a
# share rising by a thousandth of a point a year): it is said as not reached by then, as the
# country profiles print it.
_HORIZON = 2100


def _reach_text(years: np.ndarray, values: np.ndarray, goal: float) -> str:
    """What one series says about the goal, in the words of wps.trend_status."""
    status = trend_status(years, values, goal).iloc[0]
    # 2043.9 is late in 2043: the year it is reached in is the whole part
    when = int(np.floor(status["year"])) if np.isfinite(status["year"]) else 0
    if status["status"] == "met":
        return f"{percent(goal)} met since {when}"
    # the printed year decides: a line crossing in 2024.1 beside a share below it in 2024 has
    # passed the goal in 2024, as the profiles say; "is reached in 2024" reads as to come
    if status["status"] == "reached" and when <= status["latest_period"]:
        return f"it passed {percent(goal)} in {when};\nthe latest share is below"
    if status["status"] == "reached" and when > _HORIZON:
        return f"at this pace, {percent(goal)} is not reached by {_HORIZON}"
    if status["status"] == "reached":
        return f"at this pace, {percent(goal)} is reached in {when}"
    return f"at this pace, {percent(goal)} is never reached"


def _draw_fits(
    ax: Axes,
    years: np.ndarray,
    table: dict[str, np.ndarray],
    fits: dict[str, _Line],
    target: _Target | None,
) -> list[float]:
    """Each series' least-squares line (dotted), over its own observations; a lone series'
    line runs on to the last target year, and its legend entry says when it reaches it."""
    finite_years = years[np.isfinite(years)]
    x_end = float(finite_years.max()) if finite_years.size else 0.0
    reach = None
    if target is not None:
        last_year, goal = target.last
        if np.isfinite(last_year):
            x_end = max(x_end, last_year)
        if len(fits) == 1:
            name = next(iter(fits))
            reach = _reach_text(years, table[name], goal)
    tops = []
    # fits holds every series, in the table's order: the k-th fit takes the k-th colour
    for k, (name, (x_mean, v_mean, slope)) in enumerate(fits.items()):
        seen = years[np.isfinite(years) & np.isfinite(table[name])]
        xs = np.array([seen.min(), max(x_end, seen.max()) if len(fits) == 1 else seen.max()])
        # Not clipped to [0, 1]: moving an end would change the slope; the axis cuts it instead.
        line_y = v_mean + slope * (xs - x_mean)
        label = "least-squares trend" if len(fits) == 1 else f"{name}: trend"
        if reach:
            label = f"{label}:\n{reach}"
        ax.plot(xs, line_y, linestyle=":", color=_colour(k), linewidth=1.6, label=label,
                gid="fit")  # fmt: skip
        tops.append(min(1.0, float(line_y.max())))
    return tops


def _share_axes(ax: Axes, ylim: tuple[float, float] | None, tops: list[float]) -> None:
    """Years across; the share of women up, from 0 to ``ylim`` or a little above the tops."""
    if ylim is None:
        top = max(tops) if tops else 1.0
        # Round the headroom up to the next 5 points, never past 100 per cent.
        ylim = (0.0, float(min(1.0, max(0.05, np.ceil(top * 1.15 * 20) / 20))))
    ax.set_ylim(*ylim)
    percent_axis(ax.yaxis)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("Share of women")
    ax.set_xlabel("Year")
    tidy(ax)
    ax.grid(axis="y", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)


# --------------------------------------------------------------------------------------------
# legend and source
# --------------------------------------------------------------------------------------------


def _source_text(source: Any, target_path: Any) -> Any:
    """The caller's source, followed by the targets' own when the path names its sources."""
    text = "not stated" if source is None else source
    if isinstance(target_path, pd.DataFrame) and "source_id" in target_path.columns:
        targets = default_source(target_path.drop(columns=["locator"], errors="ignore"))
        text = "" if source == "" else f"{text.rstrip('.')}. Targets: {targets}"
    return text
