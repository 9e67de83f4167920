namespace Linea.Calc.Evaluation;

/// <summary>The sparse arithmetic the calculator's operators use: Linea's <see cref="SparseMatrix{TScalar}"/> operations, one place.</summary>
internal static class SparseMath
{
    /// <summary>s · A, sparse, same pattern (explicit zeros kept, as SciPy).</summary>
    public static SparseMatrix<double> Scale(SparseMatrix<double> a, double s) => a.Multiply(s);

    /// <summary>A / s, sparse, same pattern: only stored entries are divided, as SciPy.</summary>
    public static SparseMatrix<double> Divide(SparseMatrix<double> a, double s) => a.Divide(s);

    /// <summary>A + B or A - B for two sparse matrices of one shape: sparse, exact zeros not stored.</summary>
    public static SparseMatrix<double> Add(SparseMatrix<double> a, SparseMatrix<double> b, double sign) =>
        sign > 0 ? a.Add(b) : a.Subtract(b);

    /// <summary>The element-wise product with a sparse matrix or a dense array that broadcasts to A's shape: sparse.</summary>
    public static SparseMatrix<double> Hadamard(SparseMatrix<double> a, SparseMatrix<double> b) => a.Multiply(b);

    /// <inheritdoc cref="Hadamard(SparseMatrix{double}, SparseMatrix{double})"/>
    public static SparseMatrix<double> Hadamard(SparseMatrix<double> a, NDArray<double> d) => a.Multiply(d);

    /// <summary>A @ X for a sparse A and a dense vector or matrix X: dense.</summary>
    public static NDArray<double> MatMul(SparseMatrix<double> a, NDArray<double> x) => Sparse.MatMul(a, x);

    /// <summary>X @ A for a dense vector or matrix X and a sparse A: dense.</summary>
    public static NDArray<double> MatMul(NDArray<double> x, SparseMatrix<double> a) => Sparse.MatMul(x, a);

    /// <summary>A @ B for two sparse matrices: sparse (Gustavson).</summary>
    public static SparseMatrix<double> MatMul(SparseMatrix<double> a, SparseMatrix<double> b) => Sparse.MatMul(a, b);

    /// <summary>Multiply-adds of A @ B: for every stored A[i, k], the entries of row k of B. O(nnz(A) + rows of B).</summary>
    public static double Flops(SparseMatrix<double> a, SparseMatrix<double> b)
    {
        var bc = b.ToCsr();
        var ptr = bc.IndPtr;
        var ac = a.ToCsr();
        double work = 0;
        for (int i = 0; i < ac.Rows; i++)
            foreach (int k in ac.IndicesOf(i)) work += ptr[k + 1] - ptr[k];
        return work;
    }
}
