using System.Numerics;

namespace Linea.ML;

/// <summary>Saving and restoring the fit shared by the linear models (see <see cref="ModelFile"/>).</summary>
public abstract partial class LinearModel<T>
{
    /// <summary>Writes w and b.</summary>
    private protected void SaveLinearState(ModelState<T> state)
    {
        state.Arrays["coef"] = Coefficients;
        state.Set("intercept", Intercept);
    }

    /// <summary>Restores w (a 1-D array) and b.</summary>
    /// <exception cref="ModelFormatException">Missing or malformed.</exception>
    private protected void LoadLinearState(ModelState<T> state)
    {
        var coef = state.Array("coef");
        if (coef.Rank != 1) throw state.Corrupt($"coef has shape {coef.Shape}, expected (p,)");
        SetFit(coef, state.GetT("intercept"));
    }
}
