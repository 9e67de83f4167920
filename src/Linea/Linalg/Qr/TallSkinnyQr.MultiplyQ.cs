namespace Linea;

internal sealed partial class TallSkinnyQr<T>
{
    /// <summary>
    /// Q S for the reduced m x n Q and an n x n column-major <paramref name="s"/> (ld n): the m x n product,
    /// column-major with leading dimension m. It is Q formed from [S; 0] instead of I, so it costs what
    /// <see cref="FormQ"/> costs (about 4 m n^2 flops, threads over chunks) and needs no m x n GEMM afterwards. The
    /// tall-skinny SVD's U = Q U_R.
    /// </summary>
    /// <exception cref="InvalidOperationException">The reflectors were not kept.</exception>
    public T[] MultiplyQ(T[] s)
    {
        int n = Columns, m = Rows;
        var u = GC.AllocateUninitializedArray<T>(checked(m * n));
        Form((row0, rows, src) =>
        {
            for (int j = 0; j < n; j++) Array.Copy(src, j * rows, u, row0 + j * m, rows);
        }, s);
        return u;
    }
}
