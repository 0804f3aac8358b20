"""Every notebook runs top to bottom and still prints what its committed outputs show."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "notebooks"))
from reproduce import REGION_TEMPLATE, TEMPLATE, execute  # noqa: E402

# the profile templates run once per place (tests/test_country_profile.py, make profiles)
TEMPLATES = {TEMPLATE, REGION_TEMPLATE}
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name not in TEMPLATES)
# Object addresses and timings differ from run to run; nothing else may.
VOLATILE = [re.compile(r" at 0x[0-9a-f]+"), re.compile(r"\d+(\.\d+)? ?(ms|s) elapsed")]


def text_outputs(nb: nbformat.NotebookNode) -> list[list[str]]:
    """The text a reader sees under each code cell (streams and text/plain results, not images)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == "stdout":
                texts.append(out.text)
            elif out.output_type in {"execute_result", "display_data"}:
                texts.append(out.get("data", {}).get("text/plain", ""))
            elif out.output_type == "error":
                texts.append(f"{out.ename}: {out.evalue}")
        text = "".join(texts)
        for pattern in VOLATILE:
            text = pattern.sub("", text)
        cells.append(text.splitlines())
    return cells


def test_there_are_notebooks() -> None:
    assert any(p.name == "quickstart.ipynb" for p in NOTEBOOKS)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reproduces_its_committed_outputs(path: Path) -> None:
    committed = nbformat.read(path, as_version=4)
    assert all(
        cell.get("outputs") or not cell.source.strip()
        for cell in committed.cells
        if cell.cell_type == "code"
    ), f"{path.name} is committed without outputs; run notebooks/reproduce.py --update"
    executed = execute(path)
    assert text_outputs(executed) == text_outputs(committed)
