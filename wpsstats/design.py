"""The survey design: strata, PSUs and domains, and the linearised variance of a weighted share.

What :func:`wpsstats.survey_prevalence`, :func:`wpsstats.prevalence_difference` and
:func:`wpsstats.survey_chisq` share: the design's codes read from the data, each domain's
estimate with its scores summed to PSU totals, and R's with-replacement variance of those totals
(``svyrecvar``), all in a few vectorised passes over the rows. The design's columns are read
into codes and values by :mod:`wpsstats.design_columns`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._checks import as_python, by_columns, check_columns, check_flag, describe_position
from .design_columns import (
    _CENSUS_SCALE,
    _codes,
    _domains,
    _index,
    _indicator_values,
    _lonely,
    _psu_strata,
    _rescaled,
    _show,
    _subset_mask,
    _sum_by,
    _weight_values,
)

__all__: list[str] = []  # the public functions live in survey.py and compare.py

LONELY_PSU = ("fail", "remove", "certainty", "adjust", "average")
OUTPUT_COLUMNS = ("prevalence", "se", "lower", "upper", "df", "deff", "n", "n_missing", "method")

# Rows of the glm start summed at a time (peak memory)
_BLOCK = 1 << 16


def _stratified_variance(
    total: np.ndarray,
    cell_d: np.ndarray,
    cell_h: np.ndarray,
    n_psu_h: np.ndarray,
    n_dom: int,
    lonely_psu: str,
    scale: np.ndarray | None = None,
) -> np.ndarray:
    """With-replacement variance of each domain from its PSU totals, as R's ``svyrecvar``.

    PSUs of a stratum with no row in the domain are zeros that still count in n_h (R pads them),
    so the domain is estimated inside the full design. ``scale`` multiplies each stratum's part:
    its finite population correction 1 - n_h/N_h (and, at the second stage, the first stage's
    sampling fraction); a stratum sampled whole (scale below 1e-7) adds nothing, as in R.
    """
    n_strata = n_psu_h.size
    codes, n_pairs, pair_key = _index(cell_d * n_strata + cell_h, n_dom * n_strata)
    m = np.bincount(codes, minlength=n_pairs)
    used = m > 0
    pair_d = pair_key // n_strata
    pair_h = pair_key % n_strata
    nh = n_psu_h[pair_h].astype(float)
    # a (domain, stratum) pair with no row may have nh = 0 (empty data): 0/0, dropped below
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = _sum_by(codes, total, n_pairs) / nh
        ss = _sum_by(codes, (total - mean[codes]) ** 2, n_pairs)
        ss += (nh - m) * mean**2
    f = np.ones(n_pairs) if scale is None else scale[pair_h]
    census = f < _CENSUS_SCALE
    lonely = used & _lonely(n_psu_h, scale)[pair_h]
    with np.errstate(divide="ignore", invalid="ignore"):
        contrib = np.where(nh > 1, f * nh / (nh - 1) * ss, 0.0)
    if lonely_psu == "adjust":
        # R centres a lonely stratum at the population mean of the scores, which is zero
        contrib = np.where(lonely, f * (mean * nh) ** 2, contrib)
    contrib = np.where(census, 0.0, contrib)
    var: np.ndarray = _sum_by(pair_d[used], contrib[used], n_dom)
    if lonely_psu == "average":
        n_h = np.bincount(pair_d[used], minlength=n_dom)
        n_ok = np.bincount(pair_d[used & ~lonely], minlength=n_dom)
        with np.errstate(divide="ignore", invalid="ignore"):
            var = var * n_h / n_ok
    return var


class _Stage2(NamedTuple):
    """The second stage of a two-stage design: SSU totals within each PSU."""

    cell_d: np.ndarray  # domain of each (domain, SSU) cell that holds a used row
    cell_u: np.ndarray  # SSU of each cell
    cell_w: np.ndarray
    cell_wy: np.ndarray
    psu_of_ssu: np.ndarray
    n_ssu_psu: np.ndarray  # SSUs sampled in each PSU
    scale: np.ndarray  # per PSU: (1 - m_i/M_i) times the first stage's fraction n_h/N_h


GlmStart = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]


class _Records(NamedTuple):
    """What the design's sums are made of: a pandas frame's rows, or the cells of another frame.

    A Polars, PyArrow or Dask frame arrives summed to one record per combination of its by,
    strata, psu and ssu values (:mod:`wpsstats.frames`); a pandas frame's records are its rows.
    The sums below are the same either way.
    """

    keys: pd.DataFrame  # the by, strata, psu and ssu columns, one row per record
    d: np.ndarray  # domain code of each record
    n_dom: int
    labels: pd.DataFrame  # the by columns' value of each domain
    n_total: int  # rows of the data
    used: np.ndarray  # rows used (indicator present, inside the subset)
    missing: np.ndarray  # rows inside the subset whose indicator is missing
    pos: np.ndarray  # rows used of positive weight
    ones: np.ndarray  # rows used that are cases
    w: np.ndarray  # sum of the weights of the rows used (rescaled, see _rescaled)
    wy: np.ndarray  # ... of the cases among them
    fpc: tuple[np.ndarray, np.ndarray] | None  # lowest and highest fpc value of each record
    fpc2: tuple[np.ndarray, np.ndarray] | None
    popsize: bool  # the fpc columns hold population counts, not fractions
    glm_start: GlmStart  # each domain's sums of R's glm start, given its weights' scale


class _Design(NamedTuple):
    """The design's column names (and ``nest``), in the order the public functions take them."""

    weight: str | None = None
    psu: str | None = None
    strata: str | None = None
    nest: bool = False
    subset: Any = None
    fpc: str | None = None
    ssu: str | None = None
    fpc2: str | None = None


