using System.Numerics;
using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>
/// Complex values in the language: literals, arithmetic identities worked by hand, promotion of exact and float64
/// operands, the functions that take complex input, indexing and reshaping. Products of small integers are exact in
/// floating point, so most results are compared exactly.
/// </summary>
public class ComplexArithmeticTests
{
    private const double Eps = 2.220446049250313e-16;

    private static Complex Scalar(string program)
    {
        var z = CalcRun.Complex(program);
        Assert.Equal(0, z.Rank);
        return z.ToComplexArray()[0];
    }

    private static Complex[] Array(string program) => CalcRun.Complex(program).ToComplexArray();

    [Theory]
    [InlineData("1j", 0, 1)]
    [InlineData("2.5j", 0, 2.5)]
    [InlineData("2.5J", 0, 2.5)]
    [InlineData("1e-3j", 0, 1e-3)]
    [InlineData("2.j", 0, 2)]
    [InlineData("3 + 4j", 3, 4)]
    [InlineData("3 - 4j", 3, -4)]
    public void ImaginaryLiteralsMakeComplexScalars(string program, double re, double im) =>
        Assert.Equal(new Complex(re, im), Scalar(program));

    [Fact]
    public void JAloneIsStillAName()
    {
        Assert.Equal("6", CalcRun.Exact("j = 2\n3 * j"));
        Assert.IsType<CalcNameException>(CalcRun.Error("j"));
    }

    [Fact]
    public void MultipliesDividesAndAddsAsWorkedByHand()
    {
        // (1 + 2i)(3 - i) = 3 - i + 6i - 2i^2 = 5 + 5i
        Assert.Equal(new Complex(5, 5), Scalar("(1 + 2j) * (3 - 1j)"));
        // (1 + 2i)/(3 - i) = (1 + 2i)(3 + i)/10 = (1 + 7i)/10, within a few roundings of each part
        var q = Scalar("(1 + 2j) / (3 - 1j)");
        Assert.True(Complex.Abs(q - new Complex(0.1, 0.7)) <= 4 * Eps, $"{q}");
        // i^2 = -1, i^4 = 1, 1/(1 + i) = (1 - i)/2, z^0 = 1
        Assert.Equal(new Complex(-1, 0), Scalar("1j * 1j"));
        Assert.Equal(new Complex(-1, 0), Scalar("1j ** 2"));
        Assert.Equal(new Complex(1, 0), Scalar("1j ** 4"));
        Assert.Equal(new Complex(0.5, -0.5), Scalar("(1 + 1j) ** -1"));
        Assert.Equal(new Complex(1, 0), Scalar("(3 + 4j) ** 0"));
        // (2 - i)^3 = (3 - 4i)(2 - i) = 6 - 3i - 8i + 4i^2 = 2 - 11i
        Assert.Equal(new Complex(2, -11), Scalar("(2 - 1j) ** 3"));
        Assert.Equal(new Complex(-3, -4), Scalar("-(3 + 4j)"));
        Assert.Equal(new Complex(4, 2), Scalar("(1 + 1j) + (3 + 1j)"));
    }

    [Fact]
    public void ModulusConjugateAndAngle()
    {
        Assert.Equal(5.0, CalcRun.Float("abs(3 + 4j)").Item());
        Assert.Equal(new[] { 5.0, 1.0, 13.0 }, CalcRun.Float("abs([3 + 4j, -1j, 5 - 12j])").ToArray());
        Assert.Equal(new Complex(3, -4), Scalar("conj(3 + 4j)"));
        Assert.Equal(new Complex(3, -4), Scalar("conjugate(3 + 4j)"));
        // z * conj(z) = |z|^2, real: (3 + 4i)(3 - 4i) = 9 + 16 = 25
        Assert.Equal(new Complex(25, 0), Scalar("z = 3 + 4j\nz * conj(z)"));
        Assert.Equal(Math.PI / 2, CalcRun.Float("angle(1j)").Item());
        Assert.Equal(new[] { Math.PI / 2, Math.PI, Math.PI / 4, -Math.PI / 2 }, CalcRun.Float("angle([1j, -1, 1 + 1j, -2j])").ToArray());
        Assert.Equal(90.0, CalcRun.Float("angle(1j, deg=1)").Item(), 1e-13);
        Assert.Equal(Math.PI, CalcRun.Float("angle(-1)").Item()); // real input: imaginary part +0
        Assert.Equal(new[] { 3.0, 0.0 }, CalcRun.Float("real([3 + 4j, 2j])").ToArray());
        Assert.Equal(new[] { 4.0, 2.0 }, CalcRun.Float("imag([3 + 4j, 2j])").ToArray());
    }

