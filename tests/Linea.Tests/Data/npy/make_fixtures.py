#!/usr/bin/env python3
"""Regenerates the .npy fixtures that tests/Linea.Tests/IO/NpyTests.cs loads.

Documentation only: the tests never run Python; they hard-code the values below.
Run from this folder with NumPy installed (Debian: apt-get install python3-numpy):

    python3 make_fixtures.py
"""
import numpy as np

base = np.arange(12, dtype=np.float64).reshape(3, 4) * 0.5   # [[0, .5, 1, 1.5], ...]

np.save("f8_c_3x4.npy", base)                                  # float64, C order, version 1.0
np.save("f8_fortran_3x4.npy", np.asfortranarray(base))         # fortran_order: True
np.save("f8_fortran_2x3x4.npy",                                # 3-d Fortran order
        np.asfortranarray(np.arange(24, dtype=np.float64).reshape(2, 3, 4)))
np.save("f4_1d.npy", np.array([1.5, -2.25, 3.0e-3, 1e30, np.inf], dtype=np.float32))
np.save("i4_2x3.npy", np.array([[1, -2, 3], [2**31 - 1, -2**31, 0]], dtype=np.int32))
np.save("i8_1d.npy", np.array([0, -1, 2**53, -2**53, 2**53 + 1], dtype=np.int64))
np.save("f8_scalar.npy", np.float64(3.25))                     # shape ()
np.save("f8_empty_0x3.npy", np.zeros((0, 3)))
np.save("f8_big_endian.npy", base.astype(">f8"))               # descr '>f8'
with open("f8_v2.npy", "wb") as f:                             # format version 2.0
    np.lib.format.write_array(f, base, version=(2, 0))
np.save("f8_nan_inf.npy", np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324]))
np.save("c16_unsupported.npy", np.array([1 + 2j]))             # complex128: must be rejected
np.save("structured_unsupported.npy",                          # structured: must be rejected
        np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))
