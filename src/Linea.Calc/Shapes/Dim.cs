namespace Linea.Calc.Shapes;

/// <summary>
/// One dimension of a <see cref="SymbolicShape"/>: a known length (<c>784</c>), a symbol (<c>b</c>), or a product
/// of them (<c>h*d</c>, <c>2*n</c>), kept as a coefficient times a list of symbols. Products compare
/// structurally (<c>h*d</c> equals <c>d*h</c>) and print in the order they were written.
/// </summary>
public sealed class Dim : IEquatable<Dim>
{
    private readonly string[] _symbols;
    private readonly string[] _sorted;

    private Dim(long coefficient, string[] symbols)
    {
        Coefficient = coefficient;
        _symbols = symbols;
        _sorted = symbols.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The numeric factor (the whole length when <see cref="IsKnown"/>).</summary>
    public long Coefficient { get; }

    /// <summary>The symbols multiplied together, in the order written (empty for a known length).</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>Whether the length is a number (no symbols).</summary>
    public bool IsKnown => _symbols.Length == 0;

    /// <summary>A known length.</summary>
    /// <exception cref="CalcShapeException">The length is negative.</exception>
    public static Dim Of(long length) => length < 0
        ? throw new CalcShapeException($"a dimension cannot be negative, got {length}")
        : new Dim(length, []);

    /// <summary>A named dimension: <c>b</c>, <c>n</c>.</summary>
    public static Dim Symbol(string name) => new(1, [name]);

    /// <summary>The product of two dimensions (the length of a reshaped axis).</summary>
    /// <exception cref="CalcLimitException">The product overflows 64 bits.</exception>
    public static Dim operator *(Dim a, Dim b)
    {
        long c;
        try { c = checked(a.Coefficient * b.Coefficient); }
        catch (OverflowException) { throw new CalcLimitException($"the dimension {a}*{b} is too large"); }
        if (c == 0) return Of(0);
        var s = a._symbols.Concat(b._symbols).ToArray();
        return new Dim(c, s);
    }

    /// <summary>Whether <paramref name="divisor"/> divides this dimension exactly (numerically and symbol by symbol), and the quotient.</summary>
    public bool TryDivide(Dim divisor, out Dim quotient)
    {
        quotient = Of(0);
        if (divisor.Coefficient == 0 || Coefficient % divisor.Coefficient != 0) return false;
        var rest = _symbols.ToList();
        foreach (var s in divisor._symbols)
            if (!rest.Remove(s)) return false;
        quotient = new Dim(Coefficient / divisor.Coefficient, rest.ToArray());
        return true;
    }

    /// <summary>The product of several dimensions (1 for none).</summary>
    public static Dim Product(IEnumerable<Dim> dims)
    {
        var p = Of(1);
        foreach (var d in dims) p *= d;
        return p;
    }

    /// <summary>Equal coefficient and the same symbols.</summary>
    public bool Equals(Dim? other) =>
        other is not null && Coefficient == other.Coefficient && _sorted.AsSpan().SequenceEqual(other._sorted);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Dim d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Coefficient);
        foreach (var s in _sorted) h.Add(s);
        return h.ToHashCode();
    }

    /// <summary>"784", "b", "h*d", "2*n".</summary>
    public override string ToString()
    {
        if (IsKnown) return Coefficient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var s = string.Join("*", _symbols);
        return Coefficient == 1 ? s : $"{Coefficient}*{s}";
    }
}
