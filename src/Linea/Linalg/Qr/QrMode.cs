namespace Linea;

/// <summary>Which Q and R a QR factorization returns, as NumPy's <c>mode</c> of <c>numpy.linalg.qr</c>.</summary>
public enum QrMode
{
    /// <summary>For an m x n matrix with k = min(m, n): Q is m x k with orthonormal columns, R is k x n (NumPy's 'reduced', the default).</summary>
    Reduced,

    /// <summary>Q is m x m orthogonal, R is m x n (NumPy's 'complete').</summary>
    Complete,
}
