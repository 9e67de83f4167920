using System.Numerics;

namespace Linea;

public static partial class SparseLinalg
{
    /// <summary>
    /// SciPy's <c>spilu</c>: an incomplete LU factorisation of the square sparse <paramref name="a"/> by threshold
    /// dropping (<see cref="IncompleteLu.Ilut{T}"/>), ready to pass as the preconditioner <c>M</c> of
    /// <see cref="Gmres{T}(ILinearOperator{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, double, double, int, int?, ILinearOperator{T}?, IterationCallback{T}?)"/>
    /// or <c>Bicgstab</c>. Errors as <see cref="IncompleteLu.Ilut{T}"/>.
    /// </summary>
    public static IncompleteLu<T> Spilu<T>(SparseMatrix<T> a, double dropTol = 1e-4, double fillFactor = 10) where T : unmanaged, IFloatingPointIeee754<T> =>
        IncompleteLu.Ilut(a, dropTol, fillFactor);
}
