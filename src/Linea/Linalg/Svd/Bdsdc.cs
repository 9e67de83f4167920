using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// Singular values and vectors of an n x n upper bidiagonal matrix by divide and conquer (the method of LAPACK's
/// bdsdc / lasd0-lasd4, Gu and Eisenstat's recomputed weights for orthogonal vectors).
/// <para>B is split at a middle row k into an upper block B1 (k x (k + 1), one column more than rows), the row k
/// (alpha at column k, beta at column k + 1) and a lower block B2. With the blocks' SVDs B1 = U1 [S1 0] V1^T and
/// B2 = U2 [S2 0] V2^T, diag(U1, 1, U2)^T B diag(V1, V2) is zero but for the diagonals S1, S2 and one dense row
/// z = (alpha V1[k, :], beta V2[0, :]): the matrix M = [z; 0 D] with D = diag(0, S1, S2). Its singular values are the
/// roots of 1 + sum_j z_j^2 / (d_j^2 - sigma^2) = 0 (<see cref="SecularEquation"/>), its right vectors
/// v_i ~ (z_j / (d_j^2 - sigma_i^2))_j and left vectors u_i ~ (-1, d_j z_j / (d_j^2 - sigma_i^2))_j; the weights z are
/// recomputed from the roots so that the vectors are numerically orthogonal. Small weights and nearly equal d_j
/// deflate first (their vectors are known). Merging multiplies the blocks' vectors by the small ones through four
/// GEMMs, at most about 8 n^3 / 3 flops in all, fewer with deflation; subproblems up to <see cref="LeafSize"/> rows
/// are solved by the implicit QR iteration (<see cref="Bdsqr"/>).</para>
/// <para>Accuracy: singular values to O(n eps ||B||) absolute (not the high relative accuracy of <see cref="Bdsqr"/> for
/// tiny ones), U and V orthogonal to O(n eps); as LAPACK's bdsdc.</para>
/// </summary>
internal static partial class Bdsdc
{
    /// <summary>Subproblems of at most this many rows are solved by the QR iteration (LAPACK's smlsiz is 25).</summary>
    public const int LeafSize = 32;

    /// <summary>
    /// B = U diag(d) V^T for the bidiagonal (d, e) (n and n - 1 entries): on return d holds the singular values
    /// (non-negative, unordered), U and V (n x n column-contiguous views, any leading dimension, overwritten) the
    /// matching singular vectors. e is destroyed. U and V are pinned for the whole solve (the two halves of a split
    /// run on two threads).
    /// </summary>
    /// <remarks>work (at least <see cref="WorkspaceSize"/>(n) elements) and iwork (at least <see cref="IntWorkspaceSize"/>(n)
    /// ints) are overwritten: every merge takes its arrays from them, so no merge allocates an array.</remarks>
    /// <returns>false when a leaf's QR iteration did not converge (the caller throws).</returns>
    /// <exception cref="InvalidOperationException">(Linea's own check) the workspace is smaller than the sizes say.</exception>
    public static unsafe bool Solve<T>(Span<T> d, Span<T> e, in MatrixView<T> u, in MatrixView<T> v, Parallelism parallelism, T[] work, int[] iwork, int leafSize = LeafSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = checked((int)u.Rows);
        if (n == 0) return true;
        System.Diagnostics.Debug.Assert(u.ColumnContiguous && v.ColumnContiguous && u.Cols == n && v.Rows == n && v.Cols == n);
        for (int j = 0; j < n; j++)
        {
            u.Column(j).Clear();
            v.Column(j).Clear();
        }
        var ws = new Workspace<T>(n, work, iwork, Math.Max(leafSize, 2));
        var dArr = ws.D;
        var eArr = ws.E;
        d.Slice(0, n).CopyTo(dArr);
        e.Slice(0, n - 1).CopyTo(eArr);
        bool ok;
        fixed (T* pu = &u.Origin, pv = &v.Origin)
            ok = new Context<T>(dArr, eArr, u.At(pu), v.At(pv), ws).Node(0, n, 0, parallelism);
        ((Span<T>)dArr).CopyTo(d);
        return ok;
    }

