"""Hypothesis damage for the readers' fuzz tests: harm one line of a file, then say what the
reader must return for it.

A CSV reader given a file with one damaged data line must either raise a ValueError naming that
line, or return every other record exactly as it reads the undamaged file (and the damaged record
too, unless the line became blank or was dropped). Damage outside the data (a preamble, the
header) gives a ValueError naming the file, or the undamaged frame (or, for the header, where
an optional column may be renamed, a frame of every record). A JSON reader must raise a
ValueError naming the file (a syntax error: at the damaged line or after it), or return a frame.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import strategies as st

KINDS = ("cut_line", "cut_file", "drop_line", "drop_column", "drop_column_everywhere", "junk",
         "replace_field")  # fmt: skip
# what a field is replaced by: numbers in odd spellings, words, the too large, the quoted
TOKENS = (b"", b"NA", b" ", b"x", b"1e5", b"-0", b"+4", b".5", b"1.5", b"inf", b"nan", b"1_0",
          b" 3", b"9223372036854775808", b"99999999999999999999", b'"a,b"', b'"q"', b"#tag",
          b"..X", b"0", b"1", b"2")  # fmt: skip
# junk that stays on its line and in UTF-8 (a new line, quote or encoding is other damage)
JUNK = st.binary(min_size=1, max_size=12).map(
    lambda b: bytes(c for c in b if (chr(c).isalnum() and c < 128) or c in b" .-#") or b"x"
)
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, repr=False)
class Damage:
    """A damaged copy of a file: its bytes, the kind of damage and the 1-based line it hit."""

    data: bytes
    kind: str
    line: int

    def __repr__(self) -> str:  # the damaged line, not the whole file
        lines = self.data.split(b"\n")
        shown = lines[self.line - 1][:300] if self.line <= len(lines) else b""
        return f"Damage({self.kind}, line {self.line}: {shown!r})"


@st.composite
def damaged(
    draw: st.DrawFn, raw: bytes, *, kinds: Sequence[str] = KINDS, max_column: int = 30
) -> Damage:
    """A copy of ``raw`` with one kind of damage on one line: cut short, dropped, a column dropped
    (in that line, or in every line), junk inserted, one field replaced by an odd value (see
    ``TOKENS``), or the whole file cut at a byte. A byte-order mark is never cut into (that is
    an encoding, tested on its own)."""
    kind = draw(st.sampled_from(list(kinds)))
    first = len(BOM) if raw.startswith(BOM) else 0
    if kind == "cut_file":
        at = draw(st.integers(first, len(raw)))
        return Damage(raw[:at], kind, raw.count(b"\n", 0, at) + 1)
    lines = raw.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    skip = first if i == 0 else 0
    if kind == "junk":
        at = draw(st.integers(skip, len(lines[i])))
        lines[i] = lines[i][:at] + draw(JUNK) + lines[i][at:]
    elif kind == "cut_line":
        lines[i] = lines[i][: draw(st.integers(skip, len(lines[i])))]
    elif kind == "drop_line":
        del lines[i]
    elif kind == "replace_field":
        fields = lines[i].split(b",")
        fields[draw(st.integers(0, len(fields) - 1))] = draw(st.sampled_from(TOKENS))
        lines[i] = b",".join(fields)
    else:
        k = draw(st.integers(0, max_column))
        for t in range(len(lines)) if kind == "drop_column_everywhere" else [i]:
            lines[t] = b",".join(f for j, f in enumerate(lines[t].split(b",")) if j != k)
    return Damage(b"\n".join(lines), kind, i + 1)


def read(reader: Callable[[Path], Any], data: bytes, name: str) -> pd.DataFrame | ValueError:
    """Write ``data`` to a file called ``name`` and read it: the frame, or the ValueError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out = reader(path)
        except ValueError as exc:
            return exc
    assert isinstance(out, pd.DataFrame)
    return out


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The values to compare: categoricals as their values, a fresh index."""
    kinds = {c: object for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    return frame.astype(kinds).reset_index(drop=True)


def _equal(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        _plain(got), _plain(expected), check_exact=True, check_dtype=len(expected) > 0
    )


def _records(raw: bytes) -> list[tuple[int, int]]:
    """The first and last line of each record of a CSV file."""
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    spans, start = [], 1
    for record in reader:
        if record:
            spans.append((start, reader.line_num))
        start = reader.line_num + 1
    return spans


def check_csv(
    reader: Callable[[Path], Any], raw: bytes, damage: Damage, name: str
) -> pd.DataFrame | ValueError:
    """Read the damaged file and require what it should give (see the module's docstring)."""
    original = read(reader, raw, name)
    assert isinstance(original, pd.DataFrame), original
    spans = _records(raw)
    records = spans[len(spans) - original.attrs["rows_read"] :]  # the data: the last records
    # the header: the record before the data (before HDX's hashtag row, where there is one)
    header = spans[len(spans) - len(records) - (2 if original.attrs.get("hxl") else 1)][0]
    per = len(original) // max(len(records), 1)  # rows per record (WDI: one per year)
    got = read(reader, damage.data, name)
    hit = [k for k, (a, b) in enumerate(records) if a <= damage.line <= b]

    def without(k: int) -> pd.DataFrame:
        return original.drop(index=range(k * per, (k + 1) * per))

    if damage.kind == "drop_column_everywhere":
        assert isinstance(got, pd.DataFrame) or str(got).startswith(f"file {name!r}"), got
    elif damage.kind == "cut_file":
        if isinstance(got, ValueError):
            if hit:
                assert re.search(rf"\bline {damage.line}\b", str(got)), (damage.line, got)
        else:
            whole = sum(b < damage.line for _, b in records)
            kept = len(got) // per if per else 0
            assert kept in (whole, whole + 1), (whole, len(got))
            _equal(got.iloc[: whole * per], original.iloc[: whole * per])
    elif not hit:  # a preamble, the header, a blank line
        if isinstance(got, ValueError):
            assert str(got).startswith(f"file {name!r}"), got
        elif damage.line == header:  # an optional column renamed: read as another, or not
            assert got.attrs["rows_read"] == original.attrs["rows_read"], got.attrs
        else:
            _equal(got, original)
    else:
        k = hit[0]
        if damage.kind == "drop_line":
            assert isinstance(got, pd.DataFrame), got
            _equal(got, without(k))
        elif isinstance(got, ValueError):
            assert re.search(rf"\bline {damage.line}\b", str(got)), (damage.line, got)
        elif len(got) == len(original) - per:  # the line became blank: no record
            _equal(got, without(k))
        else:
            _equal(got.drop(index=range(k * per, (k + 1) * per)), without(k))
    return got


def check_json(reader: Callable[[Path], Any], damage: Damage, name: str) -> None:
    """A frame, or a ValueError naming the file; a syntax error names the damaged line or one
    after it (where a missing comma or bracket is noticed), never one before."""
    got = read(reader, damage.data, name)
    if isinstance(got, ValueError):
        message = str(got)
        assert message.startswith(f"file {name!r}"), message
        if "is not valid JSON" in message and damage.kind != "drop_column_everywhere":
            # the text before the damaged line parses as before: the error is found at it or after
            # (or at the end, when the damage took the file's last line away)
            line = int(re.search(r"line (\d+)", message).group(1))  # type: ignore[union-attr]
            last = damage.data.count(b"\n") + 1
            assert line >= min(damage.line, last), (damage.line, message)


def every_field_replaced(raw: bytes, token: bytes, line: int) -> list[Damage]:
    """Copies of ``raw`` with one field of line ``line`` (1-based) replaced by ``token``, one
    copy per field: every column meets every odd value."""
    lines = raw.split(b"\n")
    fields = lines[line - 1].split(b",")
    out = []
    for k in range(len(fields)):
        changed = b",".join([*fields[:k], token, *fields[k + 1 :]])
        out.append(Damage(b"\n".join([*lines[: line - 1], changed, *lines[line:]]), "field", line))
    return out
