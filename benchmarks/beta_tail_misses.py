"""How often scipy's beta inverses miss a 1e-12 tail, and what the check that catches them costs.

    .venv/bin/python benchmarks/beta_tail_misses.py

Why :mod:`wpsstats.intervals` evaluates the tail at every Clopper-Pearson and Jeffreys bound, not
only at large bodies: for every (x, n) with n up to 2,000 (2,003,000 pairs) it counts the bounds
from ``scipy.special.betaincinv``/``betainccinv`` whose tail probability is more than 1e-12 of
alpha/2 off, at five confidence levels. Then, on the 10**6 pairs of ``bench_rates.py``, it times
one inverse, one ``betainc`` (the check) and statsmodels' whole Clopper-Pearson call, best of 5:
two bounds of inverse and check are the least any exact-tailed interval can cost here. One run's
numbers, printed; nothing is asserted.
"""

from __future__ import annotations

import numpy as np
from bench_figures import best_of  # this folder's scripts run with it on the path
from scipy import special
from statsmodels.stats.proportion import proportion_confint


def misses(largest: int = 2000) -> None:
    """Bounds whose tail misses alpha/2 by more than 1e-12 of it, for every x of n <= largest."""
    n = np.concatenate([np.full(k + 1, k) for k in range(1, largest + 1)]).astype(float)
    x = np.concatenate([np.arange(k + 1) for k in range(1, largest + 1)]).astype(float)
    print(f"{n.size:,} pairs (n <= {largest:,})")
    print(f"{'conf':>6}{'lower misses':>14}{'largest':>10}{'upper misses':>14}{'largest':>10}")
    for conf in (0.9, 0.937, 0.95, 0.99, 0.999):
        tail = (1 - conf) / 2
        a, b = x[x > 0], n[x > 0] - x[x > 0] + 1  # lower bound: Beta(x, n - x + 1)
        p = special.betaincinv(a, b, tail)
        low = np.abs(special.betainc(a, b, p) - tail) / tail
        a, b = x[x < n] + 1, n[x < n] - x[x < n]  # upper bound: Beta(x + 1, n - x)
        q = special.betainccinv(a, b, tail)
        high = np.abs(special.betaincc(a, b, q) - tail) / tail
        print(
            f"{conf:>6}{np.sum(low > 1e-12):>14,}{low.max():>10.1e}"
            f"{np.sum(high > 1e-12):>14,}{high.max():>10.1e}"
        )


def floor() -> None:
    """The inverse and the check on bench_rates.py's pairs, against statsmodels' whole call."""
    rng = np.random.default_rng(20180630)  # the pairs of bench_rates.py
    trials = rng.integers(1, 2001, size=10**6)
    successes = rng.binomial(trials, rng.beta(0.7, 1.6, size=10**6))
    a, b = successes + 1.0, (trials - successes).astype(float)
    inverse = best_of(lambda: special.betainccinv(a, b, 0.025), 5)
    bound = special.betainccinv(a, b, 0.025)
    check = best_of(lambda: special.betainc(a, b, bound), 5)
    theirs = best_of(lambda: proportion_confint(successes, trials, method="beta"), 5)
    least = 2 * (inverse + check)
    print(
        f"10**6 pairs: inverse {inverse:.2f} s, check {check:.2f} s per bound; statsmodels "
        f"{theirs:.2f} s; two checked bounds {least:.2f} s = {least / theirs:.2f} x statsmodels"
    )


if __name__ == "__main__":
    misses()
    floor()
