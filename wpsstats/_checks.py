"""Shared input validation.

Every check raises ``ValueError`` or ``TypeError`` with a message that names the argument, the
offending value and where it is; none uses ``assert`` (which ``python -O`` strips). NaN is never an
error here: missing values pass through so that NaN in gives NaN out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_count_array",
    "as_count_pair",
    "as_counts",
    "as_float_array",
    "as_nonnegative_array",
    "as_python",
    "as_years",
    "by_columns",
    "check_choice",
    "check_columns",
    "check_conf",
    "check_fraction",
    "check_not_boolean",
    "check_same_shape",
    "check_series_broadcast",
    "check_share",
    "closest",
    "describe_position",
    "period_to_year",
    "series_index",
]


def closest(value: str, choices: Iterable[str]) -> str | None:
    """Return the valid choice most like ``value``, or None when nothing is close."""
    matches = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.5)
    return matches[0] if matches else None


def check_choice(name: str, value: Any, choices: Sequence[str], *, also: str = "") -> str:
    """Return ``value`` if it is one of ``choices``; else raise ValueError listing them (and
    ``also``, what else the caller accepts, e.g. "None for no interval").

    >>> check_choice("method", "wilson", ["wald", "wilson"])
    'wilson'
    >>> check_choice("method", "wlison", ["wald", "wilson"])
    Traceback (most recent call last):
    ...
    ValueError: method='wlison' is not one of 'wald', 'wilson'; did you mean 'wilson'?
    """
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices) + (f", or {also}" if also else "")
        hint = closest(value, choices) if isinstance(value, str) else None
        suffix = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(f"{name}={value!r} is not one of {listed}{suffix}")
    return value


def check_flag(name: str, value: Any) -> bool:
    """Return ``value`` if it is True or False (numpy's too); else raise TypeError.

    A string such as "no" is truthy, so taking it as a flag would do the opposite of what it says.

    >>> check_flag("skipna", True)
    True
    >>> check_flag("skipna", "no")
    Traceback (most recent call last):
    ...
    TypeError: skipna must be True or False, got 'no'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_whole(name: str, value: Any, minimum: int = 0) -> int:
    """Return ``value`` as an int if it is a whole number (not a bool) of at least ``minimum``.

    A float such as 2.0 is refused: an option that counts (decimals, a limit) is an int.

    >>> check_whole("decimals", 1)
    1
    >>> check_whole("decimals", 1.5)
    Traceback (most recent call last):
    ...
    TypeError: decimals must be a whole number >= 0, got 1.5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def check_conf(conf: Any, name: str = "conf") -> float:
    """Return ``conf`` as a float strictly between 0 and 1; else raise.

    >>> check_conf(0.95)
    0.95
    >>> check_conf(95)
    Traceback (most recent call last):
    ...
    ValueError: conf=95 must lie strictly between 0 and 1 (e.g. 0.95 for a 95% interval)
    """
    if isinstance(conf, bool) or not isinstance(conf, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a number between 0 and 1, got {conf!r}")
    value = float(conf)
    if not 0.0 < value < 1.0:
        raise ValueError(
            f"{name}={conf!r} must lie strictly between 0 and 1 (e.g. 0.95 for a 95% interval)"
        )
    return value


def describe_position(values: Any, bad: np.ndarray) -> str:
    """Describe where the first ``True`` of ``bad`` is: index label for a Series, else position."""
    flat = np.flatnonzero(np.asarray(bad).ravel())
    if flat.size == 0:
        return ""
    first = int(flat[0])
    count = f" (and {flat.size - 1} more)" if flat.size > 1 else ""
    if isinstance(values, pd.Series):
        return f"at index {as_python(values.index[first])!r}{count}"
    if np.ndim(values) == 0:
        return ""
    return f"at position {first}{count}"


def as_python(value: Any) -> Any:
    """A numpy scalar as its Python value, so that a message reads 2020, not np.int64(2020)."""
    return value.item() if isinstance(value, np.generic) else value


def _is_text(values: np.ndarray) -> np.ndarray:
    """True where an element is text (str or bytes), which is never taken for a number."""
    if values.dtype.kind in "SU":
        return np.ones(values.shape, dtype=bool)
    if values.dtype.kind == "O":
        # frompyfunc returns a bare object, not an array, for a 0-d input
        found = np.frompyfunc(lambda v: isinstance(v, (str, bytes)), 1, 1)(values)
        return np.asarray(found, dtype=bool)
    return np.zeros(values.shape, dtype=bool)


def _is_boolean(values: Any) -> np.ndarray:
    """True where an element is a boolean: Python's, numpy's or pandas' (``boolean`` dtype)."""
    if isinstance(values, (bool, np.bool_)):
        return np.ones((), dtype=bool)
    dtype = getattr(values, "dtype", None)
    if dtype is not None and pd.api.types.is_bool_dtype(dtype):
        return np.ones(np.shape(values), dtype=bool)
    if getattr(dtype, "kind", "O") != "O":  # numbers, text or dates: no element is a boolean
        return np.zeros((), dtype=bool)
    try:
        raw = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values, object)
    except (TypeError, ValueError):
        return np.zeros((), dtype=bool)  # not an array at all: the conversion will say so
    found = np.frompyfunc(lambda v: isinstance(v, (bool, np.bool_)), 1, 1)(raw)
    return np.asarray(found, dtype=bool)


