// Draw events on a Leaflet map with no tile server: a plain sea, Natural Earth country
// borders served by Kibaru, and clustered points coloured by type and sized by fatalities.

import { typeColor, typeLabel, TYPE_ORDER } from "./colors.js";

const L = window.L;

function textNode(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

export function radiusFor(fatalities) {
  // Area grows with deaths; an event with no reported deaths stays visible.
  return Math.min(22, 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0)));
}

export class EventMap {
  constructor(el, { onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(el, {
      worldCopyJump: false,
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.5,
      attributionControl: true,
      preferCanvas: false,
    }).setView([15, 0], 4);
    // Borders, then country names, then events (Leaflet's overlay pane is 400, markers 600).
    this.map.createPane("borders").style.zIndex = 300;
    this.map.createPane("countryLabels").style.zIndex = 350;
    this.map.attributionControl.setPrefix("");
    this.map.attributionControl.addAttribution("Borders: Natural Earth");
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      spiderfyOnMaxZoom: true,
      chunkedLoading: true,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    });
    this.map.addLayer(this.clusters);
    this.legendEl = document.getElementById("map-legend");
    this.fitted = false;
    this.count = 0;
  }

  async loadBorders() {
    const resp = await fetch("/static/borders.geojson");
    if (!resp.ok) throw new Error("country borders unavailable");
    const data = await resp.json();
    this.borders = L.geoJSON(data, {
      pane: "borders",
      interactive: false,
      style: { color: "#8a97a6", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(this.map);
    this.borders.bringToBack();
    // Country names stand in for the base map a tile server would give.
    this.labels = data.features
      .filter((f) => f.properties.label && f.properties.name)
      .map((f) => L.marker(f.properties.label, {
        pane: "countryLabels",
        interactive: false,
        keyboard: false,
        rank: f.properties.rank,
        icon: L.divIcon({ className: "country-label", html: textNode(f.properties.name), iconSize: null }),
      }));
    this.labelLayer = L.layerGroup().addTo(this.map);
    this.map.on("zoomend", () => this.updateLabels());
    this.updateLabels();
  }

  updateLabels() {
    if (!this.labels) return;
    const zoom = this.map.getZoom();
    // Natural Earth's label rank: 1-2 large countries ... 10 small islands.
    const maxRank = zoom < 3 ? 2 : zoom < 4 ? 3 : zoom < 5 ? 5 : 10;
    this.labelLayer.clearLayers();
    for (const m of this.labels) if (m.options.rank <= maxRank) this.labelLayer.addLayer(m);
  }

  clusterIcon(cluster) {
    const markers = cluster.getAllChildMarkers();
    const byType = new Map();
    let deaths = 0;
    for (const m of markers) {
      byType.set(m.options.kType, (byType.get(m.options.kType) || 0) + 1);
      deaths += m.options.kDeaths || 0;
    }
    let top = null;
    for (const [t, n] of byType) if (!top || n > byType.get(top)) top = t;
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 100 ? 36 : 44;
    const div = document.createElement("div");
    div.className = "cluster-inner";
    div.style.borderColor = typeColor(top);
    const span = document.createElement("span");
    span.textContent = n;
    div.append(span);
    return L.divIcon({
      html: div,
      className: "kb-cluster",
      iconSize: L.point(size, size),
    });
  }

  renderLegend(types) {
    const div = this.legendEl;
    div.replaceChildren();
    const group = (title) => {
      const g = document.createElement("span");
      g.className = "legend-group";
      const t = document.createElement("span");
      t.className = "legend-title";
      t.textContent = title;
      g.append(t);
      div.append(g);
      return g;
    };
    const typesGroup = group("Type");
    for (const t of TYPE_ORDER.filter((t) => types.has(t))) {
      const row = document.createElement("span");
      row.className = "legend-row";
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = typeColor(t);
      row.append(dot, typeLabel(t));
      typesGroup.append(row);
    }
    const sizes = group("Killed");
    for (const f of [0, 10, 50]) {
      const item = document.createElement("span");
      item.className = "legend-row";
      const c = document.createElement("span");
      c.className = "size-dot";
      const r = radiusFor(f);
      c.style.width = c.style.height = `${2 * r}px`;
      item.append(c, String(f));
      sizes.append(item);
    }
    const clusters = group("");
    const c = document.createElement("span");
    c.className = "legend-row";
    const icon = document.createElement("span");
    icon.className = "cluster-sample";
    icon.textContent = "3";
    c.append(icon, "cluster (ring: main type)");
    clusters.append(c);
  }

  // points: [[event_id, lat, lon, type, fatalities], ...]
  setPoints(data) {
    this.clusters.clearLayers();
    const markers = [];
    const types = new Set();
    for (const [id, lat, lon, type, deaths] of data.points) {
      types.add(type);
      const m = L.circleMarker([lat, lon], {
        radius: radiusFor(deaths),
        color: "#ffffff",
        weight: 1,
        fillColor: typeColor(type),
        fillOpacity: 0.85,
        kType: type,
        kDeaths: deaths,
        kId: id,
      });
      // Leaflet puts string content in as HTML; database text goes in as a text node.
      m.bindTooltip(textNode(`${typeLabel(type)}${deaths ? ` · ${deaths} killed` : ""}`), { direction: "top" });
      m.on("click", () => this.onSelect(id));
      markers.push(m);
    }
    this.clusters.addLayers(markers);
    this.count = markers.length;
    this.renderLegend(types);
    if (markers.length && !this.fitted) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      this.map.fitBounds(bounds.pad(0.25), { maxZoom: 7 });
      this.fitted = true;
    }
    const note = document.getElementById("map-note");
    if (note) {
      note.textContent = `${data.located.toLocaleString()} located events` +
        (data.truncated ? ` (newest ${markers.length.toLocaleString()} drawn)` : "") +
        (data.unlocated ? ` · ${data.unlocated.toLocaleString()} without coordinates` : "");
    }
  }

  refit() {
    this.fitted = false;
  }
}
