"""The design's columns read from the data: strata, PSUs and domains as codes, weights, 0/1 values.

The first step of :mod:`wpsstats.design`: each column checked and turned into numpy codes or
values, with the errors naming the column, the value and where it is.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._checks import as_python, describe_position

__all__: list[str] = []  # read by wpsstats.design, survey, compare, dhs_tables and frames

# A stratum (or PSU, at the second stage) whose finite population correction is below this was
# sampled whole: it adds no variance, and a single PSU in it is not lonely, as in R's survey.
_CENSUS_SCALE = 1e-7


def _lonely(n_units: np.ndarray, scale: np.ndarray | None) -> np.ndarray:
    """Per stratum (per PSU at the second stage): whether it is lonely, a single unit sampled in
    it and not sampled whole -- the strata R's ``survey.lonely.psu`` acts on. ``scale`` is the
    finite population correction of each, None without one."""
    lonely = n_units == 1
    if scale is not None:
        lonely &= scale >= _CENSUS_SCALE
    return lonely


# Above this many (group, cell) combinations the sums go through a hash table instead of a dense
# bincount, so that memory stays proportional to the rows (e.g. 1,000 domains x 100,000 PSUs).
_DENSE_LIMIT = 1 << 24


def _sum_by(codes: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Sum ``weights`` by integer code, as floats.

    ``np.bincount`` returns int64 zeros rather than floats when ``codes`` is empty, which then
    refuses in-place float arithmetic; a domain with no rows must not crash.
    """
    return np.bincount(codes, weights=weights, minlength=n).astype(float, copy=False)


def _show(values: Any, limit: int = 5) -> str:
    uniq = pd.unique(pd.Series(values, dtype=object))
    shown = ", ".join(repr(as_python(v)) for v in uniq[:limit])
    more = f" (and {uniq.size - limit} other values)" if uniq.size > limit else ""
    return shown + more


def _indicator_values(data: pd.DataFrame, column: str) -> np.ndarray:
    """The indicator as floats 0/1/NaN; anything else raises, naming column, values, position."""
    col = data[column]
    if isinstance(col.dtype, pd.CategoricalDtype):
        # a categorical of 0 and 1 (or True and False) is read through its values; categories of
        # text are refused below, as text is
        col = col.astype(col.dtype.categories.dtype)
    dtype = col.dtype
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        arr = col.to_numpy(dtype=float, na_value=np.nan)
        bad = ~((arr == 0.0) | (arr == 1.0) | np.isnan(arr))
    elif pd.api.types.is_object_dtype(dtype):
        # object columns may hold Python bools and numbers; text such as "yes" or "1" is refused
        numeric = col.map(lambda v: isinstance(v, (bool, int, float, np.number, np.bool_)))
        bad = (~numeric & col.notna()).to_numpy(dtype=bool)
        arr = np.full(len(col), np.nan)
        if not bad.any():
            arr = col.to_numpy(dtype=float, na_value=np.nan)
            bad = ~((arr == 0.0) | (arr == 1.0) | np.isnan(arr))
    else:
        arr = np.full(len(col), np.nan)
        bad = col.notna().to_numpy(dtype=bool)
    if bad.any():
        raise ValueError(
            f"indicator column {column!r} must hold only 0, 1, True, False or missing values; "
            f"found {_show(col[bad])} {describe_position(col, bad)}"
        )
    return arr


def _weight_values(data: pd.DataFrame, column: str | None) -> np.ndarray:
    if column is None:
        return np.ones(len(data))
    col = data[column]
    if pd.api.types.is_bool_dtype(col.dtype) or not pd.api.types.is_numeric_dtype(col.dtype):
        raise TypeError(
            f"weight column {column!r} must be numeric, got dtype {col.dtype}: {_show(col[:5])}"
        )
    w = col.to_numpy(dtype=float, na_value=np.nan)
    for bad, what in (
        (np.isnan(w), "missing weights"),
        (np.isinf(w), "infinite weights"),
        (w < 0, "negative weights"),
    ):
        if bad.any():
            raise ValueError(
                f"weight column {column!r} has {what}: {_show(col[bad])} "
                f"{describe_position(col, bad)}"
            )
    return w


# Weights this far from 1 can overflow when summed, or lose digits as subnormal numbers.
_WEIGHT_EDGES = (1e-280, 1e280)


def _rescaled(w: np.ndarray, d: np.ndarray, n_dom: int) -> np.ndarray:
    """The weights of each domain times a power of two that brings its largest into [0.5, 1).

    Weights are scale-free: a domain's estimate and variance do not change when its weights are
    multiplied by a constant, and a power of two changes no digit of a normal number. Weights
    near the ends of floating point (eight weights of 1e308 sum to infinity; 1e-310 is subnormal)
    would otherwise give a wrong estimate or none, so they are rescaled; weights of ordinary size
    are returned as they are, which gives the same result bit for bit.
    """
    positive = w[w > 0]
    if positive.size == 0 or (
        positive.min() >= _WEIGHT_EDGES[0] and positive.max() <= _WEIGHT_EDGES[1]
    ):
        return w
    top = np.zeros(n_dom)
    np.maximum.at(top, d, w)
    _, exponent = np.frexp(top)
    # a weight more than 2**1074 times below its domain's largest becomes 0 here, as its share
    # of the sums does; the caller counts observations (rows of positive weight) before this
    return np.ldexp(w, -exponent[d])


