using System.Numerics;

namespace Linea;

/// <summary>
/// Thick-restart Lanczos (Wu and Simon, 2000) for a few eigenpairs of a symmetric operator, with full
/// reorthogonalization: each new vector is made orthogonal to the whole basis by classical Gram-Schmidt twice, done as
/// two GEMV pairs on the basis block (so the Ritz values keep their accuracy and repeated eigenvalues show up as
/// separate pairs). After m = ncv steps the m x m projected matrix is diagonalized by the dense symmetric solver; the
/// most wanted Ritz vectors (the k wanted, plus up to half the remaining room, the ARPACK rule that keeps converged
/// pairs and widens the subspace for clustered spectra) become the first columns of the next basis, with the last
/// Lanczos vector after them. The basis is n x (m + 1) in one column-major array; each restart costs one n x m by
/// m x keep GEMM done in row panels, in place.
/// <para>Convergence of Ritz pair (theta, y): |beta y_m| &lt;= tol max(eps^(2/3), |theta|) (ARPACK's dsconv test; beta y_m
/// is the residual norm ||OP x - theta x|| from the Lanczos relation).</para>
/// </summary>
internal sealed class ThickRestartLanczos<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int RowPanel = 8192;

    private readonly ILinearOperator<T> _op;
    private readonly int _n, _m, _k;
    private readonly Which _which;
    private readonly T _tol;
    private readonly Parallelism _par;
    private readonly string _name;
    private readonly Rng _rng;
    private readonly T[] _v, _h, _y, _w, _proj, _proj2, _panel;
    private T _normEstimate;

    /// <summary>Operator products so far.</summary>
    public long Matvecs { get; private set; }

    /// <summary>Restarts so far (ARPACK's iteration count).</summary>
    public int Restarts { get; private set; }

    public ThickRestartLanczos(string name, ILinearOperator<T> op, int k, Which which, int ncv, T tol, ulong seed, Parallelism par)
    {
        _name = name; _op = op; _n = op.Rows; _m = ncv; _k = k; _which = which; _tol = tol; _par = par;
        _rng = new Rng(seed);
        long basis = (long)_n * (_m + 1);
        if (basis > Array.MaxLength)
            ThrowHelper.Argument(name, nameof(ncv), $"the Lanczos basis of n = {_n} rows and ncv + 1 = {_m + 1} columns needs {basis} elements, more than one array holds ({Array.MaxLength}); lower ncv");
        _v = new T[basis];
        _h = new T[_m * _m];
        _y = new T[_m * _m];
        _w = new T[_n];
        _proj = new T[_m + 1];
        _proj2 = new T[_m + 1];
        _panel = new T[Math.Min(_n, RowPanel) * _m];
    }

    /// <summary>
    /// Runs to convergence of the k wanted Ritz pairs or to <paramref name="maxRestarts"/> restarts. Returns the k wanted
    /// Ritz values (most wanted first), their Ritz vectors (n x k column-major, or null) and how many converged.
    /// </summary>
    public (T[] Values, T[]? Vectors, int Converged) Run(ReadOnlySpan<T> v0, int maxRestarts, bool wantVectors)
    {
        int n = _n, m = _m;
        var first = _v.AsSpan(0, n);
        if (v0.IsEmpty) FillRandom(first);
        else v0.CopyTo(first);
        T nrm = ColumnBlock.Norm<T>(first);
        if (nrm == T.Zero) FillRandom(first);
        Scale(first, T.One / ColumnBlock.Norm<T>(first));

        var theta = Array.Empty<T>();
        var order = new int[m];
        var resid = new T[m];
        int kept = 0;
        while (true)
        {
            T beta = Expand(kept);
            theta = ColumnBlock.Eigh(_h, m, _y);
            for (int i = 0; i < m; i++) resid[i] = T.Abs(beta * _y[(m - 1) + i * m]);
            WantedOrder(theta, order);
            int converged = 0;
            T eps23 = T.CreateTruncating(Math.Pow(MachineConstants<T>.UnitRoundoffDouble, 2.0 / 3));
            for (int i = 0; i < _k; i++)
                if (resid[order[i]] <= _tol * T.Max(eps23, T.Abs(theta[order[i]]))) converged++;
            if (converged == _k || Restarts >= maxRestarts)
            {
                var values = new T[_k];
                for (int i = 0; i < _k; i++) values[i] = theta[order[i]];
                T[]? vectors = null;
                if (wantVectors || converged < _k)
                {
                    vectors = new T[(long)n * _k];
                    var sel = Gather(order, _k);
                    ColumnBlock.Multiply(n, T.One, _v, 0, m, sel, 0, m, _k, T.Zero, vectors, 0, _par);
                }
                return (values, vectors, converged);
            }
            kept = Math.Min(m - 1, _k + Math.Min(converged, (m - _k) / 2));
            kept = Math.Max(kept, Math.Min(m - 1, _k + (m - _k) / 3));
            Restart(order, kept, theta, beta);
            Restarts++;
        }
    }

    /// <summary>
    /// Lanczos steps j = start .. m - 1 from the current vector v_start: fills columns start .. m - 1 of the projected
    /// matrix and v_m; returns beta_m, the norm of the last residual.
    /// </summary>
    private T Expand(int start)
    {
        int n = _n, m = _m;
        T beta = T.Zero;
        for (int j = start; j < m; j++)
        {
            _op.Matvec(_v.AsSpan(j * n, n), _w);
            Matvecs++;
            _par.Cancellation.ThrowIfCancellationRequested();
            ColumnBlock.RequireFinite<T>(_name, _w, $"the operator's product with Lanczos vector {j}");
            Orthogonalize(j + 1, _proj);
            beta = ColumnBlock.Norm<T>(_w);
            // The projected matrix keeps its exact structure (the restart's arrow, then tridiagonal): alpha_j on the
            // diagonal, beta_{j-1} (set below at step j - 1) beside it; the other reorthogonalization coefficients are
            // rounding-level corrections to the vector, not entries of H (as in ARPACK), so converged Ritz vectors
            // keep last components, and residual estimates, far below eps ||A||.
            _h[j + j * m] = _proj[j];
            _normEstimate = T.Max(_normEstimate, T.Abs(_proj[j]) + beta);
            var next = _v.AsSpan((j + 1) * n, n);
            if (beta <= MachineConstants<T>.Ulp * _normEstimate * T.Sqrt(T.CreateTruncating(n)) || beta == T.Zero)
            {
                // An invariant subspace: continue from a random vector orthogonal to the basis, coupled by zero.
                beta = T.Zero;
                if (j + 1 < m && NewDirection(j + 1)) _w.AsSpan().CopyTo(next);
                else next.Clear();
                continue;
            }
            for (int i = 0; i < n; i++) next[i] = _w[i] / beta;
            if (j + 1 < m)
            {
                _h[(j + 1) + j * m] = beta;
                _h[j + (j + 1) * m] = beta;
            }
        }
        return beta;
    }

    /// <summary>w -= V_c (V_c^T w), twice (CGS2), against the first <paramref name="c"/> basis columns; the summed
    /// coefficients go to <paramref name="coef"/>.</summary>
    private void Orthogonalize(int c, T[] coef)
    {
        int n = _n;
        ColumnBlock.Gram(n, _v, 0, c, _w, 0, 1, coef, _par);
        ColumnBlock.Multiply(n, -T.One, _v, 0, c, coef, 0, c, 1, T.One, _w, 0, _par);
        ColumnBlock.Gram(n, _v, 0, c, _w, 0, 1, _proj2, _par);
        ColumnBlock.Multiply(n, -T.One, _v, 0, c, _proj2, 0, c, 1, T.One, _w, 0, _par);
        for (int i = 0; i < c; i++) coef[i] += _proj2[i];
    }

    /// <summary>A random unit vector orthogonal to the first <paramref name="c"/> columns, left in the work vector;
    /// false when none could be found (the basis spans everything).</summary>
    private bool NewDirection(int c)
    {
        var saved = new T[c + 1];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            FillRandom(_w);
            T before = ColumnBlock.Norm<T>(_w);
            Orthogonalize(c, saved);
            T nr = ColumnBlock.Norm<T>(_w);
            if (nr > before * T.Sqrt(MachineConstants<T>.Ulp))
            {
                Scale(_w, T.One / nr);
                return true;
            }
        }
        return false;
    }

    /// <summary>V[:, 0..keep) = V[:, 0..m) Y[:, order[0..keep)], v_keep = v_m, the projected matrix diagonal plus the
    /// coupling row beta Y[m-1, sel].</summary>
    private void Restart(int[] order, int keep, T[] theta, T beta)
    {
        int n = _n, m = _m;
        var sel = Gather(order, keep);
        for (int r0 = 0; r0 < n; r0 += RowPanel)
        {
            int rb = Math.Min(RowPanel, n - r0);
            Kernels.Gemm.Gemm.Multiply(rb, keep, m, T.One, _v, r0, 1, n, sel, 0, 1, m, T.Zero, _panel, 0, 1, rb, _par);
            for (int j = 0; j < keep; j++) _panel.AsSpan(j * rb, rb).CopyTo(_v.AsSpan(r0 + j * n, rb));
        }
        _v.AsSpan(m * n, n).CopyTo(_v.AsSpan(keep * n, n));
        Array.Clear(_h);
        for (int i = 0; i < keep; i++)
        {
            _h[i + i * m] = theta[order[i]];
            T c = beta * _y[(m - 1) + order[i] * m];
            _h[keep + i * m] = c;
            _h[i + keep * m] = c;
        }
    }

    /// <summary>Columns order[0..count) of Y as an m x count column-major array.</summary>
    private T[] Gather(int[] order, int count)
    {
        int m = _m;
        var sel = new T[m * count];
        for (int j = 0; j < count; j++) _y.AsSpan(order[j] * m, m).CopyTo(sel.AsSpan(j * m, m));
        return sel;
    }

    /// <summary>Indices of the ascending Ritz values, most wanted first.</summary>
    private void WantedOrder(T[] theta, int[] order)
    {
        int m = theta.Length;
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
            case Which.BothEnds:
                int lo = 0, hi = m - 1;
                for (int i = 0; i < m; i++) order[i] = i % 2 == 0 ? hi-- : lo++;
                break;
        }
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
