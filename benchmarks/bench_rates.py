"""Benchmark: wpsstats.proportion_ci against statsmodels' proportion_confint on the same arrays.

    .venv/bin/python benchmarks/bench_rates.py            # 10**7 (x, n) pairs, as in issue 3
    .venv/bin/python benchmarks/bench_rates.py --n 1e6    # a quicker run

For the beta-quantile methods (Clopper-Pearson, Jeffreys) wpsstats computes each distinct (x, n)
pair once when the pairs repeat (bodies of at most 2,000 members here, so they do); the row
"threads only" times the same call with that switched off, leaving only the block-wise threading.

For each method both libraries get the same int64 arrays, in the same process, alternately (ours,
theirs, ours, ...) so that load from other processes hits both alike. The table reports the median
wall time of each, their ratio (ours / statsmodels, below 1 means wpsstats is faster) and the
largest absolute difference between the two sets of bounds. Results go to
benchmarks/results/rates.json.

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
from wpsstats import rates

PAIRS = [  # wpsstats method, statsmodels method
    ("wald", "normal"),
    ("wilson", "wilson"),
    ("agresti_coull", "agresti_coull"),
    ("clopper_pearson", "beta"),
    ("jeffreys", "jeffreys"),
    ("wilson_cc", None),
]
SLOW = {"clopper_pearson", "jeffreys"}


def _time(func: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7, help="number of (x, n) pairs")
    parser.add_argument("--repeats", type=int, default=5, help="repeats for the fast methods")
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
        f"{np.mean(successes == trials):.1%}; {rates._n_workers()} worker thread(s); "
        f"load average before: {os.getloadavg()}"
    )

    results: list[dict[str, Any]] = []
    header = f"{'method':<16}{'wpsstats s':>12}{'statsmodels s':>15}{'ratio':>8}{'max |diff|':>12}"
    print(header)
    print("-" * len(header))
    for ours, theirs in PAIRS:
        if ours not in args.methods:
            continue
        repeats = args.slow_repeats if ours in SLOW else args.repeats
        ours_times: list[float] = []
        theirs_times: list[float] = []
        ours_out: Any = None
        theirs_out: Any = None
        plain_times: list[float] = []
        for _ in range(repeats):
            t, ours_out = _time(lambda m=ours: wpsstats.proportion_ci(successes, trials, method=m))
            ours_times.append(t)
            if ours in SLOW:  # the same call without the de-duplication of repeated pairs
                rates._DEDUPLICATE = False
                t, plain_out = _time(
                    lambda m=ours: wpsstats.proportion_ci(successes, trials, method=m)
                )
                rates._DEDUPLICATE = True
                plain_times.append(t)
                np.testing.assert_array_equal(plain_out[0], ours_out[0])
                np.testing.assert_array_equal(plain_out[1], ours_out[1])
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
        if theirs is not None:
            lo, hi = ours_out
            slo, shi = (np.asarray(v, dtype=float) for v in theirs_out)
            compare_lo = np.ones(size, dtype=bool)
            compare_hi = np.ones(size, dtype=bool)
            if ours == "jeffreys":
                compare_lo = successes != 0
                compare_hi = successes != trials
            diff = max(
                float(np.max(np.abs(lo[compare_lo] - slo[compare_lo]))),
                float(np.max(np.abs(hi[compare_hi] - shi[compare_hi]))),
            )
            if plain_times:
                row.update(
                    threads_only_seconds=plain_times,
                    threads_only_median=statistics.median(plain_times),
                    threads_only_ratio=statistics.median(plain_times)
                    / statistics.median(theirs_times),
                )
            row.update(
                statsmodels_seconds=theirs_times,
                statsmodels_median=statistics.median(theirs_times),
                ratio=statistics.median(ours_times) / statistics.median(theirs_times),
                max_abs_diff=diff,
                edge_cells_not_compared=int((~compare_lo).sum() + (~compare_hi).sum()),
            )
            print(
                f"{ours:<16}{row['wpsstats_median']:>12.3f}{row['statsmodels_median']:>15.3f}"
                f"{row['ratio']:>8.2f}{diff:>12.1e}"
            )
            if plain_times:
                print(
                    f"{'  threads only':<16}{row['threads_only_median']:>12.3f}"
                    f"{row['statsmodels_median']:>15.3f}{row['threads_only_ratio']:>8.2f}"
                )
        else:
            print(f"{ours:<16}{row['wpsstats_median']:>12.3f}{'-':>15}{'-':>8}{'-':>12}")
        results.append(row)

    report = {
        "benchmark": "bench_rates",
        "pairs": size,
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor(),
            "cpus_available": rates._n_workers(),
            "load_average_after": os.getloadavg(),
        },
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "wpsstats": wpsstats.__version__,
        },
        "note": "ratio = median wpsstats time / median statsmodels time, same arrays, same run",
        "results": results,
    }
    out = Path(__file__).parent / "results" / "rates.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"load average after: {os.getloadavg()}; written {out}")


if __name__ == "__main__":
    main()
