namespace Linea;

/// <summary>
/// Thrown when the shapes of the operands do not fit the operation: matmul inner dimensions,
/// broadcasting, reshape, concatenation. The message names the operation, every shape involved,
/// and, where one exists, a hint (for example "did you mean B.T?").
/// </summary>
public class ShapeMismatchException : ArgumentException
{
    /// <summary>The operation that rejected the shapes, as its API name ("matmul", "reshape", ...).</summary>
    public string Operation { get; }

    /// <summary>The shapes involved, in argument order.</summary>
    public IReadOnlyList<Shape> Shapes { get; }

    /// <summary>Creates the exception; <paramref name="message"/> is the full, user-facing text.</summary>
    public ShapeMismatchException(string operation, IReadOnlyList<Shape> shapes, string message)
        : base(message)
    {
        Operation = operation;
        Shapes = shapes;
    }
}

/// <summary>An axis argument outside [-rank, rank). The message names the operation, the axis and the shape.</summary>
public class AxisOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>The axis as the caller gave it.</summary>
    public int Axis { get; }

    /// <summary>Creates the exception with its full message.</summary>
    public AxisOutOfRangeException(int axis, string message) : base(nameof(axis), axis, message) => Axis = axis;

    /// <inheritdoc />
    public override string Message => base.Message.Split(Environment.NewLine)[0];
}

/// <summary>An element index or slice bound outside the axis it applies to.</summary>
public class TensorIndexOutOfRangeException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception with its full message.</summary>
    public TensorIndexOutOfRangeException(string message) : base("index", message) { }

    /// <inheritdoc />
    public override string Message => base.Message.Split(Environment.NewLine)[0];
}

/// <summary>
/// Base of the numerical failures of linear algebra (NumPy's LinAlgError): singular matrices,
/// matrices that are not positive definite, iterations that do not converge, non-finite input.
/// </summary>
public class LinAlgException : ArithmeticException
{
    /// <summary>Creates the exception with its full message.</summary>
    public LinAlgException(string message) : base(message) { }
}

/// <summary>The input holds NaN or infinity where the operation needs finite numbers.</summary>
public class NonFiniteException : LinAlgException
{
    /// <summary>Creates the exception with its full message.</summary>
    public NonFiniteException(string message) : base(message) { }
}

/// <summary>A file that is not in the format it claims (.npy header, CSV field), or a type Linea cannot read.</summary>
public class TensorFormatException : FormatException
{
    /// <summary>Creates the exception with its full message.</summary>
    public TensorFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with its full message and the underlying cause.</summary>
    public TensorFormatException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// A matrix is exactly singular: elimination met a pivot that is exactly zero. <see cref="PivotIndex"/> is the
/// zero-based position of that pivot (LAPACK's info - 1).
/// </summary>
public class SingularMatrixException : LinAlgException
{
    /// <summary>Zero-based index of the first zero pivot.</summary>
    public int PivotIndex { get; }

    /// <summary>Creates the exception with its full message.</summary>
    public SingularMatrixException(int pivotIndex, string message) : base(message) => PivotIndex = pivotIndex;
}

/// <summary>
/// A matrix that must be symmetric positive definite is not: the leading minor of order <see cref="MinorOrder"/>
/// (1-based, LAPACK's info) is not positive.
/// </summary>
public class NotPositiveDefiniteException : LinAlgException
{
    /// <summary>Order (1-based) of the first leading minor that is not positive.</summary>
    public int MinorOrder { get; }

    /// <summary>Creates the exception with its full message.</summary>
    public NotPositiveDefiniteException(int minorOrder, string message) : base(message) => MinorOrder = minorOrder;
}

/// <summary>An iterative algorithm (eigenvalues, singular values) did not converge within its iteration limit.</summary>
public class NoConvergenceException : LinAlgException
{
    /// <summary>Creates the exception with its full message.</summary>
    public NoConvergenceException(string message) : base(message) { }
}

/// <summary>
/// A tensor that cannot be allocated: its element or byte count overflows a 64-bit count, it exceeds the size an
/// operation can hold (the dense factorizations keep each matrix in one .NET array of at most
/// <see cref="Array.MaxLength"/> elements), or the memory cannot be had. Raised before anything is allocated where the
/// size is known in advance, and in place of the runtime's bare <see cref="OutOfMemoryException"/> where the allocation
/// itself fails. It derives from <see cref="OutOfMemoryException"/>, as .NET's own "array dimensions exceeded" does, so
/// handlers of that exception still catch it. The message names the operation, the shape and the bytes.
/// </summary>
public class TensorTooLargeException : OutOfMemoryException
{
    /// <summary>The operation that asked for the tensor, as its API name ("concatenate", "qr", "zeros", ...).</summary>
    public string Operation { get; }

    /// <summary>
    /// The bytes the tensor would take (a double, since the count may be beyond 2^63; exact up to 2^53).
    /// </summary>
    public double RequestedBytes { get; }

    /// <summary>Creates the exception; <paramref name="message"/> is the full, user-facing text.</summary>
    public TensorTooLargeException(string operation, double requestedBytes, string message, Exception? inner = null)
        : base(message, inner)
    {
        Operation = operation;
        RequestedBytes = requestedBytes;
    }
}
