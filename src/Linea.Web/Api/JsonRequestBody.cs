using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Linea.Web.Api;

/// <summary>
/// Reads a request body under the size limit and parses it as a JSON object: wrong content type -> 415,
/// too long (declared or actual) -> 413, not JSON or not an object -> 400, each as an <see cref="ApiError"/>.
/// O(body length) time and memory, never more than the limit plus one read buffer.
/// </summary>
internal static class JsonRequestBody
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 16 };

    public static async Task<JsonDocument> ReadObjectAsync(HttpRequest request, long maxBytes)
    {
        if (!IsJsonContentType(request.ContentType))
            throw new ApiError(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                "send the body as JSON with the header Content-Type: application/json");
        if (request.ContentLength > maxBytes)
            throw TooLarge(maxBytes);

        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var span = buffer.GetMemory(4096);
                int read = await request.Body.ReadAsync(span, request.HttpContext.RequestAborted);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes) throw TooLarge(maxBytes);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.WrittenMemory, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", $"the body is not valid JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ApiError(StatusCodes.Status400BadRequest, "bad_request", "the body must be a JSON object");
        }
        return document;
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (contentType is null) return false;
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static ApiError TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "too_large", $"the request body is larger than the server's limit of {maxBytes} bytes");
}
