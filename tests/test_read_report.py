"""read.report: a report PDF (or text) as its pages, and extract_figures on those pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.read import FileFormatError

FIXTURES = Path(__file__).parent / "fixtures" / "report"


# --------------------------------------------------------------------------------------------------
# Small fixtures, one a quirk
# --------------------------------------------------------------------------------------------------


def test_pdf_fixture_pages_without_running_lines_and_with_footnotes_apart() -> None:
    pages = wps.read.report(FIXTURES / "note.pdf")
    assert pages["page"].tolist() == [1, 2, 3]
    assert list(pages.columns) == ["page", "text", "footnotes"]
    text = pages["text"].tolist()
    # the running header (symbol) and footer (job number with page) are gone from pages 2 and 3
    assert "S/2099/17" not in text[1] + text[2]
    assert "99-00017" not in "".join(text)
    assert "3/3" not in text[2]
    # the first page's job number and barcode go; its masthead stays
    assert "*9900017*" not in text[0]
    assert text[0].startswith("United Nations S/2099/17")
    # the footnote is apart, its mark off the word
    assert pages["footnotes"][0] == "1 This footnote is made up for the tests."
    assert text[0].endswith("Recommendations")
    # a compound broken at a line end keeps its hyphen and loses the break
    assert "the conflict-related cases numbered 12." in text[1]
    assert pages.attrs["symbol"] == "S/2099/17"
    assert pages.attrs["date"] == "2099-03-03"
    assert pages.attrs["title"] == "A made-up note on seats for the tests"


def _write_pages(tmp_path: Path, pages: list[str], name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_text("\f".join(pages), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("masthead", "date"),
    [
        ("S/2099/18\n31 February 2099\nA made-up note", None),
        # the first date that is a day is the date
        ("S/2099/18\n30 February 2099\nDistr.: General 1 March 2099\nA made-up note", "2099-03-01"),
        ("S/2099/18\n29 February 2096\nA made-up note", "2096-02-29"),
    ],
)
def test_a_masthead_date_that_names_no_day_is_no_date(
    tmp_path: Path, masthead: str, date: str | None
) -> None:
    # "31 February" was written as the ISO date "2099-02-31", which no date parser reads
    path = _write_pages(tmp_path, [f"{masthead}\nWomen held 12 of the 40 seats.", "2\nEnd."])
    assert wps.read.report(path).attrs["date"] == date


def test_text_pages_split_by_form_feed(tmp_path: Path) -> None:
    path = _write_pages(
        tmp_path,
        [
            "Seats of the assembly\nWomen held 12 of the 40 seats.\n1",
            "2\nThe Secretary -General noted a rise in conflict -related cases.",
            "3\nA figure broken at a line end: conflict-\nrelated cases rose to 9.",
            "4\nThe end.",
            "",  # pdftotext ends the last page with a form feed
        ],
    )
    pages = wps.read.report(path)
    assert pages["page"].tolist() == [1, 2, 3, 4]
    assert pages["text"][0] == "Seats of the assembly\nWomen held 12 of the 40 seats."
    # stray spaces before a hyphen closed; bare page numbers that follow the page count removed
    assert pages["text"][1] == "The Secretary-General noted a rise in conflict-related cases."
    # the document prints "conflict-related" elsewhere, so the broken word keeps its hyphen
    assert pages["text"][2].endswith("conflict-related cases rose to 9.")
    assert pages.attrs["furniture"] == ["#"]


def test_a_line_end_hyphen_is_dropped_when_the_document_prints_the_word_whole(
    tmp_path: Path,
) -> None:
    path = _write_pages(tmp_path, ["Peacekeeping is costly.\nPeace-\nkeeping continues."])
    assert wps.read.report(path)["text"][0] == "Peacekeeping is costly.\nPeacekeeping continues."


def test_a_number_at_the_top_that_does_not_follow_the_pages_is_kept(tmp_path: Path) -> None:
    # tables that start with a number: the numbers do not follow the page count
    pages = ["40\nseats in the house", "7\nwomen in the senate", "93\ncandidates"]
    assert wps.read.report(_write_pages(tmp_path, pages))["text"].tolist() == pages


def test_footnote_without_rule_needs_its_mark_on_the_page(tmp_path: Path) -> None:
    path = _write_pages(
        tmp_path,
        ["Taux de réponse1 élevé.\n1 Ménages enquêtés\n2 Femmes de 15-49 ans interrogées ici."],
    )
    pages = wps.read.report(path)
    # "1" is a mark glued to "réponse": its line is a footnote; "2" is no mark: running text
    assert pages["footnotes"][0] == "1 Ménages enquêtés"
    assert pages["text"][0] == "Taux de réponse élevé.\n2 Femmes de 15-49 ans interrogées ici."


def test_scanned_pdf_is_a_clear_error() -> None:
    with pytest.raises(FileFormatError, match=r"scanned.pdf.*no text layer.*OCR"):
        wps.read.report(FIXTURES / "scanned.pdf")


def test_missing_file_non_pdf_and_binary_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nowhere\.pdf"):
        wps.read.report(tmp_path / "nowhere.pdf")
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a PDF at all", encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"fake.pdf.*not a PDF"):
        wps.read.report(fake)
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(FileFormatError, match=r"data.bin.*neither a PDF nor a text file"):
        wps.read.report(binary)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n% a header and nothing else\n")
    with pytest.raises(FileFormatError, match=r"damaged.pdf.*not a readable PDF"):
        wps.read.report(damaged)
    with pytest.raises(TypeError, match="path must be a file path"):
        wps.read.report(3)  # type: ignore[arg-type]


def _encrypted_pdf() -> bytes:
    """A one-page PDF whose standard security handler rejects the empty password."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]>>",
        b"<</Filter/Standard/V 1/R 2/O <" + b"11" * 32 + b">/U <" + b"22" * 32 + b">/P -4>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Encrypt 4 0 R/ID[<%s><%s>]>>\n" % (
        len(objects) + 1,
        b"00" * 16,
        b"00" * 16,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    with pytest.raises(FileFormatError, match=r"locked.pdf.*encrypted PDF"):
        wps.read.report(path)


def test_a_missing_pdf_library_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails as if not installed
    with pytest.raises(ImportError, match=r'pip install "wpsstats\[pdf\]"'):
        wps.read.report(FIXTURES / "note.pdf")


def test_extract_figures_gives_the_page_where_a_figure_starts(tmp_path: Path) -> None:
    path = _write_pages(
        tmp_path,
        [
            "Women held 12 seats of the assembly.\nIn the senate, women held",
            "more than 30 per cent of the seats.\n18. From 1 November 2024, page 2 of 5.",
        ],
    )
    figures = wps.extract_figures(wps.read.report(path))
    assert figures["page"].tolist() == [1, 2]
    assert figures["phrase"].tolist() == ["12", "more than 30 per cent"]
    # the sentence runs across the page break
    assert figures["sentence"][1] == (
        "In the senate, women held more than 30 per cent of the seats."
    )
    # offsets are into the page's own text
    pages = wps.read.report(path)
    start, end = figures.loc[1, ["start", "end"]]
    assert pages["text"][1][start:end] == "more than 30 per cent"


def test_extract_figures_on_a_frame_without_text_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"'page' and 'text'.*missing \['text'\]"):
        wps.extract_figures(pd.DataFrame({"page": [1]}))


