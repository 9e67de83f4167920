using System.Globalization;

namespace Linea.ML.Tests.Regression;

/// <summary>A NIST StRD linear least-squares set (copied from shared/data into Data/nist): data, certified coefficients
/// with their standard deviations, residual SD and R^2. Parsed as the core's tests parse it.</summary>
internal sealed record NistSet(string Name, double[] Y, double[][] X, double[] Coefficients, double[] CoefficientSds,
    double ResidualSd, double RSquared, bool Intercept)
{
    public static readonly string[] Names =
        ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"];

    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Data", "nist");

    public static NistSet Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, name + ".dat"));
        int start = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Data:", StringComparison.Ordinal)) + 1;
        var rows = lines.Skip(start).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray())
            .ToArray();
        var cert = File.ReadAllLines(Path.Combine(Dir, "certified_coefficients.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == name).ToArray();
        var summary = File.ReadAllLines(Path.Combine(Dir, "certified_summary.csv")).Skip(1).Select(l => l.Split(',')).Single(f => f[0] == name);
        return new NistSet(name, rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1..]).ToArray(),
            cert.Select(f => Parse(f[2])).ToArray(), cert.Select(f => Parse(f[3])).ToArray(),
            Parse(summary[4]), Parse(summary[5]), summary[3] == "True");
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The features without the intercept column: the predictors as given, or x, x^2, ..., x^d (repeated
    /// multiplication, as shared/data/README.md says) for the polynomial models.</summary>
    public NDArray<double> Features()
    {
        int n = Y.Length, p = Coefficients.Length - (Intercept ? 1 : 0);
        var a = NDArray.Zeros<double>(n, p);
        bool polynomial = X[0].Length == 1 && p > 1;
        for (int i = 0; i < n; i++)
        {
            if (polynomial)
            {
                double v = 1;
                for (int k = 0; k < p; k++) { v *= X[i][0]; a[i, k] = v; }
            }
            else
                for (int k = 0; k < p; k++) a[i, k] = X[i][k];
        }
        return a;
    }

    public NDArray<double> Response() => NDArray.FromArray(Y);

    /// <summary>Log relative error (digits agreeing), capped at 15; against 0 the absolute error is used.</summary>
    public static double Lre(double certified, double x)
    {
        double err = certified == 0 ? Math.Abs(x) : Math.Abs(x - certified) / Math.Abs(certified);
        return err == 0 ? 15 : Math.Min(15, -Math.Log10(err));
    }

    /// <summary>The smallest LRE over a vector of estimates against certified values.</summary>
    public static double MinLre(double[] certified, double[] estimates) =>
        certified.Zip(estimates, Lre).Min();
}
