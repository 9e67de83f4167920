using System.Numerics;

namespace Linea.Calc.Exact;

/// <summary>
/// An immutable array of exact rational numbers of rank 0 (scalar), 1 (vector) or 2 (matrix), stored row-major.
/// The exact counterpart of a <see cref="NDArray{TScalar}"/> for the calculator: <c>inv([[1,2],[3,4]])</c> is
/// <c>[[-2, 1], [3/2, -1/2]]</c>, not a float approximation. Operations live in <see cref="ExactOps"/>.
/// </summary>
public sealed partial class ExactArray : IEquatable<ExactArray>
{
    private readonly int[] _shape;
    private readonly BigRational[] _data;

    /// <summary>Wraps storage the caller will never mutate again; checks rank and the element limit.</summary>
    internal ExactArray(int[] shape, BigRational[] data)
    {
        if (shape.Length > 2)
            throw new ArgumentException($"exact arrays have rank 0, 1 or 2; got shape {FormatShape(shape)}", nameof(shape));
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension {d} in shape {FormatShape(shape)}", nameof(shape));
            count *= d;
        }
        ExactLimits.CheckElements(count, "exact array");
        if (count != data.Length)
            throw new ArgumentException($"{data.Length} values cannot fill shape {FormatShape(shape)} ({count} elements)", nameof(data));
        _shape = shape;
        _data = data;
    }

    /// <summary>The axis lengths (a copy): [] for a scalar, [n] for a vector, [rows, cols] for a matrix.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The shape as Linea's <see cref="Linea.Shape"/>, for messages and tensors: "(2, 3)".</summary>
    public Shape ShapeValue => new(_shape);

    /// <summary>The number of axes: 0, 1 or 2.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements (1 for a scalar).</summary>
    public int Count => _data.Length;

    /// <summary>Number of rows of a matrix.</summary>
    /// <exception cref="InvalidOperationException">The array is not a matrix.</exception>
    public int Rows => Rank == 2 ? _shape[0] : throw NotMatrix(nameof(Rows));

    /// <summary>Number of columns of a matrix.</summary>
    /// <exception cref="InvalidOperationException">The array is not a matrix.</exception>
    public int Cols => Rank == 2 ? _shape[1] : throw NotMatrix(nameof(Cols));

    /// <summary>Element <paramref name="i"/> in row-major order (any rank).</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="i"/> is outside [0, Count).</exception>
    public BigRational this[int i] => _data[i];

    /// <summary>Element (<paramref name="i"/>, <paramref name="j"/>) of a matrix.</summary>
    /// <exception cref="InvalidOperationException">The array is not a matrix.</exception>
    /// <exception cref="IndexOutOfRangeException">The index is outside the matrix.</exception>
    public BigRational this[int i, int j]
    {
        get
        {
            if (Rank != 2) throw NotMatrix("A[i, j]");
            if ((uint)i >= (uint)_shape[0] || (uint)j >= (uint)_shape[1])
                throw new IndexOutOfRangeException($"index ({i}, {j}) is outside a matrix of shape {ShapeValue}");
            return _data[i * _shape[1] + j];
        }
    }

    /// <summary>The elements in row-major order (no copy).</summary>
    public ReadOnlySpan<BigRational> AsSpan() => _data;

    /// <summary>The elements in row-major order as a new array.</summary>
    public BigRational[] ToArray() => (BigRational[])_data.Clone();

    /// <summary>The only element of a scalar or one-element array.</summary>
    /// <exception cref="InvalidOperationException">The array has more or fewer than one element.</exception>
    public BigRational ToScalar() => Count == 1
        ? _data[0]
        : throw new InvalidOperationException($"to_scalar: an array of shape {ShapeValue} has {Count} elements, not one");

    /// <summary>Whether every element is an integer.</summary>
    public bool IsIntegral
    {
        get
        {
            foreach (var x in _data)
                if (!x.IsInteger) return false;
            return true;
        }
    }

    /// <summary>Whether the array is a square matrix.</summary>
    public bool IsSquare => Rank == 2 && _shape[0] == _shape[1];

    /// <summary>A 0-d array holding <paramref name="value"/>.</summary>
    public static ExactArray Scalar(BigRational value) => new([], [value]);

    /// <summary>A 1-d array holding a copy of <paramref name="values"/>.</summary>
    public static ExactArray Vector(params BigRational[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new([values.Length], (BigRational[])values.Clone());
    }

    /// <summary>A rows x cols matrix holding a copy of <paramref name="rowMajor"/>.</summary>
    /// <exception cref="ArgumentException">The length is not rows * cols, or a size is negative.</exception>
    public static ExactArray Matrix(int rows, int cols, BigRational[] rowMajor)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        return new([rows, cols], (BigRational[])rowMajor.Clone());
    }

    /// <summary>A matrix holding a copy of <paramref name="values"/>: <c>ExactArray.Matrix(new BigRational[,] { { 1, 2 }, { 3, 4 } })</c>.</summary>
    public static ExactArray Matrix(BigRational[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int r = values.GetLength(0), c = values.GetLength(1);
        var data = new BigRational[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                data[i * c + j] = values[i, j];
        return new([r, c], data);
    }

    /// <summary>The n x n identity matrix.</summary>
    public static ExactArray Identity(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ExactLimits.CheckElements((long)n * n, "identity");
        var data = new BigRational[n * n];
        for (int i = 0; i < n; i++) data[i * n + i] = BigRational.One;
        return new([n, n], data);
    }

    /// <summary>An array of zeros of the given shape (rank 0 to 2).</summary>
    public static ExactArray Zeros(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (int d in shape) count *= Math.Max(d, 0);
        ExactLimits.CheckElements(count, "zeros");
        return new((int[])shape.Clone(), new BigRational[count]);
    }

    /// <summary>A matrix from a row-major array the caller hands over (no copy).</summary>
    internal static ExactArray Wrap(int[] shape, BigRational[] data) => new(shape, data);

    /// <summary>
    /// The nearest doubles (each element correctly rounded by <see cref="BigRational.ToDouble"/>) as a C-contiguous
    /// tensor of the same shape.
    /// </summary>
    public NDArray<double> ToTensor()
    {
        var values = new double[_data.Length];
        for (int i = 0; i < values.Length; i++) values[i] = _data[i].ToDouble();
        return NDArray.FromArray(values, _shape);
    }

    /// <summary>
    /// Each element of <paramref name="t"/> (rank 0 to 2) as the shortest decimal that round-trips
    /// (<see cref="BigRational.FromDoubleShortest"/>): 0.1 becomes 1/10. This is how the calculator reads float input.
    /// </summary>
    /// <exception cref="CalcException">An element is NaN or infinite, or the rank is above 2.</exception>
    /// <exception cref="CalcLimitException">The tensor has more than <see cref="ExactLimits.MaxElements"/> elements.</exception>
    public static ExactArray FromTensorShortest(NDArray<double> t) => FromTensor(t, BigRational.FromDoubleShortest);

    /// <summary>Each element of <paramref name="t"/> (rank 0 to 2) as its exact binary value (<see cref="BigRational.FromDouble"/>).</summary>
    /// <exception cref="CalcException">An element is NaN or infinite, or the rank is above 2.</exception>
    /// <exception cref="CalcLimitException">The tensor has more than <see cref="ExactLimits.MaxElements"/> elements.</exception>
    public static ExactArray FromTensorExact(NDArray<double> t) => FromTensor(t, BigRational.FromDouble);

    private static ExactArray FromTensor(NDArray<double> t, Func<double, BigRational> convert)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank > 2)
            throw new CalcException($"exact arithmetic works on scalars, vectors and matrices; got a {t.Rank}-d array of shape {t.Shape}");
        ExactLimits.CheckElements(t.Size, "exact");
        var values = t.ToArray();
        var data = new BigRational[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new CalcException($"exact: element {i} of the array is {values[i]}, which has no exact value; exact arithmetic needs finite numbers");
            data[i] = convert(values[i]);
        }
        return new(t.Shape.ToIntArray(), data);
    }

    /// <summary>The element-wise map <paramref name="f"/>, same shape.</summary>
    internal ExactArray Map(Func<BigRational, BigRational> f)
    {
        var data = new BigRational[_data.Length];
        for (int i = 0; i < data.Length; i++) data[i] = f(_data[i]);
        return new(_shape, data);
    }

    internal int[] ShapeRef => _shape;

    /// <summary>Equal when shapes and all elements are equal.</summary>
    public bool Equals(ExactArray? other) =>
        other is not null && _shape.AsSpan().SequenceEqual(other._shape) && _data.AsSpan().SequenceEqual(other._data);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ExactArray);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _shape) h.Add(d);
        foreach (var x in _data) h.Add(x);
        return h.ToHashCode();
    }

    private InvalidOperationException NotMatrix(string what) =>
        new($"{what} needs a matrix (2-d), but this exact array has shape {ShapeValue}");

    /// <summary>NumPy's tuple form of a shape: "(2, 3)", "(5,)", "()".</summary>
    internal static string FormatShape(ReadOnlySpan<int> dims) =>
        dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims.ToArray()) + ")";

    internal static BigInteger Lcm(BigInteger a, BigInteger b) => a / BigInteger.GreatestCommonDivisor(a, b) * b;
}
