using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

public class EinsumFunctionTests
{
    [Fact]
    public void Einsum_matrix_product_trace_and_diagonal_by_hand()
    {
        Assert.Equal(new[] { 19.0, 22, 43, 50 }, CalcRun.Float("einsum(\"ij,jk->ik\", [[1, 2], [3, 4]], [[5, 6], [7, 8]])").ToArray());
        Assert.Equal(new[] { 19.0, 22, 43, 50 }, CalcRun.Float("A = [1 2; 3 4]\nB = [5 6; 7 8]\neinsum('ij,jk', A, B)").ToArray());
        Assert.Equal(5.0, CalcRun.Float("einsum(\"ii\", [[1, 2], [3, 4]])").Item());
        Assert.Equal(new[] { 1.0, 4 }, CalcRun.Float("einsum(\"ii->i\", [[1, 2], [3, 4]])").ToArray());
        Assert.Equal(0.0, CalcRun.Float("x = [1, -1]\neinsum(\"i,ij,j->\", x, [[1, 2], [3, 4]], x)").Item()); // 1 - 2 - 3 + 4
    }

    [Fact]
    public void Einsum_batched_and_ellipsis_forms_agree_with_matmul()
    {
        var viaEinsum = CalcRun.Float("A = randn(2, 3, 4, seed=1)\nB = randn(2, 4, 5, seed=2)\neinsum(\"...ij,...jk->...ik\", A, B)");
        var viaMatMul = CalcRun.Float("A = randn(2, 3, 4, seed=1)\nB = randn(2, 4, 5, seed=2)\nA @ B");
        Assert.Equal(viaMatMul.Shape, viaEinsum.Shape);
        var d = viaEinsum.ToArray().Zip(viaMatMul.ToArray(), (x, y) => Math.Abs(x - y)).Max();
        Assert.True(d <= 8 * 4 * Fn.Eps * 10, $"difference {d}"); // k = 4 terms of size < 10 each
    }

    [Fact]
    public void Einsum_path_reports_the_cheap_order()
    {
        var v = Assert.IsType<StringValue>(CalcRun.Value("einsum_path(\"ij,jk,kl->il\", ones(10, 100), ones(100, 10), ones(10, 100))"));
        Assert.Contains("(0, 1)  ij,jk->ik", v.Text, StringComparison.Ordinal);
        Assert.Contains("Optimized FLOP count:  4.000e+04", v.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tensordot_with_a_count_or_axis_pairs()
    {
        Assert.Equal(70.0, CalcRun.Float("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]])").Item()); // 5 + 12 + 21 + 32
        Assert.Equal(new[] { 19.0, 22, 43, 50 }, CalcRun.Float("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], 1)").ToArray());
        // sum over axis 0 of a and axis 1 of b: A.T @ B.T
        Assert.Equal(new[] { 23.0, 31, 34, 46 }, CalcRun.Float("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], ([0], [1]))").ToArray());
        Assert.Equal(new[] { 23.0, 31, 34, 46 }, CalcRun.Float("tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], (0, 1))").ToArray());
        Assert.Equal(new[] { 2, 2, 3 }, CalcRun.Float("tensordot(ones(2, 2), ones(3), 0)").Shape.ToIntArray());
    }

    [Fact]
    public void Inner_and_n_d_kron()
    {
        Assert.Equal(new[] { 3.0, 7 }, CalcRun.Float("inner([[1, 2], [3, 4]], [1, 1])").ToArray());
        Assert.Equal(32.0, CalcRun.Float("inner([1, 2, 3], [4, 5, 6])").Item());
        var k = CalcRun.Float("kron(ones(2, 1, 2), [[1, 2], [3, 4]])");
        Assert.Equal(new[] { 2, 2, 4 }, k.Shape.ToIntArray());
        Assert.Equal(new[] { 1.0, 2, 1, 2, 3, 4, 3, 4 }, k.ToArray()[..8]);
    }

    [Theory]
    [InlineData("einsum(\"ij,jk->ik\", [[1, 2, 3]], [[1, 2], [3, 4]])", "index 'j' has size 3 in operand 0 (shape (1, 3)) but size 2 in operand 1 (shape (2, 2))")]
    [InlineData("einsum(\"ij,jk->ik\", [[1, 2]])", "name 2 operands (separated by ','), but 1 was given")]
    [InlineData("einsum(\"i1\", [1, 2])", "invalid character '1'")]
    [InlineData("einsum(\"ijk\", [1, 2])", "too many indices")]
    [InlineData("einsum(\"ij\")", "needs at least one array after the subscripts")]
    [InlineData("einsum([1, 2], [1, 2])", "must be a string")]
    [InlineData("tensordot([1, 2], [1, 2, 3], 1)", "axis 0 of a has length 2 but axis 0 of b has length 3")]
    [InlineData("inner([1, 2], [1, 2, 3])", "the last axes have lengths 2 and 3")]
    public void Errors_are_specific(string program, string expected)
    {
        var e = CalcRun.Error(program);
        Assert.Contains(expected, e.Message + " " + e.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("einsum_path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Einsum_limits_are_checked_before_any_arithmetic()
    {
        var e = CalcRun.Error("einsum(\"i,j,k->ijk\", ones(1000), ones(1000), ones(1000))");
        Assert.IsType<CalcLimitException>(e);
    }
}
