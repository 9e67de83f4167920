using System.Numerics;
using Linea.Kernels;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// The solution X of A X = B (NumPy's <c>linalg.solve</c>), by LU with partial pivoting; A is never inverted.
    /// A is (n, n) or a stack (..., n, n). B is a vector (n,) (result (..., n)) or a stack of matrices (..., n, k)
    /// (result (..., n, k)); the batch axes of A and B broadcast. As in NumPy 2, only a 1-d B is a vector: for a stack
    /// of vectors pass B[..., None] (shape (..., n, 1)). Cost 2/3 n^3 + 2 n^2 k flops per matrix. With
    /// <paramref name="refine"/>, iterative refinement follows: residuals B - A X accumulated in double-double, corrections
    /// solved with the same factors, until they stop shrinking (at most 10 steps, each O(n^2 k)); this recovers a forward
    /// error near eps when cond(A) eps is well below 1, where plain LU gives about cond(A) eps.
    /// n = 0 gives an empty result.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square; B's rows differ from n; batch axes do not broadcast.</exception>
    /// <exception cref="SingularMatrixException">A (or one matrix of the stack) is exactly singular; the message names the zero pivot.</exception>
    /// <exception cref="NonFiniteException">A or B contains NaN or infinity.</exception>
    public static NDArray<T> Solve<T>(NDArray<T> a, NDArray<T> b, bool refine = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parallelism = Parallelism.Default;
        RequireSquare("solve", a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.IntDims[^1];
        if (b.Rank == 0)
            ThrowHelper.ShapeMismatch("solve", $"A {a.Shape} with b {b.Shape}: b must be a vector (n,) or a matrix (..., n, k), not a scalar", a.Shape, b.Shape);
        bool vector = b.Rank == 1;
        var b2 = vector ? b.ExpandDims(-1) : b;
        if (b2.IntDims[^2] != n)
        {
            string hint = vector ? "" : b.IntDims[^1] == n
                ? $"; b is read as a stack of {b.IntDims[^2]} x {b.IntDims[^1]} matrices (only a 1-d b is a vector, as in NumPy 2): for a stack of vectors pass b[..., None]"
                : "";
            ThrowHelper.ShapeMismatch("solve",
                $"A {a.Shape} with b {b.Shape}: b's {(vector ? "length" : "second-to-last axis")} ({b2.IntDims[^2]}) must equal A's order n = {n}{hint}",
                a.Shape, b.Shape);
        }
        int[] batch = BatchShape("solve", a, b2, b);
        int k = b2.IntDims[^1];
        double count = (double)n * k;
        foreach (int d in batch) count *= d;
        if (count > Array.MaxLength) // broadcasting the batch axes of A and b can make x far larger than either
            ThrowHelper.ResultTooLarge("solve", $"x of shape {Shape.Wrap([.. Shape.Widen(batch), n, k])} for A {a.Shape} and b {b.Shape}", count,
                System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), $"the stacked solver holds x in one .NET array of at most {Array.MaxLength:#,0} elements");
        RequireFinite("solve", a, "A");
        RequireFinite("solve", b, "b");
        var outDims = new long[batch.Length + 2];
        batch.CopyTo(outDims, 0);
        outDims[^2] = n; outDims[^1] = k;
        var x = NDArray<T>.Uninitialized(outDims);          // every matrix of the stack is written by CopyInto below
        var aOffsets = MatrixStack.Offsets(a, batch);
        var bOffsets = MatrixStack.Offsets(b2, batch);
        var luData = GC.AllocateUninitializedArray<T>(n * n); // overwritten by CopyInto for each matrix
        var piv = new int[n];
        for (int t = 0; t < aOffsets.Length; t++)
        {
            var aMat = MatrixViews.At(a, aOffsets[t]);
            var bMat = MatrixViews.At(b2, bOffsets[t]);
            var lu = MatrixView<T>.RowMajor(luData, n, n);
            MatrixStack.CopyInto(aMat, lu);
            int info = LuFactorization.Factor(lu, piv, LuParams.Auto.RecursionThreshold, parallelism);
            if (info >= 0) ThrowSingular("solve", n, info, batch, t);
            var xMat = MatrixView<T>.Of(x.Data, (long)t * n * k, n, k, k, 1);
            MatrixStack.CopyInto(bMat, xMat);
            LuSolver.Solve(lu, piv, xMat, parallelism);
            if (refine) IterativeRefinement.Refine(aMat, bMat, lu, piv, xMat, parallelism);
        }
        return vector ? x.Squeeze(-1) : x;
    }

    /// <summary>The broadcast batch shape of two stacks, or a <see cref="ShapeMismatchException"/> that names the shapes given by the caller.</summary>
    private static int[] BatchShape<T>(string op, NDArray<T> a, NDArray<T> b2, NDArray<T> bAsGiven) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try { return Array.ConvertAll(Broadcast.Shapes(op, a.Dims[..^2], b2.Dims[..^2]), d => checked((int)d)); }
        catch (ShapeMismatchException)
        {
            ThrowHelper.ShapeMismatch(op,
                $"A {a.Shape} with b {bAsGiven.Shape}: the batch axes {Shape.Format(a.IntDims[..^2])} and {Shape.Format(b2.IntDims[..^2])} cannot be broadcast together",
                a.Shape, bAsGiven.Shape);
            throw;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowSingular(string op, int n, int pivot, int[] batch, int index) =>
        throw new SingularMatrixException(pivot,
            $"{op}: the {n} x {n} matrix{MatrixStack.Where(batch, index)} is singular: pivot {pivot} (0-based) of its LU factorization is exactly zero");
}
