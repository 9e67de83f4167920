using System.Numerics;

namespace Linea.ML;

/// <summary>
/// A model that learns a mapping of samples X (n x p) to new features (n x q) (scikit-learn's transformers with
/// <c>fit</c>, <c>transform</c> and <c>fit_transform</c>): scalers, encoders, PCA. A <see cref="Pipeline{T}"/> chains them.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface ITransformer<T> : IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Learns the mapping from X (n x p); y is ignored by unsupervised transformers. Returns this transformer.</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    ITransformer<T> Fit(NDArray<T> x, NDArray<T>? y = null);

    /// <summary>Maps X (m x p) to (m x q).</summary>
    /// <exception cref="NotFittedException">Fit has not run.</exception>
    /// <exception cref="ShapeMismatchException">X does not have the p features seen at Fit.</exception>
    NDArray<T> Transform(NDArray<T> x);

    /// <summary>Fit followed by Transform of the same X (some transformers compute it more cheaply).</summary>
    /// <exception cref="ShapeMismatchException">X is not 2-D.</exception>
    /// <exception cref="NonFiniteException">X contains NaN or infinity.</exception>
    NDArray<T> FitTransform(NDArray<T> x, NDArray<T>? y = null);
}
