"""Every figure of any report with a verdict: :func:`audit`.

:func:`wpsstats.published.reproduce` re-derives the figures of a bundled source from its data.
An arbitrary report has no bundled data, but its text still allows some checks: a percentage
printed with its counts must come from whole counts (GRIM); parts cannot exceed their whole ("Four
of the six parties", "221 cases against 147 girls and 74 boys"); shares of one whole cannot add
past 100; a "per cent increase" beside a level in per cent may mean percentage points. Where the
analyst passes data, each figure is matched to the data's value and the difference shown.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pandas as pd

from .._checks import check_columns, check_whole
from .extract import _report_figures, extract_figures
from .grim import _na, consistent_percent
from .reproduction import VERDICTS

__all__ = ["audit", "audit_text"]

# a whole, then its parts: "221 rape cases against 147 girls and 74 boys", "60 cases, including"
# or in brackets: "49 cases (46 girls and 3 boys)"
_PARTS_AFTER_RE = re.compile(
    r"^[^\d.;()]{0,40}?(?:\b(?:against|including|of\s+whom|of\s+which|among\s+them|comprising|"
    r"namely|dont)\b|\()",
    re.IGNORECASE,
)
# "Four of the six parties": a part, then "of the" and its whole
_OF_THE_RE = re.compile(r"^\s+(?:of|out\s+of)\s+(?:the|its|their|these|those)\s+$", re.IGNORECASE)
_LIST_GAP_RE = re.compile(r"^[^\d.;]{1,40}?(?:,\s*(?:and\s+)?|\s+and\s+|\s+et\s+)$", re.IGNORECASE)
_OF_WHOLE_RE = re.compile(r"\s+(?:of|des|de)\s+((?:the\s+|les\s+)?[^\W\d_]+)")

_COLUMNS = [
    "page", "phrase", "value", "unit", "qualifier", "check", "verdict", "reason", "sentence",
    "data_value", "difference",
]  # fmt: skip


def audit(report: pd.DataFrame | str, *, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check every figure of a report against what its own text (and optional data) allow.

    Parameters
    ----------
    report : pandas.DataFrame or str
        A report's pages as :func:`wpsstats.read.report` returns them, or a text.
    data : pandas.DataFrame, optional
        Values to check the figures against: a ``phrase`` column (the figure as the report
        prints it, e.g. "3.9 per cent"), a ``value`` column in the figure's unit (shares as
        fractions, and a value outside [0, 1] for a share is refused as a percentage given by
        mistake; a missing value is not_checkable) and, optionally, ``page`` (to tell apart
        two equal phrases) and ``source``.

    Returns
    -------
    pandas.DataFrame
        One row per figure, in order: ``page`` (missing for a text), ``phrase``, ``value``,
        ``unit``, ``qualifier``, ``check`` (the checks that applied: grim, parts, whole, points,
        range, average, data), ``verdict`` (consistent, inconsistent or not_checkable, as
        :func:`reproduce`), ``reason``, ``sentence``, ``data_value`` and ``difference`` (figure
        minus data, where data were given). ``attrs["report"]`` holds a short readable report
        (:func:`audit_text`).

    Notes
    -----
    The checks, each only where the text allows it:

    * grim: a percentage printed with its counts ("9 out of 36 (25 per cent)") must be k/n of
      whole people at its printed decimals (:func:`consistent_percent`);
    * parts: a count followed by its parts ("221 cases against 147 girls and 74 boys", "49 cases
      (46 girls and 3 boys)") — parts
      that add to more than the whole are inconsistent, to the whole consistent, to less (with
      "including") consistent; "Four of the six parties": the part may not exceed the whole;
    * whole: exact shares of one sentence that name the same whole ("of the seats") cannot add
      past 100 per cent;
    * points: a relative change printed right after a level in per cent ("27.3 per cent ..., a
      0.8 per cent increase") may mean percentage points; both earlier levels are given, and the
      verdict says which fits when the sentence prints the earlier level;
    * range: a range printed high end first is inconsistent; a share above 100 per cent too;
    * average: a share "on average" is a mean of shares, not checkable as one whole;
    * data: the data's value against the figure's bounds at its printed decimals.

    A figure no check reaches is not_checkable, with the reason.

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test: a simple technique detects
    numerous anomalies in the reporting of results in psychology. Social Psychological and
    Personality Science 8(4), 363-369.

    Examples
    --------
    >>> from wpsstats.published import audit
    >>> text = (
    ...     "Service providers recorded 221 cases against 147 girls and 84 boys. "
    ...     "Four of the six parties are listed. Nine women out of its 36 members (26 per cent)."
    ... )
    >>> result = audit(text)
    >>> result[["phrase", "check", "verdict"]]
                                               phrase  check       verdict
    0                                             221  parts  inconsistent
    1                                             147  parts  inconsistent
    2                                              84  parts  inconsistent
    3                                            Four  parts    consistent
    4                                             six  parts    consistent
    5  Nine women out of its 36 members (26 per cent)   grim  inconsistent
    >>> print(result.attrs["report"].splitlines()[0])
    6 figures: 2 consistent, 4 inconsistent, 0 not checkable
    """
    if isinstance(report, pd.DataFrame):
        # offsets into the pages read as one text, as extract_figures reads them; a figure's
        # page is its row (page numbers may repeat or be missing)
        figures, text, shift = _report_figures(report)
        full = figures.assign(start=figures["start"] + shift, end=figures["end"] + shift)
    else:
        figures = extract_figures(report)
        text, full = report, figures
        figures.insert(0, "page", pd.Series([pd.NA] * len(figures), dtype="Int64"))
    checks: Checks = [[] for _ in range(len(figures))]
    records = _records(full)
    _check_single(records, checks)
    _check_parts(records, text, checks)
    _check_whole(records, text, checks)
    _check_points(records, checks)
    data_value = np.full(len(figures), np.nan)
    if data is not None:
        data_value = _check_data(figures, data, checks)
    rows: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    for found in checks:
        verdict = (
            "inconsistent"
            if any(v == "inconsistent" for _, v, _ in found)
            else "consistent"
            if any(v == "consistent" for _, v, _ in found)
            else "not_checkable"
        )
        rows["check"].append(", ".join(dict.fromkeys(c for c, _, _ in found)))
        rows["verdict"].append(verdict)
        rows["reason"].append(
            "; ".join(r for _, _, r in found) or "nothing in the text to check it against"
        )
    out = pd.DataFrame(
        {
            "page": figures["page"].array,  # the report's own dtype; Int64, all missing, for a text
            "phrase": figures["phrase"].to_numpy(),
            "value": figures["value"].to_numpy(),
            "unit": figures["unit"].to_numpy(),
            "qualifier": figures["qualifier"].to_numpy(),
            "check": pd.array(rows["check"], dtype="string"),
            "verdict": pd.Categorical(rows["verdict"], categories=VERDICTS),
            "reason": pd.array(rows["reason"], dtype="string"),
            "sentence": figures["sentence"].to_numpy(),
            "data_value": data_value,
            "difference": figures["value"].to_numpy() - data_value,
        }
    )
    # text columns of one dtype whether or not any figure was found
    for column in ("phrase", "unit", "qualifier", "sentence"):
        out[column] = out[column].astype("string")
    out.attrs["report"] = audit_text(out)
    return out


