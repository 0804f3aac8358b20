"""The README's code runs as printed, and says what it computes."""

from __future__ import annotations

import re
from pathlib import Path

import wpsstats as wps

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_python_block_of_the_readme_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 2
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)
    assert {"ipi", "ir", "design"} <= set(namespace)


def test_the_tour_s_comments_are_what_the_calls_return() -> None:
    assert wps.quota_gap(9, 36, 0.30) == 2 and wps.quota_gap(9, 36, 0.30, mode="add") == 3
    cabinet = wps.rate(9, 36, method=None)
    assert cabinet["rate"].iloc[0] == 0.25 and "lower" not in cabinet.columns
    counts = wps.possible_counts("40", 600)
    assert counts[0] == 237 and counts[-1] == 243
    figure = wps.parse_figure("between 83 and 92 percent")
    assert (figure.qualifier, figure.lower, figure.upper) == ("between", 0.83, 0.92)
    assert int(wps.parity_gap(52, 6483, 0.15)["women_needed"].iloc[0]) == 921
    chamber = wps.implied_fraction("27.891156462585")
    assert (chamber.numerator, chamber.denominator) == (41, 147)
