using System.Text;

namespace Linea.Calc.Exact;

public sealed partial class ExactArray
{
    /// <summary>
    /// NumPy-like text with exact numbers (<see cref="BigRational.ToString"/>). A scalar prints as the number
    /// ("3/2"), a vector on one line ("[1, -2, 3/2]"), a matrix one row per line with each column right-aligned:
    /// <code>
    /// [[ -2,    1],
    ///  [3/2, -1/2]]
    /// </code>
    /// An empty vector or matrix prints as "[]". <see cref="ToInlineString"/> gives the one-line form.
    /// </summary>
    public override string ToString() => Format(multiline: true);

    /// <summary>The one-line form: "[[-2, 1], [3/2, -1/2]]", "[1, 2]", "3/2".</summary>
    public string ToInlineString() => Format(multiline: false);

    private string Format(bool multiline)
    {
        if (Rank == 0) return _data[0].ToString();
        if (Rank == 1) return "[" + string.Join(", ", _data.Select(x => x.ToString())) + "]";
        int rows = _shape[0], cols = _shape[1];
        if (rows == 0) return "[]";
        var text = new string[rows, cols];
        var width = new int[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                text[i, j] = _data[i * cols + j].ToString();
                width[j] = Math.Max(width[j], text[i, j].Length);
            }
        var sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++)
        {
            if (i > 0) sb.Append(multiline ? ",\n " : ", ");
            sb.Append('[');
            for (int j = 0; j < cols; j++)
            {
                if (j > 0) sb.Append(", ");
                sb.Append(multiline ? text[i, j].PadLeft(width[j]) : text[i, j]);
            }
            sb.Append(']');
        }
        return sb.Append(']').ToString();
    }
}
