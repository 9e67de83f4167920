using System.Diagnostics;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactLimitsTests
{
    [Fact]
    public void A_power_that_would_blow_past_MaxBits_throws_before_computing()
    {
        var sw = Stopwatch.StartNew();
        var e = Assert.Throws<CalcLimitException>(() => ExactOps.Power(Ex.A("[3/2]"), int.MaxValue));
        Assert.Contains("20000 bits", e.Message);
        Assert.Contains("float(", e.Message);
        Assert.True(sw.ElapsedMilliseconds < 5000);
    }

    [Fact]
    public void MatrixPower_growth_stops_at_the_limit_instead_of_hanging()
    {
        var sw = Stopwatch.StartNew();
        // Fibonacci numbers grow by 0.69 bits per step: F(10^6) has about 694,000 bits.
        Assert.Throws<CalcLimitException>(() => ExactOps.MatrixPower(Ex.A("[[1, 1], [1, 0]]"), 1_000_000));
        Assert.True(sw.ElapsedMilliseconds < 5000);
        // Below the limit it works: F(1000) has 694 bits.
        var f = ExactOps.MatrixPower(Ex.A("[[1, 1], [1, 0]]"), 1000);
        Assert.Equal(694, (int)f[0, 1].Numerator.GetBitLength());
    }

    [Fact]
    public void Overridden_limits_apply_to_every_kind_of_operation()
    {
        using (ExactLimits.Override(maxBits: 100))
        {
            Assert.Equal(100, ExactLimits.MaxBits);
            var big = ExactArray.Scalar(new BigRational(System.Numerics.BigInteger.One << 60));
            var e = Assert.Throws<CalcLimitException>(() => ExactOps.Multiply(big, big));
            Assert.Contains("100 bits", e.Message);
            var row = ExactOps.Multiply(Ex.A("[[1, 1]]"), big);
            Assert.Throws<CalcLimitException>(() => ExactOps.MatMul(row, ExactOps.Transpose(row)));
            var rng = new Rng(3);
            Assert.Throws<CalcLimitException>(() => ExactOps.Det(Ex.IntMatrix(rng, 12, 12, 1 << 20)));
            Assert.Throws<CalcLimitException>(() => ExactOps.Inv(Ex.IntMatrix(rng, 12, 12, 1 << 20)));
            Assert.Throws<CalcLimitException>(() => BigRational.Parse("1e40"));
        }
        Assert.Equal(ExactLimits.DefaultMaxBits, ExactLimits.MaxBits);
        using (ExactLimits.Override(maxElements: 100))
        {
            var e = Assert.Throws<CalcLimitException>(() => ExactArray.Zeros(11, 10));
            Assert.Contains("110 elements", e.Message);
            Assert.Throws<CalcLimitException>(() => ExactOps.Outer(ExactArray.Zeros(20), ExactArray.Zeros(20)));
            Assert.Throws<CalcLimitException>(() => ExactArray.Identity(11));
            Assert.Throws<CalcLimitException>(() => ExactArray.FromTensorShortest(NDArray.Zeros<double>(101)));
        }
        using (ExactLimits.Override(maxOperations: 1000))
        {
            var e = Assert.Throws<CalcLimitException>(() => ExactOps.Inv(ExactArray.Identity(20)));
            Assert.Contains("MaxOperations", e.Message);
            Assert.Throws<CalcLimitException>(() => ExactOps.MatMul(ExactArray.Zeros(20, 20), ExactArray.Zeros(20, 20)));
            Assert.Throws<CalcLimitException>(() => ExactOps.Det(ExactArray.Identity(20)));
        }
    }

    [Fact]
    public void A_cancelled_token_stops_long_exact_work()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var rng = new Rng(5);
        var a = Ex.IntMatrix(rng, 20, 20, 9);
        using (ExactLimits.Override(cancellation: cts.Token))
        {
            Assert.Equal(cts.Token, ExactLimits.Cancellation);
            Assert.Throws<OperationCanceledException>(() => ExactOps.Inv(a));
            Assert.Throws<OperationCanceledException>(() => ExactOps.Det(a));
            Assert.Throws<OperationCanceledException>(() => ExactOps.MatMul(a, a));
            Assert.Throws<OperationCanceledException>(() => ExactOps.Rref(a));
        }
        Assert.False(ExactLimits.Cancellation.CanBeCanceled);
        Assert.NotNull(ExactOps.Inv(Ex.A("[[1, 2], [3, 4]]")));
    }

    [Fact]
    public void Limits_reject_nonsense_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactLimits.MaxBits = 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactLimits.MaxElements = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactLimits.MaxOperations = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactLimits.Override(maxBits: 8));
    }
}
