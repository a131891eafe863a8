// Draw who acted on whom: actors as nodes sized by events, links coloured by their most
// frequent event type and widened by count. A small force layout runs to rest before
// drawing (no animation), so the picture is stable and cheap to compute.

import { typeColor, typeLabel } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.append(node);
  return node;
}

// Deterministic pseudo-random numbers, so a layout does not jump between reloads.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

export function layout(nodes, links, width, height, iterations = 300) {
  const rand = rng(nodes.length * 7919 + links.length);
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
    return { x: width / 2 + (width / 3) * Math.cos(a) * (0.5 + rand()), y: height / 2 + (height / 3) * Math.sin(a) * (0.5 + rand()), vx: 0, vy: 0 };
  });
  const edges = links.map((l) => [index.get(l.source), index.get(l.target), l.events]).filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.75;
  for (let it = 0; it < iterations; it++) {
    const temp = 1 - it / iterations;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = rand() - 0.5; dy = rand() - 0.5; d2 = 0.01; }
        const f = (k * k) / d2;
        pos[i].vx += dx * f * 0.05; pos[i].vy += dy * f * 0.05;
        pos[j].vx -= dx * f * 0.05; pos[j].vy -= dy * f * 0.05;
      }
    }
    for (const [a, b] of edges) {
      const dx = pos[b].x - pos[a].x;
      const dy = pos[b].y - pos[a].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k) / d) * 0.08;
      pos[a].vx += dx * f; pos[a].vy += dy * f;
      pos[b].vx -= dx * f; pos[b].vy -= dy * f;
    }
    for (const p of pos) {
      // Gravity keeps separate groups of actors near each other.
      p.vx += (width / 2 - p.x) * 0.04;
      p.vy += (height / 2 - p.y) * 0.04;
      const v = Math.sqrt(p.vx * p.vx + p.vy * p.vy);
      const cap = 20 * temp + 1;
      if (v > cap) { p.vx *= cap / v; p.vy *= cap / v; }
      p.x += p.vx; p.y += p.vy;
      p.vx *= 0.5; p.vy *= 0.5;
    }
  }
  // Fit the drawing into the box.
  // Wider margins left and right leave room for labels.
  const padX = Math.min(90, width * 0.15);
  const padY = 34;
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (width - 2 * padX) / Math.max(1, x1 - x0);
  const sy = (height - 2 * padY) / Math.max(1, y1 - y0);
  const s = Math.min(sx, sy, 2);
  const ox = (width - (x1 - x0) * s) / 2;
  const oy = (height - (y1 - y0) * s) / 2;
  return pos.map((p) => ({ x: ox + (p.x - x0) * s, y: oy + (p.y - y0) * s }));
}

const CHAR_W = 6.2;

