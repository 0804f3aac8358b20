"""Write datasets/regions.csv: the groupings analysts use, each membership with its source.

- The seed's own groupings (G5S, SAH4) and the groupings it names without members (SAH, WAS, MRU,
  EU, AU) are kept exactly as the seed prints them (the Informal Expert Group's 2018 update, p. 4).
- The World Bank's seven regions and four income groups come from the Metadata_Country companion
  of the WDI release of 15 February 2022 (the only one in ../shared/data): each economy's Region and
  IncomeGroup. The grouping's code is the World Bank's own code of the aggregate of that name in the
  same file (SSF for "Sub-Saharan Africa", LIC for "Low income", ...), so a region's pooled figures
  sit beside the World Bank's own aggregate in wdi_parliament_world.
- ECOWAS's fifteen members are those the Media Foundation for West Africa lists ("Know Your
  ECOWAS"); ECOWAS's own page could not be opened here. S/2025/492 (p. 3) records that Mali, Burkina
  Faso and the Niger announced their withdrawal: the note says so.
- The countries of UNOWAS's mandate: no source that could be opened here lists them, so WAS keeps
  one row without members, as the seed gives it.

``member`` holds ISO 3166-1 alpha-3 codes only: the World Bank's own codes XKX (Kosovo) and CHI
(Channel Islands) are not ISO codes and are left out of their groupings, which the note states.
Run::

    .venv/bin/python datasets/scripts/make_regions.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pycountry

ROOT = Path(__file__).resolve().parents[2]
METADATA = (
    ROOT.parent
    / "shared"
    / "data"
    / "wdi"
    / "Metadata_Country_API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
)
OUT = ROOT / "datasets" / "regions.csv"
COLUMNS = ["region", "name", "member", "member_name", "note", "source"]

SEED = "IEG on WPS, update on Mali and the Sahel (2018), p. 4"
WB = "World Bank WDI, Metadata_Country of SG.GEN.PARL.ZS, release of 15 Feb 2022"
MFWA = "Media Foundation for West Africa, Know Your ECOWAS, https://www.mfwa.org/publication/know-your-ecowas/"

# (region, name, members, note) as the seed prints them; unchanged from the hand-written file
SEED_GROUPS = [
    (
        "G5S",
        "G5 Sahel",
        ["BFA", "MLI", "MRT", "NER", "TCD"],
        "The seed's five countries (p. 4: 'all five countries (Mali, Burkina Faso, Chad, Niger, "
        "and Mauritania)'); the G5 Sahel States of resolution 2391.",
    ),
    (
        "SAH4",
        "Niger, Mali, Chad and Burkina Faso",
        ["BFA", "MLI", "NER", "TCD"],
        "The four countries of the seed's poverty figure (p. 4).",
    ),
    (
        "SAH",
        "The Sahel region",
        [],
        "The seed speaks of 'the Sahel region' and 'Sahel routes' without listing members; the UN "
        "Integrated Strategy for the Sahel defines its own list, which no source here gives, so "
        "none is bundled.",
    ),
    (
        "WAS",
        "West Africa and the Sahel",
        [],
        "UNOWAS's area (p. 4); members not listed in the seed, none bundled. No source that could "
        "be opened here lists the countries of UNOWAS's mandate (its background page, "
        "https://unowas.unmissions.org/background, names the area without a list).",
    ),
    (
        "MRU",
        "Mano River Union",
        [],
        "Named in the seed (p. 4); members not listed in the seed, none bundled.",
    ),
    (
        "EU",
        "European Union",
        [],
        "Named in the seed (pp. 3-4); members not listed in the seed, none bundled.",
    ),
    (
        "AU",
        "African Union",
        [],
        "Named in the seed (pp. 4, 8); members not listed in the seed, none bundled.",
    ),
]
# The fifteen members as the MFWA page prints them -> the World Bank's names in the metadata file
ECOWAS_PRINTED = {
    "Benin": "Benin",
    "Burkina Faso": "Burkina Faso",
    "Cape Verde": "Cabo Verde",
    "Côte d’Ivoire": "Côte d'Ivoire",
    "Ghana": "Ghana",
    "Guinea": "Guinea",
    "Guinea Bissau": "Guinea-Bissau",
    "Liberia": "Liberia",
    "Mali": "Mali",
    "Niger": "Niger",
    "Nigeria": "Nigeria",
    "Senegal": "Senegal",
    "Sierra-Leone": "Sierra Leone",
    "Gambia": "Gambia, The",
    "Togo": "Togo",
}
ECOWAS_NOTE = (
    "Named in the seed (p. 4, printed as 'Economic Commission of African States West'). "
    "The 15 member states the Media Foundation for West Africa lists ('Know Your ECOWAS', undated, "
    "accessed 2026-12-07); ECOWAS's own page could not be opened here. S/2025/492 (30 July 2025, "
    "p. 3) records that Mali, Burkina Faso and the Niger announced their withdrawal from ECOWAS: "
    "these are the members before it."
)


def is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def main() -> None:
    meta = pd.read_csv(METADATA, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    code_of = dict(zip(meta["TableName"], meta["Country Code"], strict=True))
    name_of = dict(zip(meta["Country Code"], meta["TableName"], strict=True))
    economies = meta[meta["Region"] != ""]
    rows: list[dict[str, str | None]] = []
    for region, name, members, note in SEED_GROUPS:
        for i, member in enumerate(members or [None]):
            rows.append(
                {
                    "region": region,
                    "name": name,
                    "member": member,
                    "member_name": name_of[member] if member else None,
                    "note": note if i == 0 else None,
                    "source": SEED,
                }
            )
    for column, kind in (("Region", "region"), ("IncomeGroup", "income group")):
        for group, block in economies.groupby(column, sort=True):
            if group == "":
                continue
            members = sorted(block["Country Code"])
            left_out = [c for c in members if not is_iso3(c)]
            note = (
                f"The World Bank's {kind} '{group}': every economy whose {column} is '{group}' in "
                f"the Metadata_Country file of the release of 15 February 2022 ({len(members)} "
                "economies; later releases may classify differently)."
            )
            if left_out:
                note += " Left out, not being ISO 3166-1 codes: " + ", ".join(
                    f"{c} ({name_of[c]})" for c in left_out
                )
                note += "."
            kept = [c for c in members if is_iso3(c)]
            for i, member in enumerate(kept):
                rows.append(
                    {
                        "region": code_of[group],
                        "name": group,
                        "member": member,
                        "member_name": name_of[member],
                        "note": note if i == 0 else None,
                        "source": WB,
                    }
                )
    ecowas = sorted(code_of[wb] for wb in ECOWAS_PRINTED.values())
    for i, member in enumerate(ecowas):
        rows.append(
            {
                "region": "ECOWAS",
                "name": "Economic Community of West African States",
                "member": member,
                "member_name": name_of[member],
                "note": ECOWAS_NOTE if i == 0 else None,
                "source": MFWA,
            }
        )
    out = pd.DataFrame(rows, columns=COLUMNS)
    if len(ecowas) != 15 or not all(is_iso3(str(m)) for m in out["member"].dropna()):
        raise SystemExit("a membership is not a list of ISO 3166-1 codes")
    out.to_csv(OUT, index=False, lineterminator="\n")
    counts = out.groupby("region", sort=False)["member"].count()
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows; "
        + ", ".join(f"{r} {n}" for r, n in counts.items())
    )


if __name__ == "__main__":
    sys.exit(main())
