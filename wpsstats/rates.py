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
count (NaN, None, ``pd.NA``) gives a missing result rather than an error, and a boolean is refused
(True is not one woman).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._checks import (
    as_count_pair,
    as_nonnegative_array,
    check_choice,
    check_conf,
    check_flag,
    check_same_shape,
    check_series_broadcast,
    describe_position,
    series_index,
)
from .intervals import _bounds, _check_beta_range

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


def _counts(**values: Any) -> tuple[np.ndarray, np.ndarray, pd.Index | None]:
    """The two counts (a part, then its whole) checked and broadcast, and the Series' index."""
    index = series_index(**values)
    # the result keeps that index, so the counts must not spread a Series to another length
    check_series_broadcast(index, **values)
    (part_name, part), (whole_name, whole) = values.items()
    x, n = as_count_pair(part_name, part, whole_name, whole)
    return x, n, index


def _method_or_none(method: Any) -> Any:
    """``method`` checked against :data:`METHODS`, or None; the error names None too, since the
    string "none" is the likeliest slip."""
    if method is None:
        return None
    return check_choice("method", method, METHODS, also="None (no interval: a complete count)")


def _floats(counts: np.ndarray) -> np.ndarray:
    """Counts as a 1-d float64 array, the arithmetic's input (scalars become one element)."""
    return counts.astype(np.float64).reshape(-1)


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
    *,
    method: Method = "wilson",
    conf: float = 0.95,
) -> tuple[Any, Any]:
    r"""Confidence interval for a binomial proportion, by one of six methods.

    Parameters
    ----------
    successes : int, array-like or Series
        Number of successes (e.g. women in a body). Non-negative whole numbers; NaN, None or
        ``pd.NA`` for a missing count.
    trials : int, array-like or Series
        Number of trials (e.g. members of the body), at least ``successes``. Broadcast against
        ``successes``. A body with no members (0 trials) gets a NaN interval. At most 2**52
        for ``"clopper_pearson"`` and ``"jeffreys"`` (see Notes).
    method : {"wilson", "wald", "wilson_cc", "agresti_coull", "clopper_pearson", "jeffreys"}
        The interval (see Notes). Default ``"wilson"``.
    conf : float
        Confidence level, strictly between 0 and 1. Default 0.95.

    Returns
    -------
    lower : float, ndarray or Series
        The lower bound, always inside [0, 1]. Scalars in give floats; array-likes give ndarrays
        of the broadcast shape; a Series gives Series with its index kept.
    upper : float, ndarray or Series
        The upper bound, always inside [0, 1], of the same kind and shape as ``lower``.

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
      :math:`L = \frac{2n\hat p + z^2 - 1 - z\sqrt{z^2 - 2 - 1/n + 4\hat p(n\hat q + 1)}}{2(n+z^2)}`
      and :math:`U = \frac{2n\hat p + z^2 + 1 + z\sqrt{z^2 + 2 - 1/n + 4\hat p(n\hat q - 1)}}
      {2(n+z^2)}`, with :math:`L = 0` at :math:`x = 0` and :math:`U = 1` at :math:`x = n`.
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

    The beta quantiles are exact in their tails: scipy's inverses (``betaincinv``, ``betainccinv``)
    stop short in places (scipy 1.17: the upper Clopper--Pearson bound of 999 successes in 10**7
    trials misses its tail by 3e-6 of it at 95 per cent, by 1.5e-4 at 99; in 10**15 trials it is
    1.5e-8 where the bound is 1.06e-12), so the tail at each of their answers is evaluated with
    ``betainc`` and those that miss get safeguarded Newton steps. Each bound's tail is then
    :math:`\alpha/2` to 1e-12 relative or, beyond about 10**7 successes, where the tail moves by
    more than that from one float to the next, the bound is the float at the root to within two.
    They need every shape parameter exact in float64, so more than 2**52 trials raise ValueError.

    Each bound is one numpy or scipy expression over all the pairs at once: a million bodies take
    well under a second with the closed forms, a few seconds with the beta quantiles.

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
    x, n, index = _counts(successes=successes, trials=trials)
    _check_beta_range(method, "trials", n, index)
    lower, upper = _bounds(method, _floats(x), _floats(n), conf)
    lower, upper = lower.reshape(x.shape), upper.reshape(x.shape)
    scalar = x.ndim == 0 and index is None
    return _wrap(lower, index, scalar, "lower"), _wrap(upper, index, scalar, "upper")


def _counts_frame(women: np.ndarray, total: np.ndarray) -> dict[str, Any]:
    """Women and total as integer columns (nullable Int64 where a count is missing; Python
    integers beyond int64, as given, or as the whole floats beyond it hold: 1e19 is 10**19)."""
    columns: dict[str, Any] = {}
    for name, values in (("women", women), ("total", total)):
        arr = np.asarray(values).reshape(-1)
        if arr.dtype.kind in "iuO":
            columns[name] = arr
        elif (arr >= 2.0**63).any():  # int64 would wrap them (False where missing)
            exact = np.full(arr.shape, pd.NA, dtype=object)
            present = ~np.isnan(arr)
            exact[present] = np.frompyfunc(int, 1, 1)(arr[present])
            columns[name] = exact
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
    method = _method_or_none(method)
    conf = check_conf(conf)
    w, n, index = _counts(women=women, total=total)
    _check_beta_range(method, "total", n, index)
    wf, nf = _floats(w), _floats(n)
    frame = pd.DataFrame(_counts_frame(w, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["rate"] = np.where(nf == 0, np.nan, wf / nf)  # no members, no share
    if method is not None:
        frame["lower"], frame["upper"] = _bounds(method, wf, nf, conf)
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
    q: Fraction | None = None  # a float NaN or infinity: outside [0, 1] like 30 or -0.1
    try:
        if isinstance(quota, (float, np.floating)):
            if np.isfinite(quota):
                # The shortest decimal that reads back as the same float at the quota's own
                # precision is what was typed: float32(0.3) is 0.3, not 0.30000001192092896.
                q = Fraction(np.format_float_positional(quota, unique=True, trim="0"))
        else:
            q = Fraction(int(quota) if isinstance(quota, np.integer) else quota)
    except (ValueError, ZeroDivisionError, OverflowError) as exc:  # "3/0", Decimal("Infinity")
        raise ValueError(f"quota={quota!r} is not a number between 0 and 1") from exc
    if q is None or not 0 <= q <= 1:
        raise ValueError(f"quota must be a share in [0, 1] (30 per cent is 0.30); got {quota}")
    return q


def _exact_integers(counts: np.ndarray, missing: np.ndarray, scale: int) -> np.ndarray:
    """Whole counts as exact integers, 0 where missing: int64 while ``scale`` times the largest
    stays below 2**62 (so that the quota's products cannot wrap), else Python integers."""
    filled = np.where(missing, 0, counts)
    if max(int(filled.max(initial=0)), 1) * scale < 2**62:
        return filled.astype(np.int64)
    return np.asarray(np.frompyfunc(int, 1, 1)(filled), dtype=object)


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
        Women in each body. Integers stay exact at any size (Python integers beyond int64); a
        whole float is the integer it holds (1e19 is exactly 10**19).
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
        close to 1 with ``mode="add"``, or a body of 2**63 or more) comes back exact, as Python
        integers in an ``object`` array.

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
    q = _as_quota(quota)
    # integer counts stay integers (as_count_pair): through a float, above 2**53 they would round
    w, n, index = _counts(women=women, total=total)
    shape = w.shape
    w, n = w.reshape(-1), n.reshape(-1)
    missing = np.asarray(pd.isna(w) | pd.isna(n) | (n == 0), dtype=bool)
    a, b = q.numerator, q.denominator
    # a float count is a whole number (as_count_pair checked), so it converts to its integer
    # exactly: 1e19 is 10**19, beyond int64 but not beyond Python's integers
    n_e = _exact_integers(n, missing, max(a, b))
    w_e = _exact_integers(w, missing, max(a, b))
    if mode == "add" and a == b:
        blocked = ~missing & np.asarray(w_e < n_e, dtype=bool)
        if blocked.any():
            raise ValueError(
                "quota=1 cannot be reached by adding women while men remain in the body "
                f"{describe_position(women if np.ndim(women) else total, blocked)}".strip()
            )
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
    if not shape and index is None:
        return float("nan") if missing[0] else int(result.reshape(-1)[0])
    if index is not None:
        return pd.Series(result, index=index, name="women_needed")
    return result


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
    adjusted = check_flag("adjusted", adjusted)
    index = series_index(women=women, men=men)
    check_series_broadcast(index, women=women, men=men)
    scalar = np.ndim(women) == 0 and np.ndim(men) == 0 and index is None
    f = as_nonnegative_array("women", women)
    m = as_nonnegative_array("men", men)
    check_same_shape(women=f, men=m)
    # the adjusted index of 1e300 women per 1e-300 men is 2, however far f / m overflows
    with np.errstate(divide="ignore", invalid="ignore", over="ignore" if adjusted else "warn"):
        ratio = np.asarray(f / m, dtype=np.float64)
        if adjusted:
            ratio = np.where(ratio > 1, 2.0 - m / f, ratio)
    return _wrap(ratio, index, scalar, "parity_index")


