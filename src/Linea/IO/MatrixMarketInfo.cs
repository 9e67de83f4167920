namespace Linea;

/// <summary>How a Matrix Market file lays out its entries (the second word of the banner).</summary>
public enum MatrixMarketFormat
{
    /// <summary><c>coordinate</c>: one "row column [value]" line per stored entry, 1-based (a sparse matrix).</summary>
    Coordinate,

    /// <summary><c>array</c>: every element, one value per line, column by column (a dense matrix).</summary>
    Array,
}

/// <summary>The type of the values in a Matrix Market file (the third word of the banner).</summary>
public enum MatrixMarketField
{
    /// <summary><c>real</c> (also read from <c>double</c>): floating-point values.</summary>
    Real,

    /// <summary><c>integer</c>: whole numbers; read exactly when they fit the mantissa of the element type.</summary>
    Integer,

    /// <summary><c>pattern</c>: no values, only positions (coordinate format only); every entry reads as 1.</summary>
    Pattern,
}

/// <summary>Which part of the matrix a Matrix Market file stores (the fourth word of the banner).</summary>
public enum MatrixMarketSymmetry
{
    /// <summary><c>general</c>: every entry is stored.</summary>
    General,

    /// <summary><c>symmetric</c>: A = A^T; only the lower triangle and the diagonal are stored.</summary>
    Symmetric,

    /// <summary><c>skew-symmetric</c>: A = -A^T, so the diagonal is zero; only the strict lower triangle is stored.</summary>
    SkewSymmetric,
}

/// <summary>
/// What the header of a Matrix Market file says (SciPy's <c>scipy.io.mminfo</c>): the shape, the number of entries
/// the file stores (for a symmetric or skew-symmetric file, the stored triangle only; for the array format, the
/// elements stored), and the banner's format, field and symmetry.
/// </summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="Columns">The number of columns.</param>
/// <param name="Entries">The entries stored in the file.</param>
/// <param name="Format">Coordinate or array.</param>
/// <param name="Field">Real, integer or pattern.</param>
/// <param name="Symmetry">General, symmetric or skew-symmetric.</param>
public sealed record MatrixMarketInfo(int Rows, int Columns, long Entries, MatrixMarketFormat Format,
    MatrixMarketField Field, MatrixMarketSymmetry Symmetry);
