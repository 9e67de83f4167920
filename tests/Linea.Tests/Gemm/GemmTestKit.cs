using System.Numerics;
using Linea.Kernels.Gemm;

namespace Linea.Tests.Gemm;

/// <summary>How a logical matrix is laid out in its backing array.</summary>
public enum Layout { RowMajor, ColMajor, Strided, ColStrided, RowStride2 }

/// <summary>A logical rows x cols matrix stored at Off with strides (Rs, Cs) inside Data; padding is filled with junk.</summary>
public sealed class StridedMatrix<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T[] Data = [];
    public int Off, Rs, Cs, Rows, Cols;

    public static StridedMatrix<T> Create(int rows, int cols, Layout layout, Random rng, Func<Random, T> gen, T junk)
    {
        var s = new StridedMatrix<T> { Rows = rows, Cols = cols, Off = 3 };
        switch (layout)
        {
            case Layout.RowMajor: s.Cs = 1; s.Rs = cols + 3; break;
            case Layout.ColMajor: s.Rs = 1; s.Cs = rows + 2; break;
            case Layout.ColStrided: s.Rs = 2; s.Cs = 2 * rows + 3; break;
            case Layout.RowStride2: s.Cs = 2; s.Rs = 2 * cols + 5; break; // a slice X[:, ::2] of a wider matrix
            default: s.Cs = 3; s.Rs = 3 * cols + 5; break;
        }
        long len = s.Off + 1 + (long)Math.Max(rows - 1, 0) * s.Rs + (long)Math.Max(cols - 1, 0) * s.Cs + 4;
        s.Data = new T[len];
        Array.Fill(s.Data, junk);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) s[i, j] = gen(rng);
        return s;
    }

    public ref T this[int i, int j] => ref Data[Off + i * Rs + j * Cs];

    public double[,] ToDouble()
    {
        var r = new double[Rows, Cols];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++) r[i, j] = double.CreateChecked(this[i, j]);
        return r;
    }
}

internal static class GemmCheck
{
    /// <summary>Naive triple loop in double: returns A@B and |A|@|B|.</summary>
    public static (double[,] Ab, double[,] AbsAb) Reference(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        var c = new double[m, n];
        var abs = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, t = 0;
                for (int p = 0; p < k; p++) { s += a[i, p] * b[p, j]; t += Math.Abs(a[i, p] * b[p, j]); }
                c[i, j] = s; abs[i, j] = t;
            }
        return (c, abs);
    }

    /// <summary>
    /// Runs Gemm.Multiply on freshly generated operands and checks every element against the reference with the
    /// tolerance (k+2) * eps * (|alpha| (|A||B|)_ij + |beta C0_ij|) (times 2 for the reference's own rounding),
    /// that C outside the view is untouched, and that beta = 0 never lets C's NaN through.
    /// </summary>
    public static void Run<T>(int m, int n, int k, Layout la, Layout lb, Layout lc, double alpha, double beta,
        Parallelism par, GemmParams prm, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        T junk = T.CreateChecked(12345.0);
        Func<Random, T> gen = r => T.CreateChecked(r.NextDouble() * 2 - 1);
        var A = StridedMatrix<T>.Create(m, k, la, rng, gen, junk);
        var B = StridedMatrix<T>.Create(k, n, lb, rng, gen, junk);
        var C = StridedMatrix<T>.Create(m, n, lc, rng, beta == 0 ? (_ => T.NaN) : gen, junk);
        var c0 = C.ToDouble();
        var (ab, abs) = Reference(A.ToDouble(), B.ToDouble());
        Linea.Kernels.Gemm.Gemm.Multiply(m, n, k, T.CreateChecked(alpha), A.Data, A.Off, A.Rs, A.Cs, B.Data, B.Off, B.Rs, B.Cs,
            T.CreateChecked(beta), C.Data, C.Off, C.Rs, C.Cs, par, prm);
        double eps = double.CreateChecked(T.Epsilon == T.Zero ? T.One : T.CreateChecked(typeof(T) == typeof(float) ? 1.1920929e-7 : 2.220446049250313e-16));
        var inView = new bool[C.Data.Length];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                inView[C.Off + i * C.Rs + j * C.Cs] = true;
                double expect = alpha * ab[i, j] + (beta == 0 ? 0 : beta * c0[i, j]);
                double got = double.CreateChecked(C[i, j]);
                double tol = 2 * (k + 2) * eps * (Math.Abs(alpha) * abs[i, j] + (beta == 0 ? 0 : Math.Abs(beta * c0[i, j]))) + 1e-300;
                if (!(Math.Abs(got - expect) <= tol))
                    Assert.Fail($"{typeof(T).Name} m={m} n={n} k={k} A:{la} B:{lb} C:{lc} alpha={alpha} beta={beta} threads={par.Threads} " +
                                $"prm={prm}: C[{i},{j}] = {got}, expected {expect} (tol {tol})");
            }
        for (int x = 0; x < C.Data.Length; x++)
            if (!inView[x] && C.Data[x] != junk) Assert.Fail($"m={m} n={n} k={k}: element {x} outside the C view was written");
    }
}
