using System.Numerics;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>
/// The lower-triangle product (gemmt) behind the symmetric rank-k updates: every element of C's lower triangle must be
/// the naive double loop's alpha (A B)_ij + beta C0_ij within 2 (k + 2) eps (|alpha| (|A||B|)_ij + |beta C0_ij|), and
/// every element above the diagonal, like everything outside the view, must keep its sentinel bit for bit (the tiles
/// the diagonal crosses are merged element by element). Row- and column-major C (the second runs as the upper
/// triangle of C^T), strided operands, sizes around the register tiles, shrunk blocks (several column panels, depth
/// steps and row blocks), each microkernel, 1 to 3 threads, and beta = 0 over NaN.
/// </summary>
public class TriangularProductTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9, 5, 1)]
    [InlineData(25, 64, 2)]
    [InlineData(47, 3, 3)]
    [InlineData(97, 64, 2)]
    [InlineData(130, 40, 3)]
    [InlineData(203, 130, 2)]
    public void LowerTriangleMatchesTheNaiveProductAndLeavesTheUpperOneAlone(int n, int k, int threads)
    {
        Layout[] layouts = [Layout.RowMajor, Layout.ColMajor, Layout.Strided];
        int c = 0;
        foreach (var lc in new[] { Layout.RowMajor, Layout.ColMajor, Layout.ColStrided })
            foreach (var la in layouts)
            {
                var prm = (c % 4) switch
                {
                    0 => GemmParams.Auto,
                    1 => new GemmParams { MC = 16, KC = 24, NC = 48, ParallelThreshold = 0 },
                    2 => new GemmParams { ParallelThreshold = 0, Kernel = MicroKernelKind.Avx512Tall },
                    _ => new GemmParams { MC = 8, KC = 16, NC = 16, ParallelThreshold = 0, Kernel = MicroKernelKind.Reference },
                };
                double beta = (c % 3) switch { 0 => 1.0, 1 => 0.0, _ => 0.5 };
                Check<double>(n, k, la, layouts[(c + 1) % 3], lc, -1.0, beta, new Parallelism(threads), prm, seed: 31 * c + n);
                Check<float>(n, k, la, layouts[(c + 2) % 3], lc, 0.75, beta, new Parallelism(threads), prm, seed: 31 * c + n + 1);
                c++;
            }
    }

    [Fact]
    public void EveryMicrokernelOnBothTriangleOrientations()
    {
        foreach (var kind in new[] { MicroKernelKind.Avx512, MicroKernelKind.Avx512Tall, MicroKernelKind.Avx2, MicroKernelKind.Reference })
        {
            if (!BlockSizes.IsSupported(kind)) continue;
            var prm = new GemmParams { Kernel = kind, ParallelThreshold = 0 };
            foreach (var lc in new[] { Layout.RowMajor, Layout.ColMajor })
            {
                Check<double>(61, 33, Layout.ColMajor, Layout.RowMajor, lc, 1.0, 1.0, new Parallelism(2), prm, seed: 5);
                Check<float>(77, 20, Layout.RowMajor, Layout.ColMajor, lc, -2.0, 0.0, new Parallelism(1), prm, seed: 6);
            }
        }
    }

    [Fact]
    public void ZeroDepthOrAlphaOnlyScalesTheLowerTriangle()
    {
        Check<double>(20, 0, Layout.RowMajor, Layout.RowMajor, Layout.ColMajor, 1.0, 0.5, Parallelism.None, GemmParams.Auto, seed: 7);
        Check<double>(20, 6, Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, 0.0, 0.0, Parallelism.None, GemmParams.Auto, seed: 8);
    }

    private static void Check<T>(int n, int k, Layout la, Layout lb, Layout lc, double alpha, double beta, Parallelism par, GemmParams prm, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        T junk = T.CreateChecked(12345.0), upper = T.CreateChecked(-777.0);
        Func<Random, T> gen = r => T.CreateChecked(r.NextDouble() * 2 - 1);
        var A = StridedMatrix<T>.Create(n, k, la, rng, gen, junk);
        var B = StridedMatrix<T>.Create(k, n, lb, rng, gen, junk);
        var C = StridedMatrix<T>.Create(n, n, lc, rng, beta == 0 ? (_ => T.NaN) : gen, junk);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) C[i, j] = upper;
        var c0 = C.ToDouble();
        var (ab, abs) = GemmCheck.Reference(A.ToDouble(), B.ToDouble());
        var av = MatrixView<T>.Of(A.Data, A.Off, n, k, A.Rs, A.Cs);
        var bv = MatrixView<T>.Of(B.Data, B.Off, k, n, B.Rs, B.Cs);
        var cv = MatrixView<T>.Of(C.Data, C.Off, n, n, C.Rs, C.Cs);
        TriangularProduct.Lower(T.CreateChecked(alpha), av, bv, T.CreateChecked(beta), cv, par, prm);
        double eps = typeof(T) == typeof(float) ? 1.1920929e-7 : 2.220446049250313e-16;
        string what = $"{typeof(T).Name} n={n} k={k} A:{la} B:{lb} C:{lc} alpha={alpha} beta={beta} threads={par.Threads} prm={prm}";
        var inLower = new bool[C.Data.Length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                inLower[C.Off + i * C.Rs + j * C.Cs] = true;
                double expect = alpha * ab[i, j] + (beta == 0 ? 0 : beta * c0[i, j]);
                double got = double.CreateChecked(C[i, j]);
                double tol = 2 * (k + 2) * eps * (Math.Abs(alpha) * abs[i, j] + (beta == 0 ? 0 : Math.Abs(beta * c0[i, j]))) + 1e-300;
                if (!(Math.Abs(got - expect) <= tol)) Assert.Fail($"{what}: C[{i},{j}] = {got}, expected {expect} (tol {tol})");
            }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (C[i, j] != upper) Assert.Fail($"{what}: C[{i},{j}] above the diagonal was written ({C[i, j]})");
        for (int x = 0; x < C.Data.Length; x++)
            if (!inLower[x] && C.Data[x] != junk && C.Data[x] != upper) Assert.Fail($"{what}: element {x} outside the C view was written");
    }
}
