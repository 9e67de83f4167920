using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Linea.Kernels.Threading;

namespace Linea.Bench;

/// <summary>
/// `spmvprobe [poisson|random|stream|content] [rounds]`: the measurements behind <see cref="Spmv.PrefetchEntries"/>.
/// SpMV inner-loop variants (prefetch distances, 32-bit row pointers, AVX2 gathers, x prefetch, non-temporal y
/// stores) on copies of the sparse runner's Poisson-1500 and random-graph matrices, best of 10-product batches,
/// interleaved round by round so that a busy minute hits every variant; `stream` compares read kernels with and
/// without prefetch, `content` reads arrays of different contents and sizes. GB/s count 12 bytes per entry plus
/// indptr, x and y (8 bytes each per row). A scratch probe: the sparse runner reports the product itself.
/// </summary>
internal static unsafe class SpmvProbe
{
    public static int Run(string[] args)
    {
        int threads = 2;
        var mats = new List<(string, SparseMatrix<double>)>
        {
            ("poisson1500", SparseBenchMatrices.Poisson2D(1500)),
            ("random", SparseBenchMatrices.RandomGraph(1_000_000, 10_000_000, 17)),
        };
        string only = args.Length > 1 ? args[1] : "";
        if (only == "stream") return Stream(threads, args.Length > 2 ? int.Parse(args[2]) : 5);
        if (only == "content") return Content(threads);
        int rounds = args.Length > 2 ? int.Parse(args[2]) : 5;
        foreach (var (name, a) in mats)
        {
            if (only.Length > 0 && !name.StartsWith(only, StringComparison.Ordinal)) continue;
            int n = a.Rows;
            long nnz = a.Nnz;
            var ptr = GC.AllocateUninitializedArray<long>(n + 1, pinned: true);
            var ptr32 = GC.AllocateUninitializedArray<int>(n + 1, pinned: true);
            var idx = GC.AllocateUninitializedArray<int>((int)nnz, pinned: true);
            var val = GC.AllocateUninitializedArray<double>((int)nnz, pinned: true);
            var x = GC.AllocateUninitializedArray<double>(a.Columns, pinned: true);
            var y = GC.AllocateUninitializedArray<double>(n, pinned: true);
            var yref = new double[n];
            a.Ptr.CopyTo(ptr);
            for (int i = 0; i <= n; i++) ptr32[i] = (int)ptr[i];
            a.Indices.CopyTo(idx);
            a.Data.CopyTo(val);
            var rng = new Random(3);
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble();
            a.Matvec(x, yref);
            long* p = (long*)Unsafe.AsPointer(ref ptr[0]);
            int* p32 = (int*)Unsafe.AsPointer(ref ptr32[0]);
            int* ix = (int*)Unsafe.AsPointer(ref idx[0]);
            double* v = (double*)Unsafe.AsPointer(ref val[0]);
            double* px = (double*)Unsafe.AsPointer(ref x[0]);
            double* py = (double*)Unsafe.AsPointer(ref y[0]);
            double bytes = 12.0 * nnz + 8.0 * (n + 1) + 16.0 * n;
            var variants = new List<(string, Action)>
            {
                ("lib", () => a.Matvec(x, y)),
                ("p64pf1024", () => { PfVal = 1024; Spmv.Chunked(threads, ptr, n, (_, r0, r1) => ScalarPf(p, ix, v, px, py, r0, r1)); }),
                ("nt_y", () => { PfVal = 1024; Spmv.Chunked(threads, ptr, n, (_, r0, r1) => ScalarNt(p, ix, v, px, py, r0, r1, false)); }),
                ("nt_y_pfptr", () => { PfVal = 1024; Spmv.Chunked(threads, ptr, n, (_, r0, r1) => ScalarNt(p, ix, v, px, py, r0, r1, true)); }),
                ("lib2", () => a.Matvec(x, y)),
                ("readval_pf0", () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, (int)nnz, 8), hi = SplitJob.Bound(t + 1, ts, (int)nnz, 8); y[t] = Read1(v + lo, hi - lo, 0); })),
                ("readval_pf1k", () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, (int)nnz, 8), hi = SplitJob.Bound(t + 1, ts, (int)nnz, 8); y[t] = Read1(v + lo, hi - lo, 1024); })),
                ("rmatvec_lib", () => a.Rmatvec(x, y)),
            };
            var best = new double[variants.Count];
            Array.Fill(best, double.MaxValue);
            for (int vi = 0; vi < variants.Count; vi++)
            {
                variants[vi].Item2();
                double err = 0;
                for (int i = 0; i < n; i++) err = Math.Max(err, Math.Abs(y[i] - yref[i]));
                if (err > 1e-9 && !variants[vi].Item1.StartsWith('r')) Console.WriteLine($"  {variants[vi].Item1}: max error {err}");
            }
            for (int r = 0; r < rounds; r++)
                for (int vi = 0; vi < variants.Count; vi++)
                {
                    var sw = Stopwatch.StartNew();
                    for (int k = 0; k < 10; k++) variants[vi].Item2();
                    best[vi] = Math.Min(best[vi], sw.Elapsed.TotalSeconds / 10);
                }
            for (int vi = 0; vi < variants.Count; vi++)
                Console.WriteLine($"{name} {variants[vi].Item1,-14} s={best[vi]:F5} gbs={(variants[vi].Item1.StartsWith("readval", StringComparison.Ordinal) ? 8.0 * nnz : bytes) / best[vi] / 1e9:F2}");
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    private static int PfVal = 128;   // entries ahead: 1 KiB of values, 512 B of indices

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarPf(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + 2 * PfVal);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarPfx(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        long k = ptr[r0];
        long last = ptr[r1];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + 2 * PfVal);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                if (k + 64 < last) { Sse.Prefetch0(x + idx[k + 64]); Sse.Prefetch0(x + idx[k + 65]); Sse.Prefetch0(x + idx[k + 66]); Sse.Prefetch0(x + idx[k + 67]); }
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar32(int* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        int k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            int end = ptr[i + 1];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar32Pf(int* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        int k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            int end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + 2 * PfVal);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            y[i] = (s0 + s1) + (s2 + s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void G256(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1, bool pfx)
    {
        var lanes = Vector128.Create(0, 1, 2, 3);
        long k = ptr[r0];
        long last = ptr[r1];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + 2 * PfVal);
            var acc = Vector256<double>.Zero;
            for (; k + 3 < end; k += 4)
            {
                if (pfx && k + 64 < last) { Sse.Prefetch0(x + idx[k + 64]); Sse.Prefetch0(x + idx[k + 65]); Sse.Prefetch0(x + idx[k + 66]); Sse.Prefetch0(x + idx[k + 67]); }
                acc = Fma.MultiplyAdd(Avx.LoadVector256(val + k), Avx2.GatherVector256(x, Sse2.LoadVector128(idx + k), 8), acc);
            }
            int rest = (int)(end - k);
            if (rest > 0)
            {
                var m32 = Sse2.CompareGreaterThan(Vector128.Create(rest), lanes);
                var m64 = Avx2.ConvertToVector256Int64(m32).AsDouble();
                var xv = Avx2.GatherMaskVector256(Vector256<double>.Zero, x, Avx2.MaskLoad(idx + k, m32), m64, 8);
                acc = Fma.MultiplyAdd(Avx.MaskLoad(val + k, m64), xv, acc);
                k = end;
            }
            y[i] = Vector256.Sum(acc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void G512(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1)
    {
        var lanes = Vector128.Create(0, 1, 2, 3);
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + 2 * PfVal);
            var acc = Vector256<double>.Zero;
            var acc2 = Vector256<double>.Zero;
            for (; k + 7 < end; k += 8)
            {
                acc = Fma.MultiplyAdd(Avx.LoadVector256(val + k), Avx2.GatherVector256(x, Sse2.LoadVector128(idx + k), 8), acc);
                acc2 = Fma.MultiplyAdd(Avx.LoadVector256(val + k + 4), Avx2.GatherVector256(x, Sse2.LoadVector128(idx + k + 4), 8), acc2);
            }
            if (k + 3 < end)
            {
                acc = Fma.MultiplyAdd(Avx.LoadVector256(val + k), Avx2.GatherVector256(x, Sse2.LoadVector128(idx + k), 8), acc);
                k += 4;
            }
            int rest = (int)(end - k);
            if (rest > 0)
            {
                var m32 = Sse2.CompareGreaterThan(Vector128.Create(rest), lanes);
                var m64 = Avx2.ConvertToVector256Int64(m32).AsDouble();
                var xv = Avx2.GatherMaskVector256(Vector256<double>.Zero, x, Avx2.MaskLoad(idx + k, m32), m64, 8);
                acc2 = Fma.MultiplyAdd(Avx.MaskLoad(val + k, m64), xv, acc2);
                k = end;
            }
            y[i] = Vector256.Sum(acc + acc2);
        }
    }

    private static int Stream(int threads, int rounds)
    {
        const int len = 1 << 25;
        var b = GC.AllocateUninitializedArray<double>(len, pinned: true);
        var c = GC.AllocateUninitializedArray<double>(len, pinned: true);
        var a = GC.AllocateUninitializedArray<double>(len, pinned: true);
        double* pb = (double*)Unsafe.AsPointer(ref b[0]), pc = (double*)Unsafe.AsPointer(ref c[0]), pa = (double*)Unsafe.AsPointer(ref a[0]);
        var part = new double[threads];
        SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); b.AsSpan(lo, hi - lo).Fill(1); c.AsSpan(lo, hi - lo).Fill(2); a.AsSpan(lo, hi - lo).Clear(); });
        var vs = new List<(string, double, Action)>
        {
            ("bench_measure", 0, () => { }),
            ("read2_pf0", 16.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read2(pb + lo, pc + lo, hi - lo, 0); })),
            ("read2_pf1k", 16.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read2(pb + lo, pc + lo, hi - lo, 128); })),
            ("read2_pf4k", 16.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read2(pb + lo, pc + lo, hi - lo, 512); })),
            ("read2_pf8k", 16.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read2(pb + lo, pc + lo, hi - lo, 1024); })),
            ("read1_pf0", 8.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read1(pb + lo, hi - lo, 0); })),
            ("read1_pf4k", 8.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read1(pb + lo, hi - lo, 512); })),
            ("read1_1t_pf4k", 8.0 * len, () => Read1(pb, len, 512)),
            ("read1_1t_pf0", 8.0 * len, () => Read1(pb, len, 0)),
            ("triad_tp", 24.0 * len, () => SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(c.AsSpan(lo, hi - lo), 3.0, b.AsSpan(lo, hi - lo), a.AsSpan(lo, hi - lo)); })),
        };
        var best = new double[vs.Count];
        Array.Fill(best, double.MaxValue);
        for (int r = 0; r < rounds; r++)
            for (int i = 1; i < vs.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                vs[i].Item3();
                best[i] = Math.Min(best[i], sw.Elapsed.TotalSeconds);
            }
        var mb = new MemoryBandwidth(threads).Measure(10);
        var (tr, rd) = (mb.TriadGbs, mb.ReadGbs);
        Console.WriteLine($"bench MemoryBandwidth triad={tr:F2} read={rd:F2}");
        for (int i = 1; i < vs.Count; i++) Console.WriteLine($"stream {vs[i].Item1,-14} gbs={vs[i].Item2 / best[i] / 1e9:F2}");
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Read2(double* b, double* c, int n, int pf)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int k = 0;
        for (; k + 16 <= n; k += 16)
        {
            if (pf > 0) { Sse.Prefetch0(b + k + pf); Sse.Prefetch0(c + k + pf); Sse.Prefetch0(b + k + pf + 8); Sse.Prefetch0(c + k + pf + 8); }
            s0 += Avx.LoadVector256(b + k) + Avx.LoadVector256(c + k);
            s1 += Avx.LoadVector256(b + k + 4) + Avx.LoadVector256(c + k + 4);
            s2 += Avx.LoadVector256(b + k + 8) + Avx.LoadVector256(c + k + 8);
            s3 += Avx.LoadVector256(b + k + 12) + Avx.LoadVector256(c + k + 12);
        }
        double s = Vector256.Sum(s0 + s1 + s2 + s3);
        for (; k < n; k++) s += b[k] + c[k];
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Read1(double* b, int n, int pf)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        int k = 0;
        for (; k + 16 <= n; k += 16)
        {
            if (pf > 0) { Sse.Prefetch0(b + k + pf); Sse.Prefetch0(b + k + pf + 8); }
            s0 += Avx.LoadVector256(b + k);
            s1 += Avx.LoadVector256(b + k + 4);
            s2 += Avx.LoadVector256(b + k + 8);
            s3 += Avx.LoadVector256(b + k + 12);
        }
        double s = Vector256.Sum(s0 + s1 + s2 + s3);
        for (; k < n; k++) s += b[k];
        return s;
    }

    private static int Content(int threads)
    {
        foreach (int len in new[] { 1 << 25, 11_244_000 })
            foreach (string kind in new[] { "const", "random", "pattern5" })
            {
                var b = GC.AllocateUninitializedArray<double>(len, pinned: true);
                var rng = new Random(5);
                for (int i = 0; i < len; i++) b[i] = kind == "const" ? 1.0 : kind == "random" ? rng.NextDouble() : (i % 5 == 2 ? 4.0 : -1.0);
                double* pb = (double*)Unsafe.AsPointer(ref b[0]);
                var part = new double[threads];
                double best = double.MaxValue, best1 = double.MaxValue;
                for (int r = 0; r < 10; r++)
                {
                    var sw = Stopwatch.StartNew();
                    SplitJob.Run(threads, (t, ts) => { int lo = SplitJob.Bound(t, ts, len, 8), hi = SplitJob.Bound(t + 1, ts, len, 8); part[t] = Read1(pb + lo, hi - lo, 0); });
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                    sw.Restart();
                    part[0] = Read1(pb, len, 0);
                    best1 = Math.Min(best1, sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"content len={len} kind={kind} read_2t_gbs={8.0 * len / best / 1e9:F2} read_1t_gbs={8.0 * len / best1 / 1e9:F2}");
            }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScalarNt(long* ptr, int* idx, double* val, double* x, double* y, int r0, int r1, bool pfPtr)
    {
        long k = ptr[r0];
        for (int i = r0; i < r1; i++)
        {
            long end = ptr[i + 1];
            Sse.Prefetch0(val + k + PfVal);
            Sse.Prefetch0(idx + k + PfVal);
            if (pfPtr) Sse.Prefetch0(ptr + i + 512);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; k + 3 < end; k += 4)
            {
                s0 += val[k] * x[idx[k]];
                s1 += val[k + 1] * x[idx[k + 1]];
                s2 += val[k + 2] * x[idx[k + 2]];
                s3 += val[k + 3] * x[idx[k + 3]];
            }
            for (; k < end; k++) s0 += val[k] * x[idx[k]];
            if (pfPtr) y[i] = (s0 + s1) + (s2 + s3);
            else Sse2.X64.StoreNonTemporal((long*)(y + i), BitConverter.DoubleToInt64Bits((s0 + s1) + (s2 + s3)));
        }
        Sse.StoreFence();
    }
}
