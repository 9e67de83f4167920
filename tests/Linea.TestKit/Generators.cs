using System.Numerics;

namespace Linea.TestKit;

/// <summary>Seeded test data: every generator is reproducible from its seed.</summary>
public static class Generators
{
    /// <summary>A tensor of small integers in [-range, range], so sums and products are exact in floating point.</summary>
    public static NDArray<T> SmallIntegers<T>(int[] shape, int range, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var t = NDArray.Zeros<T>(shape);
        var span = t.AsSpan();
        for (int i = 0; i < span.Length; i++) span[i] = T.CreateTruncating(rng.NextInt(2 * range + 1) - range);
        return t;
    }

    /// <summary>Standard normal entries.</summary>
    public static NDArray<T> Normal<T>(int[] shape, ulong seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        NDArray.Normal(shape, T.Zero, T.One, seed);
}
