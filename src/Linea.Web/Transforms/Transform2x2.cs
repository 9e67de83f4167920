namespace Linea.Web.Transforms;

/// <summary>Which directions a 2x2 matrix maps onto themselves.</summary>
public enum EigenDirections
{
    /// <summary>Complex eigenvalues (a rotation part): no real direction stays on itself.</summary>
    None,

    /// <summary>A repeated eigenvalue with a single eigen direction (a shear, a defective matrix).</summary>
    One,

    /// <summary>Two distinct real eigenvalues, each with its direction.</summary>
    Two,

    /// <summary>A multiple of the identity (including zero): every direction stays on itself.</summary>
    All,
}

/// <summary>
/// Closed-form geometry of the 2x2 matrix [[a, b], [c, d]] acting on the plane, the numbers the visual guide draws:
/// the image of the unit square, the area scale |det| and whether orientation flips, the real eigenvectors, and the
/// SVD (the unit circle becomes an ellipse with semi-axes s1 u1 and s2 u2, the images of v1 and v2).
/// The page computes the same formulas in JavaScript (wwwroot/transform2x2.js); both are tested against each other.
/// </summary>
/// <param name="A">Entry (0,0).</param>
/// <param name="B">Entry (0,1).</param>
/// <param name="C">Entry (1,0).</param>
/// <param name="D">Entry (1,1).</param>
public sealed record Transform2x2(double A, double B, double C, double D)
{
    /// <summary>Relative size below which the eigenvalue discriminant counts as zero (a repeated eigenvalue).</summary>
    public const double RepeatedTolerance = 1e-12;

    /// <summary>The determinant ad - bc: the signed factor by which areas scale.</summary>
    public double Determinant => A * D - B * C;

    /// <summary>|det|: the factor by which every area scales.</summary>
    public double AreaScale => Math.Abs(Determinant);

    /// <summary>True when det &lt; 0: the transform turns the plane over (a reflection part).</summary>
    public bool FlipsOrientation => Determinant < 0;

    /// <summary>
    /// Images of the unit square's corners (0,0), (1,0), (1,1), (0,1): (0,0), (a,c), (a+b,c+d), (b,d), i.e. the
    /// columns of the matrix span the parallelogram.
    /// </summary>
    public (double X, double Y)[] UnitSquareImage => [(0, 0), (A, C), (A + B, C + D), (B, D)];

    /// <summary>
    /// Real eigenvalues (descending) with unit eigenvectors (first nonzero component positive). For
    /// <see cref="EigenDirections.None"/> the values are empty; for <see cref="EigenDirections.All"/> the repeated value
    /// is listed twice with the axes e1, e2 as representative directions. O(1).
    /// </summary>
    public (EigenDirections Kind, double[] Values, (double X, double Y)[] Vectors) Eigen()
    {
        double halfTrace = (A + D) / 2;
        double halfDiff = (A - D) / 2;
        double disc = halfDiff * halfDiff + B * C; // = (tr/2)^2 - det without cancellation in tr^2 - 4 det
        double scale = Math.Max(Math.Max(Math.Abs(A), Math.Abs(B)), Math.Max(Math.Abs(C), Math.Abs(D)));
        if (B == 0 && C == 0 && A == D)
            return (EigenDirections.All, [A, A], [(1, 0), (0, 1)]);
        double tolerance = RepeatedTolerance * scale * scale;
        if (disc < -tolerance)
            return (EigenDirections.None, [], []);
        if (disc <= tolerance)
            return (EigenDirections.One, [halfTrace, halfTrace], [Direction(halfTrace)]);
        double root = Math.Sqrt(disc);
        double l1 = halfTrace + root, l2 = halfTrace - root;
        return (EigenDirections.Two, [l1, l2], [Direction(l1), Direction(l2)]);
    }

    /// <summary>
    /// A unit vector spanning the null space of (M - lambda I): the longer of its two rows' perpendiculars,
    /// (b, lambda - a) and (lambda - d, c), which cannot both vanish unless M = lambda I.
    /// </summary>
    private (double X, double Y) Direction(double lambda)
    {
        (double X, double Y) p = (B, lambda - A), q = (lambda - D, C);
        var v = p.X * p.X + p.Y * p.Y >= q.X * q.X + q.Y * q.Y ? p : q;
        double norm = Math.Sqrt(v.X * v.X + v.Y * v.Y);
        v = (v.X / norm, v.Y / norm);
        bool flip = v.X < 0 || (v.X == 0 && v.Y < 0);
        return flip ? (-v.X, -v.Y) : v;
    }

    /// <summary>
    /// The SVD M = U diag(s1, s2) V^T by the closed form M = Rot(phi) diag(Q+R, Q-R) Rot(theta) with
    /// E=(a+d)/2, F=(a-d)/2, G=(c+b)/2, H=(c-b)/2, Q=|(E,H)|, R=|(F,G)|, theta=(atan2(H,E)-atan2(G,F))/2,
    /// phi=(atan2(H,E)+atan2(G,F))/2; a negative Q-R flips u2. Returns s1 &gt;= s2 &gt;= 0, unit u1, u2 (left singular
    /// vectors, the ellipse's axes) and v1, v2 (right singular vectors) with M v_i = s_i u_i. O(1).
    /// </summary>
    public (double S1, double S2, (double X, double Y) U1, (double X, double Y) U2, (double X, double Y) V1, (double X, double Y) V2) Svd()
    {
        double e = (A + D) / 2, f = (A - D) / 2, g = (C + B) / 2, h = (C - B) / 2;
        double q = Math.Sqrt(e * e + h * h), r = Math.Sqrt(f * f + g * g);
        double a1 = Math.Atan2(g, f), a2 = Math.Atan2(h, e);
        double theta = (a2 - a1) / 2, phi = (a2 + a1) / 2;
        double sy = q - r;
        var u1 = (Math.Cos(phi), Math.Sin(phi));
        var u2 = sy >= 0 ? (-Math.Sin(phi), Math.Cos(phi)) : (Math.Sin(phi), -Math.Cos(phi));
        var v1 = (Math.Cos(theta), -Math.Sin(theta));
        var v2 = (Math.Sin(theta), Math.Cos(theta));
        return (q + r, Math.Abs(sy), u1, u2, v1, v2);
    }
}
