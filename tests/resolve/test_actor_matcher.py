"""The actor matcher finds KB names, demonyms and role words in every news sentence."""

from __future__ import annotations

from collections.abc import Callable

from tests.resolve.actor_helpers import context, matched

from kibaru.contract import Annotation, Doc, Entity, Span
from kibaru.resolve.actor_matcher import ActorMatcher


def kb_entities(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(doc.span_text(e.span), e.label, e.kb_id) for e in doc.entities if e.source == "kb"]


def test_names_demonyms_and_roles_get_their_labels(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "Russian Foreign Minister Sergey Lavrov met Malian soldiers in Bamako.")
    assert kb_entities(doc) == [
        ("Russian", "NORP", "kb:country:RUS"),
        ("Foreign Minister", "ROLE", "kb:role:government"),
        ("Sergey Lavrov", "ACTOR", "kb:person:lavrov"),
        ("Malian", "NORP", "kb:country:MLI"),
        ("soldiers", "ROLE", "kb:role:military"),
        ("Bamako", "ACTOR", "kb:country:MLI"),
    ]


def test_ner_entities_are_kept_beside_kb_entities(make_doc: Callable[..., Doc]) -> None:
    text = "Mali expelled the envoy."
    wrong = Entity(Span(0, 4), "PERSON", "ner")  # spaCy's usual mistake
    doc = matched(make_doc, text, entities=(wrong,))
    assert wrong in doc.entities
    assert ("Mali", "ACTOR", "kb:country:MLI") in kb_entities(doc)


def test_unparsed_sentences_are_matched_and_excluded_ones_are_not(
    make_doc: Callable[..., Doc],
) -> None:
    text = (
        "JNIM fighters attacked a convoy near Boni on Monday. "
        "Jane Doe is a writer who covered ECOWAS summits for years."
    )
    doc = matched(make_doc, text, excluded=("Jane Doe",))
    ids = [kb_id for _, _, kb_id in kb_entities(doc)]
    assert "kb:group:jnim" in ids
    assert "kb:igo:ecowas" not in ids


def test_the_longest_name_wins_over_the_names_inside_it(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "It is fighting the Islamic State in the Greater Sahel in Menaka.")
    assert kb_entities(doc) == [
        ("Islamic State in the Greater Sahel", "ACTOR", "kb:group:is-sahel"),
    ]


def test_acronyms_match_case_sensitively_and_names_need_capitals(
    make_doc: Callable[..., Doc],
) -> None:
    doc = matched(
        make_doc, "The UN said the un-named man is in Turkey. We ate turkey. IS claimed it."
    )
    found = kb_entities(doc)
    assert ("The UN", "ACTOR", "kb:igo:un") in found
    assert ("Turkey", "ACTOR", "kb:country:TUR") in found
    assert ("IS", "ACTOR", "kb:group:islamic-state") in found
    assert not any(text in ("un", "turkey") for text, _, _ in found)


def test_accents_hyphens_and_curly_apostrophes_do_not_block_a_match(
    make_doc: Callable[..., Doc],
) -> None:
    doc = matched(
        make_doc, "Colonel Goita met al Shabaab envoys and Jama’at Nusrat al-Islam wal-Muslimin."
    )
    ids = [kb_id for _, _, kb_id in kb_entities(doc)]
    assert ids == ["kb:person:assimi-goita", "kb:group:al-shabaab", "kb:group:jnim"]


def test_role_words_match_at_the_start_of_a_sentence(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "Gunmen on motorbikes killed villagers. Protesters gathered.")
    assert [(t, kb_id) for t, _, kb_id in kb_entities(doc)] == [
        ("Gunmen", "kb:role:unidentified"),
        ("villagers", "kb:role:civilians"),
        ("Protesters", "kb:role:protesters"),
    ]


def test_the_dateline_names_no_actor(make_doc: Callable[..., Doc]) -> None:
    text = "ABUJA — Nigerian troops repelled an attack on Monday."
    doc = matched(make_doc, text)
    dated = doc.evolve(annotations=(Annotation("dateline", Span(0, 7)),), entities=())
    found = kb_entities(ActorMatcher(context())(dated))
    assert [t for t, _, _ in found] == ["Nigerian", "troops"]
