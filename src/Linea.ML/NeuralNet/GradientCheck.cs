namespace Linea.ML.NeuralNet;

/// <summary>
/// How far one analytic gradient is from its central finite-difference estimate.
/// With a floor f (by default 1e-3 times the largest |a_j| or |n_j| of this tensor; the whole-model checks pass 1e-3 times
/// the largest gradient entry of the whole model), <see cref="RelativeError"/> = ||a - n||₂ / max(||a||₂, ||n||₂, f) and
/// <see cref="MaxElementError"/> = max_i |a_i - n_i| / max(|a_i|, |n_i|, f). The floor keeps entries a thousand times
/// smaller than the gradients that matter, where the difference quotient is mostly rounding noise, from counting as
/// large relative errors (a gradient that is exactly zero in theory, such as that of the key bias of attention, gives
/// analytic 1e-16 against numeric 1e-11).
/// </summary>
/// <param name="Name">What was checked, e.g. "Dense(3 -> 4).W" or "input".</param>
/// <param name="RelativeError">Normwise relative error; 0 when both gradients are exactly zero.</param>
/// <param name="MaxElementError">Worst element-wise relative error (see above).</param>
/// <param name="WorstIndex">Flat index (C order) of the worst element.</param>
/// <param name="Analytic">Backprop's value at <paramref name="WorstIndex"/>.</param>
/// <param name="Numeric">The finite-difference value there.</param>
public sealed record GradientCheckResult(string Name, double RelativeError, double MaxElementError, int WorstIndex, double Analytic, double Numeric)
{
    /// <summary>Whether both error measures are at most <paramref name="tolerance"/>.</summary>
    public bool Passes(double tolerance) => RelativeError <= tolerance && MaxElementError <= tolerance;

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        $"{Name}: relative error {RelativeError:E2}, worst element {WorstIndex} ({MaxElementError:E2}: analytic {Analytic:G10}, numeric {Numeric:G10})";
}

/// <summary>
/// Compares back-propagated gradients with central differences (f(x + h) - f(x - h)) / 2h, in double. With step h
/// the difference quotient has truncation error h²·|f'''|/6 and rounding error about eps·|f|/h, both near 1e-10 to
/// 1e-11 relative for h = 1e-5 and smooth, O(1)-scaled functions, so correct gradients agree to well below 1e-6.
/// Each element costs two evaluations of the function.
/// </summary>
public static class GradientCheck
{
    /// <summary>
    /// Checks <paramref name="analytic"/> = df/dx by perturbing each element of <paramref name="x"/> in place
    /// (restored afterwards) and calling <paramref name="f"/>.
    /// </summary>
    /// <param name="name">Label for the result.</param>
    /// <param name="f">The scalar function; it must read <paramref name="x"/> when called.</param>
    /// <param name="x">The point; must be contiguous and writable.</param>
    /// <param name="analytic">The gradient to check, shaped like <paramref name="x"/>.</param>
    /// <param name="h">The difference step, positive.</param>
    /// <param name="floor">Magnitude below which differences are measured absolutely (see <see cref="GradientCheckResult"/>); null for 1e-3 times the largest entry.</param>
    /// <exception cref="ShapeMismatchException">The shapes differ.</exception>
    /// <exception cref="ArgumentException">x is not contiguous and writable, or h is not positive.</exception>
    public static GradientCheckResult Compare(string name, Func<double> f, NDArray<double> x, NDArray<double> analytic, double h = 1e-5, double? floor = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(analytic);
        if (x.Shape != analytic.Shape)
            throw new ShapeMismatchException("gradient_check", [x.Shape, analytic.Shape], $"gradient check {name}: point {x.Shape} and gradient {analytic.Shape} differ in shape");
        if (!x.IsContiguous || x.IsReadOnly)
            throw new ArgumentException($"gradient check {name}: the point must be a contiguous, writable tensor", nameof(x));
        if (!(h > 0 && double.IsFinite(h))) throw new ArgumentOutOfRangeException(nameof(h), h, "gradient check: h must be positive");
        var a = analytic.ToArray();
        var numeric = new double[a.Length];
        var xs = x.AsSpan();
        for (int i = 0; i < numeric.Length; i++)
        {
            double saved = xs[i];
            xs[i] = saved + h;
            double fp = f();
            xs = x.AsSpan();
            xs[i] = saved - h;
            double fm = f();
            xs = x.AsSpan();
            xs[i] = saved;
            numeric[i] = (fp - fm) / (2 * h);
        }
        return Summarize(name, a, numeric, floor);
    }

