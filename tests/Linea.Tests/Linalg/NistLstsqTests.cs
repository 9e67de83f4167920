using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

public class NistLstsqTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sets => new(NistStrd.Names);

    [Theory, MemberData(nameof(Sets))]
    public void Default_lstsq_reaches_numpy_qr_digits(string name)
    {
        var set = NistStrd.Load(name);
        var r = Linea.Linalg.Lstsq(set.Design(), set.Response());
        double lre = set.Lre(r.Solution);
        output.WriteLine($"{name}: default LRE {lre:F2} (numpy QR {NistStrd.NumpyQr(name):F2}), rank {r.Rank}");
        Assert.False(r.RankDeficient, $"{name}: rank {r.Rank}");
        Assert.True(lre >= NistStrd.NumpyQr(name) - 0.5, $"{name}: LRE {lre:F2} < numpy {NistStrd.NumpyQr(name)} - 0.5");
        var refined = Linea.Linalg.Lstsq(set.Design(), set.Response(), refine: true);
        double lreRefined = set.Lre(refined.Solution);
        output.WriteLine($"{name}: refined LRE {lreRefined:F2} ({refined.RefinementSteps} steps)");
        Assert.True(lreRefined >= NistStrd.NumpyQr(name) - 0.5, $"{name}: refined LRE {lreRefined:F2}");
    }

    [Theory, MemberData(nameof(Sets))]
    public void Extended_lstsq_reaches_twelve_digits(string name)
    {
        var set = NistStrd.Load(name);
        var r = Linea.Linalg.Lstsq(set.Design(), set.Response(), precision: LstsqPrecision.DoubleDouble);
        double lre = set.Lre(r.Solution);
        output.WriteLine($"{name}: extended LRE {lre:F2}");
        // Filip's powers x^k rounded to double already move the answer in the 8th digit (cond(A D) is about 1e8):
        // with the design formed in double, double-double arithmetic reaches 7.9 there, no solver can do better;
        // forming the design in double-double (LstsqExtended, below) reaches 14.3.
        double required = name == "Filip" ? 7.5 : 12;
        Assert.True(lre >= required, $"{name}: extended LRE {lre:F2} < {required}");
    }

    [Theory, MemberData(nameof(Sets))]
    public void Certified_residual_sd_and_r_squared(string name)
    {
        var set = NistStrd.Load(name);
        var (a, b) = NistStrdExact.Load(set);
        var r = Linea.Linalg.LstsqExtended(a, b);
        int n = set.Y.Length, p = set.Certified.Length;
        double rss = r.Residuals[0];
        double sd = Math.Sqrt(rss / (n - p));
        double mean = set.Intercept ? set.Y.Average() : 0;
        double tss = set.Y.Sum(y => (y - mean) * (y - mean));
        double r2 = 1 - rss / tss;
        output.WriteLine($"{name}: residual SD {sd:R} (certified {set.ResidualSd:R}), R^2 {r2:R} (certified {set.RSquared:R})");
        if (set.ResidualSd == 0) Assert.True(sd < 1e-10 * Math.Sqrt(tss / n), $"{name}: exact fit, SD {sd}");
        else Assert.True(Math.Abs(sd - set.ResidualSd) <= 1e-10 * set.ResidualSd, $"{name}: SD {sd:R}");
        Assert.True(Math.Abs(r2 - set.RSquared) <= 1e-10, $"{name}: R^2 {r2:R}");
    }
}

public class NistExactDesignTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sets => new(NistStrd.Names);

    [Theory, MemberData(nameof(Sets))]
    public void Extended_with_double_double_design_reaches_twelve_digits(string name)
    {
        var set = NistStrd.Load(name);
        var (a, b) = NistStrdExact.Load(set);
        var r = Linea.Linalg.LstsqExtended(a, b);
        double lre = set.Lre(r.Solution);
        output.WriteLine($"{name}: extended (double-double design) LRE {lre:F2}");
        Assert.True(lre >= 12, $"{name}: LRE {lre:F2}");
    }
}
