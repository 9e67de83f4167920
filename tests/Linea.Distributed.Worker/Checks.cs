using System.Globalization;

namespace Linea.Distributed.Worker;

/// <summary>Records one PASS or FAIL line per check, prefixed with the rank, and counts the failures.</summary>
internal sealed class Checks(Communicator world)
{
    public int Failures { get; private set; }

    public void Pass(string name) => Console.WriteLine($"[rank {world.Rank}] PASS {name}");

    public void Fail(string name, string detail)
    {
        Failures++;
        Console.WriteLine($"[rank {world.Rank}] FAIL {name}: {detail}");
    }

    public void True(string name, bool condition, string detail = "")
    {
        if (condition) Pass(name);
        else Fail(name, detail.Length > 0 ? detail : "condition false");
    }

    public void Equal<T>(string name, T expected, T actual)
    {
        if (EqualityComparer<T>.Default.Equals(expected, actual)) Pass(name);
        else Fail(name, $"expected {expected}, actual {actual}");
    }

    public void Sequence<T>(string name, ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
    {
        if (expected.SequenceEqual(actual)) Pass(name);
        else Fail(name, $"expected [{string.Join(", ", expected.ToArray())}], actual [{string.Join(", ", actual.ToArray())}]");
    }

    /// <summary>|expected - actual| ≤ tol elementwise (tol absolute, computed by the caller from analysis).</summary>
    public void Close(string name, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tol)
    {
        if (expected.Length != actual.Length)
        {
            Fail(name, $"lengths {expected.Length} and {actual.Length}");
            return;
        }
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        if (worst <= tol) Pass(string.Create(CultureInfo.InvariantCulture, $"{name} (max |diff| {worst:E2}, tol {tol:E2})"));
        else Fail(name, string.Create(CultureInfo.InvariantCulture, $"max |diff| {worst:E3} > tol {tol:E3}"));
    }

    /// <summary>Runs <paramref name="body"/> and checks it throws <typeparamref name="TEx"/> whose message has every fragment.</summary>
    public void Throws<TEx>(string name, Action body, params string[] fragments) where TEx : Exception
    {
        try
        {
            body();
            Fail(name, $"no exception; expected {typeof(TEx).Name}");
        }
        catch (TEx e)
        {
            var missing = fragments.Where(f => !e.Message.Contains(f, StringComparison.Ordinal)).ToList();
            if (missing.Count == 0) Pass(name);
            else Fail(name, $"message '{e.Message}' lacks [{string.Join("] [", missing)}]");
        }
        catch (Exception e)
        {
            Fail(name, $"expected {typeof(TEx).Name}, got {e.GetType().Name}: {e.Message}");
        }
    }
}
