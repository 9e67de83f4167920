using System.Numerics;

namespace Linea;

/// <summary>
/// Householder QR with column pivoting, A P = Q R (LAPACK's geqp3 with its unblocked kernel laqp2), in place on a
/// column-major m x n matrix. At step i the remaining column of largest norm moves to position i, so
/// |R_00| >= |R_11| >= ... and the trailing norms are downdated with LAPACK's safeguard (recomputed when
/// cancellation leaves fewer than half the digits: ratio below sqrt(eps)). The trailing update is level 2
/// (one reflector at a time, about 4 m n k flops, memory bound); LAPACK's blocked laqps is not implemented:
/// <see cref="Linalg"/>'s Lstsq therefore runs a blocked QR first and pivots only the small n x n R when m &gt; n.
/// </summary>
internal static class Geqp3
{
    /// <summary>Factors the m x n matrix at (a, off, lda); tau gets min(m, n) scalars, jpvt[j] = the original index of column j of A P.</summary>
    public static void Factor<T>(int m, int n, T[] a, int off, int lda, Span<T> tau, Span<int> jpvt) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        var vn1 = new T[n];
        var vn2 = new T[n];
        for (int j = 0; j < n; j++)
        {
            jpvt[j] = j;
            vn1[j] = vn2[j] = Nrm2.Compute(m, a, off + j * lda, 1);
        }
        T tol3z = T.Sqrt(MachineConstants<T>.UnitRoundoff); // LAPACK: sqrt(dlamch('E'))
        for (int i = 0; i < k; i++)
        {
            int pvt = i;
            for (int j = i + 1; j < n; j++)
                if (vn1[j] > vn1[pvt]) pvt = j;
            if (pvt != i)
            {
                var ci = a.AsSpan(off + i * lda, m);
                var cp = a.AsSpan(off + pvt * lda, m);
                for (int r = 0; r < m; r++) (ci[r], cp[r]) = (cp[r], ci[r]);
                (jpvt[i], jpvt[pvt]) = (jpvt[pvt], jpvt[i]);
                vn1[pvt] = vn1[i];
                vn2[pvt] = vn2[i];
            }
            int d = off + i + i * lda;
            T alpha = a[d];
            T t = Householder.Generate(m - i, ref alpha, a, d + 1, 1);
            tau[i] = t;
            a[d] = alpha;
            if (i + 1 < n) Householder.ApplyLeft(m - i, n - i - 1, a, d, t, a, d + lda, lda);
            for (int j = i + 1; j < n; j++)
            {
                if (vn1[j] == T.Zero) continue;
                T r = T.Abs(a[off + i + j * lda]) / vn1[j];
                T temp = T.Max(T.One - r * r, T.Zero);
                T q = vn1[j] / vn2[j];
                T temp2 = temp * q * q;
                if (temp2 <= tol3z)
                {
                    if (i + 1 < m)
                    {
                        vn1[j] = Nrm2.Compute(m - i - 1, a, off + i + 1 + j * lda, 1);
                        vn2[j] = vn1[j];
                    }
                    else vn1[j] = vn2[j] = T.Zero;
                }
                else vn1[j] *= T.Sqrt(temp);
            }
        }
    }
}
