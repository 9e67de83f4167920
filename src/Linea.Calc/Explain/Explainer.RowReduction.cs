using Linea.Calc.Exact;
using static Linea.Calc.Explain.ExplainText;

namespace Linea.Calc.Explain;

public static partial class Explainer
{
    /// <summary>
    /// Explains inv(a) by Gauss-Jordan elimination on [A | I], showing each row operation ("R2 &lt;- R2 - 3*R1",
    /// "swap R1, R2", "R1 &lt;- (1/2)*R1") and the augmented matrix after it. A singular matrix is detected when a
    /// column finds no pivot, and its rank is stated; the explanation then has no <see cref="Explanation.Value"/>.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not a square matrix.</exception>
    /// <exception cref="CalcLimitException">The matrix is larger than <see cref="MaxEliminationSize"/>, or a number exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static Explanation Inverse(ExactArray a)
    {
        RequireSquareForExplain("inv", a);
        RequireAtMost("inv", a, MaxEliminationSize, nameof(MaxEliminationSize));
        int n = a.Rows;
        var steps = new List<ExplainStep>();
        string title = $"Inverse of a {n}x{n} matrix by Gauss-Jordan elimination";
        var augmented = GaussJordanAugment(a, ExactArray.Identity(n), out int cols);
        var r = new RowReducer(augmented, n, cols, n, steps);
        r.Show("Write A and the identity matrix I side by side as [A | I]. Row operations that turn the left half into I " +
               "turn the right half into inv(A), because they amount to multiplying by inv(A).");
        var (pivots, missing) = r.GaussJordan(n, stopAtMissingPivot: true);
        if (pivots.Length < n)
        {
            int rank = ExactOps.Rank(a);
            steps.Add(new ExplainStep(
                $"Column {missing + 1} has no nonzero entry from row {pivots.Length + 1} down, so it cannot get a pivot and the left half can never become I. " +
                $"A is singular: its rank (number of independent rows) is {rank}, less than {n}, so A has no inverse (and det(A) = 0)."));
            return new Explanation(title, steps, $"A is singular (rank {rank} < {n}); it has no inverse");
        }
        var inv = RightPart(r, n);
        steps.Add(new ExplainStep("The left half is now I, so the right half is inv(A):", inv));
        steps.Add(new ExplainStep("Check: A @ inv(A) = I (multiply them to see)."));
        return new Explanation(title, steps, $"inv(A) = {inv.ToInlineString()}") { Value = inv };
    }

