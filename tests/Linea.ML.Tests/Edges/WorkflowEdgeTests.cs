using System.IO.Compression;

namespace Linea.ML.Tests.Edges;

using Metrics = global::Linea.ML.Metrics;

/// <summary>
/// The hard edges of the scikit-learn workflow: degenerate columns, NaN, unseen categories, splitters asked for more
/// folds than data, grids with nothing to try, single-class and separable classification, empty or mismatched metric
/// inputs. Each case either matches scikit-learn's defined result or throws a specific exception naming the problem,
/// and no input is modified.
/// </summary>
public class WorkflowEdgeTests
{
    private static NDArray<double> M(double[,] a) => NDArray.FromArray(a);
    private static NDArray<double> V(params double[] a) => NDArray.FromArray(a);

    [Fact]
    public void StandardScaler_constant_column_scales_by_one_as_scikit_learn()
    {
        var x = M(new double[,] { { 1, 5 }, { 2, 5 }, { 3, 5 } });
        var before = x.ToArray();
        var z = new StandardScaler<double>().FitTransform(x);
        // column 0: mean 2, population std sqrt(2/3); column 1: constant, scale 1 so it becomes 0 (sklearn's scale_ = 1).
        double s = Math.Sqrt(2.0 / 3.0);
        Assert.Equal(new[] { -1 / s, 0, 0, 0, 1 / s, 0 }, z.ToArray());
        Assert.Equal(before, x.ToArray());
    }

    [Fact]
    public void MinMaxScaler_constant_column_maps_to_feature_min()
    {
        var x = M(new double[,] { { 1, 7 }, { 3, 7 } });
        var z = new MinMaxScaler<double>(-1, 1).FitTransform(x);
        Assert.Equal(new double[] { -1, -1, 1, -1 }, z.ToArray());
    }

