using FsCheck.Xunit;
using Linea.TestKit;

namespace Linea.Tests.Properties;

/// <summary>
/// Properties checked against the slow reference on shapes and layouts drawn from a seed that FsCheck supplies.
/// </summary>
public class TensorProperties
{
    private static int[] RandomShape(Rng rng, int maxRank = 4, int maxDim = 5)
    {
        int rank = rng.NextInt(maxRank + 1);
        return Enumerable.Range(0, rank).Select(_ => rng.NextInt(maxDim + 1)).ToArray();
    }

    [Property(MaxTest = 300)]
    public void Slicing_selects_what_python_slices_select(ulong seed)
    {
        var rng = new Rng(seed);
        var shape = RandomShape(rng);
        var t = Reference.RandomLayout<double>(shape, rng);
        var spec = new Slice[shape.Length];
        var positions = new List<int>[shape.Length];
        var keep = new bool[shape.Length];
        for (int ax = 0; ax < shape.Length; ax++)
        {
            int n = shape[ax];
            if (n > 0 && rng.NextInt(4) == 0)
            {
                int i = rng.NextInt(2 * n) - n;           // an integer index in [-n, n)
                spec[ax] = i;
                positions[ax] = [i < 0 ? i + n : i];
                continue;
            }
            int? start = rng.NextInt(3) == 0 ? null : rng.NextInt(2 * n + 5) - n - 2;
            int? stop = rng.NextInt(3) == 0 ? null : rng.NextInt(2 * n + 5) - n - 2;
            int step = (rng.NextInt(3) + 1) * (rng.NextInt(2) == 0 ? 1 : -1);
            spec[ax] = Slice.Range(start, stop, step);
            positions[ax] = Reference.SlicePositions(start, stop, step, n);
            keep[ax] = true;
        }
        var view = t[spec];
        var expectedShape = Enumerable.Range(0, shape.Length).Where(a => keep[a]).Select(a => positions[a].Count).ToArray();
        Assert.Equal(new Shape(expectedShape), view.Shape);
        var keptAxes = Enumerable.Range(0, shape.Length).Where(a => keep[a]).ToArray();
        foreach (var idx in Reference.Indices(expectedShape))
        {
            var src = new int[shape.Length];
            for (int ax = 0, k = 0; ax < shape.Length; ax++)
                src[ax] = keep[ax] ? positions[ax][idx[k++]] : positions[ax][0];
            Assert.Equal(t[src], view[idx]);
        }
    }

    [Property(MaxTest = 200)]
    public void Broadcast_binary_ops_match_the_reference(ulong seed)
    {
        var rng = new Rng(seed);
        var outShape = RandomShape(rng, 4, 4);
        // each operand drops some leading axes and sets some others to 1
        int[] Operand() => outShape.Skip(rng.NextInt(outShape.Length + 1)).Select(d => rng.NextInt(3) == 0 ? 1 : d).ToArray();
        var sa = Operand();
        var sb = Operand();
        var a = Reference.RandomLayout<double>(sa, rng);
        var b = Reference.RandomLayout<double>(sb, rng) + 2.0;
        var expectedShape = Array.ConvertAll(Broadcast.Shapes("test", Shape.Widen(sa), Shape.Widen(sb)), d => (int)d);
        var sum = a + b;
        var quotient = a / b;
        var max = NDArray.Maximum(a, b);
        Assert.Equal(new Shape(expectedShape), sum.Shape);
        foreach (var idx in Reference.Indices(expectedShape))
        {
            double x = a[Project(idx, sa)], y = b[Project(idx, sb)];
            Assert.Equal(x + y, sum[idx]);
            Assert.Equal(x / y, quotient[idx]);
            Assert.Equal(Math.Max(x, y), max[idx]);
        }
    }

    private static int[] Project(int[] idx, int[] shape)
    {
        int lead = idx.Length - shape.Length;
        return Enumerable.Range(0, shape.Length).Select(i => shape[i] == 1 ? 0 : idx[i + lead]).ToArray();
    }

