using Linea.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class LstsqTests(ITestOutputHelper output)
{
    private static double Eps => NumAssert.Eps<double>();
    private static double Fro(NDArray<double> a) => MatrixGenerators.FrobeniusNorm(a);

    [Fact]
    public void Overdetermined_full_rank_matches_qr_and_normal_equations()
    {
        var a = Generators.Normal<double>([50, 7], 1);
        var b = Generators.Normal<double>([50], 2);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(7, r.Rank);
        Assert.False(r.RankDeficient);
        Assert.Null(r.Warning);
        NumAssert.Close(a.Qr().Solve(b), r.Solution, 1e3);
        var res = b - a.MatMul(r.Solution);
        // A^T r = 0 to rounding: ||A^T r|| <= c n eps ||A|| (||A|| ||x|| + ||b||).
        double atr = Fro(a.T.MatMul(res));
        Assert.True(atr <= 30 * 50 * Eps * Fro(a) * (Fro(a) * Fro(r.Solution) + Fro(b)), $"||A^T r|| = {atr}");
        // Residuals: numpy's squared norm of b - A x, shape (1,) for a vector b.
        Assert.Equal(new Shape([1]), r.Residuals.Shape);
        Assert.Equal(NDArray.Dot(res, res), r.Residuals[0], 1e-12 * NDArray.Dot(b, b));
        Assert.Equal(new Shape([7]), r.SingularValues.Shape);
    }

    [Fact]
    public void Matrix_right_hand_side_and_float()
    {
        var a = Generators.Normal<float>([30, 5], 3);
        var b = Generators.Normal<float>([30, 4], 4);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(new Shape([5, 4]), r.Solution.Shape);
        Assert.Equal(new Shape([4]), r.Residuals.Shape);
        for (int j = 0; j < 4; j++)
        {
            var x = Linea.Linalg.Lstsq(a, b[.., j]).Solution;
            NumAssert.Close(x, r.Solution[.., j].Copy(), 100);
        }
    }

    [Fact]
    public void Underdetermined_gives_minimum_norm()
    {
        var a = Generators.Normal<double>([4, 9], 5);
        var b = Generators.Normal<double>([4], 6);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(4, r.Rank);
        Assert.False(r.RankDeficient);
        Assert.Equal(0, r.Residuals.Size);
        var x = r.Solution;
        Assert.True(Fro(a.MatMul(x) - b) <= 100 * Eps * Fro(a) * Fro(x), "A x = b");
        // Minimum norm: x lies in the row space, x = A^T y with (A A^T) y = b; orthogonal to the null space.
        var y = (a.MatMul(a.T)).Qr().Solve(b);
        NumAssert.Close(a.T.MatMul(y), x, 1e4);
        // The complete Q of A^T spans the null space of A in its last 5 columns.
        var qt = a.T.Qr().GetQ(QrMode.Complete)[.., 4..];
        Assert.True(Fro(qt.T.MatMul(x)) <= 100 * Eps * Fro(x));
        // Badly scaled columns must not change which solution has minimum norm.
        var scaledCols = a * NDArray.FromArray(new double[] { 1, 1e3, 1e-3, 1, 7, 1, 1e5, 1, 1 });
        var xs = Linea.Linalg.Lstsq(scaledCols, b).Solution;
        var ns = scaledCols.T.Qr().GetQ(QrMode.Complete)[.., 4..];
        // cond(A) is about 1e8 here, so the computed null space itself is only accurate to about 1e8 eps; a solution
        // that minimised a column-scaled norm would have an O(1) component.
        Assert.True(Fro(ns.T.MatMul(xs)) <= 1e-9 * Fro(xs), $"scaled columns: null-space component {Fro(ns.T.MatMul(xs)):E2}");
        Assert.True(Fro(scaledCols.MatMul(xs) - b) <= 1000 * Eps * Fro(scaledCols) * Fro(xs));
    }

    [Fact]
    public void Rank_deficient_sets_the_flag_and_gives_minimum_norm()
    {
        var a = MatrixGenerators.RankDeficient<double>(30, 10, 4, 7);
        var b = Generators.Normal<double>([30], 8);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(4, r.Rank);
        Assert.True(r.RankDeficient);
        Assert.Contains("rank 4 of 10", r.Warning);
        Assert.Equal(0, r.Residuals.Size); // numpy: empty when rank < n
        var s = r.SingularValues;
        Assert.Equal(10, s.Size);
        Assert.True(s[4] <= 1e-13 * s[0]);
        // Same answer as for the exactly factored problem: A = L Rt with full-rank factors; x+ = Rt^+ L^+ b.
        var x = r.Solution;
        var res = b - a.MatMul(x);
        Assert.True(Fro(a.T.MatMul(res)) <= 1e-10 * Fro(a) * Fro(b));
        // x orthogonal to the null space of A: x in range(A^T).
        var qa = a.T.ColPivQr();
        var basis = qa.Q[.., ..4];
        var proj = basis.MatMul(basis.T.MatMul(x));
        Assert.True(Fro(proj - x) <= 1e-10 * Fro(x), $"x leaves the row space by {Fro(proj - x)}");
        // An explicit rcond that cuts nothing in a full-rank problem; one that cuts.
        var full = Generators.Normal<double>([20, 6], 9);
        Assert.False(Linea.Linalg.Lstsq(full, Generators.Normal<double>([20], 1)).RankDeficient);
        var cut = Linea.Linalg.Lstsq(MatrixGenerators.WithSingularValues<double>(20, 6, [1, 1, 1, 1, 1e-3, 1e-9], 3), Generators.Normal<double>([20], 1), rcond: 1e-6);
        Assert.Equal(5, cut.Rank);
        Assert.True(cut.RankDeficient);
    }

    [Fact]
    public void Singular_values_are_accurate()
    {
        double[] sigma = [10, 3, 1, 1e-3, 1e-8];
        var a = MatrixGenerators.WithSingularValues<double>(12, 5, sigma, 2);
        var s = Linea.Linalg.Lstsq(a, NDArray.Ones<double>(12)).SingularValues;
        for (int i = 0; i < 5; i++)
            Assert.True(Math.Abs(s[i] - sigma[i]) <= 100 * Eps * sigma[0], $"sigma {i}: {s[i]} vs {sigma[i]}");
    }

    [Fact]
    public void Refinement_recovers_digits()
    {
        // A consistent, ill-conditioned system (cond about 1e10 after column scaling): the exact least-squares solution
        // of the stored (A, b) is the double-double one; refinement must move towards it.
        var a = MatrixGenerators.Hilbert<double>(12)[.., ..8].Copy();
        var b = a.MatMul(NDArray.Ones<double>(8));
        var exact = Linea.Linalg.Lstsq(a, b, precision: LstsqPrecision.DoubleDouble).Solution;
        var plain = Linea.Linalg.Lstsq(a, b);
        var refined = Linea.Linalg.Lstsq(a, b, refine: true);
        double e0 = Fro(plain.Solution - exact), e1 = Fro(refined.Solution - exact);
        output.WriteLine($"Hilbert 12x8: distance to the exact solution {e0:E2} plain, {e1:E2} refined ({refined.RefinementSteps} steps)");
        Assert.True(refined.RefinementSteps >= 1);
        Assert.True(e1 <= e0 / 10, $"refined {e1:E2}, plain {e0:E2}");
    }

    [Fact]
    public void Shapes_and_errors()
    {
        var a = NDArray.Zeros<double>(5, 3);
        var ex = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Lstsq(a, NDArray.Zeros<double>(4)));
        Assert.Contains("(5, 3)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Lstsq(NDArray.Zeros<double>(5), NDArray.Zeros<double>(5)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Lstsq(a, NDArray.Zeros<double>(5, 2, 1)));
        var nan = NDArray.Ones<double>(5); nan[2] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Lstsq(NDArray.Ones<double>(5, 3), nan));
        Assert.Throws<ArgumentOutOfRangeException>(() => Linea.Linalg.Lstsq(NDArray.Ones<double>(5, 3), NDArray.Ones<double>(5), rcond: -1));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Lstsq(NDArray.Ones<double>(2, 3), NDArray.Ones<double>(2), precision: LstsqPrecision.DoubleDouble));
        Assert.Throws<SingularMatrixException>(() => Linea.Linalg.Lstsq(NDArray.Ones<double>(4, 2), NDArray.Ones<double>(4), precision: LstsqPrecision.DoubleDouble));
        // The zero matrix: rank 0, x = 0, flagged.
        var z = Linea.Linalg.Lstsq(a, NDArray.Ones<double>(5));
        Assert.Equal(0, z.Rank);
        Assert.True(z.RankDeficient);
        NumAssert.Equal(NDArray.Zeros<double>(3), z.Solution);
        var (x, res, rank, s) = Linea.Linalg.Lstsq(NDArray.Eye<double>(3), NDArray.Ones<double>(3));
        NumAssert.Close(NDArray.Ones<double>(3), x, 4);
        Assert.Equal(0, res.Size); // m == n: numpy returns empty residuals
        Assert.Equal(3, rank);
        Assert.Equal(3, s.Size);
    }

    [Fact]
    public void Empty_shapes()
    {
        var r0 = Linea.Linalg.Lstsq(NDArray.Zeros<double>(3, 0), NDArray.Ones<double>(3));
        Assert.Equal(new Shape([0]), r0.Solution.Shape);
        Assert.Equal(0, r0.Rank);
        var r1 = Linea.Linalg.Lstsq(NDArray.Zeros<double>(0, 3), NDArray.Zeros<double>(0));
        Assert.Equal(new Shape([3]), r1.Solution.Shape);
        NumAssert.Equal(NDArray.Zeros<double>(3), r1.Solution);
        var r2 = Linea.Linalg.Lstsq(NDArray.Ones<double>(1, 1) * 2, NDArray.Ones<double>(1, 2) * 4);
        NumAssert.Equal(new double[] { 2, 2 }, r2.Solution);
    }

    [Fact]
    public void Double_double_arithmetic()
    {
        var third = DoubleDouble.One / 3.0;
        var back = third * 3.0;
        Assert.True(Math.Abs((back - 1.0).Hi) < 1e-31);
        var p = DoubleDouble.TwoProd(1 + Math.Pow(2, -30), 1 - Math.Pow(2, -30));
        Assert.Equal(1.0, p.Hi);
        Assert.Equal(-Math.Pow(2, -60), p.Lo);
        var r = DoubleDouble.Sqrt(2.0);
        Assert.True(Math.Abs((r * r - 2.0).Hi) < 1e-31);
        var tenth = DoubleDouble.Parse("0.1");
        Assert.True(Math.Abs(((tenth * 10.0) - 1.0).Hi) < 1e-31);
        Assert.Equal(-6.860120914, (double)DoubleDouble.Parse("-6.860120914"));
        Assert.Equal(0.1e-4, (double)DoubleDouble.Parse("0.100000000000000E-04"));
        Assert.Throws<FormatException>(() => DoubleDouble.Parse("abc"));
    }
}
