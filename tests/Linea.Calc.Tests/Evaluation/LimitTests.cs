using System.Diagnostics;
using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>No input crashes or hangs: every limit is a CalcLimitException, raised before the work or allocation.</summary>
public class LimitTests
{
    private static CalcLimitException Limit(string program, CalcOptions? options = null, double seconds = 10)
    {
        var sw = Stopwatch.StartNew();
        var e = CalcRun.Error(program, options);
        sw.Stop();
        Assert.True(sw.Elapsed.TotalSeconds < seconds, $"took {sw.Elapsed}");
        return Assert.IsType<CalcLimitException>(e);
    }

    [Fact]
    public void TheTimeLimitStopsALongFloatFactorization()
    {
        // #16 item 9: the core library's eigenvalue iteration polls the evaluation's time limit between sweeps, so a
        // limited run stops well before the whole computation would end (measured here, on the same matrix).
        const string program = "A = rand(900, 900, seed=1)\neigvals(A)";
        var full = Stopwatch.StartNew();
        Assert.Null(new CalcSession(CalcRun.Options).Evaluate(program)[^1].Error);
        full.Stop();
        // Order 900 and a 50 ms limit leave a wide margin now that eig takes well under a second at this order.
        var options = CalcRun.Options with { Limits = CalcLimits.Default with { MaxTime = TimeSpan.FromMilliseconds(50) } };
        var limited = Stopwatch.StartNew();
        var e = Limit(program, options, seconds: 30);
        limited.Stop();
        Assert.Contains("took longer than the limit", e.Message);
        Assert.True(limited.Elapsed < full.Elapsed * 0.6, $"limited run {limited.Elapsed}, full run {full.Elapsed}");
    }

    [Fact]
    public void RefusesHugeArraysBeforeAllocating()
    {
        var e = Limit("zeros(1000000, 1000000)");
        Assert.Equal("zeros: the result would have 1,000,000,000,000 elements, beyond the limit of 16,000,000 (MaxElements)", e.Message);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Limit("ones((100000, 100000, 100000))");
        Limit("rand(100000, 100000, seed=1)");
        Limit("eye(100000)");
        Limit("arange(0, 1e12)");
        Limit("linspace(0, 1, 100000000)");
        Limit("kron(ones(5000), ones(5000))");
        Limit("outer(rand(5000), rand(5000))");
        Limit("diag(rand(5000))");
        Limit("reshape(rand(4000), 4000, 1) + rand(4000) + reshape(rand(4000), 4000, 1, 1)");
        Limit("rand(5000, 1) @ rand(1, 5000)");
    }

    [Fact]
    public void RefusesResultsMuchLargerThanTheirInputsBeforeAllocating()
    {
        // #16 item 10: the complete Q of a tall matrix is m x m; the old code allocated about 10 GB, then failed
        var e = Limit("qr(zeros(100000, 5), \"complete\")");
        Assert.Equal("qr: the complete Q of shape (100000, 100000) would have 10,000,000,000 elements (80 GB of float64), beyond the limit of 16,000,000 (MaxElements)", e.Message);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.StartsWith("qr(A) gives the reduced Q", e.Hint, StringComparison.Ordinal);
        Assert.StartsWith("svd(A, full_matrices=0)", Limit("svd(zeros(20000, 3))").Hint, StringComparison.Ordinal);
        Assert.Contains("the full U of shape (20000, 20000) would have 400,000,000 elements (3.2 GB of float64)", Limit("svd(zeros(20000, 3))").Message);
        Assert.Contains("the full Vh of shape (20000, 20000)", Limit("svd(zeros(3, 20000))").Message);
        Assert.StartsWith("svd: the full U of shape (3, 20000, 20000)", Limit("svd(zeros((3, 20000, 2)))").Message);
        Assert.StartsWith("lu: P of shape (5000, 5000) would have 25,000,000 elements (200 MB of float64)", Limit("lu(zeros(5000, 2))").Message);
        Assert.StartsWith("solve: x of shape (5000, 5000, 2, 1)", Limit("solve(ones((5000, 1, 2, 2)) + eye(2), ones((1, 5000, 2, 1)))").Message);

        // the reduced forms of the same matrices are small and fine
        Assert.Equal(new Shape(100000, 5), CalcRun.Float("Q, R = qr(zeros(100000, 5))\nQ").Shape);
        Assert.Equal(new Shape(20000, 3), CalcRun.Float("U, S, Vh = svd(zeros(20000, 3), full_matrices=0)\nU").Shape);
    }