    [Property(MaxTest = 200)]
    public void Axis_reductions_match_the_reference(ulong seed)
    {
        var rng = new Rng(seed);
        var shape = RandomShape(rng, 4, 4);
        if (shape.Length == 0) return;
        var t = Reference.RandomLayout<double>(shape, rng);
        var axes = Enumerable.Range(0, shape.Length).Where(_ => rng.NextInt(2) == 0).ToArray();
        if (axes.Length == 0) axes = [rng.NextInt(shape.Length)];
        bool keep = rng.NextInt(2) == 0;
        var sum = t.Sum(axes, keep);
        var outShape = Enumerable.Range(0, shape.Length).Where(a => keep || !axes.Contains(a)).Select(a => axes.Contains(a) ? 1 : shape[a]).ToArray();
        Assert.Equal(new Shape(outShape), sum.Shape);
        var expected = new Dictionary<string, double>();
        foreach (var idx in Reference.Indices(shape))
        {
            string key = string.Join(",", Enumerable.Range(0, shape.Length).Where(a => !axes.Contains(a)).Select(a => idx[a]));
            expected[key] = expected.GetValueOrDefault(key) + t[idx];
        }
        foreach (var idx in Reference.Indices(outShape))
        {
            var full = keep ? idx : Expand(idx, shape.Length, axes);
            string key = string.Join(",", Enumerable.Range(0, shape.Length).Where(a => !axes.Contains(a)).Select(a => full[a]));
            // elements are multiples of 0.5 below 2^20, so every partial sum is exact in any order
            Assert.Equal(expected.GetValueOrDefault(key), sum[idx]);
        }
    }

    private static int[] Expand(int[] idx, int rank, int[] reducedAxes)
    {
        var full = new int[rank];
        for (int a = 0, k = 0; a < rank; a++) full[a] = reducedAxes.Contains(a) ? 0 : idx[k++];
        return full;
    }

    [Property(MaxTest = 200)]
    public void Reshape_keeps_c_order_and_shares_memory_when_it_returns_a_view(ulong seed)
    {
        var rng = new Rng(seed);
        var shape = RandomShape(rng, 4, 4);
        var t = Reference.RandomLayout<float>(shape, rng);
        int size = (int)t.Size;
        // split the size into a random factorization
        var dims = new List<int>();
        int rest = size;
        while (rest > 1 && dims.Count < 3)
        {
            var divisors = Enumerable.Range(1, rest).Where(d => rest % d == 0).ToArray();
            int d = divisors[rng.NextInt(divisors.Length)];
            dims.Add(d);
            rest /= d;
        }
        dims.Add(rest);
        var r = t.Reshape(dims.ToArray());
        Assert.Equal(t.ToArray(), r.ToArray());
        if (size > 0 && ReferenceEquals(r.Data, t.Data))
        {
            // a view: a write through it shows in the original at the same C-order position
            var flatIndex = rng.NextInt(size);
            var ri = Unravel(flatIndex, dims.ToArray());
            var ti = Unravel(flatIndex, shape);
            r[ri] = 1234.5f;
            Assert.Equal(1234.5f, t[ti]);
        }
    }

    private static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int a = shape.Length - 1; a >= 0; a--) { idx[a] = flat % shape[a]; flat /= shape[a]; }
        return idx;
    }

    [Property(MaxTest = 100)]
    public void Matmul_of_small_integer_stacks_is_exact(ulong seed)
    {
        var rng = new Rng(seed);
        int m = rng.NextInt(6), k = rng.NextInt(6), n = rng.NextInt(6);
        var batchA = RandomShape(rng, 2, 3).Select(d => Math.Max(d, 1)).ToArray();
        var batchB = batchA.Skip(rng.NextInt(batchA.Length + 1)).Select(d => rng.NextInt(2) == 0 ? 1 : d).ToArray();
        var a = Generators.SmallIntegers<float>([.. batchA, m, k], 4, seed);
        var b = Generators.SmallIntegers<float>([.. batchB, k, n], 4, seed + 1);
        var bt = rng.NextInt(2) == 0 ? b : b.MT.Copy().MT; // same values, transposed layout
        var c = a.MatMul(bt);
        var batch = Array.ConvertAll(Broadcast.Shapes("test", Shape.Widen(batchA), Shape.Widen(batchB)), d => (int)d);
        Assert.Equal(new Shape([.. batch, m, n]), c.Shape);
        foreach (var bi in Reference.Indices(batch))
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    float s = 0;
                    var ai = Project(bi, batchA);
                    var bj = Project(bi, batchB);
                    for (int p = 0; p < k; p++) s += a[[.. ai, i, p]] * b[[.. bj, p, j]];
                    Assert.Equal(s, c[[.. bi, i, j]]);
                }
    }
}
