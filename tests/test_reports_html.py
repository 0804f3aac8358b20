"""The briefings as their readers see them: the HTML that notebooks/reproduce.py writes.

The reports are written from the notebooks' committed outputs (no kernel runs), so this takes a
few seconds; tests/test_notebooks.py checks that those outputs still reproduce.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "notebooks"))
import reproduce  # noqa: E402


class _Tables(HTMLParser):
    """Each pandas table of a page: its header rows and its body rows, as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[list[str]]]] = []
        self._part: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and "dataframe" in (dict(attrs).get("class") or ""):
            self.tables.append({"head": [], "body": []})
        elif self.tables and tag in {"thead", "tbody"}:
            self._part = "head" if tag == "thead" else "body"
        elif self._part and tag == "tr":
            self.tables[-1][self._part].append([])
        elif self._part and tag in {"th", "td"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"th", "td"} and self._cell is not None and self._part:
            self.tables[-1][self._part][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in {"thead", "tbody", "table"}:
            self._part = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> list[dict[str, list[list[str]]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def visible_text(html: str) -> str:
    """The page's text without its <style> and <script> blocks and tags."""
    html = re.sub(r"<(style|script)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    for name in ("quickstart", "mali"):
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        reproduce.write_html(nb, out / f"{name}.html", briefing=out / "briefing" / f"{name}.html")
    return out


def _row_numbers(table: dict[str, list[list[str]]]) -> bool:
    """Whether a table's first column is an unnamed index of bare integers (0, 1, 2 ...)."""
    head, body = table["head"], table["body"]
    return (
        len(head) == 1
        and head[0][:1] == [""]
        and bool(body)
        and all(row and re.fullmatch(r"-?\d+", row[0]) for row in body)
    )


@pytest.mark.parametrize("name", ["quickstart", "mali"])
def test_briefing_tables_show_no_row_numbers(build: Path, name: str) -> None:
    # the datasets table, Mali's figures, the slips: each has a label column, and the reader of
    # the briefing saw 0, 1, 2 ... (or 27, 33, 53) in front of it, which mean nothing to them
    html = (build / "briefing" / f"{name}.html").read_text(encoding="utf-8")
    found = tables(html)
    assert found, name
    numbered = [t["head"][0] for t in found if _row_numbers(t)]
    assert numbered == [], f"{name}: tables with row numbers: {numbered}"
    # the data stay: Mali's 33 figures, every column
    if name == "quickstart":
        figures = next(t for t in found if "figure_id" in t["head"][0] and len(t["body"]) == 33)
        assert figures["head"][0][0] == "figure_id" and len(figures["body"][0]) == 7


def test_full_report_keeps_the_index_for_the_analyst(build: Path) -> None:
    # the full report shows what the code's .loc and .iloc refer to
    html = (build / "quickstart.html").read_text(encoding="utf-8")
    assert any(_row_numbers(t) for t in tables(html))


def test_a_named_index_is_kept(build: Path) -> None:
    # the cabinet's rates by method, and MINUSMA's categories: labels, not row numbers
    html = (build / "briefing" / "mali.html").read_text(encoding="utf-8")
    firsts = [row[0] for t in tables(html) for row in t["body"]]
    assert "Wilson" in firsts and "military_contingents" in firsts


def test_mali_briefing_prints_no_series_repr(build: Path) -> None:
    # the pillars were shown as a pandas Series, ending "Name: count, dtype: int64"
    text = visible_text((build / "briefing" / "mali.html").read_text(encoding="utf-8"))
    assert not re.search(r"dtype: \w+", text)
    pillars = next(t for t in tables((build / "briefing" / "mali.html").read_text()) if t["head"])
    assert pillars["head"][0] == ["", "figures"] and pillars["body"][0] == ["participation", "12"]


def test_mali_shares_have_the_decimals_of_the_text_beside_them(build: Path) -> None:
    # PA-X: "6 of 29 (20.7%)" on the chart, 0.206897 in the table; mediators: "Wilson
    # 28.7-35.5 per cent" in the text, 0.2866 and 0.3554 in the table
    found = tables((build / "briefing" / "mali.html").read_text(encoding="utf-8"))
    pax = next(t for t in found if "role" in t["head"][0])
    rates = [row[t] for row in pax["body"] for t in [pax["head"][0].index("rate")]]
    assert "0.207" in rates and all(re.fullmatch(r"\d\.\d{3}", r) for r in rates), rates
    wilson = next(row for t in found for row in t["body"] if row[0] == "Wilson")
    assert wilson[-2:] == ["0.287", "0.355"]
