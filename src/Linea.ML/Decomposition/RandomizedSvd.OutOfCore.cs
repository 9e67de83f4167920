using System.Numerics;

namespace Linea.ML;

public static partial class RandomizedSvd
{
    /// <summary>
    /// The top <paramref name="nComponents"/> singular values and right singular vectors of a matrix A (n x p) read
    /// from <paramref name="source"/>, never held whole: S (k,) descending and Vt (k x p), with component-based signs
    /// (the entry of largest magnitude of each row of Vt is positive). U (n x k) is not formed; its rows are
    /// x Vt^T / S for any row x, one more pass if needed.
    /// </summary>
    /// <remarks>
    /// <para><b>Passes: nIter + 2.</b> Pass 1 forms Z = A^T (A Omega) for a Gaussian p x l test matrix Omega
    /// (l = min(k + nOversamples, p)); each of the nIter power iterations is one pass forming Z = A^T (A Q) for
    /// Q = orth(Z); the last pass is a streaming tall-skinny QR of A Q, whose l x l triangle R has A's singular values
    /// on span(Q): the SVD R = U_R S W^T gives Vt = W^T Q^T. The subspace is the one of Halko, Martinsson and Tropp's
    /// range finder with nIter power iterations (Algorithm 4.4 applied to A^T, which samples range(A^T A Omega)),
    /// re-orthonormalised once per pass instead of every half step, so directions whose squared singular value ratio
    /// to the first falls below eps are lost; the final singular values come from R, not from a Gram matrix, and keep
    /// their accuracy.</para>
    /// <para><b>Memory:</b> O(p l + l^2) plus one block of blockRows x p and its blockRows x l products.</para>
    /// </remarks>
    /// <param name="source">A, at least k rows; every pass must read the same rows.</param>
    /// <param name="nComponents">k, 1 &lt;= k &lt;= min(n, p).</param>
    /// <param name="rng">Source of the Gaussian test matrix.</param>
    /// <param name="nOversamples">Extra sample columns beyond k (default 10).</param>
    /// <param name="nIter">Power iterations, one pass each (default 4).</param>
    /// <param name="blockRows">Rows per block read; null for <see cref="OutOfCore.DefaultBlockRows"/>.</param>
    /// <param name="progress">Told after each block how far the current pass has come.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is outside 1..min(n, p), or nOversamples or nIter is negative.</exception>
    /// <exception cref="ArgumentException">The source has no rows.</exception>
    /// <exception cref="ShapeMismatchException">A block has another column count than the source.</exception>
    /// <exception cref="NonFiniteException">The data hold NaN or infinity.</exception>
    /// <exception cref="InvalidDataException">A later pass read another number of rows than the first.</exception>
    public static (NDArray<T> S, NDArray<T> Vt) Compute<T>(IRowBlockSource<T> source, int nComponents, Rng rng,
        int nOversamples = 10, int nIter = 4, int? blockRows = null, IProgress<RowBlockProgress>? progress = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sketch = Streamed(source, nComponents, rng, nOversamples, nIter, centre: false, blockRows, progress, "randomized_svd");
        return (sketch.S, sketch.Vt);
    }

    /// <summary>What <see cref="Streamed{T}"/> found: the top k singular values and right vectors of A (or of A minus
    /// its column means when centring), the means, the row count and, when centring, the total variance
    /// sum_j var(x_j) with divisor n - 1.</summary>
    internal readonly record struct StreamedSvd<T>(NDArray<T> S, NDArray<T> Vt, NDArray<T>? Mean, long Rows, T TotalVariance)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The engine of <see cref="Compute{T}(IRowBlockSource{T}, int, Rng, int, int, int?, IProgress{RowBlockProgress}?)"/>
    /// and of PCA's randomized out-of-core fit: nIter + 2 passes. With <paramref name="centre"/> the rows are centred
    /// by the column means, which pass 1 finds while it sketches: it sums the rows shifted by the first block's mean K
    /// and corrects Z afterwards (A^T A Omega = Xs^T Xs Omega - n d d^T Omega with d = mean - K), so a large mean does
    /// not cancel.</summary>
    internal static StreamedSvd<T> Streamed<T>(IRowBlockSource<T> source, int nComponents, Rng rng, int nOversamples,
        int nIter, bool centre, int? blockRows, IProgress<RowBlockProgress>? progress, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        int p = RowBlockPass.Columns(source, where);
        if (nComponents < 1 || nComponents > p)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                $"{where}: nComponents must lie in 1..min(n_samples, n_features); the source has {p} columns");
        ArgumentOutOfRangeException.ThrowIfNegative(nOversamples);
        ArgumentOutOfRangeException.ThrowIfNegative(nIter);
        int rowsPerBlock = RowBlockPass.BlockRows(blockRows, p);
        int l = Math.Min(nComponents + nOversamples, p);
        var omega = rng.Normal([p, l], T.Zero, T.One);

