using System.Numerics;

namespace Linea.Bench;

/// <summary>
/// <c>gflops --shapes</c>: the shape families of issue #21 against OpenBLAS in one run, one line per case:
/// <c>shape family=layout case=nt dtype=float64 m=1024 n=1024 k=1024 threads=2 linea=.. openblas=.. ratio=..</c>
/// (GFLOP/s = 2mnk / seconds per product, interleaved samples as in <see cref="GflopsRunner"/>; ratio = linea / openblas).
/// Linea runs through the tensor front door (<c>NDArray.MatMulBatched</c>, the body of <c>NDArray.MatMul</c>, into a
/// preallocated result) on views: transposes, strided slices and batched stacks are read in place. OpenBLAS gets the
/// same operands through its transposition flags and leading dimensions; a slice with a non-unit column stride has no
/// BLAS form, so there OpenBLAS multiplies contiguous copies made before timing (the contiguous-speed target).
/// Batched cases loop OpenBLAS over the batch, one threaded call per matrix, as NumPy's matmul does.
/// Families: layout (square n = 1024 in the layouts NN, NT, TN, TT and strided slices), smallk (X @ X.T with
/// X 5000 x k, k = 16..128), skinny (tall-skinny, short-wide and the Gram product X.T @ X), square (n = 64, 256, 1024),
/// attention (96 matrices of 512 x 64: Q @ K.MT and P @ V, 3-d and 4-d).
/// </summary>
internal static class ShapesRunner
{
    private sealed record Case(string Family, string Name, long M, long N, long K, long Batch, Action Linea, Action? OpenBlas);