class _Linearised(NamedTuple):
    """What the estimate and the variance of every domain are made of (see :func:`_linearise`)."""

    glm_start: GlmStart
    n_dom: int
    labels: pd.DataFrame  # the by columns' value of each domain
    n_rows: np.ndarray  # rows used, per domain
    n_missing: np.ndarray  # rows with a missing indicator, per domain
    n_pos: np.ndarray  # rows used of positive weight, per domain
    cell_d: np.ndarray  # domain of each (domain, PSU) cell that holds a used row
    cell_g: np.ndarray  # PSU of each cell
    cell_h: np.ndarray  # stratum of each cell
    cell_w: np.ndarray  # sum of weights of the cell's used rows
    cell_wy: np.ndarray  # ... of its cases
    cell_pos: np.ndarray  # number of the cell's used rows of positive weight
    h_of_psu: np.ndarray  # stratum of each PSU
    n_psu_h: np.ndarray  # PSUs in each stratum of the design
    h_labels: pd.Index
    scale_h: np.ndarray | None  # first-stage finite population correction 1 - n_h/N_h
    stage2: _Stage2 | None
    wsum: np.ndarray  # per domain
    ysum: np.ndarray
    p: np.ndarray  # the estimate, ysum / wsum
    scores: np.ndarray  # each cell's total of linearised scores w (y - p) / wsum
    var: np.ndarray  # with-replacement variance of p, NaN where the domain has no estimate


