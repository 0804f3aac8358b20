"""Write the synthetic DHS women's recode that tests/r/dhs_presets.R reads.

Run from the repository root:  .venv/bin/python tests/r/make_dhs_ir.py

One seeded, clearly synthetic file, ``tests/golden/dhs_ir_synthetic.csv`` (no real respondent
is in it), with the IR columns the presets use: ``v005`` (weight x 1,000,000), ``v012`` (age,
15-49), ``v021`` (cluster, numbered 1..n nationally as in the DHS), ``v022`` (sampling-error
strata, two of them with a single cluster), ``v023`` (design strata, coarser), ``v024``
(region), ``v511`` (age at first union, empty if never in union), ``g100`` (heard of FGM) and
``g102`` (circumcised; 8 for "don't know"), both empty for women outside the FGM module.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent.parent / "golden" / "dhs_ir_synthetic.csv"


def dhs_ir(seed: int = 20260530) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_strata = 24
    psus = rng.integers(3, 9, size=n_strata)
    psus[[5, 17]] = 1  # lonely clusters: the presets' lonely_psu="adjust" matters
    stratum_of_psu = np.repeat(np.arange(n_strata), psus)
    n_psu = stratum_of_psu.size
    size = rng.integers(10, 30, size=n_psu)
    row_psu = np.repeat(np.arange(n_psu), size)
    n = row_psu.size
    stratum = stratum_of_psu[row_psu]
    region = stratum // 6 + 1  # four regions of six strata
    weight = rng.integers(200_000, 3_000_000, size=n_psu)[row_psu]
    age = rng.integers(15, 50, size=n)
    # clustered child marriage: a cluster's chance of a union before 18 varies around its region's
    cluster_p = rng.beta(2.0, 2.0 + np.array([1.0, 3.0, 6.0, 12.0])[stratum_of_psu // 6])
    married = rng.random(n) < 0.85
    early = rng.random(n) < cluster_p[row_psu]
    first_union = np.where(early, rng.integers(10, 18, size=n), rng.integers(18, 35, size=n))
    v511 = np.where(married & (first_union <= age), first_union, np.nan)
    in_module = rng.random(n) < 0.8
    heard = rng.random(n) < 0.9
    cut = rng.random(n) < cluster_p[row_psu] + 0.2
    g100 = np.where(in_module, heard.astype(float), np.nan)
    g102 = np.where(in_module & heard, cut.astype(float), np.nan)
    g102[in_module & heard & (rng.random(n) < 0.02)] = 8.0  # "don't know"
    return pd.DataFrame(
        {
            "v005": weight,
            "v012": age,
            "v021": row_psu + 1,
            "v022": stratum + 1,
            "v023": stratum // 3 + 1,
            "v024": region,
            "v511": pd.array(v511, dtype="Int64"),
            "g100": pd.array(g100, dtype="Int64"),
            "g102": pd.array(g102, dtype="Int64"),
        }
    )


if __name__ == "__main__":
    frame = dhs_ir()
    frame.to_csv(OUT, index=False)
    print(f"wrote {OUT} ({len(frame)} women)")
