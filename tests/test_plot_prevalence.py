"""Tests for wpsstats.plot.prevalence: survey estimates by domain, intervals and DHS marks."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from test_plot import errorbar_segments, plain_texts, source_of, ticklabels

import wpsstats as wps
from wpsstats import plot
from wpsstats.dhs import sampling_errors


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def recode() -> pd.DataFrame:
    """A synthetic DHS-like recode: 36 women in the north, 24 in the south, 60 in the east."""
    n = 120
    return pd.DataFrame(
        {
            "v005": ([1_500_000, 1_500_000, 500_000, 500_000] * 30)[:n],
            "v021": np.repeat(np.arange(1, 13), 10),
            "v022": np.repeat([1, 2, 3], 40),
            "region": ["north"] * 36 + ["south"] * 24 + ["east"] * 60,
            "married_by_18": ([1, 0, 0, 1, 1, 1] * 20)[:n],
        }
    )


def estimates() -> pd.DataFrame:
    return wps.survey_prevalence(
        recode(), "married_by_18", weight="v005", psu="v021", strata="v022", by="region"
    )


def test_prevalence_draws_each_domain_with_its_interval() -> None:
    est = estimates()
    ax = plot.prevalence(est, source="synthetic")
    assert ticklabels(ax) == est["region"].tolist()
    points = next(line for line in ax.lines if line.get_gid() == "estimates")
    np.testing.assert_allclose(points.get_xdata(), est["prevalence"])
    np.testing.assert_allclose(points.get_ydata(), [0, 1, 2])
    segments = errorbar_segments(ax)
    np.testing.assert_allclose(segments[:, 0], est["lower"])
    np.testing.assert_allclose(segments[:, 1], est["upper"])
    first = est.iloc[0]
    assert plain_texts(ax)[0] == (
        f"{wps.plot.style.percent(first['prevalence'])} "
        f"({wps.plot.style.percent(first['lower']).removesuffix('%')}-"
        f"{wps.plot.style.percent(first['upper'])})"
    )
    assert ax.get_xlim() == (0.0, 1.0)
    assert "Whiskers: confidence intervals of the prevalence (logit)" in source_of(ax)


def test_prevalence_takes_dhs_marks_from_sampling_errors() -> None:
    est = estimates()
    table = sampling_errors(recode(), "married_by_18", by="region")
    assert table["mark"].tolist() == ["", "()", "*"]  # east 60, north 36, south 24 cases
    ax = plot.prevalence(est, marks=table, source="synthetic")
    full = next(line for line in ax.lines if line.get_gid() == "estimates")
    hollow = next(line for line in ax.lines if line.get_gid() == "few-cases")
    assert full.get_ydata().tolist() == [0]
    assert hollow.get_ydata().tolist() == [1]
    assert hollow.get_markerfacecolor() == "white"
    labels = plain_texts(ax)
    assert labels[1].startswith("(") and labels[1].endswith("%)")
    assert labels[2] == "* fewer than 25 cases"
    # the suppressed domain has neither point nor whisker
    assert 2 not in errorbar_segments(ax)[:, 2]
    assert "fewer than 25 unweighted cases, suppressed" in source_of(ax)


def test_prevalence_overall_and_by_two_columns() -> None:
    data = recode().assign(urban=["yes", "no"] * 60)
    overall = wps.survey_prevalence(data, "married_by_18", weight="v005")
    assert ticklabels(plot.prevalence(overall, source="")) == ["all"]
    both = wps.survey_prevalence(data, "married_by_18", weight="v005", by=["region", "urban"])
    assert ticklabels(plot.prevalence(both, source=""))[0] == "east, no"


def test_prevalence_refuses_marks_of_other_domains() -> None:
    est = estimates()
    table = sampling_errors(recode(), "married_by_18", by="region").iloc[::-1]
    with pytest.raises(ValueError, match="marks' 'region' does not match"):
        plot.prevalence(est, marks=table.reset_index(drop=True))
    with pytest.raises(ValueError, match="marks has 2 rows and frame 3"):
        plot.prevalence(est, marks=table.iloc[:2])
    with pytest.raises(ValueError, match=r"mark='\+' at position 1"):
        plot.prevalence(est, marks=["", "+", ""])


def test_prevalence_refuses_an_interval_without_its_estimate() -> None:
    est = estimates()
    est.loc[1, "lower"] = 0.99
    with pytest.raises(ValueError, match="must contain prevalence"):
        plot.prevalence(est)
    with pytest.raises(ValueError, match="no column 'prevalence'"):
        plot.prevalence(est.drop(columns="prevalence"))


def test_representation_points_survey_output_to_prevalence() -> None:
    with pytest.raises(ValueError, match=r"draw it with wps\.plot\.prevalence"):
        plot.representation(estimates())