def _codes(data: pd.DataFrame, column: str, role: str) -> tuple[np.ndarray, pd.Index]:
    col = data[column]
    codes, uniques = pd.factorize(col, sort=False, use_na_sentinel=True)
    bad = codes < 0
    if bad.any():
        raise ValueError(
            f"{role} column {column!r} has missing values {describe_position(col, bad)}; every "
            "row needs its PSU and stratum (drop such rows knowingly, or give them a code)"
        )
    return codes.astype(np.int64, copy=False), pd.Index(uniques)


def _index(key: np.ndarray, size: int) -> tuple[np.ndarray, int, np.ndarray]:
    """Group codes for integer ``key`` in [0, size): dense when small, hashed when large.

    Returns the code of each element, the number of groups and the key of each group.
    """
    if size <= _DENSE_LIMIT:
        return key, size, np.arange(size, dtype=np.int64)
    codes, uniq = pd.factorize(key, sort=False)
    return codes.astype(np.int64, copy=False), uniq.size, np.asarray(uniq, dtype=np.int64)


def _psu_strata(
    data: pd.DataFrame, psu: str | None, strata: str | None, nest: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index]:
    """PSU code of each row, stratum code of each PSU, PSU count of each stratum, strata labels."""
    n = len(data)
    if strata is None:
        h_row = np.zeros(n, dtype=np.int64)
        h_labels = pd.Index([0])
    else:
        h_row, h_labels = _codes(data, strata, "strata")
    n_strata = h_labels.size
    if psu is None:
        g = np.arange(n, dtype=np.int64)
        h_of_psu = h_row
    else:
        g_raw, g_labels = _codes(data, psu, "psu")
        pair = g_raw * n_strata + h_row
        codes, n_pairs, pair_key = _index(pair, g_labels.size * n_strata)
        present = np.bincount(codes, minlength=n_pairs) > 0
        present_key = np.sort(pair_key[present])
        if nest:
            # psu labels are only unique within a stratum: each (stratum, psu) pair is a PSU
            g = np.searchsorted(present_key, pair).astype(np.int64)
            h_of_psu = present_key % n_strata
        else:
            strata_per_psu = np.bincount(present_key // n_strata, minlength=g_labels.size)
            spread = np.flatnonzero(strata_per_psu > 1)
            if spread.size:
                first = spread[0]
                its_strata = h_labels[present_key[present_key // n_strata == first] % n_strata]
                listed = ", ".join(repr(as_python(s)) for s in its_strata[:5])
                raise ValueError(
                    f"psu column {psu!r}: {spread.size} PSU(s) appear in more than one stratum of "
                    f"{strata!r}, e.g. PSU {as_python(g_labels[first])!r} in strata {listed}; pass "
                    "nest=True if PSU numbers restart within each stratum"
                )
            g = g_raw
            h_of_psu = np.zeros(g_labels.size, dtype=np.int64)
            h_of_psu[present_key // n_strata] = present_key % n_strata
    n_psu_h = np.bincount(h_of_psu, minlength=n_strata)
    return g, h_of_psu, n_psu_h, h_labels


def _domains(data: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, int, pd.DataFrame]:
    """Domain code of each row (sorted like ``groupby(sort=True, dropna=False)``) and labels."""
    n = len(data)
    if not by:
        return np.zeros(n, dtype=np.int64), 1, pd.DataFrame(index=range(1))
    if len(by) == 1:
        codes, uniq = pd.factorize(data[by[0]], sort=True, use_na_sentinel=False)
        return codes.astype(np.int64, copy=False), uniq.size, pd.DataFrame({by[0]: uniq})
    key = np.zeros(n, dtype=np.int64)
    uniques = []
    for column in by:
        codes, uniq = pd.factorize(data[column], sort=True, use_na_sentinel=False)
        key = key * uniq.size + codes
        uniques.append(uniq)
    d, key_uniq = pd.factorize(key, sort=True)
    key_uniq = np.asarray(key_uniq, dtype=np.int64)
    labels = {}
    for column, uniq in zip(reversed(by), reversed(uniques), strict=True):
        labels[column] = uniq.take(key_uniq % uniq.size)
        key_uniq = key_uniq // uniq.size
    frame = pd.DataFrame({c: labels[c] for c in by})
    return d.astype(np.int64, copy=False), len(frame), frame


def _subset_mask(data: pd.DataFrame, subset: Any) -> np.ndarray | None:
    if subset is None:
        return None
    values = data[subset] if isinstance(subset, str) else subset
    name = repr(subset) if isinstance(subset, str) else "mask"
    if (
        isinstance(values, pd.Series)
        and not isinstance(subset, str)
        and not values.index.equals(data.index)
    ):
        raise ValueError("subset Series must have the same index as data")
    arr = np.asarray(values)
    if arr.shape != (len(data),):
        raise ValueError(
            f"subset must have one value per row of data ({len(data)}), got {arr.shape}"
        )
    if arr.dtype != bool:
        series = pd.Series(values, copy=False)
        if series.isna().any():
            bad = series.isna().to_numpy()
            raise ValueError(f"subset {name} has missing values {describe_position(series, bad)}")
        if not pd.api.types.is_bool_dtype(series.dtype):
            raise TypeError(f"subset {name} must be boolean, got dtype {series.dtype}")
        arr = series.to_numpy(dtype=bool)
    return arr
