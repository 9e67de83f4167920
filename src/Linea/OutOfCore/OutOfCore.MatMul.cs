using System.Numerics;

namespace Linea;

public static partial class OutOfCore
{
    /// <summary>
    /// C = A B with the result written to a new .npy file (NumPy's <c>np.matmul(a, b, out=open_memmap(path, 'w+', ...))</c>),
    /// for operands and result larger than memory. B is taken in column panels of <paramref name="blockColumns"/>
    /// columns, each copied into memory once; for each panel A is read in row blocks of <paramref name="blockRows"/> rows
    /// and each block's product (blocked GEMM, <see cref="NDArray.MatMul{T}"/>) is written through a mapping window of the
    /// result's rows that is flushed and unmapped at once. Passes over A: ceil(n / blockColumns), over B: one. Memory held:
    /// k x blockColumns (the B panel) + blockRows x (k + blockColumns) elements plus one result window of blockRows x n,
    /// independent of m. O(m k n) flops.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="a">A, m x k: for example <see cref="RowBlocks.Npy{T}(string)"/> of a file (read through mapping windows, so its
    /// pages do not accumulate in the process), or <see cref="RowBlocks.FromTensor{T}(NDArray{T})"/>.</param>
    /// <param name="b">B, k x n, any tensor (a memory-mapped one is read one column panel at a time).</param>
    /// <param name="resultPath">The .npy file to create (replaced if present), C-order m x n.</param>
    /// <param name="blockRows">Rows of A per block; 0 (default) picks about 4 Mi elements of A and C per block.</param>
    /// <param name="blockColumns">Columns of B per panel; 0 (default) picks about 8 Mi elements per panel.</param>
    /// <returns>The result, mapped read-only (dispose it to release the mapping).</returns>
    /// <exception cref="ShapeMismatchException">B is not 2-d or its rows differ from A's columns; A's row count is unknown (a CSV
    /// never read: read it once first).</exception>
    /// <exception cref="ArgumentOutOfRangeException">blockRows or blockColumns is negative.</exception>
    public static NDArray<T> MatMul<T>(IRowBlockSource<T> a, NDArray<T> b, string resultPath, int blockRows = 0, int blockColumns = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(resultPath);
        ArgumentOutOfRangeException.ThrowIfNegative(blockRows);
        ArgumentOutOfRangeException.ThrowIfNegative(blockColumns);
        const string op = "out-of-core matmul";
        long m = a.Rows;
        int k = a.Columns;
        if (b.Rank != 2 || b.Shape[0] != k || m < 0)
            ThrowHelper.ShapeMismatch(op, m < 0
                ? $"{op}: the number of rows of A is unknown until a pass has read it (a CSV source): make one pass first"
                : $"{op}: ({m}, {k}) @ {b.Shape}: B must be a matrix with {k} rows, as A has columns", new Shape([Math.Max(m, 0), k]), b.Shape);
        long n = b.Shape[1];
        if (blockColumns == 0) blockColumns = (int)Math.Clamp((1L << 23) / Math.Max(k, 1), 1, Math.Max(n, 1));
        if (blockRows == 0) blockRows = AutoBlockRows((int)Math.Min(int.MaxValue, k + Math.Min(n, blockColumns)));
        Npy.OpenMemmap<T>(resultPath, MmapMode.ReadWrite, m, n).Dispose();
        long size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        long dataOffset = new FileInfo(resultPath).Length - m * n * size;
        for (long j0 = 0; j0 < n; j0 += blockColumns)
        {
            long j1 = Math.Min(n, j0 + blockColumns);
            var panel = b[Slice.All, Slice.Range(j0, j1)].Copy();
            foreach (var block in a.Blocks(blockRows))
            {
                var product = block.Values.MatMul(panel);
                using var window = new Storage.MappedStorage<T>(resultPath, dataOffset + block.Start * n * size, block.Count * n, MmapMode.ReadWrite);
                new NDArray<T>(window, 0, [block.Count, n], [n, 1])[Slice.All, Slice.Range(j0, j1)].Assign(product);
            }
        }
        return Npy.Load<T>(resultPath, MmapMode.ReadOnly);
    }

    /// <summary>
    /// C = A B for tensors (typically memory-mapped, from <see cref="Npy.Load{T}(string, MmapMode)"/>), the result written
    /// to a new .npy file: <see cref="MatMul{T}(IRowBlockSource{T}, NDArray{T}, string, int, int)"/> over the rows of
    /// <paramref name="a"/>. Memory held by the product: one B panel, one row block of A and C; the mapped operands' pages
    /// that a pass touches are clean file pages the system may drop.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="a">A, m x k.</param>
    /// <param name="b">B, k x n.</param>
    /// <param name="resultPath">The .npy file to create (replaced if present).</param>
    /// <param name="blockRows">Rows of A per block; 0 picks automatically.</param>
    /// <param name="blockColumns">Columns of B per panel; 0 picks automatically.</param>
    /// <returns>The result, mapped read-only.</returns>
    /// <exception cref="ShapeMismatchException">A or B is not 2-d, or the inner dimensions differ.</exception>
    public static NDArray<T> MatMul<T>(NDArray<T> a, NDArray<T> b, string resultPath, int blockRows = 0, int blockColumns = 0)
        where T : unmanaged, IFloatingPointIeee754<T> => MatMul(RowBlocks.FromTensor(a), b, resultPath, blockRows, blockColumns);

    /// <summary>
    /// C = A B for .npy files: A read through per-block mapping windows (<see cref="RowBlocks.Npy{T}(string)"/>), B mapped
    /// read-only, C written to <paramref name="resultPath"/>; see <see cref="MatMul{T}(IRowBlockSource{T}, NDArray{T}, string, int, int)"/>
    /// for passes and memory.
    /// </summary>
    /// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
    /// <param name="aPath">A's .npy file, m x k.</param>
    /// <param name="bPath">B's .npy file, k x n (mapped only when it holds exactly <typeparamref name="T"/>; otherwise loaded).</param>
    /// <param name="resultPath">The .npy file to create (replaced if present).</param>
    /// <param name="blockRows">Rows of A per block; 0 picks automatically.</param>
    /// <param name="blockColumns">Columns of B per panel; 0 picks automatically.</param>
    /// <returns>The result, mapped read-only.</returns>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="ShapeMismatchException">The inner dimensions differ.</exception>
    public static NDArray<T> MatMul<T>(string aPath, string bPath, string resultPath, int blockRows = 0, int blockColumns = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = RowBlocks.Npy<T>(aPath);
        NDArray<T> b;
        try { b = Npy.Load<T>(bPath, MmapMode.ReadOnly); }
        catch (TensorFormatException) { b = Npy.Load<T>(bPath); }
        using (b) return MatMul(a, b, resultPath, blockRows, blockColumns);
    }
}
