namespace Linea.ML;

/// <summary>
/// A model was asked to transform or predict before <c>Fit</c> was called (scikit-learn's NotFittedError).
/// The message names the model and the method.
/// </summary>
public class NotFittedException : InvalidOperationException
{
    /// <summary>Creates the exception with its full message.</summary>
    public NotFittedException(string message) : base(message) { }

    /// <summary>Throws the standard message for <paramref name="model"/>.<paramref name="method"/>.</summary>
    internal static NotFittedException For(string model, string method) =>
        new($"{model}.{method}: this {model} is not fitted yet; call Fit with training data first");
}
