"""The six binomial intervals of :func:`wpsstats.proportion_ci`, as their papers write them.

Wald, Wilson, Wilson with continuity correction (Newcombe 1998a), Agresti--Coull, and the two
built on beta quantiles, Clopper--Pearson and Jeffreys, whose bounds are made exact in their tail
probability (scipy's inverse, checked with ``betainc`` and refined where it stops short). The
references and formulas are in :func:`wpsstats.proportion_ci`'s Notes; the counts arrive checked
(:mod:`wpsstats.rates`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special, stats

from ._checks import describe_position

__all__: list[str] = []  # used through wpsstats.rates

# The beta quantiles need every shape parameter exact in float64: n - x + 1/2 is, up to 2**52.
_BETA_LIMIT = 2**52
# How far the tail probability at a beta bound may be from alpha/2, relative to it.
_TAIL_RTOL = 1e-12


def _check_beta_range(
    method: str | None, name: str, counts: np.ndarray, index: pd.Index | None
) -> None:
    """Refuse counts beyond ``_BETA_LIMIT`` for the methods built on beta quantiles."""
    if method not in ("clopper_pearson", "jeffreys"):
        return
    with np.errstate(invalid="ignore"):
        over = np.asarray(counts > _BETA_LIMIT, dtype=bool).reshape(-1)  # False where missing
    if over.any():
        first = int(np.flatnonzero(over)[0])
        value = counts.reshape(-1)[first]
        shown = f"{value:.17g}" if isinstance(value, (float, np.floating)) else str(value)
        where = describe_position(counts if index is None else pd.Series(over, index=index), over)
        raise ValueError(
            f"{name} must be at most 2**52 = {_BETA_LIMIT:,} for method={method!r}, whose beta "
            f"quantiles need every count exact in floating point; got {shown} {where}".strip()
        )


# ----------------------------------------------------------------------------------------------
# the intervals, as their papers write them (see proportion_ci's Notes)


def _wilson_cc_bound(x: np.ndarray, n: np.ndarray, z: float, sign: float) -> np.ndarray:
    """One bound of Newcombe's (1998a) method 4: ``sign`` -1 for the lower, +1 for the upper.

    Written with counts: 4 p (n q - sign) = 4 x (n - x - sign) / n.
    """
    z2 = z * z
    inv_n = 1.0 / n
    root = np.sqrt((n - x - sign) * x * (4.0 * inv_n) + (z2 + 2.0 * sign) - inv_n)
    return (2.0 * x + (z2 + sign) + sign * z * root) / (2.0 * (n + z2))


def _beta_quantile(a: np.ndarray, b: np.ndarray, tail: float, *, upper: bool) -> np.ndarray:
    """The p whose lower tail under Beta(a, b) is ``tail`` (upper tail if ``upper``), to
    ``_TAIL_RTOL`` relative in that tail.

    scipy's inverses stop early in places (scipy 1.17, upper Clopper--Pearson bound of 999 in
    10**7: its tail off by 3e-6 of it at 95 per cent, 1.5e-4 at 99; of 999 in 10**15: 1.5e-8 for
    1.06e-12). So the tail at each of their answers is evaluated,
    and those that miss get safeguarded Newton steps (the beta density is the tail's slope;
    bisection within the bracket where a step leaves it) until they meet the tolerance, or until
    the step is below the spacing of floats there: beyond about 10**7 successes the tail moves by
    more than 1e-12 from one float to the next, and the nearest float is the best there is.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        p = special.betainccinv(a, b, tail) if upper else special.betaincinv(a, b, tail)
    todo = np.flatnonzero((p > 0) & (p < 1) & (a > 0) & (b > 0))  # not NaN nor an edge
    q, a, b = p[todo], a[todo], b[todo]
    # betaincc costs four times betainc: at 95 per cent the upper bound is screened with the
    # complement of the lower tail, whose rounding (1e-16 next to 1) is far below 1e-12 * tail
    if not upper:
        miss = special.betainc(a, b, q) - tail
    elif tail >= 0.005:
        miss = special.betainc(a, b, q) - (1.0 - tail)
    else:
        miss = tail - special.betaincc(a, b, q)
    far = np.abs(miss) > _TAIL_RTOL * tail
    todo, q, a, b = todo[far], q[far], a[far], b[far]
    low, high = np.zeros_like(q), np.ones_like(q)
    for _ in range(200):  # bisection alone reaches any float in (0, 1) in fewer
        if todo.size == 0:
            break
        # g rises with q and is 0 at the bound
        g = tail - special.betaincc(a, b, q) if upper else special.betainc(a, b, q) - tail
        low, high = np.where(g < 0, q, low), np.where(g > 0, q, high)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = g / stats.beta.pdf(q, a, b)
        # done when the tail is met, or no other float is nearer the root
        done = (np.abs(g) <= _TAIL_RTOL * tail) | (np.abs(step) <= 0.5 * np.spacing(q))
        done |= high - low <= 2.0 * np.spacing(q)
        p[todo[done]] = q[done]
        q = q - step
        q = np.where((q > low) & (q < high), q, 0.5 * (low + high))
        keep = ~done
        todo, q, a, b, low, high = todo[keep], q[keep], a[keep], b[keep], low[keep], high[keep]
    return p


