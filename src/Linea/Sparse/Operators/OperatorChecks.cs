namespace Linea;

/// <summary>The length checks every operator makes on its vectors, with messages naming the operator's shape.</summary>
internal static class OperatorChecks
{
    public static void Matvec(string op, int rows, int columns, int x, int y)
    {
        if (x != columns || y != rows)
            ThrowHelper.ShapeMismatch(op, $"an operator of shape ({rows}, {columns}) needs x of length {columns} and y of length {rows}, got {x} and {y}");
    }

    public static void Rmatvec(string op, int rows, int columns, int x, int y)
    {
        if (x != rows || y != columns)
            ThrowHelper.ShapeMismatch(op, $"an operator of shape ({rows}, {columns}) needs x of length {rows} and y of length {columns}, got {x} and {y}");
    }

    public static void Dimension(string op, string what, long value)
    {
        if (value < 0) ThrowHelper.Argument(op, what, $"{what} must be non-negative, got {value}");
    }
}
