"""Reduced cases from a randomised comparison of wpsstats with R's survey package.

Random small designs (strata with one to five PSUs, second stages, zero and widely spread
weights, finite population corrections, missing values, subsets) were run through wpsstats and
through R; these are the disagreements that were wpsstats' to fix, each reduced to a few rows.
Golden values: tests/r/survey_vs_r_random.R (svyby(..., covmat = TRUE) + svycontrast, and
svychisq(statistic = "F")), which writes the data too.

- census_average: with ``lonely_psu="average"`` a stratum of one PSU sampled whole (its fpc
  equals its PSU count) is no lonely stratum: R gives it zero variance and counts it among the
  strata that are fine. wpsstats counted it as lonely in prevalence_difference and survey_chisq
  (SE 0.476 for R's 0.389; F 0.293 for 0.440).
- missing_average: a stratum whose rows all miss the indicator holds no row of the estimate, so
  R's average does not count it (SE 0.502 for R's 0.532; F 0.264 for 0.235).
- two_stage_average: R scales the first stage's variance by the average factor, not the second
  stage's (SE 0.322 for R's 0.260; F 0.0198 for 0.0305).
- subset_chisq: survey_chisq with a subset counted the PSUs outside it in its denominator
  degrees of freedom (ddf 4 for R's 3) and scaled Pearson's X^2 to every row of the data
  (0.148 for R's 0.111, the 9 rows inside).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from wpsstats.compare import prevalence_difference, survey_chisq

GOLDEN = Path(__file__).resolve().parent / "golden"
RTOL = 1e-10
DATA = pd.read_csv(GOLDEN / "survey_vs_r_random_data.csv")
R_VALUES = pd.read_csv(GOLDEN / "survey_vs_r_random_r.csv")

BASE = {"weight": "w", "psu": "psu", "strata": "h"}
CASES: dict[str, dict[str, Any]] = {
    "census_average": {**BASE, "fpc": "fpc", "lonely_psu": "average"},
    "missing_average": {**BASE, "lonely_psu": "average"},
    "two_stage_average": {
        **BASE,
        "ssu": "ssu",
        "fpc": "fpc",
        "fpc2": "fpc2",
        "lonely_psu": "average",
    },
    "subset_chisq": {**BASE, "subset": "sub"},
}
KEYS = sorted(set(R_VALUES[["case", "kind"]].itertuples(index=False, name=None)))


def test_the_golden_file_has_every_case() -> None:
    assert set(R_VALUES["case"]) == set(CASES) == set(DATA["case"])
    assert set(R_VALUES["kind"]) == {"difference", "chisq"}


@pytest.mark.parametrize("key", KEYS, ids=lambda k: "-".join(k))
def test_matches_r(key: tuple[str, str]) -> None:
    case, kind = key
    data = DATA[DATA["case"] == case].reset_index(drop=True)
    expected = R_VALUES[(R_VALUES["case"] == case) & (R_VALUES["kind"] == kind)]
    if kind == "difference":
        out = prevalence_difference(data, "y", by="dom", levels=("a", "b"), **CASES[case])
    else:
        out = survey_chisq(data, "y", "dom", **CASES[case])
    got = out.iloc[0]
    for row in expected.itertuples(index=False):
        assert got[row.quantity] == pytest.approx(float(row.value), rel=RTOL), row.quantity
