using System.Globalization;
using Linea.ML;

namespace Linea.Examples.HousePrices;

/// <summary>The figures the example prints, for the test that runs it.</summary>
public sealed record HousePricesResult(
    double[] Weights, double Intercept, double RSquared, double Prediction,
    double ConditionWithTotal, double NormalEquationsRCond, int LstsqRank, string? LstsqWarning, double[] LstsqWeights,
    double LstsqPrediction, double[] RidgeWeights, double RidgePrediction,
    double ConditionRecordedTotal, double[] OlsRecordedWeights, double OlsRecordedSwing,
    double[] RidgeRecordedWeights, double RidgeRecordedSwing, double RidgeRecordedPrediction);

/// <summary>
/// Linear regression of house prices on (bedrooms, sqft, age); then what a redundant feature, total = bedrooms + sqft +
/// age, does to least squares (exactly redundant, and as recorded with small slips), and how Ridge behaves.
/// </summary>
public static class HousePricesExample
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The course's house: 3 bedrooms, 1,800 sqft, 15 years old.</summary>
    public static readonly double[] CourseHouse = [3, 1800, 15];

    /// <summary>Ridge's penalty, applied to standardised features (each column scaled to mean 0, variance 1).</summary>
    public const double RidgeAlpha = 1.0;

    /// <summary>Runs the example on the CSV at <paramref name="csvPath"/> and prints `name: value` lines to <paramref name="output"/>.</summary>
    public static HousePricesResult Run(string csvPath, TextWriter output)
    {
        var (data, header) = Csv.ReadWithHeader<double>(csvPath);
        var x = data[.., ..3].Contiguous();
        var y = data[.., 3].Contiguous();
        int n = (int)x.Shape[0];
        var house = NDArray.FromArray(CourseHouse).Reshape(1, 3);
        Line(output, "samples", n.ToString(Inv));
        Line(output, "features", string.Join(" ", header[..3]));

        // 1. Least squares on the three features.
        var ols = new LinearRegression<double>().Fit(x, y);
        var w = ols.Coefficients.ToArray();
        Line(output, "weights", Join(w));
        Line(output, "standard_errors", Join(ols.StandardErrors.ToArray()));
        Line(output, "intercept", F(ols.Intercept));
        Line(output, "r_squared", ols.RSquared.ToString("F4", Inv));
        Line(output, "residual_sd", F(ols.ResidualStandardDeviation));
        double prediction = ols.Predict(house)[0];
        Line(output, "prediction_3bed_1800sqft_15yr", F(prediction));
        var fitted = ols.Predict(x).ToArray();
        for (int i = 0; i < 3; i++)
            Line(output, $"sale_{i}", $"{x[i, 0]} bed, {x[i, 1]} sqft, {x[i, 2]} yr: price {F(y[i])}, predicted {F(fitted[i])}");

        // 2. An exactly redundant feature: total = bedrooms + sqft + age. Only w_i + w_total is determined by the data.
        var total = x.Sum(1).Reshape(-1, 1);
        var x4 = NDArray.HStack(x, total);
        var house4 = NDArray.HStack(house, house.Sum(1).Reshape(1, 1));
        var design = NDArray.ColumnStack(NDArray.Ones<double>(n), x4);
        double cond = Linalg.Cond(design);
        Line(output, "cond_with_total", cond.ToString("E2", Inv));
        // The normal equations: X^T X is singular (its integer entries are exact), yet LU meets no exactly zero pivot;
        // the "solution" is one of infinitely many, picked by rounding. Its reciprocal condition number says so.
        var lu = design.T.MatMul(design).Lu();
        double rcond = lu.RCond;
        Line(output, "normal_equations_rcond", rcond.ToString("E2", Inv));
        if (!lu.IsSingular)
            Line(output, "normal_equations_weights", Join(lu.Solve(design.T.MatMul(y)).ToArray()[1..]));
        var lstsq = new LinearRegression<double>().Fit(x4, y);
        Line(output, "lstsq_rank", lstsq.Rank.ToString(Inv));
        Line(output, "lstsq_warning", lstsq.Warning ?? "none");
        Line(output, "lstsq_weights", Join(lstsq.Coefficients.ToArray()));
        double lstsqPrediction = lstsq.Predict(house4)[0];
        Line(output, "lstsq_prediction", F(lstsqPrediction));
        var (ridgeW, ridgeB) = StandardisedRidge(x4, y);
        Line(output, "ridge_alpha", RidgeAlpha.ToString(Inv));
        Line(output, "ridge_weights", Join(ridgeW));
        double ridgePrediction = Predict(ridgeW, ridgeB, CourseHouse.Append(CourseHouse.Sum()).ToArray());
        Line(output, "ridge_prediction", F(ridgePrediction));

        // 3. Nearly redundant, as data really arrive: the total as recorded, off by -1, 0 or +1 sqft from the exact sum.
        // X now has full rank, and plain least squares uses those slips to chase the noise.
        var slips = NDArray.FromArray(Enumerable.Range(0, n).Select(i => (double)(i % 3 - 1)).ToArray()).Reshape(-1, 1);
        var xRec = NDArray.HStack(x, total + slips);
        double condRec = Linalg.Cond(NDArray.ColumnStack(NDArray.Ones<double>(n), xRec));
        Line(output, "cond_with_recorded_total", condRec.ToString("E2", Inv));
        var olsRec = new LinearRegression<double>().Fit(xRec, y);
        var olsRecW = olsRec.Coefficients.ToArray();
        Line(output, "ols_weights_recorded_total", Join(olsRecW));
        Line(output, "ols_standard_errors_recorded_total", Join(olsRec.StandardErrors.ToArray()));
        double olsSwing = LeaveOneOutSwing(xRec, y, (xs, ys) => new LinearRegression<double>().Fit(xs, ys).Coefficients.ToArray(), olsRecW);
        Line(output, "ols_sqft_weight_change_leaving_one_sale_out", F(olsSwing));
        var (ridgeRecW, ridgeRecB) = StandardisedRidge(xRec, y);
        Line(output, "ridge_weights_recorded_total", Join(ridgeRecW));
        double ridgeSwing = LeaveOneOutSwing(xRec, y, (xs, ys) => StandardisedRidge(xs, ys).W, ridgeRecW);
        Line(output, "ridge_sqft_weight_change_leaving_one_sale_out", F(ridgeSwing));
        double ridgeRecPrediction = Predict(ridgeRecW, ridgeRecB, CourseHouse.Append(CourseHouse.Sum()).ToArray());
        Line(output, "ridge_prediction_recorded_total", F(ridgeRecPrediction));

        return new HousePricesResult(w, ols.Intercept, ols.RSquared, prediction, cond, rcond, lstsq.Rank, lstsq.Warning,
            lstsq.Coefficients.ToArray(), lstsqPrediction, ridgeW, ridgePrediction,
            condRec, olsRecW, olsSwing, ridgeRecW, ridgeSwing, ridgeRecPrediction);
    }

    /// <summary>Ridge on standardised columns (so that one alpha treats bedrooms and square feet alike), with the
    /// weights mapped back to dollars per original unit: w = w_std / sd, b = b_std - mean . w.</summary>
    public static (double[] W, double B) StandardisedRidge(NDArray<double> x, NDArray<double> y)
    {
        var mean = x.Mean(0);
        var sd = x.Std(0);
        var model = new Ridge<double>(RidgeAlpha).Fit((x - mean) / sd, y);
        var w = model.Coefficients / sd;
        return (w.ToArray(), model.Intercept - NDArray.Dot(mean, w));
    }

    /// <summary>The largest change of the sqft weight (index 1) when one sale is left out of the fit.</summary>
    private static double LeaveOneOutSwing(NDArray<double> x, NDArray<double> y, Func<NDArray<double>, NDArray<double>, double[]> fit, double[] full)
    {
        double swing = 0;
        for (int i = 0; i < x.Shape[0]; i++)
        {
            var keep = Enumerable.Range(0, (int)x.Shape[0]).Where(r => r != i).ToArray();
            var xs = NDArray.VStack(keep.Select(r => x[r.., ..][..1, ..]).ToArray());
            var ys = NDArray.FromArray(keep.Select(r => y[r]).ToArray());
            var wi = fit(xs, ys);
            swing = Math.Max(swing, Math.Abs(wi[1] - full[1]));
        }
        return swing;
    }

    private static double Predict(double[] w, double b, double[] features) => b + w.Zip(features, (a, v) => a * v).Sum();

    private static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(F));

    private static string F(double v) => v.ToString("F2", Inv);

    private static void Line(TextWriter output, string name, string value) => output.WriteLine($"{name}: {value}");
}
