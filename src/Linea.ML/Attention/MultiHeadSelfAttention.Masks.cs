using System.Numerics;

namespace Linea.ML.Attention;

public sealed partial class MultiHeadSelfAttention<T>
{
    /// <summary>
    /// The attention mask applied by every forward pass in addition to <see cref="Causal"/>; null (the default) for
    /// none. See <see cref="AttentionMask"/> for the parts and the fully-masked-row rule (those rows of
    /// <see cref="AttentionWeights"/> are all zero, so they sum to 0, not 1). Checked against the input's batch and
    /// sequence length at each forward pass; applying it costs O(batch·seq²) beyond the unmasked layer.
    /// </summary>
    public AttentionMask? Mask { get; set; }

    /// <summary>Sets <see cref="Mask"/> to <paramref name="mask"/> and runs the forward pass; the backward pass that follows uses that mask.</summary>
    /// <param name="x">Input (batch, seq, modelDim).</param>
    /// <param name="mask">The mask; null for none.</param>
    /// <param name="training">True while training.</param>
    /// <returns>(batch, seq, modelDim).</returns>
    /// <exception cref="ShapeMismatchException">x is not (batch, seq, modelDim), or the mask is for another batch size or sequence length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A valid length of a key padding mask exceeds seq.</exception>
    public NDArray<T> Forward(NDArray<T> x, AttentionMask? mask, bool training = false)
    {
        Mask = mask;
        return Forward(x, training);
    }

    /// <summary>softmax(scores + mask) along the last axis (<see cref="Mask"/> set; the causal flag joined in), with fully
    /// masked rows set to 0 instead of NaN.</summary>
    private NDArray<T> MaskedSoftmax(NDArray<T> scores, int batch, int seq)
    {
        var (mask, fully, anyFully) = Mask!.Materialize<T>(Name, batch, seq, Causal);
        var a = NDArray.Softmax(scores + mask, -1);
        if (!anyFully) return a;
        if (!a.IsContiguous || a.IsReadOnly) a = a.Copy();
        var span = a.AsSpan();
        bool perItem = fully.Length > seq;
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < Heads; h++)
                for (int i = 0; i < seq; i++)
                    if (fully[(perItem ? b : 0) * seq + i]) span.Slice(((b * Heads + h) * seq + i) * seq, seq).Clear();
        return a;
    }
}
