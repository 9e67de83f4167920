using System.Numerics;

namespace Linea;

/// <summary>
/// Creates tensors and holds the NumPy-style functions over them (<c>NDArray.Zeros</c>, <c>NDArray.Exp</c>,
/// <c>NDArray.MatMul</c>, ...). Element type first: <c>NDArray.Zeros&lt;double&gt;(3, 4)</c>.
/// </summary>
public static partial class NDArray
{
    /// <summary>A 1-d tensor holding a copy of <paramref name="values"/>.</summary>
    public static NDArray<T> FromArray<T>(T[] values) where T : unmanaged
    {
        RequireSupported<T>("array");
        ArgumentNullException.ThrowIfNull(values);
        return new NDArray<T>((T[])values.Clone(), 0, [values.Length], [1]);
    }

    /// <summary>A tensor of the given <paramref name="shape"/> holding a copy of <paramref name="values"/> in C order.</summary>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the array length.</exception>
    public static NDArray<T> FromArray<T>(T[] values, params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("array");
        ArgumentNullException.ThrowIfNull(values);
        var s = new Shape(shape);
        if (s.Size != values.Length)
            ThrowHelper.ShapeMismatch("from_array", $"{values.Length} values cannot fill shape {s} ({s.Size} elements)", s);
        return new NDArray<T>((T[])values.Clone(), 0, s.ToArray(), Shape.ContiguousStrides(s.Dims));
    }

    /// <summary>A tensor of the given <paramref name="shape"/> holding a copy of <paramref name="values"/> in C order.</summary>
    /// <exception cref="ShapeMismatchException">The shape's element count differs from the array length.</exception>
    public static NDArray<T> FromArray<T>(T[] values, int[] shape) where T : unmanaged =>
        FromArray(values, Shape.Widen(shape));

    /// <summary>A matrix holding a copy of <paramref name="values"/>.</summary>
    public static NDArray<T> FromArray<T>(T[,] values) where T : unmanaged => FromMultiDim<T>(values);

    /// <summary>A 3-d tensor holding a copy of <paramref name="values"/>.</summary>
    public static NDArray<T> FromArray<T>(T[,,] values) where T : unmanaged => FromMultiDim<T>(values);

    /// <summary>A 4-d tensor holding a copy of <paramref name="values"/>.</summary>
    public static NDArray<T> FromArray<T>(T[,,,] values) where T : unmanaged => FromMultiDim<T>(values);

    /// <summary>A matrix from rows of equal length (a jagged array).</summary>
    /// <exception cref="ShapeMismatchException">The rows have different lengths.</exception>
    public static NDArray<T> FromArray<T>(T[][] rows) where T : unmanaged
    {
        RequireSupported<T>("array");
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Length, m = n == 0 ? 0 : (rows[0]?.Length ?? 0);
        var data = new T[n * m];
        for (int i = 0; i < n; i++)
        {
            if (rows[i] is null || rows[i].Length != m)
                ThrowHelper.ShapeMismatch("from_array", $"row {i} has {rows[i]?.Length ?? 0} elements but row 0 has {m}; a matrix needs rows of equal length", new Shape(n, m));
            rows[i].CopyTo(data, i * m);
        }
        return new NDArray<T>(data, 0, [n, m], [m, 1]);
    }

    /// <summary>A tensor from any rectangular .NET array of <typeparamref name="T"/> (rank 1 to 32).</summary>
    public static NDArray<T> FromMultiDim<T>(Array values) where T : unmanaged
    {
        RequireSupported<T>("array");
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetType().GetElementType() != typeof(T))
            throw new ArgumentException($"from_array: expected an array of {typeof(T).Name}, got {values.GetType().Name}");
        var dims = new long[values.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = values.GetLength(i);
        var data = new T[values.Length];
        int k = 0;
        foreach (T v in values) data[k++] = v; // enumerates in row-major order
        return new NDArray<T>(data, 0, dims, Shape.ContiguousStrides(dims));
    }

    /// <summary>Wraps <paramref name="storage"/> without copying: the tensor and the array share elements.</summary>
    public static NDArray<T> Wrap<T>(T[] storage, params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("wrap");
        ArgumentNullException.ThrowIfNull(storage);
        var s = new Shape(shape);
        if (s.Size != storage.Length)
            ThrowHelper.ShapeMismatch("wrap", $"an array of {storage.Length} elements cannot be viewed as shape {s} ({s.Size} elements)", s);
        return new NDArray<T>(storage, 0, s.ToArray(), Shape.ContiguousStrides(s.Dims));
    }

