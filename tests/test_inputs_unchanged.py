"""A call never changes the caller's data.

An analyst passes her own frames, Series, arrays and lists to the library and keeps using them in
the next cell. Each case below builds realistic inputs (the docstrings' examples and the tests'
frames), keeps a deep copy of every argument, calls the public function and checks that every
argument is still what it was: values with their missing cells, dtypes, index, columns and their
order, names, ``attrs``, and for numpy arrays the bytes and ``flags.writeable``.

``test_a_change_is_seen`` shows that each case can fail: after the call, it changes a copy of
each argument in each way a function could (a column added or moved, a dtype changed, rows
reordered, an index set or renamed, ``attrs`` touched, a cell written, an array made read-only, a
list grown) and expects the check to notice; a case with no argument that can change fails it.

Not here, since they take no data of the caller's (strings, numbers or nothing): ``figures``,
``load``, ``list_datasets``, ``parity_targets``, ``parse_figure``, ``check_symbol``,
``implied_fraction``, ``reproduce``, ``country_profile``, ``region_profile``, ``Figure``,
``dhs.dhs_design``; nor ``plot.source_line``, whose point is to write on the caller's axes.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from survey_designs import design
from test_dhs import synthetic_ir

import wpsstats as wps
from wpsstats import dhs, plot
from wpsstats.published import audit_text
from wpsstats.rates import METHODS

try:
    import polars as pl
except ImportError:  # pragma: no cover - the frames extra is not installed
    pl = None
try:
    import pyarrow as pa
except ImportError:  # pragma: no cover - the frames extra is not installed
    pa = None

NAN = float("nan")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# ------------------------------------------------------------------------------------ the check


def assert_unchanged(after: Any, before: Any, where: str = "argument") -> None:
    """``after`` (the argument as the call left it) is ``before`` (a deep copy taken earlier)."""
    assert type(after) is type(before), f"{where}: type {type(after)} was {type(before)}"
    if isinstance(before, pd.DataFrame):
        pd.testing.assert_frame_equal(after, before, check_exact=True, check_flags=True, obj=where)
        assert list(after.columns) == list(before.columns), f"{where}: column order"
        assert after.attrs == before.attrs, f"{where}: attrs {after.attrs} were {before.attrs}"
    elif isinstance(before, pd.Series):
        pd.testing.assert_series_equal(after, before, check_exact=True, check_flags=True, obj=where)
        assert after.attrs == before.attrs, f"{where}: attrs {after.attrs} were {before.attrs}"
    elif isinstance(before, pd.Index):
        pd.testing.assert_index_equal(after, before, exact=True, check_exact=True, obj=where)
    elif isinstance(before, np.ndarray):
        assert after.dtype == before.dtype, f"{where}: dtype {after.dtype} was {before.dtype}"
        assert after.shape == before.shape, f"{where}: shape {after.shape} was {before.shape}"
        assert after.flags.writeable == before.flags.writeable, f"{where}: flags.writeable"
        if before.dtype.hasobject:  # the bytes are pointers, new ones in the copy
            assert len(after.ravel()) == len(before.ravel())
            for i, (a, b) in enumerate(zip(after.ravel(), before.ravel(), strict=True)):
                assert_unchanged(a, b, f"{where}[{i}]")
        else:
            assert after.tobytes() == before.tobytes(), f"{where}: values {after} were {before}"
    elif pl is not None and isinstance(before, pl.DataFrame | pl.LazyFrame):
        from polars.testing import assert_frame_equal

        assert_frame_equal(after, before, check_exact=True)
    elif pa is not None and isinstance(before, pa.Table):
        assert after.equals(before, check_metadata=True), f"{where}: {after} was {before}"
    elif isinstance(before, list | tuple):
        assert len(after) == len(before), f"{where}: length {len(after)} was {len(before)}"
        for i, (a, b) in enumerate(zip(after, before, strict=True)):
            assert_unchanged(a, b, f"{where}[{i}]")
    elif isinstance(before, dict):
        assert list(after) == list(before), f"{where}: keys {list(after)} were {list(before)}"
        for k in before:
            assert_unchanged(after[k], before[k], f"{where}[{k!r}]")
    elif isinstance(before, float) and math.isnan(before):
        assert math.isnan(after), f"{where}: {after} was NaN"
    else:
        assert after == before, f"{where}: {after!r} was {before!r}"


@dataclass(frozen=True)
class Case:
    """A call of ``fn`` on the arguments ``make`` builds afresh each time."""

    id: str
    fn: Callable[..., Any]
    make: Callable[[], tuple[tuple[Any, ...], dict[str, Any]]]


def keep(value: Any) -> Any:
    """A deep copy; a numpy array's copy is read-only where the array is (``deepcopy`` makes
    every copy writeable)."""
    if isinstance(value, np.ndarray):
        out = value.copy()
        out.flags.writeable = value.flags.writeable
        return out
    if isinstance(value, list | tuple):
        return type(value)(keep(v) for v in value)
    if isinstance(value, dict):
        return {k: keep(v) for k, v in value.items()}
    return copy.deepcopy(value)


def call(*args: Any, **kwargs: Any) -> Callable[[], tuple[tuple[Any, ...], dict[str, Any]]]:
    """The arguments, a fresh copy for each run, so that no run sees another's."""

    def make() -> tuple[tuple[Any, ...], dict[str, Any]]:
        return keep(args), keep(kwargs)

    return make


