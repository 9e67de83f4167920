using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.ExceptionServices;
using Linea.ML.NeuralNet;

namespace Linea.Distributed;

/// <summary>
/// Data-parallel training of a <see cref="Sequential{T}"/> over the ranks of a <see cref="Communicator"/>: every rank
/// holds one consecutive row block of the training set (rank 0 the first rows, then rank 1, ...; any counts, zero
/// included) and a replica of the network. Every rank walks the same global mini-batches that one-process
/// <see cref="Sequential{T}.Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> walks with the same seed (the same shuffled order of the n global rows); for each
/// batch of b rows, rank r runs forward and backward on the m_r rows of the batch that it holds, scales its gradient
/// by m_r / b, and one in-place allreduce of a single flat buffer (all gradients plus the batch's loss sum and correct
/// count) gives every rank the gradient of the whole batch's mean loss. Every rank then applies the same optimizer
/// step, so the replicas stay equal and equal one-process training to rounding (the sums run in a different order);
/// with one rank the result is bit for bit that of Fit. The initial weights are drawn from the seed and broadcast
/// from rank 0.
/// <code>
/// MpiEnvironment.Run(world =&gt;
/// {
///     NDArray&lt;double&gt; xMine = ..., yMine = ...;           // this rank's rows
///     var net = new Sequential&lt;double&gt;([...], new SoftmaxCrossEntropy&lt;double&gt;(), seed: 42);
///     net.FitDataParallel(world, xMine, yMine, epochs: 10, batchSize: 64, new Adam(1e-3));
/// });
/// </code>
/// </summary>
public static class DataParallelTraining
{
    private const string Op = "fit_data_parallel";

    /// <summary>Fields of the record each rank contributes to the one agreement exchange before training.</summary>
    private const int Fields = 11;

    /// <summary>Names of the fields that every rank must pass alike, in record order (the rest are per rank).</summary>
    private static readonly string[] SharedFields =
        ["epochs", "batchSize", "shuffle", "warmStart", "parameters", "features", "validation", "initializes"];