    [Fact]
    public void SharedLimitsRefuseLargeFactorsThatWouldFitLocally()
    {
        var shared = CalcRun.Options with { Limits = CalcLimits.Shared };
        Assert.Equal("svd: the full U of shape (2000, 2000) would have 4,000,000 elements (32 MB of float64), beyond the limit of 1,000,000 (MaxElements)",
            Limit("svd(ones(2000, 2))", shared).Message);
        Assert.StartsWith("qr: the complete Q of shape (1001, 1001)", Limit("qr(ones(1001, 2), \"complete\")", shared).Message);
        Assert.StartsWith("lu: P of shape (1001, 1001)", Limit("lu(ones(1001, 2))", shared).Message);
        Assert.Equal(new Shape(1000, 1000), CalcRun.Float("Q, R = qr(ones(1000, 2), \"complete\")\nQ").Shape);
    }

    [Fact]
    public void LibrarySizeErrorsKeepTheirMessage()
    {
        var e = ErrorTranslation.Translate(new TensorTooLargeException("concatenate", 1.2e19, "concatenate: the result of shape (1500000000000000000,) would have ..."));
        var limit = Assert.IsType<CalcLimitException>(e);
        Assert.StartsWith("concatenate: the result of shape (1500000000000000000,)", limit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesDeepNesting()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        var e = Limit(text);
        Assert.Contains("nested more than 200 levels", e.Message);
        Limit(string.Join(" + ", Enumerable.Repeat("1", 100_000)));
        Limit("x = " + new string('-', 50_000) + "1");
        Limit(new string('[', 100_000) + new string(']', 100_000));
    }

    [Fact]
    public void RefusesHugeExactNumbers()
    {
        var e = Limit("[[2]] ^ 100000000");
        Assert.Contains("MaxBits", e.Message);
        Limit("2 ** 100000000");
        Limit("(1/3) ** 30000");
        Limit("[[2, 1], [1, 1]] ^ 1000000");
        Limit("x = 10 ** 5000\nx * x * x * x * x");
        Limit(new string('9', 5000));
    }

    [Fact]
    public void RefusesTooMuchExactWork()
    {
        var e = Limit("inv(exact(rand(300, 300, seed=1)))");
        Assert.Contains("MaxOperations", e.Message);
    }

    [Fact]
    public void RefusesTooMuchFloatWork()
    {
        var options = CalcRun.Options with { Limits = CalcLimits.Default with { MaxWork = 1e6 } };
        var e = Limit("zeros(200, 200) * 1.0 @ ones(200, 200)", options);
        Assert.Equal("matmul: about 8e6 multiply-adds, beyond the limit of 1e6 per operation (MaxWork)", e.Message);
        Limit("svd(rand(200, 200))", options);
        Limit("inv(rand(200, 200))", options);
        Limit("det(rand(200, 200))", options);
        Limit("rand(200, 200) ^ 3", options);
    }

    [Fact]
    public void StopsAtTheTimeLimitAndOnCancellation()
    {
        var options = CalcRun.Options with { Limits = CalcLimits.Default with { MaxTime = TimeSpan.Zero } };
        var e = Limit("1 + 1", options);
        Assert.Equal("evaluation took longer than the limit of 0 s (MaxTime)", e.Message);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = new CalcSession(CalcRun.Options).Evaluate("1 + 1", cts.Token);
        Assert.Equal("evaluation was cancelled", Assert.IsType<CalcLimitException>(r[^1].Error).Message);
    }

    [Fact]
    public void RefusesLongPrograms()
    {
        var options = CalcRun.Options with { Limits = CalcLimits.Shared };
        var e = Limit(new string(' ', 200_000) + "1", options);
        Assert.Equal("the program has 200,001 characters, beyond the limit of 100,000 (MaxProgramLength)", e.Message);
    }

    [Fact]
    public void RefusesExplanationsOfLargeMatrices()
    {
        var e = CalcRun.Error("explain ones(10, 10) @ ones(10, 10)");
        Assert.IsType<CalcLimitException>(e);
    }

    [Fact]
    public void RefusesGeometryOfHugeEntries()
    {
        var e = Limit("explain [[10**30, 1], [3, 4]]");
        Assert.Contains("too large for the geometric reading", e.Message);
        Limit("explain -(99999999999999999999 ** [1 2; 3 4.5])");
        Assert.Contains("shear", CalcRun.Text("explain [[1, 1000000], [0, 1]]"));
    }

    [Fact]
    public void SharedLimitsAreTighter()
    {
        var shared = CalcRun.Options with { Limits = CalcLimits.Shared };
        Limit("zeros(2000, 1000)", shared);
        Limit("2 ** 10000", shared);
        Assert.Equal("1", CalcRun.Exact("det(eye(50))"));
    }
}

/// <summary>Runs alone (not beside timing-sensitive tests): these keep the cores busy until the limit lands.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyEvaluationCollection
{
    public const string Name = "heavy evaluations, run alone";
}

/// <summary>Issue 16, item 9: the time limit and cancellation stop long operations inside their loops.</summary>
[Collection(HeavyEvaluationCollection.Name)]
public class CancellationTests
{
    /// <summary>A program whose one statement would run for minutes: a product of 120 x 120 exact integers of 10,000 bits.</summary>
    private const string MinutesOfExactWork = "A = exact(round(rand(120, 120, seed=1) * 1e15)) ** 200\nB = A @ A";

