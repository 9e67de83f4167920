using System.Runtime.CompilerServices;

namespace Linea.Numerics;

/// <summary>
/// An unevaluated sum Hi + Lo of two doubles with |Lo| &lt;= ulp(Hi)/2: about 106 bits of significand (32 decimal
/// digits) with double's exponent range. Built from the error-free transformations TwoSum (Knuth) and TwoProd
/// (one fused multiply-add), as in Dekker 1971 and the QD library (Hida, Li, Bailey). Used to accumulate residuals
/// for iterative refinement and anywhere else a dot product must not lose digits. Not IEEE: no signed zeros
/// in Lo, no NaN payloads, and the accuracy of / is about 2^-104 relative.
/// </summary>
internal readonly struct DoubleDouble : IComparable<DoubleDouble>
{
    /// <summary>The leading part, the double nearest the value.</summary>
    public readonly double Hi;

    /// <summary>The trailing part, the rounding error of <see cref="Hi"/>.</summary>
    public readonly double Lo;

    public DoubleDouble(double hi, double lo = 0) { Hi = hi; Lo = lo; }

    public static readonly DoubleDouble Zero = new(0);
    public static readonly DoubleDouble One = new(1);

    public static implicit operator DoubleDouble(double x) => new(x);

    /// <summary>The value rounded to double.</summary>
    public double ToDouble() => Hi + Lo;

    /// <summary>s + e = a + b exactly, s = fl(a + b) (Knuth's TwoSum, 6 flops, no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        double e = (a - (s - bb)) + (b - bb);
        return new(s, e);
    }

    /// <summary>s + e = a + b exactly when |a| &gt;= |b| (Dekker's FastTwoSum, 3 flops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble FastTwoSum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    /// <summary>p + e = a * b exactly (barring underflow), p = fl(a * b), the error from one fused multiply-add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble TwoProd(double a, double b)
    {
        double p = a * b;
        return new(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        // Accurate (IEEE-style) addition, QD's sloppy variant loses digits under cancellation.
        var s = TwoSum(a.Hi, b.Hi);
        var t = TwoSum(a.Lo, b.Lo);
        double lo = s.Lo + t.Hi;
        var u = FastTwoSum(s.Hi, lo);
        lo = t.Lo + u.Lo;
        return FastTwoSum(u.Hi, lo);
    }

    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        var s = TwoSum(a.Hi, b);
        return FastTwoSum(s.Hi, s.Lo + a.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    public static DoubleDouble operator -(DoubleDouble a, double b) => a + (-b);

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = TwoProd(a.Hi, b.Hi);
        double lo = p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi);
        return FastTwoSum(p.Hi, lo);
    }

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        var p = TwoProd(a.Hi, b);
        return FastTwoSum(p.Hi, p.Lo + a.Lo * b);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        // Two Newton-like correction steps on the double quotient.
        double q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return FastTwoSum(q1, q2) + q3;
    }

    /// <summary>a * b + c with one rounding to double-double: the step of an accurate dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble MultiplyAdd(double a, double b, DoubleDouble c) => c + TwoProd(a, b);

    public static DoubleDouble Abs(DoubleDouble a) => a.Hi < 0 || (a.Hi == 0 && a.Lo < 0) ? -a : a;

    /// <summary>Square root by one Newton step from the double root (Karp and Markstein).</summary>
    public static DoubleDouble Sqrt(DoubleDouble a)
    {
        if (a.Hi <= 0) return a.Hi == 0 ? Zero : new(double.NaN);
        double x = 1 / Math.Sqrt(a.Hi);
        double ax = a.Hi * x;
        var diff = a - TwoProd(ax, ax);
        return TwoSum(ax, diff.Hi * (x * 0.5));
    }

    public static bool operator <(DoubleDouble a, DoubleDouble b) => a.Hi < b.Hi || (a.Hi == b.Hi && a.Lo < b.Lo);
    public static bool operator >(DoubleDouble a, DoubleDouble b) => b < a;

    public int CompareTo(DoubleDouble other) => this < other ? -1 : other < this ? 1 : 0;

    public override string ToString() => $"{Hi:R} + {Lo:R}";
}
