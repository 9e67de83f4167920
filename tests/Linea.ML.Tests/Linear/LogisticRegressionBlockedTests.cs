using System.Text.Json;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Linear;

/// <summary>
/// LogisticRegression on 3000 x 40 (Data/logistic_blocked_fixture.json, made by make_logistic_blocked_fixture.py with
/// scikit-learn 1.2): large enough that the Newton Hessian is formed in row blocks of about 1600 rows, split over the
/// threads, diagonal blocks through the symmetric one-triangle GEMM and off-diagonal ones with X^T read in place.
/// </summary>
public class LogisticRegressionBlockedTests
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Fixtures.Path("logistic_blocked_fixture.json"))).RootElement);

    public static TheoryData<string> Cases => new(Root.Value.GetProperty("cases").EnumerateArray().Select(static c => c.GetProperty("name").GetString()!));

    private static JsonElement Case(string name) => Root.Value.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    /// <summary>The fixture's data, rebuilt from its integer formulas (exact in double, so bit for bit Python's).</summary>
    internal static (NDArray<double> X, NDArray<double> Y) Data(int k, int n = 3000, int p = 40)
    {
        var x = new double[n * p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            int label = 7919 * i % 1013 % k;
            y[i] = label;
            for (int j = 0; j < p; j++)
            {
                int h = (131 * i + 71 * j + i * j % 97) % 41 - 20;
                x[i * p + j] = h / 16.0 + (j % k == label ? 0.75 : 0.0);
            }
        }
        return (NDArray.FromArray(x, n, p), NDArray.FromArray(y));
    }

    [Theory, MemberData(nameof(Cases))]
    public void Blocked_fit_matches_scikit_learn(string name)
    {
        var c = Case(name);
        var (x, y) = Data(c.GetProperty("k").GetInt32());
        double C = c.GetProperty("C").GetDouble();
        var m = new LogisticRegression<double>(C, c.GetProperty("fit_intercept").GetBoolean(), tol: 1e-9).Fit(x, y);
        Assert.True(m.Converged, m.Warning);
        // Quadratic convergence needs the exact Hessian: a wrong block would still descend, but in many more steps.
        Assert.True(m.NIter <= 12, $"Newton took {m.NIter} steps");
        LogisticFixtureChecks.AssertMatches(m, c, 1e-9);
        Assert.Equal(c.GetProperty("accuracy").GetDouble(), m.Score(x, y), 12);
    }

    /// <summary>
    /// A warm fit (softmax, 4 classes, intercepts) allocates only the 2 n m probabilities, the (m (p + 1))^2 Hessian, the
    /// Hessian pass's per-thread row block (64 Ki doubles) and two (p + 1)^2 squares, the labels (y's values twice and the
    /// class indices: n (2 x 8 + 4) bytes), and small objects: 16 KiB a Newton step (the factorization's and the pass's
    /// hand-offs take about 9) and 64 KiB besides; about 1.7 MB on two threads. The old fit copied X three times
    /// (2.9 MB) and each Newton step made a new weighted n x (p + 1) copy, Hessian and factor (about 1.4 MB a step).
    /// A float32 X adds exactly one n x p double copy.
    /// </summary>
    [Fact]
    public void Warm_fit_reads_float64_X_in_place_and_reuses_the_Newton_buffers()
    {
        const int n = 3000, p = 40, k = 4, d = p + 1;
        var (x, y) = Data(k);
        int threads = Math.Min(Parallelism.Default.Threads, 2); // 3000 rows: enough row blocks for two threads
        int pairs = k * (k + 1) / 2; // the Hessian's class pairs a <= b, formed side by side in one product per row block
        long Bound(int steps) => 2L * n * k * 8 + (long)(k * d) * (k * d) * 8 + threads * ((1L << 16) * 8 + (long)pairs * d * (d + 1) * 8)
            + n * (2L * 8 + 4) + steps * (16L << 10) + (64 << 10);
        // The smaller of two warm fits: a pooled buffer returned on another thread (or core) can miss the pool once and be
        // allocated anew, which is the pool's behaviour, not the fit's (seen once in a full parallel test run).
        var model = new LogisticRegression<double>(tol: 1e-9).Fit(x, y);
        long bytes = long.MaxValue;
        for (int run = 0; run < 2; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model = new LogisticRegression<double>(tol: 1e-9).Fit(x, y);
            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(model.NIter >= 5, $"{model.NIter} Newton steps: too few to show that they reuse their buffers");
        long bound = Bound(model.NIter);
        Assert.True(bytes <= bound, $"LogisticRegression.Fit (float64) allocated {bytes} bytes > {bound} in {model.NIter} steps");

        var xf = x.AsType<float>();
        var yf = y.AsType<float>();
        var mf = new LogisticRegression<float>(tol: 1e-9).Fit(xf, yf);
        bytes = long.MaxValue;
        for (int run = 0; run < 2; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            mf = new LogisticRegression<float>(tol: 1e-9).Fit(xf, yf);
            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        bound = Bound(mf.NIter) + 8L * n * p;
        Assert.True(bytes <= bound, $"LogisticRegression.Fit (float32) allocated {bytes} bytes > {bound} in {mf.NIter} steps");
    }
}
