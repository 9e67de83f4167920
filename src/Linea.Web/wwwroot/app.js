// Entry point: wires the calculator, the 2x2 visual guide, the layer checker and the shareable URL state.

import { CalcPanel } from "./calc-panel.js";
import { analyze, PRESETS } from "./transform2x2.js";
import { draw, nice } from "./visual.js";
import { checkLayers, formatShape } from "./layers.js";
import { readState, writeState, encodeState } from "./state.js";

const $ = (id) => document.getElementById(id);
const entryIds = ["m-a", "m-b", "m-c", "m-d"];

function currentState(calc) {
  return {
    program: calc.program,
    matrix: entryIds.map((id) => $(id).value.trim()),
    layers: $("layers").value,
  };
}

let saveTimer = 0;
function scheduleSave(calc) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => writeState(currentState(calc)), 150);
}

// --- 2x2 visual guide ---------------------------------------------------------------------------------------
function readMatrix() {
  const values = entryIds.map((id) => {
    const text = $(id).value.trim();
    const x = text === "" ? NaN : Number(text);
    $(id).classList.toggle("invalid", !Number.isFinite(x) || Math.abs(x) > 1e6);
    return x;
  });
  if (values.some((x) => !Number.isFinite(x) || Math.abs(x) > 1e6)) return null;
  const [a, b, c, d] = values;
  return { a, b, c, d };
}

function redraw() {
  const m = readMatrix();
  if (!m) {
    $("matrix-status").textContent = "enter four numbers (|x| <= 1e6)";
    return;
  }
  $("matrix-status").textContent = "";
  draw(m, $("plane-before"), $("plane-after"), {
    det: $("fact-det"), area: $("fact-area"), orientation: $("fact-orientation"), eigen: $("fact-eigen"), svd: $("fact-svd"),
  });
}

function setMatrix(values) {
  entryIds.forEach((id, i) => ($(id).value = String(Number(Number(values[i]).toPrecision(6)))));
}

// --- layer checker ------------------------------------------------------------------------------------------
function recheckLayers() {
  const { steps, error } = checkLayers($("layers").value);
  const body = $("layer-table").tBodies[0];
  body.replaceChildren();
  steps.forEach((s, i) => {
    const tr = document.createElement("tr");
    tr.className = "ok";
    tr.dataset.step = String(i);
    tr.dataset.line = String(s.line);
    tr.dataset.shape = s.shape.join(",");
    for (const text of [String(s.line), s.text, formatShape(s.shape), s.note]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    tr.children[2].className = "shape";
    body.append(tr);
  });
  const box = $("layer-error");
  if (error) {
    const tr = document.createElement("tr");
    tr.className = "mismatch";
    tr.dataset.line = String(error.line);
    for (const text of [String(error.line), error.text, "mismatch", ""]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
    $("layer-message").textContent = "line " + error.line + ": " + error.message;
    $("layer-hint").textContent = error.hint ? "hint: " + error.hint : "";
    box.hidden = false;
  } else {
    box.hidden = true;
    $("layer-message").textContent = "";
    $("layer-hint").textContent = "";
  }
}

// --- start --------------------------------------------------------------------------------------------------
async function start() {
  const calc = new CalcPanel({
    form: $("calc-form"), input: $("expr"), log: $("log"), vars: $("vars"), reset: $("reset"),
    onChange: () => scheduleSave(calc),
  });

  for (const button of document.querySelectorAll("[data-preset]")) {
    button.addEventListener("click", () => {
      setMatrix(PRESETS[button.dataset.preset]);
      redraw();
      scheduleSave(calc);
    });
  }
  for (const id of entryIds) $(id).addEventListener("input", () => { redraw(); scheduleSave(calc); });
  $("layers").addEventListener("input", () => { recheckLayers(); scheduleSave(calc); });
  $("share").addEventListener("click", async () => {
    writeState(currentState(calc));
    try {
      await navigator.clipboard.writeText(location.href);
      $("share-status").textContent = "link copied";
    } catch {
      $("share-status").textContent = "copy the address bar to share";
    }
  });

  const state = readState();
  if (state.matrix) entryIds.forEach((id, i) => ($(id).value = state.matrix[i]));
  if (state.layers !== null) $("layers").value = state.layers;
  redraw();
  recheckLayers();
  if (state.program) await calc.runProgram(state.program);
  document.body.dataset.ready = "true";

  // For tests and the console: the pure functions the page draws with.
  window.linea = { analyze, checkLayers, encodeState, readState, nice, calc };
}

start();
