"""Write datasets/pax_agreements_gender.csv: every PA-X peace agreement with its gender codes.

Reads PA-X version 6 (every agreement from 1990 to January 2023) in ../shared/data/pax/ with
``wpsstats.read.pax_agreements`` and keeps, for each agreement, where and when it was made, its
stage, and PA-X's gender codes: GeWom (provisions on women, girls and gender) and the codes on men
and boys, LGBTI people and the family. ``geo`` holds PA-X's own ISO codes of the places ("/" between
two), so a country's agreements are the rows whose ``geo`` names it. Run::

    .venv/bin/python datasets/scripts/make_pax_agreements_gender.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "pax" / "pax_all_agreements_data_v6.csv"
OUT = ROOT / "datasets" / "pax_agreements_gender.csv"
CODES = ["GeMe", "GeMeNu", "GeMeOth", "GeLgbti", "GeLgbtiPos", "GeLgbtiNeg", "GeFa"]
COLUMNS = [
    "agreement_id", "agreement", "country", "geo", "region", "date", "stage", "stage_sub",
    "status", "agreement_type", "gewom", *CODES,
]  # fmt: skip


def main() -> None:
    with warnings.catch_warnings():
        # parts of Con that are no country ("Kurds-Kurdistan", "Yugoslavia (former)")
        warnings.simplefilter("ignore", wps.read.CountryNameWarning)
        pax = wps.read.pax_agreements(SOURCE)
    if len(pax) != 2003 or int(pax["gewom"].sum()) != 421:
        raise SystemExit(f"unexpected PA-X table: {len(pax)} agreements, {pax['gewom'].sum()}")
    out = pax[COLUMNS].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} agreements, {int(pax['gewom'].sum())} GeWom")


if __name__ == "__main__":
    main()
