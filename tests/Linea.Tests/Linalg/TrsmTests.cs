using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

public class TrsmTests
{
    /// <summary>A well-conditioned triangular matrix: random off-diagonal, diagonal of magnitude about 2 + n / 4.</summary>
    private static NDArray<double> Triangular(int n, bool lower, ulong seed)
    {
        var a = new Rng(seed).Normal<double>([n, n], 0, 1);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                if (lower ? j > i : j < i) a[i, j] = double.NaN; // must never be read
            a[i, i] = (i % 2 == 0 ? 1 : -1) * (2 + n / 4.0);
        }
        return a;
    }

    private static NDArray<double> Clean(NDArray<double> a, bool lower, bool unit)
    {
        int n = (int)a.Dims[0];
        var c = a.Copy();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (lower ? j > i : j < i) c[i, j] = 0;
                if (i == j && unit) c[i, j] = 1;
            }
        return c;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (var left in new[] { true, false })
            foreach (var lower in new[] { true, false })
                foreach (var trans in new[] { false, true })
                    foreach (var unit in new[] { false, true })
                        yield return [left, lower, trans, unit];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void All_variants_solve_with_small_backward_error(bool left, bool lower, bool trans, bool unit)
    {
        var side = left ? Side.Left : Side.Right;
        foreach (int m in new[] { 1, 5, 33, 70 })
            foreach (int k in new[] { 1, 3, 40 })
                foreach (bool stridedB in new[] { false, true })
                {
                    var a = Triangular(m, lower, (ulong)(m * 31 + k));
                    int rows = side == Side.Left ? m : k, cols = side == Side.Left ? k : m;
                    var b = new Rng(7).Normal<double>([rows, cols], 0, 1);
                    var x = stridedB ? b.T.Copy().T : b.Copy();
                    Trsm.Solve(side, lower, trans, unit, 2.0, MatrixViews.View(a), MatrixViews.View(x), Parallelism.Default);
                    var op = Clean(a, lower, unit);
                    if (trans) op = op.T;
                    var lhs = side == Side.Left ? op.MatMul(x) : x.MatMul(op);
                    double r = Checks.Fro(lhs - b * 2.0) / (Checks.Fro(op) * Checks.Fro(x) * m * NumAssert.Eps<double>());
                    Checks.Below(r, $"trsm {side} lower={lower} trans={trans} unit={unit} m={m} k={k} stridedB={stridedB}");
                }
    }

    [Fact]
    public void Syrk_updates_the_lower_triangle_only()
    {
        foreach (int n in new[] { 3, 40, 90 })
        {
            var a = new Rng(3).Normal<double>([n, 17], 0, 1);
            var c = new Rng(4).Normal<double>([n, n], 0, 1);
            var before = c.Copy();
            Syrk.LowerMinus(MatrixViews.View(a), MatrixViews.View(c), Parallelism.Default);
            var expected = before - a.MatMul(a.T);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (j > i) Assert.Equal(before[i, j], c[i, j]);
                    else Assert.True(Math.Abs(expected[i, j] - c[i, j]) < 1e-12 * 17, $"({i},{j})");
                }
        }
    }
}
