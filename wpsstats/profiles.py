"""What the bundled data hold for one place: a country's profile and a region's.

:func:`country_profile` gathers, for one code, every bundled dataset's rows about it -- women's
share of parliament seats (World Bank, to 2024) and its chambers' seats (IPU), the year its trend
reaches 30 per cent, child marriage and FGM (UNICEF), peace agreements and their gender provisions
(PA-X) with women among the delegates (PADD, Mali only), the peacekeepers it contributed in March
2014 (IPI) against the parity targets, and the figures the bundled reports print (the seed and
S/2025/492, each row with its ``source_id``) -- and states plainly what the data do not hold.
:func:`region_profile` does the same for a grouping of the ``regions`` dataset: its members side
by side, and pooled figures only where pooling is valid (counts that add up), each with its method
named. The profile notebooks (``notebooks/country_profile.ipynb``,
``notebooks/region_profile.ipynb``) print and draw these frames; nothing here draws.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
import pandas as pd

from ._checks import check_share
from ._countries import short_name
from .datasets import load

__all__ = ["TARGET", "country_profile", "region_profile"]

TARGET = 0.30
"""The share of women in decision-making the profiles measure parliaments against (seed, p. 4:
the 2013 Sahel conference's recommendation of at least 30 per cent)."""

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@functools.cache
def _data(name: str) -> pd.DataFrame:
    # one load per process: a profile of every country reads each dataset once, never mutates it
    return load(name)


@functools.cache
def _groups(name: str, column: str) -> dict[str, pd.DataFrame]:
    # a profile of every country looks up each code many times: split each dataset once
    frame = _data(name)
    return {str(key): rows for key, rows in frame.groupby(column, sort=False, observed=True)}


def _rows(name: str, column: str, code: str) -> pd.DataFrame:
    """The rows of a bundled dataset whose ``column`` is ``code`` (an empty frame if none)."""
    found = _groups(name, column).get(code)
    return _data(name).iloc[:0] if found is None else found


def _check_code(value: Any, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a string code such as 'MLI', got {value!r}")
    if not _CODE.match(value):
        raise ValueError(
            f"{argument}={value!r} is not a code: give an upper-case ISO 3166-1 alpha-3 code "
            "('MLI') or a region code of the regions dataset ('G5S')"
        )
    return value


def _name_of(geo: str) -> str | None:
    for dataset, column, name in (
        ("wdi_parliament_world", "geo", "geo_name"),
        ("regions", "member", "member_name"),
        ("ipu_parliament", "geo", "geo_name"),
        ("unicef_child_marriage_fgm", "geo", "geo_name"),
        ("ipi_gender_2014", "contributor", "contributor_name"),
    ):
        hit = _rows(dataset, column, geo)[name].dropna()
        if not hit.empty:
            return str(hit.iloc[0])
    return None


def _parliament(geo: str) -> pd.DataFrame:
    rows = _rows("wdi_parliament_world", "geo", geo)[["period", "value", "percent_printed"]]
    return rows.rename(columns={"value": "share"}).reset_index(drop=True)


def _chambers(geo: str) -> pd.DataFrame:
    columns = ["month", "chamber", "election", "seats", "women", "share", "status"]
    rows = _rows("ipu_parliament", "geo", geo)[columns]
    return rows.sort_values(["month", "chamber"]).reset_index(drop=True)


def _target(parliament: pd.DataFrame, *, target: float) -> pd.DataFrame:
    """Where the parliament trend stands against the target, in one row (wps.trend_status)."""
    columns = ["target", "latest_period", "latest_share", "status", "year"]
    if parliament.empty:
        row = [target, pd.NA, np.nan, "no data", np.nan]
    else:
        from ._trends import trend_status  # scipy-free, but keeps import wpsstats light

        periods = parliament["period"].astype(int)
        status = trend_status(periods, parliament["share"].astype(float), target).iloc[0]
        latest = str(int(status["latest_period"]))
        row = [target, latest, status["latest_share"], status["status"], status["year"]]
    return pd.DataFrame([row], columns=columns).astype({"latest_period": "string"})


def _unicef(geo: str, database: str) -> pd.DataFrame:
    unicef = _rows("unicef_child_marriage_fgm", "geo", geo)
    columns = ["indicator", "breakdown", "category", "value", "note", "reference_year", "source"]
    # the FGM databases are two (women 15-49, girls 0-14): "fgm" takes both
    chosen = unicef["database"].astype(str).str.startswith(database)
    rows = unicef.loc[chosen, columns]
    return rows.dropna(subset=["value"]).reset_index(drop=True)


@functools.cache
def _places() -> pd.Series:
    # PA-X writes two places as "AAA/BBB": an agreement is a member's when its code is among them
    return _data("pax_agreements_gender")["geo"].fillna("").str.split("/").map(frozenset)


def _agreements(members: list[str]) -> pd.DataFrame:
    pax = _data("pax_agreements_gender")
    wanted = frozenset(members)
    mine = _places().map(lambda places: not places.isdisjoint(wanted)).astype(bool)
    columns = ["agreement_id", "agreement", "geo", "date", "stage", "gewom"]
    return pax.loc[mine, columns].sort_values("date").reset_index(drop=True)


def _delegates(agreements: pd.DataFrame) -> pd.DataFrame:
    pax = _data("pax_mali")
    rows = pax[pax["agreement_id"].isin(agreements["agreement_id"])]
    rows = rows[rows["role"] == "delegates"]
    return rows[["agreement_id", "date", "people", "women"]].reset_index(drop=True)


@functools.cache
def _sent() -> pd.DataFrame:
    """IPI's March 2014 personnel in the parity targets' categories (the crosswalk run once)."""
    from .parity import to_target_categories

    return to_target_categories(_data("ipi_gender_2014"), scheme="read_ipi_gender")


def _peacekeepers(members: list[str]) -> pd.DataFrame:
    """Personnel sent in March 2014 by target category and sex, with the parity gap."""
    from .parity import parity_gap, parity_targets

    ipi = _sent()
    sent = ipi[ipi["contributor"].isin(members)]
    columns = ["target_category", "match", "women", "total", "share", "target", "gap_pp"]
    columns += ["women_needed", "met"]
    if sent.empty:
        # the dtypes of a member that sent personnel, so that profiles stack without object columns
        dtypes = [sent["target_category"].dtype, sent["match"].dtype, "int64", "int64"]
        dtypes += ["float64", "float64", "float64", "Int64", "boolean"]
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in zip(columns, dtypes, strict=True)})
    counts = sent.pivot_table(
        index=["target_category", "match"],
        columns="sex",
        values="count",
        aggfunc="sum",
        observed=True,
    ).reset_index()
    counts.columns.name = None
    targets = parity_targets(year=2028).set_index("category")["target"].astype(float)
    women = counts["female"].astype("int64")
    total = women + counts["male"].astype("int64")
    target = counts["target_category"].astype(str).map(targets).astype(float)
    gap = parity_gap(women.to_numpy(), total.to_numpy(), target.to_numpy())
    out = pd.concat(
        [counts[["target_category", "match"]], women.rename("women"), total.rename("total")],
        axis=1,
    )
    return pd.concat([out, gap.reset_index(drop=True)], axis=1)[columns]


