using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactProductTests
{
    [Fact]
    public void MatMul_of_the_course_example()
    {
        Assert.Equal(Ex.A("[[19, 22], [43, 50]]"), ExactOps.MatMul(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[5, 6], [7, 8]]")));
    }

    [Fact]
    public void MatMul_follows_numpy_rules_for_vectors()
    {
        var a = Ex.A("[[1, 2, 3], [4, 5, 6]]");
        Assert.Equal(Ex.A("[14, 32]"), ExactOps.MatMul(a, Ex.A("[1, 2, 3]")));        // (2,3) @ (3,) -> (2,)
        Assert.Equal(Ex.A("[9, 12, 15]"), ExactOps.MatMul(Ex.A("[1, 2]"), a));        // (2,) @ (2,3) -> (3,)
        Assert.Equal(ExactArray.Scalar(11), ExactOps.MatMul(Ex.A("[1, 2]"), Ex.A("[3, 4]")));
        Assert.Equal(ExactArray.Scalar(new BigRational(1, 2)), ExactOps.Dot(Ex.A("[1/2, 1/3]"), Ex.A("[1/2, 3/4]")));
        Assert.Equal(Ex.A("[[2, 4, 6], [8, 10, 12]]"), ExactOps.Dot(ExactArray.Scalar(2), a));
    }

    [Fact]
    public void MatMul_shape_errors_name_the_shapes_and_hint_a_transpose()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => ExactOps.MatMul(Ex.A("[[1, 2, 3], [4, 5, 6]]"), Ex.A("[[1, 2, 3], [4, 5, 6]]")));
        Assert.Equal("matmul: (2, 3) @ (2, 3): inner dimensions 3 and 2 differ (the last axis of A must equal the first axis of B); did you mean B.T? A @ B.T would have inner dimension 3", e.Message);
        var e2 = Assert.Throws<ShapeMismatchException>(() => ExactOps.MatMul(Ex.A("[[1, 2, 3]]"), Ex.A("[1, 2]")));
        Assert.Contains("(1, 3) @ (2,)", e2.Message);
        Assert.Throws<ArgumentException>(() => ExactOps.MatMul(ExactArray.Scalar(2), Ex.A("[1, 2]")));
        var e3 = Assert.Throws<ShapeMismatchException>(() => ExactOps.Dot(Ex.A("[1, 2, 3]"), Ex.A("[1, 2]")));
        Assert.Contains("lengths 3 and 2", e3.Message);
    }

    [Property(MaxTest = 100)]
    public void MatMul_matches_Linea_on_small_integers(ulong seed)
    {
        var rng = new Rng(seed);
        int m = rng.NextInt(4) + 1, k = rng.NextInt(4) + 1, n = rng.NextInt(4) + 1;
        var a = Ex.IntMatrix(rng, m, k, 20);
        var b = Ex.IntMatrix(rng, k, n, 20);
        Assert.Equal(a.ToTensor().MatMul(b.ToTensor()), ExactOps.MatMul(a, b).ToTensor());
    }

    [Fact]
    public void Outer_and_Kron_follow_numpy()
    {
        Assert.Equal(Ex.A("[[3, 4], [6, 8], [9, 12]]"), ExactOps.Outer(Ex.A("[1, 2, 3]"), Ex.A("[3, 4]")));
        Assert.Equal(Ex.A("[[1, 2], [2, 4]]"), ExactOps.Outer(Ex.A("[[1], [2]]"), Ex.A("[[1, 2]]"))); // flattened
        Assert.Equal(Ex.A("[[0, 5, 0, 10], [6, 7, 12, 14], [0, 15, 0, 20], [18, 21, 24, 28]]"),
            ExactOps.Kron(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[0, 5], [6, 7]]")));
        Assert.Equal(Ex.A("[3, 4, 6, 8]"), ExactOps.Kron(Ex.A("[1, 2]"), Ex.A("[3, 4]")));
        Assert.Equal(Ex.A("[[1, 2, 2, 4]]"), ExactOps.Kron(Ex.A("[[1, 2]]"), Ex.A("[1, 2]")));
        Assert.Equal(Ex.A("[2, 4]"), ExactOps.Kron(ExactArray.Scalar(2), Ex.A("[1, 2]")));
    }

    [Fact]
    public void Transpose_and_Trace()
    {
        Assert.Equal(Ex.A("[[1, 4], [2, 5], [3, 6]]"), ExactOps.Transpose(Ex.A("[[1, 2, 3], [4, 5, 6]]")));
        Assert.Equal(Ex.A("[1, 2]"), ExactOps.Transpose(Ex.A("[1, 2]")));
        Assert.Equal(new BigRational(6), ExactOps.Trace(Ex.A("[[1, 2, 3], [4, 5, 6]]")));
        Assert.Equal(new BigRational(5, 6), ExactOps.Trace(Ex.A("[[1/2, 9], [9, 1/3]]")));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Trace(Ex.A("[1, 2]")));
    }

    [Fact]
    public void MatrixPower_by_squaring_including_negative_exponents()
    {
        var fib = Ex.A("[[1, 1], [1, 0]]");
        Assert.Equal(Ex.A("[[89, 55], [55, 34]]"), ExactOps.MatrixPower(fib, 10));
        Assert.Equal(ExactArray.Identity(2), ExactOps.MatrixPower(fib, 0));
        Assert.Equal(fib, ExactOps.MatrixPower(fib, 1));
        Assert.Equal(Ex.A("[[1, -3], [0, 1]]"), ExactOps.MatrixPower(Ex.A("[[1, 1], [0, 1]]"), -3));
        Assert.Equal(Ex.A("[[1/4, 0], [0, 4]]"), ExactOps.MatrixPower(Ex.A("[[2, 0], [0, 1/2]]"), -2));
        // F(-n) = (-1)^(n+1) F(n): fib^-10 = [[F(-9), F(-10)], [F(-10), F(-11)]] = [[34, -55], [-55, 89]]
        Assert.Equal(Ex.A("[[34, -55], [-55, 89]]"), ExactOps.MatrixPower(fib, -10));
        var e = Assert.Throws<SingularMatrixException>(() => ExactOps.MatrixPower(Ex.A("[[1, 2], [2, 4]]"), -1));
        Assert.StartsWith("matrix_power: the matrix is singular (rank 1 < 2)", e.Message);
        Assert.Throws<ShapeMismatchException>(() => ExactOps.MatrixPower(Ex.A("[[1, 2, 3]]"), 2));
    }

    [Property(MaxTest = 50)]
    public void MatrixPower_agrees_with_repeated_products(ulong seed)
    {
        var rng = new Rng(seed);
        int n = rng.NextInt(4) + 1, k = rng.NextInt(9);
        var a = Ex.IntMatrix(rng, n, n, 3);
        var expected = ExactArray.Identity(n);
        for (int i = 0; i < k; i++) expected = ExactOps.MatMul(expected, a);
        Assert.Equal(expected, ExactOps.MatrixPower(a, k));
        if (!ExactOps.Det(a).IsZero)
            Assert.Equal(ExactArray.Identity(n), ExactOps.MatMul(ExactOps.MatrixPower(a, k), ExactOps.MatrixPower(a, -k)));
    }
}
