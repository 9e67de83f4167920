using System.Numerics;

namespace Linea.ML;

/// <summary>LogisticRegression's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class LogisticRegression<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => Model;

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.Arrays["coef"] = Coefficients;
        state.Arrays["intercept"] = Intercept;
        state.Arrays["classes"] = Classes;
        state.Set("nIter", NIter);
        state.Set("converged", Converged);
        state.Set("warning", Warning);
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        var coef = state.Array("coef");
        var intercept = state.Array("intercept");
        var classes = state.Array("classes");
        long m = classes.Rank == 1 && classes.Shape[0] > 2 ? classes.Shape[0] : 1;
        if (classes.Rank != 1 || classes.Shape[0] < 2 || coef.Rank != 2 || coef.Shape[0] != m || intercept.Rank != 1 || intercept.Shape[0] != m)
            throw state.Corrupt($"coef {coef.Shape}, intercept {intercept.Shape} and classes {classes.Shape} do not fit together");
        _coef = coef;
        _intercept = intercept;
        _classes = classes;
        NIter = state.GetInt("nIter");
        Converged = state.GetBool("converged");
        Warning = state.GetString("warning");
    }
}
