"""Load the per-language data files (lexicons, patterns, crosswalks) shipped in the package."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from kibaru.errors import ConfigError

__all__ = ["load", "load_shared"]


@cache
def load(language: str, name: str) -> Any:
    """Return the parsed YAML file ``data/<language>/<name>.yaml``."""
    return _read(f"{language}/{name}.yaml")


@cache
def load_shared(name: str) -> Any:
    """Return a language-independent data file ``data/<name>.yaml`` (crosswalks, ontologies)."""
    return _read(f"{name}.yaml")


def _read(relative: str) -> Any:
    resource = files("kibaru") / "data" / relative
    try:
        return yaml.safe_load(resource.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"data file kibaru/data/{relative} is missing") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"data file kibaru/data/{relative} is not valid YAML: {exc}") from exc
