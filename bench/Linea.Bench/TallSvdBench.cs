using System.Diagnostics;
using System.Globalization;

namespace Linea.Bench;

/// <summary>
/// The tall-skinny SVD lines of the <c>lapack</c> runner (<c>--ops svdtall</c>, shapes from <c>--svd-shapes</c>,
/// default 20000x300 (the PCA shape of issue #21) and 200000x100): <c>Linalg.Svd(a, fullMatrices: false)</c>, which
/// takes the TSQR path for m &gt;= 8 n, beside the same call on the general path (blocked QR first; TSQR switched off
/// through SvdParams) and OpenBLAS's dgesdd with jobz 'S' on a column-major copy (the copy timed, as NumPy's svd
/// makes one). Samples of the three interleaved after a warm-up; best of <c>--samples</c>. Line:
/// <c>lapack op=svd_tall shape=20000x300 dtype=float64 threads=2 linea_s=.. general_s=.. openblas_s=.. ratio=.. ratio_general=..</c>
/// with ratio = openblas_s / linea_s and ratio_general = general_s / linea_s.
/// </summary>
internal static class TallSvdBench
{
    public static IEnumerable<string> Run(string[] shapes, int threads, int samples)
    {
        var c = CultureInfo.InvariantCulture;
        var general = SvdParams.Auto with { TallSkinny = new TallSkinnyQrParams(0, 16, int.MaxValue / 4) };
        foreach (var shape in shapes)
        {
            var parts = shape.Split('x');
            int m = int.Parse(parts[0], c), n = int.Parse(parts[1], c);
            var a = NDArray.Normal([m, n], 0.0, 1.0, 7);
            var data = a.ToArray();
            Action linea = () => _ = new SvdDecomposition<double>(a, fullMatrices: false);
            Action gen = () => _ = new SvdDecomposition<double>(a, fullMatrices: false, parameters: general);
            Action? native = OpenBlasSpectral.Available
                ? () =>
                {
                    // Row-major m x n data read as column-major n x m: gesdd of A^T, the same singular values (as NumPy).
                    var copy = (double[])data.Clone();
                    OpenBlasSpectral.Gesdd(true, n, m, copy, new double[n], reduced: true);
                }
                : null;
            linea(); gen(); native?.Invoke();
            double tl = double.MaxValue, tg = double.MaxValue, tn = double.MaxValue;
            for (int s = 0; s < samples; s++)
            {
                tl = Math.Min(tl, Time(linea));
                tg = Math.Min(tg, Time(gen));
                if (native is not null) tn = Math.Min(tn, Time(native));
            }
            string ob = native is null ? "na" : tn.ToString("F4", c), ratio = native is null ? "na" : (tn / tl).ToString("F2", c);
            yield return FormattableString.Invariant(
                $"lapack op=svd_tall shape={m}x{n} dtype=float64 threads={threads} linea_s={tl:F4} general_s={tg:F4} openblas_s={ob} ratio={ratio} ratio_general={tg / tl:F2} openblas_core={OpenBlasLapack.Core}");
        }
    }

    private static double Time(Action run)
    {
        Thread.Sleep(200);
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed.TotalSeconds;
    }
}
