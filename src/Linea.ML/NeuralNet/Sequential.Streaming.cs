using System.Diagnostics;
using System.Numerics;

namespace Linea.ML.NeuralNet;

public sealed partial class Sequential<T>
{
    /// <summary>
    /// Trains on inputs and targets read from two row-block sources in step (row i of <paramref name="y"/> is the
    /// target of row i of <paramref name="x"/>), never holding the data whole. Per epoch, one pass over each source:
    /// the rows are cut into mini-batches of <paramref name="batchSize"/> consecutive rows (optionally shuffled within
    /// windows, see <paramref name="shuffleWindow"/>), and each mini-batch is one step exactly as in
    /// <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/>:
    /// with <c>shuffleWindow = 0</c> the weights are those of that in-memory Fit with <c>shuffle: false</c> on the same
    /// rows, bit for bit.
    /// </summary>
    /// <remarks><b>Passes:</b> <paramref name="epochs"/> over each source. <b>Memory:</b> one block of each source, plus
    /// max(batchSize, shuffleWindow rounded up to a multiple of batchSize) rows of x and y, plus the network.</remarks>
    /// <param name="x">Inputs, (samples, features); every pass must read the same rows.</param>
    /// <param name="y">Targets, one row per sample: for a classifier one column of class indices or one-hot rows; for
    /// regression the output's width.</param>
    /// <param name="epochs">Number of passes, at least 1.</param>
    /// <param name="batchSize">Rows per mini-batch, at least 1 (the last of an epoch may be smaller).</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="shuffleWindow">0 (the default): rows in source order. Otherwise the rows of each consecutive window
    /// of this many rows (rounded up to a multiple of batchSize) are shuffled together (seeded by <see cref="Seed"/>)
    /// before being cut into mini-batches: a cheap partial shuffle for files that cannot be permuted in memory.</param>
    /// <param name="validationX">Optional validation inputs, evaluated after each epoch.</param>
    /// <param name="validationY">Targets of <paramref name="validationX"/>; required with it.</param>
    /// <param name="onEpoch">Called after each epoch with its report.</param>
    /// <param name="warmStart">Continue from the current weights and optimizer state instead of redrawing them.</param>
    /// <param name="blockRows">Rows per block read from each source; null for <see cref="OutOfCore.DefaultBlockRows"/>.</param>
    /// <returns>The reports of every epoch (also in <see cref="History"/>).</returns>
    /// <exception cref="ArgumentException">A source has no rows, x and y have different numbers of rows, a class label
    /// is outside [0, classes), or validationX comes without validationY.</exception>
    /// <exception cref="ShapeMismatchException">x has the wrong number of features, a block's columns differ from its
    /// source's, or y's columns fit neither class indices nor the outputs.</exception>
    /// <exception cref="NonFiniteException">x or y contains NaN or infinity (row and column named), or the loss diverged.</exception>
    /// <exception cref="InvalidDataException">A later epoch read another number of rows than the first.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs, batchSize or shuffleWindow out of range.</exception>
    public IReadOnlyList<EpochReport> Fit(IRowBlockSource<T> x, IRowBlockSource<T> y, int epochs, int batchSize,
        Optimizer optimizer, int shuffleWindow = 0, NDArray<T>? validationX = null, NDArray<T>? validationY = null,
        Action<EpochReport>? onEpoch = null, bool warmStart = false, int? blockRows = null)
    {
        const string where = Model + ".Fit(source)";
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"{where}: epochs must be at least 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{where}: batchSize must be at least 1");
        if (shuffleWindow < 0) throw new ArgumentOutOfRangeException(nameof(shuffleWindow), shuffleWindow, $"{where}: shuffleWindow must be 0 (no shuffling) or positive");
        int px = RowBlockPass.Columns(x, where), py = RowBlockPass.Columns(y, where);
        if (InputFeatures is int f && px != f)
            throw new ShapeMismatchException(where, [new Shape(x.Rows, px)], $"{where}: X has {px} features but the network takes {f}");
        if ((validationX is null) != (validationY is null))
            throw new ArgumentException($"{where}: give both validationX and validationY, or neither");
        if (validationX is not null) CheckData(validationX, validationY!, where, "validationX", "validationY");

