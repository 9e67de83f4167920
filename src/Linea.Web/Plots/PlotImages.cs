using Linea.Calc;
using Linea.Calc.Evaluation;

namespace Linea.Web.Plots;

/// <summary>Gives a displayed plot its PNG, as a data URI the page shows in an <c>img</c>.</summary>
internal static class PlotImages
{
    /// <summary>
    /// <paramref name="result"/> with its plot drawn into <see cref="PlotValue.Image"/>; other results unchanged. A
    /// drawing failure becomes a warning on the result rather than a lost answer.
    /// </summary>
    public static StatementResult Attach(StatementResult result)
    {
        if (result.Kind != ResultKind.Value || result.Value is not PlotValue plot) return result;
        try
        {
            return result with { Value = plot with { Image = PlotRenderer.ToDataUri(plot) } };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            return result with { Warnings = [.. result.Warnings, $"the plot could not be drawn: {e.Message}"] };
        }
    }
}
