"""Find knowledge-base actor names, demonyms and role words in the text (entities.actors.v1).

spaCy's NER misses or mislabels many actors ("Mali" as PERSON, "JNIM" as nothing), and it
only runs on the sentences that were parsed. This stage matches the actor KB's names on the
text of every sentence that is not excluded (bios, bylines, related stories), parsed or not,
and adds ``Entity(span, label, source="kb", kb_id=record id)`` beside the NER entities:

- ``ACTOR`` for names of actors and countries and for seats standing for a state
  ("JNIM", "Sergey Lavrov", "Mali", "the Kremlin");
- ``NORP`` for nationality adjectives and demonyms ("Malian", "Burkinabè");
- ``ROLE`` for generic role words ("soldiers", "gunmen", "villagers").

Matching rules (longest match, word boundaries, per-token case) are those of
``kibaru.resolve.alias_index``. A language with no names in the KB falls back to English.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity, Span
from kibaru.resolve.alias_index import AliasIndex

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.resolve.actor_kb import ActorKB

__all__ = ["LABELS", "ActorMatcher", "find_actors"]

LABELS: dict[str, str] = {"name": "ACTOR", "metonym": "ACTOR", "demonym": "NORP", "role": "ROLE"}
"""Entity label per kind of name."""


def find_actors(doc: Doc, index: AliasIndex) -> tuple[Entity, ...]:
    """Return the KB entities ``index`` finds in the non-excluded sentences of ``doc``."""
    found: list[Entity] = []
    for sentence in doc.sentences:
        if sentence.excluded:
            continue
        start, end = sentence.span.start, sentence.span.end
        for match in index.find(doc.text[start:end], offset=start):
            label = LABELS.get(match.entry.kind, "ACTOR")
            found.append(Entity(Span(match.start, match.end), label, "kb", match.entry.record_id))
    return tuple(found)


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

    def __call__(self, doc: Doc) -> Doc:
        index = language_index(self._resources.actor_kb, doc.language)
        found = find_actors(doc, index)
        if not found:
            return doc
        entities = sorted(doc.entities + found, key=lambda e: (e.span.start, -e.span.end))
        return doc.evolve(entities=tuple(entities))
