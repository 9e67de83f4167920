namespace Linea.ML;

/// <summary>What <see cref="OneHotEncoder{T}.Transform"/> does with a category not seen at Fit (scikit-learn's
/// <c>handle_unknown</c>).</summary>
public enum HandleUnknown
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the column, row and value (scikit-learn's "error", the default).</summary>
    Error,

    /// <summary>Encode the value as all zeros in that column's block (scikit-learn's "ignore").</summary>
    Ignore,
}
