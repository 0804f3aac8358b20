"""Personnel parity: how far a mission, a category or a contributor is from the UN's targets.

Three questions an analyst asks of a peacekeeping mission's personnel, each answered here:

* how far from the target now, in percentage points and in people (:func:`parity_gap`);
* when the target is reached at the current pace (:func:`year_reaching`), or whether it is met
  already and since when (:func:`trend_status`);
* what pace meets the target on time (:func:`pace_needed`).

The targets themselves, each with its source, are the bundled dataset ``parity_targets``
(:func:`parity_targets`); the vocabulary that maps the categories of the UN's targets, its monthly
reports, the IPI Peacekeeping Database and the seed onto each other is ``personnel_categories``.

Shares are fractions in [0, 1]; gaps and paces are in percentage points. The three functions on a
share over time (:func:`year_reaching`, :func:`trend_status`, :func:`pace_needed`) are defined in
``wpsstats._trends`` with the least-squares line they share, and are public here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._checks import (
    as_count_pair,
    check_choice,
    check_columns,
    check_flag,
    check_fraction,
    check_same_shape,
    check_series_broadcast,
    closest,
    series_index,
)
from ._trends import pace_needed, trend_status, year_reaching
from .datasets import load

__all__ = [
    "pace_needed",
    "parity_gap",
    "parity_targets",
    "to_target_categories",
    "trend_status",
    "year_reaching",
]

# --------------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------------


def parity_targets(
    category: str | None = None,
    year: int | None = None,
    *,
    interpolated: bool = True,
) -> pd.DataFrame:
    """The UN's targets for the share of women, by personnel category and year, with sources.

    Parameters
    ----------
    category : str, optional
        Keep one category: ``"military_contingents"``, ``"military_observers_staff_officers"``,
        ``"formed_police_units"``, ``"individual_police_officers"`` or ``"civilian_staff"``
        (the ids of the ``personnel_categories`` vocabulary).
    year : int, optional
        Keep one year.
    interpolated : bool, default True
        Keep the rows of kind ``"interpolated"``: years between two published targets of a
        category, filled by a straight line. They are NOT published figures; pass ``False`` to
        see only what a source prints.

    Returns
    -------
    pandas.DataFrame
        Columns ``category``, ``year``, ``target`` (a share), ``kind`` (``published`` or
        ``interpolated``), ``source_id`` (see ``wps.load("sources")``), ``also_source_id``,
        ``quote`` and ``note``; ``.attrs["wpsstats"]`` holds the dataset's metadata.

    Notes
    -----
    Published: the 2028 end targets of the Uniformed Gender Parity Strategy 2018-2028 (15 per cent
    women in military contingents, 25 among military observers and staff officers, 20 in formed
    police units, 30 among individual police officers), its 2021 targets for the two military
    categories (8 and 18 per cent), and parity (50 per cent) for civilian staff by 2028 under the
    System-wide Strategy on Gender Parity. Not bundled, for want of a citable source: the
    Strategy's yearly targets for 2018-2020 and for police before 2028, and every target for
    justice and corrections personnel.

    References
    ----------
    .. [1] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028.
    .. [2] United Nations, Department of Peace Operations (2021). Acknowledging uniformed gender
       parity target achievers.
    .. [3] UN Women (2018). One year into UN Secretary-General's System-wide Strategy on Gender
       Parity.

    Examples
    --------
    >>> import wpsstats as wps
    >>> t = wps.parity_targets(year=2028, interpolated=False)
    >>> t[["category", "target", "source_id"]]  # doctest: +NORMALIZE_WHITESPACE
                                category  target                       source_id
    0                     civilian_staff     0.5  unwomen-swsgp-anniversary-2018
    1                formed_police_units     0.2              dpo-ugps-2018-2028
    2         individual_police_officers     0.3              dpo-ugps-2018-2028
    3               military_contingents    0.15              dpo-ugps-2018-2028
    4  military_observers_staff_officers    0.25              dpo-ugps-2018-2028
    >>> wps.parity_targets("military_contingents", 2024)[["target", "kind"]]
       target          kind
    0    0.11  interpolated
    """
    frame = load("parity_targets")
    interpolated = check_flag("interpolated", interpolated)
    if category is not None:
        choices = [str(c) for c in frame["category"].cat.categories]
        check_choice("category", category, choices)
        frame = frame[frame["category"] == category]
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise TypeError(f"year must be a whole year such as 2028, got {year!r}")
        frame = frame[frame["year"] == int(year)]
    if not interpolated:
        frame = frame[frame["kind"] == "published"]
    out = frame.reset_index(drop=True)
    out.attrs = frame.attrs
    return out


# --------------------------------------------------------------------------------------------
# categories
# --------------------------------------------------------------------------------------------


def _scheme_of(labels: list[str], vocab: pd.DataFrame, column: str) -> str:
    """The one scheme of the vocabulary whose labels include every label of the data."""
    known = {
        str(scheme): set(group.astype(str))
        for scheme, group in vocab.groupby("scheme", observed=True)["label"]
    }
    fits = [s for s, have in known.items() if set(labels) <= have]
    if len(fits) == 1:
        return fits[0]
    if fits:
        raise ValueError(
            f"the labels of column {column!r} ({', '.join(map(repr, labels))}) fit several "
            f"schemes: {', '.join(map(repr, fits))}; pass scheme= to say which"
        )
    best = max(known.items(), key=lambda item: len(set(labels) & item[1]))
    unknown = sorted(set(labels) - best[1])
    raise ValueError(
        f"no scheme of the personnel_categories vocabulary knows every label of column "
        f"{column!r}; the closest, {str(best[0])!r}, lacks {', '.join(map(repr, unknown))} "
        f"(see wps.load('personnel_categories'))"
    )


def to_target_categories(
    data: pd.DataFrame, *, scheme: str | None = None, column: str = "category"
) -> pd.DataFrame:
    """Put beside each row the target category of :func:`parity_targets` that its label maps to.

    Each source names peacekeeping personnel its own way: the IPI file's ``troops``, the UN
    monthly reports' "Staff Officers", the seed's "military personnel". The bundled vocabulary
    ``personnel_categories`` maps every label of each scheme onto the category ids of
    :func:`parity_targets`, and says how cleanly: this function applies it, so reader output
    goes into :func:`parity_gap` with no mapping written by hand.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per observation, with the source's category label in ``column`` (for example
        the output of :func:`wpsstats.read.ipi_gender`, or ``wps.load("ipi_minusma_2014")``).
    scheme : str, optional
        The vocabulary's scheme the labels come from: ``"read_ipi_gender"`` (the names the IPI
        reader gives), ``"ipi_gender_json"``, ``"ipi_current_month_csv"``,
        ``"un_monthly_report"``, ``"ugps"``, ``"dpo_target_achievers"``, ``"seed"`` or
        ``"system_wide_strategy"``. By default the one scheme that knows every label of the
        data; leaving it out is an error when several do.
    column : str, default "category"
        The column that holds the labels.

    Returns
    -------
    pandas.DataFrame
        ``data`` with every row kept and two columns inserted after ``column``:
        ``target_category`` (the id :func:`parity_targets` uses; missing where no target category
        covers the label, or the label is missing) and ``match`` (``exact``, ``broader`` -- the
        label counts more people than the category --, ``narrower`` -- fewer: add the labels
        that share a category --, ``partial`` or ``none``). ``attrs`` are kept.

    Raises
    ------
    ValueError
        A label the scheme does not know (with the closest known label), a scheme that does not
        exist, labels that fit no scheme or several, or a label that the scheme counts in two
        target categories at once (the monthly reports' "Police" is both police categories:
        giving it one would count people twice); ``data`` without ``column``, or with a column
        ``target_category`` or ``match`` already.
    TypeError
        ``data`` that is not a pandas DataFrame.

    See Also
    --------
    parity_gap : the gap to a target, for counts summed by ``target_category``.

    Notes
    -----
    Why a label maps loosely is in the vocabulary's ``note`` column; for the IPI file of March
    2014, "troops" is ``broader`` than military contingents because the file has no field for
    staff officers.

    References
    ----------
    .. [1] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028 (the target categories).

    Examples
    --------
    >>> import wpsstats as wps
    >>> ipi = wps.to_target_categories(wps.load("ipi_minusma_2014"), scheme="read_ipi_gender")
    >>> counts = ipi.pivot_table(
    ...     index=["target_category", "match"],
    ...     columns="sex",
    ...     values="count",
    ...     aggfunc="sum",
    ...     observed=True,
    ... )
    >>> counts  # doctest: +NORMALIZE_WHITESPACE
    sex                                 female  male
    target_category            match
    military_contingents       broader      52  6431
    formed_police_units        exact        40   842
    individual_police_officers exact        10    94
    """
    check_columns(data, [column])
    taken = [c for c in ("target_category", "match") if c in data.columns]
    if taken:
        raise ValueError(
            f"data already has a column {taken[0]!r}; rename it before mapping the categories"
        )
    vocab = load("personnel_categories")
    present = data[column].dropna()
    labels = sorted({str(v) for v in present.unique()})
    schemes = [str(s) for s in vocab["scheme"].cat.categories]
    if scheme is None:
        scheme = _scheme_of(labels, vocab, column) if labels else schemes[0]
    check_choice("scheme", scheme, schemes)
    table = vocab[vocab["scheme"] == scheme]
    known = sorted(set(table["label"].astype(str)))
    for label in labels:
        if label not in known:
            hint = closest(label, known)
            suffix = f"; did you mean {hint!r}?" if hint else ""
            raise ValueError(
                f"{column}={label!r} is not a label of scheme {scheme!r}, whose labels are "
                f"{', '.join(map(repr, known))}{suffix}"
            )
        targets = table[table["label"] == label]
        if len(targets) > 1:
            raise ValueError(
                f"{column}={label!r} of scheme {scheme!r} counts people of "
                f"{len(targets)} target categories at once "
                f"({', '.join(targets['category'].astype(str))}); it cannot be given one "
                "without counting people twice (see the vocabulary's note)"
            )
    one = table.drop_duplicates("label").set_index("label")
    keys = data[column].astype("string")
    category = keys.map(one["category"].astype("string").where(one["match"] != "none"))
    match = keys.map(one["match"].astype("string"))
    out = data.copy()
    at = list(out.columns).index(column) + 1
    out.insert(at, "target_category", category.astype(vocab["category"].dtype))
    out.insert(at + 1, "match", match.astype(vocab["match"].dtype))
    return out


# --------------------------------------------------------------------------------------------
# gap now
# --------------------------------------------------------------------------------------------


def _women_needed(
    women: np.ndarray, total: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``rates.quota_gap(..., mode="replace")`` for targets that may differ from row to row.

    ``women`` and ``total`` are the counts as :func:`as_count_pair` gives them (integers stay
    exact at any size), ``target`` floats. quota_gap takes one quota; the rows are grouped by
    target value (a handful: one per category), not looped over. Returns the answers (int64, or
    Python integers in an object array where one is beyond int64; 0 where missing) and where
    they are missing: a count or the target is, or the body is empty.
    """
    # rates imports scipy; loading the targets alone should not
    from .rates import quota_gap

    out = np.zeros(women.shape, dtype=np.int64)
    with np.errstate(invalid="ignore"):  # NaN beside Python integers (object arrays)
        present = ~(pd.isna(women) | pd.isna(total)) & np.asarray(total > 0, dtype=bool)
    ok = present & np.isfinite(target)
    for value in np.unique(target[ok]):
        rows = ok & (target == value)
        needed = quota_gap(women[rows], total[rows], float(value), mode="replace")
        if needed.dtype == object:  # beyond int64: exact Python integers
            out = out.astype(object)
        out[rows] = needed
    return out, ~ok


