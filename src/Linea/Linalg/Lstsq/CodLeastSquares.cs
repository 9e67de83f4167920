using System.Numerics;
using Linea.Kernels;
using Linea.Numerics;

namespace Linea;

/// <summary>
/// Least squares in working precision as LAPACK's gelsy, with two additions: the columns of A are first scaled to
/// unit norm by powers of two (exact; D below), and for m &gt; n a blocked Householder QR runs first so the
/// level-2 pivoted QR only sees the n x n triangle (TSQR of A itself when m &gt;&gt; n, see TryTallSkinny). A D = Q0 [R0; 0], R0 P = Q1 R, [R11 R12] = [T11 0] Z at the
/// numerical rank r, x = D P Z^T [T11^{-1} (Q1^T Q0^T b)[:r]; 0]. O(m n^2 + n^3).
/// </summary>
internal sealed class CodLeastSquares<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _m, _n;
    private readonly T[] _scale;            // D, powers of two
    private readonly T[]? _qr0, _tau0;      // the unpivoted QR of A D when m > n
    private TallSkinnyQr<T>? _tsqr;          // instead of _qr0: the TSQR of A (the Q of A D too) when m >> n
    private readonly ColPivQrDecomposition<T> _cp;

    public int Rank { get; }
    public double Cutoff { get; }
    private readonly Lazy<double[]> _scaledSingularValues;

    /// <summary>Singular values, descending, of the column-scaled A; computed on first use unless the rank decision needed them.</summary>
    public IReadOnlyList<double> ScaledSingularValues => _scaledSingularValues.Value;

    /// <summary>
    /// Factors A. With <paramref name="forcedRank"/> null the rank comes from the singular values of the factor and
    /// <paramref name="rcond"/>; otherwise it is taken as given (no singular values are computed).
    /// <paramref name="scaleColumns"/> = false keeps D = I, which the minimum-norm solution of a rank-deficient
    /// problem needs (column scaling changes which solution has minimum norm).
    /// </summary>
    /// <param name="a">A, m x n.</param>
    /// <param name="rcond">The relative cutoff, or null for eps max(m, n).</param>
    /// <param name="scaleColumns">Scale columns to unit norm (D) before deciding the rank.</param>
    /// <param name="forcedRank">The rank to use, or null to decide it.</param>
    /// <param name="tallSkinny">When the unpivoted QR of a tall A runs as TSQR (<see cref="TallSkinnyQrParams.Auto"/> when null).</param>
    public CodLeastSquares(NDArray<T> a, double? rcond, bool scaleColumns = true, int? forcedRank = null, TallSkinnyQrParams? tallSkinny = null)
    {
        var parallelism = Parallelism.Default;
        _m = a.IntDims[0];
        _n = a.IntDims[1];
        int m = _m, n = _n, lda = Math.Max(m, 1), k = Math.Min(m, n);
        if (m > n && TallSkinnyQr<T>.Applies(m, n, tallSkinny ?? TallSkinnyQrParams.Auto)
            && TryTallSkinny(a, scaleColumns, tallSkinny ?? TallSkinnyQrParams.Auto, parallelism, out _scale, out _tsqr, out var cp))
        {
            _cp = cp;
        }
        else
        {
            var w = ColMajor.FromMatrix(a);
            _scale = new T[n];
            int maxExp = typeof(T) == typeof(float) ? 120 : 1000;
            for (int j = 0; j < n; j++)
            {
                var col = MatrixView<T>.ColumnMajor(w, 0, m, n, lda).Block(0, j, m, 1);
                T nrm = Nrm2.Compute(col);
                int e = nrm == T.Zero || !scaleColumns ? 0 : Math.Clamp(-Math.ILogB(double.CreateTruncating(nrm)), -maxExp, maxExp);
                _scale[j] = T.CreateTruncating(Math.ScaleB(1.0, e));
                Householder.Scale(_scale[j], col);
            }
            if (m > n)
            {
                _qr0 = w;
                _tau0 = new T[n];
                Geqrf.Blocked(MatrixView<T>.ColumnMajor(w, 0, m, n, lda), _tau0, QrParams.Auto, parallelism);
                var r0 = new T[n * n];
                for (int j = 0; j < n; j++) Array.Copy(w, j * lda, r0, j * n, j + 1);
                _cp = new ColPivQrDecomposition<T>(n, n, r0, parallelism);
            }
            else _cp = new ColPivQrDecomposition<T>(m, n, w, parallelism);
        }

        Cutoff = rcond ?? Precision.EpsDouble<T>() * Math.Max(m, n);
        if (forcedRank is int fr)
        {
            _scaledSingularValues = new Lazy<double[]>(() => []);
            Rank = fr;
            return;
        }
        _scaledSingularValues = new Lazy<double[]>(() => SingularValuesOfR(unscale: false));
        if (k > 0 && CertainlyFullRank(k, parallelism))
        {
            Rank = k;
            return;
        }
        var sv = _scaledSingularValues.Value;
        double limit = sv.Length == 0 ? 0 : Cutoff * sv[0];
        int rank = 0;
        while (rank < k && sv[rank] > limit) rank++;
        Rank = rank;
    }

    /// <summary>Whether the unpivoted QR ran as TSQR (for tests).</summary>
    internal bool UsedTallSkinny => _tsqr is not null;

    /// <summary>
    /// The first factorization as TSQR of A itself (Q needs no scaling: Householder QR of A D, D powers of two, gives
    /// the same reflectors and R D), D from the column norms of R (equal to A's, ||A e_j|| = ||R e_j||), then the
    /// pivoted QR of R D exactly as the blocked path does it. False (everything released) when R is not finite or a
    /// column norm lies so far from 1 that the unscaled products could have lost range (|log2| > 40 in float, 300 in
    /// double); the caller then scales first and runs the blocked path.
    /// </summary>
    private static bool TryTallSkinny(NDArray<T> a, bool scaleColumns, TallSkinnyQrParams p, Parallelism parallelism,
        out T[] scale, out TallSkinnyQr<T>? tsqr, out ColPivQrDecomposition<T> cp)
    {
        int n = a.IntDims[1];
        var ts = new TallSkinnyQr<T>(a, p, parallelism, keepReflectors: true);
        var r0 = ts.RColumnMajor();
        scale = new T[n];
        int safeExp = typeof(T) == typeof(float) ? 40 : 300;
        for (int j = 0; j < n; j++)
        {
            var col = MatrixView<T>.ColumnMajor(r0, 0, n, n, n).Block(0, j, j + 1, 1);
            T nrm = Nrm2.Compute(col);
            int e = nrm == T.Zero || !scaleColumns || !T.IsFinite(nrm) ? 0 : -Math.ILogB(double.CreateTruncating(nrm));
            if (!T.IsFinite(nrm) || Math.Abs(e) > safeExp)
            {
                ts.Dispose();
                tsqr = null;
                cp = null!;
                return false;
            }
            scale[j] = T.CreateTruncating(Math.ScaleB(1.0, e));
            Householder.Scale(scale[j], col);
        }
        cp = new ColPivQrDecomposition<T>(n, n, r0, parallelism);
        tsqr = ts;
        return true;
    }

    /// <summary>Gives the TSQR reflectors (m x n, pooled) back; <see cref="Solve"/> must not be called afterwards.</summary>
    public void ReleaseWorkspace() => Interlocked.Exchange(ref _tsqr, null)?.Dispose();

    /// <summary>
    /// A sufficient test, O(k^3 / 3) through TRSM instead of the O(k^3)-per-sweep Jacobi, that every singular value of
    /// the k x n factor R exceeds <see cref="Cutoff"/> times the largest, so the rank is k without computing them:
    /// sigma_1(R) &lt;= ||R||_F and sigma_k(R) &gt;= sigma_k(R11) = 1 / ||R11^-1||_2 &gt;= 1 / ||R11^-1||_F (interlacing
    /// for the k x k leading block R11), so sigma_k / sigma_1 &gt;= 1 / (||R11^-1||_F ||R||_F). The computed inverse
    /// is that of R11 + dR with ||dR|| &lt;= k eps ||R||_F (backward stable substitution), which moves sigma_k by at most
    /// k eps ||R||_F; testing against 4 max(cutoff, k eps) covers it with room to spare. When the test fails (rank
    /// deficient, or merely close to the cutoff) the caller decides on the singular values as before, so the rank is
    /// always the one the singular values give.
    /// </summary>
    private bool CertainlyFullRank(int k, Parallelism parallelism)
    {
        int n = _n, ldr = Math.Max(_cp.Rows, 1);
        var packed = _cp.Packed;
        double fr = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0, top = Math.Min(j + 1, k); i < top; i++)
            {
                double v = double.CreateTruncating(packed[i + j * ldr]);
                fr += v * v;
            }
        var x = new T[k * k];
        for (int i = 0; i < k; i++) x[i * k + i] = T.One;
        var r11 = Kernels.MatrixView<T>.ColumnMajor(packed, 0, k, k, ldr);
        Kernels.Blas3.Trsm.Solve(Kernels.Blas3.Side.Left, lower: false, transpose: false, unitDiagonal: false, T.One,
            r11, Kernels.MatrixView<T>.RowMajor(x, k, k), parallelism);
        double fx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]);
            fx += v * v;
        }
        double tau = 4 * Math.Max(Cutoff, k * Precision.EpsDouble<T>());
        return double.IsFinite(fx) && double.IsFinite(fr) && fr > 0 && Math.Sqrt(fx) * Math.Sqrt(fr) * tau < 1;
    }

    /// <summary>Singular values, descending, of R (scaled problem) or of R P^T D^{-1} (A itself) by one-sided Jacobi on R^T.</summary>
    public double[] SingularValuesOfR(bool unscale)
    {
        int k = Math.Min(_m, _n), n = _n, ldr = Math.Max(_cp.Rows, 1);
        var packed = _cp.Packed;
        var perm = _cp.Permutation;
        var g = new double[n * k]; // R^T: n x k column-major, column i = row i of R
        for (int i = 0; i < k; i++)
            for (int j = i; j < n; j++)
            {
                double v = double.CreateTruncating(packed[i + j * ldr]);
                if (unscale) v /= double.CreateTruncating(_scale[perm[j]]);
                g[j + i * n] = v;
            }
        return JacobiSingularValues.Compute(n, k, g);
    }

    /// <summary>x (n x nrhs, column-major, ld max(n, 1)) for the m x nrhs column-major block b (ld max(m, 1), overwritten).</summary>
    public T[] Solve(T[] b, int nrhs, Parallelism parallelism)
    {
        int m = _m, n = _n, lda = Math.Max(m, 1);
        var bv = MatrixView<T>.ColumnMajor(b, 0, m, nrhs, lda);
        if (_tsqr is not null) _tsqr.ApplyQT(bv);
        else if (_qr0 is not null) Ormqr.ApplyLeft(true, MatrixView<T>.ColumnMajor(_qr0, 0, m, n, lda), n, _tau0, bv, QrParams.Auto, parallelism);
        var head = bv.Block(0, 0, _cp.Rows, nrhs);   // R's rows when a QR ran first, else all of b
        _cp.ApplyQT(head, parallelism);
        var x = _cp.SolveTransformed(head, Rank);
        int ldx = Math.Max(n, 1);
        for (int s = 0; s < nrhs; s++)
            for (int j = 0; j < n; j++) x[j + s * ldx] *= _scale[j];
        return x;
    }

    /// <summary>b - A x for every right-hand side, accumulated in double-double and rounded to T (column-major m x nrhs);
    /// rows split across the default threads when m n is large (each row's sum is the same whatever the split).</summary>
    public static T[] Residual(NDArray<T> a, T[] b, int ldb, T[] x, int ldx, int nrhs, out double[] squaredNorms)
    {
        int m = a.IntDims[0], n = a.IntDims[1];
        long rs = a.StrideArray[0], cs = a.StrideArray[1];
        var r = new T[Math.Max(m, 1) * nrhs];
        squaredNorms = new double[nrhs];
        var column = new DoubleDouble[m];
        int threads = Math.Clamp((int)Math.Min((long)m * n / 65536, Parallelism.Default.Threads), 1, 64);
        var partMax = new double[threads];
        for (int s = 0; s < nrhs; s++)
        {
            // Rows split across threads (each row's sum is independent, so the result does not depend on the split).
            int rhs = s;
            void Rows(int tid, int nt)
            {
                int i0 = Kernels.Threading.SplitJob.Bound(tid, nt, m, 1), i1 = Kernels.Threading.SplitJob.Bound(tid + 1, nt, m, 1);
                ref T o = ref a.Store.Reference;
                double mx = 0;
                for (int i = i0; i < i1; i++)
                {
                    DoubleDouble acc = double.CreateTruncating(b[i + rhs * ldb]);
                    long ai = a.Offset + i * rs;
                    for (int j = 0; j < n; j++)
                        acc -= DoubleDouble.TwoProd(double.CreateTruncating(System.Runtime.CompilerServices.Unsafe.Add(ref o, (nint)(ai + j * cs))), double.CreateTruncating(x[j + rhs * ldx]));
                    r[i + rhs * Math.Max(m, 1)] = T.CreateTruncating((double)acc);
                    column[i] = acc;
                    mx = Math.Max(mx, Math.Abs(acc.Hi));
                }
                partMax[tid] = mx;
            }
            Array.Clear(partMax);
            if (threads == 1) Rows(0, 1);
            else Kernels.Threading.SplitJob.Run(threads, Rows);
            double amax = partMax.Max();
            // The squared norm summed at the scale of the largest entry (a power of two, exact), so residuals near
            // 1e300 give inf when the square overflows, and 1e-300 ones keep their digits, instead of NaN or 0.
            int k = amax == 0 || !double.IsFinite(amax) ? 0 : Math.ILogB(amax);
            DoubleDouble ss = DoubleDouble.Zero;
            for (int i = 0; i < m; i++)
            {
                var scaled = new DoubleDouble(Math.ScaleB(column[i].Hi, -k), Math.ScaleB(column[i].Lo, -k));
                ss += scaled * scaled;
            }
            squaredNorms[s] = Math.ScaleB((double)ss, 2 * k);
        }
        GC.KeepAlive(a.Store);
        return r;
    }
}
