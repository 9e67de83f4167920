namespace Linea;

/// <summary>Index and value arrays that double as entries are appended (the V and R of the numeric QR).</summary>
internal sealed class GrowingColumns<T>(int capacity) where T : unmanaged
{
    public int[] Indices = new int[capacity];
    public T[] Values = new T[capacity];
    public int Count;

    /// <summary>Appends one entry, doubling the arrays when full (up to <see cref="Array.MaxLength"/> entries).</summary>
    public void Add(string op, int index, T value)
    {
        if (Count == Indices.Length)
        {
            if (Count == Array.MaxLength)
                ThrowHelper.ResultTooLarge(op, "the sparse QR factors", (double)Count + 1, sizeof(int) + System.Runtime.CompilerServices.Unsafe.SizeOf<T>(),
                    "the Householder vectors and R are each limited to one managed array");
            int size = (int)Math.Min(Array.MaxLength, 2L * Count);
            Array.Resize(ref Indices, size);
            Array.Resize(ref Values, size);
        }
        Indices[Count] = index;
        Values[Count++] = value;
    }
}
