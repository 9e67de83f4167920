namespace Linea.Examples.Recommender;

/// <summary>
/// Alternating least squares on the observed entries only (Koren, Bell and Volinsky 2009): with the item factors fixed,
/// each user's factor row solves the ridge problem min ||r_u - Q_u p||^2 + lambda ||p||^2 over the items u rated
/// (a k x k system: the Gram matrix of those item rows plus lambda I, by Cholesky), then the same for each item over the
/// users who rated it; the residual ratings come as CSR rows of R (users) and of R^T (items). One sweep costs
/// O(ratings k^2 + (users + items) k^3) time and O(k^2) workspace; missing ratings are never filled in.
/// </summary>
public static class AlternatingLeastSquares
{
    /// <summary>Runs <paramref name="sweeps"/> sweeps (users, then items) from the item factors <paramref name="itemFactors"/>
    /// (items x k, row-major, updated in place) and returns the user factors (users x k, row-major).</summary>
    /// <param name="r">Residual ratings, users x items, CSR.</param>
    /// <param name="rT">R^T, items x users, CSR.</param>
    /// <param name="itemFactors">Start item factors, items x k row-major; overwritten by the final ones.</param>
    /// <param name="k">The rank.</param>
    /// <param name="lambda">Ridge weight, positive.</param>
    /// <param name="sweeps">Number of user-then-item sweeps, at least 1.</param>
    public static double[] Fit(SparseMatrix<double> r, SparseMatrix<double> rT, double[] itemFactors, int k, double lambda, int sweeps)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(rT);
        ArgumentNullException.ThrowIfNull(itemFactors);
        if (rT.Rows != r.Columns || rT.Columns != r.Rows)
            throw new ArgumentException($"ALS: R has shape {r.Shape} but R^T has shape {rT.Shape}");
        if (itemFactors.LongLength != (long)r.Columns * k)
            throw new ArgumentException($"ALS: item factors hold {itemFactors.LongLength} values, need items x k = {r.Columns} x {k}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        ArgumentOutOfRangeException.ThrowIfLessThan(sweeps, 1);
        var userFactors = new double[(long)r.Rows * k];
        var gram = new double[k * k];
        var rhs = new double[k];
        for (int s = 0; s < sweeps; s++)
        {
            SolveSide(r, itemFactors, userFactors, k, lambda, gram, rhs);
            SolveSide(rT, userFactors, itemFactors, k, lambda, gram, rhs);
        }
        return userFactors;
    }

    /// <summary>For every row u of <paramref name="a"/>: target[u] = (F_u^T F_u + lambda I)^-1 F_u^T a_u, F_u the rows of
    /// <paramref name="fixedFactors"/> at the stored columns of row u. A row with no entries gets zeros.</summary>
    private static void SolveSide(SparseMatrix<double> a, double[] fixedFactors, double[] target, int k, double lambda, double[] gram, double[] rhs)
    {
        for (int u = 0; u < a.Rows; u++)
        {
            var cols = a.IndicesOf(u);
            var vals = a.ValuesOf(u);
            Array.Clear(gram);
            Array.Clear(rhs);
            for (int e = 0; e < cols.Length; e++)
            {
                var f = fixedFactors.AsSpan((int)((long)cols[e] * k), k);
                double v = vals[e];
                for (int i = 0; i < k; i++)
                {
                    double fi = f[i];
                    rhs[i] += fi * v;
                    for (int j = 0; j <= i; j++) gram[i * k + j] += fi * f[j];
                }
            }
            for (int i = 0; i < k; i++) gram[i * k + i] += lambda;
            CholeskySolve(gram, rhs, k);
            rhs.CopyTo(target.AsSpan((int)((long)u * k), k));
        }
    }

    /// <summary>Solves G x = b in place for the SPD k x k G given by its lower triangle (row-major); b becomes x.</summary>
    private static void CholeskySolve(double[] g, double[] b, int k)
    {
        for (int j = 0; j < k; j++)
        {
            double d = g[j * k + j];
            for (int p = 0; p < j; p++) d -= g[j * k + p] * g[j * k + p];
            d = Math.Sqrt(d);
            g[j * k + j] = d;
            for (int i = j + 1; i < k; i++)
            {
                double s = g[i * k + j];
                for (int p = 0; p < j; p++) s -= g[i * k + p] * g[j * k + p];
                g[i * k + j] = s / d;
            }
        }
        for (int i = 0; i < k; i++)
        {
            double s = b[i];
            for (int p = 0; p < i; p++) s -= g[i * k + p] * b[p];
            b[i] = s / g[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int p = i + 1; p < k; p++) s -= g[p * k + i] * b[p];
            b[i] = s / g[i * k + i];
        }
    }
}
