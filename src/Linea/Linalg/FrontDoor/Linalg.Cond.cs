using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a)</c> (p = None): the 2-norm condition number s_max / s_min of an m x n matrix, from
    /// its singular values; +inf when s_min = 0 (exactly singular). O(m n min(m, n)). For a stack use <see cref="CondStack{T}(NDArray{T})"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix (a stack: see <see cref="CondStack{T}(NDArray{T})"/>), or has a zero dimension.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T> => Cond(a, 2.0);

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, p)</c>: p = 2 (s_max / s_min) or -2 (s_min / s_max) from the singular values of
    /// any m x n matrix; p = 1, -1, +inf, -inf: ||A||_p ||A^-1||_p for a square matrix through <see cref="Inv{T}"/>,
    /// +inf when A is exactly singular (as NumPy). O(m n min(m, n)) or O(n^3). For a stack use <see cref="CondStack{T}(NDArray{T}, double)"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a matrix (a stack: see <see cref="CondStack{T}(NDArray{T}, double)"/>) or has a zero dimension; or not square for p other than 2, -2.</exception>
    /// <exception cref="ArgumentException">p is not one of 2, -2, 1, -1, inf, -inf.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(NDArray<T> a, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckCondOrder(p);
        RequireOneMatrixForCond(a);
        CheckCondShape(a, anyShape: p is 2 or -2);
        return CondOfMatrix("cond", a, p);
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, 'fro')</c> or <c>cond(a, 'nuc')</c>: ||A|| ||A^-1|| in the Frobenius or nuclear
    /// norm for a square matrix; +inf when A is exactly singular. O(n^3). For a stack use <see cref="CondStack{T}(NDArray{T}, string)"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (a stack: see <see cref="CondStack{T}(NDArray{T}, string)"/>), or is empty.</exception>
    /// <exception cref="ArgumentException">p is neither "fro" nor "nuc".</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity.</exception>
    public static T Cond<T>(NDArray<T> a, string p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckCondOrder(p);
        RequireOneMatrixForCond(a);
        CheckCondShape(a, anyShape: false);
        return CondByInverse("cond", a, x => Norm(x, p));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a)</c> for a stack (..., m, n): the 2-norm condition number of each matrix, as a
    /// tensor of the batch shape (...), each exactly <see cref="Cond{T}(NDArray{T})"/> of that matrix. A single matrix
    /// gives a 0-d tensor; an empty batch an empty tensor. O(m n min(m, n)) per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices have a zero dimension.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    public static NDArray<T> CondStack<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T> => CondStack(a, 2.0);

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, p)</c> for a stack (..., m, n): <see cref="Cond{T}(NDArray{T}, double)"/> of each
    /// matrix, as a tensor of the batch shape (...) (0-d for a single matrix; empty for an empty batch). +inf for an
    /// exactly singular matrix with p = 1, -1, inf, -inf. O(m n min(m, n)) or O(n^3) per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, its matrices have a zero dimension, or are not square for p other than 2, -2.</exception>
    /// <exception cref="ArgumentException">p is not one of 2, -2, 1, -1, inf, -inf.</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    public static NDArray<T> CondStack<T>(NDArray<T> a, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckCondOrder(p);
        RequireMatrix("cond", a);
        CheckCondShape(a, anyShape: p is 2 or -2);
        return MatrixStack.MapScalar("cond", a, (x, label) => CondOfMatrix(label, x, p));
    }

    /// <summary>
    /// NumPy's <c>numpy.linalg.cond(a, 'fro' | 'nuc')</c> for a stack (..., n, n): <see cref="Cond{T}(NDArray{T}, string)"/>
    /// of each matrix, as a tensor of the batch shape (...) (0-d for a single matrix; empty for an empty batch). O(n^3)
    /// per matrix.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not at least 2-d, or its matrices are not square or are empty.</exception>
    /// <exception cref="ArgumentException">p is neither "fro" nor "nuc".</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity; the message names the matrix ("matrix [1, 0] of the stack ...").</exception>
    public static NDArray<T> CondStack<T>(NDArray<T> a, string p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckCondOrder(p);
        RequireMatrix("cond", a);
        CheckCondShape(a, anyShape: false);
        return MatrixStack.MapScalar("cond", a, (x, label) => CondByInverse(label, x, m => Norm(m, p)));
    }

    private static void RequireOneMatrixForCond<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireMatrix("cond", a);
        if (a.Rank != 2)
            ThrowHelper.ShapeMismatch("cond", $"takes one matrix (2-d), got the stack {a.Shape}; Linalg.CondStack gives the condition number of each matrix", a.Shape);
    }

    private static void CheckCondOrder(string p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p is not ("fro" or "f" or "nuc"))
            throw new ArgumentException($"cond: invalid order '{p}'; use \"fro\", \"nuc\", 2, -2, 1, -1, inf or -inf", nameof(p));
    }

    private static void CheckCondOrder(double p)
    {
        if (!(p is 2 or -2 or 1 or -1 || double.IsInfinity(p)))
            throw new ArgumentException($"cond: invalid order {p}; use 2, -2, 1, -1, inf, -inf, \"fro\" or \"nuc\"", nameof(p));
    }

    /// <summary>The shape checks of cond, once for the whole stack: no empty matrices; square ones unless <paramref name="anyShape"/> (p = 2 or -2).</summary>
    private static void CheckCondShape<T>(NDArray<T> a, bool anyShape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.IntDims[^2] == 0 || a.IntDims[^1] == 0)
            ThrowHelper.ShapeMismatch("cond", $"is undefined for an empty matrix, got shape {a.Shape}", a.Shape);
        if (!anyShape) RequireSquare("cond", a);
    }

    /// <summary>cond(a, p) of one matrix whose shape and order were checked; <paramref name="label"/> names it in messages.</summary>
    private static T CondOfMatrix<T>(string label, NDArray<T> a, double p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (p is 2 or -2)
        {
            var s = new SvdDecomposition<T>(label, a, fullMatrices: false, computeUv: false, Parallelism.Default).S.ToArray();
            T smax = s[0], smin = s[^1];
            if (p == 2) return smin == T.Zero ? T.PositiveInfinity : smax / smin;
            return smax == T.Zero ? T.PositiveInfinity : smin / smax;
        }
        return CondByInverse(label, a, x => Norm(x, p));
    }

    private static T CondByInverse<T>(string label, NDArray<T> a, Func<NDArray<T>, T> norm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFinite(label, a);
        NDArray<T> inv;
        try { inv = Inv(a); }
        catch (SingularMatrixException) { return T.PositiveInfinity; }
        T r = norm(a) * norm(inv);
        return T.IsNaN(r) ? T.PositiveInfinity : r;
    }
}
