using System.Numerics;

namespace Linea.ML;

/// <summary>Ready-made <see cref="Scorer{T}"/>s under scikit-learn's scoring names (larger is better, so losses are negated).</summary>
public static class Scoring
{
    /// <summary>The scorer called <paramref name="name"/>: "accuracy", "f1", "f1_macro", "f1_micro", "f1_weighted",
    /// "precision_macro", "recall_macro", "roc_auc", "neg_log_loss", "r2", "neg_mean_squared_error"; null or "score" gives
    /// the estimator's own Score.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static Scorer<T> Get<T>(string? name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        null or "score" => static (e, x, y) => double.CreateTruncating(e.Score(x, y)),
        "accuracy" => static (e, x, y) => Metrics.AccuracyScore(y, e.Predict(x)),
        "f1" => static (e, x, y) => Metrics.F1Score(y, e.Predict(x)),
        "f1_macro" => static (e, x, y) => Metrics.F1Score(y, e.Predict(x), Average.Macro),
        "f1_micro" => static (e, x, y) => Metrics.F1Score(y, e.Predict(x), Average.Micro),
        "f1_weighted" => static (e, x, y) => Metrics.F1Score(y, e.Predict(x), Average.Weighted),
        "precision_macro" => static (e, x, y) => Metrics.PrecisionScore(y, e.Predict(x), Average.Macro),
        "recall_macro" => static (e, x, y) => Metrics.RecallScore(y, e.Predict(x), Average.Macro),
        "roc_auc" => static (e, x, y) => Metrics.RocAucScore(y, Estimators.PredictProba(e, x, "roc_auc")[.., 1].Contiguous()),
        "neg_log_loss" => static (e, x, y) => -Metrics.LogLoss(y, Estimators.PredictProba(e, x, "neg_log_loss")),
        "r2" => static (e, x, y) => double.CreateTruncating(Metrics.R2Score(y, e.Predict(x))),
        "neg_mean_squared_error" => static (e, x, y) => -double.CreateTruncating(Metrics.MeanSquaredError(y, e.Predict(x))),
        _ => throw new ArgumentException(
            $"Scoring: unknown scorer '{name}'; use accuracy, f1, f1_macro, f1_micro, f1_weighted, precision_macro, recall_macro, roc_auc, neg_log_loss, r2 or neg_mean_squared_error", nameof(name)),
    };
}
