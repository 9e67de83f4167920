using System.Numerics;

namespace Linea.ML.NeuralNet;

public abstract partial class Layer<T>
{
    /// <summary>
    /// True during a training step of Sequential.Fit: layers that support it then write their forward outputs and
    /// input gradients into buffers they keep (sized for the largest batch seen), so that a training step allocates
    /// nothing; each result is valid until the layer's next Forward or Backward. False (the default) outside training:
    /// every result is a new tensor.
    /// </summary>
    internal bool ReuseBuffers { get; set; }

    /// <summary>
    /// A (rows, cols) C-contiguous tensor to overwrite: the first rows of the buffer in <paramref name="slot"/> (grown
    /// to at least rows x cols when smaller or missing) when <see cref="ReuseBuffers"/> is set, else a new tensor.
    /// </summary>
    private protected NDArray<T> Buffer(ref NDArray<T>? slot, long rows, long cols)
    {
        if (!ReuseBuffers) return NDArray.Empty<T>(new Shape(rows, cols));
        if (slot is null || slot.Shape[0] < rows || slot.Shape[1] != cols) slot = NDArray.Empty<T>(new Shape(rows, cols));
        return slot.Shape[0] == rows ? slot : slot[..(int)rows];
    }

    /// <summary>
    /// A C-contiguous tensor shaped like <paramref name="like"/> to overwrite: <see cref="Buffer"/> with the leading axes
    /// flattened into the rows (the last axis the columns), reshaped back; a new tensor when not reusing or when the last
    /// axis is empty.
    /// </summary>
    private protected NDArray<T> BufferLike(ref NDArray<T>? slot, NDArray<T> like)
    {
        long cols = like.Shape[^1];
        if (!ReuseBuffers || cols == 0) return NDArray.Empty<T>(like.Shape);
        var b = Buffer(ref slot, like.Size / cols, cols);
        return like.Rank == 2 ? b : b.Reshape(like.Shape.ToArray());
    }

    /// <summary>Drops the reused buffers (after training), so that a fitted model holds only its parameters.</summary>
    internal virtual void ReleaseBuffers() { }

    /// <summary>
    /// Drops what the last forward kept for a backward pass (its input, or its activations), so that an inference
    /// pass (<see cref="Sequential{T}.Predict"/>, <see cref="Sequential{T}.PredictProba"/>, <c>Evaluate</c>)
    /// leaves nothing of the batch's size referenced by the layer; the training buffers of <see cref="ReuseBuffers"/>
    /// stay. A backward then needs a new forward.
    /// </summary>
    internal void ForgetActivations()
    {
        _outputShape = null;
        ForgetActivationsCore();
    }

    /// <summary>The layer's part of <see cref="ForgetActivations"/>: clears its references to the last forward's tensors.</summary>
    private protected virtual void ForgetActivationsCore() { }
}
