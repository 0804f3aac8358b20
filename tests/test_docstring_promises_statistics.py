"""The statistics functions against what their docstrings promise: each test here failed on the
code before its fix.

Expected values come from the docstrings and exact integer arithmetic, not from running the code
under test.
"""

from __future__ import annotations

import pytest

import wpsstats as wps

# ---------------------------------------------------------------------- _checks.as_count_pair


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wps.rate(2**70, 3), "women=1180591620717411303424 > total=3"),
        (lambda: wps.rate([2**64 + 1, 5], [2**64, 3]), "women=18446744073709551617 > total="),
        (lambda: wps.proportion_ci(2**64 + 1, 2**64), "successes=18446744073709551617 > trials"),
        (lambda: wps.quota_gap([1, 2**65], [2, 2**64]), "women=36893488147419103232 > total"),
    ],
)
def test_a_part_above_its_whole_beyond_int64_is_named(call: object, message: str) -> None:
    # the error for women > total was "AttributeError: 'int' object has no attribute 'item'"
    # once a count was beyond int64 (Python integers, which the counts accept)
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
