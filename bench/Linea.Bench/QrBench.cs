using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.Bench;

/// <summary>
/// The qr and lstsq lines of the <c>lapack</c> runner: Linea's blocked Householder QR (n x n) and Lstsq (4000 x 500,
/// one right-hand side) against OpenBLAS's own LAPACK (dgeqrf_, dgelsd_) loaded from libopenblas.so.0 through
/// P/Invoke; <c>na</c> when the library is absent. On an AVX-512 CPU OPENBLAS_CORETYPE=SkylakeX is set (in the native
/// environment, before loading) unless the caller set it. Each figure is the best of several runs after a warm-up.
/// Line format: <c>lapack op=qr dtype=float64 n=1000 threads=1 linea_s=... openblas_s=... ratio=... openblas_core=SkylakeX</c>
/// with ratio = OpenBLAS seconds / Linea seconds (higher is better for Linea).
/// </summary>
public static unsafe class QrBench
{
    private static IntPtr _lib;
    private static delegate* unmanaged<int*, int*, double*, int*, double*, double*, int*, int*, void> _dgeqrf;
    private static delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void> _dgelsd;
    private static delegate* unmanaged<int, void> _setThreads;
    private static delegate* unmanaged<IntPtr> _coreName;

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private static bool Load()
    {
        if (_lib != IntPtr.Zero) return true;
        try
        {
            if (Vector512.IsHardwareAccelerated && Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null)
                SetEnv("OPENBLAS_CORETYPE", "SkylakeX", 0);
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
        if (!NativeLibrary.TryLoad("libopenblas.so.0", out _lib)) return false;
        if (!NativeLibrary.TryGetExport(_lib, "dgeqrf_", out var geqrf) || !NativeLibrary.TryGetExport(_lib, "dgelsd_", out var gelsd))
        {
            _lib = IntPtr.Zero;
            return false;
        }
        _dgeqrf = (delegate* unmanaged<int*, int*, double*, int*, double*, double*, int*, int*, void>)geqrf;
        _dgelsd = (delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void>)gelsd;
        if (NativeLibrary.TryGetExport(_lib, "openblas_set_num_threads", out var st)) _setThreads = (delegate* unmanaged<int, void>)st;
        if (NativeLibrary.TryGetExport(_lib, "openblas_get_corename", out var cn)) _coreName = (delegate* unmanaged<IntPtr>)cn;
        return true;
    }

    /// <summary>One line per case: qr for every n in <paramref name="sizes"/>, then lstsq at 4000 x 500; each time the best of <paramref name="samples"/> runs (one fewer at n >= 2000 and for lstsq, at least 2).</summary>
    public static IEnumerable<string> Run(int[] sizes, int threads, int samples = 3)
    {
        bool have = Init(threads, out string core);
        foreach (int n in sizes)
        {
            var a = Tensor.Normal([n, n], 0.0, 1.0, (ulong)n);
            double linea = Best(() => _ = new QrDecomposition<double>(a), n >= 2000 ? Math.Max(samples - 1, 2) : samples);
            double? ob = have ? Best(() => OpenBlasQr(a), n >= 2000 ? Math.Max(samples - 1, 2) : samples) : null;
            yield return Line("qr", n.ToString(CultureInfo.InvariantCulture), threads, linea, ob, core);
        }
        {
            var a = Tensor.Normal([4000, 500], 0.0, 1.0, 17);
            var b = Tensor.Normal([4000], 0.0, 1.0, 18);
            double linea = Best(() => _ = Linalg.Lstsq(a, b).Solution, Math.Max(samples - 1, 2));
            double? ob = have ? Best(() => OpenBlasLstsq(a, b), Math.Max(samples - 1, 2)) : null;
            yield return Line("lstsq", "4000x500", threads, linea, ob, core);
        }
    }

    private static bool Init(int threads, out string core)
    {
        bool have = Load();
        if (have && _setThreads != null) _setThreads(threads);
        core = have && _coreName != null ? Marshal.PtrToStringAnsi(_coreName()) ?? "unknown" : "na";
        return have;
    }

    private static string Line(string op, string n, int threads, double linea, double? ob, string core)
    {
        var c = CultureInfo.InvariantCulture;
        string obs = ob is double o ? o.ToString("F4", c) : "na";
        string ratio = ob is double r ? (r / linea).ToString("F2", c) : "na";
        return $"lapack op={op} dtype=float64 n={n} threads={threads} linea_s={linea.ToString("F4", c)} openblas_s={obs} ratio={ratio} openblas_core={core}";
    }

    /// <summary>
    /// Best of <paramref name="reps"/> runs after the same warm-up as the other lapack cases (at least three runs and
    /// half a second, then a pause for the tiered JIT to install optimized code), so Linea is not timed on tier-0 code.
    /// </summary>
    private static double Best(Action run, int reps)
    {
        var warm = Stopwatch.StartNew();
        int count = 0;
        while (count < 3 || (warm.Elapsed.TotalSeconds < 0.5 && count < 50)) { run(); count++; }
        Thread.Sleep(200);
        double best = double.MaxValue;
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static double[] ColumnMajor(Tensor<double> a)
    {
        int m = a.Shape[0], n = a.Shape[1];
        var src = a.Contiguous().ToArray();
        var dst = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) dst[i + j * m] = src[i * n + j];
        return dst;
    }

    private static void OpenBlasQr(Tensor<double> a)
    {
        int m = a.Shape[0], n = a.Shape[1], lda = m, info = 0, lwork = -1;
        var w = ColumnMajor(a);
        var tau = new double[Math.Min(m, n)];
        double q = 0;
        fixed (double* pa = w, pt = tau)
        {
            _dgeqrf(&m, &n, pa, &lda, pt, &q, &lwork, &info);
            lwork = (int)q;
            var work = new double[lwork];
            fixed (double* pw = work) _dgeqrf(&m, &n, pa, &lda, pt, pw, &lwork, &info);
        }
        if (info != 0) throw new InvalidOperationException($"dgeqrf_ info {info}");
    }

    private static void OpenBlasLstsq(Tensor<double> a, Tensor<double> b)
    {
        int m = a.Shape[0], n = a.Shape[1], nrhs = 1, lda = m, ldb = Math.Max(m, n), rank = 0, info = 0, lwork = -1;
        double rcond = -1; // machine precision, as numpy passes eps * max(m, n) (no difference at full rank)
        var w = ColumnMajor(a);
        var bb = new double[ldb];
        b.ToArray().CopyTo(bb, 0);
        var s = new double[Math.Min(m, n)];
        double q = 0;
        int iq = 0;
        fixed (double* pa = w, pb = bb, ps = s)
        {
            _dgelsd(&m, &n, &nrhs, pa, &lda, pb, &ldb, ps, &rcond, &rank, &q, &lwork, &iq, &info);
            lwork = (int)q;
            var work = new double[lwork];
            var iwork = new int[Math.Max(iq, 1)];
            fixed (double* pw = work) fixed (int* pi = iwork)
                _dgelsd(&m, &n, &nrhs, pa, &lda, pb, &ldb, ps, &rcond, &rank, pw, &lwork, pi, &info);
        }
        if (info != 0) throw new InvalidOperationException($"dgelsd_ info {info}");
    }
}
