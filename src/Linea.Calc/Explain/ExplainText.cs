using System.Globalization;
using System.Text;
using Linea.Calc.Exact;

namespace Linea.Calc.Explain;

/// <summary>How numbers, row operations and matrices are written in explanations.</summary>
internal static class ExplainText
{
    /// <summary>A number as written alone: "3/2", "-2".</summary>
    public static string Num(BigRational x) => x.ToString();

    /// <summary>A number as a factor of a product: negatives and fractions in parentheses, "(-2)", "(1/2)".</summary>
    public static string Factor(BigRational x) => x.Sign < 0 || !x.IsInteger ? $"({x})" : x.ToString();

    /// <summary>A row name counted from 1, as textbooks write it: "R1".</summary>
    public static string Row(int i) => $"R{i + 1}";

    /// <summary>"n x m" for a matrix, "length n" for a vector.</summary>
    public static string Size(ExactArray a) => a.Rank switch
    {
        0 => "scalar",
        1 => $"vector of length {a.Count}",
        _ => $"{a.Rows}x{a.Cols}",
    };

    /// <summary>A point "(1, 1/2)".</summary>
    public static string Point(BigRational x, BigRational y) => $"({x}, {y})";

    /// <summary>A decimal approximation with up to 4 digits after the point: "5.3723".</summary>
    public static string Approx(double x) => Math.Round(x, 4).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The operation "Rtarget &lt;- Rtarget - f*Rsource" written the way one would by hand: "R2 &lt;- R2 - 3*R1",
    /// "R2 &lt;- R2 + R1", "R3 &lt;- R3 - (1/2)*R1".
    /// </summary>
    public static string Eliminate(int target, BigRational f, int source)
    {
        string sign = f.Sign > 0 ? "-" : "+";
        var m = f.Abs();
        string times = m == BigRational.One ? "" : (m.IsInteger ? $"{m}*" : $"({m})*");
        return $"{Row(target)} <- {Row(target)} {sign} {times}{Row(source)}";
    }

    /// <summary>The operation "Ri &lt;- s*Ri": "R1 &lt;- (1/2)*R1", "R2 &lt;- -R2", "R1 &lt;- 3*R1".</summary>
    public static string Scale(int row, BigRational s)
    {
        string factor = s == -BigRational.One ? "-" : (s.IsInteger ? $"{s}*" : $"({s})*");
        return $"{Row(row)} <- {factor}{Row(row)}";
    }

    /// <summary>
    /// A linear expression c + sum(coef_k * name_k): "1 - 2*x3 + (1/2)*x4", "x3", "0". Terms with zero coefficients
    /// are left out.
    /// </summary>
    public static string Linear(BigRational constant, IEnumerable<(BigRational Coef, string Name)> terms)
    {
        var sb = new StringBuilder();
        if (!constant.IsZero) sb.Append(constant);
        foreach (var (coef, name) in terms)
        {
            if (coef.IsZero) continue;
            var m = coef.Abs();
            string body = m == BigRational.One ? name : (m.IsInteger ? $"{m}*{name}" : $"({m})*{name}");
            if (sb.Length == 0) sb.Append(coef.Sign < 0 ? "-" : "").Append(body);
            else sb.Append(coef.Sign < 0 ? " - " : " + ").Append(body);
        }
        return sb.Length == 0 ? "0" : sb.ToString();
    }

    /// <summary>A sum of terms with their values: "2 + 0 + (-2)" (negative terms after the first in parentheses).</summary>
    public static string Sum(IEnumerable<BigRational> terms) =>
        string.Join(" + ", terms.Select((t, k) => k > 0 && t.Sign < 0 ? Factor(t) : Num(t)));

    /// <summary>
    /// The lines of a matrix as it appears under a step: each row in brackets, columns right-aligned, and a bar
    /// before column <paramref name="divider"/> when given: "[ 1  2 | 1  0 ]". A vector is one row; a scalar "[ x ]".
    /// </summary>
    public static IEnumerable<string> MatrixLines(ExactArray m, int? divider)
    {
        int rows = m.Rank == 2 ? m.Rows : 1;
        int cols = m.Rank == 2 ? m.Cols : m.Count;
        if (rows == 0 || cols == 0)
        {
            yield return "[ ]";
            yield break;
        }
        var text = new string[rows, cols];
        var width = new int[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                text[i, j] = m[i * cols + j].ToString();
                width[j] = Math.Max(width[j], text[i, j].Length);
            }
        for (int i = 0; i < rows; i++)
        {
            var sb = new StringBuilder("[ ");
            for (int j = 0; j < cols; j++)
            {
                if (j > 0) sb.Append(divider == j ? " | " : "  ");
                sb.Append(text[i, j].PadLeft(width[j]));
            }
            yield return sb.Append(" ]").ToString();
        }
    }
}
