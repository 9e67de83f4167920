using System.Numerics;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

/// <summary>Test helpers: exact arrays from NumPy-like text, random rationals and integer matrices from a seed.</summary>
internal static class Ex
{
    /// <summary>"[[1, 2], [3/2, 4]]", "[1, -2]" or "5/3" as an exact array.</summary>
    public static ExactArray A(string text)
    {
        var s = text.Replace(" ", "").Replace("\n", "");
        if (!s.StartsWith('[')) return ExactArray.Scalar(BigRational.Parse(s));
        if (!s.StartsWith("[["))
        {
            var inner = s[1..^1];
            return ExactArray.Vector(inner.Length == 0 ? [] : inner.Split(',').Select(BigRational.Parse).ToArray());
        }
        var rows = s[2..^2].Split("],[");
        var cells = rows.Select(r => r.Split(',').Select(BigRational.Parse).ToArray()).ToArray();
        return ExactArray.Matrix(cells.Length, cells[0].Length, cells.SelectMany(r => r).ToArray());
    }

    public static BigRational Q(string text) => BigRational.Parse(text);

    /// <summary>A random integer with up to <paramref name="maxBits"/> bits and a random sign.</summary>
    public static BigInteger Int(Rng rng, int maxBits)
    {
        int bits = rng.NextInt(maxBits + 1);
        var bytes = new byte[bits / 8 + 1];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)rng.NextInt(256);
        var v = new BigInteger(bytes, isUnsigned: true) >> (bytes.Length * 8 - bits);
        return rng.NextInt(2) == 0 ? v : -v;
    }

    /// <summary>A random rational with numerator and denominator of up to <paramref name="maxBits"/> bits.</summary>
    public static BigRational Rational(Rng rng, int maxBits)
    {
        var den = BigInteger.Abs(Int(rng, maxBits));
        if (den.IsZero) den = BigInteger.One;
        return new BigRational(Int(rng, maxBits), den);
    }

    /// <summary>An n x m matrix of integers in [-range, range].</summary>
    public static ExactArray IntMatrix(Rng rng, int n, int m, int range) =>
        ExactArray.Matrix(n, m, Enumerable.Range(0, n * m).Select(_ => (BigRational)(rng.NextInt(2 * range + 1) - range)).ToArray());

    /// <summary>
    /// A random n x n integer matrix of rank <paramref name="rank"/> (the product of random n x r and r x n integer
    /// matrices, retried until the rank is right).
    /// </summary>
    public static ExactArray IntMatrixOfRank(Rng rng, int n, int rank)
    {
        while (true)
        {
            var a = ExactOps.MatMul(IntMatrix(rng, n, rank, 3), IntMatrix(rng, rank, n, 3));
            if (rank == 0 || ExactOps.Rank(a) == rank) return a.Rank == 2 ? a : ExactArray.Zeros(n, n);
        }
    }

    /// <summary>The determinant by Laplace expansion along the first row: slow, but independent of Bareiss.</summary>
    public static BigRational LaplaceDet(ExactArray a)
    {
        int n = a.Rows;
        if (n == 0) return 1;
        if (n == 1) return a[0, 0];
        var sum = BigRational.Zero;
        for (int j = 0; j < n; j++)
        {
            if (a[0, j].IsZero) continue;
            var term = a[0, j] * LaplaceDet(Without(a, 0, j));
            sum += (j % 2 == 0) ? term : -term;
        }
        return sum;
    }

    public static ExactArray Without(ExactArray a, int row, int col)
    {
        int n = a.Rows, m = a.Cols;
        var data = new List<BigRational>();
        for (int r = 0; r < n; r++)
            for (int c = 0; c < m; c++)
                if (r != row && c != col) data.Add(a[r, c]);
        return ExactArray.Matrix(n - 1, m - 1, data.ToArray());
    }

    /// <summary>The n x n Hilbert matrix H[i, j] = 1/(i + j + 1).</summary>
    public static ExactArray Hilbert(int n) =>
        ExactArray.Matrix(n, n, Enumerable.Range(0, n * n).Select(k => new BigRational(1, k / n + k % n + 1)).ToArray());

    public static ExactArray Scaled(ExactArray a, BigRational s) => ExactOps.Multiply(a, ExactArray.Scalar(s));
}
