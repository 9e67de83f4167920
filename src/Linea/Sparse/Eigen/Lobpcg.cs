using System.Numerics;

namespace Linea;

/// <summary>
/// Knyazev's locally optimal block preconditioned conjugate gradient (LOBPCG, 2001) in the robust form of Hetmaniuk and
/// Lehoucq (2006): each iteration does Rayleigh-Ritz on the span of [X, W, P] (X the current block, W the preconditioned
/// residuals, P the previous search directions), with W and P made orthogonal to everything before them by classical
/// Gram-Schmidt twice and orthonormalized by SVQB (Stathopoulos and Wu: the dense symmetric eigendecomposition of the
/// Gram matrix, dropping directions whose eigenvalue is below eps times the largest, so a rank-deficient block cannot
/// break the basis). Soft locking: only the columns whose residual is above the tolerance get new W and P directions;
/// converged columns stay in X and keep improving through Rayleigh-Ritz. A S is carried along with S, so each iteration
/// costs one operator product per active column. Blocks are n-row column-major arrays; the small products run on GEMM.
/// </summary>
internal sealed class Lobpcg<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILinearOperator<T> _a;
    private readonly ILinearOperator<T>? _m;
    private readonly int _n, _k;
    private readonly Parallelism _par;
    private readonly T[] _s, _as, _r, _work;
    private readonly T[] _p, _ap;

    public Lobpcg(ILinearOperator<T> a, ILinearOperator<T>? m, int k, Parallelism par)
    {
        _a = a; _m = m; _n = a.Rows; _k = k; _par = par;
        _s = new T[(long)_n * 3 * k];
        _as = new T[(long)_n * 3 * k];
        _r = new T[(long)_n * k];
        _p = new T[(long)_n * k];
        _ap = new T[(long)_n * k];
        _work = new T[(long)_n * k];
    }

    /// <summary>Iterates from the n x k column-major <paramref name="x0"/>; returns ascending values, the vectors (n x k
    /// column-major), residual norms, iterations and convergence.</summary>
    public (T[] Values, T[] Vectors, T[] Residuals, int Iterations, bool Converged) Run(T[] x0, bool largest, T tol, int maxiter)
    {
        int n = _n, k = _k;
        Array.Copy(x0, _s, (long)n * k);
        int kx = Orthonormalize(_s, 0, k, null);
        if (kx < k)
            throw new ArgumentException($"lobpcg: the {k} start vectors span only {kx} dimensions; give linearly independent columns");
        ApplyBlock(_a, _s, 0, _as, 0, k);
        var lambda = RayleighRitz(k, rotate: true, largest, out _);
        int np = 0, it = 0;
        var resid = new T[k];
        var active = new int[k];
        bool converged = false;
        while (true)
        {
            // R = AX - X diag(lambda), norms, active set.
            int na = 0;
            for (int j = 0; j < k; j++)
            {
                var x = _s.AsSpan(j * n, n);
                var ax = _as.AsSpan(j * n, n);
                var r = _r.AsSpan(j * n, n);
                T s = T.Zero;
                for (int i = 0; i < n; i++) { r[i] = ax[i] - lambda[j] * x[i]; s += r[i] * r[i]; }
                resid[j] = T.Sqrt(s);
                if (!T.IsFinite(resid[j]))
                    throw new NonFiniteException($"lobpcg: the residual of column {j} is {resid[j]}; the operator or preconditioner returned NaN or infinity");
                if (resid[j] > tol) active[na++] = j;
            }
            if (na == 0) { converged = true; break; }
            if (it >= maxiter) break;
            it++;
            _par.Cancellation.ThrowIfCancellationRequested();

            // W = M R[:, active], made orthogonal to X, orthonormal; AW.
            int w0 = k;
            for (int t = 0; t < na; t++) _r.AsSpan(active[t] * n, n).CopyTo(_work.AsSpan(t * n, n));
            if (_m is null) Array.Copy(_work, 0, _s, (long)w0 * n, (long)na * n);
            else ApplyBlock(_m, _work, 0, _s, w0, na);
            int nw = ProjectAndOrthonormalize(w0, na, 0, k);
            ApplyBlock(_a, _s, w0, _as, w0, nw);

            // P[:, active] (with AP), made orthogonal to X and W, orthonormal; AP follows by the same combination.
            int p0 = w0 + nw, npa = 0;
            if (np > 0)
            {
                for (int t = 0; t < na; t++)
                {
                    _p.AsSpan(active[t] * n, n).CopyTo(_s.AsSpan((p0 + t) * n, n));
                    _ap.AsSpan(active[t] * n, n).CopyTo(_as.AsSpan((p0 + t) * n, n));
                }
                npa = ProjectAndOrthonormalizeWithImage(p0, na, 0, p0);
            }
            int dim = p0 + npa;
            lambda = RayleighRitz(dim, rotate: false, largest, out var c);

            // P = S[:, k..dim) C[k..dim, :], AP likewise (the new directions, without the X part).
            ColumnBlock.Multiply(n, T.One, _s, k, dim - k, c, k, dim, k, T.Zero, _p, 0, _par);
            ColumnBlock.Multiply(n, T.One, _as, k, dim - k, c, k, dim, k, T.Zero, _ap, 0, _par);
            np = k;
            // X = S C, AX = AS C (through the work block: the products may not overlap their inputs).
            ColumnBlock.Multiply(n, T.One, _s, 0, dim, c, 0, dim, k, T.Zero, _work, 0, _par);
            Array.Copy(_work, 0, _s, 0, (long)n * k);
            ColumnBlock.Multiply(n, T.One, _as, 0, dim, c, 0, dim, k, T.Zero, _work, 0, _par);
            Array.Copy(_work, 0, _as, 0, (long)n * k);
        }
        return (lambda, _s.AsSpan(0, n * k).ToArray(), resid, it, converged);
    }

    /// <summary>Rayleigh-Ritz on the orthonormal S[:, 0..dim) with A S alongside: the k wanted Ritz values, ascending, and
    /// the dim x k coefficients. With <paramref name="rotate"/> (the start, dim = k), X and AX are rotated in place.</summary>
    private T[] RayleighRitz(int dim, bool rotate, bool largest, out T[] coef)
    {
        int n = _n, k = _k;
        var h = new T[dim * dim];
        ColumnBlock.Gram(n, _s, 0, dim, _as, 0, dim, h, _par);
        for (int j = 0; j < dim; j++)
            for (int i = j + 1; i < dim; i++)
            {
                T avg = (h[i + j * dim] + h[j + i * dim]) / T.CreateTruncating(2);
                h[i + j * dim] = avg; h[j + i * dim] = avg;
            }
        var z = new T[dim * dim];
        var theta = ColumnBlock.Eigh(h, dim, z);
        coef = new T[dim * k];
        var values = new T[k];
        int first = largest ? dim - k : 0;
        for (int j = 0; j < k; j++)
        {
            values[j] = theta[first + j];
            z.AsSpan((first + j) * dim, dim).CopyTo(coef.AsSpan(j * dim, dim));
        }
        if (rotate)
        {
            ColumnBlock.Multiply(n, T.One, _s, 0, dim, coef, 0, dim, k, T.Zero, _work, 0, _par);
            Array.Copy(_work, 0, _s, 0, (long)n * k);
            ColumnBlock.Multiply(n, T.One, _as, 0, dim, coef, 0, dim, k, T.Zero, _work, 0, _par);
            Array.Copy(_work, 0, _as, 0, (long)n * k);
        }
        return values;
    }

    /// <summary>Columns [c0, c0 + count) of S made orthogonal to columns [b0, b0 + bcount) (twice), then orthonormalized;
    /// returns how many independent columns remain (compacted to the front).</summary>
    private int ProjectAndOrthonormalize(int c0, int count, int b0, int bcount)
    {
        for (int pass = 0; pass < 2; pass++) Project(_s, c0, count, b0, bcount, null);
        return Orthonormalize(_s, c0, count, null);
    }

    /// <summary>As <see cref="ProjectAndOrthonormalize"/>, applying the same combinations to A S.</summary>
    private int ProjectAndOrthonormalizeWithImage(int c0, int count, int b0, int bcount)
    {
        for (int pass = 0; pass < 2; pass++) Project(_s, c0, count, b0, bcount, _as);
        return Orthonormalize(_s, c0, count, _as);
    }

    /// <summary>B[:, c0..) -= S[:, b0..) (S[:, b0..)^T B[:, c0..)), and the same on the image block when given.</summary>
    private void Project(T[] s, int c0, int count, int b0, int bcount, T[]? image)
    {
        if (bcount == 0 || count == 0) return;
        var g = new T[bcount * count];
        ColumnBlock.Gram(_n, s, b0, bcount, s, c0, count, g, _par);
        ColumnBlock.Multiply(_n, -T.One, s, b0, bcount, g, 0, bcount, count, T.One, s, c0, _par);
        if (image is not null) ColumnBlock.Multiply(_n, -T.One, image, b0, bcount, g, 0, bcount, count, T.One, image, c0, _par);
    }

    /// <summary>SVQB: B = B Q D^-1/2 over the directions of the Gram matrix B^T B = Q D Q^T with d &gt; eps d_max (the
    /// rest are dropped); the same transform on the image block when given. Returns the number kept.</summary>
    private int Orthonormalize(T[] s, int c0, int count, T[]? image)
    {
        int n = _n;
        if (count == 0) return 0;
        var g = new T[count * count];
        ColumnBlock.Gram(n, s, c0, count, s, c0, count, g, _par);
        var q = new T[count * count];
        var d = ColumnBlock.Eigh(g, count, q);
        T dmax = T.Max(d[^1], T.Zero);
        T cut = dmax * MachineConstants<T>.Ulp * T.CreateTruncating(10 * count);
        int kept = 0;
        var t = new T[count * count];
        for (int j = count - 1; j >= 0; j--)
        {
            if (!(d[j] > cut) || dmax == T.Zero) continue;
            T f = T.One / T.Sqrt(d[j]);
            for (int i = 0; i < count; i++) t[i + kept * count] = q[i + j * count] * f;
            kept++;
        }
        if (kept == 0) return 0;
        ColumnBlock.Multiply(n, T.One, s, c0, count, t, 0, count, kept, T.Zero, _work, 0, _par);
        Array.Copy(_work, 0, s, (long)c0 * n, (long)kept * n);
        if (image is not null)
        {
            ColumnBlock.Multiply(n, T.One, image, c0, count, t, 0, count, kept, T.Zero, _work, 0, _par);
            Array.Copy(_work, 0, image, (long)c0 * n, (long)kept * n);
        }
        // One more pass: SVQB leaves O(eps cond) loss of orthogonality for ill-conditioned blocks.
        if (image is null && kept > 0 && dmax / d[count - kept] > T.CreateTruncating(1e8))
            return Orthonormalize(s, c0, kept, null);
        return kept;
    }

    /// <summary>Y[:, y0 .. y0 + count) = op X[:, x0 .. x0 + count), column by column.</summary>
    private void ApplyBlock(ILinearOperator<T> op, T[] x, int x0, T[] y, int y0, int count)
    {
        int n = _n;
        for (int j = 0; j < count; j++)
            op.Matvec(x.AsSpan((x0 + j) * n, n), y.AsSpan((y0 + j) * n, n));
    }
}
