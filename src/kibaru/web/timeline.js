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

export class Timeline {
  constructor(el, { onBrush }) {
    this.el = el;
    this.onBrush = onBrush;
    this.selection = null;
    this.weeks = [];
  }

  // rows: [{period, type, events, fatalities}] with period = Monday of the week.
  render(rows, selection) {
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
    const start = times[0];
    const end = times[times.length - 1] + 7 * DAY;
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
    const barW = Math.max(1, innerW / all.length - (all.length > 60 ? 0.5 : 1.5));
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
    // Month ticks.
    const ticks = el("g", { class: "ticks" }, svg);
    const first = new Date(start);
    let tick = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    const months = (end - start) / (30 * DAY);
    const step = months > 36 ? 12 : months > 18 ? 3 : months > 8 ? 2 : 1;
    let drawn = 0;
    while (tick < end && drawn < 40) {
      const d = new Date(tick);
      if (d.getUTCMonth() % step === 0) {
        const tx = x(tick);
        el("line", { x1: tx, x2: tx, y1: height - m.b, y2: height - m.b + 4 }, ticks);
        const lab = el("text", { x: tx, y: height - 6, "text-anchor": "middle" }, ticks);
        lab.textContent = d.toLocaleDateString("en", { month: "short", year: step >= 12 || d.getUTCMonth() === 0 ? "numeric" : undefined, timeZone: "UTC" });
        drawn += 1;
      }
      tick = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
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
