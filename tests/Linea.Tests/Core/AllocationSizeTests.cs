using Xunit;

namespace Linea.Tests.Core;

/// <summary>
/// Sizes are checked before allocating (#16 item 10): a result whose byte count overflows a 64-bit count, memory that
/// cannot be had, and front-door results too large for the dense factorizations throw
/// <see cref="TensorTooLargeException"/> naming the operation, the shape and the bytes. Nothing here allocates more than
/// a few megabytes: the inputs are broadcast views (which store one element) and the impossible sizes fail before or at
/// the allocation.
/// </summary>
public class AllocationSizeTests
{
    [Fact]
    public void ConcatenatingViewsWhoseTotalOverflowsNamesConcatenateShapeAndBytes()
    {
        // 5e17 elements each: three make 1.5e18 elements, 1.2e19 bytes of float64, beyond 2^63
        var v = NDArray.Zeros<double>(1).BroadcastTo(500_000_000_000_000_000L);
        var e = Assert.Throws<TensorTooLargeException>(() => NDArray.Concatenate(v, v, v));
        Assert.Equal("concatenate", e.Operation);
        Assert.StartsWith("concatenate: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(1500000000000000000,)", e.Message, StringComparison.Ordinal);
        Assert.Contains("1.2e19 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(1.2e19, e.RequestedBytes, 1e-9 * 1.2e19);
        Assert.IsAssignableFrom<OutOfMemoryException>(e);
    }

    [Fact]
    public void ConcatenatingSoManyViewsThatTheLengthItselfOverflowsDoesNotWrap()
    {
        // 20 x 5e17 = 1e19 entries on the join axis: more than a long holds; the old sum wrapped to a negative length
        var v = NDArray.Zeros<float>(1).BroadcastTo(500_000_000_000_000_000L);
        var e = Assert.Throws<TensorTooLargeException>(() => NDArray.Concatenate(Enumerable.Repeat(v, 20).ToArray()));
        Assert.StartsWith("concatenate: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("(1e19,)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-", e.Message.Replace("64-bit", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("4e19 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DiagWithAnExtremeOffsetNamesDiag()
    {
        var v = NDArray.FromArray([1.0, 2.0, 3.0]);
        foreach (int k in new[] { int.MinValue, int.MaxValue, int.MinValue + 1 })
        {
            var e = Assert.Throws<TensorTooLargeException>(() => NDArray.Diag(v, k));
            Assert.Equal("diag", e.Operation);
            Assert.StartsWith("diag: the result of shape (", e.Message, StringComparison.Ordinal);
            Assert.Contains("bytes", e.Message, StringComparison.Ordinal);
        }
        // from a matrix, an offset beyond it is an empty diagonal, as in NumPy
        Assert.Equal(0, NDArray.Diag(NDArray.Eye<double>(3), int.MinValue).Size);
        Assert.Equal(0, NDArray.Diag(NDArray.Eye<double>(3), int.MaxValue).Size);
    }

    [Fact]
    public void MemoryThatCannotBeHadIsALineaErrorNotABareOutOfMemory()
    {
        // 2^56 float64 = 2^59 bytes fits a 64-bit count but no address space: the allocation fails at once
        var e = Assert.Throws<TensorTooLargeException>(() => NDArray.Zeros<double>(1L << 56));
        Assert.Equal("zeros", e.Operation);
        Assert.Contains("(72057594037927936,)", e.Message, StringComparison.Ordinal);
        Assert.Contains("576,460,752,303,423,488 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("out of memory", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OutOfMemoryException>(e.InnerException);

        var n = Assert.Throws<TensorTooLargeException>(() => NDArray.Zeros<float>(new Shape(1L << 50, 1L << 6), StorageKind.Native));
        Assert.Contains("zeros: cannot allocate", n.Message, StringComparison.Ordinal);
        Assert.Contains("(1125899906842624, 64)", n.Message, StringComparison.Ordinal);
        Assert.Contains("native memory", n.Message, StringComparison.Ordinal);

        // an operation that allocates inside names itself: the copy of a huge broadcast view
        var view = NDArray.Zeros<double>(1).BroadcastTo(1L << 56);
        var c = Assert.Throws<TensorTooLargeException>(() => view.Copy());
        Assert.StartsWith("copy: cannot allocate", c.Message, StringComparison.Ordinal);
        var add = Assert.Throws<TensorTooLargeException>(() => view + 1.0);
        Assert.StartsWith("add: cannot allocate", add.Message, StringComparison.Ordinal);
        Assert.StartsWith("exp: cannot allocate", Assert.Throws<TensorTooLargeException>(() => NDArray.Exp(view)).Message, StringComparison.Ordinal);
        Assert.Contains("(72057594037927936,)", add.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BroadcastingAndProductsWhoseResultOverflowsNameTheirOperation()
    {
        var column = NDArray.Zeros<double>(1, 1).BroadcastTo(1L << 32, 1);
        var row = NDArray.Zeros<double>(1, 1).BroadcastTo(1, 1L << 32);
        var e = Assert.Throws<TensorTooLargeException>(() => column * row);
        Assert.Equal("multiply: the result of shape (4294967296, 4294967296) would have 1.845e19 elements of 8 bytes (1.48e20 bytes), more than a 64-bit byte count can hold", e.Message);
        var m = Assert.Throws<TensorTooLargeException>(() => column.MatMul(row));
        Assert.StartsWith("matmul: the result of shape (4294967296, 4294967296)", m.Message, StringComparison.Ordinal);
    }
}
