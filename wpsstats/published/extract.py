"""Every figure of a text, with the sentence that holds it: :func:`extract_figures`.

What only looks like a figure (years, dates, document symbols, resolution and paragraph numbers,
footnote marks) is masked in :mod:`.scan`; this module adds the sentences and builds the frame.
"""

from __future__ import annotations

import bisect
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .grammar import _collapse
from .parse import QUALIFIERS, UNITS, _figure
from .scan import _scan

__all__ = ["extract_figures"]

_QUALIFIER_CODE = {q: i for i, q in enumerate(QUALIFIERS)}
_UNIT_CODE = {u: i for i, u in enumerate(UNITS)}
_QUALIFIER_DTYPE = pd.CategoricalDtype(list(QUALIFIERS))
_UNIT_DTYPE = pd.CategoricalDtype(list(UNITS))


# --------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------

_ABBREV = {
    "mr", "ms", "mrs", "dr", "no", "nos", "p", "pp", "para", "paras", "e.g", "i.e", "vs", "st",
    "art", "vol", "cf", "approx", "u.s", "u.n", "fig", "op", "m", "mme", "n°",
}  # fmt: skip
_SENT_END_RE = re.compile(r"[.!?…][\"”’)\]]*\d{0,2}(?=\s+[“\"‘(]?[A-ZÀ-Ý0-9])")


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (sorted, starting with 0)."""
    starts = [0]
    for m in _SENT_END_RE.finditer(text):
        word = re.search(r"([\w.°]+)[.!?…]$", text[max(0, m.start() - 12) : m.start() + 1])
        if word and word.group(1).lower().rstrip(".") in _ABBREV:
            continue
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        starts.append(nxt)
    # Paragraph breaks end a sentence too. Text whose every line is followed by a blank line (as
    # pdftotext prints) marks paragraphs with two or more blank lines instead of one.
    lines = text.split("\n")
    double_spaced = len(lines) > 4 and sum(1 for ln in lines if not ln.strip()) >= len(lines) // 2
    para = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+" if double_spaced else r"\n[ \t]*\n")
    if double_spaced:
        para = re.compile(r"\n(?:[ \t]*\n)*[ \t]+\n(?:[ \t]*\n)*|\n[ \t]*\n[ \t]*\n")
    ends = sorted(set(starts))
    for m in para.finditer(text):
        # a page break inside a sentence looks like a paragraph break: the text before it ends
        # without a stop and the text after goes on in lower case ("gender-based violence
        # \n\n\n\nsurvivors do not ..."); the sentence goes on across it, unless the page's
        # footnotes or links stand between its two halves (then the break is kept, as before)
        last = _LAST_CHAR_RE.search(text, max(0, m.start() - 200), m.start())
        following = _NEXT_CHAR_RE.match(text, m.end())
        if (
            last is not None
            and last.group(1) not in _SENTENCE_STOPS
            and following is not None
            and following.group(1).islower()
        ):
            since = ends[bisect.bisect_right(ends, m.start()) - 1]
            if not _PAGE_FURNITURE_RE.search(text, max(0, since - 2), m.start()):
                continue
        bisect.insort(ends, m.end())
    return sorted(set(ends))


_SENTENCE_STOPS = frozenset(".!?…:;)]”\"'’")
_LAST_CHAR_RE = re.compile(r"(\S)\s*\Z")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
# what a page's foot puts inside a sentence that runs on to the next page: links, the rule
# line of spaces above the footnotes, a footnote ("1 Mouvement national ...")
_PAGE_FURNITURE_RE = re.compile(r"https?://|www\.|\n[ \t]{10,}\n|\n[ \t]*\d{1,2}[ \t]+[A-ZÀ-Ý]")


_EXTRACT_COLUMNS = [
    "value", "lower", "upper", "qualifier", "unit", "phrase", "sentence", "start", "end",
    "numerator", "denominator", "decimals", "note",
]  # fmt: skip


# a document's file name, as a user passes it instead of the document's text
_DOCUMENT_SUFFIXES = (".pdf", ".txt", ".text", ".doc", ".docx", ".htm", ".html")


def _refuse_path(text: str) -> None:
    """Refuse a file's path given as the text to read: it holds no figures, so nothing is found."""
    line = text.strip()
    if not line or "\n" in line:
        return
    try:
        exists = len(line) < 4096 and Path(line).is_file()
    except (OSError, ValueError):  # not a usable path (too long, a NUL): a text
        exists = False
    if exists or (not any(c.isspace() for c in line) and line.lower().endswith(_DOCUMENT_SUFFIXES)):
        raise ValueError(
            f"text={line!r} is a file path, not a text: read the report first, "
            f"report = wps.read.report({line!r}), and pass report"
        )


