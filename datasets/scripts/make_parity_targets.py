"""Write ``datasets/parity_targets.csv``: the UN's targets for the share of women, by category.

Run from the repository root::

    .venv/bin/python datasets/scripts/make_parity_targets.py
    .venv/bin/python datasets/scripts/build_index.py

Only targets that a cited source prints are ``kind="published"``. Between two published anchors of
the same category the script fills the missing years by straight-line interpolation and marks every
such row ``kind="interpolated"``: those numbers are ours, not the UN's. Nothing is extrapolated
beyond an anchor, and a category with a single anchor gets no filled years.

What is left out, and why (see also the dataset's YAML description):

* the Uniformed Gender Parity Strategy's own yearly targets for 2018-2020 and 2022-2027: no
  citable copy of the Strategy's table was found, so those years are either interpolated (between
  the 2021 and 2028 anchors of the two military categories) or absent (police, 2018-2027);
* justice and corrections: the Strategy sets targets for them, but no source giving the numbers
  was found;
* civilian staff: only the System-wide Strategy's headline goal (parity across the board by 2028)
  is bundled, with its own source.
"""

from __future__ import annotations

import csv
import itertools
from fractions import Fraction
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "parity_targets.csv"

COLUMNS = ["category", "year", "target", "kind", "source_id", "also_source_id", "quote", "note"]

# Each anchor: (category, year, target as printed in per cent, source_id, also_source_id, quote,
# note). The quote is the source's own wording, so a reader can find the figure in it.
ANCHORS: list[tuple[str, int, str, str, str, str, str]] = [
    (
        "military_contingents",
        2021,
        "8",
        "dpo-target-achievers-2021",
        "",
        "For 2021, the target for the military component is 8 per cent women in troops",
        "DPO's 'troops' is the Strategy's 'military contingents'. The same page gives the share "
        "reached in April 2021 as 5.3 per cent.",
    ),
    (
        "military_observers_staff_officers",
        2021,
        "18",
        "dpo-target-achievers-2021",
        "",
        "and 18 per cent women in individual military positions",
        "DPO's 'individual military positions' are military observers (UN military experts on "
        "mission) and staff officers together. The same page gives the share reached in April "
        "2021 as 17.6 per cent.",
    ),
    (
        "military_contingents",
        2028,
        "15",
        "dpo-ugps-2018-2028",
        "hoc-nddn-43-2-meeting-2",
        "The target for women serving in military contingents by 2028 is 15%",
        "Quote from the corroborating source (Jacqueline O'Neill, Canada's Ambassador for Women, "
        "Peace and Security, before the House of Commons national defence committee).",
    ),
    (
        "military_observers_staff_officers",
        2028,
        "25",
        "dpo-ugps-2018-2028",
        "hoc-nddn-43-2-meeting-2",
        "and 25% for military observers and staff officers",
        "Quote from the corroborating source (same statement as the row above).",
    ),
    (
        "formed_police_units",
        2028,
        "20",
        "dpo-ugps-2018-2028",
        "",
        "",
        "End target of the Strategy. The Canadian committee's statement gives only the two "
        "military targets, so this row has no second source.",
    ),
    (
        "individual_police_officers",
        2028,
        "30",
        "dpo-ugps-2018-2028",
        "",
        "",
        "End target of the Strategy. The Canadian committee's statement gives only the two "
        "military targets, so this row has no second source.",
    ),
    (
        "civilian_staff",
        2028,
        "50",
        "unwomen-swsgp-anniversary-2018",
        "",
        "to reach parity at its senior levels of leadership by 2021, and across the board by 2028",
        "System-wide Strategy on Gender Parity (2017); parity read as 50 per cent women. The "
        "Strategy's entity-level targets are not bundled, and which civilian staff it covers "
        "(international, national, UN Volunteers) is not settled by this source.",
    ),
]


def percent_to_share(percent: str) -> str:
    """Exact decimal text of percent / 100, without binary floating-point noise."""
    share = Fraction(percent) / 100
    return format_fraction(share)


def format_fraction(value: Fraction) -> str:
    # At most 6 decimals: enough for a share in steps of a thousandth of a point.
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text or "0"


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for category, year, percent, source, also, quote, note in ANCHORS:
        out.append(
            {
                "category": category,
                "year": str(year),
                "target": percent_to_share(percent),
                "kind": "published",
                "source_id": source,
                "also_source_id": also,
                "quote": quote,
                "note": note,
            }
        )
    by_category: dict[str, list[tuple[str, int, str, str, str, str, str]]] = {}
    for anchor in ANCHORS:
        by_category.setdefault(anchor[0], []).append(anchor)
    for category, anchors in by_category.items():
        anchors = sorted(anchors, key=lambda a: a[1])
        for left, right in itertools.pairwise(anchors):
            y0, y1 = left[1], right[1]
            t0, t1 = Fraction(left[2]) / 100, Fraction(right[2]) / 100
            for year in range(y0 + 1, y1):
                value = t0 + (t1 - t0) * Fraction(year - y0, y1 - y0)
                out.append(
                    {
                        "category": category,
                        "year": str(year),
                        "target": format_fraction(value),
                        "kind": "interpolated",
                        "source_id": right[3],
                        "also_source_id": left[3],
                        "quote": "",
                        "note": (
                            f"Not a published figure: straight line between the {y0} target "
                            f"({left[2]} per cent, {left[3]}) and the {y1} target ({right[2]} per "
                            f"cent, {right[3]}). The Strategy's own {year} target may differ."
                        ),
                    }
                )
    out.sort(key=lambda r: (r["category"], int(r["year"])))
    return out


def main() -> int:
    data = rows()
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    kinds = {k: sum(r["kind"] == k for r in data) for k in ("published", "interpolated")}
    print(
        f"wrote {OUT.name}: {len(data)} rows ({kinds['published']} published, "
        f"{kinds['interpolated']} interpolated)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
