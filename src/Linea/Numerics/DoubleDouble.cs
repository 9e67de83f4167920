using System.Globalization;
using System.Runtime.CompilerServices;

namespace Linea.Numerics;

/// <summary>
/// A double-double number: the unevaluated sum <see cref="Hi"/> + <see cref="Lo"/> of two doubles with
/// |Lo| &lt;= ulp(Hi) / 2, carrying about 106 bits (32 decimal digits) with double's exponent range.
/// Built on the error-free transformations TwoSum and TwoProd (through <see cref="Math.FusedMultiplyAdd"/>);
/// addition and multiplication have relative error about 2^-104 (Dekker, Knuth; the "accurate" variants of
/// Joldes, Muller and Popescu 2017). Used for residuals of iterative refinement and for extended-precision least squares.
/// Every operation is O(1) and allocation-free.
/// </summary>
/// <param name="Hi">The leading double, the value rounded to double.</param>
/// <param name="Lo">The trailing correction.</param>
public readonly record struct DoubleDouble(double Hi, double Lo) : IComparable<DoubleDouble>
{
    /// <summary>Zero.</summary>
    public static DoubleDouble Zero => default;

    /// <summary>One.</summary>
    public static DoubleDouble One => new(1, 0);

    /// <summary>s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum, 6 flops, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double e = (a - (s - bb)) + (b - bb);
        return new(s, e);
    }

    /// <summary>s + e = a + b exactly when |a| &gt;= |b| or a = 0 (Dekker's FastTwoSum, 3 flops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble QuickTwoSum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    /// <summary>p + e = a * b exactly, p = fl(a b), via one fused multiply-add (barring underflow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProd(double a, double b)
    {
        double p = a * b;
        return new(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    /// <summary>The nearest double (Hi + Lo rounded once).</summary>
    public double ToDouble() => Hi + Lo;

    /// <summary>The double nearest to this value.</summary>
    public static explicit operator double(DoubleDouble x) => x.Hi + x.Lo;

    /// <summary>A double, exactly.</summary>
    public static implicit operator DoubleDouble(double x) => new(x, 0);

    /// <summary>Sum, relative error about 2^-104.</summary>
    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        double e = s.Lo + t.Hi;
        var u = QuickTwoSum(s.Hi, e);
        e = t.Lo + u.Lo;
        return QuickTwoSum(u.Hi, e);
    }

    /// <summary>Sum with a double.</summary>
    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        var s = TwoSum(a.Hi, b);
        return QuickTwoSum(s.Hi, s.Lo + a.Lo);
    }

    /// <summary>Negation (exact).</summary>
    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    /// <summary>Difference.</summary>
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    /// <summary>Difference with a double.</summary>
    public static DoubleDouble operator -(DoubleDouble a, double b) => a + -b;

    /// <summary>Product, relative error about 2^-104.</summary>
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = TwoProd(a.Hi, b.Hi);
        double e = p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi);
        return QuickTwoSum(p.Hi, e);
    }

    /// <summary>Product with a double.</summary>
    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        var p = TwoProd(a.Hi, b);
        return QuickTwoSum(p.Hi, p.Lo + a.Lo * b);
    }

    /// <summary>Quotient (long division with one correction step), relative error about 2^-103.</summary>
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return QuickTwoSum(q1, q2) + q3;
    }

    /// <summary>Square root (one Newton step from the double root), relative error about 2^-104; NaN for negative input.</summary>
    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (a.Hi <= 0) return a.Hi == 0 ? Zero : new(double.NaN, double.NaN);
        double x = Math.Sqrt(a.Hi);
        var x2 = TwoProd(x, x);
        var r = a - x2;
        return QuickTwoSum(x, r.Hi / (2 * x));
    }

    /// <summary>|a|.</summary>
    public static DoubleDouble Abs(DoubleDouble a) => a.Hi < 0 || (a.Hi == 0 && a.Lo < 0) ? -a : a;

    /// <summary>a * 2^n exactly (barring overflow and underflow).</summary>
    public static DoubleDouble ScaleB(DoubleDouble a, int n) => new(Math.ScaleB(a.Hi, n), Math.ScaleB(a.Lo, n));

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => Hi == 0;

    /// <summary>Orders by value (Hi first, then Lo).</summary>
    public int CompareTo(DoubleDouble other) => Hi != other.Hi ? Hi.CompareTo(other.Hi) : Lo.CompareTo(other.Lo);

    /// <summary>Less than.</summary>
    public static bool operator <(DoubleDouble a, DoubleDouble b) => a.CompareTo(b) < 0;

    /// <summary>Greater than.</summary>
    public static bool operator >(DoubleDouble a, DoubleDouble b) => a.CompareTo(b) > 0;

    /// <summary>Less than or equal.</summary>
    public static bool operator <=(DoubleDouble a, DoubleDouble b) => a.CompareTo(b) <= 0;

    /// <summary>Greater than or equal.</summary>
    public static bool operator >=(DoubleDouble a, DoubleDouble b) => a.CompareTo(b) >= 0;

    /// <summary>The sum of products sum_i a_i b_i of two double spans, accumulated in double-double. O(n).</summary>
    public static DoubleDouble Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        DoubleDouble s = Zero;
        for (int i = 0; i < a.Length; i++) s += TwoProd(a[i], b[i]);
        return s;
    }

    /// <summary>
    /// Parses a decimal number ("-6.860120914", "0.1E-4") to about 32 significant digits, so decimal data that double
    /// cannot hold exactly keeps its value. O(length).
    /// </summary>
    /// <exception cref="FormatException">Not a decimal number.</exception>
    public static DoubleDouble Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        int i = 0, exp = 0, digits = 0;
        bool neg = false, any = false;
        if (i < t.Length && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
        DoubleDouble v = Zero;
        bool point = false;
        for (; i < t.Length; i++)
        {
            char ch = t[i];
            if (ch == '.' && !point) { point = true; continue; }
            if (ch < '0' || ch > '9') break;
            any = true;
            if (digits < 34) { v = v * 10.0 + (ch - '0'); if (v.Hi != 0) digits++; if (point) exp--; }
            else if (!point) exp++;
        }
        if (!any) throw new FormatException($"DoubleDouble.Parse: '{text}' is not a decimal number");
        if (i < t.Length && (t[i] == 'e' || t[i] == 'E'))
        {
            if (!int.TryParse(t.AsSpan(i + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int e))
                throw new FormatException($"DoubleDouble.Parse: bad exponent in '{text}'");
            exp += e;
        }
        else if (i != t.Length) throw new FormatException($"DoubleDouble.Parse: '{text}' is not a decimal number");
        DoubleDouble p = One, ten = 10.0;
        for (int k = Math.Abs(exp); k > 0; k >>= 1, ten *= ten)
            if ((k & 1) != 0) p *= ten;
        v = exp >= 0 ? v * p : v / p;
        return neg ? -v : v;
    }

    /// <summary>"hi + lo" with both parts round-trippable.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Hi:R} + {Lo:R}");
}
