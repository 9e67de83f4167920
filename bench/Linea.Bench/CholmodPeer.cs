using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Linea.Bench;

/// <summary>
/// CHOLMOD's supernodal Cholesky through P/Invoke (the cholmod_l_* interface: 64-bit integers), with CHOLMOD's
/// default settings: cholmod_l_analyze picks the ordering (AMD, then METIS as well when AMD's fill is high; the factor
/// records which one) and the supernodal or simplicial method. Each sample analyzes and factors afresh and the median
/// of each phase is reported. The matrix is handed over as its upper triangle in CSC (stype = 1), built by hand as a
/// cholmod_sparse over pinned arrays. nnz(L) is the sum of the factor's exact column counts (L->ColCount, as
/// CHOLMOD's Common->lnz), which leaves out the explicit zeros that relaxed supernodes store; the stored size
/// (L->xsize: supernodes as dense blocks, upper triangle of their diagonal blocks included) and its lower trapezoids
/// (nnz(L) plus the relaxed zeros, what cholmod_l_factor_to_sparse would keep) are reported beside it.
/// </summary>
internal static unsafe class CholmodPeer
{
    private const int CholmodLong = 2, CholmodReal = 1, CholmodDouble = 0, CholmodSolveA = 0;

    /// <summary>cholmod_common is opaque here: cholmod_l_start fills it. 2,664 bytes in CHOLMOD 3.0.14; generous room.</summary>
    private const int CommonBytes = 1 << 16;

    /// <summary>cholmod_sparse (cholmod_core.h), LP64: 88 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CholmodSparse
    {
        public nuint Nrow, Ncol, Nzmax;
        public void* P, I, Nz, X, Z;
        public int Stype, Itype, Xtype, Dtype, Sorted, Packed;
    }

    /// <summary>cholmod_dense, LP64: 56 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CholmodDense
    {
        public nuint Nrow, Ncol, Nzmax, D;
        public void* X, Z;
        public int Xtype, Dtype;
    }

    /// <summary>cholmod_factor, LP64: 208 bytes (offsets checked against CHOLMOD 3.0.14's header: xsize 120, ordering 176).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CholmodFactor
    {
        public nuint N, Minor;
        public void* Perm, ColCount, IPerm;
        public nuint Nzmax;
        public void* P, I, X, Z, Nz, Next, Prev;
        public nuint Nsuper, Ssize, Xsize, Maxcsize, Maxesize;
        public void* Super, Pi, Px, S;
        public int Ordering, IsLl, IsSuper, IsMonotonic, Itype, Xtype, Dtype, UseGpu;
    }

    private static readonly string[] OrderingNames = ["natural", "given", "amd", "metis", "nesdis", "colamd", "postordered"];

