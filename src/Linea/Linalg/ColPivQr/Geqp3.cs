using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Householder QR with column pivoting, A P = Q R (LAPACK's geqp3 with its unblocked kernel laqp2), in place on an
/// m x n matrix view (any strides; column-contiguous ones run on spans). At step i the remaining column of largest norm moves to position i, so
/// |R_00| >= |R_11| >= ... and the trailing norms are downdated with LAPACK's safeguard (recomputed when
/// cancellation leaves fewer than half the digits: ratio below sqrt(eps)). The trailing update is level 2
/// (one reflector at a time, about 4 m n k flops, memory bound); LAPACK's blocked laqps is not implemented:
/// <see cref="Linalg"/>'s Lstsq therefore runs a blocked QR first and pivots only the small n x n R when m &gt; n.
/// </summary>
internal static class Geqp3
{
    /// <summary>
    /// Factors the m x n view a in place: R on and above the diagonal, reflectors below; tau gets min(m, n) scalars,
    /// jpvt the permutation (column j of A P is column jpvt[j] of A). O(m n k); two n-vectors of norms allocated.
    /// </summary>
    public static void Factor<T>(in MatrixView<T> a, Span<T> tau, Span<int> jpvt) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Rows;
        int n = checked((int)a.Cols), k = checked((int)Math.Min(m, n));
        var vn1 = new T[n];
        var vn2 = new T[n];
        for (int j = 0; j < n; j++)
        {
            jpvt[j] = j;
            vn1[j] = vn2[j] = Nrm2.Compute(a.Block(0, j, m, 1));
        }
        T tol3z = T.Sqrt(MachineConstants<T>.UnitRoundoff); // LAPACK: sqrt(dlamch('E'))
        for (int i = 0; i < k; i++)
        {
            int pvt = i;
            for (int j = i + 1; j < n; j++)
                if (vn1[j] > vn1[pvt]) pvt = j;
            if (pvt != i)
            {
                a.SwapColumns(i, pvt);
                (jpvt[i], jpvt[pvt]) = (jpvt[pvt], jpvt[i]);
                vn1[pvt] = vn1[i];
                vn2[pvt] = vn2[i];
            }
            ref T d = ref a[i, i];
            T alpha = d;
            T t = Householder.Generate(ref alpha, a.Block(i + 1, i, m - i - 1, 1));
            tau[i] = t;
            d = alpha;
            if (i + 1 < n) Householder.ApplyLeft(a.Block(i, i, m - i, 1), t, a.Block(i, i + 1, m - i, n - i - 1));
            for (int j = i + 1; j < n; j++)
            {
                if (vn1[j] == T.Zero) continue;
                T r = T.Abs(a[i, j]) / vn1[j];
                T temp = T.Max(T.One - r * r, T.Zero);
                T q = vn1[j] / vn2[j];
                T temp2 = temp * q * q;
                if (temp2 <= tol3z)
                {
                    if (i + 1 < m)
                    {
                        vn1[j] = Nrm2.Compute(a.Block(i + 1, j, m - i - 1, 1));
                        vn2[j] = vn1[j];
                    }
                    else vn1[j] = vn2[j] = T.Zero;
                }
                else vn1[j] *= T.Sqrt(temp);
            }
        }
    }
}
