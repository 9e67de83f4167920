using System.Numerics;

namespace Linea.ML;

/// <summary>Input checks shared by the models: shapes, finiteness and sample counts, with messages naming the model.</summary>
internal static class Guard
{
    /// <summary>Requires a 2-D (samples x features) matrix with at least <paramref name="minRows"/> rows and only finite values.</summary>
    public static void Matrix<T>(Tensor<T> x, string where, int minRows = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: X must be 2-D (samples, features); got shape {x.Shape}. Reshape a single feature with X.Reshape(-1, 1).");
        if (x.Shape[0] < minRows)
            throw new ArgumentException($"{where}: X has {x.Shape[0]} samples; at least {minRows} are needed", nameof(x));
        Finite(x, where, "X");
    }

    /// <summary>Requires every element of <paramref name="x"/> to be finite.</summary>
    public static void Finite<T>(Tensor<T> x, string where, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = x.Contiguous();
        var span = c.AsReadOnlySpan();
        for (int i = 0; i < span.Length; i++)
            if (!T.IsFinite(span[i]))
                throw new NonFiniteException($"{where}: {name} contains {(T.IsNaN(span[i]) ? "NaN" : "infinity")} at flat index {i}; remove or impute it before fitting");
    }

    /// <summary>Requires <paramref name="y"/> to have as many samples (first dimension) as <paramref name="x"/>.</summary>
    public static void SameSamples<T, TY>(Tensor<T> x, Tensor<TY> y, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TY : unmanaged, IFloatingPointIeee754<TY>
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rank == 0 || y.Shape[0] != x.Shape[0])
            throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                $"{where}: X has {x.Shape[0]} samples but y has shape {y.Shape}; they need the same number of rows");
    }
}