def extract_figures(text: str | pd.DataFrame) -> pd.DataFrame:
    """Find every figure in a text, or in a report read by :func:`wpsstats.read.report`.

    Parameters
    ----------
    text : str or pandas.DataFrame
        A document or any part of one, English or French; or a report's pages, a frame with
        ``page`` and ``text`` columns as :func:`wpsstats.read.report` returns. A file's path
        is refused (a ``ValueError`` that says to read it with :func:`wpsstats.read.report`
        first): read as a text it would hold no figures.

    Returns
    -------
    pandas.DataFrame
        One row per figure, in order of appearance: ``value``, ``lower``, ``upper``,
        ``qualifier``, ``unit`` (as :func:`parse_figure`), ``phrase`` (the figure's words, white
        space collapsed), ``sentence`` (the sentence holding it, collapsed), ``start`` and ``end``
        (``text[start:end]`` is the phrase as printed), ``numerator``, ``denominator``,
        ``decimals`` and ``note`` (what the neighbours say of the figure: a unit inferred, "on
        average", a DHS table cell, a minus sign, ...). Given a report, a first column
        ``page`` says on which page each figure starts, and ``start``/``end`` are offsets into
        that page's text (a figure that runs on to the next page ends past it).

    Notes
    -----
    Not figures, and never extracted: years ("in 2017", "2015-16"), dates ("June 30th",
    "30 juin"), document symbols ("S/2016/682") and links, resolution numbers ("resolution 2391",
    "1325 (2000)"), paragraph, page, article and goal numbers ("OP 27", "18. Underlines",
    "paragraph 7", "SDG 5"), ages and durations ("aged 15–19", "before 18 years"), ordinals
    ("30th"), names with digits ("G5 Sahel") and footnote marks and bodies ("armed conflict.1").
    A year-like number followed by people is a count ("2000 women were surveyed"), unless a word
    of time comes before it ("in 2019 women held..."); after a qualifier word without people
    ("Around 2015, ...") it is a year. Ages with their qualifier ("children under 5") and
    ordinal fractions ("a third time", "the second half of 2017") are not figures either.

    A decimal comma with one or two digits is read as French prints it ("6,1", "52,5 p. 100");
    three digits after a comma are a thousands group ("1,200"). A range in words ("two to three
    million") is one range; "one to one" is no figure. A falling "from X to Y" ("fell
    from 40 to 30 per cent") gives two figures, the ends of the change, and so does a rising one
    after a verb of change ("rose from 10 to 20 per cent", "passé de 10 à 20 %"); any other
    rising one is read as a range, as "from 83 to 92 per cent" usually is.

    A report's pages are read as one text, a newline between pages, so that a sentence (and a
    figure) that runs across a page break is read whole; it belongs to the page where it starts.

    A bare number between two percentages and followed by "of" ("2.6 percent of military
    personnel, 4.7 of formed police unit personnel, 16.5 percent of ...") is read as a
    percentage, and ``note`` says that the unit was inferred. A figure printed with a minus sign
    ("−3 per cent") keeps the figure's value without the sign, and ``note`` says so: a fall,
    relative or in points, is not a share, and the figure alone does not say which it is.

    References
    ----------
    The sentence splitter follows the usual rule (a full stop, then white space and a capital),
    with abbreviations ("Ms.", "p.") and paragraph breaks handled; see Kiss & Strunk (2006),
    "Unsupervised multilingual sentence boundary detection", Computational Linguistics 32(4).

    Examples
    --------
    >>> from wpsstats.published import extract_figures
    >>> text = (
    ...     "In 2017, MINUSMA documented 16 cases (S/2018/250). More than 52 per cent of "
    ...     "girls are married before 18 years."
    ... )
    >>> extract_figures(text)[["phrase", "value", "qualifier", "unit"]]
                      phrase  value  qualifier   unit
    0                     16  16.00      exact  count
    1  More than 52 per cent   0.52  more_than  share
    """
    if isinstance(text, pd.DataFrame):
        return _report_figures(text)[0]
    if isinstance(text, os.PathLike):
        raise TypeError(
            f"text is a path ({type(text).__name__}), not a text: read the report first, "
            f"report = wps.read.report({os.fspath(text)!r}), and pass report"
        )
    if not isinstance(text, str):
        raise TypeError(
            "text must be a string or a report frame (wpsstats.read.report), got "
            f"{type(text).__name__}: {text!r}"
        )
    _refuse_path(text)
    raws = _scan(text)
    figures = [_figure(r, text) for r in raws]
    bounds = _sentence_bounds(text) if figures else [0]
    rows: dict[str, list[Any]] = {c: [] for c in _EXTRACT_COLUMNS}
    # a table has no full stops: many figures share one long "sentence", collapsed once
    collapsed: dict[tuple[int, int], str] = {}
    for f in figures:
        i = bisect.bisect_right(bounds, f.start) - 1
        s_start = bounds[i]
        s_end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        s_end = max(s_end, f.end)
        rows["value"].append(f.value)
        rows["lower"].append(f.lower)
        rows["upper"].append(f.upper)
        rows["qualifier"].append(f.qualifier)
        rows["unit"].append(f.unit)
        rows["phrase"].append(f.text)
        if (s_start, s_end) not in collapsed:
            collapsed[s_start, s_end] = _collapse(text[s_start:s_end])
        rows["sentence"].append(collapsed[s_start, s_end])
        rows["start"].append(f.start)
        rows["end"].append(f.end)
        rows["numerator"].append(f.numerator)
        rows["denominator"].append(f.denominator)
        rows["decimals"].append(f.decimals)
        rows["note"].append(f.note)
    decimals = np.array([-1 if d is None else d for d in rows["decimals"]], dtype=np.int64)
    out = pd.DataFrame(
        {
            "value": np.array(rows["value"], dtype=np.float64),
            "lower": np.array(rows["lower"], dtype=np.float64),
            "upper": np.array(rows["upper"], dtype=np.float64),
            "qualifier": pd.Categorical.from_codes(
                np.array([_QUALIFIER_CODE[q] for q in rows["qualifier"]], dtype=np.int64),
                dtype=_QUALIFIER_DTYPE,
            ),
            "unit": pd.Categorical.from_codes(
                np.array([_UNIT_CODE[u] for u in rows["unit"]], dtype=np.int64),
                dtype=_UNIT_DTYPE,
            ),
            "phrase": pd.array(rows["phrase"], dtype="string"),
            "sentence": pd.array(rows["sentence"], dtype="string"),
            "start": np.array(rows["start"], dtype=np.int64),
            "end": np.array(rows["end"], dtype=np.int64),
            "numerator": np.array(rows["numerator"], dtype=np.float64),
            "denominator": np.array(rows["denominator"], dtype=np.float64),
            "decimals": pd.arrays.IntegerArray(decimals, decimals < 0),
            "note": pd.array(rows["note"], dtype="string"),
        }
    )
    return out


def _report_figures(pages: pd.DataFrame) -> tuple[pd.DataFrame, str, np.ndarray]:
    """The figures of a report's pages, each with the page where it starts; the pages read as
    one text; and each figure's page offset in that text, found by the page's row, not its
    number, which may repeat or be missing."""
    missing = [c for c in ("page", "text") if c not in pages.columns]
    if missing:
        raise ValueError(
            f"text: a report frame needs the columns 'page' and 'text' (as wpsstats.read.report "
            f"returns), missing {missing}; columns are {list(pages.columns)}"
        )
    texts = ["" if pd.isna(t) else str(t) for t in pages["text"]]
    # one text, a newline between pages, so that a sentence runs on across a page break
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.array([0])
    text = "\n".join(texts)
    out = extract_figures(text)
    where = np.searchsorted(offsets, out["start"].to_numpy(), side="right") - 1
    shift = offsets[where].astype(np.int64)
    out["start"] = out["start"].to_numpy() - shift
    out["end"] = out["end"].to_numpy() - shift
    # taken from the report's own column, so that its dtype stays: an Int64 page with a missing
    # number is not made float ("p. 2.0"), nor a page of no figures int64
    out.insert(0, "page", pages["page"].array.take(where))
    return out, text, shift
