using Linea.IO;

namespace Linea.Tests.DTypes;

public class NpyDTypeTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "dtypes", name);

    [Theory]
    [InlineData("i4.npy")]
    [InlineData("i8.npy")]
    [InlineData("b1.npy")]
    public void Integer_and_bool_files_save_byte_identical_to_numpy(string file)
    {
        byte[] numpy = File.ReadAllBytes(Fixture(file));
        var ms = new MemoryStream();
        if (file.StartsWith("i4", StringComparison.Ordinal)) Npy.Save(ms, Npy.Load<int>(new MemoryStream(numpy)));
        else if (file.StartsWith("i8", StringComparison.Ordinal)) Npy.Save(ms, Npy.Load<long>(new MemoryStream(numpy)));
        else Npy.Save(ms, Npy.Load<bool>(new MemoryStream(numpy)));
        Assert.Equal(numpy, ms.ToArray());
    }

    [Fact]
    public void Integer_and_bool_files_load_their_values()
    {
        var i4 = Npy.Load<int>(Fixture("i4.npy"));
        Assert.Equal(new Shape(2, 3), i4.Shape);
        Assert.Equal([1, -2, 3, int.MaxValue, int.MinValue, 0], i4.ToArray());
        Assert.Equal([1L, -2L, 9007199254740993L], Npy.Load<long>(Fixture("i8.npy")).ToArray());
        Assert.Equal([true, false, false, true], Npy.Load<bool>(Fixture("b1.npy")).ToArray());
        Assert.Equal([1, -2, 70000], Npy.Load<int>(Fixture("i4_big_endian.npy")).ToArray());
        Assert.Equal([1L, -2L, 70000L], Npy.Load<long>(Fixture("i4_big_endian.npy")).ToArray());
        Assert.Equal([1.0, 0.0, 0.0, 1.0], Npy.Load<double>(Fixture("b1.npy")).ToArray());
        Assert.Equal([1.0, -2.0, 9007199254740992.0], Npy.Load<double>(Fixture("i8.npy")).ToArray());
        Assert.Equal([true, true, true], Npy.Load<bool>(Fixture("f8_nan.npy")).ToArray());
        using var mapped = Npy.Load<int>(Fixture("i4.npy"), MmapMode.ReadOnly);
        Assert.Equal(-2, mapped[0, 1]);
    }

    [Fact]
    public void Loading_nan_or_out_of_range_as_an_integer_names_the_element()
    {
        var e = Assert.Throws<OverflowException>(() => Npy.Load<int>(Fixture("f8_nan.npy")));
        Assert.Contains("element 1 (NaN)", e.Message);
        e = Assert.Throws<OverflowException>(() => Npy.Load<int>(Fixture("i8.npy")));
        Assert.Contains("element 2 (9007199254740993)", e.Message);
    }

    [Fact]
    public void Integer_tensors_round_trip_through_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"linea-dtypes-{Guid.NewGuid():N}.npy");
        try
        {
            var a = NDArray.FromArray(new long[,] { { 5, -6 }, { 7, long.MinValue } }).T; // strided: saved in C order
            Npy.Save(path, a);
            Assert.Equal(a, Npy.Load<long>(path));
            var mask = NDArray.FromArray([true, false, true]);
            Npy.Save(path, mask);
            Assert.Equal(mask, Npy.Load<bool>(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
