namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The dense front kernel alone: Q^T (built from the stored reflectors) times each original column must give the factored
/// front's R part above each pivot and zeros below, on fronts with and without a staircase, with pivotal columns, rows
/// fewer or more than columns, and random staircases whose panels are square and hold zero columns (tau = 0).
/// </summary>
public class QrFrontKernelTests
{
    [Theory]
    [InlineData(100, 60, 0, false)]
    [InlineData(100, 60, 3, false)]
    [InlineData(100, 60, 0, true)]
    [InlineData(100, 60, 5, true)]
    [InlineData(40, 100, 5, true)]
    [InlineData(80, 120, 5, true)]
    [InlineData(200, 120, 5, true)]
    [InlineData(60, 90, 0, true)]
    public void Stored_reflectors_reproduce_the_factored_front(int rows, int cols, int pivotal, bool staircase)
    {
        for (int seed = 0; seed < 20; seed++) Run(rows, cols, pivotal, staircase, seed);
    }

    private static void Run(int rows, int cols, int pivotal, bool staircase, int seed)
    {
        var rng = new Random(seed);
        var a = new double[rows * cols];
        var lead = new int[rows];
        for (int i = 0; i < rows; i++) lead[i] = staircase ? (seed == 0 ? Math.Min(cols - 1, i * cols / rows / 2) : rng.Next(cols)) : 0;
        Array.Sort(lead);
        for (int j = 0; j < cols; j++) for (int i = 0; i < rows; i++) a[j * rows + i] = j >= lead[i] ? rng.NextDouble() - 0.5 : 0;
        var orig = (double[])a.Clone();
        var stair = new int[cols];
        for (int j = 0; j < cols; j++) stair[j] = lead.Count(l => l <= j);
        int maxH = Math.Min(rows, cols);
        var start = new int[maxH]; var end = new int[maxH]; var column = new int[maxH]; var tau = new double[maxH];
        var live = new bool[pivotal]; var reached = new int[cols]; Array.Fill(reached, -1);
        int nh = FrontHouseholder.Factor(a, rows, cols, pivotal, stair, -1.0, true, start, end, column, tau, live, reached, new double[1024], Parallelism.None);
        // Apply Q^T to the original columns via the stored reflectors and compare with the factored front.
        for (int j = 0; j < cols; j++)
        {
            var y = orig.AsSpan(j * rows, rows).ToArray();
            for (int h = 0; h < nh; h++)
            {
                int p = start[h];
                double d = y[p];
                for (int i = p + 1; i < end[h]; i++) d += a[column[h] * rows + i] * y[i];
                d *= tau[h];
                y[p] -= d;
                for (int i = p + 1; i < end[h]; i++) y[i] -= d * a[column[h] * rows + i];
            }
            for (int i = 0; i < rows; i++)
            {
                // At and above column j's pivot the front holds R; below it (the reflector's storage) Q^T a_j is zero.
                int hj = Array.IndexOf(column, j, 0, nh);
                bool isR = hj >= 0 ? i <= start[hj] : true;
                double expected = isR ? a[j * rows + i] : 0;
                Assert.True(Math.Abs(y[i] - expected) < 1e-12, $"col {j} row {i}: {y[i]} vs {expected} (nh {nh})");
            }
        }
    }
}
