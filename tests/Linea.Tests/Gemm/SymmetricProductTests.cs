using System.Numerics;
using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>
/// A @ A^T on one storage (the Gram matrix X.T @ X, and X @ X.T) computes the lower triangle and mirrors it
/// (issue #21). Each case checks, element by element, the naive double loop with the tolerance 2 (k + 2) eps (|A||A^T|)_ij,
/// the general GEMM of the same operands (symmetric path switched off) within 2 k eps (|A| |A|^T)_ij, exact symmetry,
/// that C outside its view is untouched and that NaN already in C (beta = 0) never leaks. Layouts of A and C,
/// offsets, sizes around the register tiles, shrunk blocks, the k-split and the five-loop driver on 1 to 3 threads.
/// </summary>
public class SymmetricProductTests
{
    private static readonly Layout[] AllLayouts = [Layout.RowMajor, Layout.ColMajor, Layout.Strided, Layout.ColStrided];

    [Theory]
    [InlineData(2, 256, 1)]
    [InlineData(7, 300, 2)]
    [InlineData(17, 2000, 2)]     // k-split
    [InlineData(63, 513, 2)]
    [InlineData(65, 1100, 3)]
    [InlineData(100, 1000, 2)]
    [InlineData(130, 300, 2)]     // five-loop driver, rows cut at equal triangle area
    [InlineData(201, 260, 3)]
    public void LowerTriangleMirroredEqualsTheGeneralProduct(int m, int k, int threads)
    {
        int c = 0;
        foreach (var la in AllLayouts)
            foreach (var lc in AllLayouts)
            {
                var prm = (c % 3) switch
                {
                    0 => GemmParams.Auto,
                    1 => new GemmParams { MC = 16, KC = 40, NC = 48, AllowShortcuts = false, ParallelThreshold = 0 },
                    _ => new GemmParams { AllowShortcuts = false, ParallelThreshold = 0, Kernel = MicroKernelKind.Reference },
                };
                Check<double>(m, k, la, lc, c % 2 == 0 ? 1.0 : -0.75, new Parallelism(threads), prm, seed: 13 * c + m);
                Check<float>(m, k, la, lc, c % 2 == 0 ? 0.5 : 1.0, new Parallelism(threads), prm, seed: 13 * c + m + 1);
                c++;
            }
    }

    [Fact]
    public void TakenOnlyForTheSameStorageBetaZeroAndDepth()
    {
        unsafe
        {
            double* a = stackalloc double[4];
            double* b = stackalloc double[4];
            Assert.True(SymmetricProduct.Suits(100, 100, 300, a, 300, 1, a, 1, 300, 0.0));       // X @ X.T
            Assert.True(SymmetricProduct.Suits(100, 100, 300, a, 1, 100, a, 100, 1, 0.0));       // X.T @ X
            Assert.False(SymmetricProduct.Suits(100, 100, 300, a, 300, 1, b, 1, 300, 0.0));      // other storage
            Assert.False(SymmetricProduct.Suits(100, 100, 300, a, 300, 1, a, 1, 300, 1.0));      // beta != 0 reads C
            Assert.False(SymmetricProduct.Suits(100, 100, 300, a, 300, 1, a, 300, 1, 0.0));      // A @ A, not A @ A^T
            Assert.False(SymmetricProduct.Suits(100, 100, SymmetricProduct.MinDepth - 1, a, 300, 1, a, 1, 300, 0.0));
            Assert.False(SymmetricProduct.Suits(100, 99, 300, a, 300, 1, a, 1, 300, 0.0));
        }
    }

    [Theory]
    [InlineData(300, 40)]
    [InlineData(5000, 100)]
    [InlineData(700, 257)]
    public void GramAndOuterOfOffsetViewsThroughTheFrontDoor(int rows, int cols)
    {
        // X is an offset, strided view: rows 1.. of every other row, columns 1..cols of a wider array.
        var big = NDArray.Uniform([2 * rows + 1, cols + 3], -1.0, 1.0, (ulong)(rows + cols));
        var x = big[$"1::2, 1:{cols + 1}"];
        FrontDoor(x.T, x);
        FrontDoor(x, x.T);
        var xf = NDArray.Uniform([2 * rows + 1, cols + 3], -1.0f, 1.0f, (ulong)(rows * 3 + cols))[$"1::2, 1:{cols + 1}"];
        FrontDoor(xf.T, xf);
        FrontDoor(xf, xf.T);
    }