    /// <summary>Elements of T that <see cref="Solve{T}"/> needs for order n: d and e copies, ten pole-length arrays, the
    /// merge matrices UM (n^2) and VM ((n + 1)^2), and one (n + 1)^2 area shared in turn by the root differences and
    /// the two GEMM outputs. About 3 n^2.</summary>
    public static long WorkspaceSize(int n) => n == 0 ? 0 : 12L * n + (long)n * n + 2L * (n + 1) * (n + 1);

    /// <summary>Ints that <see cref="Solve{T}"/> needs for order n: the poles' U and V coordinates and their sort order.</summary>
    public static int IntWorkspaceSize(int n) => 3 * n;

    /// <summary>
    /// The workspace carved into the arrays of one merge (reused by every merge, which run one after another) and
    /// of one leaf (taken from the merge matrices' areas, never in use at the same time). Each slice is checked
    /// against the buffer, so an algorithm that needs more than <see cref="WorkspaceSize"/> fails loudly.
    /// </summary>
    internal sealed class Workspace<T> where T : unmanaged
    {
        public readonly ArraySegment<T> D, E, Dv, Zv, Keys, Delta, Zeta, Sigma, Zz, Zhat, T1, T2, Um, Vm, Shared;
        public readonly ArraySegment<int> Uc, Vc, Order;

        /// <summary>A leaf's U and V (at most LeafSize and LeafSize + 1 square), for the QR iteration, which takes whole
        /// arrays: allocated once per solve, not per leaf.</summary>
        public readonly T[] LeafU, LeafV;

        /// <summary>Subproblems of at most this many rows are leaves.</summary>
        public readonly int LeafSize;

        /// <summary>How many elements of T the slices cover (what the algorithm uses; tests compare it with WorkspaceSize).</summary>
        public long Used { get; }

        public Workspace(int n, T[] work, int[] iwork, int leafSize = Bdsdc.LeafSize)
        {
            LeafSize = leafSize;
            LeafU = new T[leafSize * leafSize];
            LeafV = new T[(leafSize + 1) * (leafSize + 1)];
            var carver = new WorkspaceCarver<T>(work, "bdsdc", n);
            D = carver.Take(n); E = carver.Take(n); Dv = carver.Take(n); Zv = carver.Take(n); Keys = carver.Take(n); Delta = carver.Take(n); Zeta = carver.Take(n);
            Sigma = carver.Take(n); Zz = carver.Take(n); Zhat = carver.Take(n); T1 = carver.Take(n); T2 = carver.Take(n);
            Um = carver.Take((long)n * n); Vm = carver.Take((long)(n + 1) * (n + 1)); Shared = carver.Take((long)(n + 1) * (n + 1));
            Used = carver.Used;
            if (iwork.Length < 3 * n)
                throw new InvalidOperationException($"internal: bdsdc of order {n} needs {3 * n} integer workspace entries, got {iwork.Length}");
            Uc = new ArraySegment<int>(iwork, 0, n); Vc = new ArraySegment<int>(iwork, n, n); Order = new ArraySegment<int>(iwork, 2 * n, n);
        }
    }

    /// <summary>The problem: d, e (e[i] at row i, column i + 1), and the pinned U and V (n x n, column-contiguous).</summary>
    private sealed class Context<T>(ArraySegment<T> d, ArraySegment<T> e, MatrixAddress<T> u, MatrixAddress<T> v, Workspace<T> ws) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The same problem with another workspace (for a subtree solved on another thread).</summary>
        public Context<T> With(Workspace<T> other) => new(d, e, u, v, other);

        /// <summary>This context's workspace.</summary>
        public Workspace<T> Work => ws;

