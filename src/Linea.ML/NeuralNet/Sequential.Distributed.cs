using System.Numerics;
using System.Runtime.CompilerServices;

// Linea.Distributed drives data-parallel training through the internal hooks below (and builds PageRankResult).
[assembly: InternalsVisibleTo("Linea.Distributed")]

namespace Linea.ML.NeuralNet;

/// <summary>
/// Flat access to the parameters and gradients (one buffer in <see cref="Parameters"/> order, each parameter's
/// elements in C order), for checkpointing, gradient accumulation and data-parallel training; and the pieces of
/// <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> that a training loop outside this class needs.
/// </summary>
public sealed partial class Sequential<T>
{
    /// <summary>The number of trainable scalars: the sum of the parameters' sizes. O(layers).</summary>
    public long ParameterCount
    {
        get
        {
            long n = 0;
            foreach (var p in _parameters) n += p.Value.Size;
            return n;
        }
    }

    /// <summary>
    /// Copies every parameter value into <paramref name="destination"/>, in <see cref="Parameters"/> order. Draws the
    /// initial weights first if nothing has. O(<see cref="ParameterCount"/>), no allocation.
    /// </summary>
    /// <param name="destination">Length <see cref="ParameterCount"/>.</param>
    /// <exception cref="ArgumentException">The length is not <see cref="ParameterCount"/>.</exception>
    public void CopyParametersTo(Span<T> destination)
    {
        if (!_initialized) Initialize();
        CheckFlatLength(destination.Length, "CopyParametersTo");
        int at = 0;
        foreach (var p in _parameters)
        {
            var v = p.Value.AsReadOnlySpan();
            v.CopyTo(destination.Slice(at, v.Length));
            at += v.Length;
        }
    }

    /// <summary>
    /// Overwrites every parameter value from <paramref name="source"/> (the layout of <see cref="CopyParametersTo"/>);
    /// optimizer state is kept. O(<see cref="ParameterCount"/>), no allocation.
    /// </summary>
    /// <param name="source">Length <see cref="ParameterCount"/>, finite.</param>
    /// <exception cref="ArgumentException">The length is not <see cref="ParameterCount"/>.</exception>
    /// <exception cref="NonFiniteException">A value is NaN or infinity.</exception>
    public void CopyParametersFrom(ReadOnlySpan<T> source)
    {
        CheckFlatLength(source.Length, "CopyParametersFrom");
        for (int i = 0; i < source.Length; i++)
            if (!T.IsFinite(source[i]))
                throw new NonFiniteException($"{Model}.CopyParametersFrom: element {i} is {source[i]}; parameters must be finite");
        int at = 0;
        foreach (var p in _parameters)
        {
            var v = p.Value.AsSpan();
            source.Slice(at, v.Length).CopyTo(v);
            at += v.Length;
        }
        _initialized = true;
    }

    /// <summary>
    /// Copies every parameter gradient (from the last backward pass) into <paramref name="destination"/>, each scaled
    /// by <paramref name="scale"/>, in the layout of <see cref="CopyParametersTo"/>. O(<see cref="ParameterCount"/>).
    /// </summary>
    /// <param name="destination">At least <see cref="ParameterCount"/> long; only the first ParameterCount elements are written.</param>
    /// <param name="scale">Factor applied to every element (1 copies exactly).</param>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="ParameterCount"/>.</exception>
    public void CopyGradientsTo(Span<T> destination, T scale)
    {
        if (destination.Length < ParameterCount)
            throw new ArgumentException($"{Model}.CopyGradientsTo: the destination has {destination.Length} elements; the network has {ParameterCount} parameters", nameof(destination));
        int at = 0;
        foreach (var p in _parameters)
        {
            var g = p.Grad.AsReadOnlySpan();
            var d = destination.Slice(at, g.Length);
            if (scale == T.One) g.CopyTo(d);
            else for (int i = 0; i < g.Length; i++) d[i] = g[i] * scale;
            at += g.Length;
        }
    }

