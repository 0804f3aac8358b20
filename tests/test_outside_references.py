"""Outside references for the numbers that had none, or only a second-hand one.

- ``parity_index``: a published table that prints girls' and boys' values beside the gender
  parity index computed from them (Serbia MICS 2010, Table ED.8R; see ``MICS_SERBIA_2010``).
  The Haiti EMMUS-VI key-indicators report in ../shared/data has no education table and prints
  no parity index, so it cannot serve.
- ``rate``: its interval columns against base R (tests/golden/rates_golden.csv, written by
  tests/r/rates_golden.R), called through ``rate`` itself rather than through
  ``proportion_ci``; ``pooled_rate``'s R test reached it only for two methods at 95 per cent.
- ``quota_gap(mode="replace")``: against R's 64-bit integer arithmetic
  (tests/golden/parity/women_needed.csv, written by tests/golden/parity/parity_golden.R),
  directly rather than through ``parity_gap``.
- ``possible_counts`` (and ``consistent_percent``): the full list of counts against R's printf
  (tests/golden/possible_counts_r.csv, written by tests/r/possible_counts.R); scrutiny's values
  in test_published_consistency.py say only whether some count fits.
"""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import wpsstats as wps
import wpsstats.published as pub
from wpsstats import rates

GOLDEN = Path(__file__).resolve().parent / "golden"

# --- parity_index: Serbia MICS 2010, Table ED.8R ------------------------------------------------

# Statistical Office of the Republic of Serbia (2011). Serbia Multiple Indicator Cluster Survey
# 2010: Monitoring the Situation of Children and Women, Final Report. Belgrade. Table ED.8R
# "Education gender parity, Roma Settlements, 2010: ratio of adjusted net attendance ratios of
# girls to boys, in primary and secondary school", printed page 170 (read from the copy at
# yumpu.com/en/document/view/50699764, viewer page 172). Columns: adjusted net attendance ratio
# (NAR) of girls, of boys, and the gender parity index (GPI) for that NAR (MICS indicators 7.9
# and 7.10), as printed: NARs to one decimal, the GPI to two with its leading zero dropped.
# A figure in parentheses rests on 25-49 unweighted cases; it is kept (the GPI is still the
# ratio of the two printed NARs' unrounded values). Rows marked (*), fewer than 25 cases, print
# no number and are left out.
MICS_SERBIA_2010 = [
    # (row, girls' NAR, boys' NAR, GPI)
    ("primary urban", "90.2", "91.9", ".98"),
    ("primary rural", "78.7", "86.8", ".91"),
    ("primary mother none", "71.7", "87.0", ".82"),
    ("primary mother primary", "89.9", "90.3", "1.00"),
    ("primary mother secondary", "98.3", "100.0", ".98"),
    ("primary poorest", "72.6", "83.5", ".87"),
    ("primary second", "86.9", "90.0", ".97"),
    ("primary middle", "85.5", "91.4", ".94"),
    ("primary fourth", "91.1", "95.9", ".95"),
    ("primary richest", "97.6", "96.3", "1.01"),
    ("primary total", "86.5", "90.4", ".96"),
    ("secondary urban", "21.3", "29.3", ".73"),
    ("secondary rural", "7.5", "13.1", ".57"),
    ("secondary mother none", ".0", "10.9", ".00"),
    ("secondary mother primary", "28.9", "24.5", "1.18"),
    ("secondary poorest", "6.2", "7.0", ".88"),
    ("secondary second", "8.1", "14.1", ".57"),
    ("secondary middle", "7.2", "19.0", ".38"),
    ("secondary fourth", "27.4", "28.5", ".96"),
    ("secondary richest", "35.0", "53.2", ".66"),
    ("secondary total", "16.5", "22.8", ".72"),
]


def _rounding_allowance(girls: str, boys: str) -> float:
    """How far the ratio of the printed NARs may be from the printed GPI, from rounding alone.

    The report divides unrounded NARs and rounds the quotient to two decimals, so the quotient
    lies within 0.005 of the GPI; each NAR lies within 0.05 of its print (not below 0), which
    moves the quotient by up to the largest distance from F/M to a corner of that box. Exact
    fractions, so that the allowance itself carries no float error.
    """
    f, m, half = Fraction(girls), Fraction(boys), Fraction(1, 20)
    plain = f / m
    corners = (max(f - half, Fraction(0)) / (m + half), (f + half) / (m - half))
    return float(Fraction(1, 200) + max(abs(c - plain) for c in corners))


def test_parity_index_reproduces_the_published_mics_gpi() -> None:
    # e.g. 6.2 / 7.0 is 0.886, printed .88: the unrounded NARs divide to below 0.885
    girls = np.array([float(g) for _, g, _, _ in MICS_SERBIA_2010])
    boys = np.array([float(b) for _, _, b, _ in MICS_SERBIA_2010])
    got = wps.parity_index(girls, boys)
    for (row, g, b, gpi), value in zip(MICS_SERBIA_2010, got, strict=True):
        allowance = _rounding_allowance(g, b)
        # the check stays sharp: two hundredths at most (6.2 of 7.0, the smallest NARs)
        assert allowance < 0.02, row
        assert abs(value - float(gpi)) <= allowance, (row, value, gpi)
    # a scalar pair gives the same as the array
    assert wps.parity_index(28.9, 24.5) == got[14]


