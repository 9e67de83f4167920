using Linea.Calc;
using Linea.Calc.Evaluation;
using Linea.Cli.Output;
using Linea.Cli.Repl;

namespace Linea.Cli.Tests;

/// <summary>Golden transcripts of REPL sessions driven through a TextReader (prompts and input echoed).</summary>
public class ReplTests
{
    private static string Transcript(string input)
    {
        var output = new StringWriter { NewLine = "\n" };
        var reader = new TextLineReader(new StringReader(input), output);
        var session = new CalcSession(new CalcOptions { AllowFileAccess = false, RandomSeed = 1 });
        int exit = new ReplLoop(session, reader, new PlainResultWriter(output), output).Run();
        Assert.Equal(0, exit);
        return output.ToString();
    }

    [Fact]
    public void RunsASession()
    {
        var transcript = Transcript("A = [[1, 2], [3, 4]]\ninv(A)\nB = [5 6\n7 8]\nA @ B\nivn(A)\ndet(A)\nexit\nA\n");
        Assert.Equal($"""
            {ReplLoop.Banner}
            >>> A = [[1, 2], [3, 4]]
            >>> inv(A)
            [[-2, 1], [3/2, -1/2]]
            >>> B = [5 6
            ... 7 8]
            >>> A @ B
            [[19, 22], [43, 50]]
            >>> ivn(A)
            error: there is no function 'ivn'
              ivn(A)
              ^
            hint: did you mean 'inv'?
            >>> det(A)
            -2
            >>> exit

            """.ReplaceLineEndings("\n"), transcript);
    }

    [Fact]
    public void ListsAndClearsVariables()
    {
        var transcript = Transcript("A = [[1, 2], [3, 4]]\nx = 0.5\nX : (32, 784)\nU, S, V = svd(A)\nvars\nclear\nvars\nA\n");
        Assert.Contains("""
            >>> vars
            A  (2, 2)     rational
            S  (2,)       float64
            U  (2, 2)     float64
            V  (2, 2)     float64
            X  (32, 784)  shape
            x  ()         float64
            >>> clear
            cleared all variables
            >>> vars
            no variables
            >>> A
            error: name 'A' is not defined
            """.ReplaceLineEndings("\n"), transcript);
    }

    [Fact]
    public void ExplainsAndHelps()
    {
        var transcript = Transcript("explain [[1,2],[3,4]] @ [[5,6],[7,8]]\nhelp inv\nhelp ivn\n");
        Assert.Contains("C[0,0] = 1*5 + 2*7 = 19", transcript);
        Assert.Contains("""
            >>> help inv
            inv(A, mod=None)
              inverse of a square matrix (exact for exact input); mod=m gives the inverse modulo m
              example: inv([[3, 3], [2, 5]], mod=26)
                [[15, 17], [20, 9]]
            >>> help ivn
            no function 'ivn'; did you mean 'inv'?
            """.ReplaceLineEndings("\n"), transcript);
        var overview = Transcript("help\n");
        Assert.Contains("Operators:", overview);
        Assert.Contains("linear algebra: det slogdet inv solve", overview);
    }

    [Fact]
    public void ListsComplexVariablesAndHelpsWithTheComplexFunctions()
    {
        var transcript = Transcript("w, V = eig([[0, -1], [1, 0]])\nvars\nhelp angle\nhelp\n");
        Assert.Contains("""
            >>> vars
            V  (2, 2)  complex128
            w  (2,)    complex128
            """.ReplaceLineEndings("\n"), transcript);
        Assert.Contains("""
            >>> help angle
            angle(z, deg=0)
              the argument atan2(imag, real) in (-pi, pi], float64 (deg=1 for degrees)
              example: angle([1j, -1, 1 + 1j])
                [1.57079633 3.14159265 0.78539816]  float64
            """.ReplaceLineEndings("\n"), transcript);
        Assert.Contains("complex numbers: real imag conj angle", transcript);
    }

    [Fact]
    public void AVariableShadowsACommand()
    {
        var transcript = Transcript("vars = [1, 2]\nvars\n");
        Assert.EndsWith(">>> vars\n[1, 2]\n", transcript);
    }

    [Fact]
    public void EndsAtEndOfInputEvenInsideOpenBrackets()
    {
        // the unfinished entry is evaluated as it stands, as Python does at end of input
        var transcript = Transcript("A = [1, 2,\n");
        Assert.EndsWith(">>> A = [1, 2,\nerror: the input ends inside an open bracket\n  A = [1, 2,\n            ^\nhint: close every ( and [ that was opened\n", transcript);
    }

    [Fact]
    public void EveryFunctionHasHelpWithAWorkingExample()
    {
        foreach (var f in FunctionLibrary.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Description), f.Name);
            Assert.StartsWith(f.Name + "(", f.Signature);
            if (f.Name is "load" or "mmread") continue; // reads a file; files are off in help
            var results = new CalcSession(new CalcOptions { AllowFileAccess = f.Name is "save" or "mmwrite", RandomSeed = 0, WorkingDirectory = Path.GetTempPath() }).Evaluate(f.Example);
            Assert.True(!results[^1].IsError, $"{f.Name}: example {f.Example} fails: {results[^1].Error?.Message}");
            Assert.Contains($"example: {f.Example}", Help.For(f.Name));
        }
        File.Delete(Path.Combine(Path.GetTempPath(), "out.npy"));
        File.Delete(Path.Combine(Path.GetTempPath(), "A.mtx"));
    }
}
