using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// Linalg.SolveTriangular against hand-solved systems, the residual bound of a backward-stable triangular solve
/// (|b - A x| &lt;= c n eps |A| |x| entry-wise), SciPy's conventions (only the chosen triangle is read, unit diagonal,
/// transpose, vector and matrix right-hand sides, strided inputs) and its errors.
/// </summary>
public class SolveTriangularTests
{
    [Fact]
    public void HandSolvedUpperAndLowerSystems()
    {
        // [[2, 1], [0, 4]] x = [5, 8] -> x = [1.5, 2]; the lower triangle holds garbage that must not be read.
        var u = NDArray.FromArray(new double[,] { { 2, 1 }, { 99, 4 } });
        Assert.Equal(new[] { 1.5, 2.0 }, Linea.Linalg.SolveTriangular(u, NDArray.FromArray(new double[] { 5, 8 })).ToArray());
        // Lower [[2, 0], [1, 4]] x = [4, 6] -> x = [2, 1].
        var l = NDArray.FromArray(new double[,] { { 2, -7 }, { 1, 4 } });
        Assert.Equal(new[] { 2.0, 1.0 }, Linea.Linalg.SolveTriangular(l, NDArray.FromArray(new double[] { 4, 6 }), lower: true).ToArray());
        // Transpose: [[2, 1], [0, 4]]^T x = [4, 6] -> 2 x0 = 4, x0 + 4 x1 = 6 -> x = [2, 1].
        Assert.Equal(new[] { 2.0, 1.0 }, Linea.Linalg.SolveTriangular(u, NDArray.FromArray(new double[] { 4, 6 }), transpose: true).ToArray());
        // Unit diagonal: the stored diagonal is ignored, [[1, 1], [0, 1]] x = [7, 2] -> x = [5, 2].
        Assert.Equal(new[] { 5.0, 2.0 }, Linea.Linalg.SolveTriangular(u, NDArray.FromArray(new double[] { 7, 2 }), unitDiagonal: true).ToArray());
    }

    [Theory]
    [InlineData(1, 1, false, false)]
    [InlineData(33, 1, true, false)]
    [InlineData(70, 5, false, true)]
    [InlineData(130, 40, true, true)]
    public void ResidualIsWithinTheBackwardErrorBound(int n, int k, bool lower, bool transpose)
    {
        var rng = new Rng((ulong)(n * 7 + k));
        var a = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = i == j ? 2 + rng.NextDouble() : rng.NextDouble() - 0.5;
        var b = NDArray.Uniform([n, k], -1.0, 1.0, 3);
        var x = Linea.Linalg.SolveTriangular(a, b, lower, transpose);
        Assert.Equal(new[] { n, k }, x.Shape.ToIntArray());
        var tri = Triangle(a, lower);
        var op = transpose ? tri.T : tri;
        var r = b - op.MatMul(x);
        var bound = NDArray.Abs(op).MatMul(NDArray.Abs(x));
        double eps = NumAssert.Eps<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
                Assert.True(Math.Abs(r[i, j]) <= 4 * n * eps * bound[i, j] + 1e-300, $"residual at ({i}, {j}): {r[i, j]} vs bound {4 * n * eps * bound[i, j]}");
    }

    [Fact]
    public void StridedInputsAndFloat()
    {
        var big = NDArray.Uniform([6, 6], -1.0, 1.0, 5) + NDArray.Eye<double>(6) * 4.0;
        var a = big["::2, ::2"].T;                      // 3 x 3 strided view, read as its upper triangle
        var b = NDArray.Uniform([3, 4], -1.0, 1.0, 6).T.T; // contiguous round trip
        var x = Linea.Linalg.SolveTriangular(a, b);
        var expected = Linea.Linalg.Solve(Triangle(a.Contiguous(), lower: false), b);
        Assert.True(NDArray.AllClose(expected, x, rtol: 1e-13, atol: 1e-13), "strided solve differs from the LU solve of the triangle");
        var af = NDArray.FromArray(new float[,] { { 4, 2 }, { 0, 1 } });
        Assert.Equal(new[] { 0.5f, 3f }, Linea.Linalg.SolveTriangular(af, NDArray.FromArray(new float[] { 8, 3 })).ToArray());
    }

    private static NDArray<double> Triangle(NDArray<double> a, bool lower)
    {
        int n = (int)a.Shape[0];
        var t = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (lower ? j <= i : j >= i) t[i, j] = a[i, j];
        return t;
    }

    [Fact]
    public void Errors()
    {
        var u = NDArray.FromArray(new double[,] { { 2, 1 }, { 0, 0 } });
        var e = Assert.Throws<SingularMatrixException>(() => Linea.Linalg.SolveTriangular(u, NDArray.Ones<double>(2)));
        Assert.Equal(1, e.PivotIndex);
        Assert.Contains("[1, 1]", e.Message);
        // With a unit diagonal the stored zero is not used.
        Assert.Equal(new[] { 0.0, 1.0 }, Linea.Linalg.SolveTriangular(u, NDArray.Ones<double>(2), unitDiagonal: true).ToArray());
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.SolveTriangular(NDArray.Ones<double>(2, 3), NDArray.Ones<double>(2)));
        var s = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.SolveTriangular(NDArray.Eye<double>(2), NDArray.Ones<double>(3)));
        Assert.Contains("(2,) or (2, k)", s.Message);
        var bad = NDArray.Eye<double>(2);
        bad[0, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.SolveTriangular(bad, NDArray.Ones<double>(2)));
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.SolveTriangular(NDArray.Eye<double>(2), NDArray.FromArray(new[] { 1.0, double.PositiveInfinity })));
        // A stack of matrices, and a b of rank 3, are shape errors that name the shapes.
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.SolveTriangular(NDArray.Ones<double>(2, 2, 2), NDArray.Ones<double>(2)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.SolveTriangular(NDArray.Eye<double>(2), NDArray.Ones<double>(2, 1, 1)));
    }

    [Fact]
    public void EmptySystemsGiveEmptyResults()
    {
        Assert.Equal(new[] { 0 }, Linea.Linalg.SolveTriangular(NDArray.Zeros<double>(0, 0), NDArray.Zeros<double>(0)).Shape.ToIntArray());
        Assert.Equal(new[] { 0, 3 }, Linea.Linalg.SolveTriangular(NDArray.Zeros<double>(0, 0), NDArray.Zeros<double>(0, 3), lower: true).Shape.ToIntArray());
        Assert.Equal(new[] { 2, 0 }, Linea.Linalg.SolveTriangular(NDArray.Eye<double>(2), NDArray.Zeros<double>(2, 0)).Shape.ToIntArray());
    }
}
