namespace Linea;

/// <summary>
/// Hands out consecutive slices of a caller's workspace buffer, each checked against its end, so an algorithm that
/// needs more than its <c>WorkspaceSize</c> function said fails loudly (an internal error naming the algorithm) instead
/// of overrunning. <see cref="Used"/> is what was handed out, for the tests that compare it with the size function.
/// </summary>
internal struct WorkspaceCarver<T>(T[] buffer, string algorithm, int order)
{
    /// <summary>Elements handed out so far.</summary>
    public long Used { get; private set; }

    /// <summary>The next <paramref name="length"/> elements.</summary>
    /// <exception cref="InvalidOperationException">The buffer is too small: a workspace-size function disagrees with its algorithm.</exception>
    public ArraySegment<T> Take(long length)
    {
        if (Used + length > buffer.Length)
            throw new InvalidOperationException($"internal: {algorithm} of order {order} needs more than the {buffer.Length} workspace elements it was given");
        var slice = new ArraySegment<T>(buffer, (int)Used, (int)length);
        Used += length;
        return slice;
    }
}
