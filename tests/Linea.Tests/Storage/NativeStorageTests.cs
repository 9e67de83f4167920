using Xunit;

namespace Linea.Tests.Storage;

/// <summary>Tensors in native memory: lifetime (views keep storage alive, Dispose releases it, use after dispose is a clear error) and the same results as managed tensors.</summary>
public class NativeStorageTests
{
    [Fact]
    public void NativeTensorComputesLikeAManagedOne()
    {
        var managed = NDArray.Normal([7, 5], 0.0, 1.0, seed: 3);
        using var native = managed.Copy(StorageKind.Native);
        Assert.Equal(StorageKind.Native, native.StorageKind);
        Assert.Equal(StorageKind.Managed, managed.StorageKind);
        Assert.Equal(managed, native);
        Assert.Equal(managed.Sum(), native.Sum());
        Assert.Equal(managed.Sum(0), native.Sum(0));
        Assert.Equal(managed.T.MatMul(managed), native.T.MatMul(native));
        Assert.Equal(NDArray.Exp(managed), NDArray.Exp(native));
        Assert.Equal(managed[1.., Slice.Step(2)], native[1.., Slice.Step(2)]);
        Assert.Equal(managed.ToString(), native.ToString());
        Assert.Equal(Linea.Linalg.Svdvals(managed), Linea.Linalg.Svdvals(native));
        Assert.Equal(Linea.Linalg.Pinv(managed), Linea.Linalg.Pinv(native));
    }

    [Fact]
    public void NativeMemoryIsAlignedAndZeroed()
    {
        using var t = NDArray.Zeros<double>(new Shape(1000), StorageKind.Native);
        Assert.Equal(0.0, t.Sum());
        unsafe
        {
            fixed (double* p = t.AsSpan()) Assert.Equal(0L, (long)p % 64);
        }
    }

    [Fact]
    public void ViewsKeepTheStorageAlive()
    {
        var view = MakeView();
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.Equal(StorageKind.Native, view.StorageKind);
        Assert.Equal(NDArray.FromArray([6.0, 8.0]), view.Copy());

        static NDArray<double> MakeView()
        {
            var owner = NDArray.Zeros<double>(new Shape(3, 3), StorageKind.Native);
            owner.Assign(NDArray.Arange(9.0).Reshape(3, 3));
            return owner[2, Slice.Range(0, 3, 2)];
        }
    }

    [Fact]
    public void UseAfterDisposeThrowsObjectDisposedAndDoubleDisposeIsSafe()
    {
        var t = NDArray.Zeros<float>(new Shape(4, 4), StorageKind.Native);
        var row = t[1, ..];
        t.Dispose();
        t.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => t.Sum());
        Assert.Contains("disposed", e.Message);
        Assert.Throws<ObjectDisposedException>(() => row[0]);
        Assert.Throws<ObjectDisposedException>(() => row.Copy());
        Assert.Throws<ObjectDisposedException>(() => t[0, 0] = 1f);
    }

    [Fact]
    public void DisposingAManagedTensorChangesNothing()
    {
        var t = NDArray.Ones<double>(2, 2);
        t.Dispose();
        Assert.Equal(4.0, t.Sum());
    }

    [Fact]
    public void TooLargeForASpanSaysSo()
    {
        // Index arithmetic alone: a broadcast view of one element claims 2^32 elements without storing them.
        var wide = NDArray.Zeros<float>(1).BroadcastTo(1L << 32);
        Assert.Equal(1L << 32, wide.Size);
        Assert.Equal(1L << 32, wide.Length);
        Assert.Equal(0f, wide[(1L << 32) - 1]);
        var e = Assert.Throws<ArgumentException>(() => wide.ToArray());
        Assert.Contains("4294967296", e.Message);
    }
}
