using System.Numerics;
using Linea.ML.NeuralNet;

namespace Linea.ML;

/// <summary>scikit-learn's <c>model_selection</c> functions: a seeded (optionally stratified) train/test split and
/// k-fold cross-validated scores.</summary>
public static class ModelSelection
{
    /// <summary>
    /// Splits (X, y) into train and test parts (scikit-learn's <c>train_test_split</c>): n_test = ceil(testSize n) samples
    /// go to the test part. Shuffled by a seeded generator (the same seed gives the same split); without shuffling the
    /// last n_test rows are the test part. With <paramref name="stratify"/> (class labels, usually y) each class
    /// contributes its share of n_test, rounded by largest remainder, so class proportions agree within one sample.
    /// O(n p) time and memory (the parts are copies).
    /// </summary>
    /// <param name="x">Samples (n x ...), rows split.</param>
    /// <param name="y">Targets (n, ...), rows split alongside X.</param>
    /// <param name="testSize">Fraction of samples in the test part, strictly between 0 and 1 (default 0.25).</param>
    /// <param name="seed">Seed of the shuffle (&gt;= 0); null draws a fresh one.</param>
    /// <param name="shuffle">Shuffle before splitting (default true; must be true with stratify).</param>
    /// <param name="stratify">Class labels (n,) whose proportions both parts keep; null for none.</param>
    /// <returns>(XTrain, XTest, YTrain, YTest).</returns>
    /// <exception cref="ArgumentOutOfRangeException">testSize outside (0, 1), or a negative seed.</exception>
    /// <exception cref="ShapeMismatchException">X, y and stratify differ in samples.</exception>
    /// <exception cref="ArgumentException">A part would be empty; stratify without shuffle; a class with fewer than two
    /// members; fewer test or train samples than classes.</exception>
    public static (NDArray<T> XTrain, NDArray<T> XTest, NDArray<T> YTrain, NDArray<T> YTest) TrainTestSplit<T>(
        NDArray<T> x, NDArray<T> y, double testSize = 0.25, int? seed = null, bool shuffle = true, NDArray<T>? stratify = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var (train, test) = SplitIndices(x, y.Shape, testSize, seed, shuffle, stratify);
        return (Rows.Take(x, train), Rows.Take(x, test), Rows.Take(y, train), Rows.Take(y, test));
    }

