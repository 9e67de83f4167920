namespace Linea.ML;

/// <summary>
/// Newton's method with backtracking line search for L2-regularised logistic regression, in double, on
/// f(theta) = sum_i CE_i + ||W||^2 / (2 C) (scikit-learn's scaling; the intercepts are not penalised). With m output
/// columns (1 for two classes, a sigmoid on one score; k for multinomial softmax), theta holds for each column a the
/// weights w_a (p) and, when fitted, the intercept b_a: block a starts at a * (p + 1) (a * p without intercept).
/// The Hessian block (a, b) is X1^T diag(C_ab) X1 with per-sample weights P_a (delta_ab - P_b) (sigma (1 - sigma) for
/// one column) plus I / C on the weight diagonal; it is formed by GEMM in O(m^2 n d^2) and factored by Cholesky in
/// O((m d)^3), d = p + 1. For softmax with intercepts the Hessian is singular along "add the same constant to every
/// intercept", a direction the gradient never has; adding u u^T for that unit vector u makes the system positive
/// definite without changing the step, and keeps the intercepts summing to zero (as scikit-learn's solution from zero).
/// </summary>
internal sealed class LogisticNewton
{
    private readonly double[] _x;     // n x d, row-major, with a trailing column of ones when fitting intercepts
    private readonly int[] _y;        // class index of each sample
    private readonly int _n, _p, _d, _m;
    private readonly bool _intercept, _softmax;
    private readonly double _invC;

