"""Write the synthetic DHS-like survey files that the R golden script reads.

Run from the repository root:  .venv/bin/python tests/r/make_survey_data.py

Two seeded, clearly synthetic files (no real respondent is in them):

* ``tests/golden/survey_dhs_like.csv`` -- 36 strata (6 regions x urban/rural x 3 zones), 300
  PSUs with 5 to 12 PSUs a stratum, integer weights like the DHS's v005 (constant within a PSU,
  with some household-level variation), a region ``F`` with no cases (the indicator is 0 for
  every woman there), a rare region ``E``, an individual-level age group, and about 3% missing
  indicator values.
* ``tests/golden/survey_lonely.csv`` -- 40 strata, 6 of them with a single PSU, so that R's
  ``survey.lonely.psu`` options give different standard errors.

Columns: ``v021`` (PSU, unique across strata as in DHS), ``v022`` (stratum), ``v005`` (weight),
``region``, ``residence``, ``agegrp``, ``y`` (0/1, empty where missing).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent.parent / "golden"
AGEGROUPS = np.array(["15-19", "20-24", "25-29", "30-34", "35-49"])


def _make(
    rng: np.random.Generator,
    psus_per_stratum: np.ndarray,
    region_of_stratum: np.ndarray,
    residence_of_stratum: np.ndarray,
    rows_per_psu: tuple[int, int],
    missing_share: float,
) -> pd.DataFrame:
    n_strata = psus_per_stratum.size
    stratum_of_psu = np.repeat(np.arange(n_strata), psus_per_stratum)
    n_psu = stratum_of_psu.size
    # DHS cluster numbers run 1..n nationally, so they are unique across strata (nest not needed).
    psu_id = np.arange(1, n_psu + 1)
    size = rng.integers(rows_per_psu[0], rows_per_psu[1] + 1, size=n_psu)
    psu_weight = rng.integers(200_000, 3_000_000, size=n_psu)
    # cluster-level prevalence: a beta draw around a region mean gives intra-cluster correlation
    region_mean = {"A": 0.35, "B": 0.5, "C": 0.2, "D": 0.6, "E": 0.03, "F": 0.0}
    means = np.array([region_mean[r] for r in region_of_stratum[stratum_of_psu]])
    cluster_p = np.where(means > 0, rng.beta(4 * means + 1e-9, 4 * (1 - means)), 0.0)

    row_psu = np.repeat(np.arange(n_psu), size)
    n = row_psu.size
    weight = psu_weight[row_psu].copy()
    vary = rng.random(n) < 0.2
    weight[vary] += rng.integers(1, 50_000, size=int(vary.sum()))
    y = (rng.random(n) < cluster_p[row_psu]).astype(float)
    y[rng.random(n) < missing_share] = np.nan
    stratum = stratum_of_psu[row_psu]
    return pd.DataFrame(
        {
            "v021": psu_id[row_psu],
            "v022": stratum + 1,
            "v005": weight,
            "region": region_of_stratum[stratum],
            "residence": residence_of_stratum[stratum],
            "agegrp": AGEGROUPS[rng.integers(0, AGEGROUPS.size, size=n)],
            "y": pd.array(y, dtype="Int64"),
        }
    )


def dhs_like(seed: int = 20180404) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_strata = 36
    psus = rng.integers(5, 13, size=n_strata)
    psus = psus + (300 - psus.sum()) // n_strata
    psus[: 300 - psus.sum()] += 1
    region = np.repeat(np.array(list("ABCDEF")), 6)
    residence = np.tile(np.array(["urban", "rural"]), 18)
    return _make(rng, psus, region, residence, (8, 24), 0.03)


def lonely(seed: int = 5312) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_strata = 40
    psus = rng.integers(2, 6, size=n_strata)
    single = np.array([3, 9, 15, 22, 30, 37])
    psus[single] = 1
    # regions A-D hold the single-PSU strata, region E has none
    region = np.repeat(np.array(list("ABCDE")), 8)
    residence = np.tile(np.array(["urban", "rural"]), 20)
    return _make(rng, psus, region, residence, (6, 18), 0.03)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    dhs_like().to_csv(OUT / "survey_dhs_like.csv", index=False)
    lonely().to_csv(OUT / "survey_lonely.csv", index=False)


if __name__ == "__main__":
    main()
