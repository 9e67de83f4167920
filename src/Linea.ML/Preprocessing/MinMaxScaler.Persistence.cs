using System.Numerics;

namespace Linea.ML;

/// <summary>MinMaxScaler's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class MinMaxScaler<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => Model;

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        state.Arrays["dataMin"] = DataMin;
        state.Arrays["dataMax"] = DataMax;
        state.Arrays["scale"] = Scale;
        state.Arrays["min"] = Min;
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        var (lo, hi, scale, min) = (state.Array("dataMin"), state.Array("dataMax"), state.Array("scale"), state.Array("min"));
        if (scale.Rank != 1 || lo.Shape != scale.Shape || hi.Shape != scale.Shape || min.Shape != scale.Shape)
            throw state.Corrupt("dataMin, dataMax, scale and min must be 1-D of one length");
        (_dataMin, _dataMax, _scale, _min) = (lo, hi, scale, min);
    }
}
