"""Trigger tagging (events.triggers.v1) over the real spaCy model: which words name which
events, merged so that one happening gives one mention."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pytest

from kibaru.articles import make_article
from kibaru.contract import Annotation, Doc, EventMention, Span, Typing
from kibaru.events.tree import SentenceTree
from kibaru.events.triggers import TriggerTagger
from kibaru.events.typing_rules import EventTyper, RuleTyper, TriggerCandidate
from kibaru.nlp.spacy_stage import SpacyParser
from kibaru.pipeline import BuildContext, Pipeline

Analyse = Callable[[str], Doc]


def _types(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [
        (doc.span_text(m.trigger), m.typing.plover_type, m.typing.acled_sub_event_type)
        for m in doc.mentions
    ]


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover", "acled_sub"),
    [
        (
            "Gunmen abducted more than 270 students from a school in Kuriga in March 2024.",
            "abducted",
            "ASSAULT",
            "Abduction/forced disappearance",
        ),
        (
            "The Malian army seized control of Kidal in November 2023.",
            "seized control",
            "ASSAULT",
            "Non-state actor overtakes territory",
        ),
        ("Mali expelled the French ambassador in January 2022.", "expelled", "SANCTION", None),
        (
            "ECOWAS imposed sanctions on Niger after the coup in July 2023.",
            "imposed sanctions",
            "SANCTION",
            None,
        ),
        ("French President Emmanuel Macron visited Gao in May 2017.", "visited", "CONSULT", None),
        (
            "Rebel groups and the government signed a peace agreement in Algiers in 2015.",
            "signed",
            "AGREE",
            None,
        ),
        (
            "Thousands of people protested in Bamako against the sanctions.",
            "protested",
            "PROTEST",
            "Peaceful protest",
        ),
        ("Soldiers detained the president at his residence.", "detained", "COERCE", "Arrests"),
        ("Militants ambushed a convoy near Tillia.", "ambushed", "ASSAULT", "Armed clash"),
        (
            "A roadside bomb exploded near a market.",
            "bomb",
            "ASSAULT",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at a mosque.",
            "suicide bomber",
            "ASSAULT",
            "Suicide bomb",
        ),
        (
            "The army shelled rebel positions overnight.",
            "shelled",
            "ASSAULT",
            "Shelling/artillery/missile attack",
        ),
        ("The junta declared the envoy persona non grata.", "declared", "SANCTION", None),
        ("The government banned a protest march planned for Friday.", "banned", "COERCE", "Other"),
        ("French troops withdrew from Mali in August 2022.", "withdrew", "RETREAT", None),
        ("Russia deployed hundreds of instructors to the country.", "deployed", "MOBILIZE", None),
        ("The opposition accused the junta of rigging the referendum.", "accused", "ACCUSE", None),
        ("The bloc threatened military intervention.", "threatened", "THREATEN", None),
    ],
)
def test_a_trigger_gets_its_plover_and_default_acled_type(
    analyse: Analyse, sentence: str, trigger: str, plover: str, acled_sub: str | None
) -> None:
    doc = analyse(sentence)
    found = [t for t in _types(doc) if trigger in t[0]]
    assert found, _types(doc)
    assert found[0][1:] == (plover, acled_sub)


def test_a_nominal_trigger_that_is_the_subject_of_a_killing_is_one_mention(
    analyse: Analyse,
) -> None:
    doc = analyse("A drone strike killed at least 85 civilians at a gathering in Tudun Biri.")
    assert _types(doc) == [("drone strike", "ASSAULT", "Air/drone strike")]


def test_a_light_verb_attack_and_its_killing_are_one_mention(analyse: Analyse) -> None:
    doc = analyse(
        "Militants carried out an attack on an army post, killing 12 soldiers and wounding five."
    )
    assert [(t[0], t[1]) for t in _types(doc)] == [("attack", "ASSAULT")]


def test_chained_violent_verbs_with_one_subject_are_one_mention(analyse: Analyse) -> None:
    doc = analyse("Fighters stormed the town and killed the mayor.")
    assert [t[0] for t in _types(doc)] == ["stormed"]


def test_two_diplomatic_acts_in_one_sentence_stay_two_mentions(analyse: Analyse) -> None:
    doc = analyse("The council imposed sanctions on the junta and expelled its ambassador.")
    assert [t[1] for t in _types(doc)] == ["SANCTION", "SANCTION"]


def test_a_noun_modifying_another_noun_is_not_an_event(analyse: Analyse) -> None:
    doc = analyse("The army bought two attack helicopters.")
    assert doc.mentions == ()


def test_a_trigger_inside_a_named_work_is_skipped(analyse: Analyse) -> None:
    assert analyse("Weather was calm on Tuesday.").mentions == ()


def test_excluded_sentences_never_produce_mentions(context: BuildContext) -> None:
    text = "Soldiers attacked the village. The author covered the 2012 coup in Mali."
    bio = Span(text.index("The author"), len(text))

    class _WithBio:
        name: ClassVar[str] = "test.bio"
        requires: ClassVar[frozenset[str]] = frozenset()
        provides: ClassVar[frozenset[str]] = frozenset({"text", "annotations", "language"})

        def __call__(self, doc: Doc) -> Doc:
            return doc.evolve(text=text, language="en", annotations=(Annotation("bio", bio),))

    pipeline = Pipeline(stages=[_WithBio(), SpacyParser(context), TriggerTagger(context)])
    doc = pipeline(make_article(text))
    assert [doc.span_text(m.trigger) for m in doc.mentions] == ["attacked"]


class _EveryVerbIsAConsultation:
    """A stand-in for a learned typer: types every verb as CONSULT."""

    def candidates(
        self, doc: Doc, sentence: int, *, tree: SentenceTree | None = None
    ) -> list[TriggerCandidate]:
        assert tree is not None
        return [
            TriggerCandidate(t.i, Span(t.start, t.end), Typing("CONSULT", rule="model"))
            for t in tree
            if t.pos == "VERB"
        ]


def test_the_trigger_stage_uses_whatever_typer_it_is_given(
    context: BuildContext, analyse: Analyse
) -> None:
    typer = _EveryVerbIsAConsultation()
    assert isinstance(typer, EventTyper)
    assert isinstance(RuleTyper(context), EventTyper)
    doc = analyse("Delegates gathered and talked.")
    tagged = TriggerTagger(context, typer=typer)(doc.evolve(mentions=()))
    assert [m.typing.rule for m in tagged.mentions] == ["model", "model"]


def test_the_typer_is_chosen_by_registry_name(context: BuildContext) -> None:
    from dataclasses import replace

    from kibaru import registry
    from kibaru.pipeline import BuildContext as Context

    registry.register("test.typer.every_verb.v1", lambda _context: _EveryVerbIsAConsultation())
    config = replace(context.config, event_typer="test.typer.every_verb.v1")
    tagger = TriggerTagger(Context(config, context.resources, "test"))
    assert isinstance(tagger.typer, _EveryVerbIsAConsultation)


def test_mentions_carry_sentence_index_and_offsets(analyse: Analyse) -> None:
    doc = analyse("Calm returned. Gunmen killed five farmers.")
    (mention,) = doc.mentions
    assert isinstance(mention, EventMention)
    assert mention.sentence == 1
    assert doc.span_text(mention.trigger) == "killed"


@pytest.mark.parametrize(
    "sentence",
    [
        "A fire killed five girls at an escape room.",
        "The crash killed seven passengers.",
        "The former mayor battled cancer for years.",
        "We will keep fighting for free software.",
    ],
)
def test_accidents_illness_and_causes_are_not_violent_events(
    analyse: Analyse, sentence: str
) -> None:
    assert [t for t in _types(analyse(sentence)) if t[1] == "ASSAULT"] == []


def test_a_named_person_attacking_a_named_person_is_criticism(analyse: Analyse) -> None:
    doc = analyse("Joe Biden attacked Donald Trump over his taxes.")
    assert [(t[0], t[1]) for t in _types(doc)] == [("attacked", "ACCUSE")]
