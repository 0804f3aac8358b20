"""Time the readers of an earlier commit against the working tree's, on the same files.

Run from the project root::

    .venv/bin/python benchmarks/compare_read_versions.py 39a5a8c

The earlier commit's ``wpsstats`` is extracted with ``git archive`` into a temporary folder and
imported under another name; both readers and a bare ``pandas.read_csv`` are called in turn
(interleaved, warm), and the best of the repeats of the calling thread's CPU time is reported.
Both readers run in one process, so they meet the same machine: on a shared machine this is a
steadier comparison of two versions than two runs of ``bench_read.py``.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_read import DATA, scaled  # noqa: E402

import wpsstats as wps  # noqa: E402


def _old_package(revision: str, folder: Path) -> object:
    archive = subprocess.run(
        ["git", "archive", revision, "wpsstats"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    spec = importlib.util.spec_from_file_location(
        "wpsstats_old",
        folder / "wpsstats" / "__init__.py",
        submodule_search_locations=[str(folder / "wpsstats")],
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["wpsstats_old"] = module
    spec.loader.exec_module(module)
    importlib.import_module("wpsstats_old.read")
    return sys.modules["wpsstats_old.read"]


def _best(calls: list[Callable[[], object]], repeats: int) -> list[float]:
    for call in calls:
        call()
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeats):
        for call, spent in zip(calls, times, strict=True):
            start = time.thread_time()
            call()
            spent.append(time.thread_time() - start)
    return [min(spent) * 1e3 for spent in times]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    if not DATA.is_dir():
        print("../shared/data is absent: nothing to time")
        return 0
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old = _old_package(sys.argv[1], folder / "old")
        copies = folder / "copies"
        copies.mkdir()
        wdi = DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
        dhs = DATA / "dhs_api" / "hdx_afg77national.csv"
        pax = DATA / "pax" / "PADD_Agreement_Level.csv"
        cases = [
            ("wdi bulk (parliament)", "wdi", wdi, 4, 60),
            ("wdi re-saved", "wdi",
             DATA / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_1740381_resaved.csv", 0, 60),
            ("dhs_api afg77national", "dhs_api", dhs, 0, 60),
            ("dhs_api subnational", "dhs_api",
             DATA / "dhs_api" / "hdx_DHS_Quickstats_subnational_AFG.csv", 0, 60),
            ("pax_delegates PADD", "pax_delegates", pax, 0, 60),
            ("wdi bulk x50", "wdi", scaled(wdi, 50, 5, copies, keep_name=True), 4, 6),
            ("dhs_api x100", "dhs_api", scaled(dhs, 100, 1, copies, keep_name=True), 0, 6),
            ("pax_delegates x100", "pax_delegates", scaled(pax, 100, 1, copies, keep_name=True),
             0, 6),
        ]  # fmt: skip
        print(
            f"{'case':24s} {'bare':>8s} {'old':>8s} {'new':>8s} {'old/bare':>8s} {'new/bare':>8s}"
        )
        for label, name, path, skip, repeats in cases:
            then, now = getattr(old, name), getattr(wps.read, name)
            bare, before, after = _best(
                [
                    lambda path=path, skip=skip: pd.read_csv(path, skiprows=skip),
                    lambda then=then, path=path: then(path),
                    lambda now=now, path=path: now(path),
                ],
                repeats,
            )
            print(
                f"{label:24s} {bare:8.2f} {before:8.2f} {after:8.2f} "
                f"{before / bare:8.2f} {after / bare:8.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
