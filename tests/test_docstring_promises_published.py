"""The documented promises of the published figures, the charts and the readers, held to what the
code does: each test here failed on the code before its fix (a docstring's promise broken, a
library's bare error escaping, a figure left open after an error, a number silently wrong).
"""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib.pyplot as plt
import pytest

from wpsstats.published import audit


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# audit: "range: ... a share above 100 per cent too"
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Between 95 and 110 per cent of the seats.", "between 110 and 120 per cent"]
)
def test_audit_a_range_of_shares_above_100_per_cent_is_inconsistent(text: str) -> None:
    # the range's midpoint was compared, and a range was left out of the check altogether
    result = audit(text)
    assert result["verdict"].astype(str).tolist() == ["inconsistent"]
    assert result["check"].tolist() == ["range"]
    assert "a share above 100 per cent" in result["reason"].iloc[0]


def test_audit_a_range_within_100_per_cent_is_not_flagged() -> None:
    result = audit("Between 83 and 92 per cent of survivors.")
    assert result["verdict"].astype(str).tolist() == ["not_checkable"]
