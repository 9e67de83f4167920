using System.Globalization;

namespace Linea.Tests.Linalg;

/// <summary>The NIST StRD linear least-squares sets (copied into Data/nist): data, model and certified values.</summary>
internal sealed record NistStrd(string Name, double[] Y, double[][] X, double[] Certified, double ResidualSd, double RSquared, bool Intercept)
{
    public static readonly string[] Names =
        ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"];

    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Data", "nist");

    public static NistStrd Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, name + ".dat"));
        int start = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Data:", StringComparison.Ordinal)) + 1;
        var rows = lines.Skip(start).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var cert = File.ReadAllLines(Path.Combine(Dir, "certified_coefficients.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == name).Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)).ToArray();
        var summary = File.ReadAllLines(Path.Combine(Dir, "certified_summary.csv")).Skip(1).Select(l => l.Split(',')).Single(f => f[0] == name);
        return new NistStrd(name, rows.Select(r => r[0]).ToArray(), rows.Select(r => r[1..]).ToArray(), cert,
            double.Parse(summary[4], CultureInfo.InvariantCulture), double.Parse(summary[5], CultureInfo.InvariantCulture), summary[3] == "True");
    }

    /// <summary>The design matrix in double, as /work/shared/data/README.md describes: an intercept column where the model has
    /// one, powers of x by repeated multiplication for the polynomial models (Pontius, Filip, Wampler).</summary>
    public NDArray<double> Design()
    {
        int n = Y.Length, p = Certified.Length;
        var a = NDArray.Zeros<double>(n, p);
        bool polynomial = X[0].Length == 1 && p > (Intercept ? 2 : 1);
        for (int i = 0; i < n; i++)
        {
            if (polynomial)
            {
                double v = 1;
                for (int k = 0; k < p; k++) { a[i, k] = v; v *= X[i][0]; }
            }
            else
            {
                int c = 0;
                if (Intercept) a[i, c++] = 1;
                foreach (double v in X[i]) a[i, c++] = v;
            }
        }
        return a;
    }

    public NDArray<double> Response() => NDArray.FromArray(Y);

    /// <summary>Log relative error: the smallest number of digits agreeing with the certified values (capped at 15, NIST's digits).</summary>
    public double Lre(NDArray<double> b)
    {
        double min = 15;
        for (int k = 0; k < Certified.Length; k++)
        {
            double c = Certified[k], x = b[k];
            double err = c == 0 ? Math.Abs(x) : Math.Abs(x - c) / Math.Abs(c);
            double lre = err == 0 ? 15 : Math.Min(15, -Math.Log10(err));
            min = Math.Min(min, lre);
        }
        return min;
    }

    /// <summary>NumPy's Householder QR LRE, the lower of its AVX2 and AVX-512 figures (/work/shared/data/README.md).</summary>
    public static double NumpyQr(string name) => name switch
    {
        "Norris" => 12.43, "Pontius" => 12.23, "NoInt1" => 14.72, "NoInt2" => 15.00, "Filip" => 7.94, "Longley" => 10.90,
        "Wampler1" => 9.26, "Wampler2" => 13.04, "Wampler3" => 9.05, "Wampler4" => 7.77, "Wampler5" => 5.77,
        _ => throw new ArgumentException(name),
    };

    /// <summary>numpy.linalg.lstsq's LRE with its default rcond (gelsd).</summary>
    public static double NumpyLstsq(string name) => name switch
    {
        "Norris" => 12.30, "Pontius" => 6.24, "NoInt1" => 14.72, "NoInt2" => 15.00, "Filip" => -0.03, "Longley" => 10.93,
        "Wampler1" => 9.32, "Wampler2" => 10.18, "Wampler3" => 9.63, "Wampler4" => 7.86, "Wampler5" => 5.86,
        _ => throw new ArgumentException(name),
    };
}

/// <summary>The data read as decimal double-double and the design formed in double-double (for LstsqExtended).</summary>
internal static class NistStrdExact
{
    public static (Linea.Numerics.DoubleDouble[,] A, Linea.Numerics.DoubleDouble[] B) Load(NistStrd set)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "nist", set.Name + ".dat"));
        int start = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Data:", StringComparison.Ordinal)) + 1;
        var rows = lines.Skip(start).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Linea.Numerics.DoubleDouble.Parse).ToArray()).ToArray();
        int n = rows.Length, p = set.Certified.Length;
        var a = new Linea.Numerics.DoubleDouble[n, p];
        bool polynomial = rows[0].Length == 2 && p > (set.Intercept ? 2 : 1);
        for (int i = 0; i < n; i++)
        {
            if (polynomial)
            {
                var v = Linea.Numerics.DoubleDouble.One;
                for (int k = 0; k < p; k++) { a[i, k] = v; v *= rows[i][1]; }
            }
            else
            {
                int c = 0;
                if (set.Intercept) a[i, c++] = Linea.Numerics.DoubleDouble.One;
                for (int k = 1; k < rows[i].Length; k++) a[i, c++] = rows[i][k];
            }
        }
        return (a, rows.Select(r => r[0]).ToArray());
    }
}
