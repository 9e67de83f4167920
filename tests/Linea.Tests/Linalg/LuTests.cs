using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class LuTests
{
    public static readonly int[] Sizes = [0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 65, 100, 257];

    public static IEnumerable<object[]> SizeData() => Sizes.Select(n => new object[] { n });

    private static void RandomCase<T>(int n, LuParams? p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Generators.Normal<T>([n, n], (ulong)(n + 1));
        var lu = a.Lu(p);
        Assert.False(lu.IsSingular && n > 0 && n < 200); // random Gaussian: singular with probability 0
        Checks.Below(Checks.LuRatio(a, lu), $"{typeof(T).Name} n={n} ||PA - LU||");
        if (n == 0) return;
        var b = Generators.Normal<T>([n, 3], 99);
        var x = lu.Solve(b);
        Checks.Below(Checks.SolveRatio(a, x, b), $"{typeof(T).Name} n={n} ||Ax - b||");
        var xt = lu.SolveTransposed(b);
        Checks.Below(Checks.SolveRatio(a.T, xt, b), $"{typeof(T).Name} n={n} ||A^T x - b||");
        // |L| <= 1 with partial pivoting
        foreach (var v in lu.L.ToArray()) Assert.True(T.Abs(v) <= T.One);
    }

    [Theory, MemberData(nameof(SizeData))]
    public void Random_double(int n) => RandomCase<double>(n, null);

    [Theory, MemberData(nameof(SizeData))]
    public void Random_float(int n) => RandomCase<float>(n, null);

    [Theory, MemberData(nameof(SizeData))]
    public void Random_double_recursion_forced_to_single_columns(int n) => RandomCase<double>(n, new LuParams(1));

    [Theory, MemberData(nameof(SizeData))]
    public void Random_float_recursion_threshold_3(int n) => RandomCase<float>(n, new LuParams(3));

    [Theory]
    [InlineData(320)]
    [InlineData(451)]
    [InlineData(603)]
    public void Large_enough_to_split_trsm_across_threads(int n)
    {
        RandomCase<double>(n, null);
        RandomCase<float>(n, null);
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(3, 5)]
    [InlineData(70, 33)]
    [InlineData(33, 70)]
    [InlineData(1, 4)]
    [InlineData(4, 1)]
    public void Rectangular(int m, int n)
    {
        foreach (var p in new[] { LuParams.Auto, new LuParams(2) })
        {
            var a = Generators.Normal<double>([m, n], 5);
            var lu = a.Lu(p);
            Assert.Equal([m, Math.Min(m, n)], lu.L.Shape.ToIntArray());
            Assert.Equal([Math.Min(m, n), n], lu.U.Shape.ToIntArray());
            Checks.Below(Checks.LuRatio(a, lu), $"{m}x{n}");
            var rec = lu.Reconstruct();
            Assert.True(Checks.Fro(rec - a) <= 30 * n * NumAssert.Eps<double>() * Checks.Fro(a));
        }
    }

    [Fact]
    public void Non_contiguous_views_factor_like_their_copies()
    {
        foreach (var (layout, view) in Checks.Layouts(Generators.Normal<double>([33, 33], 11)))
        {
            var lu = view.Lu(new LuParams(4));
            Checks.Below(Checks.LuRatio(view, lu), layout);
            var reference = view.Copy().Lu(new LuParams(4));
            NumAssert.Equal(reference.PackedFactors, lu.PackedFactors);
        }
    }

    [Fact]
    public void In_place_on_a_strided_view()
    {
        foreach (var (layout, view) in Checks.Layouts(Generators.Normal<float>([20, 20], 12)))
        {
            var original = view.Copy();
            var piv = new int[20];
            int info = LuFactorization.FactorInPlace(view, piv, new LuParams(3));
            Assert.Equal(-1, info);
            var expected = original.Lu(new LuParams(3));
            // Strided storage takes scalar loops instead of span kernels, so the last bits may differ; the factors may not.
            double diff = Checks.Fro(expected.PackedFactors - view) / (Checks.Fro(expected.PackedFactors) * 20 * NumAssert.Eps<float>());
            Checks.Below(diff, layout + ": in-place factors vs. factors of the copy (normwise)");
            Assert.Equal(expected.Pivots, piv);
        }
    }

    [Fact]
    public void Structured_matrices_have_small_backward_error()
    {
        var cases = new List<(string, NDArray<double>)>
        {
            ("diagonal", NDArray.Diag(NDArray.FromArray(Enumerable.Range(1, 20).Select(i => i * (i % 3 == 0 ? -1.0 : 1.0)).ToArray()))),
            ("rank-deficient", MatrixGenerators.RankDeficient<double>(40, 40, 20, 3)),
            ("graded", MatrixGenerators.Graded<double>(50, 50, 12, 4)),
            ("hilbert12", MatrixGenerators.Hilbert<double>(12)),
            ("kahan", MatrixGenerators.Kahan<double>(40)),
            ("ill-conditioned", MatrixGenerators.WithSingularValues<double>(30, 30, Enumerable.Range(0, 30).Select(i => Math.Pow(1e-14, i / 29.0)).ToArray(), 5)),
        };
        foreach (var (name, a) in cases)
            foreach (var p in new[] { LuParams.Auto, new LuParams(2) })
                Checks.Below(Checks.LuRatio(a, a.Lu(p)), name);
    }

    [Fact]
    public void Hilbert12_is_solved_with_a_small_residual_and_a_tiny_rcond()
    {
        var h = MatrixGenerators.Hilbert<double>(12);
        var lu = h.Lu();
        Assert.False(lu.IsSingular);
        double rcond = lu.RCond;
        // cond_1(H12) is about 4e16 (LAPACK's estimate 2.6e-17 for rcond).
        Assert.InRange(rcond, 1e-18, 1e-15);
        var b = NDArray.Ones<double>(12);
        var x = lu.Solve(b);
        Checks.Below(Checks.SolveRatio(h, x.Reshape(12, 1), b.Reshape(12, 1)), "hilbert12 solve");
    }

    [Fact]
    public void Zero_matrix_is_singular_with_status_not_exception()
    {
        var z = NDArray.Zeros<double>(4, 4);
        Assert.False(LuDecomposition<double>.TryFactor(z, out var lu));
        Assert.True(lu.IsSingular);
        Assert.Equal(0, lu.ZeroPivotIndex);
        Assert.Equal(0.0, lu.Determinant);
        Assert.Equal(0.0, lu.RCond);
        Assert.Equal(double.NegativeInfinity, lu.LogAbsDeterminant);
        Assert.Equal(0, Checks.LuRatio(z, lu));
        var ex = Assert.Throws<SingularMatrixException>(() => lu.Solve(NDArray.Ones<double>(4)));
        Assert.Equal(0, ex.PivotIndex);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(555)]
    public void Large_singular_names_the_first_zero_pivot(int zeroColumn)
    {
        // A zero column stays zero under elimination: the first exactly zero pivot is that column's.
        int n = 700;
        var a = Generators.Normal<double>([n, n], 7);
        for (int i = 0; i < n; i++) a[i, zeroColumn] = 0;
        var lu = a.Lu();
        Assert.True(lu.IsSingular);
        Assert.Equal(zeroColumn, lu.ZeroPivotIndex);
        Checks.Below(Checks.LuRatio(a, lu), "large singular");
    }

    [Fact]
    public void Singular_pivot_index_is_the_first_zero_pivot()
    {
        // Third column = first + second: elimination meets an exact zero at pivot 2.
        var a = NDArray.FromArray(new double[,] { { 1, 2, 3, 4 }, { 2, 1, 3, 0 }, { 4, 4, 8, 1 }, { 0, 1, 1, 5 } });
        var lu = a.Lu();
        Assert.True(lu.IsSingular);
        Assert.Equal(2, lu.ZeroPivotIndex);
        Checks.Below(Checks.LuRatio(a, lu), "singular");
    }

    [Fact]
    public void Permutation_matrix_and_array_agree()
    {
        var a = Generators.Normal<double>([6, 6], 21);
        var lu = a.Lu();
        var perm = lu.Permutation;
        var pa = lu.P.MatMul(a);
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) Assert.Equal(a[perm[i], j], pa[i, j]);
        Assert.Equal(perm.OrderBy(v => v), Enumerable.Range(0, 6));
    }

    [Fact]
    public void Determinant_sign_and_log()
    {
        var a = NDArray.FromArray(new double[,] { { 0, 2 }, { 3, 1 } }); // det = -6, needs a row swap
        var lu = a.Lu();
        Assert.Equal(-6.0, lu.Determinant, 14);
        Assert.Equal(-1.0, lu.DeterminantSign);
        Assert.Equal(Math.Log(6), lu.LogAbsDeterminant, 14);
        var one = NDArray.FromArray(new float[,] { { -2.5f } }).Lu();
        Assert.Equal(-2.5f, one.Determinant);
        Assert.Equal(-1f, one.DeterminantSign);
    }

    [Fact]
    public void RCond_is_within_a_factor_of_the_true_value()
    {
        foreach (double cond in new[] { 1.0, 1e3, 1e8 })
        {
            var a = MatrixGenerators.WithSingularValues<double>(25, 25, Enumerable.Range(0, 25).Select(i => Math.Pow(1 / cond, i / 24.0)).ToArray(), 8);
            var lu = a.Lu();
            var inv = lu.Inverse();
            double trueRcond = 1 / (Norm1(a) * Norm1(inv));
            Assert.InRange(lu.RCond, trueRcond / 1.0001, trueRcond * 10);
        }
    }

    internal static double Norm1(NDArray<double> a) =>
        Enumerable.Range(0, (int)a.Dims[1]).Max(j => Enumerable.Range(0, (int)a.Dims[0]).Sum(i => Math.Abs(a[i, j])));

    [Fact]
    public void Nan_input_is_rejected()
    {
        var a = NDArray.Eye<double>(3);
        a[1, 2] = double.NaN;
        Assert.Throws<NonFiniteException>(() => a.Lu());
    }

    [Fact]
    public void Square_only_members_explain_themselves()
    {
        var lu = Generators.Normal<double>([3, 4], 1).Lu();
        var ex = Assert.Throws<InvalidOperationException>(() => lu.Determinant);
        Assert.Contains("3 x 4", ex.Message);
    }
}