    [Fact]
    public void Scalers_name_NaN_in_fit_input()
    {
        var x = M(new double[,] { { 1, double.NaN }, { 2, 3 } });
        var e1 = Assert.ThrowsAny<ArithmeticException>(() => new StandardScaler<double>().Fit(x));
        Assert.Contains("NaN", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.ThrowsAny<ArithmeticException>(() => new MinMaxScaler<double>().Fit(x));
        Assert.Contains("NaN", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scaler_transform_with_wrong_feature_count_names_both_counts()
    {
        var s = new StandardScaler<double>().Fit(M(new double[,] { { 1, 2 }, { 3, 4 } }));
        var e = Assert.Throws<ShapeMismatchException>(() => s.Transform(M(new double[,] { { 1, 2, 3 } })));
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneHotEncoder_unseen_category_errors_or_is_ignored()
    {
        var train = M(new double[,] { { 0 }, { 1 }, { 2 } });
        var test = M(new double[,] { { 1 }, { 5 } });
        var enc = new OneHotEncoder<double>().Fit(train);
        var e = Assert.Throws<ArgumentException>(() => enc.Transform(test));
        Assert.Contains("unknown", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("5", e.Message, StringComparison.Ordinal);
        var ignore = new OneHotEncoder<double>(HandleUnknown.Ignore).Fit(train);
        Assert.Equal(new double[] { 0, 1, 0, 0, 0, 0 }, ignore.Transform(test).ToArray());
    }

    [Fact]
    public void OneHotEncoder_NaN_category_is_named()
    {
        var x = M(new double[,] { { 0 }, { double.NaN } });
        var e = Assert.ThrowsAny<Exception>(() => new OneHotEncoder<double>().Fit(x));
        Assert.True(e is ArgumentException or ArithmeticException, e.GetType().Name);
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KFold_more_splits_than_samples_names_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new KFold(5).Split(3));
        Assert.Contains("5", e.Message, StringComparison.Ordinal);
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new KFold(1));
        Assert.ThrowsAny<ArgumentException>(() => new KFold(0));
    }

    [Fact]
    public void KFold_with_as_many_splits_as_samples_is_leave_one_out()
    {
        var folds = new KFold(3).Split(3);
        Assert.Equal(3, folds.Count);
        for (int f = 0; f < 3; f++)
        {
            Assert.Equal(new[] { f }, folds[f].Test);
            Assert.Equal(Enumerable.Range(0, 3).Where(i => i != f), folds[f].Train);
        }
    }

    [Fact]
    public void StratifiedKFold_small_class_is_split_as_scikit_learn_and_all_small_throws()
    {
        // sklearn: StratifiedKFold(3).split(zeros(4), [0,0,0,1]) tests [0,3], [1], [2] (with a warning).
        var folds = new StratifiedKFold(3).Split(V(0, 0, 0, 1));
        Assert.Equal(new[] { 0, 3 }, folds[0].Test);
        Assert.Equal(new[] { 1 }, folds[1].Test);
        Assert.Equal(new[] { 2 }, folds[2].Test);
        var e = Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split(V(0, 0, 1, 1)));
        Assert.Contains("greater than the number of members in each class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StratifiedKFold_more_splits_than_samples_throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new StratifiedKFold(5).Split(V(0, 1, 0)));
        var e = Assert.Throws<NonFiniteException>(() => new StratifiedKFold(2).Split(V(double.NaN, 1, 0, 1)));
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GridSearchCV_empty_grid_or_empty_values_is_refused()
    {
        var lr = new LogisticRegression<double>();
        var e = Assert.Throws<ArgumentException>(() => new GridSearchCV<double>(lr, new Dictionary<string, object?[]>(), cv: 2));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GridSearchCV<double>(lr, new Dictionary<string, object?[]> { ["c"] = [] }, cv: 2));
        Assert.Contains("'c' has no values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GridSearchCV_unknown_parameter_is_named()
    {
        var x = M(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var y = V(0, 0, 1, 1);
        var gs = new GridSearchCV<double>(new LogisticRegression<double>(), new Dictionary<string, object?[]> { ["nope"] = [1.0] }, cv: 2);
        var e = Assert.ThrowsAny<ArgumentException>(() => gs.Fit(x, y));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogisticRegression_single_class_is_refused()
    {
        var x = M(new double[,] { { 0 }, { 1 } });
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression<double>().Fit(x, V(1, 1)));
        Assert.Contains("single class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogisticRegression_separable_data_converges_to_finite_coefficients()
    {
        // Perfectly separable: with C = 1 (L2 penalty) the optimum is finite, so the fit must converge.
        var x = M(new double[,] { { -3 }, { -2 }, { -1 }, { 1 }, { 2 }, { 3 } });
        var y = V(0, 0, 0, 1, 1, 1);
        var lr = new LogisticRegression<double>().Fit(x, y);
        Assert.True(lr.Converged, lr.Warning);
        Assert.True(double.IsFinite(lr.Coefficients[0, 0]) && lr.Coefficients[0, 0] > 0);
        Assert.Equal(y.ToArray(), lr.Predict(x).ToArray());
        var p = lr.PredictProba(x).ToArray();
        Assert.All(p, v => Assert.True(double.IsFinite(v)));
        // A huge C (almost no penalty) must still return finite numbers, converged or with a warning.
        var loose = new LogisticRegression<double>(c: 1e12, maxIter: 50).Fit(x, y);
        Assert.All(loose.Coefficients.ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.All(loose.PredictProba(x).ToArray(), v => Assert.True(double.IsFinite(v)));
        Assert.True(loose.Converged || loose.Warning is not null);
    }

    [Fact]
    public void LogisticRegression_NaN_in_X_or_y_is_named()
    {
        var x = M(new double[,] { { 0 }, { double.NaN } });
        Assert.ThrowsAny<ArithmeticException>(() => new LogisticRegression<double>().Fit(x, V(0, 1)));
        Assert.ThrowsAny<ArithmeticException>(() => new LogisticRegression<double>().Fit(M(new double[,] { { 0 }, { 1 } }), V(0, double.NaN)));
    }

    [Fact]
    public void Metrics_mismatched_lengths_name_both()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Metrics.AccuracyScore(V(1, 0), V(1, 0, 1)));
        Assert.Contains(V(1, 0).Shape.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains(V(1, 0, 1).Shape.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Throws<ShapeMismatchException>(() => Metrics.MeanSquaredError(V(1, 0), V(1)));
        Assert.Throws<ShapeMismatchException>(() => Metrics.R2Score(V(1, 0), V(1)));
        Assert.Throws<ShapeMismatchException>(() => Metrics.F1Score(V(1, 0), V(1)));
        Assert.Throws<ShapeMismatchException>(() => Metrics.RocAucScore(V(1, 0), V(1)));
        Assert.Throws<ShapeMismatchException>(() => Metrics.LogLoss(V(1, 0), V(1)));
    }

    [Fact]
    public void Metrics_with_empty_inputs_refuse_as_scikit_learn()
    {
        var empty = NDArray.Zeros<double>(0);
        Assert.ThrowsAny<ArgumentException>(() => Metrics.MeanSquaredError(empty, empty));
        Assert.ThrowsAny<ArgumentException>(() => Metrics.R2Score(empty, empty));
        Assert.ThrowsAny<ArgumentException>(() => Metrics.LogLoss(empty, NDArray.Zeros<double>(0)));
        Assert.ThrowsAny<ArgumentException>(() => Metrics.RocAucScore(empty, empty));
        Assert.ThrowsAny<ArgumentException>(() => Metrics.F1Score(empty, empty));
        // accuracy_score([], []) is nan in scikit-learn (mean of an empty slice); a specific error is acceptable too.
        try { Assert.True(double.IsNaN(Metrics.AccuracyScore(empty, empty))); }
        catch (ArgumentException ex) { Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase); }
    }

    [Fact]
    public void RocAuc_with_one_class_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.RocAucScore(V(1, 1), V(0.2, 0.3)));
        Assert.Contains("1 class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_of_one_sample_is_nan_as_scikit_learn()
    {
        // sklearn.metrics.r2_score([1.0], [1.0]) is nan ("not well-defined with less than two samples"), not 1.
        Assert.True(double.IsNaN(Metrics.R2Score(V(1), V(1))));
        Assert.True(double.IsNaN(Metrics.R2Score(V(1), V(3))));
        Assert.Equal(1.0, Metrics.R2Score(V(1, 2), V(1, 2)));
    }

    [Fact]
    public void Pipeline_with_no_steps_or_duplicate_names_is_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Pipeline<double>());
        Assert.ThrowsAny<ArgumentException>(() => new Pipeline<double>(("a", new StandardScaler<double>()), ("a", new StandardScaler<double>())));
    }

    [Fact]
    public void Pipeline_fit_does_not_modify_the_input()
    {
        var x = M(new double[,] { { 1, 2 }, { 3, 5 }, { 4, 1 }, { 0, 0 } });
        var y = V(0, 1, 1, 0);
        var before = x.ToArray();
        var p = new Pipeline<double>(("scale", new StandardScaler<double>()), ("clf", new LogisticRegression<double>())).Fit(x, y);
        p.Predict(x);
        Assert.Equal(before, x.ToArray());
    }

    private static byte[] SavedScaler()
    {
        var s = new StandardScaler<double>().Fit(M(new double[,] { { 1, 2 }, { 3, 5 } }));
        using var ms = new MemoryStream();
        ModelFile.Save(ms, s);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(-20)]
    public void ModelFile_truncated_is_a_format_error(int keep)
    {
        var bytes = SavedScaler();
        int n = keep >= 0 ? keep : bytes.Length + keep;
        using var ms = new MemoryStream(bytes, 0, n);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(ms));
    }

    [Fact]
    public void ModelFile_random_bytes_are_a_format_error()
    {
        var bytes = new byte[300];
        new Random(7).NextBytes(bytes);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(new MemoryStream(bytes)));
    }

    /// <summary>Rewrites one member of a saved model file.</summary>
    private static MemoryStream Tamper(byte[] original, string member, Func<byte[], byte[]> edit)
    {
        var ms = new MemoryStream();
        ms.Write(original);
        ms.Position = 0;
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(member) ?? zip.Entries.First(e => e.FullName.EndsWith(member, StringComparison.Ordinal));
            byte[] content;
            using (var s = entry.Open()) { var buf = new MemoryStream(); s.CopyTo(buf); content = buf.ToArray(); }
            string name = entry.FullName;
            entry.Delete();
            using var w = zip.CreateEntry(name).Open();
            w.Write(edit(content));
        }
        ms.Position = 0;
        return ms;
    }

    [Fact]
    public void ModelFile_tampered_manifest_is_a_format_error()
    {
        var bytes = SavedScaler();
        var bad = Tamper(bytes, "manifest.json", c => c[..(c.Length / 2)]);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(bad));
        bad = Tamper(bytes, "manifest.json", c => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(c).Replace("StandardScaler", "NoSuchModel", StringComparison.Ordinal)));
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(bad));
        Assert.Contains("NoSuchModel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFile_tampered_array_member_is_a_format_error()
    {
        var bytes = SavedScaler();
        string member;
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            member = zip.Entries.First(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).FullName;
        var truncated = Tamper(bytes, member, c => c[..(c.Length - 8)]);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(truncated));
        var noData = Tamper(bytes, member, c => c[..20]);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(noData));
        var empty = Tamper(bytes, member, c => []);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(empty));
    }

    [Fact]
    public void ModelFile_array_of_wrong_length_is_a_format_error()
    {
        // Replace the mean (2,) by a valid .npy of shape (3,): a model whose arrays disagree must not load.
        var bytes = SavedScaler();
        string member;
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
            member = zip.Entries.First(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)).FullName;
        var npy = new MemoryStream();
        Npy.Save(npy, V(1, 2, 3));
        var bad = Tamper(bytes, member, _ => npy.ToArray());
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(bad));
    }
}

