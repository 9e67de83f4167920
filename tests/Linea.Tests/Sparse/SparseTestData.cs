using System.Numerics;

namespace Linea.Tests.Sparse;

/// <summary>
/// Random small sparse matrices with their dense truth, built independently of the code under test: integer values
/// in [-9, 9] (so sums and products of a few of them are exact in float and double), duplicated positions, explicit
/// zeros, rows and columns left empty on purpose, and runs stored unsorted (in generation order).
/// </summary>
internal static class SparseTestData
{
    /// <summary>A matrix and its dense value as double[m, n] (duplicates summed).</summary>
    public static (SparseMatrix<T> A, double[,] D) Make<T>(int m, int n, int count, int seed, SparseFormat format)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new System.Random(seed);
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int k = 0; k < count && m > 0 && n > 0; k++)
        {
            int i = rng.Next(m), j = rng.Next(n);
            if (m > 3 && i % 5 == 2) continue;           // empty rows
            if (n > 3 && j % 4 == 1) continue;           // empty columns
            double x = k % 6 == 5 ? 0 : rng.Next(-9, 10);
            r.Add(i); c.Add(j); v.Add(x);
            if (k % 9 == 4) { r.Add(i); c.Add(j); v.Add(rng.Next(-9, 10)); }   // a duplicate
        }
        var dense = new double[m, n];
        for (int k = 0; k < v.Count; k++) dense[r[k], c[k]] += v[k];
        // Compress in generation order (runs unsorted, duplicates kept) through the public raw-array constructor.
        bool csr = format == SparseFormat.Csr;
        int major = csr ? m : n;
        var ptr = new long[major + 1];
        foreach (int i in csr ? r : c) ptr[i + 1]++;
        for (int i = 0; i < major; i++) ptr[i + 1] += ptr[i];
        var next = (long[])ptr.Clone();
        var idx = new int[v.Count]; var val = new T[v.Count];
        for (int k = 0; k < v.Count; k++)
        {
            long p = next[csr ? r[k] : c[k]]++;
            idx[p] = csr ? c[k] : r[k];
            val[p] = T.CreateTruncating(v[k]);
        }
        // Reverse each run so that the stored order is not sorted.
        for (int i = 0; i < major; i++)
        {
            Array.Reverse(idx, (int)ptr[i], (int)(ptr[i + 1] - ptr[i]));
            Array.Reverse(val, (int)ptr[i], (int)(ptr[i + 1] - ptr[i]));
        }
        var a = csr ? Linea.Sparse.Csr<T>(m, n, ptr, idx, val) : Linea.Sparse.Csc<T>(m, n, ptr, idx, val);
        return (a, dense);
    }

    /// <summary>Shapes worth covering: empty, one row or column, tall, wide, square.</summary>
    public static IEnumerable<object[]> Shapes() =>
    [
        [0, 0], [0, 4], [5, 0], [1, 1], [1, 7], [7, 1], [6, 9], [13, 8], [20, 20],
    ];

    public static NDArray<T> ToTensor<T>(double[,] d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = d.GetLength(0), n = d.GetLength(1);
        var t = NDArray.Zeros<T>(m, n);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[i, j] = T.CreateTruncating(d[i, j]);
        return t;
    }

    public static NDArray<T> ToTensor<T>(double[] d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = NDArray.Zeros<T>(d.Length);
        for (int i = 0; i < d.Length; i++) t[i] = T.CreateTruncating(d[i]);
        return t;
    }

    public static double[,] RandomDense(int m, int n, int seed)
    {
        var rng = new System.Random(seed);
        var d = new double[m, n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) d[i, j] = rng.Next(-5, 6);
        return d;
    }

    public static double[,] MatMul(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1), k = b.GetLength(1);
        var c = new double[m, k];
        for (int i = 0; i < m; i++) for (int p = 0; p < n; p++) for (int j = 0; j < k; j++) c[i, j] += a[i, p] * b[p, j];
        return c;
    }

    public static double[,] Transpose(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var t = new double[n, m];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) t[j, i] = a[i, j];
        return t;
    }

    /// <summary>Asserts the sparse matrix equals the dense truth exactly (integer data), through its indexer-free ToDense.</summary>
    public static void AssertEqual<T>(double[,] expected, SparseMatrix<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.GetLength(0), actual.Rows);
        Assert.Equal(expected.GetLength(1), actual.Columns);
        AssertEqual(expected, actual.ToDense());
    }

    public static void AssertEqual<T>(double[,] expected, NDArray<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = expected.GetLength(0), n = expected.GetLength(1);
        Assert.Equal(new Shape(m, n), actual.Shape);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.True(expected[i, j] == double.CreateTruncating(actual[i, j]), $"({i}, {j}): expected {expected[i, j]}, got {actual[i, j]}");
    }

    public static void AssertEqual<T>(double[] expected, NDArray<T> actual) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(new Shape(expected.Length), actual.Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == double.CreateTruncating(actual[i]), $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
