"""A report as its pages: :func:`report` reads a PDF (with pypdfium2) or a plain-text file.

What an analyst checks is the running text, so what the printer adds to every page goes: the
running headers and footers (the document symbol, the job number "25-12397", page numbers "3/7"),
found from the document itself as the lines that repeat at the top or bottom of its pages; the
line-end breaks of words; and the footnotes, which are kept apart from the text in their own
column, with their marks taken off the words they were glued to ("Recommendations1").
"""

from __future__ import annotations

import collections
import datetime
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ._common import FileFormatError, PathLike, as_path

__all__ = ["report"]

# how many lines at each end of a page can hold a running header or footer
_EDGE = 3
# a running line repeats, digits aside, at an edge of this share of the pages (and of two at least)
_REPEAT_SHARE = 0.3

_DIGITS_RE = re.compile(r"\d+")
_WS_RE = re.compile(r"[ \t\u00a0]+")
# page numbers whatever the layout: "3/7", "Page 3 of 7", "- 3 -", "p. 3"
_PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:page|p\.)\s*)?-?\s*\d{1,4}\s*(?:(?:/|of|sur|de)\s*\d{1,4})?\s*-?$", re.IGNORECASE
)
_BARE_NUMBER_RE = re.compile(r"^\d{1,4}$")
# a UN job number ("25-12397", "25-12397 (E) 130825") and the barcode of it ("*2512397*")
_JOB_RE = re.compile(r"\b(\d{2}-\d{5})\b")
_BARCODE_RE = re.compile(r"^\*\d{5,}\*$")
_SYMBOL_RE = re.compile(
    r"\b[A-Z]{1,6}(?:/(?:[A-Z]{1,6}\.?\d*|\d{1,5}))*/\d{4}/\d{1,5}(?:/[\w.]+)?\b"
)
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")  # fmt: skip
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")  # fmt: skip
_MONTHS = {m: i + 1 for months in (_MONTHS_EN, _MONTHS_FR) for i, m in enumerate(months)}
_DATE_RE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
# a footnote rule: a line of underscores (Word) or dashes
_RULE_RE = re.compile(r"^[ \t]*[_\u2014\u2015-]{5,}[ \t]*$")
_FOOTNOTE_START_RE = re.compile(r"^(\d{1,2})[ \t]+(?=[^\W\d_]|[«“\"(])")
_HEADING_RE = re.compile(r"^(?:[IVXL]+|\d{1,3}|[A-Z])\.[ \t]")
# a hyphen that pdfium reports for a word broken at a line end (U+FFFE), a soft hyphen, STX
_BREAK_HYPHENS = "\ufffe\u00ad\x02"


