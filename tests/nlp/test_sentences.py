"""The rule sentence splitter respects abbreviations, initials and quotes."""

from kibaru.nlp.sentences import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_titles_months_and_initials_do_not_end_sentences() -> None:
    text = "Col. Assimi Goïta met Gen. J. Smith on Feb. 8 in the U.S. capital. They spoke for an hour."
    assert pieces(text) == [
        "Col. Assimi Goïta met Gen. J. Smith on Feb. 8 in the U.S. capital.",
        "They spoke for an hour.",
    ]


def test_closing_quote_stays_with_its_sentence_and_lines_split() -> None:
    text = "He said: “We will win.” The army advanced.\nA new paragraph starts here!"
    assert pieces(text) == ["He said: “We will win.”", "The army advanced.", "A new paragraph starts here!"]


def test_offsets_index_the_text_and_whitespace_is_trimmed() -> None:
    text = "  First one.   Second one?  "
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second one?"]


def test_decimal_numbers_do_not_split() -> None:
    assert pieces("The toll rose to 3.5 percent of the population. Aid arrived.") == [
        "The toll rose to 3.5 percent of the population.",
        "Aid arrived.",
    ]