    /// <summary>
    /// Splits X and integer class labels y (samples,) into train and test parts, as the float overload; with
    /// <paramref name="stratify"/> (usually y itself) each class keeps its proportion in both parts. O(n p) time and memory.
    /// </summary>
    /// <exception cref="ArgumentNullException">x or y is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">testSize is not in (0, 1).</exception>
    /// <exception cref="ShapeMismatchException">X, y and stratify differ in samples, or y is not 1-D.</exception>
    /// <exception cref="ArgumentException">A part would be empty; stratify without shuffle; a class with fewer than two
    /// members, or more classes than a part can hold.</exception>
    public static (NDArray<T> XTrain, NDArray<T> XTest, NDArray<long> YTrain, NDArray<long> YTest) TrainTestSplit<T>(
        NDArray<T> x, NDArray<long> y, double testSize = 0.25, int? seed = null, bool shuffle = true, NDArray<long>? stratify = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Rank != 1)
            throw new ShapeMismatchException("train_test_split", [y.Shape], $"train_test_split: integer y must be 1-D (samples,) of class labels; got shape {y.Shape}");
        var (train, test) = SplitIndices(x, y.Shape, testSize, seed, shuffle, stratify);
        return (Rows.Take(x, train), Rows.Take(x, test), y[LongIndex(train)], y[LongIndex(test)]);
    }

    private static NDArray<long> LongIndex(int[] rows) => NDArray.FromArray(Array.ConvertAll(rows, static r => (long)r));

    private static (int[] Train, int[] Test) SplitIndices<T, TLabel>(NDArray<T> x, Shape yShape, double testSize, int? seed, bool shuffle, NDArray<TLabel>? stratify)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TLabel : unmanaged, INumber<TLabel>
    {
        const string where = "train_test_split";
        if (!(testSize > 0 && testSize < 1))
            throw new ArgumentOutOfRangeException(nameof(testSize), testSize, $"{where}: testSize must be strictly between 0 and 1");
        if (x.Rank == 0 || yShape.Rank == 0 || x.Shape[0] != yShape[0])
            throw new ShapeMismatchException(where, [x.Shape, yShape], $"{where}: X of shape {x.Shape} and y of shape {yShape} need the same number of rows");
        int n = (int)x.Shape[0];
        int nTest = (int)Math.Ceiling(testSize * n), nTrain = n - nTest;
        if (nTest == 0 || nTrain == 0)
            throw new ArgumentException($"{where}: with {n} samples and testSize {testSize} the {(nTrain == 0 ? "train" : "test")} part would be empty", nameof(testSize));
        int[] train, test;
        if (stratify is not null)
        {
            if (!shuffle) throw new ArgumentException($"{where}: stratified splitting requires shuffle = true (as scikit-learn)", nameof(shuffle));
            if (stratify.Rank != 1 || stratify.Shape[0] != n)
                throw new ShapeMismatchException(where, [x.Shape, stratify.Shape], $"{where}: stratify must be 1-D with one label per sample; got shape {stratify.Shape} for X of shape {x.Shape}");
            (train, test) = StratifiedSplit(ClassLabels.Values(stratify, where, "stratify"), nTest, Guard.Rng(seed, where));
        }
        else if (shuffle)
        {
            var perm = Guard.Rng(seed, where).Permutation(n);
            (test, train) = (perm[..nTest], perm[nTest..]);
        }
        else (train, test) = (Enumerable.Range(0, nTrain).ToArray(), Enumerable.Range(nTrain, nTest).ToArray());
        return (train, test);
    }

    private static (int[] Train, int[] Test) StratifiedSplit<T>(T[] labels, int nTest, Rng rng) where T : unmanaged, INumber<T>
    {
        const string where = "train_test_split";
        var (classes, index) = ClassLabels.Encode<T>(labels);
        int n = labels.Length, k = classes.Length;
        var members = Enumerable.Range(0, k).Select(c => new List<int>()).ToArray();
        for (int i = 0; i < n; i++) members[index[i]].Add(i);
        var small = Enumerable.Range(0, k).Where(c => members[c].Count < 2).ToArray();
        if (small.Length > 0)
            throw new ArgumentException($"{where}: class {classes[small[0]]} has only {members[small[0]].Count} member; stratifying needs at least 2 per class", "stratify");
        if (nTest < k || n - nTest < k)
            throw new ArgumentException($"{where}: the test part ({nTest}) and train part ({n - nTest}) must each hold at least one sample of each of the {k} classes", "testSize");
        // Largest-remainder allocation of nTest over the classes, ties to the earlier class.
        var quota = new int[k];
        var remainder = new double[k];
        for (int c = 0; c < k; c++)
        {
            double exact = (double)nTest * members[c].Count / n;
            quota[c] = (int)Math.Floor(exact);
            remainder[c] = exact - quota[c];
        }
        foreach (int c in Enumerable.Range(0, k).OrderByDescending(c => remainder[c]).Take(nTest - quota.Sum())) quota[c]++;
        var test = new List<int>(nTest);
        var train = new List<int>(n - nTest);
        for (int c = 0; c < k; c++)
        {
            var idx = members[c].ToArray();
            Folds.ShuffleInPlace(idx, rng);
            test.AddRange(idx[..quota[c]]);
            train.AddRange(idx[quota[c]..]);
        }
        var testArray = test.ToArray();
        var trainArray = train.ToArray();
        Folds.ShuffleInPlace(testArray, rng);
        Folds.ShuffleInPlace(trainArray, rng);
        return (trainArray, testArray);
    }

    /// <summary>
    /// The score of a fresh clone of <paramref name="estimator"/> on each test fold after fitting on the other folds
    /// (scikit-learn's <c>cross_val_score</c>). An int cv means <see cref="StratifiedKFold"/> for classifiers and
    /// <see cref="KFold"/> otherwise, both unshuffled, as scikit-learn. The estimator passed in is not fitted.
    /// Costs NSplits fits.
    /// </summary>
    /// <param name="estimator">The unfitted template (its parameters are used; it is not modified).</param>
    /// <param name="x">Samples (n x p).</param>
    /// <param name="y">Targets (n,).</param>
    /// <param name="cv">Number of folds (default 5).</param>
    /// <param name="scoring">Scorer; null uses the estimator's Score (see <see cref="Scoring"/>).</param>
    /// <returns>One score per fold.</returns>
    /// <exception cref="ArgumentException">Too few samples for the folds.</exception>
    /// <exception cref="ShapeMismatchException">X and y differ in samples.</exception>
    public static double[] CrossValScore<T>(IEstimator<T> estimator, NDArray<T> x, NDArray<T> y, int cv = 5, Scorer<T>? scoring = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return CrossValScore(estimator, x, y, DefaultCv(estimator, cv), scoring);
    }

    /// <summary>As the overload with an int, with any splitter.</summary>
    /// <param name="estimator">The unfitted template (its parameters are used; it is not modified).</param>
    /// <param name="x">Samples (n x p).</param>
    /// <param name="y">Targets (n,).</param>
    /// <param name="cv">The splitter.</param>
    /// <param name="scoring">Scorer; null uses the estimator's Score.</param>
    /// <returns>One score per fold.</returns>
    /// <exception cref="ArgumentException">Too few samples for the folds.</exception>
    /// <exception cref="ShapeMismatchException">X and y differ in samples.</exception>
    public static double[] CrossValScore<T>(IEstimator<T> estimator, NDArray<T> x, NDArray<T> y, ICrossValidator cv, Scorer<T>? scoring = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(cv);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
            throw new ShapeMismatchException("cross_val_score", [x.Shape, y.Shape], $"cross_val_score: X of shape {x.Shape} and y of shape {y.Shape} need the same number of rows");
        return cv.Split(x, y).Select(fold => FitAndScore(estimator, null, x, y, fold, scoring ?? Scoring.Get<T>(null))).ToArray();
    }

    /// <summary>Fits a clone with <paramref name="parameters"/> on the train fold and scores it on the test fold.</summary>
    internal static double FitAndScore<T>(IEstimator<T> template, IReadOnlyDictionary<string, object?>? parameters,
        NDArray<T> x, NDArray<T> y, (int[] Train, int[] Test) fold, Scorer<T> scoring) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = (IEstimator<T>)template.Clone(parameters);
        model.Fit(Rows.Take(x, fold.Train), Rows.Take(y, fold.Train));
        return scoring(model, Rows.Take(x, fold.Test), Rows.Take(y, fold.Test));
    }

    /// <summary>StratifiedKFold(cv) for classifiers, KFold(cv) otherwise.</summary>
    internal static ICrossValidator DefaultCv<T>(IModel<T> estimator, int cv) where T : unmanaged, IFloatingPointIeee754<T> =>
        Estimators.IsClassifier(estimator) ? new StratifiedKFold(cv) : new KFold(cv);
}
