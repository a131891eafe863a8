"""Navigate the dependency parse carried as contract ``Token`` records.

The event stages read the parse through this small index rather than through spaCy, so that
they run on hand-built documents in tests and stay independent of the parser that made them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from kibaru.contract import Doc, Span, Token

__all__ = ["ParseIndex", "SentenceTree"]

# Universal-ish dependency labels (spaCy's English ClearNLP scheme and UD) used to read
# clause structure; a label set per language lives with the model, not the lexicons.
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl", "nsubj:pass"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass", "nsubj:pass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "dative", "iobj"})
CLAUSE_LINK_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "relcl", "acl", "pcomp"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})


class SentenceTree:
    """The tokens of one parsed sentence with their children, indexed by ``Token.i``."""

    def __init__(self, tokens: Iterable[Token], *, index: int) -> None:
        self.index = index
        self.tokens: dict[int, Token] = {t.i: t for t in tokens}
        self._children: dict[int, list[Token]] = defaultdict(list)
        for token in self.tokens.values():
            if token.head != token.i and token.head in self.tokens:
                self._children[token.head].append(token)

    def __iter__(self) -> Iterator[Token]:
        return iter(sorted(self.tokens.values(), key=lambda t: t.i))

    def __len__(self) -> int:
        return len(self.tokens)

    def children(self, i: int, *deps: str) -> list[Token]:
        """Return the children of token ``i`` (only those with one of ``deps`` if given)."""
        kids = self._children.get(i, [])
        return [k for k in kids if not deps or k.dep in deps]

    def head(self, i: int) -> Token | None:
        """Return the head of token ``i``, or None at the root."""
        token = self.tokens[i]
        if token.head == i or token.head not in self.tokens:
            return None
        return self.tokens[token.head]

    def ancestors(self, i: int) -> Iterator[Token]:
        """Yield the heads of token ``i`` up to the root."""
        seen = {i}
        head = self.head(i)
        while head is not None and head.i not in seen:
            seen.add(head.i)
            yield head
            head = self.head(head.i)

    def subtree(self, i: int) -> list[Token]:
        """Return token ``i`` and all its descendants, in text order."""
        out: list[Token] = []
        stack = [self.tokens[i]]
        while stack:
            token = stack.pop()
            out.append(token)
            stack.extend(self._children.get(token.i, []))
        return sorted(out, key=lambda t: t.i)

    def span_of(self, tokens: Iterable[Token]) -> Span:
        """Return the character span from the first to the last of ``tokens``."""
        listed = list(tokens)
        return Span(min(t.start for t in listed), max(t.end for t in listed))

    def clause_verb(self, i: int) -> Token | None:
        """Return the verb of the clause holding token ``i`` (itself when it is a verb)."""
        token = self.tokens[i]
        if token.pos in VERB_POS:
            return token
        for head in self.ancestors(i):
            if head.pos in VERB_POS:
                return head
        return None

    def relation_to(self, i: int, ancestor: int) -> str | None:
        """Return the dependency label of the child of ``ancestor`` on the path from ``i``."""
        current = self.tokens[i]
        while current.head != current.i and current.head in self.tokens:
            if current.head == ancestor:
                return current.dep
            current = self.tokens[current.head]
        return None

    def conjuncts(self, i: int) -> list[Token]:
        """Return token ``i`` followed by the tokens coordinated with it (recursively)."""
        out = [self.tokens[i]]
        stack = list(self.children(i, "conj"))
        while stack:
            token = stack.pop(0)
            out.append(token)
            stack.extend(self.children(token.i, "conj"))
        return out

    def at_offset(self, span: Span) -> Token | None:
        """Return the syntactic head of the tokens inside ``span`` (the first whose head lies
        outside it): "strike" for "drone strike", "seized" for "seized control"."""
        inside = [t for t in self if span.start <= t.start < span.end]
        indices = {t.i for t in inside}
        for token in inside:
            if token.head not in indices or token.head == token.i:
                return token
        return inside[0] if inside else None

    def text(self) -> str:
        """Return the sentence's words joined by single spaces (for debugging)."""
        return " ".join(t.text for t in self)


class ParseIndex:
    """Per-document index of parsed sentences, built once per stage call."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        grouped: dict[int, list[Token]] = defaultdict(list)
        for token in doc.tokens:
            grouped[token.sentence].append(token)
        self._grouped = grouped
        self._trees: dict[int, SentenceTree] = {}

    def sentences(self) -> list[int]:
        """Return the indices of the parsed, non-excluded sentences, in order."""
        return [
            i
            for i in sorted(self._grouped)
            if i < len(self.doc.sentences) and not self.doc.sentences[i].excluded
        ]

    def tree(self, sentence: int) -> SentenceTree:
        """Return the tree of ``sentence`` (empty when the sentence was not parsed)."""
        if sentence not in self._trees:
            self._trees[sentence] = SentenceTree(self._grouped.get(sentence, []), index=sentence)
        return self._trees[sentence]

    def token_at(self, span: Span, sentence: int) -> Token | None:
        """Return the token that starts the trigger ``span`` in ``sentence``."""
        return self.tree(sentence).at_offset(span)
