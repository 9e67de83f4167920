using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The SVD pipeline for m &gt;= n on column-major storage: copy and scale; for tall matrices (m &gt;= 11 n / 6, LAPACK's
/// gesdd crossover) a QR factorization first, so the bidiagonalization runs on the n x n R instead of the m x n A;
/// gebrd; the n x n bidiagonal's SVD (divide and conquer with vectors when n exceeds its leaf size, else the QR
/// iteration; values alone always by the QR iteration); sort descending; then U := Q [U_bd 0; 0 I] and V := P V_bd
/// through blocked Ormqr (GEMM), and U := Q_qr [U 0; 0 I] on the QR path. For m &gt;= 8 n with U reduced (or not
/// wanted) the QR is the tall-skinny one (TSQR), read from the tensor directly.
/// </summary>
internal static class SvdCore
{
    /// <summary>S (descending, n) and, with vectors, U (m x uc, ld m; uc = m when full else n) and V (n x n, ld n).</summary>
    internal sealed record Result<T>(T[] S, T[]? U, T[]? V) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>m / n from which a QR factorization comes first (LAPACK's gesdd: mnthr = 11 n / 6).</summary>
    public static bool QrFirst(int m, int n) => n > 0 && 6L * m >= 11L * n;

    /// <summary>Decomposes the m x n matrix <paramref name="a"/> (m &gt;= n, finite, any strides). O(m n^2).</summary>
    public static Result<T> Compute<T>(string op, NDArray<T> a, bool full, bool vectors, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
        => Compute(op, a, null, full, vectors, vectors, parallelism, p);

    /// <summary>
    /// S and V of the m x n (m &gt;= n, finite) matrix <paramref name="a"/> without U (null in the result): the same
    /// path and the same bits as <see cref="Compute{T}(string, NDArray{T}, bool, bool, Parallelism, SvdParams)"/>'s S and
    /// V, without U's m x n array and its back-transformation. <paramref name="work"/> holds a column-major (ld m) in its
    /// first m n elements and is overwritten, instead of a column-major copy; <paramref name="a"/> must be a view of it
    /// (the tall-skinny QR reads a). Besides those, O(n^2) memory.
    /// </summary>
    public static Result<T> RightVectors<T>(string op, NDArray<T> a, T[] work, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
        => Compute(op, a, work, false, true, false, parallelism, p);

    private static Result<T> Compute<T>(string op, NDArray<T> a, T[]? given, bool full, bool vectors, bool formU, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.IntDims[0], n = a.IntDims[1], lda = Math.Max(m, 1);
        int uc = full ? m : n;
        if (m > n && (!vectors || !full) && TallSkinnyQr<T>.Applies(m, n, p.TallSkinny)
            && TallSkinny(op, a, m, n, vectors, formU, parallelism, p) is { } tall)
            return tall;
        var work = given ?? ColMajor.FromMatrix(a);
        var used = work.AsSpan(0, lda * n);
        T amax = T.Zero;
        foreach (var x in used) amax = T.Max(amax, T.Abs(x));
        int scale = SpectralScaling.Exponent(amax);
        SpectralScaling.ScaleB<T>(used, scale);

        T[] s;
        T[]? u = null, v = null;
        if (QrFirst(m, n) && m > n)
        {
            // A = Q R; the SVD of R (n x n); U = Q [U_R 0; 0 I].
            var tauQr = new T[n];
            Geqrf.Blocked(MatrixView<T>.ColumnMajor(work, 0, m, n, lda), tauQr, QrParams.Auto, parallelism);
            var r = new T[n * n];
            for (int j = 0; j < n; j++) Array.Copy(work, j * lda, r, j * n, j + 1);
            (s, var ur, v) = Square(op, m, n, r, vectors, formU, parallelism, p);
            if (vectors && formU)
            {
                u = new T[lda * uc];
                for (int j = 0; j < n; j++) Array.Copy(ur!, j * n, u, j * lda, n);
                for (int j = n; j < uc; j++) u[j + j * lda] = T.One;
                Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(work, 0, m, n, lda), n, tauQr, MatrixView<T>.ColumnMajor(u, 0, m, uc, lda), QrParams.Auto, parallelism);
            }
        }
        else (s, u, v) = Bidiagonal(op, m, n, uc, work, vectors, formU, parallelism, p);
        SpectralScaling.ScaleB<T>(s.AsSpan(0, n), -scale);
        return new Result<T>(s, u, v);
    }

    /// <summary>
    /// The tall-skinny path (m &gt;= 8 n, U reduced or not wanted): A = Q R by TSQR straight from the tensor (no
    /// column-major copy of A), the SVD of the n x n R, and U = Q U_R formed chunk by chunk (<see
    /// cref="TallSkinnyQr{T}.MultiplyQ"/>). Taken only when A needs no range scaling, which R shows without another
    /// pass over A: max|A_ij| &lt;= sqrt(n) max|R_ij| and max|A_ij| &gt;= max|R_ij| / sqrt(m n); null (the caller then
    /// runs the general path) when those bounds leave the safe range or R is not finite.
    /// </summary>
    private static Result<T>? TallSkinny<T>(string op, NDArray<T> a, int m, int n, bool vectors, bool formU, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var qr = new TallSkinnyQr<T>(a, p.TallSkinny, parallelism, keepReflectors: vectors && formU);
        var r = qr.RColumnMajor();
        double rmax = double.CreateTruncating(T.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(r)));
        if (!double.IsFinite(rmax)) return null;
        if (rmax != 0)
        {
            double eps = MachineConstants<T>.UlpDouble, safmin = MachineConstants<T>.SafeMinDouble;
            double lo = Math.Sqrt(safmin / eps), hi = Math.Sqrt(1 / safmin * eps);
            if (rmax * Math.Sqrt(n) > hi || rmax / Math.Sqrt((double)m * n) < lo) return null;
        }
        var (s, ur, v) = Square(op, m, n, r, vectors, formU, parallelism, p);
        return new Result<T>(s, vectors && formU ? qr.MultiplyQ(ur!) : null, v);
    }

    /// <summary>The n x n matrix r (ld n, overwritten): S, and with vectors V (n x n) and, when <paramref name="formU"/>, U (n x n).</summary>
    private static (T[] S, T[]? U, T[]? V) Square<T>(string op, int m, int n, T[] r, bool vectors, bool formU, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try { return Bidiagonal(op, n, n, n, r, vectors, vectors && formU, parallelism, p); }
        catch (NoConvergenceException) when (m != n)
        {
            throw new NoConvergenceException($"{op}: the bidiagonal QR iteration did not converge for a matrix of shape ({m}, {n}) (on its {n} x {n} triangular factor)");
        }
    }

    /// <summary>
    /// gebrd, the bidiagonal SVD and the back-transformation on the m x n (m &gt;= n) column-major matrix work (ld m,
    /// overwritten): S (n, descending) and with vectors U (m x uc, ld m; only when <paramref name="formU"/>) and V (n x n).
    /// </summary>
    private static (T[] S, T[]? U, T[]? V) Bidiagonal<T>(string op, int m, int n, int uc, T[] work, bool vectors, bool formU, Parallelism parallelism, SvdParams p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lda = Math.Max(m, 1);
        var d = new T[n];
        var e = new T[Math.Max(n - 1, 0)];
        var tauq = new T[n];
        var taup = new T[n];
        Gebrd.Blocked(MatrixView<T>.ColumnMajor(work, 0, m, n, lda), d, e, tauq, taup, parallelism, p.BidiagonalBlockSize, p.BidiagonalCrossover);
        T[]? ub = null, vb = null;
        bool ok;
        if (vectors && n > p.DivideAndConquerLeaf)
        {
            ub = new T[n * n];
            vb = new T[n * n];
            // The workspace (about 3 n^2 elements) from the shared pool: the merges write every element they read.
            var dcWork = System.Buffers.ArrayPool<T>.Shared.Rent(checked((int)Bdsdc.WorkspaceSize(n)));
            var dcIwork = System.Buffers.ArrayPool<int>.Shared.Rent(Bdsdc.IntWorkspaceSize(n));
            try { ok = Bdsdc.Solve<T>(d, e, MatrixView<T>.ColumnMajor(ub, 0, n, n, n), MatrixView<T>.ColumnMajor(vb, 0, n, n, n), parallelism, dcWork, dcIwork, p.DivideAndConquerLeaf); }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(dcIwork);
                System.Buffers.ArrayPool<T>.Shared.Return(dcWork);
            }
        }
        else
        {
            if (vectors)
            {
                ub = Identity<T>(n);
                vb = Identity<T>(n);
            }
            ok = Bdsqr.Solve<T>(n, d, e, vectors ? MatrixView<T>.ColumnMajor(ub!, 0, n, n, n) : default, vectors ? MatrixView<T>.ColumnMajor(vb!, 0, n, n, n) : default, parallelism);
        }
        if (!ok)
            throw new NoConvergenceException($"{op}: the bidiagonal QR iteration did not converge within {Bdsqr.MaxIterationsFactor} k^2 = {(long)Bdsqr.MaxIterationsFactor * n * n} steps for a matrix of shape ({m}, {n}) (k = {n})");
        SpectralScaling.SortWithColumns<T>(d, descending: true, ub, n, vb, n);
        if (!vectors) return (d, null, null);

        // U = Q [U_bd 0; 0 I]: m x uc.
        T[]? u = null;
        if (formU)
        {
            u = new T[lda * uc];
            for (int j = 0; j < n; j++) Array.Copy(ub!, j * n, u, j * lda, n);
            for (int j = n; j < uc; j++) u[j + j * lda] = T.One;
            Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(work, 0, m, n, lda), n, tauq, MatrixView<T>.ColumnMajor(u, 0, m, uc, lda), QrParams.Auto, parallelism);
        }
        // V = P V_bd, P's reflectors copied from the rows of A into a QR-style (n - 1) x (n - 1) layout.
        if (n > 1)
        {
            int k = n - 1;
            var wp = ub!;   // copied into u above (when U is formed): its touched pages hold P's reflectors (no fresh 8 n^2 bytes)
            wp.AsSpan(0, k * k).Clear();
            for (int i = 0; i < k; i++)
                for (int r = i + 1; r < k; r++) wp[r + i * k] = work[i + (r + 1) * lda];
            Ormqr.ApplyLeft(false, MatrixView<T>.ColumnMajor(wp, 0, k, k, k), k, taup, MatrixView<T>.ColumnMajor(vb!, 1, k, n, n), QrParams.Auto, parallelism);
        }
        return (d, u, vb);
    }

    private static T[] Identity<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = new T[n * n];
        for (int i = 0; i < n; i++) q[i + i * n] = T.One;
        return q;
    }
}
