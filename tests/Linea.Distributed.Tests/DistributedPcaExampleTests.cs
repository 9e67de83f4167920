using System.Globalization;

namespace Linea.Distributed.Tests;

/// <summary>
/// examples/DistributedPca under mpirun at 2 ranks on a small generated file (20,000 x 16, 4 planted directions): its
/// printed max_diff_vs_single (largest relative difference of the explained variances and largest difference of the
/// sign-aligned components between DistributedPca and a single-process Pca of the whole file) must lie within the
/// perturbation bound of the problem, and its explained_variance_ratio must equal the ratios of the singular values of
/// the centred file computed here.
/// </summary>
public sealed class DistributedPcaExampleTests : IDisposable
{
    private const double Eps = 2.220446049250313e-16;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "linea-distributed-pca-test-" + Guid.NewGuid().ToString("N"));

    private static string ExampleDll => Path.Combine(AppContext.BaseDirectory, "DistributedPca.dll");

    [MpiFact]
    public void The_example_at_2_ranks_matches_the_single_process_pca_within_the_perturbation_bound()
    {
        const long n = 20_000;
        const int d = 16, k = 4;
        string path = Path.Combine(_dir, "x.npy");
        MpiRunResult r = MpiRun.Program(2, ExampleDll, TimeSpan.FromSeconds(90),
            "--rows", "20000", "--cols", "16", "--components", "4", "--path", path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Dictionary<string, string> lines = r.StdOut.Split('\n')
            .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        Assert.Equal("2", lines["ranks"]);
        Assert.Equal("20000", lines["rows"]);
        Assert.Equal("16", lines["cols"]);
        Assert.Equal("4", lines["components"]);
        Assert.True(double.Parse(lines["seconds"], CultureInfo.InvariantCulture) > 0, r.ToString());

        // The problem's own numbers: singular values of the centred matrix (a 2.5 MB file, SVD here in-process).
        var x = Npy.Load<double>(path);
        Assert.Equal(new Shape(n, d), x.Shape);
        double[] s = Linalg.Svd(x - x.Mean(0), fullMatrices: false).S.ToArray();
        double gap = Enumerable.Range(0, k).Min(i => Math.Min(i > 0 ? s[i - 1] - s[i] : double.PositiveInfinity, s[i] - s[i + 1]));
        // Both fits are backward stable (Householder QR / SVD): singular values move by at most c σ_max with
        // c = 4 d √n eps, so a variance σ² by 2 c σ_max² (relative to σ_max²: 2c, and 4c covers both fits); a component
        // by c σ_max / gap (Wedin), gap = the smallest distance of a kept singular value to its neighbours.
        double c = 4 * d * Math.Sqrt(n) * Eps;
        double bound = Math.Max(4 * c, c * s[0] / gap);
        double diff = double.Parse(lines["max_diff_vs_single"], CultureInfo.InvariantCulture);
        Assert.True(diff <= bound, $"max_diff_vs_single {diff:E3} > bound {bound:E3}; {r}");

        double total = s.Sum(v => v * v);
        double[] printed = lines["explained_variance_ratio"].Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(k, printed.Length);
        for (int i = 0; i < k; i++)   // printed with 6 decimals: half a unit of the last place, plus the fits' 4c
            Assert.True(Math.Abs(printed[i] - s[i] * s[i] / total) <= 5e-7 + 4 * c, $"ratio {i}: printed {printed[i]}, expected {s[i] * s[i] / total}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
