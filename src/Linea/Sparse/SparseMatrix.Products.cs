using System.Numerics;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// y = A x, SpMV: <paramref name="x"/> has <see cref="Columns"/> elements and <paramref name="y"/> has
    /// <see cref="Rows"/>, overwritten. O(nnz). Throws <see cref="ShapeMismatchException"/> on wrong lengths.
    /// </summary>
    public void Matvec(ReadOnlySpan<TScalar> x, Span<TScalar> y)
    {
        if (x.Length != Columns || y.Length != Rows)
            ThrowHelper.ShapeMismatch("sparse matvec", $"A of shape ({Rows}, {Columns}) needs x of length {Columns} and y of length {Rows}, got {x.Length} and {y.Length}");
        if (Format == SparseFormat.Csr) CsrMultiply(x, y);
        else CscMultiply(x, y);
    }

    /// <summary>
    /// y = A^T x, the transposed SpMV: <paramref name="x"/> has <see cref="Rows"/> elements and <paramref name="y"/> has
    /// <see cref="Columns"/>, overwritten. O(nnz).
    /// </summary>
    public void Rmatvec(ReadOnlySpan<TScalar> x, Span<TScalar> y)
    {
        if (x.Length != Rows || y.Length != Columns)
            ThrowHelper.ShapeMismatch("sparse rmatvec", $"A of shape ({Rows}, {Columns}) needs x of length {Rows} and y of length {Columns}, got {x.Length} and {y.Length}");
        if (Format == SparseFormat.Csr) CscMultiply(x, y);
        else CsrMultiply(x, y);
    }

    /// <summary>y[i] = sum over run i of values * x[indices]: the row-oriented product over this matrix's runs.</summary>
    private void CsrMultiply(ReadOnlySpan<TScalar> x, Span<TScalar> y)
    {
        for (int i = 0; i < MajorCount; i++)
        {
            var idx = RunIndices(i);
            var val = RunValues(i);
            TScalar sum = TScalar.Zero;
            for (int k = 0; k < idx.Length; k++) sum += val[k] * x[idx[k]];
            y[i] = sum;
        }
    }

    /// <summary>y = sum over runs j of x[j] * run j scattered: the column-oriented product over this matrix's runs.</summary>
    private void CscMultiply(ReadOnlySpan<TScalar> x, Span<TScalar> y)
    {
        y.Clear();
        for (int j = 0; j < MajorCount; j++)
        {
            var idx = RunIndices(j);
            var val = RunValues(j);
            TScalar xj = x[j];
            for (int k = 0; k < idx.Length; k++) y[idx[k]] += val[k] * xj;
        }
    }

    /// <summary>A x for a vector tensor of length <see cref="Columns"/>: a new vector of length <see cref="Rows"/>.</summary>
    public Tensor<TScalar> Dot(Tensor<TScalar> x)
    {
        if (x.Rank != 1 || x.Shape[0] != Columns)
            ThrowHelper.ShapeMismatch("sparse matvec", $"({Rows}, {Columns}) @ {x.Shape}: expected a vector of length {Columns}", Shape, x.Shape);
        var xs = x.Contiguous();
        var y = Tensor.Zeros<TScalar>(Rows);
        Matvec(xs.AsReadOnlySpan(), y.AsSpan());
        return y;
    }
}
