#!/usr/bin/python3
"""Writes complex_print.json: how NumPy prints complex values, as reference text for ComplexPrintingTests.

Each case pairs a calculator program with the same computation in NumPy. The test runs the program and expects
NumPy's str() of the result followed by "  complex128" (the calculator prints float64 arrays the same way, with
their tag). Run with Debian's python3 + numpy; the tests never call Python.
"""
import json
import numpy as np

A = np.array
np.seterr(all="ignore")  # inf * 1j makes a NaN real part on purpose

cases = [
    # eigenvalues and eigenvectors of the 90-degree rotation (exact in both: 0, +-1, +-1/sqrt(2))
    ("eigvals([[0, -1], [1, 0]])", np.linalg.eigvals(A([[0., -1], [1, 0]]))),
    ("eig([[0, -1], [1, 0]])[1]", np.linalg.eig(A([[0., -1], [1, 0]]))[1]),
    # literals and scalars: Python's repr of a complex number
    ("1j", np.complex128(1j)),
    ("-1j", -np.complex128(1j)),
    ("2.5j", np.complex128(2.5j)),
    ("conj(1j)", np.conj(np.complex128(1j))),
    ("(1 + 2j) * (3 - 1j)", np.complex128(1 + 2j) * np.complex128(3 - 1j)),
    ("(1 + 2j) / (3 - 1j)", np.complex128(1 + 2j) / np.complex128(3 - 1j)),
    ("1/3 + 1j", np.complex128(1 / 3 + 1j)),
    ("sum([1 + 1j, 2 - 1j])", np.sum(A([1 + 1j, 2 - 1j]))),
    ("1e20 + 1e-20j", np.complex128(1e20 + 1e-20j)),
    # arrays: real parts in one float style, imaginary parts in another with their sign
    ("[1, 2j, 3]", A([1, 2j, 3])),
    ("[[1.5 + 2j, 3 - 0.25j], [1e-5j, -1]]", A([[1.5 + 2j, 3 - 0.25j], [1e-5j, -1]])),
    ("[1e20 + 1j, 1]", A([1e20 + 1j, 1])),
    ("[1 + 2j, 4] / [3 - 1j, 2j]", A([1 + 2j, 4]) / A([3 - 1j, 2j])),
    ("[1 + 1j, 2 - 1j] ** 3", A([1 + 1j, 2 - 1j]) ** 3),
    ("[1 + 1j, 2 - 1j] ** -1", A([1 + 1j, 2 - 1j]) ** -1),
    ("[[1, 1j], [0, 1]] @ [[1, 2j], [3, 1]]", A([[1, 1j], [0, 1]]) @ A([[1, 2j], [3, 1]])),
    ("[1/3 + 2/3 * 1j, -1/7j, 22/7]", A([1 / 3 + 2 / 3 * 1j, -1 / 7j, 22 / 7])),
    ("[nan + 1j, inf * 1j, -inf + 0j]", A([np.nan + 1j, np.inf * A(1j), -np.inf + 0j])),
    ("[0.1 + 0.2j, 0.3 - 0.4j] * 1e-5", A([0.1 + 0.2j, 0.3 - 0.4j]) * 1e-5),
    # line wrapping at 75 characters and summarising beyond 1000 elements
    ("arange(12) / 7 + 1j", np.arange(12) / 7 + 1j),
    ("arange(2000) * 1j", np.arange(2000) * 1j),
    ("reshape(arange(8) * (1 - 1j), 2, 2, 2)", (np.arange(8) * (1 - 1j)).reshape(2, 2, 2)),
]

out = [{"program": p, "numpy": str(v)} for p, v in cases]
with open("complex_print.json", "w") as f:
    json.dump({"numpy": np.__version__, "cases": out}, f, indent=1)
    f.write("\n")
print(f"wrote {len(out)} cases (numpy {np.__version__})")
