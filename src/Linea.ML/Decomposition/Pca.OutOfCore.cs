using System.Numerics;

namespace Linea.ML;

public sealed partial class Pca<T>
{
    /// <summary>
    /// Fits the model to X (n x p, n &gt;= 2) read from <paramref name="source"/> block by block, through the covariance
    /// matrix: the column means and covariance C in one pass (<see cref="CovarianceAccumulator{T}"/>: shifted data,
    /// SYRK per chunk, compensated sums), then the eigendecomposition C = V diag(w) V^T gives the components (rows of
    /// V^T by decreasing w), the explained variance w and the singular values sqrt(w (n - 1)). Returns this model.
    /// </summary>
    /// <remarks>
    /// <para><b>Passes:</b> 1 (2 with <see cref="SignConvention.SampleBased"/> signs, whose second pass finds each
    /// component's score of largest magnitude). <b>Memory:</b> O(p^2) plus one block. Cost O(n p^2 + p^3).</para>
    /// <para>Forming C squares the condition number: a component whose variance is below about eps times the largest
    /// is resolved only to that level (the in-memory <see cref="Fit(NDArray{T})"/> works on the data's SVD and resolves
    /// variances down to eps^2 of the largest). For a few leading components of a wide matrix, or many rows and
    /// columns, prefer <see cref="FitRandomized"/>.</para>
    /// </remarks>
    /// <param name="source">The rows of X; every pass must read the same rows.</param>
    /// <param name="blockRows">Rows per block read; null for <see cref="OutOfCore.DefaultBlockRows"/>.</param>
    /// <param name="progress">Told after each block how far the current pass has come.</param>
    /// <exception cref="ArgumentException">The source has fewer than 2 rows, or a requested count exceeds min(n, p).</exception>
    /// <exception cref="ShapeMismatchException">A block has another column count than the source.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity (the message names the row and column).</exception>
    /// <exception cref="InvalidDataException">The second pass read another number of rows than the first.</exception>
    public Pca<T> Fit(IRowBlockSource<T> source, int? blockRows = null, IProgress<RowBlockProgress>? progress = null)
    {
        const string where = "Pca.Fit(source)";
        int p = RowBlockPass.Columns(source, where);
        int rowsPerBlock = RowBlockPass.BlockRows(blockRows, p);
        var acc = new CovarianceAccumulator<T>(p);
        foreach (var block in RowBlockPass.Run(source, rowsPerBlock, progress, where, p))
            acc.Add(block.Values, block.Start);
        long n = acc.Count;
        if (n < 2)
            throw new ArgumentException($"{where}: the source has {n} rows; at least 2 samples are needed", nameof(source));
        int r = (int)Math.Min(n, p);
        CheckCount(r, n, p, where);

        var (w, v) = Linalg.Eigh(acc.Covariance());          // ascending
        var variance = new T[r];
        var components = NDArray.Zeros<T>(r, p);
        for (int i = 0; i < r; i++)
        {
            variance[i] = T.Max(w[p - 1 - i], T.Zero);        // rounding can leave a tiny negative eigenvalue
            components[i, ..] = v[.., p - 1 - i];
        }
        var (_, flipped) = SvdFlip.Apply(NDArray.Zeros<T>(1, r), components, SignConvention.ComponentBased);
        var explained = NDArray.FromArray(variance);
        T total = explained.Sum();
        var ratioAll = total > T.Zero ? explained / total : NDArray.Zeros<T>(r);
        int k = ChooseK(ratioAll, r);
        var singular = NDArray.Sqrt(explained * T.CreateTruncating(n - 1));
        var mean = acc.Mean();
        var kept = flipped[..k, ..].Contiguous();
        if (Signs == SignConvention.SampleBased)
            kept = SampleBasedSigns(source, rowsPerBlock, progress, where, kept, mean, n);
        _components = kept;
        _explainedVariance = explained[..k].Contiguous();
        _ratio = ratioAll[..k].Contiguous();
        _singularValues = singular[..k].Contiguous();
        _mean = mean;
        _noiseVariance = k < r ? explained[k..].Mean() : T.Zero;
        NSamples = n;
        return this;
    }