def _check_design(data: Any, indicator: str, design: _Design, *, by: Any) -> list[str]:
    """Check the design arguments against ``data``; return the by columns as a list.

    ``data`` is a pandas frame, or a Polars, PyArrow or Dask one (whose columns only are read).
    """
    if not isinstance(data, pd.DataFrame):
        from .frames import column_names

        # the same messages as for pandas, from the column names alone
        data = pd.DataFrame(columns=column_names(data))
    check_columns(data, [indicator])
    check_flag("nest", design.nest)
    # one column name (of any type: pandas allows 0) or a list of them
    by_list = by_columns(by)
    clash = [c for c in by_list if c in OUTPUT_COLUMNS]
    if clash:
        raise ValueError(
            f"by column {clash[0]!r} has the name of an output column "
            f"({', '.join(OUTPUT_COLUMNS)}); rename it first, e.g. "
            f"data.rename(columns={{{clash[0]!r}: '{clash[0]}_group'}})"
        )
    psu, subset, fpc, ssu, fpc2 = design.psu, design.subset, design.fpc, design.ssu, design.fpc2
    named = {"weight": design.weight, "psu": psu, "strata": design.strata, "fpc": fpc, "ssu": ssu}
    named["fpc2"] = fpc2
    for name, value in named.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a column name (str) or None, got {value!r}")
    check_columns(data, [*named.values(), *by_list, subset if isinstance(subset, str) else None])
    if ssu is not None and psu is None:
        raise ValueError("ssu needs psu: the second-stage units are sampled within PSUs")
    if fpc2 is not None and (fpc is None or ssu is None):
        raise ValueError(
            "fpc2 needs fpc and ssu: the second stage's correction applies within a design "
            "whose first stage has one (R's svydesign(id = ~psu + ssu, fpc = ~fpc + fpc2))"
        )
    if ssu is not None and fpc is not None and fpc2 is None:
        raise ValueError(
            "a two-stage design with a finite population correction needs one for each stage: "
            "give fpc2 (SSUs in the population of each PSU), or leave out fpc to treat the "
            "PSUs as sampled with replacement (then the second stage adds nothing)"
        )
    if indicator in by_list:
        raise ValueError(f"indicator {indicator!r} is also a by column")
    return by_list


