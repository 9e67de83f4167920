using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactModularTests
{
    private static readonly ExactArray Key = Ex.A("[[3, 3], [2, 5]]");

    [Fact]
    public void Hill_cipher_of_the_course_round_trips()
    {
        var plain = Ex.A("[7, 8]");                                     // H = 7, I = 8
        var cipher = ExactOps.Mod(ExactOps.MatMul(Key, plain), 26);
        Assert.Equal(Ex.A("[19, 2]"), cipher);                          // T = 19, C = 2
        var inverse = ExactOps.InvMod(Key, 26);
        Assert.Equal(Ex.A("[[15, 17], [20, 9]]"), inverse);             // det 9, 9^-1 = 3 (mod 26), 3 adj(K) mod 26
        Assert.Equal(plain, ExactOps.Mod(ExactOps.MatMul(inverse, cipher), 26));
        Assert.Equal(ExactArray.Identity(2), ExactOps.Mod(ExactOps.MatMul(Key, inverse), 26));
    }

    [Fact]
    public void InvMod_of_a_3x3_key_is_an_inverse_modulo_m()
    {
        var key = Ex.A("[[6, 24, 1], [13, 16, 10], [20, 17, 15]]"); // det 441, gcd(441, 26) = 1
        var inv = ExactOps.InvMod(key, 26);
        Assert.Equal(Ex.A("[[8, 5, 10], [21, 8, 21], [21, 12, 8]]"), inv);
        Assert.Equal(ExactArray.Identity(3), ExactOps.Mod(ExactOps.MatMul(key, inv), 26));
        Assert.Equal(ExactArray.Identity(3), ExactOps.Mod(ExactOps.MatMul(inv, key), 26));
    }

    [Fact]
    public void Mod_maps_negative_entries_into_the_range()
    {
        Assert.Equal(Ex.A("[[25, 0], [1, 13]]"), ExactOps.Mod(Ex.A("[[-1, 26], [53, -13]]"), 26));
        Assert.Equal(ExactArray.Scalar(2), ExactOps.Mod(ExactArray.Scalar(-7), 3));
    }

    [Fact]
    public void Mod_rejects_fractions_and_bad_moduli()
    {
        var e = Assert.Throws<CalcException>(() => ExactOps.Mod(Ex.A("[[1, 1/2]]"), 26));
        Assert.Contains("element [0, 1] is 1/2", e.Message);
        Assert.Throws<CalcException>(() => ExactOps.Mod(Ex.A("[1]"), 0));
        Assert.Throws<CalcException>(() => ExactOps.Mod(Ex.A("[1]"), -5));
    }

    [Fact]
    public void InvMod_explains_a_determinant_that_is_not_coprime_with_m()
    {
        var e = Assert.Throws<CalcException>(() => ExactOps.InvMod(Ex.A("[[2, 4], [1, 3]]"), 26)); // det 2
        Assert.Contains("det(A) = 2", e.Message);
        Assert.Contains("gcd(2, 26) = 2 != 1", e.Message);
        var e2 = Assert.Throws<CalcException>(() => ExactOps.InvMod(Ex.A("[[1, 2], [2, 4]]"), 26)); // det 0
        Assert.Contains("det(A) = 0", e2.Message);
        var e3 = Assert.Throws<CalcException>(() => ExactOps.InvMod(Ex.A("[[13, 0], [0, 1]]"), 26)); // det 13
        Assert.Contains("gcd(13, 26) = 13", e3.Message);
        Assert.Throws<CalcException>(() => ExactOps.InvMod(Key, 1));
        Assert.Throws<CalcException>(() => ExactOps.InvMod(Ex.A("[[1/2, 0], [0, 1]]"), 26));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.InvMod(Ex.A("[[1, 2, 3]]"), 26));
    }
}
