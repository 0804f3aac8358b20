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


def test_every_public_name_is_listed_on_an_api_page() -> None:
    # the docs build fails on a public name without a page; this says so in a second, without Sphinx
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        wpsdocs = importlib.import_module("wpsdocs")
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    listed: set[int] = set()
    for page in sorted((ROOT / "docs" / "api").glob("*.md")):
        module = ""
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith(".. currentmodule::"):
                module = line.split("::")[1].strip()
            elif line.startswith("   ") and not line.strip().startswith(":"):
                obj = wpsdocs.lookup(f"{module}.{line.strip()}")
                if obj is not None:
                    listed.add(id(obj))
    missing = [
        f"{modname}.{name}"
        for modname in wpsdocs.public_modules()
        for name in importlib.import_module(modname).__all__
        if not name.startswith("__")
        and id(getattr(importlib.import_module(modname), name)) not in listed
    ]
    assert missing == [], f"public but on no page of docs/api/: {missing}"