    /// <summary>Wraps <paramref name="storage"/> without copying: the tensor and the array share elements.</summary>
    public static NDArray<T> Wrap<T>(T[] storage, int[] shape) where T : unmanaged =>
        Wrap(storage, Shape.Widen(shape));

    /// <summary>A 0-d tensor holding <paramref name="value"/>.</summary>
    public static NDArray<T> Scalar<T>(T value) where T : unmanaged => value;

    /// <summary>A tensor of zeros.</summary>
    public static NDArray<T> Zeros<T>(params long[] shape) where T : unmanaged
    {
        RequireSupported<T>("zeros");
        return new(new Shape(shape).ToArray());
    }

    /// <summary>A tensor of zeros.</summary>
    public static NDArray<T> Zeros<T>(int[] shape) where T : unmanaged => Zeros<T>(Shape.Widen(shape));

    /// <summary>
    /// A tensor of zeros in the given kind of memory: <see cref="StorageKind.Native"/> puts it outside the GC heap
    /// (64-byte aligned, any size memory allows; release it with <see cref="NDArray{TScalar}.Dispose"/>).
    /// <see cref="StorageKind.Managed"/> falls back to native memory above <see cref="Array.MaxLength"/> elements.
    /// </summary>
    /// <exception cref="TensorTooLargeException">The memory cannot be allocated; the message names the shape and the bytes.</exception>
    public static NDArray<T> Zeros<T>(Shape shape, StorageKind storage) where T : unmanaged =>
        Allocated<T>(shape, storage, zero: true, "zeros");

    /// <summary>
    /// A tensor whose elements are not initialised (NumPy's <c>empty</c>), for results the caller overwrites
    /// completely; in the given kind of memory.
    /// </summary>
    public static NDArray<T> Empty<T>(Shape shape, StorageKind storage = StorageKind.Managed) where T : unmanaged =>
        Allocated<T>(shape, storage, zero: false, "empty");

    /// <summary>A new C-contiguous tensor of <paramref name="shape"/> in the given kind of memory, zeroed or not.</summary>
    private static NDArray<T> Allocated<T>(Shape shape, StorageKind storage, bool zero, string op) where T : unmanaged
    {
        RequireSupported<T>(op);
        var dims = shape.ToArray();
        return new(Storage.TensorStorage<T>.Allocate(shape.Size, zero, storage, op, dims), 0, dims, Shape.ContiguousStrides(dims));
    }

    /// <summary>A tensor of ones.</summary>
    public static NDArray<T> Ones<T>(params long[] shape) where T : unmanaged, INumberBase<T> => Full(shape, T.One);

    /// <summary>A tensor of ones.</summary>
    public static NDArray<T> Ones<T>(int[] shape) where T : unmanaged, INumberBase<T> => Full(Shape.Widen(shape), T.One);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static NDArray<T> Full<T>(long[] shape, T value) where T : unmanaged
    {
        RequireSupported<T>("full");
        var t = Empty<T>(new Shape(shape));
        t.Fill(value);
        return t;
    }

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static NDArray<T> Full<T>(int[] shape, T value) where T : unmanaged => Full(Shape.Widen(shape), value);

    /// <summary>Zeros with the shape of <paramref name="like"/>.</summary>
    public static NDArray<T> ZerosLike<T>(NDArray<T> like) where T : unmanaged => Zeros<T>(like.Shape, like.StorageKind == StorageKind.Native ? StorageKind.Native : StorageKind.Managed);

    /// <summary>Ones with the shape of <paramref name="like"/>.</summary>
    public static NDArray<T> OnesLike<T>(NDArray<T> like) where T : unmanaged, INumberBase<T> => Full(like.Shape.ToArray(), T.One);

    /// <summary>An <paramref name="n"/> x <paramref name="m"/> matrix (m defaults to n) with ones on the <paramref name="k"/>-th diagonal.</summary>
    public static NDArray<T> Eye<T>(int n, int? m = null, int k = 0) where T : unmanaged, INumberBase<T>
    {
        RequireSupported<T>("eye");
        int cols = m ?? n;
        var t = Zeros<T>(n, cols);
        t.Diagonal(k).Fill(T.One);
        return t;
    }

