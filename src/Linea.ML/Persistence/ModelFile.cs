using System.IO.Compression;
using System.Numerics;
using System.Reflection;
using System.Text.Json;

namespace Linea.ML;

/// <summary>
/// Saves and loads fitted models and pipelines (scikit-learn users' <c>joblib.dump</c> / <c>joblib.load</c>) as one zip
/// file: <c>manifest.json</c> (format tag, version, element type, each model's type, parameters and fitted scalars) and
/// one <c>.npy</c> member per fitted array. The format is documented in docs/model-file-format.md; numbers are stored
/// exactly (arrays in binary, scalars as round-trip text), so a loaded model predicts bit-identically to the saved one.
/// Supported: LinearRegression, Ridge, Lasso, LogisticRegression, Pca, KMeans, StandardScaler, MinMaxScaler,
/// OneHotEncoder and any Pipeline of them. Time and space are linear in the size of the fitted arrays.
/// <code>
/// ModelFile.Save("model.linea", pipeline);
/// var loaded = (Pipeline&lt;double&gt;)ModelFile.Load&lt;double&gt;("model.linea");
/// </code>
/// </summary>
public static class ModelFile
{
    /// <summary>The format tag in every manifest.</summary>
    public const string FormatTag = "linea-model";

    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    private const string ManifestEntry = "manifest.json";

