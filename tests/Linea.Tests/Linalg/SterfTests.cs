using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The root-free QL iteration (eigenvalues only) on the tridiagonal stress matrices of <see cref="StedcTests"/>, and
/// small orders, against the QL iteration with rotations (Steqr, whose vectors are checked by residuals elsewhere):
/// every eigenvalue within 30 n eps ||T||; the 1-2-1 matrix against its closed form 2 - 2 cos(k pi / (n + 1)).
/// </summary>
public class SterfTests
{
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var row in StedcTests.Cases) data.Add((string)row[0], (int)row[1]);
            data.Add("random", 1); data.Add("random", 2); data.Add("random", 3); data.Add("onetwoone", 2);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double(string kind, int n) => Check<double>(kind, n);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float(string kind, int n) => Check<float>(kind, n);

    private static void Check<T>(string kind, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (dd, ee) = StedcTests.Make(kind, n);
        var d = dd.Select(T.CreateTruncating).ToArray();
        var e = ee.Select(T.CreateTruncating).ToArray();
        var eCopy = (T[])e.Clone();
        var dq = (T[])d.Clone();
        var eq = (T[])e.Clone();
        double tnorm = 0;
        for (int i = 0; i < n; i++)
            tnorm = Math.Max(tnorm, Math.Abs(dd[i]) + (i > 0 ? Math.Abs(ee[i - 1]) : 0) + (i < n - 1 ? Math.Abs(ee[i]) : 0));
        Assert.True(Sterf.Solve<T>(n, d, e));
        Assert.Equal(eCopy, e); // e is read only
        Assert.True(Steqr.Solve<T>(n, dq, eq, default, Parallelism.Default));
        var a = d.Select(double.CreateTruncating).OrderBy(x => x).ToArray();
        var b = dq.Select(double.CreateTruncating).OrderBy(x => x).ToArray();
        double tol = 30 * n * NumAssert.Eps<T>() * Math.Max(tnorm, double.Epsilon);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(a[i] - b[i]) <= tol, $"{kind} {n}: eigenvalue {i}: {a[i]} vs steqr {b[i]}");
        if (kind == "onetwoone")
            for (int k = 1; k <= n; k++)
            {
                double exact = 2 - 2 * Math.Cos(k * Math.PI / (n + 1));
                Assert.True(Math.Abs(a[k - 1] - exact) <= tol, $"eigenvalue {k}: {a[k - 1]} vs {exact}");
            }
    }

    [Fact]
    public void TwoByTwoEigenvaluesKeepTheSmallOneAccurate()
    {
        // [[1, 1e-8], [1e-8, 1e-16 + 1e-16]]: det = 1e-16 * 2 - 1e-16 = 1e-16, so the small eigenvalue is ~1e-16, to full relative accuracy.
        Sterf.Eigenvalues2x2(1.0, 1e-8, 2e-16, out double rt1, out double rt2);
        Assert.Equal(1.0, rt1, 15);
        double exactSmall = (1.0 * 2e-16 - 1e-16) / rt1;
        Assert.True(Math.Abs(rt2 - exactSmall) <= 4 * 2.2e-16 * Math.Abs(exactSmall), $"{rt2} vs {exactSmall}");
        Sterf.Eigenvalues2x2(-2.0, 0.0, 3.0, out rt1, out rt2);
        Assert.Equal((3.0, -2.0), (rt1, rt2));
        Sterf.Eigenvalues2x2(1.0, 1.0, -1.0, out rt1, out rt2);
        Assert.Equal(Math.Sqrt(2), Math.Abs(rt1), 15);
        Assert.Equal(-rt1, rt2, 15);
    }
}
