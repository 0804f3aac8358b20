"""The user guide's examples print what the pages say (a page's >>> examples are doctests; its
plain code blocks are the setup they run after)."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "user-guide"


@pytest.mark.parametrize("name", ["published-figures.md", "representation-rates.md"])
def test_guide_examples_print_what_the_page_says(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = GUIDE / name
    raw = page.read_text(encoding="utf-8")
    if "../shared/" in raw and not (ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("../shared/seeds is absent")
    monkeypatch.chdir(ROOT)  # the pages read ../shared/... from the project's root
    namespace: dict = {}
    for block in re.findall(r"```python\n(.*?)```", raw, flags=re.S):
        if ">>>" not in block:
            exec(compile(block, str(page), "exec"), namespace)
    # fences would be read as expected output: drop them, keep the >>> examples
    text = "\n".join("" if line.strip().startswith("```") else line for line in raw.splitlines())
    test = doctest.DocTestParser().get_doctest(text, namespace, page.name, str(page), 0)
    assert len(test.examples) >= 10
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