    /// <summary>
    /// Explains the reduced row echelon form of a matrix by Gauss-Jordan elimination, row operation by row
    /// operation, then names the pivot columns and the rank.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The array is not 2-d.</exception>
    /// <exception cref="CalcLimitException">The matrix has more than <see cref="MaxRowReductionSize"/> rows or columns, or a number exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static Explanation Rref(ExactArray a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank != 2)
            throw new ShapeMismatchException("rref", [a.ShapeValue], $"rref: needs a matrix (2-d), got an array of shape {a.ShapeValue}");
        RequireAtMost("rref", a, MaxRowReductionSize, nameof(MaxRowReductionSize));
        var steps = new List<ExplainStep>();
        var r = new RowReducer(a.ToArray(), a.Rows, a.Cols, null, steps);
        r.Show("Work column by column from the left. In each column pick a pivot (a nonzero entry in the first row not yet used, " +
               "swapping rows if needed), scale its row so the pivot is 1, then subtract multiples of that row to make every other entry in the column 0.");
        var (pivots, _) = r.GaussJordan(a.Cols, stopAtMissingPivot: false);
        var result = r.Snapshot();
        string pivotText = pivots.Length == 0 ? "none" : string.Join(", ", pivots.Select(c => c + 1));
        steps.Add(new ExplainStep(
            $"Done: every pivot is 1 and is the only nonzero entry in its column, and zero rows are at the bottom. " +
            $"Pivot columns: {pivotText}; the rank of A (the number of pivots) is {pivots.Length}.", result));
        return new Explanation($"Reduced row echelon form of a {a.Rows}x{a.Cols} matrix", steps,
            $"rref(A) = {result.ToInlineString()} (pivot columns {pivotText}; rank {pivots.Length})") { Value = result };
    }

    /// <summary>
    /// Explains solving a @ x = b by row reduction of [A | b]: a unique solution, no solution (the inconsistent row
    /// is shown) or infinitely many (the free variables are named and the general solution given). a may be
    /// rectangular; b is a vector with one entry per row of a (or a one-column matrix). <see cref="Explanation.Value"/>
    /// is x when the solution is unique, else null.
    /// </summary>
    /// <exception cref="ShapeMismatchException">a is not 2-d, b is not a vector, or the lengths differ.</exception>
    /// <exception cref="CalcLimitException">a has more than <see cref="MaxRowReductionSize"/> rows or columns, or a number exceeds <see cref="ExactLimits.MaxBits"/>.</exception>
    public static Explanation Solve(ExactArray a, ExactArray b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2)
            throw new ShapeMismatchException("solve", [a.ShapeValue, b.ShapeValue], $"solve: A must be a matrix (2-d), got shape {a.ShapeValue}");
        bool column = b.Rank == 2 && b.Cols == 1;
        if (!(b.Rank == 1 || column) || b.Count != a.Rows)
            throw new ShapeMismatchException("solve", [a.ShapeValue, b.ShapeValue],
                $"solve: A of shape {a.ShapeValue} needs b to be a vector of length {a.Rows} (one entry per equation), got shape {b.ShapeValue}");
        RequireAtMost("solve", a, MaxRowReductionSize, nameof(MaxRowReductionSize));
        int m = a.Rows, n = a.Cols;
        var steps = new List<ExplainStep>();
        var equations = Enumerable.Range(0, m).Select(i =>
            $"{Linear(BigRational.Zero, Enumerable.Range(0, n).Select(j => (a[i, j], $"x{j + 1}")))} = {b[i]}");
        var augmented = GaussJordanAugment(a, b, out int cols);
        var r = new RowReducer(augmented, m, cols, n, steps);
        r.Show($"The system has {m} {Plural(m, "equation", "equations")} in {n} {Plural(n, "unknown", "unknowns")}: {string.Join("; ", equations)}. " +
               $"Write it as the augmented matrix [A | b]: one row per equation, one column per unknown, and the right-hand sides after the bar. " +
               "Row operations do not change the solutions.");
        var (pivots, _) = r.GaussJordan(n, stopAtMissingPivot: false);
        string title = $"Solving a system of {m} linear {Plural(m, "equation", "equations")} in {n} {Plural(n, "unknown", "unknowns")} by row reduction";
        // An inconsistent row: all zeros left of the bar, nonzero right of it.
        for (int i = pivots.Length; i < m; i++)
        {
            var rhs = r[i, n];
            if (rhs.IsZero) continue;
            steps.Add(new ExplainStep(
                $"Row {i + 1} now reads 0 = {rhs} (all its coefficients are 0 but its right-hand side is not). No values of the unknowns can make that true, " +
                "so the equations contradict each other: the system has no solution.", r.Snapshot()) { Divider = n });
            return new Explanation(title, steps, $"no solution (row {i + 1} of the reduced system says 0 = {rhs})");
        }
        if (pivots.Length == n)
        {
            var x = ExactArray.Vector(Enumerable.Range(0, n).Select(i => r[i, n]).ToArray());
            steps.Add(new ExplainStep(
                $"Every unknown has a pivot, so the solution is unique; read it off the right of the bar: " +
                string.Join(", ", Enumerable.Range(0, n).Select(i => $"x{i + 1} = {x[i]}")) + "."));
            steps.Add(new ExplainStep("Check: A @ x = b (substitute the values into each equation)."));
            var value = column ? ExactArray.Matrix(n, 1, x.ToArray()) : x;
            return new Explanation(title, steps, $"x = {x.ToInlineString()}") { Value = value };
        }
        var free = Enumerable.Range(0, n).Except(pivots).ToArray();
        string freeNames = string.Join(", ", free.Select(j => $"x{j + 1}"));
        var general = new List<string>();
        for (int k = 0; k < pivots.Length; k++)
            general.Add($"x{pivots[k] + 1} = {Linear(r[k, n], free.Select(j => (-r[k, j], $"x{j + 1}")))}");
        steps.Add(new ExplainStep(
            $"{Plural(free.Length, "Column", "Columns")} {string.Join(", ", free.Select(j => j + 1))} {Plural(free.Length, "has", "have")} no pivot, so " +
            $"{freeNames} {Plural(free.Length, "is a free variable", "are free variables")}: {Plural(free.Length, "it", "they")} can take any value. " +
            (pivots.Length == 0
                ? "No equation restricts anything (every row is 0 = 0), so every choice of values is a solution."
                : $"Solve each nonzero row for its pivot unknown: {string.Join("; ", general)}.") +
            " There are infinitely many solutions."));
        string generalText = pivots.Length == 0 ? "" : string.Join(", ", general) + "; ";
        return new Explanation(title, steps,
            $"infinitely many solutions: {generalText}{freeNames} free");
    }

    private static BigRational[] GaussJordanAugment(ExactArray a, ExactArray b, out int cols)
    {
        int n = a.Rows, ca = a.Cols, cb = b.Rank == 2 ? b.Cols : 1;
        cols = ca + cb;
        var m = new BigRational[n * cols];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < ca; j++) m[i * cols + j] = a[i * ca + j];
            for (int j = 0; j < cb; j++) m[i * cols + ca + j] = b[i * cb + j];
        }
        return m;
    }

    private static ExactArray RightPart(RowReducer r, int from)
    {
        int k = r.Cols - from;
        var data = new BigRational[r.Rows * k];
        for (int i = 0; i < r.Rows; i++)
            for (int j = 0; j < k; j++) data[i * k + j] = r[i, from + j];
        return ExactArray.Matrix(r.Rows, k, data);
    }
}