def _figures(codes: list[str]) -> pd.DataFrame:
    # source_id: the figures come from two reports (the 2018 update and S/2025/492)
    columns = ["figure_id", "source_id", "geo", "kind", "qualifier", "value", "text", "locator"]
    found = [_rows("figures", "geo", code)[columns] for code in codes]
    return pd.concat([_data("figures").iloc[:0][columns], *found], ignore_index=True)


def _groupings(geo: str) -> pd.DataFrame:
    rows = _rows("regions", "member", geo)[["region", "name", "source"]]
    return rows.reset_index(drop=True)


def country_profile(geo: str, *, target: float = TARGET) -> dict[str, Any]:
    """Everything the bundled data hold about one country, and what they do not.

    Parameters
    ----------
    geo : str
        An ISO 3166-1 alpha-3 code (``"MLI"``), or any code of the World Bank's file (its
        aggregates, ``"SSF"``, have a parliament series and nothing else). A code no bundled
        dataset knows gives an empty profile whose ``missing`` says so.
    target : float, default 0.30
        Share of parliament seats the trend is measured against.

    Returns
    -------
    dict
        ``geo`` and ``name`` (str: pycountry's usual short name, "Egypt" where the World Bank
        writes "Egypt, Arab Rep."; for a code pycountry does not know, the bundled data's name,
        else the code itself), then tidy frames:
        ``groupings`` (region, name, source: the ``regions`` it belongs to), ``parliament``
        (period, share, percent_printed: World Bank SG.GEN.PARL.ZS, release of 7 Oct 2025),
        ``chambers`` (month, chamber, election, seats, women, share, status: IPU, Nov 2021 and
        Nov 2025), ``target`` (one row: target, latest_period, latest_share, and status and
        year as :func:`wpsstats.trend_status` gives them -- "met" since the year, "reached" at
        the fitted year, "never" at this pace, "no trend" from one year -- or "no data"),
        ``child_marriage`` and ``fgm`` (indicator, breakdown, category, value, note,
        reference_year, source: UNICEF), ``agreements`` (agreement_id, agreement, geo, date,
        stage, gewom: PA-X v6), ``delegates`` (agreement_id, date, people, women: PADD),
        ``peacekeepers`` (target_category, match, women, total, then
        :func:`wpsstats.parity_gap`'s columns against the 2028 targets: IPI, 31 March 2014),
        ``figures`` (the bundled reports' figures about the country, ``source_id`` naming the
        report: the seed or S/2025/492; ``regional_figures`` those about its groupings); and
        ``missing``, a list of plain sentences saying what the bundled data do not hold.

    Raises
    ------
    TypeError
        If ``geo`` is not a string, or ``target`` is not one number.
    ValueError
        If ``geo`` is not an upper-case code, or ``target`` is not a share in [0, 1].

    Examples
    --------
    >>> import wpsstats as wps
    >>> mali = wps.country_profile("MLI")
    >>> mali["name"], mali["target"].loc[0, "status"], int(mali["target"].loc[0, "year"])
    ('Mali', 'met', 2024)
    >>> mali["chambers"].query("month == '2025-11'")[["chamber", "seats", "women"]]
      chamber  seats  women
    1   lower    133     40
    >>> int(mali["agreements"]["gewom"].sum()) >= 1
    True
    >>> wps.country_profile("XYZ")["missing"][0]
    "No bundled dataset holds anything for the code 'XYZ': check it is an ISO 3166-1 alpha-3 code."
    """
    # the target first: a place with no parliament series refuses target=30 as Mali does
    geo, target = _check_code(geo, "geo"), check_share("target", target)
    found = _name_of(geo)
    # the usual short name, not the World Bank's inverted one ("Egypt, Arab Rep."), in prose
    name = short_name(geo) or found or geo
    profile: dict[str, Any] = {"geo": geo, "name": name, "groupings": _groupings(geo)}
    missing: list[str] = []
    if found is None:
        missing.append(
            f"No bundled dataset holds anything for the code {geo!r}: check it is an ISO 3166-1 "
            "alpha-3 code."
        )
    if _rows("wdi_parliament_world", "geo", geo)["is_aggregate"].any():
        missing.append(
            f"{name} is a World Bank aggregate, not a country: only its parliament series is "
            "bundled here; a grouping of the regions dataset has a region profile."
        )
    parliament = _parliament(geo)
    profile["parliament"] = parliament
    profile["chambers"] = _chambers(geo)
    profile["target"] = _target(parliament, target=target)
    if parliament.empty:
        missing.append(
            f"Women in parliament: the World Bank's file (release of 7 Oct 2025) has no value "
            f"for {name}."
        )
    else:
        years = parliament["period"].astype(int)
        gaps = sorted(set(range(years.min(), years.max() + 1)) - set(years))
        if gaps:
            missing.append(
                f"Parliament shares for {_spans(gaps)}: the World Bank series has no value."
            )
        last = int(_data("wdi_parliament_world")["period"].astype(int).max())
        if years.max() < last:
            missing.append(
                f"Parliament shares after {years.max()}: the World Bank series stops there, "
                f"though its file runs to {last}."
            )
    if profile["chambers"].empty:
        missing.append(
            f"Chambers' seats: IPU's rankings of November 2021 and November 2025 have no row "
            f"for {name}."
        )
    for key, database, label in (
        ("child_marriage", "child_marriage", "Child marriage"),
        ("fgm", "fgm", "Female genital mutilation"),
    ):
        profile[key] = _unicef(geo, database)
        if profile[key].empty:
            missing.append(f"{label}: UNICEF's global database has no value for {name}.")
    agreements = _agreements([geo])
    profile["agreements"] = agreements
    profile["delegates"] = _delegates(agreements)
    if agreements.empty:
        missing.append(
            "Peace agreements: PA-X (version 6, 1990 to January 2023) holds no agreement of "
            f"{name}."
        )
    if profile["delegates"].empty:
        missing.append(
            "Women among the delegates: the bundled PADD extract holds Mali's four agreements "
            f"only, none of {name}."
        )
    profile["peacekeepers"] = _peacekeepers([geo])
    if profile["peacekeepers"].empty:
        missing.append(
            f"Peacekeepers: {name} contributed no uniformed personnel to a UN mission on 31 March "
            "2014 (IPI), the only month bundled."
        )
    else:
        missing.append(
            "Peacekeepers after March 2014: only 31 March 2014 is bundled (IPI); the 2028 targets "
            "are measured against that month."
        )
    profile["figures"] = _figures([geo])
    profile["regional_figures"] = _figures(
        profile["groupings"]["region"].drop_duplicates().tolist()
    )
    if profile["figures"].empty:
        missing.append(f"Published figures: no bundled report prints a figure about {name} alone.")
    missing.append(
        "Survey microdata: no DHS or MICS file is bundled, so no prevalence can be estimated "
        "with its interval here."
    )
    profile["missing"] = missing
    return profile


