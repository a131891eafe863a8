"""A person named in full is then named by surname alone; the matcher follows that."""

from __future__ import annotations

from collections.abc import Callable

from tests.resolve.actor_helpers import matched

from kibaru.contract import Doc


def _people(doc: Doc) -> list[tuple[str, str | None]]:
    return [
        (doc.span_text(e.span), e.kb_id)
        for e in doc.entities
        if e.source == "kb" and (e.kb_id or "").startswith("kb:person:")
    ]


def test_a_surname_after_the_full_name_is_the_same_person(make_doc: Callable[..., Doc]) -> None:
    doc = matched(
        make_doc,
        "Soumaïla Cissé arrived in Bamako on Thursday. Cissé was kidnapped in March. "
        "Cissé's party welcomed him.",
    )
    assert _people(doc) == [
        ("Soumaïla Cissé", "kb:person:soumaila-cisse"),
        ("Cissé", "kb:person:soumaila-cisse"),
        ("Cissé", "kb:person:soumaila-cisse"),
    ]


def test_a_surname_before_the_full_name_or_after_another_given_name_is_not_matched(
    make_doc: Callable[..., Doc],
) -> None:
    doc = matched(
        make_doc,
        "Cissé spoke first. Soumaïla Cissé arrived in Bamako. Later Ibrahim Cissé, a trader, "
        "and Mr. Cissé met.",
    )
    assert _people(doc) == [
        ("Soumaïla Cissé", "kb:person:soumaila-cisse"),
        ("Cissé", "kb:person:soumaila-cisse"),  # after a title: the same man
    ]
