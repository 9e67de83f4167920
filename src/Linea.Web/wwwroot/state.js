// Shareable state: the program (entered lines), the 2x2 matrix and the layer stack, kept in the URL's hash as
// #p=<lines>&m=<a,b,c,d>&l=<layers> (URL-encoded), so a copied link reproduces the page.

/** Reads the state from location.hash; missing parts are null. */
export function readState(hash = location.hash) {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const m = params.get("m");
  let matrix = null;
  if (m !== null) {
    const parts = m.split(",");
    if (parts.length === 4) matrix = parts.map((s) => s.trim());
  }
  return { program: params.get("p"), matrix, layers: params.get("l") };
}

/** Encodes the state as a hash string ("#p=...&m=...&l=..."), leaving out empty parts. */
export function encodeState({ program, matrix, layers }) {
  const params = new URLSearchParams();
  if (program) params.set("p", program);
  if (matrix) params.set("m", matrix.join(","));
  if (layers) params.set("l", layers);
  const s = params.toString();
  return s ? "#" + s : "";
}

/** Replaces the current URL's hash without adding a history entry. */
export function writeState(state) {
  const hash = encodeState(state);
  history.replaceState(null, "", location.pathname + location.search + hash);
}
