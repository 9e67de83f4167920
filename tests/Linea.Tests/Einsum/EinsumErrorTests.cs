namespace Linea.Tests.Einsum;

public class EinsumErrorTests
{
    private static readonly NDArray<double> M23 = NDArray.Zeros<double>(2, 3);
    private static readonly NDArray<double> M34 = NDArray.Zeros<double>(3, 4);
    private static readonly NDArray<double> M45 = NDArray.Zeros<double>(4, 5);

    private static string Message<TException>(Action action) where TException : Exception =>
        Assert.Throws<TException>(action).Message;

    [Theory]
    [InlineData("i1,jk->ik", "invalid character '1' at position 1")]
    [InlineData("ij;jk->ik", "invalid character ';'")]
    [InlineData("ij,jk->ik->i", "'->' appears more than once")]
    [InlineData("ij,jk-ik", "'-' and '>' may only appear together")]
    [InlineData("ij,jk>ik", "'-' and '>' may only appear together")]
    [InlineData("ij,jk->i,k", "cannot contain ','")]
    [InlineData("i.j,jk->ik", "is not part of an ellipsis")]
    [InlineData("......,jk->k", "more than one ellipsis")]
    [InlineData("ij,jk->iz", "output index 'z' does not appear in any operand")]
    [InlineData("ij,jk->ii", "output index 'i' appears more than once")]
    public void Malformed_subscripts_are_named(string subscripts, string expected)
    {
        var message = Message<ArgumentException>(() => NDArray.Einsum(subscripts, M23, M34));
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("einsum:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operand_count_mismatch_names_both_counts()
    {
        var message = Message<ArgumentException>(() => NDArray.Einsum("ij,jk->ik", M23, M34, M45));
        Assert.Contains("name 2 operands (separated by ','), but 3 were given", message, StringComparison.Ordinal);
        message = Message<ArgumentException>(() => NDArray.Einsum<double>("ij"));
        Assert.Contains("need at least one operand", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_mismatch_names_the_index_operands_and_sizes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.Einsum("ij,jk->ik", M23, M45));
        Assert.Equal("einsum: index 'j' has size 3 in operand 0 (shape (2, 3)) but size 4 in operand 1 (shape (4, 5)); sizes of one index must be equal (or 1, which broadcasts)", e.Message);
        Assert.Equal("einsum", e.Operation);
    }

    [Fact]
    public void Diagonal_of_unequal_axes_is_refused()
    {
        var message = Message<ShapeMismatchException>(() => NDArray.Einsum("ii->i", M23));
        Assert.Contains("index 'i' is repeated in operand 0 (shape (2, 3)) over axes 0 and 1 of sizes 2 and 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_or_too_few_indices_for_an_operand()
    {
        var message = Message<ShapeMismatchException>(() => NDArray.Einsum("ijk,jk->i", M23, M34));
        Assert.Contains("operand 0 has 2 axes (shape (2, 3)) but its subscripts 'ijk' name 3 (too many indices)", message, StringComparison.Ordinal);
        message = Message<ShapeMismatchException>(() => NDArray.Einsum("i,jk->i", M23, M34));
        Assert.Contains("operand 0 has 2 axes (shape (2, 3)) but its subscripts 'i' name 1", message, StringComparison.Ordinal);
        message = Message<ShapeMismatchException>(() => NDArray.Einsum("ijk...->i", M23));
        Assert.Contains("name 3 besides '...' (too many indices)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ellipsis_axes_without_an_output_ellipsis_are_refused_as_numpy_does()
    {
        var message = Message<ArgumentException>(() => NDArray.Einsum("...i->i", NDArray.Zeros<double>(2, 3, 4)));
        Assert.Contains("covers 2 axes, but the output has no '...'", message, StringComparison.Ordinal);
        // no axes under the ellipsis: nothing to keep, so it is fine
        Assert.Equal(new Shape(4), NDArray.Einsum("...i->i", NDArray.Zeros<double>(4)).Shape);
    }

    [Fact]
    public void Ellipsis_axes_that_do_not_broadcast_are_named()
    {
        var message = Message<ShapeMismatchException>(() => NDArray.Einsum("...i,...i->...", NDArray.Zeros<double>(2, 3), NDArray.Zeros<double>(4, 3)));
        Assert.Contains("index ellipsis axis 0 has size 2 in operand 0", message, StringComparison.Ordinal);
    }
}