def check_not_boolean(name: str, values: Any) -> None:
    """Raise TypeError if any element of ``values`` is a boolean.

    numpy and pandas take True for 1, so a column of flags passed by mistake would count as
    people; every number this package reads goes through here first.

    >>> check_not_boolean("women", [3, True])
    Traceback (most recent call last):
    ...
    TypeError: women must be numbers, not booleans; got True at position 1
    """
    found = _is_boolean(values)
    if found.any():
        if isinstance(values, (bool, np.bool_)) or np.ndim(values) == 0:
            first: Any = values
        elif isinstance(values, pd.Series):
            first = values[found].iloc[0]
        else:
            first = np.asarray(values, dtype=object)[found].flat[0]
        first = first.item() if isinstance(first, np.generic) else first
        where = describe_position(values, found)
        raise TypeError(f"{name} must be numbers, not booleans; got {first!r} {where}".strip())


_LARGEST_FLOAT = int(np.finfo(np.float64).max)


def _too_large(name: str, raw: np.ndarray, values: Any) -> ValueError:
    """The error for an integer beyond the largest float, naming the first one and its place."""
    big = np.frompyfunc(lambda v: isinstance(v, int) and abs(v) > _LARGEST_FLOAT, 1, 1)(raw)
    big = np.asarray(big, dtype=bool)
    first = raw[big].flat[0] if big.any() else raw.flat[0]
    where = describe_position(values, big) if big.any() else ""
    return ValueError(
        f"{name} is beyond the largest floating-point number (about 1.8e308); got an integer "
        f"of {len(str(abs(int(first))))} digits {where}".strip()
    )


