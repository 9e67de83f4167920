namespace Linea.Calc.Exact;

/// <summary>
/// Size limits of exact arithmetic, so that a program whose fractions grow without bound stops with a
/// <see cref="CalcLimitException"/> instead of running for hours or exhausting memory.
/// </summary>
/// <remarks>
/// The properties set process-wide defaults. <see cref="Override"/> changes them for the current asynchronous
/// flow only (an <see cref="AsyncLocal{T}"/>), so tests and concurrent calculator sessions do not disturb each other.
/// </remarks>
public static class ExactLimits
{
    /// <summary>The default of <see cref="MaxBits"/>: 20000 bits, about 6000 decimal digits.</summary>
    public const int DefaultMaxBits = 20_000;

    /// <summary>The default of <see cref="MaxElements"/>: 250000 numbers, a 500 x 500 matrix.</summary>
    public const int DefaultMaxElements = 250_000;

    /// <summary>
    /// The default of <see cref="MaxOperations"/>: 4 million operations per call, a few seconds at most for integer
    /// matrices with small entries (about a 125 x 125 inverse, a 225 x 225 determinant or a 158 x 158 product).
    /// </summary>
    public const long DefaultMaxOperations = 4_000_000;

    private static int s_maxBits = DefaultMaxBits;
    private static int s_maxElements = DefaultMaxElements;
    private static long s_maxOperations = DefaultMaxOperations;
    private static readonly AsyncLocal<Scope?> s_scope = new();

    /// <summary>
    /// The largest size of one exact number, in bits of numerator plus denominator (<see cref="BigRational.BitLength"/>),
    /// checked after each arithmetic operation in <see cref="ExactOps"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 64.</exception>
    public static int MaxBits
    {
        get => s_scope.Value?.MaxBits ?? s_maxBits;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 64);
            s_maxBits = value;
        }
    }

    /// <summary>The largest number of elements of one <see cref="ExactArray"/>, checked when an array is created.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static int MaxElements
    {
        get => s_scope.Value?.MaxElements ?? s_maxElements;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxElements = value;
        }
    }

    /// <summary>
    /// The largest number of rational operations one <see cref="ExactOps"/> call may plan (n^3 for an n x n
    /// elimination, m k n for a product), checked before it starts.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static long MaxOperations
    {
        get => s_scope.Value?.MaxOperations ?? s_maxOperations;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxOperations = value;
        }
    }

    /// <summary>
    /// The token that stops exact computations in the current asynchronous flow (set through <see cref="Override"/>;
    /// none by default). Long operations check it after every arithmetic step and throw
    /// <see cref="OperationCanceledException"/> once it is cancelled, so a caller can enforce a time limit with
    /// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>.
    /// </summary>
    public static CancellationToken Cancellation => s_scope.Value?.Cancellation ?? CancellationToken.None;

    /// <summary>
    /// Replaces the limits given (null keeps the current value) and sets the cancellation token for the current
    /// asynchronous flow until the returned scope is disposed: <c>using (ExactLimits.Override(maxBits: 256)) { ... }</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is below its minimum (64 bits, 1 element, 1 operation).</exception>
    public static IDisposable Override(int? maxBits = null, int? maxElements = null, long? maxOperations = null,
        CancellationToken cancellation = default)
    {
        if (maxBits is < 64) throw new ArgumentOutOfRangeException(nameof(maxBits), maxBits, "MaxBits must be at least 64");
        if (maxElements is < 1) throw new ArgumentOutOfRangeException(nameof(maxElements), maxElements, "MaxElements must be at least 1");
        if (maxOperations is < 1) throw new ArgumentOutOfRangeException(nameof(maxOperations), maxOperations, "MaxOperations must be at least 1");
        var previous = s_scope.Value;
        var scope = new Scope(previous, maxBits ?? MaxBits, maxElements ?? MaxElements, maxOperations ?? MaxOperations,
            cancellation.CanBeCanceled ? cancellation : Cancellation);
        s_scope.Value = scope;
        return scope;
    }

    /// <summary>
    /// Throws when <paramref name="x"/> has more than <see cref="MaxBits"/> bits, or when <see cref="Cancellation"/>
    /// is cancelled; returns <paramref name="x"/> otherwise.
    /// </summary>
    /// <exception cref="CalcLimitException">The number is too large.</exception>
    /// <exception cref="OperationCanceledException">The computation was cancelled.</exception>
    public static BigRational Check(BigRational x)
    {
        var scope = s_scope.Value;
        int max = scope?.MaxBits ?? s_maxBits;
        if (x.BitLength > max) throw TooManyBits(max);
        scope?.Cancellation.ThrowIfCancellationRequested();
        return x;
    }

    internal static CalcLimitException TooManyBits(int max) =>
        new($"exact number grew beyond {max} bits (the limit MaxBits); use float(...) for approximate arithmetic");

    /// <summary>Throws when an array of <paramref name="count"/> elements would exceed <see cref="MaxElements"/>.</summary>
    /// <exception cref="CalcLimitException">Too many elements.</exception>
    public static void CheckElements(long count, string op)
    {
        int max = MaxElements;
        if (count > max)
            throw new CalcLimitException($"{op}: the exact result would have {count} elements, beyond the limit of {max} (MaxElements); use float(...)");
    }

    /// <summary>Throws when an operation plans more than <see cref="MaxOperations"/> rational operations.</summary>
    /// <exception cref="CalcLimitException">Too much work.</exception>
    public static void CheckOperations(double count, string op)
    {
        long max = MaxOperations;
        if (count > max)
            throw new CalcLimitException($"{op}: exact arithmetic would need about {count:0.##e0} operations, beyond the limit of {max} (MaxOperations); use float(...)");
    }

    private sealed class Scope(Scope? previous, int maxBits, int maxElements, long maxOperations, CancellationToken cancellation) : IDisposable
    {
        public CancellationToken Cancellation { get; } = cancellation;
        public int MaxBits { get; } = maxBits;
        public int MaxElements { get; } = maxElements;
        public long MaxOperations { get; } = maxOperations;

        public void Dispose() => s_scope.Value = previous;
    }
}