# ------------------------------------------------------------------------------------ the inputs


def _bodies() -> pd.DataFrame:
    frame = pd.DataFrame(
        {"women": [9, 225, 204], "total": [36, 703, 1279]},
        index=pd.Index(["Cabinet", "Election mediators", "Security-force trainees"], name="body"),
    )
    frame.attrs["source"] = "IEG on WPS, update on Mali and the Sahel (2018), pp. 1-2"
    return frame


BODIES = _bodies()
WOMEN = BODIES["women"]
TOTAL = BODIES["total"]
WOMEN_NA = pd.Series([9, pd.NA, 204, 0], dtype="Int64", name="women", index=list("abcd"))
TOTAL_NA = pd.Series([36, 703, pd.NA, 10], dtype="Int64", name="total", index=list("abcd"))
WOMEN_F = np.array([9.0, NAN, 204.0, 0.0])
TOTAL_F = np.array([36.0, 703.0, 1279.0, 10.0])
READ_ONLY = np.array([0.0, 9.0, 204.0])
READ_ONLY.flags.writeable = False

PEACEKEEPERS = pd.Series(
    [52, 10, 40], index=["troops", "individual_police", "formed_police"], name="women"
)
PEACEKEEPERS_TOTAL = pd.Series([6483, 104, 882], index=PEACEKEEPERS.index, name="total")

DOCS_SURVEY = pd.DataFrame(
    {
        "married_by_18": [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, None, 0],
        "region": ["north"] * 6 + ["south"] * 6,
        "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6],
        "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3],
        "v005": [*[1_200_000] * 2, *[800_000] * 2, *[950_000] * 2, *[1_100_000] * 2]
        + [700_000] * 4,
    }
)
# survey_prevalence's arguments after DOCS_SURVEY, whichever library holds the frame
DOCS_DESIGN = {"weight": "v005", "psu": "cluster", "strata": "stratum", "by": "region"}
# a frame as an analyst holds it: unsorted index with a name, a categorical domain, attrs
SURVEY = design(n=400).sample(frac=1.0, random_state=1).rename_axis("respondent")
SURVEY["region"] = SURVEY["region"].astype("category")
SURVEY.attrs["wave"] = {"year": 2018, "notes": ["pilot"]}
# nullable dtypes, a domain with an unused category, a repeated index label
NULLABLE = SURVEY.astype(
    {"y": "Float64", "w": "Float64", "psu": "Int32", "urban": "boolean", "women": "boolean"}
).set_axis([i // 2 for i in range(len(SURVEY))])
NULLABLE["region"] = NULLABLE["region"].cat.add_categories(["west"])
SURVEY_DESIGN = {"weight": "w", "psu": "psu", "strata": "stratum"}
WOMEN_MASK = SURVEY["women"].to_numpy()
CHISQ = pd.DataFrame(
    {
        "married_by_18": [1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1],
        "region": ["north"] * 8 + ["south"] * 8,
        "cluster": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8],
        "stratum": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4],
    }
)
# prevalence_difference's arguments after CHISQ, whichever library holds the frame
DIFFERENCE = {"by": "region", "levels": ("north", "south"), "psu": "cluster", "strata": "stratum"}

