using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.Mixture;

/// <summary>
/// The full and tied log-densities for blocks of <see cref="Vector{T}.Count"/> rows at once, as scikit-learn's
/// _estimate_log_gaussian_prob: y = (x - μ) L⁻ᵀ (a triangular product with the precomputed inverse factor), log N =
/// -(d log 2π + ||y||²)/2 - Σ log L_jj. The rows of a block sit in the lanes of d vectors (the block transposed once and
/// shared by all components), so each component costs d(d+1)/2 vector multiply-adds per block. Memory: 2 d vectors per
/// call, nothing per row.
/// </summary>
internal sealed partial class GaussianLogDensity
{
    /// <summary>Inverses of the lower factors (mats of d x d, row-major), by forward substitution on the identity.</summary>
    private static double[] InvertLowerFactors(double[] factor, int mats, int d)
    {
        var inv = new double[factor.Length];
        for (int m = 0; m < mats; m++)
        {
            int off = m * d * d;
            for (int col = 0; col < d; col++)
                for (int j = col; j < d; j++)
                {
                    double v = j == col ? 1.0 : 0.0;
                    for (int l = col; l < j; l++) v -= factor[off + j * d + l] * inv[off + l * d + col];
                    inv[off + j * d + col] = v / factor[off + j * d + j];
                }
        }
        return inv;
    }

    private void TriangularWeightedLogProb(ReadOnlySpan<double> x, int start, int end, Span<double> result)
    {
        int k = _p.K, d = _p.D, w = Vector<double>.Count;
        bool full = _p.Type == CovarianceType.Full;
        var prec = _precChol!;
        var means = _p.Means;
        var constant = new double[k];
        for (int c = 0; c < k; c++) constant[c] = Math.Log(_p.Weights[c]) - 0.5 * (d * Log2Pi + _logDet[c]);
        var xt = new Vector<double>[d];
        var diff = new Vector<double>[d];
        Span<double> lane = stackalloc double[w];
        for (int i0 = start; i0 < end; i0 += w)
        {
            int rows = Math.Min(w, end - i0);
            LoadTransposed(x, i0, rows, d, xt, lane);
            for (int c = 0; c < k; c++)
            {
                int off = full ? c * d * d : 0;
                for (int l = 0; l < d; l++) diff[l] = xt[l] - new Vector<double>(means[c * d + l]);
                var ss = Vector<double>.Zero;
                // Through refs: no bounds checks in the innermost loop (off + j d + l < off + d d <= prec.Length).
                ref double prec0 = ref MemoryMarshal.GetArrayDataReference(prec);
                ref Vector<double> diff0 = ref MemoryMarshal.GetArrayDataReference(diff);
                for (int j = 0; j < d; j++)
                {
                    var z = Vector<double>.Zero;
                    ref double row = ref Unsafe.Add(ref prec0, off + j * d);
                    for (int l = 0; l <= j; l++) z += new Vector<double>(Unsafe.Add(ref row, l)) * Unsafe.Add(ref diff0, l);
                    ss += z * z;
                }
                for (int r = 0; r < rows; r++) result[(i0 + r) * k + c] = constant[c] - 0.5 * ss[r];
            }
        }
    }

    /// <summary>Rows [i0, i0 + rows) of x (n, d) into the lanes of xt (d vectors); missing lanes are 0.</summary>
    internal static void LoadTransposed(ReadOnlySpan<double> x, int i0, int rows, int d, Vector<double>[] xt, Span<double> lane)
    {
        for (int l = 0; l < d; l++) xt[l] = Column(x, i0, rows, d, l, lane);
    }

    /// <summary>Element <paramref name="col"/> of rows [i0, i0 + rows) of a row-major matrix with <paramref name="stride"/>
    /// columns, in the lanes of one vector (missing lanes 0). A full block of four is built in registers: writing the
    /// lanes to memory and reading them back as a vector stalls on store forwarding, which cost the mixture's passes
    /// more than their arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<double> Column(ReadOnlySpan<double> x, int i0, int rows, int stride, int col, Span<double> lane)
    {
        int w = lane.Length;
        if (w == 4 && rows == 4)
        {
            int e = i0 * stride + col;
            return Vector256.Create(x[e], x[e + stride], x[e + 2 * stride], x[e + 3 * stride]).AsVector();
        }
        for (int r = 0; r < w; r++) lane[r] = r < rows ? x[(i0 + r) * stride + col] : 0.0;
        return new Vector<double>(lane);
    }
}
