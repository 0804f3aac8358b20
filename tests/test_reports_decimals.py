"""The reports' tables show numbers to the precision of the text beside them.

Reads the committed notebooks' HTML outputs (no execution): a share the text quotes as "20.7%" is
not shown as 0.206897, a count is not 16.0, a year is not 2043.9060.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

# (notebook, cell id) of each table fixed, and cells shown in it that the text beside it quotes
TABLES = {
    ("mali", "dfaa7fe4"): ["16", "120", "5"],  # CRSV counts, were 16.0, 120.0, 5.0
    ("mali", "67f385dc"): ["52.0", "87.5", "83.0", "92.0"],  # "more than 52 per cent", was 0.52
    ("mali", "910f502c"): ["0.8", "14.2", "921"],  # MINUSMA 2014 gap, was 0.0080, 14.1979
    ("mali", "f2cd2503"): ["2.6", "12.4", "16.5"],  # MINUSMA 2018 shares, were 0.026
    ("mali", "90fd4bba"): ["2043", "2025", "1.24"],  # "late in 2043", was 2043.9060
    ("sahel", "4ee65d72"): ["27.9", "6.3", "2189"],  # "27.9 per cent", was 0.2789, 2189.2078
    ("sahel", "d8e1c733"): ["13.8", "15.0", "120"],  # gap in points, was 13.8426
    ("sahel_2018_2025", "71381e9e"): ["15.0", "30.0", "50.0"],  # targets, were 0.15, 0.3
    ("sahel_2018_2025", "f2d2f92d"): ["4,500,000", "60.0%", "1,500"],  # were 4500000.0, 0.6
    ("quickstart", "ce0927df"): ["8,000", "30.8%", "25.0%"],  # were 8000.0, 0.307692
    ("country_profile", "9e30efed"): ["27.3", "30.1"],  # chambers, were 0.273
    ("country_profile", "af8a3f92"): ["20.7", "2.9"],  # PA-X, were 0.206897, 0.028571
    ("country_profile", "f50c3395"): ["0.0", "15.0", "8.8", "21.2"],  # were 0.0000, 15.0000
    ("country_profile", "841f104a"): ["8,000", "30.8%", "32.0%"],  # published figures
    ("region_profile", "c3f081af"): ["18.3", "30.7"],  # parliament shares, were 0.183
    ("region_profile", "974719e2"): ["51.5", "88.6"],  # UNICEF, were 0.515, 0.886
    ("region_profile", "306c607b"): ["0.6", "14.4", "656"],  # were 0.0061, 14.3853
    ("region_profile", "0b82d68b"): ["5"],  # was 5.0
}


class _Cells(HTMLParser):
    """The text of every <td> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self._in = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


def table_cells(name: str, cell_id: str) -> list[str]:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    parser = _Cells()
    for out in cell.get("outputs", []):
        html = out.get("data", {}).get("text/html", "")
        parser.feed("".join(html) if isinstance(html, list) else html)
    return [c.strip() for c in parser.cells]


@pytest.mark.parametrize(("name", "cell_id"), list(TABLES), ids=["-".join(k) for k in TABLES])
def test_table_has_the_decimals_of_the_text(name: str, cell_id: str) -> None:
    cells = table_cells(name, cell_id)
    assert cells, f"{name} {cell_id}: no table in the committed outputs"
    numbers = [c for c in cells if re.fullmatch(r"-?[\d,]*\.?\d+%?", c)]
    long = [c for c in numbers if re.search(r"\.\d{3,}", c)]
    assert long == [], f"{name} {cell_id}: numbers with 3 or more decimals: {long}"
    fractions = [c for c in numbers if re.fullmatch(r"0\.\d{2,}", c)]
    assert fractions == [], f"{name} {cell_id}: shares as fractions: {fractions}"
    missing = [v for v in TABLES[name, cell_id] if v not in cells]
    assert missing == [], f"{name} {cell_id}: not shown as the text quotes them: {missing}"


@pytest.mark.parametrize(
    ("name", "cell_id"),
    [("mali", "dfaa7fe4"), ("sahel_2018_2025", "f2d2f92d"), ("quickstart", "ce0927df")],
)
def test_counts_are_whole(name: str, cell_id: str) -> None:
    cells = table_cells(name, cell_id)
    assert not [c for c in cells if re.fullmatch(r"[\d,]+\.0", c)], cells


def test_the_region_profile_prints_the_year_reached_as_the_country_profile_does() -> None:
    # the region table rounded to the nearest year (Chad's 2030.68 as 2031) where Chad's own
    # profile and wps.plot.trend print the whole part, 2030
    import math

    import wpsstats as wps

    parl = wps.region_profile("G5S")["parliament"].set_index("member")
    nb = nbformat.read(NOTEBOOKS / "region_profile.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "c3f081af")
    shown = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in cell.outputs)
    for geo in ("MRT", "TCD"):
        year = math.floor(parl.loc[geo, "year"])
        row = next(line for line in shown.splitlines() if f" {geo} " in line)
        assert f" {year} " in row, row
