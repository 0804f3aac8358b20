"""Write datasets/ipi_minusma_2014.csv: MINUSMA's uniformed personnel in March 2014, by sex.

Reads IPI's monthly gender file for 31 March 2014 in ../shared/data/peacekeeping_ipi/ with
``wpsstats.read.ipi_gender`` and keeps the MINUSMA records: every contributing country, each
category it sent (troops, individual police, formed police units, experts on mission), by sex.
A category a country did not send has no row (the file has no key for it). The script checks the
figures SOURCES.md gives for that month (43 contributors, 102 women among 7,469 personnel) before it
writes. Run::

    .venv/bin/python datasets/scripts/make_ipi_minusma_2014.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

SOURCE = ROOT.parent / "shared" / "data" / "peacekeeping_ipi" / "ipi_20140331_gender.json"
OUT = ROOT / "datasets" / "ipi_minusma_2014.csv"


def main() -> None:
    staff = wps.read.ipi_gender(SOURCE)
    minusma = staff[staff["mission"] == "MINUSMA"].copy()
    contributors = minusma["contributor"].nunique()
    total = int(minusma["count"].sum())
    women = int(minusma.loc[minusma["sex"] == "female", "count"].sum())
    if (contributors, total, women) != (43, 7469, 102):
        raise SystemExit(
            f"MINUSMA March 2014 differs from SOURCES.md: {contributors, total, women}"
        )
    minusma["date"] = minusma["date"].dt.strftime("%Y-%m-%d")
    out = minusma[
        ["date", "mission", "contributor", "contributor_name", "category", "sex", "count"]
    ]
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {contributors} contributors, "
        f"{women} women of {total}"
    )


if __name__ == "__main__":
    main()
