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
    private static delegate* unmanaged<int*, int*, double*, int*, double*, double*, int*, int*, void> _dgeqrf;
    private static delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void> _dgelsd;

    /// <summary>Resolves dgeqrf_ and dgelsd_ from the library <see cref="OpenBlasLibrary"/> loads; false when absent.</summary>
    private static bool Load(int threads)
    {
        if (_dgeqrf != null) return true;
        nint h = OpenBlasLibrary.Load(threads);
        if (h == 0 || !NativeLibrary.TryGetExport(h, "dgeqrf_", out var geqrf) || !NativeLibrary.TryGetExport(h, "dgelsd_", out var gelsd))
            return false;
        _dgeqrf = (delegate* unmanaged<int*, int*, double*, int*, double*, double*, int*, int*, void>)geqrf;
        _dgelsd = (delegate* unmanaged<int*, int*, int*, double*, int*, double*, int*, double*, double*, int*, double*, int*, int*, int*, void>)gelsd;
        return true;
    }

    /// <summary>One line per case: qr for every n in <paramref name="sizes"/>, then lstsq at 4000 x 500; each time the best of <paramref name="samples"/> runs (one fewer at n >= 2000 and for lstsq, at least 2).</summary>
    public static IEnumerable<string> Run(int[] sizes, int threads, int samples = 3)
    {
        bool have = Init(threads, out string core);
        foreach (int n in sizes)
        {
            var a = NDArray.Normal([n, n], 0.0, 1.0, (ulong)n);
            var (linea, peer) = LapackRunner.Interleaved(() => { }, () => _ = new QrDecomposition<double>(a), have ? () => { } : null, () => OpenBlasQr(a), samples);
            double? ob = have ? peer : null;
            yield return Line("qr", n.ToString(CultureInfo.InvariantCulture), threads, linea, ob, core);
        }
        {
            var a = NDArray.Normal([4000, 500], 0.0, 1.0, 17);
            var b = NDArray.Normal([4000], 0.0, 1.0, 18);
            var (linea, peer) = LapackRunner.Interleaved(() => { }, () => _ = Linalg.Lstsq(a, b).Solution, have ? () => { } : null, () => OpenBlasLstsq(a, b), samples);
            double? ob = have ? peer : null;
            yield return Line("lstsq", "4000x500", threads, linea, ob, core);
        }
    }

    internal static bool Init(int threads, out string core)
    {
        bool have = Load(threads);
        if (have) OpenBlasLibrary.SetThreads(threads);
        core = have ? OpenBlasLibrary.Core : "na";
        return have;
    }

    private static string Line(string op, string n, int threads, double linea, double? ob, string core)
    {
        var c = CultureInfo.InvariantCulture;
        string obs = ob is double o ? o.ToString("F4", c) : "na";
        string ratio = ob is double r ? (r / linea).ToString("F2", c) : "na";
        return $"lapack op={op} dtype=float64 n={n} threads={threads} linea_s={linea.ToString("F4", c)} openblas_s={obs} ratio={ratio} openblas_core={core}";
    }

    private static double[] ColumnMajor(NDArray<double> a)
    {
        int m = (int)a.Shape[0], n = (int)a.Shape[1];
        var src = a.Contiguous().ToArray();
        var dst = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) dst[i + j * m] = src[i * n + j];
        return dst;
    }

    internal static void OpenBlasQr(NDArray<double> a)
    {
        int m = (int)a.Shape[0], n = (int)a.Shape[1], lda = m, info = 0, lwork = -1;
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

    internal static void OpenBlasLstsq(NDArray<double> a, NDArray<double> b)
    {
        int m = (int)a.Shape[0], n = (int)a.Shape[1], nrhs = 1, lda = m, ldb = Math.Max(m, n), rank = 0, info = 0, lwork = -1;
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
