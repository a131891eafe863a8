"""The place resolver's cue words come from per-language data, not from code."""

from __future__ import annotations

from kibaru.lexicon import load
from kibaru.resolve.place_cues import PlaceCues


def english() -> PlaceCues:
    return PlaceCues.from_data(load("en", "place_stopwords"))


def test_english_locatives_end_right_before_a_name() -> None:
    cues = english()
    for before in ("fighting in ", "an attack near the ", "the town of ", "the capital, "):
        assert cues.locative_before.search(before), before
    for before in ("Mali said ", "the ", "in the area "):
        assert not cues.locative_before.search(before), before
    assert cues.source_before.search("fled from the ")
    assert not cues.source_before.search("fled to ")


def test_english_region_words_before_and_after_a_name() -> None:
    cues = english()
    assert "region" in cues.region_words and "province" in cues.region_words
    assert cues.region_before.search("in the state of ")
    assert not cues.region_before.search("in the heart of ")
    assert cues.region_prefix.match("region of Mopti").end() == len("region of ")
    assert cues.region_prefix.match("region of") is None
    assert cues.leading_article.sub("", "the Mopti region") == "Mopti region"


def test_a_language_without_cue_words_matches_nothing() -> None:
    cues = PlaceCues.from_data({})
    for pattern in (cues.locative_before, cues.source_before, cues.region_before,
                    cues.region_prefix, cues.leading_article, cues.near):
        assert pattern.search("in the state of Mopti near ") is None
    assert cues.region_words == frozenset()


def test_cue_words_of_another_language_are_read_from_its_data() -> None:
    cues = PlaceCues.from_data({"event_locatives": ["à", "près de"], "articles": ["le", "la"],
                                "region_words": ["région"], "region_joiners": ["de"],
                                "region_words_before": ["région"]})
    assert cues.locative_before.search("une attaque près de la ")
    assert cues.region_before.search("dans la région de ")
    assert cues.region_prefix.match("région de Mopti")
    assert not cues.locative_before.search("fighting in ")
