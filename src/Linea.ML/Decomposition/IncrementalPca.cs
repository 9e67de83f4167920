using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Incremental principal component analysis, scikit-learn's <c>IncrementalPCA</c>: the model is updated one batch of
/// rows at a time (<see cref="PartialFit"/>) by the incremental SVD of Ross, Lim, Lin and Yang (2008) with the mean
/// update of scikit-learn: the new batch, centred by its own mean, is stacked under the current components scaled by
/// their singular values and one mean-correction row sqrt(n_seen n_batch / n_total) (mean_old - mean_batch), and the
/// SVD of that small stack gives the new components. Memory is independent of the rows seen:
/// O(batch p + k p). With k = min(n, p) components kept throughout, the result equals full PCA of all rows seen
/// (up to rounding); with fewer it is an approximation that depends on the batches.
/// <code>
/// var ipca = new IncrementalPca&lt;double&gt;(nComponents: 10);
/// foreach (var batch in batches) ipca.PartialFit(batch);
/// var z = ipca.Transform(x);
/// </code>
/// </summary>
/// <remarks>Signs follow scikit-learn's <c>svd_flip(u_based_decision=False)</c> after every update: the entry of
/// largest magnitude of each component is positive. Means and variances are accumulated in double.
/// <para>Memory: the model holds the k x p components, four k-vectors and the running mean and variance (p doubles
/// each), and between <see cref="PartialFit"/> calls the (k + r + 1) x p stack buffer, grown to the largest batch r and
/// reused by every batch (<see cref="Fit(NDArray{T})"/> drops it when it ends). The batch is read in place (a strided
/// one is copied). A batch of r &gt;= p - k - 1 rows then allocates O(p^2) only: the SVD of the stack goes through its
/// p x p triangular factor and forms S and Vt, not U (the same bits as the thin SVD's S and Vt); a shorter batch takes
/// the thin SVD of the stack, at most p x p.</para></remarks>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class IncrementalPca<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "IncrementalPca";
    private NDArray<T>? _components, _singularValues, _explainedVariance, _ratio;
    private double[] _mean = [], _var = [];
    // The stack of the last PartialFit, column-major, sized for the largest batch so far (reused by the next batches;
    // Fit drops it when it ends).
    private T[] _stack = [];
    private int _features;
    private T _noiseVariance;

    /// <summary>Configures the model; nothing is computed until the first batch.</summary>
    /// <param name="nComponents">Components to keep: null (scikit-learn's None) keeps min(rows, columns) of the first
    /// batch; a count must not exceed the columns nor the rows of any batch.</param>
    /// <param name="whiten">Scale <see cref="Transform"/>'s output to unit variance per component.</param>
    /// <param name="batchSize">Rows per batch for <see cref="Fit(NDArray{T})"/> and <see cref="Fit(IRowBlockSource{T}, IProgress{RowBlockProgress}?)"/>; null for 5 x columns, as scikit-learn.</param>
    /// <exception cref="ArgumentOutOfRangeException">nComponents or batchSize is less than 1.</exception>
    public IncrementalPca(int? nComponents = null, bool whiten = false, int? batchSize = null)
    {
        if (nComponents is int k && k < 1)
            throw new ArgumentOutOfRangeException(nameof(nComponents), k, $"{Model}: nComponents must be at least 1, or null for min(n_samples, n_features)");
        if (batchSize is int b && b < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), b, $"{Model}: batchSize must be at least 1, or null for 5 x n_features");
        NComponentsRequested = nComponents;
        Whiten = whiten;
        BatchSize = batchSize;
    }

    /// <summary>The requested number of components (null: min(rows, columns) of the first batch).</summary>
    public int? NComponentsRequested { get; }

    /// <summary>Whether <see cref="Transform"/> whitens.</summary>
    public bool Whiten { get; }

    /// <summary>The batch size requested for Fit, or null for 5 x columns.</summary>
    public int? BatchSize { get; }

    /// <summary>Whether at least one batch has been fitted.</summary>
    public bool IsFitted => _components is not null;

    /// <summary>The number of components kept, k.</summary>
    public int NComponents => (int)Fitted(nameof(NComponents)).Shape[0];

    /// <summary>The number of rows seen by all batches so far (scikit-learn's <c>n_samples_seen_</c>).</summary>
    public long NSamplesSeen { get; private set; }

    /// <summary>Principal axes, shape (k, p), orthonormal rows by decreasing singular value.</summary>
    public NDArray<T> Components => Fitted(nameof(Components));

    /// <summary>Singular values of the centred data seen (as represented by the model), shape (k,).</summary>
    public NDArray<T> SingularValues => Fitted(nameof(SingularValues), _singularValues);

    /// <summary>S^2 / (n_seen - 1), shape (k,).</summary>
    public NDArray<T> ExplainedVariance => Fitted(nameof(ExplainedVariance), _explainedVariance);

    /// <summary>S^2 over the total sum of squares n_seen sum_j var_j, shape (k,).</summary>
    public NDArray<T> ExplainedVarianceRatio => Fitted(nameof(ExplainedVarianceRatio), _ratio);

    /// <summary>Per-feature mean of all rows seen, shape (p,).</summary>
    public NDArray<T> Mean { get { Fitted(nameof(Mean)); return ToTensor(_mean); } }

    /// <summary>Per-feature variance (divisor n_seen) of all rows seen, shape (p,).</summary>
    public NDArray<T> Var { get { Fitted(nameof(Var)); return ToTensor(_var); } }

    /// <summary>The mean explained variance of the components the last update computed but did not keep, 0 when k
    /// equals the last batch's rows or the columns (scikit-learn's rule).</summary>
    public T NoiseVariance { get { Fitted(nameof(NoiseVariance)); return _noiseVariance; } }

    /// <summary>
    /// Updates the model with one batch (scikit-learn's <c>partial_fit</c>). <b>Memory:</b> the (k + rows + 1) x p stack
    /// buffer (kept and reused: new only when this batch is the largest so far) and O(p^2);
    /// cost O((k + rows) p min(k + rows, p)). Returns this model.
    /// </summary>
    /// <param name="x">The batch, shape (rows, p); at least k rows; the same p as earlier batches.</param>
    /// <exception cref="ShapeMismatchException">x is not 2-d, or its column count differs from earlier batches.</exception>
    /// <exception cref="ArgumentException">nComponents exceeds the columns or this batch's rows, or the number of
    /// components would change between batches (nComponents null and a first batch with fewer rows than columns).</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public IncrementalPca<T> PartialFit(NDArray<T> x)
    {
        const string where = Model + ".PartialFit";
        Guard.Matrix(x, where, minRows: 1);
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        bool first = _components is null;
        if (!first && p != _features)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: the batch has {p} features (shape {x.Shape}) but earlier batches had {_features}; every batch must have the same columns");
        int k;
        if (NComponentsRequested is not int requested)
            k = first ? Math.Min(n, p) : (int)_components!.Shape[0];
        else if (requested > p)
            throw new ArgumentException($"{where}: nComponents = {requested} exceeds the {p} features; at most n_features components exist", nameof(x));
        else if (requested > n)
            throw new ArgumentException($"{where}: nComponents = {requested} exceeds this batch's {n} rows; each batch needs at least nComponents rows", nameof(x));
        else
            k = requested;
        if (!first && _components!.Shape[0] != k)
            throw new ArgumentException(
                $"{where}: the number of components would change from {_components.Shape[0]} to {k} between batches; set nComponents to a fixed value", nameof(x));

        long seen = NSamplesSeen;
        var (mean, variance, total) = UpdateMeanAndVariance(x, first ? null : _mean, first ? null : _var, seen);
        int m = seen == 0 ? n : k + n + 1;
        var stack = Stack(x, mean, seen, total, m, p);
        NDArray<T> s, flipped;
        if (m >= p && p > 0)
        {
            // S and Vt without U (m x p): the bits of Linalg.Svd's S and Vh, whose signs svd_flip then sets from Vt alone.
            if (!NDArray.AllFinite(stack.T)) Linalg.RequireFinite("svd", stack);   // stack.T: the buffer read in place
            var core = SvdCore.RightVectors("svd", stack, _stack, Parallelism.Default, SvdParams.Auto);
            SvdFlip.InPlace([], core.V!, 0, p, p, SignConvention.ComponentBased);
            s = NDArray.Wrap(core.S, (long)p);
            flipped = NDArray.Wrap(core.V!, p, p);
        }
        else
        {
            // Fewer rows than columns: the SVD of the stack's transpose, whose U is the p x m Vt wanted (at most p x p).
            var (u, sw, vt) = Linalg.Svd(stack, fullMatrices: false);
            (_, flipped) = SvdFlip.Apply(u, vt, SignConvention.ComponentBased);
            s = sw;
        }
        var s2 = s * s;
        var explained = s2 / T.CreateTruncating(total - 1);
        double sumSquares = 0;
        for (int j = 0; j < p; j++) sumSquares += variance[j] * total;
        var ratio = s2 / T.CreateTruncating(sumSquares);

        NSamplesSeen = total;
        _components = flipped[..k, ..].Contiguous();
        _singularValues = s[..k].Contiguous();
        _mean = mean;
        _var = variance;
        _features = p;
        _explainedVariance = explained[..k].Contiguous();
        _ratio = ratio[..k].Contiguous();
        _noiseVariance = k != n && k != p ? explained[k..].Mean() : T.Zero;
        return this;
    }

    /// <summary>
    /// Fits from scratch on X in batches of <see cref="BatchSize"/> rows (5 p by default), as scikit-learn's
    /// <c>fit</c>: a last batch shorter than nComponents is merged into the one before it. <b>Memory:</b> O(batch p + k p)
    /// besides X. Returns this model.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not 2-d.</exception>
    /// <exception cref="ArgumentException">nComponents exceeds the columns or the rows.</exception>
    /// <exception cref="NonFiniteException">x contains NaN or infinity.</exception>
    public IncrementalPca<T> Fit(NDArray<T> x)
    {
        Guard.Matrix(x, Model + ".Fit", minRows: 1);
        Reset();
        int n = (int)x.Shape[0], batch = BatchSize ?? 5 * (int)x.Shape[1], min = NComponentsRequested ?? 0;
        int start = 0;
        for (int b = 0; b < n / batch; b++)
        {
            int end = start + batch;
            if (end + min > n) continue;   // scikit-learn's gen_batches: the short tail joins the last batch
            PartialFit(x[start..end, ..]);
            start = end;
        }
        if (start < n) PartialFit(x[start.., ..]);
        _stack = [];
        return this;
    }

    /// <summary>
    /// Fits from scratch on the rows of <paramref name="source"/>, read in blocks of <see cref="BatchSize"/> rows
    /// (5 p by default), each block one <see cref="PartialFit"/>; a last block shorter than nComponents is merged into
    /// the one before it, as <see cref="Fit(NDArray{T})"/> does, so both give the same model. <b>Passes: 1.</b>
    /// <b>Memory:</b> two blocks (the one held back in case the next is a short last one) and O(k p). Returns this model.
    /// </summary>
    /// <exception cref="ArgumentException">The source has no rows, or nComponents exceeds the columns or a batch's rows.</exception>
    /// <exception cref="ShapeMismatchException">A block has another column count than the source.</exception>
    /// <exception cref="NonFiniteException">The data contain NaN or infinity.</exception>
    public IncrementalPca<T> Fit(IRowBlockSource<T> source, IProgress<RowBlockProgress>? progress = null)
    {
        const string where = Model + ".Fit(source)";
        int p = RowBlockPass.Columns(source, where);
        Reset();
        int batch = BatchSize ?? 5 * p, min = NComponentsRequested ?? 0;
        NDArray<T>? held = null;
        foreach (var block in RowBlockPass.Run(source, batch, progress, where, p))
        {
            if (held is null) { held = block.Values.Copy(); continue; }
            if (block.Count < min) { held = NDArray.Concatenate(held, block.Values); continue; }
            PartialFit(held);
            held = block.Values.Copy();
        }
        if (held is null) throw new ArgumentException($"{where}: the source has no rows", nameof(source));
        PartialFit(held);
        _stack = [];
        return this;
    }

    /// <summary>Projects X (m x p): (X - Mean) Components^T, divided by sqrt(ExplainedVariance) when whitening. O(m p k).</summary>
    /// <exception cref="NotFittedException">No batch has been fitted.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Transform(NDArray<T> x)
    {
        var c = Fitted(nameof(Transform));
        Guard.Features(x, _features, Model + ".Transform");
        var z = (x - ToTensor(_mean)).MatMul(c.T);
        return Whiten ? z / NDArray.Sqrt(_explainedVariance!) : z;
    }

    /// <summary>Maps scores Z (m x k) back: Z Components + Mean (Z times sqrt(ExplainedVariance) first when whitening).</summary>
    /// <exception cref="NotFittedException">No batch has been fitted.</exception>
    /// <exception cref="ShapeMismatchException">Z is not 2-d or does not have k columns.</exception>
    /// <exception cref="NonFiniteException">Z contains NaN or infinity.</exception>
    public NDArray<T> InverseTransform(NDArray<T> z)
    {
        var c = Fitted(nameof(InverseTransform));
        Guard.Features(z, (int)c.Shape[0], Model + ".InverseTransform");
        var zs = Whiten ? z * NDArray.Sqrt(_explainedVariance!) : z;
        return zs.MatMul(c) + ToTensor(_mean);
    }

    /// <summary>
    /// The m x p stack to decompose, written column-major (ld m) into <see cref="_stack"/> (grown when smaller) and
    /// returned as a view of it: the first batch centred by the mean (m = rows); later ones the k components scaled by
    /// their singular values, the batch centred by its own mean, and the mean-correction row (m = k + rows + 1). Each
    /// entry is the same rounding of the same operands as the tensor expressions it replaces.
    /// </summary>
    private NDArray<T> Stack(NDArray<T> x, double[] mean, long seen, long total, int m, int p)
    {
        int n = (int)x.Shape[0], size = checked(m * p);
        if (_stack.Length < size) _stack = new T[size];
        var w = _stack.AsSpan(0, size);
        var xc = x.Contiguous();
        var xs = xc.AsReadOnlySpan();
        if (seen == 0)
        {
            for (int j = 0; j < p; j++)
            {
                T mu = T.CreateTruncating(mean[j]);
                for (int i = 0; i < n; i++) w[j * m + i] = xs[i * p + j] - mu;
            }
        }
        else
        {
            int k = m - n - 1;
            var batchMean = x.Mean(0).AsReadOnlySpan();
            var sv = _singularValues!.AsReadOnlySpan();
            var c = _components!.AsReadOnlySpan();
            T scale = T.CreateTruncating(Math.Sqrt((double)seen / total * n));
            for (int j = 0; j < p; j++)
            {
                var col = w.Slice(j * m, m);
                for (int i = 0; i < k; i++) col[i] = sv[i] * c[i * p + j];
                T bm = batchMean[j];
                for (int i = 0; i < n; i++) col[k + i] = xs[i * p + j] - bm;
                col[m - 1] = scale * (T.CreateTruncating(_mean[j]) - bm);
            }
        }
        GC.KeepAlive(xc);
        return NDArray.Wrap(_stack.AsMemory(0, size), p, m).T;
    }

    private void Reset()
    {
        _components = _singularValues = _explainedVariance = _ratio = null;
        _mean = _var = [];
        _features = 0;
        NSamplesSeen = 0;
        _noiseVariance = T.Zero;
    }

    /// <summary>scikit-learn's <c>_incremental_mean_and_var</c> (Chan, Golub and LeVeque's pairwise update; the batch's
    /// own sums by the corrected two-pass formula), in double.</summary>
    private static (double[] Mean, double[] Var, long Total) UpdateMeanAndVariance(NDArray<T> x, double[]? lastMean,
        double[]? lastVar, long lastCount)
    {
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        var xc = x.Contiguous();   // read in place (a strided batch is copied)
        var data = xc.AsReadOnlySpan();
        long total = lastCount + n;
        var mean = new double[p];
        var variance = new double[p];
        for (int j = 0; j < p; j++)
        {
            double newSum = 0;
            for (int i = 0; i < n; i++) newSum += double.CreateTruncating(data[i * p + j]);
            double batchMean = newSum / n, correction = 0, squares = 0;
            for (int i = 0; i < n; i++)
            {
                double t = double.CreateTruncating(data[i * p + j]) - batchMean;
                correction += t;
                squares += t * t;
            }
            double newUnnormalized = squares - correction * correction / n;
            double lastSum = lastMean is null ? 0 : lastMean[j] * lastCount;
            mean[j] = (lastSum + newSum) / total;
            if (lastCount == 0)
            {
                variance[j] = newUnnormalized / total;
            }
            else
            {
                double lastOverNew = (double)lastCount / n;
                double diff = lastSum / lastOverNew - newSum;
                variance[j] = (lastVar![j] * lastCount + newUnnormalized + lastOverNew / total * diff * diff) / total;
            }
        }
        return (mean, variance, total);
    }

    private static NDArray<T> ToTensor(double[] values) => NDArray.FromArray(values.Select(T.CreateTruncating).ToArray());

    private NDArray<T> Fitted(string member, NDArray<T>? value = null) =>
        _components is null ? throw NotFittedException.For(Model, member) : value ?? _components;
}