def test_mics_gpi_is_the_plain_ratio_and_the_adjusted_index_agrees_below_parity() -> None:
    # MICS prints the plain ratio: girls 28.9 against boys 24.5 is 1.18, where UNESCO's adjusted
    # index would be 2 - 24.5 / 28.9 = 1.15. Below parity the two are the same number, so the
    # table is a reference for adjusted=True too, on those rows.
    row = next(r for r in MICS_SERBIA_2010 if r[0] == "secondary mother primary")
    adjusted = wps.parity_index(float(row[1]), float(row[2]), adjusted=True)
    assert abs(adjusted - float(row[3])) > _rounding_allowance(row[1], row[2])
    # girls below boys however the prints were rounded: F + 0.05 <= M - 0.05
    below = [r for r in MICS_SERBIA_2010 if Fraction(r[1]) + Fraction(1, 10) <= Fraction(r[2])]
    assert len(below) == 19
    got = wps.parity_index(
        pd.Series([float(r[1]) for r in below], index=[r[0] for r in below]),
        pd.Series([float(r[2]) for r in below], index=[r[0] for r in below]),
        adjusted=True,
    )
    for row, g, b, gpi in below:
        assert abs(got[row] - float(gpi)) <= _rounding_allowance(g, b), row


# --- rate: base R, through rate itself ----------------------------------------------------------


def _r_rates() -> pd.DataFrame:
    with (GOLDEN / "rates_golden.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    frame = pd.DataFrame([r for r in rows if r["method"] in rates.METHODS])
    for column in ("x", "n"):
        frame[column] = frame[column].astype(float).astype(np.int64)
    for column in ("conf", "lower", "upper"):
        frame[column] = frame[column].astype(float)
    return frame


R_RATES = _r_rates()


@pytest.mark.parametrize("method", rates.METHODS)
def test_rate_intervals_match_r(method: str) -> None:
    # binom.test, prop.test and qbeta (tests/r/rates_golden.R): every confidence level R was
    # asked for, one vectorised call per level, the bodies keeping their Series index
    table = R_RATES[R_RATES["method"] == method]
    assert len(table) >= 30 and table["conf"].nunique() >= 4
    for conf, rows in table.groupby("conf"):
        index = [f"body{i}" for i in range(len(rows))]
        women = pd.Series(rows["x"].to_numpy(), index=index)
        total = pd.Series(rows["n"].to_numpy(), index=index)
        out = wps.rate(women, total, method=method, conf=float(conf))
        assert list(out.index) == index
        assert out.attrs["wpsstats"] == {"method": method, "conf": float(conf)}
        np.testing.assert_array_equal(out["rate"], rows["x"] / rows["n"])
        np.testing.assert_allclose(out["lower"], rows["lower"], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(out["upper"], rows["upper"], rtol=1e-9, atol=1e-15)


# --- quota_gap(mode="replace"): R's integer arithmetic -----------------------------------------


def test_quota_gap_replace_matches_r_integer_arithmetic() -> None:
    # women_needed: ceiling(target * total) - women, floored at 0, in R's exact 64-bit integers
    # on the target's decimal text; empty where the body is empty
    gold = pd.read_csv(GOLDEN / "parity" / "women_needed.csv", dtype={"target": str})
    assert len(gold) >= 25
    for row in gold.itertuples():
        for quota in (float(row.target), row.target):
            got = wps.quota_gap(row.women, row.total, quota)
            if pd.isna(row.women_needed):
                assert math.isnan(got), (row, quota)
            else:
                assert got == int(row.women_needed), (row, quota)


# --- possible_counts: R's printf ----------------------------------------------------------------


def _r_counts() -> list[tuple[str, int, int, list[int]]]:
    frame = pd.read_csv(
        GOLDEN / "possible_counts_r.csv", comment="#", dtype=str, keep_default_na=False
    )
    return [
        (r.percent, int(r.n), int(r.slack), [int(k) for k in r.counts.split()])
        for r in frame.itertuples()
    ]


R_COUNTS = _r_counts()


def test_possible_counts_golden_file_covers_ties_ends_and_slack() -> None:
    assert len(R_COUNTS) == 34
    assert sum(1 for *_, counts in R_COUNTS if not counts) == 3  # GRIM failures
    assert {slack for _, _, slack, _ in R_COUNTS} == {0, 1}


@pytest.mark.parametrize(("percent", "n", "slack", "counts"), R_COUNTS, ids=lambda v: str(v))
def test_possible_counts_match_r_printf(
    percent: str, n: int, slack: int, counts: list[int]
) -> None:
    # tests/r/possible_counts.R: the k of n whose share R's sprintf() prints as the figure (either
    # rounding at an exact tie), within `slack` units of its last digit
    assert pub.possible_counts(percent, n, slack=slack) == counts
    assert pub.consistent_percent(percent, n, slack=slack) is bool(counts)
