// The calculator panel: an input line with history, evaluation through POST /api/eval in a server-side session
// (id in the X-Linea-Session header), results as tables, errors with a caret and a hint.

import { h, renderError, renderResult } from "./render.js";

export class CalcPanel {
  constructor({ form, input, log, vars, reset, onChange }) {
    this.form = form;
    this.input = input;
    this.log = log;
    this.vars = vars;
    this.onChange = onChange;
    this.session = null;
    this.entries = []; // every line entered, in order (the shareable program)
    this.history = [];
    this.historyIndex = 0;
    this.variables = []; // [{name, dtype, shape}] as the server last reported them
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const text = input.value;
      if (text.trim() === "") return;
      input.value = "";
      this.submit(text);
    });
    input.addEventListener("keydown", (e) => this.onKey(e));
    reset.addEventListener("click", () => this.clear(true));
    this.renderVars();
  }

  onKey(e) {
    if (e.key === "ArrowUp" && this.historyIndex > 0) {
      this.historyIndex--;
      this.input.value = this.history[this.historyIndex];
      e.preventDefault();
    } else if (e.key === "ArrowDown" && this.historyIndex < this.history.length) {
      this.historyIndex++;
      this.input.value = this.historyIndex === this.history.length ? "" : this.history[this.historyIndex];
      e.preventDefault();
    }
  }

  /** Forgets the session and the log; the next evaluation starts a new session. */
  clear(notify) {
    this.session = null;
    this.entries = [];
    this.variables = [];
    this.log.replaceChildren();
    this.renderVars();
    if (notify) this.onChange();
  }

  /** Evaluates each line of a program in order (used to restore a shared link). */
  async runProgram(program) {
    for (const line of program.split("\n")) if (line.trim() !== "") await this.submit(line, false);
  }

  /** Evaluates one input, appends its entry to the log, returns the entry element. */
  async submit(text, notify = true) {
    this.history.push(text);
    this.historyIndex = this.history.length;
    this.entries.push(text);
    const entry = h("div", { class: "entry pending", "data-index": this.entries.length - 1 },
      h("div", { class: "input" }, h("span", { class: "prompt" }, "> "), text));
    const out = h("div", { class: "output" });
    entry.append(out);
    this.log.append(entry);
    try {
      const answer = await this.post(text);
      if (answer.body.results) answer.body.results.forEach((r, i) => out.append(renderResult(r, i)));
      if (Array.isArray(answer.body.variables)) this.variables = answer.body.variables;
      if (answer.body.error) {
        out.append(renderError(answer.body.error));
        entry.classList.add("failed");
      } else {
        entry.classList.add("ok");
      }
    } catch (e) {
      out.append(renderError({ kind: "network", message: String(e.message ?? e) }));
      entry.classList.add("failed");
    }
    entry.classList.remove("pending");
    entry.scrollIntoView({ block: "nearest" });
    this.renderVars();
    if (notify) this.onChange();
    return entry;
  }

  async post(program) {
    const headers = { "Content-Type": "application/json" };
    if (this.session) headers["X-Linea-Session"] = this.session;
    const response = await fetch("/api/eval", { method: "POST", headers, body: JSON.stringify({ program }) });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new Error("the server answered " + response.status + " without JSON");
    }
    if (body.session) this.session = body.session;
    if (!("results" in body)) {
      // A request-level error ({"error": {kind, message}}): busy, too large, ...
      body = { results: [], error: body.error ?? { kind: "http", message: "status " + response.status } };
    }
    return { status: response.status, body };
  }

  renderVars() {
    this.vars.replaceChildren();
    if (this.variables.length === 0) {
      this.vars.append("No named matrices yet.");
      return;
    }
    this.vars.append("Named: ");
    for (const v of this.variables) {
      const name = v.name;
      const about = (v.shape ? v.shape + " " : "") + v.dtype;
      const chip = h("button", { type: "button", class: "chip", "data-name": name, title: about + " (click to insert)" }, name);
      chip.addEventListener("click", () => {
        this.input.value += name;
        this.input.focus();
      });
      this.vars.append(chip);
    }
  }

  /** The program to share: every entered line. */
  get program() {
    return this.entries.join("\n");
  }
}
