"""The profile templates run for any place and say what the data lack (the data assembly itself is
tested without a kernel in test_profiles.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

import wpsstats as wps

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEMPLATE = NOTEBOOKS / "country_profile.ipynb"
REGION_TEMPLATE = NOTEBOOKS / "region_profile.ipynb"
MISSING = "What the bundled data do not hold for"


def stdout_of(nb: nbformat.NotebookNode) -> str:
    return "".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "stream" and out.get("name") == "stdout"
    )


def run(template: Path, parameters: dict[str, str], tmp_path: Path) -> nbformat.NotebookNode:
    pm = pytest.importorskip("papermill")
    target = tmp_path / f"{next(iter(parameters.values()))}.ipynb"
    pm.execute_notebook(
        str(template),
        str(target),
        parameters=parameters,
        cwd=str(NOTEBOOKS),
        progress_bar=False,
    )
    return nbformat.read(target, as_version=4)


def bullets(text: str, name: str) -> list[str]:
    statement = text.split(f"{MISSING} {name}:\n", 1)
    assert len(statement) == 2, f"the profile of {name} does not state what is missing"
    return [line for line in statement[1].splitlines() if line.startswith(" - ")]


@pytest.mark.parametrize(("template", "default"), [(TEMPLATE, "MLI"), (REGION_TEMPLATE, "G5S")])
def test_templates_have_one_parameters_cell(template: Path, default: str) -> None:
    nb = nbformat.read(template, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    namespace: dict[str, object] = {}
    exec(tagged[0].source, namespace)
    assert default in namespace.values()


@pytest.mark.parametrize(("template", "name"), [(TEMPLATE, "Mali"), (REGION_TEMPLATE, "G5 Sahel")])
def test_committed_templates_show_their_default_with_outputs(template: Path, name: str) -> None:
    nb = nbformat.read(template, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.get("outputs") or "parameters" in c.metadata.get("tags", []) for c in code)
    assert f"{MISSING} {name}:" in stdout_of(nb)


@pytest.mark.slow
@pytest.mark.parametrize("geo", ["NER", "COL", "ABW"])
def test_country_profile_runs_and_states_what_is_missing(geo: str, tmp_path: Path) -> None:
    """A G5 country, one far from the Sahel, and one with almost no data."""
    nb = run(TEMPLATE, {"geo": geo}, tmp_path)
    assert not any(
        out.get("output_type") == "error" for cell in nb.cells for out in cell.get("outputs", [])
    )
    profile = wps.country_profile(geo)
    text = stdout_of(nb)
    assert text.startswith(f"{profile['name']} ({geo});")
    assert bullets(text, profile["name"]) == [f" - {m}" for m in profile["missing"]]


@pytest.mark.slow
@pytest.mark.parametrize("region", ["SAH", "ECOWAS"])
def test_region_profile_runs_and_states_what_is_missing(region: str, tmp_path: Path) -> None:
    nb = run(REGION_TEMPLATE, {"region": region}, tmp_path)
    profile = wps.region_profile(region)
    text = stdout_of(nb)
    assert text.startswith(f"{profile['name']} ({region}): {len(profile['members'])} members")
    assert bullets(text, profile["name"]) == [f" - {m}" for m in profile["missing"]]


@pytest.mark.slow
def test_a_rendered_profile_shows_its_parameters_once(tmp_path: Path) -> None:
    sys.path.insert(0, str(NOTEBOOKS))
    from reproduce import without_repeated_parameters

    nb = without_repeated_parameters(run(TEMPLATE, {"geo": "NER"}, tmp_path))
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sum("geo = " in s for s in sources) == 1
    assert any('geo = "NER"' in s for s in sources)
    # numbered from 1, as shown: the template's own parameters cell ran first and is not shown
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_a_rendered_profile_numbers_its_results_as_its_cells() -> None:
    """An ``Out[n]`` keeps the number of its cell once the template's parameters are left out."""
    sys.path.insert(0, str(NOTEBOOKS))
    from reproduce import without_repeated_parameters

    v4 = nbformat.v4
    cells = [v4.new_code_cell('geo = "MLI"', execution_count=1, metadata={"tags": ["parameters"]})]
    cells.append(
        v4.new_code_cell(
            'geo = "NER"', execution_count=2, metadata={"tags": ["injected-parameters"]}
        )
    )
    result = v4.new_output("execute_result", data={"text/plain": "'NER'"}, execution_count=3)
    cells.append(v4.new_code_cell("geo", execution_count=3, outputs=[result]))
    nb = without_repeated_parameters(v4.new_notebook(cells=cells))
    assert [c.execution_count for c in nb.cells] == [1, 2]
    assert nb.cells[1].outputs[0].execution_count == 2


