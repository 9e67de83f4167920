// Closed-form geometry of the 2x2 matrix [[a, b], [c, d]]: the same formulas as Linea.Web's Transform2x2 (C#),
// which the tests compare with this file through the page.

/** Relative size below which the eigenvalue discriminant counts as zero (a repeated eigenvalue). */
export const REPEATED_TOLERANCE = 1e-12;

/** Images of the unit square's corners (0,0), (1,0), (1,1), (0,1). */
export function unitSquareImage(a, b, c, d) {
  return [[0, 0], [a, c], [a + b, c + d], [b, d]];
}

/** Applies the matrix to the point (x, y). */
export function apply(m, x, y) {
  return [m.a * x + m.b * y, m.c * x + m.d * y];
}

function unitDirection(a, b, c, d, lambda) {
  // The longer of the perpendiculars of the two rows of (M - lambda I); both vanish only when M = lambda I.
  const p = [b, lambda - a], q = [lambda - d, c];
  let v = p[0] * p[0] + p[1] * p[1] >= q[0] * q[0] + q[1] * q[1] ? p : q;
  const n = Math.sqrt(v[0] * v[0] + v[1] * v[1]);
  v = [v[0] / n, v[1] / n];
  return v[0] < 0 || (v[0] === 0 && v[1] < 0) ? [-v[0], -v[1]] : v;
}

/**
 * Real eigen-directions: {directions: "none"|"one"|"two"|"all", values, vectors}. Values descend; vectors are unit
 * with the first nonzero component positive; "all" (a multiple of the identity) lists e1, e2 as representatives.
 */
export function eigen(a, b, c, d) {
  const halfTrace = (a + d) / 2, halfDiff = (a - d) / 2;
  const disc = halfDiff * halfDiff + b * c; // (tr/2)^2 - det without the cancellation of tr^2 - 4 det
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  if (b === 0 && c === 0 && a === d) return { directions: "all", values: [a, a], vectors: [[1, 0], [0, 1]] };
  const tol = REPEATED_TOLERANCE * scale * scale;
  if (disc < -tol) {
    const im = Math.sqrt(-disc);
    return { directions: "none", values: [], vectors: [], complex: [halfTrace, im] };
  }
  if (disc <= tol) return { directions: "one", values: [halfTrace, halfTrace], vectors: [unitDirection(a, b, c, d, halfTrace)] };
  const r = Math.sqrt(disc);
  const l1 = halfTrace + r, l2 = halfTrace - r;
  return { directions: "two", values: [l1, l2], vectors: [unitDirection(a, b, c, d, l1), unitDirection(a, b, c, d, l2)] };
}

/**
 * SVD M = U diag(s1, s2) V^T in closed form: M = Rot(phi) diag(Q+R, Q-R) Rot(theta) with E=(a+d)/2, F=(a-d)/2,
 * G=(c+b)/2, H=(c-b)/2, Q=|(E,H)|, R=|(F,G)|; a negative Q-R flips u2. Returns {s: [s1, s2], u: [u1, u2], v: [v1, v2]}
 * with M v_i = s_i u_i, s1 >= s2 >= 0.
 */
export function svd(a, b, c, d) {
  const e = (a + d) / 2, f = (a - d) / 2, g = (c + b) / 2, h = (c - b) / 2;
  const q = Math.sqrt(e * e + h * h), r = Math.sqrt(f * f + g * g);
  const a1 = Math.atan2(g, f), a2 = Math.atan2(h, e);
  const theta = (a2 - a1) / 2, phi = (a2 + a1) / 2;
  const sy = q - r;
  const u1 = [Math.cos(phi), Math.sin(phi)];
  const u2 = sy >= 0 ? [-Math.sin(phi), Math.cos(phi)] : [Math.sin(phi), -Math.cos(phi)];
  const v1 = [Math.cos(theta), -Math.sin(theta)];
  const v2 = [Math.sin(theta), Math.cos(theta)];
  return { s: [q + r, Math.abs(sy)], u: [u1, u2], v: [v1, v2] };
}

/** Everything the visual guide shows, in the shape of POST /api/transform2x2's answer. */
export function analyze(a, b, c, d) {
  const det = a * d - b * c;
  return {
    det,
    areaScale: Math.abs(det),
    flipsOrientation: det < 0,
    unitSquare: unitSquareImage(a, b, c, d),
    eigen: eigen(a, b, c, d),
    svd: svd(a, b, c, d),
  };
}

/** The course's presets, as [a, b, c, d]. */
export const PRESETS = {
  identity: [1, 0, 0, 1],
  scale: [2, 0, 0, 3],
  rotate45: [Math.SQRT1_2, -Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2],
  reflect: [1, 0, 0, -1],
  shear: [1, 0.5, 0, 1],
  project: [1, 0, 0, 0],
  zero: [0, 0, 0, 0],
};
