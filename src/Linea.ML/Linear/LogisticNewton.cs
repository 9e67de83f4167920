using System.Numerics.Tensors;
using Linea.Kernels;
using Linea.Kernels.Blas3;
using Linea.Kernels.Gemm;

namespace Linea.ML;

/// <summary>
/// Newton's method with backtracking line search for L2-regularised logistic regression, in double, on
/// f(theta) = sum_i CE_i + ||W||^2 / (2 C) (scikit-learn's scaling; the intercepts are not penalised). With m output
/// columns (1 for two classes, a sigmoid on one score; k for multinomial softmax), theta holds for each column a the
/// weights w_a (p) and, when fitted, the intercept b_a: block a starts at a * (p + 1) (a * p without intercept).
/// The Hessian block (a, b) is X1^T diag(C_ab) X1 (X1 = [X 1], the ones only with intercepts) with per-sample weights
/// P_a (delta_ab - P_b) (sigma (1 - sigma) for one column) plus I / C on the weight diagonal; when a step needs it, it
/// is formed in row blocks by GEMM in O(m^2 n d^2 / 2) (<see cref="LogisticHessian"/>; at theta = 0 as a Kronecker
/// product from X1^T X1, O(n d^2)) and factored by Cholesky in place in O((m d)^3 / 3), d = p + 1. Other steps solve
/// by conjugate gradients preconditioned with that factor, each iteration one Hessian-vector product in O(n p m)
/// (<see cref="LogisticLoss"/>), so a fit forms the Hessian two or three times instead of once a step.
/// For softmax with intercepts the Hessian is singular along "add the same constant to every
/// intercept", a direction the gradient never has; adding u u^T for that unit vector u makes the system positive
/// definite without changing the step, and keeps the intercepts summing to zero (as scikit-learn's solution from zero).
/// Memory: X (n x p, contiguous double) is read in place, never augmented or copied; the solver allocates once per fit the
/// (m d)^2 Hessian (factored in place), the Hessian pass's per-thread row block and partials, 2 n m probabilities
/// (current and trial, swapped on acceptance; the trial buffer is the Hessian-vector products' scratch during a solve),
/// the m d class sums of X and about a dozen m d vectors; a Newton step allocates nothing of size n or (m d)^2 (only the
/// rare least-squares fallback for a Hessian that does not factor allocates).
/// </summary>
internal sealed class LogisticNewton
{
    private readonly NDArray<double> _x; // n x p, C-contiguous, read in place
    private readonly int _n, _p, _d, _m;
    private readonly bool _intercept, _softmax;
    private readonly double _invC;
    private readonly LogisticLoss _loss;
    private readonly int _cgBudget;       // most CG iterations a step may spend before it forms a fresh Hessian
    private readonly double[] _h;        // (m d)^2 Hessian, its lower triangle overwritten by the Cholesky factor
    private readonly double[] _diagonal; // the Hessian's diagonal, kept for the least-squares fallback
    private readonly LogisticHessian _hessian;

    /// <summary>Prepares a solver for X (n x p, 2-D, C-contiguous double, finite) and class indices y (n);
    /// <paramref name="cgBudget"/> overrides <see cref="CgBudget"/> (0: every step forms the Hessian), for tests.</summary>
    public LogisticNewton(NDArray<double> x, int[] y, int classes, bool fitIntercept, double c, int? cgBudget = null)
    {
        _n = (int)x.Shape[0];
        _p = (int)x.Shape[1];
        _intercept = fitIntercept;
        _d = _p + (fitIntercept ? 1 : 0);
        _softmax = classes > 2;
        _m = _softmax ? classes : 1;
        _invC = 1.0 / c;
        _x = x;
        _loss = new LogisticLoss(x, y, _m, _softmax, fitIntercept, _invC);
        int dim = Dimension;
        _h = new double[dim * dim];
        _diagonal = new double[dim];
        _hessian = new LogisticHessian(_n, _p, _m, fitIntercept);
        _cgBudget = cgBudget ?? CgBudget(_p, _d, _m);
    }

    /// <summary>Hessians formed and factored by the last <see cref="Solve"/>.</summary>
    public int HessiansFormed { get; private set; }

    /// <summary>The objective and gradient passes.</summary>
    public LogisticLoss Loss => _loss;

    /// <summary>
    /// The CG iterations that together take a quarter of the flops of forming the Hessian: a Hessian-vector product is
    /// two GEMMs of n p m multiply-adds (4 n p m flops), the Hessian m (m + 1) n d^2 (its factorization, (m d)^3 / 3, not
    /// counted). The products are bound by reading X, so in time the budget is about one Hessian (measured at
    /// 20,000 x 40, 5 classes: 15 iterations, about 1 ms each, against 13 ms for the Hessian). At most 30; below 2 (few
    /// features and classes: the Hessian costs about as much as a product) every step forms the Hessian.
    /// </summary>
    internal static int CgBudget(int p, int d, int m)
    {
        double product = 4.0 * Math.Max(1, p) * m;
        double hessian = (double)m * (m + 1) * d * d;
        int budget = (int)Math.Min(30, hessian / product / 4);
        return budget < 2 ? 0 : budget;
    }

