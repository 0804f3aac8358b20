"""Published figures: parsing, extraction, consistency checks and reproduction of a report.

Reports print their numbers as phrases: "more than nine out of 10 married girls", "between 83 and
92 percent", "just under 8,000 depositions", "près de quatre sur dix". This package turns such
phrases into numbers with explicit bounds (:func:`parse_figure`, :func:`extract_figures`),
checks whether a printed percentage can come from whole counts at all (:func:`consistent_percent`,
:func:`possible_counts`, :func:`implied_fraction`, the GRIM test of Brown & Heathers), checks UN
document symbols (:func:`check_symbol`), and re-derives every bundled figure of a source
(:func:`reproduce`).

One module a seam: ``grammar`` (the words and patterns of a printed figure, compiled on first
use), ``scan`` (finding figures in a text, masking what only looks like one), ``parse``
(:class:`Figure`, :func:`parse_figure`), ``extract`` (:func:`extract_figures` and sentences),
``grim`` (the GRIM test and implied fractions), ``symbols`` (UN document symbols),
``reproduction`` (:func:`reproduce`) and ``audit`` (:func:`audit`, every figure of any report
with a verdict from the checks its text allows). ``import wpsstats`` does not import this
package; the top-level names (``wps.parse_figure``, ...) import it on first use.

Examples
--------
>>> import wpsstats.published as pub
>>> pub.parse_figure("nine women out of its 36 members (25 per cent)").numerator
9.0
>>> pub.consistent_percent("25.0", 36)
True
"""

from __future__ import annotations

from .audit import audit, audit_text
from .extract import extract_figures
from .grim import ImpliedFraction, consistent_percent, implied_fraction, possible_counts
from .parse import Figure, parse_figure
from .reproduction import reproduce
from .symbols import SymbolCheck, check_symbol

__all__ = [
    "Figure",
    "ImpliedFraction",
    "SymbolCheck",
    "audit",
    "audit_text",
    "check_symbol",
    "consistent_percent",
    "extract_figures",
    "implied_fraction",
    "parse_figure",
    "possible_counts",
    "reproduce",
]
