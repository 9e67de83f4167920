using System.Diagnostics;

namespace Linea.Cli.Tests;

/// <summary>
/// Issue 16, items 9 and 11: unknown options, endless input, exit/quit in programs, the local program-length limit,
/// and Ctrl-C during an evaluation.
/// </summary>
public class InputLimitTests
{
    /// <summary>Standard input that never ends (as <c>yes 1 | linea</c>), counting what was read.</summary>
    private sealed class EndlessReader(string line) : TextReader
    {
        private int _pos;
        public long CharsRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[index + i] = line[_pos];
                _pos = (_pos + 1) % line.Length;
            }
            CharsRead += count;
            return count;
        }

        public override int Peek() => line[_pos];

        public override int Read()
        {
            char c = line[_pos];
            _pos = (_pos + 1) % line.Length;
            CharsRead++;
            return c;
        }
    }

    internal static (int Exit, string Out, string Err) Run(string[] args, TextReader stdin, bool terminal = false, Interrupt? interrupt = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var io = new ConsoleIO(stdin, output, error, terminal, OutputIsTerminal: false) { Interrupt = interrupt };
        int exit = CliApp.Run(args, io);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-x")]
    [InlineData("--evaluate")]
    public void AnUnknownOptionIsAUsageErrorWithTheUsage(string option)
    {
        var (exit, output, error) = Cli.Run([option]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains($"unknown option '{option}'", error);
        Assert.Contains("Usage: linea", error);
        Assert.DoesNotContain("cannot read", error);
    }

    [Fact]
    public void EndlessStandardInputStopsAtTheProgramLengthLimit()
    {
        var endless = new EndlessReader("1\n");
        var (exit, output, error) = Run(["--max-program-length", "1000"], endless);
        Assert.Equal(ExitCodes.EvaluationError, exit);
        Assert.Equal("", output);
        Assert.Contains("error: the program on standard input is longer than the limit of 1,000 characters (MaxProgramLength)", error);
        Assert.Contains("--max-program-length", error);
        Assert.True(endless.CharsRead < 1_000_000);

        // the default limit is generous but finite
        var (defaultExit, _, defaultError) = Run([], new EndlessReader("1\n"));
        Assert.Equal(ExitCodes.EvaluationError, defaultExit);
        Assert.Contains($"longer than the limit of {CliApp.DefaultMaxProgramLength:#,0} characters", defaultError);

        var (jsonExit, json, _) = Run(["--json", "--max-program-length", "10"], new EndlessReader("1\n"));
        Assert.Equal(ExitCodes.EvaluationError, jsonExit);
        Assert.StartsWith("{\"error\":{\"kind\":\"limit\"", json);
    }

    [Fact]
    public void AnEndlessScriptFileStopsAtTheLimit()
    {
        if (!File.Exists("/dev/zero")) return; // Linux and macOS only
        var (exit, _, error) = Cli.Run(["--max-program-length", "100000", "/dev/zero"]);
        Assert.Equal(ExitCodes.EvaluationError, exit);
        Assert.Contains("error: the script '/dev/zero' is longer than the limit of 100,000 characters", error);
    }

    [Fact]
    public void ALongLocalScriptIsAccepted()
    {
        // a 1.5 MB one-line literal: beyond the web server's limit, within the command line's
        var program = "sum([" + string.Join(", ", Enumerable.Repeat("1.5", 300_000)) + "])";
        Assert.True(program.Length > 1_400_000);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, program);
            var (exit, output, error) = Cli.Run([path]);
            Assert.Equal("", error);
            Assert.Equal(0, exit);
            Assert.Equal("450000.0  float64\n", output);
            var (smallExit, _, smallError) = Cli.Run(["--max-program-length", "100000", path]);
            Assert.Equal(ExitCodes.EvaluationError, smallExit);
            Assert.Contains("longer than the limit of 100,000 characters", smallError);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ANonPositiveLengthLimitIsAUsageError()
    {
        var (exit, _, error) = Cli.Run(["--max-program-length", "0", "-e", "1"]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--max-program-length must be a positive number", error);
    }

    [Theory]
    [InlineData("1 + 1\nexit\n2 + 2\n", 0)]
    [InlineData("1 + 1\nquit\n2 + 2\n", 0)]
    [InlineData("1 + 1\n  exit()  # done\nnot parsed (\n", 0)]
    [InlineData("1 + 1\nquit(3)\n2 + 2\n", 3)]
    [InlineData("1 + 1; exit\n2 + 2\n", 0)]
    [InlineData("1 + 1; quit(4)  # done\n2 + 2\n", 4)]
    public void ExitAndQuitEndAPipedProgram(string program, int status)
    {
        var (exit, output, error) = Cli.Run([], stdin: program);
        Assert.Equal("", error);
        Assert.Equal(status, exit);
        Assert.Equal("2\n", output);
        var (eExit, eOutput, _) = Cli.Run(["-e", program]);
        Assert.Equal((status, "2\n"), (eExit, eOutput));
    }

    [Fact]
    public void ExitInsideBracketsOrAfterAnErrorDoesNotHideIt()
    {
        var (exit, _, error) = Cli.Run([], stdin: "ivn(1)\nexit\n");
        Assert.Equal(ExitCodes.EvaluationError, exit);
        Assert.Contains("there is no function 'ivn'", error);
        // 'exit' as a matrix row inside brackets is not the command
        var (bracketExit, _, bracketError) = Cli.Run([], stdin: "[1,\nexit\n]\n");
        Assert.Equal(ExitCodes.EvaluationError, bracketExit);
        Assert.Contains("exit", bracketError);
    }
}

/// <summary>Runs alone (not beside timing-sensitive tests): these keep the cores busy until Ctrl-C lands.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyEvaluationCollection
{
    public const string Name = "heavy evaluations, run alone";
}

/// <summary>Issue 16, item 9: Ctrl-C stops an evaluation.</summary>
[Collection(HeavyEvaluationCollection.Name)]
public class CtrlCTests
{
    private const string MinutesOfExactWork = "A = exact(round(rand(120, 120, seed=1) * 1e15)) ** 150\nB = A @ A\n1";

    [Fact]
    public void CtrlCStopsAnEvaluationOfDashE()
    {
        var interrupt = new Interrupt();
        using var timer = new Timer(_ => interrupt.Fire(), null, 500, Timeout.Infinite);
        var clock = Stopwatch.StartNew();
        var (exit, output, error) = InputLimitTests.Run(["-e", MinutesOfExactWork], new StringReader(""), interrupt: interrupt);
        clock.Stop();
        Assert.Equal(ExitCodes.Interrupted, exit);
        Assert.Equal("", output);
        // Ctrl-C comes at 500 ms: in the power of line 1 on a loaded machine, in the product of line 2 otherwise.
        Assert.Matches(@"error: line [12]: evaluation was cancelled", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(interrupt.Fire()); // nothing runs any more: Ctrl-C has its usual meaning again
    }

    [Fact]
    public void CtrlCStopsAnEvaluationInTheReplWhichGoesOn()
    {
        var interrupt = new Interrupt();
        using var timer = new Timer(_ => interrupt.Fire(), null, 500, Timeout.Infinite);
        var input = new StringReader(MinutesOfExactWork.Replace("\n1", "") + "\n1 + 1\n");
        var clock = Stopwatch.StartNew();
        var (exit, output, _) = InputLimitTests.Run([], input, terminal: true, interrupt: interrupt);
        clock.Stop();
        Assert.Equal(0, exit);
        Assert.Contains("evaluation was cancelled", output);
        Assert.EndsWith("2\n", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
