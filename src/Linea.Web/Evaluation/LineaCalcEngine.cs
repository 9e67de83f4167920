namespace Linea.Web.Evaluation;

/// <summary>
/// The Linea calculator (<c>Linea.Calc</c>) behind the server, with file access (load/save) disabled.
/// </summary>
public sealed class LineaCalcEngine : ICalcEngine
{
    /// <summary>
    /// Creates a session of the Linea calculator. Throws <see cref="NotSupportedException"/> until Linea.Calc's
    /// session API is merged (branch calc).
    /// </summary>
    public ICalcSession CreateSession() =>
        throw new NotSupportedException("the Linea calculator session API is not merged yet");
}
