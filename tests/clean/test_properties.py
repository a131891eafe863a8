"""Property tests: the cleaning and reading code never crashes and keeps its invariants on
arbitrary input."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kibaru import lexicon
from kibaru.clean.language import detect_language
from kibaru.clean.structure import StructureRules, detect_structure
from kibaru.clean.text import clean_text
from kibaru.errors import InputError
from kibaru.nlp.sentences import split_sentences
from kibaru.reading import decode_text

RULES = StructureRules.from_data(lexicon.load("en", "structure"))
MOJIBAKE_PRONE = st.text(
    alphabet=st.sampled_from(list("abcÃÂâ€™œ\x9d ©é ï¯\n\t.—“”’'\u00a0\u200bZ")), max_size=300
)
ANY_TEXT = st.one_of(st.text(max_size=400), MOJIBAKE_PRONE)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_clean_text_never_crashes_and_its_annotations_lie_in_the_text(raw: str) -> None:
    text, notes = clean_text(raw)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    assert text == text.strip()
    for note in notes:
        assert 0 <= note.span.start < note.span.end <= len(text)


@FAST
@given(ANY_TEXT)
def test_cleaning_twice_changes_nothing_more(raw: str) -> None:
    once, _ = clean_text(raw)
    twice, _ = clean_text(once)
    assert twice == once


@FAST
@given(ANY_TEXT)
def test_sentences_are_ordered_disjoint_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
        previous_end = span.end


@FAST
@given(ANY_TEXT)
def test_structure_detection_never_crashes(text: str) -> None:
    dateline, annotations = detect_structure(text, RULES)
    for annotation in annotations:
        assert 0 <= annotation.span.start <= annotation.span.end <= len(text)
    if dateline and dateline.place:
        assert dateline.span.contains(dateline.place)


@FAST
@given(st.binary(max_size=600))
def test_decoding_arbitrary_bytes_returns_text_or_a_one_line_input_error(data: bytes) -> None:
    try:
        text = decode_text(data, origin="fuzz.bin")
    except InputError as exc:
        assert str(exc).startswith("fuzz.bin: ") and "\n" not in str(exc)
    else:
        assert text.strip() and "\x00" not in text


@FAST
@given(ANY_TEXT)
def test_language_detection_never_crashes(text: str) -> None:
    code, name, confidence = detect_language(text)
    assert code and name and 0.0 <= confidence <= 1.0
