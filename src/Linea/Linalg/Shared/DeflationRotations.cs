using System.Numerics;

namespace Linea;

/// <summary>
/// The plane rotations that the deflation step of a divide-and-conquer merge (<see cref="Stedc"/>, <see cref="Bdsdc"/>)
/// applies to pairs of nearly equal poles, so that one weight of each pair vanishes: the coordinates (p, j) become
/// (c e_p - s e_j, s e_p + c e_j). Recorded in order; undone in reverse on the rows of the small eigen- or singular
/// vector matrices; and they tell which deflated coordinates kept a unit vector (no rotation touched them), whose
/// columns of the merged factor are copies instead of GEMM products.
/// </summary>
internal sealed class DeflationRotations<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<int> _p = [], _j = [];
    private readonly List<T> _c = [], _s = [];

    /// <summary>
    /// The deflation walk (LAPACK's laed2 / lasd2) over the coordinates in <paramref name="ascending"/> pole order:
    /// a coordinate whose weight is <paramref name="negligible"/> is deflated as it is; of two consecutive survivors
    /// p, j whose rotation (c = z_j / tau, s = z_p / tau, tau = hypot(z_p, z_j)) passes <paramref name="close"/>(p, j,
    /// c, s), p is deflated with weight 0 and j keeps weight tau (the rotation is recorded, and <paramref name="close"/>
    /// may adjust the poles); the others are kept. Fills <paramref name="kept"/> (ascending) and
    /// <paramref name="deflated"/>; z is updated. O(n).
    /// </summary>
    public void Deflate(IEnumerable<int> ascending, ArraySegment<T> z, Func<int, bool> negligible, Func<int, int, T, T, bool> close,
        List<int> kept, List<int> deflated)
    {
        int prev = -1;
        foreach (int j in ascending)
        {
            if (negligible(j)) { deflated.Add(j); continue; }
            if (prev < 0) { prev = j; continue; }
            T tau = Givens.Hypot(z[prev], z[j]);
            T c = z[j] / tau, s = z[prev] / tau;
            if (close(prev, j, c, s))
            {
                z[prev] = T.Zero;
                z[j] = tau;
                Add(prev, j, c, s);
                deflated.Add(prev);
            }
            else kept.Add(prev);
            prev = j;
        }
        if (prev >= 0) kept.Add(prev);
    }

    /// <summary>The number of rotations recorded.</summary>
    public int Count => _p.Count;

    /// <summary>Records the rotation of coordinates p (deflated) and j (kept, with the combined weight).</summary>
    public void Add(int p, int j, T c, T s)
    {
        _p.Add(p); _j.Add(j); _c.Add(c); _s.Add(s);
    }

    /// <summary>
    /// Undoes the rotations (last first) on the rows of <paramref name="a"/>: row coordinate r is row
    /// <paramref name="rowOf"/>[r] of a (the identity when empty). (x_p, x_j) -> (c x_p + s x_j, c x_j - s x_p).
    /// O(count cols).
    /// </summary>
    public void UndoOnRows(Kernels.MatrixView<T> a, ReadOnlySpan<int> rowOf = default)
    {
        bool identity = rowOf.IsEmpty;
        for (int r = _p.Count - 1; r >= 0; r--)
        {
            int p = identity ? _p[r] : rowOf[_p[r]], j = identity ? _j[r] : rowOf[_j[r]];
            T c = _c[r], s = _s[r];
            for (long col = 0; col < a.Cols; col++)
            {
                ref T xp = ref a[p, col];
                ref T xj = ref a[j, col];
                T x = xp, y = xj;
                xp = c * x + s * y;
                xj = c * y - s * x;
            }
        }
    }

    /// <summary>
    /// The deflated coordinates reordered: those a rotation touched first (their vectors are combinations, computed with
    /// the secular ones by GEMM), then the untouched ones (unit vectors, copied). <paramref name="touched"/> counts the first group.
    /// </summary>
    public List<int> TouchedFirst(List<int> deflated, int coordinates, out int touched)
    {
        var mask = new bool[coordinates];
        foreach (int r in _p) mask[r] = true;
        foreach (int r in _j) mask[r] = true;
        var ordered = new List<int>(deflated.Count);
        foreach (int t in deflated) if (mask[t]) ordered.Add(t);
        touched = ordered.Count;
        foreach (int t in deflated) if (!mask[t]) ordered.Add(t);
        return ordered;
    }
}
