using System.Numerics;
using System.Runtime.InteropServices;
using Linea.Kernels.Threading;
using Linea.Storage;

namespace Linea;

/// <summary>
/// Sparse times sparse by Gustavson's row-by-row algorithm: row i of C = A B is the sum of A[i, j] times row j of B.
/// Two passes over the rows of A, each threaded over row chunks of equal flops: a symbolic pass counts each row's
/// distinct columns with a per-thread marker array, then a numeric pass accumulates into a per-thread dense row and
/// writes the row's entries, sorted, at its place. Workspace: (12 bytes x columns of B) per thread, plus 8 bytes per
/// row of A for the flop counts.
/// </summary>
internal static class SpGemm
{
    /// <summary>C = A B for CSR A (m x n) and CSR B (n x k); C is CSR with sorted, duplicate-free rows.</summary>
    internal static SparseMatrix<T> Multiply<T>(SparseMatrix<T> a, SparseMatrix<T> b, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, k = b.Columns;
        long[] ap = a.Ptr, bp = b.Ptr;
        // Flops prefix (products per row, plus one per row) to balance the threads.
        var flops = new long[m + 1];
        for (int i = 0; i < m; i++)
        {
            long f = 0;
            foreach (int j in a.RunIndices(i)) f += bp[j + 1] - bp[j];
            flops[i + 1] = flops[i] + f;
        }
        if (flops[m] + m < Spmv.ParallelWork) threads = 1;

        // Symbolic: ptr[i + 1] = number of distinct columns of row i.
        var ptr = new long[m + 1];
        var marks = new int[Math.Max(threads, 1)][];
        Run(threads, m, flops, (tid, r0, r1) =>
        {
            var mark = marks[tid] ??= NewMarker(k);
            for (int i = r0; i < r1; i++)
            {
                long count = 0;
                foreach (int j in a.RunIndices(i))
                    foreach (int c in b.RunIndices(j))
                        if (mark[c] != i) { mark[c] = i; count++; }
                ptr[i + 1] = count;
            }
        });
        for (int i = 0; i < m; i++) ptr[i + 1] += ptr[i];

        long nnz = ptr[m];
        var idx = TensorStorage<int>.Allocate(nnz, zero: false, op: "sparse matmul");
        var val = TensorStorage<T>.Allocate(nnz, zero: false, op: "sparse matmul");
        // Numeric: accumulate row i in acc over the columns listed at its place in idx, then sort the row.
        Array.Clear(marks);
        var accs = new T[Math.Max(threads, 1)][];
        Run(threads, m, flops, (tid, r0, r1) =>
        {
            var mark = marks[tid] ??= NewMarker(k);
            var acc = accs[tid] ??= new T[k];
            for (int i = r0; i < r1; i++)
            {
                int len = (int)(ptr[i + 1] - ptr[i]);
                if (len == 0) continue;
                var ri = MemoryMarshal.CreateSpan(ref idx.At(ptr[i]), len);
                var rv = MemoryMarshal.CreateSpan(ref val.At(ptr[i]), len);
                int count = 0;
                var ai = a.RunIndices(i);
                var av = a.RunValues(i);
                for (int p = 0; p < ai.Length; p++)
                {
                    T s = av[p];
                    var bi = b.RunIndices(ai[p]);
                    var bv = b.RunValues(ai[p]);
                    for (int q = 0; q < bi.Length; q++)
                    {
                        int c = bi[q];
                        if (mark[c] != i) { mark[c] = i; ri[count++] = c; acc[c] = s * bv[q]; }
                        else acc[c] += s * bv[q];
                    }
                }
                if (len <= 32) InsertionSort(ri); else ri.Sort();
                for (int q = 0; q < len; q++) rv[q] = acc[ri[q]];
            }
        });
        return new SparseMatrix<T>(SparseFormat.Csr, m, k, ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>Sorts a short row in place: cheaper than the general sort's dispatch for the few entries of a typical row.</summary>
    private static void InsertionSort(Span<int> a)
    {
        for (int i = 1; i < a.Length; i++)
        {
            int v = a[i], j = i - 1;
            while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
    }

    /// <summary>A marker array for k columns with no column marked (rows are numbered from 0).</summary>
    private static int[] NewMarker(int k)
    {
        var mark = new int[k];
        Array.Fill(mark, -1);
        return mark;
    }

    /// <summary>Runs body(tid, r0, r1) over row chunks of equal flops claimed by up to <paramref name="threads"/> threads.</summary>
    private static void Run(int threads, int m, long[] flops, Action<int, int, int> body)
    {
        if (threads <= 1) { body(0, 0, m); return; }
        Spmv.Chunked(threads, flops, m, body);
    }
}
