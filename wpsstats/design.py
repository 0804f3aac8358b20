"""The survey design: strata, PSUs and domains, and the linearised variance of a weighted share.

What :func:`wpsstats.survey_prevalence`, :func:`wpsstats.prevalence_difference` and
:func:`wpsstats.survey_chisq` share: the design's codes read from the data, each domain's
estimate with its scores summed to PSU totals, and R's with-replacement variance of those totals
(``svyrecvar``), all in a few vectorised passes over the rows.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._checks import by_columns, check_columns, describe_position

__all__: list[str] = []  # the public functions live in survey.py and compare.py

LONELY_PSU = ("fail", "remove", "certainty", "adjust", "average")
OUTPUT_COLUMNS = ("prevalence", "se", "lower", "upper", "df", "deff", "n", "n_missing", "method")

# Above this many (group, cell) combinations the sums go through a hash table instead of a dense
# bincount, so that memory stays proportional to the rows (e.g. 1,000 domains x 100,000 PSUs).
_DENSE_LIMIT = 1 << 24


def _sum_by(codes: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """Sum ``weights`` by integer code, as floats.

    ``np.bincount`` returns int64 zeros rather than floats when ``codes`` is empty, which then
    refuses in-place float arithmetic; a domain with no rows must not crash.
    """
    return np.bincount(codes, weights=weights, minlength=n).astype(float, copy=False)


def _py(value: Any) -> Any:
    """A numpy scalar as the Python value, so that messages read 2, not np.int64(2)."""
    return value.item() if isinstance(value, np.generic) else value


def _show(values: Any, limit: int = 5) -> str:
    uniq = pd.unique(pd.Series(values, dtype=object))
    shown = ", ".join(repr(_py(v)) for v in uniq[:limit])
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
                raise ValueError(
                    f"psu column {psu!r}: {spread.size} PSU(s) appear in more than one stratum of "
                    f"{strata!r}, e.g. PSU {_py(g_labels[first])!r} in strata "
                    f"{', '.join(repr(_py(s)) for s in its_strata[:5])}; pass nest=True if PSU "
                    "numbers restart within each stratum"
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


def _stratified_variance(
    total: np.ndarray,
    cell_d: np.ndarray,
    cell_h: np.ndarray,
    n_psu_h: np.ndarray,
    n_dom: int,
    lonely_psu: str,
) -> np.ndarray:
    """With-replacement variance of each domain from its PSU totals, as R's ``svyrecvar``.

    PSUs of a stratum with no row in the domain are zeros that still count in n_h (R pads them),
    so the domain is estimated inside the full design.
    """
    n_strata = n_psu_h.size
    codes, n_pairs, pair_key = _index(cell_d * n_strata + cell_h, n_dom * n_strata)
    m = np.bincount(codes, minlength=n_pairs)
    used = m > 0
    pair_d = pair_key // n_strata
    nh = n_psu_h[pair_key % n_strata].astype(float)
    # a (domain, stratum) pair with no row may have nh = 0 (empty data): 0/0, dropped below
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = _sum_by(codes, total, n_pairs) / nh
        ss = _sum_by(codes, (total - mean[codes]) ** 2, n_pairs)
        ss += (nh - m) * mean**2
    lonely = used & (nh == 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        contrib = np.where(nh > 1, nh / (nh - 1) * ss, 0.0)
    if lonely_psu == "adjust":
        # R centres a lonely stratum at the population mean of the scores, which is zero
        contrib = np.where(lonely, (mean * nh) ** 2, contrib)
    var: np.ndarray = _sum_by(pair_d[used], contrib[used], n_dom)
    if lonely_psu == "average":
        n_h = np.bincount(pair_d[used], minlength=n_dom)
        n_ok = np.bincount(pair_d[used & ~lonely], minlength=n_dom)
        with np.errstate(divide="ignore", invalid="ignore"):
            var = var * n_h / n_ok
    return var


class _Linearised(NamedTuple):
    """What the estimate and the variance of every domain are made of (see :func:`_linearise`)."""

    one: np.ndarray  # row is a case (y == 1)
    w: np.ndarray  # weights, rescaled per domain where they reach the ends of floating point
    d: np.ndarray  # domain code of each row
    use: np.ndarray  # row counts in its domain (indicator present, inside the subset)
    n_dom: int
    labels: pd.DataFrame  # the by columns' value of each domain
    n_rows: np.ndarray  # rows used, per domain
    n_missing: np.ndarray  # rows with a missing indicator, per domain
    n_pos: np.ndarray  # rows used of positive weight, per domain
    cell_d: np.ndarray  # domain of each (domain, PSU) cell that holds a used row
    cell_g: np.ndarray  # PSU of each cell
    cell_h: np.ndarray  # stratum of each cell
    cell_w: np.ndarray  # sum of weights of the cell's used rows
    cell_wy: np.ndarray  # ... of its cases
    cell_pos: np.ndarray  # number of the cell's used rows of positive weight
    h_of_psu: np.ndarray  # stratum of each PSU
    n_psu_h: np.ndarray  # PSUs in each stratum of the design
    h_labels: pd.Index
    wsum: np.ndarray  # per domain
    ysum: np.ndarray
    p: np.ndarray  # the estimate, ysum / wsum
    scores: np.ndarray  # each cell's total of linearised scores w (y - p) / wsum
    var: np.ndarray  # with-replacement variance of p, NaN where the domain has no estimate


def _check_design(
    data: pd.DataFrame,
    indicator: str,
    *,
    weight: str | None,
    psu: str | None,
    strata: str | None,
    by: Any,
    subset: Any,
) -> list[str]:
    """Check the design arguments against ``data``; return the by columns as a list."""
    check_columns(data, [indicator])
    # one column name (of any type: pandas allows 0) or a list of them
    by_list = by_columns(by)
    clash = [c for c in by_list if c in OUTPUT_COLUMNS]
    if clash:
        raise ValueError(
            f"by column {clash[0]!r} has the name of an output column "
            f"({', '.join(OUTPUT_COLUMNS)}); rename it first, e.g. "
            f"data.rename(columns={{{clash[0]!r}: '{clash[0]}_group'}})"
        )
    for name, value in (("weight", weight), ("psu", psu), ("strata", strata)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a column name (str) or None, got {value!r}")
    check_columns(
        data, [weight, psu, strata, *by_list, subset if isinstance(subset, str) else None]
    )
    if indicator in by_list:
        raise ValueError(f"indicator {indicator!r} is also a by column")
    return by_list


def _linearise(
    data: pd.DataFrame,
    indicator: str,
    *,
    weight: str | None,
    psu: str | None,
    strata: str | None,
    by: list[str],
    nest: bool,
    subset: Any,
    lonely_psu: str,
) -> _Linearised:
    """Each domain's estimate, its linearised scores summed to PSU totals, and its variance.

    Arguments are checked by the caller (:func:`_check_design` and ``check_choice``).
    """
    y = _indicator_values(data, indicator)
    w = _weight_values(data, weight)
    g, h_of_psu, n_psu_h, h_labels = _psu_strata(data, psu, strata, nest)
    d, n_dom, labels = _domains(data, by)
    positive = w > 0  # observations, for degrees of freedom and deff, whatever their size
    w = _rescaled(w, d, n_dom)
    inside = _subset_mask(data, subset)

    missing = np.isnan(y)
    one = y == 1.0
    del y
    use = ~missing if inside is None else ~missing & inside
    miss_in = missing if inside is None else missing & inside
    n_rows = _sum_by(d, use, n_dom)
    n_missing = _sum_by(d, miss_in, n_dom)
    del missing, miss_in

    n_psu = int(h_of_psu.size)
    codes, n_cells, cell_key = _index(d * n_psu + g, n_dom * n_psu)
    cell_rows = _sum_by(codes, use, n_cells)
    cell_pos = _sum_by(codes, use & positive, n_cells)
    # one weighted column at a time, so that at most one row-sized float temporary is alive
    cell_w = _sum_by(codes, np.where(use, w, 0.0), n_cells)
    cell_wy = _sum_by(codes, np.where(use & one, w, 0.0), n_cells)
    del codes
    keep = cell_rows > 0
    cell_d = cell_key[keep] // n_psu
    cell_g = cell_key[keep] % n_psu
    cell_h = h_of_psu[cell_g]
    cell_pos, cell_w, cell_wy = cell_pos[keep], cell_w[keep], cell_wy[keep]

    if lonely_psu == "fail":
        lonely = n_psu_h[cell_h] == 1
        if lonely.any():
            where = h_labels[cell_h[lonely]]
            if strata is None:
                what = "the design has a single PSU (no strata, so its variance is not estimable)"
            else:
                what = (
                    f"stratum {_py(where[0])!r} of {strata!r} has only one PSU "
                    f"({pd.unique(where).size} such strata hold rows of the estimate)"
                )
            raise ValueError(
                f"{what}; choose lonely_psu='adjust', 'average', 'remove' or 'certainty' "
                "(R: survey.lonely.psu)"
            )

    wsum = _sum_by(cell_d, cell_w, n_dom)
    ysum = _sum_by(cell_d, cell_wy, n_dom)
    n_pos = _sum_by(cell_d, cell_pos, n_dom)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ysum / wsum
        scores = (cell_wy - p[cell_d] * cell_w) / wsum[cell_d]
    var = _stratified_variance(scores, cell_d, cell_h, n_psu_h, n_dom, lonely_psu)
    # a domain with no usable row (or only zero weights) has no estimate, so no variance either
    var[~(wsum > 0)] = np.nan
    return _Linearised(
        one=one,
        w=w,
        d=d,
        use=use,
        n_dom=n_dom,
        labels=labels,
        n_rows=n_rows,
        n_missing=n_missing,
        n_pos=n_pos,
        cell_d=cell_d,
        cell_g=cell_g,
        cell_h=cell_h,
        cell_w=cell_w,
        cell_wy=cell_wy,
        cell_pos=cell_pos,
        h_of_psu=h_of_psu,
        n_psu_h=n_psu_h,
        h_labels=h_labels,
        wsum=wsum,
        ysum=ysum,
        p=p,
        scores=scores,
        var=var,
    )


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
