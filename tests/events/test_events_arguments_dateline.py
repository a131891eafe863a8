"""Arguments in the full pipeline: the dateline names where a report was filed, never who
acted."""

from __future__ import annotations

from kibaru.articles import make_article
from kibaru.pipeline import Pipeline


def test_a_dateline_word_is_never_an_actor(pipeline: Pipeline) -> None:
    text = (
        "NIAMEY, Niger — The government and the main rebel movement agreed on Thursday to a "
        "ceasefire in the north, the mediators announced.\n"
        "The deal follows months of talks in Algiers."
    )
    doc = pipeline(make_article(text, published="2024-03-08"))
    assert doc.dateline is not None
    agreed = [m for m in doc.mentions if doc.span_text(m.trigger).startswith("agreed")]
    assert agreed
    sources = [doc.span_text(a.span) for a in agreed[0].sources]
    assert sources and not any("NIAMEY" in s for s in sources)
    assert any("government" in s for s in sources)
