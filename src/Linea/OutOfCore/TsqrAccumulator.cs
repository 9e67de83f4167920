using System.Numerics;
using System.Numerics.Tensors;

namespace Linea;

/// <summary>
/// The triangular factor R (k x k, column-major, upper) of all rows absorbed so far: a Householder update of
/// [R; P] for each panel P of rows (LAPACK's tpqrt structure: the reflector of column j combines R[j, j] with column
/// j of the panel, so R's zeros below the diagonal are never touched). The panel is written by the caller
/// column-major (leading dimension <see cref="PanelRows"/>) and sized to stay in the L2 cache, so each reflector's
/// dot products and updates run from cache. 2 m k^2 flops for m rows; nothing allocated after construction.
/// </summary>
internal sealed class TsqrAccumulator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public TsqrAccumulator(int k, int panelRows)
    {
        K = k;
        PanelRows = panelRows;
        R = new T[(long)k * k];
        Panel = new T[(long)k * panelRows];
    }

    /// <summary>The number of columns k.</summary>
    public int K { get; }

    /// <summary>The panel's leading dimension: rows it holds at most.</summary>
    public int PanelRows { get; }

    /// <summary>R, k x k column-major (element (i, j) at i + j k); the strict lower triangle stays zero.</summary>
    public T[] R { get; }

    /// <summary>The caller's rows, column-major: row i, column j at i + j <see cref="PanelRows"/>.</summary>
    public T[] Panel { get; }

    /// <summary>Absorbs the first <paramref name="m"/> rows of <see cref="Panel"/> into R (overwriting the panel).</summary>
    public void Absorb(int m)
    {
        int k = K, ld = PanelRows;
        var r = R.AsSpan();
        var panel = Panel.AsSpan();
        for (int j = 0; j < k; j++)
        {
            var v = panel.Slice(j * ld, m);
            T xnorm = TensorPrimitives.Norm<T>(v), scale = T.One;
            if (xnorm == T.Zero || !T.IsFinite(xnorm))
            {
                // The sum of squares under- or overflowed: take the norm of v / max |v| (v stays scaled; undone below).
                scale = m == 0 ? T.Zero : T.Abs(TensorPrimitives.MaxMagnitude<T>(v));
                if (scale == T.Zero) continue;
                TensorPrimitives.Multiply<T>(v, T.One / scale, v);
                xnorm = scale * TensorPrimitives.Norm<T>(v);
            }
            T alpha = r[j + j * k];
            T beta = -T.CopySign(T.Hypot(alpha, xnorm), alpha);
            T tau = (beta - alpha) / beta;
            TensorPrimitives.Multiply<T>(v, scale / (alpha - beta), v);
            r[j + j * k] = beta;
            for (int c = j + 1; c < k; c++)
            {
                var column = panel.Slice(c * ld, m);
                T w = tau * (r[j + c * k] + TensorPrimitives.Dot<T>(v, column));
                r[j + c * k] -= w;
                TensorPrimitives.MultiplyAdd<T>(v, -w, column, column);
            }
        }
    }

    /// <summary>Absorbs another accumulator's R (the two R's stacked give the R of all their rows).</summary>
    public void Absorb(TsqrAccumulator<T> other)
    {
        int k = K;
        for (int rowStart = 0; rowStart < k; rowStart += PanelRows)
        {
            int m = Math.Min(PanelRows, k - rowStart);
            for (int c = 0; c < k; c++)
                for (int i = 0; i < m; i++) Panel[i + c * PanelRows] = other.R[rowStart + i + c * k];
            Absorb(m);
        }
    }
}
