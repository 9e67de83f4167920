using System.Text.Json.Serialization;

namespace Linea.Cli.Output;

/// <summary>An information line of <c>--json</c> output (help, vars): <c>{"info":"..."}</c>.</summary>
/// <param name="Info">The text, as the plain writer would print it.</param>
internal sealed record InfoMessage([property: JsonPropertyName("info")] string Info);

/// <summary>
/// The JSON serialization the command needs, generated at compile time (no reflection), so that the Native AOT build of
/// <c>linea</c> has no trimming warnings and writes the same bytes as the JIT build.
/// </summary>
[JsonSerializable(typeof(InfoMessage))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
