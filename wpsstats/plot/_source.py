"""The source line under a chart, and the source it names when the caller gives none.

Public through :mod:`wpsstats.plot.style` (and :func:`wpsstats.plot.source_line`); kept apart
because it is the one part of the style that reads the bundled datasets' citations.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence

import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation

__all__ = ["SOURCE_GID", "default_source", "source_line"]

SOURCE_GID = "source"
"""The ``gid`` of the source line, by which a chart finds (and replaces) it."""


def _below_axis(ax: Axes) -> Callable[[RendererBase], transforms.Bbox]:
    """Coordinates for the source line: the Axes together with its x tick labels and label.

    Anchoring to this box, not to the Axes alone, keeps the line under the tick labels whatever
    their size, and keeps it inside ``layout="constrained"`` and ``bbox_inches="tight"``.
    """

    def box(renderer: RendererBase) -> transforms.Bbox:
        frame = ax.get_window_extent(renderer)
        axis_box = ax.xaxis.get_tightbbox(renderer)
        bottom = frame.y0 if axis_box is None else min(frame.y0, axis_box.y0)
        # Left edge of the plot itself: a tick label half out of the Axes must not shift it.
        return transforms.Bbox.from_extents(frame.x0, bottom, frame.x1, frame.y1)

    return box


def source_line(ax: Axes, text: str, *, note: str | None = None) -> Annotation | None:
    """Write a source line under an Axes, replacing any source line already there.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The chart.
    text : str
        The source, e.g. ``"IEG on WPS, update on Mali and the Sahel (2018), p. 1"``. "Source: "
        is put in front unless the text already starts with "Source". An empty string leaves
        the source out (and removes the line, unless there is a note).
    note : str, optional
        A second line, e.g. what the whiskers are: written even without a source, since a chart
        names its marks there rather than in a legend.

    Returns
    -------
    matplotlib.text.Annotation or None
        The line (its ``gid`` is ``"source"``), or None for an empty ``text`` without a note.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from wpsstats.plot import source_line
    >>> fig, ax = plt.subplots()
    >>> source_line(ax, "IEG on WPS, update on Mali and the Sahel (2018), p. 1").get_text()
    'Source: IEG on WPS, update on Mali and the Sahel (2018), p. 1'
    >>> plt.close(fig)
    """
    if not isinstance(text, str):
        raise TypeError(f"source must be a string, got {text!r}")
    # checked before the line already there is removed: a refused note leaves the chart as it was
    if note is not None and not isinstance(note, str):
        raise TypeError(f"note must be a string or None, got {note!r}")
    for old in [t for t in ax.texts if t.get_gid() == SOURCE_GID]:
        old.remove()
    text = " ".join(text.split())
    if not text and not (note and note.strip()):
        return None
    if text and not text.lower().startswith("source"):
        text = f"Source: {text}"
    # Wrap to the width of the Axes at about 13 characters an inch of small (8-9 pt) type.
    width_in = ax.bbox.width / ax.figure.dpi
    chars = max(40, int(width_in * 13))
    lines = textwrap.wrap(text, chars)  # [] for no source
    if note:
        lines += textwrap.wrap(" ".join(note.split()), chars)
    return ax.annotate(
        "\n".join(lines),
        xy=(0, 0),
        xycoords=_below_axis(ax),
        xytext=(0, -6),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize="small",
        color="0.3",
        gid=SOURCE_GID,
        annotation_clip=False,
    )


def _source_titles() -> dict[str, str]:
    """source_id -> title of every bundled source (the ``sources`` dataset)."""
    from ..datasets import load

    sources = load("sources")
    return dict(zip(sources["source_id"].astype(str), sources["title"].astype(str), strict=True))


def _titles_from_attrs(frame: pd.DataFrame) -> dict[str, str]:
    """source_id -> title from a loaded dataset's sidecar, whose sources name their id in a note."""
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    found: dict[str, str] = {}
    for src in meta.get("sources", []) if isinstance(meta, dict) else []:
        match = re.search(r"source_id\s+([\w.-]+)", str(src.get("note", "")))
        if match and src.get("title"):
            producer = f"{src['producer']}, " if src.get("producer") else ""
            date = f" ({src['date']})" if src.get("date") else ""
            found[match.group(1)] = f"{producer}{src['title']}{date}"
    return found


def _locators(values: Sequence[str]) -> str:
    """p. 3, p. 1, p. 2 -> pp. 1, 2, 3 (in page order); anything else is listed as it is."""
    unique = list(dict.fromkeys(v for v in values if v))
    if len(unique) > 1 and all(v.startswith("p. ") for v in unique):
        pages = sorted(
            (v[3:] for v in unique),
            key=lambda p: (not p.isdigit(), int(p) if p.isdigit() else 0, p),
        )
        return "pp. " + ", ".join(pages)
    return ", ".join(unique)


def default_source(frame: pd.DataFrame) -> str:
    """The data's own citation, for a chart given no ``source``.

    In order: the ``source`` column; the ``source_title`` (or ``source_id``, looked up in the
    bundled sources and the frame's sidecar) with its ``locator`` values ("..., pp. 2, 3"); the
    sources of the frame's sidecar (``attrs["wpsstats"]``); else "not stated".

    Parameters
    ----------
    frame : pandas.DataFrame
        The data a chart draws.

    Returns
    -------
    str
        The citation, several sources joined by "; ".

    Examples
    --------
    >>> default_source(
    ...     pd.DataFrame({"source_title": ["IEG update"] * 2, "locator": ["p. 3", "p. 1"]})
    ... )
    'IEG update, pp. 1, 3'
    >>> default_source(pd.DataFrame({"share": [0.3]}))
    'not stated'
    """
    if "source" in frame.columns:
        names = [str(v) for v in frame["source"].dropna().unique()]
        if names:
            return "; ".join(names)
    title_col = "source_title" if "source_title" in frame.columns else None
    if title_col is None and "source_id" in frame.columns:
        ids = frame["source_id"].astype("string")
        known = {**_titles_from_attrs(frame), **_source_titles()}
        titles = ids.map(lambda i: known.get(str(i), str(i)) if pd.notna(i) else pd.NA)
        frame = frame.assign(_title=titles)
        title_col = "_title"
    if title_col is not None:
        parts = []
        groups = frame[frame[title_col].notna()].groupby(title_col, sort=False)
        for title, rows in groups:
            where = ""
            if "locator" in rows.columns:
                where = _locators([str(v) for v in rows["locator"].dropna()])
            parts.append(f"{title}, {where}" if where else str(title))
        if parts:
            return "; ".join(parts)
    meta = frame.attrs.get("wpsstats", {}) if isinstance(frame.attrs, dict) else {}
    if isinstance(meta, dict) and meta.get("sources"):
        return "; ".join(
            ", ".join(str(s[k]) for k in ("producer", "title", "date") if s.get(k))
            for s in meta["sources"]
        )
    return "not stated"