    /// <summary>
    /// Overwrites every parameter gradient from the first <see cref="ParameterCount"/> elements of
    /// <paramref name="source"/> (the layout of <see cref="CopyParametersTo"/>), e.g. before an
    /// <see cref="Optimizer.Step{T}"/> on gradients combined elsewhere. O(<see cref="ParameterCount"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The source is shorter than <see cref="ParameterCount"/>.</exception>
    public void CopyGradientsFrom(ReadOnlySpan<T> source)
    {
        if (source.Length < ParameterCount)
            throw new ArgumentException($"{Model}.CopyGradientsFrom: the source has {source.Length} elements; the network has {ParameterCount} parameters", nameof(source));
        int at = 0;
        foreach (var p in _parameters)
        {
            var g = p.Grad.AsSpan();
            source.Slice(at, g.Length).CopyTo(g);
            at += g.Length;
        }
    }

    private void CheckFlatLength(int length, string method)
    {
        if (length != ParameterCount)
            throw new ArgumentException($"{Model}.{method}: the buffer has {length} elements; the network has {ParameterCount} parameters ({string.Join(", ", _parameters.Select(p => p.Shape.ToString()))})");
    }

    /// <summary>
    /// The first part of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/>: a generator seeded with <see cref="Seed"/>, used to draw the weights unless
    /// <paramref name="warmStart"/> applies; the history is cleared. The generator's state then drives the shuffles, so
    /// a loop that shuffles with <see cref="ShuffleOrder"/> visits the batches of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> in the same order.
    /// </summary>
    internal Rng BeginFit(bool warmStart)
    {
        var rng = new Rng(Seed);
        if (!warmStart || !_initialized) InitializeFrom(rng);
        _history.Clear();
        return rng;
    }

    /// <summary>Whether the parameters have been drawn or set (so a warm start would keep them).</summary>
    internal bool IsInitialized => _initialized;

    /// <summary>Records one epoch's report (the history of the current fit).</summary>
    internal void RecordEpoch(EpochReport report) => _history.Add(report);

    /// <summary>The last part of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/>: marks the network fitted and returns the history.</summary>
    internal IReadOnlyList<EpochReport> EndFit()
    {
        IsFitted = true;
        return _history.ToArray();
    }

    /// <summary>The shuffle of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> (Fisher-Yates from the end).</summary>
    internal static void ShuffleOrder(int[] order, Rng rng) => Shuffle(order, rng);

    /// <summary>
    /// The checks of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> on one process's share of the data, which may have zero rows: X 2-d with the
    /// network's features and finite, y with as many rows, finite, and valid labels for a classifier.
    /// </summary>
    internal void CheckShare(NDArray<T> x, NDArray<T> y, string where, string xName, string yName)
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        Guard.Matrix(x, where, minRows: 0);
        if (InputFeatures is int f && x.Shape[1] != f)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: {xName} has {x.Shape[1]} features (shape {x.Shape}) but the network takes {f}");
        Guard.SameSamples(x, y, where);
        Guard.Finite(y, where, yName);
        if (Loss.IsClassification && OutputFeatures is int k)
        {
            if (y.Rank == 1) Labels.Indices(y, k, where);
            else if (y.Rank != 2 || y.Shape[1] != k)
                throw new ShapeMismatchException(where, [x.Shape, y.Shape],
                    $"{where}: {yName} must be class indices ({x.Shape[0]},) or one-hot rows ({x.Shape[0]}, {k}); got {y.Shape}");
        }
    }

    /// <summary>
    /// One batch of <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> without the optimizer step: forward in training mode, the mean loss, its gradient
    /// and the backward pass into every <see cref="Parameter{T}.Grad"/>. The batch must have at least one row.
    /// </summary>
    /// <returns>The batch's mean loss and, for a classifier, how many rows it classified correctly.</returns>
    internal (double Loss, long Correct) BatchGradients(NDArray<T> xb, NDArray<T> yb)
    {
        var output = Forward(xb, training: true);
        // The same fused loss pass as Fit's training step: the same bits.
        NDArray<T>? buffer = null;
        var (loss, gradient, correct) = Loss.ValueAndGradient(output, yb, ref buffer);
        BackwardParameters(gradient);
        return (double.CreateTruncating(loss), correct);
    }

    /// <summary>The mean loss and correct count of (x, y) in inference mode; x has at least one row.</summary>
    internal (double Loss, long Correct) EvaluateShare(NDArray<T> x, NDArray<T> y)
    {
        var output = Forward(x, training: false);
        double loss = double.CreateTruncating(Loss.Value(output, y));
        return (loss, Loss.IsClassification ? CountCorrect(output, y) : 0);
    }
}
