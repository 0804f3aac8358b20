"""Tests for wpsstats.plot.representation: bars of the share of women, intervals and counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.container import ErrorbarContainer
from test_plot import (
    SEED_SOURCE,
    bars,
    errorbar_segments,
    plain_texts,
    seed_bodies,
    source_of,
    texts,
    ticklabels,
    top_labels,
)

import wpsstats as wps
from wpsstats import plot


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# --------------------------------------------------------------------------------------------
# representation
# --------------------------------------------------------------------------------------------


def test_representation_draws_bars_intervals_and_counts(seed_text: str) -> None:
    # The seed prints the counts; the labels must say them as printed.
    assert "nine women out of its 36 members (25 per cent)" in seed_text
    assert "703 elections mediators, including 225 women" in seed_text
    assert "1,279 members of the Malian security forces, including 204 women" in seed_text
    frame = seed_bodies()
    ax = plot.representation(frame, quota=0.30, source=SEED_SOURCE)

    rects = bars(ax)
    assert len(rects) == 3
    np.testing.assert_allclose([r.get_width() for r in rects], [9 / 36, 225 / 703, 204 / 1279])
    assert [r.get_y() + r.get_height() / 2 for r in rects] == [0, 1, 2]
    # the seed's figure ids read as their indicators' labels
    assert ticklabels(ax) == [
        "Women in the cabinet",
        "Women among election mediators",
        "Women among trained security\npersonnel",
    ]
    assert plain_texts(ax) == ["9 of 36 (25%)", "225 of 703 (32%)", "204 of 1,279 (15.9%)"]
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_ylim() == (2.5, -0.5)  # first row on top

    whiskers = errorbar_segments(ax)
    np.testing.assert_allclose(whiskers[:, 0], frame["lower"])
    np.testing.assert_allclose(whiskers[:, 1], frame["upper"])
    np.testing.assert_allclose(whiskers[:, 2], [0, 1, 2])

    quota = next(line for line in ax.get_lines() if line.get_gid() == "quota")
    assert list(quota.get_xdata()) == [0.30, 0.30]
    assert top_labels(ax) == ["30% quota"]
    assert source_of(ax) == (
        "Source: IEG on WPS, update on Mali and the Sahel (2018), p. 1 "
        "Whiskers: Wilson 95% confidence intervals of the share."
    )


def test_representation_without_intervals() -> None:
    # rate(method=None) has no lower/upper columns: bars and counts only, no whisker note.
    frame = wps.rate([9], [36], method=None)
    ax = plot.representation(frame, label=None, source=SEED_SOURCE)
    assert len(bars(ax)) == 1
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert plain_texts(ax) == ["9 of 36 (25%)"]
    assert "Whiskers" not in source_of(ax)
    assert top_labels(ax) == []  # no quota to name


def test_representation_nan_bounds_empty_body_and_label_column() -> None:
    frame = pd.DataFrame(
        {
            "body": ["cabinet", "commission", "new_panel"],
            "women": [9, 3, 0],
            "total": [36, 12, 0],
            "rate": [0.25, 0.25, np.nan],
            "lower": [0.14, np.nan, np.nan],
            "upper": [0.41, np.nan, np.nan],
        }
    )
    ax = plot.representation(frame, label="body", quota=0.3, quota_label="quota law (2015)")
    assert ticklabels(ax) == ["cabinet", "commission", "new panel"]
    assert len(bars(ax)) == 2  # the body with no members has no share, so no bar
    whiskers = errorbar_segments(ax)
    assert whiskers.shape == (1, 3)
    np.testing.assert_allclose(whiskers[0], [0.14, 0.41, 0.0])
    assert plain_texts(ax) == ["9 of 36 (25%)", "3 of 12 (25%)", "no members"]
    assert top_labels(ax) == ["quota law (2015)"]
    assert source_of(ax).startswith("Source: not stated")


def test_representation_draws_on_a_given_axes() -> None:
    _fig, (left, right) = plt.subplots(1, 2)
    out = plot.representation(wps.rate([1], [4]), ax=right, xmax=0.5)
    assert out is right
    assert len(bars(left)) == 0
    assert out.get_xlim() == (0.0, 0.5)


def test_representation_source_from_columns() -> None:
    frame = wps.rate([9], [36]).assign(source="Government of Mali, decree of December 2017")
    ax = plot.representation(frame)
    assert source_of(ax).startswith("Source: Government of Mali, decree of December 2017")
    ax2 = plot.representation(frame, source="")  # no source; the note on whiskers stays
    assert texts(ax2, "source") == ["Whiskers: Wilson 95% confidence intervals of the share."]
    ax3 = plot.representation(wps.rate([9], [36], method=None), source="")
    assert texts(ax3, "source") == []


@pytest.mark.parametrize(
    ("kwargs", "frame", "message"),
    [
        ({}, pd.DataFrame({"women": [1], "total": [2]}), "no column 'rate'"),
        ({"label": "body"}, wps.rate([1], [2]), "no column 'body'"),
        ({"quota": 30}, wps.rate([1], [2]), "quota must be a share"),
        ({"xmax": 2}, wps.rate([1], [2]), "xmax=2"),
        (
            {},
            pd.DataFrame(
                {"women": [1], "total": [2], "rate": [0.5], "lower": [0.6], "upper": [0.9]}
            ),
            "must contain rate",
        ),
        ({}, pd.DataFrame({"women": [1], "total": [2], "rate": [50.0]}), "rate must be a share"),
        ({}, wps.rate([1], [2]).iloc[:0], "no rows"),
    ],
)
def test_representation_bad_input(kwargs: dict, frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.representation(frame, **kwargs)


def test_representation_bad_types() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        plot.representation([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Axes"):
        plot.representation(wps.rate([1], [2]), ax="left")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="one share"):
        plot.representation(wps.rate([1], [2]), quota=[0.3, 0.5])  # type: ignore[arg-type]


@settings(max_examples=25)
@given(
    st.lists(
        st.tuples(st.integers(0, 5000), st.integers(1, 5000)).map(lambda p: (min(p), max(p))),
        min_size=1,
        max_size=6,
    )
)
def test_representation_properties(pairs: list[tuple[int, int]]) -> None:
    women = [w for w, _ in pairs]
    total = [n for _, n in pairs]
    frame = wps.rate(women, total, method="clopper_pearson")
    ax = plot.representation(frame, quota=0.3)
    rects = bars(ax)
    assert len(rects) == len(pairs)
    np.testing.assert_allclose([r.get_width() for r in rects], np.divide(women, total))
    whiskers = errorbar_segments(ax)
    # each whisker holds its bar's end and stays on the 0-100 per cent axis
    widths = np.array([r.get_width() for r in rects])
    assert np.all(whiskers[:, 0] <= widths + 1e-12)
    assert np.all(whiskers[:, 1] >= widths - 1e-12)
    assert np.all((whiskers[:, :2] >= 0) & (whiskers[:, :2] <= 1))
    labels = plain_texts(ax)
    assert [lab.split(" (")[0] for lab in labels] == [f"{w:,} of {n:,}" for w, n in pairs]
    plt.close(ax.figure)


# --------------------------------------------------------------------------------------------
# found by review: numbers a chart must not round away, input it must not draw
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("women", "total", "label"),
    [
        (1, 2500, "1 of 2,500 (0.04%)"),  # not "(0%)"
        (2499, 2500, "2,499 of 2,500 (99.96%)"),  # not "(100%)"
        (9, 36, "9 of 36 (25%)"),
        (204, 1279, "204 of 1,279 (15.9%)"),
        (1234.5, 5678.25, "1,234.5 of 5,678.2 (21.7%)"),  # weighted counts, not 1.23e+03
    ],
)
def test_representation_labels_do_not_round_a_share_away(
    women: float, total: float, label: str
) -> None:
    frame = pd.DataFrame({"women": [women], "total": [total], "rate": [women / total]})
    ax = plot.representation(frame, source="")
    assert plain_texts(ax)[0] == label


@pytest.mark.parametrize(("conf", "level"), [(0.975, "97.5%"), (0.995, "99.5%"), (0.999, "99.9%")])
def test_the_confidence_level_is_named_as_given(conf: float, level: str) -> None:
    ax = plot.representation(wps.rate([9], [36], method="wilson_cc", conf=conf), source="S")
    assert f"{level} confidence intervals of the share" in source_of(ax)
    assert "Wilson (continuity-corrected)" in source_of(ax)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.assign(women=[40]), "0 <= women <= total; got women=40, total=36"),
        (lambda f: f.assign(women=[-3]), "0 <= women <= total; got women=-3"),
        (lambda f: f.assign(total=[np.inf]), "must be finite counts"),
        (lambda f: f.assign(rate=[0.5]), "rate must be women / total"),
    ],
)
def test_representation_refuses_counts_that_do_not_add_up(change, message: str) -> None:  # type: ignore[no-untyped-def]
    frame = wps.rate([9], [36], method=None)
    with pytest.raises(ValueError, match=re.escape(message)):
        plot.representation(change(frame), source="")


# --------------------------------------------------------------------------------------------
# reference line and labels; column order
# --------------------------------------------------------------------------------------------


def sahel_chambers() -> pd.DataFrame:
    """Seats as the sahel notebook draws them for 2020: Mali's "41 of 147" sits just short of
    the 30 per cent line, so a label beside its bar would run across it."""
    women = pd.Series(
        [41, 6, 20, 22, 15], index=["Mali", "Burkina Faso", "Mauritania", "Niger", "Chad"]
    )
    chambers = pd.Series([147, 95, 100, 128, 99], index=women.index)
    return wps.rate(women, chambers, method=None)


@pytest.mark.parametrize("size", [(7.0, 3.0), (4.0, 3.0), (11.0, 5.0)])
def test_quota_line_never_crosses_a_label(size: tuple[float, float]) -> None:
    ax = plot.representation(sahel_chambers(), quota=0.30, quota_label="at least 30%")
    ax.figure.set_size_inches(*size)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    line = next(a for a in ax.lines if a.get_gid() == "quota")
    x_px = float(ax.transData.transform((0.30, 0))[0])
    assert line.get_xdata()[0] == 0.30
    labels = [t for t in ax.texts if t.get_gid() != "source"]
    assert labels[0].get_text() == "41 of 147 (27.9%)"
    for text in labels:
        # the drawn box, with its white ground, lies wholly on one side of the line
        box = text.get_bbox_patch().get_window_extent(renderer)
        assert not box.x0 <= x_px <= box.x1, text.get_text()
    # and a label never sits left of its own bar's end
    for text, rect in zip(labels, bars(ax), strict=True):
        assert text.get_window_extent(renderer).x0 >= rect.get_window_extent(renderer).x1


def test_labels_far_from_the_quota_stay_beside_their_bar() -> None:
    frame = wps.rate(pd.Series([9, 60]), pd.Series([36, 100]))
    ax = plot.representation(frame, quota=0.30)
    ax.figure.canvas.draw()
    # 60% is well right of the line: its label is where label_x put it
    text = [t for t in ax.texts if t.get_gid() != "source"][1]
    assert text.get_position()[0] > 0.6


def test_representation_takes_rate_columns_in_any_order() -> None:
    frame = seed_bodies()
    shuffled = frame[["upper", "rate", "total", "lower", "women"]]
    a = plot.representation(frame, quota=0.30, source="x")
    b = plot.representation(shuffled, quota=0.30, source="x")
    assert plain_texts(a) == plain_texts(b)
    assert [r.get_width() for r in bars(a)] == [r.get_width() for r in bars(b)]
    np.testing.assert_array_equal(errorbar_segments(a), errorbar_segments(b))
