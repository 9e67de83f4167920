using Linea.TestKit;
using System.Numerics;
using System.Runtime.Intrinsics;
using Linea.Kernels.Blas2;

namespace Linea.Tests.Gemm;

/// <summary>
/// The streaming matrix-vector kernels against plain loops: every lane width the machine has, float and double, sizes
/// around the vector and four-column boundaries, offsets and leading dimensions larger than the row count. Each entry
/// must agree to the rounding bound of a length-n dot product, 2 n eps sum |a_i x_i|.
/// </summary>
public class GemvTests
{
    public static IEnumerable<object[]> Shapes()
    {
        int[] sizes = [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100];
        foreach (int r in sizes)
            foreach (int c in new[] { 0, 1, 3, 4, 5, 8, 13 })
                yield return [r, c];
    }

    private static T[] Fill<T>(int len, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        var v = new T[len];
        for (int i = 0; i < len; i++) v[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return v;
    }

    private static void Near<T>(T expected, T actual, double bound, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double e = double.CreateTruncating(expected), a = double.CreateTruncating(actual);
        Assert.True(Math.Abs(e - a) <= bound, $"{what}: expected {e}, got {a} (bound {bound:E2})");
    }

    private static void CheckTransposed<T>(int rows, int cols, Action<int, int, T, T[], int, int, T[], T, T[]> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = double.CreateTruncating(Precision.Eps<T>());
        int lda = rows + 3, off = 2;
        var a = Fill<T>(off + lda * Math.Max(cols, 1), 1);
        var x = Fill<T>(rows, 2);
        var y0 = Fill<T>(cols, 3);
        T alpha = T.CreateTruncating(-1.5), beta = T.CreateTruncating(0.25);
        foreach (var b in new[] { T.Zero, beta })
        {
            var y = (T[])y0.Clone();
            if (b == T.Zero) Array.Fill(y, T.NaN); // beta = 0 must not read y
            kernel(rows, cols, alpha, a, off, lda, x, b, y);
            for (int j = 0; j < cols; j++)
            {
                double s = 0, abs = 0;
                for (int i = 0; i < rows; i++) { double p = double.CreateTruncating(a[off + j * lda + i] * x[i]); s += p; abs += Math.Abs(p); }
                double expected = -1.5 * s + (b == T.Zero ? 0 : 0.25 * double.CreateTruncating(y0[j]));
                Near(T.CreateTruncating(expected), y[j], 4 * (rows + 2) * eps * (1.5 * abs + 1), $"y[{j}] rows {rows} cols {cols} beta {b}");
            }
        }
    }

    private static void CheckMultiply<T>(int rows, int cols, Action<int, int, T, T[], int, int, T[], T[]> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = double.CreateTruncating(Precision.Eps<T>());
        int lda = rows + 5, off = 1;
        var a = Fill<T>(off + lda * Math.Max(cols, 1), 4);
        var x = Fill<T>(cols, 5);
        var y0 = Fill<T>(rows, 6);
        var y = (T[])y0.Clone();
        kernel(rows, cols, T.CreateTruncating(0.75), a, off, lda, x, y);
        for (int i = 0; i < rows; i++)
        {
            double s = double.CreateTruncating(y0[i]), abs = Math.Abs(s);
            for (int j = 0; j < cols; j++) { double p = 0.75 * double.CreateTruncating(a[off + j * lda + i] * x[j]); s += p; abs += Math.Abs(p); }
            Near(T.CreateTruncating(s), y[i], 4 * (cols + 2) * eps * abs, $"y[{i}] rows {rows} cols {cols}");
        }
    }

    private static void CheckSymmetric<T>(int k, Action<int, T[], int, int, T[], T[]> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = double.CreateTruncating(Precision.Eps<T>());
        int lda = k + 2, off = 3;
        var a = Fill<T>(off + lda * Math.Max(k, 1), 7);
        // Poison the strict upper triangle: the kernel must read only the lower one.
        for (int j = 0; j < k; j++)
            for (int i = 0; i < j; i++) a[off + j * lda + i] = T.NaN;
        var x = Fill<T>(k, 8);
        var y = new T[k];
        kernel(k, a, off, lda, x, y);
        for (int r = 0; r < k; r++)
        {
            double s = 0, abs = 0;
            for (int c = 0; c < k; c++)
            {
                T arc = r >= c ? a[off + c * lda + r] : a[off + r * lda + c];
                double p = double.CreateTruncating(arc * x[c]);
                s += p; abs += Math.Abs(p);
            }
            Near(T.CreateTruncating(s), y[r], 4 * (k + 2) * eps * abs, $"y[{r}] k {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TransposedMatchesLoops(int rows, int cols)
    {
        CheckTransposed<double>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.Transposed(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, b, y, Parallelism.Default));
        CheckTransposed<float>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.Transposed(al, Linea.Kernels.MatrixView<float>.ColumnMajor(a, o, r, c, l), x, b, y, Parallelism.Default));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyMatchesLoops(int rows, int cols)
    {
        CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.Multiply(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, 1.0, y, Parallelism.Default));
        CheckMultiply<float>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.Multiply(al, Linea.Kernels.MatrixView<float>.ColumnMajor(a, o, r, c, l), x, 1f, y, Parallelism.Default));
        CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.MultiplyScalar(r, c, al, ref a[o], l, x, y));
        if (Vector256.IsHardwareAccelerated && rows >= Vector256<double>.Count)
            CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.MultiplyCore<Ops256<double>, Vector256<double>, double>(r, c, al, ref a[o], l, x, y));
        if (Vector512.IsHardwareAccelerated && rows >= Vector512<float>.Count)
            CheckMultiply<float>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.MultiplyCore<Ops512<float>, Vector512<float>, float>(r, c, al, ref a[o], l, x, y));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(37)]
    [InlineData(100)]
    public void SymmetricLowerMatchesLoopsAndReadsOnlyTheLowerTriangle(int k)
    {
        CheckSymmetric<double>(k, (n, a, o, l, x, y) => Gemv.SymmetricLower(Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, n, n, l), x, y, Parallelism.Default));
        CheckSymmetric<float>(k, (n, a, o, l, x, y) => Gemv.SymmetricLower(Linea.Kernels.MatrixView<float>.ColumnMajor(a, o, n, n, l), x, y, Parallelism.Default));
        CheckSymmetric<double>(k, (n, a, o, l, x, y) => Gemv.SymmetricLowerScalar(n, ref a[o], l, x, y, 0, n));
        if (Vector256.IsHardwareAccelerated) CheckSymmetric<double>(k, (n, a, o, l, x, y) => Gemv.SymmetricLowerCore<Ops256<double>, Vector256<double>, double>(n, ref a[o], l, x, y, 0, n));
        if (Vector512.IsHardwareAccelerated) CheckSymmetric<float>(k, (n, a, o, l, x, y) => Gemv.SymmetricLowerCore<Ops512<float>, Vector512<float>, float>(n, ref a[o], l, x, y, 0, n));
    }

    /// <summary>
    /// The tall few-column kernels (the panels' V and W blocks): every column count up to the limit's edges, rows around
    /// the four-register block, the one-register step and the scalar tail, both element types.
    /// </summary>
    [Theory]
    [InlineData(32, 1)]
    [InlineData(33, 7)]
    [InlineData(64, 8)]
    [InlineData(95, 9)]
    [InlineData(200, 16)]
    [InlineData(257, 31)]
    [InlineData(1031, 64)]
    public void FewColumnKernelsMatchLoops(int rows, int cols)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.MultiplyFewColumns<Ops512<double>, Vector512<double>, double>(r, c, al, ref a[o], l, x, y));
        CheckMultiply<float>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.MultiplyFewColumns<Ops512<float>, Vector512<float>, float>(r, c, al, ref a[o], l, x, y));
        CheckTransposed<double>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.TransposedFewColumns<Ops512<double>, Vector512<double>, double>(r, c, al, ref a[o], l, x, b, y));
        CheckTransposed<float>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.TransposedFewColumns<Ops512<float>, Vector512<float>, float>(r, c, al, ref a[o], l, x, b, y));
        // The front doors route these shapes to them.
        CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.Multiply(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, 1.0, y, Parallelism.None));
        CheckTransposed<double>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.Transposed(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, b, y, Parallelism.None));
    }

    /// <summary>Sizes above the threading threshold (2^17 entries): the split over column ranges, row ranges and equal-area triangle parts.</summary>
    [Theory]
    [InlineData(700, 513)]
    [InlineData(1031, 260)]
    public void LargeProductsSplitOverThreadsMatchLoops(int rows, int cols)
    {
        CheckTransposed<double>(rows, cols, (r, c, al, a, o, l, x, b, y) => Gemv.Transposed(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, b, y, Parallelism.Default));
        CheckMultiply<double>(rows, cols, (r, c, al, a, o, l, x, y) => Gemv.Multiply(al, Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, r, c, l), x, 1.0, y, Parallelism.Default));
        CheckSymmetric<double>(rows, (n, a, o, l, x, y) => Gemv.SymmetricLower(Linea.Kernels.MatrixView<double>.ColumnMajor(a, o, n, n, l), x, y, Parallelism.Default));
        CheckSymmetric<float>(rows, (n, a, o, l, x, y) => Gemv.SymmetricLower(Linea.Kernels.MatrixView<float>.ColumnMajor(a, o, n, n, l), x, y, Parallelism.Default));
    }

    /// <summary>MatMul of a transposed (column-major) matrix by a vector goes through SmallGemm.Gemv to Gemv.Columns, the column-layout driver that Gemv.Multiply uses.</summary>
    [Theory]
    [InlineData(5, 3)]
    [InlineData(1500, 37)]
    [InlineData(2100, 700)]
    public void MatMulOfATransposedMatrixByAVectorMatchesLoops(int rows, int cols)
    {
        var at = NDArray.Uniform([cols, rows], -1.0, 1.0, 11);
        var a = at.T;                                   // rows x cols, column-major view
        var x = NDArray.Uniform([cols], -1.0, 1.0, 12);
        var y = a.MatMul(x);
        double eps = NumAssert.Eps<double>();
        for (int i = 0; i < rows; i++)
        {
            double s = 0, abs = 0;
            for (int j = 0; j < cols; j++) { double p = a[i, j] * x[j]; s += p; abs += Math.Abs(p); }
            Assert.True(Math.Abs(y[i] - s) <= 4 * (cols + 2) * eps * abs, $"y[{i}]: {y[i]} vs {s}");
        }
    }

    [Fact]
    public void MultiplyWithBetaZeroIgnoresNaNInY()
    {
        var a = new double[] { 1, 2, 3, 4 }; // [[1, 3], [2, 4]]
        var y = new[] { double.NaN, double.NaN };
        Gemv.Multiply(1.0, Linea.Kernels.MatrixView<double>.ColumnMajor(a, 0, 2, 2, 2), new[] { 1.0, 1.0 }, 0.0, y, Parallelism.Default);
        Assert.Equal(new[] { 4.0, 6.0 }, y);
    }
}
