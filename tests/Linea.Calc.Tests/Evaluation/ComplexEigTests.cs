using System.Numerics;
using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>
/// eig/eigvals with complex spectra give complex128 values and vectors. Truth is hand-derived: the characteristic
/// polynomial's roots, and A v = lambda v for each pair. Tolerances are c n eps ||A||: a backward-stable eigensolver
/// has residuals ||A v - lambda v|| of that order for unit v, and for a normal matrix (condition number 1 for every
/// eigenvalue) the eigenvalues themselves are that close.
/// </summary>
public class ComplexEigTests
{
    private const double Eps = 2.220446049250313e-16;

    private static Complex[] Values(string program) => CalcRun.Complex(program).ToComplexArray();

    private static void Near(Complex expected, Complex actual, double tol) =>
        Assert.True(Complex.Abs(expected - actual) <= tol, $"expected {expected}, got {actual} (|diff| {Complex.Abs(expected - actual):E3} > {tol:E3})");

    [Fact]
    public void The_quarter_turn_has_eigenvalues_plus_and_minus_i()
    {
        // [[0, -1], [1, 0]]: t^2 + 1 = 0, so t = i, -i; LAPACK lists a conjugate pair with the positive part first.
        var w = Values("eigvals([[0, -1], [1, 0]])");
        double tol = 10 * 2 * Eps * 1; // ||A||_2 = 1, and A is normal
        Near(Complex.ImaginaryOne, w[0], tol);
        Near(-Complex.ImaginaryOne, w[1], tol);
    }

    [Fact]
    public void A_rotation_with_scaling_has_eigenvalues_one_plus_and_minus_two_i()
    {
        // [[1, -2], [2, 1]]: t^2 - 2t + 5 = 0, so t = (2 ± sqrt(4 - 20))/2 = 1 ± 2i. The matrix is normal, ||A||_2 = sqrt(5).
        var w = Values("eigvals([[1, -2], [2, 1]])");
        double tol = 10 * 2 * Eps * Math.Sqrt(5);
        Near(new Complex(1, 2), w[0], tol);
        Near(new Complex(1, -2), w[1], tol);
        Assert.Equal(ComplexValue.DTypeName, CalcRun.Value("eigvals([[1, -2], [2, 1]])").DType);
    }

    [Fact]
    public void Eig_of_a_rotation_gives_complex_vectors_that_satisfy_the_definition()
    {
        var t = Assert.IsType<TupleValue>(CalcRun.Value("eig([[0, -1], [1, 0]])"));
        Assert.Equal(["eigenvalues", "eigenvectors"], t.Names);
        var w = Assert.IsType<ComplexValue>(t.Items[0]).NDArray;
        var v = Assert.IsType<ComplexValue>(t.Items[1]).NDArray;
        Assert.Equal(new Shape(2, 2), v.Shape);
        // For t = i, (A - iI) v = 0 gives v ∝ (1, -i); unit length: (1, -i)/sqrt(2) up to a phase.
        for (int k = 0; k < 2; k++)
        {
            var col = new[] { v[0, k], v[1, k] };
            Assert.Equal(1, Math.Sqrt(col.Sum(c => c.Magnitude * c.Magnitude)), 1e-15);
            Near(col[1], -w[k].Imaginary * Complex.ImaginaryOne * col[0], 10 * 2 * Eps); // v1 = -i v0 for +i, +i v0 for -i
        }
    }

