namespace Linea.Tests.Gemm;

/// <summary>NDArray.MatMul over batched, broadcast and transposed stacks, which the batch-parallel path runs.</summary>
public class BatchedMatMulTests
{
    private static NDArray<double> Rand(ulong seed, params int[] shape) => NDArray.Uniform(shape, -1.0, 1.0, seed);

    private static void CheckSlices(NDArray<double> a, NDArray<double> b, NDArray<double> c, int[] batch)
    {
        int m = (int)a.Shape[^2], k = (int)a.Shape[^1], n = (int)b.Shape[^1];
        int total = batch.Aggregate(1, (x, y) => x * y);
        for (int flat = 0; flat < total; flat++)
        {
            var idx = new int[batch.Length];
            for (int d = batch.Length - 1, r = flat; d >= 0; r /= batch[d], d--) idx[d] = r % batch[d];
            int[] Pick(NDArray<double> t)
            {
                int extra = t.Rank - 2, off = batch.Length - extra;
                var ix = new int[t.Rank];
                for (int d = 0; d < extra; d++) ix[d] = t.Shape[d] == 1 ? 0 : idx[off + d];
                return ix;
            }
            var ia = Pick(a); var ib = Pick(b);
            var ic = new int[c.Rank]; Array.Copy(idx, ic, batch.Length);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0, t = 0;
                    for (int p = 0; p < k; p++)
                    {
                        ia[^2] = i; ia[^1] = p; ib[^2] = p; ib[^1] = j;
                        s += a[ia] * b[ib]; t += Math.Abs(a[ia] * b[ib]);
                    }
                    ic[^2] = i; ic[^1] = j;
                    Assert.True(Math.Abs(c[ic] - s) <= 4 * (k + 1) * 2.2e-16 * t + 1e-300, $"batch {flat} ({i},{j}): {c[ic]} vs {s}");
                }
        }
    }

    [Fact]
    public void AttentionShapedStack()
    {
        var q = Rand(1, 4, 8, 32, 16); var kt = Rand(2, 4, 8, 16, 32);
        CheckSlices(q, kt, NDArray.MatMul(q, kt), [4, 8]);
    }

    [Fact]
    public void TransposedKeysView()
    {
        var q = Rand(3, 3, 5, 20, 9); var key = Rand(4, 3, 5, 20, 9);
        var kt = key.Transpose(0, 1, 3, 2);
        CheckSlices(q, kt, NDArray.MatMul(q, kt), [3, 5]);
    }

    [Fact]
    public void BroadcastBatchAxes()
    {
        var a = Rand(5, 4, 1, 5, 6); var b = Rand(6, 3, 6, 2);
        var c = NDArray.MatMul(a, b);
        Assert.Equal(new[] { 4, 3, 5, 2 }, c.Shape.ToIntArray());
        CheckSlices(a, b, c, [4, 3]);
    }

    [Fact]
    public void ManyLargerMatricesAndFewSmall()
    {
        var a = Rand(7, 3, 130, 70); var b = Rand(8, 3, 70, 150);
        CheckSlices(a, b, NDArray.MatMul(a, b), [3]);
        var x = Rand(9, 64, 3, 5); var y = Rand(10, 64, 5, 4);
        CheckSlices(x, y, NDArray.MatMul(x, y), [64]);
    }
}
