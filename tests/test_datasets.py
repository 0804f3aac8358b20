"""The bundled datasets: integrity, internal consistency, and the loaders' contract."""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
import pytest

import wpsstats as wps
from wpsstats.datasets import data_dir, example_file, metadata

NAMES = wps.list_datasets()["name"].tolist()
LOWER = {"exact", "more_than", "at_least", "just_over", "between"}
UPPER = {"exact", "less_than", "at_most", "nearly", "between"}


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return wps.load("figures")


# --- every dataset -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_sidecar_checksum_matches_csv(name: str) -> None:
    meta = metadata(name)
    digest = hashlib.sha256((data_dir() / meta["file"]).read_bytes()).hexdigest()
    assert meta["sha256"] == digest, f"run datasets/scripts/build_index.py after editing {name}"


@pytest.mark.parametrize("name", NAMES)
def test_sidecar_is_complete(name: str) -> None:
    meta = metadata(name)
    for key in ("name", "title", "description", "file", "sources", "columns", "sha256"):
        assert meta.get(key), f"{name}.yaml lacks {key}"
    for source in meta["sources"]:
        assert source.get("producer") and source.get("title"), (
            f"{name}: a source lacks producer/title"
        )
    for column in meta["columns"]:
        assert {"name", "type", "meaning"} <= set(column), f"{name}: {column}"


@pytest.mark.parametrize("name", NAMES)
def test_load_matches_codebook_and_index(name: str) -> None:
    frame = wps.load(name)
    meta = frame.attrs["wpsstats"]
    assert list(frame.columns) == [c["name"] for c in meta["columns"]]
    index = wps.list_datasets().set_index("name")
    assert index.loc[name, "rows"] == len(frame)
    assert index.loc[name, "title"] == meta["title"]
    for column in meta["columns"]:
        dtype = frame[column["name"]].dtype
        expected = {"integer": "Int64", "float": "Float64", "string": "string"}
        if column["type"] in expected:
            assert str(dtype) == expected[column["type"]], (name, column["name"], dtype)
        elif column["type"] == "category":
            assert isinstance(dtype, pd.CategoricalDtype)
            values = frame[column["name"]].astype(object).dropna()
            assert set(values) <= set(column["categories"]), (name, column["name"])


def test_load_returns_a_copy() -> None:
    first = wps.load("figures")
    first.loc[0, "value"] = -1.0
    first.attrs["wpsstats"]["title"] = "changed"
    again = wps.load("figures")
    assert again.loc[0, "value"] != -1.0
    assert again.attrs["wpsstats"]["title"] != "changed"


def test_unknown_dataset_names_valid_choices_and_closest() -> None:
    with pytest.raises(
        ValueError, match=r"unknown dataset 'sorces'.*figures.*did you mean 'sources'"
    ):
        wps.load("sorces")
    with pytest.raises(ValueError, match="unknown dataset 42"):
        wps.load(42)  # type: ignore[arg-type]


# --- figures --------------------------------------------------------------------------------------


def test_figure_ids_unique_and_kebab(figs: pd.DataFrame) -> None:
    assert figs["figure_id"].is_unique
    assert figs["figure_id"].str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()


def test_references_exist(figs: pd.DataFrame) -> None:
    sources = wps.load("sources")
    assert set(figs["source_id"]) <= set(sources["source_id"])
    assert set(sources["cited_by"].dropna()) <= set(sources["source_id"])
    assert set(wps.load("resolutions")["cited_by"]) <= set(sources["source_id"])
    assert set(figs["indicator"]) <= set(wps.load("indicators")["indicator"])


def test_geo_codes_are_iso3_or_regions(figs: pd.DataFrame) -> None:
    regions = set(wps.load("regions")["region"])
    for geo in set(figs["geo"]):
        assert geo in regions or pycountry.countries.get(alpha_3=geo) is not None, geo


def test_region_members_are_iso3() -> None:
    members = wps.load("regions")["member"].dropna()
    assert all(pycountry.countries.get(alpha_3=m) is not None for m in members)
    g5 = wps.load("regions").query("region == 'G5S'")["member"]
    assert sorted(g5) == ["BFA", "MLI", "MRT", "NER", "TCD"]


def test_shares_lie_in_unit_interval(figs: pd.DataFrame) -> None:
    shares = figs[figs["kind"] == "share"]
    for col in ("value", "lower", "upper"):
        values = shares[col].dropna()
        assert ((values >= 0) & (values <= 1)).all(), col


def test_bounds_bracket_value(figs: pd.DataFrame) -> None:
    both = figs.dropna(subset=["lower", "upper"])
    assert (both["lower"] <= both["value"]).all()
    assert (both["value"] <= both["upper"]).all()


