using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Linea.Kernels.Threading;

namespace Linea.Ops;

/// <summary>
/// sum((x - mean)^2) over the reduced axes of a contiguous tensor, without the two temporaries of the size of x that
/// <c>x - mean</c> and its square would take (the second pass of <c>Var</c>/<c>Std</c>; column variances of an n x p
/// matrix allocated 16 n p bytes that way). Handles the reductions over leading axes (one mean per trailing position:
/// the column statistics of a matrix) and over trailing axes (one mean per leading position: row statistics, or every
/// element), rows or groups of fewer than eight elements by scalar passes. Row buffers are pooled; O(size of x) time,
/// O(size of the result) memory. The leading-axes pass splits its row blocks over threads when x is large (each block's
/// sum is formed as on one thread and the blocks join the running sums in order, so the result has the same bits on any
/// number of threads); the column variances of 20,000 x 300 went from 5.8 ms (this pass 3.8 of them, one thread, a
/// TensorPrimitives call per row) to 2.8 ms.
/// </summary>
internal static class SquaredDeviations
{
    /// <summary>Elements of a trailing-axes group summed in one pass before the running sum takes them, so the running sum's rounding grows with size / Chunk rather than with size.</summary>
    private const int Chunk = 4096;

    /// <summary>Fewest elements the vector passes work on at a time (a row of the leading-axes pass, a group of the trailing-axes one): narrower ones would cost a call per few elements, so they take the scalar passes.</summary>
    private const int MinWidth = 8;

    /// <summary>Rows of a leading-axes reduction summed into a block before the block joins the running sums (as the column sums' blocked pairwise reduction).</summary>
    private const int BlockRows = 128;