        /// <summary>
        /// Solves the block of rows lo..lo+rows-1 and columns lo..lo+rows-1+sqre: d receives its singular values, the
        /// diagonal blocks of U (rows x rows) and V ((rows + sqre) square) at (lo, lo) its vectors; with sqre = 1 the
        /// last column of the V block spans B's null space.
        /// </summary>
        public bool Node(int lo, int rows, int sqre, Parallelism parallelism)
        {
            parallelism.ThrowIfCancelled();
            if (rows <= ws.LeafSize) return Leaf(lo, rows, sqre, parallelism);
            int k = rows / 2;
            if (parallelism.Count > 1 && rows >= ParallelHalvesMin)
            {
                if (!BothHalves(this, lo, k, rows - k - 1, sqre, parallelism)) return false;
            }
            else
            {
                if (!Node(lo, k, 1, parallelism)) return false;
                if (!Node(lo + k + 1, rows - k - 1, sqre, parallelism)) return false;
            }
            Merge(lo, rows, sqre, k, parallelism);
            return true;
        }

        [MethodImpl(HotCode.Options)]
        private bool Leaf(int lo, int rows, int sqre, Parallelism parallelism)
        {
            int m = rows + sqre;
            var ul = ws.LeafU;
            var vl = ws.LeafV;
            ul.AsSpan(0, rows * rows).Clear();
            vl.AsSpan(0, m * m).Clear();
            for (int i = 0; i < rows; i++) ul[i + i * rows] = T.One;
            for (int i = 0; i < m; i++) vl[i + i * m] = T.One;
            Span<T> dl = d.Slice(lo, rows);
            var el = ws.Keys.Slice(0, Math.Max(rows - 1, 0));
            e.Slice(lo, Math.Max(rows - 1, 0)).CopyTo(el);
            if (sqre == 1)
            {
                // Chase the extra column's entry f up to row 0 with right rotations of columns (i, rows): B G = [B' 0].
                T f = e[lo + rows - 1];
                for (int i = rows - 1; i >= 0 && f != T.Zero; i--)
                {
                    T r = Givens.Hypot(dl[i], f);
                    T c = dl[i] / r, s = f / r;
                    dl[i] = r;
                    for (int row = 0; row < m; row++)
                    {
                        T a = vl[row + i * m], b = vl[row + rows * m];
                        vl[row + i * m] = c * a + s * b;
                        vl[row + rows * m] = c * b - s * a;
                    }
                    if (i > 0)
                    {
                        f = -s * el[i - 1];
                        el[i - 1] = c * el[i - 1];
                    }
                }
            }
            if (!Bdsqr.Solve<T>(rows, dl, el, MatrixView<T>.ColumnMajor(ul, 0, rows, rows, rows), MatrixView<T>.ColumnMajor(vl, 0, m, rows, m), parallelism)) return false;
            var uv = u.View;
            var vv = v.View;
            for (int j = 0; j < rows; j++) ul.AsSpan(j * rows, rows).CopyTo(uv.Column(lo + j, lo, rows));
            for (int j = 0; j < m; j++) vl.AsSpan(j * m, m).CopyTo(vv.Column(lo + j, lo, m));
            return true;
        }

