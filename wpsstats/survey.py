"""Design-based prevalence from survey microdata (DHS, MICS): weights, strata and clustered PSUs.

:func:`survey_prevalence` gives what R's ``survey`` package gives for ``svyciprop`` on
``subset(design, <domain>)`` and for ``svyby(..., svyciprop)``: the weighted share, its
with-replacement Taylor-linearisation standard error, R's design degrees of freedom and the
interval of the chosen method -- in one vectorised pass over the rows, with no loop over domains
or PSUs. :func:`pool_prevalence` combines national prevalences into a regional one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from ._checks import (
    as_float_array,
    check_choice,
    check_conf,
    check_same_shape,
    check_series_broadcast,
    describe_position,
    series_index,
)
from .design import (
    LONELY_PSU,
    GlmStart,
    _check_design,
    _Design,
    _domain_variance,
    _linearise,
)
from .design_columns import _index

__all__ = ["LONELY_PSU", "METHODS", "pool_prevalence", "survey_prevalence"]

METHODS = ("mean", "logit", "xlogit", "asin", "beta", "likelihood")
# Below this ratio of design to model-based variance the likelihood interval takes the quadratic
# limit of the profile (see _likelihood_interval).
_TINY_LAMBDA = 1e-8
_EPS = float(np.finfo(float).eps)


def _expit(eta: np.ndarray) -> np.ndarray:
    # R's survey:::expit, exp(eta)/(1 + exp(eta)): inf/inf = NaN once exp overflows. Kept for
    # the profile likelihood, where a bound that far out is the spline extrapolating a flat
    # profile (R's NaN says it was not found); the Wald-type bounds use _expit_limit.
    e = np.exp(eta)
    return e / (1.0 + e)


def _expit_limit(eta: np.ndarray) -> np.ndarray:
    # a Wald bound on the log-odds beyond about 709 (a high conf at df = 1) is a number, and its
    # expit the limit 1 (or 0) where R's formula gives NaN; scipy's expit does not overflow
    return special.expit(eta)


def _glm_logit_coef(
    glm_start: GlmStart, n_rows: np.ndarray, wsum: np.ndarray, p: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The intercept of R's ``svyglm(y ~ 1, family = quasibinomial)`` in each domain.

    ``svyciprop(method = "logit")`` centres its interval on this coefficient, which ``glm.fit``
    converges only to ``epsilon = 1e-8`` on the deviance; replaying its iterations (start at
    mustart = (w y + 0.5)/(w + 1) with weights rescaled to mean 1, then Newton steps, which for an
    intercept-only model are ``beta + (p - mu)/(mu (1 - mu))``) gives R's interval to rounding.

    Also returns the sum of the working weights of glm's last iteration, the inverse of the
    model-based ("naive") variance that ``confint.svyglm(method = "likelihood")`` compares with
    the design variance: glm computes them from the mean *before* its last update.
    """
    n_dom = p.size
    with np.errstate(divide="ignore", invalid="ignore"):
        # glm's weights rescaled to mean 1 within each domain; the start's sums need the rows
        num, den, devold = glm_start(n_rows / wsum)
        beta = num / den
        ytil = p * n_rows
        coef = np.full(n_dom, np.nan)
        info = np.full(n_dom, np.nan)
        done = ~np.isfinite(beta)
        for _ in range(25):  # glm.control(maxit = 25)
            mu = _expit(beta)
            dev = -2.0 * (ytil * np.log(mu) + (n_rows - ytil) * np.log(1.0 - mu))
            conv = ~done & (np.abs(dev - devold) / (0.1 + np.abs(dev)) < 1e-8)
            coef[conv] = beta[conv]
            info[conv] = den[conv]
            done |= conv
            if done.all():
                break
            devold = dev
            beta = beta + (p - mu) / (mu * (1.0 - mu))
            den = n_rows * mu * (1.0 - mu)
    return coef, info


