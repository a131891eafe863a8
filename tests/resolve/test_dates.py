"""The date stage dates each event mention from its time expressions or its sentence."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from kibaru.config import PipelineConfig
from kibaru.contract import Doc, EventMention, Sentence, Span, Token, Typing
from kibaru.pipeline import BuildContext
from kibaru.resolve.dates import DateResolver
from kibaru.resources import Resources


def _mention(doc_text: str, trigger: str, sentence: int, *, times: tuple[str, ...] = ()) -> EventMention:
    start = doc_text.index(trigger)
    spans = tuple(Span(doc_text.index(t), doc_text.index(t) + len(t)) for t in times)
    return EventMention(
        trigger=Span(start, start + len(trigger)), sentence=sentence,
        typing=Typing("ASSAULT"), times=spans,
    )


@pytest.fixture
def stage() -> DateResolver:
    config = PipelineConfig()
    return DateResolver(BuildContext(config, Resources(config), "test"))


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + 1
        out.append(Sentence(Span(start, min(end, len(text)))))
        start = end + 1
    return tuple(out)


def test_mention_times_and_anchored_relative(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = ("Gunmen attacked the village of Bounti on Feb. 6. "
            "The army launched a counter-offensive the next day.")
    mentions = (
        _mention(text, "attacked", 0, times=("Feb. 6",)),
        _mention(text, "launched", 1, times=("the next day",)),
    )
    doc = make_doc(text, published="2023-02-10", sentences=_sentences(text), mentions=mentions)
    first, second = stage(doc).mentions
    assert first.when is not None and (first.when.start, first.when.time_precision) == (dt.date(2023, 2, 6), 1)
    assert second.when is not None and second.when.start == dt.date(2023, 2, 7)


def test_sentence_expression_used_when_mention_has_none(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = "Last week, protesters marched in Bamako against the junta."
    doc = make_doc(text, published="2023-02-10", sentences=_sentences(text),
                   mentions=(_mention(text, "marched", 0),))
    (mention,) = stage(doc).mentions
    assert mention.when is not None
    assert (mention.when.start, mention.when.end, mention.when.time_precision) == (
        dt.date(2023, 1, 30), dt.date(2023, 2, 5), 2)


def test_undated_event_gets_reporting_window_not_publication_day(
    stage: DateResolver, make_doc: Callable[..., Doc]
) -> None:
    text = "Militants attacked an army post near Djibo."
    doc = make_doc(text, published="2023-02-10", sentences=_sentences(text),
                   mentions=(_mention(text, "attacked", 0),))
    (mention,) = stage(doc).mentions
    assert mention.when is not None
    assert mention.when.time_precision == 2
    assert mention.when.start < mention.when.end == dt.date(2023, 2, 10)


def test_no_publication_date_leaves_mentions_undated(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = "Militants attacked an army post yesterday."
    doc = make_doc(text, published=None, sentences=_sentences(text),
                   mentions=(_mention(text, "attacked", 0),))
    assert stage(doc).mentions[0].when is None


def test_sentence_expression_of_another_clause_is_not_used(
    stage: DateResolver, make_doc: Callable[..., Doc]
) -> None:
    text = "Rebels who seized Kidal in 2012 attacked Gao"
    heads = [(6, "nsubj", "NOUN"), (2, "nsubj", "PRON"), (0, "relcl", "VERB"), (2, "dobj", "PROPN"),
             (2, "prep", "ADP"), (4, "pobj", "NUM"), (6, "ROOT", "VERB"), (6, "dobj", "PROPN")]
    tokens, start = [], 0
    for i, (word, (head, dep, pos)) in enumerate(zip(text.split(" "), heads, strict=True)):
        begin = text.index(word, start)
        tokens.append(Token(i, begin, begin + len(word), word, word.lower(), pos, pos, dep, head, 0))
        start = begin + len(word)
    doc = make_doc(text, published="2023-02-10", sentences=_sentences(text),
                   mentions=(_mention(text, "attacked", 0), _mention(text, "seized", 0)),
                   tokens=tuple(tokens))
    attacked, seized = stage(doc).mentions
    assert attacked.when is not None and attacked.when.text == ""  # the reporting window
    assert seized.when is not None and seized.when.start == dt.date(2012, 1, 1)


def test_undated_event_carries_the_story_date(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = ("Gunmen stormed a hotel in Bamako on Friday. "
            "Special forces retook the building floor by floor.")
    doc = make_doc(text, published="2015-11-21", sentences=_sentences(text),
                   mentions=(_mention(text, "stormed", 0, times=("on Friday",)),
                             _mention(text, "retook", 1)))
    _stormed, retook = stage(doc).mentions
    assert retook.when is not None
    assert (retook.when.start, retook.when.time_precision, retook.when.text) == (
        dt.date(2015, 11, 20), 1, "")


def test_undated_event_after_a_flashback_carries_the_lead_date(
    stage: DateResolver, make_doc: Callable[..., Doc]
) -> None:
    text = ("Police detained more than 3,000 protesters on Saturday. "
            "The opposition leader was arrested on January 17. "
            "The United States condemned the crackdown.")
    doc = make_doc(text, published="2021-01-24", sentences=_sentences(text),
                   mentions=(_mention(text, "detained", 0, times=("on Saturday",)),
                             _mention(text, "arrested", 1, times=("on January 17",)),
                             _mention(text, "condemned", 2)))
    condemned = stage(doc).mentions[2]
    assert condemned.when is not None and condemned.when.start == dt.date(2021, 1, 23)


def test_no_carry_from_a_year_or_a_hypothetical(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = ("Rebels could attack Gao on Friday. "
            "The rebels seized Kidal in 2012. "
            "Soldiers patrolled the road.")
    threat = dataclasses.replace(_mention(text, "attack", 0, times=("on Friday",)),
                                 modality="hypothetical")
    doc = make_doc(text, published="2023-02-10", sentences=_sentences(text),
                   mentions=(threat, _mention(text, "seized", 1, times=("in 2012",)),
                             _mention(text, "patrolled", 2)))
    patrolled = stage(doc).mentions[2]
    assert patrolled.when is not None and patrolled.when.text == ""
    assert patrolled.when.end == dt.date(2023, 2, 10)  # the reporting window


def test_an_open_range_yields_to_the_event_date(stage: DateResolver, make_doc: Callable[..., Doc]) -> None:
    text = ("Indian warplanes struck a camp near Balakot early on Tuesday, "
            "the first air strikes across the border since 1971.")
    doc = make_doc(text, published="2019-02-26", sentences=_sentences(text),
                   mentions=(_mention(text, "air strikes", 0),))
    (strikes,) = stage(doc).mentions
    assert strikes.when is not None
    assert (strikes.when.start, strikes.when.time_precision) == (dt.date(2019, 2, 26), 1)


def test_a_day_of_another_clause_dates_the_lead_event(
    stage: DateResolver, make_doc: Callable[..., Doc]
) -> None:
    text = "Gunmen attacked a train travelling to Kaduna on Monday"
    heads = [(1, "nsubj", "NOUN"), (1, "ROOT", "VERB"), (3, "det", "DET"), (1, "dobj", "NOUN"),
             (3, "acl", "VERB"), (4, "prep", "ADP"), (5, "pobj", "PROPN"), (4, "prep", "ADP"),
             (7, "pobj", "PROPN")]
    tokens, start = [], 0
    for i, (word, (head, dep, pos)) in enumerate(zip(text.split(" "), heads, strict=True)):
        begin = text.index(word, start)
        tokens.append(Token(i, begin, begin + len(word), word, word.lower(), pos, pos, dep, head, 0))
        start = begin + len(word)
    doc = make_doc(text, published="2022-03-30", sentences=_sentences(text),
                   mentions=(_mention(text, "attacked", 0),), tokens=tuple(tokens))
    (attacked,) = stage(doc).mentions
    assert attacked.when is not None
    assert (attacked.when.start, attacked.when.time_precision) == (dt.date(2022, 3, 28), 1)


def test_an_asserted_event_is_never_dated_after_publication(
    stage: DateResolver, make_doc: Callable[..., Doc]
) -> None:
    text = "The three leaders agreed on Monday to build a highway by 2029."
    doc = make_doc(text, published="2024-01-10", sentences=_sentences(text),
                   mentions=(_mention(text, "agreed", 0, times=("on Monday", "by 2029")),))
    (agreed,) = stage(doc).mentions
    assert agreed.when is not None and agreed.when.start == dt.date(2024, 1, 8)
    text = "The army announced elections scheduled for March 3, 2025."
    doc = make_doc(text, published="2024-01-10", sentences=_sentences(text),
                   mentions=(_mention(text, "announced", 0, times=("March 3, 2025",)),))
    (announced,) = stage(doc).mentions
    assert announced.when is not None and announced.when.time_precision == 2
    assert announced.when.end == dt.date(2024, 1, 10)  # the reporting window, not 2025
    # A planned event keeps its future date: it is not asserted.
    planned = dataclasses.replace(_mention(text, "elections", 0, times=("March 3, 2025",)), modality="future")
    (future,) = stage(make_doc(text, published="2024-01-10", sentences=_sentences(text),
                               mentions=(planned,))).mentions
    assert future.when is not None and future.when.start == dt.date(2025, 3, 3)
