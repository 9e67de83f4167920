// A tour of Linea through the course material's worked examples. Run: dotnet run --project examples/Tour
using System.Globalization;
using Linea;
using Linea.Examples.Tour;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Section("1. Final grades = scores @ weights");
Console.WriteLine($"scores (homework, midterm, final):\n{CourseExamples.Scores}");
Console.WriteLine($"weights: {CourseExamples.GradeWeights}");
var grades = CourseExamples.FinalGrades();
for (int i = 0; i < grades.Size; i++) Console.WriteLine($"  {CourseExamples.Students[i],-6} {grades[i]:F2}");

Section("2. Store revenue = (inventory * sales rate) @ prices");
var revenue = CourseExamples.StoreRevenue();
string[] stores = ["Store A", "Store B", "Store C"];
for (int i = 0; i < revenue.Size; i++) Console.WriteLine($"  {stores[i]}: {revenue[i]:N2}");

Section("3. House price = weights . features");
Console.WriteLine($"  (50000, 150, -3000) . (3 bedrooms, 1800 sqft, 15 years) = {CourseExamples.HousePrice():N0}");

Section("4. Matrix product versus element-wise product");
var (A, B) = CourseExamples.TwoByTwo();
Console.WriteLine($"A @ B =\n{A.MatMul(B)}");
Console.WriteLine($"A * B =\n{A * B}");

Section("5. A layer: W @ x + b");
Console.WriteLine($"  {CourseExamples.LayerOutput()}");

Section("6. Grayscale of the pixel (100, 150, 200)");
Console.WriteLine($"  {CourseExamples.Grayscale(100, 150, 200)}");

Section("7. Shapes of a dense layer");
Console.WriteLine($"  (32, 784) @ (784, 256) -> {CourseExamples.DenseLayerShape()}");
try
{
    NDArray.Zeros<float>(32, 784).MatMul(NDArray.Zeros<float>(256, 784));
}
catch (ShapeMismatchException e)
{
    Console.WriteLine($"  and the mistake Linea catches: {e.Message}");
}

static void Section(string title) => Console.WriteLine($"\n{title}\n{new string('-', title.Length)}");
