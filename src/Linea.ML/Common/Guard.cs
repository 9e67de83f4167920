using System.Numerics;

namespace Linea.ML;

/// <summary>Input checks shared by the models: shapes, finiteness and sample counts, with messages naming the model.</summary>
internal static class Guard
{
    /// <summary>Requires a 2-D (samples x features) matrix with at least <paramref name="minRows"/> rows and only finite values.</summary>
    public static void Matrix<T>(NDArray<T> x, string where, int minRows = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixShape(x, where, minRows);
        Finite(x, where, "X");
    }

    /// <summary>The shape half of <see cref="Matrix{T}"/>, for fits that check finiteness inside their first pass over X.</summary>
    public static void MatrixShape<T>(NDArray<T> x, string where, int minRows = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: X must be 2-D (samples, features); got shape {x.Shape}. Reshape a single feature with X.Reshape(-1, 1).");
        if (x.Shape[0] < minRows)
            throw new ArgumentException($"{where}: X has {x.Shape[0]} samples; at least {minRows} are needed", nameof(x));
    }

    /// <summary>Requires every element of <paramref name="x"/> to be finite.</summary>
    public static void Finite<T>(NDArray<T> x, string where, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long i = NDArray.IndexOfNonFinite(x);
        if (i >= 0)
            throw new NonFiniteException($"{where}: {name} contains {(T.IsNaN(x[NDArray.UnravelIndex(i, x.Shape)]) ? "NaN" : "infinity")} at flat index {i}; remove or impute it before fitting");
    }

    /// <summary>Requires <paramref name="y"/> to have as many samples (first dimension) as <paramref name="x"/>.</summary>
    public static void SameSamples<T, TY>(NDArray<T> x, NDArray<TY> y, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TY : unmanaged, IFloatingPointIeee754<TY>
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rank == 0 || y.Shape[0] != x.Shape[0])
            throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                $"{where}: X has {x.Shape[0]} samples but y has shape {y.Shape}; they need the same number of rows");
    }

    /// <summary>Requires a 1-D target vector <paramref name="y"/> with one finite value per sample of <paramref name="x"/>.</summary>
    public static void Target<T>(NDArray<T> x, NDArray<T> y, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TargetShape(x, y, where);
        Finite(y, where, "y");
    }

    /// <summary>The shape half of <see cref="Target{T}"/>.</summary>
    public static void TargetShape<T>(NDArray<T> x, NDArray<T> y, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SameSamples(x, y, where);
        if (y.Rank != 1)
            throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                $"{where}: y must be 1-D (samples,); got shape {y.Shape}. Fit one model per target column.");
    }

    /// <summary>Requires <paramref name="x"/> to be a finite 2-D matrix with the <paramref name="features"/> columns seen at Fit.</summary>
    public static void Features<T>(NDArray<T> x, int features, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix(x, where, minRows: 0);
        if (x.Shape[1] != features)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: X has {x.Shape[1]} features (shape {x.Shape}) but the model was fitted on {features}; pass the same columns as at Fit");
    }

    /// <summary>A generator from an optional seed: the same seed gives the same stream; null draws a fresh seed.</summary>
    public static Rng Rng(int? seed, string where)
    {
        if (seed is int s && s < 0)
            throw new ArgumentOutOfRangeException(nameof(seed), s, $"{where}: seed must be >= 0 or null, got {s}");
        return new Rng(seed is int v ? (ulong)v : (ulong)System.Random.Shared.NextInt64());
    }
}