# --------------------------------------------------------------------------------------------------
# The three shared reports
# --------------------------------------------------------------------------------------------------


@pytest.mark.shared_data
def test_sahel_note_s_2025_492(shared_data: Path) -> None:
    pages = wps.read.report(shared_data / "reports" / "S_2025_492.en.pdf")
    assert len(pages) == 7
    assert pages.attrs["symbol"] == "S/2025/492"
    assert pages.attrs["date"] == "2025-07-30"
    assert pages.attrs["title"].startswith("Letter dated 7 July 2025 from the Permanent")
    assert pages.attrs["title"].endswith("addressed to the Secretary-General")
    for text in pages["text"][1:]:
        first = text.split("\n", 1)[0]
        assert "25-12397" not in text and first != "S/2025/492"
    assert pages["text"][2].startswith("attacks on schools and hospitals.")
    assert "over 9.2 million in 2025. Sixty per cent of them" in pages["text"][2]
    assert "decision-making processes" in pages["text"][3]
    # the footnote after "Recommendations" on page 5
    assert "\nRecommendations\n" in pages["text"][4]
    assert pages["footnotes"][4].startswith("1 These recommendations are prepared by UN-Women")
    figures = wps.extract_figures(pages)
    by_phrase = dict(zip(figures["phrase"], figures["page"], strict=False))
    assert by_phrase["27.3 per cent"] == 3
    assert by_phrase["29.5 per cent"] == 4
    assert by_phrase["Over 1,500"] == 4
    assert by_phrase["at least 15 per cent"] == 6
    # the sentence that runs from page 3 to page 4 is read whole
    row = figures[figures["phrase"] == "3.9 per cent"].iloc[0]
    assert row["page"] == 3
    assert row["sentence"].endswith("3.9 per cent in the House of Representatives.")


@pytest.mark.shared_data
def test_sexual_violence_report_s_2025_389(shared_data: Path) -> None:
    pages = wps.read.report(shared_data / "reports" / "S_2025_389.en.pdf")
    assert len(pages) == 34
    assert pages.attrs["symbol"] == "S/2025/389"
    assert pages.attrs["date"] == "2025-07-15"
    assert (
        pages.attrs["title"] == "Conflict-related sexual violence Report of the Secretary-General"
    )
    assert pages["text"][1].startswith("4. While many communities are affected")
    assert "conflict-related sexual violence" in pages["text"][3]
    assert not pages["text"].str.contains("25-06556").any()
    # footnotes on pages 13, 24 and 33, their marks off the words
    notes = pages.set_index("page")["footnotes"]
    assert notes[13].startswith("1 For the purposes of the present report")
    assert notes[24].startswith("2 References to Kosovo")
    assert "In Kosovo, despite the two-year extension" in pages["text"][23]
    assert "Israel and the State of Palestine\n" in pages["text"][12]
    figures = wps.extract_figures(pages)
    assert {"page", "phrase"} <= set(figures.columns)
    # no resolution, symbol or numbered paragraph is a figure
    for phrase in ("2467", "1325", "1820", "389"):
        assert phrase not in set(figures["phrase"])


