using System.Numerics;
using Xunit;
using Xunit.Sdk;

namespace Linea.TestKit;

/// <summary>Assertions with tolerances stated in units of machine epsilon, never fixed decimals.</summary>
public static class NumAssert
{
    /// <summary>Machine epsilon of <typeparamref name="T"/> (2^-52 for double, 2^-23 for float).</summary>
    public static double Eps<T>() where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Math.Pow(2, -23) : typeof(T) == typeof(Half) ? Math.Pow(2, -10) : Math.Pow(2, -52);

    /// <summary>Same shape and exactly equal values (NaN matches NaN).</summary>
    public static void Equal<T>(NDArray<T> expected, NDArray<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
            if (!e[i].Equals(a[i]))
                throw new XunitException($"element {i} (C order) differs: expected {e[i]}, actual {a[i]}\nexpected:\n{expected}\nactual:\n{actual}");
    }

    /// <summary>Same shape and exactly the given values in C order.</summary>
    public static void Equal<T>(T[] expected, NDArray<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            if (!expected[i].Equals(a[i]))
                throw new XunitException($"element {i} (C order) differs: expected {expected[i]}, actual {a[i]} (shape {actual.Shape})");
    }

    /// <summary>
    /// Element-wise |expected - actual| &lt;= ulps * eps * max(|expected|, tiny): relative error within a number of
    /// units of roundoff. Infinities and NaN must match exactly.
    /// </summary>
    public static void Close<T>(NDArray<T> expected, NDArray<T> actual, double ulps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Close(expected.ToArray(), actual.ToArray(), ulps);
    }

    /// <summary>Element-wise relative closeness in units of eps, on arrays.</summary>
    public static void Close<T>(T[] expected, T[] actual, double ulps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double eps = Eps<T>();
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]), a = double.CreateTruncating(actual[i]);
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                if (!e.Equals(a)) throw new XunitException($"element {i}: expected {e}, actual {a}");
                continue;
            }
            double tol = ulps * eps * Math.Max(Math.Abs(e), 1e-300);
            if (!(Math.Abs(e - a) <= tol))
                throw new XunitException($"element {i}: expected {e:R}, actual {a:R}, |diff| {Math.Abs(e - a):E3} > {ulps} eps relative ({tol:E3})");
        }
    }

    /// <summary>Element-wise |expected - actual| &lt;= bound[i], for bounds derived from error analysis.</summary>
    public static void WithinBounds(double[] expected, double[] actual, double[] bound, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(expected[i] - actual[i]) <= bound[i]))
                throw new XunitException($"{what}: element {i}: expected {expected[i]:R}, actual {actual[i]:R}, |diff| {Math.Abs(expected[i] - actual[i]):E3} exceeds bound {bound[i]:E3}");
    }
}