    /// <summary>
    /// Fits the leading components of X (n x p) read from <paramref name="source"/> by a randomized SVD of the centred
    /// data (scikit-learn's <c>svd_solver='randomized'</c>): the count must be given to the constructor. The
    /// explained variance is S^2 / (n - 1); the ratio divides by the total variance of X found in the first pass; the
    /// noise variance is the variance not explained, over min(n, p) - k. Returns this model.
    /// </summary>
    /// <remarks>
    /// <para><b>Passes: nIter + 2</b> (one more with <see cref="SignConvention.SampleBased"/> signs): the first finds
    /// the means while it sketches, each power iteration is one pass, and the last is a streaming QR of the centred
    /// data times the basis (see <see cref="RandomizedSvd.Compute{T}(IRowBlockSource{T}, int, Rng, int, int, int?, IProgress{RowBlockProgress}?)"/>).
    /// <b>Memory:</b> O(p l + l^2), l = min(k + nOversamples, p), plus one block. Cost O(n p l (nIter + 2)).</para>
    /// </remarks>
    /// <param name="source">The rows of X; every pass must read the same rows.</param>
    /// <param name="nOversamples">Extra sample columns beyond k (default 10).</param>
    /// <param name="nIter">Power iterations, one pass each (default 4).</param>
    /// <param name="seed">Seed of the Gaussian test matrix: the same seed gives the same result.</param>
    /// <param name="blockRows">Rows per block read; null for <see cref="OutOfCore.DefaultBlockRows"/>.</param>
    /// <param name="progress">Told after each block how far the current pass has come.</param>
    /// <exception cref="ArgumentException">The model was not given a component count, or the source has fewer than 2 rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The count exceeds min(n, p), or nOversamples or nIter is negative.</exception>
    /// <exception cref="ShapeMismatchException">A block has another column count than the source.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    /// <exception cref="InvalidDataException">A later pass read another number of rows than the first.</exception>
    public Pca<T> FitRandomized(IRowBlockSource<T> source, int nOversamples = 10, int nIter = 4, ulong seed = 0,
        int? blockRows = null, IProgress<RowBlockProgress>? progress = null)
    {
        const string where = "Pca.FitRandomized";
        if (NComponentsRequested.Count is not int k)
            throw new ArgumentException(
                $"{where}: the randomized solver needs a number of components (got {NComponentsRequested}); construct the model with an int", "nComponents");
        var svd = RandomizedSvd.Streamed(source, k, new Rng(seed), nOversamples, nIter, centre: true, blockRows, progress, where);
        long n = svd.Rows;
        var explained = svd.S * svd.S / T.CreateTruncating(n - 1);
        T total = svd.TotalVariance;
        var components = svd.Vt;
        if (Signs == SignConvention.SampleBased)
            components = SampleBasedSigns(source, RowBlockPass.BlockRows(blockRows, source.Columns), progress, where, components, svd.Mean!, n);
        long r = Math.Min(n, source.Columns);
        _components = components;
        _explainedVariance = explained;
        _ratio = total > T.Zero ? explained / total : NDArray.Zeros<T>(k);
        _singularValues = svd.S;
        _mean = svd.Mean;
        _noiseVariance = k < r ? T.Max(T.Zero, (total - explained.Sum()) / T.CreateTruncating(r - k)) : T.Zero;
        NSamples = n;
        return this;
    }

    private void CheckCount(int r, long n, int p, string where)
    {
        if (NComponentsRequested.Count is int requested && requested > r)
            throw new ArgumentException(
                $"{where}: nComponents = {requested} but X of shape ({n}, {p}) has at most min(n_samples, n_features) = {r} components", "nComponents");
    }

    /// <summary>One pass: flips each component so that the training sample with the score (x - mean) . v_j of largest
    /// magnitude (the first on ties) scores positive, as scikit-learn's u-based svd_flip does with U = scores / S.</summary>
    private static NDArray<T> SampleBasedSigns(IRowBlockSource<T> source, int blockRows, IProgress<RowBlockProgress>? progress,
        string where, NDArray<T> components, NDArray<T> mean, long n)
    {
        int k = (int)components.Shape[0], p = (int)components.Shape[1];
        var best = new T[k];
        var bestAbs = new T[k];
        bestAbs.AsSpan().Fill(T.NegativeOne);
        foreach (var block in RowBlockPass.Run(source, blockRows, progress, where, p, n, pass: 2))
        {
            var scores = (block.Values - mean).MatMul(components.T).ToArray();
            for (int i = 0; i < block.Count; i++)
                for (int j = 0; j < k; j++)
                {
                    T s = scores[i * k + j];
                    if (T.Abs(s) > bestAbs[j]) { bestAbs[j] = T.Abs(s); best[j] = s; }
                }
        }
        var flipped = components.Copy();
        for (int j = 0; j < k; j++)
            if (best[j] < T.Zero) flipped[j, ..] = -components[j, ..];
        return flipped;
    }
}
