using Linea.Calc.Exact;
using static Linea.Calc.Explain.ExplainText;

namespace Linea.Calc.Explain;

public static partial class Explainer
{
    /// <summary>
    /// Explains det(a): the a*d - b*c rule for 2 x 2, cofactor (Laplace) expansion along the first row up to
    /// <see cref="MaxCofactorSize"/> (each minor shown with its sign and its own determinant worked out), and
    /// row reduction to triangular form (each row operation and its effect on the determinant) up to
    /// <see cref="MaxEliminationSize"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">The matrix is larger than <see cref="MaxEliminationSize"/>, or a number exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static Explanation Determinant(ExactArray a)
    {
        RequireSquareForExplain("det", a);
        RequireAtMost("det", a, MaxEliminationSize, nameof(MaxEliminationSize));
        int n = a.Rows;
        var steps = new List<ExplainStep>();
        BigRational det;
        string title;
        switch (n)
        {
            case 0:
                title = "Determinant of the empty (0x0) matrix";
                det = BigRational.One;
                steps.Add(new ExplainStep("By convention the 0x0 matrix has determinant 1 (a product of no numbers is 1)."));
                break;
            case 1:
                title = "Determinant of a 1x1 matrix";
                det = a[0, 0];
                steps.Add(new ExplainStep($"A 1x1 matrix [a] has determinant a, so det(A) = {det}.", a));
                break;
            case 2:
                title = "Determinant of a 2x2 matrix";
                steps.Add(new ExplainStep(
                    "For a 2x2 matrix [[a, b], [c, d]], det = a*d - b*c: the product down the main diagonal minus the product down the other diagonal.", a));
                var (expr, value) = Det2(a);
                det = value;
                steps.Add(new ExplainStep($"det(A) = {expr}"));
                break;
            default:
                if (n <= MaxCofactorSize)
                {
                    title = $"Determinant of a {n}x{n} matrix by cofactor expansion along the first row";
                    det = CofactorExpansion(a, steps);
                }
                else
                {
                    title = $"Determinant of a {n}x{n} matrix by row reduction";
                    det = TriangularReduction(a, steps);
                }
                break;
        }
        if (n > 0)
            steps.Add(new ExplainStep(det.IsZero
                ? $"det(A) = 0, so A is singular: it has no inverse, and it squashes space flat ({(n == 2 ? "areas" : "volumes")} become 0)."
                : $"det(A) = {det} is not 0, so A is invertible; it scales {(n == 2 ? "areas" : "volumes")} by |det(A)| = {det.Abs()}{(det.Sign < 0 ? " and flips orientation" : "")}."));
        return new Explanation(title, steps, $"det(A) = {det}") { Value = ExactArray.Scalar(det) };
    }

