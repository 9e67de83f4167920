namespace Linea.Tests.DTypes;

/// <summary>
/// The vectorised mask paths (a[mask], a[mask] = v, Where, FlatNonzero, Cumsum/Bincount of ints, float to integer
/// AsType, the 1-d gather of Take) against element-by-element references, at lengths around the vector widths (8 doubles, 16 floats, 64 bools)
/// and with random, all-true and all-false masks.
/// </summary>
public class MaskKernelTests
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 1000, 4099];

    private static bool[] RandomMask(int n, int seed, double density = 0.5)
    {
        var rng = new Random(seed);
        var m = new bool[n];
        for (int i = 0; i < n; i++) m[i] = rng.NextDouble() < density;
        return m;
    }

    private static IEnumerable<bool[]> Masks(int n, int seed)
    {
        yield return RandomMask(n, seed);
        yield return RandomMask(n, seed + 1, 0.05);
        yield return RandomMask(n, seed + 2, 0.95);
        yield return Enumerable.Repeat(true, n).ToArray();
        yield return new bool[n];
    }

    private static T[] Select<T>(T[] values, bool[] mask) => values.Where((_, i) => mask[i]).ToArray();

    private static void CheckSelect<T>(Func<int, T> make) where T : unmanaged
    {
        foreach (int n in Lengths)
        {
            var values = Enumerable.Range(0, n).Select(make).ToArray();
            foreach (var mask in Masks(n, n))
            {
                var a = NDArray.FromArray(values);
                var m = NDArray.FromArray(mask);
                Assert.Equal(Select(values, mask), a[m].ToArray());
            }
        }
    }

    [Fact]
    public void Mask_selection_matches_a_reference_for_every_element_size()
    {
        CheckSelect(i => i * 1.5 - 7);
        CheckSelect(i => (float)(i * 0.25 - 3));
        CheckSelect(i => i * 3 - 1000);
        CheckSelect(i => (long)i << 33);
        CheckSelect(i => i % 3 == 0);
        CheckSelect(i => (Half)(i % 100));
    }

    [Fact]
    public void Mask_selection_of_views_and_matrices_is_in_c_order()
    {
        var a = NDArray.Arange(24.0).Reshape(4, 6);
        var t = a.T; // (6, 4), not contiguous
        var mask = t > 10.0;
        var expected = t.Copy().ToArray().Where(v => v > 10.0).ToArray();
        Assert.Equal(expected, t[mask].ToArray());
        Assert.Equal(new Shape(expected.Length), t[mask].Shape);
        var strided = a[.., new Range(0, 6)][.., ..3]; // (4, 3) with row stride 6
        var sm = strided >= 7.0;
        Assert.Equal(strided.Copy().ToArray().Where(v => v >= 7.0).ToArray(), strided[sm].ToArray());
    }

    [Fact]
    public void Masked_assignment_of_a_scalar_matches_a_reference()
    {
        foreach (int n in Lengths)
            foreach (var mask in Masks(n, 7 * n))
            {
                var values = Enumerable.Range(0, n).Select(i => i - 0.5).ToArray();
                var a = NDArray.FromArray((double[])values.Clone());
                a[NDArray.FromArray(mask)] = NDArray.Scalar(-9.0);
                Assert.Equal(values.Select((v, i) => mask[i] ? -9.0 : v).ToArray(), a.ToArray());

                var ints = NDArray.FromArray(Enumerable.Range(0, n).ToArray());
                ints[NDArray.FromArray(mask)] = NDArray.Scalar(5);
                Assert.Equal(Enumerable.Range(0, n).Select(i => mask[i] ? 5 : i).ToArray(), ints.ToArray());
            }
    }

    [Fact]
    public void Masked_assignment_into_a_transposed_view_writes_the_right_places()
    {
        var a = NDArray.Arange(12.0).Reshape(3, 4);
        var t = a.T;
        t[t > 6.0] = NDArray.Scalar(0.0);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0], a.ToArray());
    }

    [Fact]
    public void Where_matches_a_reference_with_scalars_arrays_and_broadcasting()
    {
        foreach (int n in Lengths)
            foreach (var mask in Masks(n, 3 * n))
            {
                var c = NDArray.FromArray(mask);
                var x = Enumerable.Range(0, n).Select(i => i * 2.0).ToArray();
                var y = Enumerable.Range(0, n).Select(i => -i - 1.0).ToArray();
                Assert.Equal(x.Select((v, i) => mask[i] ? v : y[i]).ToArray(), NDArray.Where(c, NDArray.FromArray(x), NDArray.FromArray(y)).ToArray());
                Assert.Equal(x.Select((v, i) => mask[i] ? v : 0.0).ToArray(), NDArray.Where(c, NDArray.FromArray(x), 0.0).ToArray());
                Assert.Equal(y.Select((v, i) => mask[i] ? 1.0 : v).ToArray(), NDArray.Where(c, 1.0, NDArray.FromArray(y)).ToArray());
                var xf = x.Select(v => (float)v).ToArray();
                Assert.Equal(xf.Select((v, i) => mask[i] ? v : 3f).ToArray(), NDArray.Where(c, NDArray.FromArray(xf), 3f).ToArray());
                var xi = Enumerable.Range(0, n).ToArray();
                Assert.Equal(xi.Select((v, i) => mask[i] ? v : -1).ToArray(), NDArray.Where(c, NDArray.FromArray(xi), -1).ToArray());
                var xb = mask.Select(b => !b).ToArray();
                Assert.Equal(new bool[n], NDArray.Where(c, NDArray.FromArray(xb), false).ToArray());
            }
        // A row condition broadcast against a column of x and a scalar y.
        var cond = NDArray.FromArray([true, false, true]);
        var col = NDArray.FromArray([10.0, 20.0]).Reshape(2, 1);
        Assert.Equal([10.0, -1, 10, 20, -1, 20], NDArray.Where(cond, col, -1.0).ToArray());
    }

    [Fact]
    public void FlatNonzero_matches_a_reference()
    {
        foreach (int n in Lengths)
            foreach (var mask in Masks(n, 11 * n))
                Assert.Equal(Enumerable.Range(0, n).Where(i => mask[i]).Select(i => (long)i).ToArray(), NDArray.FlatNonzero(NDArray.FromArray(mask)).ToArray());
    }

    [Fact]
    public void Float_to_integer_conversion_is_exact_at_the_range_ends()
    {
        var d = NDArray.FromArray([2147483647.9, -2147483648.9, -0.9, 0.9, 1e9, -1e9, 3.5, -3.5, 7, 8]);
        Assert.Equal([2147483647, -2147483648, 0, 0, 1000000000, -1000000000, 3, -3, 7, 8], d.AsType<int>().ToArray());
        var l = NDArray.FromArray([-9223372036854775808.0, 9223372036854774784.0, -2.5, 2.5, 0, 1, 2, 3, 4]);
        Assert.Equal([long.MinValue, 9223372036854774784L, -2, 2, 0, 1, 2, 3, 4], l.AsType<long>().ToArray());
        var f = NDArray.FromArray([-2147483648f, 2147483520f, -1.5f, 1.5f, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        Assert.Equal([int.MinValue, 2147483520, -1, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], f.AsType<int>().ToArray());
        Assert.Equal([(long)int.MinValue, 2147483520L, -1, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], f.AsType<long>().ToArray());
    }

    [Fact]
    public void Float_to_integer_conversion_names_the_first_bad_element_at_every_vector_position()
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, 2147483648.0, -2147483649.0 })
            for (int at = 0; at < 19; at++)
            {
                var v = Enumerable.Range(0, 19).Select(i => (double)i).ToArray();
                v[at] = bad;
                var e = Assert.Throws<OverflowException>(() => NDArray.FromArray(v).AsType<int>());
                Assert.Contains($"element {at} ", e.Message);
            }
        var big = Enumerable.Range(0, 20).Select(i => (float)i).ToArray();
        big[17] = 9.3e18f;
        Assert.Contains("element 17 ", Assert.Throws<OverflowException>(() => NDArray.FromArray(big).AsType<long>()).Message);
    }

    [Fact]
    public void Int_cumsum_cumprod_and_bincount_match_references()
    {
        var rng = new Random(5);
        var xs = Enumerable.Range(0, 1001).Select(_ => rng.Next(-1000, 1000)).ToArray();
        long acc = 0;
        Assert.Equal(xs.Select(v => acc += v).ToArray(), NDArray.Cumsum(NDArray.FromArray(xs)).ToArray());
        var big = new[] { int.MaxValue, int.MaxValue, int.MaxValue };
        Assert.Equal([2147483647L, 4294967294L, 6442450941L], NDArray.Cumsum(NDArray.FromArray(big)).ToArray());
        Assert.Equal([2147483647L, 4611686014132420609L], NDArray.Cumprod(NDArray.FromArray(new[] { int.MaxValue, int.MaxValue })).ToArray());
        var m = NDArray.FromArray(new[] { 1, 2, 3, 4, 5, 6 }).Reshape(2, 3);
        Assert.Equal([1L, 2, 3, 5, 7, 9], NDArray.Cumsum(m, axis: 0).ToArray());

        var counts = Enumerable.Range(0, 20000).Select(_ => rng.Next(0, 37)).ToArray();
        var expected = new long[37];
        foreach (int v in counts) expected[v]++;
        Assert.Equal(expected, NDArray.Bincount(NDArray.FromArray(counts)).ToArray());
        Assert.Equal(expected, NDArray.Bincount(NDArray.FromArray(counts.Select(v => (long)v).ToArray())).ToArray());
        Assert.Equal([0L, 0, 2, 0, 0], NDArray.Bincount(NDArray.FromArray([2, 2]), minlength: 5).ToArray());
        var e = Assert.Throws<ArgumentException>(() => NDArray.Bincount(NDArray.FromArray([3, 0, -1, -7, 2])));
        Assert.Contains("x[2] = -1 is negative", e.Message);
    }

    [Fact]
    public void One_dimensional_take_gathers_with_negative_indices_from_strided_sources()
    {
        var x = NDArray.Arange(20.0);
        var every2 = x[new Range(0, 20)][..^0];
        var strided = NDArray.Arange(40.0).Reshape(20, 2)[.., 1]; // stride 2: 1, 3, 5, ...
        var ints = NDArray.FromArray([0, -1, 5, 5, -20, 19]);
        Assert.Equal([0.0, 19, 5, 5, 0, 19], NDArray.Take(x, ints).ToArray());
        Assert.Equal([0.0, 19, 5, 5, 0, 19], NDArray.Take(every2, ints.AsType<long>()).ToArray());
        Assert.Equal([1.0, 39, 11, 11, 1, 39], NDArray.Take(strided, ints).ToArray());
        Assert.Equal([1.0, 39, 11, 11, 1, 39], strided[ints].ToArray());
        var grid = NDArray.Take(x, NDArray.FromArray(new[,] { { 3, 2 }, { 1, 0 } }));
        Assert.Equal(new Shape(2, 2), grid.Shape);
        Assert.Equal([3.0, 2, 1, 0], grid.ToArray());
        var e = Assert.Throws<TensorIndexOutOfRangeException>(() => NDArray.Take(x, NDArray.FromArray([1, 2, 20])));
        Assert.Contains("index 20 (at position 2 of the indices) is out of bounds for axis 0 with size 20", e.Message);
        e = Assert.Throws<TensorIndexOutOfRangeException>(() => NDArray.Take(x, NDArray.FromArray([-21L])));
        Assert.Contains("index -21 (at position 0 of the indices)", e.Message);
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => NDArray.Take(x, NDArray.FromArray([1L]), axis: 1));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => NDArray.Take(x, NDArray.FromArray([1]), axis: 1));
    }
}