def report(path: PathLike) -> pd.DataFrame:
    r"""Read a report, PDF or plain text, as one row per page.

    Parameters
    ----------
    path : str or os.PathLike
        A PDF with a text layer, or a UTF-8 text file whose pages are separated by form feeds
        (``\f``, as ``pdftotext`` writes them).

    Returns
    -------
    pandas.DataFrame
        One row per page, in file order: ``page`` (1-based), ``text`` (the running text: running
        headers, footers and page numbers removed, words broken at a line end joined, footnote
        marks taken off the words) and ``footnotes`` (the page's footnotes, one a line, empty
        where it has none). ``attrs`` holds ``source`` (the file name), ``symbol`` (the document
        symbol, e.g. "S/2025/492"), ``title`` and ``date`` (ISO, "2025-07-30") where the first
        page gives them (else None), and ``furniture``, the running lines removed (their digits
        as "#").

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``.
    ImportError
        If the file is a PDF and pypdfium2 is not installed (``pip install "wpsstats[pdf]"``).
    wpsstats.read.FileFormatError
        A ``ValueError``: the file is neither a PDF nor text, is an encrypted or damaged PDF, or
        has no text layer (a scanned PDF: run OCR first, e.g. ``ocrmypdf``).

    Notes
    -----
    Running headers and footers are found from the document itself, not from a list: a line
    within three lines of the top or bottom of a page that recurs, digits aside, at an edge of at
    least 30 per cent of the pages (and of two at least) is one; so is a page number on its own
    line ("3/7", "Page 3 of 7", a bare number that follows the page count). A UN job number found
    in them ("25-12397") also removes its first-page form ("25-12397 (E) 130825") and barcode.

    A word broken at a line end by a hyphen is joined. Whether the hyphen stays is read from the
    document too: "conflict-" + "related" keeps it when the document prints "conflict-related"
    elsewhere, drops it when it prints "conflictrelated", and keeps it otherwise (compounds are
    what reports break at a line end far more often than words). A stray space before a hyphen
    ("conflict -related", as some PDF-to-text tools print it) is closed.

    Footnotes are the lines after a rule at the foot of a page ("__________"), or, without a
    rule, the last lines of a page that start with a number the page uses as a mark glued to a
    word ("Recommendations1" ... "1 These recommendations"). The marks are removed from the
    running text.

    References
    ----------
    PDF text through pdfium (the PDF engine of Chromium), by its Python binding pypdfium2:
    https://github.com/pypdfium2-team/pypdfium2.

    Examples
    --------
    >>> import tempfile, pathlib, wpsstats as wps
    >>> pages = [
    ...     "S/2099/1\nSeats in 2024.\nOf 60 seats, 15 went to women.\n1/3",
    ...     "S/2099/1\n2/3\nIn the senate, 4 of the 20 seats\nwent to women.",
    ...     "S/2099/1\n3/3\nOf conflict -\nrelated cases, 30 per cent.",
    ... ]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d, "note.txt")
    ...     _ = path.write_text("\f".join(pages), encoding="utf-8")
    ...     pages = wps.read.report(path)
    >>> for row in pages.itertuples():
    ...     print(row.page, repr(row.text))
    1 'Seats in 2024.\nOf 60 seats, 15 went to women.'
    2 'In the senate, 4 of the 20 seats\nwent to women.'
    3 'Of conflict-related cases, 30 per cent.'
    >>> pages.attrs["symbol"]
    'S/2099/1'
    """
    file = as_path(path)
    with file.open("rb") as fh:
        head = fh.read(1024)
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF"):
        raw_pages = _pdf_pages(file)
    elif file.suffix.lower() == ".pdf":
        raise FileFormatError(f"{str(file)!r} is named .pdf but is not a PDF (no %PDF header)")
    else:
        raw_pages = _text_pages(file)
    return _pages_frame(raw_pages, source=file.name)


def _pdf_pages(file: Path) -> list[str]:
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]
    except ImportError as exc:
        raise ImportError(
            f'reading the PDF {str(file)!r} needs pypdfium2: pip install "wpsstats[pdf]"'
        ) from exc
    try:
        document = pdfium.PdfDocument(file)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise FileFormatError(
                f"{str(file)!r} is an encrypted PDF: save an unencrypted copy first"
            ) from exc
        raise FileFormatError(f"{str(file)!r} is not a readable PDF: {exc}") from exc
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    if pages and not any(p.strip() for p in pages):
        raise FileFormatError(
            f"{str(file)!r} has no text layer on any of its {len(pages)} pages (a scanned PDF?): "
            "run OCR on it first (e.g. ocrmypdf), then read the result"
        )
    return pages


def _text_pages(file: Path) -> list[str]:
    raw = file.read_bytes()
    if b"\x00" in raw[:4096]:
        raise FileFormatError(f"{str(file)!r} is neither a PDF nor a text file (binary content)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"{str(file)!r} is neither a PDF nor UTF-8 text: byte {exc.start} cannot be decoded"
        ) from exc
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdftotext ends the last page with a form feed too
    return pages


# --------------------------------------------------------------------------------------------------
# Page furniture: running headers and footers
# --------------------------------------------------------------------------------------------------


def _lines(page: str) -> list[str]:
    text = page.replace("\r\n", "\n").replace("\r", "\n")
    return [_WS_RE.sub(" ", ln).strip() for ln in text.split("\n")]


def _edges(lines: list[str]) -> list[int]:
    """Indices of the first and last ``_EDGE`` non-empty lines of a page."""
    filled = [i for i, ln in enumerate(lines) if ln]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _shape(line: str) -> str:
    """A line with its digits as '#' and its words sorted: "2/7 25-12397" on even pages and
    "25-12397 3/7" on odd ones are the same running line."""
    return " ".join(sorted(_DIGITS_RE.sub("#", line).split(" ")))


