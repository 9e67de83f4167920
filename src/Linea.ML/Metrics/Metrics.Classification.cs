using System.Numerics;

namespace Linea.ML;

/// <summary>Classification metrics with scikit-learn's names and definitions. Labels are 1-D tensors of integers
/// (<c>NDArray&lt;int&gt;</c>, <c>NDArray&lt;long&gt;</c>) or of float values;
/// the classes considered are the sorted union of the values in y_true and y_pred. A ratio with a zero denominator is 0
/// (scikit-learn's <c>zero_division</c> default, without its warning). All cost O(n log k) for n samples and k classes.</summary>
public static partial class Metrics
{
    /// <summary>The fraction of samples whose predicted label equals the true one.</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static double AccuracyScore<T>(NDArray<T> yTrue, NDArray<T> yPred) where T : unmanaged, INumber<T>
    {
        var (t, p) = Pair(yTrue, yPred, "accuracy_score");
        int hits = 0;
        for (int i = 0; i < t.Length; i++) if (t[i] == p[i]) hits++;
        return (double)hits / t.Length;
    }

    /// <summary>The confusion matrix C (k x k): C[i, j] counts samples of true class i predicted as class j, classes in
    /// the ascending order of the union of both arguments' values (returned as <paramref name="labels"/>).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static int[,] ConfusionMatrix<T>(NDArray<T> yTrue, NDArray<T> yPred, out T[] labels) where T : unmanaged, INumber<T>
    {
        var (t, p) = Pair(yTrue, yPred, "confusion_matrix");
        labels = t.Concat(p).Distinct().Order().ToArray();
        var c = new int[labels.Length, labels.Length];
        for (int i = 0; i < t.Length; i++) c[Array.BinarySearch(labels, t[i]), Array.BinarySearch(labels, p[i])]++;
        return c;
    }

    /// <summary>The confusion matrix with classes in ascending order (see the overload with labels).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static int[,] ConfusionMatrix<T>(NDArray<T> yTrue, NDArray<T> yPred) where T : unmanaged, INumber<T> =>
        ConfusionMatrix(yTrue, yPred, out _);

    /// <summary>Per-class precision tp / (tp + fp), recall tp / (tp + fn), F-beta (1 + b^2) P R / (b^2 P + R) and support
    /// (true count), classes ascending (scikit-learn's <c>precision_recall_fscore_support(average=None)</c>).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">beta is not a finite positive number.</exception>
    public static (double[] Precision, double[] Recall, double[] FScore, int[] Support, T[] Labels) PrecisionRecallFScoreSupport<T>(
        NDArray<T> yTrue, NDArray<T> yPred, double beta = 1.0) where T : unmanaged, INumber<T>
    {
        CheckBeta(beta);
        var c = ConfusionMatrix(yTrue, yPred, out var labels);
        int k = labels.Length;
        var (precision, recall, f, support) = (new double[k], new double[k], new double[k], new int[k]);
        for (int a = 0; a < k; a++)
        {
            int tp = c[a, a], predicted = 0, actual = 0;
            for (int b = 0; b < k; b++) { predicted += c[b, a]; actual += c[a, b]; }
            precision[a] = Ratio(tp, predicted);
            recall[a] = Ratio(tp, actual);
            f[a] = FBeta(precision[a], recall[a], beta);
            support[a] = actual;
        }
        return (precision, recall, f, support, labels);
    }

    /// <summary>Precision tp / (tp + fp), combined over classes as <paramref name="average"/> says.</summary>
    /// <param name="yTrue">True labels (n,).</param>
    /// <param name="yPred">Predicted labels (n,).</param>
    /// <param name="average">How classes are combined; Binary scores only <paramref name="posLabel"/>.</param>
    /// <param name="posLabel">The positive class for Binary (default 1).</param>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Binary with more than two classes, or posLabel not among them.</exception>
    public static double PrecisionScore<T>(NDArray<T> yTrue, NDArray<T> yPred, Average average = Average.Binary, double posLabel = 1)
        where T : unmanaged, INumber<T> => Averaged(yTrue, yPred, average, posLabel, 1.0, "precision_score").Precision;

    /// <summary>Recall tp / (tp + fn), combined over classes as <paramref name="average"/> says.</summary>
    /// <param name="yTrue">True labels (n,).</param>
    /// <param name="yPred">Predicted labels (n,).</param>
    /// <param name="average">How classes are combined; Binary scores only <paramref name="posLabel"/>.</param>
    /// <param name="posLabel">The positive class for Binary (default 1).</param>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Binary with more than two classes, or posLabel not among them.</exception>
    public static double RecallScore<T>(NDArray<T> yTrue, NDArray<T> yPred, Average average = Average.Binary, double posLabel = 1)
        where T : unmanaged, INumber<T> => Averaged(yTrue, yPred, average, posLabel, 1.0, "recall_score").Recall;

