namespace Linea;

/// <summary>NumPy broadcasting: align shapes on the right; each pair of lengths must be equal or one of them 1.</summary>
public static class Broadcast
{
    /// <summary>The broadcast shape of two shapes, or a <see cref="ShapeMismatchException"/> naming <paramref name="op"/>.</summary>
    public static long[] Shapes(string op, ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        int r = Math.Max(a.Length, b.Length);
        var result = new long[r];
        for (int i = 0; i < r; i++)
        {
            long da = i < r - a.Length ? 1 : a[i - (r - a.Length)];
            long db = i < r - b.Length ? 1 : b[i - (r - b.Length)];
            if (da != db && da != 1 && db != 1)
                ThrowHelper.ShapeMismatch(op,
                    $"shapes {Shape.Format(a)} and {Shape.Format(b)} cannot be broadcast together: axis {i - r} has lengths {da} and {db}, and broadcasting needs them equal or one of them 1",
                    new Shape(a), new Shape(b));
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>The shape that all of <paramref name="shapes"/> broadcast to.</summary>
    public static long[] Shapes(string op, params Shape[] shapes)
    {
        long[] acc = [];
        foreach (var s in shapes) acc = Shapes(op, acc, s.AsSpan());
        return acc;
    }

    /// <summary>
    /// Strides that read a tensor of shape <paramref name="dims"/> and strides <paramref name="strides"/>
    /// as if it had shape <paramref name="target"/> (zero along broadcast axes). The caller has checked compatibility.
    /// </summary>
    internal static long[] StridesTo(ReadOnlySpan<long> dims, ReadOnlySpan<long> strides, ReadOnlySpan<long> target)
    {
        int r = target.Length, lead = r - dims.Length;
        var result = new long[r];
        for (int i = lead; i < r; i++)
            result[i] = dims[i - lead] == 1 && target[i] != 1 ? 0 : strides[i - lead];
        return result;
    }
}
