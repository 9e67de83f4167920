using System.Numerics;

namespace Linea.ML;

/// <summary>Scores a fitted estimator on held-out (X, y); larger is better (scikit-learn's scorer objects).</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="estimator">A fitted estimator.</param>
/// <param name="x">Held-out samples (m x p).</param>
/// <param name="y">Their targets (m,).</param>
/// <returns>The score.</returns>
public delegate double Scorer<T>(IEstimator<T> estimator, NDArray<T> x, NDArray<T> y) where T : unmanaged, IFloatingPointIeee754<T>;
