/* dateline explorer: a single page over the store's HTTP API (same origin, /api/...).
 *
 * Plain JavaScript, no build step. Leaflet, leaflet.markercluster and topojson-client are vendored under
 * /static/vendor (see scripts/vendor_web.py); nothing is loaded from anywhere else.
 *
 * Views (hash routing): #/?filters (map), #/quotes?speaker=&text=, #/article/ID, #/entity/ID.
 * Every piece of text from the server goes into the page as a text node (see h()); nothing is parsed as HTML.
 */
"use strict";

// ---------------------------------------------------------------------------------------------------------
// Small helpers

const $ = (selector, root = document) => root.querySelector(selector);

/** Make an element. Children that are not Nodes become text nodes, so no server text is ever parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return appendAll(el, children);
}

/** Append children (nested arrays flattened; null, undefined and false left out). */
function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

/** Replace an element's children. */
function fill(el, ...children) {
  el.replaceChildren();
  return appendAll(el, children);
}

const plural = (n, word) => `${n ?? 0} ${word}${Number(n) === 1 ? "" : "s"}`;
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const day = (value) => (value ? String(value).slice(0, 10) : "");
const articleHref = (id) => `#/article/${encodeURIComponent(id)}`;
const entityHref = (id) => `#/entity/${encodeURIComponent(id)}`;

/** A list value that may arrive as an array, a JSON-encoded array (GeoJSON properties) or one string. */
function asList(value) {
  if (Array.isArray(value)) return value;
  if (typeof value === "string" && value.startsWith("[")) {
    try { return JSON.parse(value); } catch { /* fall through: take it as one name */ }
  }
  return value ? [value] : [];
}

/** Actors as names (with a link to the entity when the actor object has an entity_id). */
function actorNodes(actors) {
  const parts = [];
  for (const actor of asList(actors)) {
    const name = typeof actor === "string" ? actor : actor?.name;
    if (!name) continue;
    if (parts.length) parts.push(", ");
    parts.push(actor?.entity_id ? h("a", { href: entityHref(actor.entity_id) }, name) : name);
  }
  return parts;
}

/** "actors → recipients", or null when neither is known. */
function actorsLine(actors, recipients) {
  const who = actorNodes(actors), whom = actorNodes(recipients);
  if (!who.length && !whom.length) return null;
  return h("p", { class: "actors" }, who.length ? who : "?", whom.length ? [" → ", whom] : null);
}

/** A link to an external page, only for http(s) URLs. */
function externalLink(url, text) {
  if (!/^https?:\/\//i.test(url || "")) return url ? String(url) : null;
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, text || url);
}

/** A definition list from [label, value] pairs; pairs with an empty value are left out. */
function definitionList(rows) {
  const dl = h("dl", { class: "facts" });
  for (const [label, value] of rows) {
    const empty = value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
    if (!empty) dl.append(h("dt", {}, label), h("dd", {}, value));
  }
  return dl;
}

// ---------------------------------------------------------------------------------------------------------
// Status area and API calls

function setStatus(message, kind = "info") {
  const el = $("#status");
  el.textContent = message || "";
  el.dataset.kind = kind;
}

/** GET a JSON answer; a 4xx/5xx answer throws an Error carrying the server's {"error": message}. */
async function api(path, params) {
  const query = params ? params.toString() : "";
  let response;
  try {
    response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  } catch {
    throw new Error("Could not reach the server.");
  }
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: reported below */ }
  if (!response.ok) {
    const message = body && typeof body.error === "string" ? body.error : response.statusText || "request failed";
    throw new Error(`${message} (HTTP ${response.status})`);
  }
  if (body === null) throw new Error(`${path} did not answer with JSON.`);
  return body;
}

function setReady(ready) {
  document.body.dataset.ready = ready ? "1" : "0";
}

// ---------------------------------------------------------------------------------------------------------
// PLOVER types: a fixed colour and a short label for each (the label keeps markers readable without colour)

const TYPE_STYLE = {
  AGREE: ["#1a7f37", "AGR"], CONSULT: ["#2e9e8f", "CNS"], SUPPORT: ["#66a61e", "SUP"],
  CONCEDE: ["#8c9f1c", "CCD"], COOPERATE: ["#1f78b4", "COO"], AID: ["#56b4e9", "AID"],
  RETREAT: ["#a6cee3", "RET"], REQUEST: ["#6a3d9a", "REQ"], ACCUSE: ["#e6ab02", "ACC"],
  REJECT: ["#b15928", "REJ"], THREATEN: ["#ff7f00", "THR"], PROTEST: ["#e7298a", "PRO"],
  SANCTION: ["#984ea3", "SAN"], MOBILIZE: ["#fb9a99", "MOB"], COERCE: ["#a50f15", "CRC"],
  ASSAULT: ["#e31a1c", "ASL"],
};
const typeColour = (type) => (TYPE_STYLE[type] || ["#6b6b6b"])[0];
const typeAbbr = (type) => (TYPE_STYLE[type] || [null, String(type || "?").slice(0, 3)])[1];

/** A colour swatch plus the short label: the type never depends on colour alone. */
function typeBadge(type) {
  return h("span", { class: "badge", title: type || "unknown type" },
    h("span", { class: "swatch", style: `background:${typeColour(type)}`, "aria-hidden": "true" }),
    typeAbbr(type));
}

// ---------------------------------------------------------------------------------------------------------
// Routing

const FILTERS = ["type", "actor", "country", "modality", "text", "since", "until"];
const PASSTHROUGH = ["story", "near", "km"]; // filters a link may set that the form does not show

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const params = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  let parts;
  try {
    parts = (q < 0 ? raw : raw.slice(0, q)).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    parts = ["?"];
  }
  return { parts, params };
}

