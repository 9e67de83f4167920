namespace Linea.ML.NeuralNet;

/// <summary>How <see cref="Dense{T}"/> draws its initial weights (biases always start at zero).</summary>
public enum WeightInit
{
    /// <summary>Glorot/Xavier uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)); keeps the variance of tanh/sigmoid nets steady.</summary>
    GlorotUniform,

    /// <summary>He/Kaiming normal: N(0, 2 / fanIn); keeps the variance of ReLU nets steady.</summary>
    HeNormal,
}
