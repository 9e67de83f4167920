using System.Diagnostics.CodeAnalysis;

namespace Linea.Calc.Exact;

/// <summary>Throwers shared by the exact operations, with the message style of Linea's front door.</summary>
internal static class ExactErrors
{
    [DoesNotReturn]
    public static void ShapeMismatch(string op, string message, params ExactArray[] operands) =>
        throw new ShapeMismatchException(op, operands.Select(a => a.ShapeValue).ToArray(), $"{op}: {message}");

    /// <summary>Throws unless <paramref name="a"/> is a square matrix.</summary>
    public static void RequireSquare(string op, ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2)
            ShapeMismatch(op, $"needs a square matrix, got an array of shape {a.ShapeValue}", a);
        if (a.Rows != a.Cols)
            ShapeMismatch(op, $"needs a square matrix, got shape {a.ShapeValue} ({a.Rows} rows, {a.Cols} columns)", a);
    }

    /// <summary>Throws unless <paramref name="a"/> is a matrix.</summary>
    public static void RequireMatrix(string op, ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2) ShapeMismatch(op, $"needs a matrix (2-d), got an array of shape {a.ShapeValue}", a);
    }

    /// <summary>Throws a <see cref="CalcException"/> unless every element is an integer.</summary>
    public static void RequireIntegral(string op, ExactArray a)
    {
        var data = a.AsSpan();
        for (int i = 0; i < data.Length; i++)
            if (!data[i].IsInteger)
                throw new CalcException(
                    $"{op}: needs integer entries, but element {Position(a, i)} is {data[i]}");
    }

    /// <summary>"[i, j]" for a matrix, "[i]" for a vector, "" for a scalar.</summary>
    public static string Position(ExactArray a, int flat) => a.Rank switch
    {
        0 => "",
        1 => $"[{flat}]",
        _ => $"[{flat / a.Cols}, {flat % a.Cols}]",
    };
}
