using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>Class labels stored in a float tensor: validation, one-hot encoding and decoding.</summary>
internal static class Labels
{
    /// <summary>Class indices of shape (n,) as one-hot rows (n, classes).</summary>
    /// <exception cref="ArgumentException">A label is not an integer in [0, classes).</exception>
    public static NDArray<T> OneHot<T>(NDArray<T> labels, int classes, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var idx = Indices(labels, classes, where);
        var y = NDArray.Zeros<T>(idx.Length, classes);
        var s = y.AsSpan();
        for (int i = 0; i < idx.Length; i++) s[i * classes + idx[i]] = T.One;
        return y;
    }

    /// <summary>The class index of every sample: targets of shape (n,) (integers) or (n, classes) rows (their argmax).</summary>
    /// <exception cref="ArgumentException">A label is not an integer in [0, classes).</exception>
    public static int[] Indices<T>(NDArray<T> targets, int classes, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (targets.Rank == 2) return ArgMaxRows(targets);
        var s = targets.Contiguous().AsReadOnlySpan();
        var idx = new int[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            T v = s[i];
            if (!T.IsInteger(v) || v < T.Zero || v >= T.CreateTruncating(classes))
                throw new ArgumentException($"{where}: label {v} of sample {i} is not a class index in [0, {classes}); labels must be integers 0..{classes - 1}");
            idx[i] = int.CreateTruncating(v);
        }
        return idx;
    }

    /// <summary>The index of the largest entry of each row of a 2-d tensor (first one on ties).</summary>
    public static int[] ArgMaxRows<T>(NDArray<T> scores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)scores.Shape[0], k = (int)scores.Shape[1];
        var s = scores.Contiguous().AsReadOnlySpan();
        var idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 1; j < k; j++)
                if (s[i * k + j] > s[i * k + best]) best = j;
            idx[i] = best;
        }
        return idx;
    }
}
