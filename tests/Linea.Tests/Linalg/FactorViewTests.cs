using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Storage;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// LU, Cholesky, TRSM and SYRK on <see cref="MatrixView{T}"/>s that are a block of a larger matrix, row-major or
/// transposed (row stride 1, column-major as LAPACK stores it), in managed or native memory, on one and two threads
/// (the two-thread paths pin the view and hand it to the workers). Checked by backward errors
/// ||P A - L U|| / (||A|| n eps), ||A - L L^T|| / (||A|| n eps) and ||op(A) X - alpha B|| / (||A|| ||X|| n eps) below 30
/// (LAPACK's test ratio), and by every element of the storage outside the block being left as it was.
/// </summary>
public class FactorViewTests
{
    private const double Sentinel = 12345.0;

    private static double Eps => NumAssert.Eps<double>();

    /// <summary>
    /// A rows x cols block at (3, 2) of a larger store filled with <see cref="Sentinel"/>: a row-major slice, or (when
    /// <paramref name="columnMajor"/>) a slice of the transpose of a row-major store, so its row stride is 1.
    /// </summary>
    private static (NDArray<double> Store, NDArray<double> Block) BlockOf(int rows, int cols, bool columnMajor, bool native)
    {
        int sr = columnMajor ? cols + 4 : rows + 5, sc = columnMajor ? rows + 5 : cols + 4;
        var store = NDArray.Zeros<double>(new Shape(sr, sc), native ? StorageKind.Native : StorageKind.Managed);
        var all = MatrixViews.View(store);
        for (long i = 0; i < all.Rows; i++) all.Row(i).Fill(Sentinel);
        var block = columnMajor ? store.T[3..(3 + rows), 2..(2 + cols)] : store[3..(3 + rows), 2..(2 + cols)];
        var v = MatrixViews.View(block);
        Assert.Equal(columnMajor ? 1 : sc, v.RowStride);
        return (store, block);
    }

