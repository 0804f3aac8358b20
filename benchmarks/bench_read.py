"""What a reader costs: each reader on every real file it takes, next to a bare pandas parse.

Run from the project root::

    .venv/bin/python benchmarks/bench_read.py

For every real file in ../shared/data that a reader takes, it times the wpsstats reader and the
bare pandas call that only parses the same file (``pandas.read_csv``, with ``skiprows=4`` for the
WDI preamble; ``pandas.read_json`` for the IPI JSON), warm and interleaved, and prints the best
and the median time of the repeats and the ratio of the best ones. There is no target ratio:
what is checked is that a reader returns in under 50 ms. Results go to
``benchmarks/results/read.json``. Timings on a shared machine are noisy; the best of the repeats
is the steady figure.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "read.json"
LIMIT_MS = 50.0
REPEATS = 30


def files() -> list[tuple[str, Path, Callable[[], object], Callable[[], object]]]:
    """(reader, file, the reader's call, the bare pandas call) for every real file read here."""
    out: list[tuple[str, Path, Callable[[], object], Callable[[], object]]] = []
    for path in sorted((DATA / "wdi").glob("API_*.csv")):
        skip = 0 if "resaved" in path.name else 4
        out.append(("wdi", path, lambda p=path: wps.read.wdi(p),
                    lambda p=path, s=skip: pd.read_csv(p, skiprows=s)))  # fmt: skip
    for path in sorted((DATA / "dhs_api").glob("*.csv")):
        out.append(("dhs_api", path, lambda p=path: wps.read.dhs_api(p),
                    lambda p=path: pd.read_csv(p)))  # fmt: skip
    ipi = DATA / "peacekeeping_ipi" / "ipi_20140331_gender.json"
    out.append(("ipi_gender", ipi, lambda: wps.read.ipi_gender(ipi), lambda: pd.read_json(ipi)))
    for path in sorted((DATA / "pax").glob("PADD_*.csv")):
        out.append(("pax_delegates", path, lambda p=path: wps.read.pax_delegates(p),
                    lambda p=path: pd.read_csv(p)))  # fmt: skip
    return out


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    if not DATA.is_dir():
        print(f"no real files: {DATA} is absent")
        return 1
    warnings.simplefilter("ignore")  # the files' own CountryNameWarning, each call
    start = time.perf_counter()
    wps.read.wdi(DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv")
    first_ms = (time.perf_counter() - start) * 1000  # pycountry's first load included
    results = []
    print(f"{'reader':14} {'file':58} {'best':>8} {'median':>8} {'pandas':>8} {'ratio':>6}")
    for reader, path, ours, bare in files():
        ours(), bare()  # warm
        mine, theirs = [], []
        for _ in range(REPEATS):  # interleaved: load on the machine hits both alike
            mine.append(_ms(ours))
            theirs.append(_ms(bare))
        row = {
            "reader": reader,
            "file": path.name,
            "reader_best_ms": round(min(mine), 2),
            "reader_median_ms": round(statistics.median(mine), 2),
            "pandas_best_ms": round(min(theirs), 2),
            "ratio_best": round(min(mine) / min(theirs), 2),
        }
        results.append(row)
        print(f"{reader:14} {path.name[:58]:58} {row['reader_best_ms']:8.2f} "
              f"{row['reader_median_ms']:8.2f} {row['pandas_best_ms']:8.2f} "
              f"{row['ratio_best']:6.2f}")  # fmt: skip
    slow = [r for r in results if float(r["reader_median_ms"]) >= LIMIT_MS]  # type: ignore[arg-type]
    print(f"first call (imports, pycountry's first load): {first_ms:.0f} ms")
    print(f"every reader under {LIMIT_MS:.0f} ms (median): {not slow}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "read",
                "python": platform.python_version(),
                "pandas": pd.__version__,
                "machine": platform.machine(),
                "note": f"warm, interleaved, {REPEATS} repeats; times in ms on a shared machine",
                "first_call_ms": round(first_ms, 1),
                "limit_ms": LIMIT_MS,
                "all_under_limit": not slow,
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    return 0 if not slow else 1


if __name__ == "__main__":
    raise SystemExit(main())
