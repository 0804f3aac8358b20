"""Write datasets/wdi_parliament_world.csv: women's share of parliament seats, every economy.

Reads the World Bank's bulk file for SG.GEN.PARL.ZS last updated 2025-10-07 (data to 2024) in
../shared/data/wdi/ with ``wpsstats.read.wdi`` (each value kept exactly as printed) and keeps every
country and aggregate, every year that holds a value. ``is_aggregate`` comes from the
Metadata_Country companion of the 2022 release of the same indicator (the only companion in
../shared/data; aggregates have no Region there); the script checks that it agrees with the ISO
3166-1 rule for every code with data. ``value`` is the share as a fraction (the printed percentage
/ 100, exactly); ``percent_printed`` is the percentage as printed. Run::

    .venv/bin/python datasets/scripts/make_wdi_parliament_world.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

WDI = ROOT.parent / "shared" / "data" / "wdi"
SOURCE = WDI / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_216057.csv"
METADATA = WDI / "Metadata_Country_API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
OUT = ROOT / "datasets" / "wdi_parliament_world.csv"


def main() -> None:
    wdi = wps.read.wdi(SOURCE, keep_text=True, dropna=True, metadata=METADATA)
    if wdi.attrs["last_updated"] != "2025-10-07":
        raise SystemExit(f"unexpected WDI release {wdi.attrs['last_updated']!r}")
    by_rule = wps.read.wdi(SOURCE, dropna=True, metadata=None)
    if not (by_rule["is_aggregate"] == wdi["is_aggregate"]).all():
        raise SystemExit("the 2022 Metadata_Country and the ISO 3166-1 rule disagree")
    # exact decimal division keeps the fraction faithful to the printed digits
    fraction = [str(Decimal(t) / 100) for t in wdi["value_text"]]
    out = wdi.assign(
        geo=wdi["geo"].astype(str),
        geo_name=wdi["geo_name"].astype(str),
        indicator=wdi["indicator"].astype(str),
        period=wdi["period"].astype(str),
        value=fraction,
        percent_printed=wdi["value_text"],
        is_aggregate=wdi["is_aggregate"],
    )[["geo", "geo_name", "is_aggregate", "indicator", "period", "value", "percent_printed"]]
    out = out.sort_values(["is_aggregate", "geo", "period"], kind="stable")
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {out['geo'].nunique()} economies "
        f"({out.loc[out['is_aggregate'], 'geo'].nunique()} aggregates)"
    )


if __name__ == "__main__":
    main()
