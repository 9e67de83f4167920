#!/usr/bin/env python3
"""Regenerates the Matrix Market fixtures that tests/Linea.Tests/Sparse/Direct/FixtureSolveTests.cs solves.

Written with Debian's python3-scipy 1.10.1 / python3-numpy 1.24.2. Documentation only: the tests never run
Python; they read these files with Sparse.MmRead and build their right-hand sides themselves. Run from this folder:

    /usr/bin/python3 make_direct_fixtures.py

Fixtures (all small: a few hundred rows, each file well under 100 KB):
  mesh2d_dirichlet.mtx   12x12 grid, 5-point Laplacian, 6 Dirichlet nodes eliminated symmetrically
                         (row and column zeroed, diagonal 1): symmetric positive definite, n = 144.
  mesh3d.mtx             6x6x6 grid, 7-point Laplacian (Dirichlet boundary): SPD, n = 216.
  circuit_mna.mtx        modified nodal analysis of a 60-node resistor network with 4 voltage sources and
                         3 voltage-controlled current sources: unsymmetric, zero diagonal on the 4 source-current
                         rows, n = 63 (59 node voltages, ground removed).
  kkt.mtx                [[H, B^T], [B, -delta I]], H SPD (n_h = 80), B 30 x 80 of full row rank, delta = 1e-3:
                         symmetric quasi-definite (indefinite), n = 110.
  arrow.mtx              hub at index 0 coupled to all others, diagonal dominant: SPD, n = 200; any fill-free
                         ordering puts the hub last.
  tall_rank_deficient.mtx 300 x 40 random sparse with column 39 an exact copy of column 5: rank 39.
"""
import numpy as np
import scipy.io
import scipy.sparse as sp

rng = np.random.default_rng(18)


def laplacian_1d(k):
    return sp.diags([-np.ones(k - 1), 2 * np.ones(k), -np.ones(k - 1)], [-1, 0, 1])


def mesh2d_dirichlet():
    k = 12
    i = sp.identity(k)
    a = (sp.kron(laplacian_1d(k), i) + sp.kron(i, laplacian_1d(k))).tolil()
    for node in [0, 5, 11, 66, 132, 143]:  # prescribed values: unit row and column
        a[node, :] = 0
        a[:, node] = 0
        a[node, node] = 1
    return a.tocoo()


def mesh3d():
    k = 6
    i = sp.identity(k)
    t = laplacian_1d(k)
    return (sp.kron(sp.kron(t, i), i) + sp.kron(sp.kron(i, t), i) + sp.kron(sp.kron(i, i), t)).tocoo()


def circuit_mna():
    nodes, sources = 60, 4  # node 0 is ground and not an unknown: unknowns are nodes 1..59 and the source currents
    g = np.zeros((nodes, nodes))

    def resistor(p, q, conductance):
        g[p, p] += conductance
        g[q, q] += conductance
        g[p, q] -= conductance
        g[q, p] -= conductance

    for p in range(nodes):  # a ring keeps every node connected
        resistor(p, (p + 1) % nodes, rng.uniform(0.5, 2.0))
    for _ in range(40):
        p, q = rng.choice(nodes, 2, replace=False)
        resistor(p, q, rng.uniform(0.1, 1.0))
    for _ in range(3):  # VCCS: current gm (v_c - v_d) from p to q; the unsymmetric part
        p, q, c, d = rng.choice(nodes, 4, replace=False)
        gm = rng.uniform(0.05, 0.2)
        g[p, c] += gm
        g[p, d] -= gm
        g[q, c] -= gm
        g[q, d] += gm
    n = nodes - 1 + sources
    a = np.zeros((n, n))
    a[: nodes - 1, : nodes - 1] = g[1:, 1:]
    for s, (p, q) in enumerate([(1, 0), (17, 0), (30, 45), (52, 8)]):  # sources v_p - v_q = E_s
        k = nodes - 1 + s
        for node, sign in ((p, 1.0), (q, -1.0)):
            if node > 0:
                a[node - 1, k] = sign
                a[k, node - 1] = sign
    return sp.coo_matrix(a)


def kkt():
    nh, m, delta = 80, 30, 1e-3
    r = sp.random(nh, nh, density=0.03, random_state=rng)
    h = laplacian_1d(nh) + r @ r.T + 0.1 * sp.identity(nh)
    b = sp.random(m, nh, density=0.05, random_state=rng) + sp.eye(m, nh)  # full row rank
    return sp.bmat([[h, b.T], [b, -delta * sp.identity(m)]]).tocoo()


def arrow():
    n = 200
    spoke = rng.uniform(-1, 1, n - 1)
    a = sp.lil_matrix((n, n))
    a[0, 1:] = spoke
    a[1:, 0] = spoke[:, None]
    a[0, 0] = np.abs(spoke).sum() + 1
    a.setdiag(np.concatenate([[a[0, 0]], rng.uniform(2, 3, n - 1)]))
    return a.tocoo()


def tall_rank_deficient():
    m, n = 300, 40
    a = sp.random(m, n, density=0.06, random_state=rng).tolil()
    for j in range(n):  # every column nonzero
        a[rng.integers(m), j] = rng.uniform(0.5, 1.5)
    a[:, 39] = a[:, 5]
    return a.tocoo()


def write(name, a, symmetric):
    a = sp.coo_matrix(a)
    if symmetric:
        assert abs(a - a.T).max() == 0
        scipy.io.mmwrite(name + ".mtx", a, symmetry="symmetric")
    else:
        scipy.io.mmwrite(name + ".mtx", a, symmetry="general")
    d = a.toarray()
    s = np.linalg.svd(d, compute_uv=False)
    eig = np.linalg.eigvalsh(d) if symmetric else None
    print(f"{name}: shape {a.shape}, nnz {a.nnz}, rank {np.linalg.matrix_rank(d)}, cond {s[0] / s[-1]:.3g}"
          + (f", eig [{eig[0]:.3g}, {eig[-1]:.3g}]" if eig is not None else ""))


write("mesh2d_dirichlet", mesh2d_dirichlet(), True)
write("mesh3d", mesh3d(), True)
write("circuit_mna", circuit_mna(), False)
write("kkt", kkt(), True)
write("arrow", arrow(), True)
write("tall_rank_deficient", tall_rank_deficient(), False)