    /// <summary>
    /// Trains <paramref name="network"/> on the union of every rank's (<paramref name="x"/>, <paramref name="y"/>)
    /// row blocks, as <see cref="Sequential{T}.Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> would train on their concatenation in rank order. Every rank of
    /// <paramref name="comm"/> calls this with the same network architecture, seed and settings.
    /// <para>
    /// Per step: one allreduce of ParameterCount + 2 elements (about 2 · ParameterCount · sizeof(T) bytes moved per
    /// rank in Open MPI's ring or recursive-doubling allreduce), and the local forward and backward flops of the
    /// rank's rows of the batch. Before training, one small allgather agrees the settings and the validity of every
    /// rank's data, and one broadcast copies rank 0's initial weights. Memory per rank: its data share, the network,
    /// one flat buffer of ParameterCount + 2 elements and an index array of n ints (the global order).
    /// </para>
    /// <para>
    /// Dropout layers draw their masks per rank (rank 0 as in Fit, the others from streams seeded by rank), so with
    /// dropout the weights equal one-process training in distribution, not to rounding.
    /// </para>
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="network">The replica on this rank.</param>
    /// <param name="comm">The ranks that train together.</param>
    /// <param name="x">This rank's rows of the inputs, shape (n_r, features), n_r ≥ 0; finite.</param>
    /// <param name="y">This rank's targets, n_r rows (see <see cref="Sequential{T}.Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/>).</param>
    /// <param name="epochs">Passes over the global data, at least 1; the same on every rank.</param>
    /// <param name="batchSize">Rows per global mini-batch, at least 1; the same on every rank.</param>
    /// <param name="optimizer">The update rule; the same hyper-parameters on every rank.</param>
    /// <param name="validationX">This rank's rows of an optional validation set (zero rows allowed), evaluated after each epoch.</param>
    /// <param name="validationY">Targets of <paramref name="validationX"/>; required with it.</param>
    /// <param name="onEpoch">Called on every rank after each epoch with the global report (identical on every rank).</param>
    /// <param name="shuffle">Shuffle the global order before each epoch (seeded, as Fit does).</param>
    /// <param name="warmStart">Continue from the current weights (rank 0's, broadcast) and optimizer state.</param>
    /// <returns>The reports of every epoch, over the global data (also in <see cref="Sequential{T}.History"/>).</returns>
    /// <exception cref="ArgumentNullException">A required argument is null (on that rank; the others throw <see cref="ArgumentException"/>).</exception>
    /// <exception cref="ShapeMismatchException">This rank's data has the wrong shape (the other ranks throw <see cref="ArgumentException"/> naming it).</exception>
    /// <exception cref="NonFiniteException">This rank's data has NaN or infinity, or the training loss became non-finite (on every rank).</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs or batchSize below 1.</exception>
    /// <exception cref="ArgumentException">Another rank's data failed its checks, the ranks hold no rows at all, or a label is out of range.</exception>
    /// <exception cref="MpiCountMismatchException">The ranks passed different settings or networks (on every rank, listing each rank's values).</exception>
    /// <exception cref="MpiException">MPI failed.</exception>
    public static IReadOnlyList<EpochReport> FitDataParallel<T>(this Sequential<T> network, Communicator comm,
        NDArray<T> x, NDArray<T> y, int epochs, int batchSize, Optimizer optimizer,
        NDArray<T>? validationX = null, NDArray<T>? validationY = null, Action<EpochReport>? onEpoch = null,
        bool shuffle = true, bool warmStart = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(comm);
        Exception? local = CheckLocal(network, x, y, epochs, batchSize, optimizer, validationX, validationY);
        long[] all = Agree(comm, local, network, x, epochs, batchSize, shuffle, warmStart, validationX);
        int p = comm.Size, rank = comm.Rank;

        long n = 0, offset = 0, validationRows = 0;
        for (int r = 0; r < p; r++)
        {
            if (r == rank) offset = n;
            n += all[Fields * r + 9];
            validationRows += all[Fields * r + 10];
        }
        if (n == 0) throw new ArgumentException($"{Op} on rank {rank} of {p}: no rank holds any training rows");
        if (n > Array.MaxLength) throw new ArgumentException($"{Op} on rank {rank} of {p}: {n} rows in all; at most {Array.MaxLength} are supported");
        if (validationX is not null && validationRows == 0)
            throw new ArgumentException($"{Op} on rank {rank} of {p}: a validation set was given but no rank holds any validation rows");
        int mine = (int)x.Shape[0];
        // Batches gather rows from contiguous copies (made once here, not per batch, when a view was passed).
        x = x.Contiguous();
        y = y.Contiguous();

        Rng rng = network.BeginFit(warmStart);
        ShareWeightsOfRankZero(network, comm, rank);

        var fast = comm.WithoutArgumentChecks();
        int parameters = checked((int)network.ParameterCount);
        var flat = new T[parameters + 2];
        var order = new int[n];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var rows = new int[Math.Min(batchSize, mine)];
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if (shuffle) Sequential<T>.ShuffleOrder(order, rng);
            double lossSum = 0, gradNorm = 0;
            long correct = 0;
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int b = Math.Min(batchSize, order.Length - start);
                int m = 0;
                foreach (int g in order.AsSpan(start, b))
                {
                    long at = g - offset;
                    if (at >= 0 && at < mine) rows[m++] = (int)at;
                }
                if (m > 0)
                {
                    ReadOnlySpan<int> idx = rows.AsSpan(0, m);
                    var (loss, right) = network.BatchGradients(Rows.Take(x, idx), Rows.Take(y, idx));
                    network.CopyGradientsTo(flat, m == b ? T.One : T.CreateTruncating((double)m / b));
                    flat[parameters] = T.CreateTruncating(loss * m);
                    flat[parameters + 1] = T.CreateTruncating(right);
                }
                else Array.Clear(flat);
                fast.Allreduce<T>(flat, ReductionOp.Sum);
                network.CopyGradientsFrom(flat);
                lossSum += double.CreateTruncating(flat[parameters]);
                correct += long.CreateTruncating(flat[parameters + 1]);
                gradNorm = optimizer.Step(network.Parameters);
            }
            double? valLoss = null, valAcc = null;
            if (validationX is not null)
            {
                (valLoss, double acc) = EvaluateGlobally(network, fast, validationX, validationY!, validationRows);
                if (network.Loss.IsClassification) valAcc = acc;
            }
            var report = new EpochReport(epoch, epochs, lossSum / n, network.Loss.IsClassification ? (double)correct / n : null,
                valLoss, valAcc, gradNorm, clock.Elapsed);
            network.RecordEpoch(report);
            onEpoch?.Invoke(report);
            if (!double.IsFinite(report.Loss))
                throw new NonFiniteException($"{Op} on rank {rank} of {p}: the training loss became {report.Loss} in epoch {epoch}; lower the learning rate or set clipNorm");
        }
        return network.EndFit();
    }

    /// <summary>This rank's argument checks, caught so that every rank learns of a failure before any collective.</summary>
    private static Exception? CheckLocal<T>(Sequential<T> network, NDArray<T> x, NDArray<T> y, int epochs, int batchSize,
        Optimizer optimizer, NDArray<T>? validationX, NDArray<T>? validationY) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            ArgumentNullException.ThrowIfNull(network);
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            ArgumentNullException.ThrowIfNull(optimizer);
            if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"{Op}: epochs must be at least 1");
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{Op}: batchSize must be at least 1");
            network.CheckShare(x, y, Op, "X", "y");
            if ((validationX is null) != (validationY is null))
                throw new ArgumentException($"{Op}: give both validationX and validationY, or neither");
            if (validationX is not null) network.CheckShare(validationX, validationY!, Op, "validationX", "validationY");
            return null;
        }
