"""Refresh the checksums of every dataset sidecar and rewrite ``datasets/datasets.csv``.

Run after writing or changing any dataset::

    .venv/bin/python datasets/scripts/build_index.py

For each ``datasets/NAME.yaml`` it recomputes the sha256 of the CSV it names and writes it back into
the sidecar (only that line changes), then writes the index ``datasets.csv`` with the name, title,
number of data rows and description of every dataset, sorted by name. A test recomputes both, so a
dataset edited without running this script fails the test suite.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

import yaml

DATASETS = Path(__file__).resolve().parent.parent


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_rows(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def refresh_sidecar(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    digest = sha256(DATASETS / meta["file"])
    if re.search(r"^sha256:.*$", text, flags=re.MULTILINE):
        text = re.sub(r"^sha256:.*$", f"sha256: {digest}", text, flags=re.MULTILINE)
    else:
        text = text.rstrip("\n") + f"\nsha256: {digest}\n"
    path.write_text(text, encoding="utf-8")
    meta["sha256"] = digest
    return dict(meta)


def main() -> int:
    rows = []
    for sidecar in sorted(DATASETS.glob("*.yaml")):
        meta = refresh_sidecar(sidecar)
        if meta.get("name") != sidecar.stem:
            print(
                f"{sidecar.name}: name {meta.get('name')!r} differs from the file name",
                file=sys.stderr,
            )
            return 1
        description = " ".join(str(meta["description"]).split())
        rows.append(
            {
                "name": meta["name"],
                "title": meta["title"],
                "rows": count_rows(DATASETS / str(meta["file"])),
                "description": description,
            }
        )
    with open(DATASETS / "datasets.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=["name", "title", "rows", "description"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"indexed {len(rows)} datasets: {', '.join(str(r['name']) for r in rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
