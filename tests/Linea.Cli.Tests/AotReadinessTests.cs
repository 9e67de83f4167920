using Linea.Cli.Output;

namespace Linea.Cli.Tests;

/// <summary>
/// The pieces of the Native AOT tool that run under the JIT too: the source-generated JSON of information lines, and
/// the choice of the x86-64 build from a CPU's <c>/proc/cpuinfo</c> flags (<see cref="IsaDispatch"/>).
/// </summary>
public class AotReadinessTests
{
    private const string V3Flags = "avx avx2 bmi1 bmi2 fma f16c movbe abm";
    private const string V4Flags = V3Flags + " avx512f avx512bw avx512cd avx512dq avx512vl";

    [Fact]
    public void InfoLinesAreJsonObjectsWithEscapes()
    {
        var output = new StringWriter { NewLine = "\n" };
        new JsonResultWriter(output).WriteInfo("A : (2, 2) \"x\"\n<tab>\t");
        Assert.Equal("{\"info\":\"A : (2, 2) \\u0022x\\u0022\\n\\u003Ctab\\u003E\\t\"}\n", output.ToString());
    }

    [Fact]
    public void ParsesTheFlagsLine()
    {
        var flags = IsaDispatch.ParseFlagsLine("flags\t\t: fpu vme  avx2 avx512f");
        Assert.Equal(["avx2", "avx512f", "fpu", "vme"], flags.Order());
    }

    [Theory]
    [InlineData("fpu sse sse2 sse4_2", null, null)]
    [InlineData(V3Flags, null, "x86-64-v3")]
    [InlineData(V4Flags, null, "x86-64-v4")]
    [InlineData(V4Flags, "", "x86-64-v4")]
    [InlineData(V4Flags, "x86-64-v3", "x86-64-v3")]
    [InlineData(V4Flags, "portable", null)]
    [InlineData(V4Flags, "x86-64-v9", null)]
    [InlineData(V3Flags, "x86-64-v4", "x86-64-v3")]
    public void ChoosesTheBestLevelTheCpuRuns(string cpuFlags, string? cap, string? expected)
    {
        var flags = IsaDispatch.ParseFlagsLine("flags : " + cpuFlags);
        Assert.Equal(expected, IsaDispatch.Choose(flags, cap));
    }

    [Theory]
    [InlineData("avx512f")]   // AVX-512 without BW (Knights Landing): not x86-64-v4
    [InlineData("avx512vl")]
    [InlineData("movbe")]     // one v3 flag missing: not v3, so not v4 either
    public void ALevelNeedsEveryOneOfItsFlags(string missing)
    {
        var flags = IsaDispatch.ParseFlagsLine("flags : " + V4Flags);
        flags.Remove(missing);
        string? chosen = IsaDispatch.Choose(flags, null);
        Assert.NotEqual("x86-64-v4", chosen);
        if (missing == "movbe") Assert.Null(chosen);
        else Assert.Equal("x86-64-v3", chosen);
    }

    [Fact]
    public void UnderTheJitNothingIsExeced()
    {
        // The test host runs under the JIT, where the dispatcher must return at once and leave the process alone.
        IsaDispatch.ExecBestBuild(["-e", "1"]);
        Assert.True(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported);
    }
}
