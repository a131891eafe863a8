"""Split sentences and parse those that can hold an event with spaCy (stage nlp.spacy.v1).

spaCy stays inside this module: its output is turned into contract ``Token`` and ``Entity``
records. Sentences inside non-news annotations (bio, byline, related stories) are marked
excluded and never parsed. Unless ``parse_all`` is set, only sentences matching the
language's prefilter stems (data/<lang>/prefilter.yaml) are parsed, which is most of the
speed-up over running spaCy on the whole article.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from kibaru.contract import Doc, Entity, Sentence, Span, Token
from kibaru.nlp.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language

    from kibaru.pipeline import BuildContext

__all__ = ["SpacyParser", "prefilter_pattern"]

_EXCLUDING = ("bio", "byline", "related", "boilerplate", "caption")


def prefilter_pattern(stems: list[str]) -> re.Pattern[str] | None:
    """Compile word-start stems into one case-insensitive pattern (None when empty)."""
    if not stems:
        return None
    alternatives = "|".join(sorted({re.escape(s.lower()) for s in stems}, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})", re.IGNORECASE)


class SpacyParser:
    """Stage: sentences for the whole text; tokens, parse and entities for candidates."""

    name: ClassVar[str] = "nlp.spacy.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "annotations", "language"})
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "entities"})

    def __init__(self, context: BuildContext) -> None:
        self._resources = context.resources
        self._parse_all = context.config.parse_all
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def _pattern(self, language: str) -> re.Pattern[str] | None:
        if language not in self._patterns:
            data = self._resources.lexicon(language, "prefilter")
            self._patterns[language] = prefilter_pattern(list(data.get("stems") or []))
        return self._patterns[language]

    def __call__(self, doc: Doc) -> Doc:
        language = doc.language or "en"
        pattern = None if self._parse_all else self._pattern(language)
        sentences: list[Sentence] = []
        for span in split_sentences(doc.text, language=language):
            excluding = [
                a for a in doc.annotations if a.kind in _EXCLUDING and a.span.overlaps(span)
            ]
            if excluding:
                sentences.append(Sentence(span, excluded=True, exclusion=excluding[0].kind))
                continue
            wanted = pattern is None or pattern.search(doc.span_text(span)) is not None
            sentences.append(Sentence(span, parsed=wanted))
        if not any(s.parsed for s in sentences):
            return doc.evolve(sentences=tuple(sentences))
        tokens, entities = _parse(self._resources.nlp_for(language), doc.text, sentences)
        return doc.evolve(sentences=tuple(sentences), tokens=tokens, entities=entities)


def _parse(
    nlp: Language, text: str, sentences: list[Sentence]
) -> tuple[tuple[Token, ...], tuple[Entity, ...]]:
    chosen = [(i, s) for i, s in enumerate(sentences) if s.parsed]
    tokens: list[Token] = []
    entities: list[Entity] = []
    texts = (text[s.span.start : s.span.end] for _, s in chosen)
    for (index, sentence), parsed in zip(chosen, nlp.pipe(texts, batch_size=64), strict=True):
        base = len(tokens)
        offset = sentence.span.start
        for tok in parsed:
            tokens.append(
                Token(
                    i=base + tok.i,
                    start=offset + tok.idx,
                    end=offset + tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=base + tok.head.i,
                    sentence=index,
                    ent_type=tok.ent_type_,
                    ent_iob=tok.ent_iob_,
                    like_num=tok.like_num,
                    morph=str(tok.morph),
                )
            )
        for ent in parsed.ents:
            entities.append(
                Entity(Span(offset + ent.start_char, offset + ent.end_char), ent.label_, "ner")
            )
    return tuple(tokens), tuple(entities)
