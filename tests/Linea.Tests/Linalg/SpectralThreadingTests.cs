using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// The two-thread paths of the spectral solvers at orders where they run: both halves of the divide-and-conquer
/// trees (stedc, bdsdc) at once, the tridiagonal, bidiagonal and Hessenberg panels as one job, and the eigenvector
/// back substitution by blocks over threads. Each result is checked by its residual and orthogonality, and against
/// the one-thread path (Parallelism.None), whose values it must match to c n eps ||A||.
/// </summary>
public class SpectralThreadingTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases => new() { "random 300", "random 520", "graded 300", "rankdef 300r90", "clustered 300" };

    private static NDArray<T> Make<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = name.Split(' ');
        var dims = parts[1].Split('r');
        int n = int.Parse(dims[0]);
        return parts[0] switch
        {
            "random" => Generators.Normal<T>([n, n], (ulong)n),
            "graded" => MatrixGenerators.Graded<T>(n, n, 12, 5),
            "rankdef" => MatrixGenerators.RankDeficient<T>(n, n, int.Parse(dims[1]), 11),
            // Singular values in tight clusters: many deflations in the merges.
            "clustered" => MatrixGenerators.WithSingularValues<T>(n, n, Enumerable.Range(0, n).Select(i => 1 + (i / 50) + 1e-10 * (i % 50)).ToArray(), 3),
            _ => throw new ArgumentException(name),
        };
    }

    private static void SameValues<T>(string label, T[] a, T[] b, double scale, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double tol = 30 * n * NumAssert.Eps<T>() * scale;
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(double.CreateTruncating(a[i] - b[i])) <= tol, $"{label}[{i}]: {a[i]} two threads, {b[i]} one thread");
    }

    private void Svd<T>(string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Make<T>(label);
        int n = (int)a.Dims[0];
        var two = new SvdDecomposition<T>(a, fullMatrices: false, parallelism: new Parallelism(2));
        var one = new SvdDecomposition<T>(a, fullMatrices: false, parallelism: Parallelism.None);
        double res = SpectralChecks.SvdResidual(a, two.U, two.S, two.Vh);
        double ou = SpectralChecks.Orthogonality(two.U), ov = SpectralChecks.Orthogonality(two.Vh.T);
        output.WriteLine($"svd {typeof(T).Name} {label}: residual {res:F3}, U orth {ou:F3}, V orth {ov:F3}");
        Checks.Below(res, $"svd {label} residual");
        Checks.Below(ou, $"svd {label} U orthogonality");
        Checks.Below(ov, $"svd {label} V orthogonality");
        var s1 = one.S.ToArray();
        SameValues($"svd {label} s", two.S.ToArray(), s1, double.CreateTruncating(s1[0]), n);
    }

    private void Eigh<T>(string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Make<T>(label);
        var a = (g + g.T) * T.CreateTruncating(0.5);
        int n = (int)a.Dims[0];
        var two = new SymmetricEigenDecomposition<T>(a, parallelism: new Parallelism(2));
        var one = new SymmetricEigenDecomposition<T>(a, parallelism: Parallelism.None);
        double res = SpectralChecks.EighResidual(a, two.Eigenvalues, two.Eigenvectors), orth = SpectralChecks.Orthogonality(two.Eigenvectors);
        output.WriteLine($"eigh {typeof(T).Name} {label}: residual {res:F3}, orthogonality {orth:F3}");
        Checks.Below(res, $"eigh {label} residual");
        Checks.Below(orth, $"eigh {label} orthogonality");
        var w1 = one.Eigenvalues.ToArray();
        double scale = Math.Max(Math.Abs(double.CreateTruncating(w1[0])), Math.Abs(double.CreateTruncating(w1[^1])));
        SameValues($"eigh {label} w", two.Eigenvalues.ToArray(), w1, scale, n);
    }

    private void Eig<T>(string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Make<T>(label);
        var (w, v) = Linea.Linalg.Eig(a);
        double res = EigChecks.Residual(a, w, v);
        output.WriteLine($"eig {typeof(T).Name} {label}: residual {res:F3}");
        Checks.Below(res, $"eig {label} residual");
        EigChecks.Conventions(label, w, v);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Svd_two_threads(string name) { Svd<double>(name); Svd<float>(name); }

    [Theory, MemberData(nameof(Cases))]
    public void Eigh_two_threads(string name) { Eigh<double>(name); Eigh<float>(name); }

    [Theory]
    [InlineData("random 300")]
    [InlineData("graded 300")]
    [InlineData("rankdef 300r90")]
    public void Eig_back_substitution_over_threads(string name) { Eig<double>(name); Eig<float>(name); }
}
