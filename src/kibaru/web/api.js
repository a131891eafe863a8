// Talk to Kibaru's public JSON API: the dashboard is just another client of it.

export class ApiError extends Error {
  constructor(status, body) {
    const err = body && body.error ? body.error : null;
    super(err ? err.message : `request failed (${status})`);
    this.status = status;
    this.code = err ? err.code : "http_error";
    this.details = err ? err.details : [];
  }
}

// Filter keys the API understands, in the order they appear in URLs.
const FILTER_KEYS = ["since", "until", "country", "type", "actor", "text", "modality", "bbox"];

export function filterParams(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, value);
  }
  return params;
}

const inflight = new Map();

// GET a JSON document; a newer request under the same `slot` aborts the older one.
export async function getJSON(path, params, slot) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  let signal;
  if (slot) {
    if (inflight.has(slot)) inflight.get(slot).abort();
    const ctrl = new AbortController();
    inflight.set(slot, ctrl);
    signal = ctrl.signal;
  }
  const resp = await fetch(url, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try { body = await resp.json(); } catch (_) { body = null; }
  if (slot && inflight.get(slot)?.signal === signal) inflight.delete(slot);
  if (!resp.ok) throw new ApiError(resp.status, body);
  return body;
}

export const api = {
  meta: () => getJSON("/api/meta"),
  events: (filters, limit, offset) =>
    getJSON("/api/events", filterParams(filters, { limit, offset }), "events"),
  eventsPage: (url) => getJSON(url, null, "events"),
  event: (id) => getJSON(`/api/events/${encodeURIComponent(id)}`, null, "event"),
  article: (id) => getJSON(`/api/articles/${encodeURIComponent(id)}`, null, "article"),
  points: (filters) => getJSON("/api/points", filterParams(filters), "points"),
  aggregates: (filters, interval, by, slot = "aggregates") =>
    getJSON("/api/aggregates", filterParams(filters, { interval, by }), slot),
  network: (filters, limit) =>
    getJSON("/api/actors/network", filterParams(filters, { limit }), "network"),
  actors: (filters, limit) => getJSON("/api/actors", filterParams(filters, { limit }), "actors"),
};

export function isAbort(err) {
  return err && err.name === "AbortError";
}
