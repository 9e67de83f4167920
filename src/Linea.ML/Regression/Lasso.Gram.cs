using System.Numerics;
using System.Numerics.Tensors;

namespace Linea.ML;

/// <summary>
/// The Lasso's coordinate descent in covariance form for tall X (n &gt;= p, p &lt;= <see cref="GramMaxFeatures"/>):
/// the sweeps need only G = Xc^T Xc (p x p), c = Xc^T yc and ||yc||^2, formed in one blocked pass over X without
/// centring it (<see cref="CentredGram{T}"/>, as Ridge). The residual r = yc - Xc w is never formed: coordinate j reads
/// rho = c_j - (G w)_j + G_jj w_j, which is x_j^T (r + x_j w_j) of the residual form, so the iterates are the same in
/// exact arithmetic, and G w is kept up to date with one column of G per changed weight; the duality gap takes
/// X^T r = c - G w, r^T r = ||yc||^2 - 2 w^T c + w^T G w and r^T yc = ||yc||^2 - w^T c. A sweep costs O(p^2) instead of
/// O(n p), and X is read once instead of being copied twice (centred, then transposed): 50,000 x 100, alpha 0.1
/// (3 sweeps), 45 -> 9-16 ms on the 2-core VM, against 39-49 ms for scikit-learn's Lasso (2026-12-08).
/// </summary>
public sealed partial class Lasso<T>
{
    /// <summary>Most features for the covariance form: forming G costs n p^2 multiply-adds at GEMM speed, about as
    /// much as a few dozen residual sweeps at this width, and G's p^2 memory stays small.</summary>
    internal const int GramMaxFeatures = 1024;

    /// <summary>False keeps the residual form on every shape (for tests comparing the two forms).</summary>
    internal bool AllowGram { get; init; } = true;

    private bool UsesGram(NDArray<T> x) =>
        AllowGram && x.Rank == 2 && x.Shape[0] >= x.Shape[1] && x.Shape[1] <= GramMaxFeatures;

    private Lasso<T> FitGram(NDArray<T> x, NDArray<T> y)
    {
        string where = $"{ModelName}.Fit";
        Guard.MatrixShape(x, where);
        Guard.TargetShape(x, y, where);
        var g = CentredGram<T>.Compute(x, y, FitIntercept, where);
        int n = (int)x.Shape[0], p = (int)x.Shape[1];
        T[] gram = g.Gram.Data, c = g.Xty!.Data; // new contiguous arrays of p x p and p
        T yy = g.YSumSquares;
        var w = new T[p];
        var gw = new T[p];
        T lambda = T.CreateTruncating(Alpha) * T.CreateTruncating(n);
        T tolGap = T.CreateTruncating(Tol) * yy;
        var (sweeps, gap, converged) = Descend(w, tolGap, j =>
        {
            T gjj = gram[j * p + j];
            if (gjj == T.Zero) return false;
            T old = w[j];
            T rho = c[j] - gw[j] + gjj * old;
            T shrunk = T.Max(T.Abs(rho) - lambda, T.Zero);
            T now = shrunk == T.Zero ? T.Zero : T.CopySign(shrunk, rho) / gjj;
            w[j] = now;
            if (now != old) TensorPrimitives.MultiplyAdd(gram.AsSpan(j * p, p), now - old, gw, gw); // G symmetric: row j = column j
            return true;
        }, () => GramDualityGap(c, gw, w, yy, lambda));
        Finish(w, sweeps, gap, converged, tolGap, g.XMean, g.YMean);
        return this;
    }

    /// <summary>The duality gap of <see cref="DualityGap"/> from the cross-products: X^T r = c - G w, r^T r and r^T y as
    /// in the class summary (r^T r clamped at 0 against the cancellation when the fit is nearly exact).</summary>
    private static T GramDualityGap(ReadOnlySpan<T> c, ReadOnlySpan<T> gw, ReadOnlySpan<T> w, T yy, T lambda)
    {
        T xtrMax = T.Zero, l1 = T.Zero;
        for (int j = 0; j < w.Length; j++)
        {
            xtrMax = T.Max(xtrMax, T.Abs(c[j] - gw[j]));
            l1 += T.Abs(w[j]);
        }
        T wc = TensorPrimitives.Dot(w, c);
        T rr = T.Max(yy - wc - wc + TensorPrimitives.Dot(w, gw), T.Zero);
        T ry = yy - wc;
        T scale = xtrMax > lambda ? lambda / xtrMax : T.One;
        T half = T.CreateTruncating(0.5);
        return half * rr * (T.One + scale * scale) + lambda * l1 - scale * ry;
    }
}
