using System.Numerics;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>The sum of all stored entries (SciPy's <c>sum()</c>). O(nnz).</summary>
    public TScalar Sum()
    {
        TScalar s = TScalar.Zero;
        for (int i = 0; i < MajorCount; i++)
            foreach (var v in RunValues(i)) s += v;
        return s;
    }

    /// <summary>
    /// Sums along an axis (NumPy's <c>sum(axis)</c>, a 1-D result as for scipy.sparse arrays): axis 0 adds the rows,
    /// giving a vector of length <see cref="Columns"/>; axis 1 adds the columns, giving a vector of length
    /// <see cref="Rows"/>. Negative axes count from the end. O(nnz + Rows + Columns). Throws
    /// <see cref="AxisOutOfRangeException"/> for an axis outside -2..1.
    /// </summary>
    public NDArray<TScalar> Sum(int axis)
    {
        if (axis is < -2 or > 1) ThrowHelper.Axis("sparse sum", axis, 2);
        if (axis < 0) axis += 2;
        bool alongMajor = (axis == 1) == (Format == SparseFormat.Csr);   // one result per run
        var result = NDArray.Zeros<TScalar>(axis == 0 ? Columns : Rows);
        var r = result.WritableSpan;
        for (int i = 0; i < MajorCount; i++)
        {
            var ri = RunIndices(i);
            var rv = RunValues(i);
            if (alongMajor)
            {
                TScalar s = TScalar.Zero;
                foreach (var v in rv) s += v;
                r[i] = s;
            }
            else
            {
                for (int k = 0; k < ri.Length; k++) r[ri[k]] += rv[k];
            }
        }
        return result;
    }

    /// <summary>
    /// Diagonal <paramref name="k"/> as a new vector (SciPy's <c>diagonal(k)</c>): the entries (i, i + k), k &gt; 0 above
    /// the main diagonal; duplicates add up. Its length is min(Rows, Columns - k) for k &gt;= 0 and min(Rows + k,
    /// Columns) for k &lt; 0, or 0 when the diagonal lies outside the matrix. O(min(Rows, Columns) x log(run length)) for
    /// canonical matrices, O(nnz) otherwise.
    /// </summary>
    public NDArray<TScalar> Diagonal(int k = 0)
    {
        long r0 = k >= 0 ? 0 : -(long)k, c0 = k >= 0 ? k : 0;
        long len = Math.Max(0, Math.Min(Rows - r0, Columns - c0));
        var result = NDArray.Zeros<TScalar>(len);
        var d = result.WritableSpan;
        if (HasCanonicalFormat)
        {
            for (int t = 0; t < len; t++) d[t] = this[(int)(r0 + t), (int)(c0 + t)];
            return result;
        }
        bool csr = Format == SparseFormat.Csr;
        for (int i = 0; i < MajorCount; i++)
        {
            var ri = RunIndices(i);
            var rv = RunValues(i);
            for (int q = 0; q < ri.Length; q++)
            {
                long row = csr ? i : ri[q], col = csr ? ri[q] : i;
                if (col - row == k) d[(int)(row - r0)] += rv[q];
            }
        }
        return result;
    }
}
