using SkiaSharp;

namespace Linea.Examples.PhotoFilter;

/// <summary>An RGB image as a (pixels, 3) tensor of values in [0, 1], row-major pixels, and its size.</summary>
public sealed record RgbImage(NDArray<double> Pixels, int Width, int Height);

/// <summary>PNG and JPEG in and PNG out through SkiaSharp; everything else in the example is Linea.</summary>
public static class ImageFile
{
    /// <summary>Decodes a PNG or JPEG file (alpha is dropped).</summary>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode.</exception>
    public static RgbImage Read(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"'{path}' is not a PNG or JPEG image");
        int w = bitmap.Width, h = bitmap.Height;
        var colors = bitmap.Pixels;
        var data = new double[w * h * 3];
        for (int i = 0; i < colors.Length; i++)
        {
            data[3 * i] = colors[i].Red / 255.0;
            data[3 * i + 1] = colors[i].Green / 255.0;
            data[3 * i + 2] = colors[i].Blue / 255.0;
        }
        return new RgbImage(NDArray.Wrap(data, w * h, 3), w, h);
    }

    /// <summary>Writes an RGB image (values clamped to [0, 1] and rounded to 8 bits) as PNG.</summary>
    public static void WritePng(string path, RgbImage image) => Write(path, image, SKEncodedImageFormat.Png, 100);

    /// <summary>Writes an RGB image as JPEG with the given quality (1..100).</summary>
    public static void WriteJpeg(string path, RgbImage image, int quality = 90) => Write(path, image, SKEncodedImageFormat.Jpeg, quality);

    /// <summary>Writes a grayscale image given as a (height, width) tensor of values in [0, 1] as PNG.</summary>
    public static void WriteGrayPng(string path, NDArray<double> gray)
    {
        int h = (int)gray.Shape[0], w = (int)gray.Shape[1];
        var rgb = NDArray.Stack([gray.Reshape(-1), gray.Reshape(-1), gray.Reshape(-1)], axis: 1);
        WritePng(path, new RgbImage(rgb, w, h));
    }

    private static void Write(string path, RgbImage image, SKEncodedImageFormat format, int quality)
    {
        var p = image.Pixels.Contiguous().ToArray();
        var colors = new SKColor[image.Width * image.Height];
        for (int i = 0; i < colors.Length; i++)
            colors[i] = new SKColor(To8Bit(p[3 * i]), To8Bit(p[3 * i + 1]), To8Bit(p[3 * i + 2]));
        using var bitmap = new SKBitmap(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque) { Pixels = colors };
        using var encoded = bitmap.Encode(format, quality);
        File.WriteAllBytes(path, encoded.ToArray());
    }

    private static byte To8Bit(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
}
