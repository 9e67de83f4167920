namespace Linea.Kernels.Gemm;

/// <summary>Which elements of a square C the packed driver (<see cref="GemmDriver"/>) computes.</summary>
internal enum TrianglePart : byte
{
    /// <summary>All of C: the plain GEMM.</summary>
    All,

    /// <summary>
    /// The register tiles that meet the lower triangle (row &gt;= column); tiles that straddle the diagonal also write
    /// some elements above it. For symmetric products whose upper triangle is then mirrored (<see cref="SymmetricProduct"/>).
    /// </summary>
    LowerTiles,

    /// <summary>Exactly the lower triangle, diagonal included (BLAS gemmt, lower); nothing above it is read or written.</summary>
    Lower,

    /// <summary>Exactly the upper triangle, diagonal included (gemmt, upper); nothing below it is read or written.</summary>
    Upper,
}
