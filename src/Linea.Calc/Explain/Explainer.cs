using Linea.Calc.Exact;

namespace Linea.Calc.Explain;

/// <summary>
/// Step-by-step explanations of exact matrix calculations, written for learners. Inputs are exact (the calculator
/// converts float input with <see cref="ExactArray.FromTensorShortest"/>); the explained result always equals the
/// result of the matching <see cref="ExactOps"/> function. Explanations are meant for small matrices: larger
/// inputs throw <see cref="CalcLimitException"/> naming the limit. Rows are named R1, R2, ... and columns
/// counted from 1, as in textbooks; product entries are written C[i,j] with indices from 0, as the calculator
/// indexes.
/// </summary>
public static partial class Explainer
{
    /// <summary>The most entries a product explanation lists (64: an 8 x 8 result).</summary>
    public const int MaxProductEntries = 64;

    /// <summary>The largest matrix whose determinant is explained by cofactor expansion (4 x 4); larger ones use row reduction.</summary>
    public const int MaxCofactorSize = 4;

    /// <summary>The largest square matrix whose determinant or inverse is explained (8 x 8).</summary>
    public const int MaxEliminationSize = 8;

    /// <summary>The most rows or columns (of A, before augmenting) a row-reduction explanation works on (8).</summary>
    public const int MaxRowReductionSize = 8;

    private static void RequireAtMost(string op, ExactArray a, int max, string limitName)
    {
        int rows = a.Rank == 2 ? a.Rows : 1, cols = a.Rank == 2 ? a.Cols : a.Count;
        if (rows > max || cols > max)
            throw new CalcLimitException(
                $"explain {op}: the matrix is {rows}x{cols}, but step-by-step explanations go up to {max}x{max} ({limitName}); compute {op}(...) without explain");
    }

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
