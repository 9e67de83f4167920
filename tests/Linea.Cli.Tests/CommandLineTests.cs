using System.Text.Json;

namespace Linea.Cli.Tests;

/// <summary>Golden outputs of <c>linea -e</c>, <c>--json</c>, scripts and standard input, and the exit codes.</summary>
public class CommandLineTests
{
    [Fact]
    public void PrintsEachExpressionStatement()
    {
        var (exit, output, error) = Cli.Run(["-e", "A = [[1, 2], [3, 4]]\ninv(A)\nA @ [[5, 6], [7, 8]]\ndet(A)\nsqrt(2)\nA * 0.5"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal("""
            [[-2, 1], [3/2, -1/2]]
            [[19, 22], [43, 50]]
            -2
            1.4142135623730951  float64
            [[0.5 1. ]
             [1.5 2. ]]  float64

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void PrintsComplexEigenvaluesAsNumPyDoesInTextAndJson()
    {
        // [[1, -2], [2, 1]]: t^2 - 2t + 5 = 0, so t = 1 ± 2i
        var (exit, output, error) = Cli.Run(["-e", "eigvals([[0, -1], [1, 0]])\nabs(eigvals([[1, -2], [2, 1]]))\n(1 + 2j) * (3 - 1j)"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal("""
            [0.+1.j 0.-1.j]  complex128
            [2.23606798 2.23606798]  float64
            (5+5j)  complex128

            """.ReplaceLineEndings("\n"), output);
        var (jsonExit, json, _) = Cli.Run(["--json", "-e", "eigvals([[0, -1], [1, 0]])"]);
        Assert.Equal(0, jsonExit);
        Assert.Equal("{\"shape\":[2],\"dtype\":\"complex128\",\"data\":[{\"re\":0,\"im\":1},{\"re\":0,\"im\":-1}]}\n", json);
    }

    [Fact]
    public void JoinsRepeatedEvalOptionsAndSemicolons()
    {
        var (exit, output, _) = Cli.Run(["-e", "x = 3/4", "-e", "x * 2; x + 1"]);
        Assert.Equal(0, exit);
        Assert.Equal("3/2\n7/4\n", output);
    }

    [Fact]
    public void ReportsAnEvaluationErrorOnStandardErrorWithExitStatus1()
    {
        var (exit, output, error) = Cli.Run(["-e", "A = [[1, 2], [3, 4]]\nA\nivn(A)\nA"]);
        Assert.Equal(1, exit);
        Assert.Equal("[[1, 2], [3, 4]]\n", output);
        Assert.Equal("""
            error: line 3: there is no function 'ivn'
              ivn(A)
              ^
            hint: did you mean 'inv'?

            """.ReplaceLineEndings("\n"), error);
    }

    [Fact]
    public void ReportsASyntaxErrorWithACaret()
    {
        var (exit, output, error) = Cli.Run(["-e", "[1, 2] + * 3"]);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("error: expected a value, found '*'\n  [1, 2] + * 3\n           ^\n", error);
    }

    [Fact]
    public void ChecksShapes()
    {
        var (exit, output, error) = Cli.Run(["-e", "X : (32, 784)\nW1 : (784, 256)\nb1 : (256,)\nX @ W1 + b1\nX @ W1.T"]);
        Assert.Equal(1, exit);
        Assert.Equal("shape (32, 256)\n", output);
        Assert.Contains("hint: did you mean W1? X @ W1 would have inner dimension 784", error);
    }

    [Fact]
    public void WritesOneJsonObjectPerResult()
    {
        var (exit, output, error) = Cli.Run(["--json", "-e", "A = [[1, 2], [3, 4]]\ninv(A)\nA / 2.0\nsvd(A)[1]\n1/0.0"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"shape":[2,2],"dtype":"rational","data":[["-2","1"],["3/2","-1/2"]]}""", lines[0]);
        Assert.Equal("""{"shape":[2,2],"dtype":"float64","data":[[0.5,1],[1.5,2]]}""", lines[1]);
        var s = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal("float64", s.GetProperty("dtype").GetString());
        Assert.Equal(2, s.GetProperty("data").GetArrayLength());
        Assert.Equal("""{"shape":[],"dtype":"float64","data":"Infinity"}""", lines[3]);
    }

    [Fact]
    public void WritesErrorsAsJsonOnStandardOutput()
    {
        var (exit, output, error) = Cli.Run(["--json", "-e", "1 +"]);
        Assert.Equal(1, exit);
        Assert.Equal("", error);
        Assert.Equal("""{"error":{"kind":"syntax","message":"expected a value, found end of input","line":1,"column":4}}""" + "\n", output);
    }

    [Fact]
    public void RunsAScriptFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"linea-{Guid.NewGuid():N}.lc");
        File.WriteAllText(path, "# a Hill cipher\nK = [[3, 3], [2, 5]]\nC = mod(K @ [7, 8], 26)   # HI\nC\nmod(inv(K, mod=26) @ C, 26)\n");
        try
        {
            var (exit, output, _) = Cli.Run([path]);
            Assert.Equal(0, exit);
            Assert.Equal("[19, 2]\n[7, 8]\n", output);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ReadsTheProgramFromStandardInputWhenItIsNotATerminal()
    {
        var (exit, output, _) = Cli.Run([], stdin: "A = [1 2\n     3 4]\nA ^ 2\n");
        Assert.Equal(0, exit);
        Assert.Equal("[[7, 10], [15, 22]]\n", output);
    }

    [Fact]
    public void UsageErrorsExitWith2()
    {
        var unknown = Cli.Run(["--frobnicate"]);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("--frobnicate", unknown.Err);

        var missing = Cli.Run(["no/such/file.lc"]);
        Assert.Equal(2, missing.Exit);
        Assert.StartsWith("linea: cannot read 'no/such/file.lc'", missing.Err);

        var both = Cli.Run(["-e", "1", "script.lc"]);
        Assert.Equal(2, both.Exit);
        Assert.Contains("not both", both.Err);

        var noValue = Cli.Run(["-e"]);
        Assert.Equal(2, noValue.Exit);
    }

    [Fact]
    public void PrintsHelp()
    {
        var (exit, output, _) = Cli.Run(["--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("--json", output);
        Assert.Contains("-e, --eval", output);
    }

    [Fact]
    public void PrintsWarningsOnStandardOutputAfterTheirValue()
    {
        var (exit, output, _) = Cli.Run(["-e", "inv([[1, 1], [1, 1.000000000001]])[0, 0]"]);
        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.EndsWith("float64", lines[0]);
        Assert.StartsWith("warning: inv: the matrix is ill-conditioned (cond ≈ 4.0e+12", lines[1]);
    }
}
