using System.Numerics;

namespace Linea.ML;

/// <summary>A model that <see cref="ModelFile"/> can save: its type name and its fitted attributes (its parameters come
/// from <see cref="IModel{T}.GetParams"/>). Loading constructs the model from its parameters (<see cref="ModelRegistry"/>)
/// and then calls <see cref="LoadState"/>.</summary>
internal interface IPersistable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The type name written to the manifest.</summary>
    string PersistedType { get; }

    /// <summary>Writes the fitted attributes (called only when fitted).</summary>
    void SaveState(ModelState<T> state);

    /// <summary>Restores the fitted attributes saved by <see cref="SaveState"/>.</summary>
    /// <exception cref="ModelFormatException">An attribute is missing or malformed.</exception>
    void LoadState(ModelState<T> state);
}