    public static void Run<T>(string dtype, int threads, int samples, string[] families, int squareN)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var par = new Parallelism(threads);
        foreach (var fam in families)
            foreach (var make in Family<T>(fam, par, threads, squareN))
            {
                var c = make();
                double flops = 2.0 * c.M * c.N * c.K * c.Batch;
                var g = GflopsRunner.Measure([c.Linea, c.OpenBlas], flops, samples);
                Console.WriteLine($"shape family={c.Family} case={c.Name} dtype={dtype} m={c.M} n={c.N} k={c.K}" +
                                  (c.Batch > 1 ? $" batch={c.Batch}" : "") +
                                  $" threads={threads} linea={GflopsRunner.F(g[0])} openblas={GflopsRunner.F(g[1])} ratio={GflopsRunner.R(g[0] / g[1])}");
                GC.Collect();
            }
    }

    private static IEnumerable<Func<Case>> Family<T>(string family, Parallelism par, int threads, int squareN)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (family)
        {
            case "layout":
                foreach (var lay in new[] { "nn", "nt", "tn", "tt", "slice_a", "slice_both" })
                    yield return () => Layout<T>(lay, squareN, par, threads);
                break;
            case "smallk":
                foreach (int k in new[] { 16, 32, 64, 128 })
                    yield return () => XXt<T>(5000, k, par, threads);
                yield return () => XXtAlloc<T>(5000, 64, threads, contiguous: false);
                yield return () => XXtAlloc<T>(5000, 64, threads, contiguous: true);
                break;
            case "skinny":
                yield return () => Plain<T>("skinny", "tall", 200_000, 100, 100, par, threads);
                yield return () => Plain<T>("skinny", "wide", 100, 200_000, 100, par, threads);
                yield return () => Gram<T>(200_000, 100, par, threads);
                break;
            case "square":
                foreach (int n in new[] { 64, 256, 1024 })
                    yield return () => Plain<T>("square", "nn", n, n, n, par, threads);
                break;
            case "attention":
                yield return () => Attention<T>("qk_3d", [96], par, threads);
                yield return () => Attention<T>("pv_3d", [96], par, threads);
                yield return () => Attention<T>("qk_4d", [8, 12], par, threads);
                yield return () => Attention<T>("pv_4d", [8, 12], par, threads);
                break;
            default: throw new ArgumentException($"unknown shape family '{family}' (layout, smallk, skinny, square, attention)");
        }
    }

    private static Action Front<T>(NDArray<T> a, NDArray<T> b, NDArray<T> c, Parallelism par) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Dims[^2], k = a.Dims[^1], n = b.Dims[^1];
        long[] batch = c.Dims[..^2];
        return () => NDArray.MatMulBatched(a, b, c, batch, m, n, k, par);
    }

    private static Case Plain<T>(string family, string name, int m, int n, int k, Parallelism par, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = GflopsRunner.Random<T>(m * k, 1); var b = GflopsRunner.Random<T>(k * n, 2); var c2 = new T[(long)m * n];
        var ta = NDArray.FromArray(a, m, k); var tb = NDArray.FromArray(b, k, n); var tc = NDArray.Zeros<T>(m, n);
        return new(family, name, m, n, k, 1, Front(ta, tb, tc, par),
            Peer(() => OpenBlasGemm.Gemm(false, false, m, n, k, a, 0, k, b, 0, n, c2, 0, n), threads));
    }

    /// <summary>X @ X.T for X m x k: B is the transposed view (strides 1, k).</summary>
    private static Case XXt<T>(int m, int k, Parallelism par, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = GflopsRunner.Random<T>(m * k, 1); var c2 = new T[(long)m * m];
        var tx = NDArray.FromArray(x, m, k); var tc = NDArray.Zeros<T>(m, m);
        return new("smallk", "x_xt", m, m, k, 1, Front(tx, tx.T, tc, par),
            Peer(() => OpenBlasGemm.Gemm(false, true, m, m, k, x, 0, k, x, 0, k, c2, 0, m), threads));
    }

    /// <summary>
    /// <c>NDArray.MatMul(X, X.T)</c> as a user writes it: a fresh m x m result per call (NumPy allocates one too);
    /// with <paramref name="contiguous"/>, X.T is first copied to a contiguous tensor (outside the timing).
    /// </summary>
    private static Case XXtAlloc<T>(int m, int k, int threads, bool contiguous) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = GflopsRunner.Random<T>(m * k, 1);
        var tx = NDArray.FromArray(x, m, k);
        var xt = contiguous ? tx.T.Copy() : tx.T;
        var peer = new T[(long)m * m];
        return new("smallk", contiguous ? "x_xt_matmul_contig" : "x_xt_matmul", m, m, k, 1, () => NDArray.MatMul(tx, xt),
            Peer(() => OpenBlasGemm.Gemm(false, true, m, m, k, x, 0, k, x, 0, k, new T[(long)m * m], 0, m), threads));
    }

    /// <summary>X.T @ X for X m x k (the Gram matrix of least squares): a k x k result from a long inner dimension.</summary>
    private static Case Gram<T>(int m, int k, Parallelism par, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = GflopsRunner.Random<T>(m * k, 1); var c2 = new T[k * k];
        var tx = NDArray.FromArray(x, m, k); var tc = NDArray.Zeros<T>(k, k);
        return new("skinny", "gram_xt_x", k, k, m, 1, Front(tx.T, tx, tc, par),
            Peer(() => OpenBlasGemm.Gemm(true, false, k, k, m, x, 0, k, x, 0, k, c2, 0, k), threads));
    }

    private static Case Layout<T>(string lay, int n, Parallelism par, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c2 = new T[n * n];
        var tc = NDArray.Zeros<T>(n, n);
        if (lay.StartsWith("slice", StringComparison.Ordinal))
        {
            // slice_a: A[:, ::2] (column stride 2) @ B; slice_both: A[::2, ::2] @ B[::2, ::2] (both strides non-unit).
            bool both = lay == "slice_both";
            var abig = GflopsRunner.Random<T>((both ? 2 * n : n) * 2 * n, 1);
            var bbig = GflopsRunner.Random<T>((both ? 4 * n * n : n * n), 2);
            var ta = NDArray.FromArray(abig, both ? 2 * n : n, 2 * n)[both ? "::2, ::2" : ":, ::2"];
            var tb = both ? NDArray.FromArray(bbig, 2 * n, 2 * n)["::2, ::2"] : NDArray.FromArray(bbig, n, n);
            var ac = ta.ToArray(); var bc = tb.ToArray();
            return new("layout", lay, n, n, n, 1, Front(ta, tb, tc, par),
                Peer(() => OpenBlasGemm.Gemm(false, false, n, n, n, ac, 0, n, bc, 0, n, c2, 0, n), threads));
        }
        var a = GflopsRunner.Random<T>(n * n, 1); var b = GflopsRunner.Random<T>(n * n, 2);
        bool transA = lay[0] == 't', transB = lay[1] == 't';
        var tA = NDArray.FromArray(a, n, n); var tB = NDArray.FromArray(b, n, n);
        return new("layout", lay, n, n, n, 1, Front(transA ? tA.T : tA, transB ? tB.T : tB, tc, par),
            Peer(() => OpenBlasGemm.Gemm(transA, transB, n, n, n, a, 0, n, b, 0, n, c2, 0, n), threads));
    }

    /// <summary>Attention: Q, K, V of shape (batch..., 512, 64); qk = Q @ K.MT (512 x 512 per matrix), pv = P @ V with P (batch..., 512, 512).</summary>
    private static Case Attention<T>(string name, long[] batchDims, Parallelism par, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int s = 512, d = 64;
        int batch = (int)batchDims.Aggregate(1L, (x, y) => x * y);
        long[] Dims(int r, int c) => [.. batchDims, r, c];
        bool qk = name.StartsWith("qk", StringComparison.Ordinal);
        if (qk)
        {
            var q = GflopsRunner.Random<T>(batch * s * d, 1); var k = GflopsRunner.Random<T>(batch * s * d, 2); var c2 = new T[batch * s * s];
            var tq = NDArray.FromArray(q, Dims(s, d)); var tk = NDArray.FromArray(k, Dims(s, d)); var tc = NDArray.Zeros<T>(Dims(s, s));
            return new("attention", name, s, s, d, batch, Front(tq, tk.MT, tc, par), Peer(() =>
            {
                for (int i = 0; i < batch; i++) OpenBlasGemm.Gemm(false, true, s, s, d, q, (long)i * s * d, d, k, (long)i * s * d, d, c2, (long)i * s * s, s);
            }, threads));
        }
        var p = GflopsRunner.Random<T>(batch * s * s, 1); var v = GflopsRunner.Random<T>(batch * s * d, 2); var o2 = new T[batch * s * d];
        var tp = NDArray.FromArray(p, Dims(s, s)); var tv = NDArray.FromArray(v, Dims(s, d)); var to = NDArray.Zeros<T>(Dims(s, d));
        return new("attention", name, s, d, s, batch, Front(tp, tv, to, par), Peer(() =>
        {
            for (int i = 0; i < batch; i++) OpenBlasGemm.Gemm(false, false, s, d, s, p, (long)i * s * s, s, v, (long)i * s * d, d, o2, (long)i * s * d, d);
        }, threads));
    }

    private static Action? Peer(Action f, int threads) => OpenBlas.Available ? () => { OpenBlas.SetThreads(threads); f(); } : null;
}
