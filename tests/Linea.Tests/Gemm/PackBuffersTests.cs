using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>
/// The per-thread packing buffers: 64-byte aligned room of the size asked for, one untyped A buffer shared by float32
/// and float64, growth that keeps the larger buffer, separate B / tile / partial buffers, and <see cref="PackBuffers.PrefaultA"/>
/// sizing A for every block the best kernels pack. Each case runs on a fresh thread, whose buffers start empty.
/// </summary>
public unsafe class PackBuffersTests
{
    private static void OnFreshThread(Action body)
    {
        Exception? error = null;
        var t = new Thread(() => { try { body(); } catch (Exception e) { error = e; } });
        t.Start();
        t.Join();
        if (error is not null) throw new Xunit.Sdk.XunitException($"on the fresh thread: {error}");
    }

    private static void FillAndCheck(double* p, int count)
    {
        for (int i = 0; i < count; i++) p[i] = i;
        for (int i = 0; i < count; i++) Assert.Equal(i, p[i]);
    }

    [Fact]
    public void AlignedWritableAndSharedAcrossElementTypes() => OnFreshThread(() =>
    {
        double* d = PackBuffers<double>.A(1000);
        Assert.Equal(0, (long)d % 64);
        FillAndCheck(d, 1000);
        // The same bytes as float32: the same memory, not a second buffer.
        float* f = PackBuffers<float>.A(2000);
        Assert.Equal((nint)d, (nint)f);
        // Growth gives an aligned, larger buffer that a smaller request then keeps.
        double* big = PackBuffers<double>.A(100_000);
        Assert.Equal(0, (long)big % 64);
        FillAndCheck(big, 100_000);
        Assert.Equal((nint)big, (nint)PackBuffers<double>.A(1000));
        Assert.Equal((nint)big, (nint)PackBuffers<float>.A(200_000));
    });

    [Fact]
    public void RolesHaveSeparateBuffers() => OnFreshThread(() =>
    {
        const int count = 4096;
        var p = new[] { (nint)PackBuffers<double>.A(count), (nint)PackBuffers<double>.B(count), (nint)PackBuffers<double>.Tile(count), (nint)PackBuffers<double>.Partial(count) };
        for (int i = 0; i < p.Length; i++)
        {
            Assert.Equal(0, (long)p[i] % 64);
            for (int j = 0; j < i; j++)
                Assert.True(p[i] + count * sizeof(double) <= p[j] || p[j] + count * sizeof(double) <= p[i], $"buffers {i} and {j} overlap");
        }
        // Writing one role's room in full leaves the others' contents alone.
        var a = (double*)p[0];
        var b = (double*)p[1];
        for (int i = 0; i < count; i++) b[i] = -1;
        FillAndCheck(a, count);
        for (int i = 0; i < count; i++) Assert.Equal(-1, b[i]);
    });

    /// <summary>PrefaultA sizes this thread's A buffer for the largest block of the best float32 and float64 kernels, which then fits without growing.</summary>
    [Fact]
    public void PrefaultASizesForTheLargestBlock() => OnFreshThread(() =>
    {
        Assert.Null(PackBuffers.t_a);
        PackBuffers.PrefaultA();
        var (mcD, kcD, _) = BlockSizes.For(BlockSizes.Best(sizeof(double)), sizeof(double));
        var (mcF, kcF, _) = BlockSizes.For(BlockSizes.Best(sizeof(float)), sizeof(float));
        Assert.True(PackBuffers.ABlockBytes >= Math.Max(mcD * kcD * sizeof(double), mcF * kcF * sizeof(float)));
        Assert.True(PackBuffers.t_a!.Length * sizeof(long) >= PackBuffers.ABlockBytes);
        nint p = (nint)PackBuffers<double>.A(1);
        Assert.Equal(p, (nint)PackBuffers<double>.A(mcD * kcD));
        Assert.Equal(p, (nint)PackBuffers<float>.A(mcF * kcF));
        FillAndCheck((double*)p, mcD * kcD);
    });
}
