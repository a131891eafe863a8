"""The prefilter (data/en/prefilter.yaml) lets through every sentence a trigger can fire in."""

from __future__ import annotations

from kibaru import lexicon
from kibaru.nlp.spacy_stage import prefilter_pattern

# Irregular inflections of anchor lemmas: the sentence holds these, not the lemma.
IRREGULAR = {
    "shoot": ["shot"],
    "fight": ["fought"],
    "take": ["took", "taken"],
    "hold": ["held"],
    "begin": ["began", "begun"],
    "lay": ["laid"],
    "give": ["gave", "given"],
    "bring": ["brought"],
    "leave": ["left"],
    "fly": ["flew", "flown"],
    "meet": ["met"],
    "strike": ["struck"],
    "break": ["broke", "broken"],
    "slay": ["slain", "slew"],
    "send": ["sent"],
    "overrun": ["overran"],
    "withdraw": ["withdrew", "withdrawn"],
    "forbid": ["forbade", "forbidden"],
    "throw": ["threw", "thrown"],
    "freeze": ["froze", "frozen"],
    "drive": ["drove", "driven"],
    "die": ["died", "dying"],
    "go": ["went", "gone"],
    "seek": ["sought"],
}


def _covered(words: list[str]) -> bool:
    pattern = prefilter_pattern(list(lexicon.load("en", "prefilter")["stems"]))
    assert pattern is not None
    return all(pattern.match(str(w).lower()) for w in words)


def _forms(lemma: str) -> list[str]:
    return [lemma, *IRREGULAR.get(lemma, [])]


def test_every_trigger_is_covered_by_a_prefilter_stem() -> None:
    missing = []
    for entry in lexicon.load("en", "triggers")["triggers"]:
        anchors = [form for lemma in entry["lemmas"] for form in _forms(str(lemma).lower())]
        objects = [str(o).lower() for o in entry.get("object") or []]
        if not _covered(anchors) and not (objects and _covered(objects)):
            missing.append(entry["id"])
    assert missing == []


def test_every_casualty_word_is_covered() -> None:
    casualties = lexicon.load("en", "triggers")["casualties"]
    words = [
        form
        for kind in (casualties["killed"], casualties["injured"])
        for listed in kind.values()
        for lemma in listed
        for form in _forms(str(lemma).lower())
    ]
    assert _covered(words)


def test_prefilter_skips_a_sentence_without_event_words() -> None:
    pattern = prefilter_pattern(list(lexicon.load("en", "prefilter")["stems"]))
    assert pattern is not None
    assert pattern.search("The weather in the capital was mild and sunny.") is None
    assert pattern.search("Gunmen abducted three teachers.") is not None