    /// <summary>Length of theta: m blocks of d.</summary>
    public int Dimension => _m * _d;

    /// <summary>Runs Newton from theta = 0 until max |gradient| &lt;= tol or maxIter steps; returns theta, the steps
    /// taken, whether it converged and the final max |gradient|.</summary>
    /// <remarks>The first step forms and factors the Hessian. Each later step first solves H step = grad by conjugate
    /// gradients with Hessian-vector products at the current point, preconditioned by the last factored Hessian (two
    /// triangular solves): the Hessian changes less and less between steps, so CG meets the inexact-Newton tolerance
    /// ||H step - grad|| &lt;= eta ||grad||, eta = min(0.1, sqrt(||grad|| / ||grad_0||)) (superlinear convergence, order
    /// 3/2, as scikit-learn's newton-cg), in a few products that each cost two passes over X. A step forms and factors
    /// the Hessian at the current point and solves exactly instead when the last CG solve took more than half the budget
    /// (<see cref="CgBudget"/>: the preconditioner is going stale), or when CG exhausts the budget or meets non-positive
    /// curvature. The convergence test (max |gradient| &lt;= tol on the exact gradient) is the same either way.</remarks>
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
        var cg = new CgVectors(new double[dim], new double[dim], new double[dim], new double[dim]);
        double f = _loss.Evaluate(theta, probs, grad);
        double g0 = Norm(grad);
        HessiansFormed = 0;
        bool factored = false; // whether _h holds the Cholesky factor of a Hessian (the CG preconditioner)
        int lastCg = 0;        // CG iterations of the last step, 0 after a factored Hessian
        for (int iter = 0; iter < maxIter; iter++)
        {
            double gmax = MaxAbs(grad);
            if (gmax <= tol) return (theta, iter, true, gmax);
            double gnorm = Norm(grad);
            // The residual CG must reach; below 0.1 tol (2-norm, so also max-norm) a further step would not be needed.
            double target = Math.Max(Eta(gnorm / g0) * gnorm, 0.1 * tol);
            // A preconditioner that needed more than half the budget last time is going stale: refresh it now rather
            // than spend the budget and then form the Hessian anyway.
            int used = factored && 2 * lastCg <= _cgBudget ? ConjugateGradient(probs, grad, step, target, probsTrial, cg) : -1;
            if (used >= 0) lastCg = used;
            else
            {
                factored = NewtonStep(probs, grad, step, atZero: iter == 0);
                HessiansFormed++;
                lastCg = 0;
            }
            double slope = 0;
            for (int i = 0; i < dim; i++) slope += grad[i] * step[i];
            if (!(slope > 0)) return (theta, iter, false, gmax); // no descent direction left: rounding level
            double alpha = 1, fNew;
            while (true)
            {
                for (int i = 0; i < dim; i++) trial[i] = theta[i] - alpha * step[i];
                fNew = _loss.Evaluate(trial, probsTrial, gradTrial);
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

    /// <summary>The CG solve's four vectors of length m d: residual, preconditioned residual, direction, H direction.</summary>
    private readonly record struct CgVectors(double[] R, double[] Z, double[] Direction, double[] HDirection);

    /// <summary>
    /// Preconditioned conjugate gradients for H step = grad at the point of <paramref name="probs"/>, from step = 0, with
    /// M = L L^T the factored Hessian of an earlier point; returns the iterations taken when ||grad - H step||_2 &lt;=
    /// target within the budget, else -1 (also on non-positive curvature, a rounding-level breakdown, and when the budget
    /// is 0). Each iteration: one Hessian-vector product (O(n p m), <paramref name="scratch"/>'s n m as its buffer) and
    /// two triangular solves (O((m d)^2)).
    /// </summary>
    private int ConjugateGradient(double[] probs, double[] grad, double[] step, double target, double[] scratch, CgVectors v)
    {
        if (_cgBudget == 0) return -1;
        var (r, z, dir, hd) = v;
        Array.Clear(step);
        Array.Copy(grad, r, r.Length);
        SolveFactored(r, z);
        Array.Copy(z, dir, dir.Length);
        double rz = TensorPrimitives.Dot<double>(r, z);
        for (int k = 0; k < _cgBudget; k++)
        {
            _loss.HessianVector(probs, dir, hd, scratch);
            double curvature = TensorPrimitives.Dot<double>(dir, hd);
            if (!(curvature > 0)) return -1;
            double alpha = rz / curvature;
            TensorPrimitives.MultiplyAdd(dir, alpha, step, step);
            TensorPrimitives.MultiplyAdd(hd, -alpha, r, r);
            if (Norm(r) <= target) return k + 1;
            SolveFactored(r, z);
            double rzNext = TensorPrimitives.Dot<double>(r, z);
            TensorPrimitives.MultiplyAdd(dir, rzNext / rz, z, dir);
            rz = rzNext;
        }
        return -1;
    }

    /// <summary>z = (L L^T)^-1 r with the Cholesky factor L in the lower triangle of _h (row-major): a forward and a
    /// backward substitution, O((m d)^2), in place in z.</summary>
    private void SolveFactored(double[] r, double[] z)
    {
        int dim = Dimension;
        var h = _h;
        for (int i = 0; i < dim; i++)
            z[i] = (r[i] - TensorPrimitives.Dot<double>(h.AsSpan(i * dim, i), z.AsSpan(0, i))) / h[i * dim + i];
        for (int i = dim - 1; i >= 0; i--)
        {
            z[i] /= h[i * dim + i];
            var head = z.AsSpan(0, i);
            TensorPrimitives.MultiplyAdd(h.AsSpan(i * dim, i), -z[i], head, head);
        }
    }

    /// <summary>Solves H step = grad into <paramref name="step"/>: the Hessian formed into the solver's buffer and
    /// factored there in place (Cholesky), or, when it does not factor, restored and solved by least squares. Returns
    /// whether the buffer holds the Cholesky factor afterwards.</summary>
    private bool NewtonStep(double[] probs, double[] grad, double[] step, bool atZero)
    {
        int dim = Dimension;
        var h = _h;
        if (atZero) FormAtZero(h);
        else _hessian.Form(_x, probs, h);
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
            return true;
        }
        // Not positive definite: the factorization overwrote the lower triangle and diagonal; the strict upper triangle
        // still holds the Hessian, so mirror it back, restore the diagonal and solve by least squares.
        for (int i = 0; i < dim; i++)
        {
            h[i * dim + i] = _diagonal[i];
            for (int j = i + 1; j < dim; j++) h[j * dim + i] = h[i * dim + j];
        }
        Linalg.Lstsq(NDArray.Wrap(h, dim, dim), NDArray.Wrap((double[])grad.Clone(), dim)).Solution.AsReadOnlySpan().CopyTo(step);
        return false;
    }

    /// <summary>
    /// The data Hessian at theta = 0, where every probability is 1/m (1/2 for one column): the weights
    /// P_a (delta_ab - P_b) are the same for every sample, so H = K (x) G with K = I/m - 1 1^T / m^2 (1/4 for one
    /// column) and G = X1^T X1, one symmetric product of n d^2 flops instead of the general pass's m (m + 1) n d^2.
    /// G is formed in the top-left d x d corner of <paramref name="h"/> and spread from there (the blocks are written
    /// last to first, so the corner is read before it is overwritten).
    /// </summary>
    internal void FormAtZero(double[] h)
    {
        int dim = Dimension, d = _d, p = _p, m = _m;
        var xv = MatrixViews.View(_x);
        Gemm.Multiply(1.0, xv.Transposed, xv, 0.0, MatrixView<double>.Of(h, 0, p, p, dim, 1), Parallelism.Default);
        if (_intercept)
        {
            var xs = _x.AsReadOnlySpan();
            var sums = h.AsSpan(p * dim, p); // G's last row: the column sums of X, then n
            sums.Clear();
            for (int i = 0; i < _n; i++) TensorPrimitives.Add(sums, xs.Slice(i * p, p), sums);
            h[p * dim + p] = _n;
            for (int j = 0; j < p; j++) h[j * dim + p] = h[p * dim + j];
        }
        for (int a = m - 1; a >= 0; a--)
            for (int b = m - 1; b >= 0; b--)
            {
                double k = _softmax ? (a == b ? 1.0 / m : 0) - 1.0 / ((double)m * m) : 0.25;
                for (int r = 0; r < d; r++)
                    for (int c = 0; c < d; c++) h[(a * d + r) * dim + b * d + c] = k * h[r * dim + c];
            }
    }

    /// <summary>The inexact-Newton forcing term eta for ||grad|| / ||grad_0|| = <paramref name="ratio"/>.</summary>
    private static double Eta(double ratio) => Math.Min(0.1, Math.Sqrt(ratio));

    private static double Norm(double[] v) => Math.Sqrt(TensorPrimitives.Dot<double>(v, v));

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (double x in v) m = Math.Max(m, Math.Abs(x));
        return m;
    }
}
