"""Time each reader against a bare pandas read of the same file.

Run from the project root::

    .venv/bin/python benchmarks/bench_read.py
    .venv/bin/python benchmarks/bench_read.py --no-pyarrow   # as a fresh install (no pyarrow)

For every real file in ../shared/data (and for larger copies made by repeating their data lines,
so that fixed costs such as pycountry's first load do not dominate), it times the wpsstats reader
and the bare pandas call that only parses the file (``pandas.read_csv``, with ``skiprows=4`` for
the WDI preamble; ``pandas.read_json`` for JSON), interleaved, warm, and reports the best and the
median of the repeats and their ratio, in wall-clock time and in the calling thread's CPU time
(``time.thread_time``; pandas parses in that thread). Results go to benchmarks/results/read.json.
Timings on a shared machine are noisy: the best-of-N ratios are the stable figures, the CPU one
the steadier of the two.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

if "--no-pyarrow" in sys.argv:
    # pyarrow is not a dependency: hide it, so that pandas stores text as a fresh install does
    sys.modules["pyarrow"] = None  # type: ignore[assignment]

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results" / "read.json"


def _once(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and this thread's CPU time of one call (pandas parses in the calling thread;
    CPU time leaves out the waits that other work on a shared machine causes)."""
    start, cpu = time.perf_counter(), time.thread_time()
    fn()
    return time.perf_counter() - start, time.thread_time() - cpu


def compare(
    label: str, reader: Callable[[], object], bare: Callable[[], object], repeats: int
) -> dict[str, object]:
    reader()
    bare()  # warm both (imports, pycountry's first load, file cache)
    ours, theirs = [], []
    for _ in range(repeats):  # interleaved, so that load on the machine hits both alike
        ours.append(_once(reader))
        theirs.append(_once(bare))
    wall, cpu = [t for t, _ in ours], [c for _, c in ours]
    bare_wall, bare_cpu = [t for t, _ in theirs], [c for _, c in theirs]
    row = {
        "case": label,
        "reader_best_ms": round(min(wall) * 1e3, 3),
        "bare_best_ms": round(min(bare_wall) * 1e3, 3),
        "ratio_best": round(min(wall) / min(bare_wall), 2),
        "reader_median_ms": round(statistics.median(wall) * 1e3, 3),
        "bare_median_ms": round(statistics.median(bare_wall) * 1e3, 3),
        "ratio_median": round(statistics.median(wall) / statistics.median(bare_wall), 2),
        "reader_cpu_best_ms": round(min(cpu) * 1e3, 3),
        "bare_cpu_best_ms": round(min(bare_cpu) * 1e3, 3),
        "ratio_cpu_best": round(min(cpu) / min(bare_cpu), 2),
        "repeats": repeats,
    }
    return row


def _melted(path: Path) -> pd.DataFrame:
    """A WDI bulk file as a long table, by hand: one row per country and year, as the reader's."""
    raw = pd.read_csv(path, skiprows=4)
    raw = raw.loc[:, ~raw.columns.str.startswith("Unnamed")]
    ids = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    return raw.melt(id_vars=ids, var_name="period", value_name="value")


def scaled(path: Path, times: int, header_lines: int, folder: Path, keep_name: bool) -> Path:
    """A copy of ``path`` whose data lines are repeated ``times`` times."""
    raw = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    lines = raw.split(newline)
    head, body = lines[:header_lines], [line for line in lines[header_lines:] if line]
    out = folder / (path.name if keep_name else f"x{times}_{path.name}")
    out.write_bytes(newline.join(head + body * times) + newline)
    return out


def _pyarrow() -> str | None:
    """The pyarrow version pandas can use, or None (not installed, or hidden)."""
    try:
        import pyarrow
    except ImportError:
        return None
    return str(pyarrow.__version__)