#pragma warning disable CA1031 // rethrown below, after every rank has heard of it
        catch (Exception e) when (e is ArgumentException or ShapeMismatchException or NonFiniteException)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    /// <summary>
    /// One allgather of each rank's record: [failed, the 8 shared settings, training rows, validation rows]. A rank
    /// whose own checks failed rethrows its exception; the others throw naming it. Settings that differ throw on every
    /// rank, listing each rank's values.
    /// </summary>
    private static long[] Agree<T>(Communicator comm, Exception? local, Sequential<T> network, NDArray<T> x, int epochs,
        int batchSize, bool shuffle, bool warmStart, NDArray<T>? validationX) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<long> record = stackalloc long[Fields];
        record[0] = local is null ? 0 : 1;
        if (local is null)
        {
            record[1] = epochs;
            record[2] = batchSize;
            record[3] = shuffle ? 1 : 0;
            record[4] = warmStart ? 1 : 0;
            record[5] = network.ParameterCount;
            record[6] = x.Shape[1];
            record[7] = validationX is null ? 0 : 1;
            // Whether BeginFit draws weights (consuming the generator the shuffles continue from).
            record[8] = !warmStart || !network.IsInitialized ? 1 : 0;
            record[9] = x.Shape[0];
            record[10] = validationX?.Shape[0] ?? 0;
        }
        long[] all = new long[Fields * comm.Size];
        comm.Allgather<long>(record, all);
        if (local is not null) ExceptionDispatchInfo.Throw(local);
        var failed = Enumerable.Range(0, comm.Size).Where(r => all[Fields * r] != 0).ToList();
        if (failed.Count > 0)
            throw new ArgumentException($"{Op} on rank {comm.Rank} of {comm.Size}: the data or arguments of rank{(failed.Count > 1 ? "s" : "")} "
                + string.Join(", ", failed) + " failed their checks (see that rank's error); no rank trained");
        for (int field = 1; field <= SharedFields.Length; field++)
        {
            int f = field;
            if (Enumerable.Range(1, comm.Size - 1).All(r => all[Fields * r + f] == all[f])) continue;
            string values = string.Join("; ", Enumerable.Range(0, comm.Size).Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"rank {r}: {all[Fields * r + f]}")));
            string hint = f == 8 ? " (a warm start on a rank whose network was never initialized draws fresh weights there)" : "";
            throw new MpiCountMismatchException(comm.Rank, comm.Size, Op,
                $"every rank must pass the same {SharedFields[f - 1]} ({values}){hint}");
        }
        return all;
    }

    /// <summary>Rank 0's parameters on every rank (one broadcast); other ranks' dropout layers take their own streams.</summary>
    private static void ShareWeightsOfRankZero<T>(Sequential<T> network, Communicator comm, int rank)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var weights = new T[network.ParameterCount];
        network.CopyParametersTo(weights);
        comm.WithoutArgumentChecks().Broadcast<T>(weights, 0);
        network.CopyParametersFrom(weights);
        if (rank == 0) return;
        var streams = new Rng(network.Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(rank + 1)));
        foreach (var layer in network.Layers)
            if (layer is Dropout<T>) layer.Initialize(streams);
    }

    /// <summary>The validation loss and accuracy over every rank's validation rows (one allreduce of 2 doubles).</summary>
    private static (double Loss, double Accuracy) EvaluateGlobally<T>(Sequential<T> network, Communicator fast,
        NDArray<T> x, NDArray<T> y, long totalRows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<double> sums = stackalloc double[2];
        long m = x.Shape[0];
        if (m > 0)
        {
            var (loss, correct) = network.EvaluateShare(x, y);
            sums[0] = loss * m;
            sums[1] = correct;
        }
        fast.Allreduce<double>(sums, ReductionOp.Sum);
        return (sums[0] / totalRows, sums[1] / totalRows);
    }
}