def _bounds(
    method: str, x: np.ndarray, n: np.ndarray, conf: float
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds for ``x`` successes in ``n`` trials (1-d float arrays), in [0, 1];
    NaN where a count is missing or ``n`` is 0."""
    alpha = 1.0 - conf
    # from the lower tail: 1 - alpha/2 rounds to 1 (z infinite) for conf just below 1
    z = -float(special.ndtri(alpha / 2.0))
    z2 = z * z
    # at the edges the formulas meet 0/0, sqrt of a negative or a Beta(0, b): answers set below
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "wald":
            p = x / n
            half = z * np.sqrt((1.0 - p) * p / n)
            lower, upper = p - half, p + half
        elif method == "wilson":
            denominator = n + z2
            half = z * np.sqrt((n - x) * x / n + z2 / 4.0) / denominator  # x q-hat = x (n - x) / n
            centre = (x + z2 / 2.0) / denominator
            lower, upper = centre - half, centre + half
        elif method == "wilson_cc":
            lower = _wilson_cc_bound(x, n, z, -1.0)
            upper = _wilson_cc_bound(x, n, z, 1.0)
        elif method == "agresti_coull":
            n_tilde = n + z2
            p_tilde = (x + z2 / 2.0) / n_tilde
            half = z * np.sqrt((1.0 - p_tilde) * p_tilde / n_tilde)
            lower, upper = p_tilde - half, p_tilde + half
        elif method == "clopper_pearson":
            lower = _beta_quantile(x, n - x + 1.0, alpha / 2.0, upper=False)
            # the upper tail inverted directly (not 1 - alpha/2 in the lower): accurate far out
            upper = _beta_quantile(x + 1.0, n - x, alpha / 2.0, upper=True)
        else:  # jeffreys
            lower = _beta_quantile(x + 0.5, n - x + 0.5, alpha / 2.0, upper=False)
            upper = _beta_quantile(x + 0.5, n - x + 0.5, alpha / 2.0, upper=True)
    # The bounds are new arrays, set in place from here on: each pass over a million bounds
    # counts, next to formulas of a dozen passes.
    if method not in ("wald", "agresti_coull"):
        # Wilson's intervals touch 0 only at x = 0 and 1 only at x = n, exactly; Clopper and
        # Pearson's by definition; Jeffreys' as Brown, Cai & DasGupta (2001) recommend, where the
        # equal-tailed posterior interval would exclude an estimate of exactly 0 or 1
        lower[x == 0] = 0.0
        upper[x == n] = 1.0
    # rounding (and the Wald and Agresti-Coull formulas themselves) can stray outside [0, 1]
    np.clip(lower, 0.0, 1.0, out=lower)
    np.clip(upper, 0.0, 1.0, out=upper)
    # a body with no members has no share, and a missing count must not keep a bound pinned above
    missing = (n == 0) | np.isnan(x) | np.isnan(n)
    lower[missing] = np.nan
    upper[missing] = np.nan
    return lower, upper
