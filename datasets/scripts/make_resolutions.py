"""Write ``datasets/resolutions.csv`` and ``datasets/resolution_provisions.csv`` from the seed.

``resolutions``: every Security Council resolution the seed cites, with the year it prints beside the
number and the year of adoption. The seed is the source of both, except where it is wrong: resolution
2242 is printed "2242 (2016)" but was adopted in 2015 (its symbol is S/RES/2242 (2015)); that row keeps
the printed year and flags the slip.

``resolution_provisions``: the paragraphs of resolutions 2364, 2374 and 2391 that the seed's annex
quotes, one row per (paragraph, theme) -- a paragraph on participation and reporting has two rows.
``excerpt`` is a phrase of the paragraph exactly as printed; the script fails unless it occurs in the
seed, and takes the page (``locator``) from where it occurs.

Run ``.venv/bin/python datasets/scripts/make_resolutions.py`` then ``build_index.py``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "ieg-mali-2018"  # the seed: the document that cites every resolution listed here
SEED = ROOT.parent / "shared" / "seeds" / "000_9547bcf70b93945b.txt"

# resolution, year printed, year adopted, phrase that cites it (for the page), note
RESOLUTIONS = [
    (1325, 2000, 2000, "resolution 1325 (2000)", "Women, peace and security."),
    (1820, 2008, 2008, "1820 (2008)", "Recalled in resolution 2364, OP 40."),
    (1888, 2009, 2009, "1888 (2009)", "Recalled in resolution 2364, OP 40."),
    (1889, 2009, 2009, "1889 (2009)", "Recalled in resolution 2364, OP 40."),
    (1960, 2010, 2010, "1960 (2010), 2106", "Recalled in resolution 2364, OP 40, and in 2374."),
    (1998, 2011, 2011, "resolution 1998 (2011)", "Cited in resolution 2374, paragraph 19."),
    (2106, 2013, 2013, "2106 (2013)", "Recalled in resolution 2364, OP 40."),
    (2122, 2013, 2013, "2122 (2013)", "Recalled in resolution 2364, OP 40."),
    (2242, 2016, 2015, "2242 (2016)",
     "SLIP: printed '2242 (2016)' in the annex (resolution 2364, OP 40); resolution 2242 was "
     "adopted in 2015 (S/RES/2242 (2015))."),
    (2331, 2016, 2016, "2331 (2016)", "Recalled in resolution 2364, OP 40."),
    (2364, 2017, 2017, "UNSCR 2364", "Renewed MINUSMA's mandate, June 2017."),
    (2374, 2017, 2017, "UNSCR 2374", "Sanctions regime on Mali, September 2017."),
    (2391, 2017, 2017, "UNSCR 2391", "MINUSMA's support to the G5 Sahel Joint Force, December 2017."),
]  # fmt: skip

ANNEX = 6  # first page of the annex

THEMES = [
    "participation", "protection", "sexual_violence", "sexual_exploitation_abuse",
    "gender_analysis", "reporting",
]  # fmt: skip

# resolution, paragraph as printed, theme, excerpt as printed
PROVISIONS = [
    (2364, "preamble", "participation", "a law requiring a 30 per cent quota for women in national institutions"),
    (2364, "preamble", "protection", "human rights abuses and violence against civilians, notably women and children, committed in Mali and in the region by terrorist groups"),
    (2364, "preamble", "sexual_violence", "prisoners, sexual and gender-based violence"),
    (2364, "preamble", "sexual_violence", "sexual violence against children by the Coordination armed group"),
    (2364, "OP 2", "participation", "ensuring women’s participation"),
    (2364, "OP 11", "sexual_violence", "address the stigma of sexual violence and the reintegration of survivors"),
    (2364, "mandate (a)(ii)", "protection", "taking into account the particular needs of women and children"),
    (2364, "mandate (b)", "participation", "including women’s organizations, as well as youth organizations"),
    (2364, "mandate (c)(iii)", "protection", "To provide specific protection for women and children affected by armed conflict"),
    (2364, "mandate (c)(iii)", "sexual_violence", "address the needs of victims of sexual and gender-based violence in armed conflict"),
    (2364, "mandate (f)(ii)", "reporting", "To monitor, help investigate and report publicly and regularly to the Security Council"),
    (2364, "mandate (f)(ii)", "sexual_violence", "gender-based violence and violations and abuses committed against women and children throughout Mali"),
    (2364, "OP 27", "gender_analysis", "take fully into account gender considerations as a cross-cutting issue throughout its mandate"),
    (2364, "OP 27", "participation", "ensuring the full and effective participation, involvement and representation of women at all levels"),
    (2364, "OP 27", "reporting", "further requests enhanced reporting by MINUSMA to the Security Council on this issue"),
    (2364, "OP 28", "sexual_exploitation_abuse", "tolerance policy on sexual exploitation and abuses"),
    (2364, "OP 40", "sexual_violence", "sign a joint communique with the UN on addressing sexual violence in conflict"),
    (2374, "preamble", "protection", "as well as human rights abuses and violence against civilians, notably women and children"),
    (2374, "preamble", "sexual_violence", "humanitarian law in Mali, including (…) sexual and gender-based violence"),
    (2374, "8 (f)", "sexual_violence", "torture, or rape or other sexual violence"),
    (2374, "8 (f)", "protection", "the targeting of civilians, including women and children"),
    (2374, "19", "reporting", "the Special Representative for Sexual Violence in Conflict to share relevant information with the Committee"),
    (2391, "18", "gender_analysis", "a gender perspective should be taken into account in implementing all aspects of the strategic concept of operations"),
    (2391, "18", "participation", "ensuring that gender analysis and women’s participation are integrated into assessments, planning and operations"),
    (2391, "20", "sexual_exploitation_abuse", "prevent and combat impunity for sexual exploitation and abuse by their personnel"),
    (2391, "25", "participation", "ensuring full and equal women’s participation"),
    (2391, "32", "participation", "ensure women’s full and equal participation in institutions and mechanisms for the prevention and resolution of conflicts"),
    (2391, "32", "gender_analysis", "include a gender perspective in the development of comprehensive strategies to counter the threat posed by terrorism"),
    (2391, "33", "reporting", "to report to the Security Council on the activities of the FC-G5S"),
    (2391, "33", "protection", "adverse impact of the military operations of the FC-G5S on the civilian population, including on women and children"),
]  # fmt: skip


def pages(seed: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\n\n", seed)]


def page_of(phrase: str, seed_pages: list[str], first: int = 1) -> str:
    """Page (1-based) of the first occurrence of ``phrase`` on page ``first`` or later."""
    hits = [i + 1 for i, page in enumerate(seed_pages) if phrase in page and i + 1 >= first]
    if not hits:
        raise SystemExit(f"not in the seed: {phrase!r}")
    return f"p. {hits[0]}"


def write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path.relative_to(ROOT)}")


def main() -> None:
    seed_pages = pages(SEED.read_text(encoding="utf-8"))
    write(
        ROOT / "datasets" / "resolutions.csv",
        ["resolution", "year_printed", "year_adopted", "locator", "note", "cited_by"],
        [
            [r, yp, ya, page_of(cite, seed_pages), note, SOURCE]
            for r, yp, ya, cite, note in RESOLUTIONS
        ],
    )
    for _, _, theme, _ in PROVISIONS:
        if theme not in THEMES:
            raise SystemExit(f"unknown theme {theme}")
    write(
        ROOT / "datasets" / "resolution_provisions.csv",
        ["resolution", "paragraph", "theme", "excerpt", "locator"],
        # The annex (pages 6-8) is where the seed quotes the resolutions.
        [
            [r, para, theme, ex, page_of(ex, seed_pages, first=ANNEX)]
            for r, para, theme, ex in PROVISIONS
        ],
    )


if __name__ == "__main__":
    main()