def audit_text(result: pd.DataFrame, *, limit: int = 20) -> str:
    """A short readable report of :func:`audit`'s frame: the counts, then the figures found
    inconsistent and those found consistent, up to ``limit`` of each, with page and reason.

    Parameters
    ----------
    result : pandas.DataFrame
        The frame :func:`audit` returns (at least its columns ``page``, ``phrase``, ``verdict``
        and ``reason``).
    limit : int, default 20
        The most figures listed of each verdict; the rest are counted ("... and 3 more").

    Returns
    -------
    str
        The report, one line for the counts and one for each figure listed.

    Raises
    ------
    ValueError
        A ``result`` without those columns, or a negative ``limit``.
    TypeError
        A ``result`` that is not a pandas DataFrame, or a ``limit`` that is not a whole number.

    Examples
    --------
    >>> from wpsstats.published import audit, audit_text
    >>> print(audit_text(audit("Four of the three parties are listed.")))
    2 figures: 0 consistent, 2 inconsistent, 0 not checkable
    inconsistent:
      Four: 4 of the 3 is more than its whole
      three: 4 of the 3 is more than its whole
    """
    check_columns(result, ["page", "phrase", "verdict", "reason"], what="result (audit's frame)")
    limit = check_whole("limit", limit, 0)
    counts = result["verdict"].value_counts()
    lines = [
        f"{len(result)} figures: {counts.get('consistent', 0)} consistent, "
        f"{counts.get('inconsistent', 0)} inconsistent, "
        f"{counts.get('not_checkable', 0)} not checkable"
    ]
    for verdict in ("inconsistent", "consistent"):
        rows = result[result["verdict"] == verdict]
        if rows.empty:
            continue
        lines.append(f"{verdict}:")
        for row in rows.head(limit).to_dict("records"):
            page = "" if pd.isna(row["page"]) else f"p. {row['page']}, "
            lines.append(f"  {page}{row['phrase']}: {row['reason']}")
        if len(rows) > limit:
            lines.append(f"  ... and {len(rows) - limit} more")
    return "\n".join(lines)


