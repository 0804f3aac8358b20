"""A stranger's install: build the wheel, install it in a fresh virtual environment, load data."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys, pathlib
import wpsstats as wps
assert "site-packages" in wps.__file__, wps.__file__
from wpsstats.datasets import data_dir
assert data_dir().name == "_data", data_dir()
names = wps.list_datasets()["name"].tolist()
for name in names:
    frame = wps.load(name)
    assert len(frame) > 0 and frame.attrs["wpsstats"]["name"] == name
print(len(names), "datasets", len(wps.figures(geo="MLI")), "Mali figures")
# the readers' docstring examples read the example files shipped in the wheel
import doctest, importlib
from wpsstats.datasets import example_file
assert example_file("ipi_gender_example.json").is_file()
for module in ("wdi", "dhs_api", "ipi", "pax", "ipu", "pax_agreements"):
    result = doctest.testmod(  # the module, not the function of its name
        importlib.import_module(f"wpsstats.read.{module}"),
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
    )
    assert result.attempted > 0 and result.failed == 0, (module, result)
print("reader examples ran")
"""


@pytest.mark.slow
def test_wheel_installs_and_loads_every_dataset(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("wpsstats-*.whl"))
    assert len(wheels) == 1
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    # run from an empty folder so that the checkout cannot be imported by accident
    out = subprocess.run(
        [str(python), "-c", CHECK], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert "datasets" in out.stdout
    assert "reader examples ran" in out.stdout


def test_min_versions_are_the_lower_bounds() -> None:
    """``make test-min`` installs tools/min-versions.txt: each pin there is the lower bound that
    pyproject.toml promises (base dependencies, the excel and pdf extras, pytest and hypothesis),
    so the floor tested is the floor declared."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    declared = [*project["dependencies"], *extras["excel"], *extras["pdf"], *extras["dev"]]
    floors: dict[str, Version] = {}
    for text in declared:
        req = Requirement(text)
        for spec in req.specifier:
            if spec.operator == ">=":
                floors[req.name.lower()] = Version(spec.version)
    pins: dict[str, Version] = {}
    for line in (ROOT / "tools" / "min-versions.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = Version(version)
    wanted = [Requirement(t).name.lower() for t in project["dependencies"]]
    wanted += ["openpyxl", "pypdfium2", "pytest", "hypothesis"]
    assert sorted(pins) == sorted(wanted)
    assert {name: pins[name] for name in wanted} == {name: floors[name] for name in wanted}
