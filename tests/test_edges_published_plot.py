"""Degenerate inputs an analyst meets, for the published figures, the charts, the profiles and the
bundled datasets: empty and odd texts, report frames whose page numbers repeat or are missing, data
with missing values, frames of all-missing values, codes few datasets know.

Each test here failed on the code before it: a bare KeyError, a numpy or matplotlib warning that
is not the library's own, a message that names the wrong value, or a silently wrong result.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import wpsstats as wps
from wpsstats.published import audit, audit_text


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# audit
# --------------------------------------------------------------------------------------------


def test_audit_reads_a_page_whose_number_repeats_at_its_own_place() -> None:
    # two rows numbered 1 (front matter, two reports joined): the second row's figures are
    # checked against the second row's text, so "Four of the six parties" is a part and its whole
    pages = pd.DataFrame(
        {"page": [1, 1], "text": ["Introduction without numbers.", "Four of the six parties."]}
    )
    result = audit(pages)
    assert result["phrase"].tolist() == ["Four", "six"]
    assert result["check"].tolist() == ["parts", "parts"]
    assert result["verdict"].astype(str).tolist() == ["consistent", "consistent"]


def test_audit_of_a_page_without_a_number() -> None:
    pages = pd.DataFrame(
        {
            "page": pd.array([pd.NA, 2], dtype="Int64"),
            "text": ["More than 52 per cent of girls.", "About 30 per cent."],
        }
    )
    result = audit(pages)
    assert result["phrase"].tolist() == ["More than 52 per cent", "About 30 per cent"]
    assert pd.isna(result["page"].iloc[0])
    assert result["page"].iloc[1] == 2


TEXT = "More than 52 per cent of girls. Nine women out of its 36 members (25 per cent)."


@pytest.mark.parametrize("missing", [np.nan, None, pd.NA])
def test_audit_data_without_a_value_checks_nothing(missing: object) -> None:
    # a missing value is neither within nor outside the printed figure
    data = pd.DataFrame({"phrase": ["More than 52 per cent"], "value": [missing]}, dtype=object)
    result = audit(TEXT, data=data)
    first = result.iloc[0]
    assert first["verdict"] == "not_checkable"
    assert first["check"] == "data"
    assert "no value" in first["reason"]
    assert np.isnan(first["data_value"])


def test_audit_data_value_that_is_not_a_number_is_named() -> None:
    data = pd.DataFrame({"phrase": ["More than 52 per cent"], "value": ["about half"]})
    with pytest.raises(ValueError, match=r"data: row 0 \('More than 52 per cent'\).*'about half'"):
        audit(TEXT, data=data)


def test_audit_text_names_a_frame_that_is_not_audits() -> None:
    with pytest.raises(ValueError, match=r"result \(audit's frame\) has no columns 'page', "):
        audit_text(wps.extract_figures(TEXT))
    with pytest.raises(TypeError, match=r"result \(audit's frame\) must be a pandas DataFrame"):
        audit_text("Four of the three parties")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limit", "error"), [(-1, ValueError), ("5", TypeError), (2.5, TypeError), (True, TypeError)]
)
def test_audit_text_limit_must_be_a_whole_number(limit: object, error: type) -> None:
    with pytest.raises(error, match="limit must be a whole number >= 0, got"):
        audit_text(audit(TEXT), limit=limit)  # type: ignore[arg-type]


def test_audit_text_of_no_figures() -> None:
    assert audit_text(audit("")) == "0 figures: 0 consistent, 0 inconsistent, 0 not checkable"


# --------------------------------------------------------------------------------------------
# datasets
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("argument", ["geo", "source", "indicator", "pillar"])
@pytest.mark.parametrize("value", [5, b"MLI", 0.5])
def test_figures_filter_that_is_no_string_is_named_with_its_value(
    argument: str, value: object
) -> None:
    expected = f"{argument} must be a string or a list of strings, got {value!r}"
    with pytest.raises(TypeError) as info:
        wps.figures(**{argument: value})  # type: ignore[arg-type]
    assert str(info.value) == expected


# --------------------------------------------------------------------------------------------
# charts
# --------------------------------------------------------------------------------------------


def test_qualified_figures_of_counts_without_values_draws_no_value_without_warnings() -> None:
    counts = wps.figures(geo="MLI").query("kind == 'count'").head(2)
    counts = counts.assign(value=np.nan, lower=np.nan, upper=np.nan, qualifier="exact")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = wps.plot.qualified_figures(counts)
    assert [t.get_text() for t in ax.texts if t.get_text() == "no value"] == ["no value"] * 2
    assert ax.get_xlim()[0] == 0.0  # "counts and rates on an axis from 0"
    assert ax.get_xlabel() == "Count (as published)"


PATH = wps.parity_targets("military_contingents")  # 8 % in 2021 ... 15 % in 2028


def _legend(ax: plt.Axes) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend is not None else []


def test_trend_target_path_with_a_year_missing_is_refused() -> None:
    # the row without a year was sorted last and taken for the last target (8 %, not 15 %)
    path = PATH.assign(year=pd.array([pd.NA, *PATH["year"].iloc[1:]], dtype="Int64"))
    with pytest.raises(ValueError, match=r"target_path: year is missing at index 0"):
        wps.plot.trend([2014, 2018], [0.008, 0.026], target_path=path, fit=True)


def test_trend_target_path_with_every_target_missing_is_refused() -> None:
    with pytest.raises(ValueError, match="target_path: every target is missing"):
        wps.plot.trend([2014, 2018], [0.008, 0.026], target_path=PATH.assign(target=np.nan))


def test_trend_target_path_whose_last_target_is_missing_is_read_to_the_last_given() -> None:
    path = PATH.assign(target=[*PATH["target"].iloc[:-1], np.nan])  # 2028 missing: 14 % in 2027
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = wps.plot.trend([2014, 2018], [0.008, 0.026], target_path=path, fit=True)
    assert "14% is reached" in _legend(ax)[-1]


def test_trend_shares_frame_without_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="shares is a DataFrame without columns"):
        wps.plot.trend([2014, 2018], pd.DataFrame(index=[0, 1]))


def test_trend_shares_frame_with_a_repeated_column_is_named() -> None:
    frame = pd.DataFrame([[0.1, 0.2], [0.2, 0.3]], columns=["MLI", "MLI"])
    with pytest.raises(ValueError, match="shares has more than one column named 'MLI'"):
        wps.plot.trend([2014, 2018], frame)


def test_representation_of_a_share_without_its_counts_writes_no_nan() -> None:
    frame = pd.DataFrame(
        {
            "women": pd.array([pd.NA, 10], dtype="Int64"),
            "total": pd.array([pd.NA, 40], dtype="Int64"),
            "rate": [0.25, 0.25],
        },
        index=["published share", "counted body"],
    )
    ax = wps.plot.representation(frame, source="")
    labels = [t.get_text() for t in ax.texts]
    assert not any("nan" in text for text in labels)
    assert labels[0] == "25%"  # the share, as the other bar's "(25%)" writes it
    assert labels[1] == "10 of 40 (25%)"


@pytest.mark.parametrize("chart", ["representation", "parity"])
def test_a_missing_name_is_labelled_missing_in_every_chart(chart: str) -> None:
    # a bar without a name had a blank tick in representation and parity, "missing" in prevalence
    if chart == "representation":
        frame = wps.rate(pd.Series([10, 5], index=[np.nan, "cabinet"]), [40, 20])
        ax = wps.plot.representation(frame, source="")
    else:
        frame = wps.parity_gap([12, 30], [140, 160], 0.2).set_axis([np.nan, "formed police"])
        ax = wps.plot.parity(frame, source="")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["missing", "cabinet" if chart == "representation" else "formed police"]
    survey = pd.DataFrame(
        {
            "region": [None, "north"],
            "prevalence": [0.2, 0.3],
            "lower": [0.1, 0.2],
            "upper": [0.3, 0.4],
        }
    )
    ax = wps.plot.prevalence(survey, source="")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["missing", "north"]


# --------------------------------------------------------------------------------------------
# parse_figure and extract_figures
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["per cent", "pour cent des femmes", "percent"])
def test_a_unit_without_its_number_is_no_figure(text: str) -> None:
    # "cent" is a hundred ("cent femmes"), but after "per" or "pour" it is the unit's word
    with pytest.raises(ValueError, match="no figure in text"):
        wps.parse_figure(text)


@pytest.mark.parametrize("text", ["GDP grew by -5 per cent.", "a .5 per cent rise"])
def test_the_word_cent_of_a_unit_is_not_a_hundred(text: str) -> None:
    found = wps.extract_figures(text)
    assert not ((found["phrase"] == "cent") & (found["value"] == 100)).any()


def test_cent_as_a_number_is_still_a_hundred() -> None:
    assert wps.parse_figure("cent femmes").value == 100


# --------------------------------------------------------------------------------------------
# profiles
# --------------------------------------------------------------------------------------------


def test_peacekeepers_of_a_country_that_sent_none_have_the_columns_dtypes() -> None:
    # Palestine is in the World Bank's file but sent no peacekeepers in March 2014: its frame
    # stacks with Mali's without turning the counts and shares into object columns
    none = wps.country_profile("PSE")["peacekeepers"]
    some = wps.country_profile("MLI")["peacekeepers"]
    assert none.empty and not some.empty
    assert none.dtypes.to_dict() == some.dtypes.to_dict()
    stacked = pd.concat([none, some], ignore_index=True)
    assert stacked.dtypes.to_dict() == some.dtypes.to_dict()
    empty_region = wps.region_profile("WAS")["peacekeepers"]
    assert empty_region.dtypes.to_dict() == some.dtypes.to_dict()


@pytest.mark.parametrize("report", ["Four of the six parties.", "No figure here."])
def test_audit_columns_keep_their_dtypes_found_or_not(report: str) -> None:
    # a text has no pages: page is missing (Int64), not a float column of NaN; the text columns
    # are strings whether a figure is found or not (they were object columns when none was)
    result = audit(report)
    assert result["page"].dtype == "Int64" and result["page"].isna().all()
    for column in ("phrase", "unit", "qualifier", "sentence"):
        assert result[column].dtype == "string", column


def test_chart_and_reproduce_flags_are_true_or_false() -> None:
    # one check and one message for a flag across the library (_checks.check_flag)
    with pytest.raises(TypeError, match="fit must be True or False, got 'yes'"):
        wps.plot.trend([2014, 2018], [0.1, 0.2], fit="yes")
    assert not plt.get_fignums()  # refused before a figure is made
    with pytest.raises(TypeError, match="detail must be True or False, got 'no'"):
        wps.reproduce("ieg-mali-2018", detail="no")


def test_trend_legend_says_passed_when_the_printed_year_is_the_latest() -> None:
    # the line through 10% (2019) and 28% (2020) reaches 30% in 2020.11: the legend said "at
    # this pace, 30% is reached in 2020" beside the 2020 share of 28%
    ax = wps.plot.trend([2019, 2020], [0.10, 0.28], target_path=0.3, fit=True, source="")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("it passed 30% in 2020" in label for label in labels), labels
    assert not any("is reached in 2020" in label for label in labels)