    /// <summary>F1 = 2 P R / (P + R), combined over classes as <paramref name="average"/> says (macro averages the
    /// per-class F1, as scikit-learn does).</summary>
    /// <param name="yTrue">True labels (n,).</param>
    /// <param name="yPred">Predicted labels (n,).</param>
    /// <param name="average">How classes are combined; Binary scores only <paramref name="posLabel"/>.</param>
    /// <param name="posLabel">The positive class for Binary (default 1).</param>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Binary with more than two classes, or posLabel not among them.</exception>
    public static double F1Score<T>(NDArray<T> yTrue, NDArray<T> yPred, Average average = Average.Binary, double posLabel = 1)
        where T : unmanaged, INumber<T> => Averaged(yTrue, yPred, average, posLabel, 1.0, "f1_score").FScore;

    /// <summary>F-beta = (1 + beta^2) P R / (beta^2 P + R), combined over classes as <paramref name="average"/> says.</summary>
    /// <param name="yTrue">True labels (n,).</param>
    /// <param name="yPred">Predicted labels (n,).</param>
    /// <param name="beta">Weight of recall against precision, &gt; 0.</param>
    /// <param name="average">How classes are combined; Binary scores only <paramref name="posLabel"/>.</param>
    /// <param name="posLabel">The positive class for Binary (default 1).</param>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Binary with more than two classes, or posLabel not among them.</exception>
    /// <exception cref="ArgumentOutOfRangeException">beta is not a finite positive number.</exception>
    public static double FBetaScore<T>(NDArray<T> yTrue, NDArray<T> yPred, double beta, Average average = Average.Binary, double posLabel = 1)
        where T : unmanaged, INumber<T> => Averaged(yTrue, yPred, average, posLabel, beta, "fbeta_score").FScore;

    private static (double Precision, double Recall, double FScore) Averaged<T>(
        NDArray<T> yTrue, NDArray<T> yPred, Average average, double posLabel, double beta, string where) where T : unmanaged, INumber<T>
    {
        CheckBeta(beta);
        var c = ConfusionMatrix(yTrue, yPred, out var labels);
        var (precision, recall, f, support, _) = PrecisionRecallFScoreSupport(yTrue, yPred, beta);
        int k = labels.Length;
        switch (average)
        {
            case Average.Binary:
                if (k > 2)
                    throw new ArgumentException($"{where}: the labels hold {k} classes ({string.Join(", ", labels)}) but average is Binary; choose Micro, Macro or Weighted");
                int pos = Array.IndexOf(labels, T.CreateTruncating(posLabel));
                if (pos < 0)
                {
                    if (k == 2) throw new ArgumentException($"{where}: posLabel {posLabel} is not among the labels {string.Join(", ", labels)}");
                    return (0, 0, 0); // the positive class never occurs: every count is zero
                }
                return (precision[pos], recall[pos], f[pos]);
            case Average.Micro:
                long tp = 0, total = 0;
                for (int a = 0; a < k; a++) tp += c[a, a];
                foreach (int s in support) total += s;
                double micro = Ratio(tp, total); // tp + fp and tp + fn both equal n for single-label data
                return (micro, micro, micro);
            case Average.Macro:
                return (precision.Average(), recall.Average(), f.Average());
            case Average.Weighted:
                double n = support.Sum();
                double Weighted(double[] v) { double s = 0; for (int a = 0; a < k; a++) s += v[a] * support[a]; return n == 0 ? 0 : s / n; }
                return (Weighted(precision), Weighted(recall), Weighted(f));
            default:
                throw new ArgumentOutOfRangeException(nameof(average), average, $"{where}: unknown average");
        }
    }

