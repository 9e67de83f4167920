namespace Linea.Calc.Evaluation;

/// <summary>
/// A sparse float64 matrix (SciPy's <c>csr_matrix</c>): only the stored entries are held, so a 100,000 x 100,000
/// matrix with half a million entries takes about 6 MB. It comes from <c>sparse</c>, <c>speye</c>, <c>spdiags</c>,
/// <c>sprand</c> and <c>mmread</c>, and stays sparse under <c>.T</c>, scalar <c>*</c> and <c>/</c>, <c>+</c>/<c>-</c>
/// with another sparse matrix and <c>@</c> with another sparse matrix; <c>@</c>, <c>+</c> and <c>-</c> with a dense
/// array give a dense result. Functions without a sparse method see the dense matrix when it has at most
/// <see cref="SparseValue.DensifyLimit"/> elements; <c>full(S)</c> converts explicitly.
/// </summary>
/// <param name="Matrix">The matrix (CSR, or CSC for a transpose view; never changed in place).</param>
public sealed record SparseValue(SparseMatrix<double> Matrix) : ArrayLike
{
    /// <summary>The dtype name reported in JSON and by <c>vars</c>.</summary>
    public const string DTypeName = "sparse float64";

    /// <summary>
    /// The most elements (rows x columns) a sparse matrix may have for a function without a sparse method to work on
    /// its dense copy: 4,000,000 (a 2000 x 2000 matrix, 32 MB), and never more than <see cref="CalcLimits.MaxElements"/>.
    /// </summary>
    public const long DensifyLimit = 4_000_000;

    /// <inheritdoc />
    public override string DType => DTypeName;

    /// <inheritdoc />
    public override Shapes.SymbolicShape SymbolicShape => Shapes.SymbolicShape.Of([Matrix.Rows, Matrix.Columns]);

    /// <inheritdoc />
    public override string Describe() => $"a ({Matrix.Rows}, {Matrix.Columns}) sparse float64 matrix with {Matrix.Nnz} stored entries";
}
