"""The actor knowledge base ships every country, the major groups, organisations and office
holders with dated terms, and user files extend it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from kibaru.config import PipelineConfig
from kibaru.contract import SECTORS
from kibaru.errors import ConfigError
from kibaru.resolve.actor_kb import ActorKB, load_default, load_files


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return load_files()


def names_of(kb: ActorKB, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.entry.record_id, m.entry.kind) for m in kb.index("en").find(text)]


def test_every_iso_country_is_an_actor_with_its_iso3_code(kb: ActorKB) -> None:
    for country in pycountry.countries:
        record = kb.country(country.alpha_3)
        assert record is not None, country.alpha_3
        assert record.country == country.alpha_3 and record.sector == "GOV"
    assert kb.country("RUS") is not None and kb.country("RUS").name == "Russia"  # type: ignore[union-attr]


def test_demonyms_plurals_and_seats_name_their_country(kb: ActorKB) -> None:
    found = names_of(
        kb, "Burkinabè and Nigerien officials met Malians in Ouagadougou; the Kremlin and "
        "Washington replied, as did Abuja."
    )
    assert ("Burkinabè", "kb:country:BFA", "demonym") in found
    assert ("Nigerien", "kb:country:NER", "demonym") in found
    assert ("Malians", "kb:country:MLI", "people") in found
    assert ("Ouagadougou", "kb:country:BFA", "metonym") in found
    assert ("the Kremlin", "kb:country:RUS", "metonym") in found
    assert ("Washington", "kb:country:USA", "metonym") in found
    assert ("Abuja", "kb:country:NGA", "metonym") in found


@pytest.mark.parametrize(
    ("alias", "actor_id"),
    [
        ("JNIM", "kb:group:jnim"),
        ("ISGS", "kb:group:is-sahel"),
        ("Islamic State in the Greater Sahara", "kb:group:is-sahel"),
        ("Ansarul Islam", "kb:group:ansarul-islam"),
        ("Katiba Macina", "kb:group:katiba-macina"),
        ("MNLA", "kb:group:mnla"),
        ("the Platform", "kb:group:platform"),
        ("GATIA", "kb:group:gatia"),
        ("Dan Na Ambassagou", "kb:group:dan-na-ambassagou"),
        ("Koglweogo", "kb:group:koglweogo"),
        ("VDP", "kb:group:vdp"),
        ("Wagner Group", "kb:group:wagner"),
        ("Africa Corps", "kb:group:africa-corps"),
        ("Boko Haram", "kb:group:boko-haram"),
        ("ISWAP", "kb:group:iswap"),
        ("al-Shabaab", "kb:group:al-shabaab"),
        ("Houthis", "kb:group:houthis"),
        ("Hezbollah", "kb:group:hezbollah"),
        ("Daesh", "kb:group:islamic-state"),
        ("Rapid Support Forces", "kb:group:rsf"),
        ("M23", "kb:group:m23"),
        ("Tatmadaw", "kb:group:tatmadaw"),
        ("MINUSMA", "kb:igo:minusma"),
        ("Ecowas", "kb:igo:ecowas"),
        ("ATMIS", "kb:igo:atmis"),
        ("Barkhane", "kb:mission:barkhane"),
        ("Doctors Without Borders", "kb:ngo:msf"),
        ("G5 Sahel", "kb:igo:g5-sahel"),
    ],
)
def test_major_groups_and_organisations_are_known_by_their_aliases(
    kb: ActorKB, alias: str, actor_id: str
) -> None:
    assert names_of(kb, f"A statement by {alias} on Tuesday.")[0][:2] == (alias, actor_id)


def test_records_use_only_contract_sectors_and_acled_inter_codes(kb: ActorKB) -> None:
    for record in kb:
        assert record.id.startswith("kb:")
        assert record.sector in SECTORS, record.id
        assert record.inter is None or 1 <= record.inter <= 8, record.id
        assert record.external_id is None  # left empty for users, never guessed


def test_office_holders_change_sector_with_their_terms(kb: ActorKB) -> None:
    bazoum = kb.get("kb:person:bazoum")
    assert bazoum is not None
    assert bazoum.sector_at(dt.date(2022, 6, 1)) == "GOV"
    assert bazoum.sector_at(dt.date(2024, 6, 1)) != "GOV"
    goita = kb.get("kb:person:assimi-goita")
    assert goita is not None and goita.country == "MLI"
    assert goita.term_at(dt.date(2023, 2, 10)).role == "president"  # type: ignore[union-attr]
    taliban = kb.get("kb:group:taliban")
    assert taliban is not None
    assert (taliban.sector_at(dt.date(2020, 1, 1)), taliban.inter_at(dt.date(2020, 1, 1))) == ("REB", 2)
    assert (taliban.sector_at(dt.date(2022, 1, 1)), taliban.inter_at(dt.date(2022, 1, 1))) == ("GOV", 1)


def test_leaders_of_the_sahel_and_major_powers_are_known(kb: ActorKB) -> None:
    found = names_of(
        kb, "Assimi Goïta, Ibrahim Traoré, Abdourahamane Tiani, Mohamed Bazoum, Vladimir Putin, "
        "Emmanuel Macron, Bola Tinubu, Muhammadu Buhari, Volodymyr Zelensky and Abdoulaye Diop."
    )
    countries = {kb.get(actor_id).country for _, actor_id, _ in found}  # type: ignore[union-attr]
    assert len(found) == 10
    assert countries == {"MLI", "BFA", "NER", "RUS", "FRA", "NGA", "UKR"}


def test_a_user_file_adds_actors_and_names_to_the_kb(tmp_path: Path) -> None:
    user = tmp_path / "my_actors.yaml"
    user.write_text(
        "- {id: 'kb:group:katiba-serma', name: Katiba Serma, kind: group, country: MLI,\n"
        "   sector: REB, aliases: {en: [Katiba Serma, Serma brigade]}}\n"
        "- {id: 'kb:country:MLI', extend: true, aliases: {en: [Malian Republic]}}\n",
        encoding="utf-8",
    )
    kb = load_default(PipelineConfig(actor_files=(user,), cache_dir=tmp_path / "cache"))
    record = kb.get("kb:group:katiba-serma")
    assert record is not None and (record.country, record.sector, record.inter) == ("MLI", "REB", 2)
    found = names_of(kb, "The Serma brigade attacked the Malian Republic.")
    assert [f[1] for f in found] == ["kb:group:katiba-serma", "kb:country:MLI"]
    assert kb.country("MLI").name == "Mali"  # type: ignore[union-attr]


def test_the_compiled_kb_is_cached_on_disk_and_rebuilt_when_a_file_changes(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("- {id: 'kb:group:one', name: One Group, sector: REB}\n", encoding="utf-8")
    config = PipelineConfig(actor_files=(user,), cache_dir=tmp_path / "cache")
    first = load_default(config)
    cached = list((tmp_path / "cache" / "actors").glob("kb-*.pickle"))
    assert len(cached) == 1 and "kb:group:one" in first
    assert "kb:group:one" in load_default(config)
    user.write_text("- {id: 'kb:group:two', name: Two Group, sector: REB}\n", encoding="utf-8")
    second = load_default(config)
    assert "kb:group:two" in second and "kb:group:one" not in second
    assert list((tmp_path / "cache" / "actors").glob("kb-*.pickle")) != cached


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- {id: 'kb:group:x', name: X, sector: ARMY}\n", "sector 'ARMY'"),
        ("- {name: X}\n", "needs a string 'id'"),
        ("- {id: 'kb:group:x', name: X, sector: REB, inter: 12}\n", "inter must be 1-8"),
        ("- {id: 'kb:nobody', extend: true, aliases: [Y]}\n", "unknown actor"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_a_bad_user_file_is_a_config_error_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as err:
        load_files([user])
    assert "bad.yaml" in str(err.value)


def test_a_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_files([tmp_path / "absent.yaml"])


def test_every_role_has_english_words_and_every_word_list_names_a_role(kb: ActorKB) -> None:

    from kibaru import lexicon

    roles = {r.id for r in kb if r.kind == "role"}
    assert all(kb.get(r) is not None and kb.get(r).names("en") for r in roles)  # type: ignore[union-attr]
    words = lexicon.load("en", "actor_roles")
    assert {f"kb:role:{key}" for key in words} == roles
    countries = lexicon.load("en", "countries")
    assert all(kb.country(iso3) is not None for iso3 in countries)


def test_a_leader_deposed_in_the_week_before_publication_is_still_coded_in_office(
    kb: ActorKB,
) -> None:
    bazoum = kb.get("kb:person:bazoum")
    assert bazoum is not None
    assert bazoum.sector_at(dt.date(2023, 7, 28)) == "GOV"  # the coup report
    assert bazoum.sector_at(dt.date(2023, 8, 10)) == "OPP"
