using System.Numerics;
using System.Runtime.InteropServices;
using Linea.TestKit;
using Xunit.Sdk;

namespace Linea.Tests.Linalg;

/// <summary>
/// Helpers for the stacked (batched) front doors: the truth for a stack is the single-matrix function applied to each
/// matrix separately (tested on its own elsewhere), compared bit for bit.
/// </summary>
internal static class StackChecks
{
    /// <summary>Every multi-index of <paramref name="batch"/>, in C order (none when an axis is 0; one empty index for no axes).</summary>
    public static IEnumerable<int[]> Indices(int[] batch)
    {
        int count = 1;
        foreach (int d in batch) count *= d;
        for (int f = 0; f < count; f++)
        {
            var idx = new int[batch.Length];
            int rest = f;
            for (int ax = batch.Length - 1; ax >= 0; ax--) { idx[ax] = rest % batch[ax]; rest /= batch[ax]; }
            yield return idx;
        }
    }

    /// <summary>The sub-tensor of <paramref name="t"/> at the leading index <paramref name="idx"/> (t[i, j, ...] as a view).</summary>
    public static NDArray<T> At<T>(NDArray<T> t, int[] idx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = new Slice[t.Rank];
        for (int i = 0; i < s.Length; i++) s[i] = i < idx.Length ? idx[i] : Slice.All;
        return t[s];
    }

    /// <summary>The element of a tensor whose shape is the batch shape.</summary>
    public static T Scalar<T>(NDArray<T> t, int[] idx) where T : unmanaged, IFloatingPointIeee754<T> => t[idx];

    /// <summary>Same shape and the same bits in every element (so +0 and -0, or two NaN payloads, differ).</summary>
    public static void SameBits<T>(NDArray<T> expected, NDArray<T> actual, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (expected.Shape != actual.Shape) throw new XunitException($"{what}: shape {actual.Shape}, expected {expected.Shape}");
        var e = expected.ToArray();
        var a = actual.ToArray();
        var eb = MemoryMarshal.AsBytes(e.AsSpan());
        var ab = MemoryMarshal.AsBytes(a.AsSpan());
        if (eb.SequenceEqual(ab)) return;
        int i = 0;
        while (!BitsEqual(e[i], a[i])) i++;
        throw new XunitException($"{what}: element {i} (C order) is {a[i]}, the single-matrix call gives {e[i]}");
    }

    /// <summary>The same bits.</summary>
    public static void SameBits<T>(T expected, T actual, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!BitsEqual(expected, actual)) throw new XunitException($"{what}: {actual}, the single-matrix call gives {expected}");
    }

    private static bool BitsEqual<T>(T x, T y) where T : unmanaged =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in x)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in y)));

    /// <summary>The matrices stacked in C order into shape (batch..., m, n).</summary>
    public static NDArray<T> StackOf<T>(int[] batch, IReadOnlyList<NDArray<T>> mats) where T : unmanaged, IFloatingPointIeee754<T> =>
        NDArray.Stack(mats).Reshape([.. batch, mats[0].Dims[0], mats[0].Dims[1]]);

    /// <summary>
    /// Six n x n matrices of different structure: random, symmetric, SPD of condition 1e6, rank-deficient (rank n/2),
    /// graded (rows down to 1e-8), and the zero matrix (the Hilbert matrix for the spectral cases lives in the
    /// single-matrix tests).
    /// </summary>
    public static NDArray<T>[] SquareMix<T>(int n, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Generators.Normal<double>([n, n], seed);
        return
        [
            Generators.Normal<T>([n, n], seed + 1),
            MatrixGenerators.Cast<T>((g + g.T) * 0.5),
            n == 0 ? NDArray.Zeros<T>(0, 0) : MatrixGenerators.Spd<T>(n, 1e6, seed + 2),
            MatrixGenerators.RankDeficient<T>(n, n, n / 2, seed + 3),
            MatrixGenerators.Graded<T>(n, n, 8, seed + 4),
            NDArray.Zeros<T>(n, n),
        ];
    }

    /// <summary>
    /// A stack laid out in ways other than C order, each holding exactly the values of <paramref name="s"/>: stored with
    /// its axes permuted (a transposed view), sliced with steps out of a larger tensor, with negative strides, and each
    /// matrix stored transposed (MT of a contiguous stack).
    /// </summary>
    public static IEnumerable<(string Layout, NDArray<T> View)> Layouts<T>(NDArray<T> s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int r = s.Rank;
        var reversed = Enumerable.Range(0, r).Reverse().ToArray();
        yield return ("axes permuted", s.Transpose(reversed).Copy().Transpose(reversed));
        var bigDims = s.Dims.Select(d => 2 * d + 1).ToArray();
        var big = NDArray.Zeros<T>(bigDims);
        var slot = big[s.Dims.Select(d => Slice.Range(1, 1 + 2 * d, 2)).ToArray()];
        slot.Assign(s);
        yield return ("sliced with steps", slot);
        var all = Enumerable.Repeat(Slice.Step(-1), r).ToArray();
        yield return ("negative strides", s[all].Copy()[all]);
        yield return ("matrices stored transposed", s.MT.Copy().MT);
    }
}
