// The layer shape checker: parses a stack such as
//   input(32, 28, 28) / flatten / dense(784, 128) / relu / attention(4) / reshape(7, -1)
// (one step per line) and computes each step's output shape, stopping at the first mismatch with a hint.
// Axis 0 is the batch; it may be a name (input(b, 784)). reshape and flatten act per sample (axis 0 is kept).

const SHAPE_KEEPING = ["relu", "gelu", "tanh", "sigmoid", "softmax", "dropout", "layernorm", "batchnorm"];
const KNOWN = ["input", "dense", "linear", "attention", "reshape", "flatten", ...SHAPE_KEEPING];

/** Formats a shape like NumPy: (32, 784), (10,) for one axis. */
export function formatShape(shape) {
  return shape.length === 1 ? "(" + shape[0] + ",)" : "(" + shape.join(", ") + ")";
}

function product(dims) {
  return dims.reduce((p, d) => p * d, 1);
}

function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function nearest(name) {
  let best = null, bestD = 3;
  for (const k of KNOWN) {
    const d = editDistance(name.toLowerCase(), k);
    if (d < bestD) { best = k; bestD = d; }
  }
  return best;
}

function divisors(n, limit) {
  const out = [];
  for (let k = 1; k <= n && out.length < limit; k++) if (n % k === 0) out.push(k);
  return out;
}

class Mismatch extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
}

/** Parses "name" or "name(arg, ...)"; args are integers, or names where allowed. */
function parseStep(text) {
  const m = /^\s*([A-Za-z_][A-Za-z_0-9]*)\s*(?:\((.*)\))?\s*$/.exec(text);
  if (!m) throw new Mismatch("cannot read this step", "write a step as name(arguments), e.g. dense(128)");
  const name = m[1].toLowerCase();
  const raw = m[2] === undefined ? [] : m[2].split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const args = raw.map((s) => {
    if (/^-?\d+$/.test(s)) return parseInt(s, 10);
    if (/^\d*\.\d+$/.test(s)) return parseFloat(s);
    if (/^[A-Za-z_][A-Za-z_0-9]*$/.test(s)) return s;
    throw new Mismatch("cannot read the argument '" + s + "'", "arguments are whole numbers (or a name for the batch axis of input)");
  });
  return { name, args };
}

function positiveInts(args, what) {
  for (const a of args)
    if (!Number.isInteger(a) || a < 1) throw new Mismatch(what + " needs whole numbers of at least 1, got " + a, null);
  return args;
}

