using System.Runtime.InteropServices;
using System.Text;

namespace Linea.Distributed;

public sealed partial class Communicator
{
    private static unsafe delegate* unmanaged<void*, int*, int*, nint, void*, int*, int*, nint, nint, int> _alltoallv;

    /// <summary>
    /// Personalized all-to-all exchange (<c>MPI_Alltoallv</c>): this rank sends the next <c>sendCounts[d]</c> elements
    /// of <paramref name="send"/> (pieces laid out in rank order, back to back) to rank d, and receives
    /// <c>recvCounts[s]</c> elements from rank s into <paramref name="recv"/> (pieces in rank order, back to back).
    /// Rank r's <c>sendCounts[d]</c> must equal rank d's <c>recvCounts[r]</c>; zero counts are allowed.
    /// With <see cref="ValidatesArguments"/>, every rank's counts are exchanged first (one allgather of 2p ints per
    /// rank) and a mismatch throws on every rank, naming the pair. Data moved: the sum of the counts; nothing allocated
    /// beyond the check's O(p^2) ints.
    /// </summary>
    /// <param name="send">This rank's outgoing elements, at least Σ sendCounts long.</param>
    /// <param name="sendCounts">Elements for each rank, length <see cref="Size"/>, each ≥ 0.</param>
    /// <param name="recv">Incoming elements, at least Σ recvCounts long.</param>
    /// <param name="recvCounts">Elements from each rank, length <see cref="Size"/>, each ≥ 0.</param>
    /// <exception cref="ArgumentException">A count array's length is not <see cref="Size"/>, a count is negative, or a
    /// buffer is shorter than its counts' sum (on this rank).</exception>
    /// <exception cref="MpiCountMismatchException">The counts of two ranks do not pair up (on every rank).</exception>
    /// <exception cref="MpiException">MPI failed, or the total passes MPI's int range.</exception>
    public unsafe void Alltoallv<T>(ReadOnlySpan<T> send, ReadOnlySpan<int> sendCounts, Span<T> recv, ReadOnlySpan<int> recvCounts) where T : unmanaged
    {
        const string name = "alltoallv";
        nint type = Mpi.MpiDatatypes.Of<T>(Native, name);
        if (sendCounts.Length != Size || recvCounts.Length != Size)
            throw LocalMismatch(name, $"sendCounts has length {sendCounts.Length} and recvCounts {recvCounts.Length}; both must have one count per rank ({Size})");
        int[] sdispls = Displacements(name, sendCounts, send.Length, "send");
        int[] rdispls = Displacements(name, recvCounts, recv.Length, "recv");
        if (ValidatesArguments) CheckPairedCounts(name, sendCounts, recvCounts);
        var fn = Alltoallv();
        fixed (T* s = send)
        fixed (T* r = recv)
        fixed (int* sc = sendCounts)
        fixed (int* sd = sdispls)
        fixed (int* rc = recvCounts)
        fixed (int* rd = rdispls)
            Check(fn(s, sc, sd, type, r, rc, rd, type, Handle), name);
    }

    private int[] Displacements(string name, ReadOnlySpan<int> counts, int length, string which)
    {
        var displs = new int[Size];
        long total = 0;
        for (int r = 0; r < Size; r++)
        {
            if (counts[r] < 0) throw LocalMismatch(name, $"{which}Counts[{r}] = {counts[r]} is negative");
            if (total > int.MaxValue) throw LocalMismatch(name, $"the {which} total passes {int.MaxValue}, MPI's largest displacement; split the data");
            displs[r] = (int)total;
            total += counts[r];
        }
        if (total > length) throw LocalMismatch(name, $"the {which} counts sum to {total} but the {which} buffer has length {length}");
        return displs;
    }

    private unsafe void CheckPairedCounts(string name, ReadOnlySpan<int> sendCounts, ReadOnlySpan<int> recvCounts)
    {
        int p = Size;
        var mine = new int[2 * p];
        sendCounts.CopyTo(mine);
        recvCounts.CopyTo(mine.AsSpan(p));
        var all = new int[2 * p * p];
        fixed (int* m = mine)
        fixed (int* a = all)
            Check(Native.Allgather(m, 2 * p, Native.Int32, a, 2 * p, Native.Int32, Handle), name);
        StringBuilder? bad = null;
        for (int r = 0; r < p; r++)
            for (int d = 0; d < p; d++)
            {
                int sent = all[2 * p * r + d], received = all[2 * p * d + p + r];
                if (sent == received) continue;
                bad ??= new StringBuilder();
                if (bad.Length > 0) bad.Append("; ");
                bad.Append(System.Globalization.CultureInfo.InvariantCulture, $"rank {r} sends {sent} to rank {d}, which expects {received}");
            }
        if (bad is not null) throw Mismatch(name, bad.ToString());
    }

    /// <summary>MPI_Alltoallv, resolved once from the global symbol scope (libmpi is loaded RTLD_GLOBAL).</summary>
    private unsafe delegate* unmanaged<void*, int*, int*, nint, void*, int*, int*, nint, nint, int> Alltoallv()
    {
        if (_alltoallv != null) return _alltoallv;
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "MPI_Alltoallv", out nint f)
            && !(NativeLibrary.TryLoad("libmpi.so.40", out nint lib) && NativeLibrary.TryGetExport(lib, "MPI_Alltoallv", out f)))
            throw new MpiException(Rank, Size, "alltoallv", 0, "MPI_Alltoallv is not exported by the loaded libmpi");
        _alltoallv = (delegate* unmanaged<void*, int*, int*, nint, void*, int*, int*, nint, nint, int>)f;
        return _alltoallv;
    }
}
