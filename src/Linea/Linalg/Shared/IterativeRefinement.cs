using System.Numerics;
using Linea.Kernels;
using Linea.Numerics;

namespace Linea;

/// <summary>
/// Mixed-precision iterative refinement for A X = B (Wilkinson; Higham, Accuracy and Stability, ch. 12): the residual
/// R = B - A X is accumulated in double-double and rounded once, the correction solved with the existing LU factors.
/// With extended-precision residuals the forward error converges to about eps while cond(A) eps is well below 1.
/// </summary>
internal static class IterativeRefinement
{
    /// <summary>Steps at most; convergence usually takes 2 or 3.</summary>
    public const int MaxSteps = 10;

    /// <summary>Refines x (n x k, row-major, contiguous) in place; returns the number of corrections applied.</summary>
    public static int Refine<T>(MatrixView<T> a, MatrixView<T> b, MatrixView<T> lu, int[] piv, MatrixView<T> x, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows, k = (int)x.Cols;
        if (n == 0 || k == 0) return 0;
        var r = new T[n * k];
        var rMat = MatrixView<T>.RowMajor(r, n, k);
        var xCol = new double[n];
        double eps = MachineConstants<T>.UnitRoundoffDouble;
        double previous = double.PositiveInfinity;
        int applied = 0;
        for (int step = 0; step < MaxSteps; step++)
        {
            Residual(a, b, x, rMat, xCol);
            LuSolver.Solve(lu, piv, rMat, parallelism);
            double dx = 0, xn = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < k; j++)
                {
                    dx = Math.Max(dx, Math.Abs(double.CreateTruncating(r[i * k + j])));
                    xn = Math.Max(xn, Math.Abs(double.CreateTruncating(x[i, j])));
                }
            if (!(dx < 0.5 * previous) && step > 0) break;   // stagnating or diverging: keep the current x
            for (int i = 0; i < n; i++)
                for (int j = 0; j < k; j++) x[i, j] += r[i * k + j];
            applied++;
            if (dx <= eps * xn) break;
            previous = dx;
        }
        return applied;
    }

    /// <summary>R = B - A X, each entry a double-double dot product rounded once to T.</summary>
    internal static void Residual<T>(MatrixView<T> a, MatrixView<T> b, MatrixView<T> x, MatrixView<T> r, double[] xCol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)a.Rows, m = (int)a.Cols;
        for (long j = 0; j < x.Cols; j++)
        {
            for (int p = 0; p < m; p++) xCol[p] = double.CreateTruncating(x[p, j]);
            for (int i = 0; i < n; i++)
            {
                DoubleDouble s = double.CreateTruncating(b[i, j]);
                for (int p = 0; p < m; p++) s -= DoubleDouble.TwoProd(double.CreateTruncating(a[i, p]), xCol[p]);
                r[i, j] = T.CreateTruncating(s.ToDouble());
            }
        }
    }
}
