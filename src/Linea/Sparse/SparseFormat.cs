namespace Linea;

/// <summary>
/// How a <see cref="SparseMatrix{T}"/> compresses its nonzeros: by rows (CSR, SciPy's <c>csr_matrix</c>) or by
/// columns (CSC, <c>csc_matrix</c>). The transpose of one is the other over the same arrays.
/// </summary>
public enum SparseFormat
{
    /// <summary>Compressed sparse row: <c>IndPtr</c> has Rows + 1 entries and <c>Indices</c> holds column indices.</summary>
    Csr,

    /// <summary>Compressed sparse column: <c>IndPtr</c> has Columns + 1 entries and <c>Indices</c> holds row indices.</summary>
    Csc,
}
