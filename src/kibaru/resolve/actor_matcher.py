"""Find knowledge-base actor names, demonyms and role words in the text (entities.actors.v1).

spaCy's NER misses or mislabels many actors ("Mali" as PERSON, "JNIM" as nothing), and it
only runs on the sentences that were parsed. This stage matches the actor KB's names on the
text of every sentence that is not excluded (bios, bylines, related stories), parsed or not,
(the dateline excepted) and adds ``Entity(span, label, source="kb", kb_id=record id)``
beside the NER entities:

- ``ACTOR`` for names of actors and countries and for seats standing for a state
  ("JNIM", "Sergey Lavrov", "Mali", "the Kremlin");
- ``NORP`` for nationality adjectives and demonyms ("Malian", "Burkinabè", "Malians");
- ``ROLE`` for generic role words ("soldiers", "gunmen", "villagers").

Matching rules (longest match, word boundaries, per-token case) are those of
``kibaru.resolve.alias_index``. A language with no names in the KB falls back to English.
A nationality or country after "pro-"/"anti-" ("pro-Russian separatists") is not matched.
A surname-only alias ("bin Laden") right after an unknown capitalised word names someone
else ("Hamza bin Laden") and is dropped; titles (data/<lang>/person_titles.yaml: "Colonel
Goïta") and known names before it keep it.

A title before a person's name that NER found and the KB does not know codes the person by
the title's role (data/<lang>/person_titles.yaml ``title_roles``): "General Abdourahamane
Tiani" -> a ``ROLE`` entity on "General" (the military).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity, Span
from kibaru.errors import ConfigError
from kibaru.resolve.alias_index import AliasIndex, Match, normalise_token

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB

__all__ = [
    "LABELS",
    "ActorMatcher",
    "find_actors",
    "find_titled",
    "language_index",
]

LABELS: dict[str, str] = {
    "name": "ACTOR", "metonym": "ACTOR", "demonym": "NORP", "people": "NORP", "role": "ROLE",
}
"""Entity label per kind of name."""


_NATIONAL = frozenset({"demonym", "people", "name"})
_PRO_ANTI = re.compile(r"\b(?:pro|anti|Pro|Anti)-$")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w.'’-]*)\s+$")


def find_actors(
    doc: Doc,
    index: AliasIndex,
    *,
    kb: ActorKB | None = None,
    titles: frozenset[str] = frozenset(),
) -> tuple[Entity, ...]:
    """Return the KB entities ``index`` finds in the non-excluded sentences of ``doc``.

    With ``kb``, a person's surname-only name right after another capitalised word that is
    neither a title in ``titles`` nor part of a match is someone else ("Hamza bin Laden").
    """
    found: list[Entity] = []
    datelines = [a.span for a in doc.annotations if a.kind == "dateline"]
    if doc.dateline is not None:
        datelines.append(doc.dateline.span)
    for sentence in doc.sentences:
        if sentence.excluded:
            continue
        start, end = sentence.span.start, sentence.span.end
        matches = list(index.find(doc.text[start:end], offset=start))
        for n, match in enumerate(matches):
            if any(d.start < match.end and match.start < d.end for d in datelines):
                continue  # "ABUJA —" says where the reporter filed from, not who acted
            if match.entry.kind in _NATIONAL and _PRO_ANTI.search(doc.text, 0, match.start):
                continue  # "pro-Russian separatists" are not Russian
            if kb is not None and _other_person(doc.text, match, matches[n - 1] if n else None,
                                                kb, titles, sentence_start=start):
                continue
            label = LABELS.get(match.entry.kind, "ACTOR")
            found.append(Entity(Span(match.start, match.end), label, "kb", match.entry.record_id))
    if kb is not None:
        found += _surnames(doc, found, kb, titles)
    return tuple(sorted(found, key=lambda e: (e.span.start, -e.span.end)))


_WORD_AT = re.compile(r"[^\W\d_][\w'’-]*")


def _surnames(doc: Doc, found: list[Entity], kb: ActorKB, titles: frozenset[str]) -> list[Entity]:
    """Return the later mentions of a person by surname alone, after the article named the
    person in full ("Soumaïla Cissé ... Cissé was kidnapped"), as news writing does; a
    surname after another capitalised word that is no title is someone else."""
    surnames: dict[str, tuple[int, str]] = {}  # folded surname -> (first end, record id)
    for entity in found:
        record = kb.get(entity.kb_id or "")
        words = doc.span_text(entity.span).split()
        if record is None or record.kind != "person" or len(words) < 2:
            continue
        surname = normalise_token(words[-1])
        if len(surname) > 2 and surname not in surnames:
            surnames[surname] = (entity.span.end, record.id)
    out: list[Entity] = []
    if not surnames:
        return out
    for sentence in doc.sentences:
        if sentence.excluded:
            continue
        for word in _WORD_AT.finditer(doc.text, sentence.span.start, sentence.span.end):
            text = re.sub(r"['’]s$", "", word.group())
            known = surnames.get(normalise_token(text))
            if known is None or not text[:1].isupper() or word.start() < known[0]:
                continue
            span = Span(word.start(), word.start() + len(text))
            if any(e.span.overlaps(span) for e in found):
                continue
            window = max(sentence.span.start, word.start() - 60)
            before = _PREVIOUS_WORD.search(doc.text, window, word.start())
            if (
                before is not None
                and before.group(1)[:1].isupper()
                and before.group(1) not in titles
            ):
                continue  # "Roch Traoré" after "Ibrahim Traoré": another Traoré
            out.append(Entity(span, "ACTOR", "kb", known[1]))
    return out


def find_titled(
    doc: Doc, titles: Mapping[str, str], *, known: Sequence[Entity] = ()
) -> tuple[Entity, ...]:
    """Return ``ROLE`` entities for the titles in ``titles`` (title -> role id) that stand
    right before a person's name spaCy found ("General Abdourahamane Tiani"), unless a
    ``known`` KB entity already covers the title or the name."""
    if not titles:
        return ()
    ordered = sorted(titles, key=len, reverse=True)
    out: list[Entity] = []
    for entity in doc.entities:
        if entity.source != "ner" or entity.label != "PERSON":
            continue
        index = doc.sentence_of(entity.span.start)
        if index is None or doc.sentences[index].excluded:
            continue
        if any(k.span.overlaps(entity.span) for k in known):
            continue
        # a title is a few words long: look at the words just before the name only
        window = max(doc.sentences[index].span.start, entity.span.start - 60)
        before = doc.text[window : entity.span.start]
        for title in ordered:
            match = re.search(rf"(?<![\w.-]){re.escape(title)}\s+$", before)
            if match is None:
                continue
            start = window + match.start()
            span = Span(start, start + len(title))
            if not any(k.span.overlaps(span) for k in known):
                out.append(Entity(span, "ROLE", "kb", titles[title]))
            break
    return tuple(out)


def _other_person(
    text: str, match: Match, previous: Match | None, kb: ActorKB, titles: frozenset[str], *,
    sentence_start: int,
) -> bool:
    record = kb.get(match.entry.record_id)
    if record is None or record.kind != "person" or match.entry.kind != "name":
        return False
    if match.text.casefold() == record.name.casefold() or len(match.text.split()) > 1 and (
        match.text.split()[0][:1].isupper()
    ):
        return False  # a full name, or a name that opens with a capitalised given name
    before = _PREVIOUS_WORD.search(text, sentence_start, match.start)
    if before is None or not before.group(1)[:1].isupper():
        return False
    if previous is not None and previous.end >= before.start(1):
        return False  # the word before is itself a known name or role ("Russian Putin")
    return before.group(1) not in titles



def language_index(kb: ActorKB, language: str | None) -> AliasIndex:
    """Return the KB's name index for ``language``, English when it has no names."""
    wanted = language or "en"
    return kb.index(wanted if wanted in kb.languages() else "en")


