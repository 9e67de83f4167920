using System.Numerics;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// The matrix as a new dense (Rows, Columns) tensor (SciPy's <c>toarray()</c>); duplicates add up. O(Rows x Columns)
    /// memory: throws <see cref="TensorTooLargeException"/> before allocating when that cannot be had.
    /// </summary>
    public Tensor<TScalar> ToDense()
    {
        var dense = Tensor.Zeros<TScalar>(Rows, Columns);
        bool csr = Format == SparseFormat.Csr;
        for (int i = 0; i < MajorCount; i++)
        {
            var idx = RunIndices(i);
            var val = RunValues(i);
            for (int k = 0; k < idx.Length; k++)
            {
                if (csr) dense[i, idx[k]] += val[k];
                else dense[idx[k], i] += val[k];
            }
        }
        return dense;
    }
}
