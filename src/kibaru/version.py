"""Hold Kibaru's version: the package version, part of every event's pipeline_version."""

__all__ = ["__version__"]

__version__ = "0.1.0"
