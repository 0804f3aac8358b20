"""The reports and the site opened in headless Chromium (docs/browser_check.py).

Skipped, with the reason, where no Chromium can be had (``apt-get install -y chromium`` on
Debian) or the DevTools client (websocket-client, in the dev extra) is missing. The
reports are rendered from the notebooks' committed outputs, which takes seconds; the site is
checked as ``make docs`` last built it, and pages of the old MkDocs toolchain are skipped: it
prints numpydoc markup raw, which is what the switch to Sphinx (issue 18 item 1) mends.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

import browser_check  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = browser_check.find_chromium()
    if executable is None:
        pytest.skip("no chromium on PATH: apt-get install -y chromium (Debian) to run this check")
    if importlib.util.find_spec("websocket") is None:
        pytest.skip("websocket-client is not installed (pip install websocket-client)")
    return executable


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    browser_check.build_reports(out, committed=True)
    return out


def describe(results: list[browser_check.PageResult]) -> str:
    return "\n".join(f"{r.path}: {p}" for r in results for p in r.problems)


def test_every_report_opens_cleanly(chromium: str, reports: Path) -> None:
    results = browser_check.check(reports, [], executable=chromium, screenshots=reports / "shots")
    paths = {r.path for r in results}
    assert "index.html" in paths and "briefing/sahel.html" in paths
    assert all(r.kind == "report" for r in results)
    assert not [r for r in results if r.problems], describe(results)
    # a report's screenshot, of the briefing, is kept
    assert (reports / "shots" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_check_sees_what_a_reader_would(chromium: str, tmp_path: Path) -> None:
    # a page with each fault the check exists for, and a clean one beside it
    (tmp_path / "index.html").write_text(
        "<html><body><p>See :func:`wpsstats.rate` and \\(\\hat p\\).</p>"
        "<p>.. [1] Wilson, E. B. (1927).</p><img src='missing.png' alt='chart'>"
        "<script>throw new Error('boom')</script></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "clean.html").write_text("<html><body><p>9 of 36</p></body></html>")
    results = browser_check.check(tmp_path, [], executable=chromium, screenshots=None)
    found = {r.path: r for r in results}
    bad = found["index.html"]
    assert len(bad.raw) == 3 and ":func:`" in bad.raw[0]
    assert bad.broken_images and bad.broken_images[0].endswith("missing.png")
    assert any("boom" in e for e in bad.console_errors)
    assert any("404" in e for e in bad.console_errors)  # the missing image, as the browser logs it
    assert found["clean.html"].problems == []


def test_the_built_site_opens_cleanly(chromium: str) -> None:
    site = ROOT / "build" / "site"
    if not (site / "index.html").is_file():
        pytest.skip("no site in build/site: run `make docs` first")
    build = ROOT / "build"
    pages = browser_check.site_pages(site)
    head = (site / "index.html").read_text(encoding="utf-8", errors="replace")[:5000]
    if 'name="generator" content="mkdocs' in head:
        pytest.skip(
            f"build/site ({len(pages)} pages) is the old MkDocs site, which prints numpydoc "
            "markup raw until the Sphinx switch (issue 18 item 1); "
            "`python docs/browser_check.py --no-build` reports it page by page"
        )
    results = browser_check.check(build, [site], executable=chromium, screenshots=None)
    site_results = [r for r in results if r.kind == "site"]
    assert len(site_results) == len(pages)
    assert not [r for r in site_results if r.problems], describe(site_results)


def test_briefings_hold_no_code_and_the_index_links_every_report(reports: Path) -> None:
    # no browser needed: what the briefing's HTML holds, and what the index links
    briefings = sorted((reports / "briefing").glob("*.html"))
    assert [p.name for p in briefings] == sorted(p.name for p in reports.glob("[!i]*.html"))
    for page in briefings:
        html = page.read_text(encoding="utf-8")
        full = (reports / page.name).read_text(encoding="utf-8")
        assert "hl-ipython3" in full and "hl-ipython3" not in html, page.name  # code, coloured
        assert "<img" in html or "<table" in html, page.name  # the findings stay
        assert f'href="../{page.name}"' in html  # and it links the analyst's version
    index = (reports / "index.html").read_text(encoding="utf-8")
    for page in briefings:
        assert f'href="briefing/{page.name}"' in index and f'href="{page.name}"' in index
    assert '<script src="http' not in index  # the reports open offline
