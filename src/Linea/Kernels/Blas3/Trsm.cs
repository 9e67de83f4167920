using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels.Threading;

namespace Linea.Kernels.Blas3;

/// <summary>Which side of the unknown the triangular matrix stands on: op(A) X = B (left) or X op(A) = B (right).</summary>
internal enum Side { Left, Right }

/// <summary>
/// Triangular solve with many right-hand sides (BLAS trsm): op(A) X = alpha B or X op(A) = alpha B, X overwriting B,
/// A lower or upper triangular (only that triangle is read), unit or non-unit diagonal, op(A) = A or A^T.
/// Transposes and right-side solves are turned into left solves by swapping strides (no copies). The left solve is
/// recursive: split A in halves, solve the first, update the rest of B with one GEMM through
/// <see cref="Gemm.Gemm"/>, solve the second; below <see cref="BaseSize"/> rows it substitutes directly.
/// Cost m^2 n flops (left, B m x n), nearly all of it in GEMM for large m. Nothing is allocated except a
/// pooled column buffer for a strided narrow right-hand side.
/// </summary>
internal static class Trsm
{
    /// <summary>Order below which the solve substitutes directly: the diagonal blocks are then a small part of the flops.</summary>
    public const int BaseSize = 32;

    /// <summary>At most this many right-hand sides are solved column by column (a dot or axpy per row, memory-bound anyway).</summary>
    private const int NarrowRhs = 4;

    /// <summary>With more than one thread, each thread's block of right-hand sides has at least this many.</summary>
    private const int ParallelMinRhs = 32;

    /// <summary>With more than one thread, solves of at least this many multiply-adds (order^2 x rhs) split their right-hand sides.</summary>
    private const long ParallelWork = 96L * 96 * 96;

    /// <summary>
    /// Solves op(A) X = alpha B (left) or X op(A) = alpha B (right) in place on <paramref name="b"/>. A is square (m x m
    /// for a left solve of an m x n B, n x n for a right one), both views of any strides; only A's named triangle is
    /// read (and not its diagonal when <paramref name="unitDiagonal"/>). A and B must not overlap. Splits the
    /// right-hand sides across up to <paramref name="parallelism"/> threads when the solve is large enough.
    /// </summary>
    public static void Solve<T>(Side side, bool lower, bool transpose, bool unitDiagonal, T alpha,
        MatrixView<T> a, MatrixView<T> b, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (transpose) { a = a.Transposed; lower = !lower; }
        if (!b.RowContiguous && b.RowStride == 1)
        {
            // Column-major B: solve the transposed problem (A X = B <=> X^T A^T = B^T), whose B is row-major, so the
            // GEMM updates write contiguous rows and the substitutions run on spans.
            a = a.Transposed; lower = !lower; b = b.Transposed;
            side = side == Side.Left ? Side.Right : Side.Left;
        }
        if (b.Rows == 0 || b.Cols == 0) return;
        if (alpha != T.One) Scale(b, alpha);
        int threads = parallelism.Count;
        if (threads > 1)
        {
            // Large solves split their right-hand sides into one independent block per thread.
            int order = (int)a.Rows, rhs = (int)(side == Side.Left ? b.Cols : b.Rows);
            int parts = Math.Min(threads, rhs / ParallelMinRhs);
            if (parts > 1 && (long)order * order * rhs >= ParallelWork)
            {
                SolveSplit(side, lower, unitDiagonal, a, b, parts, rhs, parallelism);
                return;
            }
        }
        if (side == Side.Left)
        {
            System.Diagnostics.Debug.Assert(a.Rows == a.Cols && a.Rows == b.Rows);
            Left(lower, unitDiagonal, a, b, parallelism);
        }
        else
        {
            System.Diagnostics.Debug.Assert(a.Rows == a.Cols && a.Rows == b.Cols);
            Right(lower, unitDiagonal, a, b, parallelism);
        }
    }