IR = synthetic_ir(n=300).set_index(pd.RangeIndex(300, 0, -1, name="caseid"))
IR.attrs["survey"] = "synthetic"
SAMPLING = pd.DataFrame(
    {
        "v005": [1_500_000, 1_500_000, 500_000, 500_000] * 15,
        "v021": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6] * 5,
        "v022": [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3] * 5,
        "region": ["north"] * 36 + ["south"] * 24,
        "married_by_18": [1, 0, 0, 1, 1, 1] * 10,
    }
)

WDI_SEN = wps.load("wdi_parliament_world").query("geo == 'SEN'")
YEARS = WDI_SEN["period"].astype(int)
SHARES = WDI_SEN["value"]
TARGET_PATH = wps.parity_targets("military_contingents")

AUDIT_TEXT = (
    "Women hold 3.9 per cent of the seats; the region averages 27.3 per cent. "
    "Service providers recorded 221 cases against 147 girls and 84 boys. "
    "Nine women out of its 36 members (26 per cent)."
)
AUDIT_DATA = pd.DataFrame(
    {"phrase": ["3.9 per cent", "27.3 per cent"], "value": [0.0391, 0.2688], "source": "x"}
)
PAGES = pd.DataFrame(
    {
        "page": pd.array([1, 2, pd.NA], dtype="Int64"),
        "text": [
            "In 2017, MINUSMA documented 16 cases (S/2018/250).",
            None,
            "More than 52 per cent of girls are married before 18 years.",
        ],
        "footnotes": ["", "", "1 A note."],
    }
)
PAGES.attrs["path"] = "S_2018_250.pdf"
AUDITED = wps.audit(AUDIT_TEXT, data=AUDIT_DATA)

GAP = wps.parity_gap(PEACEKEEPERS, PEACEKEEPERS_TOTAL, [0.15, 0.30, 0.20])
ESTIMATES = wps.survey_prevalence(
    SAMPLING, "married_by_18", weight="v005", psu="v021", strata="v022", by="region"
)
MARKS = dhs.sampling_errors(SAMPLING, "married_by_18", by="region")
FIGURES_MLI = (
    wps.figures(geo="MLI")
    .set_index("figure_id")
    .loc[
        [
            "mli-child-marriage-18",
            "mli-physical-violence-women",
            "mli-gbv-survivors-without-services",
            "mli-fgm-prevalence",
        ]
    ]
    .reset_index()
)
REPRESENTATION = wps.rate(WOMEN, TOTAL)

# ------------------------------------------------------------------------------------ the cases

