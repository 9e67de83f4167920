// Draws the 2x2 visual guide in two SVG planes. Every drawn element carries an id and data attributes in matrix
// coordinates (data-corners, data-direction, ...), and each SVG states its mapping (data-origin-x, data-origin-y,
// data-scale: svgX = originX + scale * x, svgY = originY - scale * y), so tests can read the geometry back.

import { analyze, apply } from "./transform2x2.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const SIZE = 300;

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

/** Round for attributes: enough digits to read back exactly what was drawn, short enough to stay legible. */
export function fmt(x) {
  const r = Math.abs(x) < 1e-12 ? 0 : x;
  return String(Number(r.toPrecision(10)));
}

/** A human-friendly number for the facts panel. */
export function nice(x) {
  if (Math.abs(x) < 1e-12) return "0";
  return String(Number(x.toPrecision(4)));
}

/** A grid step (1, 2, 5 x 10^k) giving about five lines on each side of the origin. */
function gridStep(range) {
  const raw = range / 5;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Half-width of the shown region: everything the after-plane draws fits, with margin; at least 2 units. */
function viewRange(info) {
  let extent = 1;
  for (const [x, y] of info.unitSquare) extent = Math.max(extent, Math.abs(x), Math.abs(y));
  extent = Math.max(extent, info.svd.s[0]);
  return Math.max(2, Math.ceil(extent * 1.15 * 2) / 2);
}

function mapping(range) {
  const scale = (SIZE / 2 - 6) / range;
  return { ox: SIZE / 2, oy: SIZE / 2, scale, px: (x) => SIZE / 2 + scale * x, py: (y) => SIZE / 2 - scale * y };
}

function prepare(svg, map, range) {
  svg.replaceChildren();
  svg.setAttribute("data-origin-x", fmt(map.ox));
  svg.setAttribute("data-origin-y", fmt(map.oy));
  svg.setAttribute("data-scale", fmt(map.scale));
  svg.setAttribute("data-range", fmt(range));
  el("rect", { x: 0, y: 0, width: SIZE, height: SIZE, class: "plane-bg" }, svg);
}

function line(parent, map, p, q, attrs) {
  return el("line", { x1: fmt(map.px(p[0])), y1: fmt(map.py(p[1])), x2: fmt(map.px(q[0])), y2: fmt(map.py(q[1])), ...attrs }, parent);
}

function arrow(parent, map, to, attrs) {
  const node = line(parent, map, [0, 0], to, attrs);
  node.setAttribute("marker-end", "url(#arrow-" + (attrs.marker || "dark") + ")");
  node.removeAttribute("marker");
  node.setAttribute("data-to", fmt(to[0]) + "," + fmt(to[1]));
  return node;
}

function markers(svg) {
  const defs = el("defs", {}, svg);
  for (const name of ["dark", "e1", "e2", "svd"]) {
    const m = el("marker", { id: "arrow-" + name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", class: "arrowhead arrowhead-" + name }, m);
  }
}

/** Grid lines x = k and y = k for |k| <= range, pushed through the matrix m (identity for the before-plane). */
function grid(svg, map, range, m, id) {
  const g = el("g", { id, class: "grid" }, svg);
  const step = gridStep(range);
  const reach = range * 4; // long enough that transformed lines cross the whole view in most cases
  for (let k = -Math.floor(range / step) * step; k <= range + 1e-9; k += step) {
    const kk = Math.abs(k) < 1e-9 ? 0 : k;
    const cls = kk === 0 ? "axis" : "gridline";
    line(g, map, apply(m, kk, -reach), apply(m, kk, reach), { class: cls });
    line(g, map, apply(m, -reach, kk), apply(m, reach, kk), { class: cls });
  }
  return g;
}

function polygon(parent, map, corners, attrs) {
  const points = corners.map(([x, y]) => fmt(map.px(x)) + "," + fmt(map.py(y))).join(" ");
  return el("polygon", { points, "data-corners": corners.map(([x, y]) => fmt(x) + "," + fmt(y)).join(" "), ...attrs }, parent);
}

/** A polyline through 96 points of the image of the unit circle under m (an ellipse, a segment or a point). */
function circleImage(parent, map, m, attrs) {
  const pts = [];
  for (let i = 0; i <= 96; i++) {
    const t = (2 * Math.PI * i) / 96;
    const [x, y] = apply(m, Math.cos(t), Math.sin(t));
    pts.push(fmt(map.px(x)) + "," + fmt(map.py(y)));
  }
  return el("polyline", { points: pts.join(" "), ...attrs }, parent);
}

function eigenLines(svg, map, range, info, prefix) {
  const g = el("g", { id: prefix + "-eigen", class: "eigen" }, svg);
  const { directions, values, vectors } = info.eigen;
  if (directions === "all" || directions === "none") return;
  vectors.forEach((v, i) => {
    const r = range * 1.5;
    line(g, map, [-r * v[0], -r * v[1]], [r * v[0], r * v[1]], {
      id: prefix + "-eigen-" + i, class: "eigenline",
      "data-direction": fmt(v[0]) + "," + fmt(v[1]), "data-value": fmt(values[i]),
    });
  });
}

/** Redraws both planes and the facts list for the matrix m = {a, b, c, d}. Returns the analysis drawn. */
export function draw(m, before, after, facts) {
  const info = analyze(m.a, m.b, m.c, m.d);
  const range = viewRange(info);
  const map = mapping(range);
  const identity = { a: 1, b: 0, c: 0, d: 1 };

  prepare(before, map, range);
  markers(before);
  grid(before, map, range, identity, "grid-before");
  polygon(before, map, [[0, 0], [1, 0], [1, 1], [0, 1]], { id: "square-before", class: "square" });
  circleImage(before, map, identity, { id: "circle-before", class: "circle" });
  eigenLines(before, map, range, info, "before");
  arrow(before, map, info.svd.v[0], { id: "sv-v1", class: "svd-axis", marker: "svd" });
  arrow(before, map, info.svd.v[1], { id: "sv-v2", class: "svd-axis minor", marker: "svd" });
  arrow(before, map, [1, 0], { id: "basis-e1", class: "basis e1", marker: "e1" });
  arrow(before, map, [0, 1], { id: "basis-e2", class: "basis e2", marker: "e2" });

  prepare(after, map, range);
  markers(after);
  grid(after, map, range, identity, "grid-reference").setAttribute("class", "grid reference");
  grid(after, map, range, m, "grid-after");
  polygon(after, map, info.unitSquare, { id: "square-after", class: "square image" });
  circleImage(after, map, m, { id: "ellipse-after", class: "circle image", "data-s1": fmt(info.svd.s[0]), "data-s2": fmt(info.svd.s[1]) });
  eigenLines(after, map, range, info, "after");
  const [s1, s2] = info.svd.s, [u1, u2] = info.svd.u;
  arrow(after, map, [s1 * u1[0], s1 * u1[1]], { id: "sv-u1", class: "svd-axis", marker: "svd" });
  arrow(after, map, [s2 * u2[0], s2 * u2[1]], { id: "sv-u2", class: "svd-axis minor", marker: "svd" });
  arrow(after, map, [m.a, m.c], { id: "basis-ae1", class: "basis e1", marker: "e1" });
  arrow(after, map, [m.b, m.d], { id: "basis-ae2", class: "basis e2", marker: "e2" });

  writeFacts(info, facts);
  return info;
}

function vec(v) {
  return "(" + nice(v[0]) + ", " + nice(v[1]) + ")";
}

function writeFacts(info, facts) {
  facts.det.textContent = nice(info.det);
  facts.det.dataset.value = fmt(info.det);
  facts.area.textContent = info.areaScale === 0
    ? "areas collapse to 0: the plane is squashed onto a line or a point"
    : "every area is multiplied by |det| = " + nice(info.areaScale);
  facts.area.dataset.value = fmt(info.areaScale);
  facts.orientation.textContent = info.det < 0 ? "flipped (det < 0: the plane is turned over)"
    : info.det > 0 ? "kept (det > 0)" : "lost (det = 0)";
  facts.orientation.dataset.flipped = String(info.flipsOrientation);
  const e = info.eigen;
  facts.eigen.dataset.directions = e.directions;
  facts.eigen.textContent =
    e.directions === "all" ? "every direction stays on itself (a multiple of the identity, \u03bb = " + nice(e.values[0]) + ")"
    : e.directions === "none" ? "no real eigenvector: every direction turns (\u03bb = " + nice(e.complex[0]) + " \u00b1 " + nice(e.complex[1]) + "i)"
    : e.directions === "one" ? "one direction " + vec(e.vectors[0]) + " stays on itself, \u03bb = " + nice(e.values[0]) + " (repeated, defective)"
    : "two directions stay on themselves: " + vec(e.vectors[0]) + " with \u03bb = " + nice(e.values[0]) + ", "
      + vec(e.vectors[1]) + " with \u03bb = " + nice(e.values[1]);
  const s = info.svd;
  facts.svd.textContent = "the unit circle becomes an ellipse with semi-axes s1 = " + nice(s.s[0]) + " along u1 = " + vec(s.u[0])
    + " and s2 = " + nice(s.s[1]) + " along u2 = " + vec(s.u[1]) + "; they are the images of v1 = " + vec(s.v[0]) + ", v2 = " + vec(s.v[1]);
  facts.svd.dataset.s1 = fmt(s.s[0]);
  facts.svd.dataset.s2 = fmt(s.s[1]);
}
