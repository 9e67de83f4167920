using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Eigenvalues, and optionally the real Schur form and Schur vectors, of an upper Hessenberg matrix whose rows and
/// columns outside ilo..ihi are already triangular (LAPACK's hseqr): the diagonal outside ilo..ihi gives eigenvalues
/// directly; the active block runs the double-shift iteration (<see cref="Lahqr"/>) when small and the multishift
/// iteration with aggressive early deflation (<see cref="Laqr0"/>) otherwise.
/// </summary>
internal static class Hseqr
{
    /// <summary>
    /// Runs on the n x n view h (column-contiguous, zero below the first subdiagonal); Z (n x n, when wantZ) is updated in
    /// rows and columns ilo..ihi, which is all it needs when it holds the Q of the Hessenberg reduction. Returns 0 on
    /// success, else the (1-based) index of the last eigenvalue that did not converge.
    /// </summary>
    public static int Run<T>(bool wantT, bool wantZ, int ilo, int ihi, in MatrixView<T> h, Span<T> wr, Span<T> wi, in MatrixView<T> z, EigParams p, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)h.Rows);
        for (int i = 0; i < ilo; i++) { wr[i] = h[i, i]; wi[i] = T.Zero; }
        for (int i = ihi + 1; i < n; i++) { wr[i] = h[i, i]; wi[i] = T.Zero; }
        if (ilo > ihi) return 0;
        if (ilo == ihi) { wr[ilo] = h[ilo, ilo]; wi[ilo] = T.Zero; return 0; }
        int nh = ihi - ilo + 1;
        if (nh > p.NMin)
        {
            int info = Laqr0.Run(wantT, wantZ, ilo, ihi, h, wr, wi, ilo, ihi, z, p, parallelism);
            // A rare failure of the multishift iteration: the double-shift one sometimes succeeds (as LAPACK's hseqr).
            if (info > 0) info = Lahqr.Run(wantT, wantZ, ilo, info - 1, h, wr, wi, ilo, ihi, z, p.IterationFactor);
            return info;
        }
        return Lahqr.Run(wantT, wantZ, ilo, ihi, h, wr, wi, ilo, ihi, z, p.IterationFactor);
    }
}