def _furniture(pages: list[list[str]]) -> tuple[set[str], int | None]:
    """The shapes (digits as '#') of the lines that run along the top or bottom of the pages,
    and the offset of printed page numbers to the file's page index (None: no bare numbers)."""
    seen: collections.Counter[str] = collections.Counter()
    for lines in pages:
        seen.update({_shape(lines[i]) for i in _edges(lines)})
    need = max(2, _REPEAT_SHARE * len(pages))
    shapes = {s for s, n in seen.items() if n >= need}
    # a bare number repeated at the edges is a page number only if it follows the page count
    # (the printed "12" on the file's 20th page, and so on), not a table's first cell
    offset: int | None = None
    if "#" in shapes:
        offsets = collections.Counter(
            int(lines[i]) - k
            for k, lines in enumerate(pages)
            for i in _edges(lines)
            if _BARE_NUMBER_RE.match(lines[i])
        )
        top = offsets.most_common(1)  # empty when every bare number has 5 digits or more
        if top and top[0][1] >= need:
            offset = top[0][0]
        else:
            shapes.discard("#")
    return shapes, offset


def _job(line: str) -> str | None:
    m = _JOB_RE.match(line)
    return m.group(1) if m else None


def _strip_furniture(
    lines: list[str], index: int, shapes: set[str], jobs: set[str], offset: int | None
) -> list[str]:
    edges = set(_edges(lines))
    out = []
    for i, line in enumerate(lines):
        if i in edges:
            shape = _shape(line)
            if shape in shapes and (shape != "#" or int(line) - index == offset):
                continue
            if _PAGE_NUMBER_RE.match(line) and not _BARE_NUMBER_RE.match(line):
                continue
        if jobs and (_BARCODE_RE.match(line) or _job(line) in jobs):
            continue  # the first page's job number ("25-12397 (E) 130825") and its barcode
        out.append(line)
    return out


# --------------------------------------------------------------------------------------------------
# Footnotes, hyphens
# --------------------------------------------------------------------------------------------------