CASES: list[Case] = [
    # rates
    Case("rate-series", wps.rate, call(WOMEN, TOTAL)),
    Case("rate-nullable", wps.rate, call(WOMEN_NA, TOTAL_NA, method="jeffreys")),
    Case("rate-lists-no-interval", wps.rate, call([9, 0, 204], [36, 0, 1279], method=None)),
    Case("rate-arrays", wps.rate, call(WOMEN_F, TOTAL_F, method="clopper_pearson")),
    Case("rate-int-arrays", wps.rate, call(np.array([9, 225, 204]), np.array([36, 703, 1279]))),
    Case(
        "rate-multiindex",
        wps.rate,
        call(
            WOMEN_NA.set_axis(pd.MultiIndex.from_product([["MLI", "NER"], [2018, 2020]])),
            TOTAL_NA.set_axis(pd.MultiIndex.from_product([["MLI", "NER"], [2018, 2020]])),
        ),
    ),
    Case("rate-read-only", wps.rate, call(READ_ONLY, np.array([10.0, 36.0, 1279.0]))),
    *[
        Case(f"proportion_ci-{m}", wps.proportion_ci, call(WOMEN_F, TOTAL_F, method=m))
        for m in METHODS
    ],
    Case("proportion_ci-series", wps.proportion_ci, call(WOMEN_NA, TOTAL_NA)),
    Case("proportion_ci-lists", wps.proportion_ci, call([0, 9, 204], [10, 36, 1279])),
    Case("quota_gap-series", wps.quota_gap, call(WOMEN, TOTAL, 0.30)),
    Case("quota_gap-add", wps.quota_gap, call(WOMEN_NA, TOTAL_NA, 0.5, mode="add")),
    Case("quota_gap-arrays", wps.quota_gap, call(WOMEN_F, TOTAL_F, 0.3)),
    Case("parity_index-series", wps.parity_index, call(WOMEN, TOTAL - WOMEN)),
    Case("parity_index-adjusted", wps.parity_index, call([50, 100], [100, 50], adjusted=True)),
    Case("parity_index-arrays", wps.parity_index, call(WOMEN_F, TOTAL_F - 5)),
    Case("pooled_rate-series", wps.pooled_rate, call(WOMEN_NA, TOTAL_NA, skipna=True)),
    Case("pooled_rate-lists", wps.pooled_rate, call([0, 1, 2], [40, 10, 10])),
    Case("pooled_rate-arrays", wps.pooled_rate, call(WOMEN_F, TOTAL_F, skipna=True)),
    Case("mean_of_shares-series", wps.mean_of_shares, call(WOMEN_NA, TOTAL_NA, skipna=True)),
    Case("mean_of_shares-arrays", wps.mean_of_shares, call(WOMEN_F, TOTAL_F, skipna=True)),
    Case("mean_of_shares-lists", wps.mean_of_shares, call([0, 1, 2], [40, 10, 10])),
    Case(
        "rate_difference-series",
        wps.rate_difference,
        call(WOMEN_NA, TOTAL_NA, WOMEN_NA.fillna(1), TOTAL_NA.fillna(1300), method="wilson_cc"),
    ),
    Case(
        "rate_difference-arrays",
        wps.rate_difference,
        call(WOMEN_F, TOTAL_F, READ_ONLY[[0, 1, 2, 0]], TOTAL_F),
    ),
    # surveys
    Case(
        "survey_prevalence-docs",
        wps.survey_prevalence,
        call(DOCS_SURVEY, "married_by_18", **DOCS_DESIGN),
    ),
    *[
        Case(
            f"survey_prevalence-{method}",
            wps.survey_prevalence,
            call(SURVEY, "y", by="region", subset="women", method=method, **SURVEY_DESIGN),
        )
        for method in ("logit", "beta", "xlogit", "mean")
    ],
    Case(
        "survey_prevalence-mask",
        wps.survey_prevalence,
        call(SURVEY, "y", by=["region", "urban"], subset=WOMEN_MASK, **SURVEY_DESIGN),
    ),
    Case(
        "survey_prevalence-series-mask",
        wps.survey_prevalence,
        call(SURVEY, "y", by="urban", subset=SURVEY["women"], **SURVEY_DESIGN),
    ),
    Case(
        "survey_prevalence-nullable",
        wps.survey_prevalence,
        call(NULLABLE, "y", by=["region", "urban"], subset="women", **SURVEY_DESIGN),
    ),
    Case(
        "survey_chisq-nullable",
        wps.survey_chisq,
        call(NULLABLE, "y", "urban", subset=NULLABLE["women"], **SURVEY_DESIGN),
    ),
    Case(
        "survey_prevalence-two-stage",
        wps.survey_prevalence,
        call(
            SURVEY,
            "y",
            weight="w",
            psu="psu",
            strata="stratum",
            fpc="fpc",
            ssu="hh",
            fpc2="fpc2",
            by="region",
        ),
    ),
    Case(
        "survey_prevalence-nested",
        wps.survey_prevalence,
        call(
            SURVEY,
            "y",
            weight="w",
            psu="hh",
            strata="stratum",
            nest=True,
            by="urban",
            lonely_psu="adjust",
        ),
    ),
    Case(
        "pool_prevalence-lists",
        wps.pool_prevalence,
        call([0.8, 0.5], population=[30.0, 10.0], se=[0.02, 0.04]),
    ),
    Case(
        "pool_prevalence-series",
        wps.pool_prevalence,
        call(
            pd.Series([0.8, 0.5, 0.3], index=["MLI", "NER", "BFA"], name="prevalence"),
            population=pd.Series([30.0, 10.0, 12.0], index=["MLI", "NER", "BFA"], name="pop"),
            se=pd.Series([0.02, 0.04, 0.01], index=["MLI", "NER", "BFA"], name="se"),
        ),
    ),
    Case(
        "pool_prevalence-arrays",
        wps.pool_prevalence,
        call(np.array([0.8, 0.5]), population=np.array([30.0, 10.0])),
    ),
    Case(
        "prevalence_difference-docs",
        wps.prevalence_difference,
        call(CHISQ, "married_by_18", **DIFFERENCE),
    ),
    Case(
        "prevalence_difference-survey",
        wps.prevalence_difference,
        call(
            SURVEY, "y", by="region", levels=("north", "south"), subset=WOMEN_MASK, **SURVEY_DESIGN
        ),
    ),
    Case(
        "survey_chisq-docs",
        wps.survey_chisq,
        call(CHISQ, "married_by_18", "region", psu="cluster", strata="stratum"),
    ),
    Case(
        "survey_chisq-survey",
        wps.survey_chisq,
        call(SURVEY, "y", "region", subset="women", **SURVEY_DESIGN),
    ),
    # DHS
    Case("child_marriage", dhs.child_marriage, call(IR, by="v025")),
    Case(
        "child_marriage-nullable",
        dhs.child_marriage,
        call(IR.astype({"v012": "Int64", "v511": "Float64", "v025": "category"}), by="v025"),
    ),
    Case("child_marriage-15-v023", dhs.child_marriage, call(IR, before=15, strata="v023")),
    Case("fgm_prevalence", dhs.fgm_prevalence, call(IR, by=["v025"], method="beta")),
    Case("recode_child_marriage", dhs.recode_child_marriage, call(IR, before=15)),
    Case("recode_fgm", dhs.recode_fgm, call(IR)),
    Case("sampling_errors-docs", dhs.sampling_errors, call(SAMPLING, "married_by_18", by="region")),
    Case(
        "sampling_errors-subset",
        dhs.sampling_errors,
        call(
            IR.assign(y=dhs.recode_fgm(IR)),
            ["y"],
            by="v025",
            subset=IR["v012"].between(20, 24).to_numpy(),
        ),
    ),
    # parity
    Case(
        "parity_gap-series",
        wps.parity_gap,
        call(PEACEKEEPERS, PEACEKEEPERS_TOTAL, [0.15, 0.3, 0.2]),
    ),
    Case("parity_gap-scalar-target", wps.parity_gap, call([3, 0], 10, 0.3)),
    Case(
        "parity_gap-arrays",
        wps.parity_gap,
        call(np.array([52.0, NAN]), np.array([6483.0, 104.0]), np.array([0.15, 0.3])),
    ),
    Case("year_reaching-series", wps.year_reaching, call(YEARS, SHARES, 0.50)),
    Case(
        "year_reaching-dates",
        wps.year_reaching,
        call(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15),
    ),
    Case("pace_needed-series", wps.pace_needed, call(YEARS, SHARES, 0.5, by=2030)),
    Case(
        "pace_needed-arrays",
        wps.pace_needed,
        call(np.array([2014.0, 2016.0, 2018.0]), np.array([0.01, NAN, 0.026]), 0.15, by=2028),
    ),
    Case("trend_status-series", wps.trend_status, call(YEARS, SHARES, 0.30)),
    Case(
        "trend_status-dates",
        wps.trend_status,
        call(["2014-03-31", "2018"], [52 / 6483, 0.026], 0.15),
    ),
    Case(
        "trend_status-arrays",
        wps.trend_status,
        call(np.array([2014.0, 2016.0, 2018.0]), np.array([0.01, NAN, 0.026]), 0.15),
    ),
    Case(
        "to_target_categories-ipi",
        wps.to_target_categories,
        call(wps.load("ipi_minusma_2014"), scheme="read_ipi_gender"),
    ),
    Case(
        "to_target_categories-own-column",
        wps.to_target_categories,
        call(
            pd.DataFrame(
                {"n": [3, 4], "kind": pd.Categorical(["troops", "formed_police"])},
                index=pd.Index(["r1", "r0"], name="row"),
            ),
            column="kind",
        ),
    ),
    # published figures
    Case(
        "consistent_percent-lists",
        wps.consistent_percent,
        call(["25.0", "25.1", None], [36, 36, 36]),
    ),
    Case(
        "consistent_percent-series",
        wps.consistent_percent,
        call(
            pd.Series(["25.0", "9.44881889763779", pd.NA], dtype="string"),
            pd.Series([36, 127, 10]),
            slack=1,
        ),
    ),
    Case(
        "consistent_percent-arrays",
        wps.consistent_percent,
        call(np.array([25.0, 25.1, NAN]), np.array([36, 36, 36])),
    ),
    Case("extract_figures-pages", wps.extract_figures, call(PAGES)),
    Case("audit-pages", wps.audit, call(PAGES)),
    Case("audit-data", wps.audit, call(AUDIT_TEXT, data=AUDIT_DATA)),
    Case(
        "audit-pages-data",
        wps.audit,
        call(
            PAGES,
            data=pd.DataFrame(
                {
                    "phrase": ["16", "More than 52 per cent"],
                    "value": [16.0, 0.53],
                    "page": pd.array([1, pd.NA], dtype="Int64"),
                    "source": ["MINUSMA", "DHS"],
                },
                index=pd.Index(["b", "a"], name="row"),
            ),
        ),
    ),
    Case("audit_text", audit_text, call(AUDITED, limit=2)),
    # charts
    Case("plot.representation", plot.representation, call(REPRESENTATION, quota=0.30)),
    Case("plot.parity", plot.parity, call(GAP, source="IPI Peacekeeping Database, March 2014")),
    Case("plot.prevalence", plot.prevalence, call(ESTIMATES, source="synthetic data")),
    Case("plot.prevalence-marks", plot.prevalence, call(ESTIMATES, marks=MARKS)),
    Case(
        "plot.prevalence-marks-series",
        plot.prevalence,
        call(ESTIMATES, marks=MARKS["mark"].rename("m")),
    ),
    Case("plot.prevalence-marks-list", plot.prevalence, call(ESTIMATES, marks=["", "()"])),
    Case("plot.qualified_figures", plot.qualified_figures, call(FIGURES_MLI)),
    Case(
        "plot.trend",
        plot.trend,
        call(["2014-03-31", "2018"], [52 / 6483, 0.026], target_path=TARGET_PATH, fit=True),
    ),
    Case(
        "plot.trend-arrays",
        plot.trend,
        call(np.array([2014.0, 2016.0, 2018.0]), np.array([0.01, NAN, 0.026]), target_path=0.15),
    ),
    Case("plot.trend-series", plot.trend, call(YEARS, SHARES, target_path=0.3, fit=True)),
]