    /// <summary>The area under the ROC curve of a binary problem (scikit-learn's <c>roc_auc_score</c>): the probability
    /// that a random positive sample (the larger of the two labels) scores above a random negative one, ties counting one
    /// half (the trapezoidal area of the ROC curve). O(n log n).</summary>
    /// <param name="yTrue">True labels (n,) with exactly two distinct values.</param>
    /// <param name="yScore">Scores (n,): probabilities or decision values of the larger label.</param>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">y_true does not hold exactly two classes.</exception>
    public static double RocAucScore<TLabel, T>(NDArray<TLabel> yTrue, NDArray<T> yScore)
        where TLabel : unmanaged, INumber<TLabel> where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (t, s) = Pair(yTrue, yScore, "roc_auc_score");
        var classes = t.Distinct().Order().ToArray();
        if (classes.Length != 2)
            throw new ArgumentException($"roc_auc_score: y_true holds {classes.Length} class(es) ({string.Join(", ", classes)}); the ROC AUC is defined for exactly two", nameof(yTrue));
        // Mann-Whitney U with mid-ranks for ties: AUC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg).
        int n = t.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => s[i]).ToArray();
        double rankSumPos = 0;
        long nPos = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && s[order[end + 1]] == s[order[start]]) end++;
            double midRank = (start + end) / 2.0 + 1;
            for (int r = start; r <= end; r++)
                if (t[order[r]] == classes[1]) { rankSumPos += midRank; nPos++; }
            start = end + 1;
        }
        long nNeg = n - nPos;
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double)nPos * nNeg);
    }

    /// <summary>The mean negative log-likelihood of the true labels under predicted probabilities (scikit-learn 1.2's
    /// <c>log_loss</c>): probabilities are clipped to [eps, 1 - eps] (eps of T) and each row renormalised. O(n k).</summary>
    /// <param name="yTrue">True labels (n,); the classes are their sorted distinct values (at least two).</param>
    /// <param name="yProba">Probabilities (n, k), columns in class order; or (n,) probabilities of the larger of two classes.</param>
    /// <exception cref="ShapeMismatchException">Shapes do not agree, or the arguments are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    /// <exception cref="ArgumentException">y_true has one class only, or k differs from its number of classes.</exception>
    public static double LogLoss<TLabel, T>(NDArray<TLabel> yTrue, NDArray<T> yProba)
        where TLabel : unmanaged, INumber<TLabel> where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string where = "log_loss";
        var t = ClassLabels.Values(yTrue, where, "y_true");
        ArgumentNullException.ThrowIfNull(yProba);
        if (t.Length == 0 || yProba.Rank is not (1 or 2) || yProba.Shape[0] != t.Length)
            throw new ShapeMismatchException(where, [yTrue.Shape, yProba.Shape],
                $"{where}: y_true (n,) and y_proba (n,) or (n, k) must be non-empty with one row per sample; got shapes {yTrue.Shape} and {yProba.Shape}");
        Guard.Finite(yProba, where, "y_proba");
        var (classes, index) = ClassLabels.Encode<TLabel>(t);
        if (classes.Length < 2)
            throw new ArgumentException($"{where}: y_true holds a single class ({classes[0]}); pass at least two classes", nameof(yTrue));
        int n = t.Length, k = yProba.Rank == 1 ? 2 : (int)yProba.Shape[1];
        if (k != classes.Length)
            throw new ArgumentException($"{where}: y_true holds {classes.Length} classes ({string.Join(", ", classes)}) but y_proba has {k} columns", nameof(yProba));
        double eps = double.CreateTruncating(Precision.Eps<T>());
        var p = Array.ConvertAll(yProba.Contiguous().ToArray(), static v => double.CreateTruncating(v));
        double loss = 0;
        var buffer = new double[k];
        for (int i = 0; i < n; i++)
        {
            if (yProba.Rank == 1) { buffer[0] = 1 - p[i]; buffer[1] = p[i]; }
            else Array.Copy(p, i * k, buffer, 0, k);
            double sum = 0;
            for (int a = 0; a < k; a++) { buffer[a] = Math.Clamp(buffer[a], eps, 1 - eps); sum += buffer[a]; }
            loss -= Math.Log(buffer[index[i]] / sum);
        }
        return loss / n;
    }

    private static (TA[] True, TB[] Pred) Pair<TA, TB>(NDArray<TA> yTrue, NDArray<TB> yPred, string where)
        where TA : unmanaged, INumber<TA> where TB : unmanaged, INumber<TB>
    {
        ArgumentNullException.ThrowIfNull(yTrue);
        ArgumentNullException.ThrowIfNull(yPred);
        if (yTrue.Rank != 1 || yPred.Rank != 1 || yTrue.Shape[0] != yPred.Shape[0] || yTrue.Shape[0] == 0)
            throw new ShapeMismatchException(where, [yTrue.Shape, yPred.Shape],
                $"{where}: y_true and y_pred must be non-empty 1-D arrays of one length; got shapes {yTrue.Shape} and {yPred.Shape}");
        return (ClassLabels.Values(yTrue, where, "y_true"), ClassLabels.Values(yPred, where, "y_pred"));
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static double FBeta(double p, double r, double beta)
    {
        double b2 = beta * beta, d = b2 * p + r;
        return d == 0 ? 0 : (1 + b2) * p * r / d;
    }

    private static void CheckBeta(double beta)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "fbeta_score: beta must be a finite number > 0");
    }
}
