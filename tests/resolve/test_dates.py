"""The date stage dates each event mention from its time expressions or its sentence."""

from __future__ import annotations

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
