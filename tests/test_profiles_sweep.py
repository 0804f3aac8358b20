"""Defects a reader of every rendered profile found (a sweep of all 234 places): each test runs
only the few places that showed one. The templates' cells are run here in this process (no
kernel), with ``display`` a no-op, so that what a profile prints is checked in a second."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pycountry
import pytest

from wpsstats.profiles import country_profile, region_profile

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "datasets"
WDI_2025 = ROOT.parent / "shared" / "data" / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_216057.csv"


def printed(template: str, **parameters: str) -> str:
    """What the template's code cells print for ``parameters``, run in this process."""
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nb = nbformat.read(NOTEBOOKS / template, as_version=4)
    namespace: dict[str, Any] = {"display": lambda *args, **kwargs: None}
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                if "parameters" in cell.get("metadata", {}).get("tags", []):
                    namespace.update(parameters)
                    continue
                exec(cell.source, namespace)
    finally:
        plt.close("all")
    return out.getvalue()


def wdi_raw(geo: str) -> dict[int, float]:
    """The World Bank's own file (release of 7 Oct 2025): a country's percentages by year."""
    if not WDI_2025.is_file():
        pytest.skip("../shared/data is not at hand")
    lines = WDI_2025.read_text(encoding="utf-8-sig").splitlines()[4:]
    rows = list(csv.reader(lines))
    header = rows[0]
    for row in rows[1:]:
        if len(row) > 1 and row[1] == geo:
            return {
                int(year): float(value)
                for year, value in zip(header[4:], row[4:], strict=False)
                if year.isdigit() and value
            }
    raise AssertionError(f"{geo} is not in the World Bank's file")


def latest_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith("Latest ")]
    assert len(lines) == 1, text
    return lines[0]


# --- 1. the year the trend reaches 30 per cent, as printed -----------------------------------


def test_tunisia_is_not_said_to_reach_30_per_cent_in_the_year_it_is_at_16() -> None:
    """Tunisia's latest share (2024) is 15.7 per cent and its trend line crosses 30 per cent
    early in 2024: the profile printed 'at the trend's pace, 30 per cent is reached in 2024',
    a year whose share it shows at 15.7 per cent."""
    raw = wdi_raw("TUN")
    assert max(raw) == 2024 and raw[2024] < 30  # the World Bank's file: below 30 in 2024
    target = country_profile("TUN")["target"].iloc[0]
    assert target["status"] == "reached"
    assert round(target["year"]) == 2024  # the fitted crossing, as the profile prints it
    line = latest_line(printed("country_profile.ipynb", geo="TUN"))
    assert "is reached in 2024" not in line, line
    assert line == (
        f"Latest 2024: {raw[2024] / 100:.1%}, below 30 per cent, though the trend line passed "
        "it in 2024."
    )


def test_no_profile_prints_a_crossing_year_no_one_could_read() -> None:
    """Oman's share is 0 in 2024 and nearly flat since 2004: its least-squares line reaches 30
    per cent in the year 830,732, which the profile printed as a year."""
    raw = wdi_raw("OMN")
    assert raw[max(raw)] == 0
    target = country_profile("OMN")["target"].iloc[0]
    assert target["status"] == "reached" and target["year"] > 100_000
    line = latest_line(printed("country_profile.ipynb", geo="OMN"))
    assert str(round(target["year"])) not in line, line
    assert line == "Latest 2024: 0.0%; at the trend's pace, 30 per cent is not reached by 2100."


def test_a_crossing_before_2100_is_still_printed_as_its_year() -> None:
    target = country_profile("BEN")["target"].iloc[0]
    assert target["status"] == "reached" and 2024 < target["year"] < 2100
    line = latest_line(printed("country_profile.ipynb", geo="BEN"))
    assert line.endswith(f"30 per cent is reached in {target['year']:.0f}."), line


# --- 2. country names ------------------------------------------------------------------------


def short_name(geo: str) -> str:
    country = pycountry.countries.get(alpha_3=geo)
    assert country is not None
    return str(getattr(country, "common_name", None) or country.name)


@pytest.mark.parametrize(
    ("geo", "world_bank"),
    [
        ("PRK", "Korea, Dem. People's Rep."),
        ("EGY", "Egypt, Arab Rep."),
        ("YEM", "Yemen, Rep."),
        ("CIV", "Cote d'Ivoire"),
        ("KGZ", "Kyrgyz Republic"),
        ("IRN", "Iran, Islamic Rep."),
    ],
)
def test_a_country_is_called_by_its_usual_short_name(geo: str, world_bank: str) -> None:
    """The World Bank's file names some countries in its own inverted, abbreviated form; the
    profile printed it in prose ('holds no agreement of Egypt, Arab Rep..')."""
    wdi = pd.read_csv(DATA / "wdi_parliament_world.csv", dtype=str, keep_default_na=False)
    assert wdi.loc[wdi["geo"] == geo, "geo_name"].iloc[0] == world_bank
    profile = country_profile(geo)
    assert profile["name"] == short_name(geo)
    assert not any(world_bank in sentence for sentence in profile["missing"])
    assert not any(".." in sentence for sentence in profile["missing"])


@pytest.mark.parametrize(
    ("geo", "name"),
    [("COD", "Democratic Republic of the Congo"), ("PSE", "State of Palestine")],
)
def test_an_inverted_iso_name_is_put_in_reading_order(geo: str, name: str) -> None:
    country = pycountry.countries.get(alpha_3=geo)
    assert country is not None and "," in country.name  # pycountry's own name is inverted
    assert country_profile(geo)["name"] == name


def test_a_code_pycountry_does_not_know_keeps_the_data_s_name() -> None:
    assert pycountry.countries.get(alpha_3="SSF") is None
    assert country_profile("SSF")["name"] == "Sub-Saharan Africa"


# --- 3. which report printed a figure --------------------------------------------------------


def test_a_figure_of_the_2025_note_is_not_attributed_to_the_2018_update() -> None:
    """Nigeria's profile showed '3.9 per cent in the House of Representatives' (S/2025/492)
    under 'Figures of the bundled report', which the template names as the 2018 update."""
    figures = pd.read_csv(DATA / "figures.csv", dtype=str, keep_default_na=False)
    nigeria = figures[figures["geo"] == "NGA"]
    assert set(nigeria["source_id"]) == {"s-2025-492"}
    profile = country_profile("NGA")
    assert profile["figures"]["source_id"].tolist() == nigeria["source_id"].tolist()
    ssf = region_profile("SSF")["figures"]
    assert set(ssf["source_id"]) == {"s-2025-492"}
    for template in ("country_profile.ipynb", "region_profile.ipynb"):
        nb = nbformat.read(NOTEBOOKS / template, as_version=4)
        text = "\n".join(cell.source for cell in nb.cells)
        assert "S/2025/492" in text, template
        assert "bundled report " not in text.replace("\n", " "), template
        shown = [c.source for c in nb.cells if c.cell_type == "code" and "figure_id" in c.source]
        assert shown and all("source_id" in source for source in shown), template