    /// <summary>
    /// Checks a layer: with a fixed random projection R (seeded), f(x) = Σ Forward(x) ⊙ R, so dY = R. Returns one result
    /// for the input gradient and one per parameter. The layer runs in inference mode (<paramref name="training"/> false)
    /// unless asked; a training-mode check only makes sense for layers that are deterministic in training.
    /// </summary>
    public static IReadOnlyList<GradientCheckResult> Layer(Layer<double> layer, NDArray<double> x, ulong seed = 0, double h = 1e-5, bool training = false)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(x);
        var point = x.Copy();
        var y = layer.Forward(point, training);
        var r = new Rng(seed).Normal(y.Shape.ToIntArray(), 0.0, 1.0);
        var dx = layer.Backward(r);
        var paramGrads = layer.Parameters.Select(p => p.Grad.Copy()).ToArray();
        double F() => (layer.Forward(point, training) * r).Sum();
        double floor = 1e-3 * paramGrads.Append(dx).Max(g => g.Size == 0 ? 0 : NDArray.Abs(g).Max());
        var results = new List<GradientCheckResult> { Compare($"{layer.Name}.input", F, point, dx, h, floor) };
        for (int i = 0; i < paramGrads.Length; i++)
            results.Add(Compare($"{layer.Name}.{layer.Parameters[i].Name}", F, layer.Parameters[i].Value, paramGrads[i], h, floor));
        return results;
    }

    /// <summary>Checks <see cref="Loss{T}.Gradient"/> against <see cref="Loss{T}.Value"/> at <paramref name="output"/>.</summary>
    public static GradientCheckResult Loss(Loss<double> loss, NDArray<double> output, NDArray<double> target, double h = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(output);
        var point = output.Copy();
        var g = loss.Gradient(point, target);
        return Compare($"{loss.Name}.output", () => loss.Value(point, target), point, g, h);
    }

    /// <summary>
    /// Checks a whole network on one batch: f = loss(Forward(x), y) in inference mode; one result per parameter
    /// (named "layer index: layer name.parameter") and one for the input.
    /// </summary>
    public static IReadOnlyList<GradientCheckResult> Network(Sequential<double> network, NDArray<double> x, NDArray<double> y, double h = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        var point = x.Copy();
        var output = network.Forward(point);
        var dx = network.Backward(network.Loss.Gradient(output, y));
        double F() => network.Loss.Value(network.Forward(point), y);
        var grads = network.Layers.Select(l => l.Parameters.Select(p => p.Grad.Copy()).ToArray()).ToArray();
        double floor = 1e-3 * grads.SelectMany(g => g).Append(dx).Max(g => g.Size == 0 ? 0 : NDArray.Abs(g).Max());
        var results = new List<GradientCheckResult> { Compare("input", F, point, dx, h, floor) };
        for (int li = 0; li < network.Layers.Count; li++)
        {
            var layer = network.Layers[li];
            for (int i = 0; i < grads[li].Length; i++)
                results.Add(Compare($"{li}: {layer.Name}.{layer.Parameters[i].Name}", F, layer.Parameters[i].Value, grads[li][i], h, floor));
        }
        return results;
    }

    private static GradientCheckResult Summarize(string name, double[] a, double[] n, double? givenFloor)
    {
        double diff2 = 0, a2 = 0, n2 = 0, amax = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - n[i];
            diff2 += d * d;
            a2 += a[i] * a[i];
            n2 += n[i] * n[i];
            amax = Math.Max(amax, Math.Max(Math.Abs(a[i]), Math.Abs(n[i])));
        }
        double floor = givenFloor ?? 1e-3 * amax;
        double denom = Math.Max(Math.Sqrt(Math.Max(a2, n2)), floor);
        double rel = denom == 0 ? 0 : Math.Sqrt(diff2) / denom;
        double worst = 0;
        int worstIndex = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double scale = Math.Max(Math.Max(Math.Abs(a[i]), Math.Abs(n[i])), floor);
            double e = scale == 0 ? 0 : Math.Abs(a[i] - n[i]) / scale;
            if (e > worst || double.IsNaN(e)) { worst = e; worstIndex = i; }
        }
        return new GradientCheckResult(name, rel, worst, worstIndex, a.Length == 0 ? 0 : a[worstIndex], a.Length == 0 ? 0 : n[worstIndex]);
    }
}
