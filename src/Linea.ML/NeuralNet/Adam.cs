using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Linea.ML.NeuralNet;

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction: m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², then
/// W ← W - lr · m̂ / (sqrt(v̂) + ε) with m̂ = m / (1 - β1^t), v̂ = v / (1 - β2^t) at step t. Weight decay, when set,
/// is the classic L2 term added to g (not AdamW's decoupled decay).
/// Memory: two slots (m and v) of each parameter's size, allocated at its first step and kept with the parameter.
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size, positive (1e-3 is the usual default).</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">Added to sqrt(v̂); positive.</param>
    /// <param name="weightDecay">L2 coefficient, non-negative.</param>
    /// <param name="clipNorm">Global gradient-norm limit, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is outside its range.</exception>
    public Adam(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, double? clipNorm = null)
        : base(learningRate, weightDecay, clipNorm)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "Adam: beta1 must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "Adam: beta2 must be in [0, 1)");
        if (!(epsilon > 0 && double.IsFinite(epsilon))) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Adam: epsilon must be positive and finite");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>β1.</summary>
    public double Beta1 { get; }

    /// <summary>β2.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    private protected override void Update<T>(Parameter<T> p, Span<T> value, ReadOnlySpan<T> grad)
    {
        var m = p.Slot1 ??= new T[value.Length];
        var v = p.Slot2 ??= new T[value.Length];
        double t = p.Steps;
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2);
        T c1 = T.CreateTruncating(1 / (1 - Math.Pow(Beta1, t))), c2 = T.CreateTruncating(1 / (1 - Math.Pow(Beta2, t)));
        T lr = T.CreateTruncating(LearningRate), eps = T.CreateTruncating(Epsilon);
        T omb1 = T.One - b1, omb2 = T.One - b2;
        int i = 0;
        // Vectorised with the scalar loop's operations in the same order: the same bits. Full-width AVX-512 where present
        // (Vector<T> is 256 bits wide there): the division and square root bound the update, and 512-bit ones halve it.
        if (Vector512.IsHardwareAccelerated)
        {
            var vb1 = Vector512.Create(b1); var vb2 = Vector512.Create(b2); var vomb1 = Vector512.Create(omb1); var vomb2 = Vector512.Create(omb2);
            var vc1 = Vector512.Create(c1); var vc2 = Vector512.Create(c2); var vlr = Vector512.Create(lr); var veps = Vector512.Create(eps);
            ref T rm = ref MemoryMarshal.GetArrayDataReference(m), rv = ref MemoryMarshal.GetArrayDataReference(v);
            ref T rw = ref MemoryMarshal.GetReference(value);
            ref T rg = ref MemoryMarshal.GetReference(grad);
            for (int w = Vector512<T>.Count; i + w <= value.Length; i += w)
            {
                var g = Vector512.LoadUnsafe(ref rg, (nuint)i);
                var mi = vb1 * Vector512.LoadUnsafe(ref rm, (nuint)i) + vomb1 * g;
                var vi = vb2 * Vector512.LoadUnsafe(ref rv, (nuint)i) + vomb2 * g * g;
                mi.StoreUnsafe(ref rm, (nuint)i);
                vi.StoreUnsafe(ref rv, (nuint)i);
                (Vector512.LoadUnsafe(ref rw, (nuint)i) - vlr * (mi * vc1) / (Vector512.Sqrt(vi * vc2) + veps)).StoreUnsafe(ref rw, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<T>(b1); var vb2 = new Vector<T>(b2); var vomb1 = new Vector<T>(omb1); var vomb2 = new Vector<T>(omb2);
            var vc1 = new Vector<T>(c1); var vc2 = new Vector<T>(c2); var vlr = new Vector<T>(lr); var veps = new Vector<T>(eps);
            for (int w = Vector<T>.Count; i + w <= value.Length; i += w)
            {
                var g = new Vector<T>(grad[i..]);
                var mi = vb1 * new Vector<T>(m, i) + vomb1 * g;
                var vi = vb2 * new Vector<T>(v, i) + vomb2 * g * g;
                mi.CopyTo(m, i);
                vi.CopyTo(v, i);
                (new Vector<T>(value[i..]) - vlr * (mi * vc1) / (Vector.SquareRoot(vi * vc2) + veps)).CopyTo(value[i..]);
            }
        }
        for (; i < value.Length; i++)
        {
            T g = grad[i];
            m[i] = b1 * m[i] + omb1 * g;
            v[i] = b2 * v[i] + omb2 * g * g;
            value[i] -= lr * (m[i] * c1) / (T.Sqrt(v[i] * c2) + eps);
        }
    }
}
