namespace Linea.Calc;

/// <summary>How a <see cref="CalcSession"/> behaves: its limits, whether programs may touch files, and where.</summary>
public sealed record CalcOptions
{
    /// <summary>Options for a local command line: default limits, files allowed relative to the current directory.</summary>
    public static CalcOptions Default { get; } = new();

    /// <summary>The limits enforced on every program.</summary>
    public CalcLimits Limits { get; init; } = CalcLimits.Default;

    /// <summary>Whether <c>load</c> and <c>save</c> may read and write files (false for a server).</summary>
    public bool AllowFileAccess { get; init; } = true;

    /// <summary>The directory relative file names are resolved against (null: the process's current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Seed of the generator behind <c>rand</c>/<c>randn</c> calls without <c>seed=</c> (null: a random seed per session).</summary>
    public ulong? RandomSeed { get; init; }
}
