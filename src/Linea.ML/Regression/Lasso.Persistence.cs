using System.Numerics;

namespace Linea.ML;

/// <summary>Lasso's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class Lasso<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => "Lasso";

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        SaveLinearState(state);
        state.Set("nIter", NIter);
        state.Set("dualGap", DualGap);
        state.Set("converged", Converged);
        state.Set("warning", Warning);
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        LoadLinearState(state);
        NIter = state.GetInt("nIter");
        DualGap = state.GetT("dualGap");
        Converged = state.GetBool("converged");
        Warning = state.GetString("warning");
    }
}
