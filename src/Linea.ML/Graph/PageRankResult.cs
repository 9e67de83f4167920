using System.Numerics;

namespace Linea.ML;

/// <summary>The outcome of <see cref="PageRank"/>'s Compute (dense or sparse): the scores and how the iteration ended.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PageRankResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal PageRankResult(NDArray<T> scores, int iterations, double change)
    {
        Scores = scores;
        Iterations = iterations;
        LastChange = change;
    }

    /// <summary>One score per node, shape (n,), non-negative and summing to 1.</summary>
    public NDArray<T> Scores { get; }

    /// <summary>Power iterations run.</summary>
    public int Iterations { get; }

    /// <summary>The L1 norm of the change in the last iteration (below the tolerance).</summary>
    public double LastChange { get; }

    /// <summary>Nodes ordered by decreasing score (ties by index).</summary>
    public int[] Ranking()
    {
        var s = Scores.ToArray();
        return Enumerable.Range(0, s.Length).OrderByDescending(i => s[i]).ThenBy(i => i).ToArray();
    }
}
