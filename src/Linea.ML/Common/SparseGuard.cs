using System.Numerics;

namespace Linea.ML;

/// <summary>Input checks for sparse matrices given to the models, with messages naming the model and the shapes.</summary>
internal static class SparseGuard
{
    /// <summary>Requires a non-null matrix with at least <paramref name="minRows"/> rows and only finite stored values.</summary>
    public static void Matrix<T>(SparseMatrix<T> x, string where, int minRows = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rows < minRows)
            throw new ArgumentException($"{where}: X has {x.Rows} samples (shape {x.Shape}); at least {minRows} are needed", nameof(x));
        var data = x.Data;
        for (int k = 0; k < data.Length; k++)
            if (!T.IsFinite(data[k]))
                throw new NonFiniteException($"{where}: X (sparse, shape {x.Shape}) stores {(T.IsNaN(data[k]) ? "NaN" : "infinity")} at stored entry {k}; remove or impute it before fitting");
    }

    /// <summary>Requires <paramref name="x"/> to be finite with the <paramref name="features"/> columns seen at Fit.</summary>
    public static void Features<T>(SparseMatrix<T> x, int features, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Matrix(x, where, minRows: 0);
        if (x.Columns != features)
            throw new ShapeMismatchException(where, [x.Shape],
                $"{where}: X has {x.Columns} features (shape {x.Shape}) but the model was fitted on {features}; pass the same columns as at Fit");
    }

    /// <summary>The population variance (ddof 0) of each column of the sparse n x p matrix, summed over columns, in double:
    /// two passes over the stored entries (the means, then sum (x - mean)^2 over stored entries plus mean^2 for each implicit
    /// zero), so no cancellation of E[x^2] - E[x]^2. O(nnz + p) time, O(p) memory.</summary>
    public static double TotalColumnVariance<T>(SparseMatrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Rows, p = x.Columns;
        if (n == 0) return 0;
        var mean = new double[p];
        var count = new long[p];
        var sq = new double[p];
        var idx = x.Indices;
        var val = x.Data;
        bool csr = x.Format == SparseFormat.Csr;
        var ptr = x.IndPtr;
        for (int major = 0; major < x.MajorCount; major++)
            for (long k = ptr[major]; k < ptr[major + 1]; k++)
            {
                int c = csr ? idx[(int)k] : major;
                mean[c] += double.CreateTruncating(val[(int)k]);
                count[c]++;
            }
        for (int c = 0; c < p; c++) mean[c] /= n;
        for (int major = 0; major < x.MajorCount; major++)
            for (long k = ptr[major]; k < ptr[major + 1]; k++)
            {
                int c = csr ? idx[(int)k] : major;
                double d = double.CreateTruncating(val[(int)k]) - mean[c];
                sq[c] += d * d;
            }
        double total = 0;
        for (int c = 0; c < p; c++) total += (sq[c] + (n - count[c]) * mean[c] * mean[c]) / n;
        return total;
    }
}