@pytest.mark.shared_data
def test_dhs_haiti_key_indicators(shared_data: Path) -> None:
    pages = wps.read.report(shared_data / "reports" / "dhs_haiti_2017.pdf")
    assert len(pages) == 67
    assert pages.attrs["symbol"] is None
    assert pages.attrs["title"].startswith("Haïti Enquête Mortalité, Morbidité et Utilisation")
    assert pages.attrs["furniture"] == ["#"]
    # the printed page number ("12" on the 20th page of the file) is gone
    assert pages["text"][19].startswith("Tableau 3 Type de toilettes utilisées par les ménages")
    assert pages["text"][5] == ""  # a blank page stays a row
    assert "Ensemble 34,2 31,0 0,4" in pages["text"][29]
    # a table's notes, told apart by their marks ("Taux de réponse" ... "1 Ménages enquêtés")
    assert pages["footnotes"][16].startswith(
        "1 Ménages enquêtés/ménages identifiés\n2 Enquêtés interviewés"
    )


# --------------------------------------------------------------------------------------------------
# Recall: pages read by hand, every figure they print, found with its meaning
# --------------------------------------------------------------------------------------------------

# S/2025/492, pages 2-7 (page 1 is the covering letter, with no figure): 25 figures by reading
SAHEL_FIGURES = [
    (3, "more than doubled", "multiple"), (3, "4.5 million", "count"),
    (3, "over 9.2 million", "count"), (3, "Sixty per cent", "share"), (3, "three", "count"),
    (3, "1.5 times", "multiple"), (3, "four times", "multiple"),
    (3, "Fifty-two million", "count"), (3, "almost 20 per cent", "change"),
    (3, "45 per cent", "share"), (3, "37 per cent increase", "change"), (3, "two", "count"),
    (3, "27.3 per cent", "share"), (3, "0.8 per cent increase", "change"),
    (3, "between 18 and 30 per cent", "share"), (3, "2.8 per cent", "share"),
    (3, "3.9 per cent", "share"), (4, "29.5 per cent", "share"), (4, "26.6 per cent", "share"),
    (4, "50 per cent", "share"), (4, "Over 1,500", "count"), (5, "six", "count"),
    (5, "Four", "count"), (5, "six", "count"), (6, "at least 15 per cent", "share"),
]  # fmt: skip


@pytest.mark.shared_data
def test_recall_on_the_sahel_note_is_complete(shared_data: Path) -> None:
    figures = wps.extract_figures(wps.read.report(shared_data / "reports" / "S_2025_492.en.pdf"))
    found = list(zip(figures["page"], figures["phrase"], figures["unit"].astype(str), strict=True))
    assert found == SAHEL_FIGURES


@pytest.mark.shared_data
def test_recall_on_two_pages_of_the_sexual_violence_report(shared_data: Path) -> None:
    figures = wps.extract_figures(wps.read.report(shared_data / "reports" / "S_2025_389.en.pdf"))
    by_page = figures.groupby("page")["phrase"].agg(list)
    # "a five-year strategic plan", "Eight years after": durations, not figures
    assert by_page[10] == [
        "104", "1,679", "165", "some $32,000", "1,009", "73", "15", "68 per cent increase", "350",
    ]  # fmt: skip
    # "under five years of age", "from 8 to 75 years old": ages, not figures
    assert by_page[20] == [
        "221", "147", "74", "16 per cent", "4", "up to 80 per cent", "18,741", "at least 65", "2",
    ]  # fmt: skip


@pytest.mark.shared_data
def test_recall_on_a_page_of_the_dhs_report(shared_data: Path) -> None:
    figures = wps.extract_figures(wps.read.report(shared_data / "reports" / "dhs_haiti_2017.pdf"))
    shares = figures[(figures["page"] == 67) & (figures["unit"] == "share")]
    assert shares["phrase"].tolist() == [
        "20 %", "14 %", "un minimum de 8 %", "9 %", "un maximum de 20 %", "6 %", "5 %", "8 %",
        "un minimum de 3 %", "un maximum de 9 %",
    ]  # fmt: skip
    rates = figures[(figures["page"] == 26) & (figures["unit"] == "rate")]
    assert rates["value"].tolist() == [0.101, 0.024]
    # Tableau 8: "Supérieur * * * 19", its three percentages withheld (under 25 cases)
    stars = figures[(figures["page"] == 27) & (figures["phrase"] == "*")]
    assert len(stars) == 3
    assert stars["note"].str.startswith("an asterisk in a table: DHS").all()
    # page 57's "(2,6)" is a rate in prose, not a table cell on 25-49 cases
    page57 = figures[figures["page"] == 57].set_index("phrase")
    assert page57.loc["2,6", "note"] == ""
