"""Former and variant country names (datasets/country_names.csv) in the readers' matcher.

pycountry keeps only current ISO 3166-1 names, so a file printed before a country was renamed
("Turkey", "Swaziland", "The former Yugoslav Republic of Macedonia" in UNICEF's 2018 database)
lost the country's code. The matcher now tries, after pycountry, the names that a cited source
prints beside the code. ``tests/golden/read/country_names.json`` holds every name the readers met
in the real files with the code the matcher gave it before that table: a name that had a code
keeps it, the three former names gain theirs, and every other name without a code (regions,
"Azawad", "Kosovo", "Yugoslavia (former)") stays without one.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry
import pytest

import wpsstats as wps
from wpsstats import _countries
from wpsstats.datasets import data_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "golden" / "read" / "country_names.json"
BEFORE: dict[str, dict[str, str | None]] = json.loads(FIXTURE.read_text(encoding="utf-8"))

# the names that gained a code, with the code the country_names sources give them
FORMER = {
    "Swaziland": "SWZ",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Turkey": "TUR",
}


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows() -> list[dict[str, str]]:
    with open(data_dir() / "country_names.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def fresh_matcher() -> Iterator[None]:
    """The matcher's caches emptied before and after a test that swaps the bundled table."""
    caches = (_countries._other_names_index, _countries._iso3_of_name)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def test_the_former_names_get_their_codes() -> None:
    codes, unmatched = _countries.iso3_from_names(list(FORMER))
    assert codes == list(FORMER.values())
    assert unmatched == []
    # whatever the case and punctuation, as for pycountry's own names
    assert _countries.iso3_from_names(["TURKEY", "swaziland"])[0] == ["TUR", "SWZ"]


def test_every_name_of_the_real_files_keeps_its_code_or_gains_a_former_ones() -> None:
    wrong = []
    for file, names in BEFORE.items():
        for name, code in names.items():
            # a name with a code keeps it; of those without, only the former names gain one (a
            # region, a part of a country, an entity with no ISO 3166-1 code stays without)
            expected = FORMER.get(name) if code is None else code
            if _countries._iso3_of_name(name) != expected:
                wrong.append((file, name, code, _countries._iso3_of_name(name)))
    assert not wrong, f"(file, name, code before, code now): {wrong}"


def test_the_fixture_holds_the_former_names_and_the_non_countries() -> None:
    unmatched = {name for names in BEFORE.values() for name, code in names.items() if not code}
    assert set(FORMER) <= unmatched
    assert {"Azawad", "Kosovo", "Yugoslavia (former)", "Northern Ireland", "Darfur"} <= unmatched
    assert sum(code is not None for names in BEFORE.values() for code in names.values()) > 600


@pytest.mark.parametrize(
    "name",
    # PA-X's places and entities; World Bank aggregates and its own code XKX/CHI; tz's qualifiers
    ["Azawad", "Kosovo", "Yugoslavia (former)", "Northern Ireland", "Sub-Saharan Africa", "World",
     "Channel Islands", "Rep.", "western"],
)  # fmt: skip
def test_non_countries_stay_unmatched(name: str) -> None:
    assert _countries.iso3_from_names([name]) == ([None], [name])


def test_pycountry_names_keep_their_own_codes() -> None:
    """The table comes after pycountry: no current name, official or common, changes code."""
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and _countries._pycountry_iso3(value) == country.alpha_3:
                assert _countries._iso3_of_name(value) == country.alpha_3, value


def test_every_row_is_an_iso_code_for_a_name_pycountry_does_not_know() -> None:
    rows = _rows()
    assert {r["name"] for r in rows} >= set(FORMER)
    for row in rows:
        country = pycountry.countries.get(alpha_3=row["geo"])
        assert country is not None, row
        assert row["geo_name"] == country.name, row
        assert _countries._pycountry_iso3(row["name"]) is None, f"pycountry knows {row['name']!r}"
        assert row["source"], row
    keys: dict[str, set[str]] = {}
    for row in rows:
        keys.setdefault(_countries.name_key(row["name"]), set()).add(row["geo"])
    assert all(len(codes) == 1 for codes in keys.values()), "a name two codes share"


def test_a_name_two_codes_share_is_not_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_matcher: None
) -> None:
    (tmp_path / "country_names.csv").write_text(
        "name,geo,geo_name,source,printed\n"
        "Turkey,TUR,Türkiye,a,Turkey\n"
        "Somewhere,MLI,Mali,a,Somewhere\n"
        "SOMEWHERE,NER,Niger,b,SOMEWHERE\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("wpsstats.datasets.data_dir", lambda: tmp_path)
    codes, unmatched = _countries.iso3_from_names(["Turkey", "Somewhere"])
    assert codes == ["TUR", None]
    assert unmatched == ["Somewhere"]


def test_a_table_row_never_overrides_pycountry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_matcher: None
) -> None:
    (tmp_path / "country_names.csv").write_text(
        "name,geo,geo_name,source,printed\nNiger,NGA,Nigeria,a,Niger\n", encoding="utf-8"
    )
    monkeypatch.setattr("wpsstats.datasets.data_dir", lambda: tmp_path)
    assert _countries.iso3_from_names(["Niger"])[0] == ["NER"]


def test_the_dataset_loads_with_its_sources() -> None:
    frame = wps.load("country_names")
    assert frame.set_index("name").loc["Swaziland", "printed"] == "Eswatini (Swaziland)"
    producers = {s["producer"] for s in frame.attrs["wpsstats"]["sources"]}
    assert {"International Peace Institute (IPI)", "World Bank"} <= producers


# --- with the real files -------------------------------------------------------------------------


@pytest.mark.shared_data
def test_the_fixture_is_every_name_of_the_real_files(shared_data: Path) -> None:
    """Recorded again, with pycountry alone the fixture comes back as it is; with the bundled
    names too, the same names come back and only the former names changed code."""
    script = _load(FIXTURE.with_name("make_country_names.py"), "make_country_names")
    assert script.record(shared_data) == BEFORE
    now = script.record(shared_data, bundled=True)
    assert {f: set(n) for f, n in now.items()} == {f: set(n) for f, n in BEFORE.items()}
    changed = {
        (name, now[file][name])
        for file, names in BEFORE.items()
        for name, code in names.items()
        if now[file][name] != code
    }
    assert changed == set(FORMER.items())


@pytest.mark.shared_data
def test_unicef_2018_gives_every_country_a_code(shared_data: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", wps.read.CountryNameWarning)
        frame = wps.read.unicef(shared_data / "unicef" / "Child-marriage-database_Mar-2018.xlsx")
    countries = frame[~frame["is_aggregate"]]
    assert not countries["geo"].isna().any()
    for name, code in FORMER.items():
        assert set(countries.loc[countries["geo_name"] == name, "geo"]) == {code}


@pytest.mark.shared_data
def test_the_dataset_is_what_its_script_writes(shared_data: Path) -> None:
    pytest.importorskip("tzdata")
    script = _load(ROOT / "datasets" / "scripts" / "make_country_names.py", "make_country_names_")
    built = script.build()
    assert built.to_dict("records") == _rows()
