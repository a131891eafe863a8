// Draw events per week stacked by type, and fatalities per week, as SVG. Dragging across
// the chart selects a period, which becomes the date filter of the map, network and table.

import { typeColor, typeLabel, TYPE_ORDER } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.append(node);
  return node;
}

function parseDay(s) {
  const [y, m, d] = s.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fmtDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

function niceMax(v) {
  if (v <= 6) return Math.max(2, 2 * Math.ceil(v / 2));
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const LONG_SPAN = 5 * 365 * DAY;

// Return [first week, last week, {events, first, last} left out]. Over a long span, stray
// dates (a "1949" in a history paragraph, a mis-resolved future year) would squeeze the real
// data into a sliver, so the chart keeps the weeks holding the bulk of events (from the 3rd
// to the 99.5th percentile), and always the selected period; "Show all dates" lifts this.
function robustRange(times, weeks, selection, full) {
  const first = times[0];
  const last = times[times.length - 1];
  const none = { events: 0 };
  if (full || last - first <= LONG_SPAN) return [first, last, none];
  const total = times.reduce((n, t) => n + weeks.get(t).total, 0);
  let seen = 0;
  let lo = null;
  let hi = last;
  for (const t of times) {
    seen += weeks.get(t).total;
    // Old dates are mostly history recalled in an article; the cut is wider at that end.
    if (lo === null && seen > total * 0.03) lo = t;
    if (seen >= total * 0.995) { hi = t; break; }
  }
  const weekOf = (day) => { const d = parseDay(day); return d - ((d - first) % (7 * DAY)); };
  if (selection && selection.since) lo = Math.min(lo, weekOf(selection.since));
  if (selection && selection.until) hi = Math.max(hi, weekOf(selection.until));
  lo = Math.max(first, lo);
  hi = Math.min(last, hi);
  const out = times.filter((t) => t < lo || t > hi);
  if (!out.length) return [first, last, none];
  return [lo, hi, {
    events: out.reduce((n, t) => n + weeks.get(t).total, 0),
    first: fmtDay(out[0]),
    last: fmtDay(out[out.length - 1] + 6 * DAY),
  }];
}

export class Timeline {
  constructor(el, { onBrush, toggle }) {
    this.el = el;
    this.onBrush = onBrush;
    this.selection = null;
    this.weeks = [];
    this.full = false;
    this.toggle = toggle;
    toggle.addEventListener("click", () => {
      this.full = !this.full;
      if (this.rows) this.render(this.rows, this.selection);
    });
  }

  // rows: [{period, type, events, fatalities}] with period = Monday of the week.
  render(rows, selection) {
    this.rows = rows;
    this.selection = selection;
    const weeks = new Map();
    for (const r of rows) {
      const t = parseDay(r.period);
      if (!weeks.has(t)) weeks.set(t, { t, total: 0, deaths: 0, types: new Map() });
      const w = weeks.get(t);
      w.total += r.events;
      w.deaths += r.fatalities;
      w.types.set(r.type, (w.types.get(r.type) || 0) + r.events);
    }
    this.el.replaceChildren();
    if (!weeks.size) {
      const p = document.createElement("p");
      p.className = "empty";
      p.textContent = "No dated events match these filters.";
      this.el.append(p);
      return;
    }
    const times = [...weeks.keys()].sort((a, b) => a - b);
    let [start, lastWeek, outside] = robustRange(times, weeks, selection, this.full);
    // A few weeks of data still get a readable axis: show at least a quarter around them.
    const span = Math.round((lastWeek - start) / (7 * DAY)) + 1;
    if (span < 13) {
      const pad = Math.ceil((13 - span) / 2) * 7 * DAY;
      start -= pad;
      lastWeek += pad;
    }
    this.toggle.hidden = !outside.events && !this.full;
    this.toggle.textContent = this.full ? "Focus on the bulk of dates" : "Show all dates";
    const end = lastWeek + 7 * DAY;
    for (const t of times) if (t < start || t > lastWeek) weeks.delete(t);
    // Fill empty weeks so that gaps read as gaps.
    const all = [];
    for (let t = start; t < end; t += 7 * DAY) all.push(weeks.get(t) || { t, total: 0, deaths: 0, types: new Map() });
    this.weeks = all;

    const width = Math.max(320, this.el.clientWidth || 800);
    const height = 190;
    const m = { l: 44, r: 12, t: 8, b: 22 };
    const gap = 6;
    const h1 = 108;
    const h2 = height - m.t - m.b - h1 - gap;
    const innerW = width - m.l - m.r;
    const x = (t) => m.l + ((t - start) / (end - start)) * innerW;
    const barW = Math.min(28, Math.max(1, innerW / all.length - (all.length > 60 ? 0.5 : 1.5)));
    const maxEvents = niceMax(Math.max(...all.map((w) => w.total)));
    const maxDeaths = niceMax(Math.max(1, ...all.map((w) => w.deaths)));

    const svg = el("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "timeline-svg", role: "img",
      "aria-label": "Events and fatalities per week" });
    this.svg = svg;
    // Axes and grid.
    const grid = el("g", { class: "grid" }, svg);
    for (const f of [0, 0.5, 1]) {
      const v = f * maxEvents;
      if (!Number.isInteger(v)) continue;
      const y = m.t + h1 - f * h1;
      el("line", { x1: m.l, x2: width - m.r, y1: y, y2: y }, grid);
      if (f === 0) continue;
      const lab = el("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, grid);
      lab.textContent = v.toLocaleString();
    }
    const yLab = el("text", { x: 10, y: m.t + h1 / 2, transform: `rotate(-90 10 ${m.t + h1 / 2})`, "text-anchor": "middle", class: "axis-title" }, svg);
    yLab.textContent = "events";
    const y2 = m.t + h1 + gap;
    el("line", { x1: m.l, x2: width - m.r, y1: y2 + h2, y2: y2 + h2, class: "baseline" }, grid);
    const dLab = el("text", { x: m.l - 6, y: y2 + 10, "text-anchor": "end" }, grid);
    dLab.textContent = maxDeaths.toLocaleString();
    const d2 = el("text", { x: 10, y: y2 + h2 / 2, transform: `rotate(-90 10 ${y2 + h2 / 2})`, "text-anchor": "middle", class: "axis-title" }, svg);
    d2.textContent = "killed";

    // Stacked bars.
    const bars = el("g", { class: "bars" }, svg);
    for (const w of all) {
      let y = m.t + h1;
      for (const type of TYPE_ORDER) {
        const n = w.types.get(type);
        if (!n) continue;
        const h = (n / maxEvents) * h1;
        y -= h;
        const r = el("rect", { x: x(w.t) + 0.5, y, width: barW, height: Math.max(0.5, h), fill: typeColor(type) }, bars);
        const title = el("title", {}, r);
        title.textContent = `Week of ${fmtDay(w.t)}: ${n} ${typeLabel(type)} (${w.total} events, ${w.deaths} killed)`;
      }
      if (w.deaths) {
        const h = (w.deaths / maxDeaths) * h2;
        const r = el("rect", { x: x(w.t) + 0.5, y: y2 + h2 - h, width: barW, height: h, class: "deaths" }, bars);
        const title = el("title", {}, r);
        title.textContent = `Week of ${fmtDay(w.t)}: ${w.deaths} killed`;
      }
    }
    // Month ticks, as many as fit (one label per ~70 px).
    const ticks = el("g", { class: "ticks" }, svg);
    const first = new Date(start);
    let tick = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    const months = (end - start) / (30.44 * DAY);
    const fit = Math.max(2, Math.floor(innerW / 70));
    const step = [1, 2, 3, 6, 12, 24, 60, 120, 240].find((n) => months / n <= fit) || 240;
    let drawn = 0;
    while (tick < end) {
      const d = new Date(tick);
      const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth();
      if (monthIndex % step === 0) {
        const tx = x(tick);
        el("line", { x1: tx, x2: tx, y1: height - m.b, y2: height - m.b + 4 }, ticks);
        const lab = el("text", { x: tx, y: height - 6, "text-anchor": "middle" }, ticks);
        lab.textContent = step >= 12 ? String(d.getUTCFullYear())
          : d.toLocaleDateString("en", { month: "short", year: d.getUTCMonth() === 0 || drawn === 0 ? "numeric" : undefined, timeZone: "UTC" });
        drawn += 1;
      }
      tick = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    if (outside.events) {
      const note = el("text", { x: width - m.r, y: m.t + 10, "text-anchor": "end", class: "outside-note" }, svg);
      note.textContent = `${outside.events} event${outside.events === 1 ? "" : "s"} dated ${outside.first.slice(0, 4)}–${outside.last.slice(0, 4)} outside this range`;
    }
    if (drawn === 0) {
      const lab = el("text", { x: m.l, y: height - 6 }, ticks);
      lab.textContent = fmtDay(start);
    }

    // Brush.
    const brush = el("rect", { class: "brush", y: m.t, height: h1 + gap + h2, x: 0, width: 0, visibility: "hidden" }, svg);
    const overlay = el("rect", { class: "overlay", x: m.l, y: m.t, width: innerW, height: h1 + gap + h2 }, svg);
    const toTime = (px) => start + ((px - m.l) / innerW) * (end - start);
    const showSel = (a, b) => {
      const xa = Math.max(m.l, Math.min(a, b));
      const xb = Math.min(width - m.r, Math.max(a, b));
      brush.setAttribute("x", xa);
      brush.setAttribute("width", Math.max(1, xb - xa));
      brush.setAttribute("visibility", "visible");
    };
    if (selection && (selection.since || selection.until)) {
      const a = selection.since ? parseDay(selection.since) : start;
      const b = selection.until ? parseDay(selection.until) + DAY : end;
      showSel(x(Math.max(a, start)), x(Math.min(b, end)));
    }
    let dragStart = null;
    const px = (ev) => {
      const rect = svg.getBoundingClientRect();
      return ((ev.clientX - rect.left) / rect.width) * width;
    };
    overlay.addEventListener("pointerdown", (ev) => {
      dragStart = px(ev);
      overlay.setPointerCapture(ev.pointerId);
      showSel(dragStart, dragStart + 1);
    });
    overlay.addEventListener("pointermove", (ev) => {
      if (dragStart !== null) showSel(dragStart, px(ev));
    });
    overlay.addEventListener("pointerup", (ev) => {
      if (dragStart === null) return;
      const a = Math.min(dragStart, px(ev));
      const b = Math.max(dragStart, px(ev));
      dragStart = null;
      if (b - a < 3) {
        // A click selects its week.
        const t = toTime(a);
        const w = all.find((w) => t >= w.t && t < w.t + 7 * DAY);
        if (w) this.onBrush(fmtDay(w.t), fmtDay(w.t + 6 * DAY));
        return;
      }
      const ta = Math.max(start, toTime(a));
      const tb = Math.min(end - DAY, toTime(b));
      // Snap to whole weeks.
      const sa = start + Math.floor((ta - start) / (7 * DAY)) * 7 * DAY;
      const sb = start + Math.ceil((tb - start + 1) / (7 * DAY)) * 7 * DAY - DAY;
      this.onBrush(fmtDay(sa), fmtDay(Math.min(sb, end - DAY)));
    });
    this.el.append(svg);
  }
}
