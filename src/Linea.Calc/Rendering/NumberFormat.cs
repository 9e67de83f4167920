using System.Globalization;

namespace Linea.Calc.Rendering;

/// <summary>Number text shared by the renderers.</summary>
public static class NumberFormat
{
    /// <summary>
    /// A double as Python's <c>repr</c> writes it: the shortest text that reads back to the same double, positional
    /// from 1e-4 up to 1e16 (always with a decimal point: <c>1.0</c>), scientific otherwise (<c>1e-05</c>,
    /// <c>1.5e+20</c>); <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    public static string Double(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsPositiveInfinity(x)) return "inf";
        if (double.IsNegativeInfinity(x)) return "-inf";
        if (x == 0) return double.IsNegative(x) ? "-0.0" : "0.0";
        // shortest round-trip digits and decimal exponent
        string shortest = Math.Abs(x).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exp) = Decompose(shortest);
        string sign = x < 0 ? "-" : "";
        if (exp >= -4 && exp < 16)
        {
            // positional: the decimal point sits after digit (exp + 1)
            int point = exp + 1;
            string intPart, fracPart;
            if (point <= 0) { intPart = "0"; fracPart = new string('0', -point) + digits; }
            else if (point >= digits.Length) { intPart = digits + new string('0', point - digits.Length); fracPart = "0"; }
            else { intPart = digits[..point]; fracPart = digits[point..]; }
            return $"{sign}{intPart}.{fracPart}";
        }
        string mant = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        return $"{sign}{mant}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
    }

    /// <summary>Significant digits (no leading or trailing zeros) and the decimal exponent of the first one.</summary>
    private static (string Digits, int Exponent) Decompose(string r)
    {
        int e = 0;
        int ei = r.IndexOfAny(['E', 'e']);
        if (ei >= 0)
        {
            e = int.Parse(r[(ei + 1)..], CultureInfo.InvariantCulture);
            r = r[..ei];
        }
        int dot = r.IndexOf('.');
        string intPart = dot < 0 ? r : r[..dot];
        string frac = dot < 0 ? "" : r[(dot + 1)..];
        string all = intPart + frac;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        int exponent = intPart.Length - 1 - lead + e;
        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, exponent);
    }
}
