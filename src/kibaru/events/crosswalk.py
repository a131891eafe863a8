"""Apply the ontology crosswalks in data/crosswalk.yaml (PLOVER -> CAMEO, ACLED rules).

The tables are data; this module only evaluates them. ``Crosswalk.load()`` reads the shipped
file; tests may build one from a dict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kibaru import lexicon
from kibaru.errors import ConfigError

__all__ = ["AcledType", "Crosswalk"]

AcledType = tuple[str, str]


@dataclass(frozen=True)
class Crosswalk:
    """The crosswalk tables: ACLED precedence, sector groups, ACLED rules and CAMEO roots."""

    precedence: tuple[AcledType, ...]
    sector_groups: Mapping[str, frozenset[str]]
    rules: Mapping[str, tuple[Mapping[str, Any], ...]]
    cameo: Mapping[str, str]
    cameo_by_mode: Mapping[str, Mapping[str, str]]
    protest_rules: frozenset[str] = frozenset()
    repression_rules: frozenset[str] = frozenset()
    actor_required_types: frozenset[str] = frozenset()
    repression_sources: frozenset[str] = frozenset()
    political_sectors: frozenset[str] = frozenset()
    background_clause_types: frozenset[str] = frozenset()
    setting_types: frozenset[str] = frozenset()
    separate_act_modes: frozenset[str] = frozenset()
    separate_later_modes: frozenset[str] = frozenset()
    elaboration_types: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> Crosswalk:
        """Return the crosswalk shipped in ``kibaru/data/crosswalk.yaml``."""
        return cls.from_data(lexicon.load_shared("crosswalk"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Crosswalk:
        """Return a crosswalk built from the parsed YAML ``data``."""
        try:
            precedence = tuple((str(t), str(s)) for t, s in data["acled_precedence"])
            groups = {k: frozenset(v) for k, v in data["sector_groups"].items()}
            rules = {k: tuple(v) for k, v in data["acled_rules"].items()}
            cameo = {k: str(v) for k, v in data["cameo_root"].items()}
            by_mode = {
                k: {m: str(c) for m, c in v.items()}
                for k, v in (data.get("cameo_root_by_mode") or {}).items()
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"data file kibaru/data/crosswalk.yaml is malformed: {exc}") from exc
        known = set(precedence)
        for name, cases in rules.items():
            for case in cases:
                acled = case.get("acled")
                if acled is not None and tuple(acled) not in known:
                    raise ConfigError(f"crosswalk rule {name!r} names unknown ACLED type {acled!r}")
        return cls(
            precedence,
            groups,
            rules,
            cameo,
            by_mode,
            protest_rules=frozenset(data.get("protest_rules") or ()),
            repression_rules=frozenset(data.get("repression_rules") or ()),
            actor_required_types=frozenset(data.get("actor_required_types") or ()),
            repression_sources=frozenset(
                groups.get(str(data.get("repression_sources")), frozenset())
            ),
            political_sectors=frozenset(data.get("political_sectors") or ()),
            background_clause_types=frozenset(data.get("background_clause_types") or ()),
            setting_types=frozenset(data.get("setting_types") or ()),
            separate_act_modes=frozenset(data.get("separate_act_modes") or ()),
            separate_later_modes=frozenset(data.get("separate_later_modes") or ()),
            elaboration_types=frozenset(data.get("elaboration_types") or ()),
        )

    def cameo_root(self, plover_type: str, mode: str | None) -> str | None:
        """Return the CAMEO root code (``"01"``..``"20"``) of a PLOVER type and mode."""
        if mode and mode in self.cameo_by_mode.get(plover_type, {}):
            return self.cameo_by_mode[plover_type][mode]
        return self.cameo.get(plover_type)

    def rank(self, acled: AcledType | None) -> int:
        """Return the precedence rank of an ACLED type (0 wins; no type ranks last)."""
        if acled is None:
            return len(self.precedence)
        try:
            return self.precedence.index(acled)
        except ValueError:
            return len(self.precedence)

    def acled(
        self,
        rule: str | None,
        *,
        sources: Iterable[str] = (),
        targets: Iterable[str] = (),
        has_place: bool = False,
    ) -> AcledType | None:
        """Return the ACLED (type, sub-type) that ``rule`` gives for these actor sectors."""
        cases = self.rules.get(rule or "none")
        if not cases:
            return None
        source_set, target_set = set(sources), set(targets)
        for case in cases:
            if self._matches(case, source_set, target_set, has_place):
                acled = case.get("acled")
                return (str(acled[0]), str(acled[1])) if acled else None
        return None

    def _group(self, name_or_list: Any) -> frozenset[str]:
        if isinstance(name_or_list, str):
            return self.sector_groups.get(name_or_list, frozenset({name_or_list}))
        return frozenset(name_or_list)

    def _matches(
        self, case: Mapping[str, Any], sources: set[str], targets: set[str], has_place: bool
    ) -> bool:
        if "target" in case and not targets & self._group(case["target"]):
            return False
        if "source" in case and not sources & self._group(case["source"]):
            return False
        if "party" in case and not (sources | targets) & self._group(case["party"]):
            return False
        return not ("place" in case and bool(case["place"]) != has_place)