def _glm_start_rows(
    one: np.ndarray, w: np.ndarray, d: np.ndarray, use: np.ndarray, scale: np.ndarray, n_dom: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each domain's sums of R's glm start from the rows (see survey._glm_logit_coef)."""
    num = np.zeros(n_dom)
    den = np.zeros(n_dom)
    devold = np.zeros(n_dom)
    with np.errstate(divide="ignore", invalid="ignore"):
        # blocks of rows keep the temporaries small (peak memory), not a loop over domains
        for start in range(0, d.size, _BLOCK):
            part = slice(start, start + _BLOCK)
            dd = d[part]
            wt = np.where(use[part], w[part] * scale[dd], 0.0)
            yy = (use[part] & one[part]).astype(float)
            mstart = (wt * yy + 0.5) / (wt + 1.0)
            v = wt * mstart * (1.0 - mstart)
            num += np.bincount(
                dd,
                weights=v * np.log(mstart / (1.0 - mstart)) + wt * (yy - mstart),
                minlength=n_dom,
            )
            den += _sum_by(dd, v, n_dom)
            devold -= 2.0 * np.bincount(
                dd,
                weights=wt * np.where(yy == 1.0, np.log(mstart), np.log(1.0 - mstart)),
                minlength=n_dom,
            )
    return num, den, devold


def _row_records(
    data: pd.DataFrame, indicator: str, design: _Design, *, by: list[str], rescale_by_domain: bool
) -> _Records:
    """A pandas frame's rows as the records of the design's sums."""
    subset, fpc, fpc2 = design.subset, design.fpc, design.fpc2
    y = _indicator_values(data, indicator)
    w = _weight_values(data, design.weight)
    d, n_dom, labels = _domains(data, by)
    positive = w > 0  # observations, for degrees of freedom and deff, whatever their size
    if rescale_by_domain:
        w = _rescaled(w, d, n_dom)
    else:
        w = _rescaled(w, np.zeros(len(data), dtype=np.int64), 1)
    inside = _subset_mask(data, subset)
    missing = np.isnan(y)
    one = y == 1.0
    del y
    use = ~missing if inside is None else ~missing & inside
    miss_in = missing if inside is None else missing & inside
    del missing

    fpc_values: list[tuple[np.ndarray, np.ndarray] | None] = [None, None]
    popsize = False
    if fpc is not None:
        names = [fpc] + ([fpc2] if fpc2 is not None else [])
        popsize = _popsize_reading([data[c] for c in names], names)
        for i, name in enumerate(names):
            v = data[name].to_numpy(dtype=float)
            fpc_values[i] = (v, v)

    def glm_start(scale: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _glm_start_rows(one, w, d, use, scale, n_dom)

    return _Records(
        keys=data,
        d=d,
        n_dom=n_dom,
        labels=labels,
        n_total=len(data),
        used=use,
        missing=miss_in,
        pos=use & positive,
        ones=use & one,
        w=np.where(use, w, 0.0),
        wy=np.where(use & one, w, 0.0),
        fpc=fpc_values[0],
        fpc2=fpc_values[1],
        popsize=popsize,
        glm_start=glm_start,
    )


def _records(
    data: Any, indicator: str, design: _Design, *, by: list[str], rescale_by_domain: bool = True
) -> _Records:
    """The records of ``data``: its rows for pandas, its cells summed where they live otherwise.

    Without a psu every row is its own PSU, so a frame that is not pandas is collected (only the
    columns the design names) and read as pandas.
    """
    if not isinstance(data, pd.DataFrame):
        from . import frames

        if design.psu is not None:
            return frames.frame_records(
                data,
                indicator,
                weight=design.weight,
                psu=design.psu,
                strata=design.strata,
                ssu=design.ssu,
                by=by,
                subset=design.subset,
                fpc=design.fpc,
                fpc2=design.fpc2,
                rescale_by_domain=rescale_by_domain,
            )
        subset = design.subset
        names = [indicator, design.weight, design.strata, *by, subset, design.fpc, design.fpc2]
        if subset is not None and not isinstance(subset, str):
            raise TypeError(
                f"subset must be a column name with a {type(data).__name__}; a boolean mask is "
                "accepted only with a pandas DataFrame (add it as a column)"
            )
        data = frames.to_pandas(data, [c for c in dict.fromkeys(names) if c is not None])
    return _row_records(data, indicator, design, by=by, rescale_by_domain=rescale_by_domain)


def _linearise(
    data: Any, indicator: str, design: _Design, *, by: list[str], lonely_psu: str
) -> _Linearised:
    """Each domain's estimate, its linearised scores summed to PSU totals, and its variance.

    Arguments are checked by the caller (:func:`_check_design` and ``check_choice``).
    """
    rec = _records(data, indicator, design, by=by)
    strata, fpc, ssu, fpc2 = design.strata, design.fpc, design.ssu, design.fpc2
    g, h_of_psu, n_psu_h, h_labels = _psu_strata(rec.keys, design.psu, strata, design.nest)
    d, n_dom = rec.d, rec.n_dom
    n_rows = _sum_by(d, rec.used, n_dom)
    n_missing = _sum_by(d, rec.missing, n_dom)

    n_psu = int(h_of_psu.size)
    codes, n_cells, cell_key = _index(d * n_psu + g, n_dom * n_psu)
    cell_rows = _sum_by(codes, rec.used, n_cells)
    cell_pos = _sum_by(codes, rec.pos, n_cells)
    cell_w = _sum_by(codes, rec.w, n_cells)
    cell_wy = _sum_by(codes, rec.wy, n_cells)
    del codes
    keep = cell_rows > 0
    cell_d = cell_key[keep] // n_psu
    cell_g = cell_key[keep] % n_psu
    cell_h = h_of_psu[cell_g]
    cell_pos, cell_w, cell_wy = cell_pos[keep], cell_w[keep], cell_wy[keep]

    scale_h, stage2 = None, None
    if fpc is not None and rec.fpc is not None:
        scale_h = _unsampled(
            rec.fpc, fpc, h_of_psu[g], n_psu_h, h_labels, "stratum", popsize=rec.popsize
        )
        if ssu is not None and fpc2 is not None:
            stage2 = _second_stage(rec, ssu, fpc2, g, h_of_psu, scale_h)

    if lonely_psu == "fail":
        lonely = _lonely(n_psu_h, scale_h)[cell_h]
        if (
            stage2 is not None
            and _lonely(stage2.n_ssu_psu, stage2.scale)[stage2.psu_of_ssu[stage2.cell_u]].any()
        ):
            raise ValueError(
                "a PSU has only one SSU at the second stage; choose lonely_psu='adjust', "
                "'average', 'remove' or 'certainty' (R: survey.lonely.psu)"
            )
        if lonely.any():
            where = h_labels[cell_h[lonely]]
            if strata is None:
                what = "the design has a single PSU (no strata, so its variance is not estimable)"
            else:
                what = (
                    f"stratum {as_python(where[0])!r} of {strata!r} has only one PSU "
                    f"({pd.unique(where).size} such strata hold rows of the estimate)"
                )
            raise ValueError(
                f"{what}; choose lonely_psu='adjust', 'average', 'remove' or 'certainty' "
                "(R: survey.lonely.psu)"
            )

    wsum = _sum_by(cell_d, cell_w, n_dom)
    ysum = _sum_by(cell_d, cell_wy, n_dom)
    n_pos = _sum_by(cell_d, cell_pos, n_dom)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = ysum / wsum
        scores = (cell_wy - p[cell_d] * cell_w) / wsum[cell_d]
    lin = _Linearised(
        glm_start=rec.glm_start,
        n_dom=n_dom,
        labels=rec.labels,
        n_rows=n_rows,
        n_missing=n_missing,
        n_pos=n_pos,
        cell_d=cell_d,
        cell_g=cell_g,
        cell_h=cell_h,
        cell_w=cell_w,
        cell_wy=cell_wy,
        cell_pos=cell_pos,
        h_of_psu=h_of_psu,
        n_psu_h=n_psu_h,
        h_labels=h_labels,
        scale_h=scale_h,
        stage2=stage2,
        wsum=wsum,
        ysum=ysum,
        p=p,
        scores=scores,
        var=np.empty(0),
    )
    var = _domain_variance(lin, p, lonely_psu)
    # a domain with no usable row (or only zero weights) has no estimate, so no variance either
    var[~(wsum > 0)] = np.nan
    return lin._replace(var=var)


def _domain_variance(lin: _Linearised, centre: np.ndarray, lonely_psu: str) -> np.ndarray:
    """Each domain's design variance of a weighted share linearised about ``centre``.

    The first stage's PSU totals give R's with-replacement variance, times the finite
    population correction where there is one; a two-stage design adds, for each PSU, the
    variance of its SSU totals times the first stage's sampling fraction (R's ``multistage``).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = (lin.cell_wy - centre[lin.cell_d] * lin.cell_w) / lin.wsum[lin.cell_d]
    var = _stratified_variance(
        scores, lin.cell_d, lin.cell_h, lin.n_psu_h, lin.n_dom, lonely_psu, lin.scale_h
    )
    s2 = lin.stage2
    if s2 is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores2 = (s2.cell_wy - centre[s2.cell_d] * s2.cell_w) / lin.wsum[s2.cell_d]
        var = var + _stratified_variance(
            scores2,
            s2.cell_d,
            s2.psu_of_ssu[s2.cell_u],
            s2.n_ssu_psu,
            lin.n_dom,
            lonely_psu,
            s2.scale,
        )
    return var


