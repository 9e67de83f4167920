using FsCheck.Xunit;
using Linea.Calc.Exact;
using Linea.Calc.Explain;
using Linea.Calc.Tests.Exact;

namespace Linea.Calc.Tests.Explain;

public class ExplainerTests
{
    [Fact]
    public void Inverse_of_the_other_course_example()
    {
        var e = Explainer.Inverse(Ex.A("[[2, 1], [1, 1]]"));
        Assert.Equal("inv(A) = [[1, -1], [-1, 2]]", e.Result);
        Assert.Equal(
            ["Write A and the identity matrix I side by side as [A | I]. Row operations that turn the left half into I turn the right half into inv(A), because they amount to multiplying by inv(A).",
             "R1 <- (1/2)*R1 (divide by the pivot 2 to make it 1)",
             "R2 <- R2 - R1 (clear the 1 below the pivot in column 1)",
             "R2 <- 2*R2 (divide by the pivot 1/2 to make it 1)",
             "R1 <- R1 - (1/2)*R2 (clear the 1/2 above the pivot in column 2)",
             "The left half is now I, so the right half is inv(A):",
             "Check: A @ inv(A) = I (multiply them to see)."],
            e.Steps.Select(s => s.Text));
        Assert.Equal(Ex.A("[[1, 1/2, 1/2, 0], [0, 1/2, -1/2, 1]]"), e.Steps[2].Matrix);
        Assert.Equal(2, e.Steps[2].Divider);
    }

    [Fact]
    public void Inverse_of_a_singular_matrix_names_the_rank_and_has_no_value()
    {
        var e = Explainer.Inverse(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]"));
        Assert.Equal("A is singular (rank 2 < 3); it has no inverse", e.Result);
        Assert.Null(e.Value);
        Assert.Contains("swap R2, R3", e.ToText());
        Assert.Contains("Column 3 has no nonzero entry from row 3 down", e.Steps[^1].Text);
    }

    [Fact]
    public void Solve_names_the_inconsistent_row_or_the_free_variables()
    {
        var none = Explainer.Solve(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]"), Ex.A("[1, 3, 3]"));
        Assert.Equal("no solution (row 3 of the reduced system says 0 = 1)", none.Result);
        Assert.Null(none.Value);
        Assert.Equal(Ex.A("[[1, 0, -1, 5], [0, 1, 2, -2], [0, 0, 0, 1]]"), none.Steps[^1].Matrix);
        var many = Explainer.Solve(Ex.A("[[1, 2, 3], [2, 4, 6], [1, 1, 1]]"), Ex.A("[1, 2, 3]"));
        Assert.Equal("infinitely many solutions: x1 = 5 + x3, x2 = -2 - 2*x3; x3 free", many.Result);
        Assert.Null(many.Value);
        var all = Explainer.Solve(ExactArray.Zeros(2, 2), Ex.A("[0, 0]"));
        Assert.Equal("infinitely many solutions: x1, x2 free", all.Result);
        var wide = Explainer.Solve(Ex.A("[[1, 1, 0, 2]]"), Ex.A("[1/2]"));
        Assert.Equal("infinitely many solutions: x1 = 1/2 - x2 - 2*x4; x2, x3, x4 free", wide.Result);
        var column = Explainer.Solve(Ex.A("[[2, 0], [0, 4]]"), Ex.A("[[1], [1]]"));
        Assert.Equal(Ex.A("[[1/2], [1/4]]"), column.Value);
    }

    [Fact]
    public void Rref_explanation_names_pivots_and_rank()
    {
        var e = Explainer.Rref(Ex.A("[[0, 2, 4, 2], [0, 1, 2, 3], [0, 0, 0, 0]]"));
        Assert.Equal("rref(A) = [[0, 1, 2, 0], [0, 0, 0, 1], [0, 0, 0, 0]] (pivot columns 2, 4; rank 2)", e.Result);
        Assert.Contains("Column 1 has no nonzero entry from row 1 down, so it gets no pivot; move on.", e.Steps.Select(s => s.Text));
    }

