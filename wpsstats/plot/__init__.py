"""Charts for a briefing: representation, parity, prevalence, published figures and trends.

Five charts an analyst puts in front of a reader, each drawn with matplotlib on an ``Axes`` that
the caller may pass (``ax=``) and that the function returns:

* :func:`representation` -- the share of women in several bodies as horizontal bars, with their
  confidence intervals, the "9 of 36" behind each share and a quota line;
* :func:`parity` -- personnel categories against their targets, with the women still needed
  written on each bar;
* :func:`prevalence` -- survey estimates by domain (:func:`wpsstats.survey_prevalence`) as
  points with their intervals, optionally with the DHS marks of few cases;
* :func:`qualified_figures` -- published figures as the source states them: "more than 52 per
  cent" is an open-ended claim and is drawn as one, "between 83 and 92 per cent" as a range;
* :func:`trend` -- observed shares over time against a target path, optionally with the
  least-squares line and the year it reaches the target.

Every chart carries a source line under the plot (:func:`source_line`), built from the data's
source columns when the caller gives none, and uses the Okabe-Ito palette (:data:`OKABE_ITO`),
which readers with the common forms of colour-vision deficiency can tell apart. Shares are drawn
on a 0-100 per cent axis by default, so that a small share looks small.

The pieces the charts share (palette, number formats, axes, label placement, source line) are
in :mod:`wpsstats.plot.style`, for charts of your own. Each chart lives in a private module
(``_representation``, ``_parity``, ``_prevalence``, ``_qualified``, ``_trend``) whose name
differs from the chart's, so that ``wpsstats.plot.parity`` is always the function.
"""

from ._parity import parity
from ._prevalence import prevalence
from ._qualified import QUALIFIERS, qualified_figures
from ._representation import representation
from ._trend import trend
from .style import OKABE_ITO, source_line

__all__ = [
    "OKABE_ITO",
    "QUALIFIERS",
    "parity",
    "prevalence",
    "qualified_figures",
    "representation",
    "source_line",
    "trend",
]