def as_float_array(name: str, values: Any) -> np.ndarray:
    """Convert a scalar, list, array or Series to a float ndarray; None and pd.NA become NaN.

    Text is refused even when it spells a number: a count read as "9" from a file is a parsing
    problem to fix where it happened, not something to guess at here. So are booleans
    (:func:`check_not_boolean`).

    >>> as_float_array("women", [9, None, pd.NA])
    array([ 9., nan, nan])
    >>> as_float_array("women", pd.Series(["nine", "3"]))
    Traceback (most recent call last):
    ...
    TypeError: women must be numbers, not text; got 'nine' at index 0 (and 1 more)
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got the string {values!r}")
    check_not_boolean(name, values)
    series = isinstance(values, pd.Series)
    numeric = series and pd.api.types.is_numeric_dtype(values.dtype)
    try:
        if numeric:
            return values.to_numpy(dtype=float, na_value=np.nan)
        raw = values.to_numpy(dtype=object) if series else np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numeric, got {values!r}") from exc
    text = _is_text(raw)
    if text.any():
        if raw.dtype.kind in "SU" and not isinstance(values, np.ndarray):
            # a list mixing text and numbers became all text; find the elements that were text
            raw = np.asarray(values, dtype=object)
            text = _is_text(raw)
        first = raw[text].flat[0]
        first = first.item() if isinstance(first, np.generic) else first
        where = describe_position(values, text)
        raise TypeError(f"{name} must be numbers, not text; got {first!r} {where}".strip())
    if raw.dtype == object:
        # None, pd.NA and NaT are all "missing": NaN, which float() cannot make of pd.NA
        raw = np.where(pd.isna(raw), np.nan, raw)
    try:
        return np.asarray(raw, dtype=float)
    except OverflowError:
        raise _too_large(name, raw, values) from None
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numeric, got {values!r}") from exc


def _check_counts(name: str, arr: np.ndarray, values: Any) -> None:
    """Raise unless every element of ``arr`` (``values`` as an array) is a count or missing."""
    if arr.dtype.kind in "iuO":  # integers: whole and finite by their type
        problems = [("must be non-negative counts", np.asarray(arr < 0, dtype=bool))]
    else:
        finite = np.isfinite(arr)
        problems = [
            ("must be finite counts", np.isinf(arr)),
            ("must be non-negative counts", finite & (arr < 0)),
            ("must be whole numbers (counts of people)", finite & (arr != np.floor(arr))),
        ]
    for problem, bad in problems:
        if bad.any():
            first = arr[bad].flat[0]
            first = first if arr.dtype == object else float(first)
            where = describe_position(values, bad)
            raise ValueError(f"{name} {problem}; got {first} {where}".strip())


def as_count_array(name: str, values: Any) -> np.ndarray:
    """Return counts as a float array, checking they are non-negative whole numbers (NaN allowed).

    >>> as_count_array("women", [1, 2, 3])
    array([1., 2., 3.])
    >>> as_count_array("women", [1, -2, 3])
    Traceback (most recent call last):
    ...
    ValueError: women must be non-negative counts; got -2.0 at position 1
    >>> as_count_array("women", 2.5)
    Traceback (most recent call last):
    ...
    ValueError: women must be whole numbers (counts of people); got 2.5
    """
    arr = as_float_array(name, values)
    _check_counts(name, arr, values)
    return arr


def _integer_array(values: Any) -> np.ndarray | None:
    """``values`` as integers when they all are (and none is missing), else None: int64 where
    they fit, else Python integers in an object array, which are exact at any size."""
    if isinstance(values, pd.Series):
        if pd.api.types.is_integer_dtype(values.dtype) and not values.hasnans:
            unsigned = pd.api.types.is_unsigned_integer_dtype(values.dtype)
            values = values.to_numpy(dtype=np.uint64 if unsigned else np.int64)
        elif values.dtype == object:
            values = values.to_numpy()
        else:
            return None
    if isinstance(values, (str, bytes)):
        return None
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError):
        return None
    if arr.dtype.kind == "O":
        whole = np.frompyfunc(lambda v: isinstance(v, (int, np.integer)), 1, 1)(arr)
        if arr.size == 0 or not np.asarray(whole, dtype=bool).all():
            return None
        arr = np.asarray(np.frompyfunc(int, 1, 1)(arr), dtype=object)
    elif arr.dtype.kind == "i":
        return arr.astype(np.int64, copy=False)
    elif arr.dtype.kind != "u":
        return None
    fits = arr.size == 0 or (
        arr.min() >= np.iinfo(np.int64).min and arr.max() <= np.iinfo(np.int64).max
    )
    if fits:
        return arr.astype(np.int64)
    if arr.dtype.kind == "u":  # above 2**63 - 1, which int64 would wrap
        arr = np.asarray(np.frompyfunc(int, 1, 1)(arr), dtype=object)
    return arr


def as_counts(name: str, values: Any) -> np.ndarray:
    """Like :func:`as_count_array`, but integers stay integers.

    Python and numpy integers (and integer Series with no missing value) keep an integer dtype,
    because a float cannot tell 2**53 + 1 from 2**53: int64, or Python integers in an object
    array beyond it. Anything else becomes float64, NaN where a count is missing. A count beyond
    the largest float (about 1.8e308) is refused.

    >>> as_counts("women", [9, 2**60 + 1])
    array([                  9, 1152921504606846977])
    >>> as_counts("women", [9, 2**64])
    array([9, 18446744073709551616], dtype=object)
    >>> as_counts("women", [9, None])
    array([ 9., nan])
    """
    check_not_boolean(name, values)
    arr = _integer_array(values)
    if arr is None:
        arr = as_float_array(name, values)
    elif arr.dtype == object:
        big = np.asarray(np.abs(arr) > _LARGEST_FLOAT, dtype=bool)
        if big.any():
            raise _too_large(name, arr, values)
    _check_counts(name, arr, values)
    return arr


def as_count_pair(
    part_name: str, part: Any, whole_name: str, whole: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Two sets of counts, a part and its whole (women and members), broadcast together.

    Each is read by :func:`as_counts` (integers stay integers, so that the check below is exact
    above 2**53); then no part may exceed its whole. A missing count passes.

    >>> as_count_pair("women", [3, 9], "total", 36)
    (array([3, 9]), array([36, 36]))
    >>> as_count_pair("women", pd.Series([3, 12], index=["niger", "mali"]), "total", [5, 10])
    Traceback (most recent call last):
    ...
    ValueError: women must not exceed total; got women=12 > total=10 at index 'mali'
    """
    p = as_counts(part_name, part)
    w = as_counts(whole_name, whole)
    check_same_shape(**{part_name: p, whole_name: w})
    p, w = np.broadcast_arrays(p, w)
    with np.errstate(invalid="ignore"):  # NaN beside Python integers (object arrays)
        over = np.asarray(p > w, dtype=bool)  # False where either is NaN
    if over.any():
        first = int(np.flatnonzero(over.ravel())[0])
        shown = [
            f"{v:g}" if isinstance(v, float) else str(v)
            for v in (as_python(p.ravel()[first]), as_python(w.ravel()[first]))
        ]
        # a Series' labels name the body better than a position (if it was not broadcast)
        unbroadcast = [v for v in (part, whole) if np.size(v) == over.size]
        series = [v for v in unbroadcast if isinstance(v, pd.Series)]
        where = describe_position((series or unbroadcast or [over])[0], over)
        raise ValueError(
            f"{part_name} must not exceed {whole_name}; got {part_name}={shown[0]} > "
            f"{whole_name}={shown[1]} {where}".strip()
        )
    return p, w


