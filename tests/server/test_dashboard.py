"""The dashboard in real headless Chromium against the real ``kibaru serve``: it loads with no
console errors and no request leaving 127.0.0.1, the map shows markers, filters change the
counts, an event card highlights its evidence, and the timeline and network render and
filter. Screenshots go to artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@dataclass
class Watched:
    """A page with everything it logged and requested."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium; .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def dashboard(browser: Any, live_server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    page.on("request", lambda r: watched.requests.append(r.url))
    page.goto(live_server + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield watched
    context.close()


def table_total(page: Any) -> int:
    text = page.text_content("#page-info") or ""
    match = re.search(r"of ([\d,]+)", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def wait_total(page: Any, total: int) -> None:
    page.wait_for_function(
        "n => (document.querySelector('#page-info').textContent || '').endsWith('of ' + n)",
        arg=str(total), timeout=15_000)


def test_dashboard_loads_clean_and_local(dashboard: Watched) -> None:
    page = dashboard.page
    page.wait_for_selector(".leaflet-borders-pane path", state="attached")
    dashboard.shot("dashboard")
    assert dashboard.errors == []
    assert dashboard.foreign_requests() == []
    assert any(u.endswith("/static/borders.geojson") for u in dashboard.requests)
    # Country borders are drawn, and the events as clustered markers.
    assert page.locator(".leaflet-borders-pane path").count() > 200
    # Markers arrive with /api/points, after the borders: wait for them rather than race.
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-marker-pane .kb-cluster').length"
        " + document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length >= 5",
        timeout=15_000,
    )
    assert "9 located events" in (page.text_content("#map-note") or "")
    assert page.locator("#map-legend .legend-row").count() >= 5
    assert table_total(page) == 10
    summary = page.text_content("#summary") or ""
    assert summary.startswith("10 events")


def test_timeline_and_network_render(dashboard: Watched) -> None:
    page = dashboard.page
    assert page.locator("#timeline svg .bars rect").count() >= 10
    assert page.locator("#timeline svg .ticks text").count() >= 3
    assert page.locator("#network svg .node").count() == 15
    assert page.locator("#network svg .links line").count() == 11
    labels = page.locator("#network svg .labels text").all_text_contents()
    assert "JNIM" in labels


def test_type_filter_changes_the_counts(dashboard: Watched) -> None:
    page = dashboard.page
    page.select_option("#f-type", "PROTEST")
    wait_total(page, 1)
    page.wait_for_function("() => document.querySelector('#map-note').textContent.startsWith('1 located')")
    assert page.locator("#events-table tbody tr").count() == 1
    assert "Protest" in (page.text_content("#events-table tbody tr") or "")
    assert "type=PROTEST" in page.url
    dashboard.shot("type-filter-protest")
    # The legend in the sidebar is also a filter; clicking the active type clears it.
    page.click(".legend-item.active")
    wait_total(page, 10)
    assert dashboard.errors == []


def test_event_card_highlights_the_evidence(dashboard: Watched) -> None:
    page = dashboard.page
    page.click("#events-table tbody tr:has-text('Barsalogho')")
    page.wait_for_selector("#card mark.evidence")
    card = page.locator("#card")
    assert "Assault · 2024-08-24" in (card.locator("#card-title").text_content() or "")
    evidence = card.locator("mark.evidence").text_content() or ""
    assert evidence.startswith("Fighters of the JNIM group attacked residents of Barsalogho")
    assert card.locator("mark.evidence .trigger").text_content() == "attacked"
    facts = card.locator("dl.facts").text_content() or ""
    for words in ("JNIM", "Barsalogho", "exact day", "130 (range 130–400)"):
        assert words in facts
    link = card.locator(".sources a")
    assert link.text_content() == "Massacre at Barsalogho"
    assert link.get_attribute("rel") == "noopener noreferrer"
    # The hypothetical sentence of the same article is marked as another, lesser span.
    assert "further attacks" in (card.locator("mark.other-evidence").text_content() or "")
    dashboard.shot("event-card")
    page.keyboard.press("Escape")
    assert card.is_hidden()
    assert dashboard.errors == []


def test_event_card_from_the_map(dashboard: Watched) -> None:
    page = dashboard.page
    page.select_option("#f-country", "BFA")
    wait_total(page, 2)
    page.wait_for_function("() => document.querySelector('#map-note').textContent.startsWith('2 located')")
    page.locator(".leaflet-overlay-pane path.leaflet-interactive").first.click(force=True)
    page.wait_for_selector("#card mark.evidence")
    assert page.locator("#card .card-type").text_content()


def test_brushing_the_timeline_filters_map_and_table(dashboard: Watched) -> None:
    page = dashboard.page
    box = page.locator("#timeline svg .overlay").bounding_box()
    assert box
    # Drag across the last fifth of the timeline (the 2024 attacks).
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.999, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#f-since').value !== ''")
    since = page.input_value("#f-since")
    until = page.input_value("#f-until")
    assert since < until
    page.wait_for_function("() => !(document.querySelector('#page-info').textContent || '').endsWith('of 10')")
    total = table_total(page)
    assert 0 < total < 10
    dates = page.locator("#events-table tbody td.nowrap").all_text_contents()
    assert all(since <= d[:10] <= until for d in dates)
    assert page.locator("#timeline svg .brush[visibility='visible']").count() == 1
    dashboard.shot("timeline-brush")
    page.click("#brush-clear")
    wait_total(page, 10)


def test_clicking_an_actor_filters(dashboard: Watched) -> None:
    page = dashboard.page
    page.click("#network svg .node[data-actor='JNIM']")
    wait_total(page, 3)
    assert page.input_value("#f-actor") == "JNIM"
    page.wait_for_selector("#network svg .node.selected")
    dashboard.shot("network-actor-filter")
    page.click("#network svg .node.selected")
    wait_total(page, 10)


def test_free_text_filter(dashboard: Watched) -> None:
    page = dashboard.page
    page.fill("#f-text", "trenches")
    wait_total(page, 1)
    page.click("#f-reset")
    wait_total(page, 10)
    assert page.input_value("#f-text") == ""


def test_api_docs_load_locally(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    page.wait_for_selector(".opblock-summary-path")
    assert "Kibaru API" in (page.text_content(".swagger-ui .info .title") or "")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "api-docs.png"))
    assert errors == []
    assert [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None)] == []
    context.close()