    [Fact]
    public void A_three_by_three_with_one_real_eigenvalue_and_a_complex_pair()
    {
        // A = Q B Q with Q = [[1, 2, 2], [2, 1, -2], [2, -2, 1]] / 3 symmetric orthogonal (Q @ Q = I) and
        // B = [[2, 0, 0], [0, 1, -2], [0, 2, 1]]: A is similar to B, so its eigenvalues are 2 and 1 ± 2i; A is normal
        // (B is), so the computed eigenvalues are within c n eps ||A|| of them.
        const string setup = "Q = [[1, 2, 2], [2, 1, -2], [2, -2, 1]] / 3\nB = [[2, 0, 0], [0, 1, -2], [0, 2, 1]]\nA = Q @ B @ Q\nw, V = eig(A)\n";
        Assert.Equal("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", CalcRun.Exact("Q = [[1, 2, 2], [2, 1, -2], [2, -2, 1]] / 3\nQ @ Q"));
        double normA = CalcRun.Float(setup + "norm(A)").Item();
        double tol = 10 * 3 * Eps * normA;
        var w = Values(setup + "w").OrderBy(z => z.Imaginary).ToArray();
        Near(new Complex(1, -2), w[0], tol);
        Near(new Complex(2, 0), w[1], tol);
        Near(new Complex(1, 2), w[2], tol);
        // A V = V diag(w), column by column (V has unit columns); computed in the language with complex arithmetic
        var residual = CalcRun.Float(setup + "norm(A @ V - V * w, axis=0)").ToArray();
        Assert.All(residual, r => Assert.True(r <= tol, $"residual {r:E3} > {tol:E3}"));
        var norms = CalcRun.Float(setup + "norm(V, axis=0)").ToArray();
        Assert.All(norms, n => Assert.Equal(1, n, 1e-14));
        // trace and determinant identities: sum(w) = tr(A) = 4 within the three eigenvalue errors; prod(w) = det(A) = 10
        // within each error times the other two moduli (|1 ± 2i| = sqrt(5)), plus the roundoff of the products
        Near(new Complex(4, 0), CalcRun.Complex(setup + "sum(w)").ToComplexArray()[0], 3 * tol + 8 * Eps);
        double prodTol = tol * (5 + 4 * Math.Sqrt(5)) + 10 * 10 * Eps;
        Near(new Complex(10, 0), CalcRun.Complex(setup + "prod(w)").ToComplexArray()[0], prodTol);
    }

    [Fact]
    public void A_companion_matrix_has_small_residuals_and_eigenvalues_within_their_condition_bound()
    {
        // The companion matrix of p(t) = (t - 2)(t^2 - 2t + 5) = t^3 - 4t^2 + 9t - 10 is not normal. Its residual is
        // bounded by c n eps ||A||; each eigenvalue by that times its condition number ||x|| ||y|| / |y^T x|, where
        // x = (t^2, t, 1) and y = (1, t - 4, t^2 - 4t + 9) are its right and left eigenvectors (A x = t x, y^T A = t y^T)
        // and y^T x = p'(t) = 3t^2 - 8t + 9.
        const string setup = "A = [[4, -9, 10], [1, 0, 0], [0, 1, 0]]\nw, V = eig(A)\n";
        Assert.IsType<ComplexValue>(CalcRun.Value(setup + "V"));
        double normA = Math.Sqrt(16 + 81 + 100 + 1 + 1);
        double backward = 10 * 3 * Eps * normA;
        var residual = CalcRun.Float(setup + "norm(A @ V - V * w, axis=0)").ToArray();
        Assert.All(residual, r => Assert.True(r <= backward, $"residual {r:E3} > {backward:E3}"));
        var w = Values(setup + "w").OrderBy(z => z.Imaginary).ToArray();
        Complex[] roots = [new(1, -2), new(2, 0), new(1, 2)];
        for (int i = 0; i < 3; i++)
        {
            var t = roots[i];
            double nx = Math.Sqrt(Sq(t * t) + Sq(t) + 1), ny = Math.Sqrt(1 + Sq(t - 4) + Sq(t * t - 4 * t + 9));
            double condition = nx * ny / Complex.Abs(3 * t * t - 8 * t + 9);
            Near(t, w[i], backward * condition);
        }
    }

    private static double Sq(Complex z) => z.Magnitude * z.Magnitude;

    [Fact]
    public void Prints_the_eig_tuple_with_tags_as_numpy_prints_the_parts()
    {
        Assert.Equal(
            "eigenvalues = [0.+1.j 0.-1.j]  complex128\neigenvectors =\n" +
            "[[0.70710678+0.j         0.70710678-0.j        ]\n [0.        -0.70710678j 0.        +0.70710678j]]  complex128",
            CalcRun.Text("eig([[0, -1], [1, 0]])"));
    }
}
