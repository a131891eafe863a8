"""Identify the article's language and refuse those without a pipeline (stage
language.detect.v1).

Writing system first (share of letters per Unicode script), then function-word frequencies
from ``data/<lang>/stopwords.yaml``. Text in a language that is not configured is skipped
with ``UnsupportedLanguageError`` naming the language, never coded as English.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from kibaru import lexicon
from kibaru.contract import Doc
from kibaru.errors import UnsupportedLanguageError

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext

__all__ = ["LanguageDetector", "detect_language"]

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE = 20_000
_MIN_WORDS = 8


@lru_cache(maxsize=1)
def _profiles() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, str]], dict[str, str]]:
    spec = lexicon.load_shared("languages")
    names: dict[str, str] = dict(spec["stopword_languages"])
    stopwords = {
        code: frozenset(str(w).lower() for w in lexicon.load(code, "stopwords")["words"])
        for code in names
    }
    scripts = {key: (value[0], value[1]) for key, value in spec["scripts"].items()}
    return stopwords, scripts, names


def detect_language(text: str) -> tuple[str, str, float]:
    """Return (code, name, confidence) of the language of ``text``; ``und`` when unknown."""
    stopwords, scripts, names = _profiles()
    sample = text[:_SAMPLE]
    letters = Counter[str]()
    total = 0
    for char in sample:
        if char.isalpha():
            total += 1
            if ord(char) > 0x24F:
                script = unicodedata.name(char, "UNKNOWN").split(" ")[0]
                letters[script] += 1
    if total == 0:
        return "und", "no letters", 0.0
    if letters:
        script, count = letters.most_common(1)[0]
        if count / total > 0.4:
            code, name = scripts.get(script, ("und", f"{script.title()} script"))
            return code, name, count / total
    words = [w.lower() for w in _WORDS.findall(sample)]
    if len(words) < _MIN_WORDS:
        return "und", "too short to tell", 0.0
    scores = {code: sum(1 for w in words if w in vocabulary) for code, vocabulary in stopwords.items()}
    best = max(scores, key=lambda c: scores[c])
    share = scores[best] / len(words)
    if share < 0.08:
        return "und", "an unrecognised language", share
    return best, names[best], share


class LanguageDetector:
    """Stage: set ``doc.language``; refuse text in a language with no pipeline."""

    name: ClassVar[str] = "language.detect.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    provides: ClassVar[frozenset[str]] = frozenset({"language"})

    def __init__(self, context: BuildContext) -> None:
        self._languages = context.config.languages

    def __call__(self, doc: Doc) -> Doc:
        hinted = doc.article.language
        if hinted:
            code, name = hinted, hinted
        else:
            code, name, _ = detect_language(doc.text)
        if code == "und":
            # Too short or unrecognised: code it in the first configured language.
            code = self._languages[0]
        if code not in self._languages:
            raise UnsupportedLanguageError(
                f"text is in {name} ({code}); Kibaru codes {', '.join(self._languages)}",
                origin=doc.article.origin or doc.article.id,
            )
        return doc.evolve(language=code)
