using System.Numerics;
using Linea.Tests.Sparse;
using static Linea.Tests.Sparse.Direct.CholeskyTestMatrices;

namespace Linea.Tests.Sparse.Direct;

public class CholeskyTests
{
    private static void AssertSolves<T>(SparseMatrix<T> a, SparseCholesky<T> chol, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b = SparseTestProblems.Rhs<T>(a.Rows, seed);
        var x = chol.Solve(NDArray.FromArray(b));
        double rel = RelativeResidual(a, b, x.Data);
        Assert.True(rel <= Allowance<T>(a.Rows), $"relative residual {rel:E3} > {Allowance<T>(a.Rows):E3}");
    }

    [Theory]
    [InlineData(1, 2, 1, SparseFormat.Csc)]
    [InlineData(50, 3, 2, SparseFormat.Csc)]
    [InlineData(300, 4, 3, SparseFormat.Csr)]
    [InlineData(600, 2, 4, SparseFormat.Csc)]
    public void Random_spd_solves_to_the_backward_error_bound(int n, int perRow, int seed, SparseFormat format)
    {
        var a = RandomSpd<double>(n, perRow, seed, format);
        AssertSolves(a, Linea.Sparse.Cholesky(a, SparseOrdering.Natural), (ulong)seed);
        var analysis = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(n, seed));
        AssertSolves(a, analysis.Factor(a), (ulong)seed + 7);
    }

    [Fact]
    public void Default_ordering_solves_and_reports_what_it_used()
    {
        var a = RandomSpd<double>(200, 3, 17);
        var chol = Linea.Sparse.Cholesky(a);
        Assert.NotEqual(SparseOrdering.Auto, chol.Ordering);
        AssertSolves(a, chol, 17);
        var p = chol.Permutation;
        Assert.Equal(Enumerable.Range(0, 200), p.Order());
    }

    [Fact]
    public void Float_poisson_2d_solves_to_the_float_backward_error_bound()
    {
        var a = SparseTestProblems.Poisson2D<float>(20);
        AssertSolves(a, Linea.Sparse.Cholesky(a, SparseOrdering.Natural), 5);
    }

    [Fact]
    public void Poisson_3d_with_large_supernodes_on_threads_solves()
    {
        // Natural order on a 12^3 grid: fronts of ~144 x 288, so the threaded dense kernels run.
        var a = Poisson3D<double>(12);
        var chol = SparseCholeskyAnalysis.Analyze(a, SparseOrdering.Natural).Factor(a, new Parallelism(4));
        AssertSolves(a, chol, 9);
    }

    [Fact]
    public void Parallel_subtrees_give_the_sequential_factor()
    {
        // Nested dissection of a 60 x 60 grid: a bushy tree, so independent subtrees run on the pool, their roots'
        // updates assembled into the separators afterwards.
        var a = SparseTestProblems.Poisson2D<double>(60).ToCsc();
        var analysis = SparseCholeskyAnalysis.Analyze(a, permutation: GridDissection(60));
        Assert.True(TreeSchedule.Build(analysis, 4).Roots.Length >= 4);
        var sequential = analysis.Factor(a, Parallelism.None);
        var parallel = analysis.Factor(a, new Parallelism(4));
        var l1 = sequential.L.Data.ToArray(); var l2 = parallel.L.Data.ToArray();
        double max = l1.Max(Math.Abs);
        for (int i = 0; i < l1.Length; i++) Assert.True(Math.Abs(l1[i] - l2[i]) <= 16 * 3600 * 2.2e-16 * max, $"entry {i}");
        AssertSolves(a, parallel, 13);
        // Nested dissection fills far less than the band of the natural order.
        Assert.True(analysis.Nnz < SparseCholeskyAnalysis.Analyze(a, SparseOrdering.Natural).Nnz / 2);

        // A failure inside a subtree surfaces as the same exception.
        var bad = a.Copy();
        var idx = bad.IndicesOf(0); var val = bad.ValuesOf(0);
        for (int q = 0; q < idx.Length; q++) if (idx[q] == 0) val[q] = -1;
        var e = Assert.Throws<NotPositiveDefiniteException>(() => analysis.Factor(bad, new Parallelism(4)));
        Assert.Contains("column 0 ", e.Message);
    }

    [Fact]
    public void Reconstruction_equals_the_permuted_matrix()
    {
        var a = RandomSpd<double>(40, 3, 11);
        var perm = RandomPermutation(40, 12);
        var chol = SparseCholeskyAnalysis.Analyze(a, permutation: perm).Factor(a);
        var dense = a.ToDense();
        var rebuilt = chol.Reconstruct();
        // |A - L L^T| <= c n eps |L| |L^T|, and |L| |L^T| <= n ||A|| for an SPD A (entries of L bounded by sqrt(a_ii)).
        double tol = Allowance<double>(40) * Norm1(a);
        for (int i = 0; i < 40 * 40; i++) Assert.True(Math.Abs(rebuilt.Data[i] - dense.Data[i]) <= tol, $"entry {i}");

        // L itself: lower triangular with a positive diagonal, and L L^T = A[p, p] (p = the analysis's permutation).
        var l = chol.L.ToDense();
        var p = chol.Permutation;
        var llt = l.MatMul(l.T);
        for (int i = 0; i < 40; i++)
        {
            Assert.True(l.Data[i * 40 + i] > 0);
            for (int j = 0; j < 40; j++)
            {
                if (j > i) Assert.Equal(0.0, l.Data[i * 40 + j]);
                Assert.True(Math.Abs(llt.Data[i * 40 + j] - dense.Data[p[i] * 40 + p[j]]) <= tol);
            }
        }
        Assert.Equal(SparseOrdering.Natural, chol.Ordering);
        Assert.True(chol.L.Nnz >= chol.Nnz);
    }

    [Fact]
    public void Multiple_right_hand_sides_match_single_solves()
    {
        var a = RandomSpd<double>(120, 3, 21);
        var chol = Linea.Sparse.Cholesky(a, SparseOrdering.Natural);
        int n = 120, k = 5;
        var bData = new double[n * k];
        var rng = new System.Random(3);
        for (int i = 0; i < bData.Length; i++) bData[i] = rng.NextDouble() - 0.5;
        var x = chol.Solve(NDArray.FromArray(bData, n, k));
        Assert.Equal(n, x.Shape[0]);
        Assert.Equal(k, x.Shape[1]);
        for (int c = 0; c < k; c++)
        {
            var b = new double[n];
            for (int i = 0; i < n; i++) b[i] = bData[i * k + c];
            var xs = new double[n];
            chol.Solve(b, xs);
            Assert.True(RelativeResidual(a, b, xs) <= Allowance<double>(n));
            for (int i = 0; i < n; i++) Assert.Equal(xs[i], x.Data[i * k + c], 1e-12);
        }
    }

    [Fact]
    public void Refactor_with_new_values_equals_a_fresh_factorization()
    {
        var a = RandomSpd<double>(200, 3, 31);
        var chol = Linea.Sparse.Cholesky(a, SparseOrdering.Natural);
        var a2 = RandomSpd<double>(200, 3, 31);
        // New symmetric values on the same pattern, kept SPD by 10 more on the diagonal.
        var csc = a2;
        for (int j = 0; j < 200; j++)
        {
            var idx = csc.IndicesOf(j); var val = csc.ValuesOf(j);
            for (int q = 0; q < idx.Length; q++)
                val[q] = idx[q] == j ? val[q] + 10 : val[q] * (1 + 0.5 * Math.Sin(Math.Min(idx[q], j) * 7 + Math.Max(idx[q], j)));
        }
        chol.Refactor(csc);
        var fresh = Linea.Sparse.Cholesky(csc, SparseOrdering.Natural);
        var l1 = chol.L; var l2 = fresh.L;
        Assert.Equal(l2.Data.ToArray(), l1.Data.ToArray());
        Assert.Equal(fresh.LogDeterminant, chol.LogDeterminant);
        AssertSolves(csc, chol, 4);
    }

    [Fact]
    public void Refactor_rejects_another_pattern()
    {
        var a = RandomSpd<double>(30, 2, 1);
        var chol = Linea.Sparse.Cholesky(a, SparseOrdering.Natural);
        var other = RandomSpd<double>(30, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => chol.Refactor(other));
        Assert.Contains("analyzed pattern", e.Message);
    }

    [Fact]
    public void Log_determinant_matches_the_dense_slogdet()
    {
        var a = RandomSpd<double>(60, 3, 41);
        var chol = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(60, 5)).Factor(a);
        var (sign, logAbs) = Linea.Linalg.Slogdet(a.ToDense());
        Assert.Equal(1.0, sign);
        Assert.Equal(logAbs, chol.LogDeterminant, 1e-12 * Math.Abs(logAbs) + 1e-12);
    }

    [Fact]
    public void Upper_triangle_is_not_read()
    {
        // Garbage (even NaN) in the strict upper triangle of a CSC matrix changes nothing.
        var a = RandomSpd<double>(40, 2, 51);
        var garbled = a.Copy();
        for (int j = 0; j < 40; j++)
        {
            var idx = garbled.IndicesOf(j); var val = garbled.ValuesOf(j);
            for (int q = 0; q < idx.Length; q++) if (idx[q] < j) val[q] = double.NaN;
        }
        var x1 = Linea.Sparse.Cholesky(a, SparseOrdering.Natural).Solve(NDArray.FromArray(SparseTestProblems.Rhs<double>(40, 1)));
        var x2 = Linea.Sparse.Cholesky(garbled, SparseOrdering.Natural).Solve(NDArray.FromArray(SparseTestProblems.Rhs<double>(40, 1)));
        Assert.Equal(x1.Data, x2.Data);
    }

    [Fact]
    public void Not_positive_definite_names_the_column()
    {
        // Poisson 1-D with the diagonal of original column 7 made very negative: fails at column 7 in natural order.
        var a = SparseTestProblems.Poisson1D<double>(20).ToCsc();
        for (int j = 0; j < 20; j++)
        {
            var idx = a.IndicesOf(j); var val = a.ValuesOf(j);
            for (int q = 0; q < idx.Length; q++) if (idx[q] == j && j == 7) val[q] = -5;
        }
        var e = Assert.Throws<NotPositiveDefiniteException>(() => Linea.Sparse.Cholesky(a, SparseOrdering.Natural));
        Assert.Contains("column 7 ", e.Message);
        Assert.Equal(8, e.MinorOrder);

        // Under a permutation the message still names the original column.
        var perm = RandomPermutation(20, 3);
        var e2 = Assert.Throws<NotPositiveDefiniteException>(() => SparseCholeskyAnalysis.Analyze(a, permutation: perm).Factor(a));
        Assert.Matches(@"column \d+ \(original numbering", e2.Message);
    }

    [Fact]
    public void Non_square_and_nan_are_rejected()
    {
        var rect = SparseTestProblems.Random<double>(5, 6, 2, 1, 3.0);
        Assert.Throws<ShapeMismatchException>(() => Linea.Sparse.Cholesky(rect));
        var a = RandomSpd<double>(10, 2, 3);
        var idx = a.IndicesOf(4); var val = a.ValuesOf(4);
        for (int q = 0; q < idx.Length; q++) if (idx[q] == 4) val[q] = double.NaN;
        var e = Assert.Throws<NonFiniteException>(() => Linea.Sparse.Cholesky(a, SparseOrdering.Natural));
        Assert.Contains("(4, 4)", e.Message);
        var chol = Linea.Sparse.Cholesky(RandomSpd<double>(10, 2, 3), SparseOrdering.Natural);
        Assert.Throws<ShapeMismatchException>(() => chol.Solve(NDArray.FromArray(new double[9])));
    }

    [Fact]
    public void Empty_matrix_factors()
    {
        var a = Linea.Sparse.Csc<double>(0, 0, new long[] { 0 }, ReadOnlySpan<int>.Empty, ReadOnlySpan<double>.Empty);
        var chol = Linea.Sparse.Cholesky(a, SparseOrdering.Natural);
        Assert.Equal(0.0, chol.LogDeterminant);
        Assert.Equal(0, chol.Solve(NDArray.FromArray(Array.Empty<double>())).Shape[0]);
    }
}
