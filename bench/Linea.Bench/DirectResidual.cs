namespace Linea.Bench;

/// <summary>The residual check of the `sparse` runner's direct-solver cases, the same for Linea and every peer.</summary>
internal static class DirectResidual
{
    /// <summary>
    /// ||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf), issue #18's normwise backward error: a backward-stable
    /// solve gives a small multiple of n eps. O(nnz) time, one n-vector.
    /// </summary>
    public static double Relative(SparseMatrix<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> b)
    {
        var csr = a.ToCsr();
        var ax = new double[csr.Rows];
        csr.Matvec(x, ax);
        double r = 0, an = 0, xn = 0, bn = 0;
        for (int i = 0; i < csr.Rows; i++)
        {
            r = Math.Max(r, Math.Abs(ax[i] - b[i]));
            bn = Math.Max(bn, Math.Abs(b[i]));
            double row = 0;
            foreach (double v in csr.ValuesOf(i)) row += Math.Abs(v);
            an = Math.Max(an, row);
        }
        foreach (double v in x) xn = Math.Max(xn, Math.Abs(v));
        return r / (an * xn + bn);
    }
}
