"""Language processing: sentence splitting and the spaCy parse, kept inside this package."""
