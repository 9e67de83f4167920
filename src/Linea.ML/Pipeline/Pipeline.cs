using System.Numerics;

namespace Linea.ML;

/// <summary>
/// A chain of named steps, transformers then a final estimator or transformer (scikit-learn's <c>Pipeline</c>): Fit
/// fits each transformer on the output of the previous ones and then the final step; Predict, PredictProba, Score and
/// Transform pass new data through the fitted transformers first, so preprocessing learnt on training folds is never
/// refitted on test data. Parameters of the steps are addressed as <c>step__parameter</c> (e.g. <c>clf__C</c>).
/// <code>
/// var model = new Pipeline&lt;double&gt;(("scale", new StandardScaler&lt;double&gt;()), ("clf", new LogisticRegression&lt;double&gt;()));
/// model.Fit(xTrain, yTrain);  var accuracy = model.Score(xTest, yTest);
/// </code>
/// Memory: the pipeline holds its steps (each holding what its own documentation says). Fit, Predict and Transform
/// allocate each transformer's output (n x p_i) as the next step's input; it is dropped once that step has run.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class Pipeline<T> : IEstimator<T>, ITransformer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "Pipeline";
    private readonly (string Name, IModel<T> Step)[] _steps;

    /// <summary>Creates the pipeline from its steps, in order.</summary>
    /// <param name="steps">(name, model) pairs: names distinct, non-empty and without "__"; every step but the last an
    /// <see cref="ITransformer{T}"/>; the last an <see cref="IEstimator{T}"/> or <see cref="ITransformer{T}"/>.</param>
    /// <exception cref="ArgumentException">No steps, a bad or repeated name, or a step of the wrong kind.</exception>
    public Pipeline(params (string Name, IModel<T> Step)[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0) throw new ArgumentException($"{Model}: at least one step is needed", nameof(steps));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < steps.Length; i++)
        {
            var (name, step) = steps[i];
            if (string.IsNullOrEmpty(name) || name.Contains("__", StringComparison.Ordinal))
                throw new ArgumentException($"{Model}: step {i} has the name '{name}'; names must be non-empty and must not contain '__'", nameof(steps));
            if (!seen.Add(name)) throw new ArgumentException($"{Model}: the step name '{name}' is used twice", nameof(steps));
            ArgumentNullException.ThrowIfNull(step, $"{nameof(steps)}[{i}]");
            if (i < steps.Length - 1 && step is not ITransformer<T>)
                throw new ArgumentException($"{Model}: step '{name}' ({step.GetType().Name}) is not a transformer; every step but the last must transform X", nameof(steps));
            if (i == steps.Length - 1 && step is not (IEstimator<T> or ITransformer<T>))
                throw new ArgumentException($"{Model}: the last step '{name}' ({step.GetType().Name}) is neither an estimator nor a transformer", nameof(steps));
        }
        _steps = (((string, IModel<T>)[])steps.Clone());
    }

    /// <summary>The steps in order (the model objects themselves, fitted in place by Fit).</summary>
    public IReadOnlyList<(string Name, IModel<T> Step)> Steps => _steps;

    /// <summary>The step called <paramref name="name"/> (scikit-learn's <c>named_steps</c>).</summary>
    /// <exception cref="KeyNotFoundException">No step has that name.</exception>
    public IModel<T> this[string name] =>
        _steps.FirstOrDefault(s => s.Name == name).Step ?? throw new KeyNotFoundException($"{Model}: no step is called '{name}'; the steps are {string.Join(", ", _steps.Select(static s => s.Name))}");

    /// <summary>The last step.</summary>
    public IModel<T> FinalStep => _steps[^1].Step;

    /// <inheritdoc />
    public bool IsFitted => _steps.All(static s => s.Step.IsFitted);

    /// <summary>Fits the transformers in order, each on the previous one's output, then the final step on the result.
    /// Returns this pipeline.</summary>
    /// <exception cref="ShapeMismatchException">X or y does not fit a step.</exception>
    /// <exception cref="ArgumentNullException">The final estimator is supervised and y is null.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public Pipeline<T> Fit(NDArray<T> x, NDArray<T>? y)
    {
        var xt = FitTransformers(x, y);
        switch (FinalStep)
        {
            case IEstimator<T> e: e.Fit(xt, y); break;
            case ITransformer<T> t: t.Fit(xt, y); break;
        }
        return this;
    }

    /// <summary>The final estimator's predictions for X passed through the fitted transformers: shape (m,).</summary>
    /// <exception cref="NotFittedException">A step is not fitted.</exception>
    /// <exception cref="InvalidOperationException">The last step is not an estimator.</exception>
    /// <exception cref="ShapeMismatchException">X does not fit the first step.</exception>
    public NDArray<T> Predict(NDArray<T> x) => FinalEstimator(nameof(Predict)).Predict(TransformThrough(x));

    /// <summary>Class probabilities of the final classifier for X passed through the transformers: shape (m, k).</summary>
    /// <exception cref="NotFittedException">A step is not fitted.</exception>
    /// <exception cref="InvalidOperationException">The last step is not an <see cref="IClassifier{T}"/>.</exception>
    /// <exception cref="ShapeMismatchException">X does not fit the first step.</exception>
    public NDArray<T> PredictProba(NDArray<T> x) => FinalStep is IClassifier<T> c
        ? c.PredictProba(TransformThrough(x))
        : throw new InvalidOperationException($"{Model}.PredictProba: the last step '{_steps[^1].Name}' ({FinalStep.GetType().Name}) is not a classifier");

    /// <summary>The final estimator's score on X passed through the transformers and y.</summary>
    /// <exception cref="NotFittedException">A step is not fitted.</exception>
    /// <exception cref="InvalidOperationException">The last step is not an estimator.</exception>
    /// <exception cref="ShapeMismatchException">X or y does not fit.</exception>
    public T Score(NDArray<T> x, NDArray<T> y) => FinalEstimator(nameof(Score)).Score(TransformThrough(x), y);

    /// <summary>X passed through every step; the last must be a transformer.</summary>
    /// <exception cref="NotFittedException">A step is not fitted.</exception>
    /// <exception cref="InvalidOperationException">The last step is not a transformer.</exception>
    /// <exception cref="ShapeMismatchException">X does not fit the first step.</exception>
    public NDArray<T> Transform(NDArray<T> x) => FinalTransformer(nameof(Transform)).Transform(TransformThrough(x));

    /// <summary>Fit followed by Transform of X; the last step must be a transformer.</summary>
    /// <exception cref="InvalidOperationException">The last step is not a transformer.</exception>
    /// <exception cref="ShapeMismatchException">X or y does not fit a step.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null)
    {
        var last = FinalTransformer(nameof(FitTransform));
        return last.FitTransform(FitTransformers(x, y), y);
    }

    /// <summary>Every step's parameters as <c>step__parameter</c>.</summary>
    public IReadOnlyDictionary<string, object?> GetParams()
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, step) in _steps)
            foreach (var (key, value) in step.GetParams()) all[$"{name}__{key}"] = value;
        return all;
    }

    /// <summary>A new pipeline of unfitted clones of the steps, with <c>step__parameter</c> overrides routed to the steps.</summary>
    /// <exception cref="ArgumentException">A key does not name a step and one of its parameters.</exception>
    public Pipeline<T> Clone(IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var perStep = _steps.ToDictionary(static s => s.Name, static _ => new Dictionary<string, object?>(StringComparer.Ordinal), StringComparer.Ordinal);
        if (parameters is not null)
            foreach (var (key, value) in parameters)
            {
                int cut = key.IndexOf("__", StringComparison.Ordinal);
                if (cut <= 0 || !perStep.TryGetValue(key[..cut], out var target))
                    throw new ArgumentException(
                        $"{Model}: '{key}' does not address a step; use step__parameter with a step among {string.Join(", ", _steps.Select(static s => s.Name))}", nameof(parameters));
                target[key[(cut + 2)..]] = value;
            }
        return new Pipeline<T>(_steps.Select(s => (s.Name, s.Step.Clone(perStep[s.Name]))).ToArray());
    }

    /// <inheritdoc />
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters) => Clone(parameters);

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);

    /// <inheritdoc />
    ITransformer<T> ITransformer<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);

    private NDArray<T> FitTransformers(NDArray<T> x, NDArray<T>? y)
    {
        var xt = x;
        for (int i = 0; i < _steps.Length - 1; i++) xt = ((ITransformer<T>)_steps[i].Step).FitTransform(xt, y);
        return xt;
    }

    private NDArray<T> TransformThrough(NDArray<T> x)
    {
        var xt = x;
        for (int i = 0; i < _steps.Length - 1; i++) xt = ((ITransformer<T>)_steps[i].Step).Transform(xt);
        return xt;
    }

    private IEstimator<T> FinalEstimator(string member) => FinalStep as IEstimator<T>
        ?? throw new InvalidOperationException($"{Model}.{member}: the last step '{_steps[^1].Name}' ({FinalStep.GetType().Name}) is not an estimator");

    private ITransformer<T> FinalTransformer(string member) => FinalStep as ITransformer<T>
        ?? throw new InvalidOperationException($"{Model}.{member}: the last step '{_steps[^1].Name}' ({FinalStep.GetType().Name}) is not a transformer");
}
