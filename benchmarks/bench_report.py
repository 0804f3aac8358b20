"""What reading and auditing a report costs: each shared report PDF, read and audited.

Run from the project root::

    .venv/bin/python benchmarks/bench_report.py

For each of the three PDFs in ../shared/data/reports it times ``wps.read.report`` (pdfium's text
and the page clean-up) and ``wps.audit`` on the pages (every figure found and checked), in a
fresh process first (regular expressions compiled, pdfium loaded: what an analyst waits for),
then warm, and prints the best and the median of the repeats. The targets of issue 17: the
34-page report read and audited in under 3 s, the 67-page French report in under 6 s, on this
2-core machine shared with others.

The peers, in the same process and on the same files, each timed ``PEER_REPEATS`` times beside
wpsstats (medians compared; ratio = wpsstats / peer, below 1 means wpsstats is faster):

* reading: ``pdfplumber`` (each page's ``extract_text()``), the library analysts reach for to get
  a PDF's text, against ``wps.read.report``. The values agree when every number printed on a page
  of wpsstats' text is on the same page of pdfplumber's (``numbers_agree``);
* finding figures: ``quantulum3`` (``parser.parse`` on each page of wpsstats' text), the library
  that extracts quantities from prose, against ``wps.extract_figures`` on the same pages. Their
  grammars differ (quantulum3 also returns years, dates and paragraph numbers, which wpsstats
  masks; it reads English only), so the count each finds is reported, and how many of wpsstats'
  printed numbers quantulum3 finds with the same value on the same page (``figures_also_found``).

``wps.audit`` (each figure checked against its sentence) has no peer. Results go to
``benchmarks/results/report.json``; nothing is asserted.
"""

from __future__ import annotations

import json
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import wpsstats as wps  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "reports"
RESULTS = ROOT / "benchmarks" / "results" / "report.json"
TARGET_S = {"S_2025_389.en.pdf": 3.0, "dhs_haiti_2017.pdf": 6.0}
REPEATS = 5
PEER_REPEATS = 3  # pdfplumber takes about 12 s on the 67-page report
_PER_CENT = ("share", "change")  # extract_figures' units whose value is a fraction of 100 per cent
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

_COLD = """
import sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
import wpsstats as wps
pages = wps.read.report({path!r})
result = wps.audit(pages)
print(time.perf_counter() - start, len(pages), len(result))
"""


