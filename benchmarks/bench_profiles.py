"""What building the profiles costs: papermill's fresh kernel per place against one shared kernel.

Run from the project root::

    .venv/bin/python benchmarks/bench_profiles.py            # 12 places
    .venv/bin/python benchmarks/bench_profiles.py --places 30

``make profiles`` renders a profile for every country and region (234 places). The peer is what an
analyst would write: papermill's ``execute_notebook`` once per place, each run in a fresh kernel.
wpsstats' ``notebooks/profile_kernel.py`` runs the same template with the same injected parameters
in one kernel, clearing what each profile leaves before the next. Both run the same places one
after the other in this process (papermill first, then the shared kernel, whose time includes
starting its kernel), and every executed notebook is compared, output by output: they must be
equal. Writing the HTML is the same for both and not timed here. The places: the five G5 Sahel
countries, the seed's three groupings, then countries in alphabetical order of their code. Results
go to ``benchmarks/results/profiles.json``; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

import nbformat  # noqa: E402
import papermill  # noqa: E402
import reproduce  # noqa: E402
from profile_kernel import outputs_of  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "profiles.json"


def _places(count: int) -> list[tuple[str, str]]:
    first = [("country", geo) for geo in reproduce.G5_SAHEL]
    first += [("region", region) for region in reproduce.SEED_REGIONS]
    rest = [p for p in reproduce.every_place() if p not in first and p[0] == "country"]
    return (first + rest)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=12, help="how many places to render")
    args = parser.parse_args()
    places = _places(args.places)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        fresh: list[nbformat.NotebookNode] = []
        start = time.perf_counter()
        for kind, code in places:
            template, parameter, _ = reproduce.PROFILE_TEMPLATES[kind]
            target = Path(folder) / f"{code}.ipynb"
            papermill.execute_notebook(
                str(NOTEBOOKS / template),
                str(target),
                parameters={parameter: code},
                cwd=str(NOTEBOOKS),
                progress_bar=False,
                extra_arguments=reproduce.KERNEL_ARGUMENTS,
            )
            fresh.append(nbformat.read(target, as_version=4))
        papermill_s = time.perf_counter() - start
    start = time.perf_counter()
    with reproduce.profile_kernel() as kernel:
        shared = []
        for kind, code in places:
            template, parameter, _ = reproduce.PROFILE_TEMPLATES[kind]
            shared.append(kernel.run(NOTEBOOKS / template, {parameter: code}))
    shared_s = time.perf_counter() - start
    differ = [
        code
        for (_, code), a, b in zip(places, fresh, shared, strict=True)
        if outputs_of(a) != outputs_of(b)
    ]
    result = {
        "benchmark": "profiles",
        "places": [code for _, code in places],
        "papermill_s": round(papermill_s, 2),
        "shared_kernel_s": round(shared_s, 2),
        "papermill_per_place_s": round(papermill_s / len(places), 2),
        "shared_kernel_per_place_s": round(shared_s / len(places), 2),
        "papermill_over_shared": round(papermill_s / shared_s, 2),
        "outputs_differ": differ,
        "python": platform.python_version(),
        "papermill": papermill.__version__,
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "note": "one run, places one after the other in one process; HTML writing not timed",
    }
    print(
        f"{len(places)} places: papermill {papermill_s:.1f} s "
        f"({result['papermill_per_place_s']} s each), one shared kernel {shared_s:.1f} s "
        f"({result['shared_kernel_per_place_s']} s each): papermill takes "
        f"{result['papermill_over_shared']} times as long; outputs that differ: {differ or 'none'}"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
