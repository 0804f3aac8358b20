"""Write datasets/ipi_gender_2014.csv: UN peacekeepers by mission, contributor, category and sex.

Reads IPI's monthly gender file for 31 March 2014 in ../shared/data/peacekeeping_ipi/ with
``wpsstats.read.ipi_gender``: every mission and contributing country, each category it sent
(troops, individual police, formed police units, experts on mission), by sex. A category a country
did not send has no row. The reader checks the file's own totals against the missions' sums; the
script checks that the rows add up to the file's grand total (3,690 women, 94,121 men). Run::

    .venv/bin/python datasets/scripts/make_ipi_gender_2014.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "peacekeeping_ipi" / "ipi_20140331_gender.json"
OUT = ROOT / "datasets" / "ipi_gender_2014.csv"


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", wps.read.DataConsistencyWarning)
        staff = wps.read.ipi_gender(SOURCE)
    grand = staff.attrs["grand_total"]["total"]
    sums = staff.groupby("sex", observed=True)["count"].sum().to_dict()
    if sums != grand or grand != {"female": 3690, "male": 94121}:
        raise SystemExit(f"rows add up to {sums}, the file's grand total is {grand}")
    staff["date"] = staff["date"].dt.strftime("%Y-%m-%d")
    out = staff[["date", "mission", "contributor", "contributor_name", "category", "sex", "count"]]
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {out['mission'].nunique()} missions, "
        f"{out['contributor'].nunique()} contributors"
    )


if __name__ == "__main__":
    main()
