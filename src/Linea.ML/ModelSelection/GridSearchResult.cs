namespace Linea.ML;

/// <summary>One candidate of a grid search (a row of scikit-learn's <c>cv_results_</c>).</summary>
/// <param name="Params">The parameter values of this candidate.</param>
/// <param name="SplitScores">The test score on each fold.</param>
/// <param name="MeanTestScore">The mean of <paramref name="SplitScores"/>.</param>
/// <param name="StdTestScore">Their population standard deviation (numpy.std).</param>
/// <param name="Rank">1 for the best mean score; equal scores share the smaller rank.</param>
public sealed record GridSearchResult(IReadOnlyDictionary<string, object?> Params, double[] SplitScores, double MeanTestScore, double StdTestScore, int Rank);