    private static void FrontDoor<T>(NDArray<T> a, NDArray<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = NDArray.MatMul(a, b).ToArray();
        var ad = a.ToArray();
        int m = (int)a.Shape[0], k = (int)a.Shape[1];
        double eps = typeof(T) == typeof(float) ? 5.96e-8 : 1.11e-16;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                Assert.Equal(c[i * m + j], c[j * m + i]);
                if (j > i || (i + j) % 7 != 0 && i != m - 1) continue;   // the lower triangle by sampled rows, every element of the last row
                double s = 0, t = 0;
                for (int p = 0; p < k; p++)
                {
                    double u = double.CreateChecked(ad[i * k + p]), v = double.CreateChecked(ad[j * k + p]);
                    s += u * v; t += Math.Abs(u * v);
                }
                double got = double.CreateChecked(c[i * m + j]);
                Assert.True(Math.Abs(got - s) <= 2 * (k + 2) * eps * t, $"{typeof(T).Name} ({i},{j}) of {m}x{k}: {got} vs {s}");
            }
    }

    /// <summary>A m x k in layout <paramref name="la"/>; B = A^T on the same array; C in layout <paramref name="lc"/> filled with NaN.</summary>
    private static void Check<T>(int m, int k, Layout la, Layout lc, double alpha, Parallelism par, GemmParams prm, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        T junk = T.CreateChecked(12345.0);
        Func<Random, T> gen = r => T.CreateChecked(r.NextDouble() * 2 - 1);
        var A = StridedMatrix<T>.Create(m, k, la, rng, gen, junk);
        var C = StridedMatrix<T>.Create(m, m, lc, rng, _ => T.NaN, junk);
        var G = StridedMatrix<T>.Create(m, m, lc, rng, _ => T.NaN, junk);
        unsafe
        {
            fixed (T* pa = A.Data)
                Assert.True(SymmetricProduct.Suits(m, m, k, pa + A.Off, A.Rs, A.Cs, pa + A.Off, A.Cs, A.Rs, T.Zero));
        }
        var ta = T.CreateChecked(alpha);
        Linea.Kernels.Gemm.Gemm.Multiply(m, m, k, ta, A.Data, A.Off, A.Rs, A.Cs, A.Data, A.Off, A.Cs, A.Rs,
            T.Zero, C.Data, C.Off, C.Rs, C.Cs, par, prm);
        Linea.Kernels.Gemm.Gemm.Multiply(m, m, k, ta, A.Data, A.Off, A.Rs, A.Cs, A.Data, A.Off, A.Cs, A.Rs,
            T.Zero, G.Data, G.Off, G.Rs, G.Cs, par, prm with { AllowSymmetric = false });
        var ad = A.ToDouble();
        var at = new double[k, m];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) at[p, i] = ad[i, p];
        var (ab, abs) = GemmCheck.Reference(ad, at);
        double eps = typeof(T) == typeof(float) ? 1.1920929e-7 : 2.220446049250313e-16;
        var inView = new bool[C.Data.Length];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                inView[C.Off + i * C.Rs + j * C.Cs] = true;
                double got = double.CreateChecked(C[i, j]), general = double.CreateChecked(G[i, j]), expect = alpha * ab[i, j];
                double bound = Math.Abs(alpha) * abs[i, j];
                string where = $"{typeof(T).Name} m={m} k={k} A:{la} C:{lc} threads={par.Threads} prm={prm}: C[{i},{j}] = {got}";
                Assert.True(Math.Abs(got - expect) <= 2 * (k + 2) * eps * bound + 1e-300, $"{where}, expected {expect}");
                Assert.True(Math.Abs(got - general) <= 2 * k * eps * bound + 1e-300, $"{where}, general GEMM {general}");
                Assert.Equal(C[i, j], C[j, i]);
            }
        for (int x = 0; x < C.Data.Length; x++)
            if (!inView[x] && C.Data[x] != junk) Assert.Fail($"m={m} k={k}: element {x} outside the C view was written");
    }
}
