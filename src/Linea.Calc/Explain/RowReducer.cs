using Linea.Calc.Exact;
using static Linea.Calc.Explain.ExplainText;

namespace Linea.Calc.Explain;

/// <summary>
/// Exact row operations on a (possibly augmented) matrix that write each operation, with the matrix after it, as an
/// explanation step. Every new number is checked against <see cref="ExactLimits.MaxBits"/>.
/// </summary>
internal sealed class RowReducer
{
    private readonly BigRational[] _m;

    public RowReducer(BigRational[] rowMajor, int rows, int cols, int? divider, List<ExplainStep> steps)
    {
        _m = rowMajor;
        Rows = rows;
        Cols = cols;
        Divider = divider;
        Steps = steps;
    }

    public int Rows { get; }
    public int Cols { get; }
    public int? Divider { get; }
    public List<ExplainStep> Steps { get; }

    public BigRational this[int i, int j] => _m[i * Cols + j];

    /// <summary>A copy of the current matrix.</summary>
    public ExactArray Snapshot() => ExactArray.Matrix(Rows, Cols, _m);

    /// <summary>Adds a step showing the current matrix.</summary>
    public void Show(string text) => Steps.Add(new ExplainStep(text, Snapshot()) { Divider = Divider });

    public void Swap(int a, int b, string? why)
    {
        for (int j = 0; j < Cols; j++) (_m[a * Cols + j], _m[b * Cols + j]) = (_m[b * Cols + j], _m[a * Cols + j]);
        if (why is not null) Show($"swap {Row(a)}, {Row(b)} ({why})");
    }

    public void ScaleRow(int r, BigRational s, string? why)
    {
        for (int j = 0; j < Cols; j++) _m[r * Cols + j] = ExactLimits.Check(_m[r * Cols + j] * s);
        if (why is not null) Show($"{Scale(r, s)} ({why})");
    }

    /// <summary>R_target &lt;- R_target - f * R_source.</summary>
    public void Subtract(int target, BigRational f, int source, string? why)
    {
        for (int j = 0; j < Cols; j++)
        {
            var v = _m[source * Cols + j];
            if (!v.IsZero) _m[target * Cols + j] = ExactLimits.Check(_m[target * Cols + j] - f * v);
        }
        if (why is not null) Show($"{Eliminate(target, f, source)} ({why})");
    }

    /// <summary>The first row at or below <paramref name="from"/> with a nonzero entry in column <paramref name="c"/>, or -1.</summary>
    public int FindPivot(int c, int from)
    {
        for (int p = from; p < Rows; p++)
            if (!this[p, c].IsZero) return p;
        return -1;
    }

    /// <summary>
    /// Gauss-Jordan elimination to reduced row echelon form with pivots sought in the first
    /// <paramref name="pivotColumns"/> columns, one step per row operation. A column without a pivot gets a step
    /// saying so, or ends the reduction when <paramref name="stopAtMissingPivot"/> is set. Returns the pivot columns
    /// and the first column that had no pivot (-1 if none).
    /// </summary>
    public (int[] Pivots, int MissingPivot) GaussJordan(int pivotColumns, bool stopAtMissingPivot)
    {
        var pivots = new List<int>();
        int missing = -1;
        int r = 0;
        for (int c = 0; c < pivotColumns && r < Rows; c++)
        {
            int p = FindPivot(c, r);
            if (p < 0)
            {
                if (missing < 0) missing = c;
                if (stopAtMissingPivot) return ([.. pivots], missing);
                Steps.Add(new ExplainStep(
                    $"Column {c + 1} has no nonzero entry from row {r + 1} down, so it gets no pivot; move on."));
                continue;
            }
            if (p != r) Swap(r, p, $"bring a nonzero entry into the pivot position, row {r + 1} of column {c + 1}");
            var pivot = this[r, c];
            if (pivot != BigRational.One)
                ScaleRow(r, pivot.Reciprocal(), $"divide by the pivot {pivot} to make it 1");
            for (int i = 0; i < Rows; i++)
            {
                if (i == r) continue;
                var f = this[i, c];
                if (f.IsZero) continue;
                Subtract(i, f, r, $"clear the {f} {(i > r ? "below" : "above")} the pivot in column {c + 1}");
            }
            pivots.Add(c);
            r++;
        }
        return ([.. pivots], missing);
    }
}
