using System.Numerics;
using Linea.Kernels;

namespace Linea;

/// <summary>
/// The eigendecomposition A V = V diag(w) of a real, general (non-symmetric) n x n matrix, as LAPACK's geev computes
/// it: the matrix is scaled when its largest entry is near overflow or underflow, balanced (<see cref="Gebal"/>:
/// a permutation isolating eigenvalues and a diagonal scaling by powers of two), reduced to upper Hessenberg form
/// H = Q^T A Q (blocked, <see cref="Gehrd"/>), and brought to real Schur form T = Z^T H Z by the Francis QR iteration
/// (the double-shift iteration for small matrices, the small-bulge multishift iteration with aggressive early
/// deflation for larger ones). The eigenvectors of T come from back substitution and are carried back by Q Z and the
/// balancing.
/// <para>Conventions (those of <c>numpy.linalg.eig</c>): eigenvalues in the order the iteration produces them (not
/// sorted); a complex conjugate pair is adjacent, the one with positive imaginary part first, and its two members are
/// exact conjugates. Eigenvectors are the columns of V (column j belongs to w[j]), each of unit 2-norm; a complex
/// eigenvector is rotated so that its component of largest modulus is real, and the eigenvector of a conjugate
/// eigenvalue is the conjugate vector. If every eigenvalue is real, both results have zero imaginary parts exactly
/// (<see cref="ComplexTensor{TScalar}.IsReal"/>).</para>
/// <para>Accuracy: backward stable, ||A V - V diag(w)|| = O(n eps ||A||). An eigenvalue's error is about its condition
/// number times that (1/|y^H x| for unit left and right eigenvectors y, x): exact for well-separated eigenvalues of
/// normal matrices, large for ill-conditioned ones, and about (eps ||A||)^(1/k) for a defective eigenvalue in a k x k
/// Jordan block. Eigenvectors of (nearly) repeated eigenvalues are not well determined and may be nearly parallel.
/// Prefer <see cref="SymmetricEigenDecomposition{T}"/> (<see cref="Linalg.Eigh{T}"/>) for symmetric matrices: it is
/// faster, and its eigenvalues are real and sorted, and its eigenvectors orthonormal.</para>
/// <para>Cost: about 10 n^3 flops for the eigenvalues alone, about 25 n^3 with eigenvectors (in the QR iteration the
/// count depends on the number of iterations, typically 2 to 4 sweeps' worth per eigenvalue).</para>
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>; computed in T throughout.</typeparam>
public sealed class EigenDecomposition<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _wr, _wi;
    private readonly T[]? _v; // column-major n x n, LAPACK's packed real form of the eigenvectors

    /// <summary>The order n of A.</summary>
    public int Size { get; }

    /// <summary>
    /// The eigenvalues, shape (n,), in the order described in the class remarks. O(n) to copy out.
    /// </summary>
    public ComplexTensor<T> Eigenvalues => new(NDArray.Wrap((T[])_wr.Clone(), Size), NDArray.Wrap((T[])_wi.Clone(), Size));

    /// <summary>Whether all eigenvalues are real (every imaginary part is exactly zero). O(n).</summary>
    public bool IsReal => Array.TrueForAll(_wi, x => x == T.Zero);

    /// <summary>Whether the eigenvectors were computed (see the constructor's computeVectors).</summary>
    public bool HasEigenvectors => _v is not null;

    /// <summary>
    /// The eigenvectors as the columns of an n x n complex matrix V (column j belongs to eigenvalue j), each of unit
    /// 2-norm. O(n^2) to copy out.
    /// </summary>
    /// <exception cref="InvalidOperationException">The decomposition was made without eigenvectors.</exception>
    public ComplexTensor<T> Eigenvectors
    {
        get
        {
            if (_v is null) throw new InvalidOperationException("eig: this decomposition was computed without eigenvectors (computeVectors: false)");
            int n = Size;
            var re = new T[n * n];
            var im = new T[n * n];
            for (int j = 0; j < n; j++)
            {
                if (_wi[j] == T.Zero)
                {
                    for (int i = 0; i < n; i++) re[i * n + j] = _v[i + j * n];
                }
                else if (_wi[j] > T.Zero)
                {
                    for (int i = 0; i < n; i++)
                    {
                        T x = _v[i + j * n], y = _v[i + (j + 1) * n];
                        re[i * n + j] = x; im[i * n + j] = y;
                        re[i * n + j + 1] = x; im[i * n + j + 1] = -y;
                    }
                }
            }
            return new ComplexTensor<T>(NDArray.Wrap(re, n, n), NDArray.Wrap(im, n, n));
        }
    }

    /// <summary>
    /// Decomposes the square matrix <paramref name="a"/> (n x n, any strides; it is copied, not modified). O(n^3).
    /// </summary>
    /// <param name="a">The matrix, rank 2.</param>
    /// <param name="computeVectors">Whether to compute the eigenvectors too (about 2.5 times the work).</param>
    /// <param name="parameters">Block sizes and crossovers; null means <see cref="EigParams.Auto"/>.</param>
    /// <exception cref="ShapeMismatchException">a is not a square matrix (rank 2).</exception>
    /// <exception cref="NonFiniteException">a holds NaN or infinity (the message names the entry).</exception>
    /// <exception cref="NoConvergenceException">The QR iteration did not converge (30 max(10, n) iterations without a deflation).</exception>
    public EigenDecomposition(NDArray<T> a, bool computeVectors = true, EigParams? parameters = null)
        : this("eig", a, computeVectors, parameters ?? EigParams.Auto) { }

    internal EigenDecomposition(string op, NDArray<T> a, bool computeVectors, EigParams p)
    {
        var parallelism = Parallelism.Default;
        Linalg.RequireSquare(op, a);
        if (a.Rank != 2) ThrowHelper.ShapeMismatch(op, $"needs one square matrix (2-d), got shape {a.Shape}; for a stack (..., n, n) use Linalg.Eig or Linalg.Eigvals", a.Shape);
        Linalg.RequireFinite(op, a);
        int n = a.IntDims[0];
        Size = n;
        _wr = new T[n];
        _wi = new T[n];
        if (n == 0) { _v = computeVectors ? [] : null; return; }

        var h = ColMajor.FromMatrix(a);
        int scale = RangeScale(h);
        SpectralScaling.ScaleB<T>(h, scale);

        var hm = MatrixView<T>.ColumnMajor(h, 0, n, n, n);
        var bal = new T[n];
        Gebal.Balance(hm, bal, out int ilo, out int ihi);
        var tau = new T[Math.Max(n - 1, 1)];
        Gehrd.Reduce(ilo, ihi, hm, tau, p, parallelism);
        T[] z = [];
        if (computeVectors)
        {
            z = (T[])h.Clone();
            Orghr.Form(ilo, ihi, MatrixView<T>.ColumnMajor(z, 0, n, n, n), tau, parallelism);
        }
        for (int j = 0; j + 2 < n; j++) hm.Column(j, j + 2, n - j - 2).Clear();

        var zm = computeVectors ? MatrixView<T>.ColumnMajor(z, 0, n, n, n) : default;
        int info = Hseqr.Run(computeVectors, computeVectors, ilo, ihi, hm, _wr, _wi, zm, p, parallelism);
        if (info > 0)
            throw new NoConvergenceException($"{op}: the QR iteration did not converge for a {n} x {n} matrix: eigenvalues 0..{info - 1} were not found within {p.IterationFactor} max(10, n) iterations without a deflation (LAPACK's limit); the input may be badly scaled or extremely non-normal");

        if (computeVectors)
        {
            var v = new T[n * n];
            var vm = MatrixView<T>.ColumnMajor(v, 0, n, n, n);
            Trevc.RightVectors(hm, zm, vm, p.VectorNb, parallelism);
            Gebak.RightVectors(ilo, ihi, bal, vm);
            EigenvectorNormalization.Normalize<T>(_wi, vm);
            _v = v;
        }
        SpectralScaling.ScaleB<T>(_wr.AsSpan(0, n), -scale);
        SpectralScaling.ScaleB<T>(_wi.AsSpan(0, n), -scale);
    }

    /// <summary>
    /// geev's range scaling: a power of two that brings the largest magnitude of A into [sqrt(safmin) / eps,
    /// eps / sqrt(safmin)] when it lies outside (so that the iteration neither overflows nor loses tiny entries to
    /// underflow), 1 otherwise. Exact.
    /// </summary>
    private static int RangeScale(T[] a)
    {
        T amax = T.Zero;
        foreach (var x in a) amax = T.Max(amax, T.Abs(x));
        if (amax == T.Zero) return 0;
        double ulp = MachineConstants<T>.UlpDouble;
        double smlnum = Math.Sqrt(MachineConstants<T>.SafeMinDouble) / ulp, bignum = 1 / smlnum;
        double m = double.CreateTruncating(amax);
        if (m >= smlnum && m <= bignum) return 0;
        double target = m < smlnum ? smlnum : bignum;
        return Math.ILogB(target) - Math.ILogB(m);
    }
}
