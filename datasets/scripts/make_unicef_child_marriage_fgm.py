"""Write datasets/unicef_child_marriage_fgm.csv: child marriage and FGM by country (UNICEF).

Reads UNICEF's global databases in ../shared/data/unicef/ with ``wpsstats.read.unicef``: child
marriage (March 2018; women 20-24 first married or in union by 15 and by 18, with regions) and
female genital mutilation (February 2020; women 15-49, girls 0-14 and the daughters of women
15-49, in total and by residence and wealth quintile). One row per country (or region), indicator
and breakdown category, with the footnote mark, reference year and survey. "–" (no data) stays an
empty value, never zero. Three countries are printed under the names they had before they were
renamed (Swaziland, The former Yugoslav Republic of Macedonia, Turkey), which pycountry does not
know; the reader gives them their codes through the bundled country_names dataset (sources cited
in its sidecar), and any country name left without a code stops this script. Run::

    .venv/bin/python datasets/scripts/make_unicef_child_marriage_fgm.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

UNICEF = ROOT.parent / "shared" / "data" / "unicef"
SOURCES = {
    "child_marriage": UNICEF / "Child-marriage-database_Mar-2018.xlsx",
    "fgm_women": UNICEF / "FGM-Women-prevalence-database_Feb-2020.xlsx",
    "fgm_girls": UNICEF / "FGM-Girls-prevalence-database_Feb-2020.xlsx",
}
OUT = ROOT / "datasets" / "unicef_child_marriage_fgm.csv"
COLUMNS = [
    "database", "geo", "geo_name", "is_aggregate", "indicator", "breakdown", "category",
    "value", "note", "reference_year", "source",
]  # fmt: skip


def main() -> None:
    frames = []
    for database, path in SOURCES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", wps.read.CountryNameWarning)
            frame = wps.read.unicef(path)
        unmatched = set(frame.loc[frame["geo"].isna() & ~frame["is_aggregate"], "geo_name"])
        if unmatched:
            raise SystemExit(f"{path.name}: names not matched: {sorted(unmatched)}")
        frames.append(frame.assign(database=database))
    out = pd.concat(frames, ignore_index=True)
    # the printed per cent (at most four decimals in these workbooks) / 100, exactly
    out["value"] = [
        None if pd.isna(v) else str(Decimal(f"{float(v) * 100:.6f}").normalize() / 100)
        for v in out["value"]
    ]
    out = out[COLUMNS]
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, "
        f"{out.loc[~out['is_aggregate'], 'geo'].nunique()} countries"
    )


if __name__ == "__main__":
    main()
