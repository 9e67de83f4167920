namespace Linea.Calc.Evaluation;

/// <summary>The sparse arithmetic the calculator's operators use, on Linea's <see cref="SparseMatrix{TScalar}"/>.</summary>
internal static class SparseMath
{
    /// <summary>s · A, sparse, same pattern.</summary>
    public static SparseMatrix<double> Scale(SparseMatrix<double> a, double s)
    {
        var data = a.Data.ToArray();
        for (int k = 0; k < data.Length; k++) data[k] *= s;
        return a.Format == SparseFormat.Csr
            ? Sparse.Csr(a.Rows, a.Columns, a.IndPtr, a.Indices, (ReadOnlySpan<double>)data)
            : Sparse.Csc(a.Rows, a.Columns, a.IndPtr, a.Indices, (ReadOnlySpan<double>)data);
    }

    /// <summary>A + sign · B for two sparse matrices of one shape, sparse (duplicates summed).</summary>
    public static SparseMatrix<double> Add(SparseMatrix<double> a, SparseMatrix<double> b, double sign)
    {
        var (ra, ca, va) = Triplets(a, 1);
        var (rb, cb, vb) = Triplets(b, sign);
        return Sparse.Coo(a.Rows, a.Columns, [.. ra, .. rb], [.. ca, .. cb], (ReadOnlySpan<double>)[.. va, .. vb]);
    }

    /// <summary>A @ X for a sparse A and a dense vector or matrix X: dense.</summary>
    public static Tensor<double> MatMul(SparseMatrix<double> a, Tensor<double> x) =>
        x.Rank == 1 ? a.Dot(x) : a.Matmat(x);

    /// <summary>X @ A for a dense vector or matrix X and a sparse A: dense, as (A^T @ X^T)^T.</summary>
    public static Tensor<double> MatMul(Tensor<double> x, SparseMatrix<double> a) =>
        x.Rank == 1 ? a.T.Dot(x) : a.T.Matmat(x.T).T.Contiguous();

    /// <summary>A @ B for two sparse matrices: sparse.</summary>
    public static SparseMatrix<double> MatMul(SparseMatrix<double> a, SparseMatrix<double> b)
    {
        var ac = a.ToCsr();
        var bc = b.ToCsr();
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        var ap = ac.IndPtr;
        var bp = bc.IndPtr;
        var ai = ac.Indices;
        var av = ac.Data;
        var bi = bc.Indices;
        var bv = bc.Data;
        for (int i = 0; i < ac.Rows; i++)
            for (long p = ap[i]; p < ap[i + 1]; p++)
            {
                int k = ai[(int)p];
                for (long q = bp[k]; q < bp[k + 1]; q++)
                {
                    rows.Add(i);
                    cols.Add(bi[(int)q]);
                    vals.Add(av[(int)p] * bv[(int)q]);
                }
            }
        return Sparse.Coo(ac.Rows, bc.Columns, rows.ToArray(), cols.ToArray(), (ReadOnlySpan<double>)vals.ToArray());
    }

    /// <summary>The stored entries as (row, column, sign · value) arrays.</summary>
    public static (int[] Rows, int[] Columns, double[] Values) Triplets(SparseMatrix<double> a, double sign = 1)
    {
        int nnz = (int)a.Nnz;
        var r = new int[nnz];
        var c = new int[nnz];
        var v = new double[nnz];
        var ptr = a.IndPtr;
        var idx = a.Indices;
        var data = a.Data;
        bool csr = a.Format == SparseFormat.Csr;
        for (int major = 0; major < ptr.Length - 1; major++)
            for (long p = ptr[major]; p < ptr[major + 1]; p++)
            {
                (r[p], c[p]) = csr ? (major, idx[(int)p]) : (idx[(int)p], major);
                v[p] = sign * data[(int)p];
            }
        return (r, c, v);
    }
}
