"""Tests for wpsstats.plot.parity: personnel categories against their targets."""

from __future__ import annotations

import re
from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_plot import (
    bars,
    plain_texts,
    source_of,
    ticklabels,
)

import wpsstats as wps
from wpsstats import plot


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# parity
# --------------------------------------------------------------------------------------------


def gap_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category": ["military_contingents", "individual_police_officers", "civilian_staff"],
            "share": [0.026, 0.299, 0.52],
            "target": [0.15, 0.30, 0.50],
            "gap_pp": [12.4, 0.1, -2.0],
            "women_needed": pd.array([1234, 1, 0], dtype="Int64"),
            "met": pd.array([False, False, True], dtype="boolean"),
        }
    )


def test_parity_bars_targets_and_people() -> None:
    ax = plot.parity(gap_frame(), label="category", source="DPO, gender statistics")
    rects = bars(ax)
    assert len(rects) == 3
    np.testing.assert_allclose([r.get_width() for r in rects], [0.026, 0.299, 0.52])
    orange = matplotlib.colors.to_rgba(plot.OKABE_ITO["orange"])
    green = matplotlib.colors.to_rgba(plot.OKABE_ITO["bluish_green"])
    assert [r.get_facecolor() for r in rects] == [orange, orange, green]
    ticks = next(line for line in ax.get_lines() if line.get_gid() == "targets")
    np.testing.assert_allclose(ticks.get_xdata(), [0.15, 0.30, 0.50])
    np.testing.assert_allclose(ticks.get_ydata(), [0, 1, 2])
    assert plain_texts(ax) == ["+1,234 women needed", "+1 woman needed", "target met"]
    assert ticklabels(ax) == [
        "military contingents",
        "individual police officers",
        "civilian staff",
    ]
    assert ax.get_xlim() == (0.0, 1.0)
    assert source_of(ax) == "Source: DPO, gender statistics Black ticks: each row's target."


def test_parity_from_parity_gap_ipi_2014() -> None:
    # MINUSMA, March 2014, IPI Peacekeeping Database (as in wps.parity_gap's docstring).
    women = pd.Series([52, 10, 40], index=["troops", "individual_police", "formed_police"])
    total = pd.Series([6483, 104, 882], index=women.index)
    gap = wps.parity_gap(women, total, [0.15, 0.30, 0.20])
    ax = plot.parity(gap)
    expected = [f"+{int(n):,} women needed" for n in gap["women_needed"]]
    assert plain_texts(ax) == expected
    assert ticklabels(ax) == ["troops", "individual police", "formed police"]
    assert source_of(ax) == "Source: not stated Black ticks: each row's target."


def test_parity_missing_values_say_no_data() -> None:
    frame = gap_frame()
    frame.loc[1, "women_needed"] = pd.NA
    frame.loc[1, "met"] = pd.NA
    frame.loc[2, "share"] = np.nan
    ax = plot.parity(frame)
    # Row 1 keeps its share and target: the gap is told in points, not hidden as "no data".
    assert plain_texts(ax) == ["+1,234 women needed", "-0.1 pp to target", "no data"]
    assert len(bars(ax)) == 2
    assert ticklabels(ax) == ["0", "1", "2"]


MINUSMA_2018 = {
    # figure_id in wps.figures() -> (the seed's phrase, p. 3; the Strategy's category)
    "minusma-women-military": ("2.6 percent of military personnel", "military_contingents"),
    "minusma-women-formed-police": ("4.7 of formed police unit personnel", "formed_police_units"),
    "minusma-women-individual-police": (
        "16.5 percent of individual police officers",
        "individual_police_officers",
    ),
}


def minusma_2018_shares() -> pd.DataFrame:
    """MINUSMA 2018 from the seed's published shares (no counts) and the 2028 targets."""
    shares = wps.figures(geo="MLI").set_index("figure_id").loc[list(MINUSMA_2018), "value"]
    categories = [category for _, category in MINUSMA_2018.values()]
    targets = wps.parity_targets(year=2028).set_index("category").loc[categories, "target"]
    return pd.DataFrame(
        {
            "share": shares.to_numpy(dtype=float),
            "target": targets.to_numpy(dtype=float),
            "gap_pp": np.nan,
            "women_needed": pd.array([pd.NA] * 3, dtype="Int64"),
            "met": pd.array([pd.NA] * 3, dtype="boolean"),
        },
        index=categories,
    )


def test_parity_published_shares_without_counts(seed_text: str) -> None:
    flat = " ".join(seed_text.split())
    for phrase, _ in MINUSMA_2018.values():
        assert phrase in flat
    frame = minusma_2018_shares()
    ax = plot.parity(frame, source="IEG update on Mali (2018), p. 3; targets: DPO (2018)")
    # The seed's 2.6, 4.7 and 16.5 per cent against the Strategy's 15, 20 and 30 per cent
    # (2028): 15 - 2.6 = 12.4, 20 - 4.7 = 15.3, 30 - 16.5 = 13.5 points short.
    np.testing.assert_allclose(frame["target"], [0.15, 0.20, 0.30])
    assert plain_texts(ax) == ["-12.4 pp to target", "-15.3 pp to target", "-13.5 pp to target"]
    rects = bars(ax)
    np.testing.assert_allclose([r.get_width() for r in rects], [0.026, 0.047, 0.165])
    orange = matplotlib.colors.to_rgba(plot.OKABE_ITO["orange"])
    assert [r.get_facecolor() for r in rects] == [orange] * 3
    ticks = next(line for line in ax.get_lines() if line.get_gid() == "targets")
    np.testing.assert_allclose(ticks.get_xdata(), [0.15, 0.20, 0.30])
    assert source_of(ax).endswith("Black ticks: each row's target.")
    # gap_pp given (as wps.parity_gap would give it) is used as it is
    given = frame.assign(gap_pp=(frame["target"] - frame["share"]) * 100)
    assert plain_texts(plot.parity(given)) == plain_texts(ax)


