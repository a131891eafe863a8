"""Keep the one registry of pipeline components, by versioned name.

Built-in components are listed here as ``"module:attribute"`` strings and imported only when
asked for, so importing Kibaru loads nothing and stage modules never import each other
through the registry. Plugins register the same way: an entry point in the
``kibaru.components`` group whose value is ``"module:attribute"``, or a call to
:func:`register`. A component is a factory ``(context: BuildContext) -> Stage``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from kibaru.errors import UnknownComponentError

if TYPE_CHECKING:
    from kibaru.pipeline import BuildContext
    from kibaru.stage import Stage

__all__ = ["BUILTIN", "Factory", "names", "register", "resolve"]

Factory = Callable[["BuildContext"], "Stage"]

BUILTIN: dict[str, str] = {
    "clean.text.v1": "kibaru.clean.text:TextCleaner",
    "clean.structure.v1": "kibaru.clean.structure:StructureDetector",
    "language.detect.v1": "kibaru.clean.language:LanguageDetector",
    "nlp.spacy.v1": "kibaru.nlp.spacy_stage:SpacyParser",
    "entities.actors.v1": "kibaru.resolve.actor_matcher:ActorMatcher",
    "entities.places.v1": "kibaru.resolve.place_matcher:PlaceMatcher",
    "events.typer.rules.v1": "kibaru.events.typing_rules:RuleTyper",
    "events.triggers.v1": "kibaru.events.triggers:TriggerTagger",
    "events.factuality.v1": "kibaru.events.factuality:FactualityTagger",
    "events.arguments.v1": "kibaru.events.arguments:ArgumentFinder",
    "events.aggregates.v1": "kibaru.events.aggregates:AggregateFlagger",
    "resolve.focus.v1": "kibaru.resolve.focus:FocusCountry",
    "resolve.actors.v1": "kibaru.resolve.actors:ActorResolver",
    "resolve.places.v1": "kibaru.resolve.places:PlaceResolver",
    "resolve.dates.v1": "kibaru.resolve.dates:DateResolver",
    "resolve.counts.v1": "kibaru.resolve.counts:CountResolver",
    "events.assemble.v1": "kibaru.events.assemble:EventAssembler",
}

_registered: dict[str, str | Factory] = {}


def register(name: str, factory: str | Factory) -> None:
    """Register ``factory`` (a callable or a ``"module:attribute"`` string) under ``name``."""
    _registered[name] = factory


def names() -> list[str]:
    """Return every known component name, sorted."""
    return sorted({*BUILTIN, *_registered, *_plugin_entries()})


def resolve(name: str) -> Factory:
    """Return the factory registered under ``name``."""
    target: str | Factory | None = _registered.get(name) or BUILTIN.get(name)
    if target is None:
        target = _plugin_entries().get(name)
    if target is None:
        raise UnknownComponentError(
            f"unknown pipeline component {name!r}; known: {', '.join(names())}"
        )
    if isinstance(target, str):
        module_name, _, attribute = target.partition(":")
        try:
            module = importlib.import_module(module_name)
            loaded: Factory = getattr(module, attribute)
        except (ImportError, AttributeError) as exc:
            raise UnknownComponentError(f"component {name!r} cannot be loaded: {exc}") from exc
        return loaded
    return target


def _plugin_entries() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group="kibaru.components")}
