"""Every internal link of the built site lands somewhere: its file exists and, when it names an
anchor (``page.html#section``), that page has an element with that id.

Sphinx's ``-n`` build checks the cross-references it resolves itself, but not a Markdown link
typed as a path or an anchor, nor what the theme's templates write. The site is checked as
``make docs`` last built it (``build/site``), as in tests/test_browser.py.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))

import browser_check  # noqa: E402


class _Page(HTMLParser):
    """The ids (and old-style ``<a name>``) a page defines, and every link it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.ids.add(str(found["name"]))
        for key in ("href", "src"):
            value = found.get(key)
            if value is not None and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """``page: link (why)`` for each internal link whose file or anchor is missing."""
    parsed: dict[Path, _Page] = {}

    def read(page: Path) -> _Page:
        if page not in parsed:
            parser = _Page()
            parser.feed(page.read_text(encoding="utf-8", errors="replace"))
            parsed[page] = parser
        return parsed[page]

    root = site.resolve()
    broken = []
    for page in browser_check.site_pages(root):
        for link in read(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link == "#":
                continue  # another site, mailto:, data:, or a bare "#" (the theme's buttons)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(root).as_posix()}: {link}"
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                shown = target.relative_to(root) if target.is_relative_to(root) else target
                broken.append(f"{where} (no file {shown.as_posix()})")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in read(target).ids
            ):
                broken.append(f"{where} (no id {parts.fragment!r} in {target.name})")
    return broken


@pytest.mark.slow
def test_every_internal_link_of_the_built_site_resolves() -> None:
    site = ROOT / "build" / "site"
    if not (site / "index.html").is_file():
        pytest.skip("no site in build/site: run `make docs` first")
    head = (site / "index.html").read_text(encoding="utf-8", errors="replace")[:5000]
    if 'name="generator" content="mkdocs' in head:
        pytest.skip("build/site is the old MkDocs site: run `make docs` to build the Sphinx one")
    assert len(browser_check.site_pages(site)) > 20
    broken = broken_links(site)
    assert broken == [], "\n".join(broken)


def test_the_check_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "rate.html").write_text('<h1 id="rate">rate</h1><a name="old">x</a>')
    (tmp_path / "index.html").write_text(
        '<a href="api/rate.html#rate">ok</a> <a href="api/rate.html#old">ok</a>'
        ' <a href="#top">self</a> <p id="top"></p> <a href="#">button</a>'
        ' <a href="https://example.org/x.html#y">outside</a> <a href="api/">folder</a>'
        ' <a href="api/rate.html#proportion_ci">wrong anchor</a>'
        ' <a href="api/gone.html">gone</a> <img src="_images/chart.png">'
    )
    (tmp_path / "api" / "index.html").write_text("<p>the folder's page</p>")
    assert broken_links(tmp_path) == [
        "index.html: api/rate.html#proportion_ci (no id 'proportion_ci' in rate.html)",
        "index.html: api/gone.html (no file api/gone.html)",
        "index.html: _images/chart.png (no file _images/chart.png)",
    ]
