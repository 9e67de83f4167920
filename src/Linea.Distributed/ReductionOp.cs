namespace Linea.Distributed;

/// <summary>An element-wise reduction of a collective (MPI's predefined <c>MPI_Op</c>s).</summary>
public enum ReductionOp
{
    /// <summary><c>MPI_SUM</c>: the sum over ranks, element by element (floating-point order is MPI's choice).</summary>
    Sum,
    /// <summary><c>MPI_MIN</c>: the minimum over ranks, element by element.</summary>
    Min,
    /// <summary><c>MPI_MAX</c>: the maximum over ranks, element by element.</summary>
    Max,
    /// <summary><c>MPI_PROD</c>: the product over ranks, element by element.</summary>
    Prod,
}