function route() {
  const { parts, params } = parseHash();
  const [view, id] = parts;
  if (!view) showMap(params);
  else if (view === "quotes") showQuotes(params);
  else if (view === "article" && id) showArticle(id);
  else if (view === "entity" && id) showEntity(id);
  else {
    showView("notfound");
    setStatus(`There is no page at ${location.hash}.`, "error");
    setReady(true);
  }
}

function showView(name) {
  for (const section of document.querySelectorAll("main > .view")) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** Go to a hash; when it is the current one already, route again (so "Apply" always reloads). */
function navigate(hash) {
  if (location.hash === hash || (hash === "#/" && !location.hash)) {
    lastMapQuery = quotes.query = null;
    route();
  } else {
    location.hash = hash;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Stats: header line and the choices of the type and modality selects

let stats = null;

async function loadStats() {
  try {
    stats = await api("/api/stats");
  } catch (err) {
    setStatus(`Could not load the summary: ${err.message}`, "error");
    return;
  }
  const range = stats.first_day ? ` · ${stats.first_day} to ${stats.last_day}` : "";
  $("#stats-line").textContent =
    `${plural(stats.articles, "article")} · ${plural(stats.clusters, "event cluster")} · ` +
    `${plural(stats.quotes, "quote")} · ${plural(stats.places, "place")}${range}`;
  const form = $("#filters");
  fillSelect(form.elements.type, (stats.types || []).map((t) => [t.type, `${t.type} (${t.n})`]));
  fillSelect(form.elements.modality, (stats.modalities || []).map((m) => [m, m]));
  renderLegend();
}

/** Replace a select's options (after its first "any" option), keeping the current choice. */
function fillSelect(select, choices) {
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const [value, text] of choices) select.append(new Option(text, value));
  setSelect(select, current);
}

/** Select a value, adding it as an option when the list does not have it (a shared link may name one). */
function setSelect(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
  select.value = value || "";
}

// ---------------------------------------------------------------------------------------------------------
// Map view

const GEO_LIMIT = 5000;
let mapState = null; // {map, cluster, byId: cluster_id -> marker, basemap: Promise}
let lastMapQuery = null; // the filters the map shows now (reloading the same ones is skipped)
let mapToken = 0; // answers of an older load that come in late are dropped
let mapBusy = false;
let currentFilters = new URLSearchParams();

/** The API filters in a hash query, without empty values. */
function filterParams(params) {
  const out = new URLSearchParams();
  for (const key of [...FILTERS, ...PASSTHROUGH]) {
    const value = (params.get(key) || "").trim();
    if (value) out.set(key, value);
  }
  return out;
}

function showMap(params) {
  showView("map");
  const filters = filterParams(params);
  currentFilters = filters;
  fillFilterForm(filters);
  ensureMap();
  mapState.map.invalidateSize();
  updateDownloads(filters);
  renderExtras(filters);
  renderLegend();
  if (filters.toString() === lastMapQuery) {
    drawTimeline();
    if (!mapBusy) setReady(true);
    return;
  }
  lastMapQuery = filters.toString();
  loadMapData(filters);
}

function fillFilterForm(filters) {
  const form = $("#filters");
  for (const key of FILTERS) {
    const input = form.elements[key];
    if (input.tagName === "SELECT") setSelect(input, filters.get(key));
    else input.value = filters.get(key) || "";
  }
}

/** Build the hash from the form (keeping the filters the form does not show) and go there. */
function submitFilters(event) {
  if (event) event.preventDefault();
  const form = $("#filters");
  const since = form.elements.since.value, until = form.elements.until.value;
  if (since && until && since > until) {
    setStatus("The 'since' date is after the 'until' date.", "error");
    return;
  }
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    let value = form.elements[key].value.trim();
    if (key === "country") value = value.toUpperCase();
    if (value) params.set(key, value);
  }
  for (const key of PASSTHROUGH) if (currentFilters.get(key)) params.set(key, currentFilters.get(key));
  const query = params.toString();
  navigate(query ? `#/?${query}` : "#/");
}

/** Filters set by a link that the form does not show (a story, a place radius), with a way to drop them. */
function renderExtras(filters) {
  const box = $("#filter-extras");
  const extras = PASSTHROUGH.filter((key) => filters.get(key));
  box.hidden = !extras.length;
  box.replaceChildren();
  if (!extras.length) return;
  box.append("Also filtered by ", extras.map((key) => `${key} = ${filters.get(key)}`).join(", "), " ",
    h("button", {
      type: "button", onclick: () => {
        currentFilters = new URLSearchParams();
        submitFilters();
      },
    }, "Remove"));
}

function updateDownloads(filters) {
  const csv = new URLSearchParams(filters);
  const geo = new URLSearchParams(filters);
  geo.set("limit", String(GEO_LIMIT));
  $("#dl-csv").href = `/api/events.csv${csv.toString() ? `?${csv}` : ""}`;
  $("#dl-geojson").href = `/api/events.geojson?${geo}`;
}

/** Create the Leaflet map once: a world-atlas basemap in its own pane under the markers, no tile layer. */
function ensureMap() {
  if (mapState) return;
  const map = L.map("map", {
    minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false,
    maxBounds: [[-90, -260], [90, 260]], maxBoundsViscosity: 0.8,
  }).setView([20, 10], 2);
  map.attributionControl.setPrefix("Leaflet"); // plain text: the page links nowhere outside
  map.createPane("basemap").style.zIndex = "200";
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  cluster.addTo(map);
  mapState = { map, cluster, byId: new Map(), basemap: loadBasemap(map) };
}

/** Draw the basemap; resolves to null, or to the error message when neither file loaded. */
async function loadBasemap(map) {
  let problem = null;
  const style = { color: "#ffffff", weight: 0.8, fillColor: "#d6d6d6", fillOpacity: 1 };
  for (const [file, object] of [["countries-110m.json", "countries"], ["land-110m.json", "land"]]) {
    try {
      const response = await fetch(`/static/vendor/world-atlas/${file}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const topology = await response.json();
      const shapes = topojson.feature(topology, topology.objects[object]);
      for (const f of shapes.features || [shapes]) f.geometry = unwrapGeometry(f.geometry);
      L.geoJSON(shapes, { pane: "basemap", interactive: false, attribution: "Natural Earth", style }).addTo(map);
      return null;
    } catch (err) {
      problem = `The basemap (${file}) did not load: ${err.message}.`;
    }
  }
  return problem;
}

/** world-atlas rings cross the antimeridian (d3 cuts them when it projects; Leaflet does not, and would draw
 *  lines across the map). Unwrap each ring's longitudes so that no step jumps more than 180°; a ring that ends
 *  up 360° from its start goes round a pole (Antarctica) and is closed along that pole's edge. */
function unwrapRing(ring) {
  const out = [ring[0]];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (shift !== 0) {
    const pole = ring.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
    out.push([out[out.length - 1][0], pole], [ring[0][0], pole], ring[0]);
  }
  return out;
}

function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  }
  return geometry;
}

/** Load markers, timeline and list for the filters; errors go to the status area, never silently. */
async function loadMapData(filters) {
  const token = ++mapToken;
  mapBusy = true;
  setReady(false);
  setStatus("Loading events…");
  const geoParams = new URLSearchParams(filters);
  geoParams.set("limit", String(GEO_LIMIT));
  geoParams.set("detail", "map"); // markers only; a popup asks for its cluster's details
  const listParams = new URLSearchParams(filters);
  listParams.set("limit", "100");
  // The timeline is the overview to brush in: it leaves out the date filters and shades the chosen range.
  const overview = new URLSearchParams(filters);
  overview.delete("since");
  overview.delete("until");
  const [geo, timeline, list, basemap] = await Promise.allSettled([
    api("/api/events.geojson", geoParams), api("/api/timeline", overview), api("/api/events", listParams),
    mapState.basemap,
  ]);
  if (token !== mapToken) return;
  // The three calls often fail for one reason (a bad filter): say each message once.
  const failed = [geo, timeline, list].filter((r) => r.status === "rejected");
  const errors = [...new Set(failed.map((r) => r.reason.message))];
  if (basemap.value) errors.push(basemap.value);
  const drawn = drawMarkers(geo.status === "fulfilled" ? geo.value : { features: [] });
  setTimeline(timeline.status === "fulfilled" ? timeline.value.days || [] : [], filters);
  renderClusterList(list.status === "fulfilled" ? list.value : null);
  if (errors.length) {
    lastMapQuery = null; // try again next time these filters are shown
    setStatus(errors.join(" "), "error");
  } else {
    const capped = drawn >= GEO_LIMIT ? ` (the first ${GEO_LIMIT})` : "";
    setStatus(drawn ? `${plural(drawn, "cluster")} on the map${capped}.`
      : "No clusters with a place match these filters.");
  }
  mapBusy = false;
  setReady(true);
}

/** Replace the markers with the FeatureCollection's points; returns how many were drawn. */
function drawMarkers(collection) {
  const { map, cluster, byId } = mapState;
  cluster.clearLayers();
  byId.clear();
  const markers = [];
  for (const feature of collection.features || []) {
    const coords = feature.geometry && feature.geometry.coordinates;
    if (!Array.isArray(coords) || !Number.isFinite(coords[0]) || !Number.isFinite(coords[1])) continue;
    const props = feature.properties || {};
    const marker = eventMarker(props, L.latLng(coords[1], coords[0]));
    markers.push(marker);
    if (props.cluster_id !== undefined && props.cluster_id !== null) byId.set(String(props.cluster_id), marker);
  }
  cluster.addLayers(markers);
  $("#map").dataset.markers = String(markers.length);
  if (markers.length) map.fitBounds(cluster.getBounds().pad(0.2), { maxZoom: 6 });
  return markers.length;
}

function eventMarker(props, latlng) {
  const n = Math.max(1, Number(props.n_sources) || 1);
  const marker = L.circleMarker(latlng, {
    radius: 5 + 3 * Math.sqrt(n), color: "#1f1f1f", weight: 1, fillColor: typeColour(props.type),
    fillOpacity: 0.85, className: "event-marker",
  });
  const label = [`${typeAbbr(props.type)} · ${props.type || "event"}`, props.place, day(props.day)]
    .filter(Boolean).join(" · ");
  marker.bindTooltip(h("span", {}, label)); // an element, not a string: Leaflet would parse a string as HTML
  // Leaflet calls a content function again on every popup.update(): build the popup once per marker, so an
  // update after the details arrive does not start another box and another update.
  let popupBox = null;
  marker.bindPopup(() => popupBox || (popupBox = eventPopup(props, marker)));
  marker.on("add", () => makeFocusable(marker, label));
  return marker;
}

/** Circle markers are SVG paths: give each (re)drawn one a tab stop, a name and Enter/Space to open it. */
function makeFocusable(marker, label) {
  const el = marker.getElement();
  if (!el || el.dataset.focusable) return;
  el.dataset.focusable = "1";
  el.setAttribute("tabindex", "0");
  el.setAttribute("role", "button");
  el.setAttribute("aria-label", label);
  el.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      marker.openPopup();
    }
  });
}

/** The popup shows the marker's own fields at once and the cluster's details (actors, evidence, its sources)
 * when they arrive: the map's GeoJSON carries only what a marker needs. */
function eventPopup(p, marker) {
  const head = () => [
    h("p", { class: "popup-type" }, typeBadge(p.type), " ", h("strong", {}, p.type || "Event")),
    h("p", {}, [day(p.day), p.place].filter(Boolean).join(" · ") || "No date or place"),
  ];
  const box = h("div", { class: "popup", "aria-busy": "true" }, head(), h("p", { class: "muted" }, "Loading details…"));
  clusterDetails(p.cluster_id).then(
    (found) => fill(box, head(), clusterBody(found)),
    (err) => fill(box, head(), h("p", { class: "error" }, err.message)),
  ).finally(() => {
    box.removeAttribute("aria-busy");
    const popup = marker.getPopup();
    if (popup && popup.isOpen()) popup.update(); // its size follows the new content
  });
  return box;
}

const clusterCache = new Map();

function clusterDetails(id) {
  if (id === undefined || id === null) return Promise.reject(new Error("This marker has no cluster id."));
  const key = String(id);
  if (!clusterCache.has(key)) {
    const pending = api(`/api/events/${encodeURIComponent(key)}`);
    pending.catch(() => clusterCache.delete(key)); // a failure is asked again next time
    clusterCache.set(key, pending);
  }
  return clusterCache.get(key);
}

function clusterBody(found) {
  const c = found.cluster || {};
  const sources = (found.events || []).filter((e) => e.article_id);
  const seen = new Set();
  const links = [];
  for (const e of sources) {
    if (seen.has(e.article_id)) continue;
    seen.add(e.article_id);
    if (links.length < 5) {
      links.push(h("li", {}, h("a", { href: articleHref(e.article_id), class: "source-article" },
        e.article_title || e.article_id), e.published ? ` · ${day(e.published)}` : ""));
    }
  }
  const more = seen.size > links.length ? h("p", { class: "muted" }, `and ${seen.size - links.length} more`) : null;
  return [
    actorsLine(c.actors, c.recipients),
    c.evidence ? h("blockquote", { class: "evidence" }, c.evidence) : null,
    h("p", {}, plural(c.n_sources, "source")),
    c.article_id ? h("a", { href: articleHref(c.article_id), class: "open-article" }, "Open article") : null,
    seen.size > 1 ? h("ul", { class: "popup-sources" }, links) : null,
    more,
  ];
}

function renderLegend() {
  const legend = $("#legend");
  const present = stats && stats.types && stats.types.length ? stats.types.map((t) => t.type) : Object.keys(TYPE_STYLE);
  const chosen = currentFilters.get("type") || "";
  fill(legend, h("span", { class: "muted" }, "Filter by type:"));
  for (const type of present) {
    legend.append(h("button", {
      type: "button", class: "legend-item", "aria-pressed": String(type === chosen),
      onclick: () => {
        setSelect($("#filters").elements.type, type === chosen ? "" : type);
        submitFilters();
      },
    }, typeBadge(type), " ", type));
  }
}

function renderClusterList(body) {
  const list = $("#cluster-list");
  list.replaceChildren();
  if (!body) {
    $("#cluster-count").textContent = "The list did not load.";
    return;
  }
  const items = body.items || [];
  const more = (body.next_offset ?? null) !== null ? " (the first ones; narrow the filters for the rest)" : "";
  $("#cluster-count").textContent = items.length ? `${plural(items.length, "cluster")}${more}` : "No clusters match.";
  for (const row of items) list.append(clusterItem(row));
}

function clusterItem(row) {
  const marker = mapState.byId.get(String(row.cluster_id));
  const link = row.article_id ? h("a", { href: articleHref(row.article_id) }, row.article_title || "Open article") : null;
  return h("li", { class: "cluster" },
    h("p", { class: "cluster-head" }, typeBadge(row.type), " ", h("strong", {}, row.type), " ",
      h("span", { class: "muted" }, [day(row.day), row.place].filter(Boolean).join(" · "))),
    actorsLine(row.actors, row.recipients),
    row.evidence ? h("p", { class: "evidence" }, row.evidence) : null,
    h("p", { class: "cluster-foot" }, plural(row.n_sources, "source"),
      link ? [" · ", link] : null,
      marker ? [" · ", h("button", { type: "button", class: "link-button", onclick: () => showOnMap(marker) },
        "Show on map")] : null));
}

function showOnMap(marker) {
  $("#map").scrollIntoView({ block: "nearest", behavior: "smooth" });
  mapState.cluster.zoomToShowLayer(marker, () => marker.openPopup());
}

// ---------------------------------------------------------------------------------------------------------
// Timeline: an SVG bar chart of clusters per day; brush with a pointer or the keyboard to set since/until

const timeline = { days: [], counts: [], sel: null, anchor: null, cursor: null, drag: null, layout: null };
const svgNS = () => $("#timeline").namespaceURI; // the HTML parser gives the inline <svg> the SVG namespace

/** Fill the gaps between the answer's days (at zero) so that the x axis is proportional to time. */
function setTimeline(rows, filters) {
  const counts = new Map(rows.filter((r) => r && r.day).map((r) => [day(r.day), Number(r.n) || 0]));
  let days = [...counts.keys()].sort();
  if (days.length > 1) {
    const all = [];
    const last = Date.parse(`${days[days.length - 1]}T00:00:00Z`);
    for (let t = Date.parse(`${days[0]}T00:00:00Z`); t <= last && all.length <= 3700; t += 86400000) {
      all.push(new Date(t).toISOString().slice(0, 10));
    }
    if (all.length <= 3700) days = all;
  }
  timeline.days = days;
  timeline.counts = days.map((d) => counts.get(d) || 0);
  timeline.sel = selectionFromFilters(filters);
  timeline.anchor = timeline.cursor = null;
  drawTimeline();
}

/** The bar indices covered by the since/until filters, or null when no date filter is set. */
function selectionFromFilters(filters) {
  const since = filters.get("since"), until = filters.get("until");
  const { days } = timeline;
  if ((!since && !until) || !days.length) return null;
  let i = days.findIndex((d) => !since || d >= since);
  let j = days.length - 1;
  while (j >= 0 && until && days[j] > until) j--;
  if (i < 0 || j < i) return null;
  return [i, j];
}

function svgEl(tag, attrs, text) {
  const el = document.createElementNS(svgNS(), tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function drawTimeline() {
  const svg = $("#timeline");
  if (svg.closest("[hidden]")) return;
  const width = Math.max(240, Math.round(svg.getBoundingClientRect().width) || 600);
  const height = 110, top = 14, bottom = 18, left = 4, right = 4;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const { days, counts } = timeline;
  if (!days.length) {
    const attrs = { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" };
    svg.append(svgEl("text", attrs, "No dated clusters"));
    timeline.layout = null;
    updateRangeText();
    return;
  }
  const max = counts.reduce((a, b) => Math.max(a, b), 1);
  const step = (width - left - right) / days.length;
  const plot = height - top - bottom;
  timeline.layout = { width, left, step, top, plot };
  svg.append(svgEl("rect", { class: "brush", x: 0, y: top, width: 0, height: plot }));
  days.forEach((d, i) => {
    const barHeight = counts[i] ? Math.max(2, (counts[i] / max) * plot) : 0;
    const bar = svgEl("rect", {
      class: "bar", x: left + i * step, y: top + plot - barHeight,
      width: Math.max(1, step - (step > 4 ? 1 : 0)), height: barHeight, "data-day": d,
    });
    bar.append(svgEl("title", {}, `${d}: ${plural(counts[i], "cluster")}`));
    svg.append(bar);
  });
  svg.append(svgEl("rect", { class: "cursor", x: 0, y: top - 2, width: 0, height: plot + 4 }));
  svg.append(svgEl("text", { x: left, y: height - 4, class: "axis" }, days[0]));
  svg.append(svgEl("text", { x: width - right, y: height - 4, "text-anchor": "end", class: "axis" }, days.at(-1)));
  svg.append(svgEl("text", { x: left, y: 10, class: "axis" }, `max ${max} a day`));
  drawSelection();
}

/** Move the brush and cursor rectangles and shade the bars outside the selection (no full redraw). */
function drawSelection() {
  const svg = $("#timeline");
  const { sel, cursor, layout } = timeline;
  if (!layout) return;
  const brush = $(".brush", svg), cursorRect = $(".cursor", svg);
  brush.setAttribute("x", sel ? layout.left + sel[0] * layout.step : 0);
  brush.setAttribute("width", sel ? (sel[1] - sel[0] + 1) * layout.step : 0);
  cursorRect.setAttribute("x", cursor === null ? 0 : layout.left + cursor * layout.step);
  cursorRect.setAttribute("width", cursor === null ? 0 : Math.max(2, layout.step));
  svg.querySelectorAll(".bar").forEach((bar, i) => {
    bar.classList.toggle("outside", !!sel && (i < sel[0] || i > sel[1]));
  });
  updateRangeText();
}

function updateRangeText() {
  const { sel, days, drag, cursor } = timeline;
  const since = currentFilters.get("since"), until = currentFilters.get("until");
  let text;
  const chosen = sel ? `${days[sel[0]]} to ${days[sel[1]]}` : "";
  const applied = sel && days[sel[0]] === (since || days[0]) && days[sel[1]] === (until || days[days.length - 1]);
  if (drag) text = `Selecting ${chosen}`;
  else if (sel && !applied && cursor !== null) text = `${chosen}: press Enter to apply`;
  else if (since || until) text = `Dates: ${since || "start"} to ${until || "end"}`;
  else text = "All dates";
  $("#range-text").textContent = text;
}

/** The bar under a pointer's x position. */
function indexAt(clientX) {
  const { layout, days } = timeline;
  const rect = $("#timeline").getBoundingClientRect();
  const x = ((clientX - rect.left) / rect.width) * layout.width;
  return clamp(Math.floor((x - layout.left) / layout.step), 0, days.length - 1);
}

function onTimelinePointerDown(event) {
  if (!timeline.layout || event.button !== 0) return;
  event.preventDefault(); // no text selection or scrolling while brushing
  event.currentTarget.focus({ preventScroll: true }); // so that the keys work after a click too
  try {
    event.currentTarget.setPointerCapture(event.pointerId); // keep getting moves outside the chart
  } catch { /* a pointer that is no longer active: brushing still works while it stays over the chart */ }
  const i = indexAt(event.clientX);
  timeline.drag = { anchor: i };
  timeline.sel = [i, i];
  drawSelection();
}

function onTimelinePointerMove(event) {
  if (!timeline.drag) return;
  const i = indexAt(event.clientX), a = timeline.drag.anchor;
  timeline.sel = [Math.min(a, i), Math.max(a, i)];
  drawSelection();
}

function onTimelinePointerUp() {
  if (!timeline.drag) return;
  timeline.drag = null;
  applyTimelineSelection();
}

function onTimelineKey(event) {
  const n = timeline.days.length;
  if (!n) return;
  const moves = { ArrowLeft: -1, ArrowRight: 1, PageDown: -7, PageUp: 7 };
  const current = timeline.cursor ?? (timeline.sel ? timeline.sel[1] : n - 1);
  if (event.key in moves || event.key === "Home" || event.key === "End") {
    event.preventDefault();
    const next = event.key === "Home" ? 0 : event.key === "End" ? n - 1 : clamp(current + moves[event.key], 0, n - 1);
    if (!event.shiftKey || timeline.anchor === null) timeline.anchor = event.shiftKey ? current : next;
    timeline.sel = [Math.min(timeline.anchor, next), Math.max(timeline.anchor, next)];
    timeline.cursor = next;
    drawSelection();
  } else if (event.key === "Enter" && timeline.sel) {
    event.preventDefault();
    applyTimelineSelection();
  } else if (event.key === "Escape") {
    event.preventDefault();
    clearDates();
  }
}

function applyTimelineSelection() {
  const { sel, days } = timeline;
  if (!sel) return;
  const form = $("#filters");
  form.elements.since.value = days[sel[0]];
  form.elements.until.value = days[sel[1]];
  submitFilters();
}

function clearDates() {
  const form = $("#filters");
  const hadDates = currentFilters.get("since") || currentFilters.get("until");
  form.elements.since.value = form.elements.until.value = "";
  timeline.sel = timeline.cursor = timeline.anchor = null;
  if (hadDates) submitFilters();
  else drawSelection();
}

// ---------------------------------------------------------------------------------------------------------
// Quotes view

const quotes = { query: null, nextOffset: null, token: 0 };

function showQuotes(params) {
  showView("quotes");
  const form = $("#quotes-form");
  form.elements.speaker.value = params.get("speaker") || "";
  form.elements.text.value = params.get("text") || "";
  const query = new URLSearchParams();
  for (const key of ["speaker", "text", "since", "until", "story"]) {
    if (params.get(key)) query.set(key, params.get(key));
  }
  if (query.toString() === quotes.query) {
    setReady(true);
    return;
  }
  quotes.query = query.toString();
  $("#quotes-table tbody").replaceChildren();
  loadQuotes(query, 0);
}

async function loadQuotes(query, offset) {
  const token = ++quotes.token;
  const params = new URLSearchParams(query);
  params.set("limit", "50");
  params.set("offset", String(offset));
  setReady(false);
  setStatus("Loading quotes…");
  const more = $("#quotes-more");
  more.disabled = true;
  try {
    const body = await api("/api/quotes", params);
    if (token !== quotes.token) return;
    const tbody = $("#quotes-table tbody");
    for (const row of body.items || []) tbody.append(quoteRow(row));
    quotes.nextOffset = body.next_offset ?? null;
    more.hidden = quotes.nextOffset === null;
    const shown = tbody.rows.length;
    setStatus(shown ? `${plural(shown, "quote")} shown${more.hidden ? "" : "; more to load"}.` : "No quotes match.");
  } catch (err) {
    if (token !== quotes.token) return;
    quotes.query = null;
    setStatus(err.message, "error");
  } finally {
    more.disabled = false;
    if (token === quotes.token) setReady(true);
  }
}

function quoteRow(row) {
  const speaker = row.speaker_id
    ? h("a", { href: entityHref(row.speaker_id) }, row.speaker || row.speaker_id)
    : row.speaker || h("span", { class: "muted" }, "unattributed");
  const article = row.article_id
    ? [h("a", { href: articleHref(row.article_id) }, row.article_title || row.article_id),
      h("span", { class: "muted small" }, [day(row.published), row.source].filter(Boolean).join(" · "))]
    : null;
  return h("tr", {},
    h("td", { "data-label": "Speaker" }, speaker),
    h("td", { "data-label": "Role" }, row.role || ""),
    h("td", { "data-label": "Quote" }, h("q", {}, row.text || ""),
      row.kind ? h("span", { class: "muted small" }, ` ${row.kind}`) : null),
    h("td", { "data-label": "Cue" }, row.cue || ""),
    h("td", { "data-label": "Article", class: "article-cell" }, article));
}

// ---------------------------------------------------------------------------------------------------------
// Article view: the text with every record's span highlighted

const KINDS = ["event", "quote", "speaker", "entity", "place", "date"]; // outer to inner when spans tie
const KIND_LABEL = {
  event: "Event", quote: "Quote", speaker: "Speaker", entity: "Entity", place: "Place", date: "Date",
};
let articleToken = 0;

async function showArticle(id) {
  showView("article");
  const root = $("#article");
  const token = ++articleToken;
  setReady(false);
  fill(root, h("p", { class: "muted" }, "Loading the article…"));
  setStatus("Loading the article…");
  try {
    const body = await api(`/api/articles/${encodeURIComponent(id)}`);
    if (token !== articleToken) return;
    renderArticle(root, body);
  } catch (err) {
    if (token !== articleToken) return;
    fill(root, h("h1", {}, "Article not shown"), h("p", {}, err.message));
    setStatus(err.message, "error");
  } finally {
    if (token === articleToken) setReady(true);
  }
}

function renderArticle(root, body) {
  const article = body.article || {};
  const record = body.record || {};
  const text = typeof article.text === "string" ? article.text : "";
  const { spans, skipped } = collectSpans(record, Array.from(text).length);
  const others = (body.sources || []).filter((s) => s.url && s.url !== article.url);
  const title = h("h1", { tabindex: "-1" }, article.title || "Untitled article");
  const textEl = h("div", { id: "article-text", class: "article-text" }, highlightText(text, spans));
  const details = h("aside", { id: "details", class: "details", "aria-live": "polite", "aria-label": "Record details" },
    h("h2", {}, "Details"), h("p", { class: "muted" }, "Choose a highlight to see its record."));
  fill(root,
    title,
    h("p", { class: "meta" }, [day(article.published), article.source_id, article.byline].filter(Boolean).join(" · "),
      article.url ? [" · ", externalLink(article.url, "original")] : null),
    body.story_id ? h("p", { class: "meta" }, "Story: ",
      h("a", { href: `#/?story=${encodeURIComponent(body.story_id)}` }, "its events on the map"), " · ",
      h("a", { href: `#/quotes?story=${encodeURIComponent(body.story_id)}` }, "its quotes")) : null,
    others.length ? h("p", { class: "meta" }, "Also reported by: ",
      others.map((s, i) => [i ? ", " : "", externalLink(s.url, s.source_id || s.url)])) : null,
    highlightToggles(spans, textEl),
    h("div", { class: "article-layout" }, textEl, details));
  textEl.addEventListener("click", (event) => {
    const mark = event.target.closest("mark");
    if (mark) showDetails(mark, spans, textEl, details);
  });
  textEl.addEventListener("keydown", (event) => {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("mark")) {
      event.preventDefault();
      showDetails(event.target, spans, textEl, details);
    }
  });
  if (skipped) setStatus(`${plural(skipped, "highlight")} pointed outside the text and were left out.`, "error");
  else setStatus(`${plural(spans.length, "highlight")}.`);
  title.focus();
}

/** Every record span [start, end) in code points, sorted so that enclosing spans come first. */
function collectSpans(record, length) {
  const spans = [];
  let skipped = 0;
  const add = (kind, start, end, data, label) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) skipped++;
    else spans.push({ kind, start, end, data, label });
  };
  for (const ev of record.events || []) {
    if (ev.evidence) add("event", ev.evidence.start, ev.evidence.end, ev, `Event: ${ev.type}`);
  }
  for (const q of record.quotes || []) {
    const by = q.speaker ? `, speaker ${q.speaker.name}` : ", no speaker";
    add("quote", q.start, q.end, q, `Quote (${q.kind || "quote"})${by}`);
    const s = q.speaker;
    if (s && s.start >= 0) add("speaker", s.start, s.end, q, `Speaker: ${s.name}`);
  }
  for (const en of record.entities || []) {
    for (const m of en.mentions || []) add("entity", m.start, m.end, en, `Entity: ${en.name} (${en.type})`);
  }
  for (const p of record.places || []) {
    add("place", p.start, p.end, p, `Place: ${p.name || p.mention}${p.country ? `, ${p.country}` : ""}`);
  }
  for (const d of record.dates || []) add("date", d.start, d.end, d, `Date: ${d.value || "unresolved"}`);
  spans.sort((a, b) => a.start - b.start || b.end - a.end || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  spans.forEach((span, i) => { span.index = i; });
  return { spans, skipped };
}

