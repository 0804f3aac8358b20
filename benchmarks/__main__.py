"""Run every benchmark in this folder (``make bench``), one script after the other.

Each ``bench_*.py`` times wpsstats against its peer on the same inputs, checks the values agree,
prints a table and writes ``benchmarks/results/<name>.json``. Timings are ratios from one run on
this machine; nothing here is asserted.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    wanted = set(sys.argv[1:])
    for script in scripts:
        if (
            wanted
            and script.stem not in wanted
            and script.stem.removeprefix("bench_") not in wanted
        ):
            continue
        print(f"== {script.name}", flush=True)
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
