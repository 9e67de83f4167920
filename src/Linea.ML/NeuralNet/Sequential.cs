using System.Diagnostics;
using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// A feed-forward network: layers applied in order, trained by mini-batch gradient descent on a <see cref="Loss{T}"/>.
/// Like scikit-learn's estimators, <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> starts from freshly drawn weights (seeded by <see cref="Seed"/>,
/// so runs repeat exactly) unless <c>warmStart</c> is set, then <see cref="Predict"/>, <see cref="PredictProba"/> and
/// <see cref="Evaluate(NDArray{T}, NDArray{T})"/> use the trained weights.
/// <code>
/// var net = new Sequential&lt;double&gt;(
///     [new Dense&lt;double&gt;(64, 128, WeightInit.HeNormal), new ReLU&lt;double&gt;(), new Dense&lt;double&gt;(128, 10)],
///     new SoftmaxCrossEntropy&lt;double&gt;(), seed: 42);
/// net.Fit(X, y, epochs: 30, batchSize: 32, new Adam(1e-3), onEpoch: Console.WriteLine);
/// NDArray&lt;long&gt; classes = net.PredictLabels(Xtest);
/// </code>
/// <para>Memory: the model holds its parameters, a gradient of the same size for each, and, after training with
/// <see cref="Adam"/> or momentum, one or two optimizer slots of the same size (for 64-128-10: 9,610 parameters, 77 KB
/// each in float64); layers that cache their forward results for a backward (<see cref="LayerNorm{T}"/>,
/// <see cref="Tanh{T}"/>, <see cref="Sigmoid{T}"/>; <see cref="Dense{T}"/> and <see cref="ReLU{T}"/> their input) keep
/// those of the last training batch or public <see cref="Forward"/> call; <see cref="Predict"/>,
/// <see cref="PredictProba"/>, <c>PredictLabels</c> and <c>Evaluate</c> leave none (each layer forgets the pass's
/// tensors when it ends, so a prediction on m rows no longer stays referenced as m x width per layer). During the in-memory Fit a training step allocates no element arrays for <see cref="Dense{T}"/>
/// and <see cref="ReLU{T}"/> layers: the gathered batch, their outputs and input gradients and the loss gradient live in
/// buffers sized for one batch (for 64-128-10 at batch 256 about 0.8 MB), reused by every step and dropped when Fit
/// returns; a step still allocates about 2 KB of small objects (measured), and the other layers allocate their batch-sized
/// results per step. The shuffled order holds n ints. A 5-epoch fit of 20,000 samples allocates 2.6 MB at batch 256 and
/// 7.4 MB at batch 32 (3,125 steps) (it allocated about 600 MB before the buffers).</para>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed partial class Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "Sequential";
    private readonly Layer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;
    private readonly List<EpochReport> _history = [];
    private bool _initialized;

    /// <summary>Creates the network; parameters are drawn on the first <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> or <see cref="Initialize"/>.</summary>
    /// <param name="layers">The layers, input first; at least one.</param>
    /// <param name="loss">The training objective; <see cref="SoftmaxCrossEntropy{T}"/> makes this a classifier.</param>
    /// <param name="seed">Seed of the weight draws, the mini-batch shuffling and the dropout masks.</param>
    /// <exception cref="ArgumentException">No layers, or the same layer object twice.</exception>
    /// <exception cref="ShapeMismatchException">A layer's output size does not match the next layer's input size.</exception>
    public Sequential(IEnumerable<Layer<T>> layers, Loss<T> loss, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(loss);
        _layers = layers.ToArray();
        if (_layers.Length == 0) throw new ArgumentException($"{Model}: at least one layer is needed", nameof(layers));
        if (_layers.Any(l => l is null)) throw new ArgumentException($"{Model}: a layer is null", nameof(layers));
        if (_layers.Distinct(ReferenceEqualityComparer.Instance).Count() != _layers.Length)
            throw new ArgumentException($"{Model}: the same layer object appears twice; create a new layer for each position", nameof(layers));
        int? features = null;
        for (int i = 0; i < _layers.Length; i++)
        {
            var l = _layers[i];
            if (features is int f && l.InputFeatures is int need && need != f)
                throw new ShapeMismatchException(Model, [new Shape(f), new Shape(need)],
                    $"{Model}: layer {i} ({l.Name}) takes {need} features but the layers before it produce {f}");
            int? input = features ?? l.InputFeatures;
            features = input is int x ? l.OutputFeatures(x) : null;
        }
        InputFeatures = _layers.Select(l => l.InputFeatures).FirstOrDefault(f => f is not null);
        OutputFeatures = features;
        Loss = loss;
        Seed = seed;
        _parameters = _layers.SelectMany(l => l.Parameters).ToArray();
    }

    /// <summary>The layers, input first.</summary>
    public IReadOnlyList<Layer<T>> Layers => _layers;

    /// <summary>The training objective.</summary>
    public Loss<T> Loss { get; }

    /// <summary>The seed of weights, shuffling and dropout.</summary>
    public ulong Seed { get; }

    /// <summary>Number of input features the first sized layer requires, or null if no layer fixes it.</summary>
    public int? InputFeatures { get; }

    /// <summary>Size of the output's last axis (the number of classes of a classifier), when the layers fix it.</summary>
    public int? OutputFeatures { get; }

    /// <summary>All trainable parameters, in layer order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>Whether <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> has completed at least once.</summary>
    public bool IsFitted { get; private set; }

    /// <summary>The reports of every epoch of the last <see cref="Fit(NDArray{T}, NDArray{T}, int, int, Optimizer, NDArray{T}, NDArray{T}, Action{EpochReport}, bool, bool)"/> call.</summary>
    public IReadOnlyList<EpochReport> History => _history;

    /// <summary>Draws every layer's parameters from a generator seeded with <see cref="Seed"/> and forgets optimizer state.</summary>
    public void Initialize() => InitializeFrom(new Rng(Seed));

    private void InitializeFrom(Rng rng)
    {
        foreach (var l in _layers) l.Initialize(rng);
        foreach (var p in _parameters) p.ResetState();
        _initialized = true;
    }

    /// <summary>Runs the layers in order on <paramref name="x"/> (no input validation beyond the layers' own).</summary>
    /// <exception cref="ShapeMismatchException">The input does not fit the first layer.</exception>
    public NDArray<T> Forward(NDArray<T> x, bool training = false)
    {
        if (!_initialized) Initialize();
        var h = x;
        foreach (var l in _layers) h = l.Forward(h, training);
        return h;
    }

    /// <summary>Back-propagates dLoss/dOutput of the last <see cref="Forward"/> through every layer; returns dLoss/dInput.</summary>
    public NDArray<T> Backward(NDArray<T> gradOutput)
    {
        var g = gradOutput;
        for (int i = _layers.Length - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }

    /// <summary>Back-propagates for the parameter gradients only: the first layer skips dLoss/dInput.</summary>
    private void BackwardParameters(NDArray<T> gradOutput)
    {
        var g = gradOutput;
        for (int i = _layers.Length - 1; i > 0; i--) g = _layers[i].Backward(g);
        _layers[0].BackwardParameters(g);
    }

    /// <summary>
    /// Trains for <paramref name="epochs"/> passes over (<paramref name="x"/>, <paramref name="y"/>) in shuffled
    /// mini-batches. Per batch: forward in training mode, loss gradient, backward, one optimizer step. After each epoch
    /// a report goes to <paramref name="onEpoch"/>. Cost per epoch: about three times the forward flops of the data.
    /// </summary>
    /// <param name="x">Inputs, shape (samples, features); finite.</param>
    /// <param name="y">Targets: for a classifier class indices (samples,) or one-hot rows; for regression the output's shape (or (samples,) for one output).</param>
    /// <param name="epochs">Number of passes, at least 1.</param>
    /// <param name="batchSize">Samples per mini-batch, at least 1 (the last batch of an epoch may be smaller).</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="validationX">Optional validation inputs, evaluated after each epoch.</param>
    /// <param name="validationY">Targets of <paramref name="validationX"/>; required with it.</param>
    /// <param name="onEpoch">Called after each epoch with its report.</param>
    /// <param name="shuffle">Shuffle the samples (seeded) before each epoch.</param>
    /// <param name="warmStart">Continue from the current weights and optimizer state instead of redrawing them.</param>
    /// <returns>The reports of every epoch (also in <see cref="History"/>).</returns>
    /// <exception cref="ShapeMismatchException">X is not 2-d, has the wrong number of features, or y does not have as many rows.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs or batchSize below 1.</exception>
    /// <exception cref="ArgumentException">A class label outside [0, classes), or validationX without validationY.</exception>
    public IReadOnlyList<EpochReport> Fit(NDArray<T> x, NDArray<T> y, int epochs, int batchSize, Optimizer optimizer,
        NDArray<T>? validationX = null, NDArray<T>? validationY = null, Action<EpochReport>? onEpoch = null,
        bool shuffle = true, bool warmStart = false)
    {
        const string where = Model + ".Fit";
        ArgumentNullException.ThrowIfNull(optimizer);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"{where}: epochs must be at least 1");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{where}: batchSize must be at least 1");
        CheckData(x, y, where, "X", "y");
        if ((validationX is null) != (validationY is null))
            throw new ArgumentException($"{where}: give both validationX and validationY, or neither");
        if (validationX is not null) CheckData(validationX, validationY!, where, "validationX", "validationY");

        var rng = new Rng(Seed);
        if (!warmStart || !_initialized) InitializeFrom(rng);
        _history.Clear();
        int n = (int)x.Shape[0];
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var clock = Stopwatch.StartNew();
        using var step = new TrainingStep(this, x, y, Math.Min(batchSize, n));
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if (shuffle) Shuffle(order, rng);
            double lossSum = 0, gradNorm = 0;
            long correct = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                var (loss, right) = step.Run(order.AsSpan(start, Math.Min(batchSize, n - start)));
                lossSum += loss;
                correct += right;
                gradNorm = optimizer.Step(_parameters);
            }
            FinishEpoch(where, epoch, epochs, lossSum, correct, n, gradNorm, clock.Elapsed, validationX, validationY, onEpoch);
        }
        IsFitted = true;
        return _history.ToArray();
    }

    /// <summary>
    /// The prediction for each row of <paramref name="x"/>: for a classifier the class index (as a number) of the
    /// largest output, shape (samples,); otherwise the network output. Inference mode (no dropout).
    /// </summary>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d or has the wrong number of features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Predict(NDArray<T> x)
    {
        var output = Output(x, "Predict");
        if (!Loss.IsClassification) return output;
        var idx = Labels.ArgMaxRows(output);
        return NDArray.FromArray(idx.Select(T.CreateTruncating).ToArray());
    }

    /// <summary>The predicted class index of each row (classifiers only); the public form is <see cref="PredictLabels"/>.</summary>
    internal int[] PredictClassIndices(NDArray<T> x)
    {
        RequireClassifier("PredictLabels");
        return Labels.ArgMaxRows(Output(x, "PredictLabels"));
    }

    /// <summary>Class probabilities (softmax of the outputs), shape (samples, classes); rows sum to 1 (classifiers only).</summary>
    /// <exception cref="InvalidOperationException">The loss is not a classification loss.</exception>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-d or has the wrong number of features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> PredictProba(NDArray<T> x)
    {
        RequireClassifier("PredictProba");
        return NDArray.Softmax(Output(x, "PredictProba"), -1);
    }

    /// <summary>Mean loss (and accuracy for classifiers) on (<paramref name="x"/>, <paramref name="y"/>), in inference mode.</summary>
    /// <exception cref="NotFittedException">Fit has not been called.</exception>
    /// <exception cref="ShapeMismatchException">Shapes do not fit.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public Evaluation Evaluate(NDArray<T> x, NDArray<T> y)
    {
        if (!IsFitted) throw NotFittedException.For(Model, "Evaluate");
        CheckData(x, y, Model + ".Evaluate", "X", "y");
        return EvaluateCore(x, y);
    }

    private Evaluation EvaluateCore(NDArray<T> x, NDArray<T> y)
    {
        var output = Infer(x);
        double loss = double.CreateTruncating(Loss.Value(output, y));
        double? acc = Loss.IsClassification ? (double)CountCorrect(output, y) / x.Shape[0] : null;
        return new Evaluation(loss, acc);
    }

    private NDArray<T> Output(NDArray<T> x, string method)
    {
        if (!IsFitted) throw NotFittedException.For(Model, method);
        CheckX(x, $"{Model}.{method}", "X");
        return Infer(x);
    }

    /// <summary>The inference-mode forward of Predict, PredictProba, PredictLabels and Evaluate: afterwards every
    /// layer forgets the pass's input and activations (m x width each), so that none stays referenced by the network
    /// (a backward needs a new <see cref="Forward"/>, which still caches them).</summary>
    private NDArray<T> Infer(NDArray<T> x)
    {
        var output = Forward(x, training: false);
        foreach (var l in _layers) l.ForgetActivations();
        return output;
    }

    private void RequireClassifier(string method)
    {
        if (!Loss.IsClassification)
            throw new InvalidOperationException($"{Model}.{method}: the loss {Loss.Name} is not a classification loss; use Predict for the raw outputs");
    }

    private void CheckX(NDArray<T> x, string where, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        Guard.Matrix(x, where);
        if (InputFeatures is int f && x.Shape[1] != f)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: {name} has {x.Shape[1]} features (shape {x.Shape}) but the network takes {f}");
    }

    /// <summary>
    /// The end of one epoch of every Fit: the validation loss and accuracy when a validation set is given, the report
    /// (added to the history and passed to <paramref name="onEpoch"/>), and the stop when the training loss diverged.
    /// </summary>
    private void FinishEpoch(string where, int epoch, int epochs, double lossSum, long correct, long n, double gradNorm,
        TimeSpan elapsed, NDArray<T>? validationX, NDArray<T>? validationY, Action<EpochReport>? onEpoch)
    {
        double? valLoss = null, valAcc = null;
        if (validationX is not null)
        {
            var e = EvaluateCore(validationX, validationY!);
            valLoss = e.Loss;
            valAcc = e.Accuracy;
        }
        var report = new EpochReport(epoch, epochs, lossSum / n, Loss.IsClassification ? (double)correct / n : null,
            valLoss, valAcc, gradNorm, elapsed);
        _history.Add(report);
        onEpoch?.Invoke(report);
        if (!double.IsFinite(report.Loss))
            throw new NonFiniteException($"{where}: the training loss became {report.Loss} in epoch {epoch}; lower the learning rate or set clipNorm");
    }

    private void CheckData(NDArray<T> x, NDArray<T> y, string where, string xName, string yName)
    {
        CheckX(x, where, xName);
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

    private static long CountCorrect(NDArray<T> output, NDArray<T> y)
    {
        var predicted = Labels.ArgMaxRows(output);
        var truth = Labels.Indices(y, (int)output.Shape[1], Model);
        long c = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == truth[i]) c++;
        return c;
    }

    private static void Shuffle(int[] order, Rng rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
