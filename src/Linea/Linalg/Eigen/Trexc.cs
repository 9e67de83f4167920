using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// Reorders a real Schur form (LAPACK's trexc): moves the diagonal block starting at row ifst to row ilst by a
/// sequence of adjacent swaps (<see cref="Laexc"/>), updating the Schur vectors; T (n x n) and Q are column-contiguous views. A 2 x 2 block may split into two
/// 1 x 1 blocks on the way (when its eigenvalues become real); they are then moved one at a time. O(n |ifst - ilst|).
/// </summary>
internal static class Trexc
{
    /// <summary>
    /// Moves the block at <paramref name="ifst"/> (0-based; either row of a 2 x 2 block) to <paramref name="ilst"/>.
    /// On return ifst is the first row of the block as found and ilst the row where it ended. Returns false when a
    /// swap was rejected (<see cref="Laexc"/>): T and Q are then valid, with the block stopped at ilst.
    /// </summary>
    public static bool Move<T>(bool wantQ, in MatrixView<T> t, in MatrixView<T> q, ref int ifst, ref int ilst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)t.Rows);
        if (n <= 1) return true;
        if (ifst > 0 && t[ifst, ifst - 1] != T.Zero) ifst--;
        int nbf = ifst < n - 1 && t[ifst + 1, ifst] != T.Zero ? 2 : 1;
        if (ilst > 0 && t[ilst, ilst - 1] != T.Zero) ilst--;
        int nbl = ilst < n - 1 && t[ilst + 1, ilst] != T.Zero ? 2 : 1;
        if (ifst == ilst) return true;

        int here;
        if (ifst < ilst)
        {
            // Move down.
            if (nbf == 2 && nbl == 1) ilst--;
            if (nbf == 1 && nbl == 2) ilst++;
            here = ifst;
            do
            {
                if (nbf is 1 or 2)
                {
                    int nbnext = here + nbf + 1 < n && t[here + nbf + 1, here + nbf] != T.Zero ? 2 : 1;
                    if (!Laexc.Swap(wantQ, t, q, here, nbf, nbnext)) { ilst = here; return false; }
                    here += nbnext;
                    if (nbf == 2 && t[here + 1, here] == T.Zero) nbf = 3;
                }
                else
                {
                    // Two 1 x 1 blocks (a split 2 x 2), swapped one at a time.
                    int nbnext = here + 3 < n && t[here + 3, here + 2] != T.Zero ? 2 : 1;
                    if (!Laexc.Swap(wantQ, t, q, here + 1, 1, nbnext)) { ilst = here; return false; }
                    if (nbnext == 1)
                    {
                        Laexc.Swap(wantQ, t, q, here, 1, nbnext);
                        here++;
                    }
                    else
                    {
                        if (t[here + 2, here + 1] == T.Zero) nbnext = 1;
                        if (nbnext == 2)
                        {
                            if (!Laexc.Swap(wantQ, t, q, here, 1, nbnext)) { ilst = here; return false; }
                            here += 2;
                        }
                        else
                        {
                            Laexc.Swap(wantQ, t, q, here, 1, 1);
                            Laexc.Swap(wantQ, t, q, here + 1, 1, 1);
                            here += 2;
                        }
                    }
                }
            } while (here < ilst);
        }
        else
        {
            // Move up.
            here = ifst;
            do
            {
                if (nbf is 1 or 2)
                {
                    int nbnext = here >= 2 && t[here - 1, here - 2] != T.Zero ? 2 : 1;
                    if (!Laexc.Swap(wantQ, t, q, here - nbnext, nbnext, nbf)) { ilst = here; return false; }
                    here -= nbnext;
                    if (nbf == 2 && t[here + 1, here] == T.Zero) nbf = 3;
                }
                else
                {
                    int nbnext = here >= 2 && t[here - 1, here - 2] != T.Zero ? 2 : 1;
                    if (!Laexc.Swap(wantQ, t, q, here - nbnext, nbnext, 1)) { ilst = here; return false; }
                    if (nbnext == 1)
                    {
                        Laexc.Swap(wantQ, t, q, here, nbnext, 1);
                        here--;
                    }
                    else
                    {
                        if (t[here, here - 1] == T.Zero) nbnext = 1;
                        if (nbnext == 2)
                        {
                            if (!Laexc.Swap(wantQ, t, q, here - 1, 2, 1)) { ilst = here; return false; }
                            here -= 2;
                        }
                        else
                        {
                            Laexc.Swap(wantQ, t, q, here, 1, 1);
                            Laexc.Swap(wantQ, t, q, here - 1, 1, 1);
                            here -= 2;
                        }
                    }
                }
            } while (here > ilst);
        }
        ilst = here;
        return true;
    }
}
