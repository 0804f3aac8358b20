"""Write ``datasets/figures.csv``: every quantitative statement of the seed document, one row each.

The figures below were read off the seed by hand (``../shared/seeds/000_9547bcf70b93945b.txt``, an
update to the Security Council's Informal Expert Group on Women, Peace and Security on Mali and the
Sahel, 2018). This script only derives what follows from them mechanically, so that it cannot drift:

- ``lower``/``upper`` from the qualifier, by the rules of DESIGN.md ("Published figures");
- ``value`` of a share printed as two counts ("225 women" of "703 mediators") as their ratio;
- ``locator``: the page of the seed on which ``text`` is printed. The text file has no page marks;
  its pages are the chunks between runs of three newlines (8 pages, matching the PDF layout: page 5
  ends the recommendations, pages 6-8 are the annex). The script fails if a phrase is not found
  exactly once, so every row is traceable to the printed words.

Run ``.venv/bin/python datasets/scripts/make_figures.py`` then ``datasets/scripts/build_index.py``.
The rows of other sources (S/2025/492's, written by ``make_figures_2025.py``) are kept after the
seed's.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "000_9547bcf70b93945b.txt"
OUT = ROOT / "datasets" / "figures.csv"
SOURCE = "ieg-mali-2018"

COLUMNS = [
    "figure_id", "source_id", "locator", "geo", "period", "pillar", "indicator", "kind", "value",
    "lower", "upper", "qualifier", "numerator", "denominator", "decimals", "text", "note",
]  # fmt: skip

LOWER_BOUND = {"more_than", "at_least", "just_over"}
UPPER_BOUND = {"less_than", "at_most", "nearly"}

# (figure_id, geo, period, pillar, indicator, kind, value, qualifier, numerator, denominator,
#  decimals, text as printed, note). value None: numerator/denominator. A "between" row gives
#  value as (lower, upper).
F = [
    # --- page 1: the peace agreement's mechanisms, the cabinet, the quota law ---
    (
        "mli-resolutions-with-wps",
        "MLI",
        "2017",
        "context",
        "resolutions_with_wps",
        "count",
        3,
        "exact",
        None,
        None,
        0,
        "All three resolutions integrated women, peace and security",
        "Resolutions 2364, 2374 and 2391 (2017); the annex quotes their gender provisions.",
    ),
    (
        "mli-peace-mechanisms-in-place",
        "MLI",
        "2018",
        "participation",
        "peace_mechanisms_in_place",
        "share",
        None,
        "exact",
        8,
        26,
        None,
        "Eight out of the 26 mechanisms called for in the peace agreement are now in place",
        "Share of the Agreement on Peace and Reconciliation's mechanisms that exist.",
    ),
    (
        "mli-peace-mechanisms-women",
        "MLI",
        "2018",
        "participation",
        "women_share_peace_mechanisms",
        "share",
        0.03,
        "exact",
        None,
        None,
        0,
        "on average, only three percent of members of these mechanisms are women",
        "Printed as an average over the 8 mechanisms in place: a mean of shares, which differs "
        "from the pooled share of all members when mechanisms differ in size; members not given.",
    ),
    (
        "mli-women-delegation-armed-group-members",
        "MLI",
        "2018-01",
        "participation",
        "delegation_members",
        "count",
        2,
        "exact",
        None,
        None,
        0,
        "two members of the signatory armed groups",
        "Members of the signatory armed groups in the January delegation of women leaders.",
    ),
    (
        "mli-armed-group-leaders-met",
        "MLI",
        "2018",
        "participation",
        "delegation_members",
        "count",
        2,
        "exact",
        None,
        None,
        0,
        "the two leaders of the signatory armed groups",
        "Leaders the women's delegation met in March and April (Plateforme and Coordination).",
    ),
    (
        "mli-cabinet-women",
        "MLI",
        "2018",
        "participation",
        "women_share_cabinet",
        "share",
        0.25,
        "exact",
        9,
        36,
        0,
        "nine women out of its 36 members (25 per cent)",
        "Cabinet named in December (2017, the update's year before); 9/36 is exactly 25 per cent.",
    ),
    (
        "mli-quota-law-2015",
        "MLI",
        "2015",
        "participation",
        "quota_women_institutions",
        "share",
        0.30,
        "exact",
        None,
        None,
        0,
        "the 30 per cent quota",
        "Printed: 'the 30 per cent quota required by the 2015 law'. A quota, not an observed "
        "share: the minimum share of women the law requires.",
    ),
    # --- page 2: elections, security sector, justice ---
    (
        "mli-election-workshop-participants",
        "MLI",
        "2018",
        "participation",
        "participants",
        "count",
        600,
        "more_than",
        None,
        None,
        0,
        "over 600 national stakeholders",
        "Participants in MINUSMA's workshops on mitigating election-related violence.",
    ),
    (
        "mli-election-workshop-women",
        "MLI",
        "2018",
        "participation",
        "women_share_participants",
        "share",
        0.40,
        "exact",
        None,
        None,
        0,
        "40 per cent of whom were women",
        "Of 'over 600' participants: the number of women is not printed (about 240 or more).",
    ),
    (
        "mli-election-mediators-women",
        "MLI",
        "2018",
        "participation",
        "women_share_election_mediators",
        "share",
        None,
        "exact",
        225,
        703,
        None,
        "703 elections mediators, including 225 women",
        "Mediators trained for community-based mediation panels; no share printed (225/703).",
    ),
    (
        "mli-police-gender-focal-points",
        "MLI",
        "2018",
        "participation",
        "gender_focal_points",
        "count",
        26,
        "exact",
        None,
        None,
        0,
        "26 gender focal points",
        "Nominated by the Director General of the national police 'earlier this year'.",
    ),
    (
        "mli-security-training-women",
        "MLI",
        "2018",
        "participation",
        "women_share_security_training",
        "share",
        None,
        "exact",
        204,
        1279,
        None,
        "1,279 members of the Malian security forces, including 204 women",
        "Trained by MINUSMA and partners on policing and human rights; no share printed.",
    ),
    (
        "mli-tjrc-depositions",
        "MLI",
        "2017-01/2018",
        "relief_recovery",
        "tjrc_depositions",
        "count",
        8000,
        "nearly",
        None,
        None,
        0,
        "just under 8,000 depositions",
        "Depositions received by the Truth, Justice and Reconciliation Commission since January "
        "2017.",
    ),
    (
        "mli-tjrc-complaints-women",
        "MLI",
        "2017-01/2018",
        "relief_recovery",
        "women_share_tjrc_complaints",
        "share",
        0.5,
        "more_than",
        None,
        None,
        None,
        "the majority of complaints received to date are from women",
        "'The majority' read as more than half (DESIGN.md: a majority = more_than 0.5).",
    ),
    # --- page 2: protection and prevention ---
    (
        "mli-child-marriage-18",
        "MLI",
        "2018",
        "prevention",
        "child_marriage_18",
        "share",
        0.52,
        "more_than",
        None,
        None,
        0,
        "More than 52 per cent of girls",
        "Printed: 'of girls are married before 18 years'. No survey, year or age group printed; "
        "SDG 5.3.1 uses women aged 20-24.",
    ),
    (
        "mli-married-girls-illiterate",
        "MLI",
        "2018",
        "prevention",
        "illiteracy_married_girls_15_19",
        "share",
        0.9,
        "more_than",
        None,
        None,
        None,  # a ratio in words: no number printed in per cent
        "More than nine out of 10 married girls",
        "Printed: '... married girls aged 15–19 are illiterate'. No source or year printed.",
    ),
    (
        "mli-total-fertility-rate",
        "MLI",
        "2018",
        "context",
        "total_fertility_rate",
        "rate",
        6,
        "exact",
        None,
        None,
        0,
        "six children born per woman",
        "Printed with 'the third highest total fertility rate in the world' (a rank, not held "
        "here); no year or source printed; six is a rounded figure.",
    ),
    (
        "mli-gbv-experts-seconded",
        "MLI",
        "2017-09/2018",
        "protection",
        "experts_seconded",
        "count",
        2,
        "exact",
        None,
        None,
        0,
        "seconded two experts to the Ministry",
        "Seconded by UN Action Against Sexual Violence in Conflict to draft a GBV strategy.",
    ),
    (
        "mli-physical-violence-women",
        "MLI",
        "2018",
        "protection",
        "physical_violence_women",
        "share",
        0.4,
        "nearly",
        None,
        None,
        None,  # a ratio in words: no number printed in per cent
        "nearly four in ten women have experienced physical violence",
        "'It is estimated'; no survey, age group or reference period printed.",
    ),
    (
        "mli-gbv-survivors-without-services",
        "MLI",
        "2018",
        "protection",
        "gbv_survivors_without_services",
        "share",
        (0.83, 0.92),
        "between",
        None,
        None,
        0,
        "between 83 and 92 percent of gender-based violence",
        "Survivors without access to protection services or legal aid; a range, no source.",
    ),
    # --- page 3 ---
    (
        "mli-fgm-prevalence",
        "MLI",
        "2018",
        "prevention",
        "fgm_prevalence",
        "share",
        0.89,
        "exact",
        None,
        None,
        0,
        "89 percent of women and girls in Mali",
        "No survey, year or age group printed; SDG 5.3.2 uses girls and women aged 15-49.",
    ),
    (
        "mli-villages-abandoning-fgm",
        "MLI",
        "2018",
        "prevention",
        "villages_abandoning_fgm",
        "count",
        1000,
        "more_than",
        None,
        None,
        0,
        "more than a thousand villages",
        "Printed with '(out of 12,000 villages in Mali)': more than 1/12 of villages.",
    ),
    (
        "mli-villages-total",
        "MLI",
        "2018",
        "context",
        "villages",
        "count",
        12000,
        "exact",
        None,
        None,
        0,
        "12,000 villages in Mali",
        "A round figure as printed.",
    ),
    (
        "mli-crsv-cases-2017",
        "MLI",
        "2017",
        "protection",
        "crsv_cases_documented",
        "count",
        16,
        "exact",
        None,
        None,
        0,
        "16 cases of conflict-related sexual violence",
        "Documented by MINUSMA in 2017.",
    ),
    (
        "mli-crsv-cases-court",
        "MLI",
        "2018",
        "relief_recovery",
        "crsv_cases_to_court",
        "count",
        120,
        "exact",
        None,
        None,
        0,
        "120 cases of conflict-related sexual violence",
        "Brought to court by a coalition of NGOs with MINUSMA's support.",
    ),
    (
        "mli-crsv-parties-listed",
        "MLI",
        "2018",
        "protection",
        "crsv_parties_listed",
        "count",
        5,
        "exact",
        None,
        None,
        0,
        "five non-state parties",
        "Listed in the Secretary-General's 2018 report on conflict-related sexual violence; "
        "footnote 1 names them (five names).",
    ),
    # --- page 3: MINUSMA personnel ---
    (
        "minusma-women-military",
        "MLI",
        "2018",
        "personnel",
        "women_share_military_personnel",
        "share",
        0.026,
        "exact",
        None,
        None,
        1,
        "2.6 percent of military personnel",
        "MINUSMA, 'currently' (2018).",
    ),
    (
        "minusma-women-formed-police",
        "MLI",
        "2018",
        "personnel",
        "women_share_formed_police",
        "share",
        0.047,
        "exact",
        None,
        None,
        1,
        "4.7 of formed police unit personnel",
        "SLIP: printed '4.7' with no unit; read as per cent, as the figures around it are.",
    ),
    (
        "minusma-women-individual-police",
        "MLI",
        "2018",
        "personnel",
        "women_share_individual_police",
        "share",
        0.165,
        "exact",
        None,
        None,
        1,
        "16.5 percent of individual police officers",
        "MINUSMA, 'currently' (2018).",
    ),
    (
        "minusma-women-international-civilian",
        "MLI",
        "2018",
        "personnel",
        "women_share_international_civilian",
        "share",
        0.25,
        "exact",
        None,
        None,
        0,
        "25 percent of international civilian posts",
        "MINUSMA, 'currently' (2018).",
    ),
    (
        "minusma-women-un-volunteers",
        "MLI",
        "2018",
        "personnel",
        "women_share_un_volunteers",
        "share",
        0.30,
        "exact",
        None,
        None,
        0,
        "30 percent of United Nations Volunteers",
        "MINUSMA, 'currently' (2018).",
    ),
    (
        "minusma-women-national-staff",
        "MLI",
        "2018",
        "personnel",
        "women_share_national_staff",
        "share",
        0.19,
        "exact",
        None,
        None,
        0,
        "19 per cent of national staff posts",
        "MINUSMA, 'currently' (2018).",
    ),
    # --- page 4: the Sahel ---
    (
        "sah-2013-participation-target",
        "SAH",
        "2013",
        "participation",
        "target_women_decision_making",
        "share",
        0.30,
        "at_least",
        None,
        None,
        0,
        "at least 30 per cent of participants in decision-making and politics in the region are "
        "women",
        "A target: recommendation of the 2013 high-level conference on Women's Leadership in the "
        "Sahel (EU, Special Envoy for the Sahel, UN Women); 'remain unfulfilled'.",
    ),
    (
        "sah-2013-budget-target",
        "SAH",
        "2013",
        "participation",
        "target_budget_gender_equality",
        "share",
        0.15,
        "at_least",
        None,
        None,
        0,
        "a minimum level of 15 per cent of all national and international budgets",
        "A target of the 2013 conference: budgets for development and peacebuilding. SLIP: the "
        "seed prints 'promoting gender quality', presumably 'gender equality'.",
    ),
    (
        "was-2018-conference-participants",
        "WAS",
        "2018-04",
        "participation",
        "participants",
        "count",
        150,
        "more_than",
        None,
        None,
        0,
        "over 150 stakeholders",
        "High-level conference on women, violence and terrorism in West Africa and the Sahel "
        "(UNOWAS and partners), April 2018.",
    ),
    (
        "sah4-poverty",
        "SAH4",
        "2018",
        "context",
        "poverty_rate",
        "share",
        0.78,
        "more_than",
        None,
        None,
        0,
        "Over 78 per cent of people in Niger, Mali, Chad and Burkina Faso live in poverty",
        "A pooled regional share; no poverty line, year or source printed.",
    ),
    (
        "sah-asylum-claimants",
        "SAH",
        "2015/2016",
        "context",
        "asylum_claimants",
        "count",
        2_500_000,
        "exact",
        None,
        None,
        1,
        "2.5 million asylum claimants",
        "Claimants in the European Union in 2015-16 who 'came via Sahel routes'; printed in "
        "millions to one decimal, no source given.",
    ),
    (
        "sah-support-plan-priority-areas",
        "SAH",
        "2018",
        "context",
        "priority_areas",
        "count",
        6,
        "exact",
        None,
        None,
        0,
        "six priority areas",
        "Support Plan of the UN Integrated Strategy for the Sahel; one is empowering women.",
    ),
    (
        "g5s-womens-platform-cells",
        "G5S",
        "2018",
        "participation",
        "national_cells",
        "count",
        5,
        "exact",
        None,
        None,
        0,
        "national cells in all five countries",
        "Sahel Women's Platform: Mali, Burkina Faso, Chad, Niger and Mauritania (five named).",
    ),
    # --- page 6: the annex repeats the quota law ---
    (
        "mli-quota-law-2015-annex",
        "MLI",
        "2015-12",
        "participation",
        "quota_women_institutions",
        "share",
        0.30,
        "exact",
        None,
        None,
        0,
        "a law requiring a 30 per cent quota for women",
        "Resolution 2364's preamble (annex): the same quota as mli-quota-law-2015, adopted in "
        "December 2015.",
    ),
]


def pages(seed: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\n\n", seed)]


def locate(text: str, seed_pages: list[str]) -> str:
    hits = [i + 1 for i, page in enumerate(seed_pages) if text in page]
    total = sum(page.count(text) for page in seed_pages)
    if total != 1:
        raise SystemExit(f"phrase found {total} times in the seed (need exactly 1): {text!r}")
    return f"p. {hits[0]}"


def fmt(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def main() -> None:
    seed_pages = pages(SEED.read_text(encoding="utf-8"))
    rows = []
    ids = set()
    for fid, geo, period, pillar, indicator, kind, value, qual, num, den, dec, text, note in F:
        if fid in ids:
            raise SystemExit(f"duplicate figure_id {fid}")
        ids.add(fid)
        lower = upper = None
        if qual == "between":
            lower, upper = value
            value = (lower + upper) / 2
        elif value is None:
            value = num / den
        if qual == "exact":
            lower = upper = value
        elif qual in LOWER_BOUND:
            lower = value
        elif qual in UPPER_BOUND:
            upper = value
        rows.append(
            {
                "figure_id": fid,
                "source_id": SOURCE,
                "locator": locate(text, seed_pages),
                "geo": geo,
                "period": period,
                "pillar": pillar,
                "indicator": indicator,
                "kind": kind,
                "value": fmt(value),
                "lower": fmt(lower),
                "upper": fmt(upper),
                "qualifier": qual,
                "numerator": fmt(num),
                "denominator": fmt(den),
                "decimals": fmt(dec),
                "text": text,
                "note": note,
            }
        )
    # the rows of other sources (make_figures_2025.py's) follow the seed's, kept as they are
    others = []
    if OUT.exists():
        with open(OUT, encoding="utf-8", newline="") as fh:
            others = [r for r in csv.DictReader(fh) if r["source_id"] != SOURCE]
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        writer.writerows(others)
    print(f"wrote {len(rows)} figures to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
