#!/usr/bin/env python3
"""Regenerates the float16 .npy fixtures that tests/Linea.Tests/Core/HalfPrecisionTests.cs loads.

Documentation only: the tests never run Python; they hard-code the values below (and their bit patterns).
Run from this folder with NumPy installed (Debian: apt-get install python3-numpy):

    python3 make_half_fixtures.py
"""
import numpy as np

# 0.1 rounds to 0x2E66 (0.0999755859375); 65504 is float16's max; 2**-24 its smallest subnormal.
np.save("f2_2x3.npy", np.array([[1, 0.1, -2.5], [65504, 2**-24, np.inf]], dtype=np.float16))
# The same values as float32: a float16 file and a float32 file load to the same Half tensor.
np.save("f2_as_f4_2x3.npy", np.array([[1, 0.1, -2.5], [65504, 2**-24, np.inf]], dtype=np.float16).astype(np.float32))
for v in np.array([1, 0.1, -2.5, 65504, 2**-24, np.inf], dtype=np.float16):
    print(hex(v.view(np.uint16)), repr(v))
print(str(np.array([[1, 0.1, -2.5], [65504, 2**-24, np.inf]], dtype=np.float16)))
