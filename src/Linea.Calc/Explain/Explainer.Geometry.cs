using System.Numerics;
using Linea.Calc.Exact;
using static Linea.Calc.Explain.ExplainText;

namespace Linea.Calc.Explain;

public static partial class Explainer
{
    /// <summary>
    /// Explains what a 2 x 2 matrix does to the plane: the area scale |det| and whether orientation flips, the kind
    /// of map (identity, uniform or non-uniform scaling, rotation with its angle, rotation with scaling, reflection
    /// with its axis, shear with its factor, projection, other collapse onto a line, zero map, or general), the real
    /// eigenvalues with the lines through the origin that stay on themselves (or that there are none), and the image
    /// of the unit square's corners. <see cref="Explanation.Value"/> is det(A) as a scalar.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a 2 x 2 matrix.</exception>
    public static Explanation Geometry(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2 || a.Rows != 2 || a.Cols != 2)
            throw new ShapeMismatchException("geometry", [a.ShapeValue],
                $"geometry: explains 2x2 matrices (maps of the plane), got shape {a.ShapeValue}");
        var g = new PlaneMap(a);
        var steps = new List<ExplainStep>
        {
            new($"A moves each point (x, y) of the plane to A @ (x, y) = ({Linear(0, [(g.A, "x"), (g.B, "y")])}, {Linear(0, [(g.C, "x"), (g.D, "y")])}). " +
                $"Its columns show where the arrows (1, 0) and (0, 1) land: at {Point(g.A, g.C)} and {Point(g.B, g.D)}.", a),
            new(g.AreaText()),
        };
        var (kind, kindText) = g.Classify();
        steps.Add(new ExplainStep($"What kind of map: {kindText}"));
        steps.Add(new ExplainStep(g.EigenText()));
        steps.Add(new ExplainStep(g.UnitSquareText()));
        string orientation = g.Det.Sign switch { > 0 => "orientation kept", < 0 => "orientation flipped", _ => "area collapses to 0" };
        string area = g.Det.IsZero ? orientation : $"area scale {g.Det.Abs()}, {orientation}";
        return new Explanation("What the 2x2 matrix A does to the plane", steps, $"{kind}; {area}")
        {
            Value = ExactArray.Scalar(g.Det),
        };
    }

    /// <summary>The facts about one 2x2 matrix [[A, B], [C, D]] that the geometry explanation states.</summary>
    private sealed class PlaneMap(ExactArray m)
    {
        public BigRational A { get; } = m[0, 0];
        public BigRational B { get; } = m[0, 1];
        public BigRational C { get; } = m[1, 0];
        public BigRational D { get; } = m[1, 1];
        public BigRational Det => ExactLimits.Check(A * D - B * C);
        public BigRational Trace => A + D;
        private bool IsScalar => B.IsZero && C.IsZero && A == D;
        private bool IsZero => IsScalar && A.IsZero;

        public string AreaText()
        {
            var det = Det;
            string start = $"Area: det(A) = {Factor(A)}*{Factor(D)} - {Factor(B)}*{Factor(C)} = {det}. ";
            return det.Sign switch
            {
                > 0 => start + $"Every area is multiplied by |det(A)| = {det}" + (det == 1 ? " (areas are kept)" : "") +
                       ". det(A) > 0, so orientation is kept: a counterclockwise turn stays counterclockwise.",
                < 0 => start + $"Every area is multiplied by |det(A)| = {det.Abs()}" + (det == -1 ? " (areas are kept)" : "") +
                       ". det(A) < 0, so orientation flips, as in a mirror: counterclockwise becomes clockwise.",
                _ => start + "The plane is squashed onto a line or a single point, so every area becomes 0.",
            };
        }

        public (string Kind, string Text) Classify()
        {
            var det = Det;
            if (IsZero) return ("the zero map", "the zero map: every point goes to the origin (0, 0).");
            if (IsScalar && A == 1) return ("the identity", "the identity: every point stays where it is.");
            // Rotations [[c, -s], [s, c]] with c^2 + s^2 = 1 (this includes -I, the turn by 180 degrees).
            if (A == D && B == -C)
            {
                var r2 = A * A + C * C;
                string angle = Angle(A, C);
                if (r2 == 1)
                {
                    string extra = A == -1 ? " It is the same as scaling by -1: every point goes to the opposite point." : "";
                    return ($"rotation by {angle}",
                        $"a rotation by {angle} about the origin. It has the form [[cos t, -sin t], [sin t, cos t]] with cos t = {A} and sin t = {C}; " +
                        $"lengths, angles and areas stay the same.{extra}");
                }
                if (C.IsZero)
                {
                    if (A.Sign > 0)
                        return ($"uniform scaling by {A}",
                            $"a uniform scaling by {A}: every length is multiplied by {A} ({(A > 1 ? "a stretch" : "a shrink")}), and directions stay the same.");
                    return ($"uniform scaling by {A}",
                        $"a uniform scaling by {A}: every point goes to the opposite side of the origin (a turn by 180 degrees) and its distance is multiplied by {A.Abs()}.");
                }
                string r = SquareRootText(r2);
                return ($"rotation by {angle} with scaling by {r}",
                    $"a rotation by {angle} combined with a uniform scaling by sqrt({Factor(A)}^2 + {Factor(C)}^2) = {r}: shapes keep their form but turn and change size.");
            }
            // Reflections: trace 0 and det -1, so A @ A = I by Cayley-Hamilton (A^2 - trace A + det I = 0).
            if (det == -1 && Trace.IsZero)
            {
                var axis = Kernel(A - 1, B, C, D - 1);
                if (B == C)
                    return ($"reflection across {LineName(axis)}",
                        $"a reflection across {LineName(axis)}: each point is mirrored to the other side of that line; points on the line stay put.");
                var flipped = Kernel(A + 1, B, C, D + 1);
                return ("skew reflection",
                    $"a skew (oblique) reflection: points on {LineName(axis)} stay put, points on {LineName(flipped)} go to the opposite side, " +
                    "and applying it twice gives back every point (A @ A = I).");
            }
            if (B.IsZero && C.IsZero)
            {
                if (!A.IsZero && !D.IsZero)
                    return ($"non-uniform scaling (x by {A}, y by {D})",
                        $"a non-uniform scaling: x is multiplied by {A} and y by {D}{(det.Sign < 0 ? "; the negative factor also mirrors the plane" : "")}.");
            }
            // Shears: trace 2 and det 1 but not I, so (A - I)^2 = 0.
            if (Trace == 2 && det == 1)
            {
                if (C.IsZero)
                    return ($"horizontal shear with factor {B}",
                        $"a horizontal shear with factor {B}: (x, y) goes to ({Linear(0, [(1, "x"), (B, "y")])}, y). Each point slides sideways by {B} times its height; " +
                        "the x-axis stays fixed and areas are kept.");
                if (B.IsZero)
                    return ($"vertical shear with factor {C}",
                        $"a vertical shear with factor {C}: (x, y) goes to (x, {Linear(0, [(C, "x"), (1, "y")])}). Each point slides up or down by {C} times its x; " +
                        "the y-axis stays fixed and areas are kept.");
                var line = Kernel(A - 1, B, C, D - 1);
                return ("shear",
                    $"a shear along {LineName(line)}: points on that line stay fixed, every other point slides parallel to it, and areas are kept.");
            }
            if (det.IsZero)
            {
                var image = !A.IsZero || !C.IsZero ? Normalize(A, C) : Normalize(B, D);
                var nullLine = Kernel(A, B, C, D);
                if (Trace == 1)
                    return (B == C ? $"orthogonal projection onto {LineName(image)}" : $"projection onto {LineName(image)}",
                        $"a projection onto {LineName(image)}: every point slides along the direction of {LineName(nullLine)} until it lands on {LineName(image)}; " +
                        $"points already on it stay. Applying it twice is the same as once (A @ A = A)" +
                        (B == C ? "; it is orthogonal: points drop straight (perpendicularly) onto the line." : "."));
                return ($"collapse onto {LineName(image)}",
                    $"a collapse of the whole plane onto {LineName(image)} (rank 1): the points of {LineName(nullLine)} go to the origin" +
                    (Trace.IsZero ? ", and applying it twice gives the zero map (A @ A = 0)." : ". It is not a projection, since A @ A is not A."));
            }
            var disc = Trace * Trace - 4 * det;
            if (disc.Sign < 0)
                return ("general map (turns every direction)",
                    "a general linear map with no real eigenvectors: it turns every direction, like a rotation combined with stretching.");
            if (disc.IsZero)
                return ("general map (scaling with shear)",
                    $"a general linear map: a scaling by {Trace / 2} combined with a shear (one eigenvalue, only one line of eigenvectors).");
            return ("general map (stretches along two lines)",
                "a general linear map: it stretches (or flips) the plane along two different lines by different factors, given below.");
        }

        public string EigenText()
        {
            var det = Det;
            const string intro = "Lines that stay on themselves (eigenvectors): ";
            if (IsScalar)
                return intro + (A.IsZero
                    ? "every vector goes to 0 (eigenvalue 0 in every direction)."
                    : $"every line through the origin stays on itself, and every vector is multiplied by {A} (eigenvalue {A} in every direction).");
            var tr = Trace;
            var disc = tr * tr - 4 * det;
            string poly = $"the eigenvalues t solve t^2{LinearTerm(-tr, "t")}{ConstantTerm(det)} = 0";
            if (disc.Sign < 0)
                return intro + $"{poly}, whose discriminant {Factor(tr)}^2 - 4*{Factor(det)} = {disc} is negative. " +
                       "So there are no real eigenvalues and no real eigenvectors: no line through the origin stays on itself (rotation-like: every direction is turned). " +
                       ComplexRootsText(tr, disc);
            if (disc.IsZero)
            {
                var l = tr / 2;
                return intro + $"{poly}, which has the single root t = {l}. Only one line stays on itself: {LineName(Kernel(A - l, B, C, D - l))}, {Effect(l)}.";
            }
            if (TryRationalSqrt(disc, out var root))
            {
                var l1 = (tr + root) / 2;
                var l2 = (tr - root) / 2;
                return intro + $"{poly}, so t = {l1} or t = {l2}. " +
                       $"For t = {l1}: {LineName(Kernel(A - l1, B, C, D - l1))} stays on itself, {Effect(l1)}. " +
                       $"For t = {l2}: {LineName(Kernel(A - l2, B, C, D - l2))} stays on itself, {Effect(l2)}.";
            }
            double s = Math.Sqrt(disc.ToDouble()), t = tr.ToDouble();
            double e1 = (t + s) / 2, e2 = (t - s) / 2;
            return intro + $"{poly}, so t = ({tr} + sqrt({disc}))/2, about {Approx(e1)}, or t = ({tr} - sqrt({disc}))/2, about {Approx(e2)}. " +
                   $"For t = {Approx(e1)} the line through {ApproxDirection(e1)} stays on itself (points multiplied by about {Approx(e1)}); " +
                   $"for t = {Approx(e2)} the line through {ApproxDirection(e2)} stays on itself (points multiplied by about {Approx(e2)}).";
        }

        /// <summary>
        /// The conjugate pair of roots for a negative discriminant: t = (tr ± sqrt(disc))/2 = tr/2 ± (sqrt(-disc)/2)i,
        /// exact when -disc is the square of a rational, else with the root written out and an approximation.
        /// </summary>
        private static string ComplexRootsText(BigRational tr, BigRational disc)
        {
            var re = tr / 2;
            string imag, about = "";
            if (TryRationalSqrt(-disc, out var root))
            {
                var b = root / 2;
                imag = b == 1 ? "i" : b.IsInteger ? $"{b}i" : $"({b})i";
            }
            else
            {
                imag = $"(sqrt({-disc})/2)i";
                double b = Math.Sqrt((-disc).ToDouble()) / 2;
                about = re.IsZero ? $", about ±{Approx(b)}i" : $", about {Approx(re.ToDouble())} ± {Approx(b)}i";
            }
            string pair = re.IsZero ? $"±{imag}" : $"{re} ± {imag}";
            return $"Over the complex numbers the roots are t = ({Factor(tr)} ± sqrt({disc}))/2 = {pair}{about}: a conjugate pair, " +
                   "which eig(A) and eigvals(A) give as complex128 values (writing i as j) with complex eigenvectors.";
        }

        public string UnitSquareText()
        {
            string corners = $"(0, 0), {Point(A, C)}, {Point(B, D)}, {Point(A + B, C + D)}";
            var det = Det;
            string shape = det.IsZero
                ? (IsZero ? "all four corners land on the origin" : "the square is flattened onto a line segment (area 0)")
                : IsScalar && A == 1 ? "the square stays where it is"
                : $"the square becomes a parallelogram of area {det.Abs()}";
            return $"The unit square with corners (0, 0), (1, 0), (0, 1), (1, 1) goes to {corners}: {shape}.";
        }

        private static string Effect(BigRational l) =>
            l.IsZero ? "and its points are sent to the origin (eigenvalue 0)"
            : l == 1 ? "and its points stay fixed (eigenvalue 1)"
            : l == -1 ? "and its points flip to the opposite side (eigenvalue -1)"
            : $"and its points are multiplied by {l} (eigenvalue {l})";

        private string ApproxDirection(double l)
        {
            double x, y;
            if (!B.IsZero) (x, y) = (B.ToDouble(), l - A.ToDouble());
            else if (!C.IsZero) (x, y) = (l - D.ToDouble(), C.ToDouble());
            else return Math.Abs(l - A.ToDouble()) < Math.Abs(l - D.ToDouble()) ? "(1, 0)" : "(0, 1)";
            if (x != 0) (x, y) = (1, y / x);
            else y = 1;
            return $"({Approx(x)}, {Approx(y)})";
        }
    }

    /// <summary>" - 5t", " + (1/2)t" or "" for a zero coefficient.</summary>
    private static string LinearTerm(BigRational coef, string name)
    {
        if (coef.IsZero) return "";
        var m = coef.Abs();
        string body = m == 1 ? name : (m.IsInteger ? $"{m}{name}" : $"({m}){name}");
        return (coef.Sign < 0 ? " - " : " + ") + body;
    }

    private static string ConstantTerm(BigRational c) => c.IsZero ? "" : (c.Sign < 0 ? $" - {c.Abs()}" : $" + {c}");

    /// <summary>The angle of the vector (cos, sin) in degrees, exact for multiples of 90 (the only ones with rational cosine and sine).</summary>
    private static string Angle(BigRational cos, BigRational sin)
    {
        if (sin.IsZero) return cos.Sign > 0 ? "0 degrees" : "180 degrees";
        if (cos.IsZero) return sin.Sign > 0 ? "90 degrees counterclockwise" : "90 degrees clockwise";
        double deg = Math.Atan2(sin.ToDouble(), cos.ToDouble()) * 180 / Math.PI;
        return deg > 0 ? $"about {Approx(deg)} degrees counterclockwise" : $"about {Approx(-deg)} degrees clockwise";
    }

    private static string SquareRootText(BigRational x) =>
        TryRationalSqrt(x, out var r) ? r.ToString() : $"sqrt({x}) (about {Approx(Math.Sqrt(x.ToDouble()))})";

    /// <summary>Whether x = r^2 for a rational r >= 0.</summary>
    private static bool TryRationalSqrt(BigRational x, out BigRational root)
    {
        root = BigRational.Zero;
        if (x.Sign < 0) return false;
        var p = IntegerSqrt(x.Numerator);
        var q = IntegerSqrt(x.Denominator);
        if (p * p != x.Numerator || q * q != x.Denominator) return false;
        root = new BigRational(p, q);
        return true;
    }

    private static BigInteger IntegerSqrt(BigInteger n)
    {
        // floor(sqrt(n)) by Newton's method from above: O(log bits) steps for any size (the old one-step
        // correction of a double estimate crawled for large n, and overflowed past double's range).
        if (n < 2) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>A nonzero vector v with [[p, q], [r, s]] @ v = 0 for a rank-1 (or zero) matrix, in lowest integer terms.</summary>
    private static (BigRational X, BigRational Y) Kernel(BigRational p, BigRational q, BigRational r, BigRational s) =>
        !p.IsZero || !q.IsZero ? Normalize(q, -p) : (!r.IsZero || !s.IsZero ? Normalize(s, -r) : (BigRational.One, BigRational.Zero));

    /// <summary>The direction (x, y) scaled to coprime integers with the first nonzero coordinate positive.</summary>
    private static (BigRational X, BigRational Y) Normalize(BigRational x, BigRational y)
    {
        var l = ExactArray.Lcm(x.Denominator, y.Denominator);
        var xi = x.Numerator * (l / x.Denominator);
        var yi = y.Numerator * (l / y.Denominator);
        var g = BigInteger.GreatestCommonDivisor(xi, yi);
        if (g.IsZero) return (BigRational.One, BigRational.Zero);
        xi /= g;
        yi /= g;
        if (xi.Sign < 0 || xi.IsZero && yi.Sign < 0)
        {
            xi = -xi;
            yi = -yi;
        }
        return (xi, yi);
    }

    /// <summary>"the x-axis", "the y-axis", "the line y = x", "the line y = (1/2)x" for the line through the origin along v.</summary>
    private static string LineName((BigRational X, BigRational Y) v)
    {
        if (v.Y.IsZero) return "the x-axis";
        if (v.X.IsZero) return "the y-axis";
        var slope = v.Y / v.X;
        string rhs = slope == 1 ? "x" : slope == -1 ? "-x" : slope.IsInteger ? $"{slope}x" : $"({slope})x";
        return $"the line y = {rhs} (through {Point(v.X, v.Y)})";
    }
}
