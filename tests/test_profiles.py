"""A profile for any place: every code of the World Bank file and every region, no kernel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.profiles import country_profile, region_profile

ROOT = Path(__file__).resolve().parent.parent
WDI_2025 = ROOT.parent / "shared" / "data" / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_216057.csv"
BUNDLED = sorted(wps.load("wdi_parliament_world")["geo"].unique())
REGIONS = wps.load("regions")["region"].drop_duplicates().tolist()
FRAMES = ["groupings", "parliament", "chambers", "target", "child_marriage", "fgm"]
FRAMES += ["agreements", "delegates", "peacekeepers", "figures", "regional_figures"]
SEATS = "women in lower or single chambers, 2025-11"
PEACEKEEPERS = "uniformed peacekeepers, 31 March 2014"


def every_code() -> list[str]:
    """Every code of the 2025 World Bank file where it is at hand, else of the bundled extract."""
    if WDI_2025.is_file():
        return sorted(wps.read.wdi(WDI_2025)["geo"].astype(str).unique())
    return BUNDLED


def check_country(geo: str) -> dict[str, object]:
    profile = country_profile(geo)
    assert profile["geo"] == geo
    for key in FRAMES:
        assert isinstance(profile[key], pd.DataFrame), (geo, key)
    missing = profile["missing"]
    assert isinstance(missing, list) and all(isinstance(m, str) and m for m in missing)
    # what the data lack is said, never silently left out
    for key, word in (
        ("parliament", "Women in parliament"),
        ("chambers", "Chambers' seats"),
        ("child_marriage", "Child marriage"),
        ("fgm", "Female genital mutilation"),
        ("agreements", "Peace agreements"),
        ("peacekeepers", "Peacekeepers"),
    ):
        frame = profile[key]
        assert isinstance(frame, pd.DataFrame)
        if frame.empty:
            assert any(m.startswith(word) for m in missing), (geo, key)
    return profile


def test_every_code_of_the_world_bank_file_has_a_profile() -> None:
    codes = every_code()
    assert len(codes) >= len(BUNDLED)
    for geo in codes:
        check_country(geo)


@pytest.mark.skipif(not WDI_2025.is_file(), reason="../shared/data is not at hand")
def test_the_world_bank_file_has_266_codes_and_the_bundle_all_with_values() -> None:
    codes = every_code()
    assert len(codes) == 266
    assert set(BUNDLED) <= set(codes)


def test_mali_profile_holds_every_source() -> None:
    mali = check_country("MLI")
    assert mali["name"] == "Mali"
    assert {"G5S", "SAH4", "SSF", "ECOWAS"} <= set(mali["groupings"]["region"])
    target = mali["target"].iloc[0]
    # the World Bank's 2024 value is 30.65 per cent: at or above 30, first in 2024
    assert target["status"] == "met" and target["year"] == 2024
    assert not mali["child_marriage"].empty and not mali["fgm"].empty
    fgm = mali["fgm"].query("breakdown == 'total'")
    assert fgm["reference_year"].notna().all()
    assert len(mali["delegates"]) == 4  # the four agreements of the PADD extract
    assert set(mali["delegates"]["agreement_id"]) <= set(mali["agreements"]["agreement_id"])
    assert len(mali["figures"]) > 0


def test_a_country_far_from_the_sahel() -> None:
    colombia = check_country("COL")
    assert {"LCN"} <= set(colombia["groupings"]["region"])
    assert len(colombia["chambers"]) == 4  # two chambers, two months
    assert colombia["agreements"]["gewom"].any()
    gap = colombia["peacekeepers"]
    assert (gap["women"] <= gap["total"]).all()
    assert any("no bundled report prints a figure" in m for m in colombia["missing"])


def test_below_the_target_gives_a_fitted_year_or_says_never() -> None:
    for geo in ("NGA", "COL", "BFA"):
        target = check_country(geo)["target"].iloc[0]
        assert target["latest_share"] < 0.30
        assert target["status"] in {"reached", "never"}
        if target["status"] == "reached":
            assert target["year"] > int(target["latest_period"])


def test_a_code_no_dataset_knows_says_so() -> None:
    profile = check_country("XYZ")
    assert profile["name"] == "XYZ"
    assert profile["missing"][0].startswith("No bundled dataset holds anything for the code 'XYZ'")


def test_an_aggregate_says_it_is_not_a_country() -> None:
    profile = check_country("SSF")
    assert not profile["parliament"].empty
    assert any("World Bank aggregate" in m for m in profile["missing"])


@pytest.mark.parametrize(
    ("value", "error"), [("mli", ValueError), ("", ValueError), (466, TypeError), (None, TypeError)]
)
def test_bad_codes_are_refused(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="geo"):
        country_profile(value)  # type: ignore[arg-type]
    with pytest.raises(error, match="region"):
        region_profile(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("profile", [country_profile, region_profile])
@pytest.mark.parametrize("code", ["MLI", "XYZ", "G5S", "ZZZ"])
@pytest.mark.parametrize(
    ("target", "error"),
    [(30, ValueError), (-0.1, ValueError), (float("nan"), ValueError), ([0.3, 0.4], TypeError)],
)
def test_a_bad_target_is_refused_whatever_the_data_hold(
    profile: Callable[..., dict[str, Any]], code: str, target: object, error: type[Exception]
) -> None:
    # XYZ has no data and ZZZ is no region: the target is refused before any data are looked at,
    # with the error trend_status gives for it
    with pytest.raises(error, match="target"):
        profile(code, target=target)
    with pytest.raises(error, match="target"):
        wps.trend_status([2018, 2020], [0.1, 0.2], target)


def test_an_unknown_region_lists_the_valid_ones() -> None:
    with pytest.raises(
        ValueError, match="region='XX' is not in the regions dataset; valid codes: G5S"
    ):
        region_profile("XX")


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_has_a_profile(region: str) -> None:
    profile = region_profile(region)
    members = profile["members"]["member"].tolist()
    assert members == sorted(set(members))
    parliament = profile["parliament"]
    assert parliament["member"].tolist() == members
    pooled = profile["pooled"]
    assert pooled["method"].str.len().gt(0).all()  # every pooled figure names its method
    assert ((pooled["count"] <= pooled["total"]) & (pooled["members"] <= len(members))).all()
    if not members:
        assert pooled.empty
        assert profile["missing"][0].startswith("Members: no source here lists the members")
    else:
        # child marriage and FGM are not pooled: no population weights are bundled
        assert any(m.startswith("Pooled child marriage and FGM") for m in profile["missing"])


def test_pooled_seats_are_the_members_counts_added() -> None:
    g5 = region_profile("G5S")
    seats = g5["parliament"]
    pooled = g5["pooled"].set_index("figure").loc["women in lower or single chambers, 2025-11"]
    assert pooled["count"] == seats["women_2025_11"].sum()
    assert pooled["total"] == seats["seats_2025_11"].sum()
    # the pooled share is seats-weighted: between the smallest and largest member's
    shares = seats["women_2025_11"] / seats["seats_2025_11"]
    assert shares.min() <= pooled["share"] <= shares.max()


def test_pooled_peacekeepers_add_up_the_members_profiles() -> None:
    ecowas = region_profile("ECOWAS")
    members = ecowas["members"]["member"]
    women = sum(int(country_profile(m)["peacekeepers"]["women"].sum()) for m in members)
    pooled = ecowas["pooled"].set_index("figure").loc["uniformed peacekeepers, 31 March 2014"]
    assert pooled["count"] == women


def test_a_world_bank_region_carries_the_world_banks_own_aggregate() -> None:
    ssf = region_profile("SSF")
    assert len(ssf["members"]) == 48
    assert not ssf["aggregate"].empty
    assert ssf["aggregate"]["period"].iloc[-1] == "2024"
    wdi = wps.load("wdi_parliament_world")
    own = wdi.loc[wdi["geo"] == "SSF", ["period", "value", "percent_printed"]]
    assert ssf["aggregate"]["period"].tolist() == own["period"].tolist()
    assert ssf["aggregate"]["share"].tolist() == own["value"].tolist()


def members_of(region: str) -> list[str]:
    regions = wps.load("regions")
    return regions.loc[regions["region"] == region, "member"].dropna().tolist()


def lower_chambers(members: list[str], month: str) -> pd.DataFrame:
    """IPU's lower or single chambers of the members in a month, where the women are known."""
    ipu = wps.load("ipu_parliament")
    chosen = ipu["geo"].isin(members) & (ipu["month"] == month) & (ipu["chamber"] == "lower")
    return ipu[chosen & ipu["women"].notna()].set_index("geo")