    private static void Fill(NDArray<double> block, double[,] a)
    {
        var v = MatrixViews.View(block);
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) v[i, j] = a[i, j];
    }

    private static double[,] RandomMatrix(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var a = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) a[i, j] = rng.NextDouble() * 2 - 1;
        return a;
    }

    /// <summary>Every element of the store outside the block (found through its view's origin) still holds the sentinel.</summary>
    private static void AssertOutsideUntouched(NDArray<double> store, NDArray<double> block)
    {
        var all = MatrixViews.View(store);
        var v = MatrixViews.View(block);
        var inside = new bool[all.Rows, all.Cols];
        for (long i = 0; i < v.Rows; i++)
            for (long j = 0; j < v.Cols; j++)
            {
                long flat = block.Offset - store.Offset + i * v.RowStride + j * v.ColStride;
                inside[flat / all.RowStride, flat % all.RowStride] = true;
            }
        for (long i = 0; i < all.Rows; i++)
            for (long j = 0; j < all.Cols; j++)
                if (!inside[i, j]) Assert.Equal(Sentinel, all[i, j]);
    }

    private static double Fro(double[,] a)
    {
        double s = 0;
        foreach (double v in a) s += v * v;
        return Math.Sqrt(s);
    }

    [Theory]
    [InlineData(1, 1, false, false, 1)]
    [InlineData(37, 37, false, true, 1)]
    [InlineData(37, 37, true, false, 1)]
    [InlineData(90, 40, true, true, 2)]     // tall
    [InlineData(40, 70, true, false, 2)]    // wide: U's extra columns by TRSM
    [InlineData(70, 40, false, true, 2)]
    [InlineData(130, 130, true, true, 2)]
    [InlineData(520, 520, true, true, 2)]   // the two-thread look-ahead (n >= 512) on a pinned native block
    [InlineData(520, 520, false, false, 2)]
    public void Lu_of_a_block_has_small_backward_error(int m, int n, bool columnMajor, bool native, int threads)
    {
        var a = RandomMatrix(m, n, 100 + m + n);
        var (store, block) = BlockOf(m, n, columnMajor, native);
        using var _ = store;
        Fill(block, a);
        var piv = new int[Math.Min(m, n)];
        LuFactorization.FactorInPlace(block, piv, new LuParams(5), new Parallelism(threads));
        AssertOutsideUntouched(store, block);

        var f = MatrixViews.View(block);
        int k = Math.Min(m, n);
        var pa = (double[,])a.Clone();
        for (int i = 0; i < k; i++)
            for (int j = 0; j < n; j++) (pa[i, j], pa[piv[i], j]) = (pa[piv[i], j], pa[i, j]);
        var r = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p <= Math.Min(Math.Min(i, j), k - 1); p++) s += (p == i ? 1 : f[i, p]) * f[p, j];
                r[i, j] = pa[i, j] - s;
            }
        Checks.Below(Fro(r) / (Fro(a) * Math.Max(m, n) * Eps), $"lu {m}x{n} columnMajor={columnMajor} native={native} threads={threads}");
    }

    [Theory]
    [InlineData(1, false, false, 1)]
    [InlineData(50, true, false, 1)]
    [InlineData(50, false, true, 1)]
    [InlineData(200, true, true, 2)]    // SYRK's two-thread row bands on a pinned native block
    [InlineData(200, false, false, 2)]
    public void Cholesky_of_a_block_has_small_backward_error_and_leaves_the_upper_triangle(int n, bool columnMajor, bool native, int threads)
    {
        var g = RandomMatrix(n, n, 7 + n);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? n : 0;
                for (int p = 0; p < n; p++) s += g[i, p] * g[j, p];
                a[i, j] = s;
            }
        var (store, block) = BlockOf(n, n, columnMajor, native);
        using var _ = store;
        Fill(block, a);
        var v = MatrixViews.View(block);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) v[i, j] = -7.5; // the upper triangle is never read nor written
        Assert.Equal(-1, CholeskyFactorization.FactorInPlace(block, new CholeskyParams(6), new Parallelism(threads)));
        AssertOutsideUntouched(store, block);

        var r = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int p = 0; p <= j; p++) s += v[i, p] * v[j, p];
                r[i, j] = r[j, i] = a[i, j] - s;
            }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) Assert.Equal(-7.5, v[i, j]);
        Checks.Below(Fro(r) / (Fro(a) * n * Eps), $"cholesky n={n} columnMajor={columnMajor} native={native} threads={threads}");
    }

    public static IEnumerable<object[]> TrsmCases()
    {
        foreach (var left in new[] { true, false })
            foreach (var lower in new[] { true, false })
                foreach (var trans in new[] { false, true })
                    yield return [left, lower, trans];
    }

    /// <summary>
    /// TRSM with A a column-major block of native memory and B a row-major or transposed block of a managed array, large
    /// enough (order 130, 70 right-hand sides) that two threads split the right-hand sides between them.
    /// </summary>
    [Theory]
    [MemberData(nameof(TrsmCases))]
    public void Trsm_on_blocks_solves_with_small_backward_error(bool left, bool lower, bool trans)
    {
        const int order = 130, rhs = 70;
        foreach (bool bColumnMajor in new[] { false, true })
        {
            var a = RandomMatrix(order, order, 3);
            for (int i = 0; i < order; i++)
            {
                for (int j = 0; j < order; j++)
                    if (lower ? j > i : j < i) a[i, j] = double.NaN; // must never be read
                a[i, i] = (i % 2 == 0 ? 1 : -1) * (2 + order / 4.0);
            }
            int rows = left ? order : rhs, cols = left ? rhs : order;
            var b = RandomMatrix(rows, cols, 4);
            var (aStore, aBlock) = BlockOf(order, order, columnMajor: true, native: true);
            var (bStore, bBlock) = BlockOf(rows, cols, bColumnMajor, native: false);
            using var _ = aStore;
            Fill(aBlock, a);
            Fill(bBlock, b);
            Trsm.Solve(left ? Side.Left : Side.Right, lower, trans, unitDiagonal: false, 2.0,
                MatrixViews.View(aBlock), MatrixViews.View(bBlock), new Parallelism(2));
            AssertOutsideUntouched(aStore, aBlock);
            AssertOutsideUntouched(bStore, bBlock);

            var x = MatrixViews.View(bBlock);
            double op(int i, int j)
            {
                if (trans) (i, j) = (j, i);
                return lower ? (j > i ? 0 : a[i, j]) : (j < i ? 0 : a[i, j]);
            }
            var r = new double[rows, cols];
            double xn = 0, an = 0;
            for (int i = 0; i < order; i++)
                for (int j = 0; j < order; j++) an += op(i, j) * op(i, j);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                {
                    xn += x[i, j] * x[i, j];
                    double s = 0;
                    if (left) for (int p = 0; p < order; p++) s += op(i, p) * x[p, j];
                    else for (int p = 0; p < order; p++) s += x[i, p] * op(p, j);
                    r[i, j] = s - 2 * b[i, j];
                }
            Checks.Below(Fro(r) / (Math.Sqrt(an) * Math.Sqrt(xn) * order * Eps),
                $"trsm left={left} lower={lower} trans={trans} bColumnMajor={bColumnMajor}");
        }
    }

    /// <summary>SYRK's two-thread row bands with A and C column-major blocks of native memory: C - A A^T on the lower triangle only.</summary>
    [Fact]
    public void Syrk_on_native_blocks_updates_the_lower_triangle_only()
    {
        const int n = 150, k = 60;
        var a = RandomMatrix(n, k, 11);
        var c = RandomMatrix(n, n, 12);
        var (aStore, aBlock) = BlockOf(n, k, columnMajor: true, native: true);
        var (cStore, cBlock) = BlockOf(n, n, columnMajor: true, native: true);
        using var _a = aStore;
        using var _c = cStore;
        Fill(aBlock, a);
        Fill(cBlock, c);
        Syrk.LowerMinus(MatrixViews.View(aBlock), MatrixViews.View(cBlock), new Parallelism(2));
        AssertOutsideUntouched(aStore, aBlock);
        AssertOutsideUntouched(cStore, cBlock);
        var v = MatrixViews.View(cBlock);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (j > i) { Assert.Equal(c[i, j], v[i, j]); continue; }
                double s = c[i, j], mag = Math.Abs(c[i, j]);
                for (int p = 0; p < k; p++) { s -= a[i, p] * a[j, p]; mag += Math.Abs(a[i, p] * a[j, p]); }
                Assert.True(Math.Abs(s - v[i, j]) <= 2 * k * Eps * mag, $"({i},{j}): {v[i, j]} vs {s}");
            }
    }

    /// <summary>A copy of <paramref name="a"/> in native memory, seen through a transposed view (row stride 1).</summary>
    private static NDArray<double> NativeTransposed(NDArray<double> a)
    {
        var t = NDArray.Zeros<double>(new Shape(a.Dims[^1], a.Dims[^2]), StorageKind.Native);
        t.Assign(a.T);
        return t.T;
    }

    /// <summary>
    /// The front doors that used to copy into a managed array read native, transposed operands in place: a stack
    /// solve with a transposed native A, inv, a Cholesky of a native SPD matrix, and a triangular solve; each checked
    /// by its residual, ||A X - B|| / (||A|| ||X|| n eps) below 30.
    /// </summary>
    [Fact]
    public void Front_doors_read_native_transposed_operands()
    {
        const int n = 70;
        var rng = new Rng(5);
        var a = rng.Normal<double>([n, n], 0, 1);
        var b = rng.Normal<double>([n, 3], 0, 1);
        var an = NativeTransposed(a);
        Assert.Equal(StorageKind.Native, an.StorageKind);
        Assert.Equal(1, MatrixViews.View(an).RowStride);

        Checks.Below(Checks.SolveRatio(a, Linea.Linalg.Solve(an, b), b), "solve on a native transposed A");
        var inv = Linea.Linalg.Inv(an);
        Checks.Below(Checks.SolveRatio(a, inv, NDArray.Eye<double>(n)), "inv of a native transposed A");

        var spd = a.MatMul(a.T) + NDArray.Eye<double>(n) * n;
        var l = Linea.Linalg.Cholesky(NativeTransposed(spd));
        Checks.Below(Checks.Fro(l.MatMul(l.T) - spd) / (Checks.Fro(spd) * n * Eps), "cholesky of a native transposed A");

        var x = Linea.Linalg.SolveTriangular(NativeTransposed(l), b, lower: true);
        Checks.Below(Checks.SolveRatio(l, x, b), "solve_triangular on a native transposed L");
    }
}
