using System.Numerics;
using System.Runtime.InteropServices;

namespace Linea.Tests.Sparse;

/// <summary>
/// Sparse files: Matrix Market (SparseFileTests.MatrixMarket.cs) and SciPy's .npz (SparseFileTests.Npz.cs). Fixtures in
/// Data/sparse were written by SciPy 1.10 (make_sparse_fixtures.py there); each comes with NAME.dense.npy, the dense
/// matrix SciPy reads from it, which is the truth here. Round trips are checked bit for bit.
/// </summary>
public sealed partial class SparseFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-sparse-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Temp(string name) => Path.Combine(_dir, name);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "sparse", name);

    /// <summary>The dense matrix SciPy read from fixture <paramref name="name"/>.</summary>
    private static NDArray<double> Expected(string name) => Npy.Load<double>(Fixture(name + ".dense.npy"));

    /// <summary>Element-wise equality with NaN equal to NaN (and -0 equal to 0).</summary>
    private static void AssertDenseEqual<T>(NDArray<T> expected, NDArray<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    /// <summary>The same format, shape, index arrays and value bits.</summary>
    private static void AssertIdentical<T>(SparseMatrix<T> expected, SparseMatrix<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.IndPtr.ToArray(), actual.IndPtr.ToArray());
        Assert.Equal(expected.Indices.ToArray(), actual.Indices.ToArray());
        Assert.Equal(MemoryMarshal.AsBytes<T>(expected.Data).ToArray(), MemoryMarshal.AsBytes<T>(actual.Data).ToArray());
    }

    /// <summary>
    /// A random canonical m x n CSR matrix with values over many magnitudes (digits that need all 17 places to round-trip,
    /// subnormals, explicit zeros, negative zero), empty rows and columns when the density is low.
    /// </summary>
    private static SparseMatrix<T> RandomMatrix<T>(int m, int n, int count, int seed, bool specials = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random(seed);
        var r = new int[count];
        var c = new int[count];
        var v = new T[count];
        for (int k = 0; k < count; k++)
        {
            r[k] = rng.Next(m);
            c[k] = rng.Next(n);
            double x = (rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-30, 30));
            v[k] = (k % 11) switch
            {
                3 => T.Zero,
                5 => T.CreateTruncating(1.0 / 3.0 * Math.Pow(2, rng.Next(-20, 20))),
                7 when specials => T.Epsilon * T.CreateTruncating(rng.Next(1, 100)),
                8 when specials => -T.Zero,
                _ => T.CreateTruncating(x),
            };
        }
        return Linea.Sparse.Coo<T>(m, n, r, c, v);
    }
}