/// <summary>Constructor arguments out of range are refused where they are given, not at Fit.</summary>
public class WorkflowArgumentEdgeTests
{
    private static NDArray<double> M(double[,] a) => NDArray.FromArray(a);

    [Fact]
    public void Estimator_hyperparameters_out_of_range_are_named()
    {
        Assert.ThrowsAny<ArgumentException>(() => new LogisticRegression<double>(c: 0));
        Assert.ThrowsAny<ArgumentException>(() => new LogisticRegression<double>(c: double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new LogisticRegression<double>(maxIter: -1));
        Assert.ThrowsAny<ArgumentException>(() => new LogisticRegression<double>(tol: -1));
        Assert.ThrowsAny<ArgumentException>(() => new MinMaxScaler<double>(1, 1));
        Assert.ThrowsAny<ArgumentException>(() => new MinMaxScaler<double>(2, 1));
        Assert.ThrowsAny<ArgumentException>(() => new MinMaxScaler<double>(0, double.PositiveInfinity));
    }

    [Fact]
    public void OneHotEncoder_column_out_of_range_is_named()
    {
        var enc = new OneHotEncoder<double>(columns: [3]);
        var e = Assert.ThrowsAny<ArgumentException>(() => enc.Fit(M(new double[,] { { 0, 1 }, { 1, 0 } })));
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => new OneHotEncoder<double>(columns: [-1]).Fit(M(new double[,] { { 0 } })));
    }

