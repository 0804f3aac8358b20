"""A new user's mistakes, met in a walkthrough of the user guide: each error names what to do.

Every test here failed before its fix: a report's path given where its text was expected gave an
empty frame; a directory or a relative path missing from the working directory was "no such
file" with nothing to say where it was looked for; a CSV given to the UNICEF reader passed on
pandas' advice to "specify an engine manually", which the reader takes no argument for; and a
percentage given as data for a printed share was compared as "2730 per cent".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.read import FileFormatError

NOTE = "Women hold 27.3 per cent of the seats. Four of the six parties are listed."


@pytest.mark.parametrize("name", ["S_2025_389.en.pdf", "report.txt"])
def test_extract_figures_refuses_a_path_that_is_not_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("27.3 per cent\n", encoding="utf-8")
    for given in (str(path), name):  # an existing file, or only a file's name
        with pytest.raises(ValueError, match=r"is a file path.*wps\.read\.report"):
            wps.extract_figures(given)
        with pytest.raises(ValueError, match=r"is a file path.*wps\.read\.report"):
            wps.audit(given)
    with pytest.raises(TypeError, match=r"wps\.read\.report"):
        wps.extract_figures(path)  # a Path object


def test_extract_figures_still_reads_short_texts() -> None:
    assert wps.extract_figures("27.3 per cent")["value"].tolist() == [0.273]
    assert len(wps.extract_figures("")) == 0
    assert wps.audit(NOTE)["phrase"].tolist() == ["27.3 per cent", "Four", "six"]


def test_reader_given_a_directory_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="is a directory, not a file"):
        wps.read.wdi(tmp_path)


def test_reader_given_a_missing_relative_path_names_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"no such file in the working directory") as err:
        wps.read.wdi("API_SG.GEN.PARL.ZS.csv")
    assert str(tmp_path) in str(err.value)
    # an absolute path is named as given, with nothing added
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(FileNotFoundError, match=r"no such file$"):
        wps.read.wdi(missing)


def test_unicef_given_a_csv_says_what_it_needs(tmp_path: Path) -> None:
    csv = tmp_path / "child-marriage.csv"
    csv.write_text("Country,Married by 18\nMali,51.5\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="cannot be read as an Excel workbook") as err:
        wps.read.unicef(csv)
    message = str(err.value)
    assert "engine" not in message  # pandas' advice: read.unicef takes no engine
    assert ".xlsx" in message


def test_audit_refuses_a_percentage_for_a_printed_share() -> None:
    data = pd.DataFrame({"phrase": ["27.3 per cent"], "value": [27.3]})
    with pytest.raises(ValueError, match=r"27\.3 per cent is 0\.273"):
        wps.audit(NOTE, data=data)
    data["value"] = 0.273
    result = wps.audit(NOTE, data=data)
    assert result.loc[result["check"] == "data", "verdict"].tolist() == ["consistent"]
    # a count printed as a count is not a share: any size is fine
    data = pd.DataFrame({"phrase": ["six"], "value": [6]})
    result = wps.audit(NOTE, data=data)
    assert "consistent" in result.loc[result["phrase"] == "six", "verdict"].tolist()
