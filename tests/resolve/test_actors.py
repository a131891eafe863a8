"""The actor resolver turns each source and target span into a coded actor, never guessing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from tests.resolve.actor_helpers import context, matched, shipped_kb, span_of

from kibaru.config import PipelineConfig
from kibaru.contract import (
    Actor,
    ActorMention,
    Doc,
    Entity,
    EventMention,
    PlaceMention,
    Span,
    Typing,
)
from kibaru.pipeline import BuildContext
from kibaru.resolve.actors import ActorResolver, resolve_actor
from kibaru.resolve.gazetteer import Gazetteer
from kibaru.resources import Resources

WAGNER = "The Wagner Group, the private militia run by the Putin crony Yevgeny Prighozin"


def resolve(
    make_doc: Callable[..., Doc],
    text: str,
    phrase: str,
    *,
    focus: str | None = "MLI",
    published: str = "2023-02-10",
    armed: bool = False,
) -> Actor:
    doc = matched(make_doc, text, published=published)
    return resolve_actor(
        doc,
        ActorMention(span_of(text, phrase)),
        shipped_kb(),
        focus=focus,
        day=dt.date.fromisoformat(published),
        armed=armed,
    )


def coded(actor: Actor) -> tuple[str, str | None, str, int | None]:
    return actor.name, actor.country, actor.sector, actor.acled_inter


def test_a_named_person_inside_a_title_wins(make_doc: Callable[..., Doc]) -> None:
    text = "Russian Foreign Minister Sergey Lavrov visited the Malian capital."
    actor = resolve(make_doc, text, "Russian Foreign Minister Sergey Lavrov")
    assert coded(actor) == ("Sergey Lavrov", "RUS", "GOV", 1)
    assert actor.actor_id == "kb:person:lavrov"
    assert actor.text == "Russian Foreign Minister Sergey Lavrov"


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        (
            "Malian soldiers repelled the attack.",
            "Malian soldiers",
            ("Military Forces of Mali", "MLI", "MIL", 1),
        ),
        (
            "Mali's army retook the town.",
            "Mali's army",
            ("Military Forces of Mali", "MLI", "MIL", 1),
        ),
        (
            "French forces withdrew from the base.",
            "French forces",
            ("Military Forces of France", "FRA", "MIL", 8),
        ),
        (
            "Gunmen stormed the village.",
            "Gunmen",
            ("Unidentified Armed Group (Mali)", "MLI", "OPP", 3),
        ),
        ("They killed six villagers.", "six villagers", ("Civilians (Mali)", "MLI", "CVL", 7)),
        ("Protesters marched in Bamako.", "Protesters", ("Protesters (Mali)", "MLI", "PRO", 6)),
        (
            "Burkinabe gendarmes arrested him.",
            "Burkinabe gendarmes",
            ("Police Forces of Burkina Faso", "BFA", "POL", 8),
        ),
        ("Moscow denied the report.", "Moscow", ("Government of Russia", "RUS", "GOV", 1)),
        (
            "The Kremlin denied the report.",
            "The Kremlin",
            ("Government of Russia", "RUS", "GOV", 1),
        ),
        ("The junta expelled the envoy.", "The junta", ("Government of Mali", "MLI", "GOV", 1)),
        (
            "JNIM fighters ambushed a convoy.",
            "JNIM fighters",
            ("JNIM: Group for Support of Islam and Muslims", None, "REB", 2),
        ),
        (
            "MINUSMA peacekeepers were hit.",
            "MINUSMA peacekeepers",
            (
                "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali",
                None,
                "IGO",
                8,
            ),
        ),
        (WAGNER + ", deployed.", WAGNER, ("Wagner Group", "RUS", "PMC", 8)),
    ],
)
def test_mentions_resolve_to_acled_style_actors(
    make_doc: Callable[..., Doc], text: str, phrase: str, expected: tuple[object, ...]
) -> None:
    assert coded(resolve(make_doc, text, phrase)) == expected


def test_forces_of_the_focus_country_are_state_forces_not_forces_abroad(
    make_doc: Callable[..., Doc],
) -> None:
    actor = resolve(make_doc, "French forces cleared the road.", "French forces", focus="FRA")
    assert coded(actor) == ("Military Forces of France", "FRA", "MIL", 1)


def test_a_generic_role_without_any_country_keeps_a_bare_name(
    make_doc: Callable[..., Doc],
) -> None:
    actor = resolve(make_doc, "Gunmen stormed the village.", "Gunmen", focus=None)
    assert coded(actor) == ("Unidentified Armed Group", None, "OPP", 3)


def test_an_unknown_mention_keeps_its_text_with_sector_unk(make_doc: Callable[..., Doc]) -> None:
    actor = resolve(make_doc, "Kisal criticised the report.", "Kisal")
    assert coded(actor) == ("Kisal", None, "UNK", None)
    assert actor.actor_id is None


def test_an_office_holder_is_coded_by_the_term_on_the_publication_date(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Mohamed Bazoum spoke to reporters."
    in_office = resolve(make_doc, text, "Mohamed Bazoum", focus="NER", published="2022-05-01")
    deposed = resolve(make_doc, text, "Mohamed Bazoum", focus="NER", published="2024-05-01")
    assert coded(in_office) == ("Mohamed Bazoum", "NER", "GOV", 1)
    assert deposed.sector != "GOV"


def test_a_state_named_alone_in_armed_violence_acts_through_its_military(
    make_doc: Callable[..., Doc],
) -> None:
    text = "A French airstrike in Bounti killed dozens of people."
    assert coded(resolve(make_doc, text, "French", armed=True)) == (
        "Military Forces of France",
        "FRA",
        "MIL",
        8,
    )
    assert resolve(make_doc, text, "French").name == "Government of France"


def test_a_demonym_opening_a_coordinated_list_takes_the_list_role(
    make_doc: Callable[..., Doc],
) -> None:
    text = "They were chased by French, Chadian and Malian forces a year later."
    assert coded(resolve(make_doc, text, "French")) == (
        "Military Forces of France",
        "FRA",
        "MIL",
        8,
    )
    assert coded(resolve(make_doc, text, "Chadian")) == ("Military Forces of Chad", "TCD", "MIL", 8)
    assert coded(resolve(make_doc, text, "Malian forces")) == (
        "Military Forces of Mali",
        "MLI",
        "MIL",
        1,
    )


def test_a_name_running_past_the_argument_edge_still_resolves(
    make_doc: Callable[..., Doc],
) -> None:
    text = "JNIM is also fighting the Islamic State in the Greater Sahel."
    actor = resolve(make_doc, text, "Islamic State")
    assert actor.actor_id == "kb:group:is-sahel"


def test_the_stage_fills_sources_and_targets_of_every_mention(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Suspected jihadists killed 12 Malian soldiers near Boni on Sunday."
    doc = matched(make_doc, text)
    mention = EventMention(
        trigger=span_of(text, "killed"),
        sentence=0,
        typing=Typing("ASSAULT", acled_event_type="Battles", acled_sub_event_type="Armed clash"),
        sources=(ActorMention(span_of(text, "Suspected jihadists")),),
        targets=(ActorMention(span_of(text, "12 Malian soldiers")),),
    )
    out = ActorResolver(context())(doc.evolve(mentions=(mention,), focus_country="MLI"))
    source, target = out.mentions[0].sources[0].actor, out.mentions[0].targets[0].actor
    assert source is not None and target is not None
    assert coded(source) == ("Unidentified Armed Group (Mali)", "MLI", "OPP", 3)
    assert coded(target) == ("Military Forces of Mali", "MLI", "MIL", 1)
    assert target.span == span_of(text, "12 Malian soldiers")


def test_the_stage_leaves_a_document_without_mentions_alone(make_doc: Callable[..., Doc]) -> None:
    doc = matched(make_doc, "Nothing happened in Mali.")
    assert ActorResolver(context())(doc) is doc


def test_the_head_picks_among_several_named_actors(make_doc: Callable[..., Doc]) -> None:
    text = "Putin ally Yevgeny Prigozhin spoke."
    doc = matched(make_doc, text)
    head = ActorMention(span_of(text, "Putin ally Yevgeny Prigozhin"), head=span_of(text, "Putin"))
    assert resolve_actor(doc, head, shipped_kb()).name == "Vladimir Putin"
    no_head = ActorMention(span_of(text, "Putin ally Yevgeny Prigozhin"))
    assert resolve_actor(doc, no_head, shipped_kb()).name == "Yevgeny Prigozhin"


def test_a_possessor_before_the_head_is_not_the_actor(make_doc: Callable[..., Doc]) -> None:
    text = "Trump's former adviser John Bolton released a book. Lavrov's visit ended."
    assert resolve(make_doc, text, "Trump's former adviser John Bolton").sector == "UNK"
    assert resolve(make_doc, text, "Lavrov's").name == "Sergey Lavrov"


def test_a_plural_demonym_is_the_people_and_protesting_civilians_are_protesters(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Serbians protested outside parliament on Tuesday."
    assert coded(resolve(make_doc, text, "Serbians", focus="SRB")) == (
        "Civilians (Serbia)",
        "SRB",
        "CVL",
        7,
    )
    doc = matched(make_doc, text).evolve(focus_country="SRB")
    protest = EventMention(
        trigger=span_of(text, "protested"),
        sentence=0,
        typing=Typing("PROTEST"),
        sources=(ActorMention(span_of(text, "Serbians")),),
    )
    actor = ActorResolver(context())(doc.evolve(mentions=(protest,))).mentions[0].sources[0].actor
    assert actor is not None and coded(actor) == ("Protesters (Serbia)", "SRB", "PRO", 6)


def test_a_country_qualifying_an_unknown_name_resolves_nothing(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Gunmen killed Nigerian novelist Ade Bello and Pakistani journalism student Mashal Khan."
    assert coded(resolve(make_doc, text, "Nigerian novelist Ade Bello")) == (
        "Nigerian novelist Ade Bello",
        None,
        "UNK",
        None,
    )
    assert resolve(make_doc, text, "Nigerian").name == "Government of Nigeria"
    assert coded(resolve(make_doc, text, "Pakistani journalism student Mashal Khan")) == (
        "Civilians (Pakistan)",
        "PAK",
        "CVL",
        7,
    )


def test_a_capital_alone_in_armed_violence_is_a_place_not_an_actor(
    make_doc: Callable[..., Doc],
) -> None:
    text = "The attack in Kabul killed nine."
    assert resolve(make_doc, text, "Kabul", focus="AFG", armed=True).sector == "UNK"
    assert resolve(make_doc, text, "Kabul", focus="AFG").name == "Government of Afghanistan"


def test_a_surname_after_an_unknown_given_name_is_someone_else(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Hamza bin Laden was killed, officials said. Colonel Goïta spoke."
    assert resolve(make_doc, text, "Hamza bin Laden").sector == "UNK"
    assert resolve(make_doc, text, "Colonel Goïta").name == "Assimi Goïta"


def test_troops_a_state_mobilises_are_its_own(make_doc: Callable[..., Doc]) -> None:
    text = "The United States will send more troops to the Gulf, officials said."
    doc = matched(make_doc, text).evolve(focus_country="IRN")
    mobilize = EventMention(
        trigger=span_of(text, "send"),
        sentence=0,
        typing=Typing("MOBILIZE"),
        sources=(ActorMention(span_of(text, "The United States")),),
        targets=(ActorMention(span_of(text, "more troops")),),
    )
    out = ActorResolver(context())(doc.evolve(mentions=(mobilize,))).mentions[0]
    target = out.targets[0].actor
    assert target is not None
    assert coded(target) == ("Military Forces of the United States", "USA", "MIL", 8)


def test_pro_and_anti_do_not_give_their_country(make_doc: Callable[..., Doc]) -> None:
    text = "Pro-Russian separatists shelled the town."
    actor = resolve(make_doc, text, "Pro-Russian separatists", focus="UKR")
    assert coded(actor) == ("Rebels (Ukraine)", "UKR", "REB", 2)


def test_a_capital_qualifying_a_noun_is_a_place(make_doc: Callable[..., Doc]) -> None:
    text = "Police detained him at a Moscow airport. Moscow's reply came later."
    assert resolve(make_doc, text, "a Moscow airport", focus="RUS").sector == "UNK"
    assert resolve(make_doc, text, "Moscow's", focus="RUS").name == "Government of Russia"


def test_congo_alone_is_the_democratic_republic(make_doc: Callable[..., Doc]) -> None:
    text = "Congo's government blamed the ADF for the attack."
    assert resolve(make_doc, text, "Congo's government", focus="COD").country == "COD"


def test_roles_take_the_country_of_the_place_where_the_event_happened(
    make_doc: Callable[..., Doc], tiny_gazetteer: Gazetteer
) -> None:
    text = "Gunmen killed nine villagers in Djibo on Monday, Malian officials said."
    djibo = tiny_gazetteer.lookup("Djibo", country="BF")[0]
    place = Entity(span_of(text, "Djibo"), "PLACE", "gazetteer", str(djibo.geonameid))
    doc = matched(make_doc, text)
    doc = doc.evolve(
        entities=doc.entities + (place,),
        focus_country="MLI",
        mentions=(
            EventMention(
                trigger=span_of(text, "killed"),
                sentence=0,
                typing=Typing("ASSAULT", acled_event_type="Violence against civilians"),
                sources=(ActorMention(span_of(text, "Gunmen")),),
                targets=(ActorMention(span_of(text, "nine villagers")),),
                places=(PlaceMention(span_of(text, "Djibo")),),
            ),
        ),
    )
    resources = Resources(PipelineConfig(), actor_kb=shipped_kb(), gazetteer=tiny_gazetteer)
    stage = ActorResolver(BuildContext(PipelineConfig(), resources, "test"))
    # the article names no actor of the place's country (a namesake abroad?): focus stays
    out = stage(doc).mentions[0]
    assert out.targets[0].actor is not None and out.targets[0].actor.country == "MLI"
    # once the article names Burkina Faso, the place's country wins over the focus
    text2 = text + " Burkina Faso's army was sent."
    doc2 = matched(make_doc, text2)
    doc2 = doc2.evolve(
        entities=doc2.entities + (place,), focus_country="MLI", mentions=doc.mentions
    )
    out = stage(doc2).mentions[0]
    source, target = out.sources[0].actor, out.targets[0].actor
    assert source is not None and target is not None
    assert coded(source) == ("Unidentified Armed Group (Burkina Faso)", "BFA", "OPP", 3)
    assert coded(target) == ("Civilians (Burkina Faso)", "BFA", "CVL", 7)


def test_aircraft_take_a_country_only_from_the_text(make_doc: Callable[..., Doc]) -> None:
    text = "French jets struck the camps while Rafale jets circled."
    french = resolve(make_doc, text, "French jets", focus="MLI", armed=True)
    assert coded(french) == ("Military Forces of France", "FRA", "MIL", 8)
    bare = resolve(make_doc, text, "Rafale jets", focus="MLI", armed=True)
    assert (bare.country, bare.sector) == (None, "MIL")


def test_people_the_state_arrests_in_a_report_about_protests_are_protesters(
    make_doc: Callable[..., Doc],
) -> None:
    text = (
        "Thousands of people protested in Belgrade against the government. "
        "Police arrested 23 people near parliament."
    )
    doc = matched(make_doc, text).evolve(focus_country="SRB")
    protest = EventMention(
        trigger=span_of(text, "protested"),
        sentence=0,
        typing=Typing("PROTEST"),
        sources=(ActorMention(span_of(text, "Thousands of people")),),
    )
    arrest = EventMention(
        trigger=span_of(text, "arrested"),
        sentence=1,
        typing=Typing("COERCE"),
        sources=(ActorMention(span_of(text, "Police")),),
        targets=(ActorMention(span_of(text, "23 people")),),
    )
    stage = ActorResolver(context())
    target = stage(doc.evolve(mentions=(protest, arrest))).mentions[1].targets[0].actor
    assert target is not None and coded(target) == ("Protesters (Serbia)", "SRB", "PRO", 6)
    # without a protest in the report, the people arrested stay civilians
    alone = stage(doc.evolve(mentions=(arrest,))).mentions[0].targets[0].actor
    assert alone is not None and alone.sector == "CVL"


def test_a_group_owning_a_branch_is_the_actor(make_doc: Callable[..., Doc]) -> None:
    text = "Islamic State's Afghan branch claimed the bombing. Trump's adviser John Bolton spoke."
    doc = matched(make_doc, text)
    actor = resolve_actor(
        doc,
        ActorMention(span_of(text, "Islamic State's Afghan branch")),
        shipped_kb(),
        focus="AFG",
        armed=True,
        group_parts=frozenset({"branch"}),
    )
    assert actor.sector == "REB" and "Islamic State" in actor.name
    assert actor.country == "AFG"  # the branch's country, the group itself has none
    # without the part noun the possessor qualifies the head ("the Afghan military")
    plain = resolve_actor(
        doc,
        ActorMention(span_of(text, "Islamic State's Afghan branch")),
        shipped_kb(),
        focus="AFG",
        armed=True,
    )
    assert plain.sector != "REB"


def test_a_crowd_attacked_without_any_protest_told_is_civilians(
    make_doc: Callable[..., Doc],
) -> None:
    text = "A suicide bomber struck crowds outside the airport in Kabul."
    doc = matched(make_doc, text).evolve(focus_country="AFG")
    struck = EventMention(
        trigger=span_of(text, "struck"),
        sentence=0,
        typing=Typing("ASSAULT"),
        sources=(ActorMention(span_of(text, "A suicide bomber")),),
        targets=(ActorMention(span_of(text, "crowds")),),
    )
    target = ActorResolver(context())(doc.evolve(mentions=(struck,))).mentions[0].targets[0]
    assert target.actor is not None and coded(target.actor) == (
        "Civilians (Afghanistan)",
        "AFG",
        "CVL",
        7,
    )


def test_people_killed_far_from_a_protest_stay_civilians() -> None:
    from kibaru.coder import code

    result = code(
        "BAMAKO — The junta banned a protest march that the opposition had planned for Friday.\n"
        "Officials gave no reason for the ban.\n"
        "Aid groups said the fuel shortage was getting worse.\n"
        "Separately, a drone strike on a market in Ménaka killed 14 people on Sunday, residents said.",
        published="2024-03-12",
    )
    strike = next(e for e in result.events if e.plover_type == "ASSAULT")
    assert [a.sector for a in strike.target_actors] == ["CVL"]


def test_a_state_named_alone_in_any_assault_acts_through_its_military(
    make_doc: Callable[..., Doc],
) -> None:
    # before its actors are known an assault is typed violence against civilians; that
    # says nothing about who fought, so the state still acts through its forces
    text = "Nigeria killed 20 militants in Borno on Sunday."
    doc = matched(make_doc, text).evolve(focus_country="NGA")
    killed = EventMention(
        trigger=span_of(text, "killed"),
        sentence=0,
        typing=Typing(
            "ASSAULT", acled_event_type="Violence against civilians", acled_sub_event_type="Attack"
        ),
        sources=(ActorMention(span_of(text, "Nigeria")),),
    )
    source = ActorResolver(context())(doc.evolve(mentions=(killed,))).mentions[0].sources[0]
    assert source.actor is not None and source.actor.actor_id == "kb:military:NGA"


def test_an_unresolved_protest_source_naming_the_crowd_is_the_protesters(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Supporters of the cleric protested in Baghdad. The bank protested the fine."
    doc = matched(make_doc, text).evolve(focus_country="IRQ")

    def protest(trigger: str, source: str, sentence: int) -> EventMention:
        return EventMention(
            trigger=span_of(text, trigger, 0 if sentence == 0 else 1),
            sentence=sentence,
            typing=Typing("PROTEST", acled_event_type="Protests"),
            sources=(ActorMention(span_of(text, source)),),
        )

    out = ActorResolver(context())(
        doc.evolve(
            mentions=(protest("protested", "Supporters", 0), protest("protested", "The bank", 1))
        )
    )
    crowd, bank = (m.sources[0].actor for m in out.mentions)
    assert crowd is not None and crowd.actor_id == "kb:protesters:IRQ"
    assert bank is not None and bank.sector == "UNK"  # only words for the crowd itself


def test_plain_people_attacked_by_non_state_actors_are_civilians(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Gunmen went from house to house, shooting men. Police shot a man dead."
    doc = matched(make_doc, text).evolve(focus_country="BFA")

    def shooting(trigger: str, source: str, target: Span, sentence: int) -> EventMention:
        return EventMention(
            trigger=span_of(text, trigger),
            sentence=sentence,
            typing=Typing("ASSAULT", acled_event_type="Violence against civilians"),
            sources=(ActorMention(span_of(text, source)),),
            targets=(ActorMention(target),),
        )

    out = ActorResolver(context())(
        doc.evolve(
            mentions=(
                shooting("shooting", "Gunmen", span_of(text, "men", 1), 0),
                shooting("shot", "Police", span_of(text, "a man"), 1),
            )
        )
    )
    men, man = (m.targets[0].actor for m in out.mentions)
    assert men is not None and men.actor_id == "kb:civilians:BFA"
    # the man the police shot may be the attacker: left unresolved
    assert man is not None and man.sector == "UNK"


def test_an_arrest_nobody_is_said_to_make_is_made_by_the_police(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Five journalists were arrested on Monday. Soldiers detained a trader."
    doc = matched(make_doc, text).evolve(focus_country="MLI")

    def arrest(trigger: str, target: str, sentence: int, *sources: str) -> EventMention:
        return EventMention(
            trigger=span_of(text, trigger),
            sentence=sentence,
            typing=Typing(
                "COERCE", plover_mode="arrest", acled_event_type="Strategic developments"
            ),
            sources=tuple(ActorMention(span_of(text, s)) for s in sources),
            targets=(ActorMention(span_of(text, target)),),
        )

    out = ActorResolver(context())(
        doc.evolve(
            mentions=(
                arrest("arrested", "Five journalists", 0),
                arrest("detained", "a trader", 1, "Soldiers"),
            )
        )
    )
    implicit, named = (m.sources for m in out.mentions)
    assert [(s.via, s.actor.actor_id if s.actor else None) for s in implicit] == [
        ("implicit", "kb:police:MLI")
    ]
    assert [s.actor.actor_id if s.actor else None for s in named] == ["kb:military:MLI"]


def test_aircraft_without_a_flag_fly_for_the_last_flagged_aircraft() -> None:
    from kibaru.coder import code_doc

    doc = code_doc(
        "BAMAKO — French warplanes struck Islamist positions near Gao on Friday. "
        "On Sunday, jets bombed camps and fuel depots around Kidal.",
        published="2013-01-15",
    )
    bombed = next(m for m in doc.mentions if doc.span_text(m.trigger) == "bombed")
    assert [a.actor.actor_id for a in bombed.sources if a.actor] == ["kb:military:FRA"]
    alone = code_doc("On Sunday, jets bombed camps around Kidal.", published="2013-01-15")
    bombed = next(m for m in alone.mentions if alone.span_text(m.trigger) == "bombed")
    assert [a.actor.country for a in bombed.sources if a.actor] == [None]


def test_a_curfew_told_without_its_subjects_weighs_on_the_population(
    make_doc: Callable[..., Doc],
) -> None:
    text = "Saudi Arabia extended the curfew on Friday."
    doc = matched(make_doc, text).evolve(focus_country="USA")
    curfew = EventMention(
        trigger=span_of(text, "extended the curfew"),
        sentence=0,
        typing=Typing("COERCE", plover_mode="curfew"),
        sources=(ActorMention(span_of(text, "Saudi Arabia")),),
    )
    target = ActorResolver(context())(doc.evolve(mentions=(curfew,))).mentions[0].targets[0]
    assert target.via == "implicit"
    assert target.actor is not None and target.actor.actor_id == "kb:civilians:SAU"


def test_an_actor_is_not_its_own_target_outside_violence_and_coercion(
    make_doc: Callable[..., Doc],
) -> None:
    # "The Malian army withdrew its troops": the troops are the army's own, not a target;
    # soldiers arresting soldiers (a coup plot) keeps both sides.
    text = "The Malian army withdrew its troops. Malian soldiers arrested Malian soldiers."
    doc = matched(make_doc, text).evolve(focus_country="MLI")
    withdrew = EventMention(
        trigger=span_of(text, "withdrew"), sentence=0, typing=Typing("RETREAT"),
        sources=(ActorMention(span_of(text, "The Malian army")),),
        targets=(ActorMention(span_of(text, "its troops")),),
    )
    arrested = EventMention(
        trigger=span_of(text, "arrested"), sentence=1, typing=Typing("COERCE"),
        sources=(ActorMention(span_of(text, "Malian soldiers")),),
        targets=(ActorMention(span_of(text, "Malian soldiers arrested Malian soldiers")),),
    )
    out = ActorResolver(context())(doc.evolve(mentions=(withdrew, arrested))).mentions
    assert out[0].sources[0].actor is not None and out[0].sources[0].actor.actor_id == "kb:military:MLI"
    assert out[0].targets == ()
    assert [t.actor.actor_id for t in out[1].targets if t.actor] == ["kb:military:MLI"]
