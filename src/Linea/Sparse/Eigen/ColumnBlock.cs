using System.Numerics;


namespace Linea;

/// <summary>
/// Products of tall column-major blocks (n rows, leading dimension n, columns from an offset) with small column-major
/// matrices, through the packed GEMM: the basis work of Lanczos and LOBPCG. Nothing here allocates.
/// </summary>
internal static class ColumnBlock
{
    /// <summary>
    /// G (a x b, column-major, leading dimension a) = X^T Y for X = columns [xc, xc + a) and Y = columns [yc, yc + b) of
    /// n-row blocks. 2 n a b flops.
    /// </summary>
    public static void Gram<T>(int n, T[] x, int xc, int a, T[] y, int yc, int b, T[] g, Parallelism par)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a == 0 || b == 0) return;
        if (n == 0) { Array.Clear(g, 0, a * b); return; }
        Kernels.Gemm.Gemm.Multiply(a, b, n, T.One, x, xc * n, n, 1, y, yc * n, 1, n, T.Zero, g, 0, 1, a, par);
    }

    /// <summary>
    /// Z[:, zc .. zc + b) = alpha X[:, xc .. xc + a) C + beta Z[...] for the a x b column-major C (leading dimension
    /// ldc, from offset cOff). 2 n a b flops.
    /// </summary>
    public static void Multiply<T>(int n, T alpha, T[] x, int xc, int a, T[] c, int cOff, int ldc, int b, T beta, T[] z, int zc, Parallelism par)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0 || b == 0) return;
        if (a == 0)
        {
            if (beta == T.Zero) Array.Clear(z, zc * n, b * n);
            else z.AsSpan(zc * n, b * n).MultiplyInPlace(beta);
            return;
        }
        Kernels.Gemm.Gemm.Multiply(n, b, a, alpha, x, xc * n, 1, n, c, cOff, 1, ldc, beta, z, zc * n, 1, n, par);
    }

    private static void MultiplyInPlace<T>(this Span<T> s, T f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < s.Length; i++) s[i] *= f;
    }

    /// <summary>The symmetric eigenproblem of the s x s column-major <paramref name="h"/> (lower triangle read) by the dense
    /// <see cref="Linalg.Eigh{T}"/>: ascending values, and the vectors column-major in <paramref name="vectors"/>.</summary>
    public static T[] Eigh<T>(T[] h, int s, T[] vectors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new T[s * s];
        // Column-major lower triangle = row-major upper triangle; mirror it so either reading is the same matrix.
        for (int j = 0; j < s; j++)
            for (int i = j; i < s; i++) { m[i * s + j] = h[i + j * s]; m[j * s + i] = h[i + j * s]; }
        var (w, v) = Linalg.Eigh(NDArray.Wrap(m, s, s));
        var vr = v.Contiguous().AsReadOnlySpan();
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) vectors[i + j * s] = vr[i * s + j];
        return w.ToArray();
    }

    /// <summary>Euclidean norm with scaling safety left to doubles: sqrt(sum x^2) accumulated in T.</summary>
    public static T Norm<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i < x.Length; i++) s += x[i] * x[i];
        return T.Sqrt(s);
    }

    /// <summary>Throws <see cref="NonFiniteException"/> when <paramref name="x"/> holds NaN or infinity.</summary>
    public static void RequireFinite<T>(string op, ReadOnlySpan<T> x, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            if (!T.IsFinite(x[i]))
                throw new NonFiniteException($"{op}: {what} holds {x[i]} at index {i}; the operator and start vectors must be finite");
    }
}