    public LogisticNewton(double[] x, int n, int p, int[] y, int classes, bool fitIntercept, double c)
    {
        _n = n;
        _p = p;
        _intercept = fitIntercept;
        _d = p + (fitIntercept ? 1 : 0);
        _softmax = classes > 2;
        _m = _softmax ? classes : 1;
        _invC = 1.0 / c;
        _y = y;
        _x = new double[n * _d];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(x, i * p, _x, i * _d, p);
            if (fitIntercept) _x[i * _d + p] = 1.0;
        }
    }

    /// <summary>Length of theta: m blocks of d.</summary>
    public int Dimension => _m * _d;

    /// <summary>Runs Newton from theta = 0 until max |gradient| &lt;= tol or maxIter steps; returns theta, the steps
    /// taken, whether it converged and the final max |gradient|.</summary>
    public (double[] Theta, int Iterations, bool Converged, double GradientMax) Solve(double tol, int maxIter)
    {
        int dim = Dimension;
        var theta = new double[dim];
        var trial = new double[dim];
        var grad = new double[dim];
        var probs = new double[_n * _m];
        var probsTrial = new double[_n * _m];
        var gradTrial = new double[dim];
        double f = Evaluate(theta, probs, grad);
        for (int iter = 0; iter < maxIter; iter++)
        {
            double gmax = MaxAbs(grad);
            if (gmax <= tol) return (theta, iter, true, gmax);
            var step = NewtonStep(probs, grad);
            double slope = 0;
            for (int i = 0; i < dim; i++) slope += grad[i] * step[i];
            if (!(slope > 0)) return (theta, iter, false, gmax); // no descent direction left: rounding level
            double alpha = 1, fNew;
            while (true)
            {
                for (int i = 0; i < dim; i++) trial[i] = theta[i] - alpha * step[i];
                fNew = Evaluate(trial, probsTrial, gradTrial);
                if (fNew <= f - 1e-4 * alpha * slope || alpha < 1e-10) break;
                // Near the optimum the decrease falls below the rounding of f; a full step that shrinks the gradient
                // is then the quadratically convergent Newton step, and is taken.
                if (alpha == 1 && MaxAbs(gradTrial) < 0.5 * gmax && fNew <= f + 1e-12 * Math.Abs(f)) { fNew = Math.Min(fNew, f); break; }
                alpha *= 0.5;
            }
            if (!(fNew <= f)) return (theta, iter, false, gmax); // the line search found no decrease: converged to rounding
            Array.Copy(trial, theta, dim);
            Array.Copy(probsTrial, probs, probs.Length);
            Array.Copy(gradTrial, grad, dim);
            f = fNew;
        }
        double last = MaxAbs(grad);
        return (theta, maxIter, last <= tol, last);
    }

    /// <summary>The objective at theta; fills the probabilities (n x m: P for softmax, sigma for one column) and the gradient.</summary>
    public double Evaluate(double[] theta, double[] probs, double[] grad)
    {
        Array.Clear(grad);
        double f = 0;
        var scores = new double[_m];
        for (int i = 0; i < _n; i++)
        {
            var row = _x.AsSpan(i * _d, _d);
            for (int a = 0; a < _m; a++)
            {
                double s = 0;
                var w = theta.AsSpan(a * _d, _d);
                for (int j = 0; j < _d; j++) s += row[j] * w[j];
                scores[a] = s;
            }
            if (_softmax)
            {
                double max = scores.Max(), sum = 0;
                for (int a = 0; a < _m; a++) sum += Math.Exp(scores[a] - max);
                double lse = max + Math.Log(sum);
                f += lse - scores[_y[i]];
                for (int a = 0; a < _m; a++)
                {
                    double pa = Math.Exp(scores[a] - lse);
                    probs[i * _m + a] = pa;
                    double r = pa - (_y[i] == a ? 1 : 0);
                    for (int j = 0; j < _d; j++) grad[a * _d + j] += r * row[j];
                }
            }
            else
            {
                double s = scores[0], t = _y[i];
                // CE = log(1 + e^s) - t s, written to avoid overflow.
                f += (s > 0 ? s + double.LogP1(Math.Exp(-s)) : double.LogP1(Math.Exp(s))) - t * s;
                double sigma = s >= 0 ? 1 / (1 + Math.Exp(-s)) : Math.Exp(s) / (1 + Math.Exp(s));
                probs[i] = sigma;
                double r = sigma - t;
                for (int j = 0; j < _d; j++) grad[j] += r * row[j];
            }
        }
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _p; j++)
            {
                double w = theta[a * _d + j];
                f += 0.5 * _invC * w * w;
                grad[a * _d + j] += _invC * w;
            }
        return f;
    }

    private double[] NewtonStep(double[] probs, double[] grad)
    {
        int dim = Dimension;
        var x1 = NDArray.Wrap(_x, _n, _d);
        var h = new double[dim * dim];
        var weights = new double[_n];
        var weighted = new double[_n * _d];
        for (int a = 0; a < _m; a++)
            for (int b = a; b < _m; b++)
            {
                for (int i = 0; i < _n; i++)
                {
                    double pa = probs[i * _m + a], pb = probs[i * _m + b];
                    weights[i] = _softmax ? pa * ((a == b ? 1 : 0) - pb) : pa * (1 - pa);
                    for (int j = 0; j < _d; j++) weighted[i * _d + j] = weights[i] * _x[i * _d + j];
                }
                var block = x1.T.MatMul(NDArray.Wrap(weighted, _n, _d)).ToArray();
                for (int r = 0; r < _d; r++)
                    for (int c = 0; c < _d; c++)
                    {
                        h[(a * _d + r) * dim + b * _d + c] = block[r * _d + c];
                        h[(b * _d + c) * dim + a * _d + r] = block[r * _d + c];
                    }
            }
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _p; j++) h[(a * _d + j) * dim + a * _d + j] += _invC;
        if (_softmax && _intercept)
        {
            double u2 = 1.0 / _m; // u = e_intercepts / sqrt(m), so u u^T has entries 1/m on the intercept block
            for (int a = 0; a < _m; a++)
                for (int b = 0; b < _m; b++) h[(a * _d + _p) * dim + b * _d + _p] += u2;
        }
        var hessian = NDArray.Wrap(h, dim, dim);
        var g = NDArray.Wrap((double[])grad.Clone(), dim);
        return CholeskyDecomposition<double>.TryFactor(hessian, out var chol)
            ? chol.Solve(g).ToArray()
            : Linalg.Lstsq(hessian, g).Solution.ToArray();
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (double x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
