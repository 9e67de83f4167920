using System.Numerics;

namespace Linea;

/// <summary>
/// The symbolic analysis of a sparse symmetric matrix for Cholesky (LL^T) or LDL^T: the fill-reducing permutation
/// (postordered), the elimination tree, the column counts of L, the supernodes (fundamental, then relaxed as CHOLMOD)
/// and their row structures. It depends on the pattern only, so one analysis serves every matrix with the same
/// pattern: <see cref="Factor{T}"/> and <see cref="FactorLdl{T}"/> skip it. Only the lower triangle of A is read
/// (entries with row &gt;= column, in CSC or CSR; the strict upper triangle is ignored and may hold anything).
/// Memory O(nnz(A) + n + sum of supernode row counts).
/// </summary>
public sealed class SparseCholeskyAnalysis
{
    internal readonly int N;
    internal readonly int[] Perm;
    internal readonly PermutedLowerPattern Pattern;
    internal readonly int[] Start;
    internal readonly long[] RowPtr;
    internal readonly int[] Rows;
    internal readonly int[] SuperParent;
    internal readonly int[] SuperOf;
    internal readonly long[] LPtr;
    internal readonly long StackSize;
    internal readonly int MaxUpdate;
    internal readonly int MaxRows;
    internal readonly long[] UpdateAt;
    internal readonly long[] WorkAt;
    internal readonly int[] ChildPtr;
    internal readonly int[] Children;
    private readonly int[] _parent;
    private readonly long[] _counts;
    private readonly SparseFormat _format;
    private readonly long[] _ptr;
    private readonly int[] _idx;

    private SparseCholeskyAnalysis(int n, int[] perm, SparseOrdering used, PermutedLowerPattern pattern, int[] parent, long[] counts,
        int[] start, long[] rowPtr, int[] rows, int[] superParent, SparseFormat format, long[] ptr, int[] idx)
    {
        N = n; Perm = perm; Ordering = used; Pattern = pattern; _parent = parent; _counts = counts;
        Start = start; RowPtr = rowPtr; Rows = rows; SuperParent = superParent; _format = format; _ptr = ptr; _idx = idx;
        int ns = start.Length - 1;
        SuperOf = new int[n];
        for (int s = 0; s < ns; s++) SuperOf.AsSpan(start[s], start[s + 1] - start[s]).Fill(s);
        LPtr = new long[ns + 1];
        long nnz = 0;
        for (int j = 0; j < n; j++) nnz += counts[j];
        Nnz = nnz;
        // Update-matrix stack of the multifrontal LU (on the analysis of A + A^T), simulated in postorder: a supernode's update sits
        // above its children's until they are assembled, then moves down to where they began.
        UpdateAt = new long[ns];
        WorkAt = new long[ns];
        var childBase = new long[ns];
        Array.Fill(childBase, -1);
        long sp = 0, peak = 0;
        for (int s = 0; s < ns; s++)
        {
            int k = start[s + 1] - start[s];
            long m = rowPtr[s + 1] - rowPtr[s];
            MaxRows = (int)Math.Max(MaxRows, m);
            LPtr[s + 1] = LPtr[s] + m * k;
            long w = m - k;
            MaxUpdate = (int)Math.Max(MaxUpdate, w);
            peak = Math.Max(peak, sp + w * w);
            long b = childBase[s] >= 0 ? childBase[s] : sp;
            WorkAt[s] = sp;
            sp = b + w * w;
            UpdateAt[s] = b;
            int p = superParent[s];
            if (p != -1 && childBase[p] < 0) childBase[p] = b;
        }
        StackSize = peak;
        ChildPtr = new int[ns + 1];
        for (int s = 0; s < ns; s++) if (superParent[s] != -1) ChildPtr[superParent[s] + 1]++;
        for (int s = 0; s < ns; s++) ChildPtr[s + 1] += ChildPtr[s];
        Children = new int[ChildPtr[ns]];
        var fill = ChildPtr.AsSpan(0, ns).ToArray();
        for (int s = 0; s < ns; s++) if (superParent[s] != -1) Children[fill[superParent[s]]++] = s;
        if (LPtr[ns] > Array.MaxLength)
            ThrowHelper.TooLarge("sparse cholesky", new Shape([n, n]),
                $"the supernodal factor needs {LPtr[ns]} stored entries; one .NET array holds at most {Array.MaxLength}");
    }

