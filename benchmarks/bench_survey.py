"""Benchmark: logit intervals of a prevalence by domain on 10^6 survey respondents.

    .venv/bin/python benchmarks/bench_survey.py [--rows 1000000] [--scaling 100000,1000000]

Design: 4,000 PSUs in 200 strata, 50 domains cutting across PSUs, integer DHS-like weights.
wpsstats is also timed on the same data as a Polars LazyFrame (bench_survey_big.py takes a
file too big for pandas). Peers in the same run: ``svy`` (PyPI, if installed:
``Sample.estimation.prop(..., by=, ci_method="logit")``) and R's
``svyby(~y, ~domain, design, svyciprop, method = "logit")`` when ``Rscript`` with the survey
package is present (only the svydesign + svyby call is timed, not reading the CSV). Values are
compared with R's (estimate, SE, bounds). Peak memory of the wpsstats call is measured with
tracemalloc and set against the input frame's size.
Writes benchmarks/results/survey.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wpsstats.survey import survey_prevalence  # noqa: E402

N_PSU, N_STRATA, N_DOM = 4000, 200, 50


def make_data(n: int, seed: int = 2018) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    psu = rng.integers(0, N_PSU, n)
    strata = psu % N_STRATA
    cluster_p = rng.beta(2, 5, N_PSU)
    dom = rng.integers(0, N_DOM, n)
    y = (rng.random(n) < cluster_p[psu] * (0.5 + dom / N_DOM)).astype(np.int8)
    return pd.DataFrame(
        {
            "y": y,
            "w": rng.integers(200_000, 3_000_000, n),
            "psu": psu,
            "strata": strata,
            "dom": dom,
        }
    )


def run_wps(df: pd.DataFrame) -> pd.DataFrame:
    return survey_prevalence(
        df, "y", weight="w", psu="psu", strata="strata", by="dom", method="logit"
    )


def best_of(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def run_polars(df: pd.DataFrame, repeat: int) -> float | None:
    """wpsstats on the same data as a Polars LazyFrame (the cells summed by Polars)."""
    try:
        import polars as pl
    except ImportError:
        return None
    lf = pl.from_pandas(df).lazy()
    seconds, _ = best_of(lambda: run_wps(lf), repeat)  # type: ignore[arg-type]
    return seconds


def run_svy(df: pd.DataFrame, repeat: int) -> tuple[float | None, str]:
    try:
        import polars as pl
        import svy
    except ImportError:
        return None, "svy not installed"
    pdf = pl.from_pandas(df.astype({"y": np.int64}))

    def call():  # type: ignore[no-untyped-def]
        sample = svy.Sample(pdf, svy.Design(stratum="strata", psu="psu", wgt="w"))
        return sample.estimation.prop("y", by="dom", ci_method="logit")

    seconds, _ = best_of(call, repeat)
    return seconds, f"svy {svy.__version__}"


R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
t <- system.time({
  des <- svydesign(ids = ~psu, strata = ~strata, weights = ~w, data = d)
  r <- svyby(~y, ~dom, des, svyciprop, method = "logit", vartype = c("se", "ci"))
})[["elapsed"]]
out <- data.frame(dom = r$dom, estimate = sprintf("%.17g", coef(r)),
                  se = sprintf("%.17g", SE(r)), lower = sprintf("%.17g", r$ci_l),
                  upper = sprintf("%.17g", r$ci_u))
write.csv(out, args[2], row.names = FALSE)
cat(sprintf("%.6f\n", t))
"""


def run_r(df: pd.DataFrame) -> tuple[float | None, pd.DataFrame | None, str]:
    if shutil.which("Rscript") is None:
        return None, None, "Rscript not found"
    with tempfile.TemporaryDirectory() as tmp:
        data, out, script = Path(tmp, "d.csv"), Path(tmp, "r.csv"), Path(tmp, "b.R")
        df.to_csv(data, index=False)
        script.write_text(R_SCRIPT)
        proc = subprocess.run(
            ["Rscript", str(script), str(data), str(out)], capture_output=True, text=True
        )
        if proc.returncode != 0:
            return None, None, f"R failed: {proc.stderr[-300:]}"
        version = subprocess.run(
            ["Rscript", "-e", 'cat(format(packageVersion("survey")))'],
            capture_output=True,
            text=True,
        ).stdout
        return float(proc.stdout.strip().splitlines()[-1]), pd.read_csv(out), f"survey {version}"


def peak_memory(df: pd.DataFrame) -> tuple[int, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    run_wps(df)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, int(df.memory_usage(deep=True).sum())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--scaling", default="100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-r", action="store_true")
    args = parser.parse_args()

    df = make_data(args.rows)
    t_wps, ours = best_of(lambda: run_wps(df), args.repeat)
    assert isinstance(ours, pd.DataFrame)
    t_polars = run_polars(df, args.repeat)
    t_svy, svy_note = run_svy(df, args.repeat)
    t_r, r_vals, r_note = (None, None, "skipped") if args.no_r else run_r(df)
    peak, frame = peak_memory(df)

    result: dict[str, object] = {
        "rows": args.rows,
        "psus": N_PSU,
        "strata": N_STRATA,
        "domains": N_DOM,
        "wpsstats_s": t_wps,
        "wpsstats_polars_lazy_s": t_polars,
        "svy_s": t_svy,
        "svy": svy_note,
        "r_s": t_r,
        "r": r_note,
        "svy_over_wpsstats": None if t_svy is None else t_svy / t_wps,
        "r_over_wpsstats": None if t_r is None else t_r / t_wps,
        "peak_bytes": peak,
        "frame_bytes": frame,
        "peak_over_frame": peak / frame,
        "note": "one run on a shared 2-core machine with other work running concurrently",
    }
    if r_vals is not None:
        m = r_vals.merge(ours, on="dom", suffixes=("_r", ""))
        rel = {
            "estimate": float(np.max(np.abs(m["prevalence"] / m["estimate"] - 1))),
            "se": float(np.max(np.abs(m["se"] / m["se_r"] - 1))),
            "lower": float(np.max(np.abs(m["lower"] / m["lower_r"] - 1))),
            "upper": float(np.max(np.abs(m["upper"] / m["upper_r"] - 1))),
        }
        result["max_rel_diff_vs_r"] = rel

    scaling = []
    for n in [int(s) for s in args.scaling.split(",") if s]:
        d = df if n == args.rows else make_data(n)
        t, _ = best_of(lambda d=d: run_wps(d), args.repeat)
        scaling.append({"rows": n, "seconds": t, "ns_per_row": t / n * 1e9})
        del d
    result["scaling"] = scaling

    print(f"{'tool':<12}{'seconds':>10}{'x wpsstats':>12}")
    print(f"{'wpsstats':<12}{t_wps:>10.3f}{1.0:>12.1f}")
    for name, t in (("  on Polars", t_polars), ("svy", t_svy), ("R survey", t_r)):
        if t is not None:
            print(f"{name:<12}{t:>10.3f}{t / t_wps:>12.1f}")
    print(f"peak memory {peak / 1e6:.1f} MB = {peak / frame:.2f} x the input frame")
    if "max_rel_diff_vs_r" in result:
        print("max relative difference vs R:", result["max_rel_diff_vs_r"])
    print(f"{'rows':>10}{'seconds':>10}{'ns/row':>10}")
    for s in scaling:
        print(f"{s['rows']:>10}{s['seconds']:>10.3f}{s['ns_per_row']:>10.1f}")
    out = ROOT / "benchmarks" / "results" / "survey.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