def _cold(path: Path) -> tuple[float, int, int]:
    """Seconds from ``import wpsstats`` to the audit's frame, in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD.format(root=str(ROOT), path=str(path))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def _timed(func: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = func()
    return time.perf_counter() - start, out


def _plumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _quantities(texts: list[str]) -> list[list[Any]]:
    with warnings.catch_warnings():  # its optional classifier is not installed: a UserWarning
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        return [parser.parse(text) for text in texts]


def _numbers_agree(ours: list[str], theirs: list[str]) -> float:
    """The share of the numbers printed on wpsstats' pages found on pdfplumber's same page."""
    found = total = 0
    for mine, other in zip(ours, theirs, strict=True):
        there = set(_NUMBER.findall(other))
        numbers = _NUMBER.findall(mine)
        total += len(numbers)
        found += sum(n in there for n in numbers)
    return found / total if total else float("nan")


def _also_found(figures: pd.DataFrame, pages: pd.DataFrame, quantities: list[list[Any]]) -> float:
    """The share of wpsstats' figures printed with a digit whose value quantulum3 also finds on
    the same page (a share or change compared in per cent, as quantulum3 gives it)."""
    by_page = {
        page: {round(float(q.value), 9) for q in found}
        for page, found in zip(pages["page"], quantities, strict=True)
    }
    printed = figures[figures["phrase"].str.contains(r"\d", regex=True)]
    columns = (printed["page"], printed["value"], printed["unit"])
    hits = [
        round(float(value) * (100 if unit in _PER_CENT else 1), 9) in by_page.get(page, set())
        for page, value, unit in zip(*columns, strict=True)
    ]
    return sum(hits) / len(hits) if hits else float("nan")


def _peers(path: Path, pages: pd.DataFrame) -> dict[str, Any]:
    """wpsstats against pdfplumber (reading) and quantulum3 (finding figures), alternately."""
    texts = pages["text"].tolist()
    _quantities(["warm up: 5 per cent"])  # quantulum3 loads its unit tables on first use
    times: dict[str, list[float]] = {k: [] for k in ("read", "pdfplumber", "extract", "q3")}
    for _ in range(PEER_REPEATS):
        times["read"].append(_timed(lambda: wps.read.report(path))[0])
        t, plumbed = _timed(lambda: _plumber_pages(path))
        times["pdfplumber"].append(t)
        t, figures = _timed(lambda: wps.extract_figures(pages))
        times["extract"].append(t)
        t, quantities = _timed(lambda: _quantities(texts))
        times["q3"].append(t)
    median = {k: statistics.median(v) for k, v in times.items()}
    kept = [plumbed[int(p) - 1] for p in pages["page"]]  # read.report's page: 1-based, in order
    return {
        "read_beside_peer_s": round(median["read"], 3),
        "pdfplumber_median_s": round(median["pdfplumber"], 3),
        "read_over_pdfplumber": round(median["read"] / median["pdfplumber"], 3),
        "numbers_agree": round(_numbers_agree(texts, kept), 4),
        "extract_median_s": round(median["extract"], 3),
        "quantulum3_median_s": round(median["q3"], 3),
        "extract_over_quantulum3": round(median["extract"] / median["q3"], 3),
        "figures_found": len(figures),
        "quantulum3_quantities": sum(len(q) for q in quantities),
        "figures_also_found": round(_also_found(figures, pages, quantities), 4),
    }


def main() -> int:
    if not DATA.is_dir():
        print(f"no reports: {DATA} is absent")
        return 1
    results = []
    print(f"{'report':20} {'pages':>5} {'figures':>7} {'cold s':>7} {'read s':>7} "
          f"{'audit s':>7} {'warm s':>7} {'target':>6}")  # fmt: skip
    for path in sorted(DATA.glob("*.pdf")):
        cold, n_pages, n_figures = _cold(path)
        reads, audits = [], []
        for _ in range(REPEATS):
            start = time.perf_counter()
            pages = wps.read.report(path)
            middle = time.perf_counter()
            wps.audit(pages)
            reads.append(middle - start)
            audits.append(time.perf_counter() - middle)
        warm = [r + a for r, a in zip(reads, audits, strict=True)]
        target = TARGET_S.get(path.name)
        row = {
            "report": path.name,
            "pages": n_pages,
            "figures": n_figures,
            "cold_s": round(cold, 3),
            "read_median_s": round(statistics.median(reads), 3),
            "audit_median_s": round(statistics.median(audits), 3),
            "warm_best_s": round(min(warm), 3),
            "warm_median_s": round(statistics.median(warm), 3),
            "target_s": target,
            "within_target": None if target is None else cold < target,
        }
        row.update(_peers(path, pages))
        results.append(row)
        print(f"{path.name[:20]:20} {n_pages:5d} {n_figures:7d} {cold:7.2f} "
              f"{row['read_median_s']:7.3f} {row['audit_median_s']:7.3f} "
              f"{row['warm_median_s']:7.3f} {'' if target is None else target:>6}")  # fmt: skip
        print(f"{'':20} read / pdfplumber {row['read_over_pdfplumber']:.3f} "
              f"(pdfplumber {row['pdfplumber_median_s']:.2f} s, numbers agree "
              f"{row['numbers_agree']:.1%}); extract_figures / quantulum3 "
              f"{row['extract_over_quantulum3']:.3f} "
              f"(quantulum3 {row['quantulum3_median_s']:.2f} s, "
              f"{row['figures_found']} figures vs {row['quantulum3_quantities']} quantities, "
              f"{row['figures_also_found']:.1%} also found)")  # fmt: skip
    met = all(r["within_target"] is not False for r in results)
    print(f"every target met (cold, from import to the audit): {met}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "report",
                "python": platform.python_version(),
                "pandas": pd.__version__,
                "machine": platform.machine(),
                "note": (
                    f"cold: one fresh process from import to the audit; read/audit/warm: "
                    f"{REPEATS} repeats in one process; peers: {PEER_REPEATS} repeats each, "
                    "alternating with wpsstats, ratios of medians; seconds on a 2-core machine"
                ),
                "peers": {
                    name: version(name) for name in ("pdfplumber", "quantulum3", "pypdfium2")
                },
                "all_within_target": met,
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