    /// <summary>
    /// Analyzes the pattern of the n x n matrix <paramref name="a"/> (lower triangle read): the ordering
    /// (<paramref name="ordering"/>, or <paramref name="permutation"/> when given: perm[k] = the original index
    /// eliminated k-th), composed with the elimination tree's postorder, then the tree, column counts and supernodes.
    /// O(nnz(A) + nnz(L)) time beyond the ordering's own cost. With <see cref="SparseOrdering.Auto"/> on a large matrix,
    /// nested dissection is ordered on a second thread of <paramref name="parallelism"/> (default: all cores) while AMD
    /// runs and is counted.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not square.</exception>
    /// <exception cref="ArgumentException">permutation is not a permutation of 0..n-1.</exception>
    /// <exception cref="NotSupportedException">The ordering is not available.</exception>
    public static SparseCholeskyAnalysis Analyze<T>(SparseMatrix<T> a, SparseOrdering ordering = SparseOrdering.Auto,
        int[]? permutation = null, SparseCholeskyParams? parameters = null, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string op = "sparse cholesky analyze";
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns) ThrowHelper.ShapeMismatch(op, $"needs a square matrix, got {a.Rows} x {a.Columns}", a.Shape);
        if (a.Nnz > int.MaxValue) ThrowHelper.TooLarge(op, a.Shape, $"{a.Nnz} stored entries; at most {int.MaxValue} are supported");
        var p = parameters ?? SparseCholeskyParams.Default;
        int n = a.Rows;
        var (perm, used) = FillReducingOrder.Compute(op, a, ordering, symmetric: true, permutation, parallelism ?? Parallelism.Default);