def _contrast_variance(lin: _Linearised, coef: np.ndarray, lonely_psu: str) -> float:
    """Design variance of the contrast sum_d coef[d] * p[d] of the domains' estimates.

    The domains' scores, weighted by ``coef``, are added up per PSU (a PSU may hold rows of
    several domains) and the sum's variance taken as one domain's: R's ``svyrecvar`` on the
    influence functions of ``svyby(..., covmat = TRUE)``, as ``svycontrast`` uses them. R's
    "average" counts the strata holding a row of any domain here (see :func:`_average_factor`),
    and scales the first stage only: a second stage is averaged over its PSUs, as
    :func:`_stratified_variance` does for one domain.
    """
    plain = "remove" if lonely_psu == "average" else lonely_psu

    def one_stage(
        cell_d: np.ndarray,
        cell_unit: np.ndarray,
        scores: np.ndarray,
        stratum_of_unit: np.ndarray,
        n_units: np.ndarray,
        scale: np.ndarray | None,
    ) -> float:
        mine = coef[cell_d] != 0
        units, at = np.unique(cell_unit[mine], return_inverse=True)
        total = _sum_by(at, coef[cell_d[mine]] * scores[mine], units.size)
        zeros = np.zeros(units.size, dtype=np.int64)
        strata = stratum_of_unit[units]
        return float(_stratified_variance(total, zeros, strata, n_units, 1, plain, scale)[0])

    var = one_stage(lin.cell_d, lin.cell_g, lin.scores, lin.h_of_psu, lin.n_psu_h, lin.scale_h)
    if lonely_psu == "average":
        var *= _average_factor(lin.n_psu_h, lin.cell_h, lin.scale_h)
    s2 = lin.stage2
    if s2 is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            scores2 = (s2.cell_wy - lin.p[s2.cell_d] * s2.cell_w) / lin.wsum[s2.cell_d]
        var2 = one_stage(s2.cell_d, s2.cell_u, scores2, s2.psu_of_ssu, s2.n_ssu_psu, s2.scale)
        if lonely_psu == "average":
            var2 *= _average_factor(s2.n_ssu_psu, s2.psu_of_ssu[s2.cell_u], s2.scale)
        var += var2
    return var


