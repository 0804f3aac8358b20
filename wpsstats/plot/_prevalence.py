"""The prevalence chart: design-based estimates by domain, with their intervals and DHS marks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .._checks import check_columns, describe_position
from ._inputs import check_source, check_xmax, non_empty, shares
from .style import (
    OKABE_ITO,
    default_source,
    label_beside,
    label_x,
    new_axes,
    percent,
    share_bars_axes,
    source_line,
    tick_labels,
)

__all__ = ["prevalence"]

# survey_prevalence's own columns; any other column of its output is a `by` (domain) column
_ESTIMATE_COLUMNS = ("prevalence", "se", "lower", "upper", "df", "deff", "n", "n_missing", "method")
_MARKS = ("", "()", "*")


def prevalence(
    frame: pd.DataFrame,
    *,
    label: str | None = None,
    marks: pd.DataFrame | pd.Series | list[str] | None = None,
    xmax: float = 1.0,
    ax: Axes | None = None,
    source: str | None = None,
) -> Axes:
    """Survey prevalence by domain: a point per estimate with its confidence interval.

    Parameters
    ----------
    frame : pandas.DataFrame
        The output of :func:`wpsstats.survey_prevalence`: columns ``prevalence`` and,
        optionally, ``lower`` and ``upper``, plus the ``by`` columns that name each domain.
        One row per domain, top to bottom in the frame's order.
    label : str, optional
        Column naming each domain. By default the ``by`` columns (every column that
        :func:`wpsstats.survey_prevalence` does not add), joined by ", "; without any, the
        frame's index, and "all" for the one row of an estimate without domains.
    marks : pandas.DataFrame, Series or list of str, optional
        DHS-style marks, one per row: the output of :func:`wpsstats.dhs.sampling_errors` for the
        same indicator and domains (its ``mark`` column), or the marks themselves. ``"()"``
        (25-49 unweighted cases) draws a hollow point and writes the estimate in parentheses;
        ``"*"`` (fewer than 25) suppresses the estimate, as a DHS table does; ``""`` draws it
        as it is.
    xmax : float, default 1.0
        Right end of the prevalence axis (1.0 = 100 per cent).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    source : str, optional
        The source line; by default built from the frame's source columns, else "not stated".
        "" draws none (the note on the marks of few cases, if any, is still written).

    Returns
    -------
    matplotlib.axes.Axes
        The chart: the estimates as points (a line with ``gid="estimates"``, and
        ``gid="few-cases"`` for hollow points), the intervals as whiskers, each row's label
        ("66.7% (25.7-91.4%)", "(66.7%)" or "* fewer than 25 cases") as a text, and the source
        line with ``gid="source"``.

    Raises
    ------
    ValueError
        A missing column (named), a share outside [0, 1], an interval that does not contain its
        estimate, an empty frame, marks of another length or other domains than the frame's,
        or an unknown mark (named with its position).

    Notes
    -----
    Points, not bars: a prevalence is an estimate whose interval matters as much as its value,
    and a bar's length draws the eye to the estimate alone. The marks follow the unweighted
    cases, as in the DHS final reports' tables (see :func:`wpsstats.dhs.sampling_errors`); an
    estimate on fewer than 25 cases is not shown at all, since its interval would be
    misleadingly precise as well as wide.

    References
    ----------
    .. [1] The DHS Program. Guide to DHS Statistics (sampling errors; suppression of estimates
       based on fewer than 25 unweighted cases).
    .. [2] Okabe, M. & Ito, K. (2008). Color Universal Design (CUD).
       https://jfly.uni-koeln.de/color/

    Examples
    --------
    A synthetic recode (not survey data), by region, with the DHS marks:

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> from wpsstats.dhs import sampling_errors
    >>> ir = pd.DataFrame(
    ...     {
    ...         "v005": [1_500_000, 1_500_000, 500_000, 500_000] * 15,
    ...         "v021": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6] * 5,
    ...         "v022": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3] * 5,
    ...         "region": ["north"] * 36 + ["south"] * 24,
    ...         "married_by_18": [1, 0, 0, 1, 1, 1] * 10,
    ...     }
    ... )
    >>> est = wps.survey_prevalence(
    ...     ir, "married_by_18", weight="v005", psu="v021", strata="v022", by="region"
    ... )
    >>> ax = wps.plot.prevalence(est, source="synthetic data")
    >>> [t.get_text() for t in ax.texts][:2]
    ['66.7% (25.7-92.1%)', '66.7% (25.7-92.1%)']
    >>> table = sampling_errors(ir, "married_by_18", by="region")
    >>> ax = wps.plot.prevalence(est, marks=table, source="synthetic data")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['north', 'south']
    >>> [t.get_text() for t in ax.texts][:2]
    ['(66.7%)', '* fewer than 25 cases']
    >>> matplotlib.pyplot.close("all")
    """
    check_columns(frame, ["prevalence", label], what="frame")
    non_empty(frame)
    top = check_xmax(xmax)
    value = shares(frame, "prevalence")
    nan = np.full(value.shape, np.nan)
    lower = shares(frame, "lower") if "lower" in frame.columns else nan
    upper = shares(frame, "upper") if "upper" in frame.columns else nan
    tol = 1e-12
    outside = (np.isfinite(lower) & (lower > value + tol)) | (
        np.isfinite(upper) & (upper < value - tol)
    )
    if outside.any():
        where = describe_position(frame["prevalence"], outside)
        raise ValueError(
            f"frame's interval [lower, upper] must contain prevalence; it does not {where}"
        )
    mark = _marks(frame, marks)
    check_source(source)

    ax = new_axes(ax, rows=len(frame))
    shown = np.isfinite(value) & (mark != "*")
    _draw(ax, value, lower, upper, shown=shown, few=mark == "()")
    end = np.fmax(np.where(shown, value, 0.0), np.where(shown & np.isfinite(upper), upper, 0.0))
    xs = label_x(end, xmax=top)
    for i in range(value.size):
        label_beside(ax, xs[i], i, _label_text(value[i], lower[i], upper[i], mark[i]))
    share_bars_axes(ax, tick_labels(_named(frame, label)), xmax=top)
    ax.set_xlabel("Prevalence")
    has_ci = shown & np.isfinite(lower) & np.isfinite(upper)  # as _draw draws whiskers
    note = _note(frame, has_ci=bool(has_ci.any()), mark=mark)
    source_line(ax, default_source(frame) if source is None else source, note=note)
    return ax


def _named(frame: pd.DataFrame, label: str | None) -> pd.DataFrame:
    """A frame whose index names each row: the label column, or the `by` columns joined."""
    if label is not None:
        return frame.set_index(label)
    by = [c for c in frame.columns if c not in _ESTIMATE_COLUMNS]
    if by:
        names = frame[by].astype("string").fillna("missing").agg(", ".join, axis=1)
        return frame.set_axis(names.tolist())
    if isinstance(frame.index, pd.RangeIndex) and len(frame) == 1:
        return frame.set_axis(["all"])
    return frame


def _marks(frame: pd.DataFrame, marks: Any) -> np.ndarray:
    """One mark per row ("" where none is given), checked against the frame's domains."""
    if marks is None:
        return np.full(len(frame), "", dtype=object)
    if isinstance(marks, pd.DataFrame):
        check_columns(marks, ["mark"], what="marks")
        if len(marks) != len(frame):
            raise ValueError(
                f"marks has {len(marks)} rows and frame {len(frame)}; give sampling_errors "
                "the same indicator and domains (one indicator at a time)"
            )
        by = [c for c in frame.columns if c not in _ESTIMATE_COLUMNS and c in marks.columns]
        for column in by:
            # compared as text, a missing domain equal to a missing domain
            left = frame[column].astype("string").fillna("<NA>").to_numpy(dtype=str)
            right = marks[column].astype("string").fillna("<NA>").to_numpy(dtype=str)
            differ = left != right
            if differ.any():
                where = describe_position(marks[column], differ)
                raise ValueError(
                    f"marks' {column!r} does not match frame's {where}: give the domains in "
                    "the same order"
                )
        values = marks["mark"]
    else:
        values = pd.Series(list(marks) if not isinstance(marks, pd.Series) else marks.to_list())
        if len(values) != len(frame):
            raise ValueError(f"marks has {len(values)} values and frame {len(frame)} rows")
    found = np.array(["" if pd.isna(m) else str(m) for m in values], dtype=object)
    unknown = ~np.isin(found, _MARKS)
    if unknown.any():
        where = describe_position(found, unknown)
        bad = found[unknown][0]
        raise ValueError(f"mark={bad!r} {where} is not one of '', '()', '*'")
    return found


