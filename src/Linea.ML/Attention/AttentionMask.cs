using System.Numerics;

namespace Linea.ML.Attention;

/// <summary>
/// Which keys each query may attend to in <see cref="MultiHeadSelfAttention{T}"/>, as an additive mask M added to the
/// scores before the softmax: A = softmax(Q Kᵀ / sqrt(headDim) + M). Built from parts (PyTorch's conventions):
/// <see cref="Causal"/>; <see cref="KeyPadding(bool[,])"/> (batch, seq) with true = ignore that key, as PyTorch's
/// <c>key_padding_mask</c>; <see cref="KeyPadding(int[])"/> from valid lengths; <see cref="Boolean(bool[,])"/> (seq, seq)
/// or (batch, seq, seq) with true = masked, as a boolean <c>attn_mask</c>; and <see cref="Additive(double[,])"/>
/// float masks (−∞ allowed). <see cref="Combine"/> joins parts: a masked entry of any part is masked, additive
/// values add. The same mask applies to every head.
/// <para>
/// Fully masked rows: where every key of a query is masked (the row of M is all −∞) PyTorch's softmax gives NaN;
/// here that row of weights is all zeros, so the query's attention output is 0 (the layer outputs the bias bo there)
/// and no gradient flows through the weights of that row.
/// </para>
/// Immutable; building costs O(size of the given arrays) (they are copied), applying O(batch·seq²).
/// </summary>
public sealed class AttentionMask
{
    private readonly Part[] _parts;

    private AttentionMask(Part[] parts) => _parts = parts;

    /// <summary>Query i attends only to keys j ≤ i (strictly later keys are masked); fits any sequence length.</summary>
    public static AttentionMask Causal { get; } = new([new CausalPart()]);

