namespace Linea.Calc.Shapes;

/// <summary>A shape whose dimensions may be symbolic: <c>(32, 784)</c>, <c>(b, h, n, d)</c>. Printed like NumPy's tuples.</summary>
public sealed class SymbolicShape : IEquatable<SymbolicShape>
{
    private readonly Dim[] _dims;

    /// <summary>A shape from its dimensions.</summary>
    public SymbolicShape(IEnumerable<Dim> dims) => _dims = dims.ToArray();

    /// <summary>A shape of known lengths.</summary>
    public static SymbolicShape Of(ReadOnlySpan<int> dims)
    {
        var d = new Dim[dims.Length];
        for (int i = 0; i < d.Length; i++) d[i] = Dim.Of(dims[i]);
        return new SymbolicShape(d);
    }

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<Dim> Dims => _dims;

    /// <summary>Number of axes.</summary>
    public int Rank => _dims.Length;

    /// <summary>Dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public Dim this[int axis] => _dims[axis < 0 ? axis + _dims.Length : axis];

    /// <summary>Whether every dimension is a number.</summary>
    public bool IsKnown => _dims.All(d => d.IsKnown);

    /// <summary>The lengths, when all are known.</summary>
    /// <exception cref="InvalidOperationException">A dimension is symbolic.</exception>
    public int[] ToInts() => _dims.Select(d => d.IsKnown && d.Coefficient <= int.MaxValue
        ? (int)d.Coefficient
        : throw new InvalidOperationException($"dimension {d} of {this} is not a known int")).ToArray();

    /// <summary>Same dimensions.</summary>
    public bool Equals(SymbolicShape? other) => other is not null && _dims.SequenceEqual(other._dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SymbolicShape s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode() => _dims.Aggregate(17, (h, d) => h * 31 + d.GetHashCode());

    /// <summary>"(32, 256)", "(256,)", "()".</summary>
    public override string ToString() => _dims.Length == 1 ? $"({_dims[0]},)" : $"({string.Join(", ", _dims.Select(d => d.ToString()))})";
}
