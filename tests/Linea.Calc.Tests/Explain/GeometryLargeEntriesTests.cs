using System.Numerics;
using Linea.Calc.Exact;
using Linea.Calc.Explain;

namespace Linea.Calc.Tests.Explain;

/// <summary>The 2x2 reading stays fast and exact for huge entries (the integer square root behind exact eigenvalues).</summary>
public class GeometryLargeEntriesTests
{
    [Fact]
    public void Scaling_by_a_huge_square_is_read_quickly()
    {
        var big = new BigRational(BigInteger.Pow(10, 300));
        var a = ExactArray.Matrix(2, 2, [big, BigRational.Zero, BigRational.Zero, big]);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var e = Explainer.Geometry(a);
        Assert.NotEmpty(e.Steps);
        Assert.Contains("1" + new string('0', 300), e.ToText());
        Assert.True(sw.Elapsed.TotalSeconds < 10, "the geometric reading of a huge diagonal matrix took too long");
    }
}
