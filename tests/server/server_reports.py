"""Short reports of real, documented Sahel events, written by us in our own words, coded by
hand into contract events (until the full pipeline codes them).

Each report lists its events as (sentence, trigger, fields): offsets are found in the text,
so every event's evidence points at a real sentence of its article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kibaru.articles import make_article
from kibaru.contract import Actor, Count, Event, Evidence, Location
from kibaru.store import ArticleWrite

__all__ = ["REPORTS", "Report", "build_writes"]

PIPELINE = "test-server+1"


def _loc(name: str, country: str, admin1: str, lat: float, lon: float, precision: int = 1) -> Location:
    return Location(text=name, name=name, country=country, admin1=admin1, admin2=None,
                    lat=lat, lon=lon, geonameid=None, geo_precision=precision)


def _actor(name: str, country: str | None, sector: str, inter: int | None = None) -> Actor:
    return Actor(text=name, name=name, country=country, sector=sector, acled_inter=inter)


MOURA = _loc("Moura", "MLI", "Mopti", 14.27, -4.59)
BARSALOGHO = _loc("Barsalogho", "BFA", "Centre-Nord", 13.42, -1.06)
INATES = _loc("Inates", "NER", "Tillaberi", 15.33, 1.33)
BAMAKO = _loc("Bamako", "MLI", "Bamako", 12.65, -8.0)
NIAMEY = _loc("Niamey", "NER", "Niamey", 13.51, 2.11)
DJIBO = _loc("Djibo", "BFA", "Sahel", 14.10, -1.63)
MENAKA = _loc("Menaka", "MLI", "Menaka", 15.92, 2.40)

FAMA = _actor("Malian Armed Forces", "MLI", "MIL", 1)
JNIM = _actor("JNIM", None, "REB", 2)
ISSP = _actor("Islamic State Sahel Province", None, "REB", 2)
CIV_MLI = _actor("Civilians (Mali)", "MLI", "CVL", 7)
CIV_BFA = _actor("Civilians (Burkina Faso)", "BFA", "CVL", 7)
FAN = _actor("Nigerien Armed Forces", "NER", "MIL", 1)
GUARD = _actor("Presidential Guard of Niger", "NER", "MIL", 1)
BAZOUM = _actor("Mohamed Bazoum", "NER", "GOV", 1)
ECOWAS = _actor("ECOWAS", None, "IGO", 8)
PROTESTERS = _actor("Protesters (Niger)", "NER", "PRO", 6)
GOV_MLI = _actor("Government of Mali", "MLI", "GOV", 1)
GOV_BFA = _actor("Government of Burkina Faso", "BFA", "GOV", 1)
GOV_NER = _actor("Government of Niger", "NER", "GOV", 1)
WAGNER = _actor("Wagner Group", "RUS", "PMC", 8)


@dataclass(frozen=True)
class Report:
    """One article and its hand-coded events."""

    text: str
    published: str
    url: str
    title: str
    source: str
    events: tuple[tuple[str, str, dict[str, Any]], ...] = field(default_factory=tuple)


REPORTS: tuple[Report, ...] = (
    Report(
        text=("MOPTI, Mali — Soldiers of the Malian army and foreign fighters killed hundreds of "
              "people over several days in the village of Moura in late March 2022, according to "
              "a United Nations human rights report. The report says the troops arrived by "
              "helicopter during a market day. Residents said the soldiers executed men they "
              "suspected of links to armed groups."),
        published="2022-04-05", url="https://example.org/reports/moura-2022",
        title="UN report details killings in Moura", source="Kibaru demo desk",
        events=(
            (("Soldiers of the Malian army and foreign fighters killed hundreds of people over "
             "several days in the village of Moura in late March 2022, according to a United "
             "Nations human rights report."), "killed",
             {"plover": "ASSAULT", "acled": "Violence against civilians", "sub": "Attack",
                  "date": dt.date(2022, 3, 27), "end": dt.date(2022, 3, 31), "precision": 2,
                  "loc": MOURA, "src": (FAMA, WAGNER), "tgt": (CIV_MLI,), "dead": (300, 500, 500)}),
            ("Residents said the soldiers executed men they suspected of links to armed groups.",
             "executed",
             {"plover": "ASSAULT", "acled": "Violence against civilians", "sub": "Attack",
                  "date": dt.date(2022, 3, 28), "precision": 2, "loc": MOURA, "src": (FAMA,), "tgt": (CIV_MLI,)}),
        ),
    ),
    Report(
        text=("OUAGADOUGOU — Fighters of the JNIM group attacked residents of Barsalogho on "
              "Saturday 24 August 2024 while they were digging defensive trenches around the "
              "town, killing at least 130 people. Officials had ordered the residents to dig the "
              "trenches. A regional analyst warned that further attacks could empty the town."),
        published="2024-08-27", url="https://example.org/reports/barsalogho-2024",
        title="Massacre at Barsalogho", source="Kibaru demo desk",
        events=(
            (("Fighters of the JNIM group attacked residents of Barsalogho on Saturday 24 August "
             "2024 while they were digging defensive trenches around the town, killing at least "
             "130 people."), "attacked",
             {"plover": "ASSAULT", "acled": "Violence against civilians", "sub": "Attack",
                  "date": dt.date(2024, 8, 24), "precision": 1, "loc": BARSALOGHO, "src": (JNIM,),
                  "tgt": (CIV_BFA,), "dead": (130, 130, 400)}),
            ("A regional analyst warned that further attacks could empty the town.", "attacks",
             {"plover": "ASSAULT", "acled": None, "sub": None, "modality": "hypothetical",
                  "date": dt.date(2024, 8, 27), "precision": 1, "loc": BARSALOGHO, "src": (JNIM,), "tgt": ()}),
        ),
    ),
    Report(
        text=("NIAMEY — Militants of the Islamic State in the Sahel attacked the army camp at "
              "Inates on 10 December 2019, killing 71 soldiers. It was one of the deadliest "
              "attacks on the Nigerien army."),
        published="2019-12-12", url="https://example.org/reports/inates-2019-a",
        title="Attack on the Inates camp", source="Sahel Wire",
        events=(
            (("Militants of the Islamic State in the Sahel attacked the army camp at Inates on "
             "10 December 2019, killing 71 soldiers."), "attacked",
             {"plover": "ASSAULT", "acled": "Battles", "sub": "Armed clash", "date": dt.date(2019, 12, 10),
                  "precision": 1, "loc": INATES, "src": (ISSP,), "tgt": (FAN,), "dead": (71, 71, 71)}),
        ),
    ),
    Report(
        text=("Seventy-one Nigerien soldiers died when Islamic State fighters stormed the Inates "
              "military base near the border with Mali on 10 December 2019. The government "
              "declared three days of mourning."),
        published="2019-12-13", url="https://example.org/reports/inates-2019-b",
        title="Niger mourns soldiers killed at Inates", source="Desert Dispatch",
        events=(
            (("Seventy-one Nigerien soldiers died when Islamic State fighters stormed the Inates "
             "military base near the border with Mali on 10 December 2019."), "stormed",
             {"plover": "ASSAULT", "acled": "Battles", "sub": "Armed clash", "date": dt.date(2019, 12, 10),
                  "precision": 1, "loc": INATES, "src": (ISSP,), "tgt": (FAN,), "dead": (71, 71, 71)}),
        ),
    ),
    Report(
        text=("BAMAKO — Gunmen of the JNIM group attacked a gendarmerie training school and the "
              "military part of Bamako airport early on 17 September 2024. Dozens of people were "
              "killed, according to security sources. The army said the situation was under "
              "control by midday."),
        published="2024-09-18", url="https://example.org/reports/bamako-2024",
        title="Attacks in the capital", source="Sahel Wire",
        events=(
            (("BAMAKO — Gunmen of the JNIM group attacked a gendarmerie training school and the "
             "military part of Bamako airport early on 17 September 2024."), "attacked",
             {"plover": "ASSAULT", "acled": "Battles", "sub": "Armed clash", "date": dt.date(2024, 9, 17),
                  "precision": 1, "loc": BAMAKO, "src": (JNIM,), "tgt": (FAMA,), "dead": (24, 77, 77)}),
        ),
    ),
    Report(
        text=("NIAMEY — Members of the presidential guard detained President Mohamed Bazoum in "
              "his residence on 26 July 2023 and announced that they had taken power. On 30 July "
              "the leaders of ECOWAS imposed sanctions on Niger and froze its assets. Thousands "
              "of people marched in Niamey on 3 August 2023 in support of the new military "
              "rulers."),
        published="2023-08-04", url="https://example.org/reports/niger-coup-2023",
        title="Coup in Niger", source="Desert Dispatch",
        events=(
            (("NIAMEY — Members of the presidential guard detained President Mohamed Bazoum in "
             "his residence on 26 July 2023 and announced that they had taken power."), "detained",
             {"plover": "COERCE", "acled": "Strategic developments", "sub": "Arrests",
                  "date": dt.date(2023, 7, 26), "precision": 1, "loc": NIAMEY, "src": (GUARD,), "tgt": (BAZOUM,)}),
            ("On 30 July the leaders of ECOWAS imposed sanctions on Niger and froze its assets.",
             "imposed sanctions",
             {"plover": "SANCTION", "acled": "Strategic developments", "sub": "Other",
                  "date": dt.date(2023, 7, 30), "precision": 1, "loc": None, "src": (ECOWAS,), "tgt": (GOV_NER,)}),
            (("Thousands of people marched in Niamey on 3 August 2023 in support of the new "
             "military rulers."), "marched",
             {"plover": "PROTEST", "acled": "Protests", "sub": "Peaceful protest",
                  "date": dt.date(2023, 8, 3), "precision": 1, "loc": NIAMEY, "src": (PROTESTERS,),
                  "tgt": (GUARD,)}),
        ),
    ),
    Report(
        text=("BAMAKO — The military governments of Mali, Burkina Faso and Niger signed a mutual "
              "defence pact, the Liptako-Gourma Charter, on 16 September 2023, creating the "
              "Alliance of Sahel States. The three ministers met again in Bamako on 1 December "
              "2023."),
        published="2023-09-17", url="https://example.org/reports/aes-2023",
        title="Sahel juntas sign defence pact", source="Kibaru demo desk",
        events=(
            (("BAMAKO — The military governments of Mali, Burkina Faso and Niger signed a mutual "
             "defence pact, the Liptako-Gourma Charter, on 16 September 2023, creating the "
             "Alliance of Sahel States."), "signed",
             {"plover": "AGREE", "acled": "Strategic developments", "sub": "Agreement",
                  "date": dt.date(2023, 9, 16), "precision": 1, "loc": BAMAKO, "src": (GOV_MLI,),
                  "tgt": (GOV_BFA, GOV_NER)}),
            ("The three ministers met again in Bamako on 1 December 2023.", "met",
             {"plover": "CONSULT", "acled": None, "sub": None, "date": dt.date(2023, 12, 1), "precision": 1,
                  "loc": BAMAKO, "src": (GOV_MLI,), "tgt": (GOV_NER,)}),
        ),
    ),
    Report(
        text=("Islamic State fighters besieged the town of Menaka and attacked nearby villages "
              "through 2022, and residents fled to the town centre. In Djibo, JNIM fighters "
              "attacked an army base on 26 November 2023, and the army said dozens of attackers "
              "were killed."),
        published="2023-11-28", url="https://example.org/reports/menaka-djibo",
        title="Sieges in the Sahel", source="Sahel Wire",
        events=(
            (("Islamic State fighters besieged the town of Menaka and attacked nearby villages "
             "through 2022, and residents fled to the town centre."), "besieged",
             {"plover": "ASSAULT", "acled": "Violence against civilians", "sub": "Attack",
                  "date": dt.date(2022, 3, 1), "end": dt.date(2022, 12, 31), "precision": 3,
                  "loc": MENAKA, "src": (ISSP,), "tgt": (CIV_MLI,), "aggregate": True}),
            (("In Djibo, JNIM fighters attacked an army base on 26 November 2023, and the army "
             "said dozens of attackers were killed."), "attacked",
             {"plover": "ASSAULT", "acled": "Battles", "sub": "Armed clash", "date": dt.date(2023, 11, 26),
                  "precision": 1, "loc": DJIBO, "src": (JNIM,),
                  "tgt": (_actor("Burkinabe Armed Forces", "BFA", "MIL", 1),), "dead": (24, 24, 50)}),
        ),
    ),
)


def _event(article_id: str, text: str, n: int, sentence: str, trigger: str,
           f: dict[str, Any]) -> Event:
    s0 = text.index(sentence)
    t0 = text.index(trigger, s0)
    dead = f.get("dead")
    return Event(
        event_id=f"{article_id[:12]}-{n}", article_id=article_id, plover_type=f["plover"],
        acled_event_type=f.get("acled"), acled_sub_event_type=f.get("sub"), cameo_root=None,
        modality=f.get("modality", "asserted"), aggregate=f.get("aggregate", False),
        date=f.get("date"), date_end=f.get("end", f.get("date")),
        time_precision=f.get("precision"),
        source_actors=tuple(f.get("src", ())), target_actors=tuple(f.get("tgt", ())),
        location=f.get("loc"),
        fatalities=Count(low=dead[0], best=dead[1], high=dead[2], text="") if dead else None,
        injuries=None,
        evidence=Evidence(s0, s0 + len(sentence), t0, t0 + len(trigger)),
        confidence=0.9, pipeline_version=PIPELINE,
    )


def build_writes(reports: tuple[Report, ...] = REPORTS) -> list[ArticleWrite]:
    """Return the store writes (article plus coded events) of ``reports``."""
    writes = []
    for report in reports:
        article = make_article(report.text, published=report.published, url=report.url,
                               title=report.title, source=report.source)
        events = tuple(_event(article.id, report.text, i, s, t, f)
                       for i, (s, t, f) in enumerate(report.events))
        writes.append(ArticleWrite(article=article, status="coded", text=report.text,
                                   language="en", published=article.published, events=events,
                                   pipeline_version=PIPELINE))
    return writes
