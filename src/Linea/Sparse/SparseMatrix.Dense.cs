using System.Numerics;
using System.Runtime.CompilerServices;

namespace Linea;

public sealed partial class SparseMatrix<TScalar>
{
    /// <summary>
    /// The matrix as a new dense (Rows, Columns) tensor (SciPy's <c>toarray()</c>); duplicates add up. O(Rows x Columns)
    /// memory, written straight into the result's storage: throws <see cref="TensorTooLargeException"/> before allocating
    /// when that cannot be had.
    /// </summary>
    public NDArray<TScalar> ToDense()
    {
        var dense = NDArray.Zeros<TScalar>(Rows, Columns);
        if (Nnz == 0) return dense;
        ref TScalar d = ref dense.Store.At(0);
        ref int idx = ref Idx.Reference;
        ref TScalar val = ref Val.Reference;
        long cols = Columns;
        bool csr = Format == SparseFormat.Csr;
        for (int i = 0; i < MajorCount; i++)
        {
            long end = Ptr[i + 1];
            for (long k = Ptr[i]; k < end; k++)
            {
                long minor = Unsafe.Add(ref idx, (nint)k);
                long at = csr ? i * cols + minor : minor * cols + i;
                Unsafe.Add(ref d, (nint)at) += Unsafe.Add(ref val, (nint)k);
            }
        }
        return dense;
    }
}