        // Pass 1: Z = Xs^T (Xs Omega), the column sums of Xs and of Xs^2, Xs = X - K.
        NDArray<T>? shift = null;
        var z = NDArray.Zeros<T>(p, l);
        var sum = NDArray.Zeros<T>(p);
        var sumSquares = NDArray.Zeros<T>(p);
        long n = 0;
        foreach (var block in RowBlockPass.Run(source, rowsPerBlock, progress, where, p))
        {
            var xs = block.Values;
            if (centre)
            {
                shift ??= xs.Mean(0);
                xs = xs - shift;
                sum += xs.Sum(0);
                sumSquares += (xs * xs).Sum(0);
            }
            z += xs.T.MatMul(xs.MatMul(omega));
            n += block.Count;
        }
        long minRows = centre ? Math.Max(2, nComponents) : nComponents;
        if (n == 0)
            throw new ArgumentException($"{where}: the source has no rows", nameof(source));
        if (n < minRows)
            throw new ArgumentOutOfRangeException(nameof(nComponents), nComponents,
                $"{where}: nComponents = {nComponents} but the source has {n} rows and {p} columns; at most min(n_samples, n_features) = {Math.Min(n, p)} components exist{(centre && n < 2 ? " (and centring needs 2 rows)" : "")}");
        NDArray<T>? mean = null;
        T totalVariance = T.Zero;
        if (centre)
        {
            T count = T.CreateTruncating(n);
            var d = sum / count;
            mean = shift! + d;
            z -= (d * count).Reshape(-1, 1).MatMul(d.Reshape(1, -1).MatMul(omega));
            totalVariance = ((sumSquares - d * d * count) / T.CreateTruncating(n - 1)).Sum();
        }

        // Passes 2 .. nIter + 1: Z = A^T (A Q), Q = orth(Z).
        for (int it = 0; it < nIter; it++)
        {
            var q = Linalg.Qr(z).Q;
            z = NDArray.Zeros<T>(p, l);
            foreach (var block in RowBlockPass.Run(source, rowsPerBlock, progress, where, p, n, pass: it + 2))
            {
                var a = centre ? block.Values - mean! : block.Values;
                z += a.T.MatMul(a.MatMul(q));
            }
        }

        // Last pass: R of the streaming QR of A Q (n x l), then the SVD of the small R.
        var basis = Linalg.Qr(z).Q;
        NDArray<T>? r = null;
        foreach (var block in RowBlockPass.Run(source, rowsPerBlock, progress, where, p, n, pass: nIter + 2))
        {
            var a = centre ? block.Values - mean! : block.Values;
            var y = a.MatMul(basis);
            r = Linalg.QrR(r is null ? y : NDArray.Concatenate(r, y));
        }
        var (_, s, wt) = Linalg.Svd(r!, fullMatrices: false);
        var vt = wt[..nComponents, ..].MatMul(basis.T);
        var (_, flipped) = SvdFlip.Apply(NDArray.Zeros<T>(1, nComponents), vt, SignConvention.ComponentBased);
        return new StreamedSvd<T>(s[..nComponents].Contiguous(), flipped, mean, n, totalVariance);
    }
}
