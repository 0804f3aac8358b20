"""Record what the readers return on every real file in ../shared/data (issue 15).

Run from the project root: ``.venv/bin/python tests/golden/read/make_read_golden.py``. For each
(reader, file, options) case it writes to ``read_golden.json`` the frame's shape, columns, dtypes
(categories and order included), attrs, the warnings raised and a sha256 per column of its values
(and one of the index) -- or, for a file the reader refuses, the exception's type and message. The
data itself is not copied: a hash is enough to tell an equal frame from a different one.
``tests/test_read_golden.py`` re-runs the readers and compares. Pass ``--pickle DIR`` to keep the
full frames for one's own diffing (never in the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
GOLDEN = Path(__file__).with_name("read_golden.json")


def cases(data: Path = DATA) -> list[tuple[str, str, dict[str, Any]]]:
    """(reader, file relative to ``data``, keyword arguments) for every real file a reader takes."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for p in sorted((data / "wdi").glob("API_*.csv")):
        name = f"wdi/{p.name}"
        out.append(("wdi", name, {}))  # "auto": the Metadata_Country companion where it is beside
        out.append(("wdi", name, {"metadata": None}))
        out.append(("wdi", name, {"keep_text": True}))
    for p in sorted((data / "dhs_api").glob("*.csv")):
        out.append(("dhs_api", f"dhs_api/{p.name}", {}))
    for p in sorted((data / "peacekeeping_ipi").glob("*")):
        out.append(("ipi_gender", f"peacekeeping_ipi/{p.name}", {}))
    out.append(("ipi_gender", "peacekeeping_ipi/ipi_20140331_gender.json", {"totals": "rows"}))
    for p in sorted((data / "pax").glob("*.csv")):
        out.append(("pax_delegates", f"pax/{p.name}", {}))
    out.append(("pax_agreements", "pax/pax_all_agreements_data_v6.csv", {}))
    for p in sorted((data / "ipu").glob("*.csv")):
        out.append(("ipu", f"ipu/{p.name}", {}))
    for p in sorted((data / "unicef").glob("*.xlsx")):
        out.append(("unicef", f"unicef/{p.name}", {}))
    return out


def case_key(reader: str, file: str, kwargs: dict[str, Any]) -> str:
    options = ",".join(f"{k}={v!r}" for k, v in sorted(kwargs.items()))
    return f"{reader}({file}{', ' + options if options else ''})"


def _plain(value: Any) -> Any:
    """attrs in a JSON form (tuples as lists, numpy scalars as Python ones)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def _dtype(series: pd.Series) -> Any:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = [str(c) for c in dtype.categories]
        if len(categories) > 20:  # country names and years: their hash, not a copy of the data
            digest = hashlib.sha256("\n".join(categories).encode()).hexdigest()
            categories = [f"{len(categories)} categories, sha256 {digest}"]
        return {
            "categorical": categories,
            "categories_dtype": str(dtype.categories.dtype),
            "ordered": bool(dtype.ordered),
        }
    return str(dtype)


def _hash(values: pd.Series | pd.Index) -> str:
    hashed = pd.util.hash_pandas_object(values, index=isinstance(values, pd.Series))
    return hashlib.sha256(hashed.to_numpy().tobytes()).hexdigest()


def describe(frame: pd.DataFrame, caught: list[warnings.WarningMessage]) -> dict[str, Any]:
    """The record of one frame and its warnings."""
    return {
        "shape": list(frame.shape),
        "columns": [str(c) for c in frame.columns],
        "dtypes": {str(c): _dtype(frame[c]) for c in frame.columns},
        "attrs": _plain(frame.attrs),
        "warnings": [[w.category.__name__, str(w.message)] for w in caught],
        "index": _hash(frame.index),
        "values": {str(c): _hash(frame[c]) for c in frame.columns},
    }


def run(reader: str, file: str, kwargs: dict[str, Any], data: Path = DATA) -> tuple[Any, Any]:
    """(record, frame or None) of one case with the readers installed now."""
    import wpsstats as wps

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # a socket that an earlier test left open (a notebook kernel's) is closed by the garbage
        # collector whenever it runs, here too. No reader leaves a file open: every case run with
        # gc.collect() after it gave no ResourceWarning
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            frame = getattr(wps.read, reader)(data / file, **kwargs)
        except Exception as exc:  # the refusal is part of the record
            return {"error": [type(exc).__name__, str(exc)]}, None
    return describe(frame, list(caught)), frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pickle", type=Path, help="also keep the frames here (not in the repo)")
    args = parser.parse_args(argv)
    golden: dict[str, Any] = {}
    frames: dict[str, Any] = {}
    for reader, file, kwargs in cases():
        key = case_key(reader, file, kwargs)
        golden[key], frames[key] = run(reader, file, kwargs)
    GOLDEN.write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.pickle:
        args.pickle.mkdir(parents=True, exist_ok=True)
        (args.pickle / "read_frames.pkl").write_bytes(pickle.dumps(frames))
    print(f"{len(golden)} cases written to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
