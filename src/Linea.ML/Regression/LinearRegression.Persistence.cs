using System.Numerics;

namespace Linea.ML;

/// <summary>LinearRegression's fitted attributes in a model file (see <see cref="ModelFile"/>).</summary>
public sealed partial class LinearRegression<T> : IPersistable<T>
{
    string IPersistable<T>.PersistedType => "LinearRegression";

    void IPersistable<T>.SaveState(ModelState<T> state)
    {
        SaveLinearState(state);
        state.Arrays["standardErrors"] = StandardErrors;
        state.Set("rank", Rank);
        state.Set("degreesOfFreedom", DegreesOfFreedom);
        state.Set("residualSumOfSquares", ResidualSumOfSquares);
        state.Set("residualStandardDeviation", ResidualStandardDeviation);
        state.Set("rSquared", RSquared);
        state.Set("interceptStandardError", InterceptStandardError);
        state.Set("warning", Warning);
    }

    void IPersistable<T>.LoadState(ModelState<T> state)
    {
        LoadLinearState(state);
        _standardErrors = state.Array("standardErrors");
        Rank = state.GetInt("rank");
        DegreesOfFreedom = state.GetInt("degreesOfFreedom");
        ResidualSumOfSquares = state.GetT("residualSumOfSquares");
        ResidualStandardDeviation = state.GetT("residualStandardDeviation");
        RSquared = state.GetT("rSquared");
        InterceptStandardError = state.GetT("interceptStandardError");
        Warning = state.GetString("warning");
    }
}