/** Cut the text at every span boundary and wrap each piece in the marks of all spans covering it, outermost
 *  first. A span crossing another one is split into several <mark>s (same data-span); the first piece of each
 *  span is its tab stop. Offsets count code points, so the text is cut as Array.from(text), not by UTF-16. */
function highlightText(text, spans) {
  const chars = Array.from(text);
  const cuts = [...new Set([0, chars.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  const started = new Set();
  let active = [], next = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [a, b] = [cuts[k], cuts[k + 1]];
    active = active.filter((s) => s.end > a); // keeps the sorted order: outermost first
    while (next < spans.length && spans[next].start <= a) active.push(spans[next++]);
    let node = document.createTextNode(chars.slice(a, b).join(""));
    for (let i = active.length - 1; i >= 0; i--) node = markFor(active[i], node, started);
    fragment.append(node);
  }
  return fragment;
}

function markFor(span, child, started) {
  const dataset = { kind: span.kind, span: String(span.index) };
  if (span.kind === "quote" && span.data.speaker && span.data.speaker.name) dataset.speaker = span.data.speaker.name;
  const mark = h("mark", { class: `hl hl-${span.kind}`, title: span.label, dataset }, child);
  if (!started.has(span.index)) {
    started.add(span.index);
    mark.tabIndex = 0;
    mark.dataset.first = "1";
  }
  return mark;
}

/** One checkbox per kind: unticked kinds lose their styling and their tab stops. */
function highlightToggles(spans, textEl) {
  const box = h("fieldset", { class: "toggles" }, h("legend", {}, "Highlights"));
  for (const kind of ["quote", "speaker", "event", "entity", "place", "date"]) {
    const count = spans.filter((s) => s.kind === kind).length;
    const input = h("input", { type: "checkbox", checked: true, disabled: !count, "data-kind": kind });
    input.addEventListener("change", () => {
      textEl.classList.toggle(`hide-${kind}`, !input.checked);
      textEl.querySelectorAll(`mark.hl-${kind}[data-first]`).forEach((m) => { m.tabIndex = input.checked ? 0 : -1; });
    });
    // A span, not a <mark>: `#article mark` finds only the highlights in the text.
    const sample = h("span", { class: `hl hl-${kind} sample` }, KIND_LABEL[kind]);
    box.append(h("label", { class: "toggle" }, input, " ", sample, ` ${count}`));
  }
  return box;
}

/** Show the records of the clicked mark and of every mark around it, innermost first. */
function showDetails(mark, spans, textEl, details) {
  const indices = [];
  for (let el = mark; el && el !== textEl; el = el.parentElement) {
    const shown = el.tagName === "MARK" && !textEl.classList.contains(`hide-${el.dataset.kind}`);
    if (shown) indices.push(Number(el.dataset.span));
  }
  textEl.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
  for (const i of indices) textEl.querySelectorAll(`mark[data-span="${i}"]`).forEach((m) => m.classList.add("active"));
  fill(details, h("h2", {}, "Details"), indices.map((i) => detailCard(spans[i])));
}

function detailCard(span) {
  const d = span.data;
  const speakerLink = (s) => {
    if (!s) return "unattributed";
    return s.entity_id ? h("a", { href: entityHref(s.entity_id) }, s.name) : s.name;
  };
  const rows = {
    quote: () => [["Kind", d.kind], ["Speaker", speakerLink(d.speaker)], ["Role", d.speaker && d.speaker.role],
      ["Cue", d.cue && d.cue.text], ["Text", d.text]],
    speaker: () => [["Name", speakerLink(d.speaker)], ["Role", d.speaker.role], ["Quote", d.text]],
    event: () => [["Type", d.type], ["Actors", actorNodes(d.actors)], ["Recipients", actorNodes(d.recipients)],
      ["Place", d.location ? placeText(d.location.name, null, d.location.lat, d.location.lon) : null], ["Date", d.date],
      ["Modality", asList(d.modality).join(", ")], ["Mode", d.mode], ["Evidence", d.evidence && d.evidence.text]],
    entity: () => [["Name", h("a", { href: entityHref(d.id) }, d.name)], ["Type", d.type], ["Role", d.role],
      ["Country", d.country], ["Mentions", String((d.mentions || []).length)]],
    place: () => [["Mention", d.mention], ["Place", placeText(d.name, d.country, d.lat, d.lon)],
      ["Feature", d.feature]],
    date: () => [["Mention", d.mention], ["Value", d.value || "unresolved"], ["Granularity", d.granularity]],
  }[span.kind]();
  return h("section", { class: `detail detail-${span.kind}` },
    h("h3", {}, KIND_LABEL[span.kind]), definitionList(rows));
}

function placeText(name, country, lat, lon) {
  const coords = Number.isFinite(lat) && Number.isFinite(lon) ? `(${lat.toFixed(4)}, ${lon.toFixed(4)})` : "";
  return [name, country, coords].filter(Boolean).join(", ") || null;
}

// ---------------------------------------------------------------------------------------------------------
// Entity view

let entityToken = 0;

async function showEntity(id) {
  showView("entity");
  const root = $("#entity");
  const token = ++entityToken;
  setReady(false);
  fill(root, h("p", { class: "muted" }, "Loading…"));
  setStatus("Loading the entity…");
  try {
    const body = await api(`/api/entities/${encodeURIComponent(id)}`);
    if (token !== entityToken) return;
    renderEntity(root, body);
    setStatus("");
  } catch (err) {
    if (token !== entityToken) return;
    fill(root, h("h1", {}, "Entity not shown"), h("p", {}, err.message));
    setStatus(err.message, "error");
  } finally {
    if (token === entityToken) setReady(true);
  }
}

function renderEntity(root, body) {
  const e = body.entity || {};
  const title = h("h1", { tabindex: "-1" }, e.name || "Unnamed entity");
  const section = (heading, rows, item) => h("section", { class: "entity-section" },
    h("h2", {}, `${heading} (${rows.length})`),
    rows.length ? h("ol", { class: "record-list" }, rows.map(item)) : h("p", { class: "muted" }, "None."));
  fill(root, title,
    definitionList([["Type", e.type], ["Role", e.role], ["Country", e.country], ["Sector", e.sector],
      ["Articles", e.n_articles === undefined ? null : String(e.n_articles)],
      ["Mentions", e.n_mentions === undefined ? null : String(e.n_mentions)], ["First seen", day(e.first_published)]]),
    h("div", { class: "entity-grid" },
      section("Quotes", body.quotes || [], entityQuote),
      section("Events as actor", body.events_as_actor || [], entityEvent),
      section("Events as recipient", body.events_as_recipient || [], entityEvent)));
  title.focus();
}

function entityQuote(q) {
  return h("li", {}, h("q", {}, q.text || ""), q.kind ? h("span", { class: "muted small" }, ` ${q.kind}`) : null,
    h("p", { class: "small" }, sourceLine(q)));
}

function entityEvent(ev) {
  return h("li", {}, h("p", { class: "cluster-head" }, typeBadge(ev.type), " ", h("strong", {}, ev.type), " ",
    h("span", { class: "muted" }, [day(ev.day || ev.date), ev.place].filter(Boolean).join(" · "))),
    actorsLine(ev.actors, ev.recipients),
    ev.evidence ? h("p", { class: "evidence" }, ev.evidence) : null,
    asList(ev.modality).length ? h("p", { class: "muted small" }, `Modality: ${asList(ev.modality).join(", ")}`) : null,
    h("p", { class: "small" }, sourceLine(ev)));
}

function sourceLine(row) {
  const meta = [day(row.published), row.source].filter(Boolean).join(" · ");
  return [row.article_id ? h("a", { href: articleHref(row.article_id) }, row.article_title || "Open article") : null,
    meta ? ` ${meta}` : null];
}

// ---------------------------------------------------------------------------------------------------------
// Start

function start() {
  $("#filters").addEventListener("submit", submitFilters);
  $("#filters-reset").addEventListener("click", () => {
    $("#filters").reset();
    currentFilters = new URLSearchParams();
    submitFilters();
  });
  $("#quotes-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.currentTarget, params = new URLSearchParams();
    for (const key of ["speaker", "text"]) {
      if (form.elements[key].value.trim()) params.set(key, form.elements[key].value.trim());
    }
    navigate(params.toString() ? `#/quotes?${params}` : "#/quotes"); // the same search again reloads
  });
  $("#quotes-more").addEventListener("click", () => {
    if (quotes.nextOffset !== null) loadQuotes(new URLSearchParams(quotes.query), quotes.nextOffset);
  });
  const svg = $("#timeline");
  svg.addEventListener("pointerdown", onTimelinePointerDown);
  svg.addEventListener("pointermove", onTimelinePointerMove);
  svg.addEventListener("pointerup", onTimelinePointerUp);
  svg.addEventListener("pointercancel", () => {
    timeline.drag = null;
    timeline.sel = selectionFromFilters(currentFilters);
    drawSelection();
  });
  svg.addEventListener("keydown", onTimelineKey);
  svg.addEventListener("blur", () => { // an unapplied keyboard selection is dropped
    timeline.cursor = timeline.anchor = null;
    timeline.sel = selectionFromFilters(currentFilters);
    drawSelection();
  });
  $("#clear-dates").addEventListener("click", clearDates);
  // On a phone the filters start folded; on a wide screen open.
  $("#filters-box").open = !window.matchMedia("(max-width: 760px)").matches;
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawTimeline(); });
  });
  window.addEventListener("hashchange", route);
  loadStats();
  route();
}

start();
