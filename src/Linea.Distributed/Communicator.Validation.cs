using System.Globalization;
using System.Text;

namespace Linea.Distributed;

public sealed partial class Communicator
{
    /// <summary>Width of the per-rank record exchanged by the argument checks.</summary>
    private const int RecordWidth = 3;

    /// <summary>
    /// Every rank's record (first length, second length or -1, root or -1) in rank order, from one allgather of
    /// 3 longs per rank.
    /// </summary>
    private unsafe long[] ExchangeRecords(string op, long first, long second, long root)
    {
        var all = new long[RecordWidth * Size];
        long* mine = stackalloc long[RecordWidth];
        mine[0] = first;
        mine[1] = second;
        mine[2] = root;
        fixed (long* p = all)
            Check(Native.Allgather(mine, RecordWidth, Native.Int64, p, RecordWidth, Native.Int64, Handle), op);
        return all;
    }

    /// <summary>The records as text, e.g. <c>rank 0: send 5, recv 5; rank 1: send 6, recv -</c>.</summary>
    private string DescribeRecords(long[] all, string firstName, string? secondName)
    {
        var sb = new StringBuilder();
        for (int r = 0; r < Size; r++)
        {
            if (r > 0) sb.Append("; ");
            sb.Append(CultureInfo.InvariantCulture, $"rank {r}: {firstName} {all[RecordWidth * r]}");
            if (secondName is not null)
            {
                long s = all[RecordWidth * r + 1];
                sb.Append(CultureInfo.InvariantCulture, $", {secondName} {(s < 0 ? "-" : s.ToString(CultureInfo.InvariantCulture))}");
            }
        }
        return sb.ToString();
    }

    /// <summary>Throws on every rank when the ranks named different roots or the root is out of range.</summary>
    private void CheckRoots(string op, long[] all, int root)
    {
        for (int r = 0; r < Size; r++)
        {
            long rr = all[RecordWidth * r + 2];
            if (rr != root)
            {
                var roots = string.Join(", ", Enumerable.Range(0, Size).Select(i => $"rank {i}: {all[RecordWidth * i + 2]}"));
                throw new MpiCountMismatchException(Rank, Size, op, $"the ranks named different roots ({roots})");
            }
        }
        if (root < 0 || root >= Size)
            throw new MpiCountMismatchException(Rank, Size, op, $"root {root} is outside 0..{Size - 1}");
    }

    /// <summary>A local check for a communicator without the exchange: the root in range.</summary>
    private void CheckRootLocal(string op, int root)
    {
        if (root < 0 || root >= Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"{op} on rank {Rank} of {Size}: root {root} is outside 0..{Size - 1}");
    }

    /// <summary>Throws <see cref="ArgumentException"/> on this rank alone (used when the exchange is off).</summary>
    private ArgumentException LocalMismatch(string op, string reason) =>
        new($"{op} on rank {Rank} of {Size}: {reason}");

    private MpiCountMismatchException Mismatch(string op, string reason) => new(Rank, Size, op, reason);

    /// <summary>Whether every rank's first field equals rank 0's.</summary>
    private bool FirstFieldsAgree(long[] all)
    {
        for (int r = 1; r < Size; r++)
            if (all[RecordWidth * r] != all[0]) return false;
        return true;
    }
}
