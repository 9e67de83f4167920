using Linea.Tests.Sparse;
using static Linea.Tests.Sparse.Direct.CholeskyTestMatrices;

namespace Linea.Tests.Sparse.Direct;

public class LdlTests
{
    [Theory]
    [InlineData(40, 15, 1e-2, 1)]
    [InlineData(300, 120, 1e-4, 2)]
    public void Kkt_matrix_solves_to_the_backward_error_bound(int n, int m, double delta, int seed)
    {
        var a = Kkt(n, m, delta, seed);
        var b = SparseTestProblems.Rhs<double>(n + m, 3);
        foreach (var ldl in new[]
        {
            Linea.Sparse.Ldl(a, SparseOrdering.Natural),
            SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(n + m, seed)).FactorLdl(a),
        })
        {
            var x = ldl.Solve(NDArray.FromArray(b));
            double rel = RelativeResidual(a, b, x.Data);
            // Quasi-definite pivots can grow like 1/delta: allow the growth on top of c n eps.
            Assert.True(rel <= Allowance<double>(n + m) / Math.Sqrt(delta), $"relative residual {rel:E3}");
            // Four right-hand sides at once (the blocked TRSM/GEMM solve) agree with the one-vector solve.
            var many = new double[(n + m) * 4];
            for (int i = 0; i < n + m; i++) for (int c = 0; c < 4; c++) many[i * 4 + c] = b[i] * (c + 1);
            var xm = ldl.Solve(NDArray.FromArray(many, n + m, 4)).Data;
            for (int i = 0; i < n + m; i++)
                for (int c = 0; c < 4; c++) Assert.Equal(x.Data[i] * (c + 1), xm[i * 4 + c], 1e-9 * (c + 1) * (1 + Math.Abs(x.Data[i])));
            // Inertia of a quasi-definite matrix: n positive, m negative pivots.
            var d = ldl.D.Data;
            Assert.Equal(n, d.Count(v => v > 0));
            Assert.Equal(m, d.Count(v => v < 0));
        }
    }

    [Fact]
    public void Ldl_reconstructs_and_its_slogdet_matches_the_dense_one()
    {
        var a = Kkt(30, 10, 0.1, 5);
        var ldl = SparseCholeskyAnalysis.Analyze(a, permutation: RandomPermutation(40, 6)).FactorLdl(a);
        var dense = a.ToDense();
        var rebuilt = ldl.Reconstruct();
        double tol = 100 * Allowance<double>(40) * Norm1(a);
        for (int i = 0; i < 1600; i++) Assert.True(Math.Abs(rebuilt.Data[i] - dense.Data[i]) <= tol, $"entry {i}");
        var (sign, logAbs) = Linea.Linalg.Slogdet(dense);
        var (s2, l2) = ldl.Slogdet();
        Assert.Equal(sign, s2);
        Assert.Equal(logAbs, l2, 1e-10 * Math.Abs(logAbs) + 1e-10);
        var l = ldl.L.ToDense();
        for (int i = 0; i < 40; i++) Assert.Equal(1.0, l.Data[i * 40 + i]);
    }

    [Fact]
    public void Ldl_of_spd_matches_cholesky()
    {
        var a = RandomSpd<double>(80, 3, 9);
        var chol = Linea.Sparse.Cholesky(a, SparseOrdering.Natural);
        var ldl = Linea.Sparse.Ldl(a, SparseOrdering.Natural);
        Assert.Equal(chol.LogDeterminant, ldl.Slogdet().LogAbsDet, 1e-10);
        var b = NDArray.FromArray(SparseTestProblems.Rhs<double>(80, 2));
        var x1 = chol.Solve(b); var x2 = ldl.Solve(b);
        for (int i = 0; i < 80; i++) Assert.Equal(x1.Data[i], x2.Data[i], 1e-12);
    }

    [Fact]
    public void Float_kkt_solves_and_refactors()
    {
        var a = Kkt(60, 20, 0.1, 8);
        var af = Linea.Sparse.Csc<float>(80, 80, a.IndPtr, a.Indices, a.Data.ToArray().Select(v => (float)v).ToArray());
        var ldl = Linea.Sparse.Ldl(af, SparseOrdering.Natural);
        var b = SparseTestProblems.Rhs<float>(80, 4);
        Assert.True(RelativeResidual(af, b, ldl.Solve(NDArray.FromArray(b)).Data) <= Allowance<float>(80) / Math.Sqrt(0.1));
        // Same pattern, values scaled by 2: the solution halves.
        var twice = Linea.Sparse.Csc<float>(80, 80, a.IndPtr, a.Indices, a.Data.ToArray().Select(v => (float)(2 * v)).ToArray());
        var x1 = ldl.Solve(NDArray.FromArray(b)).Data.ToArray();
        ldl.Refactor(twice);
        var x2 = ldl.Solve(NDArray.FromArray(b)).Data;
        for (int i = 0; i < 80; i++) Assert.Equal(x1[i] / 2, x2[i], 1e-5f * (1 + Math.Abs(x1[i])));
    }

    [Fact]
    public void Negative_definite_ldl_on_parallel_subtrees_mirrors_cholesky()
    {
        // -A for the 2-D Poisson A under nested dissection (a bushy tree, so subtrees run on the pool): quasi-definite
        // with an empty positive block. -A = L (-D) L^T with A = (L sqrt(D)) (L sqrt(D))^T: D = -(diagonal of chol(A))^2.
        var a = SparseTestProblems.Poisson2D<double>(60).ToCsc();
        var neg = a.Copy();
        var data = neg.Data;
        for (int i = 0; i < data.Length; i++) data[i] = -data[i];
        var analysis = SparseCholeskyAnalysis.Analyze(a, permutation: GridDissection(60));
        var ldl = analysis.FactorLdl(neg, new Parallelism(4));
        var chol = analysis.Factor(a, Parallelism.None);
        var d = ldl.D.Data;
        var l = chol.L;
        for (int j = 0; j < 3600; j++)
        {
            double ljj = l.IndicesOf(j)[0] == j ? l.ValuesOf(j)[0] : double.NaN;
            Assert.Equal(-ljj * ljj, d[j], 1e-12 * ljj * ljj);
        }
        var b = SparseTestProblems.Rhs<double>(3600, 6);
        Assert.True(RelativeResidual(neg, b, ldl.Solve(NDArray.FromArray(b)).Data) <= Allowance<double>(3600));
        var (sign, logAbs) = ldl.Slogdet();
        Assert.Equal(1.0, sign); // 3600 negative pivots
        Assert.Equal(chol.LogDeterminant, logAbs, 1e-10 * Math.Abs(logAbs));
    }

    [Fact]
    public void Zero_pivot_names_the_column()
    {
        // [[1, 1], [1, 1]] plus an isolated 1: the pivot of column 1 is exactly zero.
        var a = Linea.Sparse.Coo<double>(3, 3, [0, 1, 0, 1, 2], [0, 0, 1, 1, 2], [1, 1, 1, 1, 1]).ToCsc();
        var e = Assert.Throws<SingularMatrixException>(() => Linea.Sparse.Ldl(a, SparseOrdering.Natural));
        Assert.Contains("column 1 ", e.Message);
        Assert.Equal(1, e.PivotIndex);
    }
}