        /// <summary>Merges the solved children of the node (lo, rows, sqre) split at its row k.</summary>
        [MethodImpl(HotCode.Options)]
        private void Merge(int lo, int rows, int sqre, int k, Parallelism parallelism)
        {
            int m = rows + sqre, nr = rows - k - 1, mr = nr + sqre;
            T eps = MachineConstants<T>.UnitRoundoff;
            T alpha = d[lo + k], beta = e[lo + k];
            var uv = u.View;
            var vv = v.View;
            // Scale to 1 (squares of the poles must not overflow or underflow).
            T orgnrm = T.Max(T.Abs(alpha), T.Abs(beta));
            for (int i = 0; i < rows; i++) if (i != k) orgnrm = T.Max(orgnrm, T.Abs(d[lo + i]));
            if (orgnrm == T.Zero) orgnrm = T.One;
            alpha /= orgnrm;
            beta /= orgnrm;

            // Poles 1..rows-1 (the children's singular values) with their U and V coordinates (node-local) and weights.
            int np = rows;                     // pole 0 is the zero pole
            var dv = ws.Dv.Slice(0, np);
            var zv = ws.Zv.Slice(0, np);
            var uc = ws.Uc.Slice(0, np);
            var vc = ws.Vc.Slice(0, np);
            int p = 1;
            for (int j = 0; j < k; j++, p++)
            {
                dv[p] = d[lo + j] / orgnrm;
                zv[p] = alpha * vv[lo + k, lo + j];
                uc[p] = j; vc[p] = j;
            }
            for (int j = 0; j < nr; j++, p++)
            {
                dv[p] = d[lo + k + 1 + j] / orgnrm;
                zv[p] = beta * vv[lo + k + 1, lo + k + 1 + j];
                uc[p] = k + 1 + j; vc[p] = k + 1 + j;
            }
            // The zero pole: V1's null column (rotated with V2's when sqre = 1), U's middle row.
            T z0a = alpha * vv[lo + k, lo + k];
            T z0b = sqre == 1 ? beta * vv[lo + k + 1, lo + k + 1 + nr] : T.Zero;

            // Sort poles 1.. ascending.
            var order = ws.Order.Slice(0, np - 1);
            for (int i = 0; i < order.Count; i++) order[i] = i + 1;
            var keys = ws.Keys.Slice(0, np - 1);
            dv.Slice(1).AsSpan().CopyTo(keys);
            KeyedSort.Sort(keys.AsSpan(), order.AsSpan());

            T dmax = keys.Count > 0 ? keys[^1] : T.Zero;
            T tol = T.CreateTruncating(8) * eps * T.Max(dmax, T.Max(T.Abs(alpha), T.Abs(beta)));
            // Deflation: small weights, then close poles rotated so that one weight vanishes.
            var kept = new List<int>(np) { 0 };
            var deflated = new List<int>(np);
            var rotations = new DeflationRotations<T>();
            // Close poles: c e_prev - s e_j (weight 0, deflated at d_prev) and s e_prev + c e_j (weight tau).
            rotations.Deflate(order, zv, j => T.Abs(zv[j]) <= tol, (p, j, c, s) => dv[j] - dv[p] <= tol, kept, deflated);

            // The zero pole's weight, never deflated (as lasd2: at least tol), and a first pole kept clear of zero.
            T z0, c0 = T.One, s0 = T.Zero;
            if (sqre == 0) z0 = T.Abs(z0a) <= tol ? tol : z0a;
            else
            {
                z0 = Givens.Hypot(z0a, z0b);
                if (z0 <= tol) z0 = tol;
                else { c0 = z0a / z0; s0 = z0b / z0; }
            }
            zv[0] = z0;
            dv[0] = T.Zero;
            T halfTol = tol / T.CreateTruncating(2);
            if (kept.Count > 1 && dv[kept[1]] <= halfTol) dv[kept[1]] = halfTol;

            int kk = kept.Count;
            // Deflated poles that no rotation touched keep unit singular vectors: their columns of the new U and V are
            // columns of diag(U1, 1, U2) and diag(V1, V2) as they are, copied instead of multiplied. The rotated ones
            // go first, with the secular columns, into the GEMMs.
            deflated = rotations.TouchedFirst(deflated, np, out int touched);
            int dense = kk + touched;
            var delta = ws.Delta.Slice(0, kk);
            var zeta = ws.Zeta.Slice(0, kk);
            for (int i = 0; i < kk; i++) { delta[i] = dv[kept[i]]; zeta[i] = zv[kept[i]]; }
            var sigma = ws.Sigma.Slice(0, kk);
            var diff = ws.Shared.Slice(0, kk * kk); // diff[j + i kk] = delta_j^2 - sigma_i^2
            var zz = ws.Zz.Slice(0, kk);            // the squared weights, shared by every root
            TensorPrimitives.Multiply<T>(zeta, zeta, zz);
            SecularEquation.ForRanges(kk, parallelism, (i0, i1) =>
            {
                for (int i = i0; i < i1; i++)
                {
                    SecularEquation.Root(i, kk, delta, zz, T.One, eps, diff.AsSpan(i * kk, kk), squared: true, out T root);
                    sigma[i] = root;
                }
            });
            // Gu-Eisenstat: the weights for which the computed roots are exact,
            // zhat_j^2 = prod_i (sigma_i^2 - d_j^2) / prod_(i != j) (d_i^2 - d_j^2), accumulated root by root over all j.
            Span<T> zhat = ws.Zhat.Slice(0, kk);
            Span<T> t1 = ws.T1.Slice(0, kk);
            Span<T> t2 = ws.T2.Slice(0, kk);
            for (int j = 0; j < kk; j++) zhat[j] = -diff[j + j * kk];
            for (int i = 0; i < kk; i++)
            {
                var col = diff.AsSpan(i * kk, kk);
                TensorPrimitives.Subtract(delta, delta[i], t1);
                TensorPrimitives.Add(delta, delta[i], t2);
                TensorPrimitives.Multiply(t1, t2, t1);
                TensorPrimitives.Divide(col, t1, t1);
                t1[i] = T.One;
                TensorPrimitives.Multiply(zhat, t1, zhat);
            }
            for (int j = 0; j < kk; j++) zhat[j] = T.CopySign(T.Sqrt(T.Abs(zhat[j])), zeta[j]);
            var zhatSeg = ws.Zhat.Slice(0, kk);

            // UM (rows x rows) and VM (m x m), node-local coordinates; the zero pole's V coordinate is row k before
            // the sqre rotation below.
            var um = ws.Um.Slice(0, rows * rows);
            var vm = ws.Vm.Slice(0, m * m);
            um.AsSpan().Clear();
            vm.AsSpan().Clear();
            SecularEquation.ForRanges(kk, parallelism, (i0, i1) =>
            {
                Span<T> vt = kk <= 4096 ? stackalloc T[kk] : new T[kk];
                Span<T> ut = kk <= 4096 ? stackalloc T[kk] : new T[kk];
                for (int i = i0; i < i1; i++)
                {
                    // v_j = zhat_j / (d_j^2 - sigma_i^2) and u = (-1, d_j v_j), each normalised with its largest entry
                    // divided out first (a root within a few ulps of a pole makes v_j overflow when squared).
                    TensorPrimitives.Divide(zhatSeg, diff.AsSpan(i * kk, kk), vt);
                    TensorPrimitives.Multiply(delta, vt, ut);
                    ut[0] = -T.One;
                    T vmax = MaxAbs.Of<T>(vt), umax = MaxAbs.Of<T>(ut);
                    TensorPrimitives.Divide(vt, vmax, vt);
                    TensorPrimitives.Divide(ut, umax, ut);
                    T vnorm = TensorPrimitives.Norm<T>(vt), unorm = TensorPrimitives.Norm<T>(ut);
                    TensorPrimitives.Divide(vt, vnorm, vt);
                    TensorPrimitives.Divide(ut, unorm, ut);
                    um[k + i * rows] = ut[0];
                    vm[k + i * m] = vt[0];
                    for (int j = 1; j < kk; j++)
                    {
                        int pole = kept[j];
                        vm[vc[pole] + i * m] = vt[j];
                        um[uc[pole] + i * rows] = ut[j];
                    }
                    d[lo + i] = sigma[i] * orgnrm;
                }
            });
            for (int t = 0; t < deflated.Count; t++)
            {
                int pole = deflated[t], col = kk + t;
                um[uc[pole] + col * rows] = T.One;
                vm[vc[pole] + col * m] = T.One;
                d[lo + col] = dv[pole] * orgnrm;
            }
            // Undo the close-pole rotations (reverse order) on the rows of UM and VM.
            rotations.UndoOnRows(MatrixView<T>.ColumnMajor(um.Array!, um.Offset, rows, rows, rows), uc.AsSpan());
            rotations.UndoOnRows(MatrixView<T>.ColumnMajor(vm.Array!, vm.Offset, m, m, m), vc.AsSpan());
            if (sqre == 1)
            {
                // Row k held the zero pole's coordinate w0 = c0 e_k + s0 e_{m-1}; the node's null vector is -s0 e_k + c0 e_{m-1}.
                for (int col = 0; col < rows; col++)
                {
                    T x = vm[k + col * m];
                    vm[k + col * m] = c0 * x;
                    vm[(m - 1) + col * m] = s0 * x;
                }
                vm[k + (m - 1) * m] = -s0;
                vm[(m - 1) + (m - 1) * m] = c0;
            }

            // U_node = diag(U1, 1, U2) UM and V_node = diag(V1, V2) VM: GEMMs on the diagonal blocks for the dense
            // columns (and V's null column), copies of block columns for the unit ones.
            // The differences are dead from here: their area holds the GEMM outputs, U's then V's.
            var outU = ws.Shared.Slice(0, rows * rows);
            T[] um0 = um.Array!, ou0 = outU.Array!;
            int umo = um.Offset, ouo = outU.Offset;
            var un = uv.Block(lo, lo, rows, rows);   // the node's diagonal blocks of U and V
            var vn = vv.Block(lo, lo, m, m);
            Gemm.Multiply(T.One, un.Block(0, 0, k, k), MatrixView<T>.ColumnMajor(um0, umo, k, dense, rows), T.Zero,
                MatrixView<T>.ColumnMajor(ou0, ouo, k, dense, rows), parallelism);
            for (int col = 0; col < dense; col++) outU[k + col * rows] = um[k + col * rows];
            Gemm.Multiply(T.One, un.Block(k + 1, k + 1, nr, nr), MatrixView<T>.ColumnMajor(um0, umo + k + 1, nr, dense, rows), T.Zero,
                MatrixView<T>.ColumnMajor(ou0, ouo + k + 1, nr, dense, rows), parallelism);
            for (int col = dense; col < rows; col++)
                un.Column(uc[deflated[col - kk]], 0, rows).CopyTo(outU.AsSpan(col * rows, rows));
            for (int col = 0; col < rows; col++) outU.AsSpan(col * rows, rows).CopyTo(un.Column(col, 0, rows));
            var outV = ws.Shared.Slice(0, m * m);
            VProduct(k, mr, m, 0, dense, vn, vm, outV, parallelism);
            if (sqre == 1) VProduct(k, mr, m, m - 1, 1, vn, vm, outV, parallelism);
            for (int col = dense; col < rows; col++)
                vn.Column(vc[deflated[col - kk]], 0, m).CopyTo(outV.AsSpan(col * m, m));
            for (int col = 0; col < m; col++) outV.AsSpan(col * m, m).CopyTo(vn.Column(col, 0, m));
        }

        /// <summary>Columns first..first+count-1 of diag(V1, V2) VM (V1 of order k + 1, V2 of order mr) into outV (ld m).</summary>
        private static void VProduct(int k, int mr, int m, int first, int count, in MatrixView<T> vn, ArraySegment<T> vm, ArraySegment<T> outV, Parallelism parallelism)
        {
            T[] vm0 = vm.Array!, ov0 = outV.Array!;
            int vmo = vm.Offset, ovo = outV.Offset;
            Gemm.Multiply(T.One, vn.Block(0, 0, k + 1, k + 1), MatrixView<T>.ColumnMajor(vm0, vmo + first * m, k + 1, count, m), T.Zero,
                MatrixView<T>.ColumnMajor(ov0, ovo + first * m, k + 1, count, m), parallelism);
            Gemm.Multiply(T.One, vn.Block(k + 1, k + 1, mr, mr), MatrixView<T>.ColumnMajor(vm0, vmo + k + 1 + first * m, mr, count, m), T.Zero,
                MatrixView<T>.ColumnMajor(ov0, ovo + k + 1 + first * m, mr, count, m), parallelism);
        }
    }
}
