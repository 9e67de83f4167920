using System.Numerics;
using Linea.Storage;

namespace Linea;

public static partial class Sparse
{
    /// <summary>
    /// A matrix from diagonals (SciPy's <c>diags</c>): <paramref name="diagonals"/>[d] is placed on diagonal
    /// <paramref name="offsets"/>[d] (0 the main diagonal, k &gt; 0 above it, k &lt; 0 below). A diagonal of one entry is
    /// repeated along its whole length; a longer one is cut to the diagonal's length. Repeated offsets add up. The shape
    /// defaults to square of order len(diagonals[0]) + |offsets[0]|. Explicit zeros in the diagonals are stored.
    /// O(entries). Throws <see cref="ArgumentException"/> when the counts of diagonals and offsets differ, an offset lies
    /// outside the shape, or a diagonal has fewer entries than its place needs (and more than one).
    /// </summary>
    public static SparseMatrix<T> Diags<T>(T[][] diagonals, int[] offsets, (int Rows, int Columns)? shape = null, SparseFormat format = SparseFormat.Csr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(diagonals);
        ArgumentNullException.ThrowIfNull(offsets);
        if (diagonals.Length != offsets.Length)
            ThrowHelper.Argument("diags", nameof(offsets), $"{diagonals.Length} diagonals but {offsets.Length} offsets");
        if (diagonals.Length == 0 && shape is null)
            ThrowHelper.Argument("diags", nameof(diagonals), "no diagonals and no shape: give at least one diagonal or a shape");
        foreach (var d in diagonals) ArgumentNullException.ThrowIfNull(d, nameof(diagonals));
        var (m, n) = shape ?? (diagonals[0].Length + Math.Abs(offsets[0]), diagonals[0].Length + Math.Abs(offsets[0]));
        CheckShape("diags", m, n);
        var lengths = new int[offsets.Length];
        long total = 0;
        for (int d = 0; d < offsets.Length; d++)
        {
            long k = offsets[d];
            long length = k >= 0 ? Math.Min(m, n - k) : Math.Min(m + k, n);
            if (length < 0)
                ThrowHelper.Argument("diags", nameof(offsets), $"offset {k} (diagonal {d}) lies outside a matrix of shape ({m}, {n})");
            int given = diagonals[d].Length;
            if (given < length && given != 1)
                ThrowHelper.Argument("diags", nameof(diagonals),
                    $"diagonal {d} has {given} entries, but offset {k} of a ({m}, {n}) matrix needs {length} (or 1, repeated)");
            lengths[d] = (int)length;
            total += length;
        }
        if (total > Array.MaxLength) ThrowHelper.Argument("diags", nameof(diagonals), $"{total} entries exceed {Array.MaxLength}");
        var r = new int[total]; var c = new int[total]; var v = new T[total];
        int p = 0;
        for (int d = 0; d < offsets.Length; d++)
        {
            int k = offsets[d], r0 = k >= 0 ? 0 : -k, c0 = k >= 0 ? k : 0;
            var diag = diagonals[d];
            for (int t = 0; t < lengths[d]; t++, p++)
            {
                r[p] = r0 + t; c[p] = c0 + t; v[p] = diag.Length == 1 ? diag[0] : diag[t];
            }
        }
        return Coo<T>(m, n, r, c, v, format);
    }

    /// <summary>One diagonal at <paramref name="offset"/> (see <see cref="Diags{T}(T[][], int[], ValueTuple{int, int}?, SparseFormat)"/>).</summary>
    public static SparseMatrix<T> Diags<T>(T[] diagonal, int offset = 0, (int Rows, int Columns)? shape = null, SparseFormat format = SparseFormat.Csr)
        where T : unmanaged, IFloatingPointIeee754<T> => Diags([diagonal], [offset], shape, format);

