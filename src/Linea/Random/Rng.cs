using System.Numerics;

namespace Linea;

/// <summary>
/// A seeded random generator whose streams are identical on every machine and .NET version:
/// xoshiro256** seeded through SplitMix64, uniform doubles from the top 53 bits, normals by the
/// Marsaglia polar method. Not for cryptography. Like NumPy's <c>np.random.default_rng(seed)</c>.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates a generator; the same seed always gives the same stream.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (mean 0, standard deviation 1).</summary>
    public double NextNormal()
    {
        if (_hasSpare) { _hasSpare = false; return _spareNormal; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias.</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ulong limit = ulong.MaxValue - ulong.MaxValue % (ulong)n;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % (ulong)n);
    }

    /// <summary>Samples uniformly from [<paramref name="low"/>, <paramref name="high"/>) into a new tensor of <paramref name="shape"/>.</summary>
    public NDArray<T> Uniform<T>(int[] shape, T low, T high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(high >= low) || !T.IsFinite(low) || !T.IsFinite(high))
            throw new ArgumentException($"uniform: need finite low <= high, got low={low}, high={high}");
        var t = new NDArray<T>(new Shape(shape).ToArray());
        double lo = double.CreateTruncating(low), width = double.CreateTruncating(high) - lo;
        var data = t.Data;
        for (int i = 0; i < data.Length; i++) data[i] = T.CreateTruncating(lo + width * NextDouble());
        return t;
    }

    /// <summary>Samples a normal distribution with <paramref name="mean"/> and standard deviation <paramref name="std"/>.</summary>
    public NDArray<T> Normal<T>(int[] shape, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(std >= T.Zero) || !T.IsFinite(mean) || !T.IsFinite(std))
            throw new ArgumentException($"normal: need a finite mean and std >= 0, got mean={mean}, std={std}");
        var t = new NDArray<T>(new Shape(shape).ToArray());
        double m = double.CreateTruncating(mean), s = double.CreateTruncating(std);
        var data = t.Data;
        for (int i = 0; i < data.Length; i++) data[i] = T.CreateTruncating(m + s * NextNormal());
        return t;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}
