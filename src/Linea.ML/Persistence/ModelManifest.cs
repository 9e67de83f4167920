using System.Text.Json.Serialization;

namespace Linea.ML;

/// <summary>manifest.json of a model file (docs/model-file-format.md): format tag and version, the writing library's
/// version, the element type, and the model tree.</summary>
internal sealed class ModelManifest
{
    /// <summary>Always "linea-model".</summary>
    public string Format { get; set; } = "";

    /// <summary>The layout version; readers accept versions up to their own.</summary>
    public int FormatVersion { get; set; }

    /// <summary>The Linea.ML assembly version that wrote the file (informational).</summary>
    public string? LineaVersion { get; set; }

    /// <summary>"float64" or "float32": the T of the saved model.</summary>
    public string DType { get; set; } = "";

    /// <summary>The root model.</summary>
    public ModelNode? Model { get; set; }
}

/// <summary>One model in the manifest: its type name, constructor parameters, fitted scalars, array members and (for a
/// pipeline) its steps.</summary>
internal sealed class ModelNode
{
    /// <summary>The model's type name without the generic suffix ("Ridge", "Pipeline", ...).</summary>
    public string Type { get; set; } = "";

    /// <summary>Whether the model was fitted when saved.</summary>
    public bool Fitted { get; set; }

    /// <summary>Constructor parameters as invariant round-trip text (null for null).</summary>
    public Dictionary<string, string?> Params { get; set; } = [];

    /// <summary>Fitted scalars as invariant round-trip text (null for null).</summary>
    public Dictionary<string, string?> Scalars { get; set; } = [];

    /// <summary>Fitted arrays: name to the zip member holding the .npy data.</summary>
    public Dictionary<string, string> Arrays { get; set; } = [];

    /// <summary>The steps of a pipeline, in order; null otherwise.</summary>
    public List<ModelStep>? Steps { get; set; }
}

/// <summary>A named pipeline step.</summary>
internal sealed class ModelStep
{
    /// <summary>The step's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The step's model.</summary>
    public ModelNode? Model { get; set; }
}

/// <summary>Source-generated (reflection-free, trimming- and AOT-safe) JSON for the manifest.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelManifestContext : JsonSerializerContext;
