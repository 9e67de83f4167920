using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Right eigenvectors of a real quasi-triangular Schur form T, back-transformed by the Schur vectors Q (LAPACK's trevc3
/// with side 'R' and howmny 'B'). For each eigenvalue, from the last to the first, the eigenvector x of T is found by
/// back substitution through the 1 x 1 and 2 x 2 diagonal blocks (<see cref="Laln2"/>), with a running scale factor
/// that keeps it from overflowing, and normalised to largest entry 1 (|Re| + |Im| for complex ones). A complex pair
/// lambda = wr +- i wi (wi &gt; 0) gives one complex vector x = xr + i xi for wr + i wi, stored as the two columns
/// xr, xi; its conjugate belongs to wr - i wi. The eigenvectors of A are then Q X, formed by GEMM a block of columns
/// at a time (X is upper triangular). About n^3 / 3 flops for X (level 1 and 2) plus n^3 for Q X (level 3).
/// </summary>
internal static class Trevc
{
    /// <summary>
    /// Returns Q X as a new n x n column-major array (ld n): column j is the eigenvector of the real eigenvalue T(j, j),
    /// or, for a 2 x 2 block at (j, j+1), columns j and j+1 are the real and imaginary parts of the eigenvector of the
    /// eigenvalue with positive imaginary part. T must be in standardised Schur form (<see cref="Lanv2"/>).
    /// </summary>
    public static T[] RightVectors<T>(int n, T[] t, int ldt, T[] q, int ldq, int blockSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n * n];
        if (n == 0) return x;
        T ulp = EigenConstants.Ulp<T>(), unfl = EigenConstants.SafeMin<T>();
        T smlnum = unfl * (T.CreateTruncating(n) / ulp);
        T bignum = (T.One - ulp) / smlnum;
        // cnorm[j]: 1-norm of the strictly upper part of column j, for the overflow guard of the updates.
        var cnorm = new T[n];
        for (int j = 1; j < n; j++)
        {
            T s = T.Zero;
            for (int i = 0; i < j; i++) s += T.Abs(t[i + j * ldt]);
            cnorm[j] = s;
        }

        for (int ki = n - 1; ki >= 0;)
        {
            if (ki > 0 && t[ki + (ki - 1) * ldt] != T.Zero)
            {
                ComplexVector(ki, t, ldt, x, n, cnorm, smlnum, bignum, ulp);
                ki -= 2;
            }
            else
            {
                RealVector(ki, t, ldt, x, n, cnorm, smlnum, bignum, ulp);
                ki -= 1;
            }
        }

        // V(:, c0:c1) = Q(:, 0:c1) X(0:c1, c0:c1), computed transposed so that GEMM writes row-major blocks.
        var v = new T[n * n];
        int nb = Math.Max(blockSize, 1);
        for (int c0 = 0; c0 < n; c0 += nb)
        {
            int c1 = Math.Min(n, c0 + nb);
            Gemm.Multiply(c1 - c0, n, c1, T.One, x, c0 * n, n, 1, q, 0, ldq, 1, T.Zero, v, c0 * n, n, 1);
        }
        return v;
    }

    /// <summary>Column ki of X for the real eigenvalue T(ki, ki).</summary>
    private static void RealVector<T>(int ki, T[] t, int ldt, T[] x, int ldx, T[] cnorm, T smlnum, T bignum, T ulp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T wr = t[ki + ki * ldt];
        T smin = T.Max(ulp * T.Abs(wr), smlnum);
        var col = x.AsSpan(ki * ldx, ki + 1);
        col[ki] = T.One;
        for (int k = 0; k < ki; k++) col[k] = -t[k + ki * ldt];

        for (int j = ki - 1; j >= 0;)
        {
            if (j > 0 && t[j + (j - 1) * ldt] != T.Zero)
            {
                int j1 = j - 1;
                T scale = Laln2.Solve2(t[j1 + j1 * ldt], t[j1 + j * ldt], t[j + j1 * ldt], t[j + j * ldt], wr, T.Zero, smin, bignum,
                    col[j1], T.Zero, col[j], T.Zero, out T x1, out _, out T x2, out _, out T xnorm);
                if (xnorm > T.One)
                {
                    T beta = T.Max(cnorm[j1], cnorm[j]);
                    if (beta > bignum / xnorm) { x1 /= xnorm; x2 /= xnorm; scale /= xnorm; }
                }
                if (scale != T.One) TensorPrimitives.Multiply(col, scale, col);
                col[j1] = x1;
                col[j] = x2;
                var head = col.Slice(0, j1);
                TensorPrimitives.MultiplyAdd(t.AsSpan(j1 * ldt, j1), -x1, head, head);
                TensorPrimitives.MultiplyAdd(t.AsSpan(j * ldt, j1), -x2, head, head);
                j -= 2;
            }
            else
            {
                T scale = Laln2.Solve1(t[j + j * ldt], wr, T.Zero, smin, bignum, col[j], T.Zero, out T x1, out _, out T xnorm);
                if (xnorm > T.One && cnorm[j] > bignum / xnorm) { x1 /= xnorm; scale /= xnorm; }
                if (scale != T.One) TensorPrimitives.Multiply(col, scale, col);
                col[j] = x1;
                var head = col.Slice(0, j);
                TensorPrimitives.MultiplyAdd(t.AsSpan(j * ldt, j), -x1, head, head);
                j -= 1;
            }
        }
        T emax = TensorPrimitives.MaxMagnitude<T>(col);
        T emaxAbs = T.Abs(emax);
        if (emaxAbs > T.Zero) TensorPrimitives.Multiply(col, T.One / emaxAbs, col);
    }

    /// <summary>Columns ki-1 (real part) and ki (imaginary part) of X for the pair of the 2 x 2 block at (ki-1, ki).</summary>
    private static void ComplexVector<T>(int ki, T[] t, int ldt, T[] x, int ldx, T[] cnorm, T smlnum, T bignum, T ulp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kp = ki - 1;
        T wr = t[kp + kp * ldt];
        T b = t[kp + ki * ldt], c = t[ki + kp * ldt];
        T wi = T.Sqrt(T.Abs(b)) * T.Sqrt(T.Abs(c));
        T smin = T.Max(ulp * (T.Abs(wr) + T.Abs(wi)), smlnum);
        var xr = x.AsSpan(kp * ldx, ki + 1);
        var xi = x.AsSpan(ki * ldx, ki + 1);
        // The 2 x 2 block's own eigenvector for wr + i wi: (1, i wi / b) or (-wi / c, i), whichever divides by the larger.
        if (T.Abs(b) >= T.Abs(c)) { xr[kp] = T.One; xi[ki] = wi / b; }
        else { xr[kp] = -wi / c; xi[ki] = T.One; }
        xr[ki] = T.Zero;
        xi[kp] = T.Zero;
        for (int k = 0; k < kp; k++)
        {
            xr[k] = -xr[kp] * t[k + kp * ldt];
            xi[k] = -xi[ki] * t[k + ki * ldt];
        }

        for (int j = kp - 1; j >= 0;)
        {
            if (j > 0 && t[j + (j - 1) * ldt] != T.Zero)
            {
                int j1 = j - 1;
                T scale = Laln2.Solve2(t[j1 + j1 * ldt], t[j1 + j * ldt], t[j + j1 * ldt], t[j + j * ldt], wr, wi, smin, bignum,
                    xr[j1], xi[j1], xr[j], xi[j], out T x1r, out T x1i, out T x2r, out T x2i, out T xnorm);
                if (xnorm > T.One)
                {
                    T beta = T.Max(cnorm[j1], cnorm[j]);
                    if (beta > bignum / xnorm)
                    {
                        T f = T.One / xnorm;
                        x1r *= f; x1i *= f; x2r *= f; x2i *= f; scale *= f;
                    }
                }
                if (scale != T.One)
                {
                    TensorPrimitives.Multiply(xr, scale, xr);
                    TensorPrimitives.Multiply(xi, scale, xi);
                }
                xr[j1] = x1r; xi[j1] = x1i;
                xr[j] = x2r; xi[j] = x2i;
                var hr = xr.Slice(0, j1);
                var hi = xi.Slice(0, j1);
                var t1 = t.AsSpan(j1 * ldt, j1);
                var t2 = t.AsSpan(j * ldt, j1);
                TensorPrimitives.MultiplyAdd(t1, -x1r, hr, hr);
                TensorPrimitives.MultiplyAdd(t2, -x2r, hr, hr);
                TensorPrimitives.MultiplyAdd(t1, -x1i, hi, hi);
                TensorPrimitives.MultiplyAdd(t2, -x2i, hi, hi);
                j -= 2;
            }
            else
            {
                T scale = Laln2.Solve1(t[j + j * ldt], wr, wi, smin, bignum, xr[j], xi[j], out T x1r, out T x1i, out T xnorm);
                if (xnorm > T.One && cnorm[j] > bignum / xnorm)
                {
                    T f = T.One / xnorm;
                    x1r *= f; x1i *= f; scale *= f;
                }
                if (scale != T.One)
                {
                    TensorPrimitives.Multiply(xr, scale, xr);
                    TensorPrimitives.Multiply(xi, scale, xi);
                }
                xr[j] = x1r; xi[j] = x1i;
                var hr = xr.Slice(0, j);
                var hi = xi.Slice(0, j);
                var tc = t.AsSpan(j * ldt, j);
                TensorPrimitives.MultiplyAdd(tc, -x1r, hr, hr);
                TensorPrimitives.MultiplyAdd(tc, -x1i, hi, hi);
                j -= 1;
            }
        }
        T emax = T.Zero;
        for (int k = 0; k <= ki; k++) emax = T.Max(emax, T.Abs(xr[k]) + T.Abs(xi[k]));
        if (emax > T.Zero)
        {
            T f = T.One / emax;
            TensorPrimitives.Multiply(xr, f, xr);
            TensorPrimitives.Multiply(xi, f, xi);
        }
    }
}
