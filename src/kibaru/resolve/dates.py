"""Resolve each event mention's date (stage resolve.dates.v1).

A mention's time expressions (``EventMention.times``, from the argument stage) are resolved
against the publication date with ``date_parser``; a mention without any takes the time
expressions of its own sentence that belong to its clause (not "in 2019" of "X, who was
elected in 2019, attacked ..."; see ``attachment``), the one nearest its trigger. Anchored relatives ("the next
day", "a year later") count from the narrative date: the date of the previous dated mention
in the article. An expression that opens a period up to now ("since 1971") yields to any other
time expression of the sentence.

A mention with no time expression in its clause continues the story, as an ACLED coder reads
it ("Gunmen stormed the hotel on Friday ... Special forces retook the building"): it carries
the date of the last asserted event dated at day or week precision (or of the story's first
such event, when the last one was a flashback to an earlier day), with that precision and an
empty ``text``. When no such event precedes it, a day its own sentence names in another clause
("attacked a train travelling to Kaduna on Monday night") dates it: news leads name the day of
the incident, and a day, unlike a year, is rarely background. Only then does it get the
reporting window the article implies, the week before publication (``time_precision`` 2, empty ``text``), never the
publication day at day precision; without a publication date it gets no date.

An asserted event has happened: a time expression that starts after the publication date
("agreed to build a highway by 2029", "elections scheduled for January 30") names a deadline
or a planned event, never its date, so it is not used (a day of slack is left for time
zones). Measured on 40,000 current-events items before this rule: 82 of 19,373 asserted
reports were dated after their portal day, nearly all from such expressions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import DateSpan, Doc, EventMention
from kibaru.errors import ConfigError
from kibaru.resolve.attachment import attached_to_event
from kibaru.resolve.date_parser import DateWords, extract_dates

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["REPORTING_WINDOW_DAYS", "DateResolver", "reporting_window", "resolve_mention_dates"]

REPORTING_WINDOW_DAYS = 7
FUTURE_SLACK = dt.timedelta(days=1)
"""How far after publication an asserted event's date may start (time zones, late editions)."""


def reporting_window(published: dt.date) -> DateSpan:
    """Return the default window of an undated event: the week up to publication."""
    return DateSpan(published - dt.timedelta(days=REPORTING_WINDOW_DAYS - 1), published, 2)


def resolve_mention_dates(doc: Doc, words: DateWords) -> tuple[EventMention, ...]:
    """Return the document's mentions with ``when`` filled (see the module docstring)."""
    published = doc.published
    if published is None:
        return doc.mentions
    narrative: dt.date | None = None
    lead: DateSpan | None = None  # the first dated incident of the story
    latest: DateSpan | None = None  # the last dated incident so far
    by_sentence: dict[int, list[DateSpan]] = {}
    out: list[EventMention] = []
    for mention in sorted(doc.mentions, key=lambda m: m.trigger.start):
        found: list[DateSpan] = []
        for span in mention.times:
            found += extract_dates(doc.text, words, published=published, narrative=narrative,
                                   start=span.start, end=span.end)
        unattached: list[DateSpan] = []
        if not found and 0 <= mention.sentence < len(doc.sentences):
            if mention.sentence not in by_sentence:
                sentence = doc.sentences[mention.sentence].span
                by_sentence[mention.sentence] = extract_dates(
                    doc.text, words, published=published, narrative=narrative,
                    start=sentence.start, end=sentence.end,
                )
            for d in by_sentence[mention.sentence]:
                if d.span is None or attached_to_event(doc, mention.trigger, d.span) is not False:
                    found.append(d)
                elif d.time_precision == 1 and not _open_range(d, words):
                    unattached.append(d)
        if mention.modality == "asserted":
            found = [d for d in found if d.start <= published + FUTURE_SLACK]
            unattached = [d for d in unattached if d.start <= published + FUTURE_SLACK]
        when: DateSpan | None = None
        if found:
            trigger = mention.trigger.start
            when = min(
                found,
                key=lambda d: (_open_range(d, words),
                               abs((d.span.start if d.span else trigger) - trigger),
                               d.time_precision),
            )
            narrative = when.start
            if mention.modality == "asserted" and when.time_precision in (1, 2) and not (
                _open_range(when, words)
            ):
                lead = lead or when
                latest = when
        else:
            when = _carried(lead, latest) or _nearest(unattached, mention) or (
                reporting_window(published)
            )
        out.append(dataclasses.replace(mention, when=when))
    order = {id(m): i for i, m in enumerate(doc.mentions)}
    originals = sorted(doc.mentions, key=lambda m: m.trigger.start)
    placed = sorted(zip(originals, out, strict=True), key=lambda pair: order[id(pair[0])])
    return tuple(new for _, new in placed)


def _open_range(date: DateSpan, words: DateWords) -> bool:
    """Whether an expression opens a period up to now ("since 1971"): it dates a duration,
    not the event, and yields to any other time expression of the sentence."""
    text = date.text.lower()
    return any(text.startswith(w) for w in words.open_ranges)


def _nearest(dates: list[DateSpan], mention: EventMention) -> DateSpan | None:
    """Return the day named in the mention's sentence nearest its trigger, if any."""
    trigger = mention.trigger.start
    return min(dates, key=lambda d: abs((d.span.start if d.span else trigger) - trigger),
               default=None)


def _carried(lead: DateSpan | None, latest: DateSpan | None) -> DateSpan | None:
    """Return the date an undated mention carries from the story: the incident last dated
    at day or week precision, or the lead incident when that one was a flashback (earlier
    than the lead: "Navalny was arrested on January 17"). The date keeps its precision and
    loses its text (no words of this sentence say it)."""
    chosen = latest
    if lead is not None and (chosen is None or chosen.start < lead.start):
        chosen = lead
    if chosen is None:
        return None
    return DateSpan(chosen.start, chosen.end, chosen.time_precision)


class DateResolver:
    """Stage: fill ``EventMention.when`` from time expressions and the publication date."""

    name: ClassVar[str] = "resolve.dates.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"arguments", "published"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._words: dict[str, DateWords] = {}

    def words(self, language: str) -> DateWords:
        """Return the date vocabulary of ``language`` (English when it has none)."""
        if language not in self._words:
            try:
                data = self._resources.lexicon(language, "dates")
            except ConfigError:  # a language without its own file uses the English words
                data = self._resources.lexicon("en", "dates")
            self._words[language] = DateWords.from_data(data)
        return self._words[language]

    def __call__(self, doc: Doc) -> Doc:
        words = self.words(doc.language or "en")
        return doc.evolve(mentions=resolve_mention_dates(doc, words))
