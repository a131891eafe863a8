// Hold the dashboard's filter state, mirror it in the form and the URL hash, and tell the
// views when it changes. Every view reads the same state, so the map, timeline, network and
// table always show the same events.

import { typeColor, typeLabel, TYPE_ORDER } from "./colors.js";

const KEYS = ["since", "until", "country", "type", "actor", "text", "modality"];
const TEXT_DELAY_MS = 350;

export function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

export class Filters {
  constructor(form, { onChange }) {
    this.form = form;
    this.onChange = onChange;
    this.state = readHash();
    this.timer = null;
    this.writeForm();
    form.addEventListener("change", (ev) => {
      if (ev.target.name === "actor" || ev.target.name === "text") return this.schedule();
      this.readForm();
    });
    form.addEventListener("input", (ev) => {
      if (ev.target.name === "actor" || ev.target.name === "text") this.schedule();
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); this.readForm(); });
    form.addEventListener("reset", (ev) => {
      ev.preventDefault();
      this.replace({});
    });
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.readForm(), TEXT_DELAY_MS);
  }

  readForm() {
    const next = {};
    for (const key of KEYS) {
      const el = this.form.elements.namedItem(key);
      if (el && el.value.trim()) next[key] = el.value.trim();
    }
    if (next.since && next.until && next.since > next.until) {
      [next.since, next.until] = [next.until, next.since];
    }
    this.replace(next, { fromForm: true });
  }

  writeForm() {
    for (const key of KEYS) {
      const el = this.form.elements.namedItem(key);
      if (el) el.value = this.state[key] || "";
    }
    this.describe();
  }

  // Change some keys (null/"" removes one) and notify the views.
  set(partial) {
    const next = { ...this.state };
    for (const [key, value] of Object.entries(partial)) {
      if (value === null || value === undefined || value === "") delete next[key];
      else next[key] = value;
    }
    this.replace(next);
  }

  replace(next, { fromForm = false } = {}) {
    const same = KEYS.every((k) => (this.state[k] || "") === (next[k] || ""));
    this.state = next;
    if (!fromForm) this.writeForm(); else this.describe();
    const params = new URLSearchParams();
    for (const key of KEYS) if (next[key]) params.set(key, next[key]);
    const hash = params.toString();
    history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
    if (!same) this.onChange(this.state);
  }

  describe() {
    const out = this.form.querySelector("#active-filters");
    if (!out) return;
    const parts = [];
    if (this.state.since || this.state.until) {
      parts.push(`${this.state.since || "…"} to ${this.state.until || "…"}`);
    }
    for (const key of ["country", "type", "actor", "text"]) {
      if (this.state[key]) parts.push(`${key}: ${this.state[key]}`);
    }
    out.textContent = parts.length ? `Showing ${parts.join(" · ")}` : "Showing all events";
  }

  // Fill the select boxes from /api/meta.
  populate(meta) {
    setCountryNames(meta.countries);
    const country = this.form.elements.namedItem("country");
    for (const c of meta.countries) {
      const opt = document.createElement("option");
      opt.value = c.value;
      opt.textContent = `${c.name || c.value} (${c.events})`;
      country.append(opt);
    }
    const type = this.form.elements.namedItem("type");
    const present = new Map(meta.types.map((t) => [t.value, t.events]));
    for (const t of TYPE_ORDER) {
      if (!present.has(t)) continue;
      const opt = document.createElement("option");
      opt.value = t;
      opt.textContent = `${typeLabel(t)} (${present.get(t)})`;
      type.append(opt);
    }
    if (meta.first_date) {
      for (const key of ["since", "until"]) {
        const el = this.form.elements.namedItem(key);
        el.min = meta.first_date;
        el.max = meta.last_date;
      }
    }
    this.writeForm();
  }

  populateActors(actors) {
    const list = document.getElementById("actor-names");
    list.replaceChildren(...actors.map((a) => {
      const opt = document.createElement("option");
      opt.value = a.name;
      return opt;
    }));
  }
}

// The type legend in the sidebar doubles as a type filter: click a type to show only it.
export function renderTypeLegend(ul, types, filters) {
  const counts = new Map(types.map((t) => [t.value, t.events]));
  ul.replaceChildren();
  for (const t of TYPE_ORDER) {
    if (!counts.has(t)) continue;
    const li = document.createElement("li");
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "legend-item" + (filters.state.type === t ? " active" : "");
    btn.dataset.type = t;
    const sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.background = typeColor(t);
    const name = document.createElement("span");
    name.className = "legend-name";
    name.textContent = typeLabel(t);
    const n = document.createElement("span");
    n.className = "legend-count";
    n.textContent = counts.get(t).toLocaleString();
    btn.append(sw, name, n);
    btn.title = filters.state.type === t ? "Show all types" : `Show only ${typeLabel(t)} events`;
    btn.addEventListener("click", () => filters.set({ type: filters.state.type === t ? null : t }));
    li.append(btn);
    ul.append(li);
  }
}

let regionNames = null;
const knownNames = new Map();

// Remember readable country names from /api/meta (codes are ISO 3166-1 alpha-3).
export function setCountryNames(list) {
  for (const c of list) if (c.name) knownNames.set(c.value, c.name);
}

export function countryName(code) {
  if (!code) return "";
  if (knownNames.has(code)) return knownNames.get(code);
  try {
    regionNames ||= new Intl.DisplayNames(["en"], { type: "region" });
    return code.length === 2 ? regionNames.of(code.toUpperCase()) || code : code;
  } catch (_) {
    return code;
  }
}
