namespace Linea.Cli;

/// <summary>The exit statuses of <c>linea</c>.</summary>
public static class ExitCodes
{
    /// <summary>Every statement ran.</summary>
    public const int Success = 0;

    /// <summary>A statement failed (syntax, name, shape, numerical or limit error).</summary>
    public const int EvaluationError = 1;

    /// <summary>The command line was wrong: an unknown option, a missing script file.</summary>
    public const int UsageError = 2;

    /// <summary>Ctrl-C stopped the program (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
