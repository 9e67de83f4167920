namespace Linea.Examples.Tour;

/// <summary>
/// The course material's worked examples, computed with Linea. Each returns its inputs' result so the tests can
/// assert the numbers the tour prints.
/// </summary>
public static class CourseExamples
{
    /// <summary>Names of the students, in row order of <see cref="Scores"/>.</summary>
    public static readonly string[] Students = ["Alice", "Bob", "Carol"];

    /// <summary>Scores (homework, midterm, final) per student; Alice's row gives the course's 88.55.</summary>
    public static NDArray<double> Scores => NDArray.FromArray(new double[,] { { 92, 88, 85 }, { 78, 85, 90 }, { 95, 91, 88 } });

    /// <summary>Weights of homework, midterm and final.</summary>
    public static NDArray<double> GradeWeights => NDArray.FromArray(new[] { 0.40, 0.25, 0.35 });

    /// <summary>Final grades: scores (3 x 3) @ weights (3,) -> (3,).</summary>
    public static NDArray<double> FinalGrades() => Scores.MatMul(GradeWeights);

    /// <summary>Units in stock per store (rows A, B, C) and product (columns).</summary>
    public static NDArray<double> Inventory => NDArray.FromArray(new double[,] { { 150, 110, 155 }, { 220, 150, 190 }, { 145, 170, 210 } });

    /// <summary>Fraction of the stock each store sells per period.</summary>
    public static NDArray<double> SalesRate => NDArray.FromArray(new double[,] { { 0.6, 0.7, 0.6 }, { 0.6, 0.6, 0.6 }, { 0.6, 0.8, 0.6 } });

    /// <summary>Unit price per product.</summary>
    public static NDArray<double> Prices => NDArray.FromArray(new[] { 12.99, 8.50, 15.75 });

    /// <summary>Revenue per store: (inventory * sales rate) element-wise gives units sold, then @ prices.</summary>
    public static NDArray<double> StoreRevenue() => (Inventory * SalesRate).MatMul(Prices);

    /// <summary>House price from a linear model: weights (per bedroom, per square foot, per year of age) · features.</summary>
    public static double HousePrice() =>
        NDArray.Dot(NDArray.FromArray(new[] { 50000.0, 150.0, -3000.0 }), NDArray.FromArray(new[] { 3.0, 1800.0, 15.0 }));

    /// <summary>The 2 x 2 matrices of the matmul-versus-element-wise example.</summary>
    public static (NDArray<double> A, NDArray<double> B) TwoByTwo() =>
        (NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }), NDArray.FromArray(new double[,] { { 5, 6 }, { 7, 8 } }));

    /// <summary>One neuron layer: W (2 x 2) @ x (2,) + b (2,).</summary>
    public static NDArray<double> LayerOutput()
    {
        var W = NDArray.FromArray(new double[,] { { 0.5, 1.0 }, { 1.5, 2.0 } });
        var x = NDArray.FromArray(new[] { 1.0, 0.5 });
        var b = NDArray.FromArray(new[] { 0.5, 0.9 });
        return W.MatMul(x) + b;
    }

    /// <summary>Luma of an RGB pixel with the ITU-R BT.709 weights (0.2126, 0.7152, 0.0722), rounded to an integer level.</summary>
    public static double Grayscale(double r, double g, double b) =>
        Math.Round(NDArray.Dot(NDArray.FromArray(new[] { r, g, b }), NDArray.FromArray(new[] { 0.2126, 0.7152, 0.0722 })));

    /// <summary>The shape of a dense layer's output: a batch of 32 flattened 28 x 28 images times a (784, 256) weight matrix.</summary>
    public static Shape DenseLayerShape() => NDArray.Zeros<float>(32, 784).MatMul(NDArray.Zeros<float>(784, 256)).Shape;
}
