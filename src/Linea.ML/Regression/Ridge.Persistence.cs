using System.Numerics;

namespace Linea.ML;

/// <summary>Ridge's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class Ridge<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => "Ridge";

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        SaveLinearState(state);
        state.Set("solverUsed", SolverUsed.ToString());
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        LoadLinearState(state);
        SolverUsed = state.GetEnum<RidgeSolver>("solverUsed");
    }
}
