namespace Linea;

/// <summary>
/// Which eigenvalues <see cref="SparseLinalg.Eigsh{T}"/> looks for (SciPy's <c>which</c>: 'LM', 'SM', 'LA', 'SA', 'BE').
/// With a shift <c>sigma</c> the choice applies to the eigenvalues nu = 1 / (lambda - sigma) of the shift-inverted
/// operator, as in SciPy: <see cref="LargestMagnitude"/> then finds the eigenvalues lambda nearest sigma.
/// </summary>
public enum Which
{
    /// <summary>'LM': the k eigenvalues of largest absolute value.</summary>
    LargestMagnitude,

    /// <summary>'SM': the k eigenvalues of smallest absolute value (slow without a shift: prefer sigma = 0).</summary>
    SmallestMagnitude,

    /// <summary>'LA': the k algebraically largest eigenvalues.</summary>
    LargestAlgebraic,

    /// <summary>'SA': the k algebraically smallest eigenvalues.</summary>
    SmallestAlgebraic,

    /// <summary>'BE': k eigenvalues, half from each end of the spectrum; for odd k the extra one from the high end.</summary>
    BothEnds,
}
