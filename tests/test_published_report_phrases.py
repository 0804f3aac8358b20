"""What real reports print and the grammar now reads (issue 17 item 2): each with its meaning."""

from __future__ import annotations

import math

import pytest

import wpsstats.published as pub
from wpsstats.published import extract_figures, parse_figure


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "numerator", "denominator"),
    [
        ("seven out of every ten women", 0.7, "share", "exact", 7, 10),
        ("7 of every 10 girls", 0.7, "share", "exact", 7, 10),
        ("Sixty per cent of them are women", 0.6, "share", "exact", None, None),
        ("Fifty-two million people", 52_000_000, "count", "exact", None, None),
        ("the number has more than doubled", 2, "multiple", "more_than", None, None),
        ("temperatures rising 1.5 times faster", 1.5, "multiple", "exact", None, None),
        ("mortality to increase by four times", 4, "multiple", "exact", None, None),
        ("a 37 per cent increase in cases", 0.37, "change", "exact", None, None),
        ("a 16.8 per cent decrease", 0.168, "change", "exact", None, None),
        ("aid has decreased by almost 20 per cent", 0.2, "change", "nearly", None, None),
        ("$1.2 billion was pledged", 1.2e9, "money", "exact", None, None),
        ("US$ 2.5 million for the fund", 2.5e6, "money", "exact", None, None),
        ("USD 1.2bn in 2024", 1.2e9, "money", "exact", None, None),
        ("2.5 million dollars", 2.5e6, "money", "exact", None, None),
        ("2.5m people displaced", 2.5e6, "count", "exact", None, None),
        ("7.3 per 100,000 women", 7.3e-5, "rate", "exact", 7.3, 100_000),
        ("un quotient de 81 ‰", 0.081, "rate", "exact", 81, 1000),
        ("24 pour 1 000 naissances", 0.024, "rate", "exact", 24, 1000),
        ("8.000 personnes déplacées", 8000, "count", "exact", None, None),
        ("3 523 femmes enquêtées", 3523, "count", "exact", None, None),
        ("12,4 %", 0.124, "share", "exact", None, None),
    ],
)
def test_phrases_real_reports_print(
    text: str,
    value: float,
    unit: str,
    qualifier: str,
    numerator: float | None,
    denominator: float | None,
) -> None:
    f = parse_figure(text)
    assert math.isclose(f.value, value, rel_tol=1e-12)
    assert (f.unit, f.qualifier) == (unit, qualifier)
    if numerator is not None:
        assert (f.numerator, f.denominator) == (numerator, denominator)


def test_a_relative_change_says_which_way_and_points_stay_a_share() -> None:
    assert parse_figure("a 37 per cent increase").note == "relative increase"
    assert parse_figure("a 16.8 per cent decrease").note == "relative decrease"
    assert parse_figure("aid has decreased by almost 20 per cent").upper == 0.2
    # "a 0.8 percentage point increase" is a difference of shares, not a relative change
    points = parse_figure("a 0.8 percentage point increase")
    assert (points.unit, points.value, points.text) == ("share", 0.008, "0.8 percentage point")


def test_money_keeps_its_currency() -> None:
    assert parse_figure("$1.2 billion").note == "currency: USD"
    assert parse_figure("€ 5 million").note == "currency: EUR"
    assert parse_figure("8 000 FCFA").note == "currency: XOF"
    assert parse_figure("$1.2 billion").text == "$1.2 billion"


def test_an_age_is_not_a_figure() -> None:
    found = extract_figures("Almost half of the girls were married before 18.")
    assert found["phrase"].tolist() == ["Almost half"]
    assert extract_figures("girls married before the age of 15").empty


def test_a_reversed_range_is_an_error_not_no_figure() -> None:
    with pytest.raises(ValueError, match="prints its higher end first"):
        parse_figure("between 92 and 83 per cent")
    # extract_figures keeps it, in order, with a note: one slip does not stop a report
    row = extract_figures("Between 92 and 83 per cent of women.").iloc[0]
    assert (row["lower"], row["upper"]) == (0.83, 0.92)
    assert row["note"].startswith("reversed range")
    # a falling "from ... to" is still a change, not a slip
    assert extract_figures("fell from 40 to 30 per cent")["value"].tolist() == [0.4, 0.3]


