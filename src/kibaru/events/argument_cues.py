"""Load the argument cue words of one language (data/<lang>/arguments.yaml)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["ArgumentCues"]


@dataclasses.dataclass(frozen=True)
class ArgumentCues:
    """The argument cue words of one language."""

    place_preps: Mapping[str, str]
    target_preps: frozenset[str]
    agent_preps: frozenset[str]
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    anaphoric_determiners: frozenset[str]
    non_actors: frozenset[str]
    quantity_words: frozenset[str]
    antecedents: Mapping[str, frozenset[str]]
    genitive_patient_types: frozenset[str] = frozenset()
    genitive_preps: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    verb_target_preps: frozenset[str] = frozenset()
    clause_target_types: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    """Nouns for an organisation's members or envoys ("fighters of X": X acts)."""
    member_preps: frozenset[str] = frozenset()
    non_actor_phrases: tuple[str, ...] = ()
    """Phrases naming a condition, not an actor ("state of emergency")."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ArgumentCues:
        """Build the cues from a parsed arguments.yaml."""

        def words(value: Iterable[Any] | None) -> frozenset[str]:
            return frozenset(str(w).lower() for w in value or ())

        pronouns = data.get("pronouns") or {}
        return cls(
            place_preps={
                str(k).lower(): str(v) for k, v in (data.get("place_prepositions") or {}).items()
            },
            target_preps=words(data.get("target_prepositions")),
            agent_preps=words(data.get("agent_prepositions")),
            pronouns=words(pronouns.get("singular")) | words(pronouns.get("plural")),
            plural_pronouns=words(pronouns.get("plural")),
            person_pronouns=words(data.get("singular_person_pronouns")),
            anaphoric_nouns=words(data.get("anaphoric_nouns")),
            anaphoric_determiners=words(data.get("anaphoric_determiners")),
            non_actors=words(data.get("non_actor_lemmas")),
            quantity_words=words(data.get("quantity_words")),
            antecedents={k: frozenset(v) for k, v in (data.get("antecedent_labels") or {}).items()},
            genitive_patient_types=frozenset(
                str(t) for t in data.get("genitive_patient_types") or ()
            ),
            genitive_preps=words(data.get("genitive_prepositions")),
            group_nouns=words(data.get("group_nouns")),
            verb_target_preps=words(data.get("verb_target_prepositions")),
            clause_target_types=frozenset(str(t) for t in data.get("clause_target_types") or ()),
            member_nouns=words(data.get("member_nouns")),
            member_preps=words(data.get("member_prepositions")),
            non_actor_phrases=tuple(sorted(words(data.get("non_actor_phrases")))),
        )
