namespace Linea.Tests.Linalg;

/// <summary>Each machine constant equals the formula its documentation gives (LAPACK's dlamch and la_constants).</summary>
public class MachineConstantsTests
{
    [Fact]
    public void Double_constants_match_their_formulas()
    {
        Assert.Equal(Math.ScaleB(1.0, -1022), MachineConstants<double>.SafeMin);
        Assert.Equal(double.Epsilon * Math.ScaleB(1.0, 52), MachineConstants<double>.SafeMinDouble);
        Assert.Equal(Math.BitIncrement(1.0) - 1.0, MachineConstants<double>.Ulp);
        Assert.Equal(MachineConstants<double>.Ulp / 2, MachineConstants<double>.UnitRoundoff);
        Assert.Equal(Math.ScaleB(1.0, -970), MachineConstants<double>.SmallNum);
        Assert.Equal(Math.ScaleB(1.0, -969), MachineConstants<double>.HouseholderSafeMin);
        Assert.Equal(Math.ScaleB(1.0, -485), MachineConstants<double>.Lanv2SafeMin2);
        Assert.Equal(Math.Sqrt(MachineConstants<double>.SafeMin), MachineConstants<double>.RootMin);
        double rtmax = Math.Sqrt(2 / MachineConstants<double>.SafeMin); // 2^511.5, which the constant rounds down
        Assert.InRange(MachineConstants<double>.RootMax, rtmax * (1 - 4e-16), rtmax);
        Assert.Equal(Precision.Eps<double>(), MachineConstants<double>.Ulp);
    }

    [Fact]
    public void Float_constants_match_their_formulas()
    {
        Assert.Equal(MathF.ScaleB(1f, -126), MachineConstants<float>.SafeMin);
        Assert.Equal(MathF.BitIncrement(1f) - 1f, MachineConstants<float>.Ulp);
        Assert.Equal((double)MachineConstants<float>.Ulp, MachineConstants<float>.UlpDouble);
        Assert.Equal(MachineConstants<float>.Ulp / 2, MachineConstants<float>.UnitRoundoff);
        Assert.Equal(MathF.ScaleB(1f, -103), MachineConstants<float>.SmallNum);
        Assert.Equal(MathF.ScaleB(1f, -103), MachineConstants<float>.HouseholderSafeMin);
        Assert.Equal(MathF.ScaleB(1f, -51), MachineConstants<float>.Lanv2SafeMin2);
        Assert.Equal(MathF.Sqrt(MachineConstants<float>.SafeMin), MachineConstants<float>.RootMin);
        double rtmax = Math.Sqrt(2 / (double)MachineConstants<float>.SafeMin); // 2^63.5, which the constant rounds down
        Assert.InRange(MachineConstants<float>.RootMax, rtmax * (1 - 2e-7), rtmax);
        Assert.Equal(Precision.Eps<float>(), MachineConstants<float>.Ulp);
    }
}