if pl is not None:
    CASES += [
        Case(
            "survey_prevalence-polars",
            wps.survey_prevalence,
            call(pl.from_pandas(DOCS_SURVEY), "married_by_18", **DOCS_DESIGN),
        ),
        Case(
            "survey_prevalence-polars-lazy",
            wps.survey_prevalence,
            call(
                pl.from_pandas(SURVEY.reset_index()).lazy(),
                "y",
                by="region",
                subset="women",
                **SURVEY_DESIGN,
            ),
        ),
        Case(
            "prevalence_difference-polars",
            wps.prevalence_difference,
            call(pl.from_pandas(CHISQ), "married_by_18", **DIFFERENCE),
        ),
        Case(
            "survey_chisq-polars",
            wps.survey_chisq,
            call(pl.from_pandas(CHISQ), "married_by_18", "region", psu="cluster", strata="stratum"),
        ),
    ]
if pa is not None:
    CASES += [
        Case(
            "survey_prevalence-pyarrow",
            wps.survey_prevalence,
            call(
                pa.Table.from_pandas(SURVEY, preserve_index=False),
                "y",
                by="region",
                subset="women",
                fpc="fpc",
                **SURVEY_DESIGN,
            ),
        ),
        Case(
            "prevalence_difference-pyarrow",
            wps.prevalence_difference,
            call(pa.Table.from_pandas(CHISQ), "married_by_18", **DIFFERENCE),
        ),
        Case(
            "survey_chisq-pyarrow",
            wps.survey_chisq,
            call(pa.Table.from_pandas(CHISQ), "married_by_18", "region", psu="cluster"),
        ),
    ]


