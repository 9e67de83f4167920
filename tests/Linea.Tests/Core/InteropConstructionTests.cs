using System.Buffers;
using Linea.TestKit;
using SysTensor = System.Numerics.Tensors.Tensor;

namespace Linea.Tests.Core;

public class SystemTensorRoundTripTests
{
    [Fact]
    public void From_a_contiguous_system_tensor_shares_memory_until_disposed()
    {
        var st = SysTensor.Create(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var t = NDArray.FromSystemTensor(st);
        NumAssert.Equal([1.0, 2, 3, 4, 5, 6], t);
        Assert.Equal(new Shape(2, 3), t.Shape);
        t[1, 2] = 60;
        Assert.Equal(60.0, st[1, 2]);
        st[0, 1] = 20;
        Assert.Equal(20.0, t[0, 1]);
        t.Dispose();                                   // unpins; the view may no longer be read
        Assert.Throws<ObjectDisposedException>(() => t[0, 0]);
        Assert.Equal(60.0, st[1, 2]);                  // the system tensor is untouched
    }

    [Fact]
    public void From_strided_and_offset_system_tensors_keeps_their_layout()
    {
        var data = new double[] { -1, 0, 1, 2, 3, 4, 5 };
        var st = SysTensor.Create(data, 1, [3, 2], [1, 3]); // the transpose of [[0 1 2] [3 4 5]], starting at 1
        var t = NDArray.FromSystemTensor(st);
        Assert.Equal(new Shape(3, 2), t.Shape);
        NumAssert.Equal([0.0, 3, 1, 4, 2, 5], t);
        Assert.False(t.IsContiguous);
        t[2, 1] = 50;
        Assert.Equal(50.0, data[6]);
        Assert.Equal(-1.0, data[0]);                     // nothing before the start was reached
    }

    [Fact]
    public void Linea_views_round_trip_through_system_tensors()
    {
        var a = NDArray.Arange(12.0).Reshape(3, 4);
        foreach (var view in new[] { a, a.T, a["::2, 1::2"], a.T["1:3"] })
        {
            var st = view.ToSystemTensor();            // no negative stride: shares a's memory
            var back = NDArray.FromSystemTensor(st);
            Assert.Equal(view.Shape, back.Shape);
            NumAssert.Equal(view.ToArray(), back);
            back[0, 0] += 100;
            Assert.Equal(back[0, 0], view[0, 0]);    // the write went through both hops to a
            view[0, 0] -= 100;
        }
        NumAssert.Equal(NDArray.Arange(12.0).Reshape(3, 4), a);
    }

    [Fact]
    public void Reversed_views_and_empty_tensors_are_copied()
    {
        var a = NDArray.Arange(6.0).Reshape(2, 3);
        var rev = a["::-1, ::-1"];
        var back = NDArray.FromSystemTensor(rev.ToSystemTensor());
        NumAssert.Equal([5.0, 4, 3, 2, 1, 0], back);
        back[0, 0] = -1;
        Assert.Equal(5.0, a[1, 2]);

        var empty = NDArray.FromSystemTensor(SysTensor.Create(Array.Empty<float>(), [0, 3]));
        Assert.Equal(new Shape(0, 3), empty.Shape);
        Assert.Empty(empty);
    }
}

public class ConstructionTests
{
    [Fact]
    public void From_span_copies_with_or_without_a_shape()
    {
        var values = new double[] { 1, 2, 3, 4, 5, 6 };
        var m = NDArray.FromSpan<double>(values, 3, 2);
        Assert.Equal(new Shape(3, 2), m.Shape);
        Assert.Equal(4.0, m[1, 1]);
        values[3] = 40;
        Assert.Equal(4.0, m[1, 1]);                      // a copy
        var v = NDArray.FromSpan(values.AsSpan(1, 3));
        Assert.Equal(new Shape(3), v.Shape);
        NumAssert.Equal([2.0, 3, 40], v);
        Assert.Equal(new Shape(0), NDArray.FromSpan(ReadOnlySpan<float>.Empty).Shape);
    }

    [Fact]
    public void From_enumerable_fills_c_order()
    {
        var lazy = Enumerable.Range(0, 6).Select(i => (float)i * 0.5f);
        var m = NDArray.FromEnumerable(lazy, 2, 3);
        NumAssert.Equal([0f, 0.5f, 1, 1.5f, 2, 2.5f], m);
        Assert.Equal(1.5f, m[1, 0]);
        var list = new List<double> { 3, 1, 2 };
        var v = NDArray.FromEnumerable(list);
        Assert.Equal(new Shape(3), v.Shape);
        list[0] = 30;
        Assert.Equal(3.0, v[0]);                         // a copy
        NumAssert.Equal([1.0, 2], NDArray.FromEnumerable(new double[] { 1, 2 }, 2, 1));
    }

