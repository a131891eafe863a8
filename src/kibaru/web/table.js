// List events in a paged table and open one as a card: what happened, who, where, when,
// how many died, and the evidence sentence highlighted in its article's text.
// All text from the database is inserted as text nodes, never as HTML.

import { typeColor, typeLabel } from "./colors.js";
import { countryName } from "./filters.js";

const TIME_PRECISION = { 1: "exact day", 2: "within a week or a range", 3: "month or coarser" };
const GEO_PRECISION = { 1: "town or village", 2: "near a town, or part of a region", 3: "region only" };

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function actorsText(ev) {
  const names = (list) => list.map((a) => a.name).join(", ");
  const src = names(ev.source_actors);
  const tgt = names(ev.target_actors);
  if (src && tgt) return `${src} → ${tgt}`;
  return src || (tgt ? `→ ${tgt}` : "—");
}

export function placeText(loc) {
  if (!loc) return "—";
  const parts = [loc.name || loc.text, loc.admin1, countryName(loc.country)].filter(Boolean);
  return [...new Set(parts)].join(", ");
}

function dateText(ev) {
  if (!ev.date) return "undated";
  return ev.date_end && ev.date_end !== ev.date ? `${ev.date} – ${ev.date_end}` : ev.date;
}

function typeChip(type) {
  const chip = h("span", { class: "type-chip" });
  const dot = h("span", { class: "dot" });
  dot.style.background = typeColor(type);
  chip.append(dot, typeLabel(type));
  return chip;
}

export class EventTable {
  constructor(table, { onSelect, onPage }) {
    this.tbody = table.querySelector("tbody");
    this.onSelect = onSelect;
    this.prev = document.getElementById("page-prev");
    this.next = document.getElementById("page-next");
    this.info = document.getElementById("page-info");
    this.prev.addEventListener("click", () => onPage(-1));
    this.next.addEventListener("click", () => onPage(1));
  }

