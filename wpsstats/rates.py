"""Representation rates: the share of women in a body, with honest intervals.

The share of women in a cabinet, a mediation roster or a peace-agreement mechanism is the figure
analysts quote most. This module computes it from counts -- never from a bare percentage -- and
offers:

* :func:`proportion_ci` -- six confidence intervals for a binomial proportion (Wald, Wilson, Wilson
  with continuity correction, Agresti--Coull, Clopper--Pearson, Jeffreys), vectorised over millions
  of bodies;
* :func:`rate` -- a tidy table of women, total, rate and interval (or no interval at all, for a
  complete body that is not a sample);
* :func:`quota_gap` -- how many more women a body needs to reach a quota, in exact rational
  arithmetic;
* :func:`parity_index` -- the gender parity index, plain or UNESCO's adjusted (symmetric) form;
* :func:`pooled_rate` and :func:`mean_of_shares` -- the two ways of combining several bodies, which
  disagree when the bodies differ in size;
* :func:`rate_difference` -- the difference of two independent shares with Newcombe's hybrid score
  interval.

Shares are fractions in [0, 1], never percents. Counts must be non-negative whole numbers; a missing
count (NaN, ``pd.NA``) gives a missing result rather than an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from ._checks import (
    as_count_array,
    as_float_array,
    check_choice,
    check_conf,
    check_same_shape,
    check_series_broadcast,
    describe_position,
)

__all__ = [
    "METHODS",
    "mean_of_shares",
    "parity_index",
    "pooled_rate",
    "proportion_ci",
    "quota_gap",
    "rate",
    "rate_difference",
]

METHODS: tuple[str, ...] = (
    "wald",
    "wilson",
    "wilson_cc",
    "agresti_coull",
    "clopper_pearson",
    "jeffreys",
)
"""The interval methods :func:`proportion_ci` knows, in the order of the user guide."""

Method = Literal["wald", "wilson", "wilson_cc", "agresti_coull", "clopper_pearson", "jeffreys"]
FloatArray = npt.NDArray[np.float64]

# Arrays longer than this are processed block by block: each block's temporaries stay in the CPU
# cache (a dozen passes over a cached block cost less than two passes over main memory), and the
# blocks are shared among threads, since numpy's and scipy's ufuncs release the GIL.
_BLOCK = 1 << 14
_EXECUTOR: ThreadPoolExecutor | None = None


def _n_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _executor() -> ThreadPoolExecutor:
    global _EXECUTOR
    if _EXECUTOR is None:
        _EXECUTOR = ThreadPoolExecutor(max_workers=_n_workers(), thread_name_prefix="wpsstats")
    return _EXECUTOR


# ----------------------------------------------------------------------------------------------
# input handling


def _numeric(name: str, values: Any) -> np.ndarray:
    """Return counts as an ndarray, keeping an integer dtype (cheap to check) where there is one."""
    if isinstance(values, pd.Series):
        if pd.api.types.is_integer_dtype(values.dtype) and not values.hasnans:
            return values.to_numpy(dtype=np.int64)
        return as_float_array(name, values)
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values
    if not isinstance(values, (np.ndarray, str, bytes)):
        # Python ints, alone or in a list, stay integers: a float cannot tell 2**53 + 1 from
        # 2**53 (bool and text are left to as_float_array, which names them)
        try:
            ints = np.asarray(values)
        except (TypeError, ValueError):
            ints = None
        if ints is not None and ints.dtype.kind in "iu":
            return ints
    return as_float_array(name, values)


def _index_of(**values: Any) -> pd.Index | None:
    """The index shared by the Series among ``values``; None when there is no Series.

    The result keeps that index, so the other arguments must not broadcast the Series to a
    longer length (a length-1 Series against three counts has no index for the three results).
    """
    index: pd.Index | None = None
    for v in values.values():
        if isinstance(v, pd.Series):
            if index is None:
                index = v.index
            elif not index.equals(v.index):
                raise ValueError(
                    "the Series passed have different indexes; align them first (e.g. with "
                    "DataFrame columns) so that each body's counts sit on the same row"
                )
    check_series_broadcast(index, **values)
    return index


def _validate_counts(x_name: str, x: Any, n_name: str, n: Any) -> None:
    """Raise the precise error for bad counts (negative, fractional, x > n, mismatched shapes)."""
    xa = as_count_array(x_name, x)
    na = as_count_array(n_name, n)
    check_same_shape(**{x_name: xa, n_name: na})
    xi, ni = _numeric(x_name, x), _numeric(n_name, n)
    if xi.dtype.kind in "iu" and ni.dtype.kind in "iu":
        # compare the integers themselves: as floats, 2**60 + 1 > 2**60 is False
        xb, nb = np.broadcast_arrays(xi, ni)
    else:
        xb, nb = np.broadcast_arrays(xa, na)
    over = xb > nb
    if over.any():
        first = int(np.flatnonzero(over.ravel())[0])
        # a Series' labels name the body better than a position
        labelled = [v for v in (x, n) if isinstance(v, pd.Series)]
        where = describe_position(labelled[0] if labelled else x if np.ndim(x) else n, over)
        xv, nv = (
            f"{v:g}" if isinstance(v, float) else str(v)
            for v in (xb.ravel()[first].item(), nb.ravel()[first].item())
        )
        raise ValueError(
            f"{x_name} must not exceed {n_name}; got {x_name}={xv} > {n_name}={nv} {where}".strip()
        )


@np.errstate(invalid="ignore")
def _block_ok(x: np.ndarray, n: np.ndarray, integer: bool) -> bool:
    """Cheap check of one block: counts non-negative, whole, finite, and x <= n (NaN passes)."""
    bad = x < 0
    bad |= x > n
    if not integer:
        bad |= n < 0  # with a missing x, x > n cannot catch a negative n
        # x - floor(x) is NaN for NaN and inf, and NaN > 0 is False: missing values pass here.
        bad |= (x - np.floor(x)) > 0
        bad |= (n - np.floor(n)) > 0
        bad |= np.isinf(x) | np.isinf(n)  # x > n cannot catch an infinite x beside a missing n
    return not bool(bad.any())


# ----------------------------------------------------------------------------------------------
# the interval kernels; each takes float64 blocks x (successes) and n (trials)


def _wald(x: FloatArray, n: FloatArray, z: float, alpha: float) -> tuple[FloatArray, FloatArray]:
    p = x / n
    half = 1.0 - p
    half *= p
    half /= n
    np.sqrt(half, out=half)
    half *= z
    return p - half, p + half


def _wilson(x: FloatArray, n: FloatArray, z: float, alpha: float) -> tuple[FloatArray, FloatArray]:
    z2 = z * z
    # centre (x + z^2/2) / (n + z^2); half-width z / (n + z^2) * sqrt(x (n - x) / n + z^2 / 4)
    denom = n + z2
    half = n - x
    half *= x
    half /= n
    half += z2 / 4.0
    np.sqrt(half, out=half)
    half *= z
    half /= denom
    centre = x + z2 / 2.0
    centre /= denom
    lower = centre - half
    centre += half
    lower[x == 0] = 0.0  # exact: the Wilson interval touches 0 only at x = 0
    centre[x == n] = 1.0
    return lower, centre


def _wilson_cc_bound(x: FloatArray, n: FloatArray, z: float, sign: float) -> FloatArray:
    """One bound of Newcombe's (1998a) method 4: ``sign`` -1 for the lower, +1 for the upper.

    Written with counts, 4 p (n q - sign) = 4 x (n - x - sign) / n, and in place.
    """
    z2 = z * z
    inv_n = 1.0 / n
    rad = n - x
    rad -= sign
    rad *= x
    rad *= 4.0 * inv_n
    rad += z2 + 2.0 * sign
    rad -= inv_n
    with np.errstate(invalid="ignore"):
        np.sqrt(rad, out=rad)  # negative only at x = 0 (lower) or x = n (upper), set below
    bound = 2.0 * x
    bound += z2 + sign
    bound += sign * z * rad
    bound /= 2.0 * (n + z2)
    return bound


def _wilson_cc(
    x: FloatArray, n: FloatArray, z: float, alpha: float
) -> tuple[FloatArray, FloatArray]:
    lower = _wilson_cc_bound(x, n, z, -1.0)
    upper = _wilson_cc_bound(x, n, z, 1.0)
    lower[x == 0] = 0.0
    upper[x == n] = 1.0
    return lower, upper


def _agresti_coull(
    x: FloatArray, n: FloatArray, z: float, alpha: float
) -> tuple[FloatArray, FloatArray]:
    z2 = z * z
    n_tilde = n + z2
    p_tilde = x + z2 / 2.0
    p_tilde /= n_tilde
    half = 1.0 - p_tilde
    half *= p_tilde
    half /= n_tilde
    np.sqrt(half, out=half)
    half *= z
    return p_tilde - half, p_tilde + half


def _clopper_pearson(
    x: FloatArray, n: FloatArray, z: float, alpha: float
) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore"):
        lower = special.betaincinv(x, n - x + 1.0, alpha / 2.0)
        # upper tail inverted directly (not 1 - alpha/2 in the lower tail): accurate in the far tail
        upper = special.betainccinv(x + 1.0, n - x, alpha / 2.0)
    lower[x == 0] = 0.0
    upper[x == n] = 1.0
    return lower, upper


def _jeffreys(
    x: FloatArray, n: FloatArray, z: float, alpha: float
) -> tuple[FloatArray, FloatArray]:
    a = x + 0.5
    b = n - x
    b += 0.5
    lower = special.betaincinv(a, b, alpha / 2.0)
    upper = special.betainccinv(a, b, alpha / 2.0)
    # Brown, Cai & DasGupta (2001) pin the bounds at the edges, where the
    # equal-tailed posterior interval would otherwise exclude an estimate of exactly 0 or 1.
    lower[x == 0] = 0.0
    upper[x == n] = 1.0
    return lower, upper


def _share(x: FloatArray, n: FloatArray, z: float, alpha: float) -> tuple[FloatArray, FloatArray]:
    # no interval asked for: the share alone, through the same validation and empty-body handling
    p = x / n
    return p, p.copy()


_KERNELS: dict[str, Callable[[FloatArray, FloatArray, float, float], tuple[FloatArray, FloatArray]]]
_KERNELS = {
    "wald": _wald,
    "wilson": _wilson,
    "wilson_cc": _wilson_cc,
    "agresti_coull": _agresti_coull,
    "clopper_pearson": _clopper_pearson,
    "jeffreys": _jeffreys,
    "share": _share,
}


def _run_block(
    kernel: Callable[[FloatArray, FloatArray, float, float], tuple[FloatArray, FloatArray]],
    x: np.ndarray,
    n: np.ndarray,
    integer: bool,
    z: float,
    alpha: float,
    lower_out: FloatArray,
    upper_out: FloatArray,
) -> bool:
    # integer counts are checked before the cast: above 2**53 floats cannot tell x > n
    if integer and not _block_ok(x, n, integer):
        return False
    xf = x.astype(np.float64)
    nf = n.astype(np.float64)
    if not integer and not _block_ok(xf, nf, integer):
        return False
    with np.errstate(divide="ignore", invalid="ignore"):
        lower, upper = kernel(xf, nf, z, alpha)
    # Rounding (and the Wald and Agresti-Coull formulas themselves) can stray outside [0, 1].
    np.clip(lower, 0.0, 1.0, out=lower_out)
    np.clip(upper, 0.0, 1.0, out=upper_out)
    # a body with no members has no share; a missing count gives a missing interval (the
    # kernels pin a bound at x = 0 or x = n, which a missing n must not keep)
    empty = nf == 0
    if not integer:
        empty |= np.isnan(xf) | np.isnan(nf)
    if empty.any():
        lower_out[empty] = np.nan
        upper_out[empty] = np.nan
    return True


def _blocked(
    kernel: Callable[[FloatArray, FloatArray, float, float], tuple[FloatArray, FloatArray]],
    x: np.ndarray,
    n: np.ndarray,
    integer: bool,
    z: float,
    alpha: float,
) -> tuple[FloatArray, FloatArray, bool]:
    """Run ``kernel`` over 1-d ``x`` and ``n`` block by block, on the thread pool when long."""
    size = x.size
    lower = np.empty(size, dtype=np.float64)
    upper = np.empty(size, dtype=np.float64)
    if size <= _BLOCK:
        return lower, upper, _run_block(kernel, x, n, integer, z, alpha, lower, upper)
    ok = all(
        _executor().map(
            lambda s: _run_block(
                kernel,
                x[s : s + _BLOCK],
                n[s : s + _BLOCK],
                integer,
                z,
                alpha,
                lower[s : s + _BLOCK],
                upper[s : s + _BLOCK],
            ),
            range(0, size, _BLOCK),
        )
    )
    return lower, upper, ok


def _deduplicated(
    kernel: Callable[[FloatArray, FloatArray, float, float], tuple[FloatArray, FloatArray]],
    x: np.ndarray,
    n: np.ndarray,
    z: float,
    alpha: float,
) -> tuple[FloatArray, FloatArray] | None:
    """Compute each distinct (x, n) pair once; None when there are too few repeats to gain.

    A beta quantile costs about ten times a look-up in a table of distinct pairs. Many bodies of a
    few hundred members repeat the same (x, n) pairs, so for the beta methods the intervals are
    computed over the distinct pairs (found with a dense table indexed by x * (max n + 1) + n, no
    sorting) and gathered back. Integer input only, validated here in full.
    """
    if int(x.min()) < 0 or bool((x > n).any()):
        return None  # let the block checks find and name the bad value
    width = int(n.max()) + 1
    if width * width > x.size:
        return None
    key = x.astype(np.int64)
    key *= width
    key += n.astype(np.int64, copy=False)
    present = np.zeros(width * width, dtype=bool)
    present[key] = True
    distinct = np.flatnonzero(present)
    if 2 * distinct.size > x.size:
        return None
    lower_d, upper_d, _ = _blocked(kernel, distinct // width, distinct % width, True, z, alpha)
    table = np.empty(width * width, dtype=np.float64)
    table[distinct] = lower_d
    lower = table[key]
    table[distinct] = upper_d
    upper = table[key]
    return lower, upper


_BETA_METHODS = frozenset({"clopper_pearson", "jeffreys"})
_DEDUPLICATE = True  # the benchmark switches it off to report the threads-only figure too


def _intervals(
    x_name: str,
    successes: Any,
    n_name: str,
    trials: Any,
    method: str,
    conf: float,
) -> tuple[FloatArray, FloatArray, np.ndarray, np.ndarray]:
    """Validated lower and upper bounds (broadcast shape), plus the broadcast counts."""
    kernel = _KERNELS[method]
    xa = _numeric(x_name, successes)
    na = _numeric(n_name, trials)
    shape = check_same_shape(**{x_name: xa, n_name: na})
    xb, nb = np.broadcast_arrays(xa, na)
    xflat = xb.reshape(-1)
    nflat = nb.reshape(-1)
    integer = xflat.dtype.kind in "iu" and nflat.dtype.kind in "iu"
    alpha = 1.0 - conf
    # from the lower tail: 1 - alpha/2 rounds to 1 (z infinite) for conf just below 1
    z = -float(special.ndtri(alpha / 2.0))
    found = None
    if _DEDUPLICATE and method in _BETA_METHODS and integer and xflat.size > 4 * _BLOCK:
        found = _deduplicated(kernel, xflat, nflat, z, alpha)
    if found is not None:
        lower, upper = found
    else:
        lower, upper, ok = _blocked(kernel, xflat, nflat, integer, z, alpha)
        if not ok:
            _validate_counts(x_name, successes, n_name, trials)
            raise ValueError(f"{x_name} and {n_name} must be counts with {x_name} <= {n_name}")
    return lower.reshape(shape), upper.reshape(shape), xb, nb


def _wrap(values: np.ndarray, index: pd.Index | None, scalar: bool, name: str) -> Any:
    if scalar:
        return float(values)
    if index is not None:
        return pd.Series(values, index=index, name=name)
    return values


# ----------------------------------------------------------------------------------------------
# public API


def proportion_ci(
    successes: Any,
    trials: Any,
    method: Method = "wilson",
    conf: float = 0.95,
) -> tuple[Any, Any]:
    r"""Confidence interval for a binomial proportion, by one of six methods.

    Parameters
    ----------
    successes : int, array-like or Series
        Number of successes (e.g. women in a body). Non-negative whole numbers; NaN allowed.
    trials : int, array-like or Series
        Number of trials (e.g. members of the body), at least ``successes``. Broadcast against
        ``successes``. A body with no members (0 trials) gets a NaN interval.
    method : {"wilson", "wald", "wilson_cc", "agresti_coull", "clopper_pearson", "jeffreys"}
        The interval (see Notes). Default ``"wilson"``.
    conf : float
        Confidence level, strictly between 0 and 1. Default 0.95.

    Returns
    -------
    lower, upper : float, ndarray or Series
        The bounds, always inside [0, 1]. Scalars in give floats; array-likes give ndarrays of the
        broadcast shape; a Series gives Series with its index kept.

    Notes
    -----
    With :math:`x` successes in :math:`n` trials, :math:`\hat p = x/n`, :math:`\hat q = 1 - \hat p`
    and :math:`z` the :math:`1 - \alpha/2` normal quantile (:math:`\alpha = 1 -` ``conf``):

    * ``"wald"``: :math:`\hat p \pm z\sqrt{\hat p\hat q/n}`, clipped to [0, 1]. Zero width at
      :math:`x = 0` and :math:`x = n` and poor coverage near the edges; offered for comparison
      with published figures, not recommended (Brown, Cai & DasGupta 2001).
    * ``"wilson"``: the score interval, :math:`\{x + z^2/2 \pm z\sqrt{x\hat q + z^2/4}\}/(n + z^2)`,
      as R's ``prop.test(x, n, correct = FALSE)`` (Wilson 1927; Newcombe 1998a, method 3).
    * ``"wilson_cc"``: the score interval with continuity correction, Newcombe's (1998a) method 4,
      :math:`L = \{2n\hat p + z^2 - 1 - z\sqrt{z^2 - 2 - 1/n + 4\hat p(n\hat q + 1)}\}/\{2(n+z^2)\}`
      and :math:`U = \{2n\hat p + z^2 + 1 + z\sqrt{z^2 + 2 - 1/n + 4\hat p(n\hat q - 1)}\}/
      \{2(n+z^2)\}`, with :math:`L = 0` at :math:`x = 0` and :math:`U = 1` at :math:`x = n`.
      It equals R's ``prop.test(x, n, correct = TRUE)`` except where :math:`x = n/2` exactly:
      R caps the correction at :math:`|x - np_0|` for the null value :math:`p_0` (0.5 by
      default), which drops it there; the correction here never depends on a null value.
    * ``"agresti_coull"``: :math:`\tilde p \pm z\sqrt{\tilde p(1-\tilde p)/\tilde n}` with
      :math:`\tilde n = n + z^2` and :math:`\tilde p = (x + z^2/2)/\tilde n`, clipped to [0, 1]
      (Agresti & Coull 1998; Brown, Cai & DasGupta 2001, eq. 5).
    * ``"clopper_pearson"``: the "exact" interval from beta quantiles,
      :math:`B(\alpha/2; x, n - x + 1)` and :math:`B(1 - \alpha/2; x + 1, n - x)`, with 0 at
      :math:`x = 0` and 1 at :math:`x = n`, as R's ``binom.test`` (Clopper & Pearson 1934).
    * ``"jeffreys"``: the equal-tailed posterior interval under the Jeffreys prior
      Beta(1/2, 1/2), :math:`B(\alpha/2; x + 1/2, n - x + 1/2)` and
      :math:`B(1 - \alpha/2; x + 1/2, n - x + 1/2)`, with the lower bound set to 0 at
      :math:`x = 0` and the upper bound to 1 at :math:`x = n` as Brown, Cai & DasGupta (2001)
      recommend (R: ``qbeta``).

    Arrays longer than a few thousand pairs are processed in cache-sized blocks shared among the
    available cores (numpy's and scipy's ufuncs release the GIL), so ten million bodies take
    seconds, not minutes.

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science* 16(2), 101-133. doi:10.1214/ss/1009213286
    .. [2] Newcombe, R. G. (1998a). Two-sided confidence intervals for the single proportion:
       comparison of seven methods. *Statistics in Medicine* 17, 857-872.
    .. [3] Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
       inference. *JASA* 22, 209-212.
    .. [4] Agresti, A. & Coull, B. A. (1998). Approximate is better than "exact" for interval
       estimation of binomial proportions. *The American Statistician* 52, 119-126.
    .. [5] Clopper, C. J. & Pearson, E. S. (1934). The use of confidence or fiducial limits
       illustrated in the case of the binomial. *Biometrika* 26, 404-413.
    .. [6] R Core Team. ``stats::prop.test``, ``stats::binom.test``, ``stats::qbeta``.

    Examples
    --------
    Women among the 703 election mediators MINUSMA trained (225 women):

    >>> import wpsstats as wps
    >>> lower, upper = wps.proportion_ci(225, 703)
    >>> round(lower, 4), round(upper, 4)
    (0.2866, 0.3554)

    Several bodies at once, and an interval that stays inside [0, 1] at zero:

    >>> lo, hi = wps.proportion_ci([0, 9, 204], [10, 36, 1279], method="clopper_pearson")
    >>> lo.round(4), hi.round(4)
    (array([0.    , 0.1212, 0.1398]), array([0.3085, 0.422 , 0.1807]))
    """
    method = check_choice("method", method, METHODS)  # type: ignore[assignment]
    conf = check_conf(conf)
    index = _index_of(successes=successes, trials=trials)
    scalar = np.ndim(successes) == 0 and np.ndim(trials) == 0 and index is None
    lower, upper, _, _ = _intervals("successes", successes, "trials", trials, method, conf)
    return _wrap(lower, index, scalar, "lower"), _wrap(upper, index, scalar, "upper")


def _counts_frame(women: np.ndarray, total: np.ndarray) -> dict[str, Any]:
    """Women and total as integer columns (nullable Int64 where a count is missing)."""
    columns: dict[str, Any] = {}
    for name, values in (("women", women), ("total", total)):
        arr = np.asarray(values).reshape(-1)
        if arr.dtype.kind in "iu":
            columns[name] = arr.astype(np.int64)
        elif np.isnan(arr).any():
            columns[name] = pd.array(arr, dtype="Float64").astype("Int64")
        else:
            columns[name] = arr.astype(np.int64)
    return columns


def rate(
    women: Any,
    total: Any,
    *,
    method: Method | None = "wilson",
    conf: float = 0.95,
) -> pd.DataFrame:
    """The share of women in one body or many, with its confidence interval.

    Parameters
    ----------
    women : int, array-like or Series
        Number of women in each body.
    total : int, array-like or Series
        Number of members of each body (women and men), at least ``women``.
    method : str or None
        An interval method of :func:`proportion_ci` (default ``"wilson"``), or None for no interval
        at all: the result then has no ``lower`` and ``upper`` columns.
    conf : float
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    DataFrame
        One row per body: ``women``, ``total``, ``rate`` (women / total, a fraction) and, unless
        ``method=None``, ``lower`` and ``upper``. A Series input keeps its index. ``attrs`` records
        the method and confidence level.

    Notes
    -----
    **When an interval means something.** A confidence interval measures sampling uncertainty: it
    answers "what share would we see if the process that produced these members ran again?". It
    is meaningful when the members are a sample -- survey respondents, a sample of courts or
    villages -- or when the body is one realisation of a process one wants to reason about (a
    training programme's intake, to compare it with another programme or with last year's; a
    recruitment pipeline; whether a share is "really" below 30 per cent rather than by the luck
    of a small intake).

    **When it does not.** A complete count of a fixed body has no sampling error. The Malian
    cabinet named in December, as the seed reports, had 9 women among 36 members: its share of
    women *is* 25 per cent, and an interval around it describes no uncertainty about that cabinet.
    Use ``method=None`` for such bodies, and state the denominator instead.

    With 0 members the share is undefined and every column but the counts is NaN.

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science* 16(2), 101-133 (methods: see :func:`proportion_ci`).

    Examples
    --------
    The seed's cabinet is a complete count, so no interval; the 1,279 security-force trainees and
    703 mediators can be read as intakes of a training process:

    >>> import wpsstats as wps
    >>> wps.rate(9, 36, method=None)
       women  total  rate
    0      9     36  0.25
    >>> wps.rate([204, 225], [1279, 703]).round(4)
       women  total    rate   lower   upper
    0    204   1279  0.1595  0.1405  0.1806
    1    225    703  0.3201  0.2866  0.3554
    """
    if method is not None:
        method = check_choice("method", method, METHODS)  # type: ignore[assignment]
    conf = check_conf(conf)
    index = _index_of(women=women, total=total)
    if method is None:
        share, _, wb, tb = _intervals("women", women, "total", total, "share", conf)
        share = share.reshape(-1)
    else:
        lower, upper, wb, tb = _intervals("women", women, "total", total, method, conf)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = wb.astype(np.float64) / tb
        share = np.where(tb == 0, np.nan, share).reshape(-1)
    frame = pd.DataFrame(_counts_frame(wb, tb))
    frame["rate"] = share
    if method is not None:
        frame["lower"] = lower.reshape(-1)
        frame["upper"] = upper.reshape(-1)
    if index is not None:
        frame.index = index
    frame.attrs["wpsstats"] = {"method": method, "conf": conf}
    return frame


def _as_quota(quota: Any) -> Fraction:
    """The quota as an exact fraction: a float is read as the decimal it prints as (0.3 -> 3/10)."""
    if isinstance(quota, bool) or not isinstance(
        quota, (int, float, np.integer, np.floating, Fraction, Decimal, str)
    ):
        raise TypeError(f"quota must be a single number between 0 and 1 (e.g. 0.30), got {quota!r}")
    try:
        if isinstance(quota, (float, np.floating)):
            if not np.isfinite(quota):
                raise ValueError(
                    f"quota must be a share in [0, 1] (30 per cent is 0.30); got {quota}"
                )
            # The shortest decimal that reads back as the same float at the quota's own precision
            # is what was typed: float32(0.3) is 0.3, not the float64 0.30000001192092896.
            q = Fraction(np.format_float_positional(quota, unique=True, trim="0"))
        elif isinstance(quota, np.integer):
            q = Fraction(int(quota))
        else:
            q = Fraction(quota)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:  # Decimal("Infinity")
        if "quota" in str(exc):
            raise
        raise ValueError(f"quota={quota!r} is not a number between 0 and 1") from exc
    if not 0 <= q <= 1:
        raise ValueError(f"quota must be a share in [0, 1] (30 per cent is 0.30); got {quota}")
    return q


def quota_gap(
    women: Any,
    total: Any,
    quota: Any = 0.30,
    *,
    mode: Literal["replace", "add"] = "replace",
) -> Any:
    r"""How many more women a body needs to reach a quota, computed exactly.

    Parameters
    ----------
    women : int, array-like or Series
        Women in each body.
    total : int, array-like or Series
        Members of each body, at least ``women``.
    quota : float, Fraction, Decimal or str
        The target share in [0, 1], e.g. 0.30 for the 30 per cent quota for women in Mali's
        national institutions, required by the law the government adopted in December 2015. A float
        is read as the decimal it prints as, so 0.3 is exactly 3/10; pass ``Fraction(1, 3)`` or
        ``"1/3"`` for a third.
    mode : {"replace", "add"}
        ``"replace"``: men leave and women take their seats, so the body keeps its size; the answer
        is the least :math:`k \ge 0` with :math:`(w + k)/n \ge q`, that is
        :math:`\max(0, \lceil qn \rceil - w)`. ``"add"``: women join and nobody leaves; the least
        :math:`k \ge 0` with :math:`(w + k)/(n + k) \ge q`, that is
        :math:`\max(0, \lceil (qn - w)/(1 - q) \rceil)`.

    Returns
    -------
    int, ndarray or Series
        The number of women needed (0 where the quota is already met). An array (or a Series, index
        kept) for array input: ``int64``, or ``float64`` with NaN where a count is missing or the
        body is empty (its share is undefined). An answer too large for ``int64`` (a quota very
        close to 1 with ``mode="add"``) comes back exact, as Python integers in an ``object``
        array.

    Notes
    -----
    Everything is computed with integers (the quota as the fraction :math:`a/b`). Floating point
    gets such gaps wrong exactly at the boundary, where it matters: ``0.28 * 25`` evaluates to
    ``7.000000000000001``, whose ceiling would claim that a body of 25 needs 8 women to reach 28
    per cent, when 7 of 25 is exactly 28 per cent; and adding women to an all-male body of 7,
    ``(0.3 * 7) / (1 - 0.3)`` evaluates to ``3.0000000000000004``, so 4 women instead of the 3
    that make 3 of 10, exactly 30 per cent. A quota that is itself the result of float arithmetic
    is taken at face value: ``0.1 + 0.2`` prints as ``0.30000000000000004``, slightly above 30 per
    cent, and is read as that decimal.

    With ``mode="add"`` a quota of 1 cannot be reached while any man remains; that raises.

    References
    ----------
    .. [1] Python Software Foundation. ``fractions.Fraction`` (exact rational arithmetic).

    Examples
    --------
    Mali's cabinet (9 women of 36) and the 30 per cent quota of the 2015 law:

    >>> import wpsstats as wps
    >>> wps.quota_gap(9, 36, 0.30)
    2
    >>> wps.quota_gap(9, 36, 0.30, mode="add")
    3
    >>> wps.quota_gap([0, 3, 5], [10, 10, 10], 0.30)
    array([3, 0, 0])
    >>> wps.quota_gap(0, 7, 0.30, mode="add")  # 3 of 10 is 30 per cent
    3
    """
    mode = check_choice("mode", mode, ("replace", "add"))  # type: ignore[assignment]
    if isinstance(quota, (list, tuple, np.ndarray, pd.Series)):
        raise TypeError("quota must be a single number between 0 and 1, not an array")
    q = _as_quota(quota)
    index = _index_of(women=women, total=total)
    scalar = np.ndim(women) == 0 and np.ndim(total) == 0 and index is None
    _validate_counts("women", women, "total", total)
    wi, ni = _numeric("women", women), _numeric("total", total)
    if wi.dtype.kind in "iu" and ni.dtype.kind in "iu":
        # integers as given: through a float, counts above 2**53 would be rounded
        wa, na = np.broadcast_arrays(wi, ni)
        shape = wa.shape
        w_int, n_int = wa.reshape(-1).astype(np.int64), na.reshape(-1).astype(np.int64)
        missing = n_int == 0
        w_int, n_int = np.where(missing, 0, w_int), np.where(missing, 0, n_int)
    else:
        wa, na = np.broadcast_arrays(as_count_array("women", women), as_count_array("total", total))
        shape = wa.shape
        wa, na = wa.reshape(-1), na.reshape(-1)
        missing = np.isnan(wa) | np.isnan(na) | (na == 0)
        w_int = np.where(missing, 0, wa).astype(np.int64)
        n_int = np.where(missing, 0, na).astype(np.int64)
    a, b = q.numerator, q.denominator
    if mode == "add" and a == b:
        blocked = ~missing & (w_int < n_int)
        if blocked.any():
            raise ValueError(
                "quota=1 cannot be reached by adding women while men remain in the body "
                f"{describe_position(women if np.ndim(women) else total, blocked)}".strip()
            )
    # int64 is exact while |a * n| and |b * w| stay below 2**62; beyond, Python integers are.
    largest = int(n_int.max(initial=0))
    dtype: Any = np.int64 if max(a, b) * max(largest, 1) < 2**62 else object
    w_e = w_int.astype(dtype)
    n_e = n_int.astype(dtype)
    if mode == "replace":
        need = -((-a * n_e) // b) - w_e
    elif a == b:
        need = np.zeros_like(w_e)
    else:
        need = -((-(a * n_e - b * w_e)) // (b - a))
    need = np.maximum(need, 0)
    # Python integers (object) survive only where an answer does not fit in int64
    exceeds = need.dtype == object and need.max(initial=0) > np.iinfo(np.int64).max
    result: np.ndarray = need if exceeds else need.astype(np.int64)
    if missing.any():
        result = result.astype(object if exceeds else np.float64)
        result[missing] = np.nan
    result = result.reshape(shape)
    if scalar:
        return float("nan") if missing[0] else int(result.reshape(-1)[0])
    if index is not None:
        return pd.Series(result, index=index, name="women_needed")
    return result


def _nonnegative(name: str, values: Any) -> np.ndarray:
    arr = as_float_array(name, values)
    bad = (arr < 0) | np.isinf(arr)
    if bad.any():
        raise ValueError(
            f"{name} must be finite and non-negative; got {arr[bad].flat[0]} "
            f"{describe_position(values, bad)}".strip()
        )
    return arr


def parity_index(women: Any, men: Any, *, adjusted: bool = False) -> Any:
    r"""Gender parity index: the women's value over the men's, optionally UNESCO's adjusted form.

    Parameters
    ----------
    women, men : number, array-like or Series
        Counts or rates for women and for men (e.g. enrolment ratios); non-negative.
    adjusted : bool
        If True, UNESCO's adjusted gender parity index: :math:`F/M` when :math:`F \le M`, else
        :math:`2 - M/F`, so that it is symmetric around 1 and lies in [0, 2]. Default False, the
        plain ratio :math:`F/M`.

    Returns
    -------
    float, ndarray or Series
        The index. Both values 0 give NaN; men 0 with women above 0 give ``inf`` (plain) or 2
        (adjusted).

    Notes
    -----
    The plain ratio is asymmetric: 50 women per 100 men gives 0.5, but 100 women per 50 men gives
    2, so disparities against women look smaller than the same disparities against men. The
    adjusted index maps the second case to :math:`2 - 0.5 = 1.5`, as far above 1 as 0.5 is below.

    References
    ----------
    .. [1] UNESCO Institute for Statistics. Adjusted gender parity index (GPIA): "calculated by
       dividing the female value for the indicator by the male value for the indicator. If the
       resulting value exceeds 1, the ratio is inverted and subtracted from 2." As published with
       the World Bank's EdStats indicators (e.g. WB_EDSTATS_UIS_CR_1_GPIA), data360.worldbank.org.

    Examples
    --------
    >>> import wpsstats as wps
    >>> wps.parity_index(9, 27)  # the cabinet: 9 women, 27 men
    0.333...
    >>> wps.parity_index([50, 100], [100, 50], adjusted=True)
    array([0.5, 1.5])
    """
    index = _index_of(women=women, men=men)
    scalar = np.ndim(women) == 0 and np.ndim(men) == 0 and index is None
    f = _nonnegative("women", women)
    m = _nonnegative("men", men)
    check_same_shape(women=f, men=m)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.asarray(f / m, dtype=np.float64)
        if adjusted:
            ratio = np.where(ratio > 1, 2.0 - m / f, ratio)
    return _wrap(ratio, index, scalar, "parity_index")


def _bodies(women: Any, total: Any, skipna: bool) -> tuple[np.ndarray, np.ndarray]:
    if np.ndim(women) == 0 and np.ndim(total) == 0:
        women, total = [women], [total]
    _index_of(women=women, total=total)
    _validate_counts("women", women, "total", total)
    w, n = np.broadcast_arrays(as_count_array("women", women), as_count_array("total", total))
    w, n = w.reshape(-1), n.reshape(-1)
    if skipna:
        keep = ~(np.isnan(w) | np.isnan(n))
        w, n = w[keep], n[keep]
    return w, n


def pooled_rate(
    women: Any,
    total: Any,
    *,
    method: Method | None = "wilson",
    conf: float = 0.95,
    skipna: bool = False,
) -> pd.DataFrame:
    r"""The pooled share of women across several bodies, with its interval.

    All members of all bodies are counted together: :math:`\sum_i w_i / \sum_i n_i`. Each member
    weighs the same, so large bodies weigh more than small ones. Compare :func:`mean_of_shares`,
    where each *body* weighs the same.

    Parameters
    ----------
    women, total : array-like or Series
        Women and members of each body (one entry per body).
    method : str or None
        Interval method of :func:`proportion_ci`, applied to the pooled counts; None for none.
    conf : float
        Confidence level.
    skipna : bool
        Leave out bodies with a missing count. Default False: any missing count makes the result
        NaN, so a gap in the data is never silently pooled over.

    Returns
    -------
    DataFrame
        One row: ``bodies``, ``women``, ``total``, ``rate``, ``lower``, ``upper``.

    Notes
    -----
    The interval treats the pooled members as one binomial sample. When bodies differ
    systematically (members of one body are more alike than members of different bodies) the
    binomial interval is too narrow; it describes the members, not a population of bodies.

    References
    ----------
    .. [1] Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
       proportion. *Statistical Science* 16(2), 101-133.

    Examples
    --------
    Three hypothetical mechanisms of 40, 10 and 10 members with 0, 1 and 2 women (illustrative
    counts; the seed gives only the "on average" 3 per cent):

    >>> import wpsstats as wps
    >>> wps.pooled_rate([0, 1, 2], [40, 10, 10]).round(4)
       bodies  women  total  rate   lower   upper
    0       3      3     60  0.05  0.0171  0.1370
    """
    if method is not None:
        method = check_choice("method", method, METHODS)  # type: ignore[assignment]
    conf = check_conf(conf)
    w, n = _bodies(women, total, skipna)
    sw, sn = float(w.sum()), float(n.sum())
    frame = rate(sw, sn, method=method, conf=conf)
    frame.insert(0, "bodies", int(w.size))
    return frame


def mean_of_shares(women: Any, total: Any, *, skipna: bool = False) -> float:
    r"""The unweighted mean of the bodies' shares of women: :math:`\frac{1}{k}\sum_i w_i/n_i`.

    This is what a report means by "on average, 3 per cent of the members of these mechanisms are
    women" when it averages each mechanism's share. Every *body* weighs the same, however small;
    the pooled share (:func:`pooled_rate`) weighs every *member* the same. The two agree when all
    bodies have the same size, and can differ a lot when they do not.

    Parameters
    ----------
    women, total : array-like or Series
        Women and members of each body.
    skipna : bool
        Leave out bodies with a missing count, or with no members. Default False: any such body
        makes the result NaN.

    Returns
    -------
    float

    References
    ----------
    .. [1] Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., Wiley, section 6.2 (the mean of
       ratios versus the ratio of totals).

    Examples
    --------
    The same three hypothetical mechanisms as in :func:`pooled_rate`: the mean of shares is 10 per
    cent, twice the pooled 5 per cent, because the large mechanism has no women.

    >>> import wpsstats as wps
    >>> wps.mean_of_shares([0, 1, 2], [40, 10, 10])
    0.1
    """
    w, n = _bodies(women, total, skipna)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(n == 0, np.nan, w / n)
    if skipna:
        shares = shares[~np.isnan(shares)]
    if shares.size == 0:
        return float("nan")
    return float(shares.mean())


def rate_difference(
    women1: Any,
    total1: Any,
    women2: Any,
    total2: Any,
    *,
    method: Literal["wilson", "wilson_cc"] = "wilson",
    conf: float = 0.95,
) -> pd.DataFrame:
    r"""Difference of two independent shares, :math:`p_1 - p_2`, with Newcombe's hybrid score
    interval.

    Parameters
    ----------
    women1, total1 : int, array-like or Series
        Women and members of the first group (e.g. mediators).
    women2, total2 : int, array-like or Series
        Women and members of the second group (e.g. trainees). Independent of the first.
    method : {"wilson", "wilson_cc"}
        ``"wilson"``: Newcombe's (1998b) method 10, built from the two Wilson score intervals.
        ``"wilson_cc"``: method 11, from the continuity-corrected score intervals.
    conf : float
        Confidence level.

    Returns
    -------
    DataFrame
        One row per pair: ``women1``, ``total1``, ``rate1``, ``women2``, ``total2``, ``rate2``,
        ``difference`` (:math:`p_1 - p_2`), ``lower``, ``upper``; bounds lie in [-1, 1].

    Notes
    -----
    With :math:`(l_i, u_i)` the score interval for :math:`p_i` (:func:`proportion_ci`),

    .. math::

        L = \hat p_1 - \hat p_2 - \sqrt{(\hat p_1 - l_1)^2 + (u_2 - \hat p_2)^2}, \qquad
        U = \hat p_1 - \hat p_2 + \sqrt{(u_1 - \hat p_1)^2 + (\hat p_2 - l_2)^2}.

    Unlike the Wald interval for a difference, it never has zero width when a share is 0 or 1,
    and it stays inside [-1, 1].

    References
    ----------
    .. [1] Newcombe, R. G. (1998b). Interval estimation for the difference between independent
       proportions: comparison of eleven methods. *Statistics in Medicine* 17, 873-890.

    Examples
    --------
    Women among the 703 mediators (225) against women among the 1,279 trainees (204):

    >>> import wpsstats as wps
    >>> wps.rate_difference(225, 703, 204, 1279).round(4)
       women1  total1   rate1  women2  total2   rate2  difference  lower   upper
    0     225     703  0.3201     204    1279  0.1595      0.1606  0.121  0.2007
    """
    method = check_choice("method", method, ("wilson", "wilson_cc"))  # type: ignore[assignment]
    conf = check_conf(conf)
    index = _index_of(women1=women1, total1=total1, women2=women2, total2=total2)
    one = rate(women1, total1, method=method, conf=conf)
    two = rate(women2, total2, method=method, conf=conf)
    if len(one) != len(two) and min(len(one), len(two)) != 1:
        raise ValueError(
            f"lengths do not match: group 1 has {len(one)} rows, group 2 has {len(two)}"
        )
    size = max(len(one), len(two))

    def col(frame: pd.DataFrame, name: str) -> np.ndarray:
        values = frame[name].to_numpy()
        return np.broadcast_to(values, (size,)) if len(frame) == 1 else values

    p1, l1, u1 = (col(one, c).astype(np.float64) for c in ("rate", "lower", "upper"))
    p2, l2, u2 = (col(two, c).astype(np.float64) for c in ("rate", "lower", "upper"))
    diff = p1 - p2
    lower = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    frame = pd.DataFrame(
        {
            "women1": col(one, "women"),
            "total1": col(one, "total"),
            "rate1": p1,
            "women2": col(two, "women"),
            "total2": col(two, "total"),
            "rate2": p2,
            "difference": diff,
            "lower": np.clip(lower, -1.0, 1.0),
            "upper": np.clip(upper, -1.0, 1.0),
        }
    )
    if index is not None:
        frame.index = index
    frame.attrs["wpsstats"] = {"method": f"newcombe_{method}", "conf": conf}
    return frame
