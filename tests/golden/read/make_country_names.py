"""Record the ISO3 code the country-name matcher gives each name the readers meet in real files.

Run from the project root: ``.venv/bin/python tests/golden/read/make_country_names.py``. Each
(reader, file, options) case of ``make_read_golden.cases()`` is run with
``wpsstats._countries._iso3_of_name`` wrapped, so that every name a reader hands to the matcher
(``iso3_from_names``) is recorded with its answer; ``country_names.json`` holds, per file, each
distinct name and its code (null where none). The answers are those of the matcher as it was
before it read the bundled former and variant names (``datasets/country_names.csv``): pycountry
alone, the table switched off while recording. ``tests/test_country_names.py`` runs the matcher
with the table over these names again: a name that had a code keeps it, and only the former names
it lists gain one.
"""

from __future__ import annotations

import contextlib
import json
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import make_read_golden

OUT = Path(__file__).with_name("country_names.json")


def record(data: Path = make_read_golden.DATA, *, bundled: bool = False) -> dict[str, Any]:
    """{file: {name: code or None}} for every name the readers match in the files in ``data``;
    with pycountry alone, or (``bundled``) with the bundled former and variant names too."""
    import wpsstats as wps
    from wpsstats import _countries
    from wpsstats.read import pax

    found: dict[str, dict[str, Any]] = {}
    matcher = _countries._iso3_of_name
    current: dict[str, Any] = {}

    def recording(name: str) -> str | None:
        code = matcher(name)
        current[name] = code
        return code

    table = _countries._other_names_index
    _countries._iso3_of_name = recording  # type: ignore[assignment]
    if not bundled:
        _countries._other_names_index = dict  # type: ignore[assignment]
    matcher.cache_clear()
    try:
        for reader, file, kwargs in make_read_golden.cases(data):
            pax._con_codes.cache_clear()  # a Con met in an earlier file is matched again
            current = found.setdefault(file, {})
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # a file this reader refuses: its refusal is in read_golden.json
                with contextlib.suppress(Exception):
                    getattr(wps.read, reader)(data / file, **kwargs)
    finally:
        _countries._iso3_of_name = matcher  # type: ignore[assignment]
        _countries._other_names_index = table  # type: ignore[assignment]
        matcher.cache_clear()
    return {file: dict(sorted(names.items())) for file, names in found.items() if names}


def main() -> int:
    found = record()
    OUT.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    n = sum(len(v) for v in found.values())
    print(f"{n} names in {len(found)} files written to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
