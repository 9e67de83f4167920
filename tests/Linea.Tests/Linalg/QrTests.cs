using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class QrTests(ITestOutputHelper output)
{
    private const double Threshold = 30; // LAPACK's test threshold, in units of max(m, n) eps

    public static TheoryData<string> Cases => new()
    {
        "random 1x1", "random 2x2", "random 3x3", "random 17x17", "random 64x64", "random 100x100",
        "tall 200x5", "tall 50x30", "wide 5x40", "wide 30x50", "zero 6x4", "zero 0x3", "zero 3x0",
        "rankdef 40x30r5", "graded 30x30", "hilbert 12", "kahan 30", "diag 8",
    };

    internal static NDArray<T> Make<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = name.Split(' ');
        var dims = parts[1].Split('x', 'r');
        int m = int.Parse(dims[0]), n = dims.Length > 1 ? int.Parse(dims[1]) : m;
        ulong seed = (ulong)name.GetHashCode(StringComparison.Ordinal) & 0xffff;
        return parts[0] switch
        {
            "random" or "tall" or "wide" => Generators.Normal<T>([m, n], seed + 1),
            "zero" => NDArray.Zeros<T>(m, n),
            "rankdef" => MatrixGenerators.RankDeficient<T>(m, n, int.Parse(dims[2]), 11),
            "graded" => MatrixGenerators.Graded<T>(m, n, 12, 5),
            "hilbert" => MatrixGenerators.Hilbert<T>(m),
            "kahan" => MatrixGenerators.Kahan<T>(m),
            "diag" => NDArray.Diag(NDArray.Arange(T.One, T.CreateTruncating(m + 1), T.One)),
            _ => throw new ArgumentException(name),
        };
    }

    private void Check<T>(string label, NDArray<T> a, QrParams? p = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var qr = a.Qr(p);
        int m = (int)a.Dims[0], n = (int)a.Dims[1], k = Math.Min(m, n);
        foreach (var mode in new[] { QrMode.Reduced, QrMode.Complete })
        {
            var q = qr.GetQ(mode);
            var r = qr.GetR(mode);
            Assert.Equal(new Shape([m, mode == QrMode.Reduced ? k : m]), q.Shape);
            Assert.Equal(new Shape([mode == QrMode.Reduced ? k : m, n]), r.Shape);
            FactorChecks.UpperTriangular(r);
            double orth = FactorChecks.Orthogonality(q);
            double back = FactorChecks.Backward(a, FactorChecks.D(q).MatMul(FactorChecks.D(r)));
            output.WriteLine($"{typeof(T).Name} {label} {mode}: orthogonality {orth:F3} n eps, backward {back:F3} n eps");
            Assert.True(orth < Threshold, $"{label} {mode}: ||Q^T Q - I|| = {orth} n eps");
            Assert.True(back < Threshold, $"{label} {mode}: ||A - QR|| = {back} ||A|| n eps");
        }
        double rec = FactorChecks.Backward(a, FactorChecks.D(qr.Reconstruct()));
        Assert.True(rec < Threshold, $"{label}: Reconstruct {rec}");
    }

    [Theory, MemberData(nameof(Cases))]
    public void Double_identities(string name) => Check(name, Make<double>(name));

    [Theory, MemberData(nameof(Cases))]
    public void Float_identities(string name) => Check(name, Make<float>(name));

    [Theory]
    [InlineData(7, 7, 2)] [InlineData(8, 8, 3)] [InlineData(9, 9, 4)] [InlineData(31, 31, 8)] [InlineData(33, 32, 8)]
    [InlineData(40, 17, 4)] [InlineData(17, 40, 4)] [InlineData(65, 65, 16)] [InlineData(100, 63, 32)]
    public void Blocked_paths_at_small_n(int m, int n, int nb)
    {
        var p = new QrParams(nb, 0);
        Check($"{m}x{n} nb={nb}", Generators.Normal<double>([m, n], (ulong)(m * 131 + n)), p);
        Check($"{m}x{n} nb={nb}", Generators.Normal<float>([m, n], (ulong)(m * 131 + n)), p);
    }

    [Fact]
    public void Blocked_and_unblocked_agree()
    {
        var a = Generators.Normal<double>([37, 23], 3);
        var r1 = a.Qr(new QrParams(1, 0)).R;
        var r2 = a.Qr(new QrParams(5, 0)).R;
        NumAssert.Close(r1, r2, 1000);
    }

    [Fact]
    public void Non_contiguous_views()
    {
        var big = Generators.Normal<double>([60, 50], 9);
        Check("transposed", big.T, new QrParams(4, 0));
        Check("strided", big[Slice.Step(2), 3..40], new QrParams(4, 0));
        var bigf = Generators.Normal<float>([60, 50], 9);
        Check("transposed", bigf.T);
        Check("strided", bigf[Slice.Step(3), 1..], new QrParams(3, 0));
    }

    [Fact]
    public void Front_door_matches_numpy_modes()
    {
        var a = Generators.Normal<double>([6, 4], 1);
        var (q, r) = Linea.Linalg.Qr(a);
        Assert.Equal(new Shape([6, 4]), q.Shape);
        Assert.Equal(new Shape([4, 4]), r.Shape);
        var (qc, rc) = Linea.Linalg.Qr(a, QrMode.Complete);
        Assert.Equal(new Shape([6, 6]), qc.Shape);
        Assert.Equal(new Shape([6, 4]), rc.Shape);
        NumAssert.Close(r, Linea.Linalg.QrR(a), 0);
        var w = Generators.Normal<double>([3, 5], 2);
        Assert.Equal(new Shape([3, 5]), Linea.Linalg.QrR(w).Shape);
    }

    [Fact]
    public void Known_2x2()
    {
        // A = [[3, 1], [4, 2]]: first column norm 5, R[0,0] = -5 (LAPACK's sign), R[1,1] = +-2/5.
        var a = NDArray.FromArray(new double[,] { { 3, 1 }, { 4, 2 } });
        var r = Linea.Linalg.QrR(a);
        Assert.Equal(-5, r[0, 0], 14);
        Assert.Equal(-11.0 / 5, r[0, 1], 14);
        Assert.Equal(0.4, Math.Abs(r[1, 1]), 14);
    }

    [Fact]
    public void Tiny_and_huge_entries_keep_relative_accuracy()
    {
        foreach (double s in new[] { 1e-300, 1e300, 1e-310 })
        {
            var a = Generators.Normal<double>([5, 3], 4) * s;
            var qr = a.Qr();
            Assert.True(FactorChecks.Orthogonality(qr.Q) < Threshold, $"scale {s}");
            var back = (qr.Q.MatMul(qr.R) - a);
            double rel = MatrixGenerators.FrobeniusNorm(back / s) / MatrixGenerators.FrobeniusNorm(a / s);
            Assert.True(rel < Threshold * 5 * NumAssert.Eps<double>(), $"scale {s}: {rel}");
        }
    }

    [Fact]
    public void Solve_and_apply_qt()
    {
        var a = Generators.Normal<double>([30, 8], 5);
        var xTrue = Generators.Normal<double>([8], 6);
        var b = a.MatMul(xTrue);
        var qr = a.Qr(new QrParams(3, 0));
        var x = qr.Solve(b);
        NumAssert.Close(xTrue, x, 1e4);
        var bm = Generators.Normal<double>([30, 3], 7);
        NumAssert.Close(qr.Q.T.MatMul(bm), qr.ApplyQT(bm)[..8, ..], 1e5);
        NumAssert.Close(bm, qr.ApplyQ(qr.ApplyQT(bm)), 1e5);
        var xm = qr.Solve(bm);
        Assert.Equal(new Shape([8, 3]), xm.Shape);
        // Normal-equations identity A^T (b - A x) = 0 to rounding.
        var res = a.T.MatMul(bm - a.MatMul(xm));
        Assert.True(MatrixGenerators.FrobeniusNorm(res) < 100 * NumAssert.Eps<double>() * 30 * MatrixGenerators.FrobeniusNorm(a) * MatrixGenerators.FrobeniusNorm(bm));
    }

    [Fact]
    public void Errors_name_shapes()
    {
        var qr = Generators.Normal<double>([5, 3], 1).Qr();
        var ex = Assert.Throws<ShapeMismatchException>(() => qr.Solve(NDArray.Zeros<double>(4)));
        Assert.Contains("(5, 3)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        Assert.Throws<ShapeMismatchException>(() => Generators.Normal<double>([3, 5], 1).Qr().Solve(NDArray.Zeros<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => NDArray.Zeros<double>(3).Qr());
        var nan = NDArray.Zeros<double>(2, 2); nan[1, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => nan.Qr());
        var sing = NDArray.FromArray(new double[,] { { 1, 2 }, { 2, 4 }, { 0, 0 } });
        var z = NDArray.FromArray(new double[,] { { 1, 0 }, { 0, 0 }, { 0, 0 } });
        var e = Assert.Throws<SingularMatrixException>(() => z.Qr().Solve(NDArray.Ones<double>(3)));
        Assert.Equal(1, e.PivotIndex);
        _ = sing;
    }
}
