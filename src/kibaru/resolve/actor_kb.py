"""Load the actor knowledge base: countries, organisations, groups, people and generic roles.

The shipped data (docs/actors.md, src/kibaru/data/actors/README.md) is split in two:

- ``data/actors/*.yaml``: language-independent records (id, canonical name, kind, country,
  sector, ACLED inter code, external id, dated terms) with their names per language under
  ``aliases: {en: [...]}`` (and ``demonyms``/``metonyms`` for countries);
- ``data/<lang>/countries.yaml`` (demonyms, capitals and seats used as metonyms, extra names
  per ISO3 code) and ``data/<lang>/actor_roles.yaml`` (the words for each generic role).

User files (``PipelineConfig.actor_files``, ``--actors my_actors.yaml``) hold records in the
same format. A user record with a new id adds an actor; one with an existing id replaces it;
one with ``extend: true`` adds its names to the existing record. The compiled knowledge base
is cached on disk (a pickle keyed by the content of every file read) under
``config.cache_dir``, so a cold start skips parsing YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import pickle
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kibaru.contract import ACLED_INTER_BY_SECTOR, SECTORS, Actor, Span
from kibaru.errors import ConfigError
from kibaru.resolve.alias_index import AliasIndex, normalise_token, tokenize
from kibaru.version import __version__

if TYPE_CHECKING:
    from kibaru.config import PipelineConfig

__all__ = [
    "ActorKB",
    "ActorRecord",
    "Alias",
    "Term",
    "load_default",
    "load_files",
    "parse_record",
]

log = logging.getLogger(__name__)

KINDS = ("country", "igo", "mission", "ngo", "group", "military", "person", "role")
_RECORD_FILES = ("countries", "organisations", "groups", "people", "roles")
_NAME_KINDS = ("aliases", "demonyms", "metonyms")
_CACHE_FORMAT = 2
_REPORTING_LAG_DAYS = 7

try:  # libyaml's parser is several times faster; PyYAML falls back to pure Python
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Term:
    """A dated period in which a record holds ``role`` with ``sector`` (``None`` = open)."""

    role: str
    sector: str
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None

    def covers(self, day: dt.date) -> bool:
        """Return whether ``day`` falls inside this term (start inclusive, end exclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of a record in one language; ``kind`` is ``name``, ``demonym`` (the
    adjective, "Malian"), ``people`` (the plural noun, "Malians"), ``metonym`` or ``role``."""

    text: str
    language: str
    kind: str = "name"


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One actor of the knowledge base (or one generic role, ``kind == 'role'``)."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str
    inter: int | None
    aliases: tuple[Alias, ...] = ()
    external_id: str | None = None
    terms: tuple[Term, ...] = ()
    name_template: str | None = None
    """Roles: the canonical name with ``{country}``, e.g. "Military Forces of {country}"."""
    bare_name: str | None = None
    """Roles: the canonical name when no country is known."""
    id_template: str | None = None
    """Roles: the actor id with ``{iso3}``, e.g. "kb:military:{iso3}"."""
    country_mode: str = "context"
    """Roles: ``context`` (mention, else focus country) or ``explicit`` (mention only)."""
    weak: bool = False
    """Roles: another role in the same mention wins ("army spokesman" is the army)."""
    anonymous: bool = False
    """Roles: unnamed perpetrators ("gunmen", "militants") whom a group's claim of
    responsibility elsewhere in the article identifies."""
    origin: str = ""

    def term_at(self, day: dt.date | None) -> Term | None:
        """Return the term covering ``day`` (the latest-starting one), else one that ended
        in the week before it: news dated ``day`` reports the last days' events, so a
        president deposed yesterday is coded as the president in today's coup report."""
        if day is None:
            return None
        covering = [t for t in self.terms if t.covers(day)]
        if not covering:
            week = day - dt.timedelta(days=_REPORTING_LAG_DAYS)
            covering = [t for t in self.terms if t.end is not None and week < t.end <= day]
        return max(covering, key=lambda t: t.start or dt.date.min) if covering else None

    def sector_at(self, day: dt.date | None) -> str:
        """Return the record's sector on ``day`` (a term's sector overrides the base one)."""
        term = self.term_at(day)
        return term.sector if term else self.sector

    def country_at(self, day: dt.date | None) -> str | None:
        """Return the record's country on ``day``."""
        term = self.term_at(day)
        return term.country if term and term.country else self.country

    def inter_at(self, day: dt.date | None) -> int | None:
        """Return the ACLED inter code on ``day``: explicit, else the sector's default."""
        term = self.term_at(day)
        if term is not None and term.sector != self.sector:
            return ACLED_INTER_BY_SECTOR.get(term.sector)
        return self.inter

    def actor(self, *, text: str, span: Span | None, day: dt.date | None) -> Actor:
        """Return the contract ``Actor`` this record is on ``day``, as written by ``text``."""
        return Actor(text=text, name=self.name, country=self.country_at(day),
                     sector=self.sector_at(day), acled_inter=self.inter_at(day),
                     actor_id=self.id, external_id=self.external_id, span=span)

    def names(self, language: str) -> tuple[Alias, ...]:
        """Return this record's names in ``language``."""
        return tuple(a for a in self.aliases if a.language == language)


@dataclass
class ActorKB:
    """The actor knowledge base: records by id plus a name index per language."""

    records: dict[str, ActorRecord]
    _indexes: dict[str, AliasIndex] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[ActorRecord]:
        return iter(self.records.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.records

    def get(self, actor_id: str) -> ActorRecord | None:
        """Return the record with ``actor_id``."""
        return self.records.get(actor_id)

    def country(self, iso3: str) -> ActorRecord | None:
        """Return the country record for ISO 3166-1 alpha-3 ``iso3``."""
        return self.records.get(f"kb:country:{iso3}")

    def country_name(self, iso3: str) -> str:
        """Return the short name of country ``iso3`` (the code itself when unknown)."""
        record = self.country(iso3)
        return record.name if record else iso3

    def index(self, language: str) -> AliasIndex:
        """Return the name index for ``language`` (built once, then kept)."""
        if language not in self._indexes:
            index = AliasIndex()
            for record in self.records.values():
                for alias in record.names(language):
                    index.add(alias.text, record.id, alias.kind)
            self._indexes[language] = index
        return self._indexes[language]

    def anonymous_roles(self) -> tuple[ActorRecord, ...]:
        """Return the roles of unnamed perpetrators ("gunmen", "militants")."""
        return tuple(r for r in self.records.values() if r.kind == "role" and r.anonymous)

    def alias_kind(self, record_id: str, surface: str) -> str | None:
        """Return the kind of the name of ``record_id`` written ``surface`` in the text
        (``name``, ``demonym``, ``people``, ``metonym``, ``role``), or None."""
        record = self.records.get(record_id)
        if record is None:
            return None
        key = _key(surface)
        for alias in record.aliases:
            if _key(alias.text) == key:
                return alias.kind
        return None

    def languages(self) -> tuple[str, ...]:
        """Return the languages that have names in the knowledge base, sorted."""
        return tuple(sorted({a.language for r in self.records.values() for a in r.aliases}))

    def counts(self) -> dict[str, int]:
        """Return the number of records per kind (for docs and reports)."""
        out: dict[str, int] = {}
        for record in self.records.values():
            out[record.kind] = out.get(record.kind, 0) + 1
        return dict(sorted(out.items()))


def _key(text: str) -> tuple[str, ...]:
    return tuple(normalise_token(t) for _, _, t in tokenize(text))


# --- parsing ---------------------------------------------------------------------------


def _date(value: Any, *, origin: str, actor_id: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{origin}: actor {actor_id}: bad date {value!r}") from exc


def _names(value: Any, kind: str, *, origin: str, actor_id: str) -> list[Alias]:
    if value is None:
        return []
    if isinstance(value, list):  # a bare list is English
        value = {"en": value}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{origin}: actor {actor_id}: names must be a list or {{lang: [...]}}")
    out: list[Alias] = []
    for language, names in value.items():
        if names is not None and not isinstance(names, list):
            raise ConfigError(f"{origin}: actor {actor_id}: names of {language!r} must be a list")
        for name in names or []:
            if not isinstance(name, str) or not name.strip():
                raise ConfigError(f"{origin}: actor {actor_id}: bad name {name!r}")
            out.append(Alias(name.strip(), str(language), kind))
    return out


def parse_record(raw: Mapping[str, Any], *, origin: str) -> ActorRecord:
    """Return the record a YAML mapping describes; raise ConfigError naming ``origin``."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        raise ConfigError(f"{origin}: every actor needs a string 'id' (got {raw!r:.80})")
    actor_id = raw["id"]
    kind_names = {"aliases": "name", "demonyms": "demonym", "metonyms": "metonym"}
    kind = str(raw.get("kind", "group"))
    aliases: list[Alias] = []
    for key in _NAME_KINDS:
        name_kind = "role" if kind == "role" and key == "aliases" else kind_names[key]
        aliases += _names(raw.get(key), name_kind, origin=origin, actor_id=actor_id)
    if raw.get("extend"):
        # a partial record: only its names are used (merged by ActorKB building)
        return ActorRecord(actor_id, "", "extend", None, "UNK", None, tuple(aliases), origin=origin)
    if kind not in KINDS:
        raise ConfigError(f"{origin}: actor {actor_id}: kind {kind!r} is not one of {KINDS}")
    sector = str(raw.get("sector", "UNK"))
    if sector not in SECTORS:
        raise ConfigError(f"{origin}: actor {actor_id}: sector {sector!r} is not one of {SECTORS}")
    inter = raw.get("inter", ACLED_INTER_BY_SECTOR.get(sector))
    if inter is not None and inter not in range(1, 9):
        raise ConfigError(f"{origin}: actor {actor_id}: inter must be 1-8 (got {inter!r})")
    name = raw.get("name") or raw.get("bare_name") or (aliases[0].text if aliases else None)
    if not name:
        raise ConfigError(f"{origin}: actor {actor_id}: no name")
    terms = []
    listed = raw.get("terms") or []
    if not isinstance(listed, list) or not all(isinstance(t, Mapping) for t in listed):
        raise ConfigError(f"{origin}: actor {actor_id}: terms must be a list of mappings")
    for term in listed:
        term_sector = str(term.get("sector", sector))
        if term_sector not in SECTORS:
            raise ConfigError(f"{origin}: actor {actor_id}: term sector {term_sector!r} unknown")
        terms.append(
            Term(
                role=str(term.get("role", "")),
                sector=term_sector,
                start=_date(term.get("start"), origin=origin, actor_id=actor_id),
                end=_date(term.get("end"), origin=origin, actor_id=actor_id),
                country=term.get("country"),
            )
        )
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 3):
        raise ConfigError(f"{origin}: actor {actor_id}: country must be ISO3 or null")
    return ActorRecord(
        id=actor_id,
        name=str(name),
        kind=kind,
        country=country,
        sector=sector,
        inter=inter,
        aliases=tuple(aliases),
        external_id=raw.get("external_id") or None,
        terms=tuple(terms),
        name_template=raw.get("name") if kind == "role" else None,
        bare_name=raw.get("bare_name"),
        id_template=raw.get("actor_id"),
        country_mode=str(raw.get("country_mode", raw.get("country_from", "context"))),
        weak=bool(raw.get("weak", False)),
        anonymous=bool(raw.get("anonymous", False)),
        origin=origin,
    )


def _read_yaml(text: str, *, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{origin}: not valid YAML: {exc}") from exc


def _records_in(data: Any, *, origin: str) -> list[Mapping[str, Any]]:
    if data is None:
        return []
    if isinstance(data, Mapping) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise ConfigError(f"{origin}: expected a list of actors (or {{actors: [...]}})")
    return data


def _role_record(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    # roles.yaml uses ``country`` for the country mode, not a country code
    out = {k: v for k, v in raw.items() if k != "country"}
    out.setdefault("kind", "role")
    out["country_mode"] = raw.get("country", "context")
    return out


def _plural(demonym: str) -> str | None:
    """Return the plural noun of a demonym ("Malian" -> "Malians"), or None if it has none
    distinct in English ("French", "Chinese", "Swiss")."""
    lowered = demonym.lower()
    if lowered.endswith(("ese", "ch", "sh", "ss", "men", "y", "o")):
        return None
    if lowered.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


def _language_names(language: str, texts: Mapping[str, str]) -> dict[str, list[Alias]]:
    """Return extra names per record id from data/<language>/{countries,actor_roles}.yaml."""
    out: dict[str, list[Alias]] = {}
    countries = _read_yaml(texts.get("countries", ""), origin=f"data/{language}/countries.yaml")
    for iso3, entry in (countries or {}).items():
        names = out.setdefault(f"kb:country:{iso3}", [])
        for name in entry.get("aliases") or []:
            names.append(Alias(name, language, "name"))
        for name in entry.get("metonyms") or []:
            names.append(Alias(name, language, "metonym"))
        for name in entry.get("demonyms") or []:
            names.append(Alias(name, language, "demonym"))
            plural = _plural(name)
            if plural:
                names.append(Alias(plural, language, "people"))
    roles = _read_yaml(texts.get("actor_roles", ""), origin=f"data/{language}/actor_roles.yaml")
    for role, words in (roles or {}).items():
        out.setdefault(f"kb:role:{role}", []).extend(Alias(w, language, "role") for w in words)
    return out


def build_kb(
    sources: Sequence[tuple[str, str]], *, language_sources: Mapping[str, Mapping[str, str]]
) -> ActorKB:
    """Build a knowledge base from ``(origin, yaml text)`` record files, in order (later
    files replace or extend earlier records), plus per-language name files."""
    records: dict[str, ActorRecord] = {}
    for origin, text in sources:
        for raw in _records_in(_read_yaml(text, origin=origin), origin=origin):
            if origin.endswith("roles.yaml") and "kb:role:" in str(raw.get("id", "")):
                raw = _role_record(raw)
            record = parse_record(raw, origin=origin)
            if record.kind == "extend":
                base = records.get(record.id)
                if base is None:
                    raise ConfigError(f"{origin}: 'extend' names unknown actor {record.id!r}")
                records[record.id] = replace(base, aliases=base.aliases + record.aliases)
            else:
                records[record.id] = record
    for language, texts in language_sources.items():
        for record_id, names in _language_names(language, texts).items():
            base = records.get(record_id)
            if base is None:
                log.warning("data/%s names unknown actor %s; ignored", language, record_id)
                continue
            records[record_id] = replace(base, aliases=base.aliases + tuple(names))
    return ActorKB(records)


# --- loading, with an on-disk cache ------------------------------------------------------


def _shipped_sources() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    data = files("kibaru") / "data"
    sources = []
    for name in _RECORD_FILES:
        resource = data / "actors" / f"{name}.yaml"
        sources.append((f"data/actors/{name}.yaml", resource.read_text(encoding="utf-8")))
    languages: dict[str, dict[str, str]] = {}
    for folder in sorted(data.iterdir(), key=lambda p: p.name):
        if not folder.is_dir() or folder.name == "actors" or len(folder.name) > 3:
            continue
        texts = {}
        for name in ("countries", "actor_roles"):
            resource = folder / f"{name}.yaml"
            if resource.is_file():
                texts[name] = resource.read_text(encoding="utf-8")
        if texts:
            languages[folder.name] = texts
    return sources, languages


def _user_sources(paths: Iterable[Path]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        try:
            out.append((str(path), Path(path).read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: actors file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: actors file cannot be read: {exc}") from exc
    return out


def load_files(
    paths: Iterable[Path] = (), *, include_shipped: bool = True
) -> ActorKB:
    """Build a knowledge base from the shipped data (unless excluded) and ``paths``."""
    sources, languages = _shipped_sources() if include_shipped else ([], {})
    return build_kb([*sources, *_user_sources(paths)], language_sources=languages)


def _cache_key(sources: Sequence[tuple[str, str]], languages: Mapping[str, Mapping[str, str]]) -> str:
    digest = hashlib.sha256(f"{__version__}:{_CACHE_FORMAT}".encode())
    for origin, text in sources:
        digest.update(origin.encode() + b"\0" + text.encode() + b"\0")
    for language in sorted(languages):
        for name, text in sorted(languages[language].items()):
            digest.update(f"{language}/{name}".encode() + b"\0" + text.encode() + b"\0")
    return digest.hexdigest()[:20]


def load_default(config: PipelineConfig) -> ActorKB:
    """Return the shipped knowledge base plus ``config.actor_files``, from the disk cache
    when every file is unchanged (the cache holds the records and the built name indexes)."""
    shipped, languages = _shipped_sources()
    sources = [*shipped, *_user_sources(config.actor_files)]
    key = _cache_key(sources, languages)
    cache = Path(config.cache_dir) / "actors" / f"kb-{key}.pickle"
    if cache.is_file():
        try:
            with cache.open("rb") as handle:
                kb = pickle.load(handle)
            if isinstance(kb, ActorKB):
                return kb
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as exc:
            log.warning("actor KB cache %s unreadable (%s); rebuilding", cache, exc)
    kb = build_kb(sources, language_sources=languages)
    for language in kb.languages():
        kb.index(language)
    _write_cache(cache, kb)
    return kb


def _write_cache(cache: Path, kb: ActorKB) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp")
        with partial.open("wb") as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cache)  # atomic: a concurrent reader never sees half a file
        for old in cache.parent.glob("kb-*.pickle"):
            if old != cache:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache folder only costs speed
        log.warning("cannot write actor KB cache %s: %s", cache, exc)
