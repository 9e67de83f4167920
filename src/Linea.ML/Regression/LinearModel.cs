using System.Numerics;

namespace Linea.ML;

/// <summary>
/// What every fitted linear model y ≈ X w + b shares: <see cref="Coefficients"/> w, <see cref="Intercept"/> b,
/// <see cref="Predict"/> and <see cref="Score"/> (R^2, scikit-learn's <c>score</c>). y is one target per sample (1-D).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract partial class LinearModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private NDArray<T>? _coefficients;
    private T _intercept;

    /// <summary>Sets whether an intercept is fitted.</summary>
    protected LinearModel(bool fitIntercept) => FitIntercept = fitIntercept;

    /// <summary>Whether an intercept is fitted (otherwise b = 0 and the data are used as given).</summary>
    public bool FitIntercept { get; }

    /// <summary>Whether Fit has run.</summary>
    public bool IsFitted => _coefficients is not null;

    /// <summary>The fitted weights w, shape (p,).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public NDArray<T> Coefficients => _coefficients ?? throw NotFittedException.For(ModelName, nameof(Coefficients));

    /// <summary>The fitted intercept b (0 when <see cref="FitIntercept"/> is false).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public T Intercept => IsFitted ? _intercept : throw NotFittedException.For(ModelName, nameof(Intercept));

    /// <summary>The number of features p seen at Fit.</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    public int NFeatures => (int)Coefficients.Shape[0];

    /// <summary>The model's name for messages ("LinearRegression", "Ridge", ...).</summary>
    protected abstract string ModelName { get; }

    /// <summary>Predictions X w + b for X of shape (m, p); returns (m,). O(m p).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X is not 2-D or has a different number of features than at Fit.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    public NDArray<T> Predict(NDArray<T> x)
    {
        var w = _coefficients ?? throw NotFittedException.For(ModelName, nameof(Predict));
        Guard.Features(x, (int)w.Shape[0], $"{ModelName}.Predict");
        return x.MatMul(w) + _intercept;
    }

    /// <summary>The coefficient of determination R^2 = 1 - SS_res / SS_tot of the predictions for (X, y), with SS_tot
    /// about the mean of y (scikit-learn's <c>score</c> and <see cref="Metrics.R2Score{T}"/>).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">Shapes of X and y do not fit the model or each other.</exception>
    /// <exception cref="NonFiniteException">X or y contains NaN or infinity.</exception>
    public T Score(NDArray<T> x, NDArray<T> y)
    {
        var prediction = Predict(x);
        Guard.Target(x, y, $"{ModelName}.Score");
        return Metrics.R2Score(y, prediction);
    }

    /// <summary>Stores the fit.</summary>
    protected void SetFit(NDArray<T> coefficients, T intercept)
    {
        _coefficients = coefficients;
        _intercept = intercept;
    }

    /// <summary>Checks X (n x p) and y (n,) and centres them when an intercept is fitted (scikit-learn's
    /// <c>_preprocess_data</c>): returns the centred copies and the means (zeros without an intercept).</summary>
    private protected (NDArray<T> Xc, NDArray<T> Yc, NDArray<T> XMean, T YMean) Prepare(NDArray<T> x, NDArray<T> y)
    {
        string where = $"{ModelName}.Fit";
        Guard.Matrix(x, where);
        Guard.Target(x, y, where);
        if (!FitIntercept) return (x, y, NDArray.Zeros<T>(x.Shape[1]), T.Zero);
        var xm = x.Mean(0);
        T ym = y.Mean();
        return (x - xm, y - ym, xm, ym);
    }
}