    [Fact]
    public void RealInputToThePartFunctionsKeepsItsKind()
    {
        Assert.Equal("[1, 2]", CalcRun.Exact("real([1, 2])"));
        Assert.Equal("[0, 0]", CalcRun.Exact("imag([1, 2])"));
        Assert.Equal("3/2", CalcRun.Exact("conj(3/2)"));
        Assert.Equal(0.0, CalcRun.Float("imag(2.5)").Item());
        Assert.Equal(2.5, CalcRun.Float("real(2.5)").Item());
        Assert.Equal("shape (3, 2)", CalcRun.Text("X : (3, 2)\nreal(X)"));
        Assert.Equal("shape (3, 2)", CalcRun.Text("X : (3, 2)\nangle(X)"));
    }

    [Fact]
    public void ExactOperandsBecomeFloatLikeFloat64Ones()
    {
        Assert.Equal(new Complex(1.0 / 3, 1), Scalar("1/3 + 1j"));
        Assert.Equal(new Complex(0.5, 0.5), Scalar("(1 + 1j) / 2"));
        Assert.Equal(new Complex(2, 2), Scalar("2 * (1 + 1j)"));
        Assert.Equal(ComplexValue.DTypeName, CalcRun.Value("[1, 2] + 0j").DType);
    }

    [Fact]
    public void BroadcastsAsFloat64Does()
    {
        var z = CalcRun.Complex("[[1], [2]] * [1j, 2]");
        Assert.Equal(new Shape(2, 2), z.Shape);
        Assert.Equal([new(0, 1), new(2, 0), new(0, 2), new(4, 0)], z.ToComplexArray());
        Assert.Equal([new(1, 1), new(2, 1)], Array("[1, 2] + 1j"));
        Assert.IsType<CalcShapeException>(CalcRun.Error("[1, 2, 3] + [1j, 2j]"));
    }

    [Fact]
    public void DividingByZeroGivesInfinitiesOrNaNAsFloat64Division()
    {
        // each part divided by zero, as NumPy's complex division does: 0/0 is NaN, 1/0 infinity
        var q = Scalar("1j / 0");
        Assert.True(double.IsNaN(q.Real));
        Assert.Equal(double.PositiveInfinity, q.Imaginary);
        var r = Scalar("(2 - 3j) / 0j");
        Assert.Equal((double.PositiveInfinity, double.NegativeInfinity), (r.Real, r.Imaginary));
    }

    [Fact]
    public void ComparesForEqualityButNotOrder()
    {
        Assert.Equal(new[] { 1.0, 0.0 }, CalcRun.Float("[1 + 1j, 2] == [1 + 1j, 2 + 1j]").ToArray());
        Assert.Equal(new[] { 0.0, 1.0 }, CalcRun.Float("[1 + 1j, 2] != [1 + 1j, 2 + 1j]").ToArray());
        Assert.Equal(new[] { 1.0 }, CalcRun.Float("[2] == [2 + 0j]").ToArray());
    }

