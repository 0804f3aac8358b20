"""Can a printed percentage come from whole counts? The GRIM test and the fractions it implies.

:func:`consistent_percent` and :func:`possible_counts` are the GRIM test of Brown & Heathers for
percentages; :func:`implied_fraction` recovers the counts behind a percentage printed at full
precision (the World Bank's 15 significant digits). Everything is exact, in integers and
fractions: a percentage is read as printed (a string keeps its trailing zeros), never as a float.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from .._checks import as_python, check_whole, series_index

__all__ = ["ImpliedFraction", "consistent_percent", "implied_fraction", "possible_counts"]

_NAN = float("nan")

# How far a float percentage may lie from the figure printed at ``decimals`` places and still be
# read as that figure (float noise is ~1e-14 at 100; a real extra digit is far larger).
_FLOAT_NOISE = Decimal("1e-9")


def _na(x: Any) -> bool:
    """A missing scalar: None, pd.NA, pd.NaT or a float NaN."""
    return (
        x is None
        or x is pd.NA
        or x is pd.NaT
        or (isinstance(x, (float, np.floating)) and math.isnan(x))
    )


def _precision(decimals: Any, slack: Any, significant: Any) -> tuple[int, int | None]:
    """Validate ``slack`` and ``significant`` (``decimals`` is checked where it is read)."""
    s = check_whole("slack", slack, 0)
    sig = None if significant is None else check_whole("significant", significant, 1)
    if decimals is not None and sig is not None:
        raise ValueError(
            f"give decimals or significant, not both; got decimals={decimals!r} and "
            f"significant={significant!r}"
        )
    return s, sig


def _printed_percent(
    percent: Any, decimals: Any, *, where: str = "", significant: int | None = None
) -> tuple[int, int] | None:
    """The printed percentage as an exact integer P and its decimals d (percent = P / 10**d).

    None for a missing value. With ``significant``, d is the number of decimals that so many
    significant digits give at the percentage's magnitude (trailing zeros were dropped in print).
    """
    if decimals is not None and (
        isinstance(decimals, bool)
        or not isinstance(decimals, (int, np.integer))
        or int(decimals) < 0
    ):
        raise ValueError(f"decimals must be a whole number >= 0 or None; got {decimals!r}{where}")
    if isinstance(percent, bool):
        raise TypeError(f"percent must be a number or a numeric string; got {percent!r}{where}")
    if _na(percent):
        return None
    if isinstance(percent, str):
        s = percent.strip().replace("\u202f", "").replace("\u00a0", "").rstrip("%").strip()
        if s.lower() in ("", "nan", "na"):
            return None
        s = s.replace(",", ".") if s.count(",") == 1 and "." not in s else s
        try:
            dec = Decimal(s)
        except InvalidOperation:
            raise ValueError(f"percent={percent!r} is not a number{where}") from None
        printed = max(0, -int(dec.as_tuple().exponent)) if dec.is_finite() else 0
    elif isinstance(percent, (int, np.integer)):
        dec, printed = Decimal(int(percent)), 0
    elif isinstance(percent, (float, np.floating)):
        # A float keeps no trailing zeros (25.0 has 0 decimals), and arithmetic leaves noise in
        # its last digits (0.07 * 100 is 7.000000000000001): read it at 12 significant digits.
        # A narrower float (np.float32(2.6) is 2.5999999) is read through its own shortest repr.
        narrow = not isinstance(percent, float) and np.dtype(type(percent)).itemsize < 8
        dec = Decimal(str(percent) if narrow else format(float(percent), ".12g"))
        printed = 0 if dec == dec.to_integral_value() else max(0, -int(dec.as_tuple().exponent))
        if decimals is not None and printed > int(decimals) and dec.is_finite():
            # the float is the printed figure plus float noise: round it, raise beyond ~1e-9
            rounded = dec.quantize(Decimal(1).scaleb(-int(decimals)))
            if abs(dec - rounded) <= _FLOAT_NOISE:
                dec, printed = rounded, int(decimals)
    else:
        raise TypeError(
            f"percent must be a number or a numeric string; got {type(percent).__name__}{where}"
        )
    if not dec.is_finite():
        raise ValueError(f"percent={percent!r} must be finite{where}")
    if dec < 0 or dec > 100:
        raise ValueError(
            f"percent={percent!r} must lie in [0, 100] (a percentage, not a fraction: "
            f"25 per cent is 25){where}"
        )
    if significant is not None:
        # %g drops trailing zeros: "2.4" at 15 significant digits stands for 2.40000000000000
        d = significant - 1 - (dec.adjusted() if dec != 0 else 0)
        if d < 0 or (printed > d and dec != round(dec, d)):
            raise ValueError(
                f"percent={percent!r} has more significant digits than significant="
                f"{significant}{where}"
            )
        return int(dec.scaleb(d).to_integral_value()), d
    d = printed if decimals is None else int(decimals)
    if decimals is not None and printed > d and dec != round(dec, d):
        raise ValueError(
            f"percent={percent!r} is printed with {printed} decimals, more than decimals={d}{where}"
        )
    return int(dec.scaleb(d).to_integral_value()), d


def _check_n(n: Any, where: str = "", *, name: str = "n") -> int | None:
    """A body's size, a positive whole number (None where missing); errors name it ``name``."""
    if not isinstance(n, bool) and _na(n):
        return None
    if isinstance(n, bool) or not isinstance(n, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a whole number of people; got {n!r}{where}")
    if isinstance(n, (float, np.floating)):
        if math.isnan(n):
            return None
        if not n.is_integer():
            raise ValueError(f"{name} must be a whole number of people; got {n!r}{where}")
    if n <= 0:
        raise ValueError(f"{name} must be a positive count; got {n!r}{where}")
    return int(n)


def _count_range(p: int, d: int, n: int, slack: int = 0) -> tuple[int, int]:
    """Every k in [lo, hi] has 100 k / n within half a unit (plus ``slack`` units) of the last
    printed digit of p/10**d.

    |100 k / n - P / 10**d| <= (1/2 + s) / 10**d  <=>  |2 * 100 * 10**d * k - 2 P n| <= (1 + 2 s) n,
    exact in integers; the bound itself is allowed because both half-up and half-down rounding are.
    """
    a = 200 * 10**d
    w = (1 + 2 * slack) * n
    lo = -((-(2 * p * n - w)) // a)  # ceil
    hi = (2 * p * n + w) // a
    return max(lo, 0), min(hi, n)


def _grim_scalar(
    percent: Any,
    n: Any,
    decimals: Any,
    where: str = "",
    *,
    slack: int = 0,
    significant: int | None = None,
) -> bool | None:
    printed = _printed_percent(percent, decimals, where=where, significant=significant)
    size = _check_n(n, where)
    if printed is None or size is None:
        return None
    lo, hi = _count_range(*printed, size, slack)
    return lo <= hi


def consistent_percent(
    percent: Any,
    n: Any,
    decimals: int | None = None,
    *,
    slack: int = 0,
    significant: int | None = None,
) -> Any:
    """GRIM test for a percentage: can k of n people, k whole, give the printed percentage?

    Parameters
    ----------
    percent : str, float or array-like
        The percentage as printed, in per cent (25 per cent is 25, not 0.25). Give it as a string
        to keep its trailing zeros ("25.0" has one decimal; the float 25.0 has none). A float is
        read at 12 significant digits, so that arithmetic noise is not taken for printed decimals
        (``0.07 * 100`` is 7.000000000000001, read as 7); give a string for more digits. Missing
        values (None, NaN, ``pd.NA``) give missing results.
    n : int or array-like
        The number of people (the denominator), a positive whole number. Two Series must share
        their index (they are paired by label, never by position).
    decimals : int, optional
        Decimal places printed. By default read from ``percent`` as printed. A float within 1e-9
        of its value at ``decimals`` places is taken as that value.
    slack : int, default 0
        Units of the last printed digit by which the printed figure may differ from the true share
        correctly rounded. 0 is the GRIM test. 1 allows for a share computed in floating point and
        printed at 15 significant digits, as the World Bank's files print it: the float's own
        error can move the 15th digit by one, so the exact share may lie up to 1.5 units of the
        last digit from the printed one.
    significant : int, optional
        Significant digits the figure was printed with, trailing zeros dropped (C's ``%.15g``):
        sets the decimals from the figure's magnitude, so "2.4" at 15 significant digits stands
        for 2.40000000000000. Give ``decimals`` or ``significant``, not both.

    Returns
    -------
    bool, or pandas.Series of nullable booleans
        True when some integer k in [0, n] gives ``percent`` at ``decimals`` places, rounding half
        up or half down. A scalar pair gives a bool (NaN where an input is missing); array-likes
        give a Series of dtype "boolean" (<NA> where missing), with the index of a Series input.

    Raises
    ------
    ValueError
        If ``percent`` is a string that is not a number or lies outside [0, 100], ``n`` is not a
        positive whole number, the printed value has more decimals than ``decimals`` (or more
        digits than ``significant``), both ``decimals`` and ``significant`` are given, or
        ``slack`` is negative; the message names the value and its position.
    TypeError
        If ``n`` is not a number (text such as "36", a boolean), ``percent`` is neither a number
        nor a string, or ``slack`` is not a whole number.

    Notes
    -----
    The check is exact, in integers: with P the printed percentage times 10**d, k fits when
    ``|200 * 10**d * k - 2 * P * n| <= (1 + 2 * slack) * n``. Both rounding directions at an
    exact half are allowed, as in scrutiny's default ``rounding = "up_or_down"``.

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test: a simple technique detects
    numerous anomalies in the reporting of results in psychology. Social Psychological and
    Personality Science 8(4), 363-369. doi:10.1177/1948550616673876.
    Matches ``scrutiny::grim(x, n, percent = TRUE)`` (R package scrutiny, L. Jung).

    Examples
    --------
    >>> from wpsstats.published import consistent_percent
    >>> consistent_percent("25.0", 36)  # 9 of 36
    True
    >>> consistent_percent("25.1", 36)
    False
    >>> consistent_percent("27.891156462585", 147)  # 41 of 147 seats
    True
    >>> f"{12 / 127 * 100:.15g}"  # the float print is one unit off in its last digit
    '9.44881889763779'
    >>> (
    ...     consistent_percent("9.44881889763779", 127),
    ...     consistent_percent("9.44881889763779", 127, slack=1),
    ... )
    (False, True)
    >>> consistent_percent(["25.0", "25.1", None], [36, 36, 36]).tolist()
    [True, False, <NA>]
    """
    slack, significant = _precision(decimals, slack, significant)
    opts: dict[str, Any] = {"slack": slack, "significant": significant}
    scalar = np.ndim(percent) == 0 and np.ndim(n) == 0
    if scalar:
        out = _grim_scalar(percent, n, decimals, **opts)
        return _NAN if out is None else out
    index = series_index(percent=percent, n=n)
    p_arr = np.asarray(percent, dtype=object)
    n_arr = np.asarray(n, dtype=object)
    try:
        p_b, n_b = np.broadcast_arrays(p_arr, n_arr)
    except ValueError:
        raise ValueError(
            f"lengths do not match: percent has shape {p_arr.shape}, n has shape {n_arr.shape}"
        ) from None
    flat_p, flat_n = p_b.ravel(), n_b.ravel()
    results: list[bool | None] = []
    for i in range(flat_p.size):
        where = f" at position {i}" if index is None else f" at index {as_python(index[i])!r}"
        results.append(_grim_scalar(flat_p[i], flat_n[i], decimals, where, **opts))
    return pd.Series(pd.array(results, dtype="boolean"), index=index)


# a list of more counts than this takes gigabytes, not a figure's worth of people to look at
_MAX_COUNTS = 10**7


def possible_counts(
    percent: Any,
    n: Any,
    decimals: int | None = None,
    *,
    slack: int = 0,
    significant: int | None = None,
) -> list[int] | None:
    """Every whole number of people k, 0 <= k <= n, whose share k / n prints as ``percent``.

    Parameters
    ----------
    percent : str or float
        The percentage as printed, in per cent; a string keeps trailing zeros.
    n : int
        The number of people.
    decimals : int, optional
        Decimal places printed; by default read from ``percent``.
    slack : int, default 0
        Units of the last printed digit by which the figure may be off (1 for a float printed at
        15 significant digits); see :func:`consistent_percent`.
    significant : int, optional
        Significant digits printed, trailing zeros dropped; see :func:`consistent_percent`.

    Returns
    -------
    list of int or None
        The counts, ascending; empty when none fits (the GRIM test fails); None when an input is
        missing (None, NaN, ``pd.NA``), so that a missing figure is not read as a failed test.

    Raises
    ------
    ValueError
        If ``percent`` is no number or outside [0, 100], ``n`` is not a positive whole number,
        or more than 10**7 counts fit (a short print of a huge n): too many to list.
    TypeError
        If ``n`` is not a number (text such as "36", a boolean), ``percent`` is neither a number
        nor a string, or either is an array (one percentage and one n only).

    References
    ----------
    Brown, N. J. L. & Heathers, J. A. J. (2017). The GRIM test. Social Psychological and
    Personality Science 8(4), 363-369. Matches the reconstruction in ``scrutiny::grim``.

    Examples
    --------
    >>> from wpsstats.published import possible_counts
    >>> possible_counts("40", 600)
    [237, 238, 239, 240, 241, 242, 243]
    >>> possible_counts("25.0", 36), possible_counts("25.1", 36)
    ([9], [])
    >>> possible_counts("12.2448979591837", 147)
    [18]
    >>> possible_counts("9.44881889763779", 127), possible_counts("9.44881889763779", 127, slack=1)
    ([], [12])
    """
    if np.ndim(percent) != 0 or np.ndim(n) != 0:
        raise TypeError("possible_counts takes one percentage and one n; loop for several")
    slack, significant = _precision(decimals, slack, significant)
    printed = _printed_percent(percent, decimals, significant=significant)
    size = _check_n(n)
    if printed is None or size is None:
        return None
    lo, hi = _count_range(*printed, size, slack)
    if hi - lo >= _MAX_COUNTS:
        raise ValueError(
            f"{hi - lo + 1:,} counts out of n={size:,} print as {percent!r}: too many to list "
            f"(at most {_MAX_COUNTS:,}); consistent_percent says whether a count fits"
        )
    return list(range(lo, hi + 1))


@dataclass(frozen=True)
class ImpliedFraction:
    """What a percentage printed at full precision says about its counts.

    Attributes
    ----------
    numerator, denominator : int
        The fraction in lowest terms with the smallest denominator whose percentage prints as
        given: the body has ``denominator`` members or a multiple of it.
    unique_below : int
        No other fraction with a denominator up to this bound prints the same: for any body of at
        most ``unique_below`` members the count is ``numerator * size / denominator``.
    size : int or None
        The known size of the body, if given.
    counts : tuple of int
        The counts k of ``size`` that print as the percentage (empty without a size).
    count : int or None
        The count when exactly one fits, else None.
    reason : str
        A sentence saying what the printed figure does and does not determine.
    sizes : tuple of int
        For a short print that is not unique for bodies of up to 100 members ("6 per cent"),
        and no ``size`` given: every body size up to 100 that can print it. Empty otherwise.
    """

    numerator: int
    denominator: int
    unique_below: int
    size: int | None
    counts: tuple[int, ...]
    count: int | None
    reason: str
    sizes: tuple[int, ...] = ()


# a print that does not pin the fraction for bodies of this many members lists the sizes it fits
_SHORT_PRINT_SIZES = 100


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator in the closed interval [lo, hi], 0 <= lo <= hi.

    Continued-fraction descent of the Stern-Brocot tree (Graham, Knuth & Patashnik, Concrete
    Mathematics, 2nd ed., section 4.5).
    """
    floor = lo.numerator // lo.denominator
    if floor == lo:
        return Fraction(floor)
    if floor + 1 <= hi:
        return Fraction(floor + 1)
    return floor + 1 / _simplest_between(1 / (hi - floor), 1 / (lo - floor))


def implied_fraction(
    percent: Any,
    *,
    size: int | None = None,
    decimals: int | None = None,
    slack: int = 0,
    significant: int | None = None,
) -> ImpliedFraction:
    """Recover the counts behind a percentage printed at full precision.

    The World Bank prints parliament shares such as 27.891156462585: so many digits pin down the
    fraction. This returns the fraction in lowest terms with the smallest denominator that prints
    as ``percent``; with the body's known ``size`` it also returns the count.

    Parameters
    ----------
    percent : str or float
        The percentage as printed, in per cent. Give a string to keep every printed digit.
    size : int, optional
        The known number of members (seats), which resolves the count when the lowest terms
        cannot: 12.2448979591837 per cent is 6/49, and of 147 seats that is 18.
    decimals : int, optional
        Decimal places printed; by default read from ``percent``.
    slack : int, default 0
        Units of the last printed digit by which the figure may differ from the true share
        correctly rounded. 0 takes the print as exact rounding. 1 is what a share computed in
        floating point and printed at 15 significant digits needs (the World Bank's files):
        ``f"{12 / 127 * 100:.15g}"`` is "9.44881889763779", one unit below 12/127 correctly
        rounded (9.44881889763780), and only ``slack=1`` recovers 12/127 from it.
    significant : int, optional
        Significant digits the figure was printed with, trailing zeros dropped (``%.15g``): sets
        the decimals from the figure's magnitude, so that a short print such as "2.4" or "0.05"
        keeps the precision of the digits the printer dropped. Give ``decimals`` or
        ``significant``, not both.

    Returns
    -------
    ImpliedFraction
        ``numerator``, ``denominator``, ``unique_below``, ``size``, ``counts``, ``count`` and
        ``reason``.

    Notes
    -----
    The printed value P (at d decimals) stands for the closed interval of half a unit of its last
    digit, plus ``slack`` units, either side: ``[P - 1/2 - slack, P + 1/2 + slack] / 10**d`` per
    cent. The fraction with the smallest denominator inside it is found exactly by continued
    fractions. Two different fractions with denominators up to N differ by at least 1/N², so
    when the interval is narrower than that the fraction is the only one with a denominator up
    to N: ``unique_below`` is that N (each unit of slack narrows it by a factor of about
    sqrt(1 + 2 slack)). Lowest terms cannot tell 41/147 from 82/294: the body may be any
    multiple of ``denominator``; a known size says which.

    Re-rounding the print to fewer digits is no substitute for ``slack``: "12.3893805309735"
    (14/113) rounded to 12 decimals is 12.389380530974, whose own interval misses 14/113.

    References
    ----------
    Graham, R. L., Knuth, D. E. & Patashnik, O. (1994). Concrete Mathematics, 2nd ed.,
    section 4.5 (the Stern-Brocot tree and best rational approximations). The interval is
    that of the GRIM test: Brown, N. J. L. & Heathers, J. A. J. (2017), Social Psychological and
    Personality Science 8(4), 363-369. ``%.15g``: ISO/IEC 9899 (C), fprintf, the g conversion
    (trailing zeros removed).

    Examples
    --------
    >>> from wpsstats.published import implied_fraction
    >>> f = implied_fraction("27.891156462585")
    >>> f.numerator, f.denominator
    (41, 147)
    >>> f = implied_fraction("12.2448979591837", size=147)
    >>> f.numerator, f.denominator, f.count
    (6, 49, 18)

    A float printed at 15 significant digits can be one unit off in its last digit:

    >>> f = implied_fraction("9.44881889763779")
    >>> f.numerator, f.denominator
    (7240474251065, 76628352490438)
    >>> f = implied_fraction("9.44881889763779", size=127, slack=1, significant=15)
    >>> f.numerator, f.denominator, f.count
    (12, 127, 12)
    >>> f = implied_fraction("0.05", slack=1, significant=15)  # 0.0500000000000000
    >>> f.numerator, f.denominator
    (1, 2000)

    A short print fits many bodies; it lists them instead of claiming one:

    >>> f = implied_fraction("6")
    >>> f.sizes[:6], len(f.sizes)
    ((16, 17, 18, 31, 32, 33), 50)
    """
    slack, significant = _precision(decimals, slack, significant)
    printed = _printed_percent(percent, decimals, significant=significant)
    if printed is None:
        raise ValueError(f"percent={percent!r} is missing: no fraction to recover")
    p, d = printed
    scale = 100 * 10**d
    spread = 1 + 2 * slack
    lo = max(Fraction(2 * p - spread, 2 * scale), Fraction(0))
    hi = min(Fraction(2 * p + spread, 2 * scale), Fraction(1))
    best = _simplest_between(lo, hi)
    # interval width spread/scale: denominators <= N are unique when 1/N^2 > spread/scale
    unique_below = math.isqrt((scale - 1) // spread)
    text = f"{percent}" if isinstance(percent, str) else f"{p / 10**d:.{d}f}"
    how = []
    if significant is not None:
        how.append(f"{d} decimals from {significant} significant digits")
    if slack:
        how.append(f"allowing {slack} unit{'s' if slack > 1 else ''} of error in its last digit")
    reason = (
        f"{text} per cent{' (' + ', '.join(how) + ')' if how else ''} is "
        f"{best.numerator}/{best.denominator} in lowest terms: the body has "
        f"{best.denominator} members or a multiple of it (unique for bodies of up to "
        f"{unique_below:,} members)"
    )
    counts: tuple[int, ...] = ()
    count: int | None = None
    n: int | None = None
    sizes: tuple[int, ...] = ()
    if size is None and unique_below < _SHORT_PRINT_SIZES:
        # "6 per cent": too short a print to name one body; list those it fits
        sizes = tuple(
            q
            for q in range(1, _SHORT_PRINT_SIZES + 1)
            if _count_range(p, d, q, slack)[0] <= _count_range(p, d, q, slack)[1]
        )
        shown = ", ".join(str(q) for q in sizes[:8]) + (", ..." if len(sizes) > 8 else "")
        reason = (
            f"{text} per cent{' (' + ', '.join(how) + ')' if how else ''} is too short a print "
            f"to name its body: {len(sizes)} sizes up to {_SHORT_PRINT_SIZES} members print it "
            f"({shown}); {best.numerator}/{best.denominator} is only the simplest fraction"
        )
    if size is not None:
        n = _check_n(size, name="size")
        if n is None:
            raise ValueError("size is missing (NaN); leave it out when unknown")
        lo_k, hi_k = _count_range(p, d, n, slack)
        counts = tuple(range(lo_k, hi_k + 1))
        count = counts[0] if len(counts) == 1 else None
        if count is not None:
            reason += f"; of {n} members that is {count}"
        elif counts:
            reason += f"; of {n} members it fits {len(counts)} counts ({counts[0]}-{counts[-1]})"
        else:
            reason += f"; no count of {n} members prints as {text} per cent"
    return ImpliedFraction(
        numerator=best.numerator,
        denominator=best.denominator,
        unique_below=unique_below,
        size=n,
        counts=counts,
        count=count,
        reason=reason,
        sizes=sizes,
    )
