"""The seed's figures about Mali, as the seed prints them, against the bundled ``figures``.

Each row names the line of the seed's text file (``../shared/seeds``) where its phrase is printed,
and the test first finds the phrase there (within five lines: a sentence can run over a line
break), so the table is checked against the document before the bundled data are checked against
the table. A pair of counts is printed as two numbers ("nine women out of its 36 members"); the
share is their ratio. Pages follow the seed's layout: page 1 ends at line 83, page 2 at line 190
and page 3 at line 287, above footnote 1; the annex's page is the bundled locator's.
"""

from __future__ import annotations

import pandas as pd
import pytest

import wpsstats as wps

# figure_id, qualifier, value (or the two counts printed), page, seed line, phrase there
PRINTED = [
    ("mli-resolutions-with-wps", "exact", 3, "p. 1", 21, "All three resolutions"),
    ("mli-peace-mechanisms-in-place", "exact", (8, 26), "p. 1", 51, "Eight out of the 26"),
    ("mli-peace-mechanisms-women", "exact", 0.03, "p. 1", 53, "three percent"),
    ("mli-women-delegation-armed-group-members", "exact", 2, "p. 1", 57, "two members"),
    ("mli-armed-group-leaders-met", "exact", 2, "p. 1", 63, "two leaders"),
    ("mli-cabinet-women", "exact", (9, 36), "p. 1", 77, "nine women out of its 36"),
    ("mli-quota-law-2015", "exact", 0.30, "p. 1", 83, "the 30 per cent quota"),
    ("mli-election-workshop-participants", "more_than", 600, "p. 2", 90, "over 600"),
    ("mli-election-workshop-women", "exact", 0.40, "p. 2", 90, "40 per cent"),
    ("mli-election-mediators-women", "exact", (225, 703), "p. 2", 92, "703 ... 225 women"),
    ("mli-police-gender-focal-points", "exact", 26, "p. 2", 116, "26 gender focal points"),
    ("mli-security-training-women", "exact", (204, 1279), "p. 2", 118, "1,279 ... 204 women"),
    ("mli-tjrc-depositions", "nearly", 8000, "p. 2", 134, "just under 8,000"),
    ("mli-tjrc-complaints-women", "more_than", 0.50, "p. 2", 136, "the majority"),
    ("mli-child-marriage-18", "more_than", 0.52, "p. 2", 164, "More than 52 per cent"),
    ("mli-married-girls-illiterate", "more_than", 0.90, "p. 2", 166, "More than nine out of 10"),
    ("mli-total-fertility-rate", "exact", 6, "p. 2", 168, "six children born per woman"),
    ("mli-gbv-experts-seconded", "exact", 2, "p. 2", 182, "two experts"),
    ("mli-physical-violence-women", "nearly", 0.40, "p. 2", 188, "nearly four in ten"),
    ("mli-gbv-survivors-without-services", "between", (0.83 + 0.92) / 2, "p. 2", 190, "83 and 92"),
    ("mli-fgm-prevalence", "exact", 0.89, "p. 3", 196, "89 percent"),
    ("mli-villages-abandoning-fgm", "more_than", 1000, "p. 3", 202, "more than a thousand"),
    ("mli-villages-total", "exact", 12000, "p. 3", 202, "12,000 villages"),
    ("mli-crsv-cases-2017", "exact", 16, "p. 3", 206, "16 cases"),
    ("mli-crsv-cases-court", "exact", 120, "p. 3", 220, "120 cases"),
    ("mli-crsv-parties-listed", "exact", 5, "p. 3", 224, "five non-state parties"),
    ("minusma-women-military", "exact", 0.026, "p. 3", 234, "2.6 percent"),
    (
        "minusma-women-formed-police",
        "exact",
        0.047,
        "p. 3",
        234,
        "4.7",
    ),  # printed with no unit: a slip
    ("minusma-women-individual-police", "exact", 0.165, "p. 3", 236, "16.5 percent"),
    ("minusma-women-international-civilian", "exact", 0.25, "p. 3", 236, "25 percent"),
    ("minusma-women-un-volunteers", "exact", 0.30, "p. 3", 236, "30 percent"),
    ("minusma-women-national-staff", "exact", 0.19, "p. 3", 238, "19 per cent"),
    ("mli-quota-law-2015-annex", "exact", 0.30, "p. 6", 514, "a 30 per cent quota"),
]


def _words(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


@pytest.mark.parametrize(("figure_id", "line", "phrase"), [(r[0], r[4], r[5]) for r in PRINTED])
def test_each_phrase_is_printed_at_its_line(
    seed_text: str, figure_id: str, line: int, phrase: str
) -> None:
    window = _words(" ".join(seed_text.splitlines()[line - 1 : line + 4]))
    for part in phrase.split(" ... "):
        assert _words(part) in window, (figure_id, line, part)


@pytest.fixture(scope="module")
def mali() -> pd.DataFrame:
    return wps.figures(geo="MLI", source="ieg-mali-2018").set_index("figure_id")


def test_the_bundle_holds_the_seeds_figures_about_mali_and_no_other(mali: pd.DataFrame) -> None:
    assert sorted(mali.index) == sorted(r[0] for r in PRINTED)


@pytest.mark.parametrize(("figure_id", "qualifier", "value", "page"), [r[:4] for r in PRINTED])
def test_each_figure_is_bundled_as_printed(
    mali: pd.DataFrame, figure_id: str, qualifier: str, value: object, page: str
) -> None:
    row = mali.loc[figure_id]
    assert (row["qualifier"], row["locator"]) == (qualifier, page)
    if isinstance(value, tuple):  # two counts printed: the share is their ratio
        assert (row["numerator"], row["denominator"]) == value
        value = value[0] / value[1]
    else:  # a single number printed carries no counts
        assert pd.isna(row["numerator"]) and pd.isna(row["denominator"])
    assert row["value"] == pytest.approx(value, abs=5e-7)