    /// <summary>
    /// Splits the right-hand sides across threads (B's columns for a left solve, its rows for a right solve): every block
    /// is an independent solve with the same A, run single-threaded with no barriers in between, instead of many mid-sized
    /// parallel GEMMs and sequential substitutions. The views are pinned for the workers (a lambda cannot capture a ref
    /// struct); each rebuilds them.
    /// </summary>
    private static unsafe void SolveSplit<T>(Side side, bool lower, bool unit, in MatrixView<T> a, in MatrixView<T> b, int parts, int rhs,
        Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = &a.Origin, pb = &b.Origin)
        {
            var (aa, bb) = (a.At(pa), b.At(pb));
            SplitJob.Run(parts, (tid, nt) =>
            {
                int r0 = SplitJob.Bound(tid, nt, rhs, 16), r1 = SplitJob.Bound(tid + 1, nt, rhs, 16);
                if (r1 <= r0) return;
                MatrixView<T> av = aa.View, bv = bb.View;
                if (side == Side.Left) Left(lower, unit, av, bv.Block(0, r0, bv.Rows, r1 - r0), parallelism);
                else Right(lower, unit, av, bv.Block(r0, 0, r1 - r0, bv.Cols), parallelism);
            });
        }
    }

    /// <summary>
    /// X A = B, recursively on A's order (B's columns): for lower A, X2 = B2 A22^-1, B1 -= X2 A21, X1 = B1 A11^-1;
    /// for upper A, X1 = B1 A11^-1, B2 -= X1 A12, X2 = B2 A22^-1. The GEMM updates write row-major blocks of B.
    /// </summary>
    private static void Right<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows;
        if (n <= BaseSize || b.Rows <= NarrowRhs) { RightBase(lower, unit, a, b); return; }
        int n1 = Split(n), n2 = n - n1;
        long m = b.Rows;
        var a11 = a.Block(0, 0, n1, n1);
        var a22 = a.Block(n1, n1, n2, n2);
        var b1 = b.Block(0, 0, m, n1);
        var b2 = b.Block(0, n1, m, n2);
        if (lower)
        {
            Right(true, unit, a22, b2, parallelism);
            Gemm.Gemm.Multiply(-T.One, b2, a.Block(n1, 0, n2, n1), T.One, b1, parallelism);
            Right(true, unit, a11, b1, parallelism);
        }
        else
        {
            Right(false, unit, a11, b1, parallelism);
            Gemm.Gemm.Multiply(-T.One, b1, a.Block(0, n1, n1, n2), T.One, b2, parallelism);
            Right(false, unit, a22, b2, parallelism);
        }
    }

    /// <summary>Row by row: x A = b is A^T x^T = b^T, a vector substitution with the transpose (upper for lower A).</summary>
    private static void RightBase<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Rows >= 8 && TrsmRightKernel.Supported<T>()) { TrsmRightKernel.Solve(lower, unit, a, b); return; }
        var at = a.Transposed;
        if (b.RowContiguous && (at.ColStride == 1 || at.RowStride == 1))
        {
            for (long i = 0; i < b.Rows; i++) SolveVector(!lower, unit, at, b.Row(i));
            return;
        }
        Narrow(!lower, unit, at, b.Transposed);
    }

    private static void Scale<T>(MatrixView<T> b, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (long i = 0; i < b.Rows; i++)
        {
            if (b.RowContiguous) { var r = b.Row(i); TensorPrimitives.Multiply(r, alpha, r); }
            else for (long j = 0; j < b.Cols; j++) b[i, j] *= alpha;
        }
    }

    private static void Left<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b, Parallelism parallelism) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows;
        if (b.Cols <= NarrowRhs) { Narrow(lower, unit, a, b); return; }
        if (m <= BaseSize) { Base(lower, unit, a, b); return; }
        int m1 = Split(m), m2 = m - m1;
        long n = b.Cols;
        var a11 = a.Block(0, 0, m1, m1);
        var a22 = a.Block(m1, m1, m2, m2);
        var b1 = b.Block(0, 0, m1, n);
        var b2 = b.Block(m1, 0, m2, n);
        if (lower)
        {
            Left(true, unit, a11, b1, parallelism);
            Gemm.Gemm.Multiply(-T.One, a.Block(m1, 0, m2, m1), b1, T.One, b2, parallelism);
            Left(true, unit, a22, b2, parallelism);
        }
        else
        {
            Left(false, unit, a22, b2, parallelism);
            Gemm.Gemm.Multiply(-T.One, a.Block(0, m1, m1, m2), b2, T.One, b1, parallelism);
            Left(false, unit, a11, b1, parallelism);
        }
    }

    /// <summary>Split point of a recursion: half, rounded to a multiple of 16 once blocks are large (aligned GEMM panels).</summary>
    internal static int Split(int m) => m >= 64 ? (m / 2 + 8) / 16 * 16 : m / 2;

    /// <summary>Direct substitution, row by row (B's rows contiguous: axpy on rows) or element-wise for strided B.</summary>
    private static void Base<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows;
        long n = b.Cols;
        if (b.RowContiguous)
        {
            for (int s = 0; s < m; s++)
            {
                int i = lower ? s : m - 1 - s;
                var bi = b.Row(i);
                int k0 = lower ? 0 : i + 1, k1 = lower ? i : m;
                for (int k = k0; k < k1; k++)
                {
                    T aik = a[i, k];
                    if (aik != T.Zero) TensorPrimitives.MultiplyAdd(b.Row(k), -aik, bi, bi);
                }
                if (!unit) TensorPrimitives.Divide(bi, a[i, i], bi);
            }
            return;
        }
        if (b.RowStride == 1 && (a.ColStride == 1 || a.RowStride == 1))
        {
            // Columns of B contiguous: solve each in place.
            for (long j = 0; j < n; j++) SolveVector(lower, unit, a, b.Column(j, 0, m));
            return;
        }
        for (long j = 0; j < n; j++) SubstituteStrided(lower, unit, a, b, j);
    }

    private static void SolveVector<T>(bool lower, bool unit, MatrixView<T> a, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.ColStride == 1) VectorByRows(lower, unit, a, x);
        else VectorByColumns(lower, unit, a, x);
    }

    /// <summary>One column j of B, strided: x_i = (b_i - sum a_ik x_k) / a_ii.</summary>
    private static void SubstituteStrided<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b, long j) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows;
        for (int s = 0; s < m; s++)
        {
            int i = lower ? s : m - 1 - s;
            int k0 = lower ? 0 : i + 1, k1 = lower ? i : m;
            T sum = b[i, j];
            for (int k = k0; k < k1; k++) sum -= a[i, k] * b[k, j];
            b[i, j] = unit ? sum : sum / a[i, i];
        }
    }

    /// <summary>
    /// Few right-hand sides: each column is gathered into a contiguous buffer and solved there with dot products over
    /// A's rows (A row-contiguous) or axpys over A's columns (A column-contiguous), then scattered back.
    /// </summary>
    private static void Narrow<T>(bool lower, bool unit, MatrixView<T> a, MatrixView<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows;
        bool rowOriented = a.ColStride == 1, colOriented = a.RowStride == 1 && !rowOriented;
        if (!rowOriented && !colOriented)
        {
            for (long j = 0; j < b.Cols; j++) SubstituteStrided(lower, unit, a, b, j);
            return;
        }
        if (b.RowStride == 1 || m == 1)
        {
            for (long j = 0; j < b.Cols; j++) SolveVector(lower, unit, a, b.Column(j, 0, m));
            return;
        }
        T[]? rented = null;
        Span<T> x = m <= 512 ? stackalloc T[m] : (rented = ArrayPool<T>.Shared.Rent(m)).AsSpan(0, m);
        for (long j = 0; j < b.Cols; j++)
        {
            for (int i = 0; i < m; i++) x[i] = b[i, j];
            SolveVector(lower, unit, a, x);
            for (int i = 0; i < m; i++) b[i, j] = x[i];
        }
        if (rented != null) ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>Substitution with A's rows contiguous: x_i = (x_i - a[i, k-range] . x[k-range]) / a_ii.</summary>
    internal static void VectorByRows<T>(bool lower, bool unit, MatrixView<T> a, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)a.Rows;
        if (lower)
        {
            for (int i = 0; i < m; i++)
            {
                T s = x[i] - (i > 0 ? TensorPrimitives.Dot<T>(a.Row(i, 0, i), x[..i]) : T.Zero);
                x[i] = unit ? s : s / a[i, i];
            }
        }
        else
        {
            for (int i = m - 1; i >= 0; i--)
            {
                int len = m - 1 - i;
                T s = x[i] - (len > 0 ? TensorPrimitives.Dot<T>(a.Row(i, i + 1, len), x.Slice(i + 1, len)) : T.Zero);
                x[i] = unit ? s : s / a[i, i];
            }
        }
    }

    /// <summary>Substitution with A's columns contiguous: x_k /= a_kk, then x[rest] -= x_k a[rest, k].</summary>
    private static void VectorByColumns<T>(bool lower, bool unit, MatrixView<T> a, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var at = a.Transposed; // rows of at are columns of a, contiguous
        int m = (int)a.Rows;
        if (lower)
        {
            for (int k = 0; k < m; k++)
            {
                if (!unit) x[k] /= a[k, k];
                int len = m - 1 - k;
                if (len > 0 && x[k] != T.Zero) TensorPrimitives.MultiplyAdd(at.Row(k, k + 1, len), -x[k], x.Slice(k + 1, len), x.Slice(k + 1, len));
            }
        }
        else
        {
            for (int k = m - 1; k >= 0; k--)
            {
                if (!unit) x[k] /= a[k, k];
                if (k > 0 && x[k] != T.Zero) TensorPrimitives.MultiplyAdd(at.Row(k, 0, k), -x[k], x[..k], x[..k]);
            }
        }
    }
}
