using System.Numerics;
using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea.ML.NeuralNet;

/// <summary>
/// The matrix products of a dense layer (forward X W + b, weight gradient X^T dY, input gradient dY W^T), one routine
/// for every path (in-memory Fit, streaming, distributed, inference), so every path computes the same bits:
/// <list type="bullet">
/// <item>n (the product's columns) at most two AVX-512 vectors: <see cref="NarrowProduct"/>, with the bias in its
/// accumulators, split by rows over <see cref="Parallelism.Default"/> threads from <see cref="ParallelWork"/>
/// multiply-adds (inference on many rows);</item>
/// <item>otherwise the library's GEMM, on one thread below <see cref="ParallelWork"/> multiply-adds: a training step's
/// products (256 x 64 x 128 is 2.1 million) take tens of microseconds, about what waking a second thread and waiting
/// for it costs on a busy machine (measured for batch 256: 40 us on one thread, 24 to 53 us on two, depending on the
/// other core's load), then the bias added row by row.</item>
/// </list>
/// The destination shares no storage with an operand; nothing is allocated.
/// </summary>
internal static class DenseProducts
{
    /// <summary>Multiply-adds (m n k) from which a dense layer's GEMM uses <see cref="Parallelism.Default"/> threads:
    /// 8 million, about 200^3 (a batch of 512 rows through a 128 x 128 layer).</summary>
    public const long ParallelWork = 8L << 20;

    /// <summary>Fewest rows per thread when a narrow product is split by rows.</summary>
    private const int MinRowsPerThread = 1024;

    private static readonly GemmParams s_params = GemmParams.Auto with { ParallelThreshold = ParallelWork };

    /// <summary>c = a @ b + bias (bias broadcast over the rows; null for none). a (m, k) any strides; b (k, n) and c (m, n) any
    /// strides (the narrow kernel needs unit column strides and falls back to the GEMM otherwise).</summary>
    public static unsafe void Product<T>(NDArray<T> a, NDArray<T> b, NDArray<T>? bias, NDArray<T> c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        if (m == 0 || n == 0) return;
        var av = MatrixViews.View(a);
        var bv = MatrixViews.View(b);
        var cv = MatrixViews.View(c);
        if (k > 0 && NarrowProduct.IsSupported<T>() && bv.ColStride == 1 && cv.ColStride == 1 && m <= int.MaxValue && k <= int.MaxValue
            && (bias is null || bias.IsContiguous) && Unpacked<T>(m, n, k))
        {
            RunNarrow(av, bv, cv, bias is null ? default : bias.AsReadOnlySpan());
        }
        else
        {
            Gemm.Multiply(T.One, av, bv, T.Zero, cv, Parallelism.Default, s_params);
            if (bias is not null) AddBias(c, bias);
        }
        GC.KeepAlive(a.Store);
        GC.KeepAlive(b.Store);
        GC.KeepAlive(c.Store);
    }

    /// <summary>Largest k x panel block of B (bytes) for the unpacked kernel on a product wider than one panel: it stays
    /// in the 48 KiB L1 beside the A rows and C tile while every row tile streams past it.</summary>
    private const int MaxPanelBytes = 32 * 1024;

    /// <summary>Whether the unpacked kernel beats the GEMM: always for one panel (n at most 16 doubles or 32 floats),
    /// otherwise for products below <see cref="ParallelWork"/> whose B panel fits <see cref="MaxPanelBytes"/>.
    /// Measured for double, one thread, against the GEMM: forward 256 x 64 x 128 42 -> 36 us and 32 x 64 x 128 13 -> 4.8 us,
    /// 256 x 128 x 10 28 -> 8 us; weight gradients H^T dZ (128 x 256 x 10) 38 -> 8 us and X^T dH (64 x 256 x 128) 48 -> 50 us
    /// (a tie: dH's rows, 1 KiB apart, fall into few L1 sets, which packing avoids).</summary>
    private static unsafe bool Unpacked<T>(long m, long n, long k) where T : unmanaged =>
        n <= NarrowProduct.PanelWidth<T>()
        || (m * n * k < ParallelWork && k * NarrowProduct.PanelWidth<T>() * sizeof(T) <= MaxPanelBytes);

    private static unsafe void RunNarrow<T>(in MatrixView<T> a, in MatrixView<T> b, in MatrixView<T> c, ReadOnlySpan<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = (int)c.Rows, n = (int)c.Cols, k = (int)a.Cols;
        nint ars = (nint)a.RowStride, acs = (nint)a.ColStride, brs = (nint)b.RowStride, crs = (nint)c.RowStride;
        fixed (T* pa = &a.Origin, pb = &b.Origin, pc = &c.Origin, pbias = bias)
        {
            long work = (long)m * n * k;
            int chunks = work < ParallelWork ? 1 : Math.Min(Parallelism.Default.Count, m / MinRowsPerThread);
            if (chunks <= 1)
            {
                NarrowProduct.Run(m, n, k, pa, ars, acs, pb, brs, pbias, pc, crs);
                return;
            }
            // Row bands, multiples of the kernel's 8-row tile: rows are independent and each one's bits are the same
            // wherever it is computed.
            int band = (m + chunks - 1) / chunks;
            band = (band + 7) / 8 * 8;
            nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc, ibias = (nint)pbias;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, t =>
            {
                int lo = t * band, rows = Math.Min(band, m - lo);
                if (rows <= 0) return;
                NarrowProduct.Run(rows, n, k, (T*)ia + lo * ars, ars, acs, (T*)ib, brs, (T*)ibias, (T*)ic + lo * crs, crs);
            });
        }
    }

    /// <summary>Adds <paramref name="bias"/> (n,) to every row of <paramref name="c"/> (m, n), in place.</summary>
    private static void AddBias<T>(NDArray<T> c, NDArray<T> bias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b = bias.Contiguous().AsReadOnlySpan();
        int n = b.Length;
        if (c.IsContiguous)
        {
            var cs = c.AsSpan();
            for (int o = 0; o < cs.Length; o += n)
            {
                var row = cs.Slice(o, n);
                TensorPrimitives.Add(row, b, row);
            }
            return;
        }
        for (int i = 0; i < c.Shape[0]; i++) c[i..(i + 1)].Assign(c[i..(i + 1)] + bias);
    }
}
