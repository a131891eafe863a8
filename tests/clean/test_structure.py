"""The structure detector finds datelines, bylines, bios and link lines without deleting text."""

import datetime as dt

from kibaru import lexicon
from kibaru.clean.structure import StructureRules, detect_structure

RULES = StructureRules.from_data(lexicon.load("en", "structure"))


def kinds(text: str) -> list[tuple[str, str]]:
    _, annotations = detect_structure(text, RULES)
    return [(a.kind, text[a.span.start : a.span.end]) for a in annotations]


def test_upper_case_dateline_with_dash_is_found_and_its_place_kept() -> None:
    text = "NIAMEY — Soldiers repelled an attack on a base near the border on Sunday."
    dateline, _ = detect_structure(text, RULES)
    assert dateline is not None and dateline.place is not None
    assert text[dateline.place.start : dateline.place.end] == "NIAMEY"
    assert dateline.date is None


def test_dateline_with_region_and_date_in_parentheses_gives_a_date() -> None:
    text = "KABUL, Afghanistan (Jan. 25, 2013) — A suicide bomber struck a convoy."
    dateline, _ = detect_structure(text, RULES)
    assert dateline is not None and dateline.place is not None
    assert text[dateline.place.start : dateline.place.end] == "KABUL, Afghanistan"
    assert dateline.date == dt.date(2013, 1, 25)


def test_agency_in_parentheses_is_not_taken_for_a_date() -> None:
    dateline, _ = detect_structure("OUAGADOUGOU (Reuters) - Gunmen killed 12 people.", RULES)
    assert dateline is not None and dateline.date is None


def test_opening_date_line_supplies_the_date_without_a_place() -> None:
    text = "Friday, January 4, 2019\n\nAt least 30 people died when a building collapsed."
    dateline, _ = detect_structure(text, RULES)
    assert dateline is not None and dateline.place is None
    assert dateline.date == dt.date(2019, 1, 4)


def test_title_case_sentence_with_a_dash_is_not_a_dateline() -> None:
    dateline, _ = detect_structure("Ukraine - a country at war - held a vote.", RULES)
    assert dateline is None


def test_byline_and_related_and_copyright_lines_are_marked() -> None:
    text = (
        "By Aïssata Traoré and John Smith\nGunmen attacked a market in Mopti on Monday.\n"
        "Read more: Mali's long war\n© 2024 Example News. All rights reserved."
    )
    assert kinds(text) == [
        ("byline", "By Aïssata Traoré and John Smith"),
        ("related", "Read more: Mali's long war"),
        ("boilerplate", "© 2024 Example News. All rights reserved."),
    ]


def test_closing_author_bio_is_marked_but_a_news_sentence_about_a_person_is_not() -> None:
    text = (
        "Troops clashed with rebels near Kidal.\n"
        "The minister is a former general who led the 2012 campaign.\n"
        "Fighting continued into the night.\n"
        "Officials gave no toll.\n"
        "Amadou Diallo is a freelance journalist based in Dakar who covers the Sahel."
    )
    found = kinds(text)
    assert ("bio", "Amadou Diallo is a freelance journalist based in Dakar who covers the Sahel.") in found
    assert all(kind != "bio" or "minister" not in line for kind, line in found)
