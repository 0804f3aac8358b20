"""Benchmark: wpsstats.proportion_ci against statsmodels' proportion_confint on the same arrays.

    .venv/bin/python benchmarks/bench_rates.py               # 10**6 (x, n) pairs, as in issue 15
    .venv/bin/python benchmarks/bench_rates.py --n 1e5       # a quicker run

Issue 15's target: wpsstats within 1.3 times statsmodels for Wilson, Jeffreys and Clopper-Pearson
(statsmodels' "beta"). Both libraries get the same int64 arrays, in the same process, alternately
(ours, theirs, ours, ...) so that load from other processes hits both alike. The table reports the
median wall time of each, their ratio (ours / statsmodels; below 1 means wpsstats is faster), the
ratio of the fastest runs (less swayed by other processes on a shared machine) and the largest
absolute difference between the two sets of bounds. Nothing is asserted: the ratios are one run's,
on whatever machine runs it. Results go to benchmarks/results/rates.json.

statsmodels' Jeffreys interval is the plain equal-tailed one; wpsstats pins the lower bound to 0
at x = 0 and the upper bound to 1 at x = n (Brown, Cai & DasGupta 2001), so those edge cells are
left out of the comparison and counted separately. statsmodels has no continuity-corrected Wilson
interval; "wilson_cc" is timed alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import statsmodels
from statsmodels.stats.proportion import proportion_confint

import wpsstats

PAIRS = [  # wpsstats method, statsmodels method
    ("wilson", "wilson"),
    ("clopper_pearson", "beta"),
    ("jeffreys", "jeffreys"),
    ("wald", "normal"),
    ("agresti_coull", "agresti_coull"),
    ("wilson_cc", None),
]
TARGET = {"wilson": 1.3, "clopper_pearson": 1.3, "jeffreys": 1.3}
SLOW = {"clopper_pearson", "jeffreys"}


def _time(func: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def _largest_difference(
    ours: str, bounds: tuple[Any, Any], theirs: tuple[Any, Any], x: Any, n: Any
) -> tuple[float, int]:
    """The largest |ours - theirs| over both bounds, and how many edge bounds were left out."""
    compare_lo = np.ones(x.size, dtype=bool)
    compare_hi = np.ones(x.size, dtype=bool)
    if ours == "jeffreys":  # pinned ends, see the module docstring
        compare_lo, compare_hi = x != 0, x != n
    lo, hi = bounds
    slo, shi = (np.asarray(v, dtype=float) for v in theirs)
    diff = max(
        float(np.max(np.abs(lo[compare_lo] - slo[compare_lo]))),
        float(np.max(np.abs(hi[compare_hi] - shi[compare_hi]))),
    )
    return diff, int((~compare_lo).sum() + (~compare_hi).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e6, help="number of (x, n) pairs")
    parser.add_argument("--repeats", type=int, default=7, help="repeats for the closed forms")
    parser.add_argument("--slow-repeats", type=int, default=3, help="repeats for beta methods")
    parser.add_argument("--methods", nargs="*", default=[p[0] for p in PAIRS])
    args = parser.parse_args()

    size = int(args.n)
    rng = np.random.default_rng(20180630)
    trials = rng.integers(1, 2001, size=size)  # bodies of 1 to 2,000 members
    share = rng.beta(0.7, 1.6, size=size)  # mostly small shares, some zeros and some full bodies
    successes = rng.binomial(trials, share)
    print(
        f"{size:,} pairs; x = 0 in {np.mean(successes == 0):.1%}, x = n in "
        f"{np.mean(successes == trials):.1%}; load average before: {os.getloadavg()}"
    )

    results: list[dict[str, Any]] = []
    header = (
        f"{'method':<16}{'wpsstats s':>12}{'statsmodels s':>15}{'ratio':>8}{'fastest':>9}"
        f"{'max |diff|':>12}"
    )
    print(header)
    print("-" * len(header))
    for ours, theirs in PAIRS:
        if ours not in args.methods:
            continue
        repeats = args.slow_repeats if ours in SLOW else args.repeats
        # one untimed call of each first: neither is timed loading its code or growing the heap
        wpsstats.proportion_ci(successes, trials, method=ours)
        if theirs is not None:
            proportion_confint(successes, trials, alpha=0.05, method=theirs)
        ours_times: list[float] = []
        theirs_times: list[float] = []
        for _ in range(repeats):
            t, ours_out = _time(lambda m=ours: wpsstats.proportion_ci(successes, trials, method=m))
            ours_times.append(t)
            if theirs is not None:
                t, theirs_out = _time(
                    lambda m=theirs: proportion_confint(successes, trials, alpha=0.05, method=m)
                )
                theirs_times.append(t)
        row: dict[str, Any] = {
            "method": ours,
            "statsmodels_method": theirs,
            "repeats": repeats,
            "wpsstats_seconds": ours_times,
            "wpsstats_median": statistics.median(ours_times),
        }
        if theirs is None:
            print(f"{ours:<16}{row['wpsstats_median']:>12.3f}{'-':>15}{'-':>8}{'-':>9}{'-':>12}")
            results.append(row)
            continue
        diff, left_out = _largest_difference(ours, ours_out, theirs_out, successes, trials)
        row.update(
            statsmodels_seconds=theirs_times,
            statsmodels_median=statistics.median(theirs_times),
            ratio=statistics.median(ours_times) / statistics.median(theirs_times),
            ratio_of_fastest=min(ours_times) / min(theirs_times),
            target=TARGET.get(ours),
            max_abs_diff=diff,
            edge_cells_not_compared=left_out,
        )
        print(
            f"{ours:<16}{row['wpsstats_median']:>12.3f}{row['statsmodels_median']:>15.3f}"
            f"{row['ratio']:>8.2f}{row['ratio_of_fastest']:>9.2f}{diff:>12.1e}"
        )
        results.append(row)

    report = {
        "benchmark": "bench_rates",
        "pairs": size,
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor(),
            "cpus": os.cpu_count(),
            "load_average_after": os.getloadavg(),
        },
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "wpsstats": wpsstats.__version__,
        },
        "note": "ratio = median wpsstats time / median statsmodels time, same arrays, same run; "
        "ratio_of_fastest = fastest wpsstats time / fastest statsmodels time",
        "results": results,
    }
    out = Path(__file__).parent / "results" / "rates.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"load average after: {os.getloadavg()}; written {out}")


if __name__ == "__main__":
    main()
