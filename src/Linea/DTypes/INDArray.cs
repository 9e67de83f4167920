namespace Linea;

/// <summary>
/// An <see cref="NDArray{TScalar}"/> whose element type is known only at run time, as a NumPy array's dtype is: what the
/// mixed-type functions (<see cref="NDArray.Add(INDArray, INDArray)"/>, ...) take and return. Cast the result to the
/// <see cref="NDArray{TScalar}"/> that <see cref="NDArray.ResultType(Type, Type)"/> names, or convert it with
/// <see cref="AsType{TOut}"/>.
/// </summary>
public interface INDArray
{
    /// <summary>The element type: <c>typeof(float)</c>, <c>double</c>, <c>int</c>, <c>long</c> or <c>bool</c>.</summary>
    Type ElementType { get; }

    /// <summary>The shape.</summary>
    Shape Shape { get; }

    /// <summary>The number of axes.</summary>
    int Rank { get; }

    /// <summary>The number of elements.</summary>
    long Size { get; }

    /// <summary>A converted copy (NumPy's <c>astype</c>); see <see cref="NDArray{TScalar}.AsType{TOut}"/>.</summary>
    /// <exception cref="OverflowException">A value has no <typeparamref name="TOut"/> counterpart (NaN, out of range).</exception>
    NDArray<TOut> AsType<TOut>() where TOut : unmanaged;
}

public sealed partial class NDArray<TScalar> : INDArray
{
    /// <summary>The element type, <c>typeof(TScalar)</c> (NumPy's <c>dtype</c>).</summary>
    public Type ElementType => typeof(TScalar);
}