    [Fact]
    public void MultipliesComplexMatricesAndVectors()
    {
        // [[1, i], [0, 1]] @ [[1, 2i], [3, 1]] = [[1 + 3i, 2i + i], [3, 1]]
        Assert.Equal([new(1, 3), new(0, 3), new(3, 0), new(1, 0)], Array("[[1, 1j], [0, 1]] @ [[1, 2j], [3, 1]]"));
        // real @ complex and complex @ real; vector @ vector is the unconjugated inner product, as NumPy's matmul
        Assert.Equal([new(1, 2), new(3, 4)], Array("[[1, 0], [0, 2]] @ [1 + 2j, 1.5 + 2j]"));
        Assert.Equal([new(3, 1), new(7, 2)], Array("[1 + 1j, 1] @ [[1, 2], [2, 5]]"));
        // (1 + i)(1 + i) + (1 - i)(1 + i) = 2i + 2
        Assert.Equal(new Complex(2, 2), Scalar("[1 + 1j, 1 - 1j] @ [1 + 1j, 1 + 1j]"));
        Assert.Equal(new Complex(2, 2), Scalar("dot([1 + 1j, 1 - 1j], [1 + 1j, 1 + 1j])"));
        Assert.Equal(new Complex(2, 2), Scalar("matmul([1 + 1j, 1 - 1j], [1 + 1j, 1 + 1j])"));
        // [[1, i], [0, 1]]^k = [[1, k i], [0, 1]]; k = 0 is the identity
        Assert.Equal([new(1, 0), new(0, 3), new(0, 0), new(1, 0)], Array("[[1, 1j], [0, 1]] ^ 3"));
        Assert.Equal([new(1, 0), new(0, 0), new(0, 0), new(1, 0)], Array("[[1, 1j], [0, 1]] ^ 0"));
        Assert.Equal([new(1, 0), new(0, 10), new(0, 0), new(1, 0)], Array("matrix_power([[1, 1j], [0, 1]], 10)"));
        var shape = CalcRun.Error("[[1, 1j]] @ [[1, 1j]]");
        Assert.IsType<CalcShapeException>(shape);
    }

    [Fact]
    public void SumsMeansAndProductsOverAllOrOneAxis()
    {
        Assert.Equal(new Complex(3, 0), Scalar("sum([1 + 1j, 2 - 1j])"));
        Assert.Equal(new Complex(1.5, 0), Scalar("mean([1 + 1j, 2 - 1j])"));
        // (1 + i)(2 - i) = 2 - i + 2i - i^2 = 3 + i
        Assert.Equal(new Complex(3, 1), Scalar("prod([1 + 1j, 2 - 1j])"));
        const string z = "Z = [[1j, 2], [3, 4j]]\n";
        Assert.Equal([new(3, 1), new(2, 4)], Array(z + "sum(Z, axis=0)"));
        Assert.Equal([new(0, 2), new(0, 12)], Array(z + "prod(Z, axis=1)")); // i * 2, 3 * 4i
        Assert.Equal(new Shape(2, 1), CalcRun.Complex(z + "prod(Z, axis=1, keepdims=1)").Shape);
        Assert.Equal(new Shape(1, 2), CalcRun.Complex(z + "sum(Z, axis=0, keepdims=1)").Shape);
        Assert.Equal([new(1.5, 0.5), new(1, 2)], Array(z + "mean(Z, axis=0)"));
        Assert.Equal(new Complex(-24, 0), Scalar(z + "prod(Z)")); // i * 2 * 3 * 4i = 24 i^2 = -24
    }

