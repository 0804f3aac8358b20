"""The readers give the same frames as before their rewrite (issue 15), on every real file.

``tests/golden/read/read_golden.json`` was written by ``make_read_golden.py`` with the readers as
they were before the rewrite: shape, columns, dtypes, attrs, warnings and a hash of each column's
values, or the refusal. The one intended change: ``read.wdi`` adds ``share`` (value / 100) for an
indicator measured in per cent, missing for any other; it is checked here on its own. One entry
was written again since, alone (the others kept as they were): ``unicef`` on the 2018
child-marriage database, whose former names ("Turkey", "Swaziland", "The former Yugoslav Republic
of Macedonia") now get their codes from the bundled country_names dataset, with no warning left
(tests/test_country_names.py).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

_SCRIPT = Path(__file__).parent / "golden" / "read" / "make_read_golden.py"
_spec = importlib.util.spec_from_file_location("make_read_golden", _SCRIPT)
assert _spec is not None and _spec.loader is not None
golden_script: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden_script)

GOLDEN = json.loads(golden_script.GOLDEN.read_text(encoding="utf-8"))
CASES = golden_script.cases()

pytestmark = pytest.mark.shared_data


def test_every_case_is_recorded(shared_data: Path) -> None:
    keys = {golden_script.case_key(*case) for case in golden_script.cases(shared_data)}
    assert keys == set(GOLDEN)


@pytest.mark.parametrize(
    ("reader", "file", "kwargs"), CASES, ids=[golden_script.case_key(*c) for c in CASES]
)
def test_reader_matches_golden(
    shared_data: Path, reader: str, file: str, kwargs: dict[str, Any]
) -> None:
    expected = GOLDEN[golden_script.case_key(reader, file, kwargs)]
    record, frame = golden_script.run(reader, file, kwargs, data=shared_data)
    if "error" in expected:
        assert record == expected
        return
    assert frame is not None, record
    if reader == "wdi":
        _check_share(frame)
        without = golden_script.describe(frame.drop(columns="share"), [])
        record = {**without, "warnings": record["warnings"]}
    for key in ("shape", "columns", "dtypes", "attrs", "warnings", "index"):
        assert record[key] == expected[key], key
    differing = [c for c in expected["values"] if record["values"][c] != expected["values"][c]]
    assert not differing, f"values differ in columns {differing}"


def _check_share(frame: pd.DataFrame) -> None:
    """``share`` follows ``value``; value / 100 where the indicator name says "(%", else missing."""
    columns = list(frame.columns)
    assert columns[columns.index("value") + 1] == "share"
    assert frame["share"].dtype == "Float64"
    percent = frame["indicator_name"].astype(str).str.contains("(%", regex=False)
    expected = (frame["value"] / 100).where(percent.to_numpy(), None)
    pd.testing.assert_series_equal(frame["share"], expected.astype("Float64"), check_names=False)
