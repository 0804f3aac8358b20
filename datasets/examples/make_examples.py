"""Cut the small example files that the readers' docstrings read, from the real downloads.

Run from the project root, with ``../shared/data`` beside the checkout (see its SOURCES.md):
``.venv/bin/python datasets/examples/make_examples.py``. Each example keeps a few records of a
real file exactly as the file prints them (byte-order mark, quoting, line ends), so that an
example shows the quirks the reader handles. README.md in this folder says where each comes from.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "shared" / "data"


def lines_of(path: Path) -> list[str]:
    """The file's lines, each with its own line end (a BOM stays on the first)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read().splitlines(keepends=True)


def wdi() -> None:
    """Mali, Niger and Sub-Saharan Africa, 2015-2020, of the bulk parliament file and of its
    Metadata_Country companion; the preamble, quoting, CRLF and trailing comma kept."""
    name = "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396.csv"
    lines = lines_of(DATA / "wdi" / name)
    header = next(csv.reader([lines[4]]))
    keep = [0, 1, 2, 3] + [i for i, h in enumerate(header) if h in map(str, range(2015, 2021))]
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=",\r\n")
    for line in lines[4:]:
        row = next(csv.reader([line]))
        if line is lines[4] or row[1] in ("MLI", "NER", "SSF"):
            writer.writerow([row[i] for i in keep])
    target = "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_example.csv"
    (HERE / target).write_text("".join(lines[:4]) + out.getvalue(), encoding="utf-8", newline="")
    meta = lines_of(DATA / "wdi" / f"Metadata_Country_{name}")
    rows = [meta[0]] + [m for m in meta[1:] if m[1:4] in ("MLI", "NER", "SSF")]
    (HERE / f"Metadata_Country_{target}").write_text("".join(rows), encoding="utf-8", newline="")


def dhs() -> None:
    """HDX's DHS CSV with its HXL row (three estimates), and the API's own columns for two
    subnational labels, one indented with ".."."""
    hxl = lines_of(DATA / "dhs_api" / "hdx_DHS_Quickstats_national_AFG_with_HXL_row_5899134.csv")
    (HERE / "dhs_api_hdx_hxl_example.csv").write_text(
        "".join(hxl[:5]), encoding="utf-8", newline=""
    )
    sub = lines_of(DATA / "dhs_api" / "hdx_afg0subnational.csv")
    (HERE / "dhs_api_subnational_example.csv").write_text(
        "".join(sub[:3]), encoding="utf-8", newline=""
    )


def ipi() -> None:
    """The MINUSMA records of Burkina Faso, Chad, Niger and Togo, March 2014."""
    records = json.loads((DATA / "peacekeeping_ipi" / "ipi_20140331_gender.json").read_text())
    kept = [
        r
        for r in records
        if r.get("mission") == "MINUSMA" and r.get("tcc_country_id") in ("BFA", "TCD", "NER", "TGO")
    ]
    (HERE / "ipi_gender_example.json").write_text(
        json.dumps(kept, indent=4) + "\n", encoding="utf-8"
    )


def pax() -> None:
    """The PADD agreement-level rows of Mali and Mali/Azawad (four agreements)."""
    lines = lines_of(DATA / "pax" / "PADD_Agreement_Level.csv")
    rows = [lines[0]] + [line for line in lines[1:] if line.startswith(("Mali,", "Mali/Azawad,"))]
    (HERE / "PADD_Agreement_Level_example.csv").write_text(
        "".join(rows), encoding="utf-8", newline=""
    )


def ipu() -> None:
    """IPU's November 2025 ranking: its metadata block and two-row header, then Rwanda, Andorra
    and the United Arab Emirates (a tie), Nigeria, Argentina (women unknown) and Afghanistan
    (suspended)."""
    lines = lines_of(DATA / "ipu" / "women-ranking_2025-11.csv")
    header = next(i for i, line in enumerate(lines) if line.startswith('"Rank","Country"'))
    names = ("Rwanda", "Andorra", "United Arab Emirates", "Nigeria", "Argentina", "Afghanistan")
    rows = [line for line in lines[header + 2 :] if next(csv.reader([line]))[1] in names]
    (HERE / "ipu_women_ranking_example.csv").write_text(
        "".join(lines[: header + 2] + rows), encoding="utf-8", newline=""
    )


def pax_agreements() -> None:
    """The PA-X agreements of the PADD example (Mali and Mali/Azawad: AgtId 637, 1365, 2177,
    2293): their records as the file prints them, line breaks inside text fields included."""
    path = DATA / "pax" / "pax_all_agreements_data_v6.csv"
    # split as the csv module counts lines (str.splitlines also breaks at \x1c, \u2028, ...)
    with path.open(encoding="utf-8", newline="") as handle:
        lines = handle.readlines()
    reader = csv.reader(io.StringIO("".join(lines), newline=""))
    header = next(reader)
    at, start, kept = header.index("AgtId"), 1, lines[:1]
    for record in reader:  # a record spans lines start .. reader.line_num (1-based)
        if record[at] in ("637", "1365", "2177", "2293"):
            kept += lines[start : reader.line_num]
        start = reader.line_num
    (HERE / "pax_agreements_example.csv").write_text("".join(kept), encoding="utf-8", newline="")


def unicef() -> None:
    """UNICEF's FGM database (women 15-49, February 2020): its banner, three header rows, the
    rows of Burkina Faso, Egypt, Mali and Niger, and
    the notes below; each cell's value as stored (numbers stay numbers), formatting not kept."""
    import openpyxl  # the excel extra

    source = openpyxl.load_workbook(DATA / "unicef" / "FGM-Women-prevalence-database_Feb-2020.xlsx")
    sheet = source.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    names = ("Burkina Faso", "Egypt", "Mali", "Niger")
    last_header = next(i for i, r in enumerate(rows) if r[0] == "Country") + 2
    notes = next(i for i, r in enumerate(rows) if i > last_header and r[0] is None)
    kept = rows[: last_header + 1] + [r for r in rows if r[0] in names] + rows[notes:]
    out = openpyxl.Workbook()
    target = out.active
    target.title = sheet.title
    for row in kept:
        target.append(list(row))
    out.save(HERE / "unicef_fgm_women_example.xlsx")


if __name__ == "__main__":
    wdi()
    dhs()
    ipi()
    pax()
    ipu()
    pax_agreements()
    unicef()
