"""Arguments (events.arguments.v1): actors, places, times and casualty phrases."""

from __future__ import annotations

from collections.abc import Callable

from kibaru.contract import Doc, EventMention

Analyse = Callable[[str], Doc]
MentionAt = Callable[[Doc, str], EventMention]


def _texts(doc: Doc, items: tuple) -> list[str]:  # type: ignore[type-arg]
    return [doc.span_text(item.span if hasattr(item, "span") else item) for item in items]


def test_subject_and_object_are_source_and_target(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("Jihadist fighters ambushed Malian soldiers near Boni on Sunday.")
    mention = mention_at(doc, "ambushed")
    assert _texts(doc, mention.sources) == ["Jihadist fighters"]
    assert _texts(doc, mention.targets) == ["Malian soldiers"]


def test_passive_agents_are_sources_one_per_coordinated_actor(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "The rebels seized the north in 2012 before being chased from the towns by "
        "French, Chadian and Malian forces a year later."
    )
    chased = mention_at(doc, "chased")
    assert _texts(doc, chased.sources) == ["French", "Chadian", "Malian forces"]
    assert _texts(doc, chased.targets) == ["rebels"]


def test_noun_phrase_keeps_titles_and_nationality(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("French President Emmanuel Macron visited troops in Gao in May 2017.")
    visit = mention_at(doc, "visited")
    assert _texts(doc, visit.sources) == ["French President Emmanuel Macron"]


def test_possessor_and_nationality_adjective_of_a_nominal_trigger_are_sources(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("Macron's visit to Gao lasted a day.")
    assert _texts(doc, mention_at(doc, "visit").sources) == ["Macron"]
    doc = analyse("A Nigerian army drone strike killed at least 85 civilians in Tudun Biri.")
    strike = mention_at(doc, "drone strike")
    assert _texts(doc, strike.sources) == ["Nigerian army"]
    assert _texts(doc, strike.targets) == ["civilians"]
    assert _texts(doc, strike.fatality_spans) == ["at least 85 civilians"]


def test_pronoun_points_back_to_the_nearest_compatible_actor(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "The Nigerian army said the strike was a mistake. Later, it arrested two "
        "officers in Kaduna."
    )
    arrest = mention_at(doc, "arrested")
    (source,) = arrest.sources
    assert source.via == "coref"
    assert doc.span_text(source.span) == "Nigerian army"


def test_the_group_points_back_to_a_named_group(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("Boko Haram fighters raided a village in Borno. The group abducted ten girls.")
    abducted = mention_at(doc, "abducted")
    assert [a.via for a in abducted.sources] == ["coref"]
    assert "Boko Haram" in doc.span_text(abducted.sources[0].span)


def test_relative_clause_subject_is_the_modified_noun(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("The regional bloc, which imposed sanctions on Mali, met in Accra.")
    sanctions = mention_at(doc, "imposed")
    assert _texts(doc, sanctions.sources) == ["regional bloc"]
    assert _texts(doc, sanctions.targets) == ["Mali"]


def test_places_keep_their_relation_and_from_is_not_a_location(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("Troops from Gao attacked rebel positions near Anefis on Tuesday.")
    attack = mention_at(doc, "attacked")
    places = {doc.span_text(p.span): p.relation for p in attack.places}
    assert places.get("Anefis") == "near"
    assert "Gao" not in places or places["Gao"] == "from"


def test_a_place_that_is_the_object_of_the_verb_is_where_it_happened(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("Islamist fighters stormed Timbuktu at dawn.")
    storm = mention_at(doc, "stormed")
    assert [(doc.span_text(p.span), p.relation) for p in storm.places] == [("Timbuktu", "in")]
    assert storm.targets == ()


def test_time_expressions_attached_to_the_event(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("On Feb. 6-7, the minister visited Niamey.")
    assert _texts(doc, mention_at(doc, "visited").times) == ["On Feb. 6-7"]
    doc = analyse("Gunmen killed four traders last week, the police said on Tuesday.")
    assert _texts(doc, mention_at(doc, "killed").times) == ["last week"]


def test_killed_and_wounded_counts_are_separate_spans(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("Militants attacked an army post, killing 12 soldiers and wounding five.")
    attack = mention_at(doc, "attacked")
    assert _texts(doc, attack.fatality_spans) == ["12 soldiers"]
    assert _texts(doc, attack.injury_spans) == ["five"]


def test_result_phrasing_counts_dead_and_injured(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("The clashes left 20 dead and dozens injured.")
    clashes = mention_at(doc, "clashes")
    assert _texts(doc, clashes.fatality_spans) == ["20"]
    assert _texts(doc, clashes.injury_spans) == ["dozens"]


def test_quantified_victims_keep_the_of_phrase(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("An air strike killed dozens of people attending a wedding.")
    strike = mention_at(doc, "air strike")
    assert _texts(doc, strike.fatality_spans) == ["dozens of people"]
    assert _texts(doc, strike.targets) == ["people"]


def test_a_negated_count_is_not_a_casualty(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("Gunmen attacked the convoy but no one was killed.")
    assert mention_at(doc, "attacked").fatality_spans == ()


def test_the_village_attacked_is_a_place_and_the_killed_are_the_targets(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "At least 40 civilians were killed when gunmen attacked the village of "
        "Seytenga in northern Burkina Faso on June 11."
    )
    attack = mention_at(doc, "attacked")
    assert _texts(doc, attack.sources) == ["gunmen"]
    assert _texts(doc, attack.targets) == ["civilians"]
    assert next(doc.span_text(p.span) for p in attack.places) == "Seytenga"
    assert _texts(doc, attack.fatality_spans) == ["At least 40 civilians"]
    assert _texts(doc, attack.times) == ["on June 11"]


def test_a_participle_modifier_gives_the_head_noun_not_the_backers(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "Malian special forces, backed by French and American troops, attacked jihadists "
        "near Gao on Friday."
    )
    attacked = mention_at(doc, "attacked")
    assert _texts(doc, attacked.sources) == ["Malian special forces"]
    doc = analyse("Burkinabe troops, supported by French special forces, ended the siege.")
    supported = mention_at(doc, "supported")
    assert _texts(doc, supported.sources) == ["French special forces"]
    assert _texts(doc, supported.targets) == ["Burkinabe troops"]


def test_things_weekdays_and_news_outlets_are_not_actors(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse("Fighters looted shops, homes and vehicles in the market town on Tuesday.")
    looted = mention_at(doc, "looted")
    assert _texts(doc, looted.sources) == ["Fighters"]
    assert _texts(doc, looted.targets) == []


def test_a_subject_pronoun_points_to_the_attackers_not_their_counted_victims(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "Militants attacked two villages in the east on Saturday, killing more than 70 "
        "people, according to officials. They took scores of hostages."
    )
    took = mention_at(doc, "took")
    assert _texts(doc, took.sources) == ["Militants"]


def test_the_rebels_point_back_to_rebels_not_to_the_government_quoted(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "Tuareg rebels attacked the town of Menaka on Tuesday, the government in Bamako said. "
        "The rebels struck garrisons in Tessalit the following day."
    )
    struck = mention_at(doc, "struck")
    assert _texts(doc, struck.sources) == ["Tuareg rebels"]


def test_a_place_of_arrest_is_not_a_target(analyse: Analyse, mention_at: MentionAt) -> None:
    doc = analyse("Police arrested Alexei Navalny at a Moscow airport on Sunday.")
    arrested = mention_at(doc, "arrested")
    assert _texts(doc, arrested.targets) == ["Alexei Navalny"]


def test_a_threat_targets_the_named_subject_of_the_reported_clause(
    analyse: Analyse, mention_at: MentionAt
) -> None:
    doc = analyse(
        "A rebel spokesman warned on Monday that Nigeria had crossed a red line and would pay "
        "for the raids."
    )
    warned = mention_at(doc, "warned")
    assert _texts(doc, warned.targets) == ["Nigeria"]
    doc = analyse("The junta warned that it would expel the ambassador.")
    assert _texts(doc, mention_at(doc, "warned").targets) == []
