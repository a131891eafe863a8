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
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity, Span
from kibaru.errors import ConfigError
from kibaru.resolve.alias_index import AliasIndex, Match

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB

__all__ = ["LABELS", "ActorMatcher", "find_actors", "language_index"]

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
    return tuple(found)


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
        self._titles: dict[str, frozenset[str]] = {}

    def _titles_for(self, language: str) -> frozenset[str]:
        if language not in self._titles:
            try:
                data = self._resources.lexicon(language, "person_titles") or {}
            except ConfigError:  # no titles for this language: every surname match stays
                data = {}
            self._titles[language] = frozenset(str(t) for t in data.get("titles") or ())
        return self._titles[language]

    def __call__(self, doc: Doc) -> Doc:
        kb = self._resources.actor_kb
        index = language_index(kb, doc.language)
        found = find_actors(doc, index, kb=kb, titles=self._titles_for(doc.language or "en"))
        if not found:
            return doc
        entities = sorted(doc.entities + found, key=lambda e: (e.span.start, -e.span.end))
        return doc.evolve(entities=tuple(entities))