class ActorMatcher:
    """Stage: add KB actor, demonym and role entities for every news sentence."""

    name: ClassVar[str] = "entities.actors.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences"})
    provides: ClassVar[frozenset[str]] = frozenset({"actor_entities"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._titles: dict[str, tuple[frozenset[str], dict[str, str]]] = {}

    def _titles_for(self, language: str) -> tuple[frozenset[str], dict[str, str]]:
        if language not in self._titles:
            try:
                data = self._resources.lexicon(language, "person_titles") or {}
            except ConfigError:  # no titles for this language: every surname match stays
                data = {}
            roles = {
                str(title): f"kb:role:{role}"
                for role, listed in (data.get("title_roles") or {}).items()
                for title in listed or ()
            }
            self._titles[language] = (frozenset(str(t) for t in data.get("titles") or ()), roles)
        return self._titles[language]

    def __call__(self, doc: Doc) -> Doc:
        kb = self._resources.actor_kb
        index = language_index(kb, doc.language)
        titles, title_roles = self._titles_for(doc.language or "en")
        found = find_actors(doc, index, kb=kb, titles=titles)
        roles = {k: v for k, v in title_roles.items() if v in kb}
        found += find_titled(doc, roles, known=found)
        if not found:
            return doc
        entities = sorted(doc.entities + found, key=lambda e: (e.span.start, -e.span.end))
        return doc.evolve(entities=tuple(entities))
