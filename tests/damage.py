"""Hypothesis damage for the readers' fuzz tests: one file, one kind of harm, then read it.

Every reader must return a frame or raise ValueError on a damaged file, never another exception.
"""

from __future__ import annotations

import importlib
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import strategies as st

KINDS = ("cut_line", "cut_file", "drop_line", "drop_column", "junk", "replace_field")
# what a field is replaced by: numbers in odd spellings, words, the too large, the quoted
TOKENS = (b"", b"NA", b" ", b"x", b"1e5", b"-0", b"+4", b".5", b"1.5", b"inf", b"nan", b"1_0",
          b" 3", b"9223372036854775808", b"99999999999999999999", b'"a,b"', b'"q"', b"#tag",
          b"..X", b"0", b"1", b"2")  # fmt: skip


@st.composite
def damaged(
    draw: st.DrawFn, raw: bytes, *, kinds: Sequence[str] = KINDS, max_column: int = 30
) -> bytes:
    """A copy of ``raw`` with one kind of damage: a truncated line or file, a dropped line, a
    dropped comma-separated column (in one line or every line), junk bytes, or one field
    replaced by an odd value (see ``TOKENS``)."""
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
    elif kind == "replace_field":
        fields = lines[i].split(b",")
        fields[draw(st.integers(0, len(fields) - 1))] = draw(st.sampled_from(TOKENS))
        lines[i] = b",".join(fields)
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


def _outcome(reader: Callable[[Path], Any], path: Path) -> tuple[Any, ...]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result: Any = reader(path)
        except ValueError as exc:
            result = f"{type(exc).__name__}: {exc}"
    return result, [(w.category, str(w.message)) for w in caught]


@contextmanager
def _large_file() -> Iterator[None]:
    """Read a DHS or PA-X file as a large one: pandas' parser, not the csv module."""
    from wpsstats.read import _common

    limit = _common.CSV_ROWS_MAX_CHARS
    _common.CSV_ROWS_MAX_CHARS = 0
    try:
        yield
    finally:
        _common.CSV_ROWS_MAX_CHARS = limit


@contextmanager
def wdi_general() -> Iterator[None]:
    """Read a WDI file the general way (pandas' wide parse), not by its field spans."""
    module = importlib.import_module("wpsstats.read.wdi")
    module._FAST = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module._FAST = True  # type: ignore[attr-defined]


def same_both_ways(
    reader: Callable[[Path], Any],
    data: bytes,
    name: str,
    *,
    other: Callable[[], AbstractContextManager[None]] = _large_file,
) -> None:
    """Read ``data`` the usual way and the other way (by default as a large file, with pandas'
    parser instead of the csv module; ``wdi_general`` for WDI): the frame, attrs, warnings, or the
    error, must be the same."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        small, small_warnings = _outcome(reader, path)
        with other():
            large, large_warnings = _outcome(reader, path)
    assert small_warnings == large_warnings
    if isinstance(small, str) or isinstance(large, str):
        assert small == large
        return
    pd.testing.assert_frame_equal(small, large, check_exact=True)
    assert small.attrs == large.attrs


def every_field_replaced(raw: bytes, token: bytes, line: int = 1) -> list[bytes]:
    """Copies of ``raw`` with one field of line ``line`` (0-based) replaced by ``token``, one
    copy per field: every column meets every odd value."""
    lines = raw.split(b"\n")
    fields = lines[line].split(b",")
    out = []
    for k in range(len(fields)):
        changed = [*fields[:k], token, *fields[k + 1 :]]
        out.append(b"\n".join([*lines[:line], b",".join(changed), *lines[line + 1 :]]))
    return out