    /// <summary>Saves <paramref name="model"/> (fitted or not) to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="NotSupportedException">The model (or a pipeline step) is of a type the format does not cover;
    /// for a <see cref="GridSearchCV{T}"/> save its <see cref="GridSearchCV{T}.BestEstimator"/>.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save<T>(string path, IModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        var manifest = BuildManifest(model, path, out var arrays); // check everything before touching the file
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, manifest, arrays);
    }

    /// <summary>Writes <paramref name="model"/> in the model file format to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="NotSupportedException">The model (or a pipeline step) is of a type the format does not cover.</exception>
    public static void Save<T>(Stream stream, IModel<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(model);
        var manifest = BuildManifest(model, "(stream)", out var arrays);
        Write(stream, manifest, arrays);
    }

    /// <summary>Loads the model saved at <paramref name="path"/>; cast the result to its type (e.g. <c>Pipeline&lt;double&gt;</c>).</summary>
    /// <exception cref="ModelFormatException">The file is not a model file or is corrupt, names an unknown model type,
    /// has a newer format version, or holds a model of another element type than <typeparamref name="T"/>.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static IModel<T> Load<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read<T>(file, $"'{path}'");
    }

    /// <summary>Loads a model from <paramref name="stream"/> (left open; must be seekable, as zip reading requires).</summary>
    /// <exception cref="ModelFormatException">The data is not a model file or is corrupt, names an unknown model type,
    /// has a newer format version, or holds a model of another element type than <typeparamref name="T"/>.</exception>
    public static IModel<T> Load<T>(Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read<T>(stream, "(stream)");
    }

    private static string DType<T>() => typeof(T) == typeof(double) ? "float64" : typeof(T) == typeof(float) ? "float32" : typeof(T).Name;

    private static ModelManifest BuildManifest<T>(IModel<T> model, string source, out List<(string Member, Action<Stream> Write)> arrays)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var members = new List<(string, Action<Stream>)>();
        var manifest = new ModelManifest
        {
            Format = FormatTag,
            FormatVersion = FormatVersion,
            LineaVersion = typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            DType = DType<T>(),
            Model = ToNode(model, source, "model", members),
        };
        arrays = members;
        return manifest;
    }

    private static ModelNode ToNode<T>(IModel<T> model, string source, string path, List<(string, Action<Stream>)> members)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (model is Pipeline<T> pipeline)
            return new ModelNode
            {
                Type = "Pipeline",
                Fitted = pipeline.IsFitted,
                Steps = pipeline.Steps.Select((s, i) => new ModelStep { Name = s.Name, Model = ToNode(s.Step, source, $"{path}/{i}", members) }).ToList(),
            };
        if (model is not IPersistable<T> persistable)
            throw new NotSupportedException(
                $"ModelFile.Save: {model.GetType().Name} cannot be saved; supported are {string.Join(", ", ModelRegistry.Known)} and pipelines of them" +
                (model is GridSearchCV<T> ? " (save the search's BestEstimator)" : ""));
        var node = new ModelNode
        {
            Type = persistable.PersistedType,
            Fitted = model.IsFitted,
            Params = model.GetParams().ToDictionary(static kv => kv.Key, static kv => ModelParams.Format(kv.Value)),
        };
        if (!model.IsFitted) return node;
        var state = new ModelState<T>(node.Type, source);
        persistable.SaveState(state);
        foreach (var (k, v) in state.Scalars) node.Scalars[k] = v;
        foreach (var (name, tensor) in state.Arrays)
        {
            string member = $"arrays/{path}/{name}.npy";
            node.Arrays[name] = member;
            members.Add((member, s => Npy.Save(s, tensor)));
        }
        foreach (var (name, tensor) in state.DoubleArrays)
        {
            string member = $"arrays/{path}/{name}.f64.npy";
            node.Arrays[name] = member;
            members.Add((member, s => Npy.Save(s, tensor)));
        }
        return node;
    }

    private static void Write(Stream stream, ModelManifest manifest, List<(string Member, Action<Stream> Write)> arrays)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var m = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
            JsonSerializer.Serialize(m, manifest, ModelManifestContext.Default.ModelManifest);
        foreach (var (member, write) in arrays)
        {
            using var s = zip.CreateEntry(member, CompressionLevel.Fastest).Open();
            write(s);
        }
    }

    private static IModel<T> Read<T>(Stream stream, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"ModelFile: {source} is not a Linea model file (not a zip archive: {e.Message})", e);
        }
        using (zip)
        {
            var manifest = ReadManifest(zip, source);
            if (manifest.Format != FormatTag)
                throw new ModelFormatException($"ModelFile: {source} is not a Linea model file (format tag '{manifest.Format}', expected '{FormatTag}')");
            if (manifest.FormatVersion < 1 || manifest.FormatVersion > FormatVersion)
                throw new ModelFormatException(
                    $"ModelFile: {source} has format version {manifest.FormatVersion} (written by Linea {manifest.LineaVersion ?? "?"}); this Linea reads versions 1 to {FormatVersion}; upgrade Linea.ML to load it");
            if (manifest.DType != DType<T>())
                throw new ModelFormatException(
                    $"ModelFile: {source} holds a {manifest.DType} model; load it with ModelFile.Load<{(manifest.DType == "float32" ? "float" : "double")}>, not Load<{typeof(T).Name}>");
            return FromNode<T>(manifest.Model ?? throw new ModelFormatException($"ModelFile: {source}: the manifest has no model"), zip, source);
        }
    }

    private static ModelManifest ReadManifest(ZipArchive zip, string source)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new ModelFormatException($"ModelFile: {source} has no {ManifestEntry}; it is not a Linea model file");
        try
        {
            using var s = entry.Open();
            return JsonSerializer.Deserialize(s, ModelManifestContext.Default.ModelManifest)
                ?? throw new ModelFormatException($"ModelFile: {source}: {ManifestEntry} is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new ModelFormatException($"ModelFile: {source}: {ManifestEntry} is corrupt: {e.Message}", e);
        }
    }

    private static IModel<T> FromNode<T>(ModelNode node, ZipArchive zip, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (node.Type == "Pipeline")
        {
            if (node.Steps is not { Count: > 0 } steps) throw new ModelFormatException($"ModelFile: {source}: a Pipeline has no steps");
            try
            {
                return new Pipeline<T>(steps.Select(s => (s.Name, FromNode<T>(s.Model ?? throw new ModelFormatException($"ModelFile: {source}: pipeline step '{s.Name}' has no model"), zip, source))).ToArray());
            }
            catch (ArgumentException e) { throw new ModelFormatException($"ModelFile: {source}: the pipeline is invalid: {e.Message}", e); }
        }
        IModel<T>? model;
        try
        {
            var p = ModelParams.Merge(node.Type, node.Params.ToDictionary(static kv => kv.Key, static kv => (object?)kv.Value), null);
            model = ModelRegistry.Create<T>(node.Type, p);
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
        {
            throw new ModelFormatException($"ModelFile: {source}: the {node.Type} model's parameters are invalid: {e.Message}", e);
        }
        if (model is null)
            throw new ModelFormatException($"ModelFile: {source} holds a model of unknown type '{node.Type}'; this Linea knows {string.Join(", ", ModelRegistry.Known)} and Pipeline");
        if (!node.Fitted) return model;
        var state = new ModelState<T>(node.Type, source);
        foreach (var (k, v) in node.Scalars) state.Scalars[k] = v;
        foreach (var (name, member) in node.Arrays)
        {
            var entry = zip.GetEntry(member) ?? throw state.Corrupt($"the array member '{member}' is missing");
            using var buffer = new MemoryStream();
            try
            {
                using (var s = entry.Open()) s.CopyTo(buffer);
                buffer.Position = 0;
                if (member.EndsWith(".f64.npy", StringComparison.Ordinal)) state.DoubleArrays[name] = Npy.Load<double>(buffer);
                else state.Arrays[name] = Npy.Load<T>(buffer);
            }
            catch (Exception e) when (e is InvalidDataException or TensorFormatException or EndOfStreamException)
            {
                throw new ModelFormatException($"ModelFile: {source}: the array member '{member}' is corrupt: {e.Message}", e);
            }
        }
        ((IPersistable<T>)model).LoadState(state);
        return model;
    }
}