def _split_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """(running lines, footnote lines) of a page.

    After a rule low on the page, every line is a footnote. Without one (a table's notes), a
    line is a footnote when it starts with a number the page glues to a word as a mark, and so
    is each next line that goes on in lower case.
    """
    for i in range(len(lines) - 1, len(lines) // 3 - 1, -1):
        if _RULE_RE.match(lines[i]):  # a rule in the page's lower two thirds
            return lines[:i], [ln for ln in lines[i + 1 :] if ln]
    body = "\n".join(lines)
    glued = {m.group(1) for m in re.finditer(r"(?<=[^\W\d_])(\d{1,2})\b", body)}
    glued |= {m.group(1) for m in re.finditer(r"(?<=[^\W\d_][.,;:)”’\"])(\d{1,2})(?=\s|$)", body)}
    body_lines: list[str] = []
    notes: list[str] = []
    in_note = False
    for line in lines:
        m = _FOOTNOTE_START_RE.match(line)
        if m and m.group(1) in glued and not _HEADING_RE.match(line):
            notes.append(line)
            in_note = True
        elif in_note and line and (line[0].islower() or notes[-1].endswith(("-", ","))):
            notes.append(line)  # a footnote's next line goes on in lower case
        else:
            in_note = False
            body_lines.append(line)
    return body_lines, notes


def _notes(footnotes: list[str]) -> list[str]:
    """Footnote lines joined into one footnote each ("1 These ... Informal Expert" + "Group")."""
    notes: list[str] = []
    for line in footnotes:
        if _FOOTNOTE_START_RE.match(line) or not notes:
            notes.append(line)
        else:
            notes[-1] = f"{notes[-1]} {line}"
    return notes


def _remove_marks(text: str, numbers: list[str]) -> str:
    """Take each footnote's mark off the word it is glued to, once, in reading order.

    pdfium sometimes puts a space before a raised mark ("In Kosovo, 2 despite"): a number after
    a word's punctuation and a space, followed by a word in lower case, is the mark when no glued
    one is found.
    """
    for number in numbers:
        glued = re.compile(rf"(?:(?<=[^\W\d_][.,;:)”’\"])|(?<=[^\W\d_])){number}(?=[\s.,;:)]|$)")
        text, found = glued.subn("", text, count=1)
        if not found:
            spaced = re.compile(rf"(?<=[^\W\d_][.,;:”’\"]) {number}(?= [a-zà-ÿ])")
            text = spaced.sub("", text, count=1)
    return text


_LINE_END_HYPHEN_RE = re.compile(rf"([^\W\d_]+) ?[-{_BREAK_HYPHENS}]\n([^\W\d_]+)")
_INLINE_BREAK_RE = re.compile(rf"([^\W\d_]+)[{_BREAK_HYPHENS}]\s*([^\W\d_]+)")
_SPACE_HYPHEN_RE = re.compile(r"(?<=[^\W\d_]) +-(?=[^\W\d_])")


def _join_breaks(text: str, vocabulary: set[str]) -> str:
    """Join words broken at a line end, keeping the hyphen of a compound."""

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if f"{left}{right}".lower() in vocabulary and f"{left}-{right}".lower() not in vocabulary:
            return f"{left}{right}"
        return f"{left}-{right}"

    text = _INLINE_BREAK_RE.sub(join, text)
    text = _LINE_END_HYPHEN_RE.sub(join, text)
    return _SPACE_HYPHEN_RE.sub("-", text)


# --------------------------------------------------------------------------------------------------
# The frame and its attrs
# --------------------------------------------------------------------------------------------------


def _pages_frame(raw_pages: list[str], *, source: str) -> pd.DataFrame:
    pages = [_lines(p) for p in raw_pages]
    shapes, offset = _furniture(pages)
    # a UN job number in the running lines ("2/7 25-12397")
    jobs = {
        m.group(1)
        for lines in pages
        for i in _edges(lines)
        if _shape(lines[i]) in shapes
        for m in _JOB_RE.finditer(lines[i])
    }
    first = pages[0] if pages else []
    attrs = _first_page_attrs(first, shapes)
    cleaned = [_strip_furniture(lines, k, shapes, jobs, offset) for k, lines in enumerate(pages)]
    split = [_split_footnotes(lines) for lines in cleaned]
    vocabulary = {
        w.lower()
        for body, _ in split
        for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", " ".join(body))
    }
    texts, notes = [], []
    for body, foot in split:
        page_notes = _notes(foot)
        numbers = [m.group(1) for n in page_notes if (m := _FOOTNOTE_START_RE.match(n))]
        text = _join_breaks("\n".join(body).strip("\n"), vocabulary)
        texts.append(_remove_marks(text, numbers))
        notes.append("\n".join(_join_breaks(n, vocabulary) for n in page_notes))
    out = pd.DataFrame(
        {
            "page": pd.array(range(1, len(pages) + 1), dtype="int64"),
            "text": pd.array(texts, dtype="string"),
            "footnotes": pd.array(notes, dtype="string"),
        }
    )
    out.attrs.update({"source": source, **attrs, "furniture": sorted(shapes)})
    return out


def _first_page_attrs(lines: list[str], shapes: set[str]) -> dict[str, Any]:
    """Symbol, title and date as the first page prints them (None where it does not)."""
    filled = [ln for ln in lines if ln]
    # the symbol's pattern never matches across a line end, so the joined lines can be searched
    found = _SYMBOL_RE.search("\n".join(filled[:4]))
    symbol = found.group() if found else None
    date = None
    barcode = next((i for i, ln in enumerate(filled) if _BARCODE_RE.match(ln)), None)
    masthead = filled[:barcode] if barcode is not None else filled[:6]
    for line in masthead:
        m = _DATE_RE.search(line)
        if m:
            day, month, year = m.groups()
            try:  # "31 February 2025" names no day: no date rather than an invalid ISO one
                date = datetime.date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
            except ValueError:
                continue
            break
    if barcode is not None:
        body = filled[barcode + 1 :]
    elif symbol is not None:
        body = filled[1:]
    else:
        body = filled
    body = [ln for ln in body if _shape(ln) not in shapes]
    if barcode is None and len(body) <= 12:
        title_lines = body  # a cover page: its words are the title
    else:
        title_lines = []
        for line in body[:4]:
            if _HEADING_RE.match(line) or _RULE_RE.match(line) or line.endswith("."):
                break  # a heading, a rule or a sentence: the running text has begun
            title_lines.append(line)
    title = _join_breaks("\n".join(title_lines), set()).replace("\n", " ").strip() or None
    return {"symbol": symbol, "title": title, "date": date}