    [Theory]
    [InlineData("[[0, -1], [1, 0]]", "rotation by 90 degrees counterclockwise; area scale 1, orientation kept", "no real eigenvectors")]
    [InlineData("[[0, 1], [-1, 0]]", "rotation by 90 degrees clockwise; area scale 1, orientation kept", "no real eigenvectors")]
    [InlineData("[[1, 0], [0, -1]]", "reflection across the x-axis; area scale 1, orientation flipped", "For t = -1: the y-axis stays on itself")]
    [InlineData("[[-1, 0], [0, 1]]", "reflection across the y-axis; area scale 1, orientation flipped", "For t = 1: the y-axis stays on itself")]
    [InlineData("[[0, 1], [1, 0]]", "reflection across the line y = x (through (1, 1)); area scale 1, orientation flipped", "For t = -1: the line y = -x (through (1, -1))")]
    [InlineData("[[3/5, 4/5], [4/5, -3/5]]", "reflection across the line y = (1/2)x (through (2, 1)); area scale 1, orientation flipped", "For t = 1: the line y = (1/2)x")]
    [InlineData("[[1, 0], [0, 0]]", "orthogonal projection onto the x-axis; area collapses to 0", "For t = 0: the y-axis stays on itself, and its points are sent to the origin")]
    [InlineData("[[1, 1], [0, 0]]", "projection onto the x-axis; area collapses to 0", "slides along the direction of the line y = -x")]
    [InlineData("[[2, 0], [0, 3]]", "non-uniform scaling (x by 2, y by 3); area scale 6, orientation kept", "For t = 3: the y-axis stays on itself, and its points are multiplied by 3")]
    [InlineData("[[2, 0], [0, 2]]", "uniform scaling by 2; area scale 4, orientation kept", "every line through the origin stays on itself")]
    [InlineData("[[-1, 0], [0, -1]]", "rotation by 180 degrees; area scale 1, orientation kept", "the same as scaling by -1")]
    [InlineData("[[0, 0], [0, 0]]", "the zero map; area collapses to 0", "all four corners land on the origin")]
    [InlineData("[[1, 0], [0, 1]]", "the identity; area scale 1, orientation kept", "the square stays where it is")]
    [InlineData("[[1, 0], [-2, 1]]", "vertical shear with factor -2; area scale 1, orientation kept", "(x, y) goes to (x, -2*x + y)")]
    [InlineData("[[3/5, -4/5], [4/5, 3/5]]", "rotation by about 53.1301 degrees counterclockwise; area scale 1, orientation kept", "cos t = 3/5 and sin t = 4/5")]
    [InlineData("[[3, -4], [4, 3]]", "rotation by about 53.1301 degrees counterclockwise with scaling by 5; area scale 25, orientation kept", "sqrt(3^2 + 4^2) = 5")]
    [InlineData("[[2, 1], [1, 2]]", "general map (stretches along two lines); area scale 3, orientation kept", "For t = 3: the line y = x (through (1, 1)) stays on itself")]
    [InlineData("[[1, 2], [3, 4]]", "general map (stretches along two lines); area scale 2, orientation flipped", "t = (5 + sqrt(33))/2, about 5.3723")]
    [InlineData("[[0, 1], [0, 0]]", "collapse onto the x-axis; area collapses to 0", "A @ A = 0")]
    [InlineData("[[1, 1], [0, -1]]", "skew reflection; area scale 1, orientation flipped", "points on the line y = -2x (through (1, -2)) go to the opposite side")]
    public void Geometry_classifies_the_course_maps(string matrix, string result, string phrase)
    {
        var e = Explainer.Geometry(Ex.A(matrix));
        Assert.Equal(result, e.Result);
        Assert.Contains(phrase, e.ToText());
        Assert.Equal(ExactArray.Scalar(ExactOps.Det(Ex.A(matrix))), e.Value);
    }