def as_nonnegative_array(name: str, values: Any) -> np.ndarray:
    """Return values (counts or rates, not only whole numbers) as a float array, checking they are
    finite and non-negative (NaN allowed).

    >>> as_nonnegative_array("men", [3.5, -1])
    Traceback (most recent call last):
    ...
    ValueError: men must be finite and non-negative; got -1.0 at position 1
    """
    arr = as_float_array(name, values)
    bad = (arr < 0) | np.isinf(arr)
    if bad.any():
        raise ValueError(
            f"{name} must be finite and non-negative; got {arr[bad].flat[0]} "
            f"{describe_position(values, bad)}".strip()
        )
    return arr


def check_fraction(name: str, values: Any) -> np.ndarray:
    """Return values as a float array, checking each lies in [0, 1] (NaN allowed).

    >>> check_fraction("quota", 0.3)
    array(0.3)
    >>> check_fraction("quota", 30)
    Traceback (most recent call last):
    ...
    ValueError: quota must be a share in [0, 1] (30 per cent is 0.30); got 30.0
    """
    arr = as_float_array(name, values)
    bad = np.isfinite(arr) & ((arr < 0) | (arr > 1)) | np.isinf(arr)
    if bad.any():
        where = describe_position(values, bad)
        raise ValueError(
            f"{name} must be a share in [0, 1] (30 per cent is 0.30); got {arr[bad].flat[0]} "
            f"{where}".strip()
        )
    return arr


