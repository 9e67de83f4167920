using Linea.Kernels.Threading;

namespace Linea.Tests.Threading;

/// <summary>
/// The background warm-up of a first product and solve (<see cref="FirstCallWarmup"/>): handed out once per process for
/// float32 or float64, never when disabled or for other types, run once by the prestart, single-threaded, and without
/// effect on any result.
/// </summary>
public class FirstCallWarmupTests
{
    [Fact]
    public void ClaimHandsOutOneWarmupForFloatingTypesWhenEnabled()
    {
        int claimed = 0;
        Assert.Null(FirstCallWarmup.Claim<double>(enabled: false, ref claimed));
        Assert.Equal(0, claimed);
        Assert.Null(FirstCallWarmup.Claim<int>(enabled: true, ref claimed));
        Assert.Null(FirstCallWarmup.Claim<Half>(enabled: true, ref claimed));
        Assert.Equal(0, claimed);
        Assert.NotNull(FirstCallWarmup.Claim<double>(enabled: true, ref claimed));
        Assert.Null(FirstCallWarmup.Claim<double>(enabled: true, ref claimed));
        Assert.Null(FirstCallWarmup.Claim<float>(enabled: true, ref claimed));
        claimed = 0;
        Assert.NotNull(FirstCallWarmup.Claim<float>(enabled: true, ref claimed));
    }

    /// <summary>The first float64 tensor of the prestart size runs the warm-up once in the background; later ones do not.</summary>
    [Fact]
    public void PrestartRunsTheWarmupOnce()
    {
        _ = NDArray.Zeros<double>(96, 96);
        Assert.True(WorkerPool.PrestartRequested);
        // (Enabled: LINEA_WARMUP is not 0 and the code is JIT-compiled, as it is under the test runner.)
        Assert.Equal(Environment.GetEnvironmentVariable("LINEA_WARMUP") != "0", FirstCallWarmup.Enabled);
        bool expected = FirstCallWarmup.Enabled && Parallelism.Default.Count > 1;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (expected && FirstCallWarmup.Runs == 0 && DateTime.UtcNow < deadline) Thread.Sleep(1);
        Assert.Equal(expected ? 1 : 0, FirstCallWarmup.Runs);
        _ = NDArray.Zeros<float>(200, 200);
        _ = NDArray.Zeros<double>(200, 200);
        Thread.Sleep(100);
        Assert.Equal(expected ? 1 : 0, FirstCallWarmup.Runs);
    }

    /// <summary>Run directly, the warm-up completes for both types, on one thread, and leaves that thread's default as it was.</summary>
    [Fact]
    public void WarmupCompletesOnOneThread()
    {
        bool doubles = false, floats = false, oneThreadAfter = true;
        var t = new Thread(() =>
        {
            doubles = FirstCallWarmup.Run<double>();
            floats = FirstCallWarmup.Run<float>();
            oneThreadAfter = Parallelism.OneThreadOnThisThread;
        });
        t.Start();
        t.Join();
        Assert.True(doubles);
        Assert.True(floats);
        Assert.False(oneThreadAfter);
    }

    /// <summary>The per-thread one-thread default the warm-up sets touches only its own thread.</summary>
    [Fact]
    public void OneThreadDefaultIsPerThread()
    {
        int outside = Parallelism.Default.Count, inside = 0;
        var t = new Thread(() =>
        {
            Parallelism.OneThreadOnThisThread = true;
            inside = Parallelism.Default.Count;
        });
        t.Start();
        t.Join();
        Assert.Equal(1, inside);
        Assert.Equal(outside, Parallelism.Default.Count);
        Assert.False(Parallelism.OneThreadOnThisThread);
    }

    /// <summary>Products (parallel at this size) and solves give bit-identical results while warm-ups run beside them.</summary>
    [Fact]
    public void ResultsAreBitIdenticalWithWarmupsRunningBeside()
    {
        const int n = 300;
        var a = NDArray.Normal([n, n], 0.0, 1.0, 11);
        var b = NDArray.Normal([n, n], 0.0, 1.0, 12);
        var rhs = NDArray.Normal([n], 0.0, 1.0, 13);
        var af = a.AsType<float>();
        var bf = b.AsType<float>();
        var product = a.MatMul(b).ToArray();
        var solution = Linea.Linalg.Solve(a, rhs).ToArray();
        var productF = af.MatMul(bf).ToArray();

        using var stop = new CancellationTokenSource();
        int warmups = 0;
        var beside = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                FirstCallWarmup.Run<double>();
                FirstCallWarmup.Run<float>();
                warmups++;
            }
        });
        beside.Start();
        try
        {
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(product, a.MatMul(b).ToArray());
                Assert.Equal(solution, Linea.Linalg.Solve(a, rhs).ToArray());
                Assert.Equal(productF, af.MatMul(bf).ToArray());
            }
        }
        finally
        {
            stop.Cancel();
            beside.Join();
        }
        Assert.True(warmups > 0);
    }
}
