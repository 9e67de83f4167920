using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Linea.Kernels.Threading;

namespace Linea;

/// <summary>
/// Sparse times dense and dense times sparse. Both write each output row from one thread (no accumulation across
/// threads); the inner operation is a row axpy through pointers or a gathered dot product. Dense operands are C-contiguous; rows are addressed by 64-bit offsets.
/// </summary>
internal static class Spmm
{
    /// <summary>
    /// C (m x k) = A (m x n, CSR) B (n x k, contiguous); C is zero on entry. Rows of C in chunks of equal work
    /// (entries plus rows) claimed by up to <paramref name="threads"/> threads.
    /// </summary>
    internal static void CsrTimesDense<T>(SparseMatrix<T> a, NDArray<T> b, NDArray<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows;
        long k = b.Dims[1];
        if (m == 0 || k == 0 || a.Nnz == 0) return;
        long work = (a.Nnz + m) * Math.Max(k, 1);
        if (threads <= 1 || work < Spmv.ParallelWork) { CsrRows(a, b, c, 0, m); return; }
        Spmv.Chunked(threads, a.Ptr, m, (_, r0, r1) => CsrRows(a, b, c, r0, r1));
    }

    /// <summary>
    /// Rows [r0, r1) of C: for each stored A[i, j], C[i, :] += A[i, j] B[j, :] through pointers, with Vector256 steps
    /// over the k columns and a scalar tail (no per-entry span or call: the runs are short).
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static unsafe void CsrRows<T>(SparseMatrix<T> a, NDArray<T> b, NDArray<T> c, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long k = b.Dims[1];
        long[] ptr = a.Ptr;
        fixed (int* idx = &a.Idx.Reference)
        fixed (T* val = &a.Val.Reference)
        fixed (T* bp = &b.Store.At(b.Offset))
        fixed (T* cp = &c.Store.At(0))
        {
            int width = Vector256<T>.Count;
            for (int i = r0; i < r1; i++)
            {
                T* ci = cp + i * k;
                for (long p = ptr[i]; p < ptr[i + 1]; p++)
                {
                    T s = val[p];
                    T* bj = bp + idx[p] * k;
                    var sv = Vector256.Create(s);
                    long q = 0;
                    for (; q + width <= k; q += width)
                        Vector256.Store(Vector256.Load(ci + q) + sv * Vector256.Load(bj + q), ci + q);
                    for (; q < k; q++) ci[q] += s * bj[q];
                }
            }
        }
    }

    /// <summary>
    /// C (p x n) = D (p x m, contiguous) A (m x n); C is zero on entry. For CSR A, row r of C gathers D[r, i] times
    /// row i of A (a scatter into C's row r); for CSC A, C[r, j] is the dot product of D's row r with column j of A.
    /// Rows of C are split evenly across up to <paramref name="threads"/> threads.
    /// </summary>
    internal static void DenseTimesSparse<T>(NDArray<T> d, SparseMatrix<T> a, NDArray<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = (int)d.Dims[0];
        if (p == 0 || a.Columns == 0) return;
        long work = (a.Nnz + a.MajorCount) * (long)p;
        if (threads <= 1 || work < Spmv.ParallelWork) { DenseRows(d, a, c, 0, p); return; }
        SplitJob.Run(threads, (tid, nt) => DenseRows(d, a, c, SplitJob.Bound(tid, nt, p, 1), SplitJob.Bound(tid + 1, nt, p, 1)));
    }

    [MethodImpl(HotCode.Options)]
    private static void DenseRows<T>(NDArray<T> d, SparseMatrix<T> a, NDArray<T> c, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        bool csr = a.Format == SparseFormat.Csr;
        for (int r = r0; r < r1; r++)
        {
            var dr = d.Store.Span(d.Offset + (long)r * m, m);
            var cr = c.Store.Span((long)r * n, n);
            for (int major = 0; major < a.MajorCount; major++)
            {
                var idx = a.RunIndices(major);
                var val = a.RunValues(major);
                if (csr)
                {
                    T s = dr[major];
                    for (int q = 0; q < idx.Length; q++) cr[idx[q]] += s * val[q];
                }
                else
                {
                    T s = T.Zero;
                    for (int q = 0; q < idx.Length; q++) s += dr[idx[q]] * val[q];
                    cr[major] = s;
                }
            }
        }
    }
}
