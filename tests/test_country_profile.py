"""The country-profile template runs for every G5 Sahel country and says what the data lack."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

import wpsstats as wps

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "notebooks" / "country_profile.ipynb"
REGIONS = wps.load("regions")
G5 = sorted(REGIONS.loc[REGIONS["region"] == "G5S", "member"])
NAMES = wps.load("wdi_parliament_g5s").drop_duplicates("geo").set_index("geo")["geo_name"].to_dict()
MISSING = "What the bundled data do not hold for"


def stdout_of(nb: nbformat.NotebookNode) -> str:
    return "".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stdout"
    )


def run_profile(geo: str, tmp_path: Path) -> nbformat.NotebookNode:
    pm = pytest.importorskip("papermill")
    target = tmp_path / f"{geo}.ipynb"
    pm.execute_notebook(
        str(TEMPLATE),
        str(target),
        parameters={"geo": geo},
        cwd=str(TEMPLATE.parent),
        progress_bar=False,
    )
    return nbformat.read(target, as_version=4)


def test_template_has_a_parameters_cell_defaulting_to_mali() -> None:
    nb = nbformat.read(TEMPLATE, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    namespace: dict[str, object] = {}
    exec(tagged[0].source, namespace)
    assert namespace["geo"] == "MLI"


def test_committed_template_shows_mali_with_outputs() -> None:
    nb = nbformat.read(TEMPLATE, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.get("outputs") or "parameters" in c.metadata.get("tags", []) for c in code)
    assert f"{MISSING} Mali:" in stdout_of(nb)


@pytest.mark.slow
@pytest.mark.parametrize("geo", G5)
def test_profile_runs_and_states_what_is_missing(geo: str, tmp_path: Path) -> None:
    nb = run_profile(geo, tmp_path)
    text = stdout_of(nb)
    name = NAMES[geo]
    assert text.startswith(f"{name} ({geo});")
    assert not any(
        out.get("output_type") == "error" for cell in nb.cells for out in cell.get("outputs", [])
    )
    statement = text.split(f"{MISSING} {name}:\n", 1)
    assert len(statement) == 2, f"the {geo} profile does not state what is missing"
    bullets = [line for line in statement[1].splitlines() if line.startswith(" - ")]
    assert len(bullets) >= 3
    assert any("Survey microdata" in b for b in bullets)
    if geo == "MLI":
        assert any("host country of MINUSMA" in b for b in bullets)
        assert "agreements; roles with nobody listed are left out" in text
    else:
        # only Mali's agreements and figures are bundled: every other profile says so
        assert any(f"holds no agreement of {name}" in b for b in bullets)
        assert any(f"no figure about {name} alone" in b for b in bullets)
    # every G5 country has a parliament series; its latest year is reported with its seats
    series = wps.load("wdi_parliament_g5s").query("geo == @geo")
    latest = series.iloc[-1]
    found = re.search(
        rf"latest {latest['period']}: {float(latest['value']):.1%} \((\d+) of (\d+)\)", text
    )
    assert found, f"the {geo} profile does not report its latest seats"
    # the seats, computed and printed as the World Bank prints (%.15g), give back its text
    women, seats = (int(g) for g in found.groups())
    assert f"{women / seats * 100:.15g}" == latest["percent_printed"]
    # a share printed with few digits ("2.4") may have been rounded upstream: the profile says so
    short = series.loc[
        series["percent_printed"].map(lambda p: len(Decimal(p).as_tuple().digits)) < 13,
        "percent_printed",
    ].unique()
    flagged = [b for b in bullets if b.startswith(" - Whether '")]
    assert len(flagged) == len(short)
    for printed, bullet in zip(short, flagged, strict=True):
        assert f"Whether {printed!r} (" in bullet and "rounded before" in bullet
        read = re.search(r"it is (\d+) of (\d+) seats", bullet)
        assert read and f"{int(read[1]) / int(read[2]) * 100:.15g}" == printed
    if geo == "TCD":  # Chad's 1997-2001 share is printed "2.4" in the World Bank file
        assert [b.split(" was exact")[0] for b in flagged] == [" - Whether '2.4' (1997-2001)"]


@pytest.mark.slow
def test_profile_rejects_a_country_outside_the_g5(tmp_path: Path) -> None:
    pm = pytest.importorskip("papermill")
    with pytest.raises(pm.PapermillExecutionError, match="geo='FRA' is not a G5 Sahel country"):
        run_profile("FRA", tmp_path)