    private static void RequireSquareForExplain(string op, ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2 || a.Rows != a.Cols)
            throw new ShapeMismatchException(op, [a.ShapeValue],
                $"{op}: needs a square matrix, got {(a.Rank == 2 ? $"shape {a.ShapeValue} ({a.Rows} rows, {a.Cols} columns)" : $"an array of shape {a.ShapeValue}")}");
    }

    /// <summary>"1*4 - 2*3 = 4 - 6 = -2" for a 2x2 matrix, and the value.</summary>
    private static (string Text, BigRational Value) Det2(ExactArray m)
    {
        var ad = ExactLimits.Check(m[0, 0] * m[1, 1]);
        var bc = ExactLimits.Check(m[0, 1] * m[1, 0]);
        var value = ExactLimits.Check(ad - bc);
        return ($"{Factor(m[0, 0])}*{Factor(m[1, 1])} - {Factor(m[0, 1])}*{Factor(m[1, 0])} = {ad} - {Factor(bc)} = {value}", value);
    }

    /// <summary>The inner part of a 2x2 determinant without the result: "3*1 - 2*1".</summary>
    private static string Det2Formula(ExactArray m) =>
        $"{Factor(m[0, 0])}*{Factor(m[1, 1])} - {Factor(m[0, 1])}*{Factor(m[1, 0])}";

    /// <summary>A determinant of size 1 to 3 worked out in one line: "2*(3*1 - 2*1) - 0*(...) + 1*(...) = 2*1 - 0*(-1) + 1*(-2) = 0".</summary>
    private static (string Text, BigRational Value) SmallDet(ExactArray m)
    {
        switch (m.Rows)
        {
            case 1:
                return ($"{m[0, 0]}", m[0, 0]);
            case 2:
                return Det2(m);
            default:
                var formulas = new List<string>();
                var values = new List<string>();
                var total = BigRational.Zero;
                for (int j = 0; j < 3; j++)
                {
                    var minor = ExactOps.Submatrix(m, 0, j);
                    var d = ExactLimits.Check(minor[0, 0] * minor[1, 1] - minor[0, 1] * minor[1, 0]);
                    string sign = j == 1 ? " - " : (j == 0 ? "" : " + ");
                    formulas.Add($"{sign}{Factor(m[0, j])}*({Det2Formula(minor)})");
                    values.Add($"{sign}{Factor(m[0, j])}*{Factor(d)}");
                    var term = ExactLimits.Check(m[0, j] * d);
                    total = ExactLimits.Check(j == 1 ? total - term : total + term);
                }
                return ($"{string.Concat(formulas)} = {string.Concat(values)} = {total}", total);
        }
    }

    private static BigRational CofactorExpansion(ExactArray a, List<ExplainStep> steps)
    {
        int n = a.Rows;
        steps.Add(new ExplainStep(
            "Expand along the first row: det(A) is the sum of sign * entry * minor over the entries of row 1. The minor of an entry is the " +
            "determinant of the smaller matrix left after crossing out the entry's row and column; the signs alternate " +
            string.Join(" ", Enumerable.Range(0, n).Select(j => j % 2 == 0 ? "+" : "-")) + " along the row.", a));
        var terms = new List<BigRational>();
        for (int j = 0; j < n; j++)
        {
            var entry = a[0, j];
            string sign = j % 2 == 0 ? "+" : "-";
            if (entry.IsZero)
            {
                steps.Add(new ExplainStep($"Column {j + 1}: the entry is 0, so this term is 0 whatever its minor is."));
                terms.Add(BigRational.Zero);
                continue;
            }
            var minor = ExactOps.Submatrix(a, 0, j);
            var (text, d) = SmallDet(minor);
            var term = ExactLimits.Check(j % 2 == 0 ? entry * d : -(entry * d));
            terms.Add(term);
            steps.Add(new ExplainStep(
                $"Column {j + 1}: entry {entry}, sign {sign}. Cross out row 1 and column {j + 1} to get the minor M1{j + 1} (below); " +
                $"det(M1{j + 1}) = {text}. Term: {sign}{Factor(entry)}*{Factor(d)} = {term}.", minor));
        }
        var det = BigRational.Zero;
        foreach (var t in terms) det = ExactLimits.Check(det + t);
        steps.Add(new ExplainStep($"Add the terms: det(A) = {Sum(terms)} = {det}"));
        return det;
    }

    private static BigRational TriangularReduction(ExactArray a, List<ExplainStep> steps)
    {
        int n = a.Rows;
        var r = new RowReducer(a.ToArray(), n, n, null, steps);
        steps.Add(new ExplainStep(
            $"Cofactor expansion of a {n}x{n} matrix has too many terms to write out, so reduce A to upper triangular form (zeros below the diagonal). " +
            "Adding a multiple of one row to another does not change the determinant; swapping two rows flips its sign. " +
            "The determinant of a triangular matrix is the product of its diagonal.", a));
        int swaps = 0;
        for (int c = 0; c < n - 1; c++)
        {
            int p = r.FindPivot(c, c);
            if (p < 0)
            {
                steps.Add(new ExplainStep(
                    $"Column {c + 1} has no nonzero entry on or below the diagonal, so the triangular form has a 0 on its diagonal and the product of the diagonal is 0: det(A) = 0."));
                return BigRational.Zero;
            }
            if (p != c)
            {
                swaps++;
                r.Swap(c, p, $"the diagonal entry of column {c + 1} is 0; a swap flips the sign of the determinant: {swaps} {Plural(swaps, "swap", "swaps")} so far");
            }
            var pivot = r[c, c];
            var ops = new List<string>();
            for (int i = c + 1; i < n; i++)
            {
                var f = ExactLimits.Check(r[i, c] / pivot);
                if (f.IsZero) continue;
                ops.Add(Eliminate(i, f, c));
                r.Subtract(i, f, c, null);
            }
            if (ops.Count > 0)
                r.Show($"{string.Join(", ", ops)} (clear column {c + 1} below the pivot {pivot}; the determinant does not change)");
        }
        var diagonal = Enumerable.Range(0, n).Select(i => r[i, i]).ToList();
        var product = BigRational.One;
        foreach (var d in diagonal) product = ExactLimits.Check(product * d);
        string productText = string.Join(" * ", diagonal.Select(Factor));
        steps.Add(new ExplainStep($"The matrix is upper triangular. The product of its diagonal is {productText} = {product}."));
        var det = swaps % 2 == 0 ? product : -product;
        steps.Add(new ExplainStep(swaps == 0
            ? $"No rows were swapped, so det(A) = {det}."
            : $"{swaps} {Plural(swaps, "swap", "swaps")} flipped the sign {swaps} {Plural(swaps, "time", "times")}, so det(A) = (-1)^{swaps} * {Factor(product)} = {det}."));
        return det;
    }
}
