using System.Numerics;

namespace Linea.ML;

/// <summary>Pca's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class Pca<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => "Pca";

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.Arrays["components"] = Components;
        state.Arrays["explainedVariance"] = ExplainedVariance;
        state.Arrays["explainedVarianceRatio"] = ExplainedVarianceRatio;
        state.Arrays["singularValues"] = SingularValues;
        state.Arrays["mean"] = Mean;
        state.Set("noiseVariance", NoiseVariance);
        state.Set("nSamples", NSamples);
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        var components = state.Array("components");
        var variance = state.Array("explainedVariance");
        var mean = state.Array("mean");
        if (components.Rank != 2 || variance.Rank != 1 || variance.Shape[0] != components.Shape[0] || mean.Rank != 1 || mean.Shape[0] != components.Shape[1])
            throw state.Corrupt($"components {components.Shape}, explainedVariance {variance.Shape} and mean {mean.Shape} do not fit together");
        _components = components;
        _explainedVariance = variance;
        _ratio = state.Array("explainedVarianceRatio");
        _singularValues = state.Array("singularValues");
        _mean = mean;
        _noiseVariance = state.GetT("noiseVariance");
        NSamples = state.GetInt("nSamples");
    }
}
