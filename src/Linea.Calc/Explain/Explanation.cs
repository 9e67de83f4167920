using System.Text;
using Linea.Calc.Exact;

namespace Linea.Calc.Explain;

/// <summary>
/// One step of an explanation: a sentence and, optionally, the matrix it produced (for example the augmented
/// matrix after a row operation).
/// </summary>
/// <param name="Text">The step in words, for a learner: "R2 &lt;- R2 - 3*R1 (clear the entry below the pivot)".</param>
/// <param name="Matrix">The matrix to show under the text, or null.</param>
public sealed record ExplainStep(string Text, ExactArray? Matrix = null)
{
    /// <summary>
    /// When set, <see cref="Matrix"/> is an augmented matrix [A | B] and a bar is drawn before this zero-based column.
    /// </summary>
    public int? Divider { get; init; }
}

/// <summary>
/// A worked explanation of one calculation: a title, numbered steps and the result in words.
/// <see cref="ToText"/> renders it for a terminal.
/// </summary>
/// <param name="Title">What is being computed: "Determinant of a 3x3 matrix by cofactor expansion".</param>
/// <param name="Steps">The steps in order.</param>
/// <param name="Result">The outcome in words: "det(A) = -1".</param>
public sealed record Explanation(string Title, IReadOnlyList<ExplainStep> Steps, string Result)
{
    /// <summary>The exact result value when the calculation has one (a product, a determinant as a scalar, an inverse, a unique solution), else null.</summary>
    public ExactArray? Value { get; init; }

    /// <summary>
    /// Plain text: the title, then "1. ..." numbered steps with each matrix indented below its step (augmented
    /// matrices with a | bar), then the result. Lines end with '\n'.
    /// </summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(Title).Append('\n').Append('\n');
        for (int k = 0; k < Steps.Count; k++)
        {
            string number = $"{k + 1}. ";
            var step = Steps[k];
            sb.Append(number).Append(step.Text).Append('\n');
            if (step.Matrix is null) continue;
            string indent = new(' ', number.Length + 2);
            foreach (var line in ExplainText.MatrixLines(step.Matrix, step.Divider))
                sb.Append(indent).Append(line).Append('\n');
        }
        sb.Append('\n').Append("Result: ").Append(Result).Append('\n');
        return sb.ToString();
    }
}
