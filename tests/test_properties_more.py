"""More properties, for the public functions tests/test_properties.py and the other files leave
without one (or with only a weak one): the DHS recodes and tables, the published-figure checks
(symbols, the audit and its text, a figure read again from its own phrase), the bundled data's
filters, the profiles' pooling, the targets' interpolation, and the readers' indifference to the
order of a file's rows. Each property is one the function's docstring promises.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from test_published_parse import count_phrases, ratio_phrases, share_phrases
from test_survey import surveys

import wpsstats as wps
import wpsstats.published as pub
from wpsstats.compare import survey_chisq
from wpsstats.dhs import (
    child_marriage,
    fgm_prevalence,
    recode_child_marriage,
    recode_fgm,
    sampling_errors,
)

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURES = Path(__file__).parent / "fixtures" / "read"


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-15)


# ------------------------------------------------------------------------------ DHS recodes

g_values = st.sampled_from([0, 1, 2, 3, 7, 9, 99, None])


@FEW
@given(st.lists(st.tuples(g_values, g_values), min_size=1, max_size=30), st.booleans())
def test_recode_fgm_follows_its_rule_row_by_row(
    rows: list[tuple[Any, Any]], with_g100: bool
) -> None:
    # g102 == 1 gives 1; g102 == 0, g100 == 0 or g100 == 1 gives 0; anything else is missing;
    # without g100 only g102 decides
    g100 = [a for a, _ in rows]
    g102 = [b for _, b in rows]
    index = [f"w{i}" for i in range(len(rows))]
    frame = pd.DataFrame({"g102": pd.array(g102, dtype="Int64")}, index=index)
    if with_g100:
        frame["g100"] = pd.array(g100, dtype="Int64")
    out = recode_fgm(frame)
    assert out.name == "fg_fcircum_wm" and list(out.index) == index and out.dtype == np.float64
    for got, a, b in zip(out, g100, g102, strict=True):
        if b == 1:
            assert got == 1.0
        elif b == 0 or (with_g100 and a in (0, 1)):
            assert got == 0.0
        else:
            assert math.isnan(got)


@FEW
@given(
    st.lists(st.one_of(st.none(), st.integers(-5, 49), st.floats(-2, 49)), min_size=1, max_size=30),
    st.sampled_from([15, 18, 12, 20.5]),
)
@example([15, 14.999, 18, None, -1, 0, 20.5], 15)
@example([15, 14.999, 18, None, -1, 0, 20.5], 18)
@example([20.5, 20.49], 20.5)
def test_recode_child_marriage_is_one_exactly_for_a_union_before_the_age(
    ages: list[Any], before: float
) -> None:
    frame = pd.DataFrame(
        {"v511": pd.array(ages, dtype="Float64")}, index=range(100, 100 + len(ages))
    )
    out = recode_child_marriage(frame, before=before)
    assert out.dtype == np.int64 and list(out.index) == list(frame.index)
    want = [int(a is not None and 0 <= a < before) for a in ages]
    assert out.tolist() == want


def _ir(draw: st.DrawFn, n_min: int = 8) -> pd.DataFrame:
    n = draw(st.integers(n_min, 40))
    strata = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    psu = [
        10 * s + p
        for s, p in zip(
            strata, draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)), strict=True
        )
    ]
    return pd.DataFrame(
        {
            "v005": draw(st.lists(st.integers(100_000, 3_000_000), min_size=n, max_size=n)),
            "v021": psu,
            "v022": strata,
            "v012": draw(st.lists(st.integers(15, 49), min_size=n, max_size=n)),
            "v511": pd.array(
                draw(st.lists(st.one_of(st.none(), st.integers(8, 30)), min_size=n, max_size=n)),
                dtype="Int64",
            ),
            "g100": pd.array(
                draw(st.lists(st.sampled_from([0, 1, None]), min_size=n, max_size=n)), dtype="Int64"
            ),
            "g102": pd.array(
                draw(st.lists(st.sampled_from([0, 1, None]), min_size=n, max_size=n)), dtype="Int64"
            ),
        }
    )


recodes = st.composite(_ir)


@FEW
@given(recodes(), st.data())
def test_child_marriage_ignores_what_women_outside_20_24_answered(
    ir: pd.DataFrame, data: Any
) -> None:
    # the population is women aged 20-24: the others keep their PSU and stratum, but their age at
    # first union cannot move the estimate, its SE or the interval
    inside = ir["v012"].between(20, 24)
    assume(inside.sum() >= 2)
    other = data.draw(
        st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=len(ir), max_size=len(ir))
    )
    moved = ir.copy()
    moved.loc[~inside, "v511"] = pd.array(other, dtype="Int64")[~inside.to_numpy()]
    for before in (15, 18):
        a = child_marriage(ir, before=before, method="mean")
        b = child_marriage(moved, before=before, method="mean")
        pd.testing.assert_frame_equal(a, b, rtol=1e-12)


@FEW
@given(recodes())
def test_married_before_15_is_rarer_than_before_18_and_both_are_the_weighted_share(
    ir: pd.DataFrame,
) -> None:
    inside = ir["v012"].between(20, 24).to_numpy()
    assume(inside.any())
    p15 = child_marriage(ir, before=15, method="mean")["prevalence"].iloc[0]
    p18 = child_marriage(ir, before=18, method="mean")["prevalence"].iloc[0]
    assert p15 <= p18 + 1e-15
    w = ir["v005"].to_numpy(float)[inside]
    age = ir["v511"].to_numpy(dtype=float, na_value=np.nan)[inside]
    with np.errstate(invalid="ignore"):
        share = np.sum(w * ((age >= 0) & (age < 18))) / w.sum()
    assert p18 == pytest.approx(share, rel=1e-12, abs=1e-15)


@FEW
@given(recodes())
def test_fgm_prevalence_counts_every_woman_once_and_is_the_weighted_share(ir: pd.DataFrame) -> None:
    y = recode_fgm(ir).to_numpy()
    assume(np.isfinite(y).any())
    out = fgm_prevalence(ir, method="mean").iloc[0]
    known = np.isfinite(y)
    assert out["n"] + out["n_missing"] == len(ir)  # every woman here is 15-49
    assert out["n"] == known.sum()
    w = ir["v005"].to_numpy(float)
    assert out["prevalence"] == pytest.approx(
        np.sum(w[known] * y[known]) / w[known].sum(), rel=1e-12
    )


@FEW
@given(
    st.sampled_from([1, 2, 24, 25, 26, 48, 49, 50, 51, 90]),
    st.integers(0, 20),
    st.integers(0, 3),
    st.lists(st.sampled_from([0, 1]), min_size=90, max_size=90),
)
@example(cases=25, gaps=3, decimals=1, answers=[0, 1] * 45)
@example(cases=24, gaps=0, decimals=1, answers=[1] * 90)
@example(cases=49, gaps=1, decimals=2, answers=[0, 0, 1] * 30)
@example(cases=50, gaps=2, decimals=0, answers=[0, 1] * 45)
def test_sampling_errors_marks_and_prints_as_the_dhs(
    cases: int, gaps: int, decimals: int, answers: list[int]
) -> None:
    # "" from 50 unweighted cases, "()" for 25-49, "*" under 25; missing rows are not cases
    values: list[Any] = [*answers[:cases], *[None] * gaps]
    np.random.default_rng(cases + gaps).shuffle(values)
    n = len(values)
    data = pd.DataFrame(
        {
            "v005": 1_000_000 + 37 * np.arange(n),
            "v021": np.arange(n) % 5,
            "v022": 1,
            "y": pd.array(values, dtype="Float64"),
        }
    )
    row = sampling_errors(data, "y", decimals=decimals).iloc[0]
    cases = sum(v is not None for v in values)
    assert row["N"] == cases
    known = np.array([v is not None for v in values])
    assert row["WN"] == pytest.approx(data["v005"].to_numpy()[known].sum() / 1_000_000, rel=1e-12)
    percent = f"{100 * row['R']:.{decimals}f}"
    if cases < 25:
        assert (row["mark"], row["printed"]) == ("*", "*")
    elif cases < 50:
        assert (row["mark"], row["printed"]) == ("()", f"({percent})")
    else:
        assert (row["mark"], row["printed"]) == ("", percent)
    if row["R"] > 0:
        assert row["SE_R"] == pytest.approx(row["SE"] / row["R"], rel=1e-12)


# ------------------------------------------------------------------------------ Rao-Scott


@FEW
@given(surveys(), st.data())
def test_survey_chisq_ignores_the_names_of_the_columns_and_which_answer_is_one(
    df: pd.DataFrame, data: Any
) -> None:
    # a test of association between y and the domain: renaming the domains, or swapping y's 0
    # and 1 (the same two-way table, its rows exchanged), cannot change it
    assume(df["y"].nunique() == 2 and df["dom"].nunique() >= 2)
    kw = {"weight": "w", "psu": "psu", "strata": "strata", "lonely_psu": "adjust"}
    names = dict(zip("abc", data.draw(st.permutations(["z", "m", "b"])), strict=True))
    a = survey_chisq(df, "y", "dom", **kw)
    b = survey_chisq(df.assign(dom=df["dom"].map(names)), "y", "dom", **kw)
    c = survey_chisq(df.assign(y=1 - df["y"]), "y", "dom", **kw)
    pd.testing.assert_frame_equal(a, b, rtol=1e-9)
    pd.testing.assert_frame_equal(a, c, rtol=1e-9)


# ---------------------------------------------------------------------------- rates, parity


@FEW
@given(
    st.lists(
        st.integers(0, 3000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["wilson", "jeffreys", "clopper_pearson", "agresti_coull"]),
    st.sampled_from([0.8, 0.9, 0.95, 0.99]),
)
def test_rate_is_the_share_and_proportion_ci_of_each_body_keeping_its_index(
    bodies: list[tuple[int, int]], method: str, conf: float
) -> None:
    index = [f"b{i}" for i in range(len(bodies))]
    women = pd.Series([b[0] for b in bodies], index=index)
    total = pd.Series([b[1] for b in bodies], index=index)
    out = wps.rate(women, total, method=method, conf=conf)
    assert list(out.index) == index
    for name, (w, n) in zip(index, bodies, strict=True):
        row = out.loc[name]
        if n == 0:
            assert math.isnan(row["rate"]) and math.isnan(row["lower"]) and math.isnan(row["upper"])
            continue
        assert row["rate"] == w / n
        assert (row["lower"], row["upper"]) == wps.proportion_ci(w, n, method=method, conf=conf)


@FEW
@given(
    st.floats(0.3, 0.9),
    st.floats(0.001, 0.02),
    st.floats(1990, 2040),
    st.lists(st.integers(-15, -1), min_size=2, max_size=8, unique=True),
)
def test_year_reaching_of_a_line_built_to_cross_in_year_y_returns_y(
    target: float, slope: float, year: float, offsets: list[int]
) -> None:
    x = np.array([math.floor(year) + k for k in offsets], dtype=float)
    y = target + slope * (x - year)
    # observed before year Y, rising through [0, 1], not yet at the target (a steep line drawn
    # far back goes below 0: no share does)
    assume(bool(np.all(y >= 0)))
    assert wps.year_reaching(x, y, target) == pytest.approx(year, abs=1e-6)


CATEGORIES = sorted(set(wps.parity_targets()["category"]))


@FEW
@given(st.sampled_from(CATEGORIES), st.integers(2015, 2030))
def test_parity_targets_filters_are_the_rows_of_the_whole_table(category: str, year: int) -> None:
    every = wps.parity_targets()
    one = wps.parity_targets(category, year)
    want = every[(every["category"] == category) & (every["year"] == year)]
    assert one.reset_index(drop=True).equals(want.reset_index(drop=True))
    published = wps.parity_targets(category, interpolated=False)
    assert (published["kind"] == "published").all()
    assert set(published["year"]) == set(
        every[(every["category"] == category) & (every["kind"] == "published")]["year"]
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_interpolated_targets_lie_on_the_line_between_published_ones(category: str) -> None:
    rows = wps.parity_targets(category).sort_values("year")
    published = rows[rows["kind"] == "published"]
    for _, row in rows[rows["kind"] == "interpolated"].iterrows():
        before = published[published["year"] < row["year"]].iloc[-1]
        after = published[published["year"] > row["year"]].iloc[0]
        line = before["target"] + (after["target"] - before["target"]) * (
            (row["year"] - before["year"]) / (after["year"] - before["year"])
        )
        assert row["target"] == pytest.approx(line, abs=1e-9), (category, row["year"])


# ------------------------------------------------------------------------- published figures


@FEW
@given(st.sampled_from(["share", "count", "ratio"]), st.data())
def test_a_figure_read_again_from_its_own_phrase_is_the_same_figure(kind: str, data: Any) -> None:
    body = data.draw(
        {"share": share_phrases(), "count": count_phrases(), "ratio": ratio_phrases()}[kind]
    )[0]
    word = data.draw(
        st.sampled_from(["", "about ", "more than ", "nearly ", "at least ", "up to "])
    )
    f = wps.parse_figure(f"Reports say {word}{body} women took part.")
    g = wps.parse_figure(f.text)
    assert (g.start, g.end, g.text) == (0, len(f.text), f.text)
    for name in ("value", "lower", "upper", "numerator", "denominator"):
        assert _same(getattr(g, name), getattr(f, name)), (name, f, g)
    assert (g.qualifier, g.unit, g.decimals, g.note) == (f.qualifier, f.unit, f.decimals, f.note)


FILLER = ["The", "mission", "reported", "that", "in", "the", "districts", "and", "of", "women"]


@st.composite
def reports(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        words = " ".join(draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=5)))
        kind = draw(st.sampled_from([share_phrases(), count_phrases(), ratio_phrases()]))
        parts.append(f"{words} reported {draw(kind)[0]} women took part.")
    return " ".join(parts)


@FEW
@given(reports())
def test_every_extracted_figure_reads_alone_as_it_read_in_its_text(text: str) -> None:
    found = wps.extract_figures(text)
    assert len(found) >= 1
    for row in found.itertuples():
        assert " ".join(text[row.start : row.end].split()) == row.phrase
        if row.note:  # something the neighbours said: not in the phrase alone
            continue
        f = wps.parse_figure(row.phrase)
        assert _same(f.value, row.value) and (f.qualifier, f.unit) == (row.qualifier, row.unit)
        assert _same(f.lower, row.lower) and _same(f.upper, row.upper)


@FEW
@given(reports())
def test_audit_has_one_row_per_figure_with_a_known_verdict(text: str) -> None:
    found = wps.extract_figures(text)
    result = wps.audit(text)
    assert result["phrase"].tolist() == found["phrase"].tolist()
    assert set(result["verdict"]) <= {"consistent", "inconsistent", "not_checkable"}
    assert all(isinstance(r, str) and r != "" for r in result["reason"])
    assert result.attrs["report"] == pub.audit_text(result)


@FEW
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(1, 30)),
            st.sampled_from(["consistent", "inconsistent", "not_checkable"]),
        ),
        max_size=40,
    ),
    st.integers(0, 8),
)
def test_audit_text_counts_every_figure_and_lists_at_most_limit_of_each(
    rows: list[tuple[int | None, str]], limit: int
) -> None:
    result = pd.DataFrame(
        {
            "page": pd.array([p for p, _ in rows], dtype="Int64"),
            "phrase": [f"fig{i}" for i in range(len(rows))],
            "verdict": [v for _, v in rows],
            "reason": [f"reason {i}" for i in range(len(rows))],
        }
    )
    text = pub.audit_text(result, limit=limit)
    head = text.splitlines()[0]
    count = {
        v: sum(1 for _, w in rows if w == v)
        for v in ("consistent", "inconsistent", "not_checkable")
    }
    numbers = [int(k) for k in re.findall(r"\d+", head)]
    assert numbers == [
        len(rows),
        count["consistent"],
        count["inconsistent"],
        count["not_checkable"],
    ], head
    listed = re.findall(r"\bfig(\d+)\b", text)
    for verdict in ("consistent", "inconsistent"):
        mine = [str(i) for i, (_, v) in enumerate(rows) if v == verdict]
        shown = [i for i in listed if i in mine]
        assert shown == mine[: min(limit, len(mine))], (verdict, text)
        if len(mine) > limit:
            assert f"and {len(mine) - limit} more" in text


this_year = pd.Timestamp.today().year


@FEW
@given(
    st.integers(1994, this_year),
    st.integers(1, 9999),
    st.integers(1946, this_year + 3),
    st.text(" \n\t", max_size=3),
)
def test_a_security_council_document_symbol_is_valid_in_its_own_year_only(
    year: int, number: int, other: int, space: str
) -> None:
    symbol = f"S/{year}/{number}"
    ok = wps.check_symbol(f"{space}{symbol}{space}", year=year)
    assert ok.valid and (ok.symbol, ok.year, ok.number) == (symbol, year, number)
    assert ok.organ == "Security Council" and ok.series == "document"
    assert wps.check_symbol(symbol).valid
    assert wps.check_symbol(symbol, year=other).valid is (other == year)


@FEW
@given(st.integers(1, 2800), st.integers(1946, this_year), st.integers(1946, this_year))
def test_a_resolution_symbol_carries_its_year_and_number(
    number: int, year: int, other: int
) -> None:
    symbol = f"S/RES/{number} ({year})"
    got = wps.check_symbol(symbol, year=year)
    assert got.valid and (got.series, got.year, got.number) == ("resolution", year, number)
    assert wps.check_symbol(symbol, year=other).valid is (other == year)


# ----------------------------------------------------------------------- data and profiles

FIGURES = wps.figures()
GEOS = sorted(set(FIGURES["geo"].dropna()))
INDICATORS = sorted(set(FIGURES["indicator"].dropna()))


@FEW
@given(
    st.lists(st.sampled_from(GEOS), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(INDICATORS), max_size=3, unique=True),
)
def test_figures_filters_are_row_selections_that_combine(
    geos: list[str], indicators: list[str]
) -> None:
    # the rows that match every filter given: a list is the union of its members, two filters
    # the intersection
    both = wps.figures(geo=geos, indicator=indicators or None)
    each = pd.concat([wps.figures(geo=g) for g in geos])
    if indicators:
        each = each[each["indicator"].isin(indicators)]
    assert sorted(both["figure_id"]) == sorted(each["figure_id"])
    assert set(both["geo"]) <= set(geos)


REGIONS = sorted(set(wps.load("regions")["region"]))
SMALL_REGIONS = [r for r in REGIONS if (wps.load("regions")["region"] == r).sum() <= 16]


@SLOW
@given(st.sampled_from(SMALL_REGIONS))
def test_a_region_s_peacekeepers_are_its_members_added_by_category(region: str) -> None:
    profile = wps.region_profile(region)
    members = profile["members"]["member"].tolist()
    frames = [wps.country_profile(m)["peacekeepers"] for m in members]
    frames = [f for f in frames if len(f)]
    pooled = profile["peacekeepers"]
    if not frames:
        assert pooled.empty or (pooled["total"] == 0).all()
        return
    added = pd.concat(frames).groupby("target_category")[["women", "total"]].sum()
    got = pooled.set_index("target_category")[["women", "total"]]
    pd.testing.assert_frame_equal(
        got.loc[added.index].astype("int64"), added.astype("int64"), check_names=False
    )
    # and the pooled parliament share is the members' women over their seats
    parl = profile["parliament"]
    seats = [c for c in parl.columns if c.startswith("seats_")]
    if seats:
        women = seats[0].replace("seats_", "women_")
        ok = parl[seats[0]].notna() & parl[women].notna()
        row = profile["pooled"].iloc[0]
        if ok.any():
            assert (
                row["count"] == parl.loc[ok, women].sum()
                and row["total"] == parl.loc[ok, seats[0]].sum()
            )


# ---------------------------------------------------------------------------------- readers


def _plain(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    """The rows as text, sorted: the same multiset of rows whatever their order."""
    return sorted(
        tuple(repr(v) for v in row) for row in frame.astype(object).itertuples(index=False)
    )


def _read(reader: Callable[[Path], pd.DataFrame], data: bytes, name: str) -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return reader(path)


def _csv_records(body: bytes) -> list[bytes]:
    """The records of a CSV body, each with its line end (a quoted field may span lines)."""
    out, current = [], b""
    for line in body.splitlines(keepends=True):
        current += line
        if current.count(b'"') % 2 == 0:
            if current.strip():
                out.append(current if current.endswith(b"\n") else current + b"\n")
            current = b""
    return out


def _split(raw: bytes, header_lines: int) -> tuple[bytes, list[bytes]]:
    lines = raw.splitlines(keepends=True)
    head = b"".join(lines[:header_lines])
    return head, _csv_records(b"".join(lines[header_lines:]))


CSV_READERS = [
    ("pax_small.csv", wps.read.pax_delegates, 1),
    ("pax_agreements_small.csv", wps.read.pax_agreements, 1),
    ("dhs_api_subnational.csv", wps.read.dhs_api, 1),
    ("dhs_api_hdx_hxl.csv", wps.read.dhs_api, 2),
    ("wdi_resaved.csv", lambda p: wps.read.wdi(p, metadata=None), 1),
    ("API_TEST.SEATS_DS2_en_csv_v2_1.csv", wps.read.wdi, 5),
]


@FEW
@given(st.sampled_from(CSV_READERS), st.data())
def test_a_csv_reader_gives_the_same_rows_whatever_the_order_of_the_file_s_rows(
    case: tuple[str, Callable[[Path], pd.DataFrame], int], data: Any
) -> None:
    name, reader, header_lines = case
    raw = (FIXTURES / name).read_bytes()
    head, records = _split(raw, header_lines)
    order = data.draw(st.permutations(range(len(records))))
    shuffled = head + b"".join(records[i] for i in order)
    assert _plain(_read(reader, shuffled, name)) == _plain(_read(reader, raw, name))


@st.composite
def wdi_tables(draw: st.DrawFn) -> tuple[bytes, list[tuple[str, int, str]]]:
    codes = draw(
        st.lists(
            st.sampled_from(["MLI", "NER", "TCD", "BFA", "MRT", "SEN", "SSF", "WLD"]),
            min_size=1,
            max_size=8,
            unique=True,
        )
    )
    years = [2018, 2019, 2020]
    lines = ["Country Name,Country Code,Indicator Name,Indicator Code," + ",".join(map(str, years))]
    cells = []
    for code in codes:
        values = draw(
            st.lists(
                st.one_of(st.just(""), st.integers(0, 9999).map(lambda v: f"{v / 100:g}")),
                min_size=3,
                max_size=3,
            )
        )
        cells += [(code, y, v) for y, v in zip(years, values, strict=True)]
        lines.append(
            f"{code} name,{code},Seats held by women (%),SG.GEN.PARL.ZS," + ",".join(values)
        )
    return ("\n".join(lines) + "\n").encode(), cells


@FEW
@given(wdi_tables(), st.data())
def test_wdi_reads_each_printed_cell_once_and_ignores_the_row_order(
    table: tuple[bytes, list[tuple[str, int, str]]], data: Any
) -> None:
    raw, cells = table
    out = _read(lambda p: wps.read.wdi(p, metadata=None), raw, "t.csv")
    got = {
        (g, int(p)): v
        for g, p, v in zip(
            out["geo"].astype(str), out["period"].astype(int), out["value"], strict=True
        )
    }
    assert len(got) == len(out) == len(cells)
    for code, year, printed in cells:
        value = got[(code, year)]
        assert pd.isna(value) if printed == "" else value == float(printed), (
            code,
            year,
            printed,
            value,
        )
    head, records = _split(raw, 1)
    order = data.draw(st.permutations(range(len(records))))
    shuffled = head + b"".join(records[i] for i in order)
    assert _plain(_read(lambda p: wps.read.wdi(p, metadata=None), shuffled, "t.csv")) == _plain(out)


@FEW
@given(st.sampled_from(["ipi_gender_small.json", "dhs_api.json"]), st.data())
def test_a_json_reader_gives_the_same_rows_whatever_the_order_of_the_records(
    name: str, data: Any
) -> None:
    raw = (FIXTURES / name).read_bytes()
    loaded = json.loads(raw)
    records = loaded["Data"] if isinstance(loaded, dict) else loaded
    order = data.draw(st.permutations(range(len(records))))
    moved = [records[i] for i in order]
    again = {**loaded, "Data": moved} if isinstance(loaded, dict) else moved
    reader = wps.read.ipi_gender if name.startswith("ipi") else wps.read.dhs_api
    a = _read(reader, raw, name)
    b = _read(reader, json.dumps(again).encode(), name)
    assert _plain(a) == _plain(b)
    assert {k: v for k, v in a.attrs.items() if k != "source"} == {
        k: v for k, v in b.attrs.items() if k != "source"
    }


@FEW
@given(st.data())
def test_ipu_gives_the_same_chambers_whatever_the_order_of_the_countries(data: Any) -> None:
    # a tie mark means "the rank of the line above": a tied line moves with the line it ties to
    raw = (FIXTURES / "ipu_fr_preamble.csv").read_bytes()
    head, records = _split(raw, 6)
    groups: list[list[bytes]] = []
    for record in records:
        if record.startswith('"\u201c"'.encode()) and groups:
            groups[-1].append(record)
        else:
            groups.append([record])
    order = data.draw(st.permutations(range(len(groups))))
    shuffled = head + b"".join(b"".join(groups[i]) for i in order)
    name = "ipu_fr_preamble.csv"
    assert _plain(_read(wps.read.ipu, shuffled, name)) == _plain(_read(wps.read.ipu, raw, name))


words = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)


@FEW
@given(
    st.lists(
        st.lists(st.lists(words, min_size=1, max_size=8), min_size=1, max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_report_gives_one_row_per_page_with_its_words(pages: list[list[list[str]]]) -> None:
    # pages of plain lower-case words: no running lines, footnotes, page numbers or broken words
    texts = ["\n".join(" ".join(line) for line in page) for page in pages]
    lines = [line for t in texts for line in t.splitlines()]
    assume(len(set(lines)) == len(lines))  # a line on two pages may be a running header
    out = _read(wps.read.report, "\f".join(texts).encode(), "r.txt")
    assert out["page"].tolist() == list(range(1, len(pages) + 1))
    for got, page in zip(out["text"], pages, strict=True):
        assert got.split() == [w for line in page for w in line]