    /// <summary>
    /// A random m x n matrix (SciPy's <c>sparse.random</c>): round(density x m x n) distinct positions chosen uniformly,
    /// each holding a value uniform in [0, 1); deterministic for a given <paramref name="seed"/> (xoshiro256**). Indices
    /// sorted, no duplicates. Time O(k log k) for k entries at densities up to 0.05 (draw, sort, redraw the few
    /// duplicates), O(m x n) above (selection sampling); memory O(k). Throws <see cref="ArgumentException"/> for a
    /// density outside [0, 1] or more than <see cref="Array.MaxLength"/> entries.
    /// </summary>
    public static SparseMatrix<T> Random<T>(int m, int n, double density = 0.01, ulong seed = 0, SparseFormat format = SparseFormat.Csr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape("sparse random", m, n);
        if (!(density >= 0 && density <= 1))
            ThrowHelper.Argument("sparse random", nameof(density), $"density must lie in [0, 1], got {density}");
        long cells = (long)m * n;
        double want = Math.Round(density * cells, MidpointRounding.ToEven);
        if (want > Array.MaxLength)
            ThrowHelper.Argument("sparse random", nameof(density), $"density {density} of a ({m}, {n}) matrix asks for {want:0} entries, more than {Array.MaxLength}");
        int count = (int)want;
        var rng = new Rng(seed);
        // Positions in the compressed order: row-major for CSR, column-major for CSC.
        long majorLen = format == SparseFormat.Csr ? n : m;
        int major = format == SparseFormat.Csr ? m : n;
        long[] positions = density <= 0.05 ? DrawSorted(rng, cells, count) : SelectSorted(rng, cells, count);
        var ptr = new long[major + 1];
        var idx = TensorStorage<int>.Allocate(count, zero: false, op: "sparse random");
        var val = TensorStorage<T>.Allocate(count, zero: false, op: "sparse random");
        for (int e = 0; e < count; e++)
        {
            long pos = positions[e];
            ptr[pos / majorLen + 1]++;
            idx.At(e) = (int)(pos % majorLen);
            // float takes 24 random bits so that rounding cannot reach 1.
            val.At(e) = typeof(T) == typeof(float)
                ? T.CreateTruncating((rng.NextUInt64() >> 40) * (1.0 / (1 << 24)))
                : T.CreateTruncating(rng.NextDouble());
        }
        for (int i = 0; i < major; i++) ptr[i + 1] += ptr[i];
        return new SparseMatrix<T>(format, m, n, ptr, idx, val, sortedIndices: true, canonical: true);
    }

    /// <summary>count distinct sorted positions in [0, cells): draw, sort, drop repeats, draw the shortfall again.</summary>
    private static long[] DrawSorted(Rng rng, long cells, int count)
    {
        var chosen = new long[count];
        int have = 0;
        while (have < count)
        {
            for (int e = have; e < count; e++) chosen[e] = (long)Math.BigMul(rng.NextUInt64(), (ulong)cells, out _);
            Array.Sort(chosen);
            int w = 0;
            for (int e = 0; e < count; e++) if (w == 0 || chosen[e] != chosen[w - 1]) chosen[w++] = chosen[e];
            have = w;
        }
        return chosen;
    }

    /// <summary>Knuth's selection sampling (Algorithm S): each position is taken with probability needed / left.</summary>
    private static long[] SelectSorted(Rng rng, long cells, int count)
    {
        var chosen = new long[count];
        int have = 0;
        for (long pos = 0; pos < cells && have < count; pos++)
            if ((cells - pos) * rng.NextDouble() < count - have) chosen[have++] = pos;
        return chosen;
    }

    /// <summary>
    /// The Kronecker product A ⊗ B (SciPy's <c>kron</c>): for A of shape (m, n) and B of shape (p, q), the (m p, n q)
    /// matrix whose block (i, j) is A[i, j] B, as CSR with nnz(A) x nnz(B) entries (explicit zeros kept; canonical when
    /// both inputs are). O(nnz(A) nnz(B) + m p). Throws <see cref="ArgumentException"/> when m p or n q exceed 2^31 - 1.
    /// </summary>
    public static SparseMatrix<T> Kron<T>(SparseMatrix<T> a, SparseMatrix<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        long rows = (long)a.Rows * b.Rows, cols = (long)a.Columns * b.Columns;
        if (rows > int.MaxValue || cols > int.MaxValue)
            ThrowHelper.Argument("kron", nameof(b), $"({a.Rows}, {a.Columns}) ⊗ ({b.Rows}, {b.Columns}) has shape ({rows}, {cols}), beyond {int.MaxValue} rows or columns");
        var ac = a.ToCsr();
        var bc = b.ToCsr();
        int p = b.Rows, q = b.Columns;
        var ptr = new long[rows + 1];
        for (int i = 0; i < a.Rows; i++)
        {
            long ai = ac.Ptr[i + 1] - ac.Ptr[i];
            for (int r = 0; r < p; r++)
            {
                long row = (long)i * p + r;
                ptr[row + 1] = ptr[row] + ai * (bc.Ptr[r + 1] - bc.Ptr[r]);
            }
        }
        var idx = TensorStorage<int>.Allocate(ptr[rows], zero: false, op: "kron");
        var val = TensorStorage<T>.Allocate(ptr[rows], zero: false, op: "kron");
        long w = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            var aI = ac.RunIndices(i);
            var aV = ac.RunValues(i);
            for (int r = 0; r < p; r++)
            {
                var bI = bc.RunIndices(r);
                var bV = bc.RunValues(r);
                for (int s = 0; s < aI.Length; s++)
                    for (int t = 0; t < bI.Length; t++)
                    {
                        idx.At(w) = aI[s] * q + bI[t];
                        val.At(w++) = aV[s] * bV[t];
                    }
            }
        }
        // Rows come out sorted when A's rows are duplicate-free and B's sorted; canonical when both are canonical.
        bool sorted = ac.HasCanonicalFormat && bc.HasSortedIndices;
        return new SparseMatrix<T>(SparseFormat.Csr, (int)rows, (int)cols, ptr, idx, val, sorted, sorted && bc.HasCanonicalFormat);
    }
}