        // Elimination tree of A[perm, perm], then relabel by its postorder (same fill, contiguous subtrees).
        var first = PermutedLowerPattern.Build(a, FillReducingOrder.Inverse(perm));
        var (rp0, ci0) = first.StrictRows(n);
        var parent0 = EliminationTree.Parents(n, rp0, ci0);
        var post = EliminationTree.Postorder(parent0);
        var postInv = FillReducingOrder.Inverse(post);
        var finalPerm = new int[n];
        var parent = new int[n];
        for (int k = 0; k < n; k++)
        {
            finalPerm[k] = perm[post[k]];
            int q = parent0[post[k]];
            parent[k] = q == -1 ? -1 : postInv[q];
        }
        var pattern = PermutedLowerPattern.Build(a, FillReducingOrder.Inverse(finalPerm));
        var (rp, ci) = pattern.StrictRows(n);
        var counts = EliminationTree.ColumnCounts(n, parent, rp, ci);
        var start = Supernodes.Partition(parent, counts, p);
        var (rowPtr, rows, superParent) = Supernodes.RowStructure(n, start, parent, pattern);
        return new SparseCholeskyAnalysis(n, finalPerm, used, pattern, parent, counts, start, rowPtr, rows, superParent,
            a.Format, a.Ptr.ToArray(), a.Idx.Span(0, (int)a.Nnz).ToArray());
    }

    /// <summary>The order n of the analyzed matrix.</summary>
    public int Order => N;

    /// <summary>The ordering that produced the permutation (Natural when the caller gave one).</summary>
    public SparseOrdering Ordering { get; }

    /// <summary>The permutation factored (a copy): perm[k] = the original index at position k, so L L^T = A[perm, perm]. It is the ordering's permutation followed by the elimination tree's postorder.</summary>
    public int[] Permutation => (int[])Perm.Clone();

    /// <summary>nnz(L), diagonal included: the exact count of the factor's structure (the supernodal storage may add explicit zeros, see <see cref="StoredEntries"/>).</summary>
    public long Nnz { get; }

    /// <summary>
    /// Values the supernodal factor allocates: each supernode's dense m x k block (m structure rows, k columns; its
    /// k x k diagonal block held whole, as CHOLMOD's xsize). At least <see cref="Nnz"/>: the difference is the upper
    /// halves of the diagonal blocks and the explicit zeros of relaxed amalgamation. Times sizeof(T): the factor's memory.
    /// </summary>
    public long StoredEntries => LPtr[^1];

    /// <summary>
    /// Entries of the update buffer each thread of the numeric factorization holds besides the factor (times
    /// sizeof(T)): one row chunk of the largest update a descendant sends to one ancestor supernode, at most about
    /// 2^18 entries unless an ancestor's columns are wider than 2^11. LDL^T adds a block of a descendant's rows scaled by D.
    /// </summary>
    public long UpdateBufferEntries => UpdateBuffers(LeftLookingBlocking.Default).Update;

    /// <summary>
    /// The per-thread buffers of the left-looking factorization: the largest update chunk (a descendant's rows from
    /// an ancestor's first column on, by its rows in that ancestor) and the largest block of a descendant's rows in one
    /// ancestor (LDL^T's rows scaled by D). O(sum of the supernodes' row counts).
    /// </summary>
    internal (long Update, long Scaled) UpdateBuffers(LeftLookingBlocking blocking)
    {
        long update = 0, scaled = 0;
        for (int d = 0; d < SupernodeCount; d++)
        {
            int kd = Start[d + 1] - Start[d];
            int md = (int)(RowPtr[d + 1] - RowPtr[d]);
            var rows = Rows.AsSpan((int)RowPtr[d], md);
            for (int p1 = kd; p1 < md;)
            {
                int end = Start[SuperOf[rows[p1]] + 1], p2 = p1;
                while (p2 < md && rows[p2] < end) p2++;
                int nrow1 = p2 - p1, nrow2 = md - p1;
                update = Math.Max(update, (long)blocking.ChunkRows(nrow1, nrow2) * nrow1);
                scaled = Math.Max(scaled, (long)nrow1 * kd);
                p1 = p2;
            }
        }
        return (update, scaled);
    }

    /// <summary>The number of supernodes.</summary>
    public int SupernodeCount => Start.Length - 1;

    /// <summary>First column (in the permuted numbering) of each supernode, then n (a copy, length <see cref="SupernodeCount"/> + 1).</summary>
    public int[] SupernodeStarts => (int[])Start.Clone();

    /// <summary>The elimination tree of A[perm, perm] (a copy): parent[j], -1 for roots; postordered, so parent[j] &gt; j.</summary>
    public int[] EliminationTreeParents => (int[])_parent.Clone();

    /// <summary>nnz of each column of L (diagonal included), in the permuted numbering (a copy).</summary>
    public long[] ColumnCounts => (long[])_counts.Clone();

    /// <summary>The row structure of supernode s (a copy): its own columns first, then the rows below in increasing order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">s is not a supernode index.</exception>
    public int[] SupernodeRows(int s)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(s);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(s, SupernodeCount);
        return Rows.AsSpan((int)RowPtr[s], (int)(RowPtr[s + 1] - RowPtr[s])).ToArray();
    }

    /// <summary>
    /// The numeric Cholesky factorization A[perm, perm] = L L^T of a symmetric positive definite <paramref name="a"/>
    /// with this analysis's pattern (lower triangle read). Left-looking supernodal: each supernode, a dense column
    /// block, takes its descendants' updates (GEMM) and is factored by the dense kernels (Cholesky, TRSM) on up to
    /// <paramref name="parallelism"/> threads. Memory: the factor (<see cref="StoredEntries"/>) plus one update buffer
    /// per thread (<see cref="UpdateBufferEntries"/>).
    /// </summary>
    /// <exception cref="ArgumentException">a's pattern differs from the analyzed one.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="NotPositiveDefiniteException">
    /// A is not positive definite; the message names the column (original numbering) whose pivot failed, and
    /// MinorOrder is a leading minor of A[perm, perm] that is not positive definite (with threads, the first failure
    /// found, not necessarily the smallest such order).
    /// </exception>
    public SparseCholesky<T> Factor<T>(SparseMatrix<T> a, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
        => FactorBlocked(a, parallelism ?? Parallelism.Default, LeftLookingBlocking.Default);

    /// <summary><see cref="Factor{T}(SparseMatrix{T}, Parallelism?)"/> with the updates cut by <paramref name="blocking"/> (tests).</summary>
    internal SparseCholesky<T> FactorBlocked<T>(SparseMatrix<T> a, Parallelism parallelism, LeftLookingBlocking blocking) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var f = new SupernodalFactor<T>(this, ldl: false, blocking);
        f.Run("sparse cholesky", a, parallelism);
        return new SparseCholesky<T>(f);
    }

    /// <summary>
    /// The numeric LDL^T factorization A[perm, perm] = L D L^T (L unit lower triangular, D diagonal) without pivoting,
    /// for symmetric quasi-definite matrices such as the KKT matrix [[H, A^T], [A, -delta I]] (any ordering works for
    /// those: Vanderbei). Same structure and cost as <see cref="Factor{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">a's pattern differs from the analyzed one.</exception>
    /// <exception cref="NonFiniteException">The lower triangle holds NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">A zero pivot; the message names the column (original numbering).</exception>
    public SparseLdl<T> FactorLdl<T>(SparseMatrix<T> a, Parallelism? parallelism = null) where T : unmanaged, IFloatingPointIeee754<T>
        => FactorLdlBlocked(a, parallelism ?? Parallelism.Default, LeftLookingBlocking.Default);

    /// <summary><see cref="FactorLdl{T}(SparseMatrix{T}, Parallelism?)"/> with the updates cut by <paramref name="blocking"/> (tests).</summary>
    internal SparseLdl<T> FactorLdlBlocked<T>(SparseMatrix<T> a, Parallelism parallelism, LeftLookingBlocking blocking) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var f = new SupernodalFactor<T>(this, ldl: true, blocking);
        f.Run("sparse ldl", a, parallelism);
        return new SparseLdl<T>(f);
    }

    /// <summary>Checks that <paramref name="a"/> has the analyzed pattern (same format, shape, pointers and indices).</summary>
    internal void RequireSamePattern<T>(string op, SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        bool same = a.Rows == N && a.Columns == N && a.Format == _format && a.Nnz == _idx.Length
            && a.Ptr.AsSpan().SequenceEqual(_ptr) && a.Idx.Span(0, _idx.Length).SequenceEqual(_idx);
        if (!same)
            ThrowHelper.Argument(op, nameof(a), $"the {a.Rows} x {a.Columns} {a.Format} matrix with {a.Nnz} entries does not have the analyzed pattern ({N} x {N} {_format}, {_idx.Length} entries); analyze it anew");
    }
}
