using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Linea.Bench;

/// <summary>
/// <c>spectralphases [--sizes 1000,2000] [--threads 1] [--samples 3] [--ops svd,eigh,eig,panels] [--nb 32] [--orm-nb 48]</c>: each phase of Linea's float64 svd, eigh and
/// eig beside the LAPACK routine OpenBLAS runs for the same phase (dgebrd / dbdsdc / dormbr, dsytrd / dstedc / dormtr,
/// dgehrd / dorghr / dhseqr / dtrevc3), one line per phase:
/// <c>phase op=svd phase=gebrd n=1000 threads=1 linea_s=.. openblas_s=.. ratio=..</c> (ratio = openblas_s / linea_s,
/// best of samples). Linea's thread count comes from LINEA_NUM_THREADS (set from --threads when absent).
/// </summary>
internal static unsafe class SpectralPhases
{
    public static int Run(string[] args)
    {
        int[] sizes = [1000];
        int threads = 1, samples = 3;
        string[] ops = ["svd", "eigh", "eig"];
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sizes": sizes = args[i + 1].Split(',').Select(int.Parse).ToArray(); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--samples": samples = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--ops": ops = args[i + 1].Split(','); break;
                case "--nb": s_nb = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--orm-nb": s_orm = new QrParams(int.Parse(args[i + 1], CultureInfo.InvariantCulture), QrParams.Auto.Crossover); break;
                default: Console.Error.WriteLine($"spectralphases: unknown option {args[i]}"); return 2;
            }
        }
        if (Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") is null)
            Environment.SetEnvironmentVariable("LINEA_NUM_THREADS", threads.ToString(CultureInfo.InvariantCulture));
        OpenBlasLapack.Load(threads);
        OpenBlasLapack.SetThreads(threads);
        nint h = OpenBlasLibrary.Handle;
        foreach (int n in sizes)
        {
            var a = NDArray.Uniform([n, n], -1.0, 1.0, 42);
            if (ops.Contains("panels")) Panels(a, n, threads, samples);
            if (ops.Contains("svd")) Svd(a, n, threads, samples, h);
            if (ops.Contains("eigh")) Eigh(a + a.T, n, threads, samples, h);
            if (ops.Contains("eig")) Eig(a, n, threads, samples, h);
        }
        return 0;
    }

    private static void Print(string op, string phase, int n, int threads, double linea, double peer) =>
        Console.WriteLine(FormattableString.Invariant(
            $"phase op={op} phase={phase} n={n} threads={threads} linea_s={linea:F4} openblas_s={(double.IsNaN(peer) ? "na" : peer.ToString("F4", CultureInfo.InvariantCulture))} ratio={(double.IsNaN(peer) ? "na" : (peer / linea).ToString("F2", CultureInfo.InvariantCulture))}"));

    private static T Fn<T>(nint h, string name) => h == 0 ? default! : Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(h, name));

    private static double[] Col(NDArray<double> a) => ColMajor.FromMatrix(a);

    /// <summary>
    /// gebrd and sytrd with their panels as one job (the default) and with a parallel call per product (panelJob:
    /// false), samples interleaved: <c>phase op=panels phase=gebrd n=.. threads=.. job_s=.. per_call_s=.. ratio=..</c>
    /// (ratio = per_call_s / job_s).
    /// </summary>
    private static void Panels(NDArray<double> a, int n, int threads, int samples)
    {
        var sym = a + a.T;
        double gj = double.MaxValue, gc = double.MaxValue, sj = double.MaxValue, sc = double.MaxValue;
        var d = new double[n]; var e = new double[n]; var tq = new double[n]; var tp = new double[n];
        for (int s = 0; s < samples + 1; s++)
        {
            foreach (bool job in new[] { true, false })
            {
                var w = Col(a);
                var sw = Stopwatch.StartNew();
                Gebrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(w, 0, n, n, n), d, e, tq, tp, Parallelism.Default, panelJob: job);
                double tg = sw.Elapsed.TotalSeconds;
                var ws = Col(sym);
                sw.Restart();
                Sytrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(ws, 0, n, n, n), d, e, tq, Parallelism.Default, panelJob: job);
                double ts = sw.Elapsed.TotalSeconds;
                if (s == 0) continue;
                if (job) { gj = Math.Min(gj, tg); sj = Math.Min(sj, ts); }
                else { gc = Math.Min(gc, tg); sc = Math.Min(sc, ts); }
            }
        }
        Console.WriteLine(FormattableString.Invariant($"phase op=panels phase=gebrd n={n} threads={threads} job_s={gj:F4} per_call_s={gc:F4} ratio={gc / gj:F2}"));
        Console.WriteLine(FormattableString.Invariant($"phase op=panels phase=sytrd n={n} threads={threads} job_s={sj:F4} per_call_s={sc:F4} ratio={sc / sj:F2}"));
    }

    private static void Svd(NDArray<double> a, int n, int threads, int samples, nint h)
    {
        var best = new double[6];
        Array.Fill(best, double.MaxValue);
        for (int s = 0; s < samples + 1; s++)
        {
            var w = Col(a);
            var d = new double[n]; var e = new double[n - 1]; var tq = new double[n]; var tp = new double[n];
            var sw = Stopwatch.StartNew();
            Gebrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(w, 0, n, n, n), d, e, tq, tp, Parallelism.Default, s_nb);
            double t1 = sw.Elapsed.TotalSeconds;
            var ub = new double[n * n]; var vb = new double[n * n];
            sw.Restart();
            Bdsdc.Solve<double>(d, e, Linea.Kernels.MatrixView<double>.ColumnMajor(ub, 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(vb, 0, n, n, n), Parallelism.Default, new double[Bdsdc.WorkspaceSize(n)], new int[Bdsdc.IntWorkspaceSize(n)]);
            double t2 = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Ormqr.ApplyLeft(false, Linea.Kernels.MatrixView<double>.ColumnMajor(w, 0, n, n, n), n, tq, Linea.Kernels.MatrixView<double>.ColumnMajor(ub, 0, n, n, n), s_orm, Parallelism.Default);
            double t3 = sw.Elapsed.TotalSeconds;
            if (s > 0) { best[0] = Math.Min(best[0], t1); best[1] = Math.Min(best[1], t2); best[2] = Math.Min(best[2], t3); }
            if (h == 0) continue;
            // OpenBLAS: dgebrd, dbdsdc('U','I'), dormbr('Q','L','N').
            var wo = Col(a);
            int nn = n, info = 0, lwork = n * 64;
            var work = new double[Math.Max(lwork, 3 * n * n + 4 * n)];
            var iwork = new int[8 * n];
            fixed (double* pa = wo, pd = d, pe = e, ptq = tq, ptp = tp, pw = work, pu = ub, pv = vb)
            fixed (int* piw = iwork)
            {
                sw.Restart();
                s_gebrd ??= Fn<GebrdFn>(h, "dgebrd_");
                s_gebrd(&nn, &nn, pa, &nn, pd, pe, ptq, ptp, pw, &lwork, &info);
                double o1 = sw.Elapsed.TotalSeconds;
                byte up = (byte)'U', ci = (byte)'I';
                s_bdsdc ??= Fn<BdsdcFn>(h, "dbdsdc_");
                sw.Restart();
                s_bdsdc(&up, &ci, &nn, pd, pe, pu, &nn, pv, &nn, null, null, pw, piw, &info);
                double o2 = sw.Elapsed.TotalSeconds;
                byte vq = (byte)'Q', sl = (byte)'L', tn = (byte)'N';
                s_ormbr ??= Fn<OrmbrFn>(h, "dormbr_");
                int lw = work.Length;
                sw.Restart();
                s_ormbr(&vq, &sl, &tn, &nn, &nn, &nn, pa, &nn, ptq, pu, &nn, pw, &lw, &info);
                double o3 = sw.Elapsed.TotalSeconds;
                if (s > 0) { best[3] = Math.Min(best[3], o1); best[4] = Math.Min(best[4], o2); best[5] = Math.Min(best[5], o3); }
            }
        }
        Print("svd", "gebrd", n, threads, best[0], h == 0 ? double.NaN : best[3]);
        Print("svd", "bdsdc", n, threads, best[1], h == 0 ? double.NaN : best[4]);
        Print("svd", "ormbr_q", n, threads, best[2], h == 0 ? double.NaN : best[5]);
    }

    private static void Eigh(NDArray<double> a, int n, int threads, int samples, nint h)
    {
        var best = new double[6];
        Array.Fill(best, double.MaxValue);
        for (int s = 0; s < samples + 1; s++)
        {
            var w = Col(a);
            var d = new double[n]; var e = new double[n - 1]; var tau = new double[n - 1];
            var sw = Stopwatch.StartNew();
            Sytrd.Blocked(Linea.Kernels.MatrixView<double>.ColumnMajor(w, 0, n, n, n), d, e, tau, Parallelism.Default, s_nb);
            double t1 = sw.Elapsed.TotalSeconds;
            var z = new double[n * n];
            var d0 = (double[])d.Clone(); var e0 = (double[])e.Clone();
            sw.Restart();
            Stedc.Solve<double>(d, e, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), Parallelism.Default, new double[Stedc.WorkspaceSize(n)], new int[Stedc.IntWorkspaceSize(n)]);
            double t2 = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Ormqr.ApplyLeft(false, Linea.Kernels.MatrixView<double>.ColumnMajor(w, 1, n - 1, n - 1, n), n - 1, tau, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 1, n - 1, n, n), s_orm, Parallelism.Default);
            double t3 = sw.Elapsed.TotalSeconds;
            if (s > 0) { best[0] = Math.Min(best[0], t1); best[1] = Math.Min(best[1], t2); best[2] = Math.Min(best[2], t3); }
            if (h == 0) continue;
            var wo = Col(a);
            int nn = n, info = 0, lwork = 1 + 6 * n + 2 * n * n, liwork = 3 + 5 * n;
            var work = new double[lwork];
            var iwork = new int[liwork];
            byte lo = (byte)'L', ci = (byte)'I', sl = (byte)'L', tn = (byte)'N';
            fixed (double* pa = wo, pd = d0, pe = e0, pt = tau, pw = work, pz = z)
            fixed (int* piw = iwork)
            {
                s_sytrd ??= Fn<SytrdFn>(h, "dsytrd_");
                s_stedc ??= Fn<StedcFn>(h, "dstedc_");
                s_ormtr ??= Fn<OrmtrFn>(h, "dormtr_");
                sw.Restart();
                s_sytrd(&lo, &nn, pa, &nn, pd, pe, pt, pw, &lwork, &info);
                double o1 = sw.Elapsed.TotalSeconds;
                sw.Restart();
                s_stedc(&ci, &nn, pd, pe, pz, &nn, pw, &lwork, piw, &liwork, &info);
                double o2 = sw.Elapsed.TotalSeconds;
                sw.Restart();
                s_ormtr(&sl, &lo, &tn, &nn, &nn, pa, &nn, pt, pz, &nn, pw, &lwork, &info);
                double o3 = sw.Elapsed.TotalSeconds;
                if (s > 0) { best[3] = Math.Min(best[3], o1); best[4] = Math.Min(best[4], o2); best[5] = Math.Min(best[5], o3); }
            }
        }
        Print("eigh", "sytrd", n, threads, best[0], h == 0 ? double.NaN : best[3]);
        Print("eigh", "stedc", n, threads, best[1], h == 0 ? double.NaN : best[4]);
        Print("eigh", "ormtr", n, threads, best[2], h == 0 ? double.NaN : best[5]);
    }

    private static void Eig(NDArray<double> a, int n, int threads, int samples, nint h)
    {
        var best = new double[8];
        Array.Fill(best, double.MaxValue);
        var p = EigParams.Auto;
        for (int s = 0; s < samples + 1; s++)
        {
            var hm = Col(a);
            var bal = new double[n];
            Gebal.Balance(Linea.Kernels.MatrixView<double>.ColumnMajor(hm, 0, n, n, n), bal, out int ilo, out int ihi);
            var hb = (double[])hm.Clone();
            var tau = new double[n - 1];
            var sw = Stopwatch.StartNew();
            Gehrd.Reduce(ilo, ihi, Linea.Kernels.MatrixView<double>.ColumnMajor(hm, 0, n, n, n), tau, p, Parallelism.Default);
            double t1 = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var z = (double[])hm.Clone();
            Orghr.Form(ilo, ihi, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), tau, Parallelism.Default);
            double t2 = sw.Elapsed.TotalSeconds;
            for (int j = 0; j + 2 < n; j++) Array.Clear(hm, j * n + j + 2, n - j - 2);
            var ho = (double[])hm.Clone();
            var zo = (double[])z.Clone();
            var wr = new double[n]; var wi = new double[n];
            sw.Restart();
            Hseqr.Run(true, true, ilo, ihi, Linea.Kernels.MatrixView<double>.ColumnMajor(hm, 0, n, n, n), wr, wi, Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), p, Parallelism.Default);
            double t3 = sw.Elapsed.TotalSeconds;
            var to = (double[])hm.Clone();
            var qo = (double[])z.Clone();
            sw.Restart();
            var vr = new double[n * n];
            Trevc.RightVectors(Linea.Kernels.MatrixView<double>.ColumnMajor(hm, 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(z, 0, n, n, n), Linea.Kernels.MatrixView<double>.ColumnMajor(vr, 0, n, n, n), p.VectorNb, Parallelism.Default);
            double t4 = sw.Elapsed.TotalSeconds;
            if (s > 0) { best[0] = Math.Min(best[0], t1); best[1] = Math.Min(best[1], t2); best[2] = Math.Min(best[2], t3); best[3] = Math.Min(best[3], t4); }
            if (h == 0) continue;
            int nn = n, info = 0, lwork = Math.Max(64 * n, n * n), ilo1 = ilo + 1, ihi1 = ihi + 1;
            var work = new double[lwork];
            var tauo = new double[n];
            fixed (double* pa = hb, pt = tauo, pw = work, ph = ho, pz = zo, pwr = wr, pwi = wi, ptt = to, pq = qo)
            {
                s_gehrd ??= Fn<GehrdFn>(h, "dgehrd_");
                s_orghr ??= Fn<GehrdFn>(h, "dorghr_");
                s_hseqr ??= Fn<HseqrFn>(h, "dhseqr_");
                s_trevc ??= Fn<TrevcFn>(h, "dtrevc3_");
                sw.Restart();
                s_gehrd(&nn, &ilo1, &ihi1, pa, &nn, pt, pw, &lwork, &info);
                double o1 = sw.Elapsed.TotalSeconds;
                sw.Restart();
                s_orghr(&nn, &ilo1, &ihi1, pa, &nn, pt, pw, &lwork, &info);
                double o2 = sw.Elapsed.TotalSeconds;
                byte js = (byte)'S', cv = (byte)'V';
                sw.Restart();
                s_hseqr(&js, &cv, &nn, &ilo1, &ihi1, ph, &nn, pwr, pwi, pz, &nn, pw, &lwork, &info);
                double o3 = sw.Elapsed.TotalSeconds;
                byte side = (byte)'R', how = (byte)'B';
                int mout = 0;
                sw.Restart();
                s_trevc(&side, &how, null, &nn, ptt, &nn, null, &nn, pq, &nn, &nn, &mout, pw, &lwork, &info);
                double o4 = sw.Elapsed.TotalSeconds;
                if (s > 0) { best[4] = Math.Min(best[4], o1); best[5] = Math.Min(best[5], o2); best[6] = Math.Min(best[6], o3); best[7] = Math.Min(best[7], o4); }
            }
        }
        string[] names = ["gehrd", "orghr", "hseqr", "trevc"];
        for (int k = 0; k < 4; k++) Print("eig", names[k], n, threads, best[k], h == 0 ? double.NaN : best[k + 4]);
    }

    /// <summary>The back-transformations' block size (<c>--orm-nb</c>; the library's own choice by default).</summary>
    private static QrParams s_orm = QrParams.Auto;

    /// <summary>The panel width of gebrd and sytrd in the svd and eigh phases (<c>--nb</c>; 32, their default).</summary>
    private static int s_nb = 32;

    private static GebrdFn? s_gebrd;
    private static BdsdcFn? s_bdsdc;
    private static OrmbrFn? s_ormbr;
    private static SytrdFn? s_sytrd;
    private static StedcFn? s_stedc;
    private static OrmtrFn? s_ormtr;
    private static GehrdFn? s_gehrd, s_orghr;
    private static HseqrFn? s_hseqr;
    private static TrevcFn? s_trevc;

    private delegate void GebrdFn(int* m, int* n, double* a, int* lda, double* d, double* e, double* tq, double* tp, double* work, int* lwork, int* info);
    private delegate void BdsdcFn(byte* uplo, byte* compq, int* n, double* d, double* e, double* u, int* ldu, double* vt, int* ldvt, double* q, int* iq, double* work, int* iwork, int* info);
    private delegate void OrmbrFn(byte* vect, byte* side, byte* trans, int* m, int* n, int* k, double* a, int* lda, double* tau, double* c, int* ldc, double* work, int* lwork, int* info);
    private delegate void SytrdFn(byte* uplo, int* n, double* a, int* lda, double* d, double* e, double* tau, double* work, int* lwork, int* info);
    private delegate void StedcFn(byte* compz, int* n, double* d, double* e, double* z, int* ldz, double* work, int* lwork, int* iwork, int* liwork, int* info);
    private delegate void OrmtrFn(byte* side, byte* uplo, byte* trans, int* m, int* n, double* a, int* lda, double* tau, double* c, int* ldc, double* work, int* lwork, int* info);
    private delegate void GehrdFn(int* n, int* ilo, int* ihi, double* a, int* lda, double* tau, double* work, int* lwork, int* info);
    private delegate void HseqrFn(byte* job, byte* compz, int* n, int* ilo, int* ihi, double* h, int* ldh, double* wr, double* wi, double* z, int* ldz, double* work, int* lwork, int* info);
    private delegate void TrevcFn(byte* side, byte* howmny, int* select, int* n, double* t, int* ldt, double* vl, int* ldvl, double* vr, int* ldvr, int* mm, int* m, double* work, int* lwork, int* info);
}