    [Fact]
    public void Scalers_name_infinity_and_empty_input()
    {
        var inf = M(new double[,] { { 1, double.PositiveInfinity }, { 2, 3 } });
        Assert.ThrowsAny<ArithmeticException>(() => new StandardScaler<double>().Fit(inf));
        Assert.ThrowsAny<ArgumentException>(() => new StandardScaler<double>().Fit(NDArray.Zeros<double>(0, 2)));
        Assert.ThrowsAny<ArgumentException>(() => new MinMaxScaler<double>().Fit(NDArray.Zeros<double>(0, 2)));
        Assert.ThrowsAny<ArgumentException>(() => new StandardScaler<double>().Fit(NDArray.FromArray(new double[] { 1, 2 })));
    }

    [Fact]
    public void Unfitted_models_say_so()
    {
        Assert.Throws<NotFittedException>(() => new StandardScaler<double>().Transform(M(new double[,] { { 1 } })));
        Assert.Throws<NotFittedException>(() => new LogisticRegression<double>().Predict(M(new double[,] { { 1 } })));
        Assert.Throws<NotFittedException>(() => new OneHotEncoder<double>().Transform(M(new double[,] { { 1 } })));
    }

    [Fact]
    public void LogisticRegression_predict_with_wrong_feature_count_names_both()
    {
        var lr = new LogisticRegression<double>().Fit(M(new double[,] { { 0, 1 }, { 1, 0 }, { 2, 2 }, { -1, -1 } }), NDArray.FromArray(new double[] { 0, 1, 1, 0 }));
        Assert.Throws<ShapeMismatchException>(() => lr.Predict(M(new double[,] { { 1, 2, 3 } })));
        Assert.Throws<NonFiniteException>(() => lr.Predict(M(new double[,] { { 1, double.NaN } })));
    }
}

/// <summary>Model files of another element type, grid searches with more folds than rows.</summary>
public class WorkflowMismatchEdgeTests
{
    [Fact]
    public void ModelFile_of_double_loaded_as_float_is_named()
    {
        var s = new StandardScaler<double>().Fit(NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 5 } }));
        using var ms = new MemoryStream();
        ModelFile.Save(ms, s);
        ms.Position = 0;
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load<float>(ms));
        Assert.Contains("float", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GridSearchCV_with_more_folds_than_samples_is_named()
    {
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 } });
        var y = NDArray.FromArray(new double[] { 0, 1, 0 });
        var gs = new GridSearchCV<double>(new LinearRegression<double>(), new Dictionary<string, object?[]> { ["fitIntercept"] = [true, false] }, cv: 5);
        var e = Assert.ThrowsAny<ArgumentException>(() => gs.Fit(x, y));
        Assert.Contains("5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GridSearchCV_leave_one_out_r2_is_nan_and_ranked_last_not_a_fake_best()
    {
        // r2 on single-row test folds is undefined (NaN in scikit-learn); every candidate's mean is NaN, so the search
        // must still finish, and it must not claim a perfect score.
        var x = NDArray.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        var y = NDArray.FromArray(new double[] { 0, 1.1, 1.9, 3.2 });
        var gs = new GridSearchCV<double>(new LinearRegression<double>(), new Dictionary<string, object?[]> { ["fitIntercept"] = [true, false] },
            new KFold(4), scoring: Scoring.Get<double>("r2")).Fit(x, y);
        Assert.All(gs.CvResults, r => Assert.True(double.IsNaN(r.MeanTestScore)));
    }
}
