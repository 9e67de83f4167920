namespace Linea;

/// <summary>The arithmetic <c>Linalg.Lstsq</c> works in.</summary>
public enum LstsqPrecision
{
    /// <summary>The tensor's own type: column-pivoted QR and a complete orthogonal decomposition (LAPACK's gelsy).</summary>
    Working,

    /// <summary>
    /// Householder QR, back substitution and residuals in double-double arithmetic (about 32 digits) on the given
    /// design matrix: for small, badly conditioned, full-column-rank problems where certified digits matter (the
    /// NIST StRD sets). About 20x to 50x slower than <see cref="Working"/>; needs m &gt;= n.
    /// </summary>
    DoubleDouble,
}
