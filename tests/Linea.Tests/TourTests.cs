using Linea.Examples.Tour;
using Linea.TestKit;

namespace Linea.Tests;

/// <summary>The tour's numbers are the course material's worked results.</summary>
public class TourTests
{
    // Each result is a short dot product of decimals: a few roundings of relative size eps, so 16 eps covers it.
    private const double Ulps = 16;

    [Fact]
    public void Alice_final_grade_is_88_55()
    {
        var g = CourseExamples.FinalGrades();
        NumAssert.Close([88.55, 83.95, 91.55], g.ToArray(), Ulps);
    }

    [Fact]
    public void Store_revenues()
    {
        NumAssert.Close([3288.35, 4275.18, 4270.63], CourseExamples.StoreRevenue().ToArray(), Ulps);
    }

    [Fact]
    public void House_price_is_375000() => Assert.Equal(375000.0, CourseExamples.HousePrice());

    [Fact]
    public void Matmul_versus_elementwise()
    {
        var (A, B) = CourseExamples.TwoByTwo();
        NumAssert.Equal([19.0, 22, 43, 50], A.MatMul(B));
        NumAssert.Equal([5.0, 12, 21, 32], A * B);
    }

    [Fact]
    public void Layer_output() => NumAssert.Close([1.5, 3.4], CourseExamples.LayerOutput().ToArray(), Ulps);

    [Fact]
    public void Grayscale_is_143() => Assert.Equal(143.0, CourseExamples.Grayscale(100, 150, 200));

    [Fact]
    public void Dense_layer_shape() => Assert.Equal(new Shape(32, 256), CourseExamples.DenseLayerShape());
}
