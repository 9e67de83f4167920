using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea.ML.Mixture;

/// <summary>
/// The full and tied M-step over blocks of <see cref="Vector{T}.Count"/> rows held in vector lanes: one pass for the
/// counts n_k and the weighted sums rᵀX, one for the scatter Σ_i r_ik (x_i - μ_k)(x_i - μ_k)ᵀ (lower triangle,
/// d(d+1)/2 vector accumulators per component, mirrored at the end). No n x d temporaries: memory is O(k d²) vectors.
/// Rows are split into contiguous chunks across <see cref="Parallelism.Default"/> threads, each with its own
/// accumulators, merged in chunk order (deterministic for a given thread count). Same formulas as the tensor overload
/// of Estimate; only the summation order differs (rounding).
/// </summary>
internal sealed partial class MixtureParameters
{
    /// <summary>The M-step for any covariance type from x (n, d) and responsibilities (n, k), both row-major.</summary>
    public static MixtureParameters Estimate(CovarianceType type, double[] x, int n, int d, double[] resp, int k, double reg)
    {
        if (type is not (CovarianceType.Full or CovarianceType.Tied))
            return Estimate(type, NDArray.FromArray(x, n, d), NDArray.FromArray(resp, n, k), reg);
        int tri = d * (d + 1) / 2;
        int chunks = Math.Max(1, Math.Min(Parallelism.Default.Threads, n / MinRowsPerThread));
        var nkAcc = new Vector<double>[chunks * k];
        var sumAcc = new Vector<double>[chunks * k * d];
        ForChunks(n, chunks, (t, start, end) => WeightedSums(x, start, end, d, resp, k,
            nkAcc.AsSpan(t * k, k), sumAcc.AsSpan(t * k * d, k * d)));
        var nk = new double[k];
        var means = new double[k * d];
        for (int c = 0; c < k; c++)
        {
            nk[c] = Vector.Sum(Merge(nkAcc, chunks, k, c)) + 10 * Precision.Eps<double>();
            for (int l = 0; l < d; l++) means[c * d + l] = Vector.Sum(Merge(sumAcc, chunks, k * d, c * d + l)) / nk[c];
        }
        double total = nk.Sum();
        var weights = nk.Select(v => v / total).ToArray();

        var acc = new Vector<double>[chunks * k * tri];
        ForChunks(n, chunks, (t, start, end) => Scatter(x, start, end, d, resp, k, means, acc.AsSpan(t * k * tri, k * tri)));
        var cov = new double[CovarianceLength(type, k, d)];
        bool full = type == CovarianceType.Full;
        for (int c = 0; c < k; c++)
        {
            int off = full ? c * d * d : 0;
            double div = full ? nk[c] : total;
            int a = c * tri;
            for (int j = 0; j < d; j++)
                for (int l = 0; l <= j; l++)
                {
                    double v = Vector.Sum(Merge(acc, chunks, k * tri, a++)) / div;
                    cov[off + j * d + l] += v;
                    if (l != j) cov[off + l * d + j] += v;
                }
        }
        int mats = full ? k : 1;
        for (int m = 0; m < mats; m++)
            for (int j = 0; j < d; j++) cov[m * d * d + j * d + j] += reg;
        return new MixtureParameters(type, k, d, weights, means, cov);
    }

    /// <summary>Rows per thread below which the M-step stays on one thread.</summary>
    private const int MinRowsPerThread = 4096;

    /// <summary>Runs body(chunk, start, end) over contiguous row chunks, in parallel when there are several.</summary>
    private static void ForChunks(int n, int chunks, Action<int, int, int> body)
    {
        if (chunks == 1) { body(0, 0, n); return; }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks },
            t => body(t, (int)((long)n * t / chunks), (int)((long)n * (t + 1) / chunks)));
    }

    /// <summary>Entry e of every chunk's accumulators (stride per chunk), added in chunk order.</summary>
    private static Vector<double> Merge(Vector<double>[] acc, int chunks, int stride, int e)
    {
        var v = acc[e];
        for (int t = 1; t < chunks; t++) v += acc[t * stride + e];
        return v;
    }

    /// <summary>Lane-wise Σ r_ic (nk, k vectors) and Σ r_ic x_i (sums, k x d vectors) over rows [start, end).</summary>
    private static void WeightedSums(double[] x, int start, int end, int d, double[] resp, int k, Span<Vector<double>> nk, Span<Vector<double>> sums)
    {
        int w = Vector<double>.Count;
        var xt = new Vector<double>[d];
        var rv = new Vector<double>[k];
        Span<double> lane = stackalloc double[w];
        for (int i0 = start; i0 < end; i0 += w)
        {
            int rows = Math.Min(w, end - i0);
            GaussianLogDensity.LoadTransposed(x, i0, rows, d, xt, lane);
            LoadResponsibilities(resp, i0, rows, k, rv, lane);
            ref Vector<double> sums0 = ref MemoryMarshal.GetReference(sums);
            ref Vector<double> xt0 = ref MemoryMarshal.GetArrayDataReference(xt);
            for (int c = 0; c < k; c++)
            {
                var r = rv[c];
                nk[c] += r;
                ref Vector<double> row = ref Unsafe.Add(ref sums0, c * d); // c d + d <= k d = sums.Length
                for (int l = 0; l < d; l++) Unsafe.Add(ref row, l) += r * Unsafe.Add(ref xt0, l);
            }
        }
    }

    /// <summary>Lane-wise lower triangles of Σ r_ic (x_i - μ_c)(x_i - μ_c)ᵀ (k x d(d+1)/2 vectors) over rows [start, end).</summary>
    private static void Scatter(double[] x, int start, int end, int d, double[] resp, int k, double[] means, Span<Vector<double>> acc)
    {
        int w = Vector<double>.Count;
        var xt = new Vector<double>[d];
        var diff = new Vector<double>[d];
        var rv = new Vector<double>[k];
        Span<double> lane = stackalloc double[w];
        for (int i0 = start; i0 < end; i0 += w)
        {
            int rows = Math.Min(w, end - i0);
            GaussianLogDensity.LoadTransposed(x, i0, rows, d, xt, lane);
            LoadResponsibilities(resp, i0, rows, k, rv, lane);
            int a = 0;
            for (int c = 0; c < k; c++)
            {
                for (int l = 0; l < d; l++) diff[l] = xt[l] - new Vector<double>(means[c * d + l]);
                // The triangle through refs (no bounds checks in the innermost loop; a + j + 1 <= k d(d+1)/2 = acc.Length).
                ref Vector<double> acc0 = ref MemoryMarshal.GetReference(acc);
                ref Vector<double> diff0 = ref MemoryMarshal.GetArrayDataReference(diff);
                for (int j = 0; j < d; j++)
                {
                    var wd = rv[c] * Unsafe.Add(ref diff0, j);
                    ref Vector<double> row = ref Unsafe.Add(ref acc0, a);
                    for (int l = 0; l <= j; l++) Unsafe.Add(ref row, l) += wd * Unsafe.Add(ref diff0, l);
                    a += j + 1;
                }
            }
        }
    }

    /// <summary>Column c of resp for rows [i0, i0 + rows) into rv[c]; missing lanes are 0 (so padded rows add nothing).</summary>
    private static void LoadResponsibilities(double[] resp, int i0, int rows, int k, Vector<double>[] rv, Span<double> lane)
    {
        for (int c = 0; c < k; c++) rv[c] = GaussianLogDensity.Column(resp, i0, rows, k, c, lane);
    }
}
