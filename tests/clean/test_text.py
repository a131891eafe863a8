"""The text cleaner repairs mojibake word by word and leaves correct text alone."""

from kibaru.clean.text import clean_text


def test_repairs_mojibake_inside_text_with_correct_curly_quotes() -> None:
    raw = "A renewed war that would rely on Russia, Ã la Bashar al-Assad’s Syria."
    text, notes = clean_text(raw)
    assert "à la Bashar al-Assad’s" in text
    assert [text[n.span.start : n.span.end] for n in notes] == ["à la"]
    assert notes[0].kind == "mojibake" and notes[0].note == "Ã la"


def test_repairs_accented_names_and_smart_quotes_misread_as_cp1252() -> None:
    text, notes = clean_text("Col. Assimi GoÃ¯ta told â€œreportersâ€\x9d in CÃ´te dâ€™Ivoire.")
    assert text == "Col. Assimi Goïta told “reporters” in Côte d’Ivoire."
    assert len(notes) == 4


def test_leaves_correct_accents_and_curly_quotes_untouched() -> None:
    raw = "Le président Goïta a dit « non » à l’ONU — “clearly”, naïve café."
    text, notes = clean_text(raw)
    assert text == raw
    assert notes == []


def test_normalises_white_space_and_keeps_paragraph_breaks() -> None:
    text, _ = clean_text("First  line\u00a0here.\r\n\r\n\r\n\tSecond\u200b line.\nThird.")
    assert text == "First line here.\n\nSecond line.\nThird."


def test_unescapes_html_entities_and_drops_control_characters() -> None:
    text, _ = clean_text("Tom &amp; Jerry\x07 said &#8220;no&#8221;.")
    assert text == "Tom & Jerry said “no”."


def test_mojibake_offsets_point_into_the_cleaned_text() -> None:
    text, notes = clean_text("  Intro   line.\n\nThen GoÃ¯ta   and   Ã la carte.")
    assert [text[n.span.start : n.span.end] for n in notes] == ["Goïta", "à la"]