    [Fact]
    public void IndexesSlicesAndTransposes()
    {
        const string z = "Z = [[1 + 1j, 2], [3, 4 - 2j]]\n";
        Assert.Equal(new Complex(4, -2), Scalar(z + "Z[1, 1]"));
        Assert.Equal([new(3, 0), new(4, -2)], Array(z + "Z[1, :]"));
        Assert.Equal([new(1, 1), new(3, 0)], Array(z + "Z[:, 0]"));
        Assert.Equal([new(4, -2), new(3, 0)], Array(z + "Z[1, ::-1]"));
        Assert.IsType<CalcException>(CalcRun.Error(z + "Z[2, 0]"));
        // .T and .mT never conjugate (NumPy); A' is MATLAB's conjugate transpose
        Assert.Equal([new(1, 1), new(3, 0), new(2, 0), new(4, -2)], Array(z + "Z.T"));
        Assert.Equal([new(1, 1), new(3, 0), new(2, 0), new(4, -2)], Array(z + "Z.mT"));
        Assert.Equal([new(1, -1), new(3, 0), new(2, 0), new(4, 2)], Array(z + "Z'"));
        Assert.Equal([new(1, 1), new(3, 0), new(2, 0), new(4, -2)], Array(z + "transpose(Z)"));
        Assert.Equal([new(1, 1), new(3, 0), new(2, 0), new(4, -2)], Array(z + "swapaxes(Z, 0, 1)"));
        // for real values ' is the plain transpose, as before
        Assert.Equal("[[1, 3], [2, 4]]", CalcRun.Exact("[[1, 2], [3, 4]]'"));
    }

    [Fact]
    public void BuildsAndReshapesArrays()
    {
        Assert.Equal([new(1, 0), new(0, 2), new(3, 0)], Array("[1, 2j, 3]"));
        Assert.Equal([new(1, 0), new(0, 2), new(-0.0, -3), new(4, 0)], Array("[1 2j; -3j 4]"));
        Assert.Equal(new Shape(2, 2), CalcRun.Complex("[[1, 1j], [2, 3]]").Shape);
        Assert.Equal(new Shape(2, 1), CalcRun.Complex("reshape([1j, 2], 2, 1)").Shape);
        Assert.Equal(new Shape(4), CalcRun.Complex("ravel([[1j, 2], [3, 4]])").Shape);
        Assert.Equal([new(0, 1), new(2, 0), new(5, 0)], Array("hstack([1j, 2], [5])"));
        Assert.Equal(new Shape(2, 2), CalcRun.Complex("vstack([1j, 2], [5, 6])").Shape);
        Assert.Equal([new(0, 1), new(0, 0), new(0, 0), new(2, 0)], Array("diag([1j, 2])"));
        Assert.Equal([new(0, 1), new(2, 0)], Array("diag([[1j, 5], [6, 2]])"));
        Assert.Equal(new Complex(2, 1), Scalar("trace([[1j, 5], [6, 2]])"));
        Assert.Equal([new(0, 1), new(0, 2), new(1, 1), new(2, 2)], Array("outer([1j, 1 + 1j], [1, 2])"));
        Assert.Equal("(2, 2)", CalcRun.Text("shape([[1j, 2], [3, 4]])"));
        Assert.Equal("4", CalcRun.Text("size([[1j, 2], [3, 4]])"));
    }

    [Fact]
    public void NormsThatDependOnlyOnModuliWork()
    {
        Assert.Equal(5.0, CalcRun.Float("norm([3j, 4])").Item());
        Assert.Equal(7.0, CalcRun.Float("norm([3j, 4], 1)").Item());
        Assert.Equal(4.0, CalcRun.Float("norm([3j, -4], inf)").Item());
        // [[3i, 0], [4, 1]]: Frobenius sqrt(9 + 16 + 1), 1-norm max column sum 3 + 4 = 7, inf-norm max row sum 5
        Assert.Equal(Math.Sqrt(26), CalcRun.Float("norm([[3j, 0], [4, 1]])").Item(), 1e-15);
        Assert.Equal(7.0, CalcRun.Float("norm([[3j, 0], [4, 1]], 1)").Item());
        Assert.Equal(5.0, CalcRun.Float("norm([[3j, 0], [4, 1]], inf)").Item());
        Assert.Equal(new[] { 5.0, 1.0 }, CalcRun.Float("norm([[3j, 0], [4, 1]], axis=0)").ToArray());
    }
}
