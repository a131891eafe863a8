"""Event extraction: triggers, factuality, arguments, aggregates and assembly into events.

Stages (registry names): ``events.triggers.v1`` (:class:`~kibaru.events.triggers.TriggerTagger`),
``events.factuality.v1``, ``events.arguments.v1``, ``events.aggregates.v1``,
``events.assemble.v1``; the typer behind the trigger stage is ``events.typer.rules.v1``
(:class:`~kibaru.events.typing_rules.RuleTyper`), one implementation of
:class:`~kibaru.events.typing_rules.EventTyper`. Importing this package loads nothing.
"""

from __future__ import annotations

__all__: list[str] = []