    /// <summary>Key padding mask of shape (batch, seq), as PyTorch's <c>key_padding_mask</c>: true = ignore key j of batch item b for every query.</summary>
    /// <param name="ignore">(batch, seq) array; copied.</param>
    /// <exception cref="ArgumentNullException">ignore is null.</exception>
    public static AttentionMask KeyPadding(bool[,] ignore)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        int b = ignore.GetLength(0), s = ignore.GetLength(1);
        var v = new double[b * s * s];
        for (int n = 0; n < b; n++)
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++) v[(n * s + i) * s + j] = ignore[n, j] ? double.NegativeInfinity : 0;
        return new([new DensePart(v, b, s, "key padding (batch, seq)")]);
    }

    /// <summary>
    /// Key padding from valid lengths: batch item b attends only to keys j &lt; validLengths[b] (later positions are padding).
    /// A length of 0 masks every key of that item (its outputs follow the fully-masked-row rule).
    /// </summary>
    /// <param name="validLengths">One length per batch item, each in [0, seq]; copied. The sequence length is checked when applied.</param>
    /// <exception cref="ArgumentNullException">validLengths is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative length.</exception>
    public static AttentionMask KeyPadding(int[] validLengths)
    {
        ArgumentNullException.ThrowIfNull(validLengths);
        foreach (int len in validLengths)
            if (len < 0) throw new ArgumentOutOfRangeException(nameof(validLengths), len, "AttentionMask.KeyPadding: valid lengths must be at least 0");
        return new([new LengthsPart([.. validLengths])]);
    }

    /// <summary>Boolean mask of shape (seq, seq), shared by the batch, as PyTorch's boolean <c>attn_mask</c>: [i, j] true = query i ignores key j.</summary>
    /// <param name="masked">(seq, seq) array; copied.</param>
    /// <exception cref="ArgumentNullException">masked is null.</exception>
    /// <exception cref="ShapeMismatchException">The array is not square.</exception>
    public static AttentionMask Boolean(bool[,] masked)
    {
        ArgumentNullException.ThrowIfNull(masked);
        int s = CheckSquare(masked.GetLength(0), masked.GetLength(1), 1, "Boolean");
        var v = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) v[i * s + j] = masked[i, j] ? double.NegativeInfinity : 0;
        return new([new DensePart(v, null, s, "boolean (seq, seq)")]);
    }

    /// <summary>Boolean mask of shape (batch, seq, seq): [b, i, j] true = query i of batch item b ignores key j.</summary>
    /// <param name="masked">(batch, seq, seq) array; copied.</param>
    /// <exception cref="ArgumentNullException">masked is null.</exception>
    /// <exception cref="ShapeMismatchException">The last two axes differ.</exception>
    public static AttentionMask Boolean(bool[,,] masked)
    {
        ArgumentNullException.ThrowIfNull(masked);
        int b = masked.GetLength(0);
        int s = CheckSquare(masked.GetLength(1), masked.GetLength(2), b, "Boolean");
        var v = new double[b * s * s];
        for (int n = 0; n < b; n++)
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++) v[(n * s + i) * s + j] = masked[n, i, j] ? double.NegativeInfinity : 0;
        return new([new DensePart(v, b, s, "boolean (batch, seq, seq)")]);
    }

    /// <summary>Additive mask of shape (seq, seq), shared by the batch: added to the scores before the softmax; −∞ masks an entry.</summary>
    /// <param name="values">(seq, seq) array; copied. Finite values or −∞.</param>
    /// <exception cref="ArgumentNullException">values is null.</exception>
    /// <exception cref="ShapeMismatchException">The array is not square.</exception>
    /// <exception cref="ArgumentException">A NaN or +∞ entry.</exception>
    public static AttentionMask Additive(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int s = CheckSquare(values.GetLength(0), values.GetLength(1), 1, "Additive");
        var v = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) v[i * s + j] = values[i, j];
        return new([new DensePart(CheckAdditive(v), null, s, "additive (seq, seq)")]);
    }

    /// <summary>Additive mask of shape (batch, seq, seq); see <see cref="Additive(double[,])"/>.</summary>
    /// <param name="values">(batch, seq, seq) array; copied. Finite values or −∞.</param>
    /// <exception cref="ArgumentNullException">values is null.</exception>
    /// <exception cref="ShapeMismatchException">The last two axes differ.</exception>
    /// <exception cref="ArgumentException">A NaN or +∞ entry.</exception>
    public static AttentionMask Additive(double[,,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int b = values.GetLength(0);
        int s = CheckSquare(values.GetLength(1), values.GetLength(2), b, "Additive");
        var v = new double[b * s * s];
        for (int n = 0; n < b; n++)
            for (int i = 0; i < s; i++)
                for (int j = 0; j < s; j++) v[(n * s + i) * s + j] = values[n, i, j];
        return new([new DensePart(CheckAdditive(v), b, s, "additive (batch, seq, seq)")]);
    }

    /// <summary>Additive mask from a tensor of shape (seq, seq) or (batch, seq, seq); see <see cref="Additive(double[,])"/>.</summary>
    /// <param name="values">The mask; copied (widened to double).</param>
    /// <exception cref="ArgumentNullException">values is null.</exception>
    /// <exception cref="ShapeMismatchException">Not 2-d or 3-d, or the last two axes differ.</exception>
    /// <exception cref="ArgumentException">A NaN or +∞ entry.</exception>
    public static AttentionMask Additive<T>(NDArray<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Rank is not (2 or 3))
            throw new ShapeMismatchException("AttentionMask.Additive", [values.Shape],
                $"AttentionMask.Additive: the mask must be (seq, seq) or (batch, seq, seq); got {values.Shape}");
        int b = values.Rank == 3 ? (int)values.Shape[0] : 1;
        int s = CheckSquare((int)values.Shape[^2], (int)values.Shape[^1], b, "Additive");
        var v = values.ToArray().Select(double.CreateTruncating).ToArray();
        return new([new DensePart(CheckAdditive(v), values.Rank == 3 ? b : null, s, $"additive {values.Shape}")]);
    }

    /// <summary>Joins masks: an entry masked by any of them is masked; additive values add. An empty list masks nothing.</summary>
    /// <exception cref="ArgumentNullException">The list or one of its masks is null.</exception>
    public static AttentionMask Combine(params AttentionMask[] masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        foreach (var m in masks) ArgumentNullException.ThrowIfNull(m, nameof(masks));
        return new([.. masks.SelectMany(m => m._parts)]);
    }

    /// <summary>This mask joined with <paramref name="other"/>; see <see cref="Combine"/>.</summary>
    /// <exception cref="ArgumentNullException">other is null.</exception>
    public AttentionMask With(AttentionMask other) => Combine(this, other);

    /// <summary>Whether some part differs between batch items (then the mask's batch size must match the input's).</summary>
    public bool IsPerBatchItem => _parts.Any(p => p.Batch is not null);

    /// <inheritdoc />
    public override string ToString() => _parts.Length == 0 ? "AttentionMask(none)" : $"AttentionMask({string.Join(" + ", _parts.Select(p => p.Description))})";

    /// <summary>
    /// The additive mask for an input of <paramref name="batch"/> items of length <paramref name="seq"/>, shape
    /// (batch or 1, 1, seq, seq) to broadcast over heads, and per (batch or 1, seq) row whether every key is masked.
    /// </summary>
    internal (NDArray<T> Mask, bool[] FullyMasked, bool AnyFullyMasked) Materialize<T>(string layer, int batch, int seq, bool causal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parts = causal ? [.. _parts, new CausalPart()] : _parts;
        foreach (var p in parts) p.Check(layer, batch, seq);
        int bm = parts.Any(p => p.Batch is not null) ? batch : 1;
        var m = new T[bm * seq * seq];
        var fully = new bool[bm * seq];
        bool any = false;
        for (int n = 0; n < bm; n++)
            for (int i = 0; i < seq; i++)
            {
                bool all = true;
                for (int j = 0; j < seq; j++)
                {
                    double v = 0;
                    foreach (var p in parts) v += p.Value(n, i, j, seq);
                    T t = T.CreateTruncating(v);
                    m[(n * seq + i) * seq + j] = t;
                    all &= T.IsNegativeInfinity(t);
                }
                fully[n * seq + i] = all;
                any |= all;
            }
        return (NDArray.FromArray(m, bm, 1, seq, seq), fully, any);
    }

    private static int CheckSquare(int rows, int cols, int batch, string op)
    {
        if (rows != cols)
            throw new ShapeMismatchException($"AttentionMask.{op}", [new Shape(batch, rows, cols)],
                $"AttentionMask.{op}: the mask's last two axes (query, key) must both be seq; got {rows} x {cols}");
        return rows;
    }

    private static double[] CheckAdditive(double[] v)
    {
        foreach (double e in v)
            if (double.IsNaN(e) || double.IsPositiveInfinity(e))
                throw new ArgumentException($"AttentionMask.Additive: entries must be finite or -inf; found {e}", "values");
        return v;
    }

    private abstract class Part
    {
        public virtual int? Batch => null;
        public abstract string Description { get; }
        public abstract void Check(string layer, int batch, int seq);
        public abstract double Value(int b, int i, int j, int seq);
    }

    private sealed class CausalPart : Part
    {
        public override string Description => "causal";
        public override void Check(string layer, int batch, int seq) { }
        public override double Value(int b, int i, int j, int seq) => j > i ? double.NegativeInfinity : 0;
    }

    private sealed class LengthsPart(int[] lengths) : Part
    {
        public override int? Batch => lengths.Length;
        public override string Description => $"key padding, lengths [{string.Join(", ", lengths)}]";
        public override void Check(string layer, int batch, int seq)
        {
            if (lengths.Length != batch)
                throw new ShapeMismatchException(layer, [new Shape(lengths.Length)],
                    $"{layer}: the key padding mask has {lengths.Length} lengths but the input has batch {batch}");
            foreach (int len in lengths)
                if (len > seq)
                    throw new ArgumentOutOfRangeException("validLengths", len, $"{layer}: a valid length exceeds the sequence length {seq}");
        }
        public override double Value(int b, int i, int j, int seq) => j >= lengths[b] ? double.NegativeInfinity : 0;
    }

    /// <summary>Values laid out (batch or 1, seq, seq).</summary>
    private sealed class DensePart(double[] values, int? maskBatch, int maskSeq, string description) : Part
    {
        public override int? Batch => maskBatch;
        public override string Description => description;
        public override void Check(string layer, int batch, int seq)
        {
            if ((maskBatch is int b && b != batch) || seq != maskSeq)
                throw new ShapeMismatchException(layer, [maskBatch is int mb ? new Shape(mb, maskSeq, maskSeq) : new Shape(maskSeq, maskSeq), new Shape(batch, seq)],
                    $"{layer}: the {description} mask is for {(maskBatch is int b2 ? $"batch {b2}, " : "")}seq {maskSeq}, but the input has batch {batch}, seq {seq}");
        }
        public override double Value(int b, int i, int j, int seq) => values[((maskBatch is null ? 0 : b) * seq + i) * seq + j];
    }
}
