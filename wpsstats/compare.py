"""Comparing domains of a survey: the difference of two prevalences, and a test of association.

The next questions after :func:`wpsstats.survey_prevalence`: is child marriage in Mopti different
from Kayes (:func:`prevalence_difference`), and does the indicator depend on the region at all
(:func:`survey_chisq`)? Both are design-based, from the same linearised scores as the prevalence
itself, and match R's ``survey`` package.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._checks import check_choice, check_conf
from .design import (
    LONELY_PSU,
    _average_factor,
    _check_design,
    _contrast_variance,
    _Design,
    _linearise,
    _records,
    _ssus,
    _unsampled,
)
from .design_columns import _CENSUS_SCALE, _lonely, _psu_strata, _sum_by

__all__ = ["prevalence_difference", "survey_chisq"]


def _level_code(labels: pd.DataFrame, by: list[str], level: Any, argument: str) -> int:
    """The domain code of one level of the by column(s); a tuple for several by columns."""
    wanted = level if isinstance(level, tuple) else (level,)
    if len(wanted) != len(by):
        raise ValueError(
            f"{argument}={level!r} must give one value for each by column ({', '.join(by)})"
        )
    hit = np.ones(len(labels), dtype=bool)
    for column, value in zip(by, wanted, strict=True):
        if pd.api.types.is_scalar(value) and pd.isna(value):
            # the rows without a value are a domain of their own (NaN, None and pd.NA alike)
            hit &= labels[column].isna().to_numpy(dtype=bool)
        else:
            hit &= (labels[column] == value).to_numpy(dtype=bool, na_value=False)
    if not hit.any():
        if len(labels) == 0:
            raise ValueError(f"{argument}={level!r} is not a domain of {by}: data has no rows")
        have = ", ".join(repr(v) for v in labels[by].itertuples(index=False, name=None))
        raise ValueError(f"{argument}={level!r} is not a domain of {by}; the domains are {have}")
    return int(np.flatnonzero(hit)[0])


def prevalence_difference(
    data: Any,
    indicator: str,
    *,
    by: str | Sequence[str],
    levels: tuple[Any, Any],
    weight: str | None = None,
    psu: str | None = None,
    strata: str | None = None,
    conf: float = 0.95,
    lonely_psu: str = "fail",
    nest: bool = False,
    subset: str | np.ndarray | pd.Series | None = None,
    fpc: str | None = None,
    ssu: str | None = None,
    fpc2: str | None = None,
) -> pd.DataFrame:
    r"""The difference of the prevalence in two domains of one survey, with its design-based SE.

    Two domains of one survey share PSUs and strata, so their estimates are correlated; the
    variance of the difference is that of the difference of their linearised scores, summed to
    PSU totals within strata (the covariance of :func:`survey_prevalence`'s estimates included).

    Parameters
    ----------
    data : pandas.DataFrame, or a Polars, PyArrow or Dask frame
        One row per respondent, as for :func:`wpsstats.survey_prevalence` (other frames are
        summed where they live).
    indicator : str
        The 0/1 column (missing values leave the domain, as there).
    by : str or list of str
        The column(s) whose values make the domains.
    levels : tuple of two
        The domains ``(a, b)``; the difference is ``a - b``. With several by columns, each level
        is a tuple with one value per column.
    weight, psu, strata : str, optional
        The sampling weight, PSU and stratum columns, as for :func:`wpsstats.survey_prevalence`.
    conf : float, default 0.95
        Confidence level of the interval.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}, default "fail"
        What to do with a stratum that has a single PSU, as for
        :func:`wpsstats.survey_prevalence`.
    nest : bool, default False
        True when PSU labels restart inside each stratum, as for
        :func:`wpsstats.survey_prevalence`.
    subset : str, array of bool or Series, optional
        The population of interest, as for :func:`wpsstats.survey_prevalence`.
    fpc, ssu, fpc2 : str, optional
        The finite population corrections and the second-stage unit of a two-stage design, as
        for :func:`wpsstats.survey_prevalence`.

    Returns
    -------
    pandas.DataFrame
        One row: ``a``, ``b`` (the levels), ``prevalence_a``, ``prevalence_b``, ``difference``
        (a - b), ``se``, ``lower``, ``upper`` (a Normal interval, as ``confint`` of R's
        ``svycontrast``), ``p_value`` (two-sided Wald test against no difference, see Notes;
        0 for a difference without sampling variance, NaN for no difference and none),
        ``n_a`` and ``n_b`` (rows used).

    Raises
    ------
    ValueError
        A level that is not a domain, ``levels`` that is not a pair, an empty ``by``, or what
        :func:`wpsstats.survey_prevalence` refuses.

    See Also
    --------
    survey_prevalence : each domain's own estimate and interval.

    Notes
    -----
    With scores :math:`z_{d,i} = w_i 1[i \in d](y_i - \hat p_d)/\sum_{j \in d} w_j` summed to PSU
    totals :math:`z_{d,hk}`, the variance of :math:`\hat p_a - \hat p_b` is
    :math:`\sum_h \frac{n_h}{n_h - 1} \sum_k (u_{hk} - \bar u_h)^2` with
    :math:`u_{hk} = z_{a,hk} - z_{b,hk}`: R's ``svyrecvar`` on the influence functions that
    ``svyby(..., covmat = TRUE)`` keeps, contrasted by ``svycontrast``. The same holds for two
    *independent* surveys (two rounds, two countries): stack them in one frame with strata and
    PSUs that are distinct between them (``nest=True`` with the round in the stratum), and the
    covariance vanishes, leaving :math:`\sqrt{SE_a^2 + SE_b^2}`.

    The interval and ``p_value`` are Wald (Normal) ones, as ``svycontrast`` gives them:
    ``confint(con, level = conf)`` and ``2 * pnorm(-abs(coef(con) / SE(con)))``. R's
    ``svyttest(y ~ by, design)`` (on the two domains' rows) refers the same statistic,
    difference / SE, to a t distribution on the design's degrees of freedom, so its p-value is
    larger and its interval wider, markedly so in small designs.

    References
    ----------
    .. [1] Lumley, T. (2010). Complex Surveys: A Guide to Analysis Using R. Wiley, section 2.3
       (domain contrasts).
    .. [2] R package survey: ``svyby(~y, ~by, design, svymean, covmat = TRUE)`` followed by
       ``svycontrast(..., c(1, -1))``.

    Examples
    --------
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> df = pd.DataFrame(
    ...     {
    ...         "married_by_18": [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0],
    ...         "region": ["north"] * 6 + ["south"] * 6,
    ...         "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    ...         "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
    ...         "v005": [1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 1.0, 1.0],
    ...     }
    ... )
    >>> out = wps.prevalence_difference(
    ...     df,
    ...     "married_by_18",
    ...     by="region",
    ...     levels=("north", "south"),
    ...     weight="v005",
    ...     psu="cluster",
    ...     strata="stratum",
    ... )
    >>> out[["a", "b", "prevalence_a", "prevalence_b", "difference"]].round(4)
           a      b  prevalence_a  prevalence_b  difference
    0  north  south         0.625          0.25       0.375
    """
    design = _Design(weight, psu, strata, nest, subset, fpc, ssu, fpc2)
    by_list = _check_design(data, indicator, design, by=by)
    if not by_list:
        raise ValueError("by must name the column(s) whose values make the two domains")
    if not isinstance(levels, tuple | list) or len(levels) != 2:
        raise ValueError(f"levels must be a pair (a, b) of domains, got {levels!r}")
    lonely_psu = check_choice("lonely_psu", lonely_psu, LONELY_PSU)
    conf = check_conf(conf)
    lin = _linearise(data, indicator, design, by=by_list, lonely_psu=lonely_psu)
    a = _level_code(lin.labels, by_list, levels[0], "levels[0]")
    b = _level_code(lin.labels, by_list, levels[1], "levels[1]")
    # a's scores minus b's; a domain compared with itself has scores that cancel (SE 0)
    coef = np.zeros(lin.n_dom)
    coef[a] += 1.0
    coef[b] -= 1.0
    var = _contrast_variance(lin, coef, lonely_psu)
    difference = lin.p[a] - lin.p[b]
    if not (lin.wsum[a] > 0 and lin.wsum[b] > 0):
        var = np.nan
    se = float(np.sqrt(var))
    z = stats.norm.ppf(0.5 + conf / 2.0)
    # as R: a difference with no sampling variance has p 0, no difference and none has NaN (0/0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_value = 2.0 * stats.norm.sf(abs(difference) / se)
    return pd.DataFrame(
        {
            "a": [levels[0]],
            "b": [levels[1]],
            "prevalence_a": [lin.p[a]],
            "prevalence_b": [lin.p[b]],
            "difference": [difference],
            "se": [se],
            "lower": [difference - z * se],
            "upper": [difference + z * se],
            "p_value": [p_value],
            "n_a": [int(lin.n_rows[a])],
            "n_b": [int(lin.n_rows[b])],
        }
    )


def _stratified_covariance(
    totals: np.ndarray,
    h: np.ndarray,
    n_psu_h: np.ndarray,
    lonely_psu: str,
    scale: np.ndarray | None = None,
) -> np.ndarray:
    """With-replacement covariance of several estimates from their PSU totals (``svyrecvar``).

    ``totals`` has one row per PSU holding a row of the estimate and one column per estimate;
    ``h`` is each such PSU's stratum. As :func:`wpsstats.survey._stratified_variance` for one
    domain: PSUs of a stratum with no row are zeros that count in n_h.
    """
    k = totals.shape[1]
    n_strata = n_psu_h.size
    m = np.bincount(h, minlength=n_strata)
    used = m > 0
    nh = n_psu_h.astype(float)
    sums = np.stack([_sum_by(h, totals[:, j], n_strata) for j in range(k)], axis=1)
    f = np.ones(n_strata) if scale is None else np.where(scale < _CENSUS_SCALE, 0.0, scale)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = sums / nh[:, None]
        factor = np.where(nh > 1, f * nh / (nh - 1.0), 0.0)
    dev = (totals - mean[h]) * np.sqrt(factor[h])[:, None]
    absent = mean * np.sqrt(factor * (nh - m))[:, None]
    cov: np.ndarray = dev.T @ dev + absent[used].T @ absent[used]
    lonely = used & _lonely(n_psu_h, scale)
    if lonely_psu == "adjust":
        # R centres a lonely stratum at the population mean of the scores, which is zero
        centred = mean[lonely] * (nh[lonely] * np.sqrt(f[lonely]))[:, None]
        cov += centred.T @ centred
    return cov


def survey_chisq(
    data: Any,
    indicator: str,
    by: str,
    *,
    weight: str | None = None,
    psu: str | None = None,
    strata: str | None = None,
    lonely_psu: str = "fail",
    nest: bool = False,
    subset: str | np.ndarray | pd.Series | None = None,
    fpc: str | None = None,
    ssu: str | None = None,
    fpc2: str | None = None,
) -> pd.DataFrame:
    r"""Rao--Scott test of association between a 0/1 indicator and a domain variable.

    Does child marriage depend on the region? Pearson's :math:`X^2` of the weighted table is not
    chi-squared under a complex design; Rao and Scott's second-order correction divides it by
    the mean generalised design effect and refers it to an F distribution whose degrees of
    freedom come from the spread of the design effects, as R's ``svychisq(~y + by, design,
    statistic = "F")``.

    Parameters
    ----------
    data : pandas.DataFrame, or a Polars, PyArrow or Dask frame
        One row per respondent, as for :func:`wpsstats.survey_prevalence` (other frames are
        summed where they live).
    indicator : str
        The 0/1 column; rows where it is missing leave the table, not the design.
    by : str
        The column whose values make the table's columns (its missing values leave the table).
    weight, psu, strata : str, optional
        The sampling weight, PSU and stratum columns, as for :func:`wpsstats.survey_prevalence`.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}, default "fail"
        What to do with a stratum that has a single PSU, as for
        :func:`wpsstats.survey_prevalence`.
    nest : bool, default False
        True when PSU labels restart inside each stratum, as for
        :func:`wpsstats.survey_prevalence`.
    subset : str, array of bool or Series, optional
        The population of interest, as for :func:`wpsstats.survey_prevalence`.
    fpc, ssu, fpc2 : str, optional
        The finite population corrections and the second-stage unit of a two-stage design, as
        for :func:`wpsstats.survey_prevalence`.

    Returns
    -------
    pandas.DataFrame
        One row: ``statistic`` (the F statistic), ``ndf`` and ``ddf`` (its degrees of freedom,
        fractional), ``p_value`` (all four missing where the design has no variance, so no
        design effect), ``chisq`` (Pearson's :math:`X^2` of the weighted table scaled
        to the number of rows), ``deff_mean`` (the mean generalised design effect) and ``n``
        (rows in the table).

    Raises
    ------
    ValueError
        An indicator or a by column with a single value in the table; weights that are 0 in
        every row of the table, or of one of its rows or columns (a by value, the cases or the
        non-cases: R returns F = NaN there); a cell holding less than the rounding of the
        table's total weight (about 2.2e-16 of it, where R's ``solve()`` stops); or what
        :func:`wpsstats.survey_prevalence` refuses.
    TypeError
        A ``by`` that is not one column name (str).

    Notes
    -----
    With :math:`\hat p` the cells' weighted proportions, :math:`V` their design covariance,
    :math:`D = \mathrm{diag}(\hat p)`, :math:`C` the interaction contrasts made orthogonal to
    the main effects, and :math:`N` the rows of the data (those inside ``subset``),
    :math:`\Delta = (C^\top D^{-1} C / N)^{-1} C^\top D^{-1} V D^{-1} C`. The statistic is
    :math:`F = X^2 / \mathrm{tr}\,\Delta`, with :math:`d_0 = (\mathrm{tr}\,\Delta)^2 /
    \mathrm{tr}(\Delta^2)` numerator and :math:`d_0 \nu` denominator degrees of freedom, where
    :math:`\nu` is the design's PSUs less its strata (all of them, missing values or not, as R
    counts them; with ``subset``, those holding a row inside it, as on R's
    ``subset(design, ...)``).

    References
    ----------
    .. [1] Rao, J. N. K. and Scott, A. J. (1984). On chi-squared tests for multiway contingency
       tables with cell proportions estimated from survey data. Annals of Statistics 12, 46-60.
    .. [2] R package survey: ``svychisq(formula, design, statistic = "F")``.

    Examples
    --------
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> df = pd.DataFrame(
    ...     {
    ...         "married_by_18": [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1],
    ...         "region": ["north"] * 8 + ["south"] * 8,
    ...         "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8],
    ...         "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4],
    ...     }
    ... )
    >>> out = wps.survey_chisq(df, "married_by_18", "region", psu="cluster", strata="stratum")
    >>> out[["statistic", "ndf", "ddf", "n"]].round(4)
       statistic  ndf  ddf   n
    0        0.0  1.0  4.0  16
    """
    design = _Design(weight, psu, strata, nest, subset, fpc, ssu, fpc2)
    _check_design(data, indicator, design, by=by)
    if not isinstance(by, str):
        raise TypeError(f"by must be one column name (str), got {by!r}")
    lonely_psu = check_choice("lonely_psu", lonely_psu, LONELY_PSU)
    # one record per row of a pandas frame; per (by, strata, psu, ssu) cell of another frame
    rec = _records(data, indicator, design, by=[by], rescale_by_domain=False)
    g, h_of_psu, n_psu_h, h_labels = _psu_strata(rec.keys, psu, strata, nest)
    # the by column's missing values (a domain of their own, sorted last) leave the table
    col_of = np.where(rec.labels[by].isna().to_numpy(), -1, np.arange(rec.n_dom))
    col = col_of[rec.d]
    col_labels = rec.labels[by][col_of >= 0]
    use = (rec.used > 0) & (col >= 0)
    has = [(rec.used.astype(float) - rec.ones)[use] > 0, rec.ones[use] > 0]
    n_rows_t = int(sum(bool(h.any()) for h in has))
    n_cols_t = int(np.unique(col[use]).size)
    for name, count in ((f"indicator {indicator!r}", n_rows_t), (f"by column {by!r}", n_cols_t)):
        if count < 2:
            raise ValueError(
                f"{name} takes {count} value(s) in the table; there is no association to test"
            )

    # cells of the 2 x C table, the indicator varying fastest (R's interaction order); each
    # record adds its non-cases' weight to its column's first cell and its cases' to the second
    n_cols = col_labels.size
    k = 2 * n_cols
    at_col = np.where(use, col, 0)
    cell = np.concatenate([2 * at_col, 2 * at_col + 1])
    wu = np.where(use, rec.w, 0.0)
    wcell = np.concatenate([wu - np.where(use, rec.wy, 0.0), np.where(use, rec.wy, 0.0)])
    total_w = wu.sum()
    if not total_w > 0:
        raise ValueError(
            f"weight column {weight!r} is 0 in every row of the table; there is no association "
            "to test"
        )
    p = _sum_by(cell, wcell, k) / total_w

    def unit_totals(unit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The units holding rows of the table, and their totals of each cell's scores."""
        units, at = np.unique(unit[use], return_inverse=True)
        per_unit_w = _sum_by(at, wu[use], units.size)
        both = np.concatenate([use, use])
        at2 = np.concatenate([at, at])
        per_cell = _sum_by(at2 * k + cell[both], wcell[both], units.size * k)
        per_cell = per_cell.reshape(units.size, k)
        return units, (per_cell - per_unit_w[:, None] * p[None, :]) / total_w

    scale_h = None
    if fpc is not None and rec.fpc is not None:
        scale_h = _unsampled(
            rec.fpc, fpc, h_of_psu[g], n_psu_h, h_labels, "stratum", popsize=rec.popsize
        )
    if lonely_psu == "fail" and _lonely(n_psu_h, scale_h)[h_of_psu[g[use]]].any():
        raise ValueError(
            "a stratum has only one PSU; choose lonely_psu='adjust', 'average', 'remove' "
            "or 'certainty' (R: survey.lonely.psu)"
        )
    psus, totals = unit_totals(g)
    plain = "remove" if lonely_psu == "average" else lonely_psu
    v = _stratified_covariance(totals, h_of_psu[psus], n_psu_h, plain, scale_h)
    if lonely_psu == "average":
        v = v * _average_factor(n_psu_h, h_of_psu[g[use]], scale_h)
    if ssu is not None and fpc2 is not None and scale_h is not None:
        u_row, psu_of_ssu, n_ssu_psu, scale2 = _ssus(rec, ssu, fpc2, g, h_of_psu, scale_h)
        ssus, totals2 = unit_totals(u_row)
        if lonely_psu == "fail" and _lonely(n_ssu_psu, scale2)[psu_of_ssu[ssus]].any():
            raise ValueError(
                "a PSU has only one SSU at the second stage; choose lonely_psu='adjust', "
                "'average', 'remove' or 'certainty' (R: survey.lonely.psu)"
            )
        v2 = _stratified_covariance(totals2, psu_of_ssu[ssus], n_ssu_psu, plain, scale2)
        if lonely_psu == "average":
            # the second stage is averaged over its PSUs, as for survey_prevalence
            v2 = v2 * _average_factor(n_ssu_psu, psu_of_ssu[u_row[use]], scale2)
        v = v + v2

    # keep the columns the table has (a by value whose rows are all missing or outside)
    present = np.unique(col[use])
    keep = np.concatenate([2 * present, 2 * present + 1])
    keep.sort()
    p, v = p[keep], v[np.ix_(keep, keep)]
    nc = present.size
    # A row or column of the table with no weight has no expected count: Pearson's X^2 is 0/0
    # there (R's svychisq returns NaN beside finite degrees of freedom), so it is named instead.
    margins = [
        (f"by column {by!r} value {col_labels.iloc[j]!r}", p[2 * i] + p[2 * i + 1])
        for i, j in enumerate(present)
    ]
    margins += [(f"indicator {indicator!r} value {v_}", p[v_::2].sum()) for v_ in (0, 1)]
    for name, share in margins:
        if not share > 0:
            raise ValueError(
                f"{name} has weight 0 in every row of the table ({weight!r}); the test needs "
                "weight in every row and column of the table: leave those rows out (subset=)"
            )
    # the rows of the design: those inside the subset (R's subset(design, ...) drops the others),
    # whether or not their indicator or by value is missing
    inside = (rec.used.astype(float) + rec.missing) > 0
    n = int(np.sum(rec.used) + np.sum(rec.missing)) if subset is not None else rec.n_total
    rows_of, cols_of = np.tile([0, 1], nc), np.repeat(np.arange(nc), 2)
    x1 = np.column_stack(
        [np.ones(2 * nc), rows_of == 1, *[(cols_of == j) for j in range(1, nc)]]
    ).astype(float)
    x12 = np.column_stack([(rows_of == 1) & (cols_of == j) for j in range(1, nc)]).astype(float)
    cmat = x12 - x1 @ np.linalg.lstsq(x1, x12, rcond=None)[0]
    with np.errstate(divide="ignore"):
        inv_p = np.where(p == 0, 0.0, 1.0 / p)
    denom = cmat.T @ (inv_p[:, None] * cmat) / n
    numer = cmat.T @ (inv_p[:, None] * v * inv_p[None, :]) @ cmat
    # A cell holding less than the rounding of the table's total (weights of 1e-16 beside 1)
    # leaves the system numerically singular, or its variance underflows and the design looks
    # as if it had none: an error, not a "no variance" answer or numpy's LinAlgError (R's
    # solve() stops at the same cells: tests/r/survey_chisq_small_weights.R). From eps on,
    # denom = C' diag(1/p) C / n, with C of full column rank, is positive definite and solved
    eps = np.finfo(float).eps
    at = int(np.argmin(np.where(p > 0, p, np.inf)))
    if p[at] < eps:
        raise ValueError(
            f"the cell {indicator!r} = {at % 2}, {by!r} = {col_labels.iloc[present[at // 2]]!r} "
            f"holds {p[at]:.3g} of the table's weight, too little beside the rest for the test "
            "to be computed in floating point; leave those rows out (subset=) or check the weights"
        )
    delta = np.linalg.solve(denom, numer)
    trace = float(np.trace(delta))
    # A design with no variance (one PSU, or every PSU alike) has no design effect, so no test;
    # its trace is zero up to rounding, and no real design effect is a billion times below 1.
    if trace <= 1e-9 * (nc - 1):
        trace = 0.0
    d0 = trace**2 / float(np.trace(delta @ delta)) if trace > 0 else np.nan

    # Pearson's X^2 of the weighted table scaled to N rows (R's svytable(..., Ntotal = N))
    table = p.reshape(nc, 2).T * n
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        chisq = float(((table - expected) ** 2 / expected).sum())
    psus_in = np.unique(g[inside])
    nu = int(psus_in.size) - int(np.unique(h_of_psu[psus_in]).size)
    statistic = chisq / trace if trace > 0 else np.nan
    return pd.DataFrame(
        {
            "statistic": [statistic],
            "ndf": [d0],
            "ddf": [d0 * nu],
            "p_value": [float(stats.f.sf(statistic, d0, d0 * nu))],
            "chisq": [chisq],
            "deff_mean": [trace / (nc - 1)],
            "n": [int(rec.used[use].sum())],
        }
    )