    [Fact]
    public void From_memory_copies_and_wrap_of_array_memory_shares()
    {
        var data = new double[] { 0, 1, 2, 3, 4, 5, 6, 7 };
        var copy = NDArray.FromMemory<double>(data.AsMemory(2, 4), 2, 2);
        NumAssert.Equal([2.0, 3, 4, 5], copy);
        data[2] = 20;
        Assert.Equal(2.0, copy[0, 0]);

        var shared = NDArray.Wrap(data.AsMemory(2, 4), 2, 2);
        Assert.Equal(20.0, shared[0, 0]);
        shared[1, 1] = 50;
        Assert.Equal(50.0, data[5]);
        Assert.Equal(6.0, data[6]);
        Assert.Equal(new Shape(4), NDArray.Wrap(data.AsMemory(4)).Shape);
    }

    [Fact]
    public void Construction_errors_name_the_operation_and_shape()
    {
        var six = new double[6];
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.FromSpan<double>(six, 4, 2));
        Assert.Contains("from_span", e.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 2)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ShapeMismatchException>(() => NDArray.FromEnumerable(six.Select(x => x), 7));
        Assert.Throws<ShapeMismatchException>(() => NDArray.FromMemory<double>(six, 5));
        Assert.Throws<ShapeMismatchException>(() => NDArray.Wrap(six.AsMemory(), 2, 2));
        var neg = Assert.Throws<ArgumentException>(() => NDArray.FromSpan<double>(six, -2, -3));
        Assert.Contains("negative", neg.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NDArray.FromEnumerable(six, 6, -1));
        Assert.Throws<ArgumentNullException>(() => NDArray.FromEnumerable<double>(null!));
        using var native = new ArrayFreeMemory(4);
        var w = Assert.Throws<ArgumentException>(() => NDArray.Wrap(native.Memory, 4));
        Assert.Contains("FromMemory", w.Message, StringComparison.Ordinal);
        Assert.Equal(new Shape(2, 2), NDArray.FromMemory<double>(native.Memory, 2, 2).Shape);
    }

    /// <summary>Memory not backed by an array (TryGetArray fails), as a native MemoryManager is.</summary>
    private sealed class ArrayFreeMemory(int length) : MemoryManager<double>
    {
        private readonly double[] _data = new double[length];
        public override Span<double> GetSpan() => _data;
        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }
    }
}

public class EnumerationTests
{
    [Fact]
    public void Elements_enumerate_in_c_order_for_any_layout()
    {
        var a = NDArray.Arange(24.0).Reshape(2, 3, 4);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (double)i), a);
        foreach (var view in new[] { a.T, a["::-1, 1:, ::2"], a[.., 1, ..].T, a["1, ::-1, 3"] })
        {
            var expected = view.ToArray();             // ToArray is C order (copied by the strided copy kernel)
            var seen = new List<double>();
            foreach (double x in view) seen.Add(x);  // the struct enumerator
            Assert.Equal(expected, seen);
            Assert.Equal(expected, view.AsEnumerable());  // through IEnumerable<T>
        }
        // hand-derived: a.T has shape (4, 3, 2), element [i, j, k] = a[k, j, i] = 12k + 4j + i
        Assert.Equal([0.0, 12, 4, 16, 8, 20, 1, 13], a.T.Take(8));
    }

    [Fact]
    public void Scalars_empty_tensors_broadcasts_and_reset()
    {
        Assert.Equal([7.0], NDArray.Scalar(7.0));
        Assert.Empty(NDArray.Zeros<double>(2, 0, 3));
        var row = NDArray.FromArray(new[] { 1.0, 2 }).BroadcastTo(3, 2);
        Assert.Equal([1.0, 2, 1, 2, 1, 2], row);
        var e = NDArray.Arange(4.0).Reshape(2, 2).T.GetEnumerator();
        Assert.True(e.MoveNext());
        Assert.True(e.MoveNext());
        Assert.Equal(2.0, e.Current);
        e.Reset();
        Assert.True(e.MoveNext());
        Assert.Equal(0.0, e.Current);
        Assert.Equal(6.0, NDArray.Arange(4.0).Sum(x => x));   // LINQ over elements
    }

    [Fact]
    public void Rows_are_views_along_the_first_axis()
    {
        var a = NDArray.Arange(6.0).Reshape(2, 3);
        var rows = a.T.Rows().ToList();               // NumPy: list(a.T)
        Assert.Equal(3, rows.Count);
        NumAssert.Equal([1.0, 4], rows[1]);
        rows[2][1] = 50;
        Assert.Equal(50.0, a[1, 2]);
        Assert.Equal([0.0, 1, 2], a.Rows().First());
        Assert.Equal(new Shape(), NDArray.Arange(3.0).Rows().Last().Shape);
        Assert.Throws<InvalidOperationException>(() => NDArray.Scalar(1.0).Rows());
    }
}