def main() -> int:
    if not DATA.is_dir():
        print("../shared/data is absent: nothing to time")
        return 0
    warnings.simplefilter("ignore")
    cold_start = time.perf_counter()
    wps.read.wdi(DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv")
    cold = time.perf_counter() - cold_start
    rows = []
    wdi = DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
    resaved = DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_1740381_resaved.csv"
    labour = DATA / "wdi" / "API_SL.TLF.CACT.FE.ZS_DS2_en_csv_v2_3731491.csv"
    dhs = DATA / "dhs_api" / "hdx_afg77national.csv"
    dhs_sub = DATA / "dhs_api" / "hdx_DHS_Quickstats_subnational_AFG.csv"
    ipi = DATA / "peacekeeping_ipi" / "ipi_20140331_gender.json"
    pax = DATA / "pax" / "PADD_Agreement_Level.csv"
    pax_lowest = DATA / "pax" / "PADD_Agreement_Level_Lowest_Positions.csv"
    cases = [
        ("wdi bulk (parliament, with metadata)", lambda: wps.read.wdi(wdi),
         lambda: pd.read_csv(wdi, skiprows=4), 150),
        ("wdi bulk (labour force, no metadata)", lambda: wps.read.wdi(labour),
         lambda: pd.read_csv(labour, skiprows=4), 150),
        ("wdi re-saved", lambda: wps.read.wdi(resaved), lambda: pd.read_csv(resaved), 150),
        ("dhs_api afg77national", lambda: wps.read.dhs_api(dhs), lambda: pd.read_csv(dhs), 150),
        ("dhs_api subnational", lambda: wps.read.dhs_api(dhs_sub),
         lambda: pd.read_csv(dhs_sub), 150),
        ("ipi_gender March 2014 (JSON)", lambda: wps.read.ipi_gender(ipi),
         lambda: pd.read_json(ipi), 15),
        ("pax_delegates PADD", lambda: wps.read.pax_delegates(pax), lambda: pd.read_csv(pax), 150),
        ("pax_delegates PADD lowest positions", lambda: wps.read.pax_delegates(pax_lowest),
         lambda: pd.read_csv(pax_lowest), 150),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_wdi = scaled(wdi, 50, 5, folder, keep_name=False)
        big_dhs = scaled(dhs, 100, 1, folder, keep_name=False)
        big_pax = scaled(pax, 100, 1, folder, keep_name=False)
        cases += [
            ("wdi bulk x50 (13,300 rows)", lambda: wps.read.wdi(big_wdi, metadata=None),
             lambda: pd.read_csv(big_wdi, skiprows=4), 8),
            ("dhs_api x100 (12,900 rows)", lambda: wps.read.dhs_api(big_dhs),
             lambda: pd.read_csv(big_dhs), 8),
            ("pax_delegates x100 (11,600 rows)", lambda: wps.read.pax_delegates(big_pax),
             lambda: pd.read_csv(big_pax), 8),
        ]  # fmt: skip
        # the same long table made by hand with pandas (read, drop the empty column, melt): what
        # the reader replaces, not the target's yardstick, but the cost of the tidy shape
        cases += [
            ("wdi bulk vs read_csv + melt", lambda: wps.read.wdi(wdi, metadata=None),
             lambda: _melted(wdi), 40),
            ("wdi bulk x50 vs read_csv + melt", lambda: wps.read.wdi(big_wdi, metadata=None),
             lambda: _melted(big_wdi), 8),
        ]  # fmt: skip
        for label, reader, bare, repeats in cases:
            rows.append(compare(label, reader, bare, repeats))
    table = pd.DataFrame(rows).set_index("case")
    with pd.option_context("display.width", 140, "display.max_columns", 10):
        print(
            table[
                ["reader_best_ms", "bare_best_ms", "ratio_best", "ratio_median", "ratio_cpu_best"]
            ]
        )
    print(f"first call in a fresh process (pycountry loads): {cold * 1e3:.1f} ms")
    print(f"pyarrow: {_pyarrow()}; pandas string storage: {pd.StringDtype().storage}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "read",
                "python": platform.python_version(),
                "pandas": pd.__version__,
                "machine": platform.machine(),
                "note": "interleaved warm runs; the machine was shared with other work; cpu is "
                "the calling thread's CPU time (time.thread_time)",
                "first_call_ms": round(cold * 1e3, 1),
                "pyarrow": _pyarrow(),
                "string_storage": pd.StringDtype().storage,
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
