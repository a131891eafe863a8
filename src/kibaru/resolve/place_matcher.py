"""Find gazetteer place names in every news sentence (stage entities.places.v1).

spaCy's NER misses or mislabels many places ("Bamako" as ORG, "Mali" as PERSON), so known
names are matched on the text itself, in parsed and unparsed sentences alike. A candidate is
a run of capitalised words (with lower-case joiners such as "du" in "Boucle du Mouhoun"),
matched longest first against the gazetteer's normalised names. Precision rules, from the
per-language data file ``data/<lang>/place_stopwords.yaml``:

- stopwords (English words that are also some place's name) never match alone;
- a word that opens a sentence matches only if it names a country, a region, a capital or
  a large town; a short name (``short_name_chars``) needs such a place or a locative cue
  ("in", "near", "village of") before it;
- a one-word name that the same article also writes in lower case is a word, not a place;
- a name inside a longer person name (NER) or a longer actor name (actor KB) is not a place,
  nor is a name the actor KB knows as a group, person or organisation ("Wagner", "Sanogo");
  in parsed sentences a token tagged as a verb, auxiliary, pronoun ... is not a place;
- region names that are also plain words ("Sahel", "Centre") need a region word after them;
- a one-word name that is also a common given name ("Charlotte", "David", "Moussa") needs a
  locative cue ("in Charlotte"), unless it names a country or a first-level region.

Each match becomes ``Entity(span, "PLACE", source="gazetteer", kb_id=str(geonameid))`` for
the most plausible place before disambiguation (``Gazetteer.from_kb_id`` reads it back); the
place resolver re-ranks the candidates with the article's context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from kibaru.contract import Doc, Entity, Span, Token
from kibaru.errors import ConfigError
from kibaru.resolve.gazetteer import Gazetteer, Place, normalise

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["MatchRules", "PlaceMatcher", "find_places"]

_WORD = re.compile(r"[^\W_][\w]*(?:['’][\w]+)*", re.UNICODE)
_JOIN_GAP = re.compile(r"[ \-'’.]{1,2}")
_JOINERS = frozenset({"du", "de", "des", "la", "le", "el", "al", "of", "and", "d", "l", "ag", "n"})
_MAX_WORDS = 6
_NON_PLACE_POS = frozenset({"VERB", "AUX", "PRON", "ADP", "DET", "ADV", "SCONJ", "CCONJ", "PART", "INTJ", "NUM"})
_STRONG_CODES = frozenset({"PPLC", "PPLA", "PPLA2"})


@dataclass(frozen=True)
class MatchRules:
    """The per-language precision rules of the place matcher (see the module docstring)."""

    stopwords: frozenset[str]
    cues: tuple[str, ...]
    region_words: frozenset[str]
    needs_region_word: frozenset[str]
    short_name_chars: int = 4
    demonym_suffixes: tuple[str, ...] = ()
    given_names: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> MatchRules:
        """Build the rules from a parsed ``place_stopwords.yaml``."""
        return cls(
            stopwords=frozenset(normalise(str(w)) for w in data.get("stopwords") or []),
            cues=tuple(sorted((normalise(str(c)) for c in data.get("locative_cues") or []),
                              key=len, reverse=True)),
            region_words=frozenset(normalise(str(w)) for w in data.get("region_words") or []),
            needs_region_word=frozenset(
                normalise(str(w)) for w in data.get("needs_region_word") or []
            ),
            short_name_chars=int(data.get("short_name_chars") or 4),
            demonym_suffixes=tuple(str(x) for x in data.get("demonym_suffixes") or ()),
            given_names=frozenset(normalise(str(w)) for w in data.get("given_names") or []),
        )


def strong_place(place: Place) -> bool:
    """Return whether a place is prominent enough to match without other evidence."""
    return (
        place.kind in ("country", "admin1")
        or place.feature_code in _STRONG_CODES
        or place.population >= 50_000
    )


def find_places(
    text: str,
    spans: list[Span],
    gazetteer: Gazetteer,
    rules: MatchRules,
    *,
    tokens: dict[int, Token] | None = None,
    blocked: list[Span] | None = None,
) -> list[tuple[Span, Place]]:
    """Return ``(span, best place)`` for every place name found in the ``spans`` of ``text``.

    ``tokens`` maps character starts to parsed tokens (when a sentence was parsed);
    ``blocked`` are spans (longer person or actor names) that hold no place.
    """
    lowered = _lowercase_words(text)
    surnames = _name_ends(text, lowered, rules)
    found: list[tuple[Span, Place]] = []
    for sentence in spans:
        words = [_strip_possessive(text, m.start(), m.end())
                 for m in _WORD.finditer(text, sentence.start, sentence.end)]
        i = 0
        while i < len(words):
            match = _longest_at(text, words, i, gazetteer)
            if match is None:
                i += 1
                continue
            j, places = match
            span = Span(words[i][0], words[j][1])
            if _accept(text, span, places, rules, sentence_start=(i == 0), lowered=lowered,
                       surnames=surnames,
                       tokens=tokens, blocked=blocked or [], next_word=_word(text, words, j + 1)):
                found.append((span, _best(places, normalise(span.text(text)))))
                i = j + 1
            else:
                i += 1
    return found


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    if end - start > 3 and text[end - 2] in "'’" and text[end - 1] in "sS":
        return start, end - 2
    return start, end


def _word(text: str, words: list[tuple[int, int]], k: int) -> str:
    return normalise(text[words[k][0] : words[k][1]]) if k < len(words) else ""


_RUN = re.compile(r"(?:[A-Z]\.|[A-Z][\w'’-]*)(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]*)){1,4}")


def _name_ends(text: str, lowered: set[str], rules: MatchRules) -> set[str]:
    """Return last words of multi-word capitalised names that are not places or titles
    ("Sanders" in "Bernie Sanders"): alone later in the article they name the person."""
    ends: set[str] = set()
    for run in _RUN.finditer(text):
        words = [w.rstrip(".") for w in run.group(0).split()]
        while words and (
            normalise(words[0]) in rules.stopwords or normalise(words[0]) in rules.cues
            or words[0].lower() in lowered
        ):
            words = words[1:]
        if len(words) >= 2 and words[-1].lower() not in lowered:
            ends.add(normalise(words[-1]))
    return ends


def _lowercase_words(text: str) -> set[str]:
    return {m.group(0) for m in re.finditer(r"(?<![\w'’])[a-z][a-z]+\b", text)}


def _longest_at(
    text: str, words: list[tuple[int, int]], i: int, gazetteer: Gazetteer
) -> tuple[int, tuple[Place, ...]] | None:
    first = text[words[i][0] : words[i][1]]
    if not first[0].isupper():
        return None
    best: tuple[int, tuple[Place, ...]] | None = None
    for j in range(i, min(i + _MAX_WORDS, len(words))):
        if j > i and not _JOIN_GAP.fullmatch(text[words[j - 1][1] : words[j][0]]):
            break
        word = text[words[j][0] : words[j][1]]
        phrase = text[words[i][0] : words[j][1]]
        if word[0].isupper():
            places = gazetteer.lookup(phrase)
            if places:
                best = (j, places)
        elif normalise(word) not in _JOINERS:
            break
        if not gazetteer.has_prefix(phrase):
            break
    return best


def _accept(
    text: str, span: Span, places: tuple[Place, ...], rules: MatchRules, *,
    sentence_start: bool, lowered: set[str], surnames: set[str],
    tokens: dict[int, Token] | None,
    blocked: list[Span], next_word: str,
) -> bool:
    surface = span.text(text)
    key = normalise(surface)
    one_word = " " not in key
    if any(b.contains(span) and (b.start, b.end) != (span.start, span.end) for b in blocked):
        return False
    if key in rules.needs_region_word:
        return next_word in rules.region_words
    if surface.isupper() and len(key) <= 3:
        return False
    strong = any(strong_place(p) for p in places)
    primary = [p for p in places if _is_primary(p, key)]
    if key in rules.stopwords:
        return False
    if one_word:
        if key in surnames and not any(p.kind in ("country", "admin1") for p in places):
            return False  # "Sanders" after "Bernie Sanders": a person, not the town
        if key in lowered and not any(p.kind == "country" for p in places):
            return False
        if tokens is not None:
            token = tokens.get(span.start)
            if token is not None and token.pos in _NON_PLACE_POS and token.ent_type not in ("GPE", "LOC"):
                return False
    cue = _has_cue(text, span.start, rules.cues)
    if (one_word and key in rules.given_names and not cue
            and not any(p.kind in ("country", "admin1") for p in places)):
        return False  # "Charlotte", "David": a person unless "in Charlotte"
    if one_word and not strong and (sentence_start or key.endswith(rules.demonym_suffixes)):
        return False
    if (
        one_word
        and not any(p.kind in ("country", "admin1") for p in places)
        and next_word not in rules.region_words
        and _beside_capitalised(text, span, rules)
    ):
        return False  # part of a longer name: "Vladimir Putin", "Le Monde"
    if len(key.replace(" ", "")) <= rules.short_name_chars and not strong and not cue:
        return False
    if not primary:
        # Known only by an alternate (often foreign-language) name: a large place, or a cue.
        if sentence_start:
            return False
        return any(p.population >= 100_000 or p.kind == "country" for p in places) or cue
    return True


def _beside_capitalised(text: str, span: Span, rules: MatchRules) -> bool:
    """Whether a capitalised word touches the name (part of a longer name); a capitalised
    locative cue or stopword opening the sentence ("In Moscow, police ...") is not one."""
    after = re.match(r" ([^\W\d_])", text[span.end : span.end + 2])
    before = re.search(r"([^\W\d_])[\w'’]* $", text[max(0, span.start - 30) : span.start])
    if before and before.group(1).isupper():
        word = normalise(before.group(0))
        if word in rules.cues or word in rules.stopwords:
            before = None
    return bool(after and after.group(1).isupper()) or bool(before and before.group(1).isupper())


def _has_cue(text: str, start: int, cues: tuple[str, ...]) -> bool:
    before = normalise(text[max(0, start - 24) : start])
    return any(before == c or before.endswith(" " + c) for c in cues)


def _is_primary(place: Place, key: str) -> bool:
    return key in (normalise(place.name), normalise(place.ascii_name))


def _best(places: tuple[Place, ...], key: str) -> Place:
    """Return the most plausible place before context: primary names, then prominence."""
    return min(
        places,
        key=lambda p: (
            p.kind != "country", not _is_primary(p, key), p.kind == "admin2",
            not strong_place(p),
            # A state or region before a smaller homonym abroad ("Florida", "Virginia").
            not (p.kind == "admin1" or p.population >= 1_000_000), -p.population,
        ),
    )


class PlaceMatcher:
    """Stage: add gazetteer place entities from every non-excluded sentence."""

    name: ClassVar[str] = "entities.places.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences"})
    provides: ClassVar[frozenset[str]] = frozenset({"place_entities"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._rules: dict[str, MatchRules] = {}

    def rules(self, language: str) -> MatchRules:
        """Return the matching rules for ``language`` (English when it has none)."""
        if language not in self._rules:
            try:
                data = self._resources.lexicon(language, "place_stopwords")
            except ConfigError:  # a language without its own file uses the English rules
                data = self._resources.lexicon("en", "place_stopwords")
            self._rules[language] = MatchRules.from_data(data or {})
        return self._rules[language]

    def __call__(self, doc: Doc) -> Doc:
        gazetteer: Gazetteer = self._resources.gazetteer
        rules = self.rules(doc.language or "en")
        spans = [s.span for s in doc.sentences if not s.excluded]
        tokens = {t.start: t for t in doc.tokens}
        blocked = [
            e.span for e in doc.entities
            if (e.label == "PERSON" and e.source == "ner") or e.source == "kb"
        ]
        existing = {(e.span.start, e.span.end) for e in doc.entities if e.source == "gazetteer"}
        # Names the actor KB knows as a group, person or organisation ("Wagner", "Sanogo"),
        # not as a country or a seat standing for one, are actors.
        actors = {
            (e.span.start, e.span.end) for e in doc.entities
            if e.source == "kb" and e.label == "ACTOR"
            and not (e.kb_id or "").startswith("kb:country:")
        }
        added = [
            Entity(span, label="PLACE", source="gazetteer", kb_id=str(place.geonameid))
            for span, place in find_places(doc.text, spans, gazetteer, rules,
                                           tokens=tokens, blocked=blocked)
            if (span.start, span.end) not in existing
            and (span.start, span.end) not in actors
        ]
        return doc.evolve(entities=doc.entities + tuple(added))
