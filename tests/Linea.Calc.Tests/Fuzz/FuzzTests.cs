using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Fuzz;

/// <summary>Random text, for the property that no input escapes as anything but a result.</summary>
public sealed record RandomText(string Text)
{
    public override string ToString() => Text;
}

/// <summary>A random program built from the language's grammar (valid syntax, arbitrary meaning).</summary>
public sealed record RandomProgram(string Text)
{
    public override string ToString() => Text;
}

public static class FuzzArbitraries
{
    private static readonly string[] Names = ["A", "B", "v", "x", "X", "Q", "n", "undefined_name", "pi", "inf", "nan", "j"];
    private static readonly string[] Functions = FunctionLibrary.Names.Concat(["nosuchfn", "explain"]).ToArray();
    private static readonly string[] Operators = ["+", "-", "*", "/", "@", "**", "^", "==", "!=", "<", "<=", ">", ">="];
    private static readonly string[] Keywords = ["axis", "seed", "mod", "keepdims", "ddof", "ord", "k", "bogus"];

    public static Arbitrary<RandomText> Text()
    {
        var alphabet = "0123456789 .,;:()[]{}+-*/@^'\"=<>!#\\\n\tABXvxe_zqjJ".ToCharArray();
        var ch = Gen.Frequency(
            (20, Gen.Elements(alphabet)),
            (1, Gen.Choose(0, 0x2FFF).Select(i => (char)i)));
        return Gen.ArrayOf(ch).Select(cs => new RandomText(new string(cs))).ToArbitrary();
    }

    public static Arbitrary<RandomProgram> Program()
    {
        var stmt = Gen.Sized(size => Statement(Math.Min(size, 12)));
        var program = Gen.ListOf(stmt).Select(lines =>
            new RandomProgram("A = [[1, 2], [3, 4]]\nB = [1 2; 3 4.5]\nv = [1, -2, 3/2]\nX : (n, 3)\nQ : (b, h, n, d)\nx = [1 + 1j, -2j, 3]\n" + string.Join("\n", lines)));
        return program.ToArbitrary();
    }

    private static Gen<string> Statement(int size)
    {
        var expr = Expr(size);
        var names = Gen.Elements(Names);
        var dims = Gen.ListOf(Gen.Elements(["2", "3", "n", "b", "h*d", "0"]), 3);
        return Gen.Frequency(
            (6, expr),
            (3, from n in names from e in expr select $"{n} = {e}"),
            (1, from n in names from m in names where n != m from e in expr select $"{n}, {m} = {e}"),
            (1, from n in names from d in dims select $"{n} : ({string.Join(", ", d)},)"),
            (1, from e in expr select $"explain {e}"));
    }

    private static Gen<string> Expr(int size)
    {
        var number = Gen.Elements(["0", "1", "2", "-1", "3/2", "0.5", "1e-3", "1e308", "99999999999999999999", "7", "26", "100000000", "0.0", "1j", "2.5j", "0j", "1e308j"]);
        var leaf = Gen.OneOf(number, Gen.Elements(Names), Gen.Elements(["\"fro\"", "\"x.npy\"", "[]", "[1, 2]", "[[1, 2], [3, 4]]", "[1 -2; 3 4]", "[[1.5]]",
            "[1 + 2j, 3]", "[[0, -1j], [1j, 2]]", "eig([[0, -1], [1, 0]])", "[1 2j; 3j 4]"]));
        if (size <= 0) return leaf;
        var sub = Gen.Sized(_ => Expr(size / 2));
        var keyword = Gen.OneOf(Gen.Constant(""), from k in Gen.Elements(Keywords) from v in number select $"{k}={v}");
        return Gen.Frequency(
            (4, leaf),
            (4, from l in sub from op in Gen.Elements(Operators) from r in sub select $"({l} {op} {r})"),
            (1, from e in sub select $"-{e}"),
            (1, from e in sub from t in Gen.Elements([".T", "'", ".mT"]) select $"({e}){t}"),
            (2, from e in sub from ix in Gen.Elements(["[0]", "[-1]", "[0, :]", "[1:, ::2]", "[::-1]", "[5]", "[:, 0]", "[0, 0, 0]", "[1:0]"]) select $"({e}){ix}"),
            (4, from f in Gen.Elements(Functions) from args in Gen.ListOf(sub, 3) from kw in keyword
                select $"{f}({string.Join(", ", kw.Length > 0 ? args.Append(kw) : args)})"),
            (1, from items in Gen.ListOf(sub, 3) select $"[{string.Join(", ", items)}]"),
            (1, from items in Gen.ListOf(sub, 2) select $"[{string.Join(" ", items)}; {string.Join(" ", items)}]"));
    }
}

/// <summary>
/// No input escapes CalcSession.Evaluate as an exception: random text and random well-formed programs give
/// results, and failures are CalcExceptions. Rendering never throws either.
/// </summary>
[Properties(Arbitrary = [typeof(FuzzArbitraries)])]
public class FuzzTests
{
    private static readonly CalcOptions Tight = new()
    {
        AllowFileAccess = false,
        RandomSeed = 1,
        Limits = CalcLimits.Default with
        {
            MaxElements = 100_000,
            MaxWork = 1e7,
            MaxTime = TimeSpan.FromSeconds(5),
            MaxExactBits = 4096,
            MaxExactElements = 10_000,
            MaxExactOperations = 1_000_000,
        },
    };

    private static bool RunsToResults(string program, CalcSession? session = null)
    {
        var s = session ?? new CalcSession(Tight);
        var run = Task.Run(() => s.Evaluate(program));
        // a hang fails the property (with the program) instead of blocking the test run
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), $"no result after 30 s: {program}");
        var results = run.Result;
        foreach (var r in results)
        {
            Assert.True(r.Kind != ResultKind.Error || r.Error is not null);
            _ = TextRenderer.Render(r, program);
            _ = JsonRenderer.Render(r);
        }
        return true;
    }

    /// <summary>Each line in turn in one session, as a REPL runs them (so an early error does not hide later lines), then the whole text.</summary>
    private static bool RunsLineByLine(string program)
    {
        var session = new CalcSession(Tight);
        foreach (var line in program.Split('\n')) RunsToResults(line, session);
        return RunsToResults(program);
    }

    [Property(MaxTest = 3000)]
    public bool RandomTextNeverThrows(RandomText text) => RunsToResults(text.Text);

    [Property(MaxTest = 1000)]
    public bool RandomProgramsNeverThrow(RandomProgram program) => RunsLineByLine(program.Text);

    [Property(MaxTest = 300)]
    public bool RandomProgramsAlsoSurviveLineAndCharacterDamage(RandomProgram program, int cut)
    {
        // drop or duplicate a character somewhere: near-valid text is where parsers break
        var t = program.Text;
        if (t.Length == 0) return true;
        int i = (int)((uint)cut % (uint)t.Length);
        return RunsToResults(t.Remove(i, 1)) && RunsToResults(t.Insert(i, t[i].ToString()));
    }
}
