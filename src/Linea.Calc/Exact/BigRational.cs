using System.Globalization;
using System.Numerics;

namespace Linea.Calc.Exact;

/// <summary>
/// An exact rational number p/q with arbitrary-precision integers: the denominator is always positive and the
/// fraction is always reduced (gcd(p, q) = 1), so equal numbers have equal representations.
/// <c>default(BigRational)</c> is 0 (numerator 0, denominator 1).
/// </summary>
/// <remarks>
/// Arithmetic costs a gcd per operation (O(b^2) in the bit length b for the sizes that occur here). The operators
/// do not check <see cref="ExactLimits"/>; <see cref="ExactOps"/> does after each operation.
/// </remarks>
public readonly partial struct BigRational : IEquatable<BigRational>, IComparable<BigRational>, IComparable
{
    private readonly BigInteger _num;
    private readonly BigInteger _denMinusOne; // stored as q - 1 so that default(BigRational) is 0/1

    /// <summary>0.</summary>
    public static BigRational Zero => default;

    /// <summary>1.</summary>
    public static BigRational One => new(BigInteger.One);

    /// <summary>The integer <paramref name="n"/>.</summary>
    public BigRational(BigInteger n)
    {
        _num = n;
        _denMinusOne = BigInteger.Zero;
    }

    /// <summary>The fraction <paramref name="numerator"/>/<paramref name="denominator"/>, reduced and with a positive denominator.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException($"the fraction {numerator}/0 has a zero denominator");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        if (numerator.IsZero)
        {
            _num = BigInteger.Zero;
            _denMinusOne = BigInteger.Zero;
            return;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne)
        {
            numerator /= g;
            denominator /= g;
        }
        _num = numerator;
        _denMinusOne = denominator - BigInteger.One;
    }

    /// <summary>Builds from a numerator and a positive denominator already known to be coprime (no gcd).</summary>
    private BigRational(BigInteger numerator, BigInteger denominator, bool reduced)
    {
        _num = numerator;
        _denMinusOne = denominator - BigInteger.One;
    }

    /// <summary>The numerator p; its sign is the sign of the number.</summary>
    public BigInteger Numerator => _num;

    /// <summary>The denominator q, always at least 1.</summary>
    public BigInteger Denominator => _denMinusOne + BigInteger.One;

    /// <summary>Whether the number is an integer (denominator 1).</summary>
    public bool IsInteger => _denMinusOne.IsZero;

    /// <summary>Whether the number is 0.</summary>
    public bool IsZero => _num.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _num.Sign;

    /// <summary>
    /// Bits of the numerator plus bits of the denominator: the size measure the limits in <see cref="ExactLimits"/>
    /// apply to. O(1).
    /// </summary>
    public long BitLength => (long)BigInteger.Abs(_num).GetBitLength() + (long)Denominator.GetBitLength();

    /// <summary>The absolute value.</summary>
    public BigRational Abs() => _num.Sign < 0 ? -this : this;

    /// <summary>1/x.</summary>
    /// <exception cref="DivideByZeroException">The number is zero.</exception>
    public BigRational Reciprocal()
    {
        if (_num.IsZero) throw new DivideByZeroException("division by zero: 0 has no reciprocal");
        return _num.Sign > 0
            ? new BigRational(Denominator, _num, reduced: true)
            : new BigRational(-Denominator, -_num, reduced: true);
    }

    /// <summary>
    /// x^k by repeated squaring; a negative <paramref name="k"/> gives (1/x)^|k|, and x^0 = 1 (also for x = 0).
    /// The result has about |k| times the bits of x; this method does not check <see cref="ExactLimits"/>
    /// (<see cref="ExactOps.Power"/> does, before computing).
    /// </summary>
    /// <exception cref="DivideByZeroException">x is zero and <paramref name="k"/> is negative.</exception>
    /// <exception cref="OverflowException"><paramref name="k"/> is <see cref="int.MinValue"/> and |x| is not 0 or 1 (the result cannot be stored).</exception>
    public BigRational Pow(int k)
    {
        if (k == 0) return One;
        var b = k < 0 ? Reciprocal() : this;
        long e = Math.Abs((long)k);
        if (b.IsInteger && BigInteger.Abs(b._num).IsOne) return (e & 1) == 0 ? One : b;
        if (e > int.MaxValue)
            throw new OverflowException($"({this})^{k} has more than 2^31 times the bits of {this}");
        // (p/q)^e with p, q coprime stays reduced.
        var p = BigInteger.Pow(b._num, (int)e);
        var q = BigInteger.Pow(b.Denominator, (int)e);
        return new BigRational(p, q, reduced: true);
    }

    /// <summary>The largest integer not above the number.</summary>
    public BigInteger Floor()
    {
        if (IsInteger) return _num;
        var q = BigInteger.DivRem(_num, Denominator, out var r);
        return r.Sign < 0 ? q - 1 : q;
    }

    /// <summary>Sum.</summary>
    public static BigRational operator +(BigRational a, BigRational b)
    {
        if (a.IsInteger && b.IsInteger) return new BigRational(a._num + b._num);
        if (a._num.IsZero) return b;
        if (b._num.IsZero) return a;
        var qa = a.Denominator;
        var qb = b.Denominator;
        return new BigRational(a._num * qb + b._num * qa, qa * qb);
    }

    /// <summary>Difference.</summary>
    public static BigRational operator -(BigRational a, BigRational b) => a + (-b);

    /// <summary>Negation.</summary>
    public static BigRational operator -(BigRational a) => new(-a._num, a.Denominator, reduced: true);

    /// <summary>Identity.</summary>
    public static BigRational operator +(BigRational a) => a;

    /// <summary>Product.</summary>
    public static BigRational operator *(BigRational a, BigRational b)
    {
        if (a._num.IsZero || b._num.IsZero) return Zero;
        if (a.IsInteger && b.IsInteger) return new BigRational(a._num * b._num);
        // Cross-cancel first so the products stay small: (p1/q1)(p2/q2) with g1 = gcd(p1, q2), g2 = gcd(p2, q1).
        var g1 = BigInteger.GreatestCommonDivisor(a._num, b.Denominator);
        var g2 = BigInteger.GreatestCommonDivisor(b._num, a.Denominator);
        var p = (a._num / g1) * (b._num / g2);
        var q = (a.Denominator / g2) * (b.Denominator / g1);
        return new BigRational(p, q, reduced: true);
    }

    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static BigRational operator /(BigRational a, BigRational b)
    {
        if (b._num.IsZero) throw new DivideByZeroException($"division by zero: {a} / 0");
        return a * b.Reciprocal();
    }

    /// <summary>The integer as a rational.</summary>
    public static implicit operator BigRational(int n) => new(n);

    /// <summary>The integer as a rational.</summary>
    public static implicit operator BigRational(long n) => new(n);

    /// <summary>The integer as a rational.</summary>
    public static implicit operator BigRational(BigInteger n) => new(n);

    /// <summary>Equal when numerator and denominator are equal (both are reduced).</summary>
    public bool Equals(BigRational other) => _num.Equals(other._num) && _denMinusOne.Equals(other._denMinusOne);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BigRational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_num, _denMinusOne);

    /// <summary>Orders by value (cross-multiplication; no rounding).</summary>
    public int CompareTo(BigRational other)
    {
        if (_num.Sign != other._num.Sign) return _num.Sign.CompareTo(other._num.Sign);
        if (IsInteger && other.IsInteger) return _num.CompareTo(other._num);
        return (_num * other.Denominator).CompareTo(other._num * Denominator);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        BigRational r => CompareTo(r),
        _ => throw new ArgumentException($"cannot compare a BigRational with {obj.GetType().Name}", nameof(obj)),
    };

    /// <summary>Equal values.</summary>
    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);

    /// <summary>Different values.</summary>
    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);

    /// <summary>Less than.</summary>
    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    /// <summary>The smaller of two numbers.</summary>
    public static BigRational Min(BigRational a, BigRational b) => a <= b ? a : b;

    /// <summary>The larger of two numbers.</summary>
    public static BigRational Max(BigRational a, BigRational b) => a >= b ? a : b;

    /// <summary>"3/2", "-2", "0": the reduced fraction, or the integer when the denominator is 1.</summary>
    public override string ToString() => IsInteger
        ? _num.ToString(CultureInfo.InvariantCulture)
        : _num.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);
}