def _average_factor(n_psu_h: np.ndarray, held: np.ndarray, scale: np.ndarray | None) -> float:
    """R's ``survey.lonely.psu = "average"`` for contrasts and tables: strata over those not lonely.

    ``held`` gives the stratum of each unit (a cell, a row) of the rows the estimate is made of.
    R's ``onestage`` counts the strata holding such a row -- of any domain of ``svyby``, of any
    cell of ``svychisq``'s table; not only the strata of one domain, as ``svyciprop`` on a subset
    does, nor those whose rows all miss the indicator or lie outside the subset -- and divides
    by those of them that are not lonely: two or more PSUs, or sampled whole (``scale``, the
    finite population correction, below ``_CENSUS_SCALE``: R's ``onestrat`` returns its zero
    variance before it looks at the PSU count).
    """
    has = np.zeros(n_psu_h.size, dtype=bool)
    has[held] = True
    n_ok = int((has & ~_lonely(n_psu_h, scale)).sum())
    return float(has.sum()) / n_ok if n_ok else np.nan


def _popsize_reading(columns: list[pd.Series], names: list[str]) -> bool:
    """Whether the fpc columns hold population counts (True) or sampling fractions (False).

    As R's ``as.fpc``: counts when any value exceeds 1, fractions when all are at most 1, and
    an error when some are below 1 and others above.
    """
    values = []
    for column, name in zip(columns, names, strict=True):
        if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(
            column.dtype
        ):
            raise TypeError(f"fpc column {name!r} must be numeric, got dtype {column.dtype}")
        v = column.to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(v) | (v < 0)
        if bad.any():
            raise ValueError(
                f"fpc column {name!r} has missing, infinite or negative values: "
                f"{_show(column[bad])} {describe_position(column, bad)}"
            )
        values.append(v)
    every = np.concatenate(values)
    if (every > 1).any() and (every < 1).any():
        raise ValueError(
            f"fpc columns {', '.join(map(repr, names))} must hold either population counts "
            "(all >= 1) or sampling fractions (all <= 1), not both"
        )
    return bool((every > 1).any())


