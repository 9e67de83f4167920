using Linea.Calc.Exact;
using Linea.Calc.Parsing;

namespace Linea.Calc;

/// <summary>
/// The bounds a <see cref="CalcSession"/> enforces so that no program crashes the process or runs without end.
/// Every bound is checked before the work or allocation it guards; exceeding one throws
/// <see cref="CalcLimitException"/> naming the limit. <see cref="Default"/> suits a local command line;
/// <see cref="Shared"/> is tighter, for a server that evaluates programs from others.
/// </summary>
public sealed record CalcLimits
{
    /// <summary>Limits for a local session: 16 million elements per array (128 MB of float64), 10^11 multiply-adds per operation, 60 s per program.</summary>
    public static CalcLimits Default { get; } = new();

    /// <summary>Tighter limits for a shared server: 1 million elements, 2·10^9 multiply-adds, 5 s, smaller exact numbers.</summary>
    public static CalcLimits Shared { get; } = new()
    {
        MaxElements = 1_000_000,
        MaxWork = 2e9,
        MaxTime = TimeSpan.FromSeconds(5),
        MaxExactBits = 8_192,
        MaxExactElements = 10_000,
        MaxExactOperations = 2_000_000,
        MaxProgramLength = 100_000,
    };

    /// <summary>The most elements one array may have (checked before it is allocated).</summary>
    public int MaxElements { get; init; } = 16_000_000;

    /// <summary>The most multiply-adds one operation may plan (m·n·k for a product, about n³ for a factorization).</summary>
    public double MaxWork { get; init; } = 1e11;

    /// <summary>The longest a program may run; checked between operations (one operation is bounded by <see cref="MaxWork"/>).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The deepest nesting of brackets and operators a program may have.</summary>
    public int MaxNestingDepth { get; init; } = Parser.DefaultMaxDepth;

    /// <summary>The longest program text, in characters.</summary>
    public int MaxProgramLength { get; init; } = 1_000_000;

    /// <summary>The most bits (numerator plus denominator) of one exact number (<see cref="ExactLimits.MaxBits"/>).</summary>
    public int MaxExactBits { get; init; } = ExactLimits.DefaultMaxBits;

    /// <summary>The most elements of one exact array (<see cref="ExactLimits.MaxElements"/>).</summary>
    public int MaxExactElements { get; init; } = ExactLimits.DefaultMaxElements;

    /// <summary>The most rational operations one exact operation may plan (<see cref="ExactLimits.MaxOperations"/>).</summary>
    public long MaxExactOperations { get; init; } = ExactLimits.DefaultMaxOperations;

    /// <summary>
    /// Integer constructors (<c>eye</c>, <c>zeros</c>, <c>ones</c>, <c>arange</c>) give exact arrays up to this many
    /// elements and float64 arrays above it.
    /// </summary>
    public int MaxExactConstructed { get; init; } = 10_000;
}
