using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML;

/// <summary>
/// Truncated SVD (scikit-learn's <c>TruncatedSVD</c>, latent semantic analysis): the top k singular directions of X by
/// <see cref="RandomizedSvd"/>, without centring, so it suits low-rank models of ratings and term-document matrices.
/// X ≈ Transform(X) Components. Fitting costs O(n p (k + oversamples)(2 nIter + 2)).
/// </summary>
/// <remarks>
/// Fitted attributes: <see cref="Components"/> (k x p), <see cref="SingularValues"/>, <see cref="ExplainedVariance"/>
/// (the variance of each column of the transformed training data) and <see cref="ExplainedVarianceRatio"/> (that over
/// the total variance of X's columns), as scikit-learn defines them. Seeded: the same seed gives the same result.
/// <para>Memory: the model holds the k x p components and three k-vectors. Fitting allocates what
/// <see cref="RandomizedSvd"/> does (one n x l and one p x l block, l = k + nOversamples, reused by every power
/// iteration; B l x p and its SVD; U n x k; for a dense X the one-pass power iterations' per-thread row block and
/// partials), and scales U in place into the result U S (the column variances of X, <c>x.Var(0)</c>, take only
/// p-vectors for a contiguous X). <see cref="Fit(NDArray{T})"/> keeps U S in a block rented from the shared pool, since only
/// <see cref="FitTransform(NDArray{T})"/> returns it. A warm Fit of 20,000 x 300, k = 20 allocates 1.5 MB (69.9 MB on 2026-12-07
/// before the pooled blocks, 5.2 MB after the first).</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class TruncatedSvd<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _components, _singularValues, _explainedVariance, _ratio;

    /// <summary>Configures the model.</summary>
    /// <param name="nComponents">k, the number of components (default 2, as scikit-learn); at most the number of features.</param>
    /// <param name="nOversamples">Extra random samples of the range (default 10).</param>
    /// <param name="nIter">Power iterations (default 5).</param>
    /// <param name="seed">Seed of the random test matrix; null draws a fresh one.</param>
    /// <param name="signs">Sign convention (scikit-learn 1.5+: component based).</param>
    /// <exception cref="ArgumentOutOfRangeException">nComponents &lt; 1, nOversamples or nIter negative, seed negative.</exception>
    public TruncatedSvd(int nComponents = 2, int nOversamples = 10, int nIter = 5, int? seed = null,
        SignConvention signs = SignConvention.ComponentBased)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nComponents, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        ArgumentOutOfRangeException.ThrowIfNegative(nIter);
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), seed, "TruncatedSvd: seed must be >= 0 or null");
        NComponents = nComponents;
        NOversamples = nOversamples;
        NIter = nIter;
        Seed = seed;
        Signs = signs;
    }

    /// <summary>k.</summary>
    public int NComponents { get; }

    /// <summary>Oversampling of the range finder.</summary>
    public int NOversamples { get; }

    /// <summary>Power iterations.</summary>
    public int NIter { get; }

    /// <summary>The seed, or null.</summary>
    public int? Seed { get; }

    /// <summary>The sign convention.</summary>
    public SignConvention Signs { get; }

    /// <summary>Whether Fit has run.</summary>
    public bool IsFitted => _components is not null;

    /// <summary>The right singular vectors, shape (k, p), orthonormal rows.</summary>
    public NDArray<T> Components => Fitted(nameof(Components), _components);

    /// <summary>The top k singular values of X, descending.</summary>
    public NDArray<T> SingularValues => Fitted(nameof(SingularValues), _singularValues);

    /// <summary>Variance (ddof 0) of each column of the transformed training data, shape (k,).</summary>
    public NDArray<T> ExplainedVariance => Fitted(nameof(ExplainedVariance), _explainedVariance);

    /// <summary><see cref="ExplainedVariance"/> over the summed variance of X's columns, shape (k,). Without centring the
    /// components need not be sorted by this ratio.</summary>
    public NDArray<T> ExplainedVarianceRatio => Fitted(nameof(ExplainedVarianceRatio), _ratio);

    /// <summary>Fits X (n x p). Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">k exceeds min(n, p), or X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public TruncatedSvd<T> Fit(NDArray<T> x)
    {
        int n = Validate(x);
        // U S is not returned here: it lives in a rented block, whose pages earlier fits already touched (first touch of
        // a new n x k array costs about 9 ms for 20,000 x 20 on the 2-core VM, a tenth of the fit).
        var rented = System.Buffers.ArrayPool<T>.Shared.Rent(checked(n * NComponents));
        try { FitCore(x, NDArray.Wrap(new Memory<T>(rented, 0, n * NComponents), n, NComponents)); }
        finally { System.Buffers.ArrayPool<T>.Shared.Return(rented); }
        return this;
    }

    /// <summary>Fits X (n x p) and returns U S, the training data in component space (n x k).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="ArgumentException">k exceeds min(n, p), or X has no samples.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x)
    {
        Validate(x);
        return FitCore(x, null);
    }

    /// <summary>Checks X for Fit; returns its number of samples.</summary>
    private int Validate(NDArray<T> x)
    {
        Guard.Matrix(x, "TruncatedSvd.Fit");
        int r = Math.Min((int)x.Shape[0], (int)x.Shape[1]);
        if (NComponents > r)
            throw new ArgumentException($"TruncatedSvd.Fit: nComponents = {NComponents} but X of shape {x.Shape} has at most min(n_samples, n_features) = {r} components", "nComponents");
        return (int)x.Shape[0];
    }

    /// <summary>The fit on a validated X; returns U S, in <paramref name="uInto"/> (n x k) when given, else a new array.</summary>
    private NDArray<T> FitCore(NDArray<T> x, NDArray<T>? uInto)
    {
        var (u, s, vt) = RandomizedSvd.Compute(x, NComponents, Guard.Rng(Seed, "TruncatedSvd"), NOversamples, NIter, Signs, uInto);
        // U is this call's own m x k array (or the caller's block): scale its columns in place into U S (no second m x k).
        var z = u;
        var zs = z.AsSpan();
        var sv = s.AsReadOnlySpan();
        for (int i = 0; i < zs.Length; i += NComponents) TensorPrimitives.Multiply(zs.Slice(i, NComponents), sv, zs.Slice(i, NComponents));
        _components = vt;
        _singularValues = s;
        _explainedVariance = ColumnVariances(zs, NComponents);
        T total = x.Var(0).Sum();
        _ratio = total > T.Zero ? _explainedVariance / total : NDArray.Zeros<T>(NComponents);
        return z;
    }

    /// <summary>X Components^T for X (m x p); returns m x k. O(m p k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or has a different number of features than at Fit.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var c = Fitted(nameof(Transform), _components);
        Guard.Features(x, (int)c.Shape[1], "TruncatedSvd.Transform");
        return x.MatMul(c.T);
    }

    /// <summary>Z Components for Z (m x k): the rank-k approximation in feature space, m x p.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-D or does not have k columns.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public NDArray<T> InverseTransform(NDArray<T> z)
    {
        var c = Fitted(nameof(InverseTransform), _components);
        Guard.Features(z, (int)c.Shape[0], "TruncatedSvd.InverseTransform");
        return z.MatMul(c);
    }

    /// <summary>The population variance of each column of the row-major n x k block <paramref name="z"/>: the column
    /// means, then the squared deviations from them, each summed row by row in double. Two passes, two k-vectors (for
    /// k &lt; 8 <c>Var(0)</c> would form z - mean and its square, 2 n k values).</summary>
    private static NDArray<T> ColumnVariances(ReadOnlySpan<T> z, int k)
    {
        int n = z.Length / k;
        var mean = new double[k];
        var ss = new double[k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) mean[j] += double.CreateTruncating(z[i * k + j]);
        for (int j = 0; j < k; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
            {
                double d = double.CreateTruncating(z[i * k + j]) - mean[j];
                ss[j] += d * d;
            }
        var result = new T[k];
        for (int j = 0; j < k; j++) result[j] = T.CreateTruncating(ss[j] / n);
        return NDArray.Wrap(result, k);
    }

    private static NDArray<T> Fitted(string member, NDArray<T>? value) =>
        value ?? throw NotFittedException.For("TruncatedSvd", member);
}
