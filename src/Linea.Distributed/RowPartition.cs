namespace Linea.Distributed;

/// <summary>
/// How the rows of an n-row matrix are split into consecutive blocks over ranks: rank r owns rows
/// <c>[Offset(r), Offset(r) + Count(r))</c>. <see cref="Balanced"/> gives the first n mod p ranks one row more, so
/// counts differ by at most one and a rank owns zero rows when n &lt; p.
/// </summary>
public sealed class RowPartition : IEquatable<RowPartition>
{
    private readonly long[] _offsets;

    private RowPartition(long[] offsets) => _offsets = offsets;

    /// <summary>n rows over <paramref name="ranks"/> ranks, counts differing by at most one (larger first).</summary>
    /// <param name="rows">n, at least 0.</param>
    /// <param name="ranks">p, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 0 or ranks &lt; 1.</exception>
    public static RowPartition Balanced(long rows, int ranks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        var offsets = new long[ranks + 1];
        long q = rows / ranks, rem = rows % ranks;
        for (int r = 0; r < ranks; r++) offsets[r + 1] = offsets[r] + q + (r < rem ? 1 : 0);
        return new RowPartition(offsets);
    }

    /// <summary>A partition with the given row count per rank (zeros allowed).</summary>
    /// <exception cref="ArgumentException">No counts, or a negative count.</exception>
    public static RowPartition FromCounts(ReadOnlySpan<long> counts)
    {
        if (counts.Length == 0) throw new ArgumentException("RowPartition: at least one rank's count is needed", nameof(counts));
        var offsets = new long[counts.Length + 1];
        for (int r = 0; r < counts.Length; r++)
        {
            if (counts[r] < 0) throw new ArgumentException($"RowPartition: rank {r}'s count {counts[r]} is negative", nameof(counts));
            offsets[r + 1] = offsets[r] + counts[r];
        }
        return new RowPartition(offsets);
    }

    /// <summary>The number of ranks.</summary>
    public int Ranks => _offsets.Length - 1;

    /// <summary>The total number of rows.</summary>
    public long Rows => _offsets[^1];

    /// <summary>Rows owned by <paramref name="rank"/>.</summary>
    public long Count(int rank) => _offsets[CheckRank(rank) + 1] - _offsets[rank];

    /// <summary>First global row of <paramref name="rank"/>.</summary>
    public long Offset(int rank) => _offsets[CheckRank(rank)];

    private int CheckRank(int rank)
    {
        if (rank < 0 || rank >= Ranks)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"RowPartition: rank {rank} is outside 0..{Ranks - 1}");
        return rank;
    }

    /// <inheritdoc/>
    public bool Equals(RowPartition? other) => other is not null && _offsets.AsSpan().SequenceEqual(other._offsets);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RowPartition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Ranks, Rows);

    /// <inheritdoc/>
    public override string ToString() =>
        $"RowPartition({Rows} rows: {string.Join(", ", Enumerable.Range(0, Ranks).Select(r => Count(r)))})";
}
