using Linea.Kernels;

namespace Linea.Tests.Linalg;

/// <summary>
/// The batched rotation buffer must give exactly (bitwise) the result of applying each rotation at once to its two
/// columns, whatever the pattern of columns (descending and ascending sweeps, as steqr and bdsqr make, or arbitrary),
/// the number of rows (full register blocks and remainders) and the number of flushes.
/// </summary>
public class DeferredRotationsTests
{
    public static TheoryData<int, int, int> Cases => new()
    {
        { 1, 2, 5 }, { 7, 3, 40 }, { 31, 9, 300 }, { 32, 9, 300 }, { 33, 17, 2000 }, { 64, 20, 3000 },
        { 100, 40, 6000 }, { 129, 5, 700 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_matches_rotating_at_once(int rows, int cols, int rotations) => Check<double>(rows, cols, rotations);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_matches_rotating_at_once(int rows, int cols, int rotations) => Check<float>(rows, cols, rotations);

    /// <summary>
    /// The same on a pinned view: a rows x cols block at (2, 1) of a column-major array with leading dimension rows + 5,
    /// whose entries outside the block must stay as they were.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void View_of_a_block_matches_rotating_at_once(int rows, int cols, int rotations)
    {
        int ld = rows + 5, total = ld * (cols + 2);
        var store = new double[total];
        for (int i = 0; i < total; i++) store[i] = -i;
        var block = new double[rows * cols];
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++) block[i + j * rows] = store[2 + i + (1 + j) * ld] = Math.Sin(i + 7.0 * j);
        var around = (double[])store.Clone();
        fixed (double* p = store)
        {
            using var buffer = new DeferredRotations<double>(new MatrixAddress<double>(p + 2 + ld, rows, cols, 1, ld), Parallelism.Default);
            Apply(buffer, block, rows, cols, rotations, new Random(rows * 1000 + cols));
        }
        for (int j = 0; j < cols + 2; j++)
            for (int i = 0; i < ld; i++)
            {
                bool inside = i >= 2 && i < 2 + rows && j >= 1 && j < 1 + cols;
                Assert.Equal(inside ? block[i - 2 + (j - 1) * rows] : around[i + j * ld], store[i + j * ld]);
            }
    }

    /// <summary>
    /// The record buffers (64 rotations per column: 2,560 here, 51 KB) come from the array pools: once one object has
    /// given them back, the next rents them again instead of allocating; a second Dispose is harmless.
    /// </summary>
    [Fact]
    public unsafe void Record_buffers_are_rented_and_given_back()
    {
        var a = new double[8 * 40];
        fixed (double* p = a)
        {
            var address = new MatrixAddress<double>(p, 8, 40, 1, 8);
            using (var first = new DeferredRotations<double>(address, Parallelism.None)) { }
            long before = GC.GetAllocatedBytesForCurrentThread();
            var second = new DeferredRotations<double>(address, Parallelism.None);
            second.Rotate(3, 0.6, 0.8);
            second.Flush();
            second.Dispose();
            second.Dispose();
            long taken = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(taken < 2560 * 4, $"{taken} bytes allocated");
        }
    }

    /// <summary>Records random runs of rotations into <paramref name="buffer"/> and applies each at once to <paramref name="expected"/>.</summary>
    private static void Apply<T>(DeferredRotations<T> buffer, T[] expected, int rows, int cols, int rotations, Random rng) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int j = rng.Next(cols - 1), dir = -1;
        for (int k = 0; k < rotations; k++)
        {
            // Runs of consecutive columns in both directions, broken at random, and some identity rotations.
            if (rng.Next(10) == 0) dir = -dir;
            if (rng.Next(17) == 0) j = rng.Next(cols - 1);
            else j = Math.Clamp(j + dir, 0, cols - 2);
            double t = rng.NextDouble() * 2 * Math.PI;
            T c = rng.Next(20) == 0 ? T.One : T.CreateTruncating(Math.Cos(t));
            T s = c == T.One ? T.Zero : T.CreateTruncating(Math.Sin(t));
            Givens.Rotate(expected.AsSpan(j * rows, rows), expected.AsSpan((j + 1) * rows, rows), c, s);
            buffer.Rotate(j, c, s);
            if (k % 997 == 996) buffer.Flush();
        }
        buffer.Flush();
    }

    private static unsafe void Check<T>(int rows, int cols, int rotations) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(rows * 1000 + cols);
        var a = new T[rows * cols];
        for (int i = 0; i < a.Length; i++) a[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        var expected = (T[])a.Clone();
        fixed (T* p = a)
        {
            using var buffer = new DeferredRotations<T>(new MatrixAddress<T>(p, rows, cols, 1, rows), Parallelism.Default);
            Apply(buffer, expected, rows, cols, rotations, rng);
        }
        Assert.Equal(expected, a);
    }
}

public class GivensHypotTests
{
    [Theory]
    [InlineData(3.0, 4.0, 5.0)]
    [InlineData(-3.0, 4.0, 5.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(1e-170, 1e-170, 1.4142135623730951e-170)]
    [InlineData(3e200, 4e200, 5e200)]
    [InlineData(1e300, 1e300, 1.4142135623730951e300)]
    [InlineData(5e-324, 0.0, 5e-324)]
    [InlineData(1.0, 1e-200, 1.0)]
    public void Matches_exact_values_without_overflow_or_underflow(double f, double g, double expected)
    {
        double r = Givens.Hypot(f, g);
        Assert.True(Math.Abs(r - expected) <= 2 * Math.Max(Math.Abs(expected), double.Epsilon) * 2.220446049250313e-16, $"{r} vs {expected}");
        float rf = Givens.Hypot((float)f, (float)g);
        float ef = (float)Math.Sqrt((double)(float)f * (float)f + (double)(float)g * (float)g);
        if (float.IsFinite((float)f) && float.IsFinite((float)g) && float.IsFinite(ef))
            Assert.True(Math.Abs(rf - ef) <= 2 * Math.Max(Math.Abs(ef), float.Epsilon) * 1.2e-7, $"float {rf} vs {ef}");
    }

    [Fact]
    public void Propagates_infinity_and_nan()
    {
        Assert.Equal(double.PositiveInfinity, Givens.Hypot(double.PositiveInfinity, 1.0));
        Assert.True(double.IsNaN(Givens.Hypot(double.NaN, 1.0)));
    }
}