  render(page) {
    this.tbody.replaceChildren();
    if (!page.events.length) {
      const td = h("td", { colspan: 6, class: "empty", text: "No events match these filters." });
      this.tbody.append(h("tr", {}, td));
    }
    for (const ev of page.events) {
      const deaths = ev.fatalities ? ev.fatalities.best : null;
      const tr = h("tr", { tabindex: 0, class: "event-row" },
        h("td", { class: "nowrap", text: dateText(ev) }),
        h("td", {}, typeChip(ev.plover_type)),
        h("td", { text: actorsText(ev) }),
        h("td", { text: placeText(ev.location) }),
        h("td", { class: "num", text: deaths === null ? "—" : String(deaths) }),
        h("td", { class: "num", text: String(ev.n_reports) }),
      );
      tr.dataset.eventId = ev.event_id;
      tr.title = ev.evidence;
      tr.addEventListener("click", () => this.onSelect(ev.event_id));
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") this.onSelect(ev.event_id); });
      this.tbody.append(tr);
    }
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.events.length;
    this.info.textContent = `${first.toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
    this.prev.disabled = page.offset === 0;
    this.next.disabled = !page.next;
  }
}

// Render the article text with every evidence span marked and the chosen one highlighted.
export function renderArticleText(container, article, report) {
  container.replaceChildren();
  const text = article.text;
  const spans = article.spans
    .filter((s) => s.sentence_end <= text.length)
    .map((s) => ({ start: s.sentence_start, end: s.sentence_end, main: s.report_id === report.report_id, span: s }));
  // Other events' sentences are underlined; overlapping ones are skipped so marks never nest.
  spans.sort((a, b) => a.start - b.start || (b.main ? 1 : 0) - (a.main ? 1 : 0));
  const chosen = [];
  let cursor = -1;
  const main = spans.find((s) => s.main);
  for (const s of spans) {
    if (s.main || (s.start >= cursor && !(main && s.start < main.end && main.start < s.end))) {
      if (s.start < cursor) continue;
      chosen.push(s);
      cursor = s.end;
    }
  }
  let pos = 0;
  let mainMark = null;
  for (const s of chosen) {
    if (s.start > pos) container.append(text.slice(pos, s.start));
    const mark = h("mark", { class: s.main ? "evidence" : "other-evidence" });
    if (s.main) {
      const ts = report.evidence.trigger_start;
      const te = report.evidence.trigger_end;
      if (ts >= s.start && te <= s.end && te > ts) {
        mark.append(text.slice(s.start, ts), h("strong", { class: "trigger", text: text.slice(ts, te) }), text.slice(te, s.end));
      } else {
        mark.append(text.slice(s.start, s.end));
      }
      mainMark = mark;
    } else {
      mark.append(text.slice(s.start, s.end));
      mark.title = `${typeLabel(s.span.plover_type)} (${s.span.modality})`;
    }
    container.append(mark);
    pos = s.end;
  }
  if (pos < text.length) container.append(text.slice(pos));
  return mainMark;
}

function safeLink(url, label) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return h("a", { href: u.href, target: "_blank", rel: "noopener noreferrer", text: label });
    }
  } catch (_) { /* not a URL */ }
  return h("span", { text: label });
}

function row(dl, label, ...value) {
  dl.append(h("dt", { text: label }), h("dd", {}, ...value));
}

export function renderCard(body, detail, loadArticle) {
  body.replaceChildren();
  const ev = detail;
  const head = h("div", { class: "card-type" }, typeChip(ev.plover_type));
  if (ev.acled_event_type) head.append(h("span", { class: "muted", text: ` ACLED: ${ev.acled_event_type}${ev.acled_sub_event_type ? ` / ${ev.acled_sub_event_type}` : ""}` }));
  if (ev.modality !== "asserted") head.append(h("span", { class: "badge warn", text: ev.modality }));
  if (ev.aggregate) head.append(h("span", { class: "badge", text: "aggregate" }));
  body.append(head);

  const dl = h("dl", { class: "facts" });
  const actorList = (list) => list.length ? list.map((a) => `${a.name}${a.sector && a.sector !== "UNK" ? ` (${a.sector})` : ""}`).join(", ") : "—";
  row(dl, "Source actor", actorList(ev.source_actors));
  row(dl, "Target actor", actorList(ev.target_actors));
  const loc = ev.location;
  row(dl, "Place", placeText(loc));
  if (loc && loc.lat !== null && loc.lat !== undefined) {
    row(dl, "Coordinates", `${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}` + (loc.geo_precision ? ` · ${GEO_PRECISION[loc.geo_precision] || `precision ${loc.geo_precision}`}` : ""));
  }
  row(dl, "Date", dateText(ev) + (ev.time_precision ? ` · ${TIME_PRECISION[ev.time_precision] || `precision ${ev.time_precision}`}` : ""));
  const f = ev.fatalities;
  row(dl, "Fatalities", f ? (f.low !== f.high ? `${f.best} (range ${f.low}–${f.high})` : String(f.best)) : "none reported");
  if (ev.injuries) row(dl, "Injured", String(ev.injuries.best));
  row(dl, "Confidence", `${Math.round(ev.confidence * 100)}%`);
  row(dl, "Reports", `${ev.n_reports} report${ev.n_reports === 1 ? "" : "s"} in ${ev.n_articles} article${ev.n_articles === 1 ? "" : "s"}`);
  body.append(dl);

  const sources = h("div", { class: "sources" }, h("h3", { text: "Sources" }));
  const ul = h("ul");
  for (const a of ev.articles) {
    const label = a.title || a.url || a.article_id;
    const li = h("li", {}, a.url ? safeLink(a.url, label) : h("span", { text: label }));
    const meta = [a.source !== a.article_id ? a.source : null, a.published].filter(Boolean).join(" · ");
    if (meta) li.append(h("span", { class: "muted", text: ` — ${meta}` }));
    if (a.duplicate_of) li.append(h("span", { class: "muted", text: " (copy)" }));
    ul.append(li);
  }
  sources.append(ul);
  body.append(sources);

  const evidence = h("div", { class: "evidence-box" }, h("h3", { text: "Evidence" }));
  const reports = ev.reports.length ? ev.reports : [];
  const tabs = h("div", { class: "report-tabs" });
  const textBox = h("div", { class: "article-text", tabindex: 0 });
  const showReport = async (report, btn) => {
    for (const b of tabs.querySelectorAll("button")) b.classList.toggle("active", b === btn);
    textBox.replaceChildren(h("p", { class: "muted", text: "Loading article…" }));
    try {
      const article = await loadArticle(report.article_id);
      const mark = renderArticleText(textBox, article, report);
      if (mark) {
        textBox.scrollTop = Math.max(0, mark.offsetTop - textBox.offsetTop - 40);
      }
    } catch (err) {
      textBox.replaceChildren(h("p", { class: "muted", text: `Cannot load the article: ${err.message}` }));
    }
  };
  const buttons = reports.map((r, i) => {
    const art = ev.articles.find((a) => a.article_id === r.article_id);
    const outlet = art && art.source && art.source !== art.article_id ? art.source : null;
    const label = `Report ${i + 1}${outlet ? ` · ${outlet}` : ""}${r.report_id === ev.lead_report_id ? " (lead)" : ""}`;
    const btn = h("button", { type: "button", text: label });
    btn.title = r.evidence.sentence;
    btn.addEventListener("click", () => showReport(r, btn));
    tabs.append(btn);
    return btn;
  });
  if (reports.length > 1) evidence.append(tabs);
  evidence.append(textBox);
  body.append(evidence);
  if (reports.length) {
    const lead = Math.max(0, reports.findIndex((r) => r.report_id === ev.lead_report_id));
    showReport(reports[lead], buttons[lead]);
  }
  body.append(h("p", { class: "muted small", text: `Event ${ev.event_id} · pipeline ${ev.pipeline_version}` }));
}
