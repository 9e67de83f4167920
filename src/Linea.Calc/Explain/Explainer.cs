using Linea.Calc.Exact;

namespace Linea.Calc.Explain;

/// <summary>
/// Step-by-step explanations of exact matrix calculations, written for learners. Inputs are exact (the calculator
/// converts float input with <see cref="ExactArray.FromTensorShortest"/>); the explained result always equals the
/// result of the matching <see cref="ExactOps"/> function. Explanations are meant for small matrices: larger
/// inputs throw <see cref="CalcLimitException"/> naming the limit.
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

    /// <summary>
    /// Explains a @ b entry by entry: each entry as the dot product of a row of a and a column of b,
    /// "C[0,0] = 1*5 + 2*7 = 19". Vectors follow <see cref="ExactOps.MatMul"/>'s rules.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The inner dimensions differ.</exception>
    /// <exception cref="ArgumentException">An operand is 0-d.</exception>
    /// <exception cref="CalcLimitException">The result has more than <see cref="MaxProductEntries"/> entries.</exception>
    public static Explanation Product(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// Explains det(a): by cofactor (Laplace) expansion along the first row up to <see cref="MaxCofactorSize"/>,
    /// by row reduction to triangular form (each row operation and its effect on the determinant) up to
    /// <see cref="MaxEliminationSize"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">The matrix is larger than <see cref="MaxEliminationSize"/>.</exception>
    public static Explanation Determinant(ExactArray a) => throw new NotImplementedException();

    /// <summary>
    /// Explains inv(a) by Gauss-Jordan elimination on [A | I], showing each row operation and the augmented matrix
    /// after it; a singular matrix is detected and its rank stated (the explanation then has no <see cref="Explanation.Value"/>).
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">The matrix is larger than <see cref="MaxEliminationSize"/>.</exception>
    public static Explanation Inverse(ExactArray a) => throw new NotImplementedException();

    /// <summary>Explains the reduced row echelon form of a matrix, row operation by row operation, naming pivots and rank.</summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="CalcLimitException">The matrix has more than <see cref="MaxRowReductionSize"/> rows or columns.</exception>
    public static Explanation Rref(ExactArray a) => throw new NotImplementedException();

    /// <summary>
    /// Explains solving a @ x = b by row reduction of [A | b]: a unique solution, no solution (the inconsistent row
    /// is shown) or infinitely many (the free variables are named and the general solution given). a may be
    /// rectangular; b is a vector with one entry per row of a.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d, b is not a vector, or the lengths differ.</exception>
    /// <exception cref="CalcLimitException">a has more than <see cref="MaxRowReductionSize"/> rows or columns.</exception>
    public static Explanation Solve(ExactArray a, ExactArray b) => throw new NotImplementedException();

    /// <summary>
    /// Explains what a 2 x 2 matrix does to the plane: the area scale |det| and whether orientation flips, the kind
    /// of map (identity, uniform or non-uniform scaling, rotation with its angle, reflection with its axis, shear
    /// with its factor, projection, zero map, or general), the real eigenvalues with the lines that stay on
    /// themselves (or that there are none), and the image of the unit square's corners.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a 2 x 2 matrix.</exception>
    public static Explanation Geometry(ExactArray a) => throw new NotImplementedException();
}