def _fmt(x: float) -> str:
    return f"{x:,.10g}"


Checks = list[list[tuple[str, str, str]]]
# "9 sur 10 (91 %)", "un ménage sur deux (56 %)": a ratio over a small round base is a paraphrase
# of the percentage beside it, not a count of so many people
_PARAPHRASE_BASES = {2, 3, 4, 5, 10}


def _records(figures: pd.DataFrame) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in figures.to_dict("records")
    ]
    for r in out:
        r["note"] = "" if pd.isna(r["note"]) else str(r["note"])
        r["decimals"] = None if pd.isna(r["decimals"]) else int(r["decimals"])
    return out


def _check_single(records: list[dict[str, Any]], checks: Checks) -> None:
    """Checks a figure allows on its own: GRIM, a reversed range, over 100 per cent, averages."""
    for i, f in enumerate(records):
        note = f["note"]
        if note.startswith("reversed range"):
            checks[i].append(("range", "inconsistent", note))
        # a range's top end, not its midpoint: "between 95 and 110 per cent" goes past 100
        top = f["upper"] if f["qualifier"] == "between" else f["value"]
        if f["unit"] == "share" and top > 1:
            checks[i].append(("range", "inconsistent", "a share above 100 per cent"))
        if note.startswith("on average"):
            checks[i].append(("average", "not_checkable", note))
        n, k, d = f["denominator"], f["numerator"], f["decimals"]
        if f["unit"] != "share" or math.isnan(n) or d is None or n != int(n):
            continue
        percent = f"{f['value'] * 100:.{d}f}"
        if int(n) in _PARAPHRASE_BASES and not math.isnan(k):
            checks[i].append(_paraphrase(f, percent, int(k), int(n)))
            continue
        fits = bool(consistent_percent(percent, int(n), d))
        if not fits:
            checks[i].append(
                ("grim", "inconsistent", f"no count of {n:g} gives {percent} per cent")
            )
        elif math.isnan(k) or round(k / n * 100, d) == float(percent):
            checks[i].append(("grim", "consistent", f"{percent} per cent of {n:g} is whole"))
        else:
            shown = f"{_fmt(k)} of {n:g} is {k / n * 100:.2f} per cent, printed {percent}"
            checks[i].append(("grim", "inconsistent", shown))


def _paraphrase(f: dict[str, Any], percent: str, k: int, n: int) -> tuple[str, str, str]:
    """ "Près de 4 sur 10 (38 %)": the words round the percentage, within their qualifier."""
    share, words = float(percent) / 100, k / n
    qualifier = f["qualifier"]
    if qualifier in ("nearly", "less_than", "at_most"):
        ok = share <= words + 1e-12
    elif qualifier in ("just_over", "more_than", "at_least"):
        ok = share >= words - 1e-12
    else:
        ok = abs(share - words) <= 1 / (2 * n) + 1e-12
    said = f"{k} in {n} ({qualifier}) " + ("fits" if ok else "does not fit") + f" {percent} %"
    return ("paraphrase", "consistent" if ok else "inconsistent", said)


