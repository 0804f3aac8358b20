"""Shared test set-up: hypothesis profiles, the Agg backend, the real files in ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# CI (which sets CI=true) replays the same examples on every run, so that a landing is never
# decided by a lucky draw; a developer's run draws new examples each time and so keeps searching.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real downloaded files in ../shared/data; skip the test where they are absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The text of the seed document in ../shared/seeds; skip where it is absent."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seeds is not beside this checkout")
    return files[0].read_text(encoding="utf-8")
