"""The English trigger lexicon is well formed and covers every PLOVER type."""

from __future__ import annotations

from collections import Counter

import pytest

from kibaru import lexicon
from kibaru.contract import PLOVER_TYPES
from kibaru.errors import ConfigError
from kibaru.events.crosswalk import Crosswalk
from kibaru.events.typing_rules import compile_rules


def test_every_plover_type_has_triggers() -> None:
    rules = compile_rules(lexicon.load("en", "triggers"), language="en")
    counts = Counter(r.plover_type for r in rules)
    assert set(counts) == set(PLOVER_TYPES)


def test_every_trigger_names_a_known_acled_rule_and_unique_id() -> None:
    rules = compile_rules(lexicon.load("en", "triggers"), language="en")
    known = set(Crosswalk.load().rules)
    assert {r.acled_rule for r in rules} <= known
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    assert all(0 < r.strength <= 1 for r in rules)


def test_a_trigger_with_an_unknown_plover_type_is_refused() -> None:
    data = {"triggers": [{"id": "x", "lemmas": ["fight"], "type": "FIGHT"}]}
    with pytest.raises(ConfigError, match="unknown PLOVER type 'FIGHT'"):
        compile_rules(data, language="en")


def test_a_malformed_trigger_entry_is_refused_with_the_file_named() -> None:
    with pytest.raises(ConfigError, match="triggers.yaml has a bad entry"):
        compile_rules({"triggers": [{"lemmas": ["fight"]}]}, language="en")


def test_no_english_words_are_literals_in_the_event_modules() -> None:
    """Word lists live in data files: the modules hold no trigger or cue words."""
    from pathlib import Path

    from kibaru import events

    package = Path(events.__file__).parent
    words = {
        "airstrike",
        "kill",
        "threaten",
        "would",
        "since",
        "protest",
        "die",
        "of",
        "to",
        "no",
        "leave",
    }
    for module in package.glob("*.py"):
        code = [
            line for line in module.read_text().splitlines() if not line.lstrip().startswith("#")
        ]
        body = "\n".join(code)
        # docstrings quote examples; a literal word list would appear as a quoted string
        for word in words:
            assert f'"{word}"' not in body and f"'{word}'" not in body, (module.name, word)


@pytest.mark.parametrize("name", ["triggers", "modality", "arguments", "aggregates", "prefilter"])
def test_no_word_in_an_event_data_file_is_read_as_a_yaml_boolean(name: str) -> None:
    """YAML 1.1 reads bare on/off/no/yes as booleans; every cue word must stay a string."""

    def scalars(value: object) -> list[object]:
        if isinstance(value, dict):  # keys, and words in the lists below them
            return [
                *value.keys(),
                *(s for v in value.values() if not isinstance(v, bool) for s in scalars(v)),
            ]
        if isinstance(value, list):
            return [s for v in value for s in scalars(v)]
        return [value]

    assert not [s for s in scalars(lexicon.load("en", name)) if isinstance(s, bool)]
