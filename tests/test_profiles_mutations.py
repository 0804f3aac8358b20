"""country_profile and region_profile against the bundled CSV files read directly.

Each expected value here comes from the raw files in ``datasets/`` read with plain pandas (every
field a string, nothing typed or joined by wpsstats), or with numpy's least squares for a trend:
never from the code path under test. Written for hand mutations of profiles.py that the rest of
the suite let pass (a series cut short or reversed, chambers or values dropped, the wrong UNICEF
database, agreements that name two places, the wrong PADD role, the wrong year of the targets, a
region's figures, notes and member names, a sentence of ``missing`` said or left out wrongly).
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wpsstats.profiles import country_profile, region_profile

DATA = Path(__file__).resolve().parent.parent / "datasets"


@functools.cache
def raw(name: str) -> pd.DataFrame:
    """A bundled CSV as its text says: every field a string, an empty field ''."""
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def wdi(geo: str) -> pd.DataFrame:
    rows = raw("wdi_parliament_world")
    rows = rows[rows["geo"] == geo]
    return pd.DataFrame(
        {"period": rows["period"].astype(int), "value": rows["value"].astype(float)}
    ).sort_values("period")


def as_int(text: str) -> int | None:
    return int(text) if text else None


# --- country_profile -----------------------------------------------------------------------------


@pytest.mark.parametrize("geo", ["MLI", "NER", "ARG", "SSF"])
def test_parliament_is_every_world_bank_row_oldest_first(geo: str) -> None:
    expected = wdi(geo)
    got = country_profile(geo)["parliament"]
    assert got["period"].astype(int).tolist() == expected["period"].tolist()
    assert got["share"].astype(float).tolist() == pytest.approx(
        expected["value"].tolist(), abs=1e-15
    )


@pytest.mark.parametrize("geo", ["MLI", "NER", "COL", "SEN", "AFG"])
def test_target_row_is_the_latest_world_bank_value_and_its_status(geo: str) -> None:
    series = wdi(geo)
    latest = series.iloc[-1]
    row = country_profile(geo)["target"].iloc[0]
    assert row["latest_period"] == str(int(latest["period"]))
    assert row["latest_share"] == pytest.approx(latest["value"], abs=1e-15)
    if latest["value"] >= 0.30:
        # first year of the unbroken run of observations at or above 30 per cent
        below = series[series["value"] < 0.30]["period"]
        run = series[series["period"] > below.max()] if len(below) else series
        assert (row["status"], row["year"]) == ("met", run["period"].min())
    else:
        slope, intercept = np.polyfit(series["period"], series["value"], 1)
        if slope > 0:
            assert row["status"] == "reached"
            assert row["year"] == pytest.approx((0.30 - intercept) / slope, abs=1e-6)
        else:
            assert row["status"] == "never"


def test_known_statuses_of_the_target_row() -> None:
    # Mali: 28.57 per cent in 2023, 30.66 in 2024 (World Bank, as bundled): met since 2024.
    # Senegal: 42.7 per cent in 2012 and at or above 30 since (the trend_status docstring).
    assert country_profile("MLI")["target"].loc[0, ["status", "year"]].tolist() == ["met", 2024]
    assert country_profile("SEN")["target"].loc[0, ["status", "year"]].tolist() == ["met", 2012]


def test_the_target_argument_is_the_one_measured_against() -> None:
    # Mali's 30.66 per cent of 2024 is below 35 per cent: not met
    series = wdi("MLI")
    row = country_profile("MLI", target=0.35)["target"].iloc[0]
    assert row["target"] == 0.35
    assert row["status"] != "met"
    slope, intercept = np.polyfit(series["period"], series["value"], 1)
    assert slope > 0 and row["status"] == "reached"
    assert row["year"] == pytest.approx((0.35 - intercept) / slope, abs=1e-6)


def test_no_parliament_series_gives_no_data_not_a_status() -> None:
    row = country_profile("XYZ")["target"].iloc[0]
    assert row["status"] == "no data"
    assert pd.isna(row["latest_period"]) and pd.isna(row["latest_share"])
    assert pd.isna(row["year"])


def test_target_latest_period_is_typed_like_the_parliament_periods() -> None:
    mali = country_profile("MLI")
    assert mali["target"]["latest_period"].dtype == mali["parliament"]["period"].dtype


@pytest.mark.parametrize("geo", ["MLI", "ARG", "HTI", "COL"])
def test_chambers_are_every_ipu_row_month_then_chamber(geo: str) -> None:
    rows = raw("ipu_parliament")
    rows = rows[rows["geo"] == geo].sort_values(["month", "chamber"])
    expected = [
        (m, c, as_int(s), as_int(w))
        for m, c, s, w in zip(
            rows["month"], rows["chamber"], rows["seats"], rows["women"], strict=True
        )
    ]
    got = country_profile(geo)["chambers"]
    seen = [
        (str(m), str(c), None if pd.isna(s) else int(s), None if pd.isna(w) else int(w))
        for m, c, s, w in zip(got["month"], got["chamber"], got["seats"], got["women"], strict=True)
    ]
    assert seen == expected


def test_a_chamber_without_women_counted_is_kept() -> None:
    # IPU's November 2025 ranking leaves Argentina's chambers unranked, women empty
    rows = raw("ipu_parliament")
    empty = rows[(rows["geo"] == "ARG") & (rows["women"] == "")]
    assert len(empty) == 2
    chambers = country_profile("ARG")["chambers"]
    assert int(chambers["women"].isna().sum()) == 2


def unicef(geo: str, databases: set[str]) -> list[tuple[str, str, str, float]]:
    rows = raw("unicef_child_marriage_fgm")
    rows = rows[(rows["geo"] == geo) & rows["database"].isin(databases) & (rows["value"] != "")]
    return sorted(
        zip(
            rows["indicator"],
            rows["breakdown"],
            rows["category"],
            rows["value"].astype(float),
            strict=True,
        )
    )


def unicef_seen(frame: pd.DataFrame) -> list[tuple[str, str, str, float]]:
    return sorted(
        zip(
            frame["indicator"].astype(str),
            frame["breakdown"].astype(str),
            frame["category"].astype(str),
            frame["value"].astype(float),
            strict=True,
        )
    )


@pytest.mark.parametrize("geo", ["MLI", "LBR", "NER", "EGY"])
def test_unicef_rows_are_the_databases_rows_with_a_value(geo: str) -> None:
    profile = country_profile(geo)
    assert unicef_seen(profile["child_marriage"]) == unicef(geo, {"child_marriage"})
    # FGM is two databases: women 15-49 and girls 0-14
    assert unicef_seen(profile["fgm"]) == unicef(geo, {"fgm_women", "fgm_girls"})


def test_unicef_missing_values_are_left_out_not_kept() -> None:
    # Liberia's file rows include some without a value: they are not rows of the profile
    rows = raw("unicef_child_marriage_fgm")
    assert ((rows["geo"] == "LBR") & (rows["value"] == "")).any()
    profile = country_profile("LBR")
    assert profile["child_marriage"]["value"].notna().all()
    assert profile["fgm"]["value"].notna().all()


def pax_ids(codes: set[str]) -> set[str]:
    rows = raw("pax_agreements_gender")
    mine = rows["geo"].map(lambda g: bool(set(g.split("/")) & codes) if g else False)
    return set(rows.loc[mine, "agreement_id"])


@pytest.mark.parametrize("geo", ["SDN", "SSD", "GBR", "MLI", "COL"])
def test_agreements_are_every_pax_row_naming_the_code_oldest_first(geo: str) -> None:
    got = country_profile(geo)["agreements"]
    assert set(got["agreement_id"].astype(str)) == pax_ids({geo})
    assert len(got) == len(pax_ids({geo}))
    assert got["date"].is_monotonic_increasing


def test_agreements_of_two_places_count_for_each() -> None:
    # PA-X writes the agreements between Sudan and South Sudan as "SSD/SDN"
    rows = raw("pax_agreements_gender")
    shared = set(rows.loc[rows["geo"] == "SSD/SDN", "agreement_id"])
    assert len(shared) >= 10
    for geo in ("SSD", "SDN"):
        assert shared <= set(country_profile(geo)["agreements"]["agreement_id"].astype(str))


def test_delegates_are_padds_delegates_rows() -> None:
    rows = raw("pax_mali")
    rows = rows[rows["role"] == "delegates"]
    expected = sorted(
        zip(rows["agreement_id"], rows["people"].map(int), rows["women"].map(int), strict=True)
    )
    got = country_profile("MLI")["delegates"]
    seen = sorted(
        zip(
            got["agreement_id"].astype(str),
            got["people"].map(int),
            got["women"].map(int),
            strict=True,
        )
    )
    assert seen == expected and len(seen) == 4


def test_delegates_of_a_country_padd_does_not_cover_are_none() -> None:
    colombia = country_profile("COL")
    assert colombia["delegates"].empty
    assert any(m.startswith("Women among the delegates") for m in colombia["missing"])


def peacekeepers(codes: set[str]) -> dict[str, tuple[int, int, float]]:
    """Women, total and the 2028 target by target category, from the three raw files."""
    ipi = raw("ipi_gender_2014")
    ipi = ipi[ipi["contributor"].isin(codes)]
    vocab = raw("personnel_categories")
    crosswalk = dict(
        vocab.loc[vocab["scheme"] == "read_ipi_gender", ["label", "category"]].to_numpy()
    )
    targets = raw("parity_targets")
    by_category = dict(targets.loc[targets["year"] == "2028", ["category", "target"]].to_numpy())
    out: dict[str, tuple[int, int, float]] = {}
    for label, rows in ipi.groupby("category"):
        category = crosswalk[label]
        women = int(rows.loc[rows["sex"] == "female", "count"].astype(int).sum())
        total = int(rows["count"].astype(int).sum())
        out[category] = (women, total, float(by_category[category]))
    return out


@pytest.mark.parametrize("geo", ["NER", "SEN", "BFA", "NGA"])
def test_peacekeepers_are_ipis_counts_against_the_2028_targets(geo: str) -> None:
    expected = peacekeepers({geo})
    got = country_profile(geo)["peacekeepers"]
    assert got["target_category"].is_unique
    seen = {
        str(r.target_category): (int(r.women), int(r.total), float(r.target))
        for r in got.itertuples()
    }
    assert seen == expected
    for r in got.itertuples():
        assert r.gap_pp == pytest.approx((r.target - r.women / r.total) * 100, abs=1e-9)


def test_peacekeepers_carry_the_vocabularys_match_quality() -> None:
    vocab = raw("personnel_categories")
    quality = dict(
        vocab.loc[vocab["scheme"] == "read_ipi_gender", ["category", "match"]].to_numpy()
    )
    got = country_profile("NER")["peacekeepers"]
    assert len(got) >= 3
    for r in got.itertuples():
        assert str(r.match) == quality[str(r.target_category)], r.target_category


def test_figures_and_regional_figures_are_the_figures_rows_of_the_code_and_its_regions() -> None:
    figures = raw("figures")
    regions = raw("regions")
    mine = set(regions.loc[regions["member"] == "MLI", "region"])
    assert len(mine) >= 3
    profile = country_profile("MLI")
    assert sorted(profile["figures"]["figure_id"]) == sorted(
        figures.loc[figures["geo"] == "MLI", "figure_id"]
    )
    regional = figures.loc[figures["geo"].isin(mine), "figure_id"]
    assert len(regional) > 0
    assert sorted(profile["regional_figures"]["figure_id"]) == sorted(regional)


def test_groupings_are_every_region_listing_the_code() -> None:
    regions = raw("regions")
    rows = regions[regions["member"] == "MLI"]
    got = country_profile("MLI")["groupings"]
    assert sorted(zip(got["region"], got["name"], strict=True)) == sorted(
        zip(rows["region"], rows["name"], strict=True)
    )


def test_only_an_aggregate_is_called_an_aggregate() -> None:
    for geo in ("XYZ", "MLI", "COL"):
        assert not any("World Bank aggregate" in m for m in country_profile(geo)["missing"]), geo


def missing_years(geo: str) -> list[int]:
    years = wdi(geo)["period"]
    return sorted(set(range(years.min(), years.max() + 1)) - set(years))


@pytest.mark.parametrize("geo", ["NER", "AFG", "ARG", "MLI", "ERI"])
def test_gaps_and_an_early_end_of_the_series_are_said(geo: str) -> None:
    years = wdi(geo)["period"]
    last_of_file = raw("wdi_parliament_world")["period"].astype(int).max()
    assert last_of_file == 2024
    missing = country_profile(geo)["missing"]
    after = [m for m in missing if m.startswith("Parliament shares after")]
    if years.max() < last_of_file:
        assert after == [
            f"Parliament shares after {years.max()}: the World Bank series stops there, "
            f"though its file runs to {last_of_file}."
        ]
    else:
        assert after == []
    gaps = [m for m in missing if m.startswith("Parliament shares for")]
    if missing_years(geo):
        assert len(gaps) == 1
        listed = gaps[0].removeprefix("Parliament shares for ").split(":")[0]
        spelled = set()
        for part in listed.split(", "):
            first, _, last = part.partition("-")
            spelled |= set(range(int(first), int(last or first) + 1))
        assert sorted(spelled) == missing_years(geo)
    else:
        assert gaps == []


def test_niger_says_its_gaps_and_its_end_in_words() -> None:
    # the bundled rows of Niger skip 1999 and 2010 and stop in 2022
    assert missing_years("NER") == [1999, 2010] and wdi("NER")["period"].max() == 2022
    missing = country_profile("NER")["missing"]
    assert "Parliament shares for 1999, 2010: the World Bank series has no value." in missing


def test_a_contributor_is_told_only_march_2014_is_bundled() -> None:
    for geo, sent in (("NER", True), ("MLI", bool(peacekeepers({"MLI"}))), ("XYZ", False)):
        missing = country_profile(geo)["missing"]
        said = any(m.startswith("Peacekeepers after March 2014") for m in missing)
        assert said == sent, geo


# --- region_profile ------------------------------------------------------------------------------


def members(region: str) -> pd.DataFrame:
    regions = raw("regions")
    return regions[(regions["region"] == region) & (regions["member"] != "")]


@pytest.mark.parametrize("region", ["G5S", "ECOWAS", "EAS", "SAS"])
def test_members_side_by_side_are_their_latest_world_bank_values(region: str) -> None:
    table = region_profile(region)["parliament"].set_index("member")
    rows = members(region)
    assert dict(zip(table.index, table["member_name"], strict=True)) == dict(
        zip(rows["member"], rows["member_name"], strict=True)
    )
    for code in rows["member"]:
        series = wdi(code)
        row = table.loc[code]
        if series.empty:
            assert pd.isna(row["period"]) and pd.isna(row["share"]), code
            assert row["status"] == "no data", code
        else:
            assert row["period"] == str(int(series["period"].iloc[-1])), code
            assert row["share"] == pytest.approx(series["value"].iloc[-1], abs=1e-15), code


@pytest.mark.parametrize("region", ["G5S", "EAS", "LCN"])
def test_members_seats_are_ipus_lower_chamber_of_november_2025_or_missing(region: str) -> None:
    ipu = raw("ipu_parliament")
    lower = ipu[(ipu["month"] == "2025-11") & (ipu["chamber"] == "lower")].set_index("geo")
    table = region_profile(region)["parliament"].set_index("member")
    for code, row in table.iterrows():
        if code in lower.index:
            expected = (as_int(lower.loc[code, "seats"]), as_int(lower.loc[code, "women"]))
        else:
            expected = (None, None)  # no row at all: missing, not 0
        counts = row[["seats_2025_11", "women_2025_11"]]
        seen = tuple(None if pd.isna(v) else int(v) for v in counts)
        assert seen == expected, code


@pytest.mark.parametrize("region", ["G5S", "SAH4", "EAS", "LCN"])
def test_members_left_out_of_the_pooled_seats_are_named_exactly(region: str) -> None:
    ipu = raw("ipu_parliament")
    counted = ipu[(ipu["month"] == "2025-11") & (ipu["chamber"] == "lower") & (ipu["women"] != "")][
        "geo"
    ]
    absent = sorted(set(members(region)["member"]) - set(counted))
    said = [m for m in region_profile(region)["missing"] if m.startswith("Pooled seats leave out")]
    if absent:
        assert said == [
            "Pooled seats leave out members without a lower chamber's seats and women in IPU's "
            f"November 2025 ranking: {', '.join(absent)}."
        ]
    else:
        assert said == []


@pytest.mark.parametrize("region", ["G5S", "ECOWAS"])
def test_region_unicef_tables_are_the_members_totals(region: str) -> None:
    codes = set(members(region)["member"])
    rows = raw("unicef_child_marriage_fgm")
    rows = rows[rows["geo"].isin(codes) & (rows["breakdown"] == "total") & (rows["value"] != "")]
    profile = region_profile(region)
    for key, databases in (
        ("child_marriage", {"child_marriage"}),
        ("fgm", {"fgm_women", "fgm_girls"}),
    ):
        chosen = rows[rows["database"].isin(databases)]
        expected = sorted(
            zip(chosen["geo"], chosen["indicator"], chosen["value"].astype(float), strict=True)
        )
        table = profile[key]
        seen = sorted(
            zip(
                table["member"],
                table["indicator"].astype(str),
                table["value"].astype(float),
                strict=True,
            )
        )
        assert seen == expected, key


@pytest.mark.parametrize("region", ["G5S", "ECOWAS", "ECS", "LCN"])
def test_pooled_agreements_count_each_once_and_the_members_named(region: str) -> None:
    codes = set(members(region)["member"])
    rows = raw("pax_agreements_gender")
    mine = rows[rows["agreement_id"].isin(pax_ids(codes))]
    named = {c for g in mine["geo"] for c in g.split("/")} & codes
    pooled = region_profile(region)["pooled"].set_index("figure")
    row = pooled.loc["peace agreements with provisions on women, girls and gender (PA-X)"]
    assert row["total"] == len(mine)
    assert row["count"] == int((mine["gewom"] == "True").sum())
    assert row["members"] == len(named)
    assert len(named) < len(codes) or region == "G5S"


def test_region_note_is_the_regions_own_note() -> None:
    regions = raw("regions")
    for region in ("G5S", "SAH", "WAS"):
        notes = regions.loc[(regions["region"] == region) & (regions["note"] != ""), "note"]
        assert len(notes) >= 1
        assert region_profile(region)["note"] == notes.iloc[0], region
