"""Hypothesis damage for the readers' fuzz tests: one file, one kind of harm, then read it.

Every reader must return a frame or raise ValueError on a damaged file, never another exception.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import strategies as st

KINDS = ("cut_line", "cut_file", "drop_line", "drop_column", "junk")


@st.composite
def damaged(
    draw: st.DrawFn, raw: bytes, *, kinds: Sequence[str] = KINDS, max_column: int = 30
) -> bytes:
    """A copy of ``raw`` with one kind of damage: a truncated line or file, a dropped line, a
    dropped comma-separated column (in one line or every line), or junk bytes."""
    kind = draw(st.sampled_from(list(kinds)))
    if kind == "cut_file":
        return raw[: draw(st.integers(0, len(raw)))]
    if kind == "junk":
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.binary(min_size=1, max_size=12)) + raw[at:]
    lines = raw.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "cut_line":
        lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    elif kind == "drop_line":
        del lines[i]
    else:
        k = draw(st.integers(0, max_column))
        targets = range(len(lines)) if draw(st.booleans()) else [i]
        for t in targets:
            lines[t] = b",".join(f for j, f in enumerate(lines[t].split(b",")) if j != k)
    return b"\n".join(lines)


def read_or_value_error(reader: Callable[[Path], Any], data: bytes, name: str) -> None:
    """Write ``data`` to a file called ``name`` and read it: a DataFrame or a ValueError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = reader(path)
        except ValueError:
            return
        assert isinstance(out, pd.DataFrame)
