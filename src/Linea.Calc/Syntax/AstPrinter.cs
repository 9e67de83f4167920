using System.Text;

namespace Linea.Calc.Syntax;

/// <summary>
/// Prints an expression fully parenthesised, <c>((-(2 ** 2)) + (A @ B))</c>, so tests can state exactly how the
/// parser grouped it (bantam's approach). Leaves, calls, indexing and bracket literals print without extra parentheses.
/// </summary>
public static class AstPrinter
{
    /// <summary>The parenthesised form of <paramref name="expr"/>. Cost: O(size of the tree).</summary>
    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    /// <summary>The parenthesised form of a statement: <c>A = (B @ C)</c>, <c>X : (32, n)</c>, <c>explain (A @ B)</c>.</summary>
    public static string Print(Statement statement) => statement switch
    {
        ExpressionStatement s => Print(s.Expression),
        AssignmentStatement s => $"{string.Join(", ", s.Targets)} = {Print(s.Value)}",
        ShapeDeclaration s => $"{s.Name} : ({string.Join(", ", s.Dimensions.Select(Print))}{(s.Dimensions.Count == 1 ? "," : "")})",
        ExplainStatement s => $"explain {Print(s.Expression)}",
        _ => statement.ToString(),
    };

    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case NumberLiteral n: sb.Append(n.Text); break;
            case StringLiteral s: sb.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); break;
            case NameExpr n: sb.Append(n.Name); break;
            case UnaryExpr u:
                sb.Append('(').Append(OperatorText.Of(u.Operator));
                Write(sb, u.Operand);
                sb.Append(')');
                break;
            case BinaryExpr b:
                sb.Append('(');
                Write(sb, b.Left);
                sb.Append(' ').Append(OperatorText.Of(b.Operator)).Append(' ');
                Write(sb, b.Right);
                sb.Append(')');
                break;
            case TransposeExpr t:
                sb.Append('(');
                Write(sb, t.Operand);
                sb.Append(t.Kind switch { TransposeKind.T => ".T", TransposeKind.MT => ".mT", _ => "'" });
                sb.Append(')');
                break;
            case CallExpr c:
                sb.Append(c.Function).Append('(');
                for (int i = 0; i < c.Arguments.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    if (c.Arguments[i].Name is { } name) sb.Append(name).Append('=');
                    Write(sb, c.Arguments[i].Value);
                }
                sb.Append(')');
                break;
            case IndexExpr ix:
                Write(sb, ix.Target);
                sb.Append('[');
                for (int i = 0; i < ix.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteItem(sb, ix.Items[i]);
                }
                sb.Append(']');
                break;
            case ArrayLiteral a:
                sb.Append('[');
                for (int r = 0; r < a.Rows.Count; r++)
                {
                    if (r > 0) sb.Append("; ");
                    for (int i = 0; i < a.Rows[r].Count; i++)
                    {
                        if (i > 0) sb.Append(a.MatlabStyle ? " " : ", ");
                        Write(sb, a.Rows[r][i]);
                    }
                }
                sb.Append(']');
                break;
            case TupleExpr t:
                sb.Append('(');
                for (int i = 0; i < t.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, t.Items[i]);
                }
                if (t.Items.Count == 1) sb.Append(',');
                sb.Append(')');
                break;
            default: sb.Append(e.GetType().Name); break;
        }
    }

    private static void WriteItem(StringBuilder sb, IndexItem item)
    {
        switch (item)
        {
            case IndexAt at: Write(sb, at.Index); break;
            case IndexSlice s:
                if (s.Start is not null) Write(sb, s.Start);
                sb.Append(':');
                if (s.Stop is not null) Write(sb, s.Stop);
                if (s.Step is not null) { sb.Append(':'); Write(sb, s.Step); }
                break;
        }
    }
}
