using System.Globalization;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Progress after one training epoch, passed to the callbacks of the Fit methods of <see cref="Sequential{T}"/>.
/// <see cref="Loss"/> and <see cref="Accuracy"/> are averaged over the epoch's mini-batches as they were trained
/// (training mode, parameters moving), as Keras reports them; the validation figures use the parameters at the end of
/// the epoch in inference mode. The loss is the data loss, without the weight-decay penalty.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Number of epochs of this Fit call.</param>
/// <param name="Loss">Mean training loss of the epoch.</param>
/// <param name="Accuracy">Training accuracy of the epoch, for classification losses; null otherwise.</param>
/// <param name="ValidationLoss">Loss on the validation set, when one was given.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set, for classification with a validation set.</param>
/// <param name="GradientNorm">Global gradient norm (before clipping) of the epoch's last mini-batch.</param>
/// <param name="Elapsed">Wall time since Fit started.</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double? Accuracy, double? ValidationLoss,
    double? ValidationAccuracy, double GradientNorm, TimeSpan Elapsed)
{
    /// <summary>One line such as "epoch 3/20  loss 0.1234  accuracy 0.9650  val_loss 0.1500  val_accuracy 0.9583  (0.4 s)".</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var s = string.Create(c, $"epoch {Epoch}/{Epochs}  loss {Loss:F4}");
        if (Accuracy is double a) s += string.Create(c, $"  accuracy {a:F4}");
        if (ValidationLoss is double vl) s += string.Create(c, $"  val_loss {vl:F4}");
        if (ValidationAccuracy is double va) s += string.Create(c, $"  val_accuracy {va:F4}");
        return s + string.Create(c, $"  ({Elapsed.TotalSeconds:F1} s)");
    }
}

/// <summary>The result of <see cref="Sequential{T}.Evaluate(NDArray{T}, NDArray{T})"/>.</summary>
/// <param name="Loss">Mean loss over the samples.</param>
/// <param name="Accuracy">Fraction of samples classified correctly, for classification losses; null otherwise.</param>
public sealed record Evaluation(double Loss, double? Accuracy);
