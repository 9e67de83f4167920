using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea.ML;

/// <summary>
/// The data passes of L2-regularised logistic regression for <see cref="LogisticNewton"/>, in double, on theta laid out
/// as m blocks of d = p (+ 1 with intercepts): the objective with its gradient, and the Hessian's product with a vector.
/// Both read X (n x p, contiguous) in place through two GEMMs of n x p x m (scores X W^T, then R^T X), threaded by the
/// GEMM driver, with a per-row pass between them over an n x m buffer that the caller owns:
/// <list type="bullet">
/// <item>objective: the scores land in the probabilities' buffer and become P there (softmax with the row maximum
/// subtracted, one vectorised exp over the whole buffer; sigma for one column); the gradient is P^T X minus the class
/// sums of X (Y^T X, fixed, computed once), so no residual buffer is needed;</item>
/// <item>Hessian-vector product H v: V = X V_w^T + v_b, then U = P o (V - (P . V) 1) per row (sigma (1 - sigma) V for
/// one column), and H v = U^T X (intercepts: U's column sums) + v_w / C.</item>
/// </list>
/// O(n p m) flops each; memory: the m d class sums, allocated once; nothing per call beyond the GEMM's hand-offs.
/// </summary>
internal sealed class LogisticLoss
{
    private readonly NDArray<double> _x; // n x p, C-contiguous, read in place
    private readonly int[] _y;
    private readonly int _n, _p, _d, _m;
    private readonly bool _intercept, _softmax;
    private readonly double _invC;
    private readonly double[] _classSums; // m x d: sum of the rows of class a (class 1 for one column), their count last

    /// <summary>Prepares the passes for X (n x p, contiguous double) and class indices y (n); O(n p) for the class sums.</summary>
    public LogisticLoss(NDArray<double> x, int[] y, int m, bool softmax, bool intercept, double invC)
    {
        _x = x;
        _y = y;
        _n = (int)x.Shape[0];
        _p = (int)x.Shape[1];
        _d = _p + (intercept ? 1 : 0);
        _m = m;
        _softmax = softmax;
        _intercept = intercept;
        _invC = invC;
        _classSums = new double[m * _d];
        var xs = x.AsReadOnlySpan();
        for (int i = 0; i < _n; i++)
        {
            int a = softmax ? y[i] : y[i] - 1; // one column: only class 1 has target 1
            if (a < 0) continue;
            var sum = _classSums.AsSpan(a * _d, _p);
            TensorPrimitives.Add(sum, xs.Slice(i * _p, _p), sum);
            if (intercept) _classSums[a * _d + _p] += 1;
        }
    }

    /// <summary>The objective at theta; fills <paramref name="probs"/> (n x m: P for softmax, sigma for one column) and
    /// the gradient. O(n p m).</summary>
    public double Evaluate(double[] theta, double[] probs, double[] grad)
    {
        int n = _n, m = _m, p = _p, d = _d;
        Scores(theta, probs);
        double f = 0;
        if (_softmax)
        {
            // Shift each row by its maximum (so exp cannot overflow and the largest term is 1), one exp over all n m,
            // then normalise: CE_i = log(sum_a e^(s_a - max)) - (s_y - max).
            for (int i = 0; i < n; i++)
            {
                var s = probs.AsSpan(i * m, m);
                double max = TensorPrimitives.Max<double>(s);
                TensorPrimitives.Subtract(s, max, s);
                f -= s[_y[i]];
            }
            var all = probs.AsSpan(0, n * m);
            TensorPrimitives.Exp(all, all);
            for (int i = 0; i < n; i++)
            {
                var e = probs.AsSpan(i * m, m);
                double sum = TensorPrimitives.Sum<double>(e);
                f += Math.Log(sum);
                TensorPrimitives.Multiply(e, 1 / sum, e);
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                double s = probs[i], t = _y[i];
                // CE = log(1 + e^s) - t s, written to avoid overflow.
                f += (s > 0 ? s + double.LogP1(Math.Exp(-s)) : double.LogP1(Math.Exp(s))) - t * s;
                probs[i] = s >= 0 ? 1 / (1 + Math.Exp(-s)) : Math.Exp(s) / (1 + Math.Exp(s));
            }
        }
        // The gradient's data part, (P - Y)^T X1 = P^T X1 - (the class sums).
        Transposed(probs, grad);
        TensorPrimitives.Subtract(grad, _classSums, grad);
        for (int a = 0; a < m; a++)
            for (int j = 0; j < p; j++)
            {
                double w = theta[a * d + j];
                f += 0.5 * _invC * w * w;
                grad[a * d + j] += _invC * w;
            }
        return f;
    }

    /// <summary>hv = H v at the point whose probabilities are <paramref name="probs"/>, with the regularisation's I / C on
    /// the weights and, for softmax with intercepts, the rank-one term (1/m) 1 1^T on the intercepts (which
    /// <see cref="LogisticNewton"/> adds to make H definite). <paramref name="scratch"/> (n m) is overwritten. O(n p m).</summary>
    public void HessianVector(double[] probs, double[] v, double[] hv, double[] scratch)
    {
        int n = _n, m = _m, p = _p, d = _d;
        Scores(v, scratch);
        if (_softmax)
            for (int i = 0; i < n; i++)
            {
                var pr = probs.AsSpan(i * m, m);
                var u = scratch.AsSpan(i * m, m);
                double dot = TensorPrimitives.Dot<double>(pr, u);
                TensorPrimitives.Subtract(u, dot, u);
                TensorPrimitives.Multiply(u, pr, u);
            }
        else
            for (int i = 0; i < n; i++) scratch[i] *= probs[i] * (1 - probs[i]);
        Transposed(scratch, hv);
        for (int a = 0; a < m; a++)
        {
            var w = v.AsSpan(a * d, p);
            var h = hv.AsSpan(a * d, p);
            TensorPrimitives.MultiplyAdd(w, _invC, h, h);
        }
        if (_softmax && _intercept)
        {
            double mean = 0;
            for (int a = 0; a < m; a++) mean += v[a * d + p];
            mean /= m;
            for (int a = 0; a < m; a++) hv[a * d + p] += mean;
        }
    }

    /// <summary>into (n x m) = X W^T + b for theta-shaped <paramref name="w"/> (weights strided by d, intercepts last).</summary>
    private void Scores(double[] w, double[] into)
    {
        int n = _n, m = _m, p = _p, d = _d;
        var wt = MatrixView<double>.Of(w, 0, p, m, 1, d);
        Gemm.Multiply(1.0, MatrixViews.View(_x), wt, 0.0, MatrixView<double>.Of(into, 0, n, m, m, 1), Parallelism.Default);
        if (_intercept)
            for (int i = 0; i < n; i++)
            {
                var s = into.AsSpan(i * m, m);
                for (int a = 0; a < m; a++) s[a] += w[a * d + p];
            }
    }

    /// <summary>out (theta-shaped) = R^T X1 for R (n x m): R^T X into the weights, R's column sums into the intercepts.</summary>
    private void Transposed(double[] r, double[] into)
    {
        int n = _n, m = _m, p = _p, d = _d;
        var rt = MatrixView<double>.Of(r, 0, m, n, 1, m);
        Gemm.Multiply(1.0, rt, MatrixViews.View(_x), 0.0, MatrixView<double>.Of(into, 0, m, p, d, 1), Parallelism.Default);
        if (!_intercept) return;
        for (int a = 0; a < m; a++) into[a * d + p] = 0;
        for (int i = 0; i < n; i++)
            for (int a = 0; a < m; a++) into[a * d + p] += r[i * m + a];
    }
}