@pytest.mark.parametrize("region", REGIONS)
def test_pooled_shares_are_the_members_counts_added_then_divided(region: str) -> None:
    # the counts are added here from the bundled rows region_profile reads (IPU's November 2025
    # ranking, IPI's March 2014 file), then divided: the pooled share is that ratio, exactly
    pooled = region_profile(region)["pooled"].set_index("figure")
    for figure, row in pooled.iterrows():
        if row["total"]:
            assert row["share"] == row["count"] / row["total"], figure
    members = members_of(region)
    seats = lower_chambers(members, "2025-11")
    if seats.empty:
        assert SEATS not in pooled.index
    else:
        women, total = int(seats["women"].sum()), int(seats["seats"].sum())
        row = pooled.loc[SEATS]
        assert (row["count"], row["total"], row["members"]) == (women, total, len(seats))
        assert row["share"] == women / total
    ipi = wps.load("ipi_gender_2014")
    sent = ipi[ipi["contributor"].isin(members)]
    if sent.empty:
        assert PEACEKEEPERS not in pooled.index
    else:
        women = int(sent.loc[sent["sex"] == "female", "count"].sum())
        total = int(sent["count"].sum())
        contributors = sent["contributor"].nunique()
        row = pooled.loc[PEACEKEEPERS]
        assert (row["count"], row["total"], row["members"]) == (women, total, contributors)
        assert row["share"] == women / total


