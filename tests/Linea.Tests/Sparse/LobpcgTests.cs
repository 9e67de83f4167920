using static Linea.Tests.Sparse.EigenTestMatrices;

namespace Linea.Tests.Sparse;

public class LobpcgTests
{
    private const double Eps = 2.220446049250313e-16;

    /// <summary>A Jacobi preconditioner x -> x / diag(A), as a tiny private operator.</summary>
    private sealed class Jacobi(SparseMatrix<double> a) : ILinearOperator<double>
    {
        private readonly double[] _d = Enumerable.Range(0, a.Rows).Select(i => a[i, i]).ToArray();
        public int Rows => _d.Length;
        public int Columns => _d.Length;
        public void Matvec(ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < _d.Length; i++) y[i] = x[i] / _d[i]; }
        public void Rmatvec(ReadOnlySpan<double> x, Span<double> y) => Matvec(x, y);
    }

    /// <summary>SPD test matrix: 2-D Poisson plus a strongly varying diagonal, so Jacobi preconditioning matters.</summary>
    private static SparseMatrix<double> VaryingDiagonalPoisson(int g)
    {
        int n = g * g;
        var p = EigenTestMatrices.Poisson2D<double>(g).ToDense();
        for (int i = 0; i < n; i++) p[i, i] += 100.0 * i / n;
        return Linea.Sparse.FromDense(p);
    }

    private static void AssertPairs(SparseMatrix<double> a, LobpcgResult<double> r, double[] expected, double tol)
    {
        Assert.True(r.Converged, $"not converged after {r.Iterations}: {string.Join(", ", r.ResidualNorms.ToArray())}");
        var w = r.Eigenvalues.ToArray();
        var gapScale = DenseEigenvalues(a).Select(Math.Abs).Max();
        for (int j = 0; j < w.Length; j++)
        {
            // Rayleigh quotients err by about ||r||^2 / gap; allow tol itself, a loose bound for unit gaps.
            Assert.True(Math.Abs(w[j] - expected[j]) <= tol + 100 * a.Rows * Eps * gapScale, $"w[{j}] = {w[j]} vs {expected[j]}");
            if (j > 0) Assert.True(w[j - 1] <= w[j]);
        }
        Assert.True(MaxResidual(a, r.Eigenvalues, r.Eigenvectors) <= tol * 1.0001);
        Assert.True(OrthogonalityError(r.Eigenvectors) <= 10 * a.Rows * Eps);
    }

    [Fact]
    public void Smallest_of_poisson_with_and_without_jacobi_match_dense()
    {
        var a = VaryingDiagonalPoisson(15);
        var all = DenseEigenvalues(a);
        var plain = SparseLinalg.Lobpcg(a, 4, seed: 1, tol: 1e-8, maxiter: 500);
        AssertPairs(a, plain, all.Take(4).ToArray(), 1e-8);
        var pre = SparseLinalg.Lobpcg(a, 4, seed: 1, m: new Jacobi(a), tol: 1e-8, maxiter: 500);
        AssertPairs(a, pre, all.Take(4).ToArray(), 1e-8);
        Assert.True(pre.Iterations < plain.Iterations, $"Jacobi {pre.Iterations} vs plain {plain.Iterations} iterations");
    }

    [Fact]
    public void Largest_of_a_random_symmetric_matrix()
    {
        var a = RandomSymmetric(200, 3, 17);
        var all = DenseEigenvalues(a);
        var r = SparseLinalg.Lobpcg(a, 3, seed: 4, largest: true, tol: 1e-9, maxiter: 1000);
        AssertPairs(a, r, all.Skip(197).ToArray(), 1e-9);
    }

    [Fact]
    public void Repeated_eigenvalues_from_a_given_block()
    {
        var d = Enumerable.Range(0, 90).Select(i => 1.0 + i).ToArray();
        d[0] = 0.5; d[1] = 0.5; d[2] = 0.5;
        var a = Diagonal(d);
        var x0 = new Rng(3).Uniform<double>([90, 3], -1.0, 1.0);
        var r = SparseLinalg.Lobpcg(a, x0, tol: 1e-10, maxiter: 300);
        AssertPairs(a, r, [0.5, 0.5, 0.5], 1e-10);
    }

    [Fact]
    public void Deterministic_from_a_seed_and_reports_non_convergence()
    {
        var a = VaryingDiagonalPoisson(10);
        var r1 = SparseLinalg.Lobpcg(a, 2, seed: 9, tol: 1e-8, maxiter: 200);
        var r2 = SparseLinalg.Lobpcg(a, 2, seed: 9, tol: 1e-8, maxiter: 200);
        Assert.Equal(r1.Eigenvalues.ToArray(), r2.Eigenvalues.ToArray());
        Assert.Equal(r1.Eigenvectors.ToArray(), r2.Eigenvectors.ToArray());
        var few = SparseLinalg.Lobpcg(a, 2, seed: 9, tol: 1e-14, maxiter: 2);
        Assert.False(few.Converged);
        Assert.Equal(2, few.Iterations);
    }

    [Fact]
    public void Float_reaches_float_accuracy()
    {
        var a = EigenTestMatrices.Poisson2D<float>(12);
        var r = SparseLinalg.Lobpcg(a, 3, seed: 5, tol: 1e-4, maxiter: 300);
        Assert.True(r.Converged);
        var expected = DenseEigenvalues(EigenTestMatrices.Poisson2D<double>(12)).Take(3).ToArray();
        var w = r.Eigenvalues.ToArray();
        for (int j = 0; j < 3; j++) Assert.True(Math.Abs(w[j] - expected[j]) <= 1e-4 + 100 * 144 * 1.2e-7 * 8, $"{w[j]} vs {expected[j]}");
    }

    [Fact]
    public void Bad_input_gets_specific_errors()
    {
        var a = Poisson1D(30);
        Assert.Throws<ArgumentException>(() => SparseLinalg.Lobpcg(a, 11));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Lobpcg(a, 0));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Lobpcg(a, NDArray.Zeros<double>(29, 2)));
        Assert.Throws<ArgumentException>(() => SparseLinalg.Lobpcg(a, NDArray.Zeros<double>(30, 2)));
        var x = new Rng(1).Uniform<double>([30, 2], -1.0, 1.0);
        x[0, 0] = double.NaN;
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Lobpcg(a, x));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Lobpcg(Linea.Sparse.Coo<double>(4, 5, [0], [0], [1.0]), 1));
    }
}