def _check_parts(records: list[dict[str, Any]], text: str, checks: Checks) -> None:
    """A whole and its parts: parts may not add past the whole."""
    counts = [
        i for i, f in enumerate(records) if f["unit"] == "count" and f["qualifier"] == "exact"
    ]
    for pos, i in enumerate(counts):
        whole_end = records[i]["end"]
        nxt = counts[pos + 1] if pos + 1 < len(counts) else None
        # "Four of the six parties"
        if nxt is not None and _OF_THE_RE.match(text[whole_end : records[nxt]["start"]]):
            part, whole = records[i]["value"], records[nxt]["value"]
            ok = part <= whole
            reason = f"{_fmt(part)} of the {_fmt(whole)} " + (
                "is within its whole" if ok else "is more than its whole"
            )
            for j in (i, nxt):
                checks[j].append(("parts", "consistent" if ok else "inconsistent", reason))
            continue
        m = _PARTS_AFTER_RE.match(text[whole_end : whole_end + 60])
        if m is None:
            continue
        parts: list[int] = []
        last_end = whole_end + m.end()
        for j in counts[pos + 1 :]:
            gap = text[last_end : records[j]["start"]]
            if (parts and not _LIST_GAP_RE.match(gap)) or len(gap) > 45 or "." in gap:
                break
            parts.append(j)
            last_end = records[j]["end"]
            if re.search(r"\s(?:and|et)\s", gap):
                break
        if len(parts) < 2:
            continue
        total = float(sum(records[j]["value"] for j in parts))
        whole = float(records[i]["value"])
        including = re.search(r"including|among|dont", m.group(), re.IGNORECASE) is not None
        listed = " + ".join(_fmt(records[j]["value"]) for j in parts)
        if total > whole:
            verdict, reason = "inconsistent", f"parts {listed} = {_fmt(total)} exceed {_fmt(whole)}"
        elif total == whole or including:
            verdict, reason = "consistent", f"parts {listed} = {_fmt(total)} of {_fmt(whole)}"
        else:
            verdict = "not_checkable"
            reason = f"parts {listed} = {_fmt(total)}, less than {_fmt(whole)} (others unnamed?)"
        for j in (i, *parts):
            checks[j].append(("parts", verdict, reason))


def _check_whole(records: list[dict[str, Any]], text: str, checks: Checks) -> None:
    """Exact shares listed in one sentence, each "of" the same whole, add to 100 at most.

    Only a list counts ("40 per cent of the seats, 35 per cent of the seats and ..."): shares of
    one whole in separate clauses may overlap ("90 % des hommes ... 94 % des hommes").
    """
    groups: list[tuple[str, list[int]]] = []
    previous: dict[str, Any] | None = None
    for i, f in enumerate(records):
        if f["unit"] != "share" or f["qualifier"] != "exact" or f["note"]:
            previous = None
            continue
        m = _OF_WHOLE_RE.match(text, f["end"])
        whole = m.group(1).lower() if m else None
        listed = (
            previous is not None
            and groups
            and whole == groups[-1][0]
            and previous["sentence"] == f["sentence"]
            and _LIST_GAP_RE.match(text[previous["end"] : f["start"]]) is not None
        )
        if listed:
            groups[-1][1].append(i)
        elif whole is not None:
            groups.append((whole, [i]))
        previous = f
    for whole, members in groups:
        if len(members) < 2:
            continue
        total = float(sum(records[j]["value"] for j in members))
        verdict = "inconsistent" if total > 1 + 1e-9 else "consistent"
        reason = f"shares of {whole} listed together add to {total * 100:.4g} per cent" + (
            ", past 100" if verdict == "inconsistent" else ""
        )
        for j in members:
            checks[j].append(("whole", verdict, reason))


