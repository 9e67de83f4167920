// Renders the calculator's JSON results (the CLI's --json objects) and errors as HTML.

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, String(v));
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const FRACTION = /^(-?)(\d+)\/(\d+)$/;

/** A number for display: integers in full, others to 6 significant digits (the full value in the title). */
export function formatNumber(x) {
  if (Number.isInteger(x)) return String(x);
  const shown = Number(x.toPrecision(6));
  return String(shown);
}

/** One element: "3/2" becomes a stacked fraction, numbers are shortened, complex {re, im} written a + bi. */
export function renderElement(value) {
  if (typeof value === "string") {
    const m = FRACTION.exec(value);
    if (m) {
      return h("span", { class: "frac-wrap", "data-value": value },
        m[1] ? h("span", { class: "sign" }, "\u2212") : null,
        h("span", { class: "frac" }, h("span", { class: "num" }, m[2]), h("span", { class: "den" }, m[3])));
    }
    return h("span", { class: "atom", "data-value": value }, value);
  }
  if (typeof value === "number") return h("span", { class: "atom", "data-value": String(value), title: String(value) }, formatNumber(value));
  if (value && typeof value === "object" && "re" in value && "im" in value) {
    const im = Number(value.im);
    const text = formatNumber(Number(value.re)) + (im < 0 ? " \u2212 " : " + ") + formatNumber(Math.abs(im)) + "i";
    return h("span", { class: "atom", "data-value": JSON.stringify(value) }, text);
  }
  return h("span", { class: "atom", "data-value": JSON.stringify(value) }, JSON.stringify(value));
}