def _spans(years: list[int]) -> str:
    """``[2013, 2014, 2016]`` -> ``"2013-2014, 2016"``."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    return ", ".join(str(s[0]) if len(s) == 1 else f"{s[0]}-{s[-1]}" for s in spans)


def region_profile(region: str, *, target: float = TARGET) -> dict[str, Any]:
    """A grouping of the ``regions`` dataset: its members side by side, pooled where valid.

    Parameters
    ----------
    region : str
        A region code of the ``regions`` dataset (``"G5S"``, ``"ECOWAS"``, ``"SSF"``).
    target : float, default 0.30
        Share of parliament seats the members are measured against.

    Returns
    -------
    dict
        ``region``, ``name``, ``note`` (where the membership comes from) and ``members`` (member,
        member_name, source); then frames with one row per member -- ``parliament`` (latest
        World Bank share and its period, the lower or single chamber's seats and women in IPU's
        November 2025 ranking, and the target status and year of :func:`wpsstats.trend_status`),
        ``child_marriage`` and ``fgm`` (the total of each indicator with its reference year) --;
        ``agreements`` (PA-X agreements naming any member, each once); ``pooled``, one row per
        pooled figure (figure, count, total, share, members: how many members it covers) with
        ``method`` naming how it was pooled (women over seats of the members' lower chambers;
        agreements counted once; the peacekeepers' counts added by category); ``peacekeepers``
        (the members' personnel added up, against the 2028 targets); ``aggregate`` (the World
        Bank's own series where the region is one of its aggregates); ``figures`` (the bundled
        reports' figures about the region, each with its ``source_id``); and ``missing``, plain
        sentences saying what cannot be given and why.

    Raises
    ------
    TypeError
        If ``region`` is not a string, or ``target`` is not one number.
    ValueError
        If ``region`` is not a region code of the ``regions`` dataset (the message lists them),
        or ``target`` is not a share in [0, 1].

    Examples
    --------
    >>> import wpsstats as wps
    >>> g5 = wps.region_profile("G5S")
    >>> g5["members"]["member"].tolist()
    ['BFA', 'MLI', 'MRT', 'NER', 'TCD']
    >>> pooled = g5["pooled"].set_index("figure")
    >>> pooled.loc["women in lower or single chambers, 2025-11", ["count", "total"]].tolist()
    [195, 762]
    >>> wps.region_profile("WAS")["members"].empty
    True
    """
    # the target first: a place with no parliament series refuses target=30 as Mali does
    region, target = _check_code(region, "region"), check_share("target", target)
    regions = _data("regions")
    rows = regions[regions["region"] == region]
    if rows.empty:
        valid = ", ".join(regions["region"].drop_duplicates())
        raise ValueError(f"region={region!r} is not in the regions dataset; valid codes: {valid}")
    name = str(rows["name"].iloc[0])
    members = rows.dropna(subset=["member"])[["member", "member_name", "source"]]
    members = members.reset_index(drop=True)
    codes = members["member"].tolist()
    profile: dict[str, Any] = {
        "region": region,
        "name": name,
        "note": str(rows["note"].dropna().iloc[0]) if rows["note"].notna().any() else "",
        "members": members,
    }
    missing: list[str] = []
    if not codes:
        missing.append(
            f"Members: no source here lists the members of {name}, so nothing can be shown or "
            "pooled for it (see the note)."
        )
    profile["parliament"] = _side_by_side_parliament(members, target=target)
    lower = _data("ipu_parliament")
    lower = lower[
        lower["geo"].isin(codes)
        & (lower["month"] == "2025-11")
        & (lower["chamber"] == "lower")
        & lower["women"].notna()
    ]
    pooled = []
    if not lower.empty:
        women, seats = int(lower["women"].sum()), int(lower["seats"].sum())
        pooled.append(
            {
                "figure": "women in lower or single chambers, 2025-11",
                "count": women,
                "total": seats,
                "share": women / seats,
                "members": int(lower["geo"].nunique()),
                "method": "pooled: the members' women added over their seats added (IPU counts);"
                " each seat weighs the same, so large chambers weigh more",
            }
        )
    if codes and len(lower) < len(codes):
        absent = sorted(set(codes) - set(lower["geo"]))
        missing.append(
            "Pooled seats leave out members without a lower chamber's seats and women in IPU's "
            f"November 2025 ranking: {', '.join(absent)}."
        )
    for key, database in (("child_marriage", "child_marriage"), ("fgm", "fgm")):
        # no members: one member with no rows, so that the frame keeps the database's dtypes
        frames = [_unicef(code, database).assign(member=code) for code in codes or [""]]
        columns = ["member", "indicator", "value", "reference_year", "source", "note"]
        table = pd.concat(frames, ignore_index=True)
        profile[key] = table.loc[table["breakdown"] == "total", columns].reset_index(drop=True)
    if codes:
        missing.append(
            "Pooled child marriage and FGM: a region's prevalence weighs each member by its "
            "women of the age group, and no population is bundled; the members are shown side "
            "by side, not pooled."
        )
    agreements = _agreements(codes)
    profile["agreements"] = agreements
    if codes:
        named = {c for places in agreements["geo"].dropna().str.split("/") for c in places}
        pooled.append(
            {
                "figure": "peace agreements with provisions on women, girls and gender (PA-X)",
                "count": int(agreements["gewom"].fillna(False).sum()),
                "total": len(agreements),
                "share": (
                    float(agreements["gewom"].fillna(False).mean()) if len(agreements) else np.nan
                ),
                "members": len(set(codes) & named),
                "method": "counted: each agreement naming a member once, however many it names",
            }
        )
    profile["peacekeepers"] = _peacekeepers(codes)
    if not profile["peacekeepers"].empty:
        pk = profile["peacekeepers"]
        ipi = _data("ipi_gender_2014")
        contributors = int(ipi.loc[ipi["contributor"].isin(codes), "contributor"].nunique())
        pooled.append(
            {
                "figure": "uniformed peacekeepers, 31 March 2014",
                "count": int(pk["women"].sum()),
                "total": int(pk["total"].sum()),
                "share": float(pk["women"].sum() / pk["total"].sum()),
                "members": contributors,
                "method": "pooled: the members' personnel added by category and sex (IPI counts)",
            }
        )
    elif codes:
        missing.append(
            f"Peacekeepers: no member of {name} contributed uniformed personnel on 31 March 2014."
        )
    dtypes = {"figure": "str", "count": "int64", "total": "int64", "share": "float64"}
    profile["pooled"] = pd.DataFrame(pooled, columns=[*dtypes, "members", "method"]).astype(
        dtypes | {"members": "int64", "method": "str"}
    )
    wdi = _data("wdi_parliament_world")
    aggregate = wdi.loc[wdi["geo"] == region, ["period", "value", "percent_printed"]]
    profile["aggregate"] = aggregate.rename(columns={"value": "share"}).reset_index(drop=True)
    profile["figures"] = _figures([region])
    if profile["figures"].empty:
        missing.append(f"Published figures: no bundled report prints a figure about {name}.")
    profile["missing"] = missing
    return profile


def _side_by_side_parliament(members: pd.DataFrame, *, target: float) -> pd.DataFrame:
    ipu = _data("ipu_parliament")
    rows = []
    for code, member_name in zip(members["member"], members["member_name"], strict=True):
        status = _target(_parliament(code), target=target).iloc[0]
        lower = ipu[
            (ipu["geo"] == code) & (ipu["month"] == "2025-11") & (ipu["chamber"] == "lower")
        ]
        rows.append(
            {
                "member": code,
                "member_name": member_name,
                "period": status["latest_period"],
                "share": status["latest_share"],
                "status": status["status"],
                "year": status["year"],
                "seats_2025_11": lower["seats"].iloc[0] if len(lower) else pd.NA,
                "women_2025_11": lower["women"].iloc[0] if len(lower) else pd.NA,
            }
        )
    columns = ["member", "member_name", "period", "share", "status", "year", "seats_2025_11"]
    columns += ["women_2025_11"]
    # the dtypes written out, so that a region without members has them too
    dtypes = {"member": "str", "member_name": "str", "period": "str", "share": "float64"}
    dtypes |= {"status": "str", "year": "float64", "seats_2025_11": "Int64"}
    return pd.DataFrame(rows, columns=columns).astype(dtypes | {"women_2025_11": "Int64"})
