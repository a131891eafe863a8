"""A group's claim of responsibility names the unnamed perpetrators of the article's attacks,
and a title before an unknown person's name says who the person is."""

from __future__ import annotations

from collections.abc import Callable

from tests.resolve.actor_helpers import context, matched, sentenced, shipped_kb, span_of

from kibaru.contract import ActorMention, Doc, Entity, EventMention, Typing
from kibaru.resolve.actor_claims import ClaimCues, find_claims
from kibaru.resolve.actor_matcher import find_titled
from kibaru.resolve.actors import ActorResolver


def _cues() -> ClaimCues:
    data = context().resources.lexicon("en", "arguments")
    return ClaimCues.from_data(data.get("claims"))


def _claimants(make_doc: Callable[..., Doc], text: str) -> list[str]:
    doc = matched(make_doc, text)
    return [c.record_id for c in find_claims(doc, shipped_kb(), _cues())]


def test_the_group_before_a_claim_cue_or_after_an_attribution_cue_is_the_claimant(
    make_doc: Callable[..., Doc],
) -> None:
    assert _claimants(make_doc, "Gunmen raided a post. Ansarul Islam claimed responsibility.") == [
        "kb:group:ansarul-islam"
    ]
    assert _claimants(make_doc, "Al-Shabaab said it had targeted the hotel.") == [
        "kb:group:al-shabaab"
    ]
    assert _claimants(
        make_doc,
        "The assailants were believed to belong to the Islamic State West Africa Province.",
    ) == ["kb:group:iswap"]


def test_a_negated_claim_or_a_state_saying_it_struck_is_no_claim(
    make_doc: Callable[..., Doc],
) -> None:
    assert _claimants(make_doc, "JNIM has not claimed the attack on the convoy.") == []
    assert _claimants(make_doc, "The Malian army said it had carried out the strikes.") == []
    assert _claimants(make_doc, "Gunmen killed four people, and no group claimed the attack.") == []


def _attack(text: str, trigger: str, source: str, target: str | None = None) -> EventMention:
    return EventMention(
        trigger=span_of(text, trigger),
        sentence=0,
        typing=Typing("ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash"),
        sources=(ActorMention(span_of(text, source)),),
        targets=(ActorMention(span_of(text, target)),) if target else (),
    )


def test_a_claim_names_the_gunmen_and_the_attackers_killed(make_doc: Callable[..., Doc]) -> None:
    text = (
        "Gunmen stormed a gendarmerie post on Monday. Soldiers killed three attackers. "
        "Ansarul Islam claimed responsibility for the raid."
    )
    doc = matched(make_doc, text).evolve(focus_country="BFA")
    stormed = _attack(text, "stormed", "Gunmen")
    killed = EventMention(
        trigger=span_of(text, "killed"),
        sentence=1,
        typing=Typing("ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash"),
        sources=(ActorMention(span_of(text, "Soldiers")),),
        targets=(ActorMention(span_of(text, "three attackers")),),
    )
    out = ActorResolver(context())(doc.evolve(mentions=(stormed, killed)))
    source = out.mentions[0].sources[0].actor
    assert source is not None and source.actor_id == "kb:group:ansarul-islam"
    assert (source.sector, source.text) == ("REB", "Gunmen")
    soldiers, attackers = out.mentions[1].sources[0].actor, out.mentions[1].targets[0].actor
    assert soldiers is not None and soldiers.actor_id == "kb:military:BFA"
    assert attackers is not None and attackers.actor_id == "kb:group:ansarul-islam"


def test_without_a_claim_or_with_two_claimants_the_gunmen_stay_unidentified(
    make_doc: Callable[..., Doc],
) -> None:
    for text in (
        "Gunmen stormed a gendarmerie post on Monday. Its commander called for reinforcements.",
        (
            "Gunmen stormed a gendarmerie post on Monday. JNIM claimed the attack, and so did "
            "the rival Islamic State Sahel Province, which also claimed the attack."
        ),
    ):
        doc = matched(make_doc, text).evolve(focus_country="BFA")
        out = ActorResolver(context())(doc.evolve(mentions=(_attack(text, "stormed", "Gunmen"),)))
        source = out.mentions[0].sources[0].actor
        assert source is not None and source.actor_id == "kb:unidentified:BFA"


def test_a_named_perpetrator_is_never_replaced_by_a_claim(make_doc: Callable[..., Doc]) -> None:
    text = "Malian soldiers stormed a camp. JNIM claimed responsibility for an ambush."
    doc = matched(make_doc, text).evolve(focus_country="MLI")
    out = ActorResolver(context())(
        doc.evolve(mentions=(_attack(text, "stormed", "Malian soldiers"),))
    )
    source = out.mentions[0].sources[0].actor
    assert source is not None and source.actor_id == "kb:military:MLI"


def test_a_rank_before_an_unknown_person_codes_the_military(make_doc: Callable[..., Doc]) -> None:
    text = "General Amadou Diallo ordered the arrest. Mr. Amadou Diallo left."
    person = Entity(span_of(text, "Amadou Diallo"), "PERSON", "ner")
    second = Entity(span_of(text, "Amadou Diallo", 1), "PERSON", "ner")
    doc = sentenced(make_doc, text, entities=(person, second))
    roles = {"General": "kb:role:military", "Senator": "kb:role:government"}
    found = find_titled(doc, roles)
    assert [(doc.span_text(e.span), e.label, e.kb_id) for e in found] == [
        ("General", "ROLE", "kb:role:military")
    ]
    # a KB name covering the person wins: no role is added for a known person
    known = Entity(span_of(text, "Amadou Diallo"), "ACTOR", "kb", "kb:person:someone")
    assert find_titled(doc, roles, known=(known,)) == ()


def test_an_unknown_general_resolves_to_the_focus_countrys_military() -> None:
    from kibaru.coder import code

    result = code(
        "NIAMEY — General Moussa Abdou Karimou detained the interior minister in Niamey on "
        "Tuesday, officials said.",
        published="2024-05-08",
    )
    sources = [a for e in result.events for a in e.source_actors]
    assert [(a.country, a.sector) for a in sources] == [("NER", "MIL")], sources