def test_dashboard_on_really_coded_reports(browser: Any, coded_live_server: str) -> None:
    """The demo a new user sees: the bundled reports coded by the real pipeline."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    page.on("request", lambda r: watched.requests.append(r.url))
    page.goto(coded_live_server + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.wait_for_timeout(1500)  # let the cluster animation settle for the screenshot
    watched.shot("demo-dashboard-laptop")
    assert table_total(page) > 20
    assert page.locator(".leaflet-marker-pane .kb-cluster").count() + page.locator(
        ".leaflet-overlay-pane path.leaflet-interactive").count() >= 3
    assert page.locator("#network svg .node").count() >= 10
    assert page.locator("#timeline svg .bars rect").count() >= 20
    # Open the deadliest ASSAULT in Burkina Faso and read its evidence.
    page.select_option("#f-type", "ASSAULT")
    page.select_option("#f-country", "BFA")
    page.wait_for_function(
        "() => { const cells = [...document.querySelectorAll("
        "'#events-table tbody tr.event-row td:nth-child(4)')];"
        " return cells.length > 0 && cells.every(td => td.textContent.includes('Burkina Faso')); }")
    page.locator("#events-table tbody tr.event-row").first.click()
    page.wait_for_selector("#card mark.evidence")
    mark = page.locator("#card mark.evidence")
    assert (mark.locator(".trigger").text_content() or "").strip()
    assert len(mark.text_content() or "") > 20
    watched.shot("demo-event-card")
    assert watched.errors == []
    assert watched.foreign_requests() == []
    context.close()


HOSTILE = '<img src="x" onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def test_database_text_is_never_run_as_html(
    browser: Any, tmp_path: Path, server_cache: Path,
) -> None:
    """Article text, titles, actor and place names come from the open web: the dashboard
    inserts them as text, so markup in them shows as characters and never runs."""
    import datetime as dt

    from server_process import serving
    from server_reports import Report, build_writes

    from kibaru.contract import Actor, Location
    from kibaru.store import Store

    text = f"Gunmen attacked the village of Ogossagou {HOSTILE} on 14 March 2024, killing 5 people."
    report = Report(
        text=text, published="2024-03-15", url="javascript:window.__pwned=3",
        title=f"Title {HOSTILE}", source=f"Outlet {HOSTILE}",
        events=((text, "attacked", {
            "plover": "ASSAULT", "acled": "Violence against civilians", "sub": "Attack",
            "date": dt.date(2024, 3, 14), "precision": 1,
            "loc": Location(text="Ogossagou", name=f"Ogossagou {HOSTILE}", country="MLI",
                            admin1=HOSTILE, lat=14.28, lon=-3.72, geo_precision=1),
            "src": (Actor(text="Gunmen", name=f"Gunmen {HOSTILE}", sector="UNK"),),
            "tgt": (Actor(text="people", name="Civilians", sector="CVL"),),
            "dead": (5, 5, 5)}),),
    )
    db = tmp_path / "hostile.duckdb"
    with Store.open(db) as store:
        store.write_batch(build_writes((report,)))
    with serving(db, server_cache) as url:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.click("#events-table tbody tr.event-row")
        page.wait_for_selector("#card mark.evidence")
        page.hover(".leaflet-overlay-pane path.leaflet-interactive", force=True)
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("body script:not([src])").count() == 0
        assert HOSTILE in (page.text_content("#card") or "")
        assert HOSTILE in (page.text_content("#events-table") or "")
        # A javascript: URL is not made a link.
        assert page.locator("#card .sources a").count() == 0
        assert dialogs == []
        page.screenshot(path=str(SHOTS / "hostile-text.png"))
        context.close()