def _run(case: Case) -> tuple[list[tuple[str, Any, Any]], Any]:
    """Call the case; each argument with its name, as the call left it, and as it was."""
    args, kwargs = case.make()
    named = [(f"args[{i}]", a) for i, a in enumerate(args)] + list(kwargs.items())
    kept = [(name, value, keep(value)) for name, value in named]
    result = case.fn(*args, **kwargs)
    return kept, result


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_inputs_unchanged(case: Case) -> None:
    kept, _ = _run(case)
    for name, after, before in kept:
        assert_unchanged(after, before, f"{case.id}: {name}")


# ------------------------------------------------------------------------- each case can fail


def _other(value: Any, dtype: Any) -> Any:
    """A value of the same kind as ``value`` (a cell of ``dtype``) that differs from it."""
    if pd.api.types.is_bool_dtype(dtype):
        return not bool(value) if pd.notna(value) else True
    if pd.api.types.is_numeric_dtype(dtype):
        return value + 1 if pd.notna(value) else 0
    return f"{value}x" if pd.notna(value) else "x"


def _changes() -> dict[str, Callable[[Any], bool]]:
    """Ways of changing a caller's argument in place; each says whether it applied."""

    def add_column(x: Any) -> bool:
        if isinstance(x, pd.DataFrame):
            x["_added"] = 1
            return True
        return False

    def reorder_columns(x: Any) -> bool:
        if isinstance(x, pd.DataFrame) and x.shape[1] > 1:
            last = x.columns[-1]
            x.insert(0, last, x.pop(last))
            return True
        return False

    def change_dtype(x: Any) -> bool:
        if isinstance(x, pd.DataFrame):
            first = x[x.columns[0]]
            x[x.columns[0]] = first.astype("string" if first.dtype == object else object)
            return True
        return False

    def reorder_rows(x: Any) -> bool:
        if isinstance(x, pd.DataFrame | pd.Series) and x.index.is_unique and len(x) > 1:
            backwards = x.iloc[::-1].copy()
            x.index = backwards.index
            if isinstance(x, pd.DataFrame):
                for column in x.columns:
                    x[column] = backwards[column].array
            else:
                x.iloc[:] = backwards.array
            return True
        return False

    def set_index(x: Any) -> bool:
        if isinstance(x, pd.DataFrame):
            x.index = pd.Index(x.pop(x.columns[0]))
            return True
        if isinstance(x, pd.Series):
            x.index = pd.RangeIndex(100, 100 + len(x))
            return True
        return False

    def rename_index(x: Any) -> bool:
        if isinstance(x, pd.DataFrame | pd.Series):
            x.index.names = [f"_renamed{i}" for i in range(x.index.nlevels)]
            return True
        return False

    def rename_series(x: Any) -> bool:
        if isinstance(x, pd.Series):
            x.name = "_renamed"
            return True
        return False

    def touch_attrs(x: Any) -> bool:
        if isinstance(x, pd.DataFrame | pd.Series):
            x.attrs["_touched"] = True
            return True
        return False

    def write_cell(x: Any) -> bool:
        if isinstance(x, pd.DataFrame) and len(x):
            numeric = [j for j, t in enumerate(x.dtypes) if pd.api.types.is_numeric_dtype(t)]
            j = numeric[0] if numeric else x.shape[1] - 1
            if not numeric:
                x[x.columns[j]] = x[x.columns[j]].astype(object)
            x.iloc[0, j] = _other(x.iloc[0, j], x.dtypes.iloc[j])
            return True
        if isinstance(x, pd.Series) and len(x):
            x.iloc[0] = _other(x.iloc[0], x.dtype)
            return True
        if isinstance(x, np.ndarray) and x.size and x.flags.writeable:
            flat = x.reshape(-1)
            flat[0] = _other(flat[0], x.dtype)
            return True
        return False

    def write_missing(x: Any) -> bool:
        if isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.flags.writeable:
            flat = x.reshape(-1)
            flat[0] = NAN if not np.isnan(flat[0]) else 0.0
            return True
        return False

    def freeze(x: Any) -> bool:
        if isinstance(x, np.ndarray) and x.flags.writeable:
            x.flags.writeable = False
            return True
        return False

    def append(x: Any) -> bool:
        if isinstance(x, list):
            x.append(x[-1] if x else 0)
            return True
        return False

    def replace_item(x: Any) -> bool:
        if isinstance(x, list) and x:
            x[0] = "_replaced"
            return True
        return False

    return {
        f.__name__: f
        for f in (
            add_column,
            reorder_columns,
            change_dtype,
            reorder_rows,
            set_index,
            rename_index,
            rename_series,
            touch_attrs,
            write_cell,
            write_missing,
            freeze,
            append,
            replace_item,
        )
    }


