"""The crosswalk tables: ACLED precedence, actor-dependent ACLED rules, CAMEO roots."""

from __future__ import annotations

import pytest

from kibaru import lexicon
from kibaru.contract import PLOVER_TYPES, SECTORS
from kibaru.errors import ConfigError
from kibaru.events.crosswalk import Crosswalk


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    return Crosswalk.load()


def test_precedence_lists_acled_six_types_and_25_subtypes_in_codebook_order(
    crosswalk: Crosswalk,
) -> None:
    assert len(crosswalk.precedence) == 25
    assert len({t for t, _ in crosswalk.precedence}) == 6
    assert crosswalk.precedence[0] == ("Battles", "Government regains territory")
    assert crosswalk.precedence[-1] == ("Strategic developments", "Other")
    battle = crosswalk.rank(("Battles", "Armed clash"))
    airstrike = crosswalk.rank(("Explosions/Remote violence", "Air/drone strike"))
    abduction = crosswalk.rank(("Violence against civilians", "Abduction/forced disappearance"))
    attack = crosswalk.rank(("Violence against civilians", "Attack"))
    assert battle < airstrike < attack < abduction < crosswalk.rank(None)


@pytest.mark.parametrize(
    ("rule", "sources", "targets", "expected"),
    [
        ("ground_attack", ["REB"], ["CVL"], ("Violence against civilians", "Attack")),
        ("ground_attack", ["REB"], ["MIL"], ("Battles", "Armed clash")),
        ("ground_attack", ["POL"], ["PRO"], ("Protests", "Excessive force against protesters")),
        ("territory", ["MIL"], ["REB"], ("Battles", "Government regains territory")),
        ("territory", ["REB"], ["MIL"], ("Battles", "Non-state actor overtakes territory")),
        ("air_strike", ["MIL"], ["CVL"], ("Explosions/Remote violence", "Air/drone strike")),
        (
            "abduction",
            ["UNK"],
            ["CVL"],
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("agreement", ["REB"], ["GOV"], ("Strategic developments", "Agreement")),
        ("agreement", ["GOV"], ["GOV"], None),
        ("none", ["GOV"], ["GOV"], None),
    ],
)
def test_acled_type_depends_on_the_actors_sectors(
    crosswalk: Crosswalk,
    rule: str,
    sources: list[str],
    targets: list[str],
    expected: tuple[str, str] | None,
) -> None:
    assert crosswalk.acled(rule, sources=sources, targets=targets) == expected


def test_withdrawal_of_armed_forces_from_a_place_is_a_transfer_of_territory(
    crosswalk: Crosswalk,
) -> None:
    assert crosswalk.acled("withdraw", sources=["MIL"], has_place=True) == (
        "Strategic developments",
        "Non-violent transfer of territory",
    )
    assert crosswalk.acled("withdraw", sources=["MIL"], has_place=False) == (
        "Strategic developments",
        "Change to group/activity",
    )


def test_every_plover_type_has_a_cameo_root_between_01_and_20(crosswalk: Crosswalk) -> None:
    for plover in PLOVER_TYPES:
        root = crosswalk.cameo_root(plover, None)
        assert root is not None and 1 <= int(root) <= 20, plover
    assert crosswalk.cameo_root("ASSAULT", "aerial") == "19"
    assert crosswalk.cameo_root("ASSAULT", "abduct") == "18"


def test_sector_groups_only_name_contract_sectors(crosswalk: Crosswalk) -> None:
    for members in crosswalk.sector_groups.values():
        assert members <= set(SECTORS)


def test_a_rule_naming_an_unknown_acled_type_is_refused() -> None:
    data = dict(lexicon.load_shared("crosswalk"))
    data["acled_rules"] = {"bad": [{"acled": ["Battles", "Dogfight"]}]}
    with pytest.raises(ConfigError, match="unknown ACLED type"):
        Crosswalk.from_data(data)
