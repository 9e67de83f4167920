namespace Linea.Tests.Properties;

/// <summary>Slow, obviously correct reference implementations over multi-indices, for property tests.</summary>
internal static class Reference
{
    /// <summary>All multi-indices of a shape in C order.</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        if (shape.Any(d => d == 0)) yield break;
        var idx = new int[shape.Length];
        while (true)
        {
            yield return (int[])idx.Clone();
            int ax = shape.Length - 1;
            while (ax >= 0 && ++idx[ax] == shape[ax]) idx[ax--] = 0;
            if (ax < 0) yield break;
        }
    }

    /// <summary>Python's slice.indices: the positions a start:stop:step slice selects on an axis of length n.</summary>
    public static List<int> SlicePositions(int? start, int? stop, int step, int n)
    {
        var result = new List<int>();
        if (step > 0)
        {
            int s = start is int a ? (a < 0 ? Math.Max(a + n, 0) : Math.Min(a, n)) : 0;
            int e = stop is int b ? (b < 0 ? Math.Max(b + n, 0) : Math.Min(b, n)) : n;
            for (int i = s; i < e; i += step) result.Add(i);
        }
        else
        {
            int s = start is int a ? (a < 0 ? Math.Max(a + n, -1) : Math.Min(a, n - 1)) : n - 1;
            int e = stop is int b ? (b < 0 ? Math.Max(b + n, -1) : Math.Min(b, n - 1)) : -1;
            for (int i = s; i > e; i += step) result.Add(i);
        }
        return result;
    }

    /// <summary>A random strided view of fresh data with the given logical shape: transposed, reversed or sliced.</summary>
    public static NDArray<T> RandomLayout<T>(int[] shape, Rng rng) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int kind = rng.NextInt(3);
        int size = shape.Aggregate(1, (a, b) => a * b);
        if (kind == 0)
            return NDArray.Arange(T.CreateTruncating(size)).Reshape(shape) * T.CreateTruncating(0.5) - T.One;
        if (kind == 1)
        {
            // a transposed (Fortran-order) view
            var rev = shape.Reverse().ToArray();
            return NDArray.Arange(T.CreateTruncating(size)).Reshape(rev).T;
        }
        // a sliced view with step 2 along every axis of a larger tensor, then reversed on axis 0
        var big = NDArray.Arange(T.CreateTruncating(shape.Aggregate(1, (a, b) => a * (2 * b + 1)))).Reshape(shape.Select(d => 2 * d + 1).ToArray());
        var index = shape.Select(d => Slice.Range(1, 1 + 2 * d, 2)).ToArray();
        var view = big[index];
        return shape.Length > 0 ? view[Slice.Step(-1)] : view;
    }
}
