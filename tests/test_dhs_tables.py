"""dhs.sampling_errors: the DHS Appendix B table, against R's svymean and the DHS's marks.

R's values are those of tests/r/survey_golden.R (svymean with deff = "replace" on the synthetic
DHS-like design, lonely PSUs adjusted) and, for PSU ids nested in strata (nest=True), of
tests/r/dhs_sampling_errors_nest.R; the marks follow the convention printed in the notes of
the Haiti EMMUS-VI key-indicators report (see the function's docstring).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wpsstats.dhs import sampling_errors

GOLDEN = Path(__file__).resolve().parent / "golden"
DHS_LIKE = pd.read_csv(GOLDEN / "survey_dhs_like.csv")


def test_r_se_and_deft_are_r_s_svymean() -> None:
    golden = pd.read_csv(GOLDEN / "survey_r_values.csv", keep_default_na=False, na_values=["NA"])
    r = golden[
        (golden["file"] == "survey_dhs_like")
        & (golden["lonely"] == "adjust")
        & (golden["method"] == "mean")
        & (golden["level"] == 0.95)
        & (golden["by"] == "region")
    ].set_index("domain")
    table = sampling_errors(DHS_LIKE, "y", by="region", nest=False).set_index("region")
    assert set(table.index) == set(r.index)
    for region, row in table.iterrows():
        assert row["R"] == pytest.approx(r.loc[region, "estimate"], rel=1e-8, abs=1e-15)
        assert row["SE"] == pytest.approx(r.loc[region, "se"], rel=1e-8, abs=1e-15)
        assert row["N"] == r.loc[region, "n"]
        if row["R"] > 0:
            assert row["DEFT"] ** 2 == pytest.approx(r.loc[region, "deff"], rel=1e-8)


def test_nested_psu_ids_are_r_s_svydesign_nest_true() -> None:
    """sampling_errors(nest=True) is svydesign(nest = TRUE): tests/r/dhs_sampling_errors_nest.R.

    The PSU ids restart at 1 in each stratum (as the R script renumbers them), so one id names
    PSUs of several strata and only the (stratum, id) pair is the PSU.
    """
    data = DHS_LIKE.assign(
        v021=DHS_LIKE["v021"] - DHS_LIKE.groupby("v022")["v021"].transform("min") + 1
    )
    assert data[["v021", "v022"]].drop_duplicates()["v021"].duplicated().any()
    r = pd.read_csv(
        GOLDEN / "dhs_sampling_errors_nest_r.csv", keep_default_na=False, na_values=["NA"]
    )
    for by, golden in r.groupby("by", sort=False):
        table = sampling_errors(data, "y", by=by or None, nest=True)
        if by:
            table = table.set_index(by)
        else:
            table.index = pd.Index(["(all)"])
        assert sorted(table.index) == sorted(golden["domain"])
        for _, row in golden.iterrows():
            got = table.loc[row["domain"]]
            for column in ("R", "SE", "WN"):
                assert got[column] == pytest.approx(row[column], rel=1e-8, abs=0), column
            assert got["N"] == row["N"]
            if np.isnan(row["DEFT"]):  # R = 0: R's deff is 0/0
                assert got["R"] == 0 and got["SE"] == 0
            else:
                assert got["DEFT"] == pytest.approx(row["DEFT"], rel=1e-8), "DEFT"


def test_wn_is_the_weights_of_the_counted_rows_on_the_dhs_scale() -> None:
    table = sampling_errors(DHS_LIKE, "y", by="region", nest=False).set_index("region")
    counted = DHS_LIKE[DHS_LIKE["y"].notna()]
    by_hand = counted.groupby("region")["v005"].sum() / 1_000_000
    pd.testing.assert_series_equal(table["WN"], by_hand, check_names=False)
    assert (table["N"] == counted.groupby("region").size()).all()


@pytest.mark.parametrize(
    ("n", "mark", "printed"),
    [(24, "*", "*"), (25, "()", "(48.0)"), (49, "()", "(49.0)"), (50, "", "50.0")],
)
def test_the_dhs_marks_at_their_boundaries(n: int, mark: str, printed: str) -> None:
    cases = n // 2 if n != 49 else 24
    data = pd.DataFrame(
        {
            "v005": 1_000_000,
            "v021": np.arange(n) % 5,
            "v022": 1,
            "y": [1] * cases + [0] * (n - cases),
        }
    )
    row = sampling_errors(data, "y").iloc[0]
    assert row["N"] == n and row["mark"] == mark and row["printed"] == printed


@given(st.lists(st.sampled_from([0, 1, None]), min_size=6, max_size=60))
def test_table_columns_agree_with_each_other(values: list) -> None:  # type: ignore[type-arg]
    data = pd.DataFrame(
        {
            "v005": 1_000_000,
            "v021": np.arange(len(values)) % 3,
            "v022": 1,
            "y": pd.array(values, dtype="Float64"),
        }
    )
    row = sampling_errors(data, "y").iloc[0]
    assert row["N"] == sum(v is not None for v in values) == row["WN"]
    if row["N"]:
        assert row["R_minus_2SE"] == pytest.approx(row["R"] - 2 * row["SE"])
        assert row["R_plus_2SE"] == pytest.approx(row["R"] + 2 * row["SE"])
        if row["R"] > 0:
            assert row["SE_R"] == pytest.approx(row["SE"] / row["R"])


def test_several_indicators_make_blocks_in_order() -> None:
    data = DHS_LIKE.assign(z=1 - DHS_LIKE["y"])
    table = sampling_errors(data, ["y", "z"], by="residence", nest=False)
    assert table["indicator"].tolist() == ["y", "y", "z", "z"]
    y, z = table.iloc[:2], table.iloc[2:]
    assert np.allclose(y["R"].to_numpy() + z["R"].to_numpy(), 1.0)
    assert np.allclose(y["SE"].to_numpy(), z["SE"].to_numpy())


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="at least one"):
        sampling_errors(DHS_LIKE, [])
    with pytest.raises(ValueError, match="no column 'v999'"):
        sampling_errors(DHS_LIKE, "v999")


def test_a_frame_of_another_library_is_named_with_its_library() -> None:
    # sampling_errors takes pandas only: "got DataFrame" would not say which DataFrame it was
    polars = pytest.importorskip("polars")
    frame = polars.from_pandas(DHS_LIKE)
    with pytest.raises(TypeError, match=r"got polars\.DataFrame; convert it with its \.to_pandas"):
        sampling_errors(frame, "y")
    with pytest.raises(TypeError, match=r"must be a pandas DataFrame, got list$"):
        sampling_errors([1, 0], "y")  # type: ignore[arg-type]
    assert sampling_errors(frame.to_pandas(), "y").equals(sampling_errors(DHS_LIKE, "y"))