        var rng = new Rng(Seed);
        if (!warmStart || !_initialized) InitializeFrom(rng);
        var windowRng = shuffleWindow > 0 ? new Rng(Seed ^ 0x9E3779B97F4A7C15UL) : null;
        int chunk = shuffleWindow > 0 ? (int)Math.Min(int.MaxValue / 2, (shuffleWindow + (long)batchSize - 1) / batchSize * batchSize) : batchSize;
        int xBlock = RowBlockPass.BlockRows(blockRows, px), yBlock = RowBlockPass.BlockRows(blockRows, py);
        _history.Clear();
        long n = -1;
        NDArray<T>? lossGradient = null;
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double lossSum = 0, gradNorm = 0;
            long correct = 0, seen = 0;
            var xs = RowBlockPass.Run(x, xBlock, null, where, px, n, epoch);
            var ys = RowBlockPass.Run(y, yBlock, null, where, py, n, epoch);
            foreach (var (xb, yb) in Batches(xs, ys, px, py, batchSize, chunk, windowRng, where))
            {
                CheckData(xb, yb, where, "X", "y");
                var output = Forward(xb, training: true);
                int count = (int)xb.Shape[0];
                // The same fused loss pass as the in-memory Fit: the same bits.
                var (loss, gradient, right) = Loss.ValueAndGradient(output, yb, ref lossGradient);
                lossSum += double.CreateTruncating(loss) * count;
                correct += right;
                BackwardParameters(gradient);
                gradNorm = optimizer.Step(_parameters);
                seen += count;
            }
            if (seen == 0) throw new ArgumentException($"{where}: the sources have no rows", nameof(x));
            n = seen;
            FinishEpoch(where, epoch, epochs, lossSum, correct, n, gradNorm, clock.Elapsed, validationX, validationY, onEpoch);
        }
        IsFitted = true;
        return _history.ToArray();
    }

    /// <summary>One epoch's mini-batches: rows of both streams gathered into windows of <paramref name="chunk"/> rows,
    /// shuffled jointly when <paramref name="rng"/> is given, and cut into batches of <paramref name="batchSize"/>.
    /// A classifier's one-column targets become a vector of class indices.</summary>
    private IEnumerable<(NDArray<T> X, NDArray<T> Y)> Batches(IEnumerable<RowBlock<T>> xs, IEnumerable<RowBlock<T>> ys,
        int px, int py, int batchSize, int chunk, Rng? rng, string where)
    {
        using var ex = xs.GetEnumerator();
        using var ey = ys.GetEnumerator();
        var xq = new RowQueue<T>(px);
        var yq = new RowQueue<T>(py);
        bool xDone = false, yDone = false;
        bool indices = Loss.IsClassification && py == 1;
        long done = 0;
        while (true)
        {
            Fill(xq, ex, ref xDone, chunk);
            Fill(yq, ey, ref yDone, chunk);
            int m = Math.Min(chunk, Math.Min(xq.Count, yq.Count));
            if (m < chunk)
            {
                // One stream has ended: the other must end at the same row.
                Fill(xq, ex, ref xDone, m + 1);
                Fill(yq, ey, ref yDone, m + 1);
                if (xq.Count != m || yq.Count != m)
                    throw new ArgumentException(
                        $"{where}: {(xq.Count == m ? "X" : "y")} ended after {done + m} rows but {(xq.Count == m ? "y" : "X")} has more; X and y need the same number of rows");
            }
            if (m == 0) yield break;
            var xr = xq.Take(m);
            var yr = yq.Take(m);
            if (rng is not null) ShuffleRows(xr, yr, m, px, py, rng);
            for (int s = 0; s < m; s += batchSize)
            {
                int count = Math.Min(batchSize, m - s);
                var xb = NDArray.Wrap(xr.AsSpan(s * px, count * px).ToArray(), count, px);
                var yArray = yr.AsSpan(s * py, count * py).ToArray();
                yield return (xb, indices ? NDArray.FromArray(yArray) : NDArray.Wrap(yArray, count, py));
            }
            done += m;
            if (m < chunk) yield break;
        }
    }

    private static void Fill(RowQueue<T> queue, IEnumerator<RowBlock<T>> blocks, ref bool finished, int rows)
    {
        while (!finished && queue.Count < rows)
        {
            if (blocks.MoveNext()) queue.Append(blocks.Current.Values);
            else finished = true;
        }
    }

    /// <summary>Fisher-Yates over the rows of both arrays with one permutation.</summary>
    private static void ShuffleRows(T[] xr, T[] yr, int m, int px, int py, Rng rng)
    {
        for (int i = m - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            if (i == j) continue;
            SwapRows(xr, i, j, px);
            SwapRows(yr, i, j, py);
        }
    }

    private static void SwapRows(T[] a, int i, int j, int width)
    {
        for (int c = 0; c < width; c++) (a[i * width + c], a[j * width + c]) = (a[j * width + c], a[i * width + c]);
    }
}
