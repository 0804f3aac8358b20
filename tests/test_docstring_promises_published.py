"""The documented promises of the published figures, the charts and the readers, held to what the
code does: each test here failed on the code before its fix (a docstring's promise broken, a
library's bare error escaping, a figure left open after an error, a number silently wrong).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

import wpsstats as wps
from wpsstats.published import audit, audit_text, check_symbol, implied_fraction


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# audit: "range: ... a share above 100 per cent too"
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Between 95 and 110 per cent of the seats.", "between 110 and 120 per cent"]
)
def test_audit_a_range_of_shares_above_100_per_cent_is_inconsistent(text: str) -> None:
    # the range's midpoint was compared, and a range was left out of the check altogether
    result = audit(text)
    assert result["verdict"].astype(str).tolist() == ["inconsistent"]
    assert result["check"].tolist() == ["range"]
    assert "a share above 100 per cent" in result["reason"].iloc[0]


def test_audit_a_range_within_100_per_cent_is_not_flagged() -> None:
    result = audit("Between 83 and 92 per cent of survivors.")
    assert result["verdict"].astype(str).tolist() == ["not_checkable"]


# --------------------------------------------------------------------------------------------
# extract_figures and audit on a report: page is the report's own page
# --------------------------------------------------------------------------------------------


def test_a_report_page_without_a_number_keeps_the_others_whole() -> None:
    # an Int64 page column with a missing number became float64: audit_text wrote "p. 2.0"
    pages = pd.DataFrame(
        {
            "page": pd.array([pd.NA, 2], dtype="Int64"),
            "text": ["Introduction.", "Four of the three parties."],
        }
    )
    found = wps.extract_figures(pages)
    assert found["page"].dtype == "Int64"
    assert found["page"].tolist() == [2, 2]
    result = audit(pages)
    assert result["page"].dtype == "Int64"
    assert "p. 2, Four" in audit_text(result)
    assert "2.0" not in audit_text(result)


@pytest.mark.parametrize(
    "page",
    [pd.array([1, 2], dtype="Int64"), pd.array(["i", "ii"], dtype="string"), [10, 11]],
    ids=["Int64", "string", "int64"],
)
@pytest.mark.parametrize("text", ["Four of the six parties.", "No figure here."])
def test_extract_figures_page_has_the_reports_dtype_found_or_not(page: object, text: str) -> None:
    pages = pd.DataFrame({"page": page, "text": ["Front matter.", text]})
    assert wps.extract_figures(pages)["page"].dtype == pages["page"].dtype
    assert audit(pages)["page"].dtype == pages["page"].dtype


# --------------------------------------------------------------------------------------------
# implied_fraction: an error names the argument given
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "error", "message"),
    [
        (0, ValueError, "size must be a positive count; got 0"),
        (-3, ValueError, "size must be a positive count; got -3"),
        (36.5, ValueError, "size must be a whole number of people; got 36.5"),
        ("36", TypeError, "size must be a whole number of people; got '36'"),
        (True, TypeError, "size must be a whole number of people; got True"),
    ],
)
def test_implied_fraction_size_errors_name_size(size: object, error: type, message: str) -> None:
    # the messages said "n must be ...": implied_fraction has no argument n
    with pytest.raises(error) as info:
        implied_fraction("25", size=size)  # type: ignore[arg-type]
    assert str(info.value) == message


# --------------------------------------------------------------------------------------------
# charts: a refused source leaves no figure open
# --------------------------------------------------------------------------------------------


def _charts() -> dict[str, Callable[..., Axes]]:
    rate = wps.rate(pd.Series([9, 225], index=["cabinet", "mediators"]), [36, 703])
    gap = wps.parity_gap([52, 10], [6483, 104], [0.15, 0.30])
    survey = pd.DataFrame(
        {"region": ["north"], "prevalence": [0.3], "lower": [0.2], "upper": [0.4]}
    )
    shares = wps.figures(geo="MLI").query("kind == 'share'").head(2)
    path = wps.parity_targets("military_contingents")
    return {
        "representation": lambda **kw: wps.plot.representation(rate, **kw),
        "parity": lambda **kw: wps.plot.parity(gap, **kw),
        "prevalence": lambda **kw: wps.plot.prevalence(survey, **kw),
        "qualified_figures": lambda **kw: wps.plot.qualified_figures(shares, **kw),
        "trend": lambda **kw: wps.plot.trend([2014, 2018], [0.008, 0.026], **kw),
        "trend with a target path": lambda **kw: wps.plot.trend(
            [2014, 2018], [0.008, 0.026], target_path=path, **kw
        ),
    }


@pytest.mark.parametrize("chart", list(_charts()))
@pytest.mark.parametrize("source", [5, b"IEG", ["IEG", "IPI"]], ids=["int", "bytes", "list"])
def test_a_chart_refusing_its_source_leaves_no_figure_open(chart: str, source: object) -> None:
    # the source was checked by source_line, after the figure was made: the TypeError left it
    # open; with a target path, trend raised a bare AttributeError ('int' has no 'rstrip')
    draw = _charts()[chart]
    before = set(plt.get_fignums())
    with pytest.raises(TypeError, match=r"^source must be a string or None, got "):
        draw(source=source)
    assert set(plt.get_fignums()) == before


@pytest.mark.parametrize("chart", list(_charts()))
def test_a_chart_with_its_source_as_a_string_or_none_still_draws(chart: str) -> None:
    for source in (None, "", "IEG update on Mali (2018)"):
        ax = _charts()[chart](source=source)
        assert isinstance(ax, Axes)


# --------------------------------------------------------------------------------------------
# qualified_figures: a range that does not hold its value
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lower", "value", "upper"),
    [(0.92, 0.875, 0.83), (0.40, 0.90, 0.60), (0.40, 0.30, 0.60)],
    ids=["reversed", "value above", "value below"],
)
def test_qualified_figures_range_not_holding_its_value_is_named(
    lower: float, value: float, upper: float
) -> None:
    # matplotlib's bare "'xerr' must not contain negative values" escaped, the figure left open
    frame = pd.DataFrame(
        {
            "figure_id": ["a", "b"],
            "value": [0.5, value],
            "lower": [0.4, lower],
            "upper": [0.6, upper],
            "qualifier": ["between", "between"],
            "kind": ["share", "share"],
        }
    )
    before = set(plt.get_fignums())
    with pytest.raises(ValueError, match=r"'between' figure's range .* at index 1$"):
        wps.plot.qualified_figures(frame, source="")
    assert set(plt.get_fignums()) == before


def test_qualified_figures_range_at_its_ends_is_drawn() -> None:
    frame = pd.DataFrame(
        {
            "figure_id": ["a"],
            "value": [0.83],
            "lower": [0.83],
            "upper": [0.92],
            "qualifier": ["between"],
            "kind": ["share"],
        }
    )
    ax = wps.plot.qualified_figures(frame, source="")
    assert [t.get_text() for t in ax.texts if t.get_gid() == "phrase"] == ["between 83% and 92%"]


# --------------------------------------------------------------------------------------------
# read.wdi, World Bank API JSON: "API JSON adds obs_status and decimal"
# --------------------------------------------------------------------------------------------

_PAGE = {"page": 1, "pages": 1, "per_page": 50, "total": 1, "lastupdated": "2025-10-07"}
_OBSERVATION = {
    "indicator": {
        "id": "SG.GEN.PARL.ZS",
        "value": "Proportion of seats held by women in national parliaments (%)",
    },
    "country": {"id": "ML", "value": "Mali"},
    "countryiso3code": "MLI",
    "date": "2024",
    "value": 30.65,
    "unit": "",
    "obs_status": "",
    "decimal": 1,
}


def _api_page(tmp_path: Path, observations: list[dict[str, object]]) -> Path:
    path = tmp_path / "wdi_api.json"
    page = {**_PAGE, "total": len(observations)}
    path.write_text(json.dumps([page, observations or None]), encoding="utf-8")
    return path


@pytest.mark.parametrize("keep_text", [False, True])
def test_wdi_api_reply_without_observations_has_the_columns_of_one_with(
    tmp_path: Path, keep_text: bool
) -> None:
    # obs_status and decimal (and value_text) were missing from an empty reply
    some = wps.read.wdi(_api_page(tmp_path, [_OBSERVATION]), keep_text=keep_text)
    none = wps.read.wdi(_api_page(tmp_path, []), keep_text=keep_text)
    assert none.empty and list(none.columns) == list(some.columns)
    for column in ("value", "share", "is_aggregate", "obs_status", "decimal", "value_text"):
        if column in some.columns:
            assert none[column].dtype == some[column].dtype, column


@pytest.mark.parametrize("keep_text", [False, True])
@pytest.mark.parametrize("decimal", [1.5, "one", -1, True], ids=["1.5", "text", "-1", "true"])
def test_wdi_api_decimal_that_is_not_a_whole_number_is_named(
    tmp_path: Path, decimal: object, keep_text: bool
) -> None:
    # 1.5 was read as 1 (pandas truncates a Float64 on its way to Int64), "one" as missing
    path = _api_page(tmp_path, [{**_OBSERVATION, "decimal": decimal}])
    with pytest.raises(ValueError, match=r"record 1: 'decimal' must be a whole number"):
        wps.read.wdi(path, keep_text=keep_text)


@pytest.mark.parametrize("keep_text", [False, True])
@pytest.mark.parametrize(("decimal", "read"), [(0, 0), (2, 2), (None, None), ("", None)])
def test_wdi_api_decimal_as_given(
    tmp_path: Path, decimal: object, read: int | None, keep_text: bool
) -> None:
    path = _api_page(tmp_path, [{**_OBSERVATION, "decimal": decimal}])
    got = wps.read.wdi(path, keep_text=keep_text)["decimal"].iloc[0]
    assert (pd.isna(got) and read is None) or got == read


@pytest.mark.parametrize("printed", ["inf", "-Infinity"])
def test_wdi_value_that_is_infinite_is_no_number(tmp_path: Path, printed: str) -> None:
    # "expected a number or an empty field": pandas read "inf" as infinity, kept as the value
    path = tmp_path / "API_SG.GEN.PARL.ZS_DS2_en_csv_v2_1.csv"
    path.write_text(
        "Country Name,Country Code,Indicator Name,Indicator Code,2023,2024\n"
        f"Mali,MLI,Proportion of seats (%),SG.GEN.PARL.ZS,28.5,{printed}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=rf"line 2, column '2024': .*got '{printed}'"):
        wps.read.wdi(path, metadata=None)
    api = _api_page(tmp_path, [{**_OBSERVATION, "value": printed}])
    with pytest.raises(ValueError, match=r"record 1: 'value' must be a number or null"):
        wps.read.wdi(api)


# --------------------------------------------------------------------------------------------
# source_line: "replacing any source line already there" -- not when it refuses the new one
# --------------------------------------------------------------------------------------------


def test_source_line_refusing_its_note_keeps_the_line_already_there() -> None:
    # the old line was removed before the note was checked: the TypeError left no source at all
    _, ax = plt.subplots()
    wps.plot.source_line(ax, "IEG update on Mali (2018), p. 1")
    with pytest.raises(TypeError, match="note must be a string or None, got 5"):
        wps.plot.source_line(ax, "IPI Peacekeeping Database", note=5)  # type: ignore[arg-type]
    lines = [t.get_text() for t in ax.texts if t.get_gid() == "source"]
    assert lines == ["Source: IEG update on Mali (2018), p. 1"]


# --------------------------------------------------------------------------------------------
# check_symbol: a resumed meeting's record
# --------------------------------------------------------------------------------------------


def test_check_symbol_reads_a_resumed_meetings_record() -> None:
    # the record's own pattern allows "(Resumption 1)", but the shape check before it took
    # only a year in brackets: the symbol was called malformed, its series never read
    result = check_symbol("S/PV.8382 (Resumption 1)")
    assert result.valid
    assert (result.organ, result.series, result.number) == (
        "Security Council",
        "meeting record",
        8382,
    )
    assert not check_symbol("S/2016/682 (Resumption 1)").valid
