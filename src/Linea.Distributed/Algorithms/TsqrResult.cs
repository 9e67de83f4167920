using System.Numerics;

namespace Linea.Distributed;

/// <summary>The least-squares solution of <see cref="Tsqr.Lstsq{T}"/>, the same on every rank.</summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class TsqrLstsqResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal TsqrLstsqResult(NDArray<T> solution, NDArray<T> residuals, int rank, NDArray<T> r)
    {
        Solution = solution;
        Residuals = residuals;
        Rank = rank;
        R = r;
    }

    /// <summary>x minimising ||b - A x||_2 (minimum norm when A is rank deficient): (d,) for a vector b, (d, k) otherwise.</summary>
    public NDArray<T> Solution { get; }

    /// <summary>
    /// The squared 2-norm of each column of b - A x, shape (k,) ((1,) for a vector b), read off the triangular factor
    /// of [A b] without another pass; empty, shape (0,), when the rank is below d or n &lt;= d, as NumPy's lstsq.
    /// </summary>
    public NDArray<T> Residuals { get; }

    /// <summary>The numerical rank of A (singular values above eps · max(n, d) times the largest, NumPy's default).</summary>
    public int Rank { get; }

    /// <summary>R of A = Q R, d x d upper triangular (rows signed as Householder QR leaves them).</summary>
    public NDArray<T> R { get; }
}
