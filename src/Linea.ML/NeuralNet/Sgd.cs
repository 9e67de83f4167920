using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Stochastic gradient descent with optional momentum μ (PyTorch's form): v ← μ v + g, then W ← W - lr · v, or with
/// Nesterov momentum W ← W - lr · (g + μ v). Without momentum, W ← W - lr · g.
/// Memory: with momentum, one slot (v) of each parameter's size, allocated at its first step and kept with the
/// parameter; none without.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size, positive.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="nesterov">Use Nesterov's look-ahead form; needs momentum &gt; 0.</param>
    /// <param name="weightDecay">L2 coefficient, non-negative.</param>
    /// <param name="clipNorm">Global gradient-norm limit, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    /// <exception cref="ArgumentException"><paramref name="nesterov"/> with zero momentum.</exception>
    public Sgd(double learningRate = 0.01, double momentum = 0, bool nesterov = false, double weightDecay = 0, double? clipNorm = null)
        : base(learningRate, weightDecay, clipNorm)
    {
        if (!(momentum >= 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Sgd: momentum must be in [0, 1)");
        if (nesterov && momentum == 0)
            throw new ArgumentException("Sgd: Nesterov momentum needs momentum > 0", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    private protected override void Update<T>(Parameter<T> p, Span<T> value, ReadOnlySpan<T> grad)
    {
        T lr = T.CreateTruncating(LearningRate);
        if (Momentum == 0)
        {
            for (int i = 0; i < value.Length; i++) value[i] -= lr * grad[i];
            return;
        }
        T mu = T.CreateTruncating(Momentum);
        var v = p.Slot1 ??= new T[value.Length];
        for (int i = 0; i < value.Length; i++)
        {
            v[i] = mu * v[i] + grad[i];
            value[i] -= lr * (Nesterov ? grad[i] + mu * v[i] : v[i]);
        }
    }
}
