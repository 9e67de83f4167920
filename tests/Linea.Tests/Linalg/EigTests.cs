using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class EigTests(ITestOutputHelper output)
{
    private void Check<T>(string label, Tensor<T> a, EigParams? p = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var eig = new EigenDecomposition<T>(a, true, p);
        var w = eig.Eigenvalues;
        var v = eig.Eigenvectors;
        int n = a.Dims[0];
        Assert.Equal([n], w.Shape.ToArray());
        Assert.Equal([n, n], v.Shape.ToArray());
        double res = EigChecks.Residual(a, w, v);
        output.WriteLine($"{typeof(T).Name} {label}: residual {res:F3} n eps, {w.ToComplexArray().Count(c => c.Imaginary != 0)} complex eigenvalues");
        Checks.Below(res, $"{label} residual");
        EigChecks.Conventions(label, w, v);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(8)] [InlineData(13)]
    [InlineData(31)] [InlineData(32)] [InlineData(33)] [InlineData(50)] [InlineData(75)] [InlineData(76)]
    [InlineData(100)] [InlineData(127)] [InlineData(128)] [InlineData(129)] [InlineData(130)]
    public void Random_double(int n) => Check($"random {n}", Generators.Normal<double>([n, n], (ulong)n + 11));

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(7)] [InlineData(33)] [InlineData(76)] [InlineData(129)]
    public void Random_float(int n) => Check($"random {n}", Generators.Normal<float>([n, n], (ulong)n + 13));
}
