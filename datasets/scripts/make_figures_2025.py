"""Add the figures of S/2025/492 to ``datasets/figures.csv`` as a second source.

S/2025/492 (30 July 2025) is the letter of the co-chairs of the Security Council's Informal Expert
Group on Women and Peace and Security with the summary of its 12 June 2025 meeting on the Sahel:
the seed's successor, seven years on. The PDF is read with the library itself
(``wpsstats.read.report``, ``wpsstats.extract_figures``); only what a reader must decide is typed
below, once per figure: which printed figure it is (its phrase and page, as the extractor finds
it), the figure's own words as printed (``text``), and its geography, period, pillar, indicator,
kind and note. Everything numeric (value, bounds, qualifier, decimals) is taken from the
extractor's reading of the page, so it cannot drift from the print, and the script fails if:

- a row's phrase is not found by the extractor on its page inside the row's text;
- the row's kind is not the unit the extractor reads (share, count, change or multiple);
- a row's text is not printed in the document (white space collapsed), or is printed twice;
- a figure the extractor finds is neither bundled nor listed in ``SKIPPED`` with the reason.

``locator`` is the page on which the text starts (a phrase that crosses a page break belongs to
the page where it starts, as ``extract_figures`` counts it). The PDF is only where the shared data
are (``../shared/data/reports/S_2025_492.en.pdf``); the committed CSV is what users load.

The rows of every other source are kept as they are (byte for byte): run
``.venv/bin/python datasets/scripts/make_figures.py`` first if the seed's rows change, then this
script, then ``datasets/scripts/build_index.py``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

# the seed's rows and these go into one figures.csv: one column list and one number format
from make_figures import COLUMNS, fmt  # noqa: E402  (this script's folder is on sys.path)

import wpsstats as wps  # noqa: E402  (the checkout's library, not an installed one)

PDF = ROOT.parent / "shared" / "data" / "reports" / "S_2025_492.en.pdf"
OUT = ROOT / "datasets" / "figures.csv"
SOURCE = "s-2025-492"
# the extractor's unit for each kind a row may have
UNIT_OF_KIND = {"share": "share", "count": "count", "change": "change", "multiple": "multiple"}

FIVE = "'In Burkina Faso, Guinea, Mali, Chad and Gabon, women's representation ranges between 18 "
FIVE += "and 30 per cent': one statement about five countries, one row per country (this one: "
NO_YEAR = "no year printed: the report's year"

# (figure_id, page, phrase as extract_figures reads it, geo, period, pillar, indicator, kind,
#  text as printed, note)
F = [
    # --- page 3: displacement, climate, food, aid ---
    ("sah-displaced-2020", 3, "4.5 million", "SAH", "2020", "context", "displaced_persons",
     "count", "4.5 million",
     "Internally displaced persons and refugees in the Sahel region, 2020 ('from 4.5 million in "
     "2020'); printed in millions to one decimal, no source given."),
    ("sah-displaced-2025", 3, "over 9.2 million", "SAH", "2025", "context", "displaced_persons",
     "count", "over 9.2 million",
     "Internally displaced persons and refugees in the Sahel region, 2025 ('to over 9.2 million "
     "in 2025'); no source given."),
    ("sah-displaced-growth", 3, "more than doubled", "SAH", "2020/2025", "context",
     "displaced_persons_growth", "multiple", "has more than doubled",
     "'Between 2020 and 2025, the number of internally displaced persons and refugees in the "
     "Sahel region has more than doubled': 9.2 / 4.5 = 2.04, so 'over 9.2 million' bears it out."),
    ("sah-displaced-women-girls", 3, "Sixty per cent", "SAH", "2025", "context",
     "women_share_displaced", "share", "Sixty per cent of them are women and girls",
     "Of the over 9.2 million displaced persons and refugees of 2025; no source given."),
    ("sah-environmental-stress-areas", 3, "three", "SAH", "2025", "context",
     "environmental_stress_areas", "count",
     "one of the three areas in the world most likely to collapse",
     "A ranking: the Sahel is one of three areas 'most likely to collapse due to environmental "
     "stress'; no source given."),
    ("sah-temperature-rise", 3, "1.5 times", "SAH", "2025", "context",
     "temperature_rise_vs_global", "multiple", "1.5 times faster than the global average",
     "Temperatures in the Sahel rise 1.5 times as fast as the global average; " + NO_YEAR + "."),
    ("sah-heat-mortality-2080", 3, "four times", "SAH", "2080", "context",
     "heat_mortality_growth", "multiple", "increase by four times",
     "A projection: 'heat-related mortality estimated to increase by four times by 2080'. "
     "'Increase by four times' is read as four times the present level (it could also be read as "
     "five); no base year or source given."),
    ("was-food-insecure-2025", 3, "Fifty-two million", "WAS", "2025-06/2025-08", "context",
     "food_insecure_people", "count", "Fifty-two million people in West Africa and the Sahel",
     "Projected to be food insecure between June and August 2025; no source given."),
    ("sah-development-assistance-decrease", 3, "almost 20 per cent", "SAH", "2023/2025",
     "context", "development_assistance_decrease", "change", "decreased by almost 20 per cent",
     "A relative decrease 'over the past two years' (so 2023-2025), as a fraction of the earlier "
     "level; no amounts or source given."),
    ("bfa-womens-projects-suspended", 3, "45 per cent", "BFA", "2025", "relief_recovery",
     "womens_projects_suspended", "share",
     "the suspension of 45 per cent of community-led women\u2019s empowerment projects",
     "Suspended after funding cuts; the number of projects is not printed; " + NO_YEAR + "."),
    ("ner-maternal-deaths-increase", 3, "37 per cent increase", "NER", "2025", "context",
     "maternal_deaths_increase", "change",
     "a 37 per cent increase in maternal deaths in rural areas",
     "A relative increase, in rural areas, coinciding with funding cuts; no period, counts or "
     "source given; " + NO_YEAR + "."),
    ("was-summit-blocs", 3, "two", "WAS", "2025-05", "context", "regional_blocs", "count",
     "the two blocs",
     "ECOWAS and Burkina Faso, Mali and the Niger, which announced their withdrawal from "
     "ECOWAS; their summit of May 2025."),
    # --- pages 3-4: women in parliament ---
    ("ssf-women-parliament-2024", 3, "27.3 per cent", "SSF", "2024", "participation",
     "women_share_parliament", "share",
     "women held 27.3 per cent of parliamentary seats in sub-Saharan Africa",
     "No source or chamber printed. The World Bank's sub-Saharan Africa aggregate (SSF, "
     "SG.GEN.PARL.ZS, lower or single chambers) gives 26.88 for 2024 (release of 7 October "
     "2025): 0.42 points lower; see tests/test_figures_2025.py."),
    ("ssf-women-parliament-increase", 3, "0.8 per cent increase", "SSF", "2023/2024",
     "participation", "women_share_parliament_increase", "change", "a 0.8 per cent increase",
     "SLIP: a change in a share printed as 'a 0.8 per cent increase' where percentage points are "
     "meant (the text does not print the 2023 level, so it cannot prove the reading: 26.5 per "
     "cent in 2023 as points, 27.08 as a relative change). Recorded as printed, a relative "
     "change of 0.008. The World Bank's SSF series gives 27.03 (2023) and 26.88 (2024), a fall "
     "of 0.16 points: neither reading fits it."),
    ("bfa-women-parliament-range", 3, "between 18 and 30 per cent", "BFA", "2025",
     "participation", "women_share_parliament", "share", "ranges between 18 and 30 per cent",
     FIVE + "Burkina Faso). No year or source printed: " + NO_YEAR + "."),
    ("gin-women-parliament-range", 3, "between 18 and 30 per cent", "GIN", "2025",
     "participation", "women_share_parliament", "share", "ranges between 18 and 30 per cent",
     FIVE + "Guinea). No year or source printed: " + NO_YEAR + "."),
    ("mli-women-parliament-range", 3, "between 18 and 30 per cent", "MLI", "2025",
     "participation", "women_share_parliament", "share", "ranges between 18 and 30 per cent",
     FIVE + "Mali). No year or source printed: " + NO_YEAR + "."),
    ("tcd-women-parliament-range", 3, "between 18 and 30 per cent", "TCD", "2025",
     "participation", "women_share_parliament", "share", "ranges between 18 and 30 per cent",
     FIVE + "Chad). No year or source printed: " + NO_YEAR + "."),
    ("gab-women-parliament-range", 3, "between 18 and 30 per cent", "GAB", "2025",
     "participation", "women_share_parliament", "share", "ranges between 18 and 30 per cent",
     FIVE + "Gabon). No year or source printed: " + NO_YEAR + "."),
    ("nga-women-senate", 3, "2.8 per cent", "NGA", "2025", "participation",
     "women_share_upper_chamber", "share", "only 2.8 per cent of the seats in the Senate",
     "Nigeria's Senate; no seats or source printed; " + NO_YEAR + "."),
    ("nga-women-house", 3, "3.9 per cent", "NGA", "2025", "participation",
     "women_share_parliament", "share", "3.9 per cent in the House of Representatives",
     "Nigeria's lower chamber; the phrase crosses from page 3 to page 4. No seats or source "
     "printed; " + NO_YEAR + "."),
    ("sle-women-parliament", 4, "29.5 per cent", "SLE", "2025", "participation",
     "women_share_parliament", "share", "increased to 29.5 per cent",
     "'women's participation increased to 29.5 per cent after the promulgation of the Gender "
     "Equality and Women's Empowerment Act': the chamber is not named; read as parliament from "
     "the paragraph's subject (parliamentary seats). " + NO_YEAR.capitalize() + "."),
    ("ben-women-parliament", 4, "26.6 per cent", "BEN", "2025", "participation",
     "women_share_parliament", "share", "reached 26.6 per cent",
     "'women's participation reached 26.6 per cent through the introduction of reserved seats "
     "for women': read as parliament, as for Sierra Leone. " + NO_YEAR.capitalize() + "."),
    ("gha-affirmative-action-target", 4, "50 per cent", "GHA", "2030", "participation",
     "quota_women_institutions", "share",
     "women hold 50 per cent of public and decision-making positions",
     "Ghana's affirmative action (gender equality) law, signed in July 2024, mandates the share "
     "by 2030: a legal target, not an observed share."),
    ("was-women-mediators", 4, "Over 1,500", "WAS", "2025", "participation", "women_mediators",
     "count", "Over 1,500 women mediators",
     "'from Burkina Faso to C\u00f4te d\u2019Ivoire', trained by the United Nations and ECOWAS."),
    # --- page 5: conflict-related sexual violence ---
    ("sah-crsv-parties-listed", 5, "six", "SAH", "2025", "protection", "crsv_parties_listed",
     "count", "six parties, all of them non-State actors",
     "Parties in the annexes of the Secretary-General's annual reports on conflict-related "
     "sexual violence responsible for patterns of sexual violence in the Sahel region; not "
     "named."),
    ("sah-crsv-parties-sanctions", 5, "Four", "SAH", "2025", "protection",
     "crsv_parties_listed_sanctions", "count", "Four of the six parties",
     "Listed parties also covered by the Council's counter-terrorism work and the 1267 "
     "sanctions regime; a part of sah-crsv-parties-listed."),
    # --- page 6: recommendations ---
    ("pve-funding-target", 6, "at least 15 per cent", "SAH", "2025", "participation",
     "target_pve_funding_gender_equality", "share", "at least 15 per cent of funding",
     "A target: 'the recommendation of the Secretary-General that at least 15 per cent of "
     "funding from the international community for efforts to prevent violent extremism be "
     "targeted specifically at initiatives that advance gender equality'. Geo: the note "
     "recommends it for the Sahel region. No year of the recommendation printed."),
]  # fmt: skip

# Figures the extractor finds that are not bundled, and why: (page, phrase, occurrence on the
# page) -> reason.
SKIPPED = {
    (5, "six", 2): "the whole of 'Four of the six parties': the six of sah-crsv-parties-listed",
}


def collapse(text: str) -> str:
    return " ".join(text.split())


def locate(text: str, pages: list[str]) -> int:
    """The page on which ``text`` starts, in the pages read as one text; it must occur once."""
    joined = " ".join(pages)
    starts = [m.start() for m in re.finditer(re.escape(text), joined)]
    if len(starts) != 1:
        raise SystemExit(f"text found {len(starts)} times in S/2025/492 (need 1): {text!r}")
    offset = 0
    for number, page in enumerate(pages, start=1):
        if starts[0] < offset + len(page) + 1:
            return number
        offset += len(page) + 1
    raise SystemExit(f"text past the last page: {text!r}")  # pragma: no cover


def other_rows() -> str:
    """The header and the rows of every other source, as CSV text (kept byte for byte)."""
    with open(OUT, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["source_id"] != SOURCE]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main() -> None:
    if not PDF.exists():
        raise SystemExit(f"{PDF} is not here: this script runs where the shared data are")
    report = wps.read.report(PDF)
    if report.attrs.get("symbol") != "S/2025/492":
        raise SystemExit(f"not S/2025/492: {report.attrs.get('symbol')!r}")
    found = wps.extract_figures(report)
    pages = [collapse(t) for t in report["text"]]
    used: set[int] = set()
    rows = []
    ids: set[str] = set()
    for fid, page, phrase, geo, period, pillar, indicator, kind, text, note in F:
        if fid in ids:
            raise SystemExit(f"duplicate figure_id {fid}")
        ids.add(fid)
        # a text shared by rows (one statement about five countries) is still printed once
        start_page = locate(text, pages)
        if start_page != page:
            raise SystemExit(f"{fid}: text starts on p. {start_page}, row says p. {page}")
        hits = found[
            (found["page"] == page)
            & (found["phrase"] == phrase)
            & found["sentence"].map(lambda s, t=text: t in collapse(str(s)))
        ]
        if len(hits) != 1:
            raise SystemExit(f"{fid}: the extractor finds {phrase!r} {len(hits)} times there")
        hit = hits.iloc[0]
        used.add(int(hits.index[0]))
        if hit["unit"] != UNIT_OF_KIND[kind]:
            raise SystemExit(f"{fid}: kind {kind!r}, the extractor reads {hit['unit']!r}")
        decimals = None if pd.isna(hit["decimals"]) else int(hit["decimals"])
        # counts are whole numbers, written as the seed's are ("3", not "3.0")
        number = int if kind == "count" else float
        rows.append(
            {
                "figure_id": fid,
                "source_id": SOURCE,
                "locator": f"p. {page}",
                "geo": geo,
                "period": period,
                "pillar": pillar,
                "indicator": indicator,
                "kind": kind,
                "value": fmt(None if pd.isna(hit["value"]) else number(hit["value"])),
                "lower": fmt(None if pd.isna(hit["lower"]) else number(hit["lower"])),
                "upper": fmt(None if pd.isna(hit["upper"]) else number(hit["upper"])),
                "qualifier": str(hit["qualifier"]),
                "numerator": "",
                "denominator": "",
                "decimals": fmt(decimals),
                "text": text,
                "note": note,
            }
        )
    # every figure the extractor finds is bundled, or skipped with its reason
    seen: dict[tuple[int, str], int] = {}
    for i, f in found.iterrows():
        key = (int(f["page"]), str(f["phrase"]))
        seen[key] = seen.get(key, 0) + 1
        if int(str(i)) in used or (*key, seen[key]) in SKIPPED:
            continue
        raise SystemExit(f"the extractor finds {f['phrase']!r} on p. {f['page']}: bundle or skip")
    kept = other_rows()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writerows(rows)
    OUT.write_text(kept + buffer.getvalue(), encoding="utf-8", newline="")
    print(f"wrote {len(rows)} figures of S/2025/492 to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