def test_qualifier_agrees_with_bounds(figs: pd.DataFrame) -> None:
    qual = figs["qualifier"].astype(str)
    has_lower = figs["lower"].notna()
    has_upper = figs["upper"].notna()
    assert (has_lower == qual.isin(LOWER)).all()
    assert (has_upper == qual.isin(UPPER)).all()
    one_sided = qual.isin(LOWER ^ UPPER)
    bound = figs["lower"].where(has_lower, figs["upper"])
    assert (bound[one_sided] == figs.loc[one_sided, "value"]).all()
    between = figs[qual == "between"]
    assert np.allclose(between["value"], (between["lower"] + between["upper"]) / 2)


def test_numerator_within_denominator(figs: pd.DataFrame) -> None:
    both = figs.dropna(subset=["numerator", "denominator"])
    assert (both["numerator"] <= both["denominator"]).all()
    assert (both["denominator"] > 0).all()


def test_value_is_ratio_within_printed_precision(figs: pd.DataFrame) -> None:
    both = figs.dropna(subset=["numerator", "denominator", "value"])
    assert len(both) >= 4
    for row in both.itertuples():
        ratio = row.numerator / row.denominator
        # a share printed to d decimals of a per cent is within half a unit of the last place
        tol = 0.5 * 10.0 ** (-int(row.decimals)) / 100 if pd.notna(row.decimals) else 1e-12
        assert abs(row.value - ratio) <= tol, row.figure_id


def test_decimals_are_what_the_phrase_prints(figs: pd.DataFrame) -> None:
    """The codebook's rule for decimals is parse_figure's: the data and the parser agree."""
    checked = 0
    for row in figs.itertuples():
        try:
            parsed = wps.parse_figure(row.text)
        except ValueError:
            continue  # two printed counts ("703 ..., including 225 women"): no single figure
        expected = None if pd.isna(row.decimals) else int(row.decimals)
        assert parsed.decimals == expected, row.figure_id
        checked += 1
    assert checked >= 35


def test_counts_are_whole_numbers(figs: pd.DataFrame) -> None:
    counts = figs[figs["kind"] == "count"]["value"]
    assert (counts == counts.round()).all()


def test_issue_examples_are_held_as_specified(figs: pd.DataFrame) -> None:
    f = figs.set_index("figure_id")
    row = f.loc["mli-child-marriage-18"]
    assert (row["qualifier"], row["value"], row["lower"]) == ("more_than", 0.52, 0.52)
    row = f.loc["mli-gbv-survivors-without-services"]
    assert (row["qualifier"], row["lower"], row["upper"]) == ("between", 0.83, 0.92)
    row = f.loc["mli-physical-violence-women"]
    assert (row["qualifier"], row["value"], row["upper"]) == ("nearly", 0.4, 0.4)
    row = f.loc["mli-tjrc-depositions"]
    assert (row["qualifier"], row["value"], row["upper"]) == ("nearly", 8000, 8000)
    pairs = {
        "mli-cabinet-women": (9, 36),
        "mli-election-mediators-women": (225, 703),
        "mli-security-training-women": (204, 1279),
        "mli-peace-mechanisms-in-place": (8, 26),
    }
    for fid, (num, den) in pairs.items():
        assert (f.loc[fid, "numerator"], f.loc[fid, "denominator"]) == (num, den), fid


def test_slips_are_flagged_not_corrected(figs: pd.DataFrame) -> None:
    sources = wps.load("sources").set_index("source_id")
    assert sources.loc["s-2016-682", "symbol"] == "S/206/682"
    assert "SLIP" in sources.loc["s-2016-682", "note"]
    assert "S/2016/682" in sources.loc["s-2016-682", "url"]
    res = wps.load("resolutions").set_index("resolution")
    assert (res.loc[2242, "year_printed"], res.loc[2242, "year_adopted"]) == (2016, 2015)
    assert "SLIP" in res.loc[2242, "note"]
    unit = figs.set_index("figure_id").loc["minusma-women-formed-police"]
    assert unit["text"] == "4.7 of formed police unit personnel" and "SLIP" in unit["note"]


def test_resolutions_and_provisions() -> None:
    res = wps.load("resolutions")
    assert res["resolution"].is_unique
    provisions = wps.load("resolution_provisions")
    assert set(provisions["resolution"]) == {2364, 2374, 2391}
    assert set(provisions["resolution"]) <= set(res["resolution"])
    assert set(provisions["theme"].astype(str)) == {
        "participation",
        "protection",
        "sexual_violence",
        "sexual_exploitation_abuse",
        "gender_analysis",
        "reporting",
    }


# --- against the seed itself -------------------------------------------------------------------