def check_share(name: str, value: Any, *, missing_ok: bool = False) -> float:
    """Return one share in [0, 1] (a target, a quota) as a float: not a list, and not NaN unless
    ``missing_ok`` (for functions whose answer to a missing target is a missing result).

    >>> check_share("target", 0.5)
    0.5
    >>> check_share("target", [0.3, 0.4])
    Traceback (most recent call last):
    ...
    TypeError: target must be one share in [0, 1] (0.30 for 30 per cent); got [0.3, 0.4]
    >>> check_share("target", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: target must be one share in [0, 1] (0.30 for 30 per cent); got nan
    """
    wanted = f"{name} must be one share in [0, 1] (0.30 for 30 per cent); got {value!r}"
    if np.ndim(value) != 0:
        raise TypeError(wanted)
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        # a float32 target is the decimal it prints as (0.3, not 0.30000001192092896), as
        # parity_gap and quota_gap read one
        value = float(str(value))
    share = float(check_fraction(name, value))
    if np.isnan(share) and not missing_ok:
        raise ValueError(wanted)
    return share


def check_same_shape(**arrays: np.ndarray) -> tuple[int, ...]:
    """Check that the arrays broadcast together; return the broadcast shape.

    >>> check_same_shape(women=np.zeros(3), total=np.zeros(2))
    Traceback (most recent call last):
    ...
    ValueError: lengths do not match: women has shape (3,), total has shape (2,)
    """
    try:
        return tuple(np.broadcast_shapes(*(np.shape(a) for a in arrays.values())))
    except ValueError:
        shapes = ", ".join(f"{k} has shape {np.shape(v)}" for k, v in arrays.items())
        raise ValueError(f"lengths do not match: {shapes}") from None


def check_columns(data: pd.DataFrame, columns: Iterable[str | None], *, what: str = "data") -> None:
    """Raise ValueError naming every requested column that ``data`` lacks.

    >>> check_columns(pd.DataFrame({"a": [1]}), ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: data has no column 'b'; its columns are 'a'
    """
    if not isinstance(data, pd.DataFrame):
        kind = type(data)
        # "got DataFrame" would not tell a Polars frame from a pandas one
        package = kind.__module__.split(".")[0]
        got = kind.__name__ if package == "builtins" else f"{package}.{kind.__name__}"
        hint = "; convert it with its .to_pandas()" if hasattr(data, "to_pandas") else ""
        raise TypeError(f"{what} must be a pandas DataFrame, got {got}{hint}")
    missing = [c for c in columns if c is not None and c not in data.columns]
    if missing:
        have = ", ".join(repr(c) for c in data.columns[:20])
        names = ", ".join(repr(c) for c in missing)
        plural = "columns" if len(missing) > 1 else "column"
        raise ValueError(f"{what} has no {plural} {names}; its columns are {have}")


def series_index(**values: Any) -> pd.Index | None:
    """The index shared by the Series among ``values``; None when there is no Series.

    Two Series with different indexes would be paired by position, silently mismatching rows:
    that raises instead.

    >>> series_index(women=pd.Series([1], index=["a"]), total=[3]).tolist()
    ['a']
    >>> series_index(women=pd.Series([1], index=["a"]), total=pd.Series([3], index=["b"]))
    Traceback (most recent call last):
    ...
    ValueError: women and total are Series with different indexes; align them first ...
    """
    found: tuple[str, pd.Index] | None = None
    for name, value in values.items():
        if not isinstance(value, pd.Series):
            continue
        if found is None:
            found = (name, value.index)
        elif not value.index.equals(found[1]):
            raise ValueError(
                f"{found[0]} and {name} are Series with different indexes; align them first "
                f"(e.g. {name}.reindex({found[0]}.index))"
            )
    return None if found is None else found[1]


