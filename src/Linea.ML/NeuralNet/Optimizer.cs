using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Updates parameters from their gradients. One <see cref="Step{T}"/>: (1) if <see cref="ClipNorm"/> is set and the
/// global norm sqrt(Σ ||grad||²) over all parameters exceeds it, every gradient is scaled by ClipNorm / norm (in place,
/// as PyTorch's clip_grad_norm_); (2) L2 weight decay adds <see cref="WeightDecay"/> · value to the gradient (in place) of every
/// parameter with <see cref="Parameter{T}.Decay"/> (weights, not biases), which is the gradient of the penalty
/// (WeightDecay / 2) ||W||²; (3) the rule of the subclass moves the value. The per-parameter state (velocities,
/// moments) is kept in the parameters, so one optimizer object can train several models.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Validates and stores the shared hyper-parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">learningRate not positive and finite, weightDecay negative or not finite, clipNorm not positive.</exception>
    private protected Optimizer(double learningRate, double weightDecay, double? clipNorm)
    {
        if (!(learningRate > 0 && double.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"{GetType().Name}: learningRate must be positive and finite");
        if (!(weightDecay >= 0 && double.IsFinite(weightDecay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{GetType().Name}: weightDecay must be non-negative and finite");
        if (clipNorm is double c && !(c > 0 && double.IsFinite(c)))
            throw new ArgumentOutOfRangeException(nameof(clipNorm), clipNorm, $"{GetType().Name}: clipNorm must be positive and finite, or null for no clipping");
        LearningRate = learningRate;
        WeightDecay = weightDecay;
        ClipNorm = clipNorm;
    }

    /// <summary>The step size.</summary>
    public double LearningRate { get; }

    /// <summary>The L2 coefficient λ (gradient λ·W); 0 disables decay.</summary>
    public double WeightDecay { get; }

    /// <summary>The largest allowed global gradient norm, or null for no clipping.</summary>
    public double? ClipNorm { get; }

    /// <summary>
    /// Applies one update to every parameter from its current <see cref="Parameter{T}.Grad"/>. Cost: a few passes over
    /// the parameters.
    /// </summary>
    /// <returns>The global gradient norm before clipping.</returns>
    public double Step<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double norm = GlobalNorm(parameters);
        if (ClipNorm is double clip && norm > clip)
        {
            T scale = T.CreateTruncating(clip / norm);
            foreach (var p in parameters)
            {
                var g = p.Grad.AsSpan();
                for (int i = 0; i < g.Length; i++) g[i] *= scale;
            }
        }
        T lambda = T.CreateTruncating(WeightDecay);
        foreach (var p in parameters)
        {
            var value = p.Value.AsSpan();
            if (WeightDecay > 0 && p.Decay)
            {
                // In place, as the clipping above: the gradient is overwritten by the next backward pass anyway.
                var g = p.Grad.AsSpan();
                for (int i = 0; i < g.Length; i++) g[i] += lambda * value[i];
            }
            p.Steps++;
            Update(p, value, p.Grad.AsReadOnlySpan());
        }
        return norm;
    }

    /// <summary>The global norm sqrt(Σ_p ||grad_p||²) of the gradients, accumulated in double.</summary>
    public static double GlobalNorm<T>(IReadOnlyList<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double sum = 0;
        foreach (var p in parameters)
        {
            // float64: one vectorised sum of squares per parameter; float32: widened to double element by element.
            if (typeof(T) == typeof(double))
            {
                sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(
                    System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(p.Grad.AsReadOnlySpan()));
                continue;
            }
            foreach (var g in p.Grad.AsReadOnlySpan())
            {
                double d = double.CreateTruncating(g);
                sum += d * d;
            }
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Moves <paramref name="value"/> along <paramref name="grad"/> (already clipped and decayed); <see cref="Parameter{T}.Steps"/> counts this step.</summary>
    private protected abstract void Update<T>(Parameter<T> p, Span<T> value, ReadOnlySpan<T> grad) where T : unmanaged, IFloatingPointIeee754<T>;
}
