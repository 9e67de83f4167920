using System.Numerics;

namespace Linea;

public static partial class Linalg
{
    /// <summary>
    /// NumPy's <c>norm(x)</c>: the 2-norm of all elements taken as one vector (the Frobenius norm of a matrix), for
    /// any shape; overflow- and underflow-safe (scaled as LAPACK's nrm2), so entries near 1e200 give finite results. O(size).
    /// </summary>
    public static T Norm<T>(NDArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        var c = x.Contiguous().Managed();
        return Nrm2.Compute(c.Data.AsSpan(checked((int)c.Offset), checked((int)c.Size)));
    }

    /// <summary>
    /// NumPy's <c>norm(x, ord)</c>. For a vector (1-d): ord = +inf (max |x_i|), -inf (min |x_i|), 0 (number of nonzero
    /// entries), 1, 2 (overflow-safe), or any other p: (sum |x_i|^p)^(1/p), scaled (by max |x_i| for p &gt; 0, by the
    /// smallest nonzero |x_i| for p &lt; 0) so it neither overflows nor underflows. NaN and infinity give what NumPy's
    /// formulas give: NaN anywhere gives NaN (also for +-inf; for ord = 0 a NaN counts as nonzero); an infinite entry
    /// gives inf for ord &gt; 0 and +inf, and contributes |inf|^p = 0 for ord &lt; 0, so [1, inf] has the -1-norm 1 and an
    /// all-infinite vector the norm inf; for ord &lt; 0 a zero entry gives 0. For a matrix (2-d): ord = 1 (max column sum of |a_ij|), -1 (min column sum), +inf (max row sum),
    /// -inf (min row sum), 2 (largest singular value) and -2 (smallest singular value), the last two through
    /// <see cref="Svdvals{T}"/> (O(m n min(m, n))); use <see cref="Norm{T}(NDArray{T}, string)"/> for "fro" and "nuc".
    /// O(size) otherwise. For the matrix norm of each matrix of a stack use
    /// <see cref="Norm{T}(NDArray{T}, double, ValueTuple{int, int}, bool)"/> with axes (-2, -1). The matrix norms 1, -1,
    /// +inf and -inf follow NumPy for NaN and infinity too: a NaN gives NaN, an infinite entry makes its column or row
    /// sum inf, which a min-norm passes over unless every sum is infinite.
    /// </summary>
    /// <exception cref="NonFiniteException">ord = 2 or -2 of a matrix holding NaN or infinity (the SVD needs finite numbers; NumPy raises LinAlgError there).</exception>
    /// <exception cref="ArgumentException">ord is not valid for the tensor's rank, or the rank is not 1 or 2 (use the axis overload for vector norms, axes (-2, -1) for the matrix norms of a stack).</exception>
    public static T Norm<T>(NDArray<T> x, double ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 1)
        {
            return T.CreateTruncating(VectorNorm(x.Contiguous().ContiguousSpan, ord));
        }
        if (x.Rank == 2) return MatrixNorm("norm", x, ord);
        ThrowHelper.Argument("norm", nameof(x), $"norm with an order needs a vector or a matrix, got shape {x.Shape}; pass an axis for vector norms along it, axes (-2, -1) for the matrix norm of each matrix of a stack, or Norm(x) for the 2-norm of all elements");
        return default;
    }

    /// <summary>
    /// NumPy's <c>norm(A, 'fro')</c> (Frobenius, overflow-safe, O(m n)) or <c>norm(A, 'nuc')</c> (nuclear: the sum of
    /// the singular values, through <see cref="Svdvals{T}"/>, O(m n min(m, n))) for a matrix. For each matrix of a stack
    /// use <see cref="Norm{T}(NDArray{T}, string, ValueTuple{int, int}, bool)"/> with axes (-2, -1).
    /// </summary>
    /// <exception cref="NonFiniteException">"nuc" of a matrix holding NaN or infinity.</exception>
    /// <exception cref="ArgumentException">Not a matrix (a stack: pass axes (-2, -1)), or ord is neither "fro" nor "nuc".</exception>
    public static T Norm<T>(NDArray<T> x, string ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ord);
        if (x.Rank != 2)
            ThrowHelper.Argument("norm", nameof(x), $"norm '{ord}' is a matrix norm, but x has shape {x.Shape}{(x.Rank > 2 ? "; pass axes (-2, -1) for the norm of each matrix of a stack" : "")}");
        CheckMatrixNormOrder(ord);
        return MatrixNorm("norm", x, ord);
    }

    /// <summary>
    /// NumPy's <c>norm(x, ord, axis, keepdims)</c> for vector norms: the <paramref name="ord"/>-norm (as in
    /// <see cref="Norm{T}(NDArray{T}, double)"/> for vectors) of every line along <paramref name="axis"/> (negative counts
    /// from the end): rows with axis = 1 (or -1), columns with axis = 0. The result drops that axis, or keeps it with
    /// length 1 when <paramref name="keepdims"/>. O(size).
    /// </summary>
    /// <exception cref="AxisOutOfRangeException">axis is outside [-rank, rank).</exception>
    public static NDArray<T> Norm<T>(NDArray<T> x, double ord, int axis, bool keepdims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Ops.HalfPrecision.RequireComputable<T>("norm");
        ArgumentNullException.ThrowIfNull(x);
        int r = x.Rank;
        if (axis < -r || axis >= r) ThrowHelper.Axis("norm", axis, r);
        if (axis < 0) axis += r;
        var moved = x.MoveAxis(axis, r - 1).Contiguous();
        int len = x.IntDims[axis], lines = Shape.ComputeIntSize(x.Dims.Where((_, i) => i != axis).ToArray());
        var outDims = keepdims
            ? x.Dims.Select((d, i) => i == axis ? 1 : d).ToArray()
            : x.Dims.Where((_, i) => i != axis).ToArray();
        var result = new T[lines];
        for (int i = 0; i < lines; i++)
            result[i] = T.CreateTruncating(VectorNorm(moved.Store.Span(moved.Offset + (long)i * len, len), ord));
        return NDArray.Wrap(result, outDims);
    }

    private static double VectorNorm<T>(ReadOnlySpan<T> v, double ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsNaN(ord)) throw new ArgumentException("norm: ord is NaN", nameof(ord));
        if (ord == 2)
        {
            var arr = v.ToArray();
            return double.CreateTruncating(Nrm2.Compute(arr.AsSpan()));
        }
        if (double.IsPositiveInfinity(ord) || double.IsNegativeInfinity(ord))
        {
            if (v.Length == 0)
            {
                if (double.IsPositiveInfinity(ord)) return 0;
                throw new ArgumentException("norm: ord = -inf of an empty vector has no value (min of nothing)", nameof(ord));
            }
            double best = double.IsPositiveInfinity(ord) ? 0 : double.PositiveInfinity;
            foreach (var e in v)
            {
                double a = Math.Abs(double.CreateTruncating(e));
                if (double.IsNaN(a)) return a;
                best = double.IsPositiveInfinity(ord) ? Math.Max(best, a) : Math.Min(best, a);
            }
            return best;
        }
        if (ord == 0)
        {
            int count = 0;
            foreach (var e in v) if (e != T.Zero) count++;
            return count;
        }
        if (ord == 1)
        {
            double s = 0;
            foreach (var e in v) s += Math.Abs(double.CreateTruncating(e));
            return s;
        }
        return GeneralVectorNorm(v, ord);
    }

    /// <summary>
    /// NumPy's (sum |x_i|^p)^(1/p) for any p other than 0, 1, 2 and +-inf, with NumPy's answers for special values
    /// (those of the formula itself, computed in IEEE arithmetic): NaN anywhere gives NaN. For p &gt; 0 an infinite entry
    /// gives inf. For p &lt; 0, |inf|^p = 0, so an infinite entry contributes nothing; a zero entry makes the sum infinite
    /// and the norm 0; with no finite nonzero entry at all (all infinite, or empty) the sum is 0 and the norm
    /// 0^(1/p) = inf. The finite part is scaled so that neither the powers nor the sum overflow or underflow: by
    /// max |x_i| for p &gt; 0 and by the smallest nonzero |x_i| for p &lt; 0, so every term lies in [0, 1] and the largest is 1.
    /// </summary>
    private static double GeneralVectorNorm<T>(ReadOnlySpan<T> v, double ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool hasZero = false, hasInf = false;
        double amax = 0, aminNonzero = double.PositiveInfinity; // over the finite entries
        foreach (var e in v)
        {
            double a = Math.Abs(double.CreateTruncating(e));
            if (double.IsNaN(a)) return a;
            if (a == 0) hasZero = true;
            else if (double.IsPositiveInfinity(a)) hasInf = true;
            else
            {
                amax = Math.Max(amax, a);
                aminNonzero = Math.Min(aminNonzero, a);
            }
        }
        double scale;
        if (ord > 0)
        {
            if (hasInf) return double.PositiveInfinity;
            if (amax == 0) return 0; // all zero, or empty
            scale = amax;
        }
        else
        {
            if (hasZero) return 0;
            if (double.IsPositiveInfinity(aminNonzero)) return double.PositiveInfinity; // sum 0: 0^(1/p) = inf
            scale = aminNonzero;
        }
        double sum = 0;
        foreach (var e in v)
        {
            double a = Math.Abs(double.CreateTruncating(e));
            if (a != 0 && !double.IsPositiveInfinity(a)) sum += Math.Pow(a / scale, ord);
        }
        return scale * Math.Pow(sum, 1 / ord);
    }

    private static T MatrixNorm<T>(string label, NDArray<T> a, double ord) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ord is 2 or -2) return ExtremeSingularValue(label, a, largest: ord == 2);
        bool columns = ord is 1 or -1;
        if (!columns && !double.IsInfinity(ord))
            throw new ArgumentException($"norm: invalid matrix norm order {ord} for shape {a.Shape}; use 1, -1, 2, -2, inf, -inf, \"fro\" or \"nuc\"", nameof(ord));
        int m = a.IntDims[0], n = a.IntDims[1];
        int outer = columns ? n : m, inner = columns ? m : n;
        if (outer == 0) return T.Zero;
        bool max = ord > 0;
        double best = max ? 0 : double.PositiveInfinity;
        for (int o = 0; o < outer; o++)
        {
            double s = 0;
            for (int i = 0; i < inner; i++) s += Math.Abs(double.CreateTruncating(columns ? a[i, o] : a[o, i]));
            if (double.IsNaN(s)) return T.NaN;
            best = max ? Math.Max(best, s) : Math.Min(best, s);
        }
        return T.CreateTruncating(best);
    }
}
