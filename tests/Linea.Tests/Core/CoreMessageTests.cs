using System.Runtime.InteropServices;

namespace Linea.Tests.Core;

/// <summary>#16 item 12, the core library's part: softmax of empty input, lstsq's warning, unsupported element types.</summary>
public class CoreMessageTests
{
    [Theory]
    [InlineData(new[] { 0 }, -1)]
    [InlineData(new[] { 0 }, 0)]
    [InlineData(new[] { 2, 0 }, -1)]
    [InlineData(new[] { 2, 0 }, 0)]
    [InlineData(new[] { 0, 3 }, 0)]
    [InlineData(new[] { 0, 3 }, 1)]
    [InlineData(new[] { 2, 0, 4 }, 1)]
    public void Softmax_of_empty_input_is_empty_of_the_same_shape(int[] shape, int axis)
    {
        // SciPy: softmax(np.zeros((2, 0)), axis=-1) is an empty (2, 0) array; nothing is normalised.
        foreach (var t in new[] { NDArray.Zeros<double>(shape) })
        {
            Assert.Equal(shape, NDArray.Softmax(t, axis).Shape.ToIntArray());
            Assert.Equal(shape, NDArray.LogSoftmax(t, axis).Shape.ToIntArray());
        }
        var f = NDArray.Zeros<float>(shape);
        Assert.Equal(shape, NDArray.Softmax(f, axis).Shape.ToIntArray());
        Assert.Equal(shape, NDArray.LogSoftmax(f, axis).Shape.ToIntArray());
    }

    [Fact]
    public void Softmax_of_empty_input_still_checks_the_axis()
    {
        Assert.Throws<AxisOutOfRangeException>(() => NDArray.Softmax(NDArray.Zeros<double>(0), axis: 1));
        Assert.Throws<AxisOutOfRangeException>(() => NDArray.LogSoftmax(NDArray.Zeros<double>(2, 0), axis: -3));
    }

    [Fact]
    public void Lstsq_warning_names_lstsq_once()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 } });
        var r = Linea.Linalg.Lstsq(a, NDArray.FromArray([1.0, 2, 3]));
        Assert.True(r.RankDeficient);
        Assert.StartsWith("lstsq: A of shape (3, 2) is rank deficient", r.Warning);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(r.Warning!, "lstsq"));
    }

    [Fact]
    public void Unsupported_element_types_are_refused_naming_the_operation_and_the_dtype()
    {
        static void Refused(string op, Func<object> make)
        {
            var e = Assert.Throws<NotSupportedException>(make);
            Assert.StartsWith($"{op}: ", e.Message);
            Assert.Contains("NDArray<NFloat>", e.Message);
            Assert.Contains("dtype NFloat", e.Message);
            Assert.Contains("float, double, float16, bfloat16, int, long or bool", e.Message);
        }
        Refused("zeros", () => NDArray.Zeros<NFloat>(3));
        Refused("zeros", () => NDArray.Zeros<NFloat>(new Shape(2), StorageKind.Native));
        Refused("array", () => NDArray.FromArray(new[] { (NFloat)1, (NFloat)2 }));
        Refused("array", () => NDArray.FromArray(new[,] { { (NFloat)1 } }));
        Refused("full", () => NDArray.Full([2L], (NFloat)1));
        Refused("full", () => NDArray.Ones<NFloat>(2));
        Refused("empty", () => NDArray.Empty<NFloat>(new Shape(2)));
        Refused("eye", () => NDArray.Eye<NFloat>(2));
        Refused("arange", () => NDArray.Arange((NFloat)3));
        Refused("linspace", () => NDArray.Linspace((NFloat)0, (NFloat)1, 5));
        Refused("normal", () => NDArray.Normal([2], (NFloat)0, (NFloat)1, seed: 1));
        Refused("uniform", () => NDArray.Uniform([2], (NFloat)0, (NFloat)1, seed: 1));
        Refused("wrap", () => NDArray.Wrap(new NFloat[2], 2L));
        Refused("tensor", () => NDArray.Scalar((NFloat)1)); // any other way in meets the check in the constructor
    }
}
