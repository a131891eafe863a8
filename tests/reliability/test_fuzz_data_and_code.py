"""Property-based fuzzing of the other inputs a user hands Kibaru: GeoNames dumps, actor
knowledge-base YAML files, and the text given to ``kibaru.code`` itself. Whatever they hold,
the answer is a result or a ``KibaruError`` subclass, never another exception or a hang, and
every event's evidence lies inside the text it was coded from."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kibaru
from kibaru.errors import ConfigError, KibaruError, MalformedInputError
from kibaru.pipeline import Pipeline

SETTINGS = settings(max_examples=120, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))

# -- GeoNames dumps -------------------------------------------------------------------

COLUMNS = ["2459680", "Bounti", "Bounti", "Bunti,Bounty", "15.19878", "-2.58993", "P", "PPL",
           "ML", "", "04", "", "", "", "0", "", "271", "Africa/Bamako", "2012-01-18"]
cell = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "-", "nan", "inf", "1e400", "-91", "181", "0", "-1", "99999999999999999999", "\t", ",,,"]))


@st.composite
def geonames_lines(draw: st.DrawFn) -> str:
    columns = list(COLUMNS)
    for _ in range(draw(st.integers(0, 3))):
        columns[draw(st.integers(0, 18))] = draw(cell)
    if draw(st.integers(0, 5)) == 0:
        columns = columns[: draw(st.integers(0, 18))]
    return "\t".join(columns)


@settings(SETTINGS, max_examples=60)
@given(lines=st.lists(st.one_of(geonames_lines(), st.text(max_size=40)), max_size=6),
       raw=st.binary(max_size=60), use_raw=st.integers(0, 4))
def test_geonames_import_imports_or_refuses_a_file_whole(lines: list[str], raw: bytes, use_raw: int) -> None:
    from kibaru.resolve.geonames_import import import_geonames

    data = raw if use_raw == 0 else "\n".join(lines).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory(prefix="kibaru-fuzz-") as folder:
        dump, db = Path(folder) / "XX.txt", Path(folder) / "g.sqlite"
        dump.write_bytes(data)
        try:
            report = import_geonames(db, [dump], build_builtin=False)
        except MalformedInputError as exc:
            assert str(dump) in str(exc) and "\n" not in str(exc)
            import sqlite3

            with sqlite3.connect(db) as conn:  # each file is one transaction: nothing kept
                assert conn.execute("SELECT count(*) FROM places").fetchone()[0] == 0
            return
        except KibaruError:
            return
        assert report.places >= 0


# -- actor knowledge-base files -------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 20), st.text(max_size=12),
                    st.dates().map(lambda d: d), st.sampled_from(["MLI", "REB", "GOV", "group",
                                                                   "role", "person", "2024-01-01"]))
KEYS = ["id", "name", "kind", "sector", "country", "inter", "aliases", "demonyms", "metonyms",
        "terms", "extend", "external_id", "role", "start", "end", "bare_name", "weak", "actors"]
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(KEYS + ["en", "fr"]), children, max_size=6),
    max_leaves=25,
)
name_lists = st.one_of(st.lists(st.one_of(st.text(max_size=10), scalars), max_size=3), scalars,
                       st.dictionaries(st.one_of(st.sampled_from(["en", "fr"]), st.integers()),
                                       st.one_of(st.lists(scalars, max_size=3), scalars), max_size=2))
terms = st.one_of(scalars, st.lists(st.one_of(scalars, st.dictionaries(
    st.sampled_from(["role", "sector", "start", "end", "country"]), yaml_values, max_size=4)),
    max_size=3))
actor_records = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["kb:group:x", "kb:person:y", "kb:country:MLI"]), scalars)},
    optional={**{k: yaml_values for k in KEYS if k != "id"},
              "aliases": name_lists, "demonyms": name_lists, "metonyms": name_lists,
              "terms": terms, "name": st.one_of(st.text(max_size=10), yaml_values)},
)


@settings(SETTINGS, max_examples=250)
@given(document=st.one_of(st.lists(actor_records, max_size=4), yaml_values,
                          st.fixed_dictionaries({"actors": st.lists(actor_records, max_size=3)})),
       raw=st.text(max_size=80), use_raw=st.integers(0, 4))
def test_actor_files_load_or_fail_with_a_config_error(document: object, raw: str, use_raw: int) -> None:
    from kibaru.resolve.actor_kb import build_kb

    text = raw if use_raw == 0 else yaml.safe_dump(document, allow_unicode=True)
    try:
        kb = build_kb([("user/actors.yaml", text)], language_sources={})
    except ConfigError as exc:
        assert "user/actors.yaml" in str(exc)
        return
    kb.index("en").find("Gunmen of kb group x attacked Mali")  # the loaded names index cleanly


# -- kibaru.code on English-ish and random text ----------------------------------------

VOCABULARY = ["gunmen", "militants", "soldiers", "the", "army", "police", "protesters", "rebels", "jihadists", "villagers", "killed", "attacked", "wounded", "arrested", "kidnapped", "bombed", "shelled", "marched", "protested", "signed", "met", "visited", "expelled", "banned", "clashed", "fled", "said", "reported", "would", "could", "may", "not", "never", "at", "least", "dozens", "five", "12", "300", "10", "million", "-4", "thousands", "of", "in", "near", "on", "Monday", "Tuesday", "last", "week", "yesterday", "2023", "February", "10", "Mali", "Niger", "Burkina", "Faso", "Bamako", "Gao", "Mopti", "Niamey", "Djibo", "Ouagadougou", "Kidal", "Menaka", "village", "market", "convoy", "base", "president", "minister", "ECOWAS", "Wagner", "JNIM", "UN"]
tokens = st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY),
                   st.sampled_from([".", ",", ";", "—", "–", "\"", "“", "”", "'", "(", ")", "\n",
                                    "\n\n", ":", "?", "!", "BAMAKO —", "Feb. 6-7"]),
                   st.text(max_size=6))
english_ish = st.lists(tokens, min_size=0, max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def coder(pipeline: Pipeline) -> Pipeline:
    """The session's full pipeline (the spaCy model is loaded once)."""
    return pipeline


def check_result(text: str, coder: Pipeline, published: object) -> None:
    try:
        result = kibaru.code(text, published=published, pipeline=coder,  # type: ignore[arg-type]
                             all_modalities=True)
    except KibaruError as exc:
        assert str(exc).strip()
        return
    size = len(result.text)
    for event in result.events:
        ev = event.evidence
        assert 0 <= ev.sentence_start <= ev.trigger_start < ev.trigger_end <= ev.sentence_end <= size
        assert result.text[ev.trigger_start:ev.trigger_end].strip()
        if event.location is not None and event.location.span is not None:
            assert 0 <= event.location.span.start < event.location.span.end <= size
        for count in (event.fatalities, event.injuries):
            if count is not None:
                assert 0 <= count.low <= count.best <= count.high
                if count.span is not None:
                    assert 0 <= count.span.start < count.span.end <= size
        for actor in (*event.source_actors, *event.target_actors):
            if actor.span is not None:
                assert 0 <= actor.span.start < actor.span.end <= size


@settings(max_examples=80, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(text=english_ish,
       published=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1)), st.text(max_size=12)))
def test_code_never_crashes_and_evidence_lies_inside_the_text(text: str, published: object,
                                                                coder: Pipeline) -> None:
    check_result(text, coder, published)


@settings(max_examples=40, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(text=st.text(min_size=0, max_size=300))
def test_code_never_crashes_on_random_unicode(text: str, coder: Pipeline) -> None:
    check_result(text, coder, "2024-03-02")
