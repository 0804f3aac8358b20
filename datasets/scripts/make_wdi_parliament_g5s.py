"""Write datasets/wdi_parliament_g5s.csv: women's share of parliament seats, G5 Sahel, from WDI.

Reads the World Bank's bulk file for SG.GEN.PARL.ZS in ../shared/data/wdi/ with
``wpsstats.read.wdi`` (keeping each value exactly as printed) and keeps the rows of Burkina Faso,
Mali, Mauritania, Niger and Chad that hold a value, every year. ``value`` is the share as a fraction
(the printed percentage / 100); ``percent_printed`` is the percentage exactly as the file prints it,
so that seat counts can be recovered from it. Run::

    .venv/bin/python datasets/scripts/make_wdi_parliament_g5s.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "wdi" / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
OUT = ROOT / "datasets" / "wdi_parliament_g5s.csv"
G5_SAHEL = ["BFA", "MLI", "MRT", "NER", "TCD"]


def main() -> None:
    wdi = wps.read.wdi(SOURCE, keep_text=True, dropna=True)
    if wdi.attrs["last_updated"] != "2022-02-15":
        raise SystemExit(f"unexpected WDI release {wdi.attrs['last_updated']!r}")
    rows = wdi[wdi["geo"].isin(G5_SAHEL)].copy()
    # exact decimal division keeps the fraction faithful to the printed digits
    rows["fraction"] = [str(Decimal(t) / 100) for t in rows["value_text"]]
    out = rows.assign(
        geo=rows["geo"].astype(str),
        geo_name=rows["geo_name"].astype(str),
        indicator=rows["indicator"].astype(str),
        period=rows["period"].astype(str),
    )[["geo", "geo_name", "indicator", "period", "fraction", "value_text"]]
    out = out.rename(columns={"fraction": "value", "value_text": "percent_printed"})
    out = out.sort_values(["geo", "period"], kind="stable")
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {out['geo'].nunique()} countries")


if __name__ == "__main__":
    main()
