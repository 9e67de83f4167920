using System.Text.Json;
using Linea.Web.Transforms;
using Microsoft.AspNetCore.Http;

namespace Linea.Web.Api;

/// <summary>
/// <c>POST /api/transform2x2</c> with body <c>{"matrix":[[a,b],[c,d]]}</c>: the numbers the visual guide draws
/// (<see cref="Transform2x2"/>). 400 when the body is not a 2x2 array of numbers, 422 when an entry's magnitude
/// exceeds <see cref="MaxEntry"/> (so every derived number stays finite).
/// </summary>
internal static class Transform2x2Endpoint
{
    /// <summary>Largest accepted |entry|; squares and products of entries then stay far from overflow.</summary>
    public const double MaxEntry = 1e6;

    public static async Task HandleAsync(HttpContext context, WebServerOptions options)
    {
        Transform2x2 transform;
        using (var body = await JsonRequestBody.ReadObjectAsync(context.Request, options.MaxRequestBodyBytes))
            transform = ParseMatrix(body.RootElement);

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
            Write(json, transform);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private static Transform2x2 ParseMatrix(JsonElement root)
    {
        const string Expected = "the body must be {\"matrix\":[[a,b],[c,d]]} with four numbers";
        if (!root.TryGetProperty("matrix", out var matrix) || matrix.ValueKind != JsonValueKind.Array || matrix.GetArrayLength() != 2)
            throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", Expected);
        var entries = new double[4];
        int k = 0;
        foreach (var row in matrix.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != 2)
                throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", Expected);
            foreach (var entry in row.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Number || !entry.TryGetDouble(out double value))
                    throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", Expected);
                if (!(Math.Abs(value) <= MaxEntry))
                    throw new ApiError(StatusCodes.Status422UnprocessableEntity, "limit",
                        $"matrix entries must be at most {MaxEntry:0e0} in magnitude; got {value:R}");
                entries[k++] = value;
            }
        }
        return new Transform2x2(entries[0], entries[1], entries[2], entries[3]);
    }

    private static void Write(Utf8JsonWriter json, Transform2x2 t)
    {
        json.WriteStartObject();
        json.WriteNumber("det", t.Determinant);
        json.WriteNumber("areaScale", t.AreaScale);
        json.WriteBoolean("flipsOrientation", t.FlipsOrientation);
        json.WriteStartArray("unitSquare");
        foreach (var p in t.UnitSquareImage) WritePoint(json, p);
        json.WriteEndArray();

        var (kind, values, vectors) = t.Eigen();
        json.WriteStartObject("eigen");
        json.WriteString("directions", kind.ToString().ToLowerInvariant());
        json.WriteStartArray("values");
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteStartArray("vectors");
        foreach (var v in vectors) WritePoint(json, v);
        json.WriteEndArray();
        json.WriteEndObject();

        var svd = t.Svd();
        json.WriteStartObject("svd");
        json.WriteStartArray("s");
        json.WriteNumberValue(svd.S1);
        json.WriteNumberValue(svd.S2);
        json.WriteEndArray();
        json.WriteStartArray("u");
        WritePoint(json, svd.U1);
        WritePoint(json, svd.U2);
        json.WriteEndArray();
        json.WriteStartArray("v");
        WritePoint(json, svd.V1);
        WritePoint(json, svd.V2);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, (double X, double Y) p)
    {
        json.WriteStartArray();
        json.WriteNumberValue(p.X);
        json.WriteNumberValue(p.Y);
        json.WriteEndArray();
    }
}
