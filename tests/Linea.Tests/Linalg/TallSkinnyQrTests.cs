using System.Numerics;
using Linea.TestKit;
using Xunit.Abstractions;

namespace Linea.Tests.Linalg;

/// <summary>
/// TSQR (<see cref="TallSkinnyQr{T}"/>) with chunk and block sizes shrunk so that small matrices run many chunks and
/// several tree levels: Q^T Q = I, Q R = A, R upper triangular (LAPACK's test ratios, in units of max(m, n) eps), R
/// equal to the blocked QR's up to row signs; least squares through it against the blocked path, with A^T r = 0.
/// </summary>
public class TallSkinnyQrTests(ITestOutputHelper output)
{
    private const double Threshold = 30; // LAPACK's test threshold, in units of max(m, n) eps

    /// <summary>m, n, chunk rows, block size: many chunks, odd sizes, uneven chunks, n = 1, m = n, deep trees.</summary>
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 200, 5, 16, 2 }, { 203, 7, 20, 3 }, { 1000, 1, 4, 1 }, { 97, 13, 26, 4 }, { 13, 13, 26, 4 },
        { 500, 10, 20, 16 }, { 321, 17, 40, 5 }, { 64, 31, 62, 8 }, { 2048, 3, 6, 2 },
    };

    private static TallSkinnyQrParams Small(int chunkRows, int nb) => new(chunkRows, nb, 1);

    private void Check<T>(int m, int n, int chunkRows, int nb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Generators.Normal<T>([m, n], (ulong)(m * 31 + n));
        using var ts = new TallSkinnyQr<T>(a, Small(chunkRows, nb), Parallelism.Default, keepReflectors: true);
        var q = ts.FormQ();
        var r = ts.R();
        Assert.Equal(new Shape([m, n]), q.Shape);
        Assert.Equal(new Shape([n, n]), r.Shape);
        FactorChecks.UpperTriangular(r);
        double orth = FactorChecks.Orthogonality(q);
        double back = FactorChecks.Backward(a, FactorChecks.D(q).MatMul(FactorChecks.D(r)));
        output.WriteLine($"{typeof(T).Name} {m}x{n} chunk {chunkRows} nb {nb}: orthogonality {orth:F3}, backward {back:F3} (max(m, n) eps)");
        Assert.True(orth < Threshold, $"||Q^T Q - I|| = {orth} max(m, n) eps");
        Assert.True(back < Threshold, $"||A - QR|| = {back} ||A|| max(m, n) eps");

        // R agrees with the blocked Householder QR's up to the sign of each row (R is unique up to signs at full rank).
        var rb = FactorChecks.D(a.Qr().R);
        var rt = FactorChecks.D(r);
        double scale = MatrixGenerators.FrobeniusNorm(rb), diff = 0;
        for (int i = 0; i < n; i++)
        {
            double s = Math.Sign(rb[i, i]) * Math.Sign(rt[i, i]);
            for (int j = i; j < n; j++) diff = Math.Max(diff, Math.Abs(rb[i, j] - s * rt[i, j]));
        }
        Assert.True(diff <= Threshold * m * NumAssert.Eps<T>() * scale, $"R differs from the blocked QR's by {diff} (||R|| = {scale})");

        // Q^T applied without forming Q equals the formed Q's transpose times b in the first n rows, and keeps norms.
        var b = Generators.Normal<T>([m], 5);
        var c = b.ToArray();
        ts.ApplyQT(Linea.Kernels.MatrixView<T>.ColumnMajor(c, 0, m, 1, m));
        var qtb = FactorChecks.D(q).T.MatMul(FactorChecks.D(b));
        double bn = Math.Sqrt(NDArray.Dot(FactorChecks.D(b), FactorChecks.D(b)));
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(qtb[i] - double.CreateTruncating(c[i])) <= Threshold * m * NumAssert.Eps<T>() * bn, $"(Q^T b)[{i}]");
        double cn = 0;
        foreach (var x in c) cn += double.CreateTruncating(x) * double.CreateTruncating(x);
        Assert.True(Math.Abs(Math.Sqrt(cn) - bn) <= Threshold * m * NumAssert.Eps<T>() * bn, "||Q^T b|| != ||b||");

        // r-only mode (reflectors not kept) gives the same R bit for bit.
        using var rOnly = new TallSkinnyQr<T>(a, Small(chunkRows, nb), Parallelism.Default, keepReflectors: false);
        Assert.Equal(r.ToArray(), rOnly.R().ToArray());
        Assert.Throws<InvalidOperationException>(() => rOnly.FormQ());
    }

    [Theory, MemberData(nameof(Shapes))]
    public void Double_identities(int m, int n, int chunkRows, int nb) => Check<double>(m, n, chunkRows, nb);

    [Theory, MemberData(nameof(Shapes))]
    public void Float_identities(int m, int n, int chunkRows, int nb) => Check<float>(m, n, chunkRows, nb);

    [Fact]
    public void Strided_input_views_give_the_contiguous_result()
    {
        var big = Generators.Normal<double>([300, 10], 9);
        var strided = big[.., 2..8];                   // row stride 10, offset 2
        var view = strided.T.Contiguous().T;           // column-major 300 x 6
        using var a = new TallSkinnyQr<double>(view, Small(25, 2), Parallelism.Default, keepReflectors: false);
        using var b = new TallSkinnyQr<double>(strided, Small(25, 2), Parallelism.Default, keepReflectors: false);
        using var c = new TallSkinnyQr<double>(strided.Contiguous(), Small(25, 2), Parallelism.Default, keepReflectors: false);
        Assert.Equal(c.R().ToArray(), a.R().ToArray());
        Assert.Equal(c.R().ToArray(), b.R().ToArray());
    }

    [Fact]
    public void Single_thread_and_threads_agree_bit_for_bit()
    {
        var a = Generators.Normal<double>([777, 9], 4);
        using var one = new TallSkinnyQr<double>(a, Small(30, 4), Parallelism.None, keepReflectors: true);
        using var two = new TallSkinnyQr<double>(a, Small(30, 4), new Parallelism(2), keepReflectors: true);
        Assert.Equal(one.R().ToArray(), two.R().ToArray());
        Assert.Equal(one.FormQ().ToArray(), two.FormQ().ToArray());
    }

    [Fact]
    public void Front_door_takes_the_tall_skinny_path_for_large_m()
    {
        // n = 3 in double: chunks of 512 KiB are 21845 rows, so 70,000 rows give three chunks under the Auto params.
        Assert.True(TallSkinnyQr<double>.Applies(70_000, 3, TallSkinnyQrParams.Auto));
        Assert.False(TallSkinnyQr<double>.Applies(200, 5, TallSkinnyQrParams.Auto));
        foreach (var a in new[] { Generators.Normal<double>([70_000, 3], 1) })
        {
            var (q, r) = Linea.Linalg.Qr(a);
            Assert.True(FactorChecks.Orthogonality(q) < Threshold);
            Assert.True(FactorChecks.Backward(a, FactorChecks.D(q).MatMul(FactorChecks.D(r))) < Threshold);
            Assert.Equal(r.ToArray(), Linea.Linalg.QrR(a).ToArray());
        }
        var af = Generators.Normal<float>([140_000, 3], 2);
        var (qf, rf) = Linea.Linalg.Qr(af);
        Assert.True(FactorChecks.Orthogonality(qf) < Threshold);
        Assert.True(FactorChecks.Backward(af, FactorChecks.D(qf).MatMul(FactorChecks.D(rf))) < Threshold);
        var bad = Generators.Normal<double>([70_000, 3], 3);
        bad[5, 1] = double.NaN;
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.Qr(bad));
        Assert.Throws<NonFiniteException>(() => Linea.Linalg.QrR(bad));
    }

    private static readonly TallSkinnyQrParams Never = new(0, 16, int.MaxValue);

    private void CheckLstsq<T>(NDArray<T> a, int expectedRank, bool expectTall) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[0], n = a.IntDims[1];
        var b = Generators.Normal<T>([m], 77);
        var tall = new CodLeastSquares<T>(a, null, tallSkinny: Small(3 * n + 1, 3));
        var blocked = new CodLeastSquares<T>(a, null, tallSkinny: Never);
        Assert.Equal(expectTall, tall.UsedTallSkinny);
        Assert.False(blocked.UsedTallSkinny);
        Assert.Equal(expectedRank, blocked.Rank);
        Assert.Equal(blocked.Rank, tall.Rank);
        var x1 = tall.Solve(b.ToArray(), 1, Parallelism.Default);
        var x0 = blocked.Solve(b.ToArray(), 1, Parallelism.Default);
        tall.ReleaseWorkspace();
        var xd = NDArray.Wrap(x1.Select(v => double.CreateTruncating(v)).ToArray(), n);
        var x0d = NDArray.Wrap(x0.Select(v => double.CreateTruncating(v)).ToArray(), n);
        var ad = FactorChecks.D(a);
        var bd = FactorChecks.D(b);
        double eps = NumAssert.Eps<T>(), an = MatrixGenerators.FrobeniusNorm(ad), bn = Math.Sqrt(NDArray.Dot(bd, bd));
        if (expectedRank == n)
        {
            // A^T (b - A x) = 0 to rounding, and the same x as the blocked path to a condition-number multiple of eps.
            var res = bd - ad.MatMul(xd);
            double atr = Math.Sqrt(NDArray.Dot(ad.T.MatMul(res), ad.T.MatMul(res)));
            double xn = Math.Sqrt(NDArray.Dot(xd, xd));
            output.WriteLine($"{typeof(T).Name} {m}x{n}: ||A^T r|| / (||A|| (||A|| ||x|| + ||b||) m eps) = {atr / (an * (an * xn + bn) * m * eps):F4}");
            Assert.True(atr <= 30 * m * eps * an * (an * xn + bn), $"||A^T r|| = {atr}");
            double dx = Math.Sqrt(NDArray.Dot(xd - x0d, xd - x0d));
            Assert.True(dx <= 1e3 * m * eps * Math.Max(xn, 1), $"||x_tsqr - x_blocked|| = {dx} (||x|| = {xn})");
        }
        var s0 = blocked.ScaledSingularValues;
        var s1 = tall.ScaledSingularValues;
        for (int i = 0; i < s0.Count; i++)
            Assert.True(Math.Abs(s0[i] - s1[i]) <= 30 * m * eps * s0[0], $"scaled singular value {i}: {s1[i]} vs {s0[i]}");
    }

    [Theory]
    [InlineData(300, 7)] [InlineData(1000, 1)] [InlineData(257, 16)] [InlineData(90, 9)]
    public void Lstsq_through_tsqr_matches_the_blocked_path(int m, int n)
    {
        CheckLstsq(Generators.Normal<double>([m, n], (ulong)m), n, true);
        CheckLstsq(Generators.Normal<float>([m, n], (ulong)m), n, true);
    }

    [Fact]
    public void Lstsq_rank_deficient_input_keeps_the_rank_decision()
    {
        CheckLstsq(MatrixGenerators.RankDeficient<double>(400, 12, 5, 3), 5, true);
        CheckLstsq(MatrixGenerators.RankDeficient<float>(400, 12, 5, 3), 5, true);
        // The front door on the same problem: truncated answer, flagged, residual orthogonal to range(A).
        var a = MatrixGenerators.RankDeficient<double>(400, 12, 5, 3);
        var b = Generators.Normal<double>([400], 8);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(5, r.Rank);
        Assert.True(r.RankDeficient);
    }

    [Fact]
    public void Lstsq_badly_scaled_columns_fall_back_to_the_scaled_blocked_path()
    {
        var a = Generators.Normal<double>([300, 4], 6);
        for (int i = 0; i < 300; i++) a[i, 2] *= 1e200;
        var tall = new CodLeastSquares<double>(a, null, tallSkinny: Small(13, 3));
        Assert.False(tall.UsedTallSkinny);
        Assert.Equal(4, tall.Rank);
    }

    [Fact]
    public void Lstsq_front_door_on_the_tall_path_has_orthogonal_residual()
    {
        var a = Generators.Normal<double>([70_000, 3], 11);
        var b = Generators.Normal<double>([70_000], 12);
        var r = Linea.Linalg.Lstsq(a, b);
        Assert.Equal(3, r.Rank);
        var res = b - a.MatMul(r.Solution);
        double an = MatrixGenerators.FrobeniusNorm(a), atr = Math.Sqrt(NDArray.Dot(a.T.MatMul(res), a.T.MatMul(res)));
        Assert.True(atr <= 30 * 70_000 * NumAssert.Eps<double>() * an * (an * Math.Sqrt(NDArray.Dot(r.Solution, r.Solution)) + Math.Sqrt(NDArray.Dot(b, b))));
        Assert.Equal(NDArray.Dot(res, res), r.Residuals[0], 1e-10 * NDArray.Dot(b, b));

        // Several right-hand sides (blocked Q^T per chunk) and refinement (repeated solves) give the same columns.
        var b2 = Generators.Normal<double>([70_000, 2], 13);
        var x2 = Linea.Linalg.Lstsq(a, b2, refine: true).Solution;
        for (int c = 0; c < 2; c++)
        {
            var xc = Linea.Linalg.Lstsq(a, b2[.., c]).Solution;
            for (int j = 0; j < 3; j++)
                Assert.True(Math.Abs(x2[j, c] - xc[j]) <= 1e3 * 70_000 * NumAssert.Eps<double>() * (1 + Math.Abs(xc[j])), $"x[{j}, {c}]");
        }
    }
}
