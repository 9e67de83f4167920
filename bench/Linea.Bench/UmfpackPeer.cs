using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// UMFPACK's multifrontal LU through P/Invoke (umfpack_dl_*: 64-bit integers, real), with the default Control
/// (a null Control array: automatic strategy, AMD/COLAMD ordering, partial pivoting with threshold 0.1 and a
/// preference for the diagonal in the symmetric strategy). Each sample runs umfpack_dl_symbolic then
/// umfpack_dl_numeric afresh; the medians are reported. nnz(L) + nnz(U) from umfpack_dl_get_lunz (each counts its
/// diagonal, as SciPy's L.nnz + U.nnz do); Info gives the strategy and ordering chosen and the peak memory.
/// </summary>
internal static unsafe class UmfpackPeer
{
    private const int InfoLength = 90, SysA = 0;
    private const int InfoSizeOfUnit = 3, InfoStrategyUsed = 18, InfoOrderingUsed = 19, InfoPeakMemory = 41;

    /// <summary>
    /// Times UMFPACK on the square matrix <paramref name="a"/>, or null when libumfpack is not installed. Throws when
    /// UMFPACK reports an error or a singular matrix.
    /// </summary>
    public static DirectResult? Run(SparseMatrix<double> a, int samples, int threads)
    {
        var (lib, soname) = SuiteSparseLibrary.Umfpack(threads);
        if (lib == 0) return null;
        var symbolic = (delegate* unmanaged<long, long, long*, long*, double*, void**, double*, double*, long>)
            SuiteSparseLibrary.Export(lib, "umfpack_dl_symbolic");
        var numeric = (delegate* unmanaged<long*, long*, double*, void*, void**, double*, double*, long>)
            SuiteSparseLibrary.Export(lib, "umfpack_dl_numeric");
        var solve = (delegate* unmanaged<int, long*, long*, double*, double*, double*, void*, double*, double*, long>)
            SuiteSparseLibrary.Export(lib, "umfpack_dl_solve");
        var getLunz = (delegate* unmanaged<long*, long*, long*, long*, long*, void*, long>)
            SuiteSparseLibrary.Export(lib, "umfpack_dl_get_lunz");
        var freeSymbolic = (delegate* unmanaged<void**, void>)SuiteSparseLibrary.Export(lib, "umfpack_dl_free_symbolic");
        var freeNumeric = (delegate* unmanaged<void**, void>)SuiteSparseLibrary.Export(lib, "umfpack_dl_free_numeric");

        var csc = a.ToCsc();
        int n = csc.Columns;
        long[] ap = csc.IndPtr.ToArray();
        var ai = new long[csc.Nnz];
        ReadOnlySpan<int> rows = csc.Indices;
        for (int k = 0; k < ai.Length; k++) ai[k] = rows[k];
        double[] ax = csc.Data.ToArray();
        var b = new double[n];
        Array.Fill(b, 1.0);
        var x = new double[n];
        var info = new double[InfoLength];
        var symTimes = new double[Math.Max(1, samples)];
        var numTimes = new double[symTimes.Length];
        void* sym = null, num = null;
        fixed (long* pp = ap)
        fixed (long* pi = ai)
        fixed (double* px = ax)
        fixed (double* pb = b)
        fixed (double* pxs = x)
        fixed (double* pinfo = info)
        {
            try
            {
                for (int r = 0; r < symTimes.Length; r++)
                {
                    if (num != null) freeNumeric(&num);
                    if (sym != null) freeSymbolic(&sym);
                    var sw = Stopwatch.StartNew();
                    long st = symbolic(n, n, pp, pi, px, &sym, null, pinfo);
                    symTimes[r] = sw.Elapsed.TotalSeconds;
                    if (st != 0) throw new InvalidOperationException($"sparse: umfpack_dl_symbolic returned status {st}");
                    sw.Restart();
                    st = numeric(pp, pi, px, sym, &num, null, pinfo);
                    numTimes[r] = sw.Elapsed.TotalSeconds;
                    if (st != 0) throw new InvalidOperationException($"sparse: umfpack_dl_numeric returned status {st} (1: singular)");
                }
                double peakBytes = info[InfoPeakMemory] * info[InfoSizeOfUnit];
                string strategy = info[InfoStrategyUsed] switch { 1 => "unsymmetric", 3 => "symmetric", var s => s.ToString(CultureInfo.InvariantCulture) };
                string ordering = info[InfoOrderingUsed] switch
                {
                    0 => "cholmod", 1 => "amd_colamd", 2 => "given", 3 => "metis", 5 => "none", var o => o.ToString(CultureInfo.InvariantCulture),
                };
                long lnz, unz, nr, nc, udiag;
                if (getLunz(&lnz, &unz, &nr, &nc, &udiag, num) != 0) throw new InvalidOperationException("sparse: umfpack_dl_get_lunz failed");
                long st2 = solve(SysA, pp, pi, px, pxs, pb, num, null, pinfo);
                if (st2 != 0) throw new InvalidOperationException($"sparse: umfpack_dl_solve returned status {st2}");
                Array.Sort(symTimes);
                Array.Sort(numTimes);
                return new DirectResult(symTimes[symTimes.Length / 2], numTimes[numTimes.Length / 2], lnz + unz,
                    DirectResidual.Relative(a, x, b),
                    [
                        new("peer_nnz_l", lnz.ToString(CultureInfo.InvariantCulture)),
                        new("peer_nnz_u", unz.ToString(CultureInfo.InvariantCulture)),
                        new("peer_strategy", strategy),
                        new("peer_ordering", ordering),
                        new("peer_peak_mb", (peakBytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)),
                        new("peer_lib", soname),
                        new("peer_blas", $"openblas:{OpenBlasLibrary.Core}:{threads}threads"),
                    ]);
            }
            finally
            {
                if (num != null) freeNumeric(&num);
                if (sym != null) freeSymbolic(&sym);
            }
        }
    }
}
