namespace Linea.Examples.PhotoFilter;

/// <summary>One rank-k approximation of an image and its figures.</summary>
/// <param name="Rank">k.</param>
/// <param name="CompressionRatio">m n stored values over the k (m + n + 1) of U_k, s_k and V_k.</param>
/// <param name="RelativeError">||A - A_k||_F / ||A||_F measured on the reconstruction.</param>
/// <param name="PredictedError">sqrt(sum of the discarded s_i^2) / ||A||_F, Eckart-Young's value.</param>
/// <param name="Image">A_k, (m, n).</param>
public sealed record RankApproximation(int Rank, double CompressionRatio, double RelativeError, double PredictedError, NDArray<double> Image);

/// <summary>Image compression by the truncated SVD: A_k = U_k diag(s_k) V_k^T is the best rank-k approximation in the
/// Frobenius norm (Eckart-Young), with error exactly sqrt(sum_{i &gt; k} s_i^2).</summary>
public static class SvdCompression
{
    /// <summary>Rank-k approximations of the (m, n) matrix <paramref name="a"/> for each k in <paramref name="ranks"/>,
    /// from one thin SVD.</summary>
    public static IReadOnlyList<RankApproximation> Compress(NDArray<double> a, IEnumerable<int> ranks)
    {
        int m = (int)a.Shape[0], n = (int)a.Shape[1];
        var (u, s, vh) = Linalg.Svd(a, fullMatrices: false);
        var sv = s.ToArray();
        double norm = Linalg.Norm(a, "fro");
        var result = new List<RankApproximation>();
        foreach (int k in ranks)
        {
            var ak = (u[.., ..k] * s[..k]).MatMul(vh[..k, ..]);
            double measured = Linalg.Norm(a - ak, "fro") / norm;
            double predicted = Math.Sqrt(sv.Skip(k).Sum(v => v * v)) / norm;
            double ratio = (double)m * n / (k * (m + n + 1.0));
            result.Add(new RankApproximation(k, ratio, measured, predicted, ak));
        }
        return result;
    }
}