def _pages(seed: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\n\n", seed)]


def test_every_figure_phrase_is_printed_on_its_page(figs: pd.DataFrame, seed_text: str) -> None:
    pages = _pages(seed_text)
    for row in figs[figs["source_id"] == "ieg-mali-2018"].itertuples():
        page = int(row.locator.removeprefix("p. "))
        assert row.text in pages[page - 1], (row.figure_id, row.locator)


def test_printed_numbers_match_values(figs: pd.DataFrame) -> None:
    """Each digit-printed number in a phrase is the value, a bound, the numerator or denominator."""
    for row in figs.itertuples():
        numbers = [Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", row.text)]
        # printed units: per cent for shares, millions for "2.5 million"
        scale = 100 if row.kind in ("share", "change") else (1e-6 if "million" in row.text else 1)
        allowed = {
            Decimal(str(round(float(v) * scale, 6))).normalize()
            for v in (row.value, row.lower, row.upper)
            if pd.notna(v)
        } | {Decimal(int(v)) for v in (row.numerator, row.denominator) if pd.notna(v)}
        for number in numbers:
            if row.figure_id == "mli-married-girls-illiterate" and number == 10:
                continue  # the base of "nine out of 10", held as the share 0.9
            assert number.normalize() in allowed, (row.figure_id, number)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("S/206/682", "a document symbol"),
        ("June 30th", "a date"),
        ("OP 27", "a paragraph number"),
        ("resolution 2391", "a resolution number"),
        ("before 18 years", "an age"),
    ],
)
def test_non_figures_are_not_figures(figs: pd.DataFrame, phrase: str, reason: str) -> None:
    assert not figs["text"].str.contains(phrase, regex=False).any(), reason


# --- the figures() filter ------------------------------------------------------------------------


def test_figures_filters_and_joins_sources() -> None:
    mali = wps.figures(geo="MLI")
    assert (mali["geo"] == "MLI").all() and len(mali) >= 30
    assert mali["source_title"].notna().all() and mali["locator"].notna().all()
    both = wps.figures(geo=["MLI", "G5S"], pillar="participation")
    assert set(both["geo"]) == {"MLI", "G5S"}
    assert set(both["pillar"].astype(str)) == {"participation"}
    assert len(wps.figures(source=["ieg-mali-2018", "s-2025-492"])) == len(wps.load("figures"))


def test_valid_codes_without_figures_give_an_empty_frame() -> None:
    for kwargs in ({"geo": "MRT"}, {"geo": "ECOWAS"}, {"source": "dpo-ugps-2018-2028"}):
        out = wps.figures(**kwargs)
        assert out.empty and "figure_id" in out.columns, kwargs
    assert len(wps.figures(geo=["MRT", "MLI"])) == len(wps.figures(geo="MLI"))