    /// <summary>
    /// Times CHOLMOD on the SPD matrix <paramref name="a"/> (full symmetric storage, CSR or CSC), or null when libcholmod
    /// is not installed. Throws when CHOLMOD fails or finds the matrix not positive definite.
    /// </summary>
    public static DirectResult? Run(SparseMatrix<double> a, int samples, int threads)
    {
        var (lib, soname) = SuiteSparseLibrary.Cholmod(threads);
        if (lib == 0) return null;
        var start = (delegate* unmanaged<void*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_start");
        var finish = (delegate* unmanaged<void*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_finish");
        var analyze = (delegate* unmanaged<CholmodSparse*, void*, CholmodFactor*>)SuiteSparseLibrary.Export(lib, "cholmod_l_analyze");
        var factorize = (delegate* unmanaged<CholmodSparse*, CholmodFactor*, void*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_factorize");
        var solve = (delegate* unmanaged<int, CholmodFactor*, CholmodDense*, void*, CholmodDense*>)SuiteSparseLibrary.Export(lib, "cholmod_l_solve");
        var freeFactor = (delegate* unmanaged<CholmodFactor**, void*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_free_factor");
        var freeDense = (delegate* unmanaged<CholmodDense**, void*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_free_dense");
        var version = (delegate* unmanaged<int*, int>)SuiteSparseLibrary.Export(lib, "cholmod_l_version");
        int* v = stackalloc int[3];
        version(v);
        if (v[0] is < 3 or > 5)
            throw new NotSupportedException($"sparse: CHOLMOD {v[0]}.{v[1]}.{v[2]} ({soname}): struct layouts known for 3.x to 5.x only");

        var (colPtr, rowIdx, values) = UpperTriangleCsc(a);
        int n = a.Rows;
        var b = new double[n];
        Array.Fill(b, 1.0);
        var x = new double[n];
        void* common = NativeMemory.AllocZeroed(CommonBytes);
        try
        {
            if (start(common) == 0) throw new InvalidOperationException("sparse: cholmod_l_start failed");
            fixed (long* pp = colPtr)
            fixed (long* pi = rowIdx)
            fixed (double* px = values)
            fixed (double* pb = b)
            {
                var s = new CholmodSparse
                {
                    Nrow = (nuint)n, Ncol = (nuint)n, Nzmax = (nuint)values.Length, P = pp, I = pi, X = px,
                    Stype = 1, Itype = CholmodLong, Xtype = CholmodReal, Dtype = CholmodDouble, Sorted = 1, Packed = 1,
                };
                var analyzeTimes = new double[Math.Max(1, samples)];
                var factorTimes = new double[analyzeTimes.Length];
                CholmodFactor* l = null;
                for (int r = 0; r < analyzeTimes.Length; r++)
                {
                    if (l != null) freeFactor(&l, common);
                    var sw = Stopwatch.StartNew();
                    l = analyze(&s, common);
                    analyzeTimes[r] = sw.Elapsed.TotalSeconds;
                    if (l == null) throw new InvalidOperationException("sparse: cholmod_l_analyze failed (out of memory?)");
                    sw.Restart();
                    int ok = factorize(&s, l, common);
                    factorTimes[r] = sw.Elapsed.TotalSeconds;
                    if (ok == 0) throw new InvalidOperationException("sparse: cholmod_l_factorize failed");
                    if (l->Minor < (nuint)n)
                        throw new InvalidOperationException($"sparse: CHOLMOD: the matrix is not positive definite (column {l->Minor})");
                }
                long nnzL = 0;
                var counts = new ReadOnlySpan<long>(l->ColCount, n);
                foreach (long c in counts) nnzL += c;
                long stored = l->IsSuper != 0 ? (long)l->Xsize : (long)l->Nzmax, storedLower = stored;
                if (l->IsSuper != 0)
                {
                    // Supernode s: columns super[s] .. super[s+1]-1 as a dense nsrow x nscol block; its lower trapezoid
                    // is what a column-by-column copy (cholmod_l_factor_to_sparse) keeps, relaxed zeros included.
                    var sup = new ReadOnlySpan<long>(l->Super, (int)l->Nsuper + 1);
                    var rowPtr = new ReadOnlySpan<long>(l->Pi, (int)l->Nsuper + 1);
                    storedLower = 0;
                    for (int k = 0; k < (int)l->Nsuper; k++)
                    {
                        long nscol = sup[k + 1] - sup[k], nsrow = rowPtr[k + 1] - rowPtr[k];
                        storedLower += nscol * nsrow - nscol * (nscol - 1) / 2;
                    }
                }
                string ordering = l->Ordering >= 0 && l->Ordering < OrderingNames.Length ? OrderingNames[l->Ordering] : l->Ordering.ToString(CultureInfo.InvariantCulture);
                bool super = l->IsSuper != 0;
                long nsuper = (long)l->Nsuper;

                var bd = new CholmodDense { Nrow = (nuint)n, Ncol = 1, Nzmax = (nuint)n, D = (nuint)n, X = pb, Xtype = CholmodReal, Dtype = CholmodDouble };
                var xd = solve(CholmodSolveA, l, &bd, common);
                if (xd == null) throw new InvalidOperationException("sparse: cholmod_l_solve failed");
                new ReadOnlySpan<double>(xd->X, n).CopyTo(x);
                freeDense(&xd, common);
                freeFactor(&l, common);

                Array.Sort(analyzeTimes);
                Array.Sort(factorTimes);
                return new DirectResult(analyzeTimes[analyzeTimes.Length / 2], factorTimes[factorTimes.Length / 2], nnzL,
                    DirectResidual.Relative(a, x, b),
                    [
                        new("peer_ordering", ordering),
                        new("peer_supernodal", super ? "1" : "0"),
                        new("peer_nsuper", nsuper.ToString(CultureInfo.InvariantCulture)),
                        new("peer_stored_factor", stored.ToString(CultureInfo.InvariantCulture)),
                        new("peer_stored_lower", storedLower.ToString(CultureInfo.InvariantCulture)),
                        new("peer_lib", $"{soname}:{v[0]}.{v[1]}.{v[2]}"),
                        new("peer_blas", $"openblas:{OpenBlasLibrary.Core}:{threads}threads"),
                    ]);
            }
        }
        finally
        {
            finish(common);
            NativeMemory.Free(common);
        }
    }

    /// <summary>The upper triangle (row &lt;= column) of the symmetric matrix <paramref name="a"/> in CSC with 64-bit indices, rows sorted.</summary>
    private static (long[] ColPtr, long[] RowIdx, double[] Values) UpperTriangleCsc(SparseMatrix<double> a)
    {
        var csc = a.ToCsc();
        int n = csc.Columns;
        var colPtr = new long[n + 1];
        for (int j = 0; j < n; j++)
        {
            long count = 0;
            foreach (int i in csc.IndicesOf(j)) if (i <= j) count++;
            colPtr[j + 1] = colPtr[j] + count;
        }
        var rowIdx = new long[colPtr[n]];
        var values = new double[colPtr[n]];
        for (int j = 0; j < n; j++)
        {
            var rows = csc.IndicesOf(j);
            var vals = csc.ValuesOf(j);
            long p = colPtr[j];
            for (int k = 0; k < rows.Length; k++)
                if (rows[k] <= j) { rowIdx[p] = rows[k]; values[p++] = vals[k]; }
            Array.Sort(rowIdx, values, (int)colPtr[j], (int)(p - colPtr[j]));
        }
        return (colPtr, rowIdx, values);
    }
}