    /// <summary>
    /// Values from <paramref name="start"/> up to but excluding <paramref name="stop"/> in steps of <paramref name="step"/>
    /// (NumPy's <c>arange</c>; length ceil((stop - start) / step), each value start + i * step).
    /// </summary>
    public static NDArray<T> Arange<T>(T start, T stop, T step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSupported<T>("arange");
        Ops.HalfPrecision.RequireComputable<T>("arange"); // computes in T: build float32 values, then ToHalf()
        if (step == T.Zero || !T.IsFinite(step) || !T.IsFinite(start) || !T.IsFinite(stop))
            throw new ArgumentException($"arange: need finite start, stop and a non-zero step, got ({start}, {stop}, {step})");
        double n = Math.Ceiling(double.CreateTruncating((stop - start) / step));
        if (n > Array.MaxLength) ThrowHelper.Argument("arange", nameof(step), $"{n} elements are more than one array can hold");
        int len = Math.Max(0, (int)n);
        var t = new NDArray<T>([len]);
        for (int i = 0; i < len; i++) t.Data[i] = start + T.CreateTruncating(i) * step;
        return t;
    }

    /// <summary>0, 1, ..., stop - 1.</summary>
    public static NDArray<T> Arange<T>(T stop) where T : unmanaged, IFloatingPointIeee754<T> => Arange(T.Zero, stop, T.One);

    /// <summary><paramref name="num"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> (included unless <paramref name="endpoint"/> is false).</summary>
    public static NDArray<T> Linspace<T>(T start, T stop, int num = 50, bool endpoint = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSupported<T>("linspace");
        Ops.HalfPrecision.RequireComputable<T>("linspace"); // computes in T: build float32 values, then ToHalf()
        if (num < 0) ThrowHelper.Argument("linspace", nameof(num), $"number of samples must be non-negative, got {num}");
        var t = new NDArray<T>([num]);
        int div = endpoint ? num - 1 : num;
        T step = div > 0 ? (stop - start) / T.CreateTruncating(div) : T.Zero;
        for (int i = 0; i < num; i++) t.Data[i] = start + T.CreateTruncating(i) * step;
        if (endpoint && num > 1) t.Data[num - 1] = stop;
        return t;
    }

    /// <summary>
    /// NumPy's <c>diag</c>: from a 1-d tensor, a square matrix with it on the <paramref name="k"/>-th diagonal;
    /// from a matrix, a copy of its <paramref name="k"/>-th diagonal.
    /// </summary>
    public static NDArray<T> Diag<T>(NDArray<T> v, int k = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.Rank == 2) return v.Diagonal(k).Copy();
        if (v.Rank != 1) ThrowHelper.Argument("diag", nameof(v), $"needs a 1-d or 2-d tensor, got shape {v.Shape}");
        long n = v.Size + Math.Abs((long)k); // k widened first: |int.MinValue| does not fit an int
        var t = new NDArray<T>([n, n], "diag");
        t.Diagonal(k).Assign(v);
        return t;
    }

    /// <summary>Uniform samples in [<paramref name="low"/>, <paramref name="high"/>), reproducible for a given <paramref name="seed"/>.</summary>
    public static NDArray<T> Uniform<T>(int[] shape, T low, T high, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSupported<T>("uniform");
        return new Rng(seed).Uniform(shape, low, high);
    }

    /// <summary>Normal samples, reproducible for a given <paramref name="seed"/>.</summary>
    public static NDArray<T> Normal<T>(int[] shape, T mean, T std, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSupported<T>("normal");
        return new Rng(seed).Normal(shape, mean, std);
    }

    /// <summary>
    /// Returns for float, double, int, long and bool; otherwise throws <see cref="NotSupportedException"/> naming
    /// <paramref name="op"/> and the element type (NDArray&lt;Half&gt; and the like compile, since they meet the generic
    /// constraint, but Linea's kernels are written for these five only). The type test folds away in the JIT.
    /// </summary>
    internal static void RequireSupported<T>(string op) where T : unmanaged
    {
        if (!IsSupportedScalar<T>()) ThrowHelper.UnsupportedScalar<T>(op);
    }

    /// <summary>Whether <typeparamref name="T"/> is one of the element types Linea supports (a JIT-time constant).</summary>
    internal static bool IsSupportedScalar<T>() where T : unmanaged =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(bool)
        || Ops.HalfPrecision.IsHalfType<T>(); // float16 and bfloat16: storage types, see HalfPrecision
}
