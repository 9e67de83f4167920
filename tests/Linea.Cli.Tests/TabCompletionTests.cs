using Linea.Calc;
using Linea.Cli.Repl;
using static Linea.Cli.Tests.Keys;

namespace Linea.Cli.Tests;

public class TabCompletionTests
{
    private sealed class FixedNames(params string[] names) : ICompletionSource
    {
        public IEnumerable<string> Names() => names;
    }

    private static readonly FixedNames Greek = new("alpha", "beta", "betamax", "betamix", "gamma", "beta");

    private static (string? Line, string Screen) Edit(ICompletionSource names, params object[] keys)
    {
        var screen = new StringWriter { NewLine = "\n" };
        var script = new ScriptedKeys(Seq(keys));
        var editor = new LineEditor(script, screen, completions: names) { ScreenWidth = () => 40 };
        var line = editor.ReadLine(">>> ");
        Assert.Equal(0, script.Remaining);
        return (line, screen.ToString());
    }

    [Theory]
    [InlineData("inv(A", 5, 4, "A")]
    [InlineData("x = be", 6, 4, "be")]
    [InlineData("f(al)", 4, 2, "al")]
    [InlineData("_tmp", 4, 0, "_tmp")]
    [InlineData("my_mat2", 7, 0, "my_mat2")]
    [InlineData("det(my_matrix)", 8, 4, "my_m")]
    public void FindsTheIdentifierBeforeTheCursor(string line, int cursor, int start, string prefix) =>
        Assert.Equal(new WordAtCursor(start, prefix), Completer.WordBefore(line, cursor));

    [Theory]
    [InlineData("", 0)]
    [InlineData("det(", 4)]
    [InlineData("x + ", 4)]
    [InlineData("12ab", 4)]      // a number, not a name
    [InlineData("A.T", 3)]       // an attribute
    [InlineData("3.e", 3)]
    [InlineData("load(\"fi", 8)] // inside a string
    public void FindsNoIdentifierWhereThereIsNone(string line, int cursor) => Assert.Null(Completer.WordBefore(line, cursor));

    [Fact]
    public void MatchesAreDistinctAndSortedAndTheCommonPrefixIsTheLongestShared()
    {
        var matches = Completer.Matches("beta", Greek.Names());
        Assert.Equal(["beta", "betamax", "betamix"], matches);
        Assert.Equal("beta", Completer.CommonPrefix(matches));
        Assert.Equal("betam", Completer.CommonPrefix(["betamax", "betamix"]));
        Assert.Equal("", Completer.CommonPrefix([]));
        Assert.Empty(Completer.Matches("delta", Greek.Names()));
    }

    [Fact]
    public void ListsInColumnsDownThenAcross()
    {
        // longest name 7 + 2 spaces = 9 per cell; (20 + 2) / 9 = 2 columns; 5 names -> 3 rows
        Assert.Equal("alpha    betamix\nbeta     gamma\nbetamax\n", Completer.Columns(["alpha", "beta", "betamax", "betamix", "gamma"], 20));
        Assert.Equal("alpha\nbeta\n", Completer.Columns(["alpha", "beta"], 3));   // narrower than a name: one column
    }

    [Fact]
    public void CompletesAUniquePrefix()
    {
        Assert.Equal("x = alpha", Edit(Greek, "x = al", Tab, Enter).Line);
        Assert.Equal("x = gamma", Edit(Greek, "x = g", Tab, Enter).Line);
    }

    [Fact]
    public void CompletesInTheMiddleOfTheLine()
    {
        // cursor between "al" and ")": the name is completed there and typing goes on after it
        Assert.Equal("f(alpha2)", Edit(Greek, "f(al)", Left, Tab, "2", Enter).Line);
    }

    [Fact]
    public void CompletesTheCommonPrefixOfSeveralMatchesAndListsThemOnASecondTab()
    {
        var (line, screen) = Edit(Greek, "b", Tab, Tab, Enter);
        Assert.Equal("beta", line);
        int listed = screen.IndexOf("beta     betamax  betamix\n", StringComparison.Ordinal);
        Assert.True(listed > 0, screen);
        Assert.Equal(listed, screen.LastIndexOf("beta     betamax  betamix\n", StringComparison.Ordinal));   // once
        Assert.Contains("\r>>> beta", screen[listed..]);   // the line is drawn again below the list
    }

    [Fact]
    public void AFirstTabThatAddsNothingRingsAndASecondLists()
    {
        var (line, screen) = Edit(Greek, "betam", Tab, Tab, Enter);
        Assert.Equal("betam", line);
        Assert.Contains('\a', screen);
        Assert.Contains("betamax  betamix\n", screen);
    }

    [Fact]
    public void TabsSeparatedByAnotherKeyDoNotList()
    {
        var (line, screen) = Edit(Greek, "betam", Tab, Left, Right, Tab, Enter);
        Assert.Equal("betam", line);
        Assert.DoesNotContain("betamix\n", screen);
    }

    [Fact]
    public void NoMatchOrNoNameLeavesTheLineAlone()
    {
        Assert.Equal("delta", Edit(Greek, "delta", Tab, Tab, Enter).Line);
        Assert.Equal("(", Edit(Greek, "(", Tab, Enter).Line);
        Assert.Equal("3.al", Edit(Greek, "3.al", Tab, Enter).Line);
    }

    [Fact]
    public void CompletesTheCalculatorsFunctionsConstantsKeywordsAndTheSessionsVariables()
    {
        var session = new CalcSession(new CalcOptions { AllowFileAccess = false });
        var names = new CalcNames(session);
        Assert.Equal("slogdet(A)", Edit(names, "slog", Tab, "(A)", Enter).Line);
        Assert.Equal("2 * nan", Edit(names, "2 * na", Tab, Enter).Line);
        Assert.Equal("explain", Edit(names, "expl", Tab, Enter).Line);
        var (line, screen) = Edit(names, "matrix", Tab, Tab, Enter);
        Assert.Equal("matrix_", line);
        Assert.Contains("matrix_power  matrix_rank\n", screen);

        session.Evaluate("weights = [1, 2]; width = 3");
        Assert.Equal("weights @ weights", Edit(names, "wei", Tab, " @ w", Tab, "e", Tab, Enter).Line);
        Assert.Contains("weights  width\n", Edit(names, "w", Tab, Tab, Enter).Screen);
    }
}
