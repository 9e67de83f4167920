using System.Numerics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// A trainable tensor of a layer (a weight matrix, a bias, a LayerNorm gain) together with its gradient.
/// <see cref="Value"/> is updated in place by an <see cref="Optimizer"/>; <see cref="Grad"/> is overwritten
/// (not accumulated) by each <see cref="Layer{T}.Backward"/>.
/// </summary>
/// <typeparam name="T"><c>float</c> or <c>double</c>.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (used as is, so it must be contiguous and writable) and a zero gradient of the same shape.</summary>
    /// <param name="name">A name for reports, e.g. "dense.W".</param>
    /// <param name="value">The initial value; C-contiguous.</param>
    /// <param name="decay">Whether L2 weight decay applies (weights yes; biases and LayerNorm gains no).</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a strided or read-only view.</exception>
    public Parameter(string name, NDArray<T> value, bool decay)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsContiguous || value.IsReadOnly)
            throw new ArgumentException($"parameter '{name}': the value must be a contiguous, writable tensor; pass value.Copy()", nameof(value));
        Name = name;
        Value = value;
        Grad = NDArray.ZerosLike(value);
        Decay = decay;
    }

    /// <summary>The name given at construction, e.g. "dense.W".</summary>
    public string Name { get; }

    /// <summary>The current value (C-contiguous); optimizers write into it.</summary>
    public NDArray<T> Value { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Value"/> from the last backward pass; same shape.</summary>
    public NDArray<T> Grad { get; }

    /// <summary>Whether L2 weight decay applies to this parameter.</summary>
    public bool Decay { get; }

    /// <summary>The shape of <see cref="Value"/>.</summary>
    public Shape Shape => Value.Shape;

    // Optimizer state (momentum / Adam moments) lives with the parameter, so one optimizer object can serve any model.
    internal T[]? Slot1;
    internal T[]? Slot2;
    internal long Steps;

    /// <summary>Forgets the optimizer state (velocities, moments, step count).</summary>
    internal void ResetState()
    {
        Slot1 = null;
        Slot2 = null;
        Steps = 0;
    }

    /// <summary>Overwrites <see cref="Grad"/> with <paramref name="gradient"/>, which must have the same shape.</summary>
    internal void SetGrad(NDArray<T> gradient) => Grad.Assign(gradient);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Value.Shape}";
}
