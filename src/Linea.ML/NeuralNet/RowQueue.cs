using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>A first-in first-out buffer of rows of a fixed width, filled from row blocks and emptied from the front,
/// for re-cutting a stream of blocks into mini-batches.</summary>
internal sealed class RowQueue<T>(int width) where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _data = new T[Math.Max(1, width) * 64];

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Copies the rows of <paramref name="block"/> (rows x width, any strides) to the back.</summary>
    public void Append(NDArray<T> block)
    {
        int rows = (int)block.Shape[0];
        long needed = (long)(Count + rows) * width;
        if (needed > _data.Length) Array.Resize(ref _data, (int)Math.Max(needed, Math.Min(Array.MaxLength, 2L * _data.Length)));
        block.Contiguous().AsReadOnlySpan().CopyTo(_data.AsSpan(Count * width, rows * width));
        Count += rows;
    }

    /// <summary>Removes the first <paramref name="rows"/> rows and returns them, row-major.</summary>
    public T[] Take(int rows)
    {
        var result = _data.AsSpan(0, rows * width).ToArray();
        _data.AsSpan(rows * width, (Count - rows) * width).CopyTo(_data);
        Count -= rows;
        return result;
    }
}