def _unsampled(
    values: tuple[np.ndarray, np.ndarray],
    name: str,
    group: np.ndarray,
    n_sampled: np.ndarray,
    labels: Any,
    what: str,
    *,
    popsize: bool,
) -> np.ndarray:
    """1 - n/N for each group (a stratum, or a PSU at the second stage) from its fpc column.

    ``values`` are the lowest and the highest fpc value of each record (a row: its value twice).
    """
    k = n_sampled.size
    lo = np.full(k, np.inf)
    hi = np.full(k, -np.inf)
    np.minimum.at(lo, group, values[0])
    np.maximum.at(hi, group, values[1])
    varies = np.flatnonzero(lo != hi)
    if varies.size:
        label = as_python(labels[varies[0]]) if labels is not None else varies[0]
        raise ValueError(
            f"fpc column {name!r} varies within {what} {label!r} ({lo[varies[0]]:g} to "
            f"{hi[varies[0]]:g}); it must give one value for the whole {what}"
        )
    n = n_sampled.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        population = lo if popsize else n / lo
    short = np.flatnonzero(population < n)
    if short.size:
        label = as_python(labels[short[0]]) if labels is not None else short[0]
        raise ValueError(
            f"fpc column {name!r}: {what} {label!r} has {population[short[0]]:g} units in the "
            f"population but {n[short[0]]:g} in the sample"
        )
    # a sampling fraction of 0 is an infinite population: sampling with replacement, as R's Inf
    with np.errstate(divide="ignore", invalid="ignore"):
        out: np.ndarray = np.where(
            (n > 0) & np.isfinite(population), (population - n) / population, 1.0
        )
    return out


def _second_stage(
    rec: _Records,
    ssu: str,
    fpc2: str,
    g: np.ndarray,
    h_of_psu: np.ndarray,
    scale_h: np.ndarray,
) -> _Stage2:
    """The SSUs of each PSU (labels count within their PSU) and each domain's totals in them."""
    u_row, psu_of_ssu, n_ssu_psu, scale = _ssus(rec, ssu, fpc2, g, h_of_psu, scale_h)
    n_ssu = int(psu_of_ssu.size)
    codes, n_cells, cell_key = _index(rec.d * n_ssu + u_row, rec.n_dom * n_ssu)
    keep = _sum_by(codes, rec.used, n_cells) > 0
    cell_w = _sum_by(codes, rec.w, n_cells)[keep]
    cell_wy = _sum_by(codes, rec.wy, n_cells)[keep]
    return _Stage2(
        cell_d=cell_key[keep] // n_ssu,
        cell_u=cell_key[keep] % n_ssu,
        cell_w=cell_w,
        cell_wy=cell_wy,
        psu_of_ssu=psu_of_ssu,
        n_ssu_psu=n_ssu_psu,
        scale=scale,
    )


def _ssus(
    rec: _Records,
    ssu: str,
    fpc2: str,
    g: np.ndarray,
    h_of_psu: np.ndarray,
    scale_h: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """SSU code of each record, PSU of each SSU, SSUs per PSU, and each PSU's second-stage scale.

    The scale is the PSU's correction 1 - m_i/M_i times the first stage's sampling fraction
    n_h/N_h, by which R's ``multistage`` weighs the variance within the PSU.
    """
    label, _ = _codes(rec.keys, ssu, "ssu")
    u_row, uniq = pd.factorize(pd.MultiIndex.from_arrays([g, label]))
    psu_of_ssu = np.asarray(uniq.get_level_values(0), dtype=np.int64)
    n_ssu_psu = np.bincount(psu_of_ssu, minlength=h_of_psu.size)
    if rec.fpc2 is None:  # pragma: no cover - _check_design asks for fpc2 with ssu and fpc
        raise ValueError("a second stage needs fpc2")
    within = _unsampled(rec.fpc2, fpc2, g, n_ssu_psu, None, "PSU", popsize=rec.popsize)
    scale = within * (1.0 - scale_h[h_of_psu])
    return u_row.astype(np.int64, copy=False), psu_of_ssu, n_ssu_psu, scale