def test_the_world_banks_ssf_aggregate_pools_seats_the_same_way() -> None:
    # Neither the World Bank's file nor its metadata says how SG.GEN.PARL.ZS is aggregated. Its
    # 2021 values are IPU's November 2021 counts (women / seats, member by member, for all but
    # one member), so 2021 shows the method: the SSF aggregate is the women added over the seats
    # added of the members with a 2021 value -- the profile's pooling, not a mean of shares.
    wdi = wps.load("wdi_parliament_world").set_index("geo")
    year = wdi[wdi["period"] == "2021"]["value"].astype(float)
    published = year["SSF"]
    shares = year.reindex(members_of("SSF")).dropna()
    seats = lower_chambers(shares.index.tolist(), "2021-11")
    assert sorted(seats.index) == sorted(shares.index)
    women, total = seats["women"].astype(int), seats["seats"].astype(int)
    differ = (shares - women / total).abs() > 1e-12
    # where the World Bank's share is not IPU's count (South Africa: its share is 184 women of
    # 395 seats, IPU's November ranking counts 397), its own seats are women / share, whole
    assert differ[differ].index.tolist() == ["ZAF"]
    own = (women[differ] / shares[differ]).round().astype(int)
    assert ((women[differ] / own - shares[differ]).abs() < 1e-12).all()
    total[differ] = own
    assert women.sum() / total.sum() == pytest.approx(published, abs=1e-12)
    # an unweighted mean of the members' shares is far from it
    assert abs(shares.mean() - published) > 0.01


def test_pooled_seats_of_ssf_against_the_world_banks_latest_aggregate() -> None:
    # Same method (test above), not the same date: the pool is IPU's November 2025 ranking, the
    # World Bank's latest year 2024 (44 members with a value, 46 pooled). Allowed: the largest
    # move the World Bank's aggregate made in one year over its last five years.
    wdi = wps.load("wdi_parliament_world")
    series = wdi.loc[wdi["geo"] == "SSF"].set_index("period")["value"].astype(float)
    assert series.index[-1] == "2024"
    tolerance = series.diff().abs().iloc[-5:].max()
    assert 0 < tolerance < 0.02
    pooled = region_profile("SSF")["pooled"].set_index("figure").loc[SEATS, "share"]
    assert abs(pooled - series.iloc[-1]) <= tolerance


@pytest.mark.parametrize("region", ["AU", "EU", "MRU", "SAH", "WAS"])
def test_a_region_without_members_has_the_frames_of_one_with_them(region: str) -> None:
    # no source lists these members: the frames are empty, of the dtypes G5S's have, so that
    # profiles stacked together keep their numbers numbers
    empty, g5 = region_profile(region), region_profile("G5S")
    assert empty["members"].empty
    for key in ("parliament", "child_marriage", "fgm", "pooled", "peacekeepers"):
        assert empty[key].empty, key
        pd.testing.assert_series_equal(empty[key].dtypes, g5[key].dtypes, obj=key)
