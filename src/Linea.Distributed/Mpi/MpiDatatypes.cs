namespace Linea.Distributed.Mpi;

/// <summary>The MPI datatype handle of an element type: float, double, int, long or byte.</summary>
internal static class MpiDatatypes
{
    /// <summary>The handle of <typeparamref name="T"/>'s MPI datatype.</summary>
    /// <exception cref="NotSupportedException">T is not float, double, int, long or byte.</exception>
    public static nint Of<T>(MpiNative native, string op) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return native.Double;
        if (typeof(T) == typeof(float)) return native.Float;
        if (typeof(T) == typeof(int)) return native.Int32;
        if (typeof(T) == typeof(long)) return native.Int64;
        if (typeof(T) == typeof(byte)) return native.Byte;
        throw new NotSupportedException($"{op}: element type {typeof(T).Name} is not supported; use float, double, int, long or byte");
    }

    /// <summary>The handle of a reduction.</summary>
    public static nint Of(MpiNative native, ReductionOp op) => op switch
    {
        ReductionOp.Sum => native.OpSum,
        ReductionOp.Min => native.OpMin,
        ReductionOp.Max => native.OpMax,
        ReductionOp.Prod => native.OpProd,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduction"),
    };
}
