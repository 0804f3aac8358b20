"""Shares of women over time against a target: when it is reached at the current pace, whether
it is met already and since when, and what pace meets it on time.

:func:`year_reaching`, :func:`trend_status` and :func:`pace_needed` are public through
:mod:`wpsstats.parity` (and ``wpsstats``), for a mission's personnel as for parliaments; they live
here, apart from the targets and gaps, because they share the least-squares line and its checks
(:func:`_fit`, also drawn by :func:`wpsstats.plot.trend`).

Shares are fractions in [0, 1]; paces are in percentage points a year.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from ._checks import as_years, check_fraction, check_share, describe_position, series_index

__all__: list[str] = []  # public through wpsstats.parity


def _series(periods: Any, shares: Any, target: Any) -> tuple[np.ndarray, np.ndarray, float, int]:
    """The observations with both a period and a share, the target, and how many were left out.

    A missing period or share drops its observation, as ``lm(share ~ year)`` does in R (its
    default ``na.action = na.omit``) and as :func:`wpsstats.plot.trend` draws the line: a year
    without a value is a gap the line runs through, the same in every function of this module.
    """
    # two Series are paired by index, never by position (as in parity_gap)
    series_index(periods=periods, shares=shares)
    years = as_years(periods)
    values = check_fraction("shares", shares).ravel()
    if years.shape != values.shape:
        raise ValueError(
            f"periods and shares must have the same length; got {years.size} periods and "
            f"{values.size} shares"
        )
    goal = check_share("target", target, missing_ok=True)  # a missing target: a NaN answer
    bad = np.isinf(years)
    if bad.any():
        raise ValueError(
            f"periods must be finite; got {years[bad][0]} {describe_position(periods, bad)}".strip()
        )
    seen = np.isfinite(years) & np.isfinite(values)
    return years[seen], values[seen], goal, int(seen.size - seen.sum())


def _left_out(missing: int) -> str:
    if not missing:
        return ""
    plural = "s" if missing > 1 else ""
    return f" ({missing} observation{plural} without a period or share left out)"


def _latest(years: np.ndarray, values: np.ndarray, *, missing: int, caller: str) -> int:
    """Position of the one latest observation; an error if there is none or two."""
    if years.size == 0:
        raise ValueError(
            f"{caller} needs one observation with both a period and a share; got none"
            f"{_left_out(missing)}"
        )
    last = int(np.argmax(years))
    latest = np.flatnonzero(years == years[last])
    if latest.size > 1:
        # two shares for the last period (two sources, "2018-03" and "2018-03-01"): which one
        # counts is the analyst's choice, not the row order's
        shown = ", ".join(f"{values[i]:g}" for i in latest[:5])
        raise ValueError(
            f"the last period ({years[last]:g}) has {latest.size} shares ({shown}); "
            f"{caller} starts from one observation: keep one, or average them first"
        )
    return last


def _fit(years: np.ndarray, values: np.ndarray, *, missing: int = 0) -> tuple[float, float, float]:
    """Least-squares line of share on year: (mean year, fitted share at it, slope per year)."""
    if np.unique(years).size < 2:
        raise ValueError(
            f"a line needs observations in at least two different periods; got periods "
            f"{sorted(set(years.tolist()))}{_left_out(missing)}"
        )
    # Centre the years: slopes from raw calendar years (x around 2000) lose digits.
    x_mean = float(years.mean())
    y_mean = float(values.mean())
    dx = years - x_mean
    if np.ptp(values) == 0:
        # a flat series: its mean can round (3 * 0.1 / 3), and the centred shares then give a
        # slope of about 1e-31, whose "year reaching" is 1e29, not the NaN of a flat line
        return x_mean, float(values[0]), 0.0
    terms = dx * (values - y_mean)
    numerator = float(terms.sum())
    # A slope no larger than the rounding error of its own sum is zero: the exact one may well
    # be (equal means year by year), and the sign and size of what rounding leaves, about 1e-17,
    # would then depend on the order of the rows, making a "year reaching" of 1e16 or NaN. The
    # bound is the classic one for a sum of n products of rounded terms, (n + 3) eps sum|term|,
    # doubled for safety.
    if abs(numerator) <= 2 * (terms.size + 3) * np.finfo(float).eps * float(np.abs(terms).sum()):
        return x_mean, y_mean, 0.0
    slope = numerator / float(np.dot(dx, dx))
    return x_mean, y_mean, slope


def _crossing(x_mean: float, y_mean: float, slope: float, goal: float) -> float:
    """Where the line through (x_mean, y_mean) with ``slope`` reaches ``goal``; NaN unless it
    rises."""
    return x_mean + (goal - y_mean) / slope if slope > 0.0 else float("nan")


def _met_since(years: np.ndarray, values: np.ndarray, goal: float) -> float:
    """First period of the run of observations at or above ``goal`` that ends with the latest;
    NaN when a share of the latest period is below it."""
    below = years[values < goal]
    if below.size and below.max() == years.max():
        return float("nan")
    # the run at the target starts after the last period with a share below it
    run = years > below.max() if below.size else np.ones(years.size, dtype=bool)
    return float(years[run].min())


def year_reaching(periods: Any, shares: Any, target: float) -> float:
    """The year at which the least-squares trend of the share of women reaches a target.

    Fits the ordinary least-squares line of ``shares`` on ``periods`` (``lm(share ~ year)`` in
    R) and returns the fractional year where that line equals ``target``. To learn whether the
    target is already met, and since when, use :func:`trend_status`.

    Parameters
    ----------
    periods : sequence
        When each share was observed: years (2014, 2018.5), ISO 8601 strings (``"2018"``,
        ``"2014-03"``, ``"2014-03-31"``), dates or Timestamps. A period counts from its start:
        ``"2014-03"`` is 1 March 2014, i.e. 2014.16; a bare year is taken as given.
    shares : sequence of float
        Share of women at each period, fractions in [0, 1].
    target : float
        Target share, a fraction in [0, 1].

    Returns
    -------
    float
        The fractional year (2044.7 is late September 2044). NaN when the line is flat or
        falling (it never rises to the target) or the target is missing. For a series already
        above the target the fitted line crosses it in the past, possibly before any
        observation did: the value is still the crossing, with a warning that the target is
        met and since when (:func:`trend_status` says so without a warning).

    Raises
    ------
    ValueError
        Fewer than two distinct periods with a share, lengths that differ, shares or target
        outside [0, 1], or a period that is a range (``"2015/2016"``).

    Warns
    -----
    UserWarning
        When the latest share already meets the target (whether the line rises or not): the
        warning gives the first period of the run at or above it, as :func:`trend_status` does.

    See Also
    --------
    trend_status : met since when, reached at the fitted year, or never at this pace.
    pace_needed : the pace that meets the target by a given year.

    Notes
    -----
    With :math:`\\bar x, \\bar y` the mean year and share and slope
    :math:`b = \\sum (x_i-\\bar x)(y_i-\\bar y) / \\sum (x_i-\\bar x)^2`, the year is
    :math:`\\bar x + (t - \\bar y) / b` for :math:`b > 0`. With two observations the line runs
    through both, and the answer is a straight extrapolation of the pace between them. A slope
    within the rounding error of its computation is taken as zero (flat, so NaN), so that the
    answer does not depend on the order of the observations.

    An observation without a period or a share is left out and the line fitted to the rest, as
    R's ``lm`` does by default and as :func:`wpsstats.plot.trend` draws it: a missing year is a
    gap the line runs through. :func:`trend_status` counts what was left out.

    References
    ----------
    .. [1] R Core Team. ``stats::lm``: fitting linear models, R: A language and environment for
       statistical computing. The slope and intercept match ``coef(lm(share ~ year))``.

    Examples
    --------
    MINUSMA's military personnel: 52 women among 6,483 troops in March 2014 (IPI Peacekeeping
    Database), 2.6 per cent of military personnel in 2018 (the seed). At that pace the 2028
    target of 15 per cent for contingents is reached at the end of 2043:

    >>> import wpsstats as wps
    >>> round(wps.year_reaching(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15), 1)
    2043.9

    A falling share never reaches a higher target:

    >>> wps.year_reaching([2014, 2018], [0.05, 0.04], 0.15)
    nan
    """
    years, values, goal, missing = _series(periods, shares, target)
    x_mean, y_mean, slope = _fit(years, values, missing=missing)
    if not np.isfinite(goal):
        return float("nan")
    crossing = _crossing(x_mean, y_mean, slope, goal)
    since = _met_since(years, values, goal)
    if np.isfinite(since):
        # the value is the contract's; what it means for a met series has to be said
        line = (
            f"where the fitted line crosses it ({crossing:.1f})"
            if np.isfinite(crossing)
            else "NaN, the fitted line being flat or falling"
        )
        warnings.warn(
            f"the target {goal:g} is already met: the shares are at or above it from {since:g} "
            f"to the latest period, {years.max():g}; the value returned is {line}, as "
            "documented; wps.trend_status says 'met' and since when",
            UserWarning,
            stacklevel=2,
        )
    return crossing


def trend_status(periods: Any, shares: Any, target: float) -> pd.DataFrame:
    """What a series of shares of women says about a target: met, reached, or never.

    Parameters
    ----------
    periods : sequence
        When each share was observed (as for :func:`year_reaching`).
    shares : sequence of float
        Share of women at each period, fractions in [0, 1].
    target : float
        Target share, a fraction in [0, 1].

    Returns
    -------
    pandas.DataFrame
        One row:

        * ``status`` -- ``"met"``: the latest share is at or above the target;
          ``"reached"``: it is below, and the least-squares trend rises to the target;
          ``"never"``: it is below, and the trend is flat or falling; ``"no trend"``: it is
          below, and all observations share one period;
        * ``year`` -- for ``"met"``, the period of the first observation in the unbroken run at
          or above the target that ends with the latest one (the year the data first show it
          met, since when it has held); for ``"reached"``, :func:`year_reaching`'s fitted year
          (before the latest period when the line has passed the target but the latest share
          fell back below it); NaN otherwise;
        * ``slope`` -- the trend, in share per year (NaN with one period);
        * ``latest_period`` and ``latest_share`` -- the latest observation;
        * ``observations`` -- how many were used; ``missing`` -- how many were left out for a
          missing period or share (the same rule as :func:`year_reaching`).

    Raises
    ------
    ValueError
        No observation with both a period and a share, two shares for the latest period, a
        missing target, shares or target outside [0, 1], lengths that differ.

    See Also
    --------
    year_reaching : the fitted crossing year alone.
    pace_needed : the pace that meets the target by a given year.

    Notes
    -----
    Whether a target is met is read from the observations, not the fitted line: a series that
    first passes 30 per cent in 2012 is "met since 2012" even where its least-squares line
    crosses 30 per cent in 2010. A missing year neither breaks nor starts a run: the run is of
    observations.

    Examples
    --------
    Senegal's National Assembly, women's share of seats (World Bank WDI, from the IPU): 22.7 per
    cent in 2011, 42.7 per cent in 2012, and above 30 per cent in every year since:

    >>> import wpsstats as wps
    >>> wdi = wps.load("wdi_parliament_world").query("geo == 'SEN'")
    >>> wps.trend_status(wdi["period"].astype(int), wdi["value"], 0.30).round(4)
      status    year   slope  latest_period  latest_share  observations  missing
    0    met  2012.0  0.0146         2024.0        0.4121            28        0

    Its least-squares line crosses 30 per cent earlier, in 2010: :func:`year_reaching` returns
    that crossing, with a warning that the target is met since 2012.

    MINUSMA's military personnel are below 15 per cent and rising:

    >>> minusma = wps.trend_status(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15)
    >>> minusma[["status", "year", "slope", "latest_period", "latest_share"]].round(4)
        status      year   slope  latest_period  latest_share
    0  reached  2043.906  0.0048         2018.0         0.026
    """
    years, values, goal, missing = _series(periods, shares, target)
    if not np.isfinite(goal):
        raise ValueError("target is missing; trend_status needs a share to compare with")
    last = _latest(years, values, missing=missing, caller="trend_status")
    slope = year = np.nan
    if np.unique(years).size >= 2:
        x_mean, y_mean, slope = _fit(years, values)
    if values[last] >= goal:
        status = "met"
        year = _met_since(years, values, goal)
    elif np.isnan(slope):
        status = "no trend"
    elif slope > 0.0:
        status = "reached"
        year = _crossing(x_mean, y_mean, slope, goal)
    else:
        status = "never"
    row = {
        "status": status,
        "year": year,
        "slope": slope,
        "latest_period": float(years[last]),
        "latest_share": float(values[last]),
        "observations": int(years.size),
        "missing": missing,
    }
    return pd.DataFrame([row])


def pace_needed(periods: Any, shares: Any, target: float, *, by: float) -> float:
    """The pace, in percentage points a year, that takes the last share to the target on time.

    Parameters
    ----------
    periods : sequence
        When each share was observed (as for :func:`year_reaching`).
    shares : sequence of float
        Share of women at each period, fractions in [0, 1].
    target : float
        Target share, a fraction in [0, 1].
    by : float
        The year the target is due, e.g. 2028 (taken as given, like a bare year in
        ``periods``: 2028 is the start of 2028). Must come after the last observation.

    Returns
    -------
    float
        (target - last share) / (by - last period), times 100: the steady gain in percentage
        points a year that meets the target exactly on time. 0 when the last share already
        meets the target (no gain is needed; :func:`trend_status` says since when). NaN when
        the target is missing.

    Raises
    ------
    ValueError
        ``by`` not after the last observed period, or not finite; no observation with both a
        period and a share; two shares for the last period; shares or target outside [0, 1];
        lengths that differ.
    TypeError
        ``by`` that is not a number (a bool included).

    See Also
    --------
    year_reaching : when the current trend reaches the target.
    trend_status : met since when, reached at the fitted year, or never at this pace.

    Notes
    -----
    The last observation is the one with the latest period, not the fitted line's value there:
    the question is what has to happen from where the mission stands. An observation without a
    period or a share is left out, as in :func:`year_reaching`, so the last one is the last
    with both.

    References
    ----------
    .. [1] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028: yearly targets to 2028.

    Examples
    --------
    MINUSMA's 2.6 per cent of military personnel in 2018 (the seed) needs 1.24 points a year to
    reach 15 per cent in 2028:

    >>> import wpsstats as wps
    >>> round(wps.pace_needed(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15, by=2028), 2)
    1.24
    """
    years, values, goal, missing = _series(periods, shares, target)
    if isinstance(by, bool) or not isinstance(by, (int, float, np.integer, np.floating)):
        raise TypeError(f"by must be a year such as 2028, got {by!r}")
    deadline = float(by)
    if not np.isfinite(deadline):
        raise ValueError(f"by must be a finite year, got {by!r}")
    last = _latest(years, values, missing=missing, caller="pace_needed")
    if deadline <= years[last]:
        raise ValueError(
            f"by={by!r} must come after the last observation (period {years[last]:g}); the "
            "pace to meet a target on time is undefined once its year has come"
        )
    if not np.isfinite(goal):
        return float("nan")
    return max(0.0, (goal - float(values[last])) / (deadline - float(years[last])) * 100.0)