def _draw(
    ax: Axes,
    value: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    *,
    shown: np.ndarray,
    few: np.ndarray,
) -> None:
    y = np.arange(value.size)
    has_ci = shown & np.isfinite(lower) & np.isfinite(upper)
    if has_ci.any():
        ax.errorbar(
            value[has_ci],
            y[has_ci],
            xerr=np.vstack([value[has_ci] - lower[has_ci], upper[has_ci] - value[has_ci]]),
            fmt="none",
            ecolor=OKABE_ITO["black"],
            elinewidth=1.2,
            capsize=4,
        )
    blue = OKABE_ITO["blue"]
    full, hollow = shown & ~few, shown & few
    ax.plot(value[full], y[full], "o", color=blue, markersize=7, gid="estimates", zorder=3)
    ax.plot(
        value[hollow], y[hollow], "o", mfc="white", mec=blue, mew=1.5, markersize=7,
        gid="few-cases", zorder=3,
    )  # fmt: skip


def _label_text(value: float, lower: float, upper: float, mark: str) -> str:
    if mark == "*":
        return "* fewer than 25 cases"
    if not np.isfinite(value):
        return "no estimate"
    if mark == "()":
        return f"({percent(value)})"
    if np.isfinite(lower) and np.isfinite(upper):
        return f"{percent(value)} ({percent(lower).removesuffix('%')}-{percent(upper)})"
    return percent(value)


def _note(frame: pd.DataFrame, *, has_ci: bool, mark: np.ndarray) -> str | None:
    parts = []
    if has_ci:
        methods = [str(m) for m in pd.unique(frame["method"].dropna())] if "method" in frame else []
        how = f" ({', '.join(methods)})" if methods else ""
        parts.append(f"Whiskers: confidence intervals of the prevalence{how}.")
    if (mark == "()").any():
        parts.append("( ) and hollow points: 25-49 unweighted cases.")
    if (mark == "*").any():
        parts.append("*: fewer than 25 unweighted cases, suppressed.")
    return " ".join(parts) or None
