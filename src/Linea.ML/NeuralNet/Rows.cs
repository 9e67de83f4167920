using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>Gathers rows (entries along axis 0) of a tensor by index: NumPy's <c>x[idx]</c>.</summary>
internal static class Rows
{
    /// <summary>A new contiguous tensor holding rows <paramref name="rows"/> of <paramref name="x"/>, in that order.</summary>
    public static NDArray<T> Take<T>(NDArray<T> x, ReadOnlySpan<int> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.Contiguous();
        int width = (int)x.Shape[0] == 0 ? 0 : (int)x.Size / (int)x.Shape[0];
        var shape = x.Shape.ToArray();
        shape[0] = rows.Length;
        var result = NDArray.Zeros<T>(shape);
        var s = src.AsReadOnlySpan();
        var d = result.AsSpan();
        for (int i = 0; i < rows.Length; i++)
            s.Slice(rows[i] * width, width).CopyTo(d.Slice(i * width, width));
        return result;
    }
}
