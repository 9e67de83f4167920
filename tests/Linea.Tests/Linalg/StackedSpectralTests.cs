using System.Numerics;
using Linea.TestKit;
using static Linea.Tests.Linalg.StackChecks;

namespace Linea.Tests.Linalg;

/// <summary>
/// Eigh, Eigvalsh, Eig, Eigvals, Svd and Svdvals on stacks (..., m, n): each matrix's result must be bit for bit what
/// the function gives for that matrix alone (the single-matrix results are checked against identities elsewhere).
/// </summary>
public class StackedSpectralTests
{
    public static TheoryData<int> Orders => new() { 1, 5, 34 }; // 34: past Stedc's leaf size, the divide-and-conquer path

    // ---- eigh / eigvalsh ----

    private static void EighMatches<T>(NDArray<T> stack, string what, UpLo uplo = UpLo.Lower) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)stack.Dims[^1];
        var batch = stack.IntDims[..^2];
        var (w, v) = Linea.Linalg.Eigh(stack, uplo);
        var wOnly = Linea.Linalg.Eigvalsh(stack, uplo);
        Assert.Equal([.. batch, n], w.Shape.ToIntArray());
        Assert.Equal([.. batch, n, n], v.Shape.ToIntArray());
        Assert.Equal([.. batch, n], wOnly.Shape.ToIntArray());
        foreach (var idx in Indices(batch))
        {
            var (w1, v1) = Linea.Linalg.Eigh(At(stack, idx), uplo);
            SameBits(w1, At(w, idx), $"{what} eigh w[{string.Join(",", idx)}]");
            SameBits(v1, At(v, idx), $"{what} eigh V[{string.Join(",", idx)}]");
            SameBits(Linea.Linalg.Eigvalsh(At(stack, idx), uplo), At(wOnly, idx), $"{what} eigvalsh[{string.Join(",", idx)}]");
        }
    }

    [Theory, MemberData(nameof(Orders))]
    public void Eigh_of_a_stack_is_eigh_of_each_matrix(int n)
    {
        var mats = SquareMix<double>(n, 10);
        // Symmetrize all but one (eigh reads one triangle, so a non-symmetric matrix is fine too).
        var sym = mats.Select((m, i) => i == 0 ? m : (m + m.T) * 0.5).ToArray();
        var stack = StackOf([2, 3], sym);
        EighMatches(stack, "double lower");
        EighMatches(stack, "double upper", UpLo.Upper);
        EighMatches(StackOf([2, 3], SquareMix<float>(n, 20)), "float");
    }

    [Fact]
    public void Eigh_of_stack_views_is_eigh_of_each_matrix()
    {
        var stack = StackOf([2, 3], SquareMix<double>(6, 30).Select(m => (m + m.T) * 0.5).ToArray());
        foreach (var (layout, view) in Layouts(stack)) EighMatches(view, layout);
        // Broadcast batch axes (stride 0): one matrix repeated, and a (1, 3) batch broadcast to (2, 3).
        var one = stack[0, 1, .., ..];
        var (w, v) = Linea.Linalg.Eigh(one.BroadcastTo(2, 3, 6, 6));
        var (w1, v1) = Linea.Linalg.Eigh(one);
        foreach (var idx in Indices([2, 3]))
        {
            SameBits(w1, At(w, idx), "broadcast w");
            SameBits(v1, At(v, idx), "broadcast V");
        }
        EighMatches(stack[..1].BroadcastTo(2, 3, 6, 6), "broadcast (1, 3) batch");
        // A matrix broadcast inside itself (every row the same vector: stride 0 along rows).
        EighMatches(Generators.Normal<double>([6], 31).BroadcastTo(2, 6, 6), "broadcast rows");
    }

    // ---- eig / eigvals ----

    private static void EigMatches<T>(NDArray<T> stack, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)stack.Dims[^1];
        var batch = stack.IntDims[..^2];
        var (w, v) = Linea.Linalg.Eig(stack);
        var wOnly = Linea.Linalg.Eigvals(stack);
        Assert.Equal([.. batch, n], w.Shape.ToIntArray());
        Assert.Equal([.. batch, n, n], v.Shape.ToIntArray());
        Assert.Equal([.. batch, n], wOnly.Shape.ToIntArray());
        foreach (var idx in Indices(batch))
        {
            string at = $"{what} [{string.Join(",", idx)}]";
            var (w1, v1) = Linea.Linalg.Eig(At(stack, idx));
            SameBits(w1.Real, At(w.Real, idx), $"{at} eig w.real");
            SameBits(w1.Imag, At(w.Imag, idx), $"{at} eig w.imag");
            SameBits(v1.Real, At(v.Real, idx), $"{at} eig V.real");
            SameBits(v1.Imag, At(v.Imag, idx), $"{at} eig V.imag");
            var e1 = Linea.Linalg.Eigvals(At(stack, idx));
            SameBits(e1.Real, At(wOnly.Real, idx), $"{at} eigvals real");
            SameBits(e1.Imag, At(wOnly.Imag, idx), $"{at} eigvals imag");
        }
    }

    [Theory, MemberData(nameof(Orders))]
    public void Eig_of_a_stack_is_eig_of_each_matrix(int n)
    {
        EigMatches(StackOf([2, 3], SquareMix<double>(n, 40)), "double");
        EigMatches(StackOf([2, 3], SquareMix<float>(n, 50)), "float");
    }

    [Fact]
    public void Eig_of_a_stack_is_real_only_when_every_spectrum_is()
    {
        // A rotation by 90 degrees has eigenvalues +-i; a symmetric matrix and a triangular one have real spectra.
        var rotation = NDArray.FromArray(new double[,] { { 0, -1, 0 }, { 1, 0, 0 }, { 0, 0, 2 } });
        var symmetric = NDArray.FromArray(new double[,] { { 2, 1, 0 }, { 1, 2, 1 }, { 0, 1, 2 } });
        var triangular = NDArray.FromArray(new double[,] { { 1, 5, 7 }, { 0, -3, 2 }, { 0, 0, 4 } });
        var mixed = StackOf([3], [symmetric, rotation, triangular]);
        var (w, v) = Linea.Linalg.Eig(mixed);
        Assert.False(w.IsReal);
        Assert.False(v.IsReal);
        Assert.False(Linea.Linalg.Eigvals(mixed).IsReal);
        // The real spectra keep exactly zero imaginary parts in their slots; the rotation's are 2 and +-i.
        Assert.All(w.Imag[0, ..].ToArray(), x => Assert.Equal(0.0, x));
        Assert.All(w.Imag[2, ..].ToArray(), x => Assert.Equal(0.0, x));
        Assert.All(v.Imag[0, .., ..].ToArray(), x => Assert.Equal(0.0, x));
        Assert.All(v.Imag[2, .., ..].ToArray(), x => Assert.Equal(0.0, x));
        var rot = new ComplexTensor<double>(w.Real[1, ..], w.Imag[1, ..]).ToComplexArray().OrderBy(z => z.Imaginary).ToArray();
        double tol = 10 * 3 * NumAssert.Eps<double>() * 2; // backward stable: O(n eps ||A||), ||A|| = 2
        Assert.True(Math.Abs(rot[0].Real) <= tol && Math.Abs(rot[0].Imaginary + 1) <= tol, $"rotation eigenvalue {rot[0]}");
        Assert.True(Math.Abs(rot[1].Real - 2) <= tol && rot[1].Imaginary == 0, $"rotation eigenvalue {rot[1]}");
        Assert.True(Math.Abs(rot[2].Real) <= tol && Math.Abs(rot[2].Imaginary - 1) <= tol, $"rotation eigenvalue {rot[2]}");
        var realOnly = StackOf([2], [symmetric, triangular]);
        var (wr, vr) = Linea.Linalg.Eig(realOnly);
        Assert.True(wr.IsReal);
        Assert.True(vr.IsReal);
        Assert.True(Linea.Linalg.Eigvals(realOnly).IsReal);
        // Triangular: the eigenvalues are the diagonal, exactly.
        Assert.Equal([-3.0, 1.0, 4.0], wr.Real[1, ..].ToArray().Order().ToArray());
        EigMatches(mixed, "mixed");
    }

    [Fact]
    public void Eig_of_stack_views_is_eig_of_each_matrix()
    {
        var stack = StackOf([2, 3], SquareMix<double>(6, 60));
        foreach (var (layout, view) in Layouts(stack)) EigMatches(view, layout);
        EigMatches(stack[1, 2, .., ..].BroadcastTo(2, 3, 6, 6), "broadcast one matrix");
        EigMatches(stack[.., ..1].BroadcastTo(2, 3, 6, 6), "broadcast (2, 1) batch");
    }

    // ---- svd / svdvals ----

    private static void SvdMatches<T>(NDArray<T> stack, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)stack.Dims[^2], n = (int)stack.Dims[^1], k = Math.Min(m, n);
        var batch = stack.IntDims[..^2];
        foreach (bool full in new[] { true, false })
        {
            var (u, s, vh) = Linea.Linalg.Svd(stack, fullMatrices: full);
            Assert.Equal([.. batch, m, full ? m : k], u.Shape.ToIntArray());
            Assert.Equal([.. batch, k], s.Shape.ToIntArray());
            Assert.Equal([.. batch, full ? n : k, n], vh.Shape.ToIntArray());
            foreach (var idx in Indices(batch))
            {
                string at = $"{what} full={full} [{string.Join(",", idx)}]";
                var (u1, s1, vh1) = Linea.Linalg.Svd(At(stack, idx), fullMatrices: full);
                SameBits(u1, At(u, idx), $"{at} U");
                SameBits(s1, At(s, idx), $"{at} S");
                SameBits(vh1, At(vh, idx), $"{at} Vh");
            }
        }
        var (u0, s0, vh0) = Linea.Linalg.Svd(stack, computeUv: false);
        Assert.Equal([0, 0], u0.Shape.ToIntArray());
        Assert.Equal([0, 0], vh0.Shape.ToIntArray());
        var sv = Linea.Linalg.Svdvals(stack);
        Assert.Equal([.. batch, k], sv.Shape.ToIntArray());
        foreach (var idx in Indices(batch))
        {
            var s1 = Linea.Linalg.Svdvals(At(stack, idx));
            SameBits(s1, At(sv, idx), $"{what} svdvals [{string.Join(",", idx)}]");
            SameBits(s1, At(s0, idx), $"{what} svd(computeUv: false) [{string.Join(",", idx)}]");
        }
    }

    [Theory, MemberData(nameof(Orders))]
    public void Svd_of_a_square_stack_is_svd_of_each_matrix(int n)
    {
        SvdMatches(StackOf([2, 3], SquareMix<double>(n, 70)), "double");
        SvdMatches(StackOf([2, 3], SquareMix<float>(n, 80)), "float");
    }

    [Theory]
    [InlineData(7, 3)] [InlineData(3, 7)] [InlineData(40, 9)] [InlineData(9, 40)]
    public void Svd_of_tall_and_wide_stacks_is_svd_of_each_matrix(int m, int n)
    {
        var mats = new[]
        {
            Generators.Normal<double>([m, n], 90),
            MatrixGenerators.RankDeficient<double>(m, n, Math.Min(m, n) / 2, 91),
            MatrixGenerators.Graded<double>(m, n, 10, 92),
            NDArray.Zeros<double>(m, n),
        };
        SvdMatches(StackOf([2, 2], mats), "double");
        SvdMatches(StackOf([4], mats.Select(MatrixGenerators.Cast<float>).ToArray()), "float");
        foreach (var (layout, view) in Layouts(StackOf([2, 2], mats))) SvdMatches(view, layout);
        SvdMatches(mats[0].BroadcastTo(3, m, n), "broadcast one matrix");
    }

    // ---- empty stacks and stacks of empty matrices ----

    [Theory]
    [InlineData(new[] { 0, 3, 3 })] [InlineData(new[] { 2, 0, 4, 4 })] [InlineData(new[] { 2, 3, 0, 0 })]
    [InlineData(new[] { 0, 0, 0 })]
    public void Empty_square_stacks_give_empty_results_of_numpys_shapes(int[] shape)
    {
        var a = NDArray.Zeros<double>(shape);
        var batch = shape[..^2];
        int n = shape[^1];
        var (w, v) = Linea.Linalg.Eigh(a);
        Assert.Equal([.. batch, n], w.Shape.ToIntArray());
        Assert.Equal([.. batch, n, n], v.Shape.ToIntArray());
        Assert.Equal([.. batch, n], Linea.Linalg.Eigvalsh(a).Shape.ToIntArray());
        var (ew, ev) = Linea.Linalg.Eig(a);
        Assert.Equal([.. batch, n], ew.Shape.ToIntArray());
        Assert.Equal([.. batch, n, n], ev.Shape.ToIntArray());
        Assert.True(ew.IsReal);
        Assert.Equal([.. batch, n], Linea.Linalg.Eigvals(a).Shape.ToIntArray());
        EighMatches(a, "empty");
        EigMatches(a, "empty");
        SvdMatches(a, "empty");
    }

    [Theory]
    [InlineData(new[] { 0, 5, 3 })] [InlineData(new[] { 2, 0, 3 })] [InlineData(new[] { 2, 3, 0 })] [InlineData(new[] { 3, 0, 5, 2 })]
    public void Empty_rectangular_stacks_give_empty_svd_results_of_numpys_shapes(int[] shape)
    {
        var a = NDArray.Zeros<double>(shape);
        var batch = shape[..^2];
        int m = shape[^2], n = shape[^1], k = Math.Min(m, n);
        var (u, s, vh) = Linea.Linalg.Svd(a);
        Assert.Equal([.. batch, m, m], u.Shape.ToIntArray());
        Assert.Equal([.. batch, k], s.Shape.ToIntArray());
        Assert.Equal([.. batch, n, n], vh.Shape.ToIntArray());
        SvdMatches(a, "empty");
    }

    // ---- errors name the matrix ----

    [Fact]
    public void Nan_in_one_matrix_names_its_index_in_the_stack()
    {
        var stack = StackOf([2, 3], SquareMix<double>(4, 100).Select(m => (m + m.T) * 0.5).ToArray());
        stack[1, 0, 2, 1] = double.NaN;
        foreach (var (op, call) in new (string, Action)[]
        {
            ("eigh", () => Linea.Linalg.Eigh(stack)),
            ("eigvalsh", () => Linea.Linalg.Eigvalsh(stack)),
            ("eig", () => Linea.Linalg.Eig(stack)),
            ("eigvals", () => Linea.Linalg.Eigvals(stack)),
            ("svd", () => Linea.Linalg.Svd(stack)),
            ("svd", () => Linea.Linalg.Svd(stack, computeUv: false)),
            ("svdvals", () => Linea.Linalg.Svdvals(stack)),
        })
        {
            var e = Assert.Throws<NonFiniteException>(call);
            Assert.StartsWith($"{op}: matrix [1, 0] of the stack (2, 3, 4, 4)", e.Message);
            Assert.Contains("NaN at [2, 1]", e.Message);
        }
        // eigh reads one triangle: NaN above the diagonal is not read with UPLO = L, and is with UPLO = U.
        var upper = StackOf([2, 3], SquareMix<double>(4, 100).Select(m => (m + m.T) * 0.5).ToArray());
        upper[0, 2, 0, 3] = double.PositiveInfinity;
        var lowerOnly = upper.Copy();
        lowerOnly[0, 2, 0, 3] = 0;
        EighMatches(upper, "NaN outside the triangle read");
        var (w, _) = Linea.Linalg.Eigh(upper);
        SameBits(Linea.Linalg.Eigh(lowerOnly).Eigenvalues, w, "unread triangle ignored");
        var eu = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(upper, UpLo.Upper));
        Assert.StartsWith("eigh: matrix [0, 2] of the stack (2, 3, 4, 4)", eu.Message);
        Assert.Contains("at [0, 3]", eu.Message);
        // A single matrix keeps its message without a stack index.
        var single = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Eigh(stack[1, 0, .., ..]));
        Assert.StartsWith("eigh: the input of shape (4, 4)", single.Message);
    }

    [Fact]
    public void Nan_in_a_stack_view_names_the_index_in_the_view()
    {
        // The view's matrix [0, 1] is matrix [1, 0] of the stored stack after permuting the batch axes.
        var stored = NDArray.Zeros<double>(2, 3, 3, 3) + NDArray.Eye<double>(3);
        stored[1, 0, 1, 1] = double.NaN;
        var view = stored.Transpose(1, 0, 2, 3);
        var e = Assert.Throws<NonFiniteException>(() => Linea.Linalg.Svdvals(view));
        Assert.StartsWith("svdvals: matrix [0, 1] of the stack (3, 2, 3, 3)", e.Message);
        Assert.Contains("NaN at [1, 1]", e.Message);
    }

    [Fact]
    public void Non_square_and_non_matrix_stacks_throw_shape_mismatch_naming_the_shape()
    {
        var a = NDArray.Zeros<double>(2, 3, 4);
        foreach (var call in new Action[] { () => Linea.Linalg.Eigh(a), () => Linea.Linalg.Eigvalsh(a), () => Linea.Linalg.Eig(a), () => Linea.Linalg.Eigvals(a) })
        {
            var e = Assert.Throws<ShapeMismatchException>(call);
            Assert.Contains("(2, 3, 4)", e.Message);
            Assert.Contains("square", e.Message);
        }
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Svd(NDArray.Zeros<double>(4)));
        Assert.Throws<ShapeMismatchException>(() => Linea.Linalg.Svdvals(NDArray.Zeros<double>(4)));
        // The decomposition classes stay single-matrix and say where stacks go.
        var s = Assert.Throws<ShapeMismatchException>(() => new SvdDecomposition<double>(NDArray.Zeros<double>(2, 3, 3)));
        Assert.Contains("Linalg.Svd", s.Message);
        var h = Assert.Throws<ShapeMismatchException>(() => new SymmetricEigenDecomposition<double>(NDArray.Zeros<double>(2, 3, 3)));
        Assert.Contains("Linalg.Eigh", h.Message);
        var g = Assert.Throws<ShapeMismatchException>(() => new EigenDecomposition<double>(NDArray.Zeros<double>(2, 3, 3)));
        Assert.Contains("Linalg.Eig", g.Message);
    }

    [Fact]
    public void Non_convergence_in_one_matrix_names_its_index_in_the_stack()
    {
        // No public front door can be made to fail to converge on finite input, so this drives the shared loop with the
        // real eigensolver and no iterations allowed: the diagonal matrices need none (each 1 x 1 block deflates at
        // once), the random one at [1, 0] does.
        var p = EigParams.Auto with { IterationFactor = 0 };
        var mats = Enumerable.Range(0, 6).Select(i => NDArray.Diag(NDArray.FromArray(new double[] { 1 + i, 2, 3, 4 }))).ToArray();
        mats[3] = Generators.Normal<double>([4, 4], 110);
        var stack = StackOf([2, 3], mats);
        var e = Assert.Throws<NoConvergenceException>(() => MatrixStack.Map("eig", stack, [[4]],
            (m, label) => [new EigenDecomposition<double>(label, m, computeVectors: false, p).Eigenvalues.Real]));
        Assert.StartsWith("eig: matrix [1, 0] of the stack (2, 3, 4, 4): the QR iteration did not converge", e.Message);
    }
}
