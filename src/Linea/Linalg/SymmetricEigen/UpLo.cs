namespace Linea;

/// <summary>Which triangle of a symmetric matrix an algorithm reads (NumPy's <c>UPLO='L'|'U'</c>); the other is ignored.</summary>
public enum UpLo
{
    /// <summary>The lower triangle (NumPy's default 'L').</summary>
    Lower,

    /// <summary>The upper triangle ('U').</summary>
    Upper,
}
