namespace Linea;

/// <summary>
/// Interim singular values (until the SVD of issue 6): one-sided (Hestenes) Jacobi on a small dense matrix, values
/// only, in double. Pairs of columns are rotated until every pair is orthogonal to sqrt(p) eps relative to their
/// norms; the singular values are then the column norms. This is accurate to high relative accuracy for matrices
/// that are well conditioned up to column scaling (Demmel and Veselic), which is what Lstsq feeds it: the R factor
/// of a column-pivoted QR. O(p q^2) per sweep, typically 5 to 10 sweeps; correct rather than fast.
/// </summary>
internal static class JacobiSingularValues
{
    /// <summary>
    /// The q singular values, descending, of the p x q column-major matrix <paramref name="x"/> (ld p, p &gt;= q),
    /// which is overwritten.
    /// </summary>
    /// <exception cref="NoConvergenceException">Not orthogonal after 100 sweeps (not expected).</exception>
    public static double[] Compute(int p, int q, double[] x)
    {
        var sv = new double[q];
        if (q == 0) return sv;
        // Scale by a power of two so the largest column norm is near 1: squares neither overflow nor underflow needlessly.
        double maxNorm = 0;
        for (int j = 0; j < q; j++) maxNorm = Math.Max(maxNorm, Nrm2.Compute(x.AsSpan(j * p, p)));
        if (maxNorm == 0) return sv;
        double scale = Math.ScaleB(1.0, -Math.ILogB(maxNorm));
        for (int i = 0; i < p * q; i++) x[i] *= scale;

        // Orthogonality to p ulps: the computed dot product of two length-p columns carries up to about p unit roundoffs
        // of their norms' product, so a tighter test (sqrt(p) u was used) can keep rotating pairs of equal norm by 45
        // degrees forever on rounding noise (the 3 x 3 Jordan block did). Singular values stay accurate to O(p eps) relative.
        double tol = Math.Max(p, 4) * MachineConstants<double>.UlpDouble;
        var norms = new double[q];
        for (int j = 0; j < q; j++) norms[j] = Dot(x, j * p, j * p, p);
        for (int sweep = 0; sweep < 100; sweep++)
        {
            bool rotated = false;
            for (int i = 0; i < q - 1; i++)
            {
                for (int j = i + 1; j < q; j++)
                {
                    double a = norms[i], b = norms[j];
                    if (a == 0 || b == 0) continue;
                    double g = Dot(x, i * p, j * p, p);
                    if (Math.Abs(g) <= tol * Math.Sqrt(a) * Math.Sqrt(b)) continue;
                    rotated = true;
                    double zeta = (b - a) / (2 * g);
                    double t = Math.Sign(zeta == 0 ? 1 : zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    Rotate(x, i * p, j * p, p, c, s);
                    // Recompute the two norms rather than updating them, to keep relative accuracy.
                    norms[i] = Dot(x, i * p, i * p, p);
                    norms[j] = Dot(x, j * p, j * p, p);
                }
            }
            if (!rotated)
            {
                for (int j = 0; j < q; j++) sv[j] = Nrm2.Compute(x.AsSpan(j * p, p)) / scale;
                Array.Sort(sv);
                Array.Reverse(sv);
                return sv;
            }
        }
        throw new NoConvergenceException($"lstsq: one-sided Jacobi for the singular values of a {p} x {q} factor did not converge in 100 sweeps");
    }

    private static double Dot(double[] x, int i0, int j0, int p) =>
        System.Numerics.Tensors.TensorPrimitives.Dot<double>(x.AsSpan(i0, p), x.AsSpan(j0, p));

    private static void Rotate(double[] x, int i0, int j0, int p, double c, double s)
    {
        var xi = x.AsSpan(i0, p);
        var xj = x.AsSpan(j0, p);
        for (int r = 0; r < p; r++)
        {
            double u = xi[r], v = xj[r];
            xi[r] = c * u - s * v;
            xj[r] = s * u + c * v;
        }
    }
}
