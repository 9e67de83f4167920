using System.Globalization;

namespace Linea.ML;

/// <summary>
/// How many components <see cref="Pca{T}"/> keeps, as scikit-learn's <c>n_components</c>: all of them (the default),
/// a count, or a fraction 0 &lt; f &lt; 1 of the total variance to explain. Converts implicitly from <c>int</c> (a count)
/// and <c>double</c> (a fraction), so <c>new Pca&lt;double&gt;(2)</c> and <c>new Pca&lt;double&gt;(0.95)</c> both read naturally.
/// </summary>
public readonly record struct PcaComponents
{
    private PcaComponents(int? count, double? fraction) { Count = count; Fraction = fraction; }

    /// <summary>The fixed number of components, or null.</summary>
    public int? Count { get; }

    /// <summary>The variance fraction to reach, or null.</summary>
    public double? Fraction { get; }

    /// <summary>True when neither a count nor a fraction is set: keep min(samples, features) components.</summary>
    public bool IsAll => Count is null && Fraction is null;

    /// <summary>Keep min(samples, features) components (scikit-learn's <c>n_components=None</c>).</summary>
    public static PcaComponents All => default;

    /// <summary>Keep exactly <paramref name="count"/> components.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static PcaComponents Of(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(count, null);
    }

    /// <summary>Keep the fewest components whose cumulative explained-variance ratio exceeds <paramref name="fraction"/>
    /// (scikit-learn's rule: <c>searchsorted(cumsum, f, side='right') + 1</c>, so a cumulative ratio exactly equal to f
    /// takes one more component).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not strictly between 0 and 1.</exception>
    public static PcaComponents VarianceFraction(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction,
                "pca: a variance fraction must lie strictly between 0 and 1; pass an int for a number of components");
        return new(null, fraction);
    }

    /// <summary>A count of components.</summary>
    public static implicit operator PcaComponents(int count) => Of(count);

    /// <summary>A variance fraction in (0, 1).</summary>
    public static implicit operator PcaComponents(double fraction) => VarianceFraction(fraction);

    /// <summary>"all", the count, or "fraction 0.95".</summary>
    public override string ToString() =>
        Count is int c ? c.ToString(CultureInfo.InvariantCulture)
        : Fraction is double f ? "fraction " + f.ToString(CultureInfo.InvariantCulture) : "all";
}
