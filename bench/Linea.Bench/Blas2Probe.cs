using System.Diagnostics;
using Linea.Kernels.Blas2;

namespace Linea.Bench;

/// <summary><c>blas2 [--sizes 2000]</c>: Linea's streaming gemv kernels (column-major, 'N' and 'T') against OpenBLAS's cblas_dgemv on the same n x n matrix, 1 thread; best of 20.</summary>
internal static class Blas2Probe
{
    private static void Direct(int rows, int cols, double[] a, int lda, double[] x, double[] y)
    {
        ref double x0 = ref x[0];
        for (int j = 0; j + 4 <= cols; j += 4)
        {
            ref double c0 = ref a[j * lda]; ref double c1 = ref a[(j + 1) * lda]; ref double c2 = ref a[(j + 2) * lda]; ref double c3 = ref a[(j + 3) * lda];
            var s0 = System.Runtime.Intrinsics.Vector512<double>.Zero; var s1 = s0; var s2 = s0; var s3 = s0; var t0 = s0; var t1 = s0; var t2 = s0; var t3 = s0;
            int i = 0;
            for (; i + 16 <= rows; i += 16)
            {
                var xa = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x0, (nuint)i); var xb = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x0, (nuint)(i + 8));
                s0 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c0, (nuint)i), xa, s0);
                s1 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c1, (nuint)i), xa, s1);
                s2 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c2, (nuint)i), xa, s2);
                s3 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c3, (nuint)i), xa, s3);
                t0 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c0, (nuint)(i + 8)), xb, t0);
                t1 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c1, (nuint)(i + 8)), xb, t1);
                t2 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c2, (nuint)(i + 8)), xb, t2);
                t3 = System.Runtime.Intrinsics.Vector512.FusedMultiplyAdd(System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref c3, (nuint)(i + 8)), xb, t3);
            }
            y[j] = System.Runtime.Intrinsics.Vector512.Sum(s0 + t0); y[j + 1] = System.Runtime.Intrinsics.Vector512.Sum(s1 + t1);
            y[j + 2] = System.Runtime.Intrinsics.Vector512.Sum(s2 + t2); y[j + 3] = System.Runtime.Intrinsics.Vector512.Sum(s3 + t3);
        }
    }

    /// <summary>The column-major y = A x through Gemm's GEMV entry (<see cref="Kernels.Gemm.SmallGemm.Gemv{T}"/>) without the MatMul front door.</summary>
    private static unsafe void SmallGemmColumns(int n, double[] a, double[] x, double[] y)
    {
        fixed (double* pa = a, px = x, py = y)
            Kernels.Gemm.SmallGemm.Gemv(n, n, 1.0, pa, 1, n, px, 1, 0.0, py, 1, Parallelism.Default.Count);
    }

    public static int Run(string[] args)
    {
        int[] sizes = [1000, 2000];
        for (int i = 1; i + 1 < args.Length; i += 2) if (args[i] == "--sizes") sizes = args[i + 1].Split(',').Select(int.Parse).ToArray();
        OpenBlas.Load(1);
        foreach (int n in sizes)
        {
            var rng = new Random(1);
            var a = new double[n * n];
            for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble();
            var x = new double[n]; var y = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.NextDouble();
            double Best(Action f) { double b = double.MaxValue; for (int r = 0; r < 20; r++) { var sw = Stopwatch.StartNew(); f(); b = Math.Min(b, sw.Elapsed.TotalSeconds); } return b; }
            double tT = Best(() => Gemv.Transposed(1.0, Linea.Kernels.MatrixView<double>.ColumnMajor(a, 0, n, n, n), x, 0.0, y, Parallelism.Default));
            double tN = Best(() => Gemv.Multiply(1.0, Linea.Kernels.MatrixView<double>.ColumnMajor(a, 0, n, n, n), x, 0.0, y, Parallelism.Default));
            double tS = Best(() => Gemv.SymmetricLower(Linea.Kernels.MatrixView<double>.ColumnMajor(a, 0, n, n, n), x, y, Parallelism.Default));
            double tO = Best(() => OpenBlas.Gemv(n, n, a, x, y));
            double tD = Best(() => Direct(n, n, a, n, x, y));
            var colMajor = NDArray.Wrap((double[])a.Clone(), n, n).T;   // MatMul's column (AXPY) GEMV path
            var xv = NDArray.Wrap((double[])x.Clone(), n);
            double tC = Best(() => colMajor.MatMul(xv));
            double tG = Best(() => SmallGemmColumns(n, a, x, y));
            double gb = n * (double)n * 8 / 1e9;
            Console.WriteLine($"blas2 n={n}: linea T {gb / tT:F1} GB/s, N {gb / tN:F1} GB/s, symv(lower half) {gb / 2 / tS:F1} GB/s; openblas row-major gemv {gb / tO:F1} GB/s; direct Vector512 T {gb / tD:F1} GB/s; MatMul of a column-major matrix {gb / tC:F1} GB/s, its kernel entry (SmallGemm.Gemv, column strides) {gb / tG:F1} GB/s");
        }
        return 0;
    }
}
