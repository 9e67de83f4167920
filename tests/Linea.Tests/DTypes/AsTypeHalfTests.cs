namespace Linea.Tests.DTypes;

/// <summary><c>AsType</c> to and from float16 and bfloat16, through the shared converter.</summary>
public class AsTypeHalfTests
{
    [Fact]
    public void Float16_converts_to_every_type_and_back_as_the_named_conversions_do()
    {
        var f = NDArray.FromArray(new[] { 1.5f, -2.25f, 65504f, 0.1f });
        var h = f.AsType<Half>();
        Assert.Equal(f.ToHalf().ToArray(), h.ToArray());                 // the same rounding as ToHalf
        Assert.Equal(new[] { 1.5, -2.25, 65504.0, (double)(Half)0.1f }, h.AsType<double>().ToArray());
        Assert.Equal(new[] { 1, -2, 65504, 0 }, h.AsType<int>().ToArray()); // truncation toward zero
        Assert.Equal(new[] { true, true, true, true }, h.AsType<bool>().ToArray());
    }

    [Fact]
    public void Bfloat16_rounds_once_from_double_and_checks_integer_targets()
    {
        // 1 + 2^-8 + 2^-30 lies just above the tie between bfloat16's 1 and 1 + 2^-7: one rounding gives 1 + 2^-7,
        // rounding to float first (1 + 2^-8, the tie) and then to even would give 1.
        var d = NDArray.FromArray(new[] { 1 + Math.Pow(2, -8) + Math.Pow(2, -30), 3.0 });
        var b = d.AsType<BFloat16>();
        Assert.Equal(1 + Math.Pow(2, -7), (double)b[0]);
        Assert.Equal(3.0, (double)b[1]);
        var nan = NDArray.FromArray(new[] { float.NaN }).AsType<BFloat16>();
        var e = Assert.Throws<OverflowException>(() => nan.AsType<long>());
        Assert.Contains("element 0", e.Message);
        Assert.Equal(new[] { 7L, -1L }, NDArray.FromArray(new[] { 7L, -1L }).AsType<Half>().AsType<long>().ToArray());
    }
}
