using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// #16 item 5: the functions that read one triangle (cholesky: the lower one; eigh/eigvalsh: UPLO's; solve_triangular:
/// its triangle, without the diagonal when unit) ignore whatever the other entries hold, NaN and infinity included, as
/// NumPy and LAPACK do; a non-finite entry in the part that is read still gives NonFiniteException naming it.
/// </summary>
public class TriangleReadTests
{
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]]: L = [[2, 0, 0], [1, 2, 0], [0, 1/2, sqrt(11)/2]] by hand
    // (l11 = sqrt(5 - 1), l21 = (1 - 0) / 2, l22 = sqrt(3 - 1/4)), det A = (2 * 2 * sqrt(11)/2)^2 = 44.
    private static NDArray<T> Spd3<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Cast<T>(NDArray.FromArray(new double[,] { { 4, 2, 0 }, { 2, 5, 1 }, { 0, 1, 3 } }));

    private static NDArray<T> Cast<T>(NDArray<double> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        NDArray.FromArray(a.ToArray().Select(T.CreateTruncating).ToArray(), a.Shape.ToIntArray());

    /// <summary>A copy with the strict upper (or lower) triangle, and the diagonal when asked, set to NaN, inf and -inf in turn (or to zero).</summary>
    private static NDArray<T> Poison<T>(NDArray<T> a, bool upper, bool diagonal = false, bool zero = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = a.Copy();
        int n = a.IntDims[^1];
        var values = zero ? new[] { T.Zero } : new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity };
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (upper ? j > i : j < i) d[i, j] = values[k++ % values.Length];
                else if (diagonal && i == j) d[i, j] = values[0];
        return d;
    }

    [Fact]
    public void Cholesky_ignores_the_upper_triangle()
    {
        Check<double>(1e-15);
        Check<float>(1e-6);

        static void Check<T>(double tol) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var dirty = Poison(Spd3<T>(), upper: true);
            var l = Linea.Linalg.Cholesky(dirty);
            double[] expected = [2, 0, 0, 1, 2, 0, 0, 0.5, Math.Sqrt(11) / 2];
            var got = l.ToArray().Select(double.CreateTruncating).ToArray();
            for (int i = 0; i < 9; i++) Assert.True(Math.Abs(got[i] - expected[i]) <= tol * 4, $"L[{i / 3}, {i % 3}] = {got[i]}, expected {expected[i]}");
            Assert.Equal(Linea.Linalg.Cholesky(Spd3<T>()).ToArray(), l.ToArray());

            var f = dirty.Cholesky(); // the factorization object reads the same triangle
            Assert.True(f.IsPositiveDefinite);
            Assert.Equal(l.ToArray(), f.L.ToArray());
            Assert.Equal(44, double.CreateTruncating(f.Determinant), 44 * tol * 10);
            var x = f.Solve(Cast<T>(NDArray.FromArray(new double[] { 6, 8, 4 }))); // A [1, 1, 1] = [6, 8, 4]
            Assert.All(x.ToArray(), v => Assert.Equal(1, double.CreateTruncating(v), tol * 100));
            Assert.True(double.IsFinite(double.CreateTruncating(f.RCond)));

            // Stacks: every matrix's upper triangle ignored, the lower one still checked.
            var stack = NDArray.Stack([dirty, Poison(Spd3<T>() * T.CreateChecked(4), upper: true)]);
            var ls = Linea.Linalg.Cholesky(stack);
            Assert.Equal(l.ToArray(), ls[0, .., ..].ToArray());
            Assert.Equal((l * T.CreateChecked(2)).ToArray(), ls[1, .., ..].ToArray());
        }
    }

    [Fact]
    public void Cholesky_ignores_the_upper_triangle_of_a_blocked_size()
    {
        // n = 150: past the recursion threshold, so the recursive/blocked factorization runs; its upper triangle all NaN/inf.
        const int n = 150;
        var b = NDArray.Normal([n, n], 0.0, 1.0, seed: 16);
        var a = b.MatMul(b.T) + NDArray.Eye<double>(n) * n;
        var clean = Linea.Linalg.Cholesky(a);
        Assert.Equal(clean.ToArray(), Linea.Linalg.Cholesky(Poison(a, upper: true)).ToArray());
        Assert.Equal(clean.ToArray(), Poison(a, upper: true).Cholesky().L.ToArray());
        var af = Cast<float>(a);
        Assert.Equal(Linea.Linalg.Cholesky(af).ToArray(), Linea.Linalg.Cholesky(Poison(af, upper: true)).ToArray());
    }

    [Fact]
    public void Cholesky_still_rejects_non_finite_entries_in_the_lower_triangle()
    {
        var a = Spd3<double>();
        a[2, 1] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cholesky(a));
        Assert.Contains("NaN at [2, 1]", e.Message);
        Assert.Contains("lower triangle", e.Message);
        Assert.Contains("[2, 1]", Assert.Throws<NonFiniteException>(() => a.Cholesky()).Message);
        var d = Spd3<float>();
        d[1, 1] = float.PositiveInfinity;
        Assert.Contains("[1, 1]", Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cholesky(d)).Message);
        var stack = NDArray.Stack([Poison(Spd3<double>(), upper: true), a]);
        Assert.Contains("NaN at [1, 2, 1]", Assert.Throws<NonFiniteException>(() => Linea.Linalg.Cholesky(stack)).Message);
    }

    [Theory]
    [InlineData(UpLo.Lower)]
    [InlineData(UpLo.Upper)]
    public void Eigh_reads_its_triangle_the_same_from_every_layout(UpLo uplo)
    {
        // n = 70 spans three 32 x 32 tiles of the transposing copy and ends inside one; row-major, column-major,
        // sliced (both strides above 1) and negative-stride inputs take the three copy paths, which are exact, so the
        // results are identical to the contiguous input's, bit for bit.
        const int n = 70;
        var g = Generators.Normal<double>([n, n], 71);
        var a = (g + g.T) * 0.5;
        var (w, v) = Linea.Linalg.Eigh(a, uplo);
        var dirty = Poison(a, upper: uplo == UpLo.Lower);
        foreach (var (layout, view) in Checks.Layouts(dirty))
        {
            var (wl, vl) = Linea.Linalg.Eigh(view, uplo);
            Assert.True(w.ToArray().SequenceEqual(wl.ToArray()), $"{uplo} {layout}: eigenvalues differ from the contiguous input's");
            Assert.True(v.ToArray().SequenceEqual(vl.ToArray()), $"{uplo} {layout}: eigenvectors differ from the contiguous input's");
        }
        // A non-finite entry far from the first tile is found and named in every layout.
        var bad = a.Copy();
        if (uplo == UpLo.Lower) bad[65, 40] = double.NaN; else bad[40, 65] = double.NaN;
        string at = uplo == UpLo.Lower ? "[65, 40]" : "[40, 65]";
        foreach (var (layout, view) in Checks.Layouts(bad))
            Assert.True(Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(view, uplo)).Message.Contains(at), $"{uplo} {layout}: the message names {at}");
    }

    [Theory]
    [InlineData(UpLo.Lower)]
    [InlineData(UpLo.Upper)]
    public void Eigh_and_eigvalsh_ignore_the_triangle_not_read(UpLo uplo)
    {
        Check<double>(uplo);
        Check<float>(uplo);

        static void Check<T>(UpLo uplo) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var a = Spd3<T>();
            var dirty = Poison(a, upper: uplo == UpLo.Lower);
            var (w, v) = Linea.Linalg.Eigh(a, uplo);
            var (wd, vd) = Linea.Linalg.Eigh(dirty, uplo);
            Assert.Equal(w.ToArray(), wd.ToArray());
            Assert.Equal(v.ToArray(), vd.ToArray());
            Assert.Equal(Linea.Linalg.Eigvalsh(a, uplo).ToArray(), Linea.Linalg.Eigvalsh(dirty, uplo).ToArray());
            var stack = NDArray.Stack([dirty, dirty]);
            var wv = Linea.Linalg.Eigvalsh(a, uplo).ToArray(); // no vectors: another tridiagonal solver, last bits may differ from w
            Assert.Equal(wv.Concat(wv), Linea.Linalg.Eigvalsh(stack, uplo).ToArray());
            Assert.Equal(w.ToArray().Concat(w.ToArray()), Linea.Linalg.Eigh(stack, uplo).Eigenvalues.ToArray());

            // The triangle that is read is still checked, naming the matrix of the stack and the entry.
            var bad = a.Copy();
            if (uplo == UpLo.Lower) bad[2, 0] = T.PositiveInfinity; else bad[0, 2] = T.PositiveInfinity;
            string at = uplo == UpLo.Lower ? "[2, 0]" : "[0, 2]";
            Assert.Contains(at, Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(bad, uplo)).Message);
            var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigvalsh(NDArray.Stack([dirty, bad]), uplo));
            Assert.Contains("matrix [1]", e.Message);
            Assert.Contains(at, e.Message);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Solve_triangular_of_a_blocked_size_ignores_the_other_triangle(bool lower)
    {
        // n = 200 runs the recursive TRSM over the packed GEMM; the unread triangle (and, unit, the diagonal) all NaN/inf.
        const int n = 200;
        var l = NDArray.Normal([n, n], 0.0, 1.0, seed: 5) + NDArray.Eye<double>(n) * 20;
        var b = NDArray.Normal([n, 3], 0.0, 1.0, seed: 6);
        foreach (bool unit in new[] { false, true })
        {
            var dirty = Poison(l, upper: lower, diagonal: unit);
            var zeroed = Poison(l, upper: lower, diagonal: unit, zero: true);
            var got = Linea.Linalg.SolveTriangular(dirty, b, lower, unitDiagonal: unit);
            Assert.Equal(Linea.Linalg.SolveTriangular(zeroed, b, lower, unitDiagonal: unit).ToArray(), got.ToArray());
            Assert.True(NDArray.AllFinite(got));
        }
    }

    [Fact]
    public void Solve_triangular_ignores_what_it_does_not_read()
    {
        // L = [[2, 0], [1, 4]]: L x = [2, 9] gives x = [1, 2]; with a unit diagonal [[1, 0], [1, 1]] x = [2, 9] gives [2, 7].
        var lower = NDArray.FromArray(new double[,] { { 2, double.NaN }, { 1, 4 } });
        Assert.Equal([1.0, 2], Linea.Linalg.SolveTriangular(lower, NDArray.FromArray([2.0, 9]), lower: true).ToArray());
        var upper = NDArray.FromArray(new double[,] { { 4, 1 }, { double.PositiveInfinity, 2 } }); // U x = [6, 2]: x = [1.25, 1]
        Assert.Equal([1.25, 1], Linea.Linalg.SolveTriangular(upper, NDArray.FromArray([6.0, 2]), lower: false).ToArray());
        var unit = NDArray.FromArray(new float[,] { { float.NaN, float.NaN }, { 1, float.NegativeInfinity } });
        Assert.Equal([2f, 7], Linea.Linalg.SolveTriangular(unit, NDArray.FromArray([2f, 9]), lower: true, unitDiagonal: true).ToArray());
        // What is read is still checked: the diagonal without unitDiagonal, the triangle itself.
        Assert.Contains("NaN at [0, 0]", Assert.Throws<NonFiniteException>(() =>
            Linea.Linalg.SolveTriangular(unit, NDArray.FromArray([2f, 9]), lower: true)).Message);
        Assert.Contains("[1, 0]", Assert.Throws<NonFiniteException>(() =>
            Linea.Linalg.SolveTriangular(upper, NDArray.FromArray([6.0, 2]), lower: true)).Message);
    }
}
