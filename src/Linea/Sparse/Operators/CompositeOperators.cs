using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>A^T of an operator: Matvec and Rmatvec swapped. O(1), nothing copied.</summary>
internal sealed class TransposedOperator<T>(ILinearOperator<T> a) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public ILinearOperator<T> Inner => a;

    public int Rows => a.Columns;

    public int Columns => a.Rows;

    public bool HasRmatvec => true;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        if (!a.HasRmatvec)
            throw new NotSupportedException($"transposed operator matvec: the ({a.Rows}, {a.Columns}) operator it transposes has no rmatvec");
        a.Rmatvec(x, y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => a.Matvec(x, y);
}

/// <summary>The n x n identity: y = x.</summary>
internal sealed class IdentityOperator<T>(int n) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Rows => n;

    public int Columns => n;

    public bool HasRmatvec => true;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("identity operator matvec", n, n, x.Length, y.Length);
        x.CopyTo(y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
}

/// <summary>alpha A: A's product scaled in place, nothing allocated.</summary>
internal sealed class ScaledOperator<T>(ILinearOperator<T> a, T alpha) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Rows => a.Rows;

    public int Columns => a.Columns;

    public bool HasRmatvec => a.HasRmatvec;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        a.Matvec(x, y);
        TensorPrimitives.Multiply(y, alpha, y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        a.Rmatvec(x, y);
        TensorPrimitives.Multiply(y, alpha, y);
    }
}

/// <summary>
/// A + B: two products added. Holds one scratch vector per direction, so one instance must not be applied from two
/// threads at once.
/// </summary>
internal sealed class SumOperator<T>(ILinearOperator<T> a, ILinearOperator<T> b) : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[]? _rowScratch, _columnScratch;

    public int Rows => a.Rows;

    public int Columns => a.Columns;

    public bool HasRmatvec => a.HasRmatvec && b.HasRmatvec;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        a.Matvec(x, y);
        var t = _rowScratch ??= new T[Rows];
        b.Matvec(x, t);
        TensorPrimitives.Add(y, t, y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        a.Rmatvec(x, y);
        var t = _columnScratch ??= new T[Columns];
        b.Rmatvec(x, t);
        TensorPrimitives.Add(y, t, y);
    }
}
