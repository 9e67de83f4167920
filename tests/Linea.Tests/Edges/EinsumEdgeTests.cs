namespace Linea.Tests.Edges;

using OutOfCore = global::Linea.OutOfCore;
using Sparse = global::Linea.Sparse;

/// <summary>
/// Edges of <c>Einsum</c>, <c>Tensordot</c>, <c>Inner</c> and <c>Kron</c>: zero-size axes, 0-d operands, many
/// operands, repeated output letters and mismatched sizes. Results are checked against hand-derived values (NumPy's
/// definitions); bad input must throw a specific exception, and operands are never modified.
/// </summary>
public class EinsumEdgeTests
{
    private static NDArray<double> Seq(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        return NDArray.FromArray(Enumerable.Range(1, (int)n).Select(i => (double)i).ToArray(), shape);
    }

    [Fact]
    public void Zero_size_contracted_axis_gives_zeros_of_the_output_shape()
    {
        var a = NDArray.Zeros<double>(2, 0);
        var b = NDArray.Zeros<double>(0, 3);
        var c = NDArray.Einsum("ij,jk->ik", a, b);
        Assert.Equal(new long[] { 2, 3 }, c.Shape.ToArray());
        Assert.All(c.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(new long[] { 2, 3 }, NDArray.Tensordot(a, b, 1).Shape.ToArray());
        Assert.All(NDArray.Tensordot(a, b, 1).ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Zero_size_kept_axis_gives_an_empty_result()
    {
        var a = NDArray.Zeros<double>(0, 4);
        var c = NDArray.Einsum("ij,jk->ik", a, Seq(4, 3));
        Assert.Equal(new long[] { 0, 3 }, c.Shape.ToArray());
        Assert.Equal(0.0, NDArray.Einsum("ij->", a).ToArray().Single());
        Assert.Equal(new long[] { 0, 0 }, NDArray.Kron(NDArray.Zeros<double>(0, 2), Seq(3, 0)).Shape.ToArray());
        Assert.Equal(new long[] { 0, 6 }, NDArray.Kron(NDArray.Zeros<double>(0, 2), Seq(3, 3)).Shape.ToArray());
    }

    [Fact]
    public void Zero_d_operands_multiply_as_scalars()
    {
        var s = NDArray.Scalar(3.0);
        var t = NDArray.Scalar(-2.0);
        Assert.Equal(-6.0, NDArray.Einsum(",->", s, t).ToArray().Single());
        Assert.Equal(new double[] { 3, 6, 9 }, NDArray.Einsum(",i->i", s, Seq(3)).ToArray());
        Assert.Equal(-6.0, NDArray.Inner(s, t).ToArray().Single());
        Assert.Equal(new double[] { 3, 6 }, NDArray.Inner(s, Seq(2)).ToArray());
        Assert.Equal(-6.0, NDArray.Kron(s, t).ToArray().Single());
        Assert.Equal(-6.0, NDArray.Tensordot(s, t, 0).ToArray().Single());
        var e = Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("i", s));
        Assert.Contains("0 axes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_operands_chain_to_the_product()
    {
        // Ten 2x2 matrices [[1,1],[0,1]]: the product is [[1,10],[0,1]].
        var m = NDArray.FromArray(new double[,] { { 1, 1 }, { 0, 1 } });
        var ops = Enumerable.Repeat(m, 10).ToArray();
        string letters = "abcdefghijk";
        string spec = string.Join(",", Enumerable.Range(0, 10).Select(i => $"{letters[i]}{letters[i + 1]}")) + "->ak";
        Assert.Equal(new double[] { 1, 10, 0, 1 }, NDArray.Einsum(spec, ops).ToArray());
        Assert.Equal(new double[] { 1, 1, 0, 1 }, m.ToArray());
    }

    [Fact]
    public void Fifty_two_letters_are_usable_and_a_fifty_third_axis_needs_an_ellipsis()
    {
        // 52 axes of size 1: every letter a-z, A-Z once.
        var shape = Enumerable.Repeat(1L, 52).ToArray();
        var x = NDArray.FromArray(new[] { 5.0 }, shape);
        string all = new string(Enumerable.Range('a', 26).Concat(Enumerable.Range('A', 26)).Select(c => (char)c).ToArray());
        Assert.Equal(5.0, NDArray.Einsum(all + "->", x).ToArray().Single());
    }

    [Fact]
    public void Repeated_output_letter_and_unknown_output_letter_are_named()
    {
        var a = Seq(2, 2);
        var e = Assert.Throws<ArgumentException>(() => NDArray.Einsum("ij->jj", a));
        Assert.Contains("output index 'j' appears more than once", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => NDArray.Einsum("ij->k", a));
        Assert.Contains("'k' does not appear", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("", a));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("->", a));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("ij,", a));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("..", a));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("ij->ij.", a));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("ij-", a));
    }

    [Fact]
    public void Null_operands_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => NDArray.Einsum<double>(null!, Seq(2)));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Einsum("i,i->", Seq(2), null!));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(null!, Seq(2), 1));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Kron(Seq(2), null!));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Inner(null!, Seq(2)));
    }

    [Fact]
    public void Broadcast_size_one_stretches_but_other_sizes_clash()
    {
        var a = Seq(2, 1);
        var b = Seq(1, 3);
        Assert.Equal(new double[] { 1, 2, 3, 2, 4, 6 }, NDArray.Einsum("ij,ij->ij", a, b).ToArray());
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.Einsum("ij,ij->ij", Seq(2, 2), Seq(2, 3)));
        Assert.Contains("index 'j' has size 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensordot_axes_out_of_range_negative_or_mismatched_are_named()
    {
        var a = Seq(2, 3);
        var b = Seq(3, 4);
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(a, b, -1));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(a, b, 3));
        Assert.Throws<ShapeMismatchException>(() => NDArray.Tensordot(a, b, 2));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(a, b, [1], [0, 1]));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(a, b, [2], [0]));
        Assert.ThrowsAny<ArgumentException>(() => NDArray.Tensordot(a, b, [1, 1], [0, 0]));
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.Tensordot(a, b, [0], [0]));
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
        // Negative axes count from the end (NumPy).
        Assert.Equal(NDArray.Tensordot(a, b, [1], [0]).ToArray(), NDArray.Tensordot(a, b, [-1], [-2]).ToArray());
    }

    [Fact]
    public void Inner_with_different_last_axes_names_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.Inner(Seq(2, 3), Seq(2, 4)));
        Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kron_of_different_ranks_prepends_ones_as_numpy()
    {
        // np.kron([1, 2], [[1], [10]]) == [[1, 2], [10, 20]]
        var k = NDArray.Kron(NDArray.FromArray(new double[] { 1, 2 }), NDArray.FromArray(new double[,] { { 1 }, { 10 } }));
        Assert.Equal(new long[] { 2, 2 }, k.Shape.ToArray());
        Assert.Equal(new double[] { 1, 2, 10, 20 }, k.ToArray());
    }

    [Fact]
    public void NaN_propagates_and_is_not_lost()
    {
        var a = NDArray.FromArray(new double[] { 1, double.NaN });
        Assert.True(double.IsNaN(NDArray.Einsum("i,i->", a, Seq(2)).ToArray().Single()));
        Assert.True(double.IsNaN(NDArray.Inner(a, Seq(2)).ToArray().Single()));
    }
}
