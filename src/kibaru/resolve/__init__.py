"""Resolve mentions against knowledge bases: actors, places (gazetteer), dates and counts."""
