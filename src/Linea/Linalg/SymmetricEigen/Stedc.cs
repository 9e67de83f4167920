using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by divide and conquer (Cuppen's method as LAPACK's
/// stedc/laed0-laed4 does it, with Gu and Eisenstat's recomputed weights for orthogonal eigenvectors).
/// <para>T is torn at its middle into two tridiagonal halves and a rank-one term, T = T1 (+) T2 + |e| v v^T; the halves
/// are solved recursively (QL iteration below <see cref="LeafSize"/>), and the eigenproblem of D + rho z z^T (D the
/// halves' eigenvalues, z the last row of Q1 and the first row of Q2) is solved through the secular equation
/// 1 + rho sum z_j^2 / (d_j - lambda) = 0. Components of z below the noise level, and pairs of nearly equal d_j, are
/// deflated first (their eigenpairs are known), which is where most of the method's speed comes from on clustered
/// spectra. Each root is found relative to its nearer pole, so every difference d_j - lambda_i is accurate to a few
/// ulps of itself; the weights z are then recomputed from the roots (Loewner's formula), which makes the eigenvectors
/// numerically orthogonal. Merging multiplies the block diagonal eigenvector matrix by the small one through two
/// GEMMs whose inner dimensions are each half's non-deflated count (LAPACK's column types), at most 4 n^3 / 3 flops in
/// all, at GEMM speed, written straight into z; the rest is O(n^2) per level.</para>
/// </summary>
internal static partial class Stedc
{
    /// <summary>Subproblems of at most this order are solved by the QL iteration (LAPACK's smlsiz is 25).</summary>
    public const int LeafSize = 32;

    /// <summary>
    /// Diagonalises the tridiagonal (d, e) (n and n - 1 entries, n = z.Rows): on return d holds the eigenvalues
    /// (unordered) and the n x n column-contiguous view z the matching orthonormal eigenvectors. e is destroyed. z is
    /// pinned for the whole solve (the two halves of a split run on two threads).
    /// </summary>
    /// <returns>false when a QL leaf or a secular equation did not converge (the caller throws).</returns>
    /// <remarks>work (at least <see cref="WorkspaceSize"/>(n) elements) and iwork (<see cref="IntWorkspaceSize"/>(n)
    /// ints) are overwritten: every merge takes its arrays from them, so no merge allocates an array.</remarks>
    /// <exception cref="InvalidOperationException">(Linea's own check) the workspace is smaller than the sizes say.</exception>
    public static unsafe bool Solve<T>(Span<T> d, Span<T> e, in MatrixView<T> z, Parallelism parallelism, T[] work, int[] iwork, int leafSize = LeafSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)z.Rows);
        if (n == 0) return true;
        System.Diagnostics.Debug.Assert(z.ColumnContiguous && z.Cols == n);
        for (int j = 0; j < n; j++) z.Column(j, 0, n).Clear();
        var ws = new Workspace<T>(n, work, iwork, Math.Max(leafSize, 2));
        var dArr = ws.D;
        var eArr = ws.E;
        d.Slice(0, n).CopyTo(dArr);
        e.Slice(0, Math.Max(n - 1, 0)).CopyTo(eArr);
        bool ok;
        fixed (T* pz = &z.Origin) ok = Recurse(0, n, dArr, eArr, z.At(pz), parallelism, ws);
        ((Span<T>)dArr).CopyTo(d);
        return ok;
    }

    /// <summary>Elements of T that <see cref="Solve{T}(Span{T}, Span{T}, in MatrixView{T}, Parallelism, T[], int[], int)"/> needs for order n: d and e copies, nine pole-length arrays and
    /// three n x n areas (the compact secular eigenvectors, the root differences, the gathered columns of Q1 and Q2).</summary>
    public static long WorkspaceSize(int n) => n == 0 ? 0 : 11L * n + 3L * n * n;

    /// <summary>Ints that <see cref="Solve{T}(Span{T}, Span{T}, in MatrixView{T}, Parallelism, T[], int[], int)"/> needs for order n: the sort order of the poles and the rows of the compact secular vectors.</summary>
    public static int IntWorkspaceSize(int n) => checked(2 * n);

    /// <summary>The workspace carved into one merge's arrays (reused by every merge, which run one after another), each
    /// slice checked against the buffer; a leaf's Q is allocated once per solve (the QL iteration takes whole arrays).</summary>
    internal sealed class Workspace<T> where T : unmanaged
    {
        public readonly ArraySegment<T> D, E, W, Dv, Zs, Lambda, Delta, Zeta, Zz, Zhat, Ratio, Y, Shared, M;
        public readonly ArraySegment<int> Idx, RowOf;
        public readonly int LeafSize;

        /// <summary>How many elements of T the slices cover (tests compare it with WorkspaceSize).</summary>
        public long Used { get; }

        public Workspace(int n, T[] work, int[] iwork, int leafSize = Stedc.LeafSize)
        {
            var carver = new WorkspaceCarver<T>(work, "stedc", n);
            D = carver.Take(n); E = carver.Take(n); W = carver.Take(n); Dv = carver.Take(n); Zs = carver.Take(n); Lambda = carver.Take(n); Delta = carver.Take(n);
            Zeta = carver.Take(n); Zz = carver.Take(n); Zhat = carver.Take(n); Ratio = carver.Take(n);
            Y = carver.Take((long)n * n); Shared = carver.Take((long)n * n); M = carver.Take((long)n * n);
            Used = carver.Used;
            if (iwork.Length < 2 * n)
                throw new InvalidOperationException($"internal: stedc of order {n} needs {2 * n} integer workspace entries, got {iwork.Length}");
            Idx = new ArraySegment<int>(iwork, 0, n);
            RowOf = new ArraySegment<int>(iwork, n, n);
            LeafSize = leafSize;
        }
    }

    private static bool Recurse<T>(int lo, int n, ArraySegment<T> d, ArraySegment<T> e, MatrixAddress<T> z, Parallelism parallelism, Workspace<T> ws) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.ThrowIfCancelled();
        if (n <= ws.LeafSize) return Leaf(lo, n, d, e, z.View, parallelism, ws);
        int n1 = n / 2, n2 = n - n1;
        T coupling = e[lo + n1 - 1];
        T beta = T.Abs(coupling);
        d[lo + n1 - 1] -= beta;
        d[lo + n1] -= beta;
        if (parallelism.Count > 1 && n >= ParallelHalvesMin)
        {
            if (!BothHalves(lo, n1, n2, d, e, z, parallelism, ws)) return false;
        }
        else
        {
            if (!Recurse(lo, n1, d, e, z, parallelism, ws)) return false;
            if (!Recurse(lo + n1, n2, d, e, z, parallelism, ws)) return false;
        }
        if (beta == T.Zero) return true;
        return Merge(lo, n1, n2, beta, T.Sign(coupling) < 0, d, z.View, parallelism, ws);
    }

    private static bool Leaf<T>(int lo, int n, ArraySegment<T> d, ArraySegment<T> e, in MatrixView<T> z, Parallelism parallelism, Workspace<T> ws) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The leaf's eigenvectors are accumulated in place, in its diagonal block of z (set to the identity first).
        var q = z.Block(lo, lo, n, n);
        for (int j = 0; j < n; j++)
        {
            var column = q.Column(j);
            column.Clear();
            column[j] = T.One;
        }
        Span<T> ds = d.Slice(lo, n);
        Span<T> es = ws.W.Slice(0, Math.Max(n - 1, 0));
        e.Slice(lo, Math.Max(n - 1, 0)).AsSpan().CopyTo(es);
        return Steqr.Solve(n, ds, es, q, parallelism);
    }

    /// <summary>
    /// Merges the solved halves (eigenvalues in d[lo..lo+n), eigenvectors in the diagonal blocks of z) of the torn
    /// matrix with coupling beta (negative when <paramref name="negative"/>): the eigenproblem of D + beta z z^T.
    /// </summary>
    [MethodImpl(HotCode.Options)]
    private static bool Merge<T>(int lo, int n1, int n2, T beta, bool negative, ArraySegment<T> d, in MatrixView<T> z, Parallelism parallelism, Workspace<T> ws) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = n1 + n2;
        T eps = MachineConstants<T>.UnitRoundoff;
        // The rank-one vector: last row of Q1, then (sign) first row of Q2.
        var w = ws.W.Slice(0, n);
        for (int j = 0; j < n1; j++) w[j] = z[lo + n1 - 1, lo + j];
        for (int j = 0; j < n2; j++) w[n1 + j] = negative ? -z[lo + n1, lo + n1 + j] : z[lo + n1, lo + n1 + j];

        // Sort the poles ascending (each half is unordered after its own merge).
        var idx = ws.Idx.Slice(0, n);
        for (int i = 0; i < n; i++) idx[i] = i;
        var dv = ws.Dv.Slice(0, n);
        d.Slice(lo, n).AsSpan().CopyTo(dv);
        KeyedSort.Sort(dv.AsSpan(), idx.AsSpan());
        var zs = ws.Zs.Slice(0, n);
        for (int i = 0; i < n; i++) zs[i] = w[idx[i]];

        // Deflation (LAPACK's laed2): negligible weights, and pairs of close poles rotated so one weight vanishes.
        T dmax = T.Max(T.Abs(dv[0]), T.Abs(dv[n - 1]));
        T znorm2 = T.Zero;
        for (int i = 0; i < n; i++) znorm2 += zs[i] * zs[i];
        T znorm = T.Sqrt(znorm2);
        T tol = T.CreateTruncating(8) * eps * T.Max(dmax, beta * znorm2);
        var kept = new List<int>(n);
        var deflated = new List<int>(n);
        var rotations = new DeflationRotations<T>();
        rotations.Deflate(Enumerable.Range(0, n), zs, j => beta * T.Abs(zs[j]) * znorm <= tol, (p, j, c, s) =>
        {
            if (T.Abs(c * s * (dv[j] - dv[p])) > tol) return false;
            // New basis c e_p - s e_j (deflated, weight 0) and s e_p + c e_j (weight tau), with Rayleigh-quotient poles.
            T dp = c * c * dv[p] + s * s * dv[j];
            dv[j] = s * s * dv[p] + c * c * dv[j];
            dv[p] = dp;
            return true;
        }, kept, deflated);

        int k = kept.Count;
        // Deflated coordinates that no rotation touched keep a unit eigenvector: their columns of the new Q are columns
        // of diag(Q1, Q2) as they are, so they are copied instead of multiplied. The rotated ones go first, with the
        // secular columns, into the GEMMs.
        deflated = rotations.TouchedFirst(deflated, n, out int touched);
        int dense = k + touched;
        // The dense columns of M (the secular vectors and the rotated deflated ones) are nonzero only on the rows of
        // the kept and touched coordinates (LAPACK's column types): y holds just those rows, the upper half's (original
        // coordinate below n1) first, so each GEMM's inner dimension is that half's non-deflated count, not its order.
        var rowOf = ws.RowOf.Slice(0, n); // sorted coordinate -> row of y, or -1
        rowOf.AsSpan().Fill(-1);
        foreach (int r in kept) rowOf[r] = 0;
        for (int t = 0; t < touched; t++) rowOf[deflated[t]] = 0;
        int s1 = 0;
        for (int r = 0; r < n; r++) if (rowOf[r] == 0 && idx[r] < n1) rowOf[r] = 1 + s1++;
        int s2 = 0;
        for (int r = 0; r < n; r++) if (rowOf[r] == 0 && idx[r] >= n1) rowOf[r] = 1 + s1 + s2++;
        for (int r = 0; r < n; r++) rowOf[r]--;
        var lambda = ws.Lambda.Slice(0, k);
        // y (dense x dense, column-major, rows as above): columns 0..k-1 the eigenvectors of the kept secular problem,
        // then the touched deflated unit vectors; the recorded rotations are applied to its rows afterwards.
        var y = ws.Y.Slice(0, dense * dense);
        y.AsSpan().Clear();
        if (k > 0)
        {
            var delta = ws.Delta.Slice(0, k);
            var zeta = ws.Zeta.Slice(0, k);
            for (int i = 0; i < k; i++) { delta[i] = dv[kept[i]]; zeta[i] = zs[kept[i]]; }
            var diff = ws.Shared.Slice(0, k * k); // diff[j + i k] = delta_j - lambda_i, accurate relative to itself
            bool converged = true;
            var zz = ws.Zz.Slice(0, k);           // the squared weights, shared by every root
            TensorPrimitives.Multiply<T>(zeta, zeta, zz);
            SecularEquation.ForRanges(k, parallelism, (i0, i1) =>
            {
                for (int i = i0; i < i1; i++)
                {
                    if (!SecularEquation.Root(i, k, delta, zz, beta, eps, diff.AsSpan(i * k, k), squared: false, out T root)) converged = false;
                    lambda[i] = root;
                }
            });
            if (!converged) return false;
            // Gu-Eisenstat: recompute the weights from the computed roots.
            // zhat_j^2 = -prod_i (delta_j - lambda_i) / (beta prod_(i != j) (delta_j - delta_i)), accumulated root by
            // root, each thread over its own range of j (the same products in the same order as one thread).
            var zhat = ws.Zhat.Slice(0, k);
            var ratio = ws.Ratio.Slice(0, k);
            for (int j = 0; j < k; j++) zhat[j] = -diff[j + j * k] / beta;
            SecularEquation.ForRanges(k, parallelism, (j0, j1) =>
            {
                int len = j1 - j0;
                Span<T> rt = ratio.AsSpan(j0, len), zh = zhat.AsSpan(j0, len);
                ReadOnlySpan<T> dl = delta.AsSpan(j0, len);
                for (int i = 0; i < k; i++)
                {
                    TensorPrimitives.Subtract(dl, delta[i], rt);
                    TensorPrimitives.Divide(diff.AsSpan(i * k + j0, len), rt, rt);
                    if (i >= j0 && i < j1) rt[i - j0] = T.One;
                    TensorPrimitives.Multiply(zh, rt, zh);
                }
            });
            for (int j = 0; j < k; j++) zhat[j] = T.CopySign(T.Sqrt(T.Abs(zhat[j])), zeta[j]);
            int[] rowK = ArrayPool<int>.Shared.Rent(k);   // y's row of each kept pole
            for (int j = 0; j < k; j++) rowK[j] = rowOf[kept[j]];
            SecularEquation.ForRanges(k, parallelism, (i0, i1) =>
            {
                Span<T> vt = k <= 4096 ? stackalloc T[k] : new T[k];
                T[] yArray = y.Array!;
                for (int i = i0; i < i1; i++)
                {
                    // v_j = zhat_j / (delta_j - lambda_i), normalised with its largest entry divided out first (a root
                    // within a few ulps of a pole makes v_j overflow when squared); one division per entry, the two
                    // scalings as products with reciprocals (an ulp each, far below the n eps of orthogonality).
                    TensorPrimitives.Divide(zhat, diff.AsSpan(i * k, k), vt);
                    TensorPrimitives.Multiply(vt, T.One / MaxAbs.Of<T>(vt), vt);
                    T scale = T.One / TensorPrimitives.Norm<T>(vt);
                    int col = y.Offset + i * dense;
                    for (int j = 0; j < k; j++) yArray[col + rowK[j]] = vt[j] * scale;
                }
            });
            ArrayPool<int>.Shared.Return(rowK);
        }
        for (int t = 0; t < touched; t++) y[rowOf[deflated[t]] + (k + t) * dense] = T.One;
        // Undo the deflation rotations (in reverse order) on the rows: sorted coordinates p, j are rows rowOf[p], rowOf[j].
        rotations.UndoOnRows(MatrixView<T>.ColumnMajor(y.Array!, y.Offset, dense, dense, Math.Max(dense, 1)), rowOf);

        // New eigenvalues: the roots, then the deflated poles.
        for (int i = 0; i < k; i++) d[lo + i] = lambda[i];
        for (int t = 0; t < deflated.Count; t++) d[lo + k + t] = dv[deflated[t]];

        // Q_new = diag(Q1, Q2) M. The columns of Q1 and Q2 that the GEMMs read (those of the rows of y, in y's row
        // order), then the untouched deflated ones, are gathered into M's area (at most n1^2 + n2^2 elements), so the
        // products and copies can write the merged block of z in place.
        var g = ws.M;
        T[] ga = g.Array!;
        int go = g.Offset;
        for (int r = 0; r < n; r++)
        {
            int row = rowOf[r];
            if (row < 0) continue;
            int c = idx[r];
            if (row < s1) z.Column(lo + c, lo, n1).CopyTo(ga.AsSpan(go + row * n1, n1));
            else z.Column(lo + c, lo + n1, n2).CopyTo(ga.AsSpan(go + s1 * n1 + (row - s1) * n2, n2));
        }
        int saved = go + s1 * n1 + s2 * n2;
        for (int t = touched; t < deflated.Count; t++)
        {
            int c = idx[deflated[t]];
            if (c < n1) { z.Column(lo + c, lo, n1).CopyTo(ga.AsSpan(saved, n1)); saved += n1; }
            else { z.Column(lo + c, lo + n1, n2).CopyTo(ga.AsSpan(saved, n2)); saved += n2; }
        }
        T[] ya = y.Array!;
        int yo = y.Offset;
        if (dense > 0)
        {
            var top = z.Block(lo, lo, n1, dense);
            var bottom = z.Block(lo + n1, lo, n2, dense);
            if (s1 > 0) Gemm.Multiply(T.One, MatrixView<T>.ColumnMajor(ga, go, n1, s1, n1), MatrixView<T>.ColumnMajor(ya, yo, s1, dense, dense), T.Zero, top, parallelism);
            else for (int col = 0; col < dense; col++) top.Column(col).Clear();
            if (s2 > 0) Gemm.Multiply(T.One, MatrixView<T>.ColumnMajor(ga, go + s1 * n1, n2, s2, n2), MatrixView<T>.ColumnMajor(ya, yo + s1, s2, dense, dense), T.Zero, bottom, parallelism);
            else for (int col = 0; col < dense; col++) bottom.Column(col).Clear();
        }
        saved = go + s1 * n1 + s2 * n2;
        for (int t = touched; t < deflated.Count; t++)
        {
            int c = idx[deflated[t]], col = lo + k + t;
            var target = z.Column(col, lo, n);
            target.Clear();
            if (c < n1) { ga.AsSpan(saved, n1).CopyTo(target.Slice(0, n1)); saved += n1; }
            else { ga.AsSpan(saved, n2).CopyTo(target.Slice(n1, n2)); saved += n2; }
        }
        return true;
    }
}