def _bodies(women: Any, total: Any, skipna: bool) -> tuple[np.ndarray, np.ndarray]:
    """Each body's women and members as 1-d arrays, checked (integers exact, as as_count_pair
    gives them; floats where a count is missing), without the missing if skipna."""
    skipna = check_flag("skipna", skipna)
    if np.ndim(women) == 0 and np.ndim(total) == 0:
        women, total = [women], [total]
    w, n, _ = _counts(women=women, total=total)
    w, n = w.reshape(-1), n.reshape(-1)
    if skipna:
        keep = ~np.asarray(pd.isna(w) | pd.isna(n), dtype=bool)
        w, n = w[keep], n[keep]
    return w, n


def _sum_counts(counts: np.ndarray) -> Any:
    """The sum of counts: exact for integers (a Python integer, which neither rounds above
    2**53 nor wraps above 2**63), a float where counts are floats (NaN if one is missing)."""
    if counts.dtype.kind == "f":
        return float(counts.sum())
    return int(counts.astype(object).sum())


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
    method = _method_or_none(method)
    conf = check_conf(conf)
    w, n = _bodies(women, total, skipna)
    frame = rate(_sum_counts(w), _sum_counts(n), method=method, conf=conf)
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
        The mean of the bodies' shares; NaN when a body has a missing count or no members (and
        ``skipna`` is False), or when no body is left.

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
    w, n = _floats(w), _floats(n)
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
        ``difference`` (:math:`p_1 - p_2`), ``lower``, ``upper``; bounds lie in [-1, 1]. A
        Series input keeps its index. ``attrs["wpsstats"]`` records the method, as
        ``"newcombe_wilson"`` or ``"newcombe_wilson_cc"``, and the confidence level.

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
    index = series_index(women1=women1, total1=total1, women2=women2, total2=total2)
    check_series_broadcast(index, women1=women1, total1=total1, women2=women2, total2=total2)
    one = rate(women1, total1, method=method, conf=conf)
    two = rate(women2, total2, method=method, conf=conf)
    if len(one) != len(two) and min(len(one), len(two)) != 1:
        raise ValueError(
            f"lengths do not match: group 1 has {len(one)} rows, group 2 has {len(two)}"
        )
    size = max(len(one), len(two))
    # a group of one row is compared with every row of the other; its counts keep their dtype
    # (Int64 where one is missing, as rate gives them)
    one, two = (g.iloc[np.zeros(size, dtype=np.intp)] if len(g) == 1 else g for g in (one, two))
    p1, l1, u1 = (one[c].to_numpy(dtype=np.float64) for c in ("rate", "lower", "upper"))
    p2, l2, u2 = (two[c].to_numpy(dtype=np.float64) for c in ("rate", "lower", "upper"))
    diff = p1 - p2
    lower = diff - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = diff + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    frame = pd.DataFrame(
        {
            "women1": one["women"].array,
            "total1": one["total"].array,
            "rate1": p1,
            "women2": two["women"].array,
            "total2": two["total"].array,
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
