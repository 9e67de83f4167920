namespace Linea.Examples.PhotoFilter;

/// <summary>
/// An affine colour transform on row-vector pixels: out = p M + bias, M 3 x 3. Applying it to a whole image is ONE
/// (pixels x 3) @ (3 x 3) matrix product plus a broadcast bias, then a clamp to [0, 1]. Chaining filters multiplies their
/// matrices: (p M1 + b1) M2 + b2 = p (M1 M2) + (b1 M2 + b2), so any chain is again one product.
/// </summary>
public sealed record ColorFilter(string Name, NDArray<double> Matrix, NDArray<double> Bias)
{
    /// <summary>A filter from the usual column-vector coefficients (out = C p): M = C^T.</summary>
    public static ColorFilter FromRows(string name, double[,] c, double[]? bias = null) =>
        new(name, NDArray.FromArray(c).T.Contiguous(), NDArray.FromArray(bias ?? [0.0, 0, 0]));

    /// <summary>Luma (ITU-R BT.601): every channel becomes 0.299 R + 0.587 G + 0.114 B.</summary>
    public static ColorFilter Grayscale { get; } = FromRows("grayscale",
        new[,] { { 0.299, 0.587, 0.114 }, { 0.299, 0.587, 0.114 }, { 0.299, 0.587, 0.114 } });

    /// <summary>The classic sepia tone matrix.</summary>
    public static ColorFilter Sepia { get; } = FromRows("sepia",
        new[,] { { 0.393, 0.769, 0.189 }, { 0.349, 0.686, 0.168 }, { 0.272, 0.534, 0.131 } });

    /// <summary>Warmer: red up 12%, blue down 12%.</summary>
    public static ColorFilter Warmth { get; } = FromRows("warmth", new[,] { { 1.12, 0, 0 }, { 0, 1.0, 0 }, { 0, 0, 0.88 } });

    /// <summary>Contrast by factor c about mid-grey: out = c p + (1 - c) / 2.</summary>
    public static ColorFilter Contrast(double c) =>
        FromRows($"contrast", new[,] { { c, 0, 0 }, { 0, c, 0 }, { 0, 0, c } }, [(1 - c) / 2, (1 - c) / 2, (1 - c) / 2]);

    /// <summary>'Vintage': warmth, then sepia, then a softer contrast (0.85), as one matrix product.</summary>
    public static ColorFilter Vintage { get; } = Warmth.Then(Sepia).Then(Contrast(0.85)) with { Name = "vintage" };

    /// <summary>This filter followed by <paramref name="next"/>.</summary>
    public ColorFilter Then(ColorFilter next) =>
        new($"{Name}+{next.Name}", Matrix.MatMul(next.Matrix), Bias.MatMul(next.Matrix) + next.Bias);

    /// <summary>Applies the filter to (pixels, 3) values: clamp(P M + bias, 0, 1).</summary>
    public NDArray<double> Apply(NDArray<double> pixels) => NDArray.Clip(pixels.MatMul(Matrix) + Bias, 0.0, 1.0);
}
