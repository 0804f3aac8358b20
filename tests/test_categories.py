"""The personnel-category crosswalk: to_target_categories applies ``personnel_categories``.

Outside references: the IPI March 2014 file itself (its ``troops_f``/``fpu_f``/``ip_f``/``eom_f``
fields, read with the json module, not with wpsstats) and the vocabulary's own rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wpsstats as wps
from wpsstats.parity import parity_gap, parity_targets, to_target_categories

VOCAB = wps.load("personnel_categories")


def test_reader_output_reaches_the_targets_with_its_match_quality(shared_data: Path) -> None:
    path = shared_data / "peacekeeping_ipi" / "ipi_20140331_gender.json"
    frame = wps.read.ipi_gender(path)
    mapped = to_target_categories(frame)
    assert len(mapped) == len(frame)  # nothing dropped
    pd.testing.assert_frame_equal(mapped.drop(columns=["target_category", "match"]), frame)
    pairs = set(
        zip(
            mapped["category"].astype(str),
            mapped["target_category"].astype(str),
            mapped["match"].astype(str),
            strict=True,
        )
    )
    assert pairs == {
        ("troops", "military_contingents", "broader"),
        ("formed_police", "formed_police_units", "exact"),
        ("individual_police", "individual_police_officers", "exact"),
        ("experts_on_mission", "military_observers_staff_officers", "partial"),
    }
    # the file's own grand-total record (mission and contributor "all"), read without wpsstats
    records = json.loads(path.read_text(encoding="utf-8"))
    (grand,) = [r for r in records if r["mission"] == "all" and r["tcc_country_id"] == "all"]
    women = mapped[mapped["sex"] == "female"].groupby("target_category", observed=True)["count"]
    assert women.sum().to_dict() == {
        "military_contingents": grand["troops_f"],
        "military_observers_staff_officers": grand["eom_f"],
        "formed_police_units": grand["fpu_f"],
        "individual_police_officers": grand["ip_f"],
    }


def test_bundled_extract_goes_into_parity_gap_without_a_hand_written_mapping() -> None:
    ipi = to_target_categories(wps.load("ipi_minusma_2014"))
    counts = ipi.pivot_table(
        index="target_category", columns="sex", values="count", aggfunc="sum", observed=True
    )
    target = parity_targets(year=2028).set_index("category")["target"]
    gap = parity_gap(
        counts["female"], counts["female"] + counts["male"], target.reindex(counts.index)
    )
    # the user guide's MINUSMA numbers (52 of 6,483 troops, 40 of 882 FPU, 10 of 104 IPO)
    assert gap["women_needed"].to_dict() == {
        "military_contingents": 921,
        "formed_police_units": 137,
        "individual_police_officers": 22,
    }


def test_the_scheme_is_inferred_only_when_one_fits() -> None:
    seed = pd.DataFrame({"category": ["military personnel", "national staff posts"]})
    assert to_target_categories(seed)["target_category"].astype(str).tolist() == [
        "military_contingents",
        "civilian_staff",
    ]
    # "troops" is DPO's word and the IPI reader's: say which
    with pytest.raises(
        ValueError, match=r"several schemes: .*'dpo_target_achievers'.*pass scheme="
    ):
        to_target_categories(pd.DataFrame({"category": ["troops"]}))
    one = to_target_categories(
        pd.DataFrame({"category": ["troops"]}), scheme="dpo_target_achievers"
    )
    assert one["match"].tolist() == ["exact"]
    with pytest.raises(ValueError, match=r"no scheme .* knows every label .* lacks 'cooks'"):
        to_target_categories(pd.DataFrame({"category": ["troops", "formed_police", "cooks"]}))


def test_labels_that_fit_no_single_target_are_refused_or_left_without_one() -> None:
    # the monthly summary's "Police" is both police categories: one target would count twice
    with pytest.raises(
        ValueError, match=r"'Police' of scheme 'un_monthly_report' counts people of 2"
    ):
        to_target_categories(
            pd.DataFrame({"post": ["Police"]}), column="post", scheme="un_monthly_report"
        )
    # UN Volunteers are in the seed but under no target category: kept, with match "none"
    out = to_target_categories(
        pd.DataFrame({"category": ["United Nations Volunteers", None]}), scheme="seed"
    )
    assert out["target_category"].isna().all()
    assert out["match"].astype("string").tolist() == ["none", pd.NA]


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "pattern"),
    [
        (
            pd.DataFrame({"category": ["troop"]}),
            {"scheme": "read_ipi_gender"},
            ValueError,
            r"'troop' is not a label .* did you mean 'troops'",
        ),
        (
            pd.DataFrame({"category": ["troops"]}),
            {"scheme": "ipi"},
            ValueError,
            r"scheme='ipi' is not one of",
        ),
        (pd.DataFrame({"kind": ["troops"]}), {}, ValueError, r"no column 'category'"),
        ([("troops",)], {}, TypeError, r"DataFrame"),
        (
            pd.DataFrame({"category": ["troops"], "match": [1]}),
            {"scheme": "read_ipi_gender"},
            ValueError,
            r"already has a column 'match'",
        ),
    ],
)
def test_bad_input_is_named(data, kwargs, error, pattern) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=pattern):
        to_target_categories(data, **kwargs)


schemes = sorted(set(VOCAB["scheme"].astype(str)))


@given(data=st.data(), scheme=st.sampled_from(schemes))
def test_rows_order_and_columns_are_kept_and_each_label_maps_as_the_vocabulary_says(
    data, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    table = VOCAB[VOCAB["scheme"] == scheme]
    single = table.groupby("label").filter(lambda g: len(g) == 1)
    labels = data.draw(st.lists(st.sampled_from(sorted(single["label"])), min_size=1, max_size=20))
    frame = pd.DataFrame(
        {"n": range(len(labels)), "category": labels}, index=[f"r{i}" for i in range(len(labels))]
    )
    out = to_target_categories(frame, scheme=scheme)
    assert out.index.equals(frame.index)
    assert list(out.columns) == ["n", "category", "target_category", "match"]
    row = single.set_index("label")
    for label, category, match in zip(
        out["category"], out["target_category"], out["match"], strict=True
    ):
        assert match == row.loc[label, "match"]
        if match == "none":
            assert pd.isna(category)
        else:
            assert category == row.loc[label, "category"]


# --- the frame returned, and labels of another scheme ---------------------------------------------
# Expected values below come from datasets/personnel_categories.csv and its YAML codebook read
# directly (csv and yaml modules), not through wps.load.

ROOT = Path(__file__).resolve().parent.parent


def vocabulary_rows() -> list[dict[str, str]]:
    import csv

    with open(ROOT / "datasets" / "personnel_categories.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def codebook_categories(column: str) -> list[str]:
    import yaml

    meta = yaml.safe_load((ROOT / "datasets" / "personnel_categories.yaml").read_text("utf-8"))
    (entry,) = [c for c in meta["columns"] if c["name"] == column]
    return list(entry["categories"])


def test_a_label_of_another_scheme_is_refused_not_left_without_a_category() -> None:
    # "Staff Officers" is a label of the monthly reports, not of the IPI reader's names: mapped
    # with scheme="read_ipi_gender" it would silently get no target category
    rows = vocabulary_rows()
    assert {r["scheme"] for r in rows if r["label"] == "Staff Officers"} == {"un_monthly_report"}
    frame = pd.DataFrame({"category": ["troops", "Staff Officers"]})
    with pytest.raises(ValueError, match=r"'Staff Officers' is not a label of scheme 'read_ipi"):
        to_target_categories(frame, scheme="read_ipi_gender")


def test_the_closest_scheme_is_the_one_with_most_labels_in_common() -> None:
    # of the data's labels, read_ipi_gender knows "troops" and "formed_police": no other scheme
    # knows two of them
    rows = vocabulary_rows()
    labels = {"troops", "formed_police", "cooks"}
    common: dict[str, int] = {}
    for r in rows:
        common[r["scheme"]] = common.get(r["scheme"], 0) + (r["label"] in labels)
    assert max(common, key=common.__getitem__) == "read_ipi_gender"
    assert sorted(common.values())[-2] < common["read_ipi_gender"]
    with pytest.raises(ValueError, match=r"the closest, 'read_ipi_gender', lacks 'cooks' \("):
        to_target_categories(pd.DataFrame({"category": sorted(labels)}))


def test_the_new_columns_come_right_after_the_label_column() -> None:
    frame = pd.DataFrame({"post": ["formed_police"], "sex": ["female"], "count": [3]})
    out = to_target_categories(frame, column="post", scheme="read_ipi_gender")
    assert list(out.columns) == ["post", "target_category", "match", "sex", "count"]
    assert out[["post", "sex", "count"]].equals(frame)


def test_a_column_named_target_category_is_not_overwritten() -> None:
    frame = pd.DataFrame({"category": ["troops"], "target_category": ["mine"]})
    with pytest.raises(ValueError, match=r"already has a column 'target_category'"):
        to_target_categories(frame, scheme="read_ipi_gender")


def test_attrs_are_kept_and_the_input_is_not_changed() -> None:
    frame = pd.DataFrame({"category": ["troops", "individual_police"]})
    frame.attrs["wpsstats"] = {"name": "mine", "sources": [{"title": "a file"}]}
    out = to_target_categories(frame, scheme="read_ipi_gender")
    assert out.attrs == {"wpsstats": {"name": "mine", "sources": [{"title": "a file"}]}}
    assert list(frame.columns) == ["category"]
    extract = to_target_categories(wps.load("ipi_minusma_2014"), scheme="read_ipi_gender")
    assert extract.attrs["wpsstats"]["name"] == "ipi_minusma_2014"


def test_new_columns_are_categoricals_of_the_codebooks_vocabulary() -> None:
    out = to_target_categories(
        pd.DataFrame({"category": ["troops", "experts_on_mission", None]}),
        scheme="read_ipi_gender",
    )
    for column, source in (("target_category", "category"), ("match", "match")):
        dtype = out[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype), column
        assert list(dtype.categories) == codebook_categories(source), column
    quality = {
        r["label"]: r["match"] for r in vocabulary_rows() if r["scheme"] == "read_ipi_gender"
    }
    assert out["match"].tolist()[:2] == [quality["troops"], quality["experts_on_mission"]]
    assert pd.isna(out["match"].iloc[2]) and pd.isna(out["target_category"].iloc[2])