    [Theory]
    // t^2 + 1 = 0: t = ±i
    [InlineData("[[0, -1], [1, 0]]", "t = (0 ± sqrt(-4))/2 = ±i: a conjugate pair")]
    // t^2 - 2t + 5 = 0: t = (2 ± sqrt(-16))/2 = 1 ± 2i
    [InlineData("[[1, -2], [2, 1]]", "t = (2 ± sqrt(-16))/2 = 1 ± 2i: a conjugate pair")]
    // t^2 + 1/4 = 0: t = ±i/2
    [InlineData("[[0, -1/4], [1, 0]]", "t = (0 ± sqrt(-1))/2 = ±(1/2)i: a conjugate pair")]
    // t^2 - t + 1 = 0: t = (1 ± sqrt(-3))/2, sqrt(3)/2 = 0.8660...
    [InlineData("[[1, -1], [1, 0]]", "t = (1 ± sqrt(-3))/2 = 1/2 ± (sqrt(3)/2)i, about 0.5 ± 0.866i: a conjugate pair")]
    // t^2 - 4t + 8 = 0 (trace 4, det 8): t = (4 ± sqrt(-16))/2 = 2 ± 2i
    [InlineData("[[3, -5], [1, 1]]", "t = (4 ± sqrt(-16))/2 = 2 ± 2i: a conjugate pair")]
    public void Geometry_names_the_complex_eigenvalues_of_a_negative_discriminant(string matrix, string phrase)
    {
        var text = Explainer.Geometry(Ex.A(matrix)).ToText();
        Assert.Contains("no real eigenvalues", text);
        Assert.Contains(phrase, text);
        Assert.Contains("eig(A) and eigvals(A) give as complex128 values", text);
    }

    [Fact]
    public void Geometry_gives_the_image_of_the_unit_square()
    {
        var e = Explainer.Geometry(Ex.A("[[2, 1], [0, 3]]"));
        Assert.Contains("goes to (0, 0), (2, 0), (1, 3), (3, 3): the square becomes a parallelogram of area 6.", e.ToText());
    }

    [Property(MaxTest = 60)]
    public void Every_explained_result_equals_the_ExactOps_result(ulong seed)
    {
        var rng = new Rng(seed);
        int n = rng.NextInt(6) + 1, m = rng.NextInt(6) + 1, k = rng.NextInt(4) + 1;
        var a = Ex.IntMatrixOfRank(rng, n, rng.NextInt(4) == 0 ? rng.NextInt(n) : n);
        var b = Ex.IntMatrix(rng, n, k, 5);
        Assert.Equal(ExactOps.MatMul(a, b), Explainer.Product(a, b).Value);
        Assert.Equal(ExactArray.Scalar(ExactOps.Det(a)), Explainer.Determinant(a).Value);
        var inverse = Explainer.Inverse(a);
        if (ExactOps.Det(a).IsZero) Assert.Null(inverse.Value);
        else Assert.Equal(ExactOps.Inv(a), inverse.Value);
        var rect = Ex.IntMatrix(rng, n, m, 3);
        Assert.Equal(ExactOps.Rref(rect).R, Explainer.Rref(rect).Value);
        var rhs = Ex.IntMatrix(rng, n, 1, 5);
        var rhsVector = ExactArray.Vector(rhs.ToArray());
        var solved = Explainer.Solve(rect, rhsVector);
        int rankA = ExactOps.Rank(rect);
        int rankAb = ExactOps.Rank(ExactOps.Transpose(ExactArray.Matrix(m + 1, n, ExactOps.Transpose(rect).ToArray().Concat(rhs.ToArray()).ToArray())));
        if (rankAb > rankA) Assert.StartsWith("no solution", solved.Result);
        else if (rankA == m)
        {
            Assert.NotNull(solved.Value);
            Assert.Equal(rhsVector, ExactOps.MatMul(rect, solved.Value!));
            if (n == m) Assert.Equal(ExactOps.Solve(rect, rhsVector), solved.Value);
        }
        else Assert.StartsWith("infinitely many solutions", solved.Result);
    }

