using System.Buffers.Binary;
using SkiaSharp;

namespace Linea.Plot.Tests;

/// <summary>Reads PNG bytes back: the header's size, and pixels through SkiaSharp's decoder.</summary>
internal static class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and returns the IHDR width and height (big-endian at bytes 16..23).</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 24, "too short for a PNG");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The colour at pixel (x, y) after decoding.</summary>
    public static SKColor Pixel(byte[] png, float x, float y)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("SkiaSharp could not decode the PNG");
        return bitmap.GetPixel((int)Math.Round(x), (int)Math.Round(y));
    }
}