def _check_points(records: list[dict[str, Any]], checks: Checks) -> None:
    """A relative change right after a level in per cent: relative, or percentage points?"""
    for i in range(1, len(records)):
        f, level = records[i], records[i - 1]
        if f["unit"] != "change" or level["unit"] != "share":
            continue
        if f["sentence"] != level["sentence"] or f["start"] - level["end"] > 80:
            continue
        sign = 1 if f["note"].endswith("increase") else -1
        now = float(level["value"]) * 100
        as_points = now - sign * float(f["value"]) * 100
        as_relative = now / (1 + sign * float(f["value"]))
        reason = (
            f"{f['phrase']} after {level['phrase']}: the earlier level is {as_points:.4g} per "
            f"cent if percentage points are meant, {as_relative:.4g} if a relative change"
        )
        after = [
            r for r in records[i + 1 : i + 3] if r["unit"] == "share" and r["start"] < f["end"] + 60
        ]
        tol = 0.5 * 10 ** -(level["decimals"] or 0) + 1e-9
        if after and abs(after[0]["value"] * 100 - as_points) <= tol:
            checks[i].append(("points", "inconsistent", reason + ": the text's fits points"))
        elif after and abs(after[0]["value"] * 100 - as_relative) <= tol:
            checks[i].append(("points", "consistent", reason + ": the text's fits"))
        else:
            checks[i].append(("points", "not_checkable", reason))


def _check_data(
    figures: pd.DataFrame, data: pd.DataFrame, checks: list[list[tuple[str, str, str]]]
) -> np.ndarray:
    """Each figure matched by its phrase (and page) to the data's value."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a DataFrame, got {type(data).__name__}")
    missing = [c for c in ("phrase", "value") if c not in data.columns]
    if missing:
        raise ValueError(
            f"data needs the columns 'phrase' and 'value', missing {missing}; "
            f"columns are {list(data.columns)}"
        )
    out = np.full(len(figures), np.nan)
    by_page = "page" in data.columns
    for position, row in enumerate(data.to_dict("records")):
        hit = figures["phrase"] == row["phrase"]
        page = row.get("page") if by_page else None
        if page is not None and not pd.isna(page):
            hit &= figures["page"] == page
        where = np.flatnonzero(hit.to_numpy(dtype=bool, na_value=False))
        if len(where) == 0:
            raise ValueError(
                f"data: row {position} ({row['phrase']!r}"
                + (f", page {page}" if page is not None else "")
                + ") matches no figure of the report"
            )
        source = f" ({row['source']})" if "source" in data.columns else ""
        try:
            value = math.nan if _na(row["value"]) else float(row["value"])
        except (TypeError, ValueError):
            raise ValueError(
                f"data: row {position} ({row['phrase']!r}) has value={row['value']!r}, not a "
                "number in the figure's unit"
            ) from None
        for i in where:
            if math.isnan(value):  # nothing to compare: neither within nor outside the figure
                checks[i].append(("data", "not_checkable", f"data{source}: no value"))
                continue
            f = figures.iloc[i]
            if f["unit"] == "share" and not 0 <= value <= 1:
                raise ValueError(
                    f"data: row {position} ({row['phrase']!r}) has value={row['value']!r}, but "
                    "the figure is a share: give it as a fraction in [0, 1] (27.3 per cent is "
                    "0.273)"
                )
            out[i] = value
            scale = 100 if f["unit"] == "share" else 1
            decimals = 0 if pd.isna(f["decimals"]) else int(f["decimals"])
            half = 0.5 * 10**-decimals / scale + 1e-12
            lo = f["lower"] if not math.isnan(f["lower"]) else -math.inf
            hi = f["upper"] if not math.isnan(f["upper"]) else math.inf
            if f["qualifier"] == "approx":
                verdict = "not_checkable"
                note = "an approximate figure"
            else:
                ok = lo - half <= value <= hi + half
                verdict = "consistent" if ok else "inconsistent"
                note = "within the printed figure" if ok else "outside the printed figure"
            shown = f"{value * scale:.4g}{' per cent' if scale == 100 else ''}"
            checks[i].append(("data", verdict, f"data{source}: {shown}, {note}"))
    return out
