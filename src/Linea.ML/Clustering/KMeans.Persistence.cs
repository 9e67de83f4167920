using System.Numerics;

namespace Linea.ML.Clustering;

/// <summary>KMeans's fitted attributes in a model file (see <see cref="ModelFile"/>); the centres are kept in double,
/// as KMeans computes, whatever T is.</summary>
public sealed partial class KMeans<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => Model;

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.DoubleArrays["centres"] = NDArray.FromArray((double[])_centres!.Clone(), NClusters, _features);
        state.DoubleArrays["labels"] = NDArray.FromArray(Array.ConvertAll(_labels!, static l => (double)l));
        state.Set("inertia", Inertia);
        state.Set("nIter", NIter);
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        var centres = state.DoubleArray("centres");
        if (centres.Rank != 2 || centres.Shape[0] != NClusters)
            throw state.Corrupt($"centres have shape {centres.Shape}, expected ({NClusters}, features)");
        var labels = state.DoubleArray("labels").ToArray();
        if (labels.Any(l => !double.IsInteger(l) || l < 0 || l >= NClusters)) throw state.Corrupt("labels are not cluster indices");
        _centres = centres.ToArray();
        _features = (int)centres.Shape[1];
        _labels = Array.ConvertAll(labels, static l => (int)l);
        Inertia = state.GetDouble("inertia");
        NIter = state.GetInt("nIter");
    }
}
