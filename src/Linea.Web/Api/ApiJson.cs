using System.Text.Encodings.Web;
using System.Text.Json;

namespace Linea.Web.Api;

/// <summary>How the API writes JSON: compact, with only the escaping JSON requires (as the calculator's renderer does),
/// so program text such as <c>load("x.csv")</c> reads back as written.</summary>
internal static class ApiJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