def test_an_unknown_value_lists_what_every_figure_holds_whatever_the_other_filters() -> None:
    # BEN's only figures are on participation, and the 2018 note has none for BEN: the lists
    # still name every pillar and every place the dataset holds (read from its CSV here)
    every = pd.read_csv(data_dir() / "figures.csv", dtype=str)
    with pytest.raises(ValueError) as pillar:
        wps.figures(geo="BEN", pillar="protecton")
    assert f"hold {', '.join(sorted(set(every['pillar'])))}; did you mean 'protection'" in str(
        pillar.value
    )
    with pytest.raises(ValueError) as geo:
        wps.figures(source="ieg-mali-2018", geo="XYZ")
    assert f"hold {', '.join(sorted(set(every['geo'])))}" in str(geo.value)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"geo": "Mali"}, r"geo='Mali' is not a known geo.*did you mean 'MLI'"),
        # names pycountry's lookup does not know, which the readers' matcher does: a shortening
        # of the ISO name, and a former name a cited source prints beside the code
        ({"geo": "Russia"}, r"geo='Russia' is not a known geo.*did you mean 'RUS'"),
        ({"geo": "Turkey"}, r"geo='Turkey' is not a known geo.*did you mean 'TUR'"),
        ({"geo": "XYZ"}, r"geo='XYZ' is not a known geo; the figures hold BEN, BFA, G5S"),
        ({"pillar": "participaton"}, r"pillar='participaton'.*did you mean 'participation'"),
        ({"indicator": "fgm"}, r"indicator='fgm' is not a known indicator"),
        ({"source": "S/2016/682"}, r"source='S/2016/682' is not a known source"),
    ],
)
def test_figures_unknown_filter_value(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        wps.figures(**kwargs)


def test_import_is_light() -> None:
    # the figure grammar of wpsstats.published takes about 0.2 s to compile
    code = (
        "import sys, wpsstats; "
        "bad = [m for m in ('scipy', 'matplotlib', 'wpsstats.published') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_published_module_does_not_shadow_loader() -> None:
    import wpsstats.published  # noqa: F401  (the import must not rebind wps.figures)

    assert callable(wps.figures) and wps.figures.__module__ == "wpsstats.datasets"


# --- load() and list_datasets() against the files read directly -----------------------------------
# The expected values below come from datasets/ read with the csv, yaml and hashlib modules, not
# through wpsstats.

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def sidecar(name: str) -> dict[str, object]:
    import yaml

    meta: dict[str, object] = yaml.safe_load((DATASETS / f"{name}.yaml").read_text("utf-8"))
    return meta


def csv_records(file: str) -> list[dict[str, str]]:
    with open(DATASETS / file, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_list_datasets_is_every_row_of_the_index_and_every_sidecar() -> None:
    index = csv_records("datasets.csv")
    listed = wps.list_datasets()
    assert listed["name"].tolist() == [r["name"] for r in index]
    assert set(listed["name"]) == {p.stem for p in DATASETS.glob("*.yaml")}
    for row in listed.itertuples():
        assert row.rows == len(csv_records(f"{row.name}.csv")), row.name


@pytest.mark.parametrize("name", sorted(p.stem for p in DATASETS.glob("*.yaml")))
def test_load_attrs_are_the_whole_sidecar_with_its_sources_and_sha256(name: str) -> None:
    meta = sidecar(name)
    attrs = wps.load(name).attrs["wpsstats"]
    assert attrs == meta
    assert attrs["sources"] and attrs["sources"] == meta["sources"]
    file = DATASETS / str(meta["file"])
    assert attrs["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()


def test_load_attrs_are_a_deep_copy() -> None:
    first = wps.load("parity_targets")
    first.attrs["wpsstats"]["sources"][0]["title"] = "changed"
    first.attrs["wpsstats"]["columns"][0]["name"] = "changed"
    again = wps.load("parity_targets").attrs["wpsstats"]
    assert again == sidecar("parity_targets")


@pytest.mark.parametrize("name", sorted(p.stem for p in DATASETS.glob("*.yaml")))
def test_categories_and_dates_are_typed_as_the_codebook_says(name: str) -> None:
    meta = sidecar(name)
    frame = wps.load(name)
    records = csv_records(str(meta["file"]))
    for column in meta["columns"]:  # type: ignore[attr-defined]
        values = frame[column["name"]]
        if column["type"] == "category":
            # every category of the codebook, in its order, whether or not a row holds it
            assert isinstance(values.dtype, pd.CategoricalDtype), column["name"]
            assert list(values.dtype.categories) == column["categories"], column["name"]
        elif column["type"] == "date":
            assert pd.api.types.is_datetime64_any_dtype(values), column["name"]
            printed = [r[column["name"]] for r in records]
            assert [v.strftime("%Y-%m-%d") if pd.notna(v) else "" for v in values] == printed


def test_a_column_the_codebook_does_not_describe_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wpsstats.datasets as datasets

    meta = sidecar("resolutions")
    lines = (DATASETS / str(meta["file"])).read_text("utf-8").splitlines()
    extra = [lines[0] + ",extra"] + [line + ",1" for line in lines[1:]]
    (tmp_path / str(meta["file"])).write_text("\n".join(extra) + "\n", encoding="utf-8")
    monkeypatch.setattr(datasets, "data_dir", lambda: tmp_path)
    with pytest.raises(ValueError, match=r"columns its codebook does not describe: \['extra'\]"):
        datasets._read.__wrapped__("resolutions")


def test_figures_keep_the_sidecar_in_attrs() -> None:
    for out in (wps.figures(), wps.figures(geo="MLI", pillar="participation")):
        assert out.attrs["wpsstats"] == sidecar("figures")


def test_figures_refuse_a_filter_value_that_is_not_a_string() -> None:
    with pytest.raises(TypeError, match=r"source must be a string or a list of strings, got 5"):
        wps.figures(source=["ieg-mali-2018", 5])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"pillar must be a string"):
        wps.figures(pillar=[None])  # type: ignore[list-item]


def test_figures_refuse_a_lower_case_code() -> None:
    # "mli" is not a code: it would filter to no rows, as if Mali had no figure
    with pytest.raises(ValueError, match=r"geo='mli' is not a known geo.*did you mean 'MLI'"):
        wps.figures(geo="mli")


def test_every_example_file_is_found_whatever_its_format() -> None:
    folder = DATASETS / "examples"
    for path in sorted(folder.iterdir()):
        if path.suffix in (".csv", ".json", ".xlsx"):
            assert example_file(path.name) == data_dir() / "examples" / path.name
            assert example_file(path.name).read_bytes() == path.read_bytes()
    assert (folder / "unicef_fgm_women_example.xlsx").is_file()
    with pytest.raises(ValueError, match=r"no example file 'README.md'"):
        example_file("README.md")
