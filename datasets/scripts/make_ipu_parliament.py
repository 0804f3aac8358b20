"""Write datasets/ipu_parliament.csv: seats and women per chamber, every country (IPU Parline).

Reads the Inter-Parliamentary Union's monthly rankings of women in national parliaments in
../shared/data/ipu/ (November 2025, English, the 2025 export; November 2021, French, the older
export) with ``wpsstats.read.ipu``: one row per country, chamber and month, with the election date,
seats, women and the share. A chamber that does not exist has no row; women not known are empty.
The 2021 export's dates cut to "10.202" (the trailing zero of 2020 lost) are read as 2020 and kept
as printed in ``election_printed``. IPU's data are licensed CC BY-NC-SA 4.0, and so is this
extract. Run::

    .venv/bin/python datasets/scripts/make_ipu_parliament.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import sys
import warnings
from decimal import Decimal
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402

IPU = ROOT.parent / "shared" / "data" / "ipu"
SOURCES = {
    "2025-11": IPU / "women-ranking_2025-11.csv",
    "2021-11": IPU / "chamber--current_women_percent_2021-11_fr.csv",
}
OUT = ROOT / "datasets" / "ipu_parliament.csv"
COLUMNS = [
    "geo", "geo_name", "month", "chamber", "election", "election_printed", "seats", "women",
    "share", "share_printed", "rank", "status",
]  # fmt: skip


def main() -> None:
    frames = []
    for month, path in SOURCES.items():
        with warnings.catch_warnings():
            # the 2021 export's cut dates are expected (and kept as printed); a printed share
            # that disagrees with its counts, or an unmatched name, stops the script
            warnings.filterwarnings("ignore", message=".*three-digit year", category=UserWarning)
            warnings.simplefilter("error", wps.read.DataConsistencyWarning)
            warnings.simplefilter("error", wps.read.CountryNameWarning)
            frame = wps.read.ipu(path)
        if frame.attrs["month"] != month or frame.attrs["rows_read"] != 193:
            raise SystemExit(f"{path.name}: month {frame.attrs['month']}, not {month}")
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)[COLUMNS]
    # exact decimal division: the printed "40.3" is 0.403, not the float 0.40299999999999997
    out["share"] = [None if pd.isna(p) else str(Decimal(p) / 100) for p in out["share_printed"]]
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} rows, {out['geo'].nunique()} countries")


if __name__ == "__main__":
    main()
