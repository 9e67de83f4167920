using System.Numerics;

namespace Linea.ML;

/// <summary>
/// What every scikit-learn-style model shares (scikit-learn's <c>BaseEstimator</c>): whether it is fitted, its
/// constructor parameters by name (<c>get_params</c>), and an unfitted copy with some parameters changed
/// (<c>clone</c> followed by <c>set_params</c>), which cross-validation and grid search fit afresh on each fold.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public interface IModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether Fit has run.</summary>
    bool IsFitted { get; }

    /// <summary>The constructor parameters by name (the C# parameter names, e.g. <c>alpha</c>, <c>fitIntercept</c>), with
    /// their values as bool, int, long, ulong, double, string, an enum or null. A new dictionary each call; O(#parameters).</summary>
    IReadOnlyDictionary<string, object?> GetParams();

    /// <summary>A new, unfitted model of the same type and parameters, with <paramref name="parameters"/> replacing the named
    /// ones (values as <see cref="GetParams"/> gives them, or their invariant-culture strings). Nothing fitted is copied.</summary>
    /// <exception cref="ArgumentException">A name is not a parameter of this model, or a value cannot be converted to it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the parameter's range (the constructor's check).</exception>
    IModel<T> Clone(IReadOnlyDictionary<string, object?>? parameters = null);
}
