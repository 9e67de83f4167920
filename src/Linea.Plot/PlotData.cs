namespace Linea.Plot;

/// <summary>Checks the arrays a figure is given and copies them into the <c>double</c> arrays ScottPlot draws.</summary>
internal static class PlotData
{
    /// <summary>
    /// A 1-d array (or a matrix with one row or one column) as a new <c>double[]</c>. Throws <see cref="ArgumentException"/>
    /// for an empty array, a matrix with several rows and columns or a higher rank, and names the first NaN or infinity.
    /// O(n) time and memory.
    /// </summary>
    public static double[] Vector<T>(string operation, string name, NDArray<T> array) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(array, name);
        bool vectorLike = array.Rank == 1 || (array.Rank == 2 && (array.Shape[0] == 1 || array.Shape[1] == 1));
        if (!vectorLike)
            throw new ArgumentException($"{operation}: '{name}' must be a 1-d array, got shape {array.Shape}", name);
        if (array.Size == 0)
            throw new ArgumentException($"{operation}: '{name}' is empty (shape {array.Shape}); there is nothing to plot", name);
        var values = array.Contiguous().ToArray();
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = double.CreateChecked(values[i]);
            if (!double.IsFinite(v))
                throw new ArgumentException($"{operation}: '{name}' holds {Describe(v)} at element {i}; plots need finite numbers", name);
            result[i] = v;
        }
        return result;
    }

    /// <summary>
    /// A 2-d array as a new <c>double[rows, columns]</c>. Throws <see cref="ArgumentException"/> for another rank, an
    /// empty matrix, or a NaN or infinity (naming its row and column). O(rows * columns) time and memory.
    /// </summary>
    public static double[,] Matrix<T>(string operation, string name, NDArray<T> array) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.Rank != 2)
            throw new ArgumentException($"{operation}: '{name}' must be a 2-d matrix, got a {array.Rank}-d array of shape {array.Shape}", name);
        if (array.Size == 0)
            throw new ArgumentException($"{operation}: '{name}' is empty (shape {array.Shape}); there is nothing to plot", name);
        int rows = checked((int)array.Shape[0]), columns = checked((int)array.Shape[1]);
        var values = array.Contiguous().ToArray();
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double v = double.CreateChecked(values[(long)i * columns + j]);
                if (!double.IsFinite(v))
                    throw new ArgumentException($"{operation}: '{name}' holds {Describe(v)} at row {i}, column {j}; plots need finite numbers", name);
                result[i, j] = v;
            }
        return result;
    }

    /// <summary>Throws unless <paramref name="x"/> and <paramref name="y"/> have the same length.</summary>
    public static void SameLength(string operation, double[] x, double[] y, string xName = "x", string yName = "y")
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"{operation}: '{xName}' has {x.Length} elements and '{yName}' has {y.Length}; they must have the same length", yName);
    }

    /// <summary>Throws unless a size is positive and at most 16384 pixels (SkiaSharp's practical raster limit).</summary>
    public static void RequireImageSize(int width, int height)
    {
        if (width is < 1 or > MaxPixels || height is < 1 or > MaxPixels)
            throw new ArgumentOutOfRangeException(width is < 1 or > MaxPixels ? nameof(width) : nameof(height),
                $"figure size {width} x {height}: each side must be 1 to {MaxPixels} pixels");
    }

    /// <summary>The largest side of a rendered image, in pixels.</summary>
    public const int MaxPixels = 16384;

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
}
