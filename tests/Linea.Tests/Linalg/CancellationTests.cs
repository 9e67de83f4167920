using System.Diagnostics;
using Xunit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The factorizations and iterations poll the cancellation of <see cref="Parallelism.CancelWith"/> scopes between
/// panels, merges and sweeps (#16 item 9): a cancelled scope stops them with OperationCanceledException, and leaving
/// the scope restores normal work.
/// </summary>
public class CancellationTests
{
    [Fact]
    public void ACancelledScopeStopsEveryFactorization()
    {
        var a = NDArray.Normal([600, 600], 0.0, 1.0, seed: 1);
        var spd = a.MatMul(a.T) + NDArray.Eye<double>(600) * 600.0;
        var b = NDArray.Normal([600], 0.0, 1.0, seed: 2);
        using (var cts = new CancellationTokenSource())
        {
            cts.Cancel();
            using var scope = Parallelism.CancelWith(cts.Token);
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Solve(a, b));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Cholesky(spd));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Qr(a));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Svd(a));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Svdvals(a));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Eigh(spd));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Eigvalsh(spd));
            Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Eig(a));
        }
        // Outside the scope the same calls work.
        var x = Linea.Linalg.Solve(a, b);
        Assert.True(Linea.Linalg.Norm(a.MatMul(x) - b) <= 1e-8 * Linea.Linalg.Norm(b));
        Assert.Equal(600, Linea.Linalg.Svdvals(a).Size);
    }

    [Fact]
    public void CancellationDuringALongEigenproblemStopsIt()
    {
        // eig of order 1500 takes over a second here; cancelled after 50 ms it must stop at its next sweep.
        var a = NDArray.Normal([1500, 1500], 0.0, 1.0, seed: 3);
        // Cancelled from a dedicated thread: a CancellationTokenSource timer fires on the thread pool, which the
        // eigensolver's own workers can keep busy past the end of the solve on a loaded machine.
        using var cts = new CancellationTokenSource();
        var canceller = new Thread(() => { Thread.Sleep(50); cts.Cancel(); }) { IsBackground = true };
        using var scope = Parallelism.CancelWith(cts.Token);
        var sw = Stopwatch.StartNew();
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => Linea.Linalg.Eig(a));
        canceller.Join();
        Assert.True(sw.Elapsed.TotalSeconds < 30, $"took {sw.Elapsed}");
    }

    [Fact]
    public void ScopesNestAndRestore()
    {
        using var outer = new CancellationTokenSource();
        using var inner = new CancellationTokenSource();
        using (Parallelism.CancelWith(outer.Token))
        {
            using (Parallelism.CancelWith(inner.Token)) Assert.Equal(inner.Token, Parallelism.Default.Cancellation);
            Assert.Equal(outer.Token, Parallelism.Default.Cancellation);
        }
        Assert.Equal(CancellationToken.None, Parallelism.Default.Cancellation);
    }
}
