"""Time expressions resolve against the publication date with ACLED time precision."""

from __future__ import annotations

import datetime as dt

import pytest

from kibaru.lexicon import load
from kibaru.resolve.date_parser import DateWords, extract_dates, parse_date_expression

PUB = dt.date(2023, 2, 10)  # a Friday
D = dt.date


@pytest.fixture(scope="module")
def words() -> DateWords:
    return DateWords.from_data(load("en", "dates"))


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("Feb. 8", D(2023, 2, 8), D(2023, 2, 8), 1),
        ("on 3 January", D(2023, 1, 3), D(2023, 1, 3), 1),
        ("8 February 2023", D(2023, 2, 8), D(2023, 2, 8), 1),
        ("Feb. 8, 2022", D(2022, 2, 8), D(2022, 2, 8), 1),
        ("2023-02-08", D(2023, 2, 8), D(2023, 2, 8), 1),
        ("Feb. 6-7", D(2023, 2, 6), D(2023, 2, 7), 2),
        ("between 3 and 5 March", D(2022, 3, 3), D(2022, 3, 5), 2),
        ("December 28 to January 3", D(2022, 12, 28), D(2023, 1, 3), 2),
        ("early March", D(2022, 3, 1), D(2022, 3, 10), 2),
        ("late January", D(2023, 1, 21), D(2023, 1, 31), 2),
        ("mid-2021", D(2021, 5, 1), D(2021, 8, 31), 3),
        ("March 2021", D(2021, 3, 1), D(2021, 3, 31), 3),
        ("in 2014", D(2014, 1, 1), D(2014, 12, 31), 3),
        ("since 2012", D(2012, 1, 1), PUB, 3),
        ("yesterday", D(2023, 2, 9), D(2023, 2, 9), 1),
        ("on Tuesday", D(2023, 2, 7), D(2023, 2, 7), 1),
        ("last Friday", D(2023, 2, 3), D(2023, 2, 3), 1),
        ("two days ago", D(2023, 2, 8), D(2023, 2, 8), 1),
        ("last week", D(2023, 1, 30), D(2023, 2, 5), 2),
        ("this week", D(2023, 2, 6), PUB, 2),
        ("last weekend", D(2023, 2, 4), D(2023, 2, 5), 2),
        ("last month", D(2023, 1, 1), D(2023, 1, 31), 3),
        ("earlier this month", D(2023, 2, 1), PUB, 3),
        ("last year", D(2022, 1, 1), D(2022, 12, 31), 3),
        ("11 years ago", D(2012, 1, 1), D(2012, 12, 31), 3),
    ],
)
def test_expression_resolves_against_publication(
    words: DateWords, expression: str, start: dt.date, end: dt.date, precision: int
) -> None:
    resolved = parse_date_expression(expression, words, published=PUB)
    assert resolved is not None, expression
    assert (resolved.start, resolved.end, resolved.time_precision) == (start, end, precision)


def test_partial_date_after_publication_is_last_year(words: DateWords) -> None:
    resolved = parse_date_expression("on 20 December", words, published=D(2023, 1, 5))
    assert resolved is not None and resolved.start == D(2022, 12, 20)


@pytest.mark.parametrize(
    ("expression", "start", "precision"),
    [("the next day", D(2022, 5, 2), 1), ("a year later", D(2023, 1, 1), 3),
     ("two days earlier", D(2022, 4, 29), 1)],
)
def test_anchored_relative_counts_from_narrative_date(
    words: DateWords, expression: str, start: dt.date, precision: int
) -> None:
    resolved = parse_date_expression(
        expression, words, published=PUB, narrative=D(2022, 5, 1)
    )
    assert resolved is not None and (resolved.start, resolved.time_precision) == (start, precision)


def test_anchored_relative_without_narrative_date_is_unresolved(words: DateWords) -> None:
    assert parse_date_expression("the next day", words, published=PUB) is None


@pytest.mark.parametrize("expression", ["Feb 30", "February 31, 2023", "9999-01-01", "0000-01-01",
                                        "31 April"])
def test_impossible_date_resolves_to_nothing(words: DateWords, expression: str) -> None:
    assert parse_date_expression(expression, words, published=PUB) is None


def test_common_words_are_not_months(words: DateWords) -> None:
    text = "The march was banned and officials may attend; they will march in protest."
    assert extract_dates(text, words, published=PUB) == []


def test_expressions_found_in_a_sentence_carry_their_spans(words: DateWords) -> None:
    text = "Soldiers attacked the village on Feb. 6-7 and withdrew the next day."
    found = extract_dates(text, words, published=PUB, narrative=D(2023, 2, 6))
    assert [text[d.span.start : d.span.end] for d in found if d.span] == ["Feb. 6-7", "the next day"]
