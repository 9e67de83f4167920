using System.Numerics;

namespace Linea.ML;

/// <summary>StandardScaler's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class StandardScaler<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => Model;

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.Arrays["mean"] = Mean;
        state.Arrays["var"] = Var;
        state.Arrays["scale"] = Scale;
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        var (mean, variance, scale) = (state.Array("mean"), state.Array("var"), state.Array("scale"));
        if (mean.Rank != 1 || variance.Shape != mean.Shape || scale.Shape != mean.Shape)
            throw state.Corrupt($"mean {mean.Shape}, var {variance.Shape} and scale {scale.Shape} must be 1-D of one length");
        (_mean, _var, _scale) = (mean, variance, scale);
    }
}
