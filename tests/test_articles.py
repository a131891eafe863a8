"""Article ids come from normalised content; impossible dates are refused."""

import datetime as dt

import pytest

from kibaru.articles import article_id, make_article, parse_published
from kibaru.errors import InvalidDateError


def test_same_content_with_other_white_space_or_case_has_the_same_id() -> None:
    assert article_id("Gunmen  attacked\nMopti.") == article_id("gunmen attacked mopti.")


def test_url_and_content_both_shape_the_id() -> None:
    assert article_id("Same text.", "https://a.example/1") != article_id("Same text.", "https://a.example/2")
    assert article_id("Text one.") != article_id("Text two.")


@pytest.mark.parametrize("value", ["2023-02-30", "0000-01-01", "9999-12-31", "yesterday", "2023/02/10"])
def test_impossible_or_out_of_range_dates_are_refused(value: str) -> None:
    with pytest.raises(InvalidDateError, match="publication date"):
        parse_published(value, origin="x.txt")


def test_make_article_parses_the_date() -> None:
    article = make_article("Text.", published="2023-02-10T08:00:00Z")
    assert article.published == dt.date(2023, 2, 10)