def test_parity_shares_met_no_target_and_no_data() -> None:
    frame = pd.DataFrame(
        {
            "share": [0.52, 0.30, 0.20, np.nan, 0.2996],
            "target": [0.50, 0.30, np.nan, 0.30, 0.30],
            "gap_pp": np.nan,
            "women_needed": pd.NA,
            "met": pd.NA,
        }
    )
    ax = plot.parity(frame, source="")
    assert plain_texts(ax) == [
        "target met",
        "target met",
        "no target",
        "no data",
        "-0.04 pp to target",
    ]
    rects = bars(ax)
    assert len(rects) == 4
    colour = {k: matplotlib.colors.to_rgba(v) for k, v in plot.OKABE_ITO.items()}
    assert [r.get_facecolor() for r in rects] == [
        colour["bluish_green"],
        colour["bluish_green"],
        colour["grey"],
        colour["orange"],
    ]
    assert plain_texts(ax)[2] == "no target"  # grey: the label says why


def test_parity_rejects_a_gap_of_the_wrong_sign() -> None:
    frame = minusma_2018_shares()
    frame["gap_pp"] = (frame["share"] - frame["target"]) * 100  # share - target: wrong way round
    with pytest.raises(ValueError, match=r"gap_pp must be \(target - share\).*got -12\.4 where"):
        plot.parity(frame)
    # a gap rounded to whole points is still the same quantity
    plot.parity(frame.assign(gap_pp=[12.0, 15.0, 14.0]))


@settings(max_examples=40)
@given(
    counts=st.lists(
        st.integers(1, 20_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        min_size=1,
        max_size=4,
    ),
    target=st.sampled_from([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.5]),
)
def test_parity_points_agree_with_counts_property(
    counts: list[tuple[int, int]], target: float
) -> None:
    # With the counts dropped, the label in points tells the same story as the exact count:
    # met iff wps.parity_gap says met, and otherwise the gap rounded to one decimal.
    women, total = (np.array(c) for c in zip(*counts, strict=True))
    gap = wps.parity_gap(women, total, target)
    blind = gap.assign(women_needed=pd.NA, met=pd.NA)
    labels = plain_texts(plot.parity(blind, source=""))
    for label, met, pp in zip(labels, gap["met"], gap["gap_pp"], strict=True):
        if met:
            assert label == "target met"
        else:
            number = float(label.removesuffix(" pp to target"))
            assert number < 0
            assert number == pytest.approx(-pp, abs=0.05 + 1e-9)
    plt.close("all")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop(columns="met"), "no column 'met'"),
        (lambda f: f.assign(target=[15, 30, 50]), "target must be a share"),
        (
            lambda f: f.assign(women_needed=[-1, 0, 0]),
            "women_needed must be a whole number of women, not negative",
        ),
    ],
)
def test_parity_bad_input(change, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.parity(change(gap_frame()))


# --------------------------------------------------------------------------------------------
# found by review: numbers a chart must not round away, input it must not draw
# --------------------------------------------------------------------------------------------


def test_parity_refuses_a_small_gap_of_the_wrong_sign() -> None:
    # share 0.148 is below 0.15: a gap_pp of -0.2 is share - target, not target - share
    frame = pd.DataFrame(
        {
            "share": [0.148],
            "target": [0.15],
            "gap_pp": [-0.2],
            "women_needed": [pd.NA],
            "met": [pd.NA],
        }
    )
    with pytest.raises(ValueError, match="gap_pp must be \\(target - share\\)"):
        plot.parity(frame, source="")
    ok = frame.assign(gap_pp=[0.2])
    assert plain_texts(plot.parity(ok, source=""))[0] == "-0.2 pp to target"


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda f: f.assign(women_needed=[1.5, 0, 0]), ValueError, "whole number of women"),
        (lambda f: f.assign(met=[True, True, True]), ValueError, "met must be women_needed == 0"),
        (lambda f: f.assign(met=["yes", "no", "no"]), TypeError, "met must hold True, False"),
    ],
)
def test_parity_refuses_a_count_or_flag_that_disagrees(change, error, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=re.escape(message)):
        plot.parity(change(gap_frame()), source="")


def test_parity_a_target_met_exactly_but_stated_unmet_reads_plus_zero() -> None:
    # a published share equal to its target, with met stated False: the gap is 0, never "-0"
    frame = pd.DataFrame(
        {
            "share": [0.15],
            "target": [0.15],
            "gap_pp": [0.0],
            "women_needed": [pd.NA],
            "met": [False],
        }
    )
    assert plain_texts(plot.parity(frame, source=""))[0] == "+0 pp to target"