def _as_typed(target: Any, values: np.ndarray) -> np.ndarray:
    """Targets of less than double precision (float32, as a Parquet or Arrow column may hold
    them) as the decimals they print as: ``float32(0.3)`` is 0.3, not 0.30000001192092896, as
    :func:`wpsstats.quota_gap` reads a quota."""
    dtype = getattr(target, "dtype", None)
    if dtype is None:
        try:
            dtype = np.asarray(target).dtype
        except (TypeError, ValueError):
            return values
    dtype = getattr(dtype, "numpy_dtype", dtype)  # pandas' nullable Float32
    if not (isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8):
        return values
    # numpy prints each float at its own precision with the fewest digits that read back
    return values.astype(dtype).astype(str).astype(np.float64)


def parity_gap(women: Any, total: Any, target: Any) -> pd.DataFrame:
    """How far the share of women is from a target: in percentage points and in people.

    Parameters
    ----------
    women : int or array-like of int
        Number of women in each body (a mission's category, a contributor's contingent, ...).
    total : int or array-like of int
        Number of people in each body, women and men.
    target : float or array-like of float
        Target share of women, a fraction in [0, 1] (15 per cent is 0.15), e.g. a value of
        :func:`parity_targets`. Broadcast against ``women`` and ``total``.

    Returns
    -------
    pandas.DataFrame
        One row per body, indexed like ``women`` (or ``total``) when that is a Series:

        * ``share`` -- women / total (NaN when total is 0);
        * ``target`` -- the target share (a float32 target as the decimal it prints as, see
          Notes);
        * ``gap_pp`` -- (target - share) in percentage points: positive is a shortfall,
          negative a surplus;
        * ``women_needed`` -- the fewest extra women who, replacing as many men, bring the share
          to at least the target (the body keeps its size); 0 when the target is met (``Int64``;
          exact at any size, as Python integers in an ``object`` column where an answer is beyond
          int64, a body of 2**63 or more);
        * ``met`` -- whether share >= target, decided exactly (``boolean``).

        Missing counts or targets (NaN, None, ``pd.NA``) give missing results (NaN, ``<NA>``).

    Raises
    ------
    ValueError
        Negative or fractional counts, women > total, or a target outside [0, 1] (a percentage
        such as 15 instead of 0.15); the message names the argument, the value and its position.
    TypeError
        Non-numeric input, or booleans (True is not one woman).

    Notes
    -----
    ``women_needed`` is :math:`\\max(0, \\lceil t\\,n \\rceil - w)` for ``women`` :math:`w`,
    ``total`` :math:`n` and target :math:`t`, computed in exact rational arithmetic: the target
    is read as the decimal it prints as at its own precision (0.15 is 15/100, and so is a float32
    0.15), so 0 women of 10 at 30 per cent need exactly 3, not the 4 that floating point would
    give; the counts are never rounded through a float. This is ``wps.quota_gap(women, total,
    target, mode="replace")``. ``met`` is ``women_needed == 0``, so it agrees with the count.

    References
    ----------
    .. [1] United Nations, Department of Peace Operations (2018). Uniformed Gender Parity
       Strategy 2018-2028: targets are shares of women deployed per personnel category.

    Examples
    --------
    MINUSMA in March 2014 (IPI Peacekeeping Database): 52 women among 6,483 troops, 10 among 104
    individual police officers, 40 among 882 formed police; against the 2028 targets:

    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> women = pd.Series([52, 10, 40], index=["troops", "individual_police", "formed_police"])
    >>> total = pd.Series([6483, 104, 882], index=women.index)
    >>> wps.parity_gap(women, total, [0.15, 0.30, 0.20]).round(3)
    ... # doctest: +NORMALIZE_WHITESPACE
                       share  target  gap_pp  women_needed    met
    troops             0.008    0.15  14.198           921  False
    individual_police  0.096    0.30  20.385            22  False
    formed_police      0.045    0.20  15.465           137  False

    Exact at the boundary: 3 women of 10 meet 30 per cent, and 0 of 10 need 3.

    >>> wps.parity_gap([3, 0], 10, 0.3)[["women_needed", "met"]]
       women_needed   met
    0             0  True
    1             3  False
    """
    index = series_index(women=women, total=total, target=target)
    check_series_broadcast(index, women=women, total=total, target=target)
    w_exact, n_exact = as_count_pair("women", women, "total", total)
    t = _as_typed(target, check_fraction("target", target))
    shape = check_same_shape(women=w_exact, total=n_exact, target=t)
    # the counts as they are (integers exact at any size) for women_needed, floats for the share
    w_exact, n_exact, t = (np.broadcast_to(a, shape).reshape(-1) for a in (w_exact, n_exact, t))
    w, n = w_exact.astype(float), n_exact.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n > 0, w / np.where(n > 0, n, 1.0), np.nan)
    # A body of no one has no share, and no number of women brings it to a target.
    share = np.where(np.isfinite(w) & np.isfinite(n), share, np.nan)
    needed, missing = _women_needed(w_exact, n_exact, t)
    gap_pp = (t - share) * 100.0

    if index is None or len(index) != int(np.prod(shape)) or len(shape) != 1:
        index = pd.RangeIndex(int(np.prod(shape)) if shape else 1)
    women_needed: Any
    if needed.dtype == object:
        women_needed = needed.copy()  # Python integers, exact
        women_needed[missing] = pd.NA
    else:
        women_needed = pd.arrays.IntegerArray(needed, missing)
    met = pd.arrays.BooleanArray(np.asarray(needed == 0, dtype=bool), missing)
    return pd.DataFrame(
        {
            "share": share,
            "target": t,
            "gap_pp": gap_pp,
            "women_needed": women_needed,
            "met": met,
        },
        index=index,
    )
