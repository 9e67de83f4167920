using System.IO.Compression;
using System.Text;
using Linea.ML.Clustering;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Persistence;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linea-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FilePath(string name) => Path.Combine(_dir, name);

    /// <summary>Saves, loads, and returns the loaded model; the round trip must keep the type.</summary>
    private TModel RoundTrip<TModel, T>(TModel model) where TModel : IModel<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string path = FilePath(Guid.NewGuid() + ".linea");
        ModelFile.Save(path, model);
        return Assert.IsType<TModel>(ModelFile.Load<T>(path));
    }

    private static void BitEqual<T>(NDArray<T> expected, NDArray<T> actual) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.True(expected.ToArray().AsSpan().SequenceEqual(actual.ToArray()), "arrays differ bit-wise");
    }

    private static (NDArray<double> X, NDArray<double> Y, NDArray<double> XNew) Data()
    {
        var (x, y) = WorkflowFixture.Iris();
        var xNew = NDArray.Normal<double>([20, 4], 5.0, 2.0, 42);
        return (x, y, xNew);
    }

    [Fact]
    public void Regressors_predict_bit_identically_after_loading()
    {
        var (x, _, xNew) = Data();
        var features = x[.., ..3].Contiguous();
        var target = x[.., 3].Contiguous();
        var fNew = xNew[.., ..3].Contiguous();
        var ols = new LinearRegression<double>().Fit(features, target);
        var ols2 = RoundTrip<LinearRegression<double>, double>(ols);
        BitEqual(ols.Predict(fNew), ols2.Predict(fNew));
        BitEqual(ols.StandardErrors, ols2.StandardErrors);
        Assert.Equal(ols.RSquared, ols2.RSquared);
        Assert.Equal(ols.Rank, ols2.Rank);
        var ridge = new Ridge<double>(alpha: 0.7, solver: RidgeSolver.Svd).Fit(features, target);
        var ridge2 = RoundTrip<Ridge<double>, double>(ridge);
        BitEqual(ridge.Predict(fNew), ridge2.Predict(fNew));
        Assert.Equal(0.7, ridge2.Alpha);
        Assert.Equal(RidgeSolver.Svd, ridge2.SolverUsed);
        var lasso = new Lasso<double>(alpha: 0.01, maxIter: 5).Fit(features, target);
        var lasso2 = RoundTrip<Lasso<double>, double>(lasso);
        BitEqual(lasso.Predict(fNew), lasso2.Predict(fNew));
        Assert.Equal(lasso.Warning, lasso2.Warning);
        Assert.Equal(lasso.DualGap, lasso2.DualGap);
    }

    [Fact]
    public void Classifier_transformers_and_clustering_predict_bit_identically_after_loading()
    {
        var (x, y, xNew) = Data();
        var lr = new LogisticRegression<double>(c: 0.3).Fit(x, y);
        var lr2 = RoundTrip<LogisticRegression<double>, double>(lr);
        BitEqual(lr.PredictProba(xNew), lr2.PredictProba(xNew));
        BitEqual(lr.Predict(xNew), lr2.Predict(xNew));
        Assert.Equal(0.3, lr2.C);
        var binary = new LogisticRegression<double>().Fit(x[50.., ..].Contiguous(), y[50..].Contiguous());
        BitEqual(binary.DecisionFunction(xNew), RoundTrip<LogisticRegression<double>, double>(binary).DecisionFunction(xNew));
        var pca = new Pca<double>(0.95, whiten: true).Fit(x);
        var pca2 = RoundTrip<Pca<double>, double>(pca);
        BitEqual(pca.Transform(xNew), pca2.Transform(xNew));
        Assert.Equal(pca.NoiseVariance, pca2.NoiseVariance);
        var km = new KMeans<double>(3, seed: 2).Fit(x);
        var km2 = RoundTrip<KMeans<double>, double>(km);
        Assert.Equal(km.Predict(xNew), km2.Predict(xNew));
        BitEqual(km.Transform(xNew), km2.Transform(xNew));
        Assert.Equal(km.Labels, km2.Labels);
        Assert.Equal(km.Inertia, km2.Inertia);
        var ss = new StandardScaler<double>(withMean: false).Fit(x);
        BitEqual(ss.Transform(xNew), RoundTrip<StandardScaler<double>, double>(ss).Transform(xNew));
        var mm = new MinMaxScaler<double>(-2, 3, clip: true).Fit(x);
        BitEqual(mm.Transform(xNew), RoundTrip<MinMaxScaler<double>, double>(mm).Transform(xNew));
        var codes = NDArray.FromArray(new double[,] { { 1, 0.5, 7 }, { 2, 1.5, 7 }, { 1, 2.5, 9 } });
        var enc = new OneHotEncoder<double>(HandleUnknown.Ignore, columns: [2, 0]).Fit(codes);
        var enc2 = RoundTrip<OneHotEncoder<double>, double>(enc);
        var probe = NDArray.FromArray(new double[,] { { 2, 9.25, 9 }, { 5, 1, 7 } });
        BitEqual(enc.Transform(probe), enc2.Transform(probe));
    }

    [Fact]
    public void Pipeline_predicts_bit_identically_after_loading_in_float_and_double()
    {
        var (x, y, xNew) = Data();
        var pipe = new Pipeline<double>(("scale", new StandardScaler<double>()), ("pca", new Pca<double>(3)), ("clf", new LogisticRegression<double>(c: 5)));
        pipe.Fit(x, y);
        var loaded = RoundTrip<Pipeline<double>, double>(pipe);
        Assert.Equal(new[] { "scale", "pca", "clf" }, loaded.Steps.Select(static s => s.Name));
        BitEqual(pipe.PredictProba(xNew), loaded.PredictProba(xNew));
        BitEqual(pipe.Predict(xNew), loaded.Predict(xNew));
        Assert.Equal(pipe.GetParams().Select(static kv => kv.Key), loaded.GetParams().Select(static kv => kv.Key));

        var xf = NDArray.FromArray(Array.ConvertAll(x.ToArray(), static v => (float)v), 150, 4);
        var yf = NDArray.FromArray(Array.ConvertAll(y.ToArray(), static v => (float)v));
        var xNewF = NDArray.FromArray(Array.ConvertAll(xNew.ToArray(), static v => (float)v), 20, 4);
        var pipeF = new Pipeline<float>(("scale", new MinMaxScaler<float>()), ("km", new KMeans<float>(3, seed: 1)));
        pipeF.Fit(xf, null);
        var loadedF = RoundTrip<Pipeline<float>, float>(pipeF);
        BitEqual(pipeF.Predict(xNewF), loadedF.Predict(xNewF));
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(WriteTo("f.linea", pipeF)));
    }

    [Fact]
    public void Unfitted_models_round_trip_their_parameters()
    {
        var loaded = RoundTrip<Lasso<double>, double>(new Lasso<double>(alpha: 0.25, fitIntercept: false, maxIter: 17, tol: 1e-7));
        Assert.False(loaded.IsFitted);
        Assert.Equal((0.25, false, 17, 1e-7), (loaded.Alpha, loaded.FitIntercept, loaded.MaxIter, loaded.Tol));
    }

    [Fact]
    public void The_file_is_a_zip_with_a_documented_manifest()
    {
        var (x, y, _) = Data();
        string path = WriteTo("ridge.linea", new Ridge<double>(alpha: 2).Fit(x, y));
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["manifest.json", "arrays/model/coef.npy"], zip.Entries.Select(static e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        string manifest = reader.ReadToEnd();
        Assert.Contains("\"format\": \"linea-model\"", manifest);
        Assert.Contains("\"formatVersion\": 1", manifest);
        Assert.Contains("\"dType\": \"float64\"", manifest);
        Assert.Contains("\"type\": \"Ridge\"", manifest);
        Assert.Contains("\"alpha\": \"2\"", manifest);
    }

    [Fact]
    public void Corrupt_unknown_and_newer_files_fail_clearly()
    {
        var (x, y, _) = Data();
        string good = WriteTo("good.linea", new Ridge<double>().Fit(x, y));

        string notZip = FilePath("text.linea");
        File.WriteAllText(notZip, "hello");
        Assert.Contains("not a Linea model file", Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(notZip)).Message);

        string truncated = FilePath("truncated.linea");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(truncated));

        Assert.Contains("unknown type 'Forest'", LoadEdited(good, m => m.Replace("\"Ridge\"", "\"Forest\"")).Message);
        Assert.Contains("format version 2", LoadEdited(good, m => m.Replace("\"formatVersion\": 1", "\"formatVersion\": 2")).Message);
        Assert.Contains("format tag", LoadEdited(good, m => m.Replace("linea-model", "other")).Message);
        Assert.Contains("manifest.json is corrupt", LoadEdited(good, m => m[..20]).Message);
        Assert.Contains("'intercept'", LoadEdited(good, m => m.Replace("\"intercept\"", "\"icept\"")).Message);
        Assert.Contains("parameters are invalid", LoadEdited(good, m => m.Replace("\"alpha\": \"1\"", "\"alpha\": \"-1\"")).Message);
        Assert.Contains("coef.npy' is missing", LoadEdited(good, m => m, dropArrays: true).Message);
        Assert.Contains("Load<double>", Assert.Throws<ModelFormatException>(() => ModelFile.Load<float>(good)).Message);
        Assert.Throws<NotSupportedException>(() => ModelFile.Save(FilePath("gs.linea"),
            new GridSearchCV<double>(new Ridge<double>(), new Dictionary<string, object?[]> { ["alpha"] = [1.0] })));
    }

    private string WriteTo<T>(string name, IModel<T> model) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string path = FilePath(name);
        ModelFile.Save(path, model);
        return path;
    }

    /// <summary>Copies the model file with its manifest edited (and optionally its arrays dropped), then loads the copy.</summary>
    private ModelFormatException LoadEdited(string source, Func<string, string> edit, bool dropArrays = false)
    {
        string target = FilePath(Guid.NewGuid() + ".linea");
        using (var input = ZipFile.OpenRead(source))
        using (var output = ZipFile.Open(target, ZipArchiveMode.Create))
            foreach (var entry in input.Entries)
            {
                if (dropArrays && entry.FullName != "manifest.json") continue;
                using var r = entry.Open();
                using var w = output.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "manifest.json")
                {
                    using var sr = new StreamReader(r);
                    var text = Encoding.UTF8.GetBytes(edit(sr.ReadToEnd()));
                    w.Write(text);
                }
                else r.CopyTo(w);
            }
        return Assert.Throws<ModelFormatException>(() => ModelFile.Load<double>(target));
    }
}
