using Linea.Calc.Exact;
using static Linea.Calc.Explain.ExplainText;

namespace Linea.Calc.Explain;

public static partial class Explainer
{
    /// <summary>
    /// Explains a @ b entry by entry: each entry as the dot product of a row of a and a column of b,
    /// "C[0,0] = 1*5 + 2*7 = 19" (negative numbers and fractions in parentheses). Vectors follow
    /// <see cref="ExactOps.MatMul"/>'s rules: a 1-d left operand is a row, a 1-d right operand a column.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The inner dimensions differ.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    /// <exception cref="CalcLimitException">The result has more than <see cref="MaxProductEntries"/> entries.</exception>
    public static Explanation Product(ExactArray a, ExactArray b)
    {
        var c = ExactOps.MatMul(a, b); // validates the shapes with the calculator's messages
        if (c.Count > MaxProductEntries)
            throw new CalcLimitException(
                $"explain matmul: the product has {c.Count} entries, but an explanation lists at most {MaxProductEntries} (MaxProductEntries); compute A @ B without explain");
        int m = a.Rank == 2 ? a.Rows : 1, k = a.ShapeRef[^1];
        int n = b.Rank == 2 ? b.Cols : 1;
        var steps = new List<ExplainStep>();
        string title, intro, resultName;
        if (a.Rank == 1 && b.Rank == 1)
        {
            title = $"Dot product of two vectors of length {k}";
            intro = "Multiply matching entries of a and b and add the products.";
            resultName = "a @ b";
        }
        else
        {
            resultName = a.Rank == 2 && b.Rank == 2 ? "A @ B" : (a.Rank == 2 ? "A @ b" : "a @ B");
            title = $"{(a.Rank == 2 && b.Rank == 2 ? "Matrix product" : "Matrix-vector product")} {resultName}: {Describe(a)} times {Describe(b)} gives {Describe(c)}";
            string left = a.Rank == 2 ? $"A has {k} {Plural(k, "column", "columns")}" : $"a has {k} {Plural(k, "entry", "entries")}";
            string right = b.Rank == 2 ? $"B has {k} {Plural(k, "row", "rows")}" : $"b has {k} {Plural(k, "entry", "entries")}";
            string entry = c.Rank == 2 ? "C[i,j]" : (a.Rank == 2 ? "c[i]" : "c[j]");
            string rowWord = a.Rank == 2 ? "row i of A" : "a";
            string colWord = b.Rank == 2 ? "column j of B" : "b";
            intro = $"The sizes fit: {left} and {right}. Each entry {entry} is {rowWord} times {colWord}: " +
                    $"multiply matching entries and add the {k} {Plural(k, "product", "products")}. Indices count from 0.";
        }
        steps.Add(new ExplainStep(intro));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                var terms = Enumerable.Range(0, k).Select(p => $"{Factor(a[i * k + p])}*{Factor(b[p * n + j])}");
                string sum = k == 0 ? "0 (no products to add)" : string.Join(" + ", terms);
                string name = c.Rank switch
                {
                    2 => $"C[{i},{j}]",
                    1 => a.Rank == 2 ? $"c[{i}]" : $"c[{j}]",
                    _ => "a @ b",
                };
                var value = c[i * n + j];
                steps.Add(new ExplainStep(k == 0 ? $"{name} = {sum}" : $"{name} = {sum} = {value}"));
            }
        if (c.Rank > 0) steps.Add(new ExplainStep($"Put the entries together: {resultName} =", c));
        return new Explanation(title, steps, $"{resultName} = {c.ToInlineString()}") { Value = c };
    }

    private static string Describe(ExactArray x) => x.Rank switch
    {
        0 => "a number",
        1 => $"a vector of length {x.Count}",
        _ => $"a {x.Rows}x{x.Cols} matrix",
    };
}
