namespace Linea.ML;

/// <summary>A model file could not be read: it is not a Linea model file or is corrupt, names a model type this version
/// does not know, was written by a newer format version, or holds a different element type than requested. The message
/// names the file and what was found.</summary>
public class ModelFormatException : FormatException
{
    /// <summary>Creates the exception with its full message.</summary>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with its full message and the error that caused it.</summary>
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