@pytest.mark.slow
def test_profiles_in_one_kernel_equal_fresh_papermill_runs(tmp_path: Path) -> None:
    """make profiles runs many places in one kernel: what one profile leaves (variables, figures,
    warnings already shown) must not change the next. A region, a G5 country with charts and
    warnings, then a place with almost no data, each compared with papermill in a fresh kernel."""
    sys.path.insert(0, str(NOTEBOOKS))
    from profile_kernel import outputs_of
    from reproduce import profile_kernel

    places = [(REGION_TEMPLATE, {"region": "SAH"}), (TEMPLATE, {"geo": "NER"})]
    places += [(TEMPLATE, {"geo": "ABW"}), (TEMPLATE, {"geo": "NER"})]
    with profile_kernel() as kernel:
        shared = [kernel.run(template, parameters) for template, parameters in places]
    for (template, parameters), nb in zip(places, shared, strict=True):
        fresh = run(template, parameters, tmp_path)
        assert outputs_of(nb) == outputs_of(fresh), parameters


def test_a_shared_kernel_forgets_the_previous_profile(tmp_path: Path) -> None:
    """The state a notebook leaves in the shared kernel is cleared before the next: a variable it
    set is gone, and a warning a library module gave is shown again (Python's default filter
    shows it once per place in the code, and the module stays imported)."""
    sys.path.insert(0, str(NOTEBOOKS))
    from reproduce import profile_kernel

    template = tmp_path / "template.ipynb"
    parameters = nbformat.v4.new_code_cell('place = "A"')
    parameters.metadata["tags"] = ["parameters"]
    cells = [
        parameters,
        nbformat.v4.new_code_cell("print('left' in dir())\nleft = place"),
        nbformat.v4.new_code_cell(
            f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\nimport warner\nwarner.warn()"
        ),
    ]
    # a warning raised inside a module is recorded in that module, which outlives %reset
    (tmp_path / "warner.py").write_text(
        "import warnings\n\n\ndef warn():\n    warnings.warn('the same words each time')\n"
    )
    nbformat.write(nbformat.v4.new_notebook(cells=cells), template)
    with profile_kernel() as kernel:
        runs = [kernel.run(template, {"place": p}) for p in ("A", "B")]
    for nb in runs:
        printed, warned = (cell.outputs for cell in nb.cells[-2:])
        assert [o.get("text") for o in printed] == ["False\n"]
        assert any("the same words each time" in o.get("text", "") for o in warned)
        assert [c.execution_count for c in nb.cells] == [1, 2, 3, 4]  # the injected cell is 2


def test_the_profiles_index_names_a_country_as_its_profile_does(tmp_path: Path) -> None:
    # the index said "Cote d'Ivoire (CIV)" and "Egypt, Arab Rep. (EGY)", the World Bank's names,
    # above profiles titled "Côte d'Ivoire" and "Egypt"
    sys.path.insert(0, str(NOTEBOOKS))
    from reproduce import write_profiles_index

    codes = ["CIV", "EGY"]
    for sub in ("profiles", "briefing/profiles"):
        (tmp_path / sub).mkdir(parents=True)
        for code in codes:
            (tmp_path / sub / f"{code}.html").write_text("<html></html>", encoding="utf-8")
    text = write_profiles_index([("country", c) for c in codes], tmp_path).read_text("utf-8")
    for code in codes:
        assert f"{wps.country_profile(code)['name']} ({code})" in text
    assert "Arab Rep." not in text