function overlaps(a, b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// Put a label right of its node, else left, else nowhere; return where it went.
function placeLabel(p, r, label, width, placed, nodeBoxes) {
  const w = label.length * CHAR_W;
  const right = { anchor: "start", anchorX: p.x + r + 3, x0: p.x + r + 3, x1: p.x + r + 3 + w };
  const left = { anchor: "end", anchorX: p.x - r - 3, x0: p.x - r - 3 - w, x1: p.x - r - 3 };
  // Outward first: a label on the outer side of the drawing crosses fewer links.
  const tries = p.x < width / 2 ? [left, right] : [right, left];
  const mid = { anchor: "middle", anchorX: p.x, x0: p.x - w / 2, x1: p.x + w / 2 };
  tries.push({ ...mid, dy: -r - 4 }, { ...mid, dy: r + 12 });
  // First a place clear of nodes and labels; failing that, one clear of labels only.
  for (const avoid of [[...placed, ...nodeBoxes], placed]) {
    for (const t of tries) {
      const dy = t.dy ?? 4;
      const box = { ...t, dy, y0: p.y + dy - 11, y1: p.y + dy + 3 };
      if (box.x0 < 2 || box.x1 > width - 2) continue;
      if (avoid.some((b) => overlaps(b, box))) continue;
      placed.push(box);
      return box;
    }
  }
  return null;
}

function topType(byType) {
  let best = null;
  for (const [t, n] of Object.entries(byType)) if (!best || n > byType[best]) best = t;
  return best;
}

export class Network {
  constructor(el, { onSelect }) {
    this.el = el;
    this.onSelect = onSelect;
  }

  render(data, selected) {
    this.el.replaceChildren();
    if (!data.nodes.length) {
      const p = document.createElement("p");
      p.className = "empty";
      p.textContent = "No actor pairs in these events.";
      this.el.append(p);
      return;
    }
    const width = Math.max(280, this.el.clientWidth || 400);
    const height = Math.max(240, this.el.clientHeight || 360);
    const pos = layout(data.nodes, data.links, width, height);
    const at = new Map(data.nodes.map((n, i) => [n.id, pos[i]]));
    const maxEv = Math.max(...data.nodes.map((n) => n.events));
    const maxLink = Math.max(1, ...data.links.map((l) => l.events));
    const svg = el("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "network-svg", role: "img", "aria-label": "Actor network" });
    const defs = el("defs", {}, svg);
    const used = new Set(data.links.map((l) => topType(l.by_type)));
    for (const t of used) {
      // Fixed-size arrowheads: with the default units they would grow with the link's width.
      const mk = el("marker", { id: `arrow-${t}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      el("path", { d: "M0,0 L10,5 L0,10 z", fill: typeColor(t) }, mk);
    }
    const radius = (n) => 4 + 10 * Math.sqrt(n.events / maxEv);
    const rOf = new Map(data.nodes.map((n) => [n.id, radius(n)]));
    const gLinks = el("g", { class: "links" }, svg);
    for (const l of data.links) {
      const a = at.get(l.source);
      const b = at.get(l.target);
      if (!a || !b || l.source === l.target) continue;
      const t = topType(l.by_type);
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const rb = rOf.get(l.target) + 2;
      const line = el("line", {
        x1: a.x, y1: a.y, x2: b.x - (dx / d) * rb, y2: b.y - (dy / d) * rb,
        stroke: typeColor(t), "stroke-width": 1 + 3 * Math.sqrt(l.events / maxLink),
        "stroke-opacity": 0.7, "marker-end": `url(#arrow-${t})`,
      }, gLinks);
      const title = el("title", {}, line);
      const parts = Object.entries(l.by_type).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${v} ${typeLabel(k)}`);
      title.textContent = `${l.source} → ${l.target}: ${parts.join(", ")}`;
    }
    const gNodes = el("g", { class: "nodes" }, svg);
    const gLabels = el("g", { class: "labels" }, svg);  // above every node
    // Bigger actors claim label room first; a label that would overlap is left to the tooltip.
    // Labels keep clear of nodes where they can, never overlap another label, and may cross
    // links (their white halo keeps them legible).
    const placed = [];
    const nodeBoxes = data.nodes.map((n, i) => {
      const r = rOf.get(n.id) + 1;
      return { x0: pos[i].x - r, x1: pos[i].x + r, y0: pos[i].y - r, y1: pos[i].y + r };
    });
    const order = [...data.nodes.keys()].sort((a, b) => data.nodes[b].events - data.nodes[a].events);
    const labelled = new Set([...data.nodes].sort((a, b) => b.events - a.events).slice(0, 20).map((n) => n.id));
    for (const i of order) {
      const n = data.nodes[i];
      const p = pos[i];
      const g = el("g", { class: "node" + (selected === n.id ? " selected" : ""), transform: `translate(${p.x},${p.y})`, tabindex: 0, role: "button" }, gNodes);
      g.dataset.actor = n.id;
      el("circle", { r: rOf.get(n.id) }, g);
      const title = el("title", {}, g);
      title.textContent = `${n.id}: ${n.events} events — click to ${selected === n.id ? "clear the actor filter" : "filter by this actor"}`;
      if (labelled.has(n.id) || selected === n.id) {
        const label = n.id.length > 28 ? `${n.id.slice(0, 27)}…` : n.id;
        const box = placeLabel(p, rOf.get(n.id), label, width, placed, nodeBoxes);
        if (box) {
          const text = el("text", { x: box.anchorX, y: p.y + box.dy, "text-anchor": box.anchor }, gLabels);
          text.textContent = label;
          text.dataset.actor = n.id;
        }
      }
      const pick = () => this.onSelect(selected === n.id ? null : n.id);
      g.addEventListener("click", pick);
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
    }
    this.el.append(svg);
  }
}
