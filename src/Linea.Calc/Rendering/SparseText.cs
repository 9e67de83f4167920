using System.Globalization;
using System.Text;
using Linea.Calc.Evaluation;

namespace Linea.Calc.Rendering;

/// <summary>
/// How a sparse matrix prints, after SciPy's <c>print(csr)</c>: a summary line with the shape, the stored entries
/// and the density, then the first <see cref="MaxEntries"/> stored entries in row-major order as
/// <c>(i, j)  value</c> lines, and a last line counting the entries not shown:
/// <code>
/// sparse (3, 3) float64, nnz=3, density 0.3333
///   (0, 0)  1.0
///   (1, 1)  1.0
///   (2, 2)  1.0
/// </code>
/// </summary>
public static class SparseText
{
    /// <summary>The most stored entries listed.</summary>
    public const int MaxEntries = 10;

    /// <summary>The summary line: <c>sparse (m, n) float64, nnz=N, density D</c>.</summary>
    public static string Summary(SparseValue s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var m = s.Matrix;
        return $"sparse ({m.Rows}, {m.Columns}) float64, nnz={m.Nnz}, density {m.Density.ToString("G4", CultureInfo.InvariantCulture).Replace('E', 'e')}";
    }

    /// <summary>The summary and the first stored entries, one per line.</summary>
    public static string Render(SparseValue s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(Summary(s));
        var m = s.Matrix.ToCsr();
        var ptr = m.IndPtr;
        int shown = 0;
        for (int i = 0; i < m.Rows && shown < MaxEntries; i++)
        {
            var idx = m.IndicesOf(i);
            var val = m.ValuesOf(i);
            for (int k = 0; k < idx.Length && shown < MaxEntries; k++, shown++)
                sb.Append($"\n  ({i}, {idx[k]})  {NumberFormat.Double(val[k])}");
        }
        long rest = ptr[^1] - shown;
        if (rest > 0) sb.Append($"\n  ... {rest} more stored entr{(rest == 1 ? "y" : "ies")}");
        return sb.ToString();
    }
}
