"""Benchmark: prevalence by 50 domains from a Parquet file of 10^8 rows, on Polars and Dask.

    .venv/bin/python benchmarks/bench_survey_big.py [--rows 100000000] [--path /tmp/survey.parquet]
        [--pandas-rows 10000000,100000000] [--svy-rows 10000000] [--engines polars,dask] [--keep]

Writes the file first if it is not there (the design of bench_survey.make_data, written in
chunks of 10^7 rows so that the writer stays small; not committed: it is about 1.3 GB), then runs
``survey_prevalence(..., by="dom", method="logit")`` in a fresh Python process for each engine:
Polars (``scan_parquet``: the per-PSU sums are computed by Polars' streaming engine) and Dask
(``read_parquet``, local threaded scheduler). pandas (``read_parquet`` then the same call) and
svy run on the number of rows given, taken from the head of the same file. Each process reports
its wall time (from start of the call, reading included) and its peak resident memory
(``getrusage``). Writes benchmarks/results/survey_big.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_PSU, N_STRATA, N_DOM = 4000, 200, 50
CHUNK = 10_000_000  # rows generated and written at a time


def write_parquet(path: Path, rows: int, seed: int = 2018) -> None:
    """bench_survey.make_data's design, chunk by chunk (one cluster effect for the whole file)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    cluster_p = rng.beta(2, 5, N_PSU)
    tmp = path.with_suffix(".tmp")
    writer = None
    for start in range(0, rows, CHUNK):
        n = min(CHUNK, rows - start)
        psu = rng.integers(0, N_PSU, n)
        dom = rng.integers(0, N_DOM, n)
        y = (rng.random(n) < cluster_p[psu] * (0.5 + dom / N_DOM)).astype(np.int8)
        table = pa.table(
            {
                "y": y,
                "w": rng.integers(200_000, 3_000_000, n),
                "psu": psu,
                "strata": psu % N_STRATA,
                "dom": dom,
            }
        )
        if writer is None:
            writer = pq.ParquetWriter(tmp, table.schema)
        writer.write_table(table, row_group_size=1_000_000)
    if writer is not None:
        writer.close()
    tmp.rename(path)


def run_one(engine: str, path: str, rows: int) -> dict[str, object]:
    """Runs in the child process: one estimate, its time and the process's peak memory."""
    t0 = time.perf_counter()
    if engine == "polars":
        import polars as pl

        from wpsstats import survey_prevalence

        out = survey_prevalence(
            pl.scan_parquet(path), "y", weight="w", psu="psu", strata="strata", by="dom"
        )
    elif engine == "dask":
        import dask
        import dask.dataframe as dd

        from wpsstats import survey_prevalence

        # partitions of about 64 MiB on disk (5 million rows): memory is partitions in flight
        # times their size, and read_parquet's default here is 20 million rows a partition
        ddf = dd.read_parquet(path, blocksize="64MiB")
        with dask.config.set(scheduler="threads"):
            out = survey_prevalence(ddf, "y", weight="w", psu="psu", strata="strata", by="dom")
    elif engine == "pandas":
        import pyarrow.parquet as pq

        from wpsstats import survey_prevalence

        df = _head(pq, path, rows).to_pandas()
        out = survey_prevalence(df, "y", weight="w", psu="psu", strata="strata", by="dom")
    elif engine == "svy":
        import polars as pl
        import pyarrow.parquet as pq
        import svy

        pdf = pl.from_arrow(_head(pq, path, rows)).with_columns(pl.col("y").cast(pl.Int64))
        sample = svy.Sample(pdf, svy.Design(stratum="strata", psu="psu", wgt="w"))
        out = sample.estimation.prop("y", by="dom", ci_method="logit")
    else:
        raise ValueError(f"engine {engine!r}")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kilobytes
    first = None
    if engine != "svy":
        first = {k: float(out[k].iloc[0]) for k in ("prevalence", "se", "lower", "upper")}
    return {"engine": engine, "rows": rows, "seconds": seconds, "peak_bytes": peak, "dom0": first}


def _head(pq, path: str, rows: int):  # type: ignore[no-untyped-def]
    """The first ``rows`` rows of the file, read row group by row group."""
    f = pq.ParquetFile(path)
    groups, have = [], 0
    for i in range(f.num_row_groups):
        if have >= rows:
            break
        groups.append(i)
        have += f.metadata.row_group(i).num_rows
    return f.read_row_groups(groups).slice(0, rows)


def child(engine: str, path: Path, rows: int) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", engine, "--path", str(path), "--rows", str(rows)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return {"engine": engine, "rows": rows, "error": proc.stderr[-500:]}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--path", default="/tmp/wpsstats_survey_big.parquet")
    parser.add_argument("--pandas-rows", default="10000000,100000000")
    parser.add_argument("--svy-rows", default="10000000")
    parser.add_argument("--engines", default="polars,dask")
    parser.add_argument("--keep", action="store_true", help="keep earlier runs of other engines")
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    path = Path(args.path)
    if args.child:
        print(json.dumps(run_one(args.child, str(path), args.rows)))
        return

    t0 = time.perf_counter()
    made = None
    if not path.exists():
        write_parquet(path, args.rows)
        made = time.perf_counter() - t0
    runs = [child(e, path, args.rows) for e in args.engines.split(",") if e]
    for engine, sizes in (("pandas", args.pandas_rows), ("svy", args.svy_rows)):
        for n in [int(s) for s in sizes.split(",") if s]:
            runs.append(child(engine, path, n))
    out = ROOT / "benchmarks" / "results" / "survey_big.json"
    if args.keep and out.exists():
        # a rerun of some engines keeps the earlier runs of the others
        done = {(r["engine"], r["rows"]) for r in runs}
        old = json.loads(out.read_text())["runs"]
        runs = [r for r in old if (r["engine"], r["rows"]) not in done] + runs
    result = {
        "rows": args.rows,
        "psus": N_PSU,
        "strata": N_STRATA,
        "domains": N_DOM,
        "file_bytes": path.stat().st_size,
        "write_seconds": made,
        "runs": runs,
        "total_seconds": time.perf_counter() - t0,
        "note": "one run on a shared 2-core, 24 GiB machine with other work running concurrently",
    }
    print(f"{'engine':<8}{'rows':>12}{'seconds':>10}{'peak GiB':>10}")
    for r in runs:
        if "error" in r:
            print(f"{r['engine']:<8}{r['rows']:>12}  failed: {str(r['error'])[-200:]}")
            continue
        peak = float(r["peak_bytes"]) / 2**30  # type: ignore[arg-type]
        print(f"{r['engine']:<8}{r['rows']:>12}{r['seconds']:>10.1f}{peak:>10.2f}")
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
