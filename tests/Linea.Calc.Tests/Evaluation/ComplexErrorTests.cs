using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>
/// Complex input where it is not supported: a CalcException that names the function and says so, never a crash and
/// never a result with the imaginary parts dropped.
/// </summary>
public class ComplexErrorTests
{
    /// <summary>(function, argument position) pairs that take complex input; every other one must refuse it.</summary>
    private static readonly HashSet<(string, int)> Supported =
    [
        ("abs", 0), ("real", 0), ("imag", 0), ("conj", 0), ("angle", 0),
        ("sum", 0), ("mean", 0), ("prod", 0),
        ("reshape", 0), ("shape", 0), ("ndim", 0), ("size", 0), ("transpose", 0), ("swapaxes", 0), ("ravel", 0),
        ("hstack", 0), ("hstack", 1), ("vstack", 0), ("vstack", 1),
        ("matmul", 0), ("matmul", 1), ("dot", 0), ("dot", 1), ("outer", 0), ("outer", 1),
        ("diag", 0), ("trace", 0), ("norm", 0), ("matrix_power", 0),
    ];

    [Theory]
    [InlineData("sqrt(1j)", "sqrt")]
    [InlineData("exp([1j, 2])", "exp")]
    [InlineData("inv([[1j, 0], [0, 1]])", "inv")]
    [InlineData("det([[1j, 0], [0, 1]])", "det")]
    [InlineData("solve([[1, 0], [0, 1]], [1j, 1])", "solve")]
    [InlineData("eig([[1j, 0], [0, 1]])", "eig")]
    [InlineData("eigvals([[1j, 0], [0, 1]])", "eigvals")]
    [InlineData("svd([[1j, 0], [0, 1]])", "svd")]
    [InlineData("float(1j)", "float")]
    [InlineData("exact(1j)", "exact")]
    [InlineData("kron([1j], [1])", "kron")]
    [InlineData("std([1j])", "std")]
    [InlineData("rref([[1j]])", "rref")]
    [InlineData("explain [[1j, 0], [0, 1]]", "explain")]
    [InlineData("explain [[1j, 0], [0, 1]] @ [[1, 0], [0, 1]]", "explain")]
    public void UnsupportedFunctionsSaySo(string program, string function)
    {
        var e = CalcRun.Error(program);
        Assert.IsType<CalcTypeException>(e);
        Assert.Equal($"{function}: complex input is not supported", e.Message);
        Assert.Contains("real(z)", e.Hint);
    }

    [Theory]
    [InlineData("max([1j, 2])", "max")]
    [InlineData("min([1j, 2])", "min")]
    [InlineData("argmax([1j, 2])", "argmax")]
    [InlineData("1j < 2", "less")]
    [InlineData("[1, 2] >= 1j", "greater_equal")]
    public void ComplexNumbersHaveNoOrder(string program, string function)
    {
        var e = CalcRun.Error(program);
        Assert.Equal($"{function}: complex numbers have no order", e.Message);
        Assert.Equal("compare abs(z) or real(z) instead", e.Hint);
    }

    [Fact]
    public void PowersNeedAnIntegerExponentForAComplexBase()
    {
        Assert.Equal("power: a complex base needs an integer exponent, got a float64 scalar", CalcRun.Error("1j ** 0.5").Message);
        Assert.Equal("power: a complex base needs an integer exponent, got a (2,) exact array", CalcRun.Error("1j ** [1, 2]").Message);
        Assert.Equal("power: complex exponents are not supported", CalcRun.Error("2 ** 1j").Message);
        Assert.Equal("matrix_power: A ^ -1 needs the inverse of A, and inv does not take complex input", CalcRun.Error("[[1j]] ^ -1").Message);
        Assert.Contains("must be an integer", CalcRun.Error("[[1, 0], [0, 1]] ^ 1j").Message);
    }

    [Fact]
    public void TheSpectralNormsOfAComplexMatrixAreRefused()
    {
        foreach (var ord in new[] { "2", "-2", "\"nuc\"" })
        {
            var e = CalcRun.Error($"norm([[1j, 0], [0, 1]], {ord})");
            Assert.StartsWith("norm: the 2-norm and nuclear norm of a complex matrix are not supported", e.Message);
        }
    }

    [Fact]
    public void ExplainOfEigPointsToTheGeometricReading()
    {
        var e = CalcRun.Error("explain eig([[0, -1], [1, 0]])");
        Assert.Equal("explain: eig has no worked steps", e.Message);
        Assert.Contains("explain A for a 2x2 matrix", e.Hint);
    }

    [Fact]
    public void SavingAComplexArrayIsRefusedBeforeAnythingIsWritten()
    {
        var dir = Directory.CreateTempSubdirectory("linea-complex-");
        try
        {
            var options = new CalcOptions { AllowFileAccess = true, WorkingDirectory = dir.FullName };
            var e = CalcRun.Error("save(\"z.npy\", [1j, 2])", options);
            Assert.Equal("save: complex input is not supported", e.Message);
            Assert.Empty(dir.GetFiles());
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>
    /// Every function's help example, with each argument in turn made complex by adding 0j: supported positions give
    /// a value, every other one an error whose message mentions complex input (none throws anything else).
    /// </summary>
    [Fact]
    public void EveryFunctionEitherTakesComplexInputOrRefusesIt()
    {
        foreach (var f in FunctionLibrary.All)
        {
            if (f.Name is "load" or "save") continue; // files are off in tests; save is checked above
            var (name, args) = SplitCall(f.Example);
            for (int i = 0; i < args.Count; i++)
            {
                if (args[i].StartsWith('"') || args[i].Contains('=')) continue; // strings and keyword arguments
                var changed = args.Select((a, k) => k == i ? $"({a}) + 0j" : a);
                string program = $"{name}({string.Join(", ", changed)})";
                var results = new CalcSession(CalcRun.Options).Evaluate(program);
                var last = results[^1];
                if (Supported.Contains((f.Name, i)))
                    Assert.False(last.IsError, $"{program}: {last.Error?.Message}");
                else
                {
                    Assert.True(last.IsError, $"{program} gave a value, but complex input is not supported there");
                    Assert.Contains("complex", last.Error!.Message);
                }
            }
        }
    }

    /// <summary>"f(a, [1, 2], k=3)" as ("f", ["a", "[1, 2]", "k=3"]): top-level commas only.</summary>
    private static (string Name, List<string> Args) SplitCall(string call)
    {
        int open = call.IndexOf('(');
        string inner = call[(open + 1)..call.LastIndexOf(')')];
        var args = new List<string>();
        int depth = 0, start = 0;
        bool quoted = false;
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '(' or '[') depth++;
            else if (!quoted && c is ')' or ']') depth--;
            else if (!quoted && depth == 0 && c == ',')
            {
                args.Add(inner[start..i].Trim());
                start = i + 1;
            }
        }
        if (inner.Trim().Length > 0) args.Add(inner[start..].Trim());
        return (call[..open], args);
    }
}