def survey_prevalence(
    data: Any,
    indicator: str,
    *,
    weight: str | None = None,
    psu: str | None = None,
    strata: str | None = None,
    by: str | Sequence[str] | None = None,
    method: str = "logit",
    conf: float = 0.95,
    lonely_psu: str = "fail",
    nest: bool = False,
    subset: str | np.ndarray | pd.Series | None = None,
    fpc: str | None = None,
    ssu: str | None = None,
    fpc2: str | None = None,
) -> pd.DataFrame:
    r"""Design-based prevalence of a 0/1 indicator, overall or by domain, as R's ``survey``.

    The estimate is the weighted share :math:`\hat p = \sum w y / \sum w`. Its variance is the
    with-replacement Taylor linearisation: the scores :math:`w_i (y_i - \hat p)/\sum w` are summed
    to PSU totals :math:`z_{hi}`, and :math:`\hat V = \sum_h \frac{n_h}{n_h - 1} \sum_i
    (z_{hi} - \bar z_h)^2`. A domain (a ``by`` group, and only rows whose indicator is not
    missing) is estimated inside the full design: rows outside it keep their PSU and stratum with
    a score of zero, and :math:`n_h` counts every PSU of the stratum.

    Parameters
    ----------
    data : pandas.DataFrame, or a Polars, PyArrow or Dask frame
        One row per respondent. It is never modified. A Polars DataFrame or LazyFrame (e.g.
        ``polars.scan_parquet``), a PyArrow Table or a Dask DataFrame is summed where it lives,
        through narwhals, to a small table per (domain, PSU) and only that is collected (the
        ``frames`` extra installs them); the result is the same pandas frame. Without ``psu``
        every row is its own PSU, so the design's columns of such a frame are collected.
    indicator : str
        Column holding 0/1 or True/False; missing values leave the domain and are counted in
        ``n_missing``.
    weight : str, optional
        Sampling weight column. Weights are scale-free (DHS's ``v005`` works as is). None gives
        equal weights. Negative or missing weights raise.
    psu : str, optional
        Primary sampling unit (cluster) column. None makes each row its own PSU.
    strata : str, optional
        Stratum column. None puts every PSU in one stratum.
    by : str or list of str, optional
        Domain columns; one output row per combination present in ``data`` (sorted; a missing
        value is a domain of its own, never dropped).
    method : {"logit", "mean", "xlogit", "asin", "beta", "likelihood"}
        Interval method, as R's ``svyciprop``: ``"logit"`` (default) a Wald interval for the
        log-odds from the survey logistic regression; ``"xlogit"`` the same built from the mean by
        the delta method; ``"mean"`` a Wald interval on the share (it may leave [0, 1]);
        ``"asin"`` on the arcsine square root scale; ``"beta"`` Korn and Graubard's
        Clopper--Pearson interval with an effective sample size; ``"likelihood"`` the profile
        of the binomial deviance of that logistic regression, Rao--Scott scaled by the design
        effect of its coefficient.
    conf : float
        Confidence level, strictly between 0 and 1.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}
        What to do with a stratum that has a single PSU in the full design, as R's option
        ``survey.lonely.psu``: raise; drop its contribution (``"remove"`` and ``"certainty"``);
        centre it at the population mean (``"adjust"``); or scale the other strata's variance up by
        (strata in the domain) / (strata with more than one PSU) (``"average"``). At a second
        stage, "average" takes that ratio over all the PSUs' second-stage units together, where
        R's ``svymean`` takes it within each PSU: a PSU with a single SSU gives R a 1/0 and a
        standard error of NaN, and wpsstats a number.
    nest : bool
        True when PSU labels restart inside each stratum (the pair is the PSU). With False a PSU
        label found in two strata raises.
    subset : str, array of bool or Series, optional
        The population of interest (e.g. women aged 20--24), as R's ``subset(design, ...)``: rows
        outside it keep their place in the design but enter no estimate and are not counted as
        missing. A column name, or (with a pandas ``data`` only) a boolean mask aligned with it.
    fpc : str, optional
        Finite population correction of the first stage, as R's ``svydesign(fpc = ~fpc)``: the
        number of PSUs in the population of each stratum, or the sampling fraction (when every
        value is at most 1). One value per stratum. The variance is multiplied by
        :math:`1 - n_h/N_h`; without it the PSUs are taken as sampled with replacement (DHS and
        MICS practice).
    ssu : str, optional
        Second-stage unit (e.g. the household, or the school within a district) for a two-stage
        design, R's ``id = ~psu + ssu``; labels count within their PSU. It changes the variance
        only together with ``fpc`` and ``fpc2`` (without them the first stage's PSU totals
        already carry the later stages' variance, R's ultimate-cluster rule).
    fpc2 : str, optional
        The second stage's correction: SSUs in the population of each PSU (or the fraction).
        The PSU's variance of SSU totals, times :math:`1 - m_i/M_i` and the first stage's
        fraction :math:`n_h/N_h`, is added (R's ``fpc = ~fpc + fpc2``).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``prevalence``, ``se``, ``lower``, ``upper``, ``df`` (PSUs minus
        strata holding a row of the domain, R's ``degf``), ``deff`` (design variance over the
        simple-random-sampling variance, R's ``deff = "replace"``), ``n`` (rows used),
        ``n_missing`` (rows of the domain whose indicator is missing) and ``method``.

    Notes
    -----
    A domain whose estimate is exactly 0 or 1 has no sampling variance to speak of: R returns an
    estimate of about 1e-12 with a near-empty interval (``"logit"``), or NaN bounds (``"xlogit"``,
    ``"asin"``, ``"beta"``). Here such a domain gets ``se = 0`` and the Clopper--Pearson interval
    for 0 (or n) successes in its n unweighted rows of positive weight (zero-weight rows are no
    observations; R's ``degf`` and ``deff`` skip them too), whatever the method. With ``df <= 0``
    (all the domain's rows in one PSU per stratum) the t quantile is undefined and the bounds are
    NaN, as in R. A domain with no usable row (all its indicator values missing, or only zero
    weights) gets NaN for ``prevalence``, ``se``, ``lower``, ``upper`` and ``deff``.

    A design variance of exactly zero with :math:`0 < \hat p < 1` (every PSU's share equal to
    the estimate) gives the interval :math:`(\hat p, \hat p)` for every method. For ``"beta"``
    this is the limit of the Korn--Graubard interval as the effective sample size grows without
    bound; R's ``svyciprop(method = "beta")`` (survey 4.1-1) returns (0.5, 0.5) there instead,
    whatever the estimate -- e.g. for an estimate of 1/3 -- an interval that need not contain it.

    For ``"logit"`` the bounds are R's, built on the glm coefficient (converged to glm's
    tolerance), while ``prevalence`` is the exact weighted share for every method: R's printed
    ``"logit"`` estimate can differ from it in the eighth significant digit. With ``df = 1``
    R's ``confint.svyglm`` turns the t level into a Normal one, ``1 - 2 pnorm(qt(0.025, 1))``,
    which rounds to 1 and gives (0, NaN); wpsstats gives the t interval it intends (for
    ``y = 1, 1, 1, 0 | 1, 0, 0, 0`` in two PSUs: 0.000003 to 0.999997). Where a ``"logit"`` or
    ``"xlogit"`` bound on the log-odds lies beyond about 709 (a high ``conf`` at ``df = 1``), R's
    ``exp(eta)/(1 + exp(eta))`` overflows to NaN; wpsstats gives the limit, 0 or 1. For
    ``"asin"`` the transformed bounds are kept within [0, pi/2] before squaring back, where R
    lets them wrap round (a lower bound above the estimate).

    ``"likelihood"`` replays R's ``confint(svyglm(y ~ 1, family = quasibinomial),
    method = "likelihood")``: with :math:`\lambda` the design variance of the logit
    coefficient over its model-based variance and :math:`a = \Phi(t_{(1-c)/2, df}
    \sqrt\lambda)/2`, the deviance divided by the dispersion (``svyvar`` of the Pearson
    residuals) is profiled in steps of :math:`z_{max}/5` design standard errors,
    :math:`z_{max}^2` the upper :math:`a` quantile of :math:`F_{1, n-1}`, at most 9 steps a side;
    R's fmm ``spline`` of the signed root deviance against the coefficient, inverted linearly at
    :math:`\pm\Phi^{-1}(2a)`, gives the bounds. A bound whose cutoff lies beyond the 9 steps
    is NaN, as in R (so one bound can be NaN alone), and so are both when ``df <= 0``, where R
    stops ("zero or negative denominator df"). R also stops ("profiling has found a better
    solution") in a domain of all cases or none; such a domain gets the Clopper--Pearson
    interval above. With a design variance below 1e-8 of the model-based one (R's profile
    would only trace the rounding of the deviance) the bounds are the profile's quadratic
    limit, :math:`\hat\beta \pm \Phi^{-1}(1 - 2a) \sqrt{\phi / (n \hat\mu (1 - \hat\mu))}`
    on the logit scale, and with a design variance of exactly zero they are :math:`\hat p`.

    References
    ----------
    Lumley, T. (2004). Analysis of complex survey samples. Journal of Statistical Software 9(1).

    Lumley, T. (2010). Complex Surveys: A Guide to Analysis Using R. Wiley.

    R package ``survey`` (4.1-1): ``svyciprop``, ``svyby``, ``svymean(deff = "replace")``,
    ``degf``, ``svyrecvar`` and ``options(survey.lonely.psu)``.

    Korn, E. L. and Graubard, B. I. (1998). Confidence intervals for proportions with small
    expected number of positive counts estimated from survey data. Survey Methodology, 193--201
    (volume as cited by R's ``svyciprop`` help page: 23).

    Rao, J. N. K. and Scott, A. J. (1984). On chi-squared tests for multiway contingency tables
    with cell proportions estimated from survey data. Annals of Statistics 12, 46--60 (the
    scaled chi-squared of ``svyciprop(method = "likelihood")``; R's ``confint.svyglm``,
    ``survey:::MASSprofile_glm``, ``survey:::confint_profile``, ``stats::spline`` and
    ``stats::approx`` for the computation).

    Forsythe, G. E., Malcolm, M. A. and Moler, C. B. (1977). Computer Methods for Mathematical
    Computations, as cited by R's ``?spline`` (the end conditions of its ``"fmm"`` method).

    Clopper, C. J. and Pearson, E. S. (1934). The use of confidence or fiducial limits illustrated
    in the case of the binomial. Biometrika 26, 404--413.

    Examples
    --------
    >>> import pandas as pd
    >>> import wpsstats as wps
    >>> df = pd.DataFrame(
    ...     {
    ...         "married_by_18": [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, None, 0],
    ...         "region": ["north"] * 6 + ["south"] * 6,
    ...         "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
    ...         "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
    ...         "v005": [
    ...             1_200_000,
    ...             1_200_000,
    ...             800_000,
    ...             800_000,
    ...             950_000,
    ...             950_000,
    ...             1_100_000,
    ...             1_100_000,
    ...             700_000,
    ...             700_000,
    ...             700_000,
    ...             700_000,
    ...         ],
    ...     }
    ... )
    >>> out = wps.survey_prevalence(
    ...     df, "married_by_18", weight="v005", psu="cluster", strata="stratum", by="region"
    ... )
    >>> out[["region", "prevalence", "df", "n", "n_missing"]]
      region  prevalence  df  n  n_missing
    0  north    0.500000   1  6          0
    1  south    0.162791   1  5          1
    """
    design = _Design(weight, psu, strata, nest, subset, fpc, ssu, fpc2)
    by_list = _check_design(data, indicator, design, by=by)
    method = check_choice("method", method, METHODS)
    lonely_psu = check_choice("lonely_psu", lonely_psu, LONELY_PSU)
    conf = check_conf(conf)
    lin = _linearise(data, indicator, design, by=by_list, lonely_psu=lonely_psu)
    n_dom, labels = lin.n_dom, lin.labels
    n_rows, n_missing, n_pos = lin.n_rows, lin.n_missing, lin.n_pos
    cell_d, cell_h, cell_pos, h_labels = lin.cell_d, lin.cell_h, lin.cell_pos, lin.h_labels
    wsum, ysum, p, var = lin.wsum, lin.ysum, lin.p, lin.var
    se = np.sqrt(var)

    pos_cells = cell_pos > 0
    psus_used = np.bincount(cell_d[pos_cells], minlength=n_dom)
    pair_codes, n_pairs, pair_key = _index(
        cell_d[pos_cells] * h_labels.size + cell_h[pos_cells], n_dom * h_labels.size
    )
    pairs_used = np.bincount(pair_codes, minlength=n_pairs) > 0
    strata_used = np.bincount(pair_key[pairs_used] // h_labels.size, minlength=n_dom)
    df = psus_used - strata_used

    alpha = 1.0 - conf
    with np.errstate(divide="ignore", invalid="ignore"):
        q = stats.t.ppf(1.0 - alpha / 2.0, np.where(df > 0, df, np.nan))
        lower, upper = _interval(method, p, var, q, alpha, df, n_rows)
        if method in ("logit", "likelihood"):
            coef, info = _glm_logit_coef(lin.glm_start, n_rows, wsum, p)
            mu = _expit(coef)
            var_mu = _domain_variance(lin, mu, lonely_psu)
            # svyglm's design SE of the coefficient: the IRLS weights cancel for an intercept
            se_coef = np.sqrt(var_mu) / (mu * (1.0 - mu))
            if method == "logit":
                lower, upper = _expit_limit(coef - q * se_coef), _expit_limit(coef + q * se_coef)
            else:
                disp = _pearson_dispersion(wsum, ysum, mu, n_pos)
                # the profile may step far into the tails, where exp() overflows to mu = 1
                with np.errstate(over="ignore"):
                    lower, upper = _likelihood_interval(
                        coef, se_coef, info, disp, p * n_rows, n_rows, df, conf
                    )
                # zero design variance: the profile has no width, as for the other methods
                flat = (var_mu == 0) & (p > 0) & (p < 1) & (df > 0)
                lower, upper = np.where(flat, p, lower), np.where(flat, p, upper)
        deff = var / (p * (1.0 - p) / (n_pos - 1.0))

    # Degenerate domains: all cases or none. The design variance is zero, so every method above
    # collapses; fall back on the exact binomial interval for the unweighted rows. Rows of zero
    # weight are no observations (R's degf and deff do not count them either).
    degenerate = (wsum > 0) & ((ysum == 0) | (ysum == wsum))
    if degenerate.any():
        none = ysum == 0
        with np.errstate(divide="ignore", invalid="ignore"):
            # Clopper-Pearson at 0 of n and n of n has the closed forms of the beta quantiles
            lo = np.where(none, 0.0, (alpha / 2.0) ** (1.0 / n_pos))
            hi = np.where(none, 1.0 - (alpha / 2.0) ** (1.0 / n_pos), 1.0)
        p = np.where(degenerate, np.where(none, 0.0, 1.0), p)
        se = np.where(degenerate, 0.0, se)
        lower = np.where(degenerate, lo, lower)
        upper = np.where(degenerate, hi, upper)

    # .array keeps the by columns' dtypes (categorical, nullable, str)
    columns: dict[str, Any] = {c: labels[c].array for c in labels.columns}
    columns.update(
        prevalence=p,
        se=se,
        lower=lower,
        upper=upper,
        df=df.astype(np.int64),
        deff=deff,
        n=n_rows.astype(np.int64),
        n_missing=n_missing.astype(np.int64),
        method=np.full(n_dom, method),  # text, as pandas reads strings, even with no row
    )
    out = pd.DataFrame(columns)
    return out


def _pearson_dispersion(
    wsum: np.ndarray, ysum: np.ndarray, mu: np.ndarray, n_pos: np.ndarray
) -> np.ndarray:
    r"""``summary.svyglm``'s dispersion: ``svyvar`` of the Pearson residuals in each domain.

    ``residuals.svyglm(type = "pearson")`` divides the prior weights by the sampling weights
    (both rescaled to mean 1), so a residual is :math:`(y - \mu)/\sqrt{\mu (1 - \mu)}`;
    ``svyvar`` weights them by the sampling weights and multiplies by n/(n - 1), n counting the
    rows of positive weight. A residual takes one value for the cases and one for the others,
    so the weighted sums of the cases and of all rows (``ysum``, ``wsum``) give it exactly.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        sd_mu = np.sqrt(mu * (1.0 - mu))
        r1, r0 = (1.0 - mu) / sd_mu, -mu / sd_mu
        w0 = wsum - ysum
        r_bar = (ysum * r1 + w0 * r0) / wsum
        f = n_pos / (n_pos - 1.0)
        ss = ysum * ((r1 - r_bar) ** 2 * f) + w0 * ((r0 - r_bar) ** 2 * f)
        out: np.ndarray = ss / wsum
    return out


def _fmm_spline(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients of R's ``spline(method = "fmm")`` for each row of ``x``, ``y`` (same length).

    Forsythe, Malcolm and Moler's end conditions: the third derivative at each end matches the
    cubic through the four end points. The tridiagonal system is solved along the knots (a short
    loop), vectorised over the rows.
    """
    n = x.shape[1]
    nm1 = n - 1
    if n < 3:
        slope = (y[:, 1] - y[:, 0]) / (x[:, 1] - x[:, 0])
        b = np.repeat(slope[:, None], n, axis=1)
        return b, np.zeros_like(x), np.zeros_like(x)
    h = np.diff(x, axis=1)
    dd = np.diff(y, axis=1) / h
    diag = np.empty_like(x)
    rhs = np.empty_like(x)
    diag[:, 1:nm1] = 2.0 * (h[:, :-1] + h[:, 1:])
    rhs[:, 1:nm1] = dd[:, 1:] - dd[:, :-1]
    diag[:, 0] = -h[:, 0]
    diag[:, nm1] = -h[:, -1]
    rhs[:, 0] = 0.0
    rhs[:, nm1] = 0.0
    if n > 3:
        c0 = rhs[:, 2] / (x[:, 3] - x[:, 1]) - rhs[:, 1] / (x[:, 2] - x[:, 0])
        cn = rhs[:, n - 2] / (x[:, nm1] - x[:, n - 3]) - rhs[:, n - 3] / (x[:, n - 2] - x[:, n - 4])
        rhs[:, 0] = c0 * h[:, 0] * h[:, 0] / (x[:, 3] - x[:, 0])
        rhs[:, nm1] = -cn * h[:, -1] * h[:, -1] / (x[:, nm1] - x[:, n - 4])
    for i in range(1, n):
        t = h[:, i - 1] / diag[:, i - 1]
        diag[:, i] = diag[:, i] - t * h[:, i - 1]
        rhs[:, i] = rhs[:, i] - t * rhs[:, i - 1]
    sigma = rhs
    sigma[:, nm1] = sigma[:, nm1] / diag[:, nm1]
    for i in range(n - 2, -1, -1):
        sigma[:, i] = (sigma[:, i] - h[:, i] * sigma[:, i + 1]) / diag[:, i]
    b = np.empty_like(x)
    c = np.empty_like(x)
    d3 = np.empty_like(x)
    b[:, nm1] = dd[:, -1] + h[:, -1] * (sigma[:, n - 2] + 2.0 * sigma[:, nm1])
    b[:, :nm1] = dd - h * (sigma[:, 1:] + 2.0 * sigma[:, :nm1])
    d3[:, :nm1] = (sigma[:, 1:] - sigma[:, :nm1]) / h
    d3[:, nm1] = d3[:, n - 2]
    c[:] = 3.0 * sigma
    return b, c, d3


def _spline_then_invert(x: np.ndarray, y: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """``approx(spline(x, y)$y, spline(x, y)$x, xout = targets)$y`` for each row, as R.

    ``spline`` evaluates the interpolant at ``3 n`` equally spaced points over the range of x;
    ``approx`` then interpolates x linearly as a function of y (NaN outside the range of y).
    """
    n_row, n = x.shape
    b, c, d3 = _fmm_spline(x, y)
    n_out = 3 * n
    step = (x[:, -1] - x[:, 0]) / (n_out - 1)
    xs = x[:, :1] + np.arange(n_out) * step[:, None]
    xs[:, -1] = x[:, -1]
    # the knot at or below each output point (R's spline_eval); the last knot for x[n-1]
    k = (xs[:, :, None] >= x[:, None, :]).sum(axis=2) - 1
    k = np.clip(k, 0, n - 1)
    rows = np.arange(n_row)[:, None]
    dx = xs - x[rows, k]
    ys = y[rows, k] + dx * (b[rows, k] + dx * (c[rows, k] + dx * d3[rows, k]))
    order = np.argsort(ys, axis=1, kind="stable")
    sy = np.take_along_axis(ys, order, axis=1)
    sx = np.take_along_axis(xs, order, axis=1)
    out = np.full(targets.shape, np.nan)
    for j in range(targets.shape[1]):
        v = targets[:, j]
        i = np.clip((sy <= v[:, None]).sum(axis=1) - 1, 0, n_out - 2)
        r = np.arange(n_row)
        x0, x1, y0, y1 = sy[r, i], sy[r, i + 1], sx[r, i], sx[r, i + 1]
        val = np.where(v == x1, y1, np.where(v == x0, y0, y0 + (y1 - y0) * ((v - x0) / (x1 - x0))))
        inside = (v >= sy[:, 0]) & (v <= sy[:, -1])
        out[:, j] = np.where(inside, val, np.nan)
    return out


def _likelihood_interval(
    coef: np.ndarray,
    se_coef: np.ndarray,
    info: np.ndarray,
    disp: np.ndarray,
    ytil: np.ndarray,
    n_rows: np.ndarray,
    df: np.ndarray,
    conf: float,
) -> tuple[np.ndarray, np.ndarray]:
    """R's ``confint(svyglm, method = "likelihood")`` for the intercept, back on the share scale.

    The design-scaled deviance of the intercept-only quasibinomial model is profiled in steps of
    ``zmax/5`` design standard errors each side of the estimate (at most 9 a side, stopping past
    ``zmax``), as ``survey:::MASSprofile_glm``; ``survey:::confint_profile`` then fits R's fmm
    spline to the signed root deviance against the coefficient and inverts it linearly at the
    Normal quantiles of the level that Rao--Scott scaling (``lambda``, design over model-based
    variance) turns the t level into.
    """
    n_dom = coef.size
    lower = np.full(n_dom, np.nan)
    upper = np.full(n_dom, np.nan)
    lam = se_coef**2 * info
    alpha = (
        stats.norm.cdf(stats.t.ppf((1.0 - conf) / 2.0, np.where(df > 0, df, np.nan)) * np.sqrt(lam))
        / 2.0
    )
    # sqrt of F(1, v)'s upper alpha quantile is t(v)'s upper alpha/2 quantile; scipy's f.isf is
    # off by 2e-5 at alpha = 1e-12 and infinite below about 1e-16 (a domain of three clusters)
    zmax = stats.t.isf(alpha / 2.0, n_rows - 1.0)
    delta = zmax / 5.0

    def deviance(beta: np.ndarray) -> np.ndarray:
        # binomial()$linkinv, unlike survey's expit, keeps mu off 0 and 1 beyond |eta| = 30
        e = np.exp(np.clip(beta, -30.0, 30.0))
        e = np.where(beta < -30.0, _EPS, np.where(beta > 30.0, 1.0 / _EPS, e))
        mu = e / (1.0 + e)
        return -2.0 * (ytil * np.log(mu) + (n_rows - ytil) * np.log(1.0 - mu))

    dev0 = deviance(coef)
    steps = 9  # MASSprofile_glm's maxsteps = 10, a strict bound
    pts_b = np.full((n_dom, 2 * steps + 1), np.nan)
    pts_z = np.full((n_dom, 2 * steps + 1), np.nan)
    pts_b[:, 0] = coef
    pts_z[:, 0] = 0.0
    ok = np.isfinite(zmax) & np.isfinite(se_coef) & np.isfinite(disp) & (disp > 0)
    # A design variance far below the model-based one (lambda) makes the profiled deviance
    # differences, of order lambda, vanish into the rounding of the deviance itself; there the
    # signed root deviance is its quadratic limit, (b - coef) sqrt(n mu (1 - mu) / dispersion).
    tiny = ok & (lam < _TINY_LAMBDA)
    mu0 = _expit(coef[tiny])
    half = np.abs(stats.norm.ppf(2.0 * alpha[tiny])) * np.sqrt(
        disp[tiny] / (n_rows[tiny] * mu0 * (1.0 - mu0))
    )
    lower[tiny] = _expit(coef[tiny] - half)
    upper[tiny] = _expit(coef[tiny] + half)
    ok &= ~tiny
    for side, sgn in enumerate((-1.0, 1.0)):
        z = np.zeros(n_dom)
        for step in range(1, steps + 1):
            going = ok & (np.abs(z) < zmax)
            b = coef + sgn * step * delta * se_coef
            zz = (deviance(b) - dev0) / disp
            # R stops ("profiling has found a better solution") below -0.001
            ok &= ~(going & (zz <= -0.001))
            z = np.where(going, sgn * np.sqrt(np.maximum(zz, 0.0)), z)
            col = 1 + side * steps + step - 1
            pts_b[:, col] = np.where(going, b, np.nan)
            pts_z[:, col] = np.where(going, z, np.nan)
    pts_z[~np.isfinite(pts_z)] = np.nan
    pts_b[np.isnan(pts_z)] = np.nan
    # R's spline() sorts the knots by the coefficient: where mu is clamped the deviance is flat,
    # so ordering by the signed root deviance (as the profile does) would not sort them
    order = np.argsort(np.where(np.isnan(pts_b), np.inf, pts_b), axis=1, kind="stable")
    pts_b = np.take_along_axis(pts_b, order, axis=1)
    pts_z = np.take_along_axis(pts_z, order, axis=1)
    n_pts = np.isfinite(pts_z).sum(axis=1)
    q = stats.norm.ppf(2.0 * alpha)
    targets = np.column_stack([q, -q])
    for k in np.unique(n_pts[ok & (n_pts > 1)]):
        rows = ok & (n_pts == k)
        ci = _spline_then_invert(pts_b[rows, :k], pts_z[rows, :k], targets[rows])
        lower[rows] = _expit(ci[:, 0])
        upper[rows] = _expit(ci[:, 1])
    return lower, upper


def _interval(
    method: str,
    p: np.ndarray,
    var: np.ndarray,
    q: np.ndarray,
    alpha: float,
    df: np.ndarray,
    n_rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    se = np.sqrt(var)
    if method == "mean":
        return p - q * se, p + q * se
    if method == "xlogit":
        eta = np.log(p / (1.0 - p))
        half = q * se / (p * (1.0 - p))
        return _expit_limit(eta - half), _expit_limit(eta + half)
    if method == "asin":
        theta = np.arcsin(np.sqrt(p))
        half = q * se / (2.0 * np.sqrt(p) * np.sqrt(1.0 - p))
        lo = np.clip(theta - half, 0.0, np.pi / 2.0)
        hi = np.clip(theta + half, 0.0, np.pi / 2.0)
        return np.sin(lo) ** 2, np.sin(hi) ** 2
    if method == "beta":
        ratio = stats.t.ppf(alpha / 2.0, n_rows - 1.0) / stats.t.ppf(
            alpha / 2.0, np.where(df > 0, df, np.nan)
        )
        n_eff = p * (1.0 - p) / var * ratio**2
        lo = stats.beta.ppf(alpha / 2.0, n_eff * p, n_eff * (1.0 - p) + 1.0)
        hi = stats.beta.ppf(1.0 - alpha / 2.0, n_eff * p + 1.0, n_eff * (1.0 - p))
        # Zero design variance with 0 < p < 1 makes n_eff infinite and the beta quantiles NaN;
        # their limit as n_eff grows is p itself, which is what the other methods give.
        exact = (var == 0) & (p > 0) & (p < 1) & (df > 0)
        return np.where(exact, p, lo), np.where(exact, p, hi)
    # logit and likelihood: placeholders, replaced by the glm-based intervals in the caller
    return np.full_like(p, np.nan), np.full_like(p, np.nan)


def pool_prevalence(
    prevalence: Any,
    population: Any,
    *,
    se: Any = None,
    conf: float = 0.95,
) -> pd.DataFrame:
    r"""Regional prevalence from national ones, weighted by population, with the people it implies.

    A figure such as "over 78 per cent of people in Niger, Mali, Chad and Burkina Faso live in
    poverty" is a population-weighted mean of national rates:
    :math:`P = \sum_i N_i p_i / \sum_i N_i`, and the number of people it implies is
    :math:`\sum_i N_i p_i`. When the national standard errors are known and the surveys are
    independent (one per country), :math:`\mathrm{SE}(P) = \sqrt{\sum_i (N_i/N)^2 \mathrm{SE}_i^2}`
    (populations taken as known), and the interval is the Normal one, clipped to [0, 1].

    Parameters
    ----------
    prevalence : array-like of float
        National prevalences, as shares in [0, 1].
    population : array-like of float
        The population each prevalence refers to (same length; non-negative). Any unit works --
        people, thousands -- and ``people`` comes out in the same unit.
    se : array-like of float, optional
        National standard errors (same length), e.g. the ``se`` column of
        :func:`survey_prevalence`. Without them the interval columns are NaN.
    conf : float
        Confidence level of the interval.

    Returns
    -------
    pandas.DataFrame
        One row: ``prevalence``, ``se``, ``lower``, ``upper``, ``population`` (the total),
        ``people`` (implied number), ``people_lower``, ``people_upper``, ``n_countries``.
        ``lower`` and ``upper`` are the Normal interval, clipped to [0, 1]; the people bounds
        are those bounds times the total population, so they never fall below 0 or exceed it
        (R's ``confint(svycontrast(...))`` of the total is not clipped). A missing prevalence,
        population or standard error gives NaN (NaN in, NaN out).

    References
    ----------
    Cochran, W. G. (1977). Sampling Techniques, 3rd ed., Wiley: chapter 5, the stratified
    estimator of a proportion with independent samples in each stratum.

    Examples
    --------
    With clearly synthetic national figures (not real rates):

    >>> from wpsstats import pool_prevalence
    >>> out = pool_prevalence([0.8, 0.5], population=[30.0, 10.0], se=[0.02, 0.04])
    >>> out[["prevalence", "se", "people"]].round(4)
       prevalence      se  people
    0       0.725  0.0180    29.0
    """
    conf = check_conf(conf)
    # Series are paired by index, never by position (one country's rate with another's people)
    paired = {"prevalence": prevalence, "population": population}
    if se is not None:
        paired["se"] = se
    check_series_broadcast(series_index(**paired), **paired)
    p = as_float_array("prevalence", prevalence)
    pop = as_float_array("population", population)
    arrays = {"prevalence": p, "population": pop}
    if se is not None:
        arrays["se"] = as_float_array("se", se)
    shape = check_same_shape(**arrays)
    if len(shape) > 1:
        raise ValueError(f"prevalence must be one-dimensional, got shape {shape}")
    for name, arr, src in (("prevalence", p, prevalence), ("population", pop, population)):
        bad = np.isinf(arr) | (arr < 0) | ((arr > 1) if name == "prevalence" else False)
        if np.any(bad):
            limit = "a share in [0, 1]" if name == "prevalence" else "non-negative and finite"
            raise ValueError(
                f"{name} must be {limit}; got {np.asarray(arr)[bad].flat[0]} "
                f"{describe_position(src, bad)}".strip()
            )
    p, pop = np.broadcast_to(p, shape), np.broadcast_to(pop, shape)
    total = float(np.sum(pop))
    people = float(np.sum(pop * p))
    pooled = people / total if total > 0 else np.nan
    if se is not None:
        s = np.broadcast_to(arrays["se"], shape)
        bad = np.isinf(s) | (s < 0)
        if np.any(bad):
            raise ValueError(
                f"se must be non-negative and finite; got {s[bad].flat[0]} "
                f"{describe_position(se, bad)}".strip()
            )
        # the rates' own uncertainty is no uncertainty of a rate that is missing
        known = total > 0 and not np.isnan(pooled)
        pooled_se = float(np.sqrt(np.sum((pop / total) ** 2 * s**2))) if known else np.nan
        z = float(stats.norm.ppf(1.0 - (1.0 - conf) / 2.0))
        lower = float(np.clip(pooled - z * pooled_se, 0.0, 1.0))
        upper = float(np.clip(pooled + z * pooled_se, 0.0, 1.0))
    else:
        pooled_se = lower = upper = np.nan
    return pd.DataFrame(
        {
            "prevalence": [pooled],
            "se": [pooled_se],
            "lower": [lower],
            "upper": [upper],
            "population": [total],
            "people": [people],
            "people_lower": [lower * total],
            "people_upper": [upper * total],
            "n_countries": [int(np.size(p))],
        }
    )
