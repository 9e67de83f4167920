using System.Numerics;
using Linea.TestKit;
using static Linea.Tests.Linalg.StackChecks;

namespace Linea.Tests.Linalg;

/// <summary>
/// Pinv, Qr and MatrixPower on stacks, and the one-value-per-matrix functions DetStack, SlogdetStack, MatrixRankStack,
/// CondStack and Norm over two axes: each matrix's result must be bit for bit the single-matrix function's.
/// </summary>
public class StackedMatrixFunctionTests
{
    private static NDArray<double> RectStack(int m, int n, ulong seed) => StackOf([2, 3],
    [
        Generators.Normal<double>([m, n], seed),
        MatrixGenerators.RankDeficient<double>(m, n, Math.Min(m, n) / 2, seed + 1),
        MatrixGenerators.Graded<double>(m, n, 6, seed + 2),
        NDArray.Zeros<double>(m, n),
        MatrixGenerators.WithSingularValues<double>(m, n, Enumerable.Range(0, Math.Min(m, n)).Select(i => Math.Pow(10, -i)).ToArray(), seed + 3),
        Generators.SmallIntegers<double>([m, n], 3, seed + 4),
    ]);

    /// <summary>Calls <paramref name="one"/> on every matrix and compares with the stacked result's slot.</summary>
    private static void EachMatches<T>(NDArray<T> stack, NDArray<T> stacked, Func<NDArray<T>, NDArray<T>> one, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var idx in Indices(stack.IntDims[..^2]))
            SameBits(one(At(stack, idx)), At(stacked, idx), $"{what} [{string.Join(",", idx)}]");
    }

    private static void EachScalarMatches<T>(NDArray<T> stack, NDArray<T> stacked, Func<NDArray<T>, T> one, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(stack.Dims[..^2], stacked.Shape.ToArray());
        foreach (var idx in Indices(stack.IntDims[..^2]))
            SameBits(one(At(stack, idx)), stacked[idx], $"{what} [{string.Join(",", idx)}]");
    }

    // ---- pinv ----

    [Theory]
    [InlineData(4, 6)] [InlineData(6, 4)] [InlineData(5, 5)]
    public void Pinv_of_a_stack_is_pinv_of_each_matrix(int m, int n)
    {
        var stack = RectStack(m, n, 10);
        var p = Linea.Linalg.Pinv(stack);
        Assert.Equal([2, 3, n, m], p.Shape.ToIntArray());
        EachMatches(stack, p, x => Linea.Linalg.Pinv(x), "pinv");
        EachMatches(stack, Linea.Linalg.Pinv(stack, rcond: 1e-3), x => Linea.Linalg.Pinv(x, rcond: 1e-3), "pinv rcond 1e-3");
        foreach (var (layout, view) in Layouts(stack)) EachMatches(view, Linea.Linalg.Pinv(view), x => Linea.Linalg.Pinv(x), layout);
        var one = stack[0, 0, .., ..].BroadcastTo(2, 2, m, n);
        EachMatches(one, Linea.Linalg.Pinv(one), x => Linea.Linalg.Pinv(x), "broadcast");
        var f = MatrixGenerators.Cast<float>(stack);
        EachMatches(f, Linea.Linalg.Pinv(f), x => Linea.Linalg.Pinv(x), "float");
        if (m == n)
        {
            var sym = stack + stack.MT;
            EachMatches(sym, Linea.Linalg.Pinv(sym, hermitian: true), x => Linea.Linalg.Pinv(x, hermitian: true), "pinv hermitian");
        }
    }

    [Fact]
    public void Pinv_of_empty_stacks_and_errors()
    {
        Assert.Equal([0, 4, 3], Linea.Linalg.Pinv(NDArray.Zeros<double>(0, 3, 4)).Shape.ToIntArray());
        Assert.Equal([2, 3, 0], Linea.Linalg.Pinv(NDArray.Zeros<double>(2, 0, 3)).Shape.ToIntArray());
        Assert.Equal([2, 0, 0], Linea.Linalg.Pinv(NDArray.Zeros<double>(2, 0, 0), hermitian: true).Shape.ToIntArray());
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Pinv(NDArray.Zeros<double>(2, 3, 4), hermitian: true));
        var stack = RectStack(4, 3, 20);
        stack[1, 2, 3, 0] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Pinv(stack));
        Assert.StartsWith("pinv: matrix [1, 2] of the stack (2, 3, 4, 3)", e.Message);
        Assert.Contains("NaN at [3, 0]", e.Message);
    }

    // ---- qr ----

    [Theory]
    [InlineData(5, 3)] [InlineData(3, 5)] [InlineData(4, 4)]
    public void Qr_of_a_stack_is_qr_of_each_matrix(int m, int n)
    {
        var stack = RectStack(m, n, 30);
        int k = Math.Min(m, n);
        foreach (var mode in new[] { QrMode.Reduced, QrMode.Complete })
        {
            var (q, r) = Linea.Linalg.Qr(stack, mode);
            int rows = mode == QrMode.Complete ? m : k;
            Assert.Equal([2, 3, m, rows], q.Shape.ToIntArray());
            Assert.Equal([2, 3, rows, n], r.Shape.ToIntArray());
            EachMatches(stack, q, x => Linea.Linalg.Qr(x, mode).Q, $"qr {mode} Q");
            EachMatches(stack, r, x => Linea.Linalg.Qr(x, mode).R, $"qr {mode} R");
        }
        EachMatches(stack, Linea.Linalg.QrR(stack), x => Linea.Linalg.QrR(x), "qr r");
        foreach (var (layout, view) in Layouts(stack)) EachMatches(view, Linea.Linalg.Qr(view).Q, x => Linea.Linalg.Qr(x).Q, layout);
        Assert.Equal([0, 2, m, k], Linea.Linalg.Qr(NDArray.Zeros<double>(0, 2, m, n)).Q.Shape.ToIntArray());
        Assert.Equal([3, 0, n], Linea.Linalg.QrR(NDArray.Zeros<double>(3, 0, n)).Shape.ToIntArray());
        stack[0, 1, 0, 0] = double.PositiveInfinity;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Qr(stack));
        Assert.StartsWith($"qr: matrix [0, 1] of the stack (2, 3, {m}, {n})", e.Message);
    }

    // ---- matrix_power ----

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(5)] [InlineData(-1)] [InlineData(-3)]
    public void Matrix_power_of_a_stack_is_the_power_of_each_matrix(int k)
    {
        var stack = StackOf([2, 3], Enumerable.Range(0, 6).Select(i => Generators.Normal<double>([4, 4], 40 + (ulong)i) + NDArray.Eye<double>(4) * 3).ToArray());
        var p = Linea.Linalg.MatrixPower(stack, k);
        Assert.Equal([2, 3, 4, 4], p.Shape.ToIntArray());
        EachMatches(stack, p, x => Linea.Linalg.MatrixPower(x, k), $"power {k}");
        foreach (var (layout, view) in Layouts(stack)) EachMatches(view, Linea.Linalg.MatrixPower(view, k), x => Linea.Linalg.MatrixPower(x, k), layout);
        var one = stack[1, 1, .., ..].BroadcastTo(2, 3, 4, 4);
        EachMatches(one, Linea.Linalg.MatrixPower(one, k), x => Linea.Linalg.MatrixPower(x, k), "broadcast");
        Assert.Equal([0, 3, 3], Linea.Linalg.MatrixPower(NDArray.Zeros<double>(0, 3, 3), k).Shape.ToIntArray());
        Assert.Equal([2, 0, 0], Linea.Linalg.MatrixPower(NDArray.Zeros<double>(2, 0, 0), k).Shape.ToIntArray());
    }

    [Fact]
    public void Negative_matrix_power_of_a_stack_names_the_singular_matrix()
    {
        var stack = NDArray.Zeros<double>(2, 2, 3, 3) + NDArray.Eye<double>(3);
        stack[1, 0, 2, 2] = 0;
        var e = Assert.Throws<SingularMatrixException>(() => Linea.Linalg.MatrixPower(stack, -2));
        Assert.Contains("matrix [1, 0] of the stack", e.Message);
        Assert.Equal(2, e.PivotIndex);
    }

    // ---- det / slogdet ----

    [Fact]
    public void Det_and_slogdet_of_a_stack_are_those_of_each_matrix()
    {
        var stack = StackOf([2, 3], Enumerable.Range(0, 6).Select(i => Generators.Normal<double>([5, 5], 50 + (ulong)i)).ToArray());
        stack[1, 1, .., ..].Assign(MatrixGenerators.RankDeficient<double>(5, 5, 2, 56)); // numerically singular
        stack[0, 2, .., ..].Assign(NDArray.Diag(NDArray.FromArray(new double[] { 2, -3, 0.5, 4, 1 })));
        stack[1, 2, .., ..].Fill(0);                                                       // exactly singular
        var d = Linea.Linalg.DetStack(stack);
        EachScalarMatches(stack, d, x => Linea.Linalg.Det(x), "det");
        Assert.Equal(-12.0, d[0, 2]);   // a diagonal matrix: the product of the pivots is exact
        Assert.Equal(0.0, d[1, 2]);
        var (sign, logAbs) = Linea.Linalg.SlogdetStack(stack);
        EachScalarMatches(stack, sign, x => Linea.Linalg.Slogdet(x).Sign, "slogdet sign");
        EachScalarMatches(stack, logAbs, x => Linea.Linalg.Slogdet(x).LogAbsDet, "slogdet log");
        Assert.Equal(-1.0, sign[0, 2]);
        Assert.True(Math.Abs(logAbs[0, 2] - Math.Log(12)) <= 8 * NumAssert.Eps<double>() * Math.Log(12), $"log |det| {logAbs[0, 2]}");
        Assert.Equal((0.0, double.NegativeInfinity), (sign[1, 2], logAbs[1, 2]));
        foreach (var (layout, view) in Layouts(stack))
        {
            EachScalarMatches(view, Linea.Linalg.DetStack(view), x => Linea.Linalg.Det(x), layout);
            EachScalarMatches(view, Linea.Linalg.SlogdetStack(view).LogAbsDet, x => Linea.Linalg.Slogdet(x).LogAbsDet, layout);
        }
        var one = stack[0, 0, .., ..].BroadcastTo(3, 2, 5, 5);
        EachScalarMatches(one, Linea.Linalg.DetStack(one), x => Linea.Linalg.Det(x), "broadcast");
        var f = MatrixGenerators.Cast<float>(stack);
        EachScalarMatches(f, Linea.Linalg.DetStack(f), x => Linea.Linalg.Det(x), "float");
        // A single matrix gives a 0-d tensor holding Det.
        var single = Linea.Linalg.DetStack(stack[0, 0, .., ..]);
        Assert.Equal(0, single.Rank);
        SameBits(Linea.Linalg.Det(stack[0, 0, .., ..]), single.Item(), "0-d det");
    }

    [Fact]
    public void Det_and_slogdet_of_empty_stacks_and_errors()
    {
        NumAssert.Equal([1.0, 1.0], Linea.Linalg.DetStack(NDArray.Zeros<double>(2, 0, 0)));
        var (s0, l0) = Linea.Linalg.SlogdetStack(NDArray.Zeros<double>(2, 0, 0));
        NumAssert.Equal([1.0, 1.0], s0);
        NumAssert.Equal([0.0, 0.0], l0);
        Assert.Equal([0, 3], Linea.Linalg.DetStack(NDArray.Zeros<double>(0, 3, 4, 4)).Shape.ToIntArray());
        Assert.Equal([0], Linea.Linalg.SlogdetStack(NDArray.Zeros<double>(0, 4, 4)).Sign.Shape.ToIntArray());
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.DetStack(NDArray.Zeros<double>(2, 3, 4)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.SlogdetStack(NDArray.Zeros<double>(3)));
        var single = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Det(NDArray.Zeros<double>(2, 3, 3)));
        Assert.Contains("DetStack", single.Message);
        Assert.Contains("SlogdetStack", Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Slogdet(NDArray.Zeros<double>(2, 3, 3))).Message);
        var stack = NDArray.Zeros<double>(2, 2, 3, 3) + NDArray.Eye<double>(3);
        stack[0, 1, 1, 2] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.DetStack(stack));
        Assert.StartsWith("det: matrix [0, 1] of the stack (2, 2, 3, 3)", e.Message);
        Assert.Contains("NaN at [1, 2]", e.Message);
        Assert.StartsWith("slogdet: matrix [0, 1] of the stack", Assert.Throws<NonFiniteException>(() => Linea.Linalg.SlogdetStack(stack)).Message);
    }

    // ---- matrix_rank ----

    [Fact]
    public void Matrix_rank_of_a_stack_is_the_rank_of_each_matrix()
    {
        int[] ranks = [0, 1, 3, 5, 2, 4];
        var stack = StackOf([2, 3], ranks.Select((r, i) => MatrixGenerators.RankDeficient<double>(7, 5, r, 60 + (ulong)i)).ToArray());
        var r = Linea.Linalg.MatrixRankStack(stack);
        Assert.Equal([2, 3], r.Shape.ToIntArray());
        NumAssert.Equal(ranks.Select(x => (double)x).ToArray(), r);
        EachScalarMatches(stack, r, x => (double)Linea.Linalg.MatrixRank(x), "rank");
        EachScalarMatches(stack, Linea.Linalg.MatrixRankStack(stack, tol: 1e-3), x => (double)Linea.Linalg.MatrixRank(x, tol: 1e-3), "rank tol");
        foreach (var (layout, view) in Layouts(stack)) NumAssert.Equal(ranks.Select(x => (double)x).ToArray(), Linea.Linalg.MatrixRankStack(view));
        var f = MatrixGenerators.Cast<float>(stack);
        NumAssert.Equal(ranks.Select(x => (float)x).ToArray(), Linea.Linalg.MatrixRankStack(f));
        NumAssert.Equal([3.0, 3.0], Linea.Linalg.MatrixRankStack(stack[0, 2, .., ..].BroadcastTo(2, 7, 5)));
        Assert.Equal(5.0, Linea.Linalg.MatrixRankStack(stack[1, 0, .., ..]).Item());
    }

    [Fact]
    public void Matrix_rank_of_empty_stacks_and_errors()
    {
        NumAssert.Equal([0.0, 0.0], Linea.Linalg.MatrixRankStack(NDArray.Zeros<double>(2, 0, 3)));
        Assert.Equal([0, 2], Linea.Linalg.MatrixRankStack(NDArray.Zeros<double>(0, 2, 3, 3)).Shape.ToIntArray());
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.MatrixRankStack(NDArray.Zeros<double>(3)));
        Assert.Contains("MatrixRankStack", Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.MatrixRank(NDArray.Zeros<double>(2, 3, 3))).Message);
        var stack = NDArray.Zeros<double>(3, 4, 2);
        stack[2, 0, 1] = double.NegativeInfinity;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.MatrixRankStack(stack));
        Assert.StartsWith("matrix_rank: matrix [2] of the stack (3, 4, 2)", e.Message);
        Assert.Contains("at [0, 1]", e.Message);
    }

    // ---- cond ----

    public static TheoryData<double> CondOrders => new() { 2, -2, 1, -1, double.PositiveInfinity, double.NegativeInfinity };

    [Theory, MemberData(nameof(CondOrders))]
    public void Cond_of_a_stack_is_cond_of_each_matrix(double p)
    {
        var stack = RectStack(5, 5, 70);
        stack[1, 2, .., ..].Assign(NDArray.Diag(NDArray.FromArray(new double[] { 4, 2, 1, 0.5, 0.25 }))); // cond 16 in every norm
        var c = Linea.Linalg.CondStack(stack, p);
        EachScalarMatches(stack, c, x => Linea.Linalg.Cond(x, p), $"cond p={p}");
        Assert.Equal(double.PositiveInfinity, c[1, 0]);                   // the zero matrix
        if (p is 2 or 1 or double.PositiveInfinity) Assert.Equal(16.0, c[1, 2]);
        if (p is -2) Assert.Equal(1.0 / 16, c[1, 2]);
        foreach (var (layout, view) in Layouts(stack)) EachScalarMatches(view, Linea.Linalg.CondStack(view, p), x => Linea.Linalg.Cond(x, p), layout);
        if (p is 2 or -2)
        {
            var wide = RectStack(3, 6, 71);
            EachScalarMatches(wide, Linea.Linalg.CondStack(wide, p), x => Linea.Linalg.Cond(x, p), "wide");
        }
    }

    [Fact]
    public void Cond_of_a_stack_in_fro_and_nuc_and_the_default()
    {
        var stack = RectStack(4, 4, 80);
        foreach (var p in new[] { "fro", "nuc" })
            EachScalarMatches(stack, Linea.Linalg.CondStack(stack, p), x => Linea.Linalg.Cond(x, p), $"cond {p}");
        EachScalarMatches(stack, Linea.Linalg.CondStack(stack), x => Linea.Linalg.Cond(x), "cond default");
        var one = stack[0, 0, .., ..].BroadcastTo(2, 4, 4);
        EachScalarMatches(one, Linea.Linalg.CondStack(one, "fro"), x => Linea.Linalg.Cond(x, "fro"), "broadcast");
    }

    [Fact]
    public void Cond_of_empty_stacks_and_errors()
    {
        Assert.Equal([0], Linea.Linalg.CondStack(NDArray.Zeros<double>(0, 3, 3)).Shape.ToIntArray());
        Assert.Equal([0, 2], Linea.Linalg.CondStack(NDArray.Zeros<double>(0, 2, 3, 3), "nuc").Shape.ToIntArray());
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.CondStack(NDArray.Zeros<double>(2, 0, 0)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.CondStack(NDArray.Zeros<double>(2, 3, 4), 1));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.CondStack(NDArray.Zeros<double>(2, 3, 4), "fro"));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.CondStack(NDArray.Zeros<double>(2, 3, 3), 3));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.CondStack(NDArray.Zeros<double>(2, 3, 3), "bogus"));
        Assert.Contains("CondStack", Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Cond(NDArray.Zeros<double>(2, 3, 3))).Message);
        var stack = NDArray.Zeros<double>(2, 3, 3, 3) + NDArray.Eye<double>(3);
        stack[1, 0, 0, 2] = double.NaN;
        foreach (var call in new Func<NDArray<double>>[] { () => Linea.Linalg.CondStack(stack), () => Linea.Linalg.CondStack(stack, 1), () => Linea.Linalg.CondStack(stack, "fro") })
        {
            var e = Assert.Throws<NonFiniteException>(() => call());
            Assert.StartsWith("cond: matrix [1, 0] of the stack (2, 3, 3, 3)", e.Message);
            Assert.Contains("NaN at [0, 2]", e.Message);
        }
    }

    // ---- norm over two axes ----

    public static TheoryData<double> MatrixNormOrders => new() { 1, -1, 2, -2, double.PositiveInfinity, double.NegativeInfinity };

    [Theory, MemberData(nameof(MatrixNormOrders))]
    public void Matrix_norm_over_the_last_two_axes_is_the_norm_of_each_matrix(double ord)
    {
        var stack = RectStack(4, 6, 90);
        var r = Linea.Linalg.Norm(stack, ord, (-2, -1));
        EachScalarMatches(stack, r, x => Linea.Linalg.Norm(x, ord), $"norm {ord}");
        // Rows along the last axis: the norm of each matrix's transpose.
        EachScalarMatches(stack, Linea.Linalg.Norm(stack, ord, (-1, -2)), x => Linea.Linalg.Norm(x.T, ord), $"norm {ord} (-1, -2)");
        Assert.Equal([2, 3, 1, 1], Linea.Linalg.Norm(stack, ord, (-2, -1), keepdims: true).Shape.ToIntArray());
        SameBits(r, Linea.Linalg.Norm(stack, ord, (2, 3), keepdims: true).Reshape(2, 3), $"norm {ord} keepdims");
        // Matrix axes in the middle: x of shape (4, 3, 6) with rows on axis 0 and columns on axis 2.
        var x = stack[0, .., .., ..].Transpose(1, 0, 2);
        var mid = Linea.Linalg.Norm(x, ord, (0, 2));
        Assert.Equal([3], mid.Shape.ToIntArray());
        for (int j = 0; j < 3; j++) SameBits(Linea.Linalg.Norm(x[.., j, ..], ord), mid[j], $"norm {ord} axes (0, 2) [{j}]");
        Assert.Equal([1, 3, 1], Linea.Linalg.Norm(x, ord, (0, 2), keepdims: true).Shape.ToIntArray());
        // A 2-d x gives a 0-d tensor; a broadcast stack repeats one value.
        SameBits(Linea.Linalg.Norm(stack[0, 0, .., ..], ord), Linea.Linalg.Norm(stack[0, 0, .., ..], ord, (0, 1)).Item(), "2-d");
        var b = stack[1, 1, .., ..].BroadcastTo(2, 4, 6);
        EachScalarMatches(b, Linea.Linalg.Norm(b, ord, (-2, -1)), m => Linea.Linalg.Norm(m, ord), "broadcast");
        foreach (var (layout, view) in Layouts(stack))
            EachScalarMatches(view, Linea.Linalg.Norm(view, ord, (-2, -1)), m => Linea.Linalg.Norm(m, ord), layout);
    }

    [Fact]
    public void Fro_and_nuc_norms_over_two_axes_and_errors()
    {
        var stack = RectStack(5, 3, 100);
        foreach (var ord in new[] { "fro", "nuc" })
        {
            EachScalarMatches(stack, Linea.Linalg.Norm(stack, ord, (-2, -1)), x => Linea.Linalg.Norm(x, ord), $"norm {ord}");
            Assert.Equal([2, 1, 1, 3], Linea.Linalg.Norm(stack, ord, (1, 2), keepdims: true).Shape.ToIntArray());
        }
        // Hand-checked: the Frobenius norm of a matrix of ones (5 x 3) is sqrt(15).
        Assert.Equal(Math.Sqrt(15), Linea.Linalg.Norm(NDArray.Ones<double>(2, 5, 3), "fro", (-2, -1))[1], 15);
        Assert.Equal([0], Linea.Linalg.Norm(NDArray.Zeros<double>(0, 3, 3), 2, (-2, -1)).Shape.ToIntArray());
        Assert.Equal([0], Linea.Linalg.Norm(NDArray.Zeros<double>(0, 3, 3), "nuc", (-2, -1)).Shape.ToIntArray());
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(stack, 2, (1, -3)));
        Assert.Throws<AxisOutOfRangeException>(() => Linea.Linalg.Norm(stack, 2, (0, 4)));
        Assert.Throws<AxisOutOfRangeException>(() => Linea.Linalg.Norm(stack, "fro", (-5, 0)));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(stack, 3, (-2, -1)));
        Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(stack, "bogus", (-2, -1)));
        Assert.Contains("axes (-2, -1)", Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(stack, 2)).Message);
        Assert.Contains("axes (-2, -1)", Assert.Throws<ArgumentException>(() => Linea.Linalg.Norm(stack, "nuc")).Message);
        stack[0, 2, 4, 1] = double.NaN;
        foreach (var call in new Action[] { () => Linea.Linalg.Norm(stack, 2, (-2, -1)), () => Linea.Linalg.Norm(stack, "nuc", (-2, -1)) })
        {
            var e = Assert.Throws<NonFiniteException>(call);
            Assert.StartsWith("norm: matrix [0, 2] of the stack (2, 3, 5, 3)", e.Message);
            Assert.Contains("NaN at [4, 1]", e.Message);
        }
    }
}
