using System.Numerics;

namespace Linea;

// NumPy's summarisation of large arrays: which elements are shown (threshold, edgeitems).
internal static partial class ArrayPrinter
{
    /// <summary>Tensors with more elements than this are summarised (NumPy's <c>threshold</c>).</summary>
    internal const int Threshold = 1000;

    /// <summary>Entries kept at each end of a summarised axis (NumPy's <c>edgeitems</c>).</summary>
    internal const int EdgeItems = 3;

    private const string SummaryInsert = "...";

    /// <summary>Whether an axis of length <paramref name="n"/> shows only its first and last <see cref="EdgeItems"/> entries.</summary>
    private static bool Summarised(long n, bool summarize) => summarize && n > 2 * EdgeItems;

    /// <summary>Collects the elements that will be printed, in C order (a strided walk; no contiguity assumed).</summary>
    private static void Gather<T>(NDArray<T> t, int axis, long offset, bool summarize, List<T> into)
        where T : unmanaged
    {
        if (axis == t.Rank)
        {
            into.Add(t.Store.At(offset));
            return;
        }
        long n = t.Dims[axis], stride = t.StrideArray[axis];
        if (Summarised(n, summarize))
        {
            for (long i = 0; i < EdgeItems; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
            for (long i = n - EdgeItems; i < n; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
        }
        else
        {
            for (long i = 0; i < n; i++) Gather(t, axis + 1, offset + i * stride, summarize, into);
        }
    }
}
