using Linea.Kernels;
using Linea.TestKit;

namespace Linea.Tests.Linalg;

/// <summary>
/// The triangular factor of a block of reflectors (larft): I - V T V^T must equal H_0 H_1 ... H_{k-1} formed one
/// reflector at a time, within c m eps (each H is orthogonal, so the product's entries are O(1)). Panels below and
/// above the size from which T comes from the Gram matrix V^T V by GEMM, with a zero tau (H = I) among them, and the
/// two ways must agree with each other.
/// </summary>
public class BlockReflectorTests
{
    [Theory]
    [InlineData(12, 5, false)]     // dot products
    [InlineData(40, 8, true)]
    [InlineData(300, 48, false)]   // Gram matrix by GEMM
    [InlineData(700, 33, true)]
    public void ITimesVTVtEqualsTheProductOfTheReflectors(int m, int k, bool zeroTau)
    {
        var rng = new Random(m + k);
        var a = new double[m * k];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() * 2 - 1;
        var av = MatrixView<double>.ColumnMajor(a, 0, m, k, m);
        var tau = new double[k];
        for (int j = 0; j < k; j++)
        {
            double alpha = av[j, j];
            tau[j] = Householder.Generate(ref alpha, av.Block(j + 1, j, m - j - 1, 1));
            av[j, j] = alpha;
            if (j + 1 < k) Householder.ApplyLeft(av.Block(j, j, m - j, 1), tau[j], av.Block(j, j + 1, m - j, k - j - 1));
        }
        if (zeroTau) tau[k / 2] = 0;

        // Q = H_0 ... H_{k-1} applied to I, reflector by reflector (the last first).
        var q = new double[m * m];
        for (int i = 0; i < m; i++) q[i + i * m] = 1;
        var qv = MatrixView<double>.ColumnMajor(q, 0, m, m, m);
        for (int j = k - 1; j >= 0; j--) Householder.ApplyLeft(av.Block(j, j, m - j, 1), tau[j], qv.Block(j, 0, m - j, m));

        var t = new double[k * k];
        Array.Fill(t, double.NaN); // stale contents must not survive
        Householder.FormT<double>(av, tau, t);
        double eps = NumAssert.Eps<double>();
        for (int r = 0; r < m; r++)
            for (int c = 0; c < m; c++)
            {
                // (I - V T V^T)[r, c] with V unit lower trapezoidal.
                double s = r == c ? 1 : 0;
                for (int i = 0; i < k; i++)
                {
                    double vri = r < i ? 0 : r == i ? 1 : av[r, i];
                    if (vri == 0) continue;
                    double tv = 0;
                    for (int j = i; j < k; j++)
                    {
                        double vcj = c < j ? 0 : c == j ? 1 : av[c, j];
                        tv += t[i + j * k] * vcj;
                    }
                    s -= vri * tv;
                }
                Assert.True(Math.Abs(s - q[r + c * m]) <= 20 * m * eps, $"m={m} k={k}: ({r},{c}) {s} vs {q[r + c * m]}");
            }
        for (int j = 0; j < k; j++)
            for (int i = j + 1; i < k; i++) Assert.Equal(0.0, t[i + j * k]);
    }
}