    private static CalcOptions Generous(TimeSpan maxTime) => CalcRun.Options with
    {
        Limits = CalcLimits.Default with { MaxTime = maxTime, MaxExactBits = 1_000_000 },
    };

    [Fact]
    public void TheTimeLimitStopsALongExactOperationInsideItsLoop()
    {
        var clock = Stopwatch.StartNew();
        var results = new CalcSession(Generous(TimeSpan.FromSeconds(2))).Evaluate(MinutesOfExactWork);
        clock.Stop();
        var e = Assert.IsType<CalcLimitException>(results[^1].Error);
        Assert.Equal("evaluation took longer than the limit of 2 s (MaxTime)", e.Message);
        Assert.Equal(2, e.Line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 + 4), $"took {clock.Elapsed}");
    }

    [Fact]
    public void CancellationStopsALongExactOperationInsideItsLoop()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        var results = new CalcSession(Generous(TimeSpan.FromMinutes(10))).Evaluate(MinutesOfExactWork, cts.Token);
        clock.Stop();
        Assert.Equal("evaluation was cancelled", Assert.IsType<CalcLimitException>(results[^1].Error).Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.5 + 4), $"took {clock.Elapsed}");
    }

    [Fact]
    public void TheTimeLimitStopsAFloatMatrixPowerBetweenProducts()
    {
        // about 60 products of 1000 x 1000 matrices: tens of seconds on two cores
        var clock = Stopwatch.StartNew();
        var results = new CalcSession(Generous(TimeSpan.FromSeconds(1))).Evaluate("P = (rand(1000, 1000, seed=2) / 1000) ^ 2147483647");
        clock.Stop();
        Assert.Equal("evaluation took longer than the limit of 1 s (MaxTime)", Assert.IsType<CalcLimitException>(results[^1].Error).Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1 + 5), $"took {clock.Elapsed}");
    }
}
