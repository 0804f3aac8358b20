"""Survey data held in Polars, PyArrow or Dask frames: the design's sums computed where they live.

:func:`wpsstats.survey_prevalence` and the comparisons need only small tables from the rows: for
each combination of the by, strata, psu and ssu values (a *record*) the rows used, the missing
ones, the sums of the weights and of the cases' weights, and each PSU's fpc. A frame that is not
pandas is summed to those records by a group-by through narwhals (which speaks Polars, eager and
lazy, PyArrow and Dask; Polars takes the PSUs in parts, see :func:`_psu_parts`), and only the
records are collected; the numpy code of :mod:`wpsstats.design` then runs on them as it runs on
a pandas frame's rows. R's glm start values for the logit interval need one more pass, grouped
by domain.

narwhals and the frame libraries are imported here, and this module only when such a frame comes
in, so that ``import wpsstats`` stays light.
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .design import _Records
from .design_columns import _domains

__all__: list[str] = []  # used through survey_prevalence, prevalence_difference, survey_chisq

_P = "__wps_"  # prefix of the columns made here, kept apart from the data's own names
_SUMS = ("rows", "used", "missing", "pos", "ones", "w", "wy")


def _narwhals() -> Any:
    try:
        import narwhals.stable.v2 as nw
    except ImportError as exc:  # pragma: no cover - narwhals is a core dependency
        raise ImportError("frames other than pandas need narwhals (pip install narwhals)") from exc
    return nw


def _from_native(native: Any) -> Any:
    nw = _narwhals()
    with warnings.catch_warnings():
        # narwhals announces that its Dask support moves to a plugin; nothing to act on here
        warnings.simplefilter("ignore", FutureWarning)
        return nw.from_native(native)


def lazy_frame(data: Any) -> Any:
    """``data`` as a narwhals LazyFrame; a TypeError for anything that is not a data frame."""
    nw = _narwhals()
    try:
        frame = _from_native(data)
    except TypeError:
        raise TypeError(
            "data must be a pandas, Polars (DataFrame or LazyFrame), PyArrow (Table) or Dask "
            f"DataFrame, got {type(data).__name__}"
        ) from None
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def column_names(data: Any) -> list[str]:
    return list(lazy_frame(data).collect_schema().names())


def _collect(lf: Any) -> Any:
    """Collect a small result; Polars streams, so that a file larger than memory goes through."""
    if lf.implementation.is_polars():
        return lf.collect(engine="streaming")
    return lf.collect()


def _first_rows(lf: Any, condition: Any, column: str, count: int) -> str:
    """The first (up to) five values of ``column`` where ``condition`` holds, and their rows."""
    row = _P + "row"
    native = lf.to_native()
    if lf.implementation.is_polars():
        numbered = _from_native(native.with_row_index(row))
    elif lf.implementation.is_dask():
        numbered = _from_native(_dask_row_numbers(native, row))
    else:
        numbered = _from_native(native).lazy().collect().with_row_index(row).lazy()
    hits = numbered.filter(condition).select(column, row).head(5).collect().to_pandas()
    values = [v.item() if isinstance(v, np.generic) else v for v in hits[column]]
    first = int(hits[row].iloc[0]) if len(hits) else -1
    more = f" (and {count - 1} more)" if count > 1 else ""
    shown = ", ".join(repr(v) for v in dict.fromkeys(values))
    return f"{shown} at row {first}{more}"


def _dask_row_numbers(ddf: Any, name: str) -> Any:
    lengths = ddf.map_partitions(len).compute()
    offsets = np.concatenate([[0], np.cumsum(np.asarray(lengths))[:-1]])

    def number(part: pd.DataFrame, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
        start = offsets[partition_info["number"]] if partition_info else 0
        return part.assign(**{name: np.arange(start, start + len(part), dtype=np.int64)})

    meta = {**ddf.dtypes.to_dict(), name: np.dtype(np.int64)}
    return ddf.map_partitions(number, meta=meta)


def _missing(nw: Any, name: str, dtype: Any) -> Any:
    col = nw.col(name)
    if dtype.is_float():
        # a NaN is a missing value, as in pandas
        return col.is_null() | col.fill_null(0.0).is_nan()
    return col.is_null()


def _check_numeric(nw: Any, schema: Any, name: str | None, role: str) -> None:
    if name is None:
        return
    dtype = schema[name]
    if not dtype.is_numeric() or dtype == nw.Boolean:
        raise TypeError(f"{role} column {name!r} must be numeric, got dtype {dtype}")


def _checks(
    nw: Any,
    schema: Any,
    *,
    indicator: str,
    weight: str | None,
    psu: str | None,
    strata: str | None,
    ssu: str | None,
    subset: str | None,
    fpc: str | None,
    fpc2: str | None,
) -> list[tuple[str, Any, str, str]]:
    """Each bad-value check: name of its count, row condition, the message's start, column."""
    ydt = schema[indicator]
    y_missing = _missing(nw, indicator, ydt)
    y_text = (
        f"indicator column {indicator!r} must hold only 0, 1, True, False or missing values; found"
    )
    checks: list[tuple[str, Any, str, str]] = []
    if ydt.is_numeric() or ydt == nw.Boolean:
        y = nw.col(indicator).cast(nw.Float64)
        checks.append(("bad_y", ~y_missing & (y != 0.0) & (y != 1.0), y_text, indicator))
    else:
        checks.append(("bad_y", ~y_missing, y_text, indicator))
    if weight is not None:
        w = nw.col(weight).cast(nw.Float64)
        what = f"weight column {weight!r} has"
        checks += [
            ("w_missing", _missing(nw, weight, schema[weight]), f"{what} missing weights:", weight),
            ("w_inf", w.fill_null(0.0).abs() == float("inf"), f"{what} infinite weights:", weight),
            ("w_neg", w.fill_null(0.0) < 0.0, f"{what} negative weights:", weight),
        ]
    for name, role in ((strata, "strata"), (psu, "psu"), (ssu, "ssu")):
        if name is not None:
            checks.append(
                (
                    f"{role}_missing",
                    _missing(nw, name, schema[name]),
                    f"{role} column {name!r} has missing values (every row needs its PSU and "
                    "stratum: drop such rows knowingly, or give them a code):",
                    name,
                )
            )
    if subset is not None:
        checks.append(
            (
                "subset_missing",
                nw.col(subset).is_null(),
                f"subset {subset!r} has missing values:",
                subset,
            )
        )
    for name in (fpc, fpc2):
        if name is not None:
            v = nw.col(name).cast(nw.Float64).fill_null(-1.0)
            bad = _missing(nw, name, schema[name]) | (v.abs() == float("inf")) | (v < 0.0)
            checks.append(
                (
                    f"fpc_bad_{name}",
                    bad,
                    f"fpc column {name!r} has missing, infinite or negative values:",
                    name,
                )
            )
    return checks


