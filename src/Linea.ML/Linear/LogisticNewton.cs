using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;

namespace Linea.ML;

/// <summary>
/// Newton's method with backtracking line search for L2-regularised logistic regression, in double, on
/// f(theta) = sum_i CE_i + ||W||^2 / (2 C) (scikit-learn's scaling; the intercepts are not penalised). With m output
/// columns (1 for two classes, a sigmoid on one score; k for multinomial softmax), theta holds for each column a the
/// weights w_a (p) and, when fitted, the intercept b_a: block a starts at a * (p + 1) (a * p without intercept).
/// The Hessian block (a, b) is X1^T diag(C_ab) X1 (X1 = [X 1], the ones only with intercepts) with per-sample weights
/// P_a (delta_ab - P_b) (sigma (1 - sigma) for one column) plus I / C on the weight diagonal; it is formed in row blocks
/// by GEMM in O(m^2 n d^2 / 2) (<see cref="LogisticHessian"/>) and factored by Cholesky in place in O((m d)^3 / 3), d = p + 1. For softmax with intercepts the Hessian is singular along "add the same constant to every
/// intercept", a direction the gradient never has; adding u u^T for that unit vector u makes the system positive
/// definite without changing the step, and keeps the intercepts summing to zero (as scikit-learn's solution from zero).
/// Memory: X (n x p, contiguous double) is read in place, never augmented or copied; the solver allocates once per fit the
/// (m d)^2 Hessian (factored in place), the Hessian pass's per-thread row block and d x d squares, 2 n m probabilities
/// (current and trial, swapped on acceptance) and a few m d vectors; a Newton step allocates nothing of size n or
/// (m d)^2 (only the rare least-squares fallback for a Hessian that does not factor allocates).
/// </summary>
internal sealed class LogisticNewton
{
    private readonly NDArray<double> _x; // n x p, C-contiguous, read in place
    private readonly int[] _y;           // class index of each sample
    private readonly int _n, _p, _d, _m;
    private readonly bool _intercept, _softmax;
    private readonly double _invC;
    private readonly double[] _scores;   // m scores of one sample
    private readonly double[] _h;        // (m d)^2 Hessian, its lower triangle overwritten by the Cholesky factor
    private readonly double[] _diagonal; // the Hessian's diagonal, kept for the least-squares fallback
    private readonly LogisticHessian _hessian;

    /// <summary>Prepares a solver for X (n x p, 2-D, C-contiguous double, finite) and class indices y (n).</summary>
    public LogisticNewton(NDArray<double> x, int[] y, int classes, bool fitIntercept, double c)
    {
        _n = (int)x.Shape[0];
        _p = (int)x.Shape[1];
        _intercept = fitIntercept;
        _d = _p + (fitIntercept ? 1 : 0);
        _softmax = classes > 2;
        _m = _softmax ? classes : 1;
        _invC = 1.0 / c;
        _y = y;
        _x = x;
        _scores = new double[_m];
        int dim = Dimension;
        _h = new double[dim * dim];
        _diagonal = new double[dim];
        _hessian = new LogisticHessian(_n, _p, _m, fitIntercept);
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
        var step = new double[dim];
        var probs = new double[_n * _m];
        var probsTrial = new double[_n * _m];
        var gradTrial = new double[dim];
        double f = Evaluate(theta, probs, grad);
        for (int iter = 0; iter < maxIter; iter++)
        {
            double gmax = MaxAbs(grad);
            if (gmax <= tol) return (theta, iter, true, gmax);
            NewtonStep(probs, grad, step);
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
            (theta, trial) = (trial, theta);
            (probs, probsTrial) = (probsTrial, probs);
            (grad, gradTrial) = (gradTrial, grad);
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
        var scores = _scores;
        var xs = _x.AsReadOnlySpan();
        int p = _p, d = _d;
        for (int i = 0; i < _n; i++)
        {
            var row = xs.Slice(i * p, p);
            for (int a = 0; a < _m; a++)
            {
                double s = TensorPrimitives.Dot(row, theta.AsSpan(a * d, p));
                scores[a] = _intercept ? s + theta[a * d + p] : s;
            }
            if (_softmax)
            {
                double max = TensorPrimitives.Max<double>(scores), sum = 0;
                for (int a = 0; a < _m; a++) sum += Math.Exp(scores[a] - max);
                double lse = max + Math.Log(sum);
                f += lse - scores[_y[i]];
                for (int a = 0; a < _m; a++)
                {
                    double pa = Math.Exp(scores[a] - lse);
                    probs[i * _m + a] = pa;
                    double r = pa - (_y[i] == a ? 1 : 0);
                    var g = grad.AsSpan(a * d, p);
                    TensorPrimitives.MultiplyAdd(row, r, g, g);
                    if (_intercept) grad[a * d + p] += r;
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
                var g = grad.AsSpan(0, p);
                TensorPrimitives.MultiplyAdd(row, r, g, g);
                if (_intercept) grad[p] += r;
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

    /// <summary>Solves H step = grad into <paramref name="step"/>: the Hessian formed into the solver's buffer and
    /// factored there in place (Cholesky), or, when it does not factor, restored and solved by least squares.</summary>
    private void NewtonStep(double[] probs, double[] grad, double[] step)
    {
        int dim = Dimension;
        var h = _h;
        _hessian.Form(_x, probs, h);
        for (int a = 0; a < _m; a++)
            for (int j = 0; j < _p; j++) h[(a * _d + j) * dim + a * _d + j] += _invC;
        if (_softmax && _intercept)
        {
            double u2 = 1.0 / _m; // u = e_intercepts / sqrt(m), so u u^T has entries 1/m on the intercept block
            for (int a = 0; a < _m; a++)
                for (int b = 0; b < _m; b++) h[(a * _d + _p) * dim + b * _d + _p] += u2;
        }
        for (int i = 0; i < dim; i++) _diagonal[i] = h[i * dim + i];
        var factor = MatrixView<double>.Of(h, 0, dim, dim, dim, 1);
        var parallelism = Parallelism.Default;
        if (CholeskyFactorization.Factor(factor, CholeskyParams.Auto.RecursionThreshold, parallelism) < 0)
        {
            Array.Copy(grad, step, dim);
            var rhs = MatrixView<double>.Of(step, 0, dim, 1, 1, 1);
            Trsm.Solve(Side.Left, lower: true, transpose: false, unitDiagonal: false, 1.0, factor, rhs, parallelism);
            Trsm.Solve(Side.Left, lower: true, transpose: true, unitDiagonal: false, 1.0, factor, rhs, parallelism);
            return;
        }
        // Not positive definite: the factorization overwrote the lower triangle and diagonal; the strict upper triangle
        // still holds the Hessian, so mirror it back, restore the diagonal and solve by least squares.
        for (int i = 0; i < dim; i++)
        {
            h[i * dim + i] = _diagonal[i];
            for (int j = i + 1; j < dim; j++) h[j * dim + i] = h[i * dim + j];
        }
        Linalg.Lstsq(NDArray.Wrap(h, dim, dim), NDArray.Wrap((double[])grad.Clone(), dim)).Solution.AsReadOnlySpan().CopyTo(step);
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (double x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
