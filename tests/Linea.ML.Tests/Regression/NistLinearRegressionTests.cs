using Xunit.Abstractions;

namespace Linea.ML.Tests.Regression;

/// <summary>
/// LinearRegression on the NIST StRD linear least-squares sets against NIST's certified coefficients, coefficient
/// standard deviations, residual SD and R^2, measured as LRE (digits agreeing). The bar for the coefficients is the one
/// the core's Lstsq tests use: NumPy's Householder QR figure (shared/data/README.md) minus half a digit, since
/// LinearRegression is Lstsq on centred data; Longley must reach 12 digits.
/// </summary>
public class NistLinearRegressionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sets => new(NistSet.Names);

    /// <summary>NumPy's Householder QR LRE on each set (the lower of its AVX2 and AVX-512 runs), shared/data/README.md.</summary>
    private static double NumpyQr(string name) => name switch
    {
        "Norris" => 12.43, "Pontius" => 12.23, "NoInt1" => 14.72, "NoInt2" => 15.00, "Filip" => 7.94, "Longley" => 10.90,
        "Wampler1" => 9.26, "Wampler2" => 13.04, "Wampler3" => 9.05, "Wampler4" => 7.77, "Wampler5" => 5.77,
        _ => throw new ArgumentException(name),
    };

    private static (double[] Coef, double[] Sd, LinearRegression<double> Model) Fit(NistSet set)
    {
        var model = new LinearRegression<double>(fitIntercept: set.Intercept).Fit(set.Features(), set.Response());
        var coef = (set.Intercept ? new[] { model.Intercept } : []).Concat(model.Coefficients.ToArray()).ToArray();
        var sd = (set.Intercept ? new[] { model.InterceptStandardError } : []).Concat(model.StandardErrors.ToArray()).ToArray();
        return (coef, sd, model);
    }

    [Theory, MemberData(nameof(Sets))]
    public void Coefficients_reach_the_certified_digits(string name)
    {
        var set = NistSet.Load(name);
        var (coef, _, model) = Fit(set);
        double lre = NistSet.MinLre(set.Coefficients, coef);
        output.WriteLine($"{name}: coefficient LRE {lre:F2} (NumPy QR {NumpyQr(name):F2}), rank {model.Rank}");
        Assert.Null(model.Warning);
        double required = name == "Longley" ? 12 : NumpyQr(name) - 0.5;
        Assert.True(lre >= required, $"{name}: coefficient LRE {lre:F2} < {required}");
    }

    [Theory, MemberData(nameof(Sets))]
    public void Standard_errors_and_residual_sd_reach_the_certified_digits(string name)
    {
        var set = NistSet.Load(name);
        var (_, sd, model) = Fit(set);
        double s = model.ResidualStandardDeviation;
        if (set.ResidualSd == 0)
        {
            // Wampler1/2 are exact fits: the computed residuals are rounding errors, O(eps ||X|| ||w||) for a backward
            // stable solver, so s and every standard error must be tiny against the data: 100 n eps max|y|.
            double bound = 100 * set.Y.Length * Math.Pow(2, -52) * set.Y.Max(Math.Abs);
            output.WriteLine($"{name}: exact fit, residual SD {s:E2} (bound {bound:E2})");
            Assert.True(s <= bound, $"{name}: residual SD {s:E3} > {bound:E3}");
            return;
        }
        double sdLre = NistSet.MinLre(set.CoefficientSds, sd), sLre = NistSet.Lre(set.ResidualSd, s);
        output.WriteLine($"{name}: standard error LRE {sdLre:F2}, residual SD LRE {sLre:F2}");
        // The standard errors depend on R only (not on y's fit), and are better determined than the coefficients;
        // Filip's R^-1 carries cond(X) ~ 1e15 (column-scaled ~ 1e8) and keeps about 7.8 digits.
        double required = name == "Filip" ? 7.3 : 12;
        Assert.True(sdLre >= required, $"{name}: standard error LRE {sdLre:F2} < {required}");
        Assert.True(sLre >= (name == "Filip" ? 9 : 12), $"{name}: residual SD LRE {sLre:F2}");
    }

    [Theory, MemberData(nameof(Sets))]
    public void R_squared_matches_nist(string name)
    {
        var set = NistSet.Load(name);
        var (_, _, model) = Fit(set);
        double lre = NistSet.Lre(set.RSquared, model.RSquared);
        output.WriteLine($"{name}: R^2 {model.RSquared:R} (certified {set.RSquared:R}), LRE {lre:F2}");
        Assert.True(lre >= (name == "Filip" ? 11 : 13), $"{name}: R^2 LRE {lre:F2}");
    }
}
