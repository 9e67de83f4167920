using System.Text;
using Xunit;

namespace Linea.Tests.Storage;

/// <summary>
/// Memory-mapped .npy files in every <see cref="MmapMode"/>, Fortran order, <see cref="Npy.OpenMemmap{T}"/>, shapes
/// beyond 2^31 elements through sparse files (nothing is read but the pages a test touches), and linear algebra on
/// mapped input giving the same answers as on managed input.
/// </summary>
public sealed class MemoryMapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-mmap-").FullName;

    public void Dispose()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Saved(NDArray<double> t, string name = "a.npy")
    {
        string p = PathOf(name);
        Npy.Save(p, t);
        return p;
    }

    [Fact]
    public void ReadOnlyMappingReadsTheFileAndRefusesWrites()
    {
        var a = NDArray.Normal([4, 6], 0.0, 1.0, seed: 1);
        using var m = Npy.Load<double>(Saved(a), MmapMode.ReadOnly);
        Assert.Equal(StorageKind.MemoryMapped, m.StorageKind);
        Assert.True(m.IsReadOnly);
        Assert.Equal(a, m);
        Assert.Equal(a.Sum(1), m.Sum(1));
        var e = Assert.Throws<InvalidOperationException>(() => m[0, 0] = 1.0);
        Assert.Contains("read-only mapping", e.Message);
        Assert.Contains("CopyOnWrite", e.Message);
        Assert.Throws<InvalidOperationException>(() => m[1, ..] = NDArray.Zeros<double>(6));
        Assert.Throws<InvalidOperationException>(() => m.AsSpan());
        Assert.Throws<InvalidOperationException>(() => m.T.Fill(2.0));
    }

    [Fact]
    public void CopyOnWriteChangesMemoryButNeverTheFile()
    {
        var a = NDArray.Arange(12.0).Reshape(3, 4);
        string p = Saved(a);
        byte[] before = File.ReadAllBytes(p);
        using (var m = Npy.Load<double>(p, MmapMode.CopyOnWrite))
        {
            m[1, ..] = NDArray.Full([4], -1.0);
            Assert.Equal(-4.0, m[1, ..].Sum());
        }
        Assert.Equal(before, File.ReadAllBytes(p));
        Assert.Equal(a, Npy.Load<double>(p));
    }

    [Fact]
    public void ReadWriteChangesPersistAfterDispose()
    {
        var a = NDArray.Arange(12.0).Reshape(3, 4);
        string p = Saved(a);
        var m = Npy.Load<double>(p, MmapMode.ReadWrite);
        m[.., 0] = NDArray.Full([3], 100.0);
        m.Dispose();
        var expected = a.Copy();
        expected[.., 0] = NDArray.Full([3], 100.0);
        Assert.Equal(expected, Npy.Load<double>(p));
        Assert.Throws<ObjectDisposedException>(() => m.Sum());
    }

    [Fact]
    public void FortranOrderMapsAsAView()
    {
        // The column-major bytes of [[1, 2, 3], [4, 5, 6]] are 1 4 2 5 3 6.
        string p = PathOf("f.npy");
        WriteNpy(p, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", [1, 4, 2, 5, 3, 6]);
        using var m = Npy.Load<double>(p, MmapMode.ReadOnly);
        Assert.Equal(NDArray.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }), m);
        Assert.False(m.IsContiguous);
        Assert.Equal([1L, 2L], m.Strides.ToArray());
    }

    [Fact]
    public void MappingNeedsTheExactTypeAndTheWholeData()
    {
        string p = Saved(NDArray.Ones<double>(3));
        var e = Assert.Throws<TensorFormatException>(() => Npy.Load<float>(p, MmapMode.ReadOnly));
        Assert.Contains("<f8", e.Message);
        Assert.Contains("MmapMode.None", e.Message);
        Assert.Equal(NDArray.Ones<float>(3), Npy.Load<float>(p, MmapMode.None));

        string cut = PathOf("cut.npy");
        WriteNpy(cut, "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }", [1, 2]);
        var t = Assert.Throws<TensorFormatException>(() => Npy.Load<double>(cut, MmapMode.ReadOnly));
        Assert.Contains("truncated", t.Message);
    }

    [Fact]
    public void OpenMemmapCreatesAFileThatNumPyLayoutReads()
    {
        string p = PathOf("new.npy");
        using (var m = Npy.OpenMemmap<float>(p, MmapMode.ReadWrite, 5, 3))
        {
            Assert.Equal(0f, m.Sum());
            for (int i = 0; i < 5; i++) m[i, ..] = NDArray.Full([3], (float)i);
        }
        var back = Npy.Load<float>(p);
        Assert.Equal(new Shape(5, 3), back.Shape);
        Assert.Equal(3f * (0 + 1 + 2 + 3 + 4), back.Sum());
        // The header is np.save's, byte for byte.
        var ms = new MemoryStream();
        Npy.Save(ms, back);
        Assert.Equal(ms.ToArray(), File.ReadAllBytes(p));
        Assert.Throws<ArgumentException>(() => Npy.OpenMemmap<float>(p, MmapMode.None, 2));
    }

    [Fact]
    public void ShapesBeyondTwoToTheThirtyOneThroughASparseFile()
    {
        // 50,000 x 50,000 float32 = 2.5e9 elements, 10 GB on disk, created sparse: only touched pages are real.
        string p = PathOf("big.npy");
        const long n = 50_000;
        using var big = Npy.OpenMemmap<float>(p, MmapMode.ReadWrite, n, n);
        Assert.Equal(n * n, big.Size);
        Assert.True(big.Size > int.MaxValue);
        big[n - 1, ..] = NDArray.Full([n], 0.5f);
        big[n - 1, n - 1] = 2f;
        big[n - 2, n - 3] = 7f;
        Assert.Equal(0.5f * (n - 1) + 2f, big[n - 1, ..].Sum());
        Assert.Equal(2f, big[n - 1, n - 1]);
        Assert.Equal(2f, big[-1, -1]);

        // A block whose offset lies beyond 2^31 elements through reductions, element-wise ops and GEMM.
        var block = big[(int)(n - 4).., (int)(n - 4)..];
        var expected = block.Copy();
        Assert.Equal(StorageKind.Managed, expected.StorageKind);
        Assert.Equal(expected.Sum(0), block.Sum(0));
        Assert.Equal(expected * 3f, block * 3f);
        Assert.Equal(expected.MatMul(expected.T), block.MatMul(block.T));
        Assert.Equal(7f, block[2, 1]);

        // The dense factorizations take matrices of at most 2^31 elements and say so, before allocating anything.
        var tooBig = Assert.Throws<TensorTooLargeException>(() => Linea.Linalg.Det(big));
        Assert.Contains("2,500,000,000 elements", tooBig.Message);

        // A 1-d view of more than 2^31 elements indexed with 64-bit positions.
        var flat = big.Reshape(-1);
        Assert.Equal(n * n, flat.Length);
        Assert.Equal(2f, flat[n * n - 1]);
        Assert.Equal(7f, flat[(n - 2) * n + n - 3]);
        Assert.Equal(0.5f * 10, flat[Slice.Range(n * (n - 1), n * (n - 1) + 10)].Sum());
    }

    [Fact]
    public void LinearAlgebraOnMappedInputMatchesManagedInput()
    {
        var a = NDArray.Normal([6, 6], 0.0, 1.0, seed: 5);
        var spd = a.MatMul(a.T) + NDArray.Eye<double>(6) * 6.0;
        var b = NDArray.Normal([6, 2], 0.0, 1.0, seed: 6);
        using var ma = Npy.Load<double>(Saved(a, "a.npy"), MmapMode.ReadOnly);
        using var ms = Npy.Load<double>(Saved(spd, "s.npy"), MmapMode.ReadOnly);
        using var mb = Npy.Load<double>(Saved(b, "b.npy"), MmapMode.ReadOnly);
        Assert.Equal(Linea.Linalg.Solve(a, b), Linea.Linalg.Solve(ma, mb));
        Assert.Equal(Linea.Linalg.Inv(a), Linea.Linalg.Inv(ma));
        Assert.Equal(Linea.Linalg.Det(a), Linea.Linalg.Det(ma));
        Assert.Equal(Linea.Linalg.Cholesky(spd), Linea.Linalg.Cholesky(ms));
        Assert.Equal(Linea.Linalg.Eigh(spd).Eigenvalues, Linea.Linalg.Eigh(ms).Eigenvalues);
        Assert.Equal(Linea.Linalg.Svdvals(a), Linea.Linalg.Svdvals(ma));
        Assert.Equal(Linea.Linalg.Qr(a).R, Linea.Linalg.Qr(ma).R);
        Assert.Equal(Linea.Linalg.Lstsq(a, b).Solution, Linea.Linalg.Lstsq(ma, mb).Solution);
        Assert.Equal(Linea.Linalg.Norm(a), Linea.Linalg.Norm(ma));
        Assert.Equal(Linea.Linalg.Norm(a[0, ..], 3.0), Linea.Linalg.Norm(ma[0, ..], 3.0));
        Assert.Equal(Linea.Linalg.SolveTriangular(spd, b, lower: true), Linea.Linalg.SolveTriangular(ms, mb, lower: true));
        Assert.Equal(Linea.Linalg.Eigvals(a).Real, Linea.Linalg.Eigvals(ma).Real);
        Assert.Equal(Linea.Linalg.MatrixRank(a), Linea.Linalg.MatrixRank(ma));
    }

    private static void WriteNpy(string path, string dict, double[] values)
    {
        string header = dict;
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        using var f = File.Create(path);
        f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        f.Write(BitConverter.GetBytes((ushort)header.Length));
        f.Write(Encoding.ASCII.GetBytes(header));
        foreach (double v in values) f.Write(BitConverter.GetBytes(v));
    }
}
