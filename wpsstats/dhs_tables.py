"""DHS-style tables: the sampling-error table of a DHS report's Appendix B, with the DHS marks.

Every DHS final report prints, for its main indicators, the estimate R, its standard error SE,
the unweighted number of cases N, the weighted number WN, the design effect DEFT, the relative
error SE/R and the interval R - 2SE to R + 2SE. Its tables also mark small bases: a figure in
parentheses rests on 25-49 unweighted cases, and an asterisk replaces a figure based on fewer
than 25. :func:`sampling_errors` computes that table from a recode file.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._checks import by_columns, check_columns, check_whole
from .design_columns import _domains, _sum_by
from .survey import survey_prevalence

__all__ = ["MARKS", "sampling_errors"]

MARKS = {"parentheses": (25, 49), "asterisk": (0, 24)}
"""The unweighted case counts the DHS marks: ``(12.4)`` for 25-49, ``*`` (withheld) under 25."""


def _printed(r: float, n: int, decimals: int) -> str:
    """The estimate as a DHS table prints it: a percentage, in parentheses or withheld."""
    if n < 25:
        return "*"
    if np.isnan(r):
        return ""
    text = f"{100 * r:.{decimals}f}"
    return f"({text})" if n < 50 else text


def sampling_errors(
    data: pd.DataFrame,
    indicators: str | Sequence[str],
    *,
    by: str | Sequence[str] | None = None,
    weight: str = "v005",
    psu: str = "v021",
    strata: str = "v022",
    nest: bool = True,
    lonely_psu: str = "adjust",
    subset: str | np.ndarray | pd.Series | None = None,
    weight_scale: float = 1_000_000,
    decimals: int = 1,
) -> pd.DataFrame:
    """A DHS Appendix B sampling-error table for 0/1 indicators, overall or by domain.

    Parameters
    ----------
    data : pandas.DataFrame
        A recode file (one row per woman, for example), with the indicators as 0/1 columns
        (missing where a woman is outside the indicator's base).
    indicators : str or list of str
        The indicator columns, one block of rows each.
    by : str or list of str, optional
        Domains (region, residence), as for :func:`wpsstats.survey_prevalence`.
    weight : str, default "v005"
        Sampling weight column, the DHS's.
    psu : str, default "v021"
        Primary sampling unit (cluster) column, the DHS's.
    strata : str, default "v022"
        Stratum column, the DHS's (``v023`` for some older surveys, see
        :func:`wpsstats.dhs.dhs_design`).
    nest : bool, default True
        PSU labels restart inside each stratum, as the DHS's do.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}, default "adjust"
        As for :func:`wpsstats.survey_prevalence`; the default centres lonely PSUs at the mean, as
        in the DHS Program's R code.
    subset : str, array of bool or Series, optional
        The population of interest, as for :func:`wpsstats.survey_prevalence`.
    weight_scale : float, default 1,000,000
        What the weight is divided by for WN: ``v005`` carries six implied decimals.
    decimals : int, default 1
        Decimals of the percentage in ``printed``.

    Returns
    -------
    pandas.DataFrame
        One row per indicator and domain: ``indicator``, the ``by`` columns, ``R`` (the
        weighted share), ``SE``, ``N`` (unweighted cases, those of weight 0 among them), ``WN``
        (weighted cases), ``DEFT`` (the square root of the design effect: design SE over the SE
        of a simple random sample of N), ``SE_R`` (SE / R), ``R_minus_2SE``, ``R_plus_2SE``,
        ``mark`` (``""``, ``"()"`` for 25-49 unweighted cases, ``"*"`` under 25) and ``printed``
        (the percentage as a DHS table prints it: ``"12.4"``, ``"(12.4)"`` or ``"*"``; ``""``
        where there is none, as for a domain whose cases all weigh 0). Shares stay fractions;
        only ``printed`` is in per cent.

    Notes
    -----
    R and SE are those of :func:`wpsstats.survey_prevalence` with ``method="mean"`` (R's
    ``svymean``); DEFT is the square root of its ``deff`` (R's ``deff = "replace"``). The DHS
    prints the interval as R +/- 2SE, not with a t quantile.

    The marks follow the *unweighted* cases, which a report's tables do not print beside the
    weighted bases: in the Haiti EMMUS-VI key-indicators report (DHS PR90, Tableau 22.1,
    printed page 47), "(15,0)" stands beside a weighted base of 24 women and "*" beside 25.

    References
    ----------
    .. [1] The DHS Program. Guide to DHS Statistics (sampling errors, as tabulated in Appendix B
       of the DHS final reports).
    .. [2] EMMUS-VI Haïti 2016-2017, Indicateurs clés (DHS PR90, 2017), note of Tableau 14
       (printed page 33): "Les valeurs entre parenthèses sont basées sur 25-49 cas non
       pondérés. Un astérisque indique qu'une valeur est basée sur moins de 25 cas non
       pondérés et qu'elle a été supprimée."

    Examples
    --------
    A synthetic recode (not survey data):

    >>> import pandas as pd
    >>> from wpsstats.dhs import sampling_errors
    >>> ir = pd.DataFrame(
    ...     {
    ...         "v005": [1_500_000, 1_500_000, 500_000, 500_000] * 15,
    ...         "v021": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6] * 5,
    ...         "v022": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3] * 5,
    ...         "region": ["north"] * 36 + ["south"] * 24,
    ...         "married_by_18": [1, 0, 0, 1, 1, 1] * 10,
    ...     }
    ... )
    >>> table = sampling_errors(ir, "married_by_18", by="region")
    >>> table[["region", "R", "N", "WN", "mark", "printed"]]
      region         R   N    WN mark printed
    0  north  0.666667  36  36.0   ()  (66.7)
    1  south  0.666667  24  24.0    *       *
    """
    names = [indicators] if isinstance(indicators, str) else list(indicators)
    if not names:
        raise ValueError("indicators must name at least one 0/1 column")
    decimals = check_whole("decimals", decimals, 0)
    if isinstance(weight_scale, bool) or not isinstance(
        weight_scale, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"weight_scale must be a number (1,000,000 for v005), got {weight_scale!r}")
    if not (np.isfinite(weight_scale) and weight_scale > 0):
        raise ValueError(
            f"weight_scale must be positive and finite (1,000,000 for v005), got {weight_scale!r}"
        )
    by_list = by_columns(by)
    check_columns(data, [*names, weight, psu, strata, *by_list])
    blocks = []
    for name in names:
        est = survey_prevalence(
            data,
            name,
            weight=weight,
            psu=psu,
            strata=strata,
            by=by_list or None,
            method="mean",
            lonely_psu=lonely_psu,
            nest=nest,
            subset=subset,
        )
        # WN: the weights of the rows that count in each domain, on the DHS's scale
        counted = data[name].notna().to_numpy()
        if subset is not None:
            # not in place: pandas' to_numpy() above may be a read-only view
            mask = data[subset] if isinstance(subset, str) else subset
            counted = counted & np.asarray(mask, dtype=bool)
        w = pd.to_numeric(data[weight]).where(counted, 0.0) / weight_scale
        # summed by survey_prevalence's own domain codes, so that WN lines up with its rows
        # whatever the by columns hold (all missing, categorical)
        d, n_dom, _ = _domains(data, by_list)
        wn_values = _sum_by(d, w.to_numpy(dtype=float), n_dom)
        r = est["prevalence"].to_numpy()
        se = est["se"].to_numpy()
        n = est["n"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            se_r = np.where(r > 0, se / r, np.nan)
        block = est[by_list].copy() if by_list else pd.DataFrame(index=range(len(est)))
        block.insert(0, "indicator", name)
        block["R"] = r
        block["SE"] = se
        block["N"] = n
        block["WN"] = wn_values
        block["DEFT"] = np.sqrt(est["deff"].to_numpy())
        block["SE_R"] = se_r
        block["R_minus_2SE"] = r - 2 * se
        block["R_plus_2SE"] = r + 2 * se
        block["mark"] = np.where(n < 25, "*", np.where(n < 50, "()", ""))
        block["printed"] = [_printed(x, int(k), decimals) for x, k in zip(r, n, strict=True)]
        blocks.append(block)
    return pd.concat(blocks, ignore_index=True)
