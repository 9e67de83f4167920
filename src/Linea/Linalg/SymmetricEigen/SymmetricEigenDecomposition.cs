using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Linea;

/// <summary>
/// The eigendecomposition A = V diag(w) V^T of a real symmetric n x n matrix (LAPACK's syevd): blocked Householder
/// reduction to tridiagonal form (sytrd); then, with eigenvectors, divide and conquer on the tridiagonal matrix (stedc;
/// the implicit QL iteration, steqr, up to order 32), or for eigenvalues alone the root-free QL iteration (sterf); and
/// back-transformation of the eigenvectors by the reflectors as block reflectors through GEMM (ormtr).
/// <para>Conventions: eigenvalues ascending (as <c>numpy.linalg.eigh</c>); eigenvectors are the columns of V,
/// orthonormal to about n eps even for repeated or clustered eigenvalues; each is normalised so that its entry of
/// largest magnitude (the first such on ties) is positive (NumPy fixes no sign; this makes results reproducible).</para>
/// <para>Accuracy: ||A V - V diag(w)|| and ||V^T V - I|| are O(n eps ||A||) and O(n eps); each eigenvalue is within
/// about n eps ||A||_2 of the exact one. Cost: about 4 n^3 / 3 flops for the eigenvalues alone, about 9 n^3 with vectors.
/// Only one triangle of A is read (<see cref="UpLo"/>); the other is neither read nor checked for symmetry.</para>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>; computed in T throughout.</typeparam>
public sealed class SymmetricEigenDecomposition<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _w;
    private readonly T[]? _v; // column-major n x n

    /// <summary>The order n of A.</summary>
    public int Size { get; }

    /// <summary>The eigenvalues, ascending: shape (n,).</summary>
    public NDArray<T> Eigenvalues => NDArray.Wrap((T[])_w.Clone(), Size);

    /// <summary>Whether the eigenvectors were computed (see the constructor's computeVectors).</summary>
    public bool HasEigenvectors => _v is not null;

    /// <summary>
    /// The eigenvectors as the columns of an n x n orthogonal matrix V (column j belongs to eigenvalue j). O(n^2) to copy out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The decomposition was made without eigenvectors.</exception>
    public NDArray<T> Eigenvectors => _v is null
        ? throw new InvalidOperationException("eigh: this decomposition was computed without eigenvectors (computeVectors: false)")
        : ColMajor.ToTensor(_v, 0, Math.Max(Size, 1), Size, Size);

    /// <summary>
    /// Decomposes the symmetric matrix <paramref name="a"/> (n x n, any strides; it is copied, not modified), reading only
    /// the triangle <paramref name="uplo"/>. O(n^3).
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (rank 2).</exception>
    /// <exception cref="NonFiniteException">The triangle read holds NaN or infinity (the message names the entry).</exception>
    /// <exception cref="NoConvergenceException">The QL iteration took more than 30 n iterations (not expected for finite input).</exception>
    public SymmetricEigenDecomposition(NDArray<T> a, UpLo uplo = UpLo.Lower, bool computeVectors = true, Parallelism? parallelism = null, EighParams? parameters = null)
        : this("eigh", a, uplo, computeVectors, parallelism ?? Parallelism.Default, parameters) { }

    internal SymmetricEigenDecomposition(string op, NDArray<T> a, UpLo uplo, bool computeVectors, Parallelism parallelism, EighParams? parameters = null)
    {
        var p = parameters ?? EighParams.Auto;
        p.Validate(op);
        Linalg.RequireSquare(op, a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch(op, $"needs one matrix (2-d), got shape {a.Shape}; for a stack (..., n, n) use Linalg.Eigh or Linalg.Eigvalsh", a.Shape);
        int n = a.IntDims[0];
        Size = n;
        int lda = Math.Max(n, 1);
        var work = LowerCopy(op, a, uplo, out T amax);
        _w = new T[n];
        if (n == 0) { _v = computeVectors ? [] : null; return; }

        int scale = SpectralScaling.Exponent(amax);
        SpectralScaling.ScaleB<T>(work, scale);

        var e = new T[Math.Max(n - 1, 0)];
        var tau = new T[Math.Max(n - 1, 0)];
        Sytrd.Blocked(Kernels.MatrixView<T>.ColumnMajor(work, 0, n, n, lda), _w, e, tau, parallelism, p.TridiagonalBlockSize, p.TridiagonalCrossover);
        bool divideAndConquer = n > p.DivideAndConquerLeaf;
        // Divide and conquer writes every entry of z (it clears z first), so its 8 n^2 bytes are not zeroed here too;
        // the QL iteration accumulates into the identity.
        T[]? z = !computeVectors ? null : divideAndConquer ? GC.AllocateUninitializedArray<T>(n * n) : new T[n * n];
        if (z is not null && !divideAndConquer)
            for (int i = 0; i < n; i++) z[i + i * n] = T.One;
        bool converged = z is null ? Sterf.Solve<T>(n, _w, e) : divideAndConquer ? DivideAndConquer(n, _w, e, z, parallelism, p.DivideAndConquerLeaf) : Steqr.Solve(n, _w, e, Kernels.MatrixView<T>.ColumnMajor(z, 0, n, n, n), parallelism);
        if (!converged)
            throw new NoConvergenceException($"{op}: the tridiagonal QL iteration did not converge within {Steqr.MaxIterationsPerValue * n} iterations ({Steqr.MaxIterationsPerValue} n) for a {n} x {n} matrix");
        if (z is not null && n > 1)
            Ormqr.ApplyLeft(false, Kernels.MatrixView<T>.ColumnMajor(work, 1, n - 1, n - 1, lda), n - 1, tau, Kernels.MatrixView<T>.ColumnMajor(z, 1, n - 1, n, n), QrParams.Auto, parallelism);
        SpectralScaling.ScaleB<T>(_w.AsSpan(0, n), -scale);
        SpectralScaling.SortWithColumns<T>(_w, descending: false, z, n, null, 0);
        if (z is not null) SpectralScaling.NormalizeColumnSigns(z, n, n, null, 0);
        _v = z;
    }

    /// <summary>
    /// <see cref="Stedc.Solve{T}(Span{T}, Span{T}, in Linea.Kernels.MatrixView{T}, Parallelism, T[], int[], int)"/> with its workspace (about 3 n^2 elements, 24 MB at n = 1000) rented from the shared
    /// pool rather than allocated per call (the merges write every element they read).
    /// </summary>
    private static bool DivideAndConquer(int n, T[] w, T[] e, T[] z, Parallelism parallelism, int leaf)
    {
        var work = System.Buffers.ArrayPool<T>.Shared.Rent(checked((int)Stedc.WorkspaceSize(n)));
        var iwork = System.Buffers.ArrayPool<int>.Shared.Rent(Stedc.IntWorkspaceSize(n));
        try { return Stedc.Solve<T>(w.AsSpan(0, n), e, Linea.Kernels.MatrixView<T>.ColumnMajor(z, 0, n, n, n), parallelism, work, iwork, leaf); }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(iwork);
            System.Buffers.ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary>V diag(w) V^T, which equals A (its symmetric completion from the triangle read) up to O(n eps ||A||). O(n^3).</summary>
    /// <exception cref="InvalidOperationException">The decomposition was made without eigenvectors.</exception>
    public NDArray<T> Reconstruct()
    {
        var v = Eigenvectors;
        return (v * Eigenvalues).MatMul(v.T);
    }

    /// <summary>
    /// Column-major copy of the symmetric matrix with the chosen triangle mirrored into the lower one; checks
    /// finiteness of the entries read and returns their largest magnitude. Entry (i, j), i &gt;= j, of the triangle read
    /// (in lower coordinates) is at i ri + j cj of the input; when ri is 1 each column is one contiguous copy, when cj is
    /// 1 (a row-major input read as Lower, or a column-major one read as Upper) 32 x 32 tiles are transposed with
    /// contiguous reads; the finiteness check and the maximum are then one SIMD pass over the copy.
    /// </summary>
    private static T[] LowerCopy(string op, NDArray<T> a, UpLo uplo, out T amax)
    {
        int n = a.IntDims[0];
        long rs = a.StrideArray[0], cs = a.StrideArray[1];
        var dst = new T[checked(n * n)];
        amax = T.Zero;
        if (n == 0) return dst;
        ref T src = ref a.Store.At(a.Offset);
        long ri = uplo == UpLo.Lower ? rs : cs, cj = uplo == UpLo.Lower ? cs : rs; // strides of dst's i and j in src
        const int Tile = 32;
        if (ri == 1)
        {
            for (int j = 0; j < n; j++)
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref src, (nint)(j * cj + j)), n - j).CopyTo(dst.AsSpan(j * n + j, n - j));
        }
        else if (cj == 1)
        {
            for (int i0 = 0; i0 < n; i0 += Tile)
            {
                int i1 = Math.Min(i0 + Tile, n);
                for (int j0 = 0; j0 < i1; j0 += Tile)
                {
                    int j1 = Math.Min(j0 + Tile, n);
                    for (int i = i0; i < i1; i++)
                    {
                        int jEnd = Math.Min(j1, i + 1);
                        if (jEnd <= j0) continue;
                        var row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref src, (nint)(i * ri + j0)), jEnd - j0);
                        ref T d = ref dst[i + j0 * n];
                        for (int t = 0; t < row.Length; t++) Unsafe.Add(ref d, (nint)t * n) = row[t];
                    }
                }
            }
        }
        else
        {
            // In 32 x 32 tiles of the lower triangle, so strided reads stay in cache.
            for (int j0 = 0; j0 < n; j0 += Tile)
            {
                int j1 = Math.Min(j0 + Tile, n);
                for (int i0 = j0; i0 < n; i0 += Tile)
                {
                    int i1 = Math.Min(i0 + Tile, n);
                    for (int j = j0; j < j1; j++)
                        for (int i = Math.Max(i0, j); i < i1; i++)
                            dst[i + j * n] = Unsafe.Add(ref src, (nint)(i * ri + j * cj));
                }
            }
        }
        GC.KeepAlive(a.Store);
        for (int j = 0; j < n; j++)
        {
            var column = dst.AsSpan(j * n + j, n - j);
            T m = MaxAbs.Of<T>(column);
            if (!T.IsFinite(m))
            {
                int i = j;
                while (T.IsFinite(dst[i + j * n])) i++;
                T x = dst[i + j * n];
                int r = uplo == UpLo.Lower ? i : j, c = uplo == UpLo.Lower ? j : i;
                throw new NonFiniteException($"{op}: the input of shape {a.Shape} contains {x} at [{r}, {c}] (in the {(uplo == UpLo.Lower ? "lower" : "upper")} triangle read); linear algebra needs finite numbers");
            }
            amax = T.Max(amax, m);
        }
        return dst;
    }
}
