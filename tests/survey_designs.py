"""A survey frame with every design column, and the frame libraries it is converted to, shared by
the tests of other frames and of inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest


def design(n: int = 1500, seed: int = 7) -> pd.DataFrame:
    """``n`` respondents in 40 PSUs of 8 strata, with missing answers and a missing region."""
    rng = np.random.default_rng(seed)
    psu = rng.integers(0, 40, n)
    y = (rng.random(n) < 0.2 + 0.5 * (psu % 3) / 3).astype(float)
    y[rng.random(n) < 0.03] = np.nan
    region = rng.choice(["north", "south", "east"], n).astype(object)
    region[rng.random(n) < 0.02] = None  # a domain of its own
    return pd.DataFrame(
        {
            "y": y,
            "w": rng.uniform(0.2, 4.0, n),
            "psu": psu,
            "stratum": psu % 8,
            "region": region,
            "urban": rng.integers(0, 2, n),
            "women": rng.random(n) < 0.7,
            "hh": rng.integers(0, 6, n),
            "fpc": (psu % 8 + 1) * 10.0,  # PSUs in the population of each stratum
            "fpc2": 20.0,  # households in the population of each PSU
        }
    )


def backends() -> dict[str, Callable[[pd.DataFrame], Any]]:
    """A pandas frame as each other library wpsstats reads holds it; skips the test (or, called
    at import, the module) where one of them is not installed."""
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    dd = pytest.importorskip("dask.dataframe")
    return {
        "polars": lambda df: pl.from_pandas(df),
        "polars-lazy": lambda df: pl.from_pandas(df).lazy(),
        "pyarrow": lambda df: pa.Table.from_pandas(df, preserve_index=False),
        "dask": lambda df: dd.from_pandas(df, npartitions=3),
    }
