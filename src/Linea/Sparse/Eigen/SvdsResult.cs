using System.Numerics;

namespace Linea;

/// <summary>
/// The result of <see cref="SparseLinalg.Svds{T}"/>: k singular triplets with A v_j = s_j u_j. The singular values are
/// ascending, as SciPy's <c>svds</c> returns them. Deconstructs as <c>var (u, s, vt) = SparseLinalg.Svds(a, k);</c>.
/// </summary>
/// <typeparam name="T">The element type, <c>float</c> or <c>double</c>.</typeparam>
public sealed class SvdsResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal SvdsResult(NDArray<T>? u, NDArray<T> s, NDArray<T>? vt, int restarts, long matvecs)
    {
        U = u; S = s; Vt = vt; Restarts = restarts; Matvecs = matvecs;
    }

    /// <summary>Left singular vectors, m x k with orthonormal columns (column j for S[j]); null when not asked for.</summary>
    public NDArray<T>? U { get; }

    /// <summary>The k singular values, shape (k,), ascending.</summary>
    public NDArray<T> S { get; }

    /// <summary>Right singular vectors as rows, k x n with orthonormal rows (row j for S[j]); null when not asked for.</summary>
    public NDArray<T>? Vt { get; }

    /// <summary>Lanczos restarts on the normal operator.</summary>
    public int Restarts { get; }

    /// <summary>Products with the normal operator (each one product with A and one with A^T).</summary>
    public long Matvecs { get; }

    /// <summary>(U, s, Vt) as SciPy's <c>u, s, vt = svds(...)</c>.</summary>
    public void Deconstruct(out NDArray<T>? u, out NDArray<T> s, out NDArray<T>? vt)
    {
        u = U; s = S; vt = Vt;
    }
}
