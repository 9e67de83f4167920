using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class SolveTests
{
    public static IEnumerable<object[]> SizeData() => LuTests.Sizes.Select(n => new object[] { n });

    private static void Case<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Generators.Normal<T>([n, n], (ulong)n + 100);
        var b = Generators.Normal<T>([n], 7);
        var x = Linea.Linalg.Solve(a, b);
        Assert.Equal(new Shape(n), x.Shape);
        Checks.Below(Checks.SolveRatio(a, x.Reshape(n, 1), b.Reshape(n, 1)), $"{typeof(T).Name} n={n} vector");
        var bm = Generators.Normal<T>([n, 5], 8);
        var xm = Linea.Linalg.Solve(a, bm);
        Checks.Below(Checks.SolveRatio(a, xm, bm), $"{typeof(T).Name} n={n} matrix");
    }

    [Theory, MemberData(nameof(SizeData))]
    public void Random_double(int n) => Case<double>(n);

    [Theory, MemberData(nameof(SizeData))]
    public void Random_float(int n) => Case<float>(n);

    [Fact]
    public void Views_as_A_and_b()
    {
        var a0 = Generators.Normal<double>([9, 9], 1);
        var b0 = Generators.Normal<double>([9, 4], 2);
        var expected = Linea.Linalg.Solve(a0, b0);
        foreach (var (la, a) in Checks.Layouts(a0))
            foreach (var (lb, b) in Checks.Layouts(b0))
                NumAssert.Close(expected, Linea.Linalg.Solve(a, b), 1e3);
    }

    [Fact]
    public void Batched_stacks_broadcast_like_numpy()
    {
        var a = Generators.Normal<double>([2, 3, 4, 4], 5);
        var b = Generators.Normal<double>([3, 4, 2], 6); // broadcasts over the leading 2
        var x = Linea.Linalg.Solve(a, b);
        Assert.Equal(new Shape(2, 3, 4, 2), x.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                NumAssert.Close(Linea.Linalg.Solve(a[i, j, .., ..], b[j, .., ..]), x[i, j, .., ..], 0.5);
        var v = Generators.Normal<double>([4], 7);
        var xv = Linea.Linalg.Solve(a, v);
        Assert.Equal(new Shape(2, 3, 4), xv.Shape);
        NumAssert.Close(Linea.Linalg.Solve(a[1, 2, .., ..], v), xv[1, 2, ..], 0.5);
        // one matrix, a stack of right-hand sides
        var bs = Generators.Normal<double>([5, 4, 1], 8);
        Assert.Equal(new Shape(5, 4, 1), Linea.Linalg.Solve(a[0, 0, .., ..], bs).Shape);
    }

    [Fact]
    public void Shape_errors_name_both_shapes()
    {
        var a = NDArray.Zeros<double>(3, 3);
        var ex = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Solve(a, NDArray.Ones<double>(4)));
        Assert.Contains("(3, 3)", ex.Message);
        Assert.Contains("(4)", ex.Message.Replace(",)", ")"));
        Assert.Contains("must equal", ex.Message);
        var sq = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Solve(NDArray.Zeros<double>(3, 4), NDArray.Ones<double>(3)));
        Assert.Contains("square", sq.Message);
        var stackOfVectors = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Solve(NDArray.Zeros<double>(5, 3, 3), NDArray.Ones<double>(5, 3)));
        Assert.Contains("b[..., None]", stackOfVectors.Message);
        var batch = Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Solve(NDArray.Zeros<double>(2, 3, 3), NDArray.Ones<double>(4, 3, 1)));
        Assert.Contains("broadcast", batch.Message);
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Solve(NDArray.Zeros<double>(3), NDArray.Ones<double>(3)));
    }

    [Fact]
    public void Exactly_singular_names_the_zero_pivot()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 1, 0, 1 } });
        var ex = Assert.Throws<SingularMatrixException>(() => Linea.Linalg.Solve(a, NDArray.Ones<double>(3)));
        Assert.Equal(2, ex.PivotIndex);
        Assert.Contains("pivot 2", ex.Message);
        var stack = NDArray.Zeros<double>(3, 2, 2);
        stack[0, .., ..].Assign(NDArray.Eye<double>(2));
        stack[2, .., ..].Assign(NDArray.Eye<double>(2));
        var sx = Assert.Throws<SingularMatrixException>(() => Linea.Linalg.Solve(stack, NDArray.Ones<double>(2)));
        Assert.Contains("matrix [1] of the stack", sx.Message);
        Assert.Equal(0, sx.PivotIndex);
    }

    [Fact]
    public void Non_finite_input_is_rejected()
    {
        var a = NDArray.Eye<double>(3);
        a[0, 1] = double.PositiveInfinity;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Solve(a, NDArray.Ones<double>(3)));
        var b = NDArray.Ones<double>(3);
        b[1] = double.NaN;
        var ex = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Solve(NDArray.Eye<double>(3), b));
        Assert.Contains("b", ex.Message);
    }

    [Fact]
    public void Empty_systems_follow_numpy()
    {
        Assert.Equal(new Shape(0), Linea.Linalg.Solve(NDArray.Zeros<double>(0, 0), NDArray.Zeros<double>(0)).Shape);
        Assert.Equal(new Shape(0, 3), Linea.Linalg.Solve(NDArray.Zeros<double>(0, 0), NDArray.Zeros<double>(0, 3)).Shape);
        Assert.Equal(new Shape(2, 0), Linea.Linalg.Solve(NDArray.Eye<double>(2), NDArray.Zeros<double>(2, 0)).Shape);
        Assert.Equal(new Shape(0, 2, 2), Linea.Linalg.Solve(NDArray.Zeros<double>(0, 2, 2), NDArray.Zeros<double>(2, 2)).Shape);
    }

    /// <summary>lcm(1..19) * Hilbert(10): integer entries below 2^28, cond about 1.6e13; with integer x, b = A x is exact in double.</summary>
    private static (NDArray<double> A, NDArray<double> X, NDArray<double> B) ScaledHilbert(int n, int k)
    {
        long lcm = 1;
        for (int i = 1; i <= 2 * n - 1; i++) lcm = lcm / Gcd(lcm, i) * i;
        var a = NDArray.Zeros<double>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = lcm / (i + j + 1);
        var rng = new Rng(42);
        var x = NDArray.Zeros<double>(n, k);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) x[i, j] = rng.NextInt(19) - 9;
        var b = a.MatMul(x); // exact: every partial sum is an integer below 2^53
        return (a, x, b);
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static double ForwardError(NDArray<double> x, NDArray<double> exact) => Checks.Fro(x - exact) / Checks.Fro(exact);

    [Fact]
    public void Refinement_recovers_digits_on_an_ill_conditioned_system()
    {
        var (a, x, b) = ScaledHilbert(10, 3);
        Assert.InRange(a.Lu().RCond, 1e-15, 1e-11);
        double plain = ForwardError(Linea.Linalg.Solve(a, b), x);
        double refined = ForwardError(Linea.Linalg.Solve(a, b, refine: true), x);
        Assert.True(plain > 1e-8, $"plain forward error {plain:E2} is unexpectedly good; the test matrix is not ill-conditioned enough");
        Assert.True(refined < 1e-14, $"refined forward error {refined:E2} (plain {plain:E2})");
        // vector right-hand side
        var bv = b[.., 0].Copy();
        double refinedVector = Checks.Fro(Linea.Linalg.Solve(a, bv, refine: true) - x[.., 0]) / Checks.Fro(x[.., 0]);
        Assert.True(refinedVector < 1e-14, $"{refinedVector:E2}");
    }

    [Fact]
    public void Refinement_in_float()
    {
        var (a64, x, b64) = ScaledHilbert(5, 1); // cond ~ 5e5; entries and b exact in float (below 2^24)
        var a = MatrixGenerators.Cast<float>(a64);
        var b = MatrixGenerators.Cast<float>(b64);
        var xf = Checks.ToDouble(Linea.Linalg.Solve(a, b));
        var xr = Checks.ToDouble(Linea.Linalg.Solve(a, b, refine: true));
        double plain = ForwardError(xf, x), refined = ForwardError(xr, x);
        Assert.True(refined < 4 * NumAssert.Eps<float>(), $"refined {refined:E2}, plain {plain:E2}");
        Assert.True(refined < plain / 10, $"refined {refined:E2}, plain {plain:E2}");
    }

    [Fact]
    public void Refinement_keeps_well_conditioned_solutions_accurate()
    {
        var a = Generators.Normal<double>([50, 50], 3);
        var b = Generators.Normal<double>([50, 2], 4);
        var x = Linea.Linalg.Solve(a, b, refine: true);
        Checks.Below(Checks.SolveRatio(a, x, b), "refined", 5);
    }
}
