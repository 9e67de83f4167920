using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Exhaustive search over a parameter grid by cross-validation (scikit-learn's <c>GridSearchCV</c>): every combination of
/// the listed values (keys in ordinal order, the last varying fastest, as scikit-learn's <c>ParameterGrid</c>) is
/// scored by k-fold cross-validation on fresh clones of the estimator; the best mean score wins (the first on ties), and
/// with refit the best parameters are refitted on all the data, to which Predict, PredictProba and Score then delegate.
/// Costs (#combinations x folds + 1) fits. Parameters of pipeline steps are named <c>step__parameter</c>.
/// <code>
/// var search = new GridSearchCV&lt;double&gt;(pipeline, new Dictionary&lt;string, object?[]&gt; { ["clf__c"] = [0.1, 1.0, 10.0] });
/// search.Fit(X, y);  var best = search.BestParams;  double cvScore = search.BestScore;
/// </code>
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class GridSearchCV<T> : IEstimator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "GridSearchCV";
    private readonly KeyValuePair<string, object?[]>[] _grid;
    private IEstimator<T>? _best;
    private GridSearchResult[]? _results;
    private int _bestIndex = -1;

    /// <summary>Configures the search.</summary>
    /// <param name="estimator">The unfitted template; only its clones are fitted.</param>
    /// <param name="paramGrid">Parameter name to the values to try (at least one value each).</param>
    /// <param name="cv">Number of folds (default 5): stratified for classifiers, as <see cref="ModelSelection.CrossValScore{T}(IEstimator{T}, NDArray{T}, NDArray{T}, int, Scorer{T}?)"/>.</param>
    /// <param name="scoring">The scorer (see <see cref="Scoring"/>); null uses the estimator's Score.</param>
    /// <param name="refit">Refit the best parameters on all the data (default true).</param>
    /// <exception cref="ArgumentException">The grid is empty or a parameter has no values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">cv &lt; 2.</exception>
    public GridSearchCV(IEstimator<T> estimator, IReadOnlyDictionary<string, object?[]> paramGrid, int cv = 5, Scorer<T>? scoring = null, bool refit = true)
        : this(estimator, paramGrid, ModelSelection.DefaultCv(estimator ?? throw new ArgumentNullException(nameof(estimator)), cv), scoring, refit) { }

    /// <summary>Configures the search with any splitter.</summary>
    /// <param name="estimator">The unfitted template; only its clones are fitted.</param>
    /// <param name="paramGrid">Parameter name to the values to try (at least one value each).</param>
    /// <param name="cv">The splitter.</param>
    /// <param name="scoring">The scorer; null uses the estimator's Score.</param>
    /// <param name="refit">Refit the best parameters on all the data (default true).</param>
    /// <exception cref="ArgumentException">The grid is empty or a parameter has no values.</exception>
    public GridSearchCV(IEstimator<T> estimator, IReadOnlyDictionary<string, object?[]> paramGrid, ICrossValidator cv, Scorer<T>? scoring = null, bool refit = true)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(paramGrid);
        ArgumentNullException.ThrowIfNull(cv);
        if (paramGrid.Count == 0) throw new ArgumentException($"{Model}: the parameter grid is empty", nameof(paramGrid));
        foreach (var (name, values) in paramGrid)
            if (values is null || values.Length == 0) throw new ArgumentException($"{Model}: parameter '{name}' has no values to try", nameof(paramGrid));
        Estimator = estimator;
        _grid = paramGrid.OrderBy(static kv => kv.Key, StringComparer.Ordinal).Select(static kv => KeyValuePair.Create(kv.Key, (object?[])kv.Value.Clone())).ToArray();
        Cv = cv;
        Scoring = scoring;
        Refit = refit;
    }

    /// <summary>The template estimator.</summary>
    public IEstimator<T> Estimator { get; }

    /// <summary>The splitter.</summary>
    public ICrossValidator Cv { get; }

    /// <summary>The scorer (null: the estimator's Score).</summary>
    public Scorer<T>? Scoring { get; }

    /// <summary>Whether the best parameters are refitted on all the data.</summary>
    public bool Refit { get; }

    /// <summary>Whether Fit has run (and, with refit, the best estimator is fitted).</summary>
    public bool IsFitted => _results is not null;

    /// <summary>Every candidate in grid order with its fold scores, mean, standard deviation and rank.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public IReadOnlyList<GridSearchResult> CvResults => _results ?? throw NotFittedException.For(Model, nameof(CvResults));

    /// <summary>Index of the best candidate in <see cref="CvResults"/>.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public int BestIndex => _results is null ? throw NotFittedException.For(Model, nameof(BestIndex)) : _bestIndex;

    /// <summary>The best candidate's parameters.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public IReadOnlyDictionary<string, object?> BestParams => CvResults[_bestIndex].Params;

    /// <summary>The best mean cross-validated score.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public double BestScore => CvResults[_bestIndex].MeanTestScore;

    /// <summary>The best parameters refitted on all the data (scikit-learn's <c>best_estimator_</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run, or refit is false.</exception>
    public IEstimator<T> BestEstimator => _best ?? throw NotFittedException.For(Model, nameof(BestEstimator) + (Refit ? "" : " (refit is false)"));

    /// <summary>Runs the search on (X, y) and refits the best. Returns this search.</summary>
    /// <exception cref="ArgumentNullException">y is null.</exception>
    /// <exception cref="ArgumentException">A grid name is not a parameter of the estimator, or too few samples for the folds.</exception>
    /// <exception cref="ShapeMismatchException">X and y differ in samples.</exception>
    public GridSearchCV<T> Fit(NDArray<T> x, NDArray<T>? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (y is null) throw new ArgumentNullException(nameof(y), $"{Model}.Fit: y is required");
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException(Model + ".Fit", [x.Shape, y.Shape], $"{Model}.Fit: X of shape {x.Shape} and y of shape {y.Shape} need the same number of rows");
        var folds = Cv.Split(x, y);
        var scorer = Scoring ?? Linea.ML.Scoring.Get<T>(null);
        var candidates = Candidates();
        var rows = new (IReadOnlyDictionary<string, object?> Params, double[] Scores, double Mean, double Std)[candidates.Count];
        for (int c = 0; c < candidates.Count; c++)
        {
            var scores = folds.Select(f => ModelSelection.FitAndScore(Estimator, candidates[c], x, y, f, scorer)).ToArray();
            double mean = scores.Average();
            double std = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Average());
            rows[c] = (candidates[c], scores, mean, std);
        }
        // NaN scores rank last; equal means share the smaller rank (scipy's rankdata method "min").
        double Key(double m) => double.IsNaN(m) ? double.NegativeInfinity : m;
        _results = rows.Select(r => new GridSearchResult(r.Params, r.Scores, r.Mean, r.Std, 1 + rows.Count(o => Key(o.Mean) > Key(r.Mean)))).ToArray();
        _bestIndex = Array.FindIndex(_results, static r => r.Rank == 1);
        _best = null;
        if (Refit)
        {
            var best = (IEstimator<T>)Estimator.Clone(candidates[_bestIndex]);
            best.Fit(x, y);
            _best = best;
        }
        return this;
    }

    /// <summary>The best estimator's predictions.</summary>
    /// <exception cref="NotFittedException">Fit has not run, or refit is false.</exception>
    public NDArray<T> Predict(NDArray<T> x) => BestEstimator.Predict(x);

    /// <summary>The best estimator's class probabilities.</summary>
    /// <exception cref="NotFittedException">Fit has not run, or refit is false.</exception>
    /// <exception cref="InvalidOperationException">The estimator gives no probabilities.</exception>
    public NDArray<T> PredictProba(NDArray<T> x) => Estimators.PredictProba(BestEstimator, x, Model + ".PredictProba");

    /// <summary>The scorer (or the best estimator's Score) on (X, y).</summary>
    /// <exception cref="NotFittedException">Fit has not run, or refit is false.</exception>
    public T Score(NDArray<T> x, NDArray<T> y) => Scoring is null ? BestEstimator.Score(x, y) : T.CreateTruncating(Scoring(BestEstimator, x, y));

    /// <summary>The search's own parameters: <c>refit</c>, and the grid's names with their values joined by '|'.</summary>
    public IReadOnlyDictionary<string, object?> GetParams()
    {
        var p = new Dictionary<string, object?>(StringComparer.Ordinal) { ["refit"] = Refit };
        foreach (var (name, values) in _grid) p["grid:" + name] = string.Join('|', values.Select(ModelParams.Format));
        return p;
    }

    /// <summary>A new, unfitted search over an unfitted clone of the estimator, with the same grid, splitter and scorer;
    /// <paramref name="parameters"/> may set <c>refit</c>.</summary>
    /// <exception cref="ArgumentException">Another name is given.</exception>
    IModel<T> IModel<T>.Clone(IReadOnlyDictionary<string, object?>? parameters)
    {
        var p = ModelParams.Merge(Model, new Dictionary<string, object?> { ["refit"] = Refit }, parameters);
        return new GridSearchCV<T>((IEstimator<T>)Estimator.Clone(), _grid.ToDictionary(static kv => kv.Key, static kv => kv.Value), Cv, Scoring, p.Bool("refit"));
    }

    /// <inheritdoc />
    IEstimator<T> IEstimator<T>.Fit(NDArray<T> x, NDArray<T>? y) => Fit(x, y);

    private List<IReadOnlyDictionary<string, object?>> Candidates()
    {
        var result = new List<IReadOnlyDictionary<string, object?>>();
        var choice = new int[_grid.Length];
        while (true)
        {
            var candidate = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int g = 0; g < _grid.Length; g++) candidate[_grid[g].Key] = _grid[g].Value[choice[g]];
            result.Add(candidate);
            int at = _grid.Length - 1;
            while (at >= 0 && ++choice[at] == _grid[at].Value.Length) choice[at--] = 0;
            if (at < 0) return result;
        }
    }
}