    /// <summary>
    /// The sums of squared deviations of <paramref name="x"/> from <paramref name="mean"/> (the mean with the reduced
    /// axes kept as length 1), shaped as a reduction with or without <paramref name="keepDims"/>, or null when x is not
    /// contiguous, is empty or too large for one span, or its reduced axes are neither the leading nor the trailing ones
    /// (the caller then forms x - mean).
    /// </summary>
    public static NDArray<T>? TrySum<T>(NDArray<T> x, NDArray<T> mean, bool[] reduced, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!x.IsContiguous || x.Size == 0 || x.Size > Array.MaxLength) return null;
        int rank = reduced.Length, lead = 0, trail = 0;
        while (lead < rank && reduced[lead]) lead++;
        while (trail < rank && reduced[rank - 1 - trail]) trail++;
        bool leading = lead > 0 && Array.IndexOf(reduced, true, lead) < 0;
        bool trailing = trail > 0 && Array.IndexOf(reduced, true, 0, rank - trail) < 0;
        if (!trailing && !leading) return null;
        long width = trailing ? x.Size / mean.Size : mean.Size;
        bool narrow = width < MinWidth;
        var xs = x.ContiguousSpan;
        var mu = mean.Contiguous().ContiguousSpan;
        var ss = new T[mu.Length];
        if (trailing) { if (narrow) TrailingNarrow(xs, mu, ss); else Trailing(xs, mu, ss); }
        else if (narrow) LeadingNarrow(xs, mu, ss);
        else if (xs.Length >= ParallelMinElements && Parallelism.Default.Count > 1 && xs.Length / mu.Length >= 2 * BlockRows)
            LeadingParallel(xs, mu, ss, Parallelism.Default.Count);
        else Leading(xs, mu, ss);
        GC.KeepAlive(x);
        var dims = new List<long>(rank);
        for (int i = 0; i < rank; i++)
            if (!reduced[i]) dims.Add(x.Dims[i]);
            else if (keepDims) dims.Add(1);
        return NDArray.Wrap(ss, dims.ToArray());
    }

    /// <summary>ss[j] = sum_i (x[i m + j] - mu[j])^2 for the m = mu.Length trailing positions: a row at a time into a block of <see cref="BlockRows"/> rows, blocks into ss.</summary>
    internal static void Leading<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> ss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = mu.Length, n = x.Length / m;
        var d = ArrayPool<T>.Shared.Rent(m);
        var block = d.AsSpan(0, m);
        for (int i0 = 0; i0 < n; i0 += BlockRows)
        {
            BlockSum(x, mu, block, i0, n);
            TensorPrimitives.Add(ss, block, ss);
        }
        ArrayPool<T>.Shared.Return(d);
    }

    /// <summary>block = the sum over rows i0 .. i0 + BlockRows - 1 (fewer at the end of x's n rows) of (row - mu)^2.</summary>
    [MethodImpl(HotCode.Options)]
    private static void BlockSum<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> block, int i0, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = mu.Length;
        block.Clear();
        for (int i = i0; i < Math.Min(n, i0 + BlockRows); i++) AddSquaredDeviations(x.Slice(i * m, m), mu, block);
    }

    /// <summary>
    /// block += (row - mu)^2 element by element (a subtraction, a multiplication and an addition, unfused: the bits of
    /// TensorPrimitives' Subtract then MultiplyAdd), in one pass with explicit vectors. Inlined into the row loops, whose
    /// per-row calls into TensorPrimitives ran as unoptimised tier-0 code for a process's first calls (System.Numerics.Tensors
    /// ships without precompiled code): Var(0) of 20,000 x 300 took 22-25 ms for its first eight calls, then 5.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSquaredDeviations<T>(ReadOnlySpan<T> row, ReadOnlySpan<T> mu, Span<T> block) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            int w = Vector<T>.Count;
            for (; j + w <= row.Length; j += w)
            {
                var d = new Vector<T>(row.Slice(j)) - new Vector<T>(mu.Slice(j));
                (d * d + new Vector<T>(block.Slice(j))).CopyTo(block.Slice(j));
            }
        }
        for (; j < row.Length; j++)
        {
            T d = row[j] - mu[j];
            block[j] = d * d + block[j];
        }
    }

    /// <summary>Fewest elements for which the leading-axes pass splits its blocks over threads (2 MiB of doubles: the
    /// pass then takes about a millisecond, far above the cost of waking a worker).</summary>
    private const int ParallelMinElements = 1 << 18;

    /// <summary>Row blocks whose sums one round of <see cref="LeadingParallel"/> forms before they join the running sums
    /// (bounds its scratch to this many rows of ss, whatever the number of rows).</summary>
    private const int RoundBlocks = 32;

    /// <summary><see cref="Leading"/> with the blocks of each round of <see cref="RoundBlocks"/> split over
    /// <paramref name="threads"/> threads, each block summed exactly as there; the main thread then adds the round's block
    /// sums into ss in order, so the bits are those of <see cref="Leading"/>.</summary>
    internal static unsafe void LeadingParallel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> ss, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = mu.Length, n = x.Length / m, blocks = (n + BlockRows - 1) / BlockRows;
        var sums = ArrayPool<T>.Shared.Rent(RoundBlocks * m);
        fixed (T* px = x, pmu = mu)
        {
            nint xp = (nint)px, mup = (nint)pmu;
            int round0 = 0, roundCount = 0;
            Action<int, int> body = (t, count) =>
            {
                var xs = new ReadOnlySpan<T>((T*)xp, n * m);
                var mus = new ReadOnlySpan<T>((T*)mup, m);
                int q0 = roundCount * t / count, q1 = roundCount * (t + 1) / count;
                for (int q = q0; q < q1; q++) BlockSum(xs, mus, sums.AsSpan(q * m, m), (round0 + q) * BlockRows, n);
            };
            for (round0 = 0; round0 < blocks; round0 += RoundBlocks)
            {
                roundCount = Math.Min(RoundBlocks, blocks - round0);
                SplitJob.Run(Math.Min(threads, roundCount), body);
                for (int q = 0; q < roundCount; q++) TensorPrimitives.Add(ss, sums.AsSpan(q * m, m), ss);
            }
        }
        ArrayPool<T>.Shared.Return(sums);
    }

    /// <summary>
    /// <see cref="Leading"/> for rows of fewer than <see cref="MinWidth"/> elements (the column statistics of a narrow
    /// matrix): one scalar pass per block of <see cref="BlockRows"/> rows into a stack block, blocks into ss, so the
    /// same rounding as the vector pass (a block's naive sum, then the running sums) without a call per few elements.
    /// </summary>
    private static void LeadingNarrow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> ss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = mu.Length, n = x.Length / m;
        Span<T> block = stackalloc T[MinWidth];
        block = block[..m];
        for (int i0 = 0; i0 < n; i0 += BlockRows)
        {
            block.Clear();
            var rows = x.Slice(i0 * m, (Math.Min(n, i0 + BlockRows) - i0) * m);
            for (int i = 0, j = 0; i < rows.Length; i++)
            {
                T d = rows[i] - mu[j];
                block[j] = d * d + block[j];
                if (++j == m) j = 0;
            }
            for (int j = 0; j < m; j++) ss[j] += block[j];
        }
    }

    /// <summary><see cref="Trailing"/> for groups of fewer than <see cref="MinWidth"/> elements (the row statistics of a
    /// narrow matrix): each group's squared deviations summed by a scalar loop.</summary>
    private static void TrailingNarrow<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> ss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = mu.Length, k = x.Length / r;
        for (int g = 0; g < r; g++)
        {
            T sum = T.Zero;
            for (int c = g * k; c < (g + 1) * k; c++)
            {
                T d = x[c] - mu[g];
                sum += d * d;
            }
            ss[g] = sum;
        }
    }

    /// <summary>ss[r] = sum_k (x[r k + k'] - mu[r])^2 over each group of k = x.Length / mu.Length consecutive elements, in chunks.</summary>
    private static void Trailing<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> mu, Span<T> ss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = mu.Length, k = x.Length / r;
        var d = ArrayPool<T>.Shared.Rent(Math.Min(k, Chunk));
        for (int g = 0; g < r; g++)
        {
            var row = x.Slice(g * k, k);
            T sum = T.Zero;
            for (int c = 0; c < k; c += Chunk)
            {
                int len = Math.Min(Chunk, k - c);
                var dc = d.AsSpan(0, len);
                TensorPrimitives.Subtract(row.Slice(c, len), mu[g], dc);
                sum += TensorPrimitives.SumOfSquares<T>(dc);
            }
            ss[g] = sum;
        }
        ArrayPool<T>.Shared.Return(d);
    }
}
