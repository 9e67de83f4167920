using System.Globalization;
using System.Numerics;

namespace Linea;

/// <summary>
/// Builds incomplete LU factorisations (<see cref="IncompleteLu{T}"/>) of square sparse matrices: ILU(0) on A's own
/// pattern, and ILUT with a drop tolerance and a fill limit (SciPy's <c>spilu</c> arguments).
/// </summary>
public static class IncompleteLu
{
    /// <summary>
    /// ILU(0): L and U on A's sparsity pattern (no fill), by the IKJ variant of Gaussian elimination restricted to the
    /// pattern. O(sum over rows of the row length times the U-row lengths it meets) time; O(nnz + n) memory.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="SingularMatrixException">A pivot U[i, i] is zero or the diagonal entry is not stored; the exception names the row.</exception>
    public static IncompleteLu<T> Ilu0<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = CanonicalRows<T>.From(a, "ilu0");
        int n = rows.N;
        int[] ptr = rows.Ptr, col = rows.Col, diag = rows.Diag;
        T[] val = rows.Val;
        var position = new int[n];
        Array.Fill(position, -1);
        for (int i = 0; i < n; i++)
        {
            if (diag[i] < 0)
                throw new SingularMatrixException(i, $"ilu0: row {i} stores no diagonal entry A[{i}, {i}], so its pivot is zero; store the diagonal or use ilut");
            for (int p = ptr[i]; p < ptr[i + 1]; p++) position[col[p]] = p;
            for (int p = ptr[i]; p < diag[i]; p++)
            {
                int k = col[p];
                T lik = val[p] / val[diag[k]];
                val[p] = lik;
                for (int q = diag[k] + 1; q < ptr[k + 1]; q++)
                {
                    int at = position[col[q]];
                    if (at >= 0) val[at] -= lik * val[q];
                }
            }
            for (int p = ptr[i]; p < ptr[i + 1]; p++) position[col[p]] = -1;
            if (val[diag[i]] == T.Zero || !T.IsFinite(val[diag[i]]))
                throw new SingularMatrixException(i, $"ilu0: the pivot U[{i}, {i}] is {val[diag[i]]} (row {i}); ILU(0) breaks down on this matrix (try ilut, or reorder A)");
        }
        // Split into L (strictly lower) and U (strictly upper) + inverse diagonal.
        var lPtr = new int[n + 1];
        var uPtr = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            lPtr[i + 1] = lPtr[i] + (diag[i] - ptr[i]);
            uPtr[i + 1] = uPtr[i] + (ptr[i + 1] - diag[i] - 1);
        }
        var lCol = new int[lPtr[n]]; var lVal = new T[lPtr[n]];
        var uCol = new int[uPtr[n]]; var uVal = new T[uPtr[n]];
        var inv = new T[n];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(col, ptr[i], lCol, lPtr[i], lPtr[i + 1] - lPtr[i]);
            Array.Copy(val, ptr[i], lVal, lPtr[i], lPtr[i + 1] - lPtr[i]);
            Array.Copy(col, diag[i] + 1, uCol, uPtr[i], uPtr[i + 1] - uPtr[i]);
            Array.Copy(val, diag[i] + 1, uVal, uPtr[i], uPtr[i + 1] - uPtr[i]);
            inv[i] = T.One / val[diag[i]];
        }
        return new IncompleteLu<T>(lPtr, lCol, lVal, uPtr, uCol, uVal, inv);
    }

    /// <summary>
    /// ILUT (Saad's threshold ILU): row by row, eliminate with the rows of U already computed in increasing column order,
    /// drop every entry below <paramref name="dropTol"/> times the 2-norm of A's row (the diagonal is always kept), and
    /// keep at most ceil(<paramref name="fillFactor"/> nnz(A's row) / 2) of the largest entries in each of L's and U's
    /// part of the row, so nnz(L + U) stays within about fillFactor nnz(A). dropTol = 0 with a large fill factor gives
    /// the complete LU without pivoting. Defaults are SciPy's <c>spilu</c> ones (1e-4, 10). O(n) work arrays.
    /// </summary>
    /// <exception cref="ShapeMismatchException">A is not square.</exception>
    /// <exception cref="ArgumentOutOfRangeException">dropTol is negative or not finite, or fillFactor is below 1.</exception>
    /// <exception cref="SingularMatrixException">A pivot U[i, i] is zero after elimination and dropping; the exception names the row.</exception>
    public static IncompleteLu<T> Ilut<T>(SparseMatrix<T> a, double dropTol = 1e-4, double fillFactor = 10) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(dropTol >= 0) || double.IsInfinity(dropTol))
            throw new ArgumentOutOfRangeException(nameof(dropTol), dropTol, $"ilut: the drop tolerance must be finite and non-negative, got {dropTol}");
        if (!(fillFactor >= 1) || double.IsInfinity(fillFactor))
            throw new ArgumentOutOfRangeException(nameof(fillFactor), fillFactor, $"ilut: the fill factor must be finite and at least 1, got {fillFactor}");
        return new ThresholdLu<T>(CanonicalRows<T>.From(a, "ilut"), T.CreateChecked(dropTol), fillFactor).Factor();
    }

    /// <summary>ILUT's state: the dense work row and the growing factors.</summary>
    private sealed class ThresholdLu<T>(CanonicalRows<T> a, T dropTol, double fillFactor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly List<int> _lCol = [], _uCol = [];
        private readonly List<T> _lVal = [], _uVal = [];
        private readonly int[] _lPtr = new int[a.N + 1], _uPtr = new int[a.N + 1];
        private readonly T[] _inv = new T[a.N];
        private readonly T[] _w = new T[a.N];
        private readonly bool[] _used = new bool[a.N];
        private readonly List<int> _touched = [], _lower = [], _upper = [];
        private readonly PriorityQueue<int, int> _pending = new();

        public IncompleteLu<T> Factor()
        {
            for (int i = 0; i < a.N; i++) FactorRow(i);
            return new IncompleteLu<T>(_lPtr, [.. _lCol], [.. _lVal], _uPtr, [.. _uCol], [.. _uVal], _inv);
        }

        private void Touch(int j, int i)
        {
            _used[j] = true;
            _w[j] = T.Zero;
            _touched.Add(j);
            if (j < i) _pending.Enqueue(j, j);
            else if (j > i) _upper.Add(j);
        }

        private void FactorRow(int i)
        {
            _touched.Clear(); _lower.Clear(); _upper.Clear(); _pending.Clear();
            T norm = T.Zero;
            int rowLength = a.Ptr[i + 1] - a.Ptr[i];
            Touch(i, i);
            for (int p = a.Ptr[i]; p < a.Ptr[i + 1]; p++)
            {
                int j = a.Col[p];
                if (!_used[j]) Touch(j, i);
                _w[j] += a.Val[p];
                norm += a.Val[p] * a.Val[p];
            }
            T tau = dropTol * T.Sqrt(norm);
            while (_pending.TryDequeue(out int k, out _))
            {
                T wk = _w[k] * _inv[k];
                if (T.Abs(wk) < tau || wk == T.Zero) { _w[k] = T.Zero; continue; }
                _w[k] = wk;
                _lower.Add(k);
                for (int q = _uPtr[k]; q < _uPtr[k + 1]; q++)
                {
                    int j = _uCol[q];
                    if (!_used[j]) Touch(j, i);
                    _w[j] -= wk * _uVal[q];
                }
            }
            int keep = (int)Math.Min(a.N, Math.Ceiling(fillFactor * Math.Max(rowLength, 1) / 2));
            Keep(_lower, tau, keep, _lCol, _lVal);
            _lPtr[i + 1] = _lCol.Count;
            T pivot = _w[i];
            if (pivot == T.Zero || !T.IsFinite(pivot))
                throw new SingularMatrixException(i, $"ilut: the pivot U[{i}, {i}] is {pivot.ToString("G4", CultureInfo.InvariantCulture)} (row {i}) after elimination and dropping; try a smaller drop tolerance or a larger fill factor");
            _inv[i] = T.One / pivot;
            Keep(_upper, tau, keep, _uCol, _uVal);
            _uPtr[i + 1] = _uCol.Count;
            foreach (int j in _touched) { _used[j] = false; _w[j] = T.Zero; }
        }

        /// <summary>Appends to the factor the at most <paramref name="keep"/> largest of the candidates at or above tau, in column order.</summary>
        private void Keep(List<int> candidates, T tau, int keep, List<int> col, List<T> val)
        {
            candidates.RemoveAll(j => T.Abs(_w[j]) < tau || _w[j] == T.Zero);
            if (candidates.Count > keep)
            {
                candidates.Sort((x, y) => T.Abs(_w[y]).CompareTo(T.Abs(_w[x])));
                candidates.RemoveRange(keep, candidates.Count - keep);
            }
            candidates.Sort();
            foreach (int j in candidates) { col.Add(j); val.Add(_w[j]); }
        }
    }
}