def by_columns(by: Any) -> list[str]:
    """The ``by=`` argument as a list of column names: None is none, a list or tuple is itself,
    anything else one name (of any type: pandas allows 0).

    >>> by_columns(None), by_columns("region"), by_columns(["region", "residence"]), by_columns(0)
    ([], ['region'], ['region', 'residence'], [0])
    """
    if by is None:
        return []
    return list(by) if isinstance(by, (list, tuple)) else [by]


def check_series_broadcast(index: pd.Index | None, **values: Any) -> None:
    """Raise if the arguments broadcast to another shape than the Series' ``index``: the result
    keeps that index, so a length-1 Series must not be spread over three counts.

    >>> check_series_broadcast(
    ...     pd.Index(["mali"]), women=pd.Series([5], index=["mali"]), total=[10, 10]
    ... )
    Traceback (most recent call last):
    ...
    ValueError: lengths do not match: women is a Series of length 1, total has shape (2,)
    """
    if index is None:
        return
    shapes = {k: np.shape(v) for k, v in values.items()}
    try:
        shape = np.broadcast_shapes(*shapes.values())
    except ValueError:
        shape = None
    if shape != (len(index),):
        listed = ", ".join(
            f"{k} is a Series of length {len(v)}"
            if isinstance(v, pd.Series)
            else f"{k} has shape {shapes[k]}"
            for k, v in values.items()
        )
        raise ValueError(f"lengths do not match: {listed}")


def period_to_year(value: Any) -> float:
    """One period as a fractional year, counted from its start (2014-03 is 1 March 2014)."""
    if value is None or value is pd.NaT:
        return np.nan
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"a period must be a year, an ISO 8601 date or a date, got {value!r}")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if "/" in text:
            raise ValueError(
                f"period {value!r} is a range; give one period (its start, end or middle) per "
                "observation"
            )
        if len(text) == 4 and text.isdigit():
            return float(text)
        try:
            value = pd.Timestamp(text)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"period {value!r} is not a year or an ISO 8601 date (2014, 2014-03, 2014-03-31)"
            ) from exc
    if isinstance(value, (pd.Period,)):
        value = value.start_time
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise TypeError(
            f"a period must be a year, an ISO 8601 date or a date, got {value!r}"
        ) from exc
    if stamp is pd.NaT:
        return np.nan
    days = 366.0 if stamp.is_leap_year else 365.0
    return stamp.year + (stamp.day_of_year - 1) / days


def as_years(periods: Any) -> np.ndarray:
    """Periods (years, ISO 8601 dates, timestamps, pandas periods) as fractional years; shared by
    wps.year_reaching and plot.trend, so that a line drawn and the year reported agree."""
    if isinstance(periods, (str, bytes)) or np.ndim(periods) == 0:
        raise TypeError(f"periods must be a sequence of periods, got {periods!r}")
    if isinstance(periods, pd.Series) and pd.api.types.is_numeric_dtype(periods.dtype):
        return as_float_array("periods", periods)
    values = np.asarray(periods, dtype=object).ravel()
    if values.size and all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
        for v in values
    ):
        return as_float_array("periods", values)
    if isinstance(periods, (pd.Series, pd.Index)) and pd.api.types.is_datetime64_any_dtype(
        periods.dtype
    ):
        stamps = pd.DatetimeIndex(periods)
        days = np.where(stamps.is_leap_year, 366.0, 365.0)
        return np.asarray(stamps.year + (stamps.day_of_year - 1) / days, dtype=float)
    # Mixed or text periods: parse one by one (a series has few observations).
    return np.array([period_to_year(v) for v in values], dtype=float)
