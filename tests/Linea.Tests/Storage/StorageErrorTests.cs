using Xunit;

namespace Linea.Tests.Storage;

/// <summary>Bad input to the storage API gets a specific error before anything is allocated or mapped.</summary>
public sealed class StorageErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-storage-errors-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void MappedStorageComesOnlyFromFiles()
    {
        var e = Assert.Throws<ArgumentException>(() => NDArray.Zeros<double>(new Shape(3), StorageKind.MemoryMapped));
        Assert.Contains("Npy.Load(path, mode) or Npy.OpenMemmap", e.Message);
        Assert.Throws<ArgumentException>(() => NDArray.Empty<double>(new Shape(3), StorageKind.MemoryMapped));
        Assert.Throws<ArgumentException>(() => NDArray.Ones<double>(3).Copy(StorageKind.MemoryMapped));
    }

    [Fact]
    public void ShapesThatCannotExistAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new Shape(3, -1));
        var overflow = Assert.Throws<ArgumentException>(() => NDArray.Zeros<double>(new Shape(1L << 40, 1L << 40), StorageKind.Native));
        Assert.Contains("(1099511627776, 1099511627776)", overflow.Message);
        var wide = NDArray.Zeros<float>(1).BroadcastTo(1L << 32);
        Assert.Throws<OverflowException>(() => wide.Shape.ToIntArray());
    }

    [Fact]
    public void MemoryMapArgumentsAreChecked()
    {
        string path = Path.Combine(_dir, "a.npy");
        Assert.Throws<ArgumentException>(() => Npy.OpenMemmap<double>(path, MmapMode.None, 2, 2));
        Assert.Throws<ArgumentException>(() => Npy.OpenMemmap<double>(path, (MmapMode)42, 2, 2));
        Assert.Throws<ArgumentException>(() => Npy.OpenMemmap<double>(path, MmapMode.ReadWrite, 2, -2));
        Assert.False(File.Exists(path));
        Assert.Throws<FileNotFoundException>(() => Npy.Load<double>(Path.Combine(_dir, "missing.npy"), MmapMode.ReadOnly));
        File.WriteAllText(Path.Combine(_dir, "text.npy"), "not a numpy file");
        var notNpy = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(Path.Combine(_dir, "text.npy"), MmapMode.ReadOnly));
        Assert.Contains("not a .npy file", notNpy.Message);
        Npy.Save(path, NDArray.Ones<double>(2));
        Assert.Throws<ArgumentException>(() => Npy.Load<double>(path, (MmapMode)42));
    }
}
