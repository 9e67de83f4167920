namespace Linea.ML;

/// <summary>How per-class precision, recall and F-scores are combined into one number (scikit-learn's <c>average</c>).</summary>
public enum Average
{
    /// <summary>Only the positive class's score; y must hold at most two classes (scikit-learn's default "binary").</summary>
    Binary,

    /// <summary>Scores from the true positives, false positives and false negatives summed over all classes ("micro";
    /// for single-label multiclass data precision, recall and F1 all equal the accuracy).</summary>
    Micro,

    /// <summary>The unweighted mean of the per-class scores ("macro").</summary>
    Macro,

    /// <summary>The mean of the per-class scores weighted by each class's number of true samples ("weighted").</summary>
    Weighted,
}