function nest(data, shape) {
  // Accept data given flat (row-major) as well as nested.
  if (shape.length <= 1 || !Array.isArray(data) || data.length === 0 || Array.isArray(data[0])) return data;
  const [n, ...rest] = shape;
  const size = rest.reduce((p, d) => p * d, 1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(nest(data.slice(i * size, (i + 1) * size), rest));
  return out;
}

function matrixTable(rows) {
  const table = h("table", { class: "matrix" });
  rows.forEach((row, i) => {
    const tr = h("tr", { "data-row": i });
    row.forEach((v, j) => tr.append(h("td", { "data-row": i, "data-col": j }, renderElement(v))));
    table.append(tr);
  });
  return table;
}

/** A tensor {shape, dtype, data}: a scalar, a one-row table, a matrix, or labelled matrices for more axes. */
export function renderTensor(shape, data, prefix = []) {
  if (shape.length === 0) return h("span", { class: "scalar" }, renderElement(Array.isArray(data) ? data[0] : data));
  if (shape.length === 1) return matrixTable([data]);
  if (shape.length === 2) return matrixTable(data);
  const box = h("div", { class: "stack" });
  data.forEach((sub, i) => {
    const index = [...prefix, i];
    const rest = shape.length === 3 ? ", :, :" : ", ...";
    box.append(h("div", { class: "slice-label" }, "[" + index.join(", ") + rest + "]"));
    box.append(renderTensor(shape.slice(1), sub, index));
  });
  return box;
}

/** The steps of an explain result, one list item each, with any matrix they carry. */
function renderSteps(steps) {
  const list = h("ol", { class: "explain" });
  steps.forEach((step, i) => {
    const item = h("li", { class: "step", "data-step": i });
    if (typeof step === "string") item.append(h("div", { class: "step-text" }, step));
    else {
      const text = step.text ?? step.description ?? step.title ?? step.step ?? "";
      if (text) item.append(h("div", { class: "step-text" }, String(text)));
      const value = step.value ?? step.result ?? step.matrix;
      if (value && typeof value === "object" && "shape" in value) item.append(renderValue(value));
      else if (value !== undefined && value !== null) item.append(renderElement(value));
    }
    list.append(item);
  });
  return list;
}

/** An explanation {title, steps: [{text, matrix?}], result, value?}: numbered steps, then the result. */
function renderExplanation(obj) {
  const box = h("div", { class: "explained" });
  if (obj.title) box.append(h("div", { class: "explain-title" }, String(obj.title)));
  box.append(renderSteps(obj.steps));
  if (typeof obj.result === "string") box.append(h("div", { class: "explain-result" }, obj.result));
  else if (obj.result && typeof obj.result === "object") box.append(h("div", { class: "explain-result" }, "result: ", renderValue(obj.result)));
  return box;
}

/** A sparse matrix {shape, nnz, density, indptr, indices, data} (CSR): a summary line and its first stored entries as (i, j) value rows. */
function renderSparse(obj) {
  const box = h("div", { class: "sparse" });
  const density = Number(obj.density).toPrecision(4).replace(/\.?0+$/, "");
  box.append(h("div", { class: "sparse-summary" }, `sparse (${obj.shape.join(", ")}), nnz=${obj.nnz}, density ${density}`));
  const rows = [];
  for (let i = 0; i + 1 < obj.indptr.length && rows.length < 10; i++)
    for (let p = obj.indptr[i]; p < obj.indptr[i + 1] && rows.length < 10; p++)
      rows.push(["(" + i + ", " + obj.indices[p] + ")", obj.data[p]]);
  if (rows.length > 0) box.append(matrixTable(rows));
  if (obj.nnz > rows.length) box.append(h("div", { class: "muted" }, `... ${obj.nnz - rows.length} more stored entries`));
  return box;
}

/** A plot {kind, text, image?}: the server's PNG (a data: URI) with the description as its alternative text and caption. */
function renderPlot(obj) {
  const box = h("figure", { class: "plot", "data-kind": obj.kind });
  if (typeof obj.image === "string" && obj.image.startsWith("data:image/png;base64,"))
    box.append(h("img", { class: "plot-image", src: obj.image, alt: obj.text ?? "plot" }));
  box.append(h("figcaption", { class: "muted" }, (obj.text ?? "plot") + (obj.title ? " \u201c" + obj.title + "\u201d" : "")));
  return box;
}

/** A value object as the calculator renders it to JSON: array, sparse matrix, explanation, tuple, string, declared shape, plot. */
export function renderValue(obj) {
  if (Array.isArray(obj.steps)) return renderExplanation(obj);
  if (obj.dtype === "plot") return renderPlot(obj);
  if (obj.dtype === "sparse float64" && Array.isArray(obj.indptr)) return renderSparse(obj);
  if (obj.dtype === "tuple" && Array.isArray(obj.items)) {
    const box = h("div", { class: "tuple" });
    obj.items.forEach((item, i) => {
      const row = h("div", { class: "tuple-item" });
      if (obj.names && obj.names[i]) row.append(h("span", { class: "result-name" }, obj.names[i] + " ="));
      row.append(renderValue(item));
      box.append(row);
    });
    return box;
  }
  if (obj.dtype === "string") return h("span", { class: "text" }, String(obj.data));
  if (obj.dtype === "shape" && Array.isArray(obj.shape))
    return h("span", { class: "declared-shape" }, "shape (" + obj.shape.join(", ") + (obj.shape.length === 1 ? ",)" : ")"));
  if (Array.isArray(obj.shape) && "data" in obj) return renderTensor(obj.shape, nest(obj.data, obj.shape));
  if ("value" in obj) return h("span", { class: "scalar" }, renderElement(obj.value));
  if (typeof obj.text === "string" || typeof obj.message === "string") return h("div", { class: "text" }, obj.text ?? obj.message);
  return h("pre", { class: "json" }, JSON.stringify(obj, null, 1));
}

/** One result of POST /api/eval: a value (with its warnings), or {"assigned": [names]} for an assignment. */
export function renderResult(obj, index) {
  const attrs = { class: "result", "data-index": index };
  if (Array.isArray(obj.shape)) attrs["data-shape"] = obj.shape.join(",");
  if (obj.dtype) attrs["data-dtype"] = obj.dtype;
  const box = h("div", attrs);
  if (Array.isArray(obj.assigned)) {
    box.classList.add("assigned");
    box.append(h("span", { class: "muted" }, "assigned " + obj.assigned.join(", ")));
  } else {
    box.append(renderValue(obj));
    if (obj.dtype && obj.dtype !== "explanation") box.append(h("span", { class: "dtype" }, obj.dtype));
  }
  for (const w of obj.warnings ?? []) box.append(h("div", { class: "warning" }, "warning: " + w));
  return box;
}

/** An error: the offending line with a caret under the column, the message and the hint. */
export function renderError(error) {
  const box = h("div", { class: "error", "data-kind": error.kind ?? "" });
  if (error.source !== null && error.source !== undefined) {
    const pre = h("pre", { class: "error-source" }, h("span", { class: "source-line" }, error.source));
    if (error.caret) pre.append("\n", h("span", { class: "caret", "data-column": error.column ?? "" }, error.caret));
    box.append(pre);
  }
  const where = error.line ? "line " + error.line + (error.column ? ", column " + error.column : "") + ": " : "";
  box.append(h("div", { class: "error-message" }, where + error.message));
  if (error.hint) box.append(h("div", { class: "hint" }, "hint: " + error.hint));
  return box;
}

export { h };
