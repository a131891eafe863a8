"""Read the per-language cue words of the place resolver into patterns.

The words live in ``data/<lang>/place_stopwords.yaml`` (``near_cues``, ``distance_units``,
``distance_joiners``, ``directions``, ``direction_joiners``, ``country_joiners``,
``border_cues``, ``articles``, ``event_locatives``, ``source_prepositions``,
``destination_prepositions``, ``region_words``,
``region_words_before``, ``region_joiners``, ``place_anaphors``, ``town_anaphors``,
``region_anaphors``, ``capital_anaphors``), so no language is written into the resolver's code. A language
without a key gets a pattern that never matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PlaceCues"]

_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class PlaceCues:
    """The per-language cue words of the resolver (``data/<lang>/place_stopwords.yaml``)."""

    near: re.Pattern[str] = _NEVER
    """A phrase that puts the event near a place ("near", "30 km from", "north of")."""
    distance_from: re.Pattern[str] = _NEVER
    """A distance ending right before a place ("30 km from ")."""
    country_joiners: tuple[str, ...] = ()
    """Words between a place and its country ("Balakot, Pakistan", "Bosso in Niger")."""
    border_before: re.Pattern[str] = _NEVER
    """Words before a neighbouring country that put the event on this side of its border
    ("near the border with Mali")."""
    near_end: re.Pattern[str] = _NEVER
    """The last word of a near phrase, right before a place ("close to", "north of")."""
    leading_article: re.Pattern[str] = _NEVER
    """An article opening a place phrase ("the ", "a ")."""
    locative_before: re.Pattern[str] = _NEVER
    """Words ending right before a name that put the event there ("in ", "the town of ")."""
    source_before: re.Pattern[str] = _NEVER
    """Words ending right before a name that make it an origin ("from the ")."""
    destination_before: re.Pattern[str] = _NEVER
    """Words ending right before a name that make it a destination ("fled to ")."""
    region_before: re.Pattern[str] = _NEVER
    """A region word and its joiner ending right before a name ("the state of ")."""
    region_prefix: re.Pattern[str] = _NEVER
    """A phrase opening with a region word and its joiner ("region of Mopti")."""
    region_words: frozenset[str] = frozenset()
    """Words after a name that make it a region ("the Mopti region"), normalised."""
    anaphor: re.Pattern[str] = _NEVER
    """A phrase naming again a place named before ("there", "the town", "the capital"),
    not followed by a name ("the town of Bosso", "the capital, Bamako")."""
    anaphor_kinds: tuple[tuple[str, str], ...] = ()
    """(normalised phrase, what it names again: ``place``, ``town``, ``region``, ``capital``)."""

    def anaphor_kind(self, phrase: str) -> str | None:
        """Return what an anaphor phrase names again (``place``, ``town``, ``region``,
        ``capital``)."""
        key = " ".join(phrase.lower().split())
        return next((kind for words, kind in self.anaphor_kinds if words == key), None)

    @classmethod
    def from_data(cls, data: dict[str, object]) -> PlaceCues:
        """Build the cue patterns from a parsed ``place_stopwords.yaml``."""
        def alternation(key: str) -> str:
            words = sorted((str(w) for w in _as_list(data.get(key))), key=len, reverse=True)
            return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)

        near, units, joins = alternation("near_cues"), alternation("distance_units"), \
            alternation("distance_joiners")
        directions, direction_joins = alternation("directions"), alternation("direction_joiners")
        parts = [p for p in (
            near,
            units and joins and rf"\d+\s*(?:{units})\s+(?:\w+\s+)?(?:{joins})",
            directions and direction_joins and rf"(?:{directions})\s+(?:{direction_joins})",
        ) if p]
        near_re = re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE) if parts else _NEVER
        distance = (
            re.compile(rf"\d+\s*(?:{units})\s+(?:\w+\s+)?(?:{joins})\s+(?:\w+\s+)?$",
                       re.IGNORECASE)
            if units and joins else _NEVER
        )
        joiners = tuple(sorted((" ".join(str(w).lower().split()) for w in
                                _as_list(data.get("country_joiners"))), key=len, reverse=True))
        border = alternation("border_cues")
        border_re = (re.compile(rf"\b(?:{border})\s+(?:\w+\s+)?$", re.IGNORECASE)
                     if border else _NEVER)
        last = {str(w).split()[-1].lower() for key in
                ("near_cues", "distance_joiners", "direction_joiners")
                for w in _as_list(data.get(key)) if str(w).split()}
        near_end = (re.compile(rf"\b(?:{'|'.join(sorted(map(re.escape, last)))})\s*$",
                               re.IGNORECASE) if last else _NEVER)
        articles = alternation("articles")
        article_opt = rf"(?:(?:{articles})\s+)?" if articles else ""

        def ending(key: str) -> re.Pattern[str]:
            words = alternation(key)
            return (re.compile(rf"\b(?:{words})\s+{article_opt}$", re.IGNORECASE)
                    if words else _NEVER)

        region_words = frozenset(" ".join(str(w).lower().split()) for w in _as_list(data.get("region_words")))
        before_words, region_joins = alternation("region_words_before"), alternation("region_joiners")
        all_regions = "|".join(re.escape(w) for w in sorted(region_words, key=len, reverse=True))
        kinds = tuple((" ".join(str(w).lower().split()), kind) for kind in ("place", "town", "region", "capital")
                      for w in _as_list(data.get(f"{kind}_anaphors")))
        anaphors = "|".join(r"\s+".join(re.escape(p) for p in w.split())
                            for w, _ in sorted(kinds, key=lambda k: len(k[0]), reverse=True))
        return cls(
            near=near_re, distance_from=distance, country_joiners=joiners,
            border_before=border_re, near_end=near_end,
            leading_article=(re.compile(rf"^(?:{articles})\s+", re.IGNORECASE) if articles else _NEVER),
            locative_before=ending("event_locatives"),
            source_before=ending("source_prepositions"),
            destination_before=ending("destination_prepositions"),
            region_before=(re.compile(rf"\b(?:{before_words})\s+(?:{region_joins})\s+{article_opt}$",
                                      re.IGNORECASE) if before_words and region_joins else _NEVER),
            region_prefix=(re.compile(rf"^(?:{all_regions})\s+(?:{region_joins})\s+(?=\S)",
                                      re.IGNORECASE) if all_regions and region_joins else _NEVER),
            region_words=region_words,
            # not before a name: "the town of Bosso", "the capital, Bamako", "the city Aden"
            anaphor=(re.compile(rf"\b(?:{anaphors})\b(?!\s+of\s+(?-i:[A-Z]))(?!,?\s+(?-i:[A-Z]))",
                                re.IGNORECASE) if anaphors else _NEVER),
            anaphor_kinds=kinds,
        )


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, (list, tuple)) else []
