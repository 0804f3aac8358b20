"""Checks of the arguments several charts share: limits, shares, an empty frame.

Each raises ``ValueError`` or ``TypeError`` naming the argument and the value, as
:mod:`wpsstats._checks` does for the rest of the library.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_fraction

__all__ = [
    "check_source",
    "check_xmax",
    "half_unit",
    "limits",
    "non_empty",
    "one_share",
    "shares",
]


def non_empty(frame: pd.DataFrame) -> None:
    """Raise ValueError for a frame without rows."""
    if len(frame) == 0:
        raise ValueError("frame has no rows; there is nothing to draw")


def shares(frame: pd.DataFrame, column: str) -> np.ndarray:
    """The column as a float array of shares in [0, 1] (NaN allowed)."""
    return np.asarray(check_fraction(column, frame[column]), dtype=float)


def one_share(name: str, value: Any) -> float:
    """One share such as 0.30 (a quota, a flat target), as a float."""
    if np.ndim(value) != 0:
        raise TypeError(f"{name} must be one share such as 0.30, got {value!r}")
    return float(check_fraction(name, value))


def check_source(source: Any) -> None:
    """A chart's ``source``: a string, or None for the data's own. Checked before the figure is
    made, so that a chart refusing it leaves no figure open."""
    if source is not None and not isinstance(source, str):
        raise TypeError(f"source must be a string or None, got {source!r}")


def check_xmax(xmax: Any) -> float:
    """The right end of a share axis: a share in (0, 1]."""
    if isinstance(xmax, bool) or not isinstance(xmax, (int, float, np.integer, np.floating)):
        raise TypeError(f"xmax must be a number, got {xmax!r}")
    value = float(xmax)
    if not 0.0 < value <= 1.0:
        raise ValueError(f"xmax={xmax!r} must be a share in (0, 1] (the right end of the axis)")
    return value


def limits(name: str, lim: Any, *, share: bool) -> tuple[float, float]:
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


def half_unit(values: np.ndarray) -> float:
    """Half a unit in the last decimal the values are printed to (0.005 for 0.15 and 0.148 is
    0.0005): how far a rounded value can be from the one it stands for.

    >>> half_unit(np.array([0.15, 0.148, np.nan]))
    0.0005
    """
    finite = values[np.isfinite(values)]
    for k in range(13):
        if np.all(np.abs(finite - np.round(finite, k)) <= 1e-12 * np.maximum(1.0, np.abs(finite))):
            return 0.5 * 10.0**-k
    return 0.0
