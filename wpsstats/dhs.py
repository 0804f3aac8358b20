"""DHS indicator presets: the DHS Program's own recodes, then :func:`survey_prevalence`.

Each preset is a documented recode of the women's (IR) recode file plus one call of
:func:`wpsstats.survey.survey_prevalence` with the DHS design: weight ``v005`` (divided by
1,000,000, which changes nothing since weights are scale-free), PSU ``v021``, strata ``v022``
(or ``v023`` where the survey's documentation says so), PSUs nested in strata.

The recodes follow the DHS Program's indicator code, repository DHSProgram/DHS-Indicators-R:
``Chap04_MS/DHS8/MS_MAR.R`` (age at first marriage or union, ``ms_afm_15``/``ms_afm_18``, and the
design ``svydesign(id = v021, strata = v022, weights = v005/1000000)`` used there) and
``Chap18_FG/FG_CIRCUM.R`` (``fg_fcircum_wm``, circumcised among women 15-49).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._checks import by_columns, check_choice, check_columns, describe_position
from .dhs_tables import MARKS, sampling_errors
from .survey import survey_prevalence

__all__ = [
    "DHS_DESIGN",
    "MARKS",
    "child_marriage",
    "dhs_design",
    "fgm_prevalence",
    "recode_child_marriage",
    "recode_fgm",
    "sampling_errors",
]

DHS_DESIGN: dict[str, Any] = {"weight": "v005", "psu": "v021", "strata": "v022", "nest": True}


def dhs_design(*, strata: str = "v022") -> dict[str, Any]:
    """The DHS design keywords for :func:`survey_prevalence`.

    Parameters
    ----------
    strata : {"v022", "v023"}, default "v022"
        ``v022`` is the DHS "sample strata for sampling errors" used by the DHS Program's code;
        ``v023`` is the stratification used in the sample design, which some older surveys need.

    Returns
    -------
    dict
        The keywords ``weight`` (``"v005"``), ``psu`` (``"v021"``), ``strata`` and ``nest``
        (True), to pass on as ``survey_prevalence(data, indicator, **dhs_design())``.

    References
    ----------
    DHSProgram/DHS-Indicators-R, ``Chap04_MS/DHS8/MS_MAR.R``: ``svydesign(id = v021,
    strata = v022, weights = v005/1000000)``.
    The DHS Program. Guide to DHS Statistics.
    https://www.dhsprogram.com/data/Guide-to-DHS-Statistics.cfm (linked from ``MS_MAR.R``).

    Examples
    --------
    >>> dhs_design()
    {'weight': 'v005', 'psu': 'v021', 'strata': 'v022', 'nest': True}
    """
    check_choice("strata", strata, ["v022", "v023"])
    return {**DHS_DESIGN, "strata": strata}


def _numbers(data: pd.DataFrame, column: str) -> np.ndarray:
    """A recode column as floats, NaN where missing; a value that is not a number raises,
    naming the column, the value and where it is (not pandas' "position 1")."""
    col = data[column]
    values = pd.to_numeric(col, errors="coerce")
    bad = (values.isna() & col.notna()).to_numpy(dtype=bool)
    if bad.any():
        raise ValueError(
            f"column {column!r} must hold numbers; got {col[bad].iloc[0]!r} "
            f"{describe_position(col, bad)}".strip()
        )
    return values.to_numpy(dtype=float, na_value=np.nan)


def _ages(data: pd.DataFrame, low: int, high: int) -> np.ndarray:
    """Women aged ``low`` to ``high`` (``v012``); a missing age raises: she can be placed neither
    in nor out of the population, and dropping her silently would change the estimate."""
    age = _numbers(data, "v012")
    missing = np.isnan(age)
    if missing.any():
        raise ValueError(
            f"column 'v012' (age) is missing {describe_position(data['v012'], missing)}: a woman "
            f"whose age is not known cannot be placed in or out of the ages {low}-{high}; drop or "
            "impute such rows first"
        )
    return (age >= low) & (age <= high)


def recode_child_marriage(data: pd.DataFrame, *, before: int = 18) -> pd.Series:
    """1 if a woman's first marriage or union (``v511``) came before age ``before``, else 0.

    As ``ms_afm_15``/``ms_afm_18`` in the DHS code: ``v511 >= 0 & v511 < before`` gives 1, any
    other value -- including never in union (``v511`` missing) -- gives 0.

    Parameters
    ----------
    data : pandas.DataFrame
        A DHS women's recode (IR) with ``v511``, the age at first marriage or union.
    before : int, default 18
        The age before which the first union counts (15 and 18 are SDG 5.3.1's).

    Returns
    -------
    pandas.Series
        0 or 1 (int64) for every row of ``data``, with its index, named ``ms_afm_<before>``.

    References
    ----------
    DHSProgram/DHS-Indicators-R, ``Chap04_MS/DHS8/MS_MAR.R`` ("First marriage by age 15/18").

    Examples
    --------
    >>> recode_child_marriage(pd.DataFrame({"v511": [14, 17, 18, None]})).tolist()
    [1, 1, 0, 0]
    """
    check_columns(data, ["v511"])
    if isinstance(before, bool) or not isinstance(before, (int, float, np.integer, np.floating)):
        raise TypeError(f"before must be an age in years such as 18, got {before!r}")
    if not np.isfinite(before):
        raise ValueError(f"before must be a finite age in years such as 18, got {before!r}")
    age = _numbers(data, "v511")
    with np.errstate(invalid="ignore"):
        hit = (age >= 0) & (age < before)
    # 18.0 names the column as 18 does, as the DHS code writes it: ms_afm_18
    return pd.Series(hit.astype(np.int64), index=data.index, name=f"ms_afm_{before:g}")


def recode_fgm(data: pd.DataFrame) -> pd.Series:
    """1 if circumcised (``g102 == 1``); 0 if not, or if she has (not) heard of it; else missing.

    As ``fg_fcircum_wm`` in the DHS code: ``g102 == 1`` gives 1; ``g102 == 0``, ``g100 == 0`` or
    ``g100 == 1`` gives 0; anything else (not in the FGM module) is missing.

    Parameters
    ----------
    data : pandas.DataFrame
        A DHS women's recode (IR) with ``g102`` and, as in the DHS code, ``g100`` (without it,
        only ``g102`` decides).

    Returns
    -------
    pandas.Series
        1.0, 0.0 or NaN (float64) for every row of ``data``, with its index, named
        ``fg_fcircum_wm``.

    References
    ----------
    DHSProgram/DHS-Indicators-R, ``Chap18_FG/FG_CIRCUM.R`` ("Circumcised among women age 15-49").

    Examples
    --------
    >>> df = pd.DataFrame({"g100": [1, 1, 0, None], "g102": [1, 0, None, None]})
    >>> recode_fgm(df).tolist()
    [1.0, 0.0, 0.0, nan]
    """
    check_columns(data, ["g102"])
    g102 = _numbers(data, "g102")
    has_g100 = "g100" in data.columns
    g100 = _numbers(data, "g100") if has_g100 else np.full(len(data), np.nan)
    out = np.where(g102 == 1, 1.0, np.where((g102 == 0) | (g100 == 0) | (g100 == 1), 0.0, np.nan))
    return pd.Series(out, index=data.index, name="fg_fcircum_wm")


def _run(
    data: pd.DataFrame,
    values: pd.Series,
    universe: np.ndarray,
    *,
    by: str | Sequence[str] | None,
    method: str,
    conf: float,
    lonely_psu: str,
    strata: str,
) -> pd.DataFrame:
    design = dhs_design(strata=strata)
    by_list = by_columns(by)
    check_columns(data, [design["weight"], design["psu"], design["strata"], *by_list])
    # a narrow frame of the columns used: the caller's (possibly wide) recode file is not copied
    used = [design["weight"], design["psu"], design["strata"], *by_list]
    frame = data[list(dict.fromkeys(used))].copy()
    frame[design["weight"]] = _numbers(frame, design["weight"]) / 1_000_000
    frame[values.name] = values.to_numpy()
    return survey_prevalence(
        frame,
        str(values.name),
        **design,
        by=by,
        method=method,
        conf=conf,
        lonely_psu=lonely_psu,
        subset=universe,
    )


def child_marriage(
    data: pd.DataFrame,
    *,
    before: int = 18,
    by: str | Sequence[str] | None = None,
    method: str = "logit",
    conf: float = 0.95,
    lonely_psu: str = "adjust",
    strata: str = "v022",
) -> pd.DataFrame:
    """SDG 5.3.1: women aged 20-24 first married or in union before age 15 or 18.

    The recode is :func:`recode_child_marriage` (``v511``); the population is women with
    ``v012`` from 20 to 24, estimated inside the full DHS design (the other women keep their PSU
    and stratum, as R's ``subset(design, ...)``).

    Parameters
    ----------
    data : pandas.DataFrame
        A DHS women's recode (IR) with ``v005``, ``v012``, ``v021``, ``v022`` (or ``v023``),
        ``v511`` and any ``by`` columns.
    before : {15, 18}, default 18
        The age before which the first union counts.
    by : str or list of str, optional
        Domain columns, as for :func:`survey_prevalence`.
    method : {"logit", "mean", "xlogit", "asin", "beta", "likelihood"}, default "logit"
        Interval method, as for :func:`survey_prevalence`.
    conf : float, default 0.95
        Confidence level, as for :func:`survey_prevalence`.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}, default "adjust"
        As for :func:`survey_prevalence`, but the default is ``"adjust"``, the option set by the
        DHS Program's R introduction to survey design
        (``options(survey.lonely.psu = "adjust")``).
    strata : {"v022", "v023"}, default "v022"
        Stratum variable, see :func:`dhs_design`.

    Returns
    -------
    pandas.DataFrame
        As :func:`survey_prevalence`.

    References
    ----------
    DHSProgram/DHS-Indicators-R, ``Chap04_MS/DHS8/MS_MAR.R``. UN SDG indicator 5.3.1.
    The DHS Program. Guide to DHS Statistics (see :func:`dhs_design`).

    Examples
    --------
    A synthetic recode (not survey data):

    >>> ir = pd.DataFrame(
    ...     {
    ...         "v005": [1_000_000] * 8,
    ...         "v021": [1, 1, 2, 2, 3, 3, 4, 4],
    ...         "v022": [1, 1, 1, 1, 2, 2, 2, 2],
    ...         "v012": [20, 22, 24, 30, 21, 23, 19, 24],
    ...         "v511": [16, None, 19, 15, 14, 18, 17, None],
    ...     }
    ... )
    >>> out = child_marriage(ir, before=18)
    >>> out[["prevalence", "n"]]
       prevalence  n
    0    0.333333  6
    """
    if before not in (15, 18):
        raise ValueError(f"before={before!r} must be 15 or 18 (SDG 5.3.1)")
    check_columns(data, ["v012", "v511"])
    universe = _ages(data, 20, 24)
    values = recode_child_marriage(data, before=before)
    return _run(
        data,
        values,
        universe,
        by=by,
        method=method,
        conf=conf,
        lonely_psu=lonely_psu,
        strata=strata,
    )


def fgm_prevalence(
    data: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    method: str = "logit",
    conf: float = 0.95,
    lonely_psu: str = "adjust",
    strata: str = "v022",
) -> pd.DataFrame:
    """SDG 5.3.2: women aged 15-49 who have undergone female genital mutilation/cutting.

    The recode is :func:`recode_fgm` (``g102``, ``g100``); the population is women with ``v012``
    from 15 to 49 (all of an IR file) when ``v012`` is present. Women outside the FGM module are
    missing and counted in ``n_missing``.

    Parameters
    ----------
    data : pandas.DataFrame
        A DHS women's recode (IR) with ``v005``, ``v021``, ``v022`` (or ``v023``), ``g102`` and,
        as in the DHS code, ``g100``.
    by : str or list of str, optional
        Domain columns, as for :func:`survey_prevalence`.
    method : {"logit", "mean", "xlogit", "asin", "beta", "likelihood"}, default "logit"
        Interval method, as for :func:`survey_prevalence`.
    conf : float, default 0.95
        Confidence level, as for :func:`survey_prevalence`.
    lonely_psu : {"fail", "remove", "certainty", "adjust", "average"}, default "adjust"
        As for :func:`survey_prevalence`, but the default is ``"adjust"``, the option set by the
        DHS Program's R introduction to survey design
        (``options(survey.lonely.psu = "adjust")``).
    strata : {"v022", "v023"}, default "v022"
        Stratum variable, see :func:`dhs_design`.

    Returns
    -------
    pandas.DataFrame
        As :func:`survey_prevalence`.

    References
    ----------
    DHSProgram/DHS-Indicators-R, ``Chap18_FG/FG_CIRCUM.R``. UN SDG indicator 5.3.2.
    The DHS Program. Guide to DHS Statistics (see :func:`dhs_design`).

    Examples
    --------
    >>> ir = pd.DataFrame(
    ...     {
    ...         "v005": [1_000_000] * 6,
    ...         "v021": [1, 1, 2, 2, 3, 3],
    ...         "v022": [1, 1, 1, 1, 2, 2],
    ...         "g100": [1, 1, 0, 1, 1, None],
    ...         "g102": [1, 0, None, 1, 1, None],
    ...     }
    ... )
    >>> fgm_prevalence(ir)[["prevalence", "n", "n_missing"]]
       prevalence  n  n_missing
    0         0.6  5          1
    """
    values = recode_fgm(data)
    has_age = "v012" in data.columns
    universe = _ages(data, 15, 49) if has_age else np.ones(len(data), dtype=bool)
    return _run(
        data,
        values,
        universe,
        by=by,
        method=method,
        conf=conf,
        lonely_psu=lonely_psu,
        strata=strata,
    )
