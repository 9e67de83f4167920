using System.Numerics;

namespace Linea.Tests.Linalg;

/// <summary>
/// Norms of vectors and matrices holding infinities and NaN, every order, against NumPy's definitions (#16 item 4):
/// ord = +-inf: max/min |x_i|; 0: count of x_i != 0 (NaN counts); 1: sum |x_i|; 2: sqrt(sum x_i^2); any other p:
/// (sum |x_i|^p)^(1/p) in IEEE arithmetic, so for p &lt; 0 |inf|^p = 0 (an infinite entry drops out), |0|^p = inf (the
/// norm is 0), and an all-infinite vector has sum 0 and norm 0^(1/p) = inf. NaN propagates everywhere but ord = 0.
/// </summary>
public class NormNonFiniteTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    /// <summary>(vector, ord, NumPy's value), values derived by hand from the definitions above.</summary>
    public static TheoryData<double[], double, double> VectorCases()
    {
        var d = new TheoryData<double[], double, double>();
        double[] withInf = [1, -Inf, 2];
        d.Add(withInf, Inf, Inf);
        d.Add(withInf, -Inf, 1);
        d.Add(withInf, 0, 3);
        d.Add(withInf, 1, Inf);
        d.Add(withInf, 2, Inf);
        d.Add(withInf, 3, Inf);
        d.Add(withInf, 0.5, Inf);
        d.Add(withInf, 50, Inf);
        d.Add(withInf, -1, 2.0 / 3);                          // 1 / (1/1 + 1/2)
        d.Add(withInf, -2, 2 / Math.Sqrt(5));                 // (1 + 1/4)^(-1/2)
        d.Add(withInf, -0.5, 1 / Math.Pow(1 + 1 / Math.Sqrt(2), 2)); // (1^-0.5 + 2^-0.5)^-2
        d.Add(withInf, -3, Math.Pow(1 + 0.125, -1.0 / 3));
        d.Add(withInf, -1000, 1);                             // (1 + 2^-1000)^(-1/1000) = 1 in double
        double[] allInf = [Inf, -Inf];
        d.Add(allInf, Inf, Inf);
        d.Add(allInf, -Inf, Inf);
        d.Add(allInf, 0, 2);
        d.Add(allInf, 1, Inf);
        d.Add(allInf, 2, Inf);
        d.Add(allInf, 3, Inf);
        d.Add(allInf, -1, Inf);                               // sum of zeros, 0^(1/p) = inf
        d.Add(allInf, -2, Inf);
        d.Add(allInf, -0.5, Inf);
        double[] zeroAndInf = [0, Inf, 3];
        d.Add(zeroAndInf, Inf, Inf);
        d.Add(zeroAndInf, -Inf, 0);
        d.Add(zeroAndInf, 0, 2);
        d.Add(zeroAndInf, 1, Inf);
        d.Add(zeroAndInf, 2, Inf);
        d.Add(zeroAndInf, 0.5, Inf);
        d.Add(zeroAndInf, -1, 0);                             // 0^-1 = inf in the sum, inf^-1 = 0
        d.Add(zeroAndInf, -2, 0);
        d.Add(zeroAndInf, -0.5, 0);
        double[] withNaN = [1, NaN, Inf];
        foreach (double ord in new[] { Inf, -Inf, 1, 2, 3, 0.5, -1, -2, -0.5, 50 })
            d.Add(withNaN, ord, NaN);
        d.Add(withNaN, 0, 3);                                 // NaN != 0
        double[] zeroAndNaN = [0, NaN];
        foreach (double ord in new[] { Inf, -Inf, 1, 2, 3, -1, -2, -0.5 })
            d.Add(zeroAndNaN, ord, NaN);                      // inf + NaN = NaN: NaN wins over the zero
        d.Add(zeroAndNaN, 0, 1);
        // Finite entries far apart: a negative order must not overflow the powers of the small entries.
        d.Add([1e-300, 1], -2, 1e-300);                       // (1e600 + 1)^(-1/2)
        d.Add([1e-300, 1e-300, 1], -1, 5e-301);
        d.Add([1e200, 1e200], -1, 5e199);
        // An empty vector: the sum is 0, so p < 0 gives 0^(1/p) = inf and p > 0 gives 0 (as NumPy).
        d.Add([], -1, Inf);
        d.Add([], -2, Inf);
        d.Add([], 3, 0);
        return d;
    }

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void Vector_orders_with_inf_and_nan_follow_numpy_in_double(double[] x, double ord, double expected) =>
        AssertNorm(expected, Linea.Linalg.Norm(NDArray.FromArray(x), ord), 1e-15);

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void Vector_orders_with_inf_and_nan_follow_numpy_in_float(double[] x, double ord, double expected)
    {
        var xf = x.Select(v => (float)v).ToArray();
        if (x.Any(v => v != 0 && double.IsFinite(v) && (Math.Abs(v) < 1e-30 || Math.Abs(v) > 1e30)))
            return; // the scaling cases are double ranges
        AssertNorm((float)expected, Linea.Linalg.Norm(NDArray.FromArray(xf), ord), 1e-6);
    }

    [Fact]
    public void Vector_norms_along_an_axis_drop_infinities_for_negative_orders()
    {
        var a = NDArray.FromArray(new double[,] { { 1, Inf, 2 }, { 0, 3, 4 } });
        Assert.Equal([2.0 / 3, 0], Linea.Linalg.Norm(a, -1, axis: 1).ToArray());
        var cols = Linea.Linalg.Norm(a, -1, axis: 0, keepdims: true);
        Assert.Equal(new Shape(1, 3), cols.Shape);
        AssertClose([0, 3, 4.0 / 3], cols.ToArray(), 1e-15);
        AssertClose([2 / Math.Sqrt(5), 0], Linea.Linalg.Norm(a, -2, axis: -1).ToArray(), 1e-15);
        Assert.Equal([1.0, 0], Linea.Linalg.Norm(a, double.NegativeInfinity, axis: 1).ToArray());
        Assert.Equal([Inf, 4], Linea.Linalg.Norm(a, double.PositiveInfinity, axis: 1).ToArray());
        Assert.Equal([3.0, 2], Linea.Linalg.Norm(a, 0, axis: 1).ToArray());

        var f = NDArray.FromArray(new float[,] { { 1, float.PositiveInfinity, 2 }, { float.NaN, 3, 4 } });
        var rows = Linea.Linalg.Norm(f, -1, axis: 1).ToArray();
        Assert.Equal(2f / 3, rows[0], 6);
        Assert.True(float.IsNaN(rows[1]));
        var allInf = NDArray.Full([2, 3], float.NegativeInfinity);
        Assert.Equal([float.PositiveInfinity, float.PositiveInfinity, float.PositiveInfinity], Linea.Linalg.Norm(allInf, -2, axis: 0).ToArray());
    }

    /// <summary>Matrix norms: 1/-1 through column sums, inf/-inf through row sums, 'fro' the 2-norm of all entries.</summary>
    [Fact]
    public void Matrix_norms_with_inf_and_nan_follow_numpy()
    {
        Check<double>();
        Check<float>();

        static void Check<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            T inf = T.PositiveInfinity, nan = T.NaN;
            T V(double v) => T.CreateChecked(v);
            var withInf = NDArray.FromArray(new T[,] { { V(1), -inf }, { V(2), V(3) } });   // column sums (3, inf), row sums (inf, 5)
            Assert.Equal(inf, Linea.Linalg.Norm(withInf, 1));
            Assert.Equal(V(3), Linea.Linalg.Norm(withInf, -1));
            Assert.Equal(inf, Linea.Linalg.Norm(withInf, double.PositiveInfinity));
            Assert.Equal(V(5), Linea.Linalg.Norm(withInf, double.NegativeInfinity));
            Assert.Equal(inf, Linea.Linalg.Norm(withInf, "fro"));
            Assert.Equal(inf, Linea.Linalg.Norm(withInf));
            var allInf = NDArray.FromArray(new T[,] { { inf, V(1) }, { V(1), -inf } });
            Assert.Equal(inf, Linea.Linalg.Norm(allInf, -1));
            Assert.Equal(inf, Linea.Linalg.Norm(allInf, double.NegativeInfinity));

            var withNaN = NDArray.FromArray(new T[,] { { V(1), nan }, { V(2), inf } });
            foreach (double ord in new[] { 1, -1, double.PositiveInfinity, double.NegativeInfinity })
                Assert.True(T.IsNaN(Linea.Linalg.Norm(withNaN, ord)), $"ord {ord}");
            Assert.True(T.IsNaN(Linea.Linalg.Norm(withNaN, "fro")));
            Assert.True(T.IsNaN(Linea.Linalg.Norm(withNaN)));

            // NumPy raises LinAlgError ("SVD did not converge") for the spectral norms of non-finite input.
            foreach (double ord in new double[] { 2, -2 })
                Assert.Throws<NonFiniteException>(() => Linea.Linalg.Norm(withInf, ord));
            Assert.Throws<NonFiniteException>(() => Linea.Linalg.Norm(withInf, "nuc"));

            // Stacks through the axes overload: each matrix exactly its 2-d norm.
            var finite = NDArray.FromArray(new T[,] { { V(1), V(-2) }, { V(3), V(4) } });
            var stack = NDArray.Stack([withInf, withNaN, finite]);
            var minCol = Linea.Linalg.Norm(stack, -1, (-2, -1)).ToArray();
            Assert.Equal(V(3), minCol[0]);
            Assert.True(T.IsNaN(minCol[1]));
            Assert.Equal(V(4), minCol[2]);
            var minRowT = Linea.Linalg.Norm(stack, -1, (-1, -2)).ToArray(); // axes swapped: the rows' sums
            Assert.Equal(V(5), minRowT[0]);
            Assert.Equal(V(3), minRowT[2]);
            var fro = Linea.Linalg.Norm(stack, "fro", (-2, -1)).ToArray();
            Assert.Equal(inf, fro[0]);
            Assert.True(T.IsNaN(fro[1]));
            var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Norm(stack, "nuc", (-2, -1)));
            Assert.Contains("matrix [0]", e.Message);
        }
    }

    private static void AssertNorm<T>(T expected, T actual, double relTol) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(expected)) { Assert.True(T.IsNaN(actual), $"expected NaN, got {actual}"); return; }
        if (T.IsInfinity(expected) || expected == T.Zero) { Assert.Equal(expected, actual); return; }
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        Assert.True(Math.Abs(a - e) <= relTol * Math.Abs(e), $"expected {e:R}, got {a:R}");
    }

    private static void AssertClose(double[] expected, double[] actual, double relTol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertNorm(expected[i], actual[i], relTol);
    }
}
