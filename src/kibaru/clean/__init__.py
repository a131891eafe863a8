"""Cleaning stages: repair and normalise the text, mark non-news regions, detect language."""
