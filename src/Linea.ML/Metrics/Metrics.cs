using System.Numerics;

namespace Linea.ML;

/// <summary>Regression metrics with scikit-learn's names and definitions (<c>sklearn.metrics</c>), for 1-D targets.</summary>
public static partial class Metrics
{
    /// <summary>R^2 = 1 - sum (y - yhat)^2 / sum (y - mean(y))^2. 1 is a perfect fit; 0 is the constant prediction
    /// mean(y); it can be negative. When y is constant scikit-learn's convention applies: 1 for a perfect prediction,
    /// else 0. With a single sample R^2 is not defined and the result is NaN, as scikit-learn returns (a grid search
    /// then ranks such a score last). O(n).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static T R2Score<T>(NDArray<T> yTrue, NDArray<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(yTrue, yPred, "r2_score");
        if (yTrue.Shape[0] < 2) return T.NaN; // scikit-learn: "not well-defined with less than two samples"
        var residual = yTrue - yPred;
        T ssRes = (residual * residual).Sum();
        var centred = yTrue - yTrue.Mean();
        T ssTot = (centred * centred).Sum();
        if (ssTot == T.Zero) return ssRes == T.Zero ? T.One : T.Zero;
        return T.One - ssRes / ssTot;
    }

    /// <summary>Mean of (y - yhat)^2. O(n).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static T MeanSquaredError<T>(NDArray<T> yTrue, NDArray<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(yTrue, yPred, "mean_squared_error");
        var d = yTrue - yPred;
        return (d * d).Mean();
    }

    /// <summary>sqrt(<see cref="MeanSquaredError{T}"/>), in the units of y. O(n).</summary>
    /// <exception cref="ShapeMismatchException">The arguments are not 1-D of one length, or are empty.</exception>
    /// <exception cref="NonFiniteException">An argument contains NaN or infinity.</exception>
    public static T RootMeanSquaredError<T>(NDArray<T> yTrue, NDArray<T> yPred) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Sqrt(MeanSquaredError(yTrue, yPred));

    private static void Check<T>(NDArray<T> a, NDArray<T> b, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 1 || b.Rank != 1 || a.Shape[0] != b.Shape[0] || a.Shape[0] == 0)
            throw new ShapeMismatchException(where, [a.Shape, b.Shape],
                $"{where}: y_true and y_pred must be non-empty 1-D arrays of one length; got shapes {a.Shape} and {b.Shape}");
        Guard.Finite(a, where, "y_true");
        Guard.Finite(b, where, "y_pred");
    }
}