def test_on_average_is_a_mean_of_shares() -> None:
    row = extract_figures("On average, women hold 24 per cent of the seats.").iloc[0]
    assert row["note"] == "on average: a mean of shares, not the share of one whole"
    assert extract_figures("Women hold 24 per cent of the seats.")["note"][0] == ""


def test_dhs_table_brackets_and_asterisks() -> None:
    found = extract_figures("Rural 28,3 (12,4) 1,1 * 452")
    assert found["phrase"].tolist() == ["28,3", "12,4", "1,1", "*", "452"]
    notes = found.set_index("phrase")["note"]
    assert notes["12,4"] == "in brackets in a table: DHS, based on 25-49 unweighted cases"
    assert notes["*"].startswith("an asterisk in a table: DHS, fewer than 25")
    assert math.isnan(found.set_index("phrase").loc["*", "value"])
    # an asterisk or a bracket outside a line of numbers means nothing of the kind
    assert extract_figures("Note *: (12,4) was revised.")["note"].tolist() == [""]
    # a row whose percentages are all withheld keeps only its base (Haiti EMMUS-VI, page 27)
    found = extract_figures("Supérieur * * * 19")
    assert found["phrase"].tolist() == ["*", "*", "*", "19"]
    assert found["note"].str.startswith("an asterisk in a table").tolist() == [1, 1, 1, 0]
    # the cells of a row end its line: asterisks among words, or a bracket in prose, are not
    assert extract_figures("see * and * 25")["phrase"].tolist() == ["25"]
    prose = "celle estimée pour les femmes de 15-49 ans (2,6), et elle a peu changé depuis 2012"
    assert extract_figures(prose).set_index("phrase")["note"]["2,6"] == ""


def test_never_a_page_reference_numbered_paragraph_or_symbol() -> None:
    text = "18. From 1 November 2024 (S/2025/389, page 2 of 5), 40 women were heard."
    assert extract_figures(text)["phrase"].tolist() == ["40"]


def test_implied_fraction_on_a_short_print_lists_the_sizes() -> None:
    f = pub.implied_fraction("6")
    assert f.sizes[:4] == (16, 17, 18, 31)
    assert all(pub.consistent_percent("6", n) for n in f.sizes)
    assert not any(pub.consistent_percent("6", n) for n in range(1, 101) if n not in f.sizes)
    assert "too short a print" in f.reason
    # a long print still names its fraction, and a known size its count
    assert pub.implied_fraction("27.891156462585").sizes == ()
    assert pub.implied_fraction("6", size=50).sizes == ()


def test_rates_with_words_between_and_french_periods_that_are_not_shares() -> None:
    rate = parse_figure("un TGFG de 101 naissances vivantes pour mille femmes")
    assert (rate.unit, rate.numerator, rate.denominator) == ("rate", 101, 1000)
    assert parse_figure("24 deaths per 1,000 live births").value == 0.024
    text = (
        "Dans l’espace d’environ un quart de siècle, au cours de la première moitié des années 2000"
    )
    assert extract_figures(text).empty
    assert parse_figure("la moitié des femmes").value == 0.5


def test_a_case_number_is_no_figure() -> None:
    # "Macro Case 7" names a case of the Special Jurisdiction for Peace; "12 cases" counts
    found = extract_figures("In Macro Case 7 and Case 11, it heard 12 cases.")
    assert found["phrase"].tolist() == ["12"]


def test_a_minus_sign_is_noted_not_dropped_silently() -> None:
    # "−3 per cent" (U+2212) is no share of 3 per cent: the value stays 0.03, the note says why
    for text in ("Growth was \u22123 per cent.", "(\u22123.2 %)"):
        row = extract_figures(text).iloc[0]
        assert (
            row["note"]
            == "printed with a minus sign, which the value leaves out: a fall, not a share"
        )
    # a minus sign between two numbers is no sign of the second
    assert extract_figures("2015\u22122018: 5 per cent")["note"].tolist() == [""]