CHANGES = _changes()


@pytest.mark.parametrize(
    "case", [c for c in CASES if "polars" not in c.id and "pyarrow" not in c.id], ids=lambda c: c.id
)
def test_a_change_is_seen(case: Case) -> None:
    """After the real call, each change that applies to an argument (made to a copy of it as the
    call left it) fails the check: the case has an argument that a function could change in
    place, and the check sees each way of changing it."""
    kept, _ = _run(case)
    seen = []
    for what, change in CHANGES.items():
        for name, after, before in kept:
            changed = keep(after)
            if change(changed):
                with pytest.raises(AssertionError):
                    assert_unchanged(changed, before, f"{case.id}: {name}")
                seen.append((what, name))
    assert seen, f"{case.id}: no argument a function could change in place"


@pytest.mark.skipif(pl is None or pa is None, reason="polars or pyarrow not installed")
@pytest.mark.parametrize("kind", ["polars", "polars-lazy", "pyarrow"])
def test_a_change_to_another_frame_is_seen(kind: str) -> None:
    """Polars and Arrow frames are immutable; what a function could do is hand back another
    frame under the same name, and a frame that differs fails the check."""
    df = CHISQ
    make = {
        "polars": lambda d: pl.from_pandas(d),
        "polars-lazy": lambda d: pl.from_pandas(d).lazy(),
        "pyarrow": lambda d: pa.Table.from_pandas(d),
    }[kind]
    before = make(df)
    for other in (df.assign(extra=1), df.astype({"cluster": "float64"}), df.iloc[::-1]):
        with pytest.raises(AssertionError):
            assert_unchanged(make(other), before)