def _raise_first(lf: Any, checks: list[tuple[str, Any, str, str]], counts: dict[str, int]) -> None:
    for key, condition, text, column in checks:
        if counts.get(key, 0) > 0:
            raise ValueError(f"{text} {_first_rows(lf, condition, column, counts[key])}")


def frame_records(
    data: Any,
    indicator: str,
    *,
    weight: str | None,
    psu: str,
    strata: str | None,
    ssu: str | None,
    by: list[str],
    subset: Any,
    fpc: str | None,
    fpc2: str | None,
    rescale_by_domain: bool = True,
) -> _Records:
    """The records of a Polars, PyArrow or Dask frame: one per combination of the key columns.

    Each holds the sums :func:`wpsstats.design._linearise` reads (rows used, missing, weights),
    and its glm start function runs one more grouped pass over the rows.
    """
    nw = _narwhals()
    lf = lazy_frame(data)
    schema = lf.collect_schema()
    if subset is not None and not isinstance(subset, str):
        raise TypeError(
            f"subset must be a column name with a {type(data).__name__}; a boolean mask is "
            "accepted only with a pandas DataFrame (add it as a column)"
        )
    _check_numeric(nw, schema, weight, "weight")
    for name in (fpc, fpc2):
        _check_numeric(nw, schema, name, "fpc")
    if subset is not None and schema[subset] != nw.Boolean:
        raise TypeError(f"subset {subset!r} must be boolean, got dtype {schema[subset]}")

    checks = _checks(
        nw,
        schema,
        indicator=indicator,
        weight=weight,
        psu=psu,
        strata=strata,
        ssu=ssu,
        subset=subset,
        fpc=fpc,
        fpc2=fpc2,
    )
    ydt = schema[indicator]
    if not (ydt.is_numeric() or ydt == nw.Boolean):
        # text cannot be cast to a number; every value present is refused
        count = int(_collect(lf.select(checks[0][1].sum())).item())
        if count:
            _raise_first(lf, checks[:1], {"bad_y": count})

    keys = list(dict.fromkeys([*by, *(c for c in (strata, psu, ssu) if c is not None)]))
    parts = _psu_parts(nw, lf, psu, by)
    table = _sums(nw, lf, schema, checks, keys, indicator, weight, subset, fpc, fpc2, None, parts)
    if table[_P + "bad"].sum() > 0:
        found = _collect(lf.select(*(c[1].fill_null(False).sum().alias(c[0]) for c in checks)))
        _raise_first(lf, checks, {c[0]: int(found[c[0]].item()) for c in checks})
    for c in keys:
        if schema[c].is_integer() and table[c].dtype.kind == "f":
            # integers with missing values arrive as floats; pandas' own is the nullable Int64
            table[c] = table[c].astype("Int64")
        elif lf.implementation.is_polars() and schema[c] == nw.Categorical:
            # Polars sorts its categoricals by their text; they arrive in order of appearance
            cats = table[c].cat.categories
            table[c] = table[c].cat.reorder_categories(sorted(cats))
    table = table.sort_values(keys, na_position="last", kind="stable").reset_index(drop=True)
    d, n_dom, labels = _domains(table, by)

    # the smallest positive weight of each record (NaN where it has none) and the largest
    low_w = table[_P + "wmin"].to_numpy(dtype=float)
    top_w = table[_P + "wmax"].to_numpy(dtype=float)
    extreme = bool(
        np.nanmin(low_w, initial=np.inf) < 1e-280 or np.nanmax(top_w, initial=0.0) > 1e280
    )
    factor = np.ones(n_dom)
    if extreme:
        # weights near the ends of floating point: each domain's are multiplied by a power of
        # two before they are summed, as design_columns._rescaled does row by row
        top = np.zeros(n_dom)
        np.maximum.at(top, d, np.nan_to_num(top_w, nan=0.0))
        if not rescale_by_domain:
            top[:] = top.max()
        factor = np.ldexp(1.0, -np.frexp(top)[1])
        domains = _domain_table(nw, lf, table, by, d, {"factor": factor})
        rescaled = _sums(
            nw, lf, schema, checks, keys, indicator, weight, subset, fpc, fpc2, domains, parts
        )
        rescaled = rescaled.sort_values(keys, na_position="last", kind="stable")
        for k in ("w", "wy"):
            table[_P + k] = rescaled[_P + k].to_numpy()

    def glm_start(scale: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        domains = _domain_table(nw, lf, table, by, d, {"factor": factor, "scale": scale})
        return _glm_sums(nw, lf, schema, indicator, weight, subset, domains, n_dom)

    def col(name: str, dtype: Any = float) -> np.ndarray:
        return table[_P + name].to_numpy(dtype=dtype)

    fpc_values = [
        (col(n + "_lo"), col(n + "_hi")) if c else None for n, c in (("fpc", fpc), ("fpc2", fpc2))
    ]
    every = np.concatenate(
        [v for pair in fpc_values if pair is not None for v in pair] or [np.empty(0)]
    )
    if (every > 1).any() and (every < 1).any():
        names = [c for c in (fpc, fpc2) if c is not None]
        raise ValueError(
            f"fpc columns {', '.join(map(repr, names))} must hold either population counts "
            "(all >= 1) or sampling fractions (all <= 1), not both"
        )
    return _Records(
        keys=table,
        d=d,
        n_dom=n_dom,
        labels=labels,
        n_total=int(col("rows", np.int64).sum()),
        used=col("used"),
        missing=col("missing"),
        pos=col("pos"),
        ones=col("ones"),
        w=col("w"),
        wy=col("wy"),
        fpc=fpc_values[0],
        fpc2=fpc_values[1],
        popsize=bool((every > 1).any()),
        glm_start=glm_start,
    )


def to_pandas(data: Any, columns: list[str]) -> pd.DataFrame:
    """The named columns of ``data`` as a pandas frame (for a design without PSUs)."""
    return _collect(lazy_frame(data).select(*columns)).to_pandas()


def _row_columns(
    nw: Any,
    schema: Any,
    indicator: str,
    weight: str | None,
    subset: str | None,
    factor: bool,
) -> dict[str, Any]:
    """Row-level columns: the weight, whether the row is used, whether it is a case."""
    y = nw.col(indicator).cast(nw.Float64)
    missing = _missing(nw, indicator, schema[indicator])
    inside = nw.lit(True) if subset is None else nw.col(subset).fill_null(False)
    use = ~missing & inside
    one = use & (y.fill_null(0.0) == 1.0)
    w = nw.lit(1.0) if weight is None else nw.col(weight).cast(nw.Float64)
    if factor:
        w = w * nw.col(_P + "factor")
    return {"use": use, "one": one, "missing_in": missing & inside, "w": w}


def _sums(
    nw: Any,
    lf: Any,
    schema: Any,
    checks: list[tuple[str, Any, str, str]],
    keys: list[str],
    indicator: str,
    weight: str | None,
    subset: str | None,
    fpc: str | None,
    fpc2: str | None,
    domains: tuple[Any, list[Any]] | None,
    parts: list[Any],
) -> pd.DataFrame:
    """One group-by over the rows: the sums of each record, and a count of bad values.

    ``parts`` are filters on the psu column (see :func:`_psu_parts`), each run on its own.
    """
    frame = lf
    if domains is not None:
        frame = _join_domains(nw, lf, domains)
    cols = _row_columns(nw, schema, indicator, weight, subset, domains is not None)
    use, w = cols["use"], cols["w"]
    w_raw = nw.lit(1.0) if weight is None else nw.col(weight).cast(nw.Float64)
    row = {
        "rows": nw.lit(1, dtype=nw.Int64),
        "used": use.cast(nw.Int64),
        "missing": cols["missing_in"].cast(nw.Int64),
        "pos": (use & (w_raw.fill_null(0.0) > 0.0)).cast(nw.Int64),
        "ones": cols["one"].cast(nw.Int64),
        "w": nw.when(use).then(w).otherwise(0.0),
        "wy": nw.when(cols["one"]).then(w).otherwise(0.0),
        "wmax": w_raw,
        "wmin": nw.when(w_raw > 0.0).then(w_raw).otherwise(None),
    }
    # one count of rows with any bad value keeps the rows narrow; which check fails, and where,
    # is found by a second look only when one does
    bad = nw.lit(False)
    for _, condition, _, _ in checks:
        bad = bad | condition.fill_null(False)
    row["bad"] = bad.cast(nw.Int64)
    if fpc is not None:
        row["fpc"] = nw.col(fpc).cast(nw.Float64)
    if fpc2 is not None:
        row["fpc2"] = nw.col(fpc2).cast(nw.Float64)
    aggs = [nw.col(_P + k).sum() for k in (*_SUMS, "bad")]
    aggs += [nw.col(_P + "wmax").max(), nw.col(_P + "wmin").min()]
    for name in ("fpc", "fpc2"):
        if name in row:
            aggs += [
                nw.col(_P + name).min().alias(_P + name + "_lo"),
                nw.col(_P + name).max().alias(_P + name + "_hi"),
            ]
    made = frame.with_columns(**{_P + k: v for k, v in row.items()})
    out = [
        _collect((made if part is None else made.filter(part)).group_by(keys).agg(*aggs))
        for part in parts
    ]
    # the parts hold disjoint PSUs, so their cells are disjoint too
    return pd.concat([o.to_pandas() for o in out], ignore_index=True)


# At most about this many cells in one group-by of Polars' streaming engine, which keeps partial
# sums per batch of rows until the end: its memory grows with the cells (4 GiB for 200,000 cells
# of a 10^8-row file, 0.25 GiB when they are summed in 8 parts of 500 PSUs).
_CELLS_PER_PART = 25_000
_MAX_PARTS = 64


def _psu_parts(nw: Any, lf: Any, psu: str, by: list[str]) -> list[Any]:
    """Filters that split the PSUs into parts, so that each group-by holds a few cells.

    Only for Polars; other engines (Dask's tree reduction, PyArrow in memory) take one pass.
    """
    if not lf.implementation.is_polars():
        return [None]
    values = _collect(lf.group_by(psu).agg(nw.len())).get_column(psu).drop_nulls().sort().to_list()
    n_dom = len(_collect(lf.group_by(by).agg(nw.len()))) if by else 1
    n = int(np.clip(np.ceil(len(values) * n_dom / _CELLS_PER_PART), 1, _MAX_PARTS))
    if n == 1:
        return [None]
    edges = np.linspace(0, len(values), n + 1).astype(int)
    chunks = [values[a:b] for a, b in itertools.pairwise(edges)]
    # rows without a PSU go with the first part, where the checks count them
    return [
        nw.col(psu).is_in(c) | (nw.col(psu).is_null() if i == 0 else nw.lit(False))
        for i, c in enumerate(chunks)
    ]


def _domain_table(
    nw: Any, lf: Any, table: pd.DataFrame, by: list[str], d: np.ndarray, values: dict[str, Any]
) -> tuple[Any, list[Any]]:
    """One row per domain: its by values (null-safe join keys), code and per-domain values."""
    first = np.unique(d, return_index=True)[1]
    dom = table.loc[first, by].reset_index(drop=True) if by else pd.DataFrame(index=range(1))
    dom[_P + "d"] = np.arange(len(dom), dtype=np.int64)
    for name, arr in values.items():
        dom[_P + name] = np.asarray(arr, dtype=float)
    fills = []
    for c in by:
        present = dom[c].dropna()
        fills.append(present.iloc[0] if len(present) else None)
    if lf.implementation.is_dask():
        import dask.dataframe as dd

        return _from_native(dd.from_pandas(dom, npartitions=1)), fills
    if lf.implementation.is_polars():
        import polars as pl

        right: Any = _from_native(pl.from_pandas(dom)).lazy()
    else:
        import pyarrow as pa  # type: ignore[import-untyped]

        right = _from_native(pa.Table.from_pandas(dom, preserve_index=False)).lazy()
    if by:  # the keys in the data's own types; with_columns() of no column is an error
        schema = lf.collect_schema()
        right = right.with_columns(*(nw.col(c).cast(schema[c]) for c in by))
    return right, fills


def _null_safe(
    nw: Any, frame: Any, by: list[str], fills: list[Any], schema: Any
) -> tuple[Any, list[str]]:
    """Join keys that match a missing by value with a missing one (a domain of its own).

    Both sides' keys are cast to the data's narwhals dtype, so that, e.g., PyArrow's string and
    large_string meet. A NaN of a float column is missing, as in pandas and in the sums (where
    it joins the nulls' domain): the domain table, made in pandas, holds a null for it.
    """
    on = []
    exprs = []
    for i, (c, fill) in enumerate(zip(by, fills, strict=True)):
        flag = f"{_P}null{i}"
        missing = _missing(nw, c, schema[c])
        exprs.append(missing.alias(flag))
        on.append(flag)
        if fill is not None:
            key = nw.when(missing).then(nw.lit(fill)).otherwise(nw.col(c))
            exprs.append(key.cast(schema[c]).alias(f"{_P}key{i}"))
            on.append(f"{_P}key{i}")
    return frame.with_columns(*exprs), on


def _join_domains(nw: Any, lf: Any, domains: tuple[Any, list[Any]]) -> Any:
    right, fills = domains
    by = [c for c in right.collect_schema().names() if not str(c).startswith(_P)]
    if not by:
        return lf.join(right, how="cross")
    schema = lf.collect_schema()
    left, on = _null_safe(nw, lf, by, fills, schema)
    right, _ = _null_safe(nw, right, by, fills, schema)
    right = right.drop(*by)
    return left.join(right, on=on, how="left")


def _glm_sums(
    nw: Any,
    lf: Any,
    schema: Any,
    indicator: str,
    weight: str | None,
    subset: str | None,
    domains: tuple[Any, list[Any]],
    n_dom: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per domain, the sums of R's glm start (see :func:`wpsstats.design._glm_start_rows`)."""
    cols = _row_columns(nw, schema, indicator, weight, subset, factor=True)
    wt = cols["w"] * nw.col(_P + "scale")
    one = cols["one"]
    yy = one.cast(nw.Float64)
    mstart = (wt * yy + 0.5) / (wt + 1.0)
    v = wt * mstart * (1.0 - mstart)
    terms = {
        _P + "num": v * (mstart / (1.0 - mstart)).log() + wt * (yy - mstart),
        _P + "den": v,
        _P + "dev": wt * nw.when(one).then(mstart.log()).otherwise((1.0 - mstart).log()),
    }
    # rows not used have a glm weight of 0 and add nothing; leaving them out saves the work
    made = _join_domains(nw, lf, domains).filter(cols["use"]).with_columns(**terms)
    out = _collect(
        made.group_by(_P + "d").agg(
            nw.col(_P + "num").sum(), nw.col(_P + "den").sum(), nw.col(_P + "dev").sum()
        )
    ).to_pandas()
    at = out[_P + "d"].to_numpy(dtype=np.int64)
    num, den, dev = np.zeros(n_dom), np.zeros(n_dom), np.zeros(n_dom)
    num[at] = out[_P + "num"].to_numpy(dtype=float)
    den[at] = out[_P + "den"].to_numpy(dtype=float)
    dev[at] = -2.0 * out[_P + "dev"].to_numpy(dtype=float)
    return num, den, dev
