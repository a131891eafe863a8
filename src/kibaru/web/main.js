// Wire the dashboard: one filter state, four views (map, timeline, network, table) and the
// event card, all fed by the public JSON API.

import { api, isAbort } from "./api.js";
import { Filters, renderTypeLegend, countryName } from "./filters.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";
import { Network } from "./network.js";
import { EventTable, renderCard } from "./table.js";
import { typeLabel } from "./colors.js";

const PAGE = 50;
const state = { offset: 0, meta: null, article: new Map() };

const errorBar = document.getElementById("error-bar");
function showError(err) {
  if (isAbort(err)) return;
  errorBar.textContent = err.message || String(err);
  errorBar.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { errorBar.hidden = true; }, 8000);
}

let lastCountry = null;
const filters = new Filters(document.getElementById("filters"), {
  onChange: (f) => {
    // A new country moves the map to it; other filters keep the reader's view.
    if ((f.country || null) !== lastCountry) map.refit();
    lastCountry = f.country || null;
    refresh({ resetPage: true });
  },
});
const map = new EventMap(document.getElementById("map"), { onSelect: openEvent });
lastCountry = filters.state.country || null;
const timeline = new Timeline(document.getElementById("timeline"), {
  onBrush: (since, until) => filters.set({ since, until }),
  toggle: document.getElementById("timeline-range"),
});
const network = new Network(document.getElementById("network"), {
  onSelect: (actor) => filters.set({ actor }),
});
const table = new EventTable(document.getElementById("events-table"), {
  onSelect: openEvent,
  onPage: (dir) => {
    state.offset = Math.max(0, state.offset + dir * PAGE);
    loadTable();
  },
});

const brushClear = document.getElementById("brush-clear");
brushClear.addEventListener("click", () => filters.set({ since: null, until: null }));

const card = document.getElementById("card");
document.getElementById("card-close").addEventListener("click", () => { card.hidden = true; });
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") card.hidden = true; });

async function loadArticle(id) {
  if (!state.article.has(id)) state.article.set(id, api.article(id));
  try {
    return await state.article.get(id);
  } catch (err) {
    state.article.delete(id);
    throw err;
  }
}

async function openEvent(id) {
  card.hidden = false;
  const body = document.getElementById("card-body");
  body.textContent = "Loading…";
  try {
    const detail = await api.event(id);
    document.getElementById("card-title").textContent = `${typeLabel(detail.plover_type)} · ${detail.date || "undated"}`;
    renderCard(body, detail, loadArticle);
  } catch (err) {
    if (!isAbort(err)) body.textContent = `Cannot load this event: ${err.message}`;
  }
}

async function loadTable() {
  try {
    const page = await api.events(filters.state, PAGE, state.offset);
    table.render(page);
    return page;
  } catch (err) {
    showError(err);
    return null;
  }
}

function withoutDates(f) {
  const { since, until, ...rest } = f;
  return rest;
}

async function loadTimeline() {
  try {
    // The timeline shows all time under the other filters, with the chosen period marked.
    const agg = await api.aggregates(withoutDates(filters.state), "week", "type", "timeline");
    timeline.render(agg.rows, { since: filters.state.since, until: filters.state.until });
  } catch (err) { showError(err); }
}

async function loadMap() {
  try {
    map.setPoints(await api.points(filters.state));
  } catch (err) { showError(err); }
}

async function loadNetwork() {
  try {
    network.render(await api.network(filters.state, 40), filters.state.actor);
  } catch (err) { showError(err); }
}

async function loadSummary(tablePage) {
  try {
    const [agg, page] = await Promise.all([
      api.aggregates(filters.state, "month", "type", "summary"), tablePage]);
    let deaths = 0;
    for (const r of agg.rows) deaths += r.fatalities;
    const total = page ? page.total : agg.rows.reduce((n, r) => n + r.events, 0);
    const parts = [
      `${total.toLocaleString()} ${total === 1 ? "event" : "events"}`,
      `${deaths.toLocaleString()} reported ${deaths === 1 ? "fatality" : "fatalities"}`,
    ];
    const m = state.meta;
    if (filters.state.since || filters.state.until) {
      parts.push(`${filters.state.since || "start"} to ${filters.state.until || "end"}`);
    } else if (m && m.first_date) {
      parts.push(`${m.first_date} to ${m.last_date}`);
    }
    if (filters.state.country) parts.push(countryName(filters.state.country));
    document.getElementById("summary").textContent = parts.join(" · ");
  } catch (err) { showError(err); }
}

async function refresh({ resetPage = false } = {}) {
  if (resetPage) state.offset = 0;
  brushClear.hidden = !(filters.state.since || filters.state.until);
  if (state.meta) renderTypeLegend(document.getElementById("type-legend"), state.meta.types, filters);
  await Promise.all([loadSummary(loadTable()), loadMap(), loadTimeline(), loadNetwork()]);
}

async function start() {
  // Borders load while the metadata and then the data do.
  const borders = map.loadBorders().catch(showError);
  api.actors({}, 200).then((r) => filters.populateActors(r.actors)).catch(showError);
  try {
    // Country names and the data range are needed to label the views.
    state.meta = await api.meta();
    filters.populate(state.meta);
  } catch (err) { showError(err); }
  await Promise.all([borders, refresh()]);
  if (state.meta) renderTypeLegend(document.getElementById("type-legend"), state.meta.types, filters);
  document.body.dataset.ready = "1";
}

let resizeTimer = null;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => { loadTimeline(); loadNetwork(); }, 250);
});

start();
