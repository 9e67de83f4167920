using System.Numerics;

namespace Linea;

/// <summary>
/// The polynomial filter p(A) = T_d((s A - c I) / e) / T_d(z0) as an operator: T_d the Chebyshev polynomial of degree
/// d, s = +1 for the top of the spectrum and -1 for the bottom, so that the unwanted interval [lo, hi] of s lambda maps
/// into [-1, 1] (|p| small there) and everything beyond hi grows fast and monotonically. Lanczos on p(A) has the same
/// eigenvectors as on A with the wanted end spread apart, so each Lanczos step (one full reorthogonalization) buys d
/// products with A: the trade that pays when the products are cheap and the basis is long. The scaling by T_d(z0)
/// (z0 the image of the top estimate) keeps values near 1. Applying costs d products with A and 3 vectors of work.
/// </summary>
internal sealed class ChebyshevFilter<T>(ILinearOperator<T> a, int degree, double sign, double lo, double hi, double top)
    : ILinearOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _y0 = new T[a.Rows], _y1 = new T[a.Rows], _t = new T[a.Rows];
    private readonly T _c = T.CreateTruncating((hi + lo) / 2), _e = T.CreateTruncating((hi - lo) / 2), _s = T.CreateTruncating(sign);
    private readonly T _scale = T.CreateTruncating(1 / ChebyshevAt(degree, (top - (hi + lo) / 2) / ((hi - lo) / 2)));

    public int Rows => a.Rows;
    public int Columns => a.Rows;
    public bool HasRmatvec => true;

    /// <summary>The filter's degree: products with A per application.</summary>
    public int Degree => degree;

    /// <summary>T_d(x) for real x (cosh form outside [-1, 1]).</summary>
    public static double ChebyshevAt(int d, double x) =>
        Math.Abs(x) <= 1 ? Math.Cos(d * Math.Acos(x)) : (x > 0 ? 1 : (d % 2 == 0 ? 1 : -1)) * Math.Cosh(d * Math.Acosh(Math.Abs(x)));

    public void Matvec(ReadOnlySpan<T> x, Span<T> y)
    {
        int n = a.Rows;
        // y0 = x, y1 = (s A x - c x) / e, y_{j+1} = 2 (s A y_j - c y_j) / e - y_{j-1}.
        x.CopyTo(_y0);
        a.Matvec(x, _t);
        T inv = T.One / _e, two = T.CreateTruncating(2) / _e;
        for (int i = 0; i < n; i++) _y1[i] = (_s * _t[i] - _c * x[i]) * inv;
        var prev = _y0; var cur = _y1;
        for (int j = 1; j < degree; j++)
        {
            a.Matvec(cur, _t);
            for (int i = 0; i < n; i++) prev[i] = (_s * _t[i] - _c * cur[i]) * two - prev[i];
            (prev, cur) = (cur, prev);
        }
        for (int i = 0; i < n; i++) y[i] = cur[i] * _scale;
    }

    public void Rmatvec(ReadOnlySpan<T> x, Span<T> y) => Matvec(x, y);
}
