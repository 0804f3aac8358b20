"""wpsstats.read.unicef against small workbooks written here and the real UNICEF databases.

The fixture workbooks are written by openpyxl in each test from the rows below (an .xlsx is a zip
of XML: rows in the test say what each pins better than a binary file would).
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.read import CountryNameWarning, FileFormatError

openpyxl = pytest.importorskip("openpyxl")

DASH = "\u2013"
# the re-saved child-marriage layout: one header row, a note column beside each value, the
# survey (with its year) in a column without a header, regions after "SUMMARY"
CHILD_MARRIAGE: list[list[Any]] = [
    ["Countries and areas", "Married by 15", None, "Married by 18", None, None],
    ["Albania", 0.2, "x", 9.6, "x", "DHS 2008-09"],
    ["Andorra", DASH, None, DASH, None, None],
    ["Mali", 16.5, None, 51.5, None, "MICS 2015"],
    [None] * 6,
    ["SUMMARY", None, None, None, None, None],
    ["West and Central Africa", 14.43, None, 41.03, None, None],
    ["World", 5.02, None, 20.86, None, None],
]
_HEADER = [
    ["Country", "FGM prevalence among girls aged 0 to 14 years (%)", None,
     "FGM prevalence among girls aged 0 to 14 years, by residence and wealth quintile (%)",
     None, None, None, "Reference year", "Data source"],
    [None, None, None, "Residence", None, "Wealth quintile", None, None, None],
    [None, None, None, "Urban", None, "Poorest", None, None, None],
]  # fmt: skip
# the FGM layout: a banner, three header rows, two tables on one sheet, notes under each
FGM: list[list[Any]] = [
    [None, "GLOBAL DATABASES"],
    [None, "[data.unicef.org]"],
    ["Female genital mutilation (FGM)"],
    ["Last update: February 2020"],
    *_HEADER,
    ["Egypt", 14.1, "y", 10.4, "y", 20.5, None, 2015, "Health Issues Survey (DHS)"],
    ["Liberia", DASH, None, DASH, None, DASH, None, DASH, DASH],
    ["Chad", 9.9, None, 8.8, None, 10.497, None, "2014-15", "DHS "],
    [None],
    [f"{DASH} Data not available."],
    ["FGM prevalence among daughters of girls and women aged 15 to 49 years"],
    ["Country", "Mothers with at least one daughter cut (%)", None, "Girls and women ... (%)",
     None, None, None, "Reference year", "Data source"],
    [None, None, None, "Residence", None, "Wealth quintile", None, None, None],
    [None, None, None, "Urban", None, "Poorest", None, None, None],
    ["Cameroon", 0.7, None, 0.8, None, 1.1, None, 2004, "DHS"],
]  # fmt: skip


def workbook(tmp_path: Path, rows: list[list[Any]], name: str = "book.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_child_marriage_layout(tmp_path: Path) -> None:
    out = wps.read.unicef(workbook(tmp_path, CHILD_MARRIAGE))
    assert out.attrs["rows_read"] == 5 and len(out) == 5 * 2
    assert out["indicator"].unique().tolist() == ["Married by 15", "Married by 18"]
    assert out["breakdown"].unique().tolist() == ["total"]
    albania = out[out["geo"] == "ALB"]
    assert albania["value"].tolist() == pytest.approx([0.002, 0.096])
    assert albania["note"].tolist() == ["x", "x"]  # differs from the standard definition
    assert albania["source"].iloc[0] == "DHS 2008-09"
    assert albania["reference_year"].iloc[0] == "2008-09"
    # "–" is no data: missing, never zero
    andorra = out[out["geo"] == "AND"]
    assert andorra["value"].isna().all() and andorra["source"].isna().all()
    # the regions after SUMMARY: flagged, no geo, and no warning for them
    regions = out[out["is_aggregate"].to_numpy(dtype=bool)]
    assert regions["geo_name"].unique().tolist() == ["West and Central Africa", "World"]
    assert regions["geo"].isna().all()
    assert out.loc[out["geo"] == "MLI", "row"].tolist() == [4, 4]  # the workbook's row


def test_fgm_layout_two_tables(tmp_path: Path) -> None:
    out = wps.read.unicef(workbook(tmp_path, FGM))
    assert out.attrs["title"] == "Female genital mutilation (FGM)"
    assert out.attrs["last_update"] == "February 2020"
    assert out.attrs["tables"] == 2 and out.attrs["rows_read"] == 4
    assert out.attrs["notes"][0] == f"{DASH} Data not available."
    assert len(out) == 4 * 3
    egypt = out[out["geo"] == "EGY"]
    assert egypt["breakdown"].tolist() == ["total", "residence", "wealth quintile"]
    assert egypt["category"].tolist() == ["total", "urban", "poorest"]
    assert egypt["indicator"].unique().tolist() == ["FGM prevalence among girls aged 0 to 14 years"]
    assert egypt["note"].fillna("").tolist() == ["y", "y", ""]
    assert egypt["reference_year"].iloc[0] == "2015"
    chad = out[out["geo"] == "TCD"]
    assert chad["value"].tolist() == pytest.approx([0.099, 0.088, 0.10497])
    assert chad["reference_year"].iloc[0] == "2014-15" and chad["source"].iloc[0] == "DHS"
    liberia = out[out["geo"] == "LBR"]
    assert liberia[["value", "reference_year", "source"]].isna().all(axis=None)  # "–" each
    cameroon = out[out["geo"] == "CMR"]
    assert cameroon["indicator"].unique().tolist() == ["Mothers with at least one daughter cut"]


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ((3, 1), "12,3", r"line 4, column 'B \(Married by 15: total\)': expected a per cent"),
        ((3, 3), 151.5, r"line 4, column 'D \(Married by 18: total\)'"),
    ],
)
def test_damage_is_named(
    tmp_path: Path, cell: tuple[int, int], value: object, message: str
) -> None:
    rows = [list(r) for r in CHILD_MARRIAGE]
    rows[cell[0]][cell[1]] = value
    with pytest.raises(FileFormatError, match=message):
        wps.read.unicef(workbook(tmp_path, rows))


def test_values_without_a_name_are_an_error_not_a_note(tmp_path: Path) -> None:
    # Mali's name cell emptied: its two values went into attrs["notes"] as "16.5 51.5 MICS 2015"
    rows = [list(r) for r in CHILD_MARRIAGE]
    rows[3][0] = None
    with pytest.raises(
        FileFormatError, match=r"line 4, column 'A': a row holds the value '16.5' but no"
    ):
        wps.read.unicef(workbook(tmp_path, rows))
    # a note's text, wherever it stands, is still a note
    rows = [list(r) for r in CHILD_MARRIAGE] + [[None, "Source: UNICEF global databases"]]
    assert wps.read.unicef(workbook(tmp_path, rows)).attrs["notes"] == [
        "Source: UNICEF global databases"
    ]


def test_not_a_unicef_workbook(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no header row starting 'Country'"):
        wps.read.unicef(workbook(tmp_path, [["Nation", "Value"], ["Mali", 1]]))
    text = tmp_path / "not.xlsx"
    text.write_text("Country,Value\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="cannot be read as an Excel workbook"):
        wps.read.unicef(text)


def test_unmatched_country_warns(tmp_path: Path) -> None:
    rows = [list(r) for r in CHILD_MARRIAGE]
    rows[2][0] = "Atlantis"
    with pytest.warns(CountryNameWarning, match="'Atlantis'"):
        out = wps.read.unicef(workbook(tmp_path, rows))
    assert out.loc[out["geo_name"] == "Atlantis", "geo"].isna().all()


def test_without_openpyxl_the_extra_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path, CHILD_MARRIAGE)
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "openpyxl" else real(name)
    )
    with pytest.raises(ImportError, match=r"pip install 'wpsstats\[excel\]'"):
        wps.read.unicef(path)


REAL = {
    # file: (country and region rows, value columns, tables, regions, non-empty sheet rows)
    "Child-marriage-database_Mar-2018.xlsx": (210, 2, 1, 13, 212),
    "FGM-Women-prevalence-database_Feb-2020.xlsx": (30, 8, 1, 0, 41),
    "FGM-Girls-prevalence-database_Feb-2020.xlsx": (31, 8, 2, 0, 51),
}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", REAL)
def test_real_row_accounting(shared_data: Path, name: str) -> None:
    path = shared_data / "unicef" / name
    rows, columns, tables, regions, filled = REAL[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        warnings.filterwarnings("ignore", "Unknown extension", UserWarning)  # openpyxl's
        out = wps.read.unicef(path)
        sheet = pd.read_excel(path, header=None, dtype=object)
    assert out.attrs["rows_read"] == rows and len(out) == rows * columns
    assert out.attrs["tables"] == tables
    assert int(out["is_aggregate"].sum()) == regions * columns
    # every non-empty row of the sheet is a banner line, a header row, a data row or a note
    # (and the child-marriage table's SUMMARY marker)
    banner = 4 if out.attrs["title"] else 0
    headers = 1 if name.startswith("Child") else 3 * tables
    summary = 1 if regions else 0
    assert int(sheet.notna().any(axis=1).sum()) == filled
    assert banner + headers + rows + len(out.attrs["notes"]) + summary == filled
    assert out["value"].dropna().between(0, 1).all()


@pytest.mark.shared_data
def test_real_figures(shared_data: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CountryNameWarning)
        marriage = wps.read.unicef(shared_data / "unicef" / "Child-marriage-database_Mar-2018.xlsx")
        women = wps.read.unicef(
            shared_data / "unicef" / "FGM-Women-prevalence-database_Feb-2020.xlsx"
        )
    mali = marriage[(marriage["geo"] == "MLI") & (marriage["indicator"] == "Married by 18")]
    assert mali["value"].tolist() == pytest.approx([0.515])
    assert mali["source"].tolist() == ["MICS 2015"]
    assert int((marriage["note"] == "x").sum()) == 36
    # "–" is missing: Andorra has no data at all
    assert marriage.loc[marriage["geo"] == "AND", "value"].isna().all()
    total = women[(women["geo"] == "MLI") & (women["breakdown"] == "total")]
    assert total["value"].tolist() == pytest.approx([0.886])
    assert total[["reference_year", "source"]].iloc[0].tolist() == ["2018", "DHS"]
