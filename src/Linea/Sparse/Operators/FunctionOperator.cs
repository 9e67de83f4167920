using System.Numerics;

namespace Linea;

/// <summary>An operator given by user functions for A x and, optionally, A^T x (SciPy's <c>LinearOperator(matvec=..., rmatvec=...)</c>).</summary>
internal sealed class FunctionOperator<T>(int rows, int columns, SpanMap<T> matvec, SpanMap<T>? rmatvec) : ILinearOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Rows => rows;

    public int Columns => columns;

    public bool HasRmatvec => rmatvec is not null;

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        OperatorChecks.Matvec("function operator matvec", rows, columns, x.Length, y.Length);
        matvec(x, y);
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y)
    {
        if (rmatvec is null)
            throw new NotSupportedException($"function operator rmatvec: this ({rows}, {columns}) operator was built without an rmatvec; pass one to LinearOperator.FromFunction");
        OperatorChecks.Rmatvec("function operator rmatvec", rows, columns, x.Length, y.Length);
        rmatvec(x, y);
    }
}
