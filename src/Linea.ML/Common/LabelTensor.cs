namespace Linea.ML;

/// <summary>Class or cluster indices held as int arrays inside the models, handed out as int64 tensors (the library's
/// one label type, as <c>LogisticRegression.PredictLabels</c>).</summary>
internal static class LabelTensor
{
    /// <summary>A fresh (n,) long tensor holding <paramref name="labels"/>. O(n) time and memory.</summary>
    public static NDArray<long> From(int[] labels)
    {
        var values = new long[labels.Length];
        for (int i = 0; i < values.Length; i++) values[i] = labels[i];
        return NDArray.FromArray(values);
    }
}
