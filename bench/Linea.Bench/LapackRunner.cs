using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Linea.Bench;

/// <summary>
/// The <c>lapack</c> table runner: Linea's factorizations and solvers beside OpenBLAS's LAPACK, one line per case:
/// <c>lapack op=lu dtype=float64 n=1000 threads=2 linea_s=0.0123 openblas_s=0.0118 ratio=0.96 openblas_core=SkylakeX</c>
/// (ratio = openblas_s / linea_s, higher is better; "na" when OpenBLAS is absent). Each time is the best of
/// <c>--samples</c> runs after a warm-up of at least half a second (tiered JIT). lu and cholesky time the in-place factorization only (the copy of A is made
/// outside the timer, on both sides); solve (one right-hand side) and inv time the whole call, copies included, as a
/// NumPy user sees it. OpenBLAS's thread count follows <c>--threads</c>; Linea's level-3 work runs through Gemm.Multiply
/// with its default parallelism.
/// Usage: <c>lapack [--ops lu,cholesky,qr,solve,inv,lstsq,eigh,eigvalsh,eig,eigvals,svd,svdvals,tsqr,svdtall] [--shapes 200000x100,1000000x50] [--tsqr-ops qr,qr_r,lstsq] [--svd-shapes 20000x300,200000x100] [--sizes 500,1000,2000,4000] [--threads 1,2] [--dtypes float64,float32] [--samples 3]</c>
/// </summary>
public static class LapackRunner
{
    /// <summary>Runs the cases named on the command line; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        string[] ops = ["lu", "cholesky", "qr", "solve", "inv", "lstsq"];
        int[] sizes = [500, 1000, 2000, 4000];
        int[] threads = [1, Environment.ProcessorCount];
        string[] dtypes = ["float64", "float32"];
        int samples = 3;
        string[] shapes = ["200000x100", "1000000x50"];
        string[] tsqrOps = ["qr", "qr_r", "lstsq"];
        string[] svdShapes = ["20000x300", "200000x100"];
        for (int i = args.Length > 0 && args[0] == "lapack" ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--ops": ops = args[++i].Split(','); break;
                case "--sizes": sizes = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                case "--threads": threads = args[++i].Split(',').Select(t => t == "all" ? Environment.ProcessorCount : int.Parse(t)).Distinct().ToArray(); break;
                case "--dtypes": dtypes = args[++i].Split(','); break;
                case "--samples": samples = int.Parse(args[++i]); break;
                case "--shapes": shapes = args[++i].Split(','); break;
                case "--tsqr-ops": tsqrOps = args[++i].Split(','); break;
                case "--svd-shapes": svdShapes = args[++i].Split(','); break;
                default:
                    Console.Error.WriteLine($"lapack: unknown option {args[i]}; usage: lapack [--ops lu,cholesky,qr,solve,inv,lstsq,eigh,eigvalsh,eig,eigvals,svd,svdvals] [--sizes 500,1000] [--threads 1,2] [--dtypes float64,float32] [--samples 3]");
                    return 2;
            }
        }
        // Linea reads LINEA_NUM_THREADS once per process (Parallelism.Default): one thread count per run is set here;
        // with several, Linea keeps its default (all cores, or the variable as already set) and only OpenBLAS varies.
        if (threads.Length == 1 && Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") is null)
            Environment.SetEnvironmentVariable("LINEA_NUM_THREADS", threads[0].ToString(CultureInfo.InvariantCulture));
        else if (threads.Length > 1)
            Console.Error.WriteLine("lapack: several --threads values: Linea runs with its default parallelism (LINEA_NUM_THREADS, read once); run once per thread count for a like-for-like table");
        if (ops.Contains("tsqr"))
        {
            // Tall-skinny QR and least squares against NumPy (TsqrBench): one line per shape and op.
            foreach (var line in TsqrBench.Run(shapes, tsqrOps, threads.Max(), samples)) Console.WriteLine(line);
            ops = ops.Where(o => o != "tsqr").ToArray();
            if (ops.Length == 0) return 0;
        }
        OpenBlasLapack.Load(threads.Max());
        OpenBlasSpectral.Load();
        if (ops.Contains("svdtall"))
        {
            // Tall-skinny SVD (TSQR first) against its general path and dgesdd 'S' (TallSvdBench).
            OpenBlasLapack.SetThreads(threads.Max());
            foreach (var line in TallSvdBench.Run(svdShapes, threads.Max(), samples)) Console.WriteLine(line);
            ops = ops.Where(o => o != "svdtall").ToArray();
            if (ops.Length == 0) return 0;
        }
        // qr and lstsq (float64; lstsq at 4000 x 500) live in QrBench, against dgeqrf_ / dgelsd_.
        bool qr = ops.Contains("qr"), lstsq = ops.Contains("lstsq");
        ops = ops.Where(o => o is not ("qr" or "lstsq")).ToArray();
        if (qr || lstsq)
            foreach (int t in threads)
                foreach (var line in QrBench.Run(qr ? sizes : [], t, samples))
                    if (lstsq || !line.Contains("op=lstsq")) Console.WriteLine(line);
        foreach (var dtype in dtypes)
            foreach (int n in sizes)
                foreach (int t in threads)
                    foreach (var op in ops)
                    {
                        if (dtype == "float64") Case<double>(op, dtype, n, t, samples);
                        else if (dtype == "float32") Case<float>(op, dtype, n, t, samples);
                        else { Console.Error.WriteLine($"lapack: unknown dtype {dtype} (float64 or float32)"); return 2; }
                    }
        return 0;
    }

    private static void Case<T>(string op, string dtype, int n, int threads, int samples) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool spd = op == "cholesky";
        var a = spd ? Spd<T>(n) : NDArray.Uniform([n, n], -T.One, T.One, 42);
        var aData = a.ToArray();
        var b = NDArray.Uniform([n], -T.One, T.One, 43);
        var bData = b.ToArray();
        var work = NDArray.Zeros<T>(n, n);
        var workData = new T[n * n];
        var piv = new int[n];
        Action prepare = () => aData.AsSpan().CopyTo(work.AsSpan());
        Action prepareNative = () => aData.AsSpan().CopyTo(workData);
        Action linea, native;
        switch (op)
        {
            case "lu":
                linea = () => LuFactorization.FactorInPlace(work, piv);
                native = () => OpenBlasLapack.Getrf(n, workData, piv);
                break;
            case "cholesky":
                linea = () => CholeskyFactorization.FactorInPlace(work);
                native = () => OpenBlasLapack.Potrf(n, workData);
                break;
            case "solve":
                prepare = prepareNative = () => { };
                linea = () => Linalg.Solve(a, b);
                native = () =>
                {
                    // Copies included, as for Linea (LAPACK overwrites its inputs). Column-major: solves A^T x = b, same cost.
                    var ac = (T[])aData.Clone();
                    var bc = (T[])bData.Clone();
                    OpenBlasLapack.Gesv(n, 1, ac, piv, bc);
                };
                break;
            case "inv":
                prepare = prepareNative = () => { };
                linea = () => Linalg.Inv(a);
                native = () =>
                {
                    var ac = (T[])aData.Clone();
                    OpenBlasLapack.Getrf(n, ac, piv);
                    OpenBlasLapack.Getri(n, ac, piv);
                };
                break;
            case "eigh" or "eigvalsh" or "eig" or "eigvals" or "svd" or "svdvals":
                if (!SpectralCase(op, a, aData, workData, n, ref prepare, ref prepareNative, out linea, out native)) return;
                break;
            default:
                Console.Error.WriteLine($"lapack: unknown op {op} (lu, cholesky, solve, inv, qr, lstsq, eigh, eigvalsh, eig, eigvals, svd, svdvals)");
                return;
        }
        bool haveNative = OpenBlasLapack.Available && (OpenBlasSpectral.Available || op is not ("eigh" or "eigvalsh" or "eig" or "eigvals" or "svd" or "svdvals"));
        if (haveNative) OpenBlasLapack.SetThreads(threads);
        var (lineaS, nativeS) = Interleaved(prepare, linea, haveNative ? prepareNative : null, native, samples);
        string F(double s) => double.IsNaN(s) ? "na" : s.ToString("0.0000", CultureInfo.InvariantCulture);
        string ratio = double.IsNaN(nativeS) ? "na" : (nativeS / lineaS).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"lapack op={op} dtype={dtype} n={n} threads={threads} linea_s={F(lineaS)} openblas_s={F(nativeS)} ratio={ratio} openblas_core={OpenBlasLapack.Core}");
    }

    /// <summary>
    /// eigh / eigvalsh (Linea's SymmetricEigenDecomposition against dsyevd_ 'V' / 'N', lower triangle, on (G + G^T) / 2)
    /// eig / eigvals (Linea's EigenDecomposition with / without eigenvectors against dgeev_ with jobvl 'N' and jobvr 'V' /
    /// 'N', as numpy.linalg.eig / eigvals call it, on the uniform random matrix; OpenBLAS reads the row-major array as
    /// A^T, which has the same eigenvalues and costs the same)
    /// and svd / svdvals (Linea's SvdDecomposition with full matrices / values only against dgesdd_ 'A' / 'N'). Linea's
    /// timing includes its O(n^2) input copy; OpenBLAS's input is restored untimed.
    /// </summary>
    private static bool SpectralCase<T>(string op, NDArray<T> a, T[] aData, T[] workData, int n, ref Action prepare, ref Action prepareNative,
        out Action linea, out Action native) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = new T[n];
        if (op is "eigh" or "eigvalsh")
        {
            var sym = ((a + a.T) * T.CreateTruncating(0.5)).Contiguous();
            var symData = sym.ToArray();
            bool vectors = op == "eigh";
            prepare = () => { };
            prepareNative = () => symData.AsSpan().CopyTo(workData);
            linea = () => _ = new SymmetricEigenDecomposition<T>(sym, UpLo.Lower, vectors);
            native = () => OpenBlasSpectral.Syevd(vectors, n, workData, w);
        }
        else if (op is "eig" or "eigvals")
        {
            bool vectors = op == "eig";
            var wi = new T[n];
            prepare = () => { };
            prepareNative = () => aData.AsSpan().CopyTo(workData);
            linea = () => _ = new EigenDecomposition<T>(a, vectors);
            native = () => OpenBlasSpectral.Geev(vectors, n, workData, w, wi);
        }
        else
        {
            bool vectors = op == "svd";
            prepare = () => { };
            prepareNative = () => aData.AsSpan().CopyTo(workData);
            linea = () => _ = new SvdDecomposition<T>(a, fullMatrices: true, computeUv: vectors);
            native = () => OpenBlasSpectral.Gesdd(vectors, n, n, workData, w);
        }
        return true;
    }

    private static bool s_firstWarmUp = true;

    /// <summary>
    /// Runs the case for at least half a second (two seconds for the first case of the process, while the tiered JIT
    /// is still busy with everything the run touches for the first time) and then lets the JIT install its optimized
    /// code, so the first timed run is not a tier-0 one.
    /// </summary>
    internal static void WarmUp(Action prepare, Action run)
    {
        var sw = Stopwatch.StartNew();
        double minSeconds = s_firstWarmUp ? 2.0 : 0.5;
        s_firstWarmUp = false;
        int count = 0;
        while (count < 3 || (sw.Elapsed.TotalSeconds < minSeconds && count < 100)) { prepare(); run(); count++; }
        Thread.Sleep(200);
    }

    /// <summary>
    /// Best wall times of Linea and of the peer, after both are warmed up, from <paramref name="samples"/> rounds that
    /// alternate them (each after a 200 ms pause, so OpenBLAS's spinning idle workers are gone): on a shared machine whose
    /// speed drifts, alternating keeps the ratio fair. <paramref name="prepare"/> runs untimed before each run. The peer's
    /// time is NaN when <paramref name="preparePeer"/> is null (OpenBLAS absent).
    /// </summary>
    internal static (double Linea, double Peer) Interleaved(Action prepare, Action run, Action? preparePeer, Action peer, int samples)
    {
        WarmUp(prepare, run);
        if (preparePeer is not null) WarmUp(preparePeer, peer);
        double best = double.PositiveInfinity, bestPeer = preparePeer is null ? double.NaN : double.PositiveInfinity;
        for (int s = 0; s < samples; s++)
        {
            best = Math.Min(best, TimeOnce(prepare, run));
            if (preparePeer is not null) bestPeer = Math.Min(bestPeer, TimeOnce(preparePeer, peer));
        }
        return (best, bestPeer);
    }

    private static double TimeOnce(Action prepare, Action run)
    {
        prepare();
        Thread.Sleep(200);
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>A symmetric, strictly diagonally dominant matrix (so positive definite) in O(n^2): (G + G^T)/2 + n I with |G| &lt;= 1.</summary>
    private static NDArray<T> Spd<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = NDArray.Uniform([n, n], -T.One, T.One, 44);
        var s = (g + g.T) * T.CreateTruncating(0.5);
        for (int i = 0; i < n; i++) s[i, i] += T.CreateTruncating(n);
        return s;
    }
}
