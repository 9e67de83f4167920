using System.Numerics;

namespace Linea.ML;

/// <summary>
/// Logistic regression with an L2 penalty (scikit-learn's <c>LogisticRegression</c> with <c>penalty="l2"</c>): minimises
/// C sum_i CE_i + ||W||^2 / 2, the intercepts unpenalised, by Newton's method with a backtracking line search. With two
/// classes it fits one score z = X w + b and P(class 1) = sigmoid(z) (coefficients of shape (1, p), as scikit-learn);
/// with k &gt; 2 classes it fits the multinomial (softmax) model with one row of W per class (k, p), the intercepts
/// summing to zero. A Newton step that forms and factors the Hessian costs O(m^2 n p^2 + (m p)^3) for m = 1 or k score
/// columns; the others solve by conjugate gradients preconditioned with the last factored Hessian, a few O(n p m)
/// Hessian-vector products each, so a fit forms the Hessian two or three times; a handful of steps reach rounding
/// level, so this suits up to a few hundred features times classes.
/// </summary>
/// <remarks>A fit that runs out of iterations is kept but reports <see cref="Converged"/> false and a
/// <see cref="Warning"/> (scikit-learn's ConvergenceWarning). Labels are any distinct finite values (0, 1, 2, ... or
/// -1, 1), held in a 1-D float tensor; <see cref="Classes"/> lists them ascending.
/// <para>Memory: the model holds the m x p coefficients, m intercepts and the classes. Fitting reads a C-contiguous
/// float64 X in place (any other X: one n x p double copy; a strided float32 X also a contiguous float32 copy first) and
/// allocates once per fit the (m (p + 1))^2 Hessian (factored in place), 2 n m probabilities (the second also the
/// conjugate gradients' scratch), and per thread a row block of about 64 Ki doubles and the class pairs' partial
/// blocks for the Hessian pass; the Newton steps reuse them (no weighted or augmented copy of X). A warm fit of
/// 20,000 x 40 with 5 classes allocates 4.4 MB (92.3 MB before, 2026-12-07): the probabilities 1.6, the Hessian
/// pass's blocks 1.1 (two threads), the Hessian 0.3, the labels 0.4.</para></remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed partial class LogisticRegression<T> : IClassifier<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Model = "LogisticRegression";
    private NDArray<T>? _coef, _intercept, _classes;

    /// <summary>Configures the model.</summary>
    /// <param name="c">Inverse regularisation strength C &gt; 0 (default 1, as scikit-learn): larger C, weaker penalty.</param>
    /// <param name="fitIntercept">Fit unpenalised intercepts (default).</param>
    /// <param name="maxIter">Maximum Newton steps (default 100).</param>
    /// <param name="tol">Stop when the largest gradient entry of sum CE + ||W||^2 / (2 C) is at most tol (default 1e-4,
    /// scikit-learn's). Newton converges quadratically, so a smaller tol costs one or two more steps.</param>
    /// <exception cref="ArgumentOutOfRangeException">c is not a finite positive number, maxIter &lt; 1, or tol is negative or not finite.</exception>
    public LogisticRegression(double c = 1.0, bool fitIntercept = true, int maxIter = 100, double tol = 1e-4)
    {
        if (!(c > 0) || double.IsInfinity(c))
            throw new ArgumentOutOfRangeException(nameof(c), c, $"{Model}: C must be a finite number > 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIter, 1);
        if (!(tol >= 0) || double.IsInfinity(tol))
            throw new ArgumentOutOfRangeException(nameof(tol), tol, $"{Model}: tol must be a finite number >= 0");
        C = c;
        FitIntercept = fitIntercept;
        MaxIter = maxIter;
        Tol = tol;
    }

    /// <summary>Inverse regularisation strength.</summary>
    public double C { get; }

    /// <summary>Whether intercepts are fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>Maximum Newton steps.</summary>
    public int MaxIter { get; }

    /// <summary>Gradient tolerance of the stopping rule.</summary>
    public double Tol { get; }

    /// <inheritdoc />
    public bool IsFitted => _coef is not null;

    /// <summary>The weights, shape (1, p) for two classes (those of class <c>Classes[1]</c>) or (k, p) (scikit-learn's <c>coef_</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Coefficients => _coef ?? throw NotFittedException.For(Model, nameof(Coefficients));

    /// <summary>The intercepts, shape (1,) or (k,) (zeros without intercept).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Intercept => _intercept ?? throw NotFittedException.For(Model, nameof(Intercept));

    /// <inheritdoc />
    public NDArray<T> Classes => _classes ?? throw NotFittedException.For(Model, nameof(Classes));

    /// <summary>The number of features p seen at Fit.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public int NFeatures => (int)Coefficients.Shape[1];

    /// <summary>Newton steps taken by the last Fit (scikit-learn's <c>n_iter_</c>).</summary>
    public int NIter { get; private set; }

    /// <summary>Whether the last Fit met the tolerance.</summary>
    public bool Converged { get; private set; }

    /// <summary>Null after a converged fit; otherwise what happened and what to try.</summary>
    public string? Warning { get; private set; }

    /// <summary>Fits the model to X (n x p) and labels y (n,) with at least two distinct values. Returns this model.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D, y is not 1-D, or they have different numbers of samples.</exception>
    /// <exception cref="ArgumentException">X has no samples, or y has fewer than two classes.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public LogisticRegression<T> Fit(NDArray<T> x, NDArray<T> y)
    {
        string where = Model + ".Fit";
        Guard.Matrix(x, where);
        Guard.SameSamples(x, y, where);
        var (classes, index) = ClassLabels.Encode<T>(ClassLabels.Values(y, where));
        if (classes.Length < 2)
            throw new ArgumentException($"{where}: y has a single class ({(classes.Length == 1 ? classes[0] : "none")}); a classifier needs at least two", nameof(y));
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        // float64 contiguous X is read in place; anything else becomes one contiguous double copy.
        var data = typeof(T) == typeof(double) ? (NDArray<double>)(object)x.Contiguous() : x.AsType<double>();
        var solver = new LogisticNewton(data, index, classes.Length, FitIntercept, C);
        var (theta, iterations, converged, gmax) = solver.Solve(Tol, MaxIter);
        int m = classes.Length > 2 ? classes.Length : 1, d = p + (FitIntercept ? 1 : 0);
        var coef = new T[m * p];
        var intercept = new T[m];
        for (int a = 0; a < m; a++)
        {
            for (int j = 0; j < p; j++) coef[a * p + j] = T.CreateTruncating(theta[a * d + j]);
            if (FitIntercept) intercept[a] = T.CreateTruncating(theta[a * d + p]);
        }
        _coef = NDArray.Wrap(coef, m, p);
        _intercept = NDArray.Wrap(intercept, m);
        _classes = NDArray.FromArray(classes);
        NIter = iterations;
        Converged = converged;
        Warning = converged ? null
            : $"{Model}: Newton stopped after {iterations} of {MaxIter} steps with gradient {gmax:g3} > tol {Tol:g3}; scale the features, raise maxIter, or lower C";
        return this;
    }

    /// <summary>The scores X W^T + b: shape (m,) for two classes (positive favours <c>Classes[1]</c>), else (m, k). O(m p k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> DecisionFunction(NDArray<T> x)
    {
        var coef = _coef ?? throw NotFittedException.For(Model, nameof(DecisionFunction));
        Guard.Features(x, (int)coef.Shape[1], Model + ".DecisionFunction");
        var z = x.MatMul(coef.T) + _intercept!;
        return coef.Shape[0] == 1 ? z[.., 0].Contiguous() : z;
    }

    /// <inheritdoc />
    public NDArray<T> PredictProba(NDArray<T> x)
    {
        var z = DecisionFunction(x);
        if (z.Rank == 1)
        {
            int m = (int)z.Shape[0];
            var s = z.AsReadOnlySpan();
            var p = new T[2 * m];
            for (int i = 0; i < m; i++)
            {
                T e = T.Exp(-T.Abs(s[i])), sigma = s[i] >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
                p[2 * i] = T.One - sigma;
                p[2 * i + 1] = sigma;
            }
            return NDArray.Wrap(p, m, 2);
        }
        var shifted = z - z.Max(1, keepDims: true);
        var ez = NDArray.Exp(shifted);
        return ez / ez.Sum(1, keepDims: true);
    }

    /// <summary>The predicted class of each row of X (the largest score; first class on ties): shape (m,). O(m p k).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or does not have p features.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Predict(NDArray<T> x)
    {
        var z = DecisionFunction(x);
        var classes = _classes!.AsReadOnlySpan();
        int m = (int)z.Shape[0];
        var result = new T[m];
        var s = z.Contiguous().AsReadOnlySpan();
        if (z.Rank == 1)
            for (int i = 0; i < m; i++) result[i] = s[i] > T.Zero ? classes[1] : classes[0];
        else
        {
            int k = classes.Length;
            for (int i = 0; i < m; i++)
            {
                int best = 0;
                for (int a = 1; a < k; a++) if (s[i * k + a] > s[i * k + best]) best = a;
                result[i] = classes[best];
            }
        }
        return NDArray.Wrap(result, m);
    }

    /// <summary>The accuracy of <see cref="Predict"/> on (X, y) (scikit-learn's <c>score</c>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Shapes of X and y do not fit the model or each other.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public T Score(NDArray<T> x, NDArray<T> y) => T.CreateTruncating(Metrics.AccuracyScore(y, Predict(x)));
}