function applyStep(shape, step) {
  const { name, args } = step;
  const rank = shape.length;
  const last = shape[rank - 1];
  switch (name) {
    case "dense":
    case "linear": {
      if (args.length < 1 || args.length > 2) throw new Mismatch(name + " takes (units) or (in, out)", "e.g. dense(128) or dense(784, 128)");
      positiveInts(args, name);
      if (rank < 2) throw new Mismatch(name + " needs (batch, features); the input is " + formatShape(shape), "give the input a feature axis, e.g. reshape(1)");
      if (args.length === 2 && args[0] !== last) {
        const features = product(shape.slice(1));
        const hint = rank > 2 && features === args[0]
          ? "flatten first: " + formatShape(shape) + " -> " + formatShape([shape[0], features])
          : "the previous step gives " + last + " features: use " + name + "(" + last + ", " + args[1] + ") or change the step before";
        throw new Mismatch(name + "(" + args.join(", ") + ") expects " + args[0] + " input features but gets " + last + " from " + formatShape(shape), hint);
      }
      const units = args[args.length - 1];
      return { shape: [...shape.slice(0, -1), units], note: rank > 2 ? "acts on the last axis only" : "weights (" + last + ", " + units + ")" };
    }
    case "attention": {
      if (args.length !== 1) throw new Mismatch("attention takes (heads)", "e.g. attention(8)");
      const [heads] = positiveInts(args, "attention");
      if (rank !== 3) {
        const hint = rank === 2 ? "reshape each sample to (sequence, d_model) first, e.g. reshape(" + (Number.isInteger(last) && last % 16 === 0 ? "16, " + last / 16 : "-1, " + last) + ")" : "attention needs (batch, sequence, d_model)";
        throw new Mismatch("attention needs (batch, sequence, d_model); the input is " + formatShape(shape), hint);
      }
      if (last % heads !== 0)
        throw new Mismatch("attention(" + heads + "): d_model = " + last + " is not divisible by " + heads + " heads",
          "use a number of heads that divides " + last + ": " + divisors(last, 12).join(", "));
      return { shape: [...shape], note: heads + " heads of size " + last / heads };
    }
    case "reshape": {
      if (args.length < 1) throw new Mismatch("reshape needs the new per-sample shape", "e.g. reshape(28, 28) or reshape(-1)");
      const sample = shape.slice(1);
      const total = product(sample);
      const free = args.filter((a) => a === -1).length;
      if (free > 1) throw new Mismatch("reshape allows at most one -1", "replace all but one -1 by its size");
      for (const a of args)
        if (a !== -1 && (!Number.isInteger(a) || a < 1)) throw new Mismatch("reshape sizes are whole numbers of at least 1 (or one -1), got " + a, null);
      const known = product(args.filter((a) => a !== -1));
      if (free === 1) {
        if (total % known !== 0)
          throw new Mismatch("reshape(" + args.join(", ") + "): " + total + " values per sample do not divide into parts of " + known,
            "pick sizes whose product divides " + total);
        return { shape: [shape[0], ...args.map((a) => (a === -1 ? total / known : a))], note: "" };
      }
      if (known !== total) {
        // Suggest changing one size (the last first) so the product fits.
        let hint = "the new shape must hold exactly " + total + " values per sample";
        for (let i = args.length - 1; i >= 0; i--) {
          const others = product(args.filter((_, j) => j !== i));
          if (total % others === 0) {
            hint = "did you mean reshape(" + args.map((a, j) => (j === i ? total / others : a)).join(", ") + ")? (or use -1 for one size)";
            break;
          }
        }
        throw new Mismatch("reshape(" + args.join(", ") + ") holds " + known + " values per sample but " + formatShape(shape) + " has " + total, hint);
      }
      return { shape: [shape[0], ...args], note: "" };
    }
    case "flatten":
      if (args.length !== 0) throw new Mismatch("flatten takes no arguments", "write flatten");
      return { shape: [shape[0], product(shape.slice(1))], note: "" };
    case "input":
      throw new Mismatch("input may appear only once, as the first step", "delete this line");
    default:
      if (SHAPE_KEEPING.includes(name)) return { shape: [...shape], note: "shape unchanged" };
      throw new Mismatch("unknown step '" + name + "'", nearest(name) ? "did you mean " + nearest(name) + "?" : "known steps: " + KNOWN.join(", "));
  }
}

/**
 * Checks a layer stack. Returns {steps: [{line, text, shape, note}], error: null | {line, text, message, hint}}:
 * steps up to the first mismatch, whose line (1-based) and hint are in error.
 */
export function checkLayers(source) {
  const steps = [];
  let shape = null;
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].replace(/#.*$/, "").trim();
    if (text === "") continue;
    try {
      const step = parseStep(text);
      if (shape === null) {
        if (step.name !== "input") throw new Mismatch("the stack must start with input(...)", "e.g. input(32, 784) for a batch of 32 vectors of 784 features");
        if (step.args.length < 1) throw new Mismatch("input needs a shape", "e.g. input(32, 784)");
        positiveInts(step.args.slice(1), "input");
        if (typeof step.args[0] !== "string") positiveInts(step.args.slice(0, 1), "input");
        shape = [...step.args];
        steps.push({ line: i + 1, text, shape, note: "axis 0 is the batch" });
      } else {
        const { shape: next, note } = applyStep(shape, step);
        shape = next;
        steps.push({ line: i + 1, text, shape, note });
      }
    } catch (e) {
      if (!(e instanceof Mismatch)) throw e;
      return { steps, error: { line: i + 1, text, message: e.message, hint: e.hint } };
    }
  }
  if (shape === null) return { steps, error: { line: 1, text: "", message: "the stack is empty", hint: "start with input(32, 784)" } };
  return { steps, error: null };
}
