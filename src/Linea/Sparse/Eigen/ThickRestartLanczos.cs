using System.Numerics;

namespace Linea;

/// <summary>
/// Block thick-restart Lanczos (Wu and Simon, 2000; the block form as in Zhou and Saad's block TRLan) for a few
/// eigenpairs of a symmetric operator, with full reorthogonalization.
/// <para>Each step multiplies the operator into a block of b vectors, makes the result orthogonal to the whole basis by
/// classical Gram-Schmidt, each pass two GEMMs on the basis block, with a second pass when the first removed more than
/// 1 - 1/sqrt(2) of a column's norm (the DGKS test ARPACK uses; so the basis is read once per b products, not once per
/// product: for b &gt; 1 the reorthogonalization, which dominates for cheap operators, costs b times less memory traffic),
/// and orthonormalizes the block by SVQB (the eigendecomposition of its b x b Gram matrix; directions lost to an
/// invariant subspace are replaced by random ones coupled by zero). The projected matrix keeps its exact structure:
/// after a restart, the diagonal of kept Ritz values with an arrow coupling them to the next block, then block
/// tridiagonal; the Gram-Schmidt coefficients beyond the diagonal block are rounding-level corrections to the vectors,
/// not entries of it (as in ARPACK), so residual estimates of converged pairs fall far below eps ||A||.</para>
/// <para>After the basis fills (ncv columns) the projected matrix is diagonalized by the dense symmetric solver; the
/// most wanted Ritz vectors (the k wanted plus a share of the rest: locking converged pairs in place and keeping a wider
/// subspace for clustered spectra) become the first columns of the next basis, followed by the last residual block. Each
/// restart costs one n x m by m x keep GEMM, done in row panels in place. With b = 1 this is plain thick-restart
/// Lanczos; b &gt; 1 also finds eigenvalues of multiplicity up to b without relying on rounding errors.</para>
/// <para>Convergence of Ritz pair (theta, y): ||R y_last|| &lt;= tol max(eps^(2/3), |theta|), ARPACK's dsconv test, where
/// R y_last (the last block's coupling times the Ritz vector's last b components) is the residual OP x - theta x in the
/// residual block's basis.</para>
/// </summary>
internal sealed class ThickRestartLanczos<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int RowPanel = 8192;

    private readonly ILinearOperator<T> _op;
    private readonly int _n, _ncv, _k, _b;
    private readonly Which _which;
    private readonly T _tol;
    private readonly Parallelism _par;
    private readonly string _name;
    private readonly Rng _rng;
    private readonly T[] _v, _h, _wk, _scratch, _proj, _second, _rLast, _panel;

    /// <summary>Operator products so far.</summary>
    public long Matvecs { get; private set; }

    /// <summary>Restarts so far (ARPACK's iteration count).</summary>
    public int Restarts { get; private set; }

    /// <summary>The Ritz values (ascending) of the last cycle.</summary>
    public T[] LastRitzValues { get; private set; } = [];

    /// <summary>The residual estimates of <see cref="LastRitzValues"/>.</summary>
    public T[] LastResiduals { get; private set; } = [];

    public ThickRestartLanczos(string name, ILinearOperator<T> op, int k, Which which, int ncv, int blockSize, T tol, ulong seed, Parallelism par)
    {
        _name = name; _op = op; _n = op.Rows; _ncv = ncv; _k = k; _b = blockSize; _which = which; _tol = tol; _par = par;
        _rng = new Rng(seed);
        long basis = (long)_n * (_ncv + _b);
        if (basis > Array.MaxLength)
            ThrowHelper.Argument(name, nameof(ncv), $"the Lanczos basis of n = {_n} rows and ncv + block = {_ncv + _b} columns needs {basis} elements, more than one array holds ({Array.MaxLength}); lower ncv");
        _v = new T[basis];
        _h = new T[_ncv * _ncv];
        _wk = new T[(long)_n * _b];
        _scratch = new T[(long)_n * _b];
        _second = new T[(_ncv + _b) * _b];
        _proj = new T[(_ncv + _b) * _b];
        _rLast = new T[_b * _b];
        _panel = new T[Math.Min(_n, RowPanel) * _ncv];
    }

    /// <summary>
    /// Runs to convergence of the k wanted Ritz pairs or to <paramref name="maxRestarts"/> restarts. Returns the k wanted
    /// Ritz values (most wanted first), their Ritz vectors (n x k column-major, or null) and how many converged.
    /// </summary>
    public (T[] Values, T[]? Vectors, int Converged) Run(ReadOnlySpan<T> v0, int maxRestarts, bool wantVectors)
    {
        int n = _n, b = _b;
        if (v0.IsEmpty) FillRandom(_v.AsSpan(0, n));
        else v0.CopyTo(_v.AsSpan(0, n));
        for (int c = 1; c < b; c++) FillRandom(_v.AsSpan(c * n, n));
        Array.Copy(_v, _wk, (long)n * b);
        OrthonormalizeBlock(0, _rLast);
        Array.Copy(_wk, _v, (long)n * b);

        T eps23 = T.CreateTruncating(Math.Pow(MachineConstants<T>.UnitRoundoffDouble, 2.0 / 3));
        int kept = 0;
        while (true)
        {
            int m = kept + (_ncv - kept) / b * b;
            Expand(kept, m);
            var hm = new T[m * m];
            for (int j = 0; j < m; j++) _h.AsSpan(j * _ncv, m).CopyTo(hm.AsSpan(j * m, m));
            var y = new T[m * m];
            var theta = ColumnBlock.Eigh(hm, m, y);
            var order = WantedOrder(theta);
            var resid = new T[m];
            for (int i = 0; i < m; i++) resid[i] = CouplingNorm(y, m, i, null);
            LastRitzValues = theta;
            LastResiduals = resid;
            int converged = 0;
            for (int i = 0; i < _k; i++)
                if (resid[order[i]] <= _tol * T.Max(eps23, T.Abs(theta[order[i]]))) converged++;
            if (converged == _k || Restarts >= maxRestarts)
            {
                var values = new T[_k];
                for (int i = 0; i < _k; i++) values[i] = theta[order[i]];
                T[]? vectors = null;
                if (wantVectors)
                {
                    vectors = new T[(long)n * _k];
                    ColumnBlock.Multiply(n, T.One, _v, 0, m, Gather(y, m, order, _k), 0, m, _k, T.Zero, vectors, 0, _par);
                }
                return (values, vectors, converged);
            }
            int most = _ncv - 2 * b;
            kept = Math.Max(_k + Math.Min(converged, (_ncv - _k) / 2), _k + (_ncv - _k) / 3);
            kept = Math.Max(Math.Min(kept, most), _k);
            Restart(y, m, order, kept, theta);
            Restarts++;
        }
    }

    /// <summary>
    /// Block Lanczos steps from the current block at columns [start, start + b) until the basis has m columns: fills the
    /// projected matrix's diagonal blocks and the couplings below them, the residual block at [m, m + b) and its
    /// coupling <see cref="_rLast"/>.
    /// </summary>
    private void Expand(int start, int m)
    {
        int n = _n, b = _b, ncv = _ncv;
        for (int j = start; j < m; j += b)
        {
            for (int c = 0; c < b; c++)
            {
                _op.Matvec(_v.AsSpan((j + c) * n, n), _wk.AsSpan(c * n, n));
                ColumnBlock.RequireFinite<T>(_name, _wk.AsSpan(c * n, n), $"the operator's product with Lanczos vector {j + c}");
            }
            Matvecs += b;
            _par.Cancellation.ThrowIfCancellationRequested();
            int cols = j + b;
            Orthogonalize(cols, _proj);
            // Diagonal block: the symmetric part of V_j^T A V_j.
            for (int c = 0; c < b; c++)
                for (int r = 0; r < b; r++)
                {
                    T avg = (_proj[(j + r) + c * cols] + _proj[(j + c) + r * cols]) / T.CreateTruncating(2);
                    _h[(j + r) + (j + c) * ncv] = avg;
                }
            OrthonormalizeBlock(cols, _rLast);
            Array.Copy(_wk, 0, _v, (long)cols * n, (long)b * n);
            if (cols < m)
                for (int c = 0; c < b; c++)
                    for (int r = 0; r < b; r++)
                    {
                        _h[(cols + r) + (j + c) * ncv] = _rLast[r + c * b];
                        _h[(j + c) + (cols + r) * ncv] = _rLast[r + c * b];
                    }
        }
    }

    /// <summary>W -= V_c (V_c^T W), once, or twice when a column lost more than 1 - 1/sqrt(2) of its norm (CGS with the
    /// DGKS test), against the first <paramref name="c"/> basis columns; the summed
    /// coefficients (c x b, column-major) go to <paramref name="coef"/>.</summary>
    private void Orthogonalize(int c, T[] coef)
    {
        int n = _n, b = _b;
        var second = _second;
        T smallest = T.PositiveInfinity;
        Span<T> before = b <= 64 ? stackalloc T[b] : new T[b];
        for (int j = 0; j < b; j++) before[j] = ColumnBlock.Norm<T>(_wk.AsSpan(j * n, n));
        ColumnBlock.Gram(n, _v, 0, c, _wk, 0, b, coef, _par);
        ColumnBlock.Multiply(n, -T.One, _v, 0, c, coef, 0, c, b, T.One, _wk, 0, _par);
        // DGKS (as ARPACK): a second pass only when the first removed enough to leave doubt, ||w'|| < ||w|| / sqrt(2).
        for (int j = 0; j < b; j++)
            smallest = T.Min(smallest, ColumnBlock.Norm<T>(_wk.AsSpan(j * n, n)) / T.Max(before[j], MachineConstants<T>.SafeMin));
        if (smallest > T.CreateTruncating(0.7071067811865476)) return;
        ColumnBlock.Gram(n, _v, 0, c, _wk, 0, b, second, _par);
        ColumnBlock.Multiply(n, -T.One, _v, 0, c, second, 0, c, b, T.One, _wk, 0, _par);
        for (int i = 0; i < c * b; i++) coef[i] += second[i];
    }

    /// <summary>
    /// The work block W (already orthogonal to the first <paramref name="basisCols"/> basis columns) becomes Q with
    /// orthonormal columns and W = Q R (R b x b, column-major, into <paramref name="r"/>), by SVQB twice. Directions
    /// W does not span (an invariant subspace) are filled with random vectors orthogonal to the basis and to Q, and get
    /// zero rows in R.
    /// </summary>
    private void OrthonormalizeBlock(int basisCols, T[] r)
    {
        int n = _n, b = _b;
        var rTotal = new T[b * b];
        for (int i = 0; i < b; i++) rTotal[i + i * b] = T.One;
        for (int pass = 0; pass < 2; pass++)
        {
            var g = new T[b * b];
            ColumnBlock.Gram(n, _wk, 0, b, _wk, 0, b, g, _par);
            var q = new T[b * b];
            var d = ColumnBlock.Eigh(g, b, q);
            T dmax = T.Max(d[^1], T.Zero);
            // Keep directions with d > (n eps)^2 dmax-scale; at the start of a run an all-zero block keeps none.
            T cut = T.Max(dmax, T.One) * MachineConstants<T>.Ulp * MachineConstants<T>.Ulp * T.CreateTruncating(100.0 * n);
            var t = new T[b * b];      // W Q D^-1/2 for kept directions, columns in descending d
            var rp = new T[b * b];     // R of this pass: rows D^1/2 Q^T
            int kept = 0;
            for (int j = b - 1; j >= 0; j--)
            {
                if (!(d[j] > cut)) continue;
                T s = T.Sqrt(d[j]);
                for (int i = 0; i < b; i++)
                {
                    t[i + kept * b] = q[i + j * b] / s;
                    rp[kept + i * b] = q[i + j * b] * s;
                }
                kept++;
            }
            var scratch = _scratch;
            ColumnBlock.Multiply(n, T.One, _wk, 0, b, t, 0, b, kept, T.Zero, scratch, 0, _par);
            Array.Copy(scratch, _wk, (long)n * b);
            for (int c = kept; c < b; c++) FillOrthogonalRandom(basisCols, c);
            // rTotal = rp * rTotal
            var next = new T[b * b];
            for (int c = 0; c < b; c++)
                for (int i = 0; i < b; i++)
                {
                    T acc = T.Zero;
                    for (int l = 0; l < b; l++) acc += rp[i + l * b] * rTotal[l + c * b];
                    next[i + c * b] = acc;
                }
            rTotal = next;
        }
        Array.Copy(rTotal, r, b * b);
    }

    /// <summary>Column c of W: a random unit vector orthogonal to the first <paramref name="basisCols"/> basis columns and
    /// to W's columns before c (zero if none can be found: the basis spans everything).</summary>
    private void FillOrthogonalRandom(int basisCols, int c)
    {
        int n = _n;
        var col = _wk.AsSpan(c * n, n);
        var coef = new T[basisCols + c + 1];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            FillRandom(col);
            T before = ColumnBlock.Norm<T>(col);
            for (int pass = 0; pass < 2; pass++)
            {
                if (basisCols > 0)
                {
                    ColumnBlock.Gram(n, _v, 0, basisCols, _wk, c, 1, coef, _par);
                    ColumnBlock.Multiply(n, -T.One, _v, 0, basisCols, coef, 0, basisCols, 1, T.One, _wk, c, _par);
                }
                if (c > 0)
                {
                    ColumnBlock.Gram(n, _wk, 0, c, _wk, c, 1, coef, _par);
                    ColumnBlock.Multiply(n, -T.One, _wk, 0, c, coef, 0, c, 1, T.One, _wk, c, _par);
                }
            }
            T after = ColumnBlock.Norm<T>(col);
            if (after > before * T.Sqrt(MachineConstants<T>.Ulp))
            {
                Scale(col, T.One / after);
                return;
            }
        }
        col.Clear();
    }

    /// <summary>||R_last y[m-b .. m, i]||, the residual norm of Ritz pair i; the vector R_last y[m-b .. m, i] goes to
    /// <paramref name="outVec"/> when given.</summary>
    private T CouplingNorm(T[] y, int m, int i, T[]? outVec)
    {
        int b = _b;
        T s = T.Zero;
        for (int r = 0; r < b; r++)
        {
            T acc = T.Zero;
            for (int c = 0; c < b; c++) acc += _rLast[r + c * b] * y[(m - b + c) + i * m];
            if (outVec is not null) outVec[r] = acc;
            s += acc * acc;
        }
        return T.Sqrt(s);
    }

    /// <summary>V[:, 0..keep) = V[:, 0..m) Y[:, order[0..keep)], the residual block moved to [keep, keep + b), the projected
    /// matrix reset to the kept Ritz values with their coupling to that block.</summary>
    private void Restart(T[] y, int m, int[] order, int keep, T[] theta)
    {
        int n = _n, b = _b, ncv = _ncv;
        var sel = Gather(y, m, order, keep);
        for (int r0 = 0; r0 < n; r0 += RowPanel)
        {
            int rb = Math.Min(RowPanel, n - r0);
            Kernels.Gemm.Gemm.Multiply(rb, keep, m, T.One, _v, r0, 1, n, sel, 0, 1, m, T.Zero, _panel, 0, 1, rb, _par);
            for (int j = 0; j < keep; j++) _panel.AsSpan(j * rb, rb).CopyTo(_v.AsSpan(r0 + j * n, rb));
        }
        Array.Copy(_v, (long)m * n, _v, (long)keep * n, (long)b * n);
        Array.Clear(_h);
        var coupling = new T[b];
        for (int i = 0; i < keep; i++)
        {
            _h[i + i * ncv] = theta[order[i]];
            CouplingNorm(y, m, order[i], coupling);
            for (int r = 0; r < b; r++)
            {
                _h[(keep + r) + i * ncv] = coupling[r];
                _h[i + (keep + r) * ncv] = coupling[r];
            }
        }
    }

    /// <summary>Columns order[0..count) of the m x m Y as an m x count column-major array.</summary>
    private static T[] Gather(T[] y, int m, int[] order, int count)
    {
        var sel = new T[m * count];
        for (int j = 0; j < count; j++) y.AsSpan(order[j] * m, m).CopyTo(sel.AsSpan(j * m, m));
        return sel;
    }

    /// <summary>Indices of the ascending Ritz values, most wanted first.</summary>
    private int[] WantedOrder(T[] theta)
    {
        int m = theta.Length;
        var order = new int[m];
        for (int i = 0; i < m; i++) order[i] = i;
        switch (_which)
        {
            case Which.LargestAlgebraic:
                Array.Reverse(order);
                break;
            case Which.SmallestAlgebraic:
                break;
            case Which.LargestMagnitude:
                Array.Sort(order, (a, b) => { int c = T.Abs(theta[b]).CompareTo(T.Abs(theta[a])); return c != 0 ? c : b.CompareTo(a); });
                break;
            case Which.SmallestMagnitude:
                Array.Sort(order, (a, b) => { int c = T.Abs(theta[a]).CompareTo(T.Abs(theta[b])); return c != 0 ? c : a.CompareTo(b); });
                break;
            default:
                int lo = 0, hi = m - 1;
                for (int i = 0; i < m; i++) order[i] = i % 2 == 0 ? hi-- : lo++;
                break;
        }
        return order;
    }

    private void FillRandom(Span<T> x)
    {
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateTruncating(_rng.NextDouble() * 2 - 1);
    }

    private static void Scale(Span<T> x, T f)
    {
        for (int i = 0; i < x.Length; i++) x[i] *= f;
    }
}