    [Property(MaxTest = 100)]
    public void Geometry_result_agrees_with_the_determinant(ulong seed)
    {
        var rng = new Rng(seed);
        var a = Ex.IntMatrix(rng, 2, 2, 2);
        var det = ExactOps.Det(a);
        var e = Explainer.Geometry(a);
        Assert.Equal(ExactArray.Scalar(det), e.Value);
        if (det.Sign > 0) Assert.EndsWith($"area scale {det}, orientation kept", e.Result);
        else if (det.Sign < 0) Assert.EndsWith($"area scale {-det}, orientation flipped", e.Result);
        else Assert.EndsWith("area collapses to 0", e.Result);
        Assert.Equal(5, e.Steps.Count);
    }

    [Fact]
    public void Size_limits_name_the_limit()
    {
        var e = Assert.Throws<CalcLimitException>(() => Explainer.Determinant(ExactArray.Identity(9)));
        Assert.Contains("MaxEliminationSize", e.Message);
        Assert.Contains("9x9", e.Message);
        Assert.Throws<CalcLimitException>(() => Explainer.Inverse(ExactArray.Identity(9)));
        var p = Assert.Throws<CalcLimitException>(() => Explainer.Product(ExactArray.Zeros(9, 1), ExactArray.Zeros(1, 8)));
        Assert.Contains("72 entries", p.Message);
        Assert.Contains("MaxProductEntries", p.Message);
        Assert.Throws<CalcLimitException>(() => Explainer.Rref(ExactArray.Zeros(2, 9)));
        Assert.Throws<CalcLimitException>(() => Explainer.Solve(ExactArray.Zeros(9, 2), ExactArray.Zeros(9)));
        // 8x8 is still explained (by row reduction).
        Assert.Equal(ExactArray.Scalar(1), Explainer.Determinant(ExactArray.Identity(8)).Value);
        Assert.NotNull(Explainer.Product(ExactArray.Zeros(8, 3), ExactArray.Zeros(3, 8)).Value);
    }

    [Fact]
    public void Shape_errors_name_the_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Explainer.Product(Ex.A("[[1, 2, 3]]"), Ex.A("[[1, 2, 3]]")));
        Assert.Contains("(1, 3) @ (1, 3)", e.Message);
        Assert.Throws<ShapeMismatchException>(() => Explainer.Determinant(Ex.A("[[1, 2, 3], [4, 5, 6]]")));
        Assert.Throws<ShapeMismatchException>(() => Explainer.Inverse(Ex.A("[1, 2]")));
        Assert.Throws<ShapeMismatchException>(() => Explainer.Rref(Ex.A("[1, 2]")));
        var s = Assert.Throws<ShapeMismatchException>(() => Explainer.Solve(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[1, 2, 3]")));
        Assert.Contains("(3,)", s.Message);
        Assert.Throws<ShapeMismatchException>(() => Explainer.Solve(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[1, 2], [3, 4]]")));
        var g = Assert.Throws<ShapeMismatchException>(() => Explainer.Geometry(ExactArray.Identity(3)));
        Assert.Contains("(3, 3)", g.Message);
        Assert.Throws<ArgumentException>(() => Explainer.Product(ExactArray.Scalar(2), Ex.A("[1]")));
    }

    [Fact]
    public void Small_and_empty_determinants()
    {
        Assert.Equal("det(A) = 1", Explainer.Determinant(ExactArray.Zeros(0, 0)).Result);
        Assert.Equal("det(A) = -3/4", Explainer.Determinant(Ex.A("[[-3/4]]")).Result);
        Assert.Contains("det(A) = 1*4 - 2*3 = 4 - 6 = -2", Explainer.Determinant(Ex.A("[[1, 2], [3, 4]]")).ToText());
        Assert.Contains("det(A) = (-1)*4 - 2*(-3) = -4 - (-6) = 2", Explainer.Determinant(Ex.A("[[-1, 2], [-3, 4]]")).ToText());
    }

    [Fact]
    public void ToText_draws_the_divider_of_augmented_matrices()
    {
        var text = new Explanation("T", [new ExplainStep("s", Ex.A("[[1, -2, 3], [10, 4, 5/6]]")) { Divider = 2 }], "r").ToText();
        Assert.Equal("T\n\n1. s\n     [  1  -2 |   3 ]\n     [ 10   4 | 5/6 ]\n\nResult: r\n", text);
    }
}
