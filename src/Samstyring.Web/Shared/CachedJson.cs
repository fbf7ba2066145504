using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>
/// Public JSON reads served from <see cref="ReadCache"/> (through the request's <see cref="ScopedReadCache"/>) as ready-serialised bytes (gzip-compressed once
/// as well, the first time a client asks for it), with an ETag so clients can revalidate cheaply (304). Any committed
/// change to the data gives a new ETag.
/// </summary>
public sealed class CachedJson(ScopedReadCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task<IResult> ServeAsync<T>(HttpContext http, string key, Func<Task<T>> produce) where T : notnull
    {
        var ct = http.RequestAborted;
        var (body, version) = await cache.GetOrAddAsync("json:" + key, async () =>
        {
            var plain = JsonSerializer.SerializeToUtf8Bytes(await produce(), json.Value.SerializerOptions);
            return new Body(plain, new Lazy<byte[]>(() => Gzip(plain)));
        }, ct);
        var etag = $"\"{version}-{(uint)key.GetHashCode():x}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, no-cache";
        headers.Vary = "Accept-Encoding";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        if (http.Request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(body.Gzip.Value, "application/json; charset=utf-8");
        }
        return Results.Bytes(body.Plain, "application/json; charset=utf-8");
    }

    /// <summary>The JSON, and its gzip made once when first asked for (with the cache off, or for clients that never ask, never).</summary>
    private sealed record Body(byte[] Plain, Lazy<byte[]> Gzip);

    private static byte[] Gzip(byte[] plain)
    {
        using var buffer = new MemoryStream(plain.Length / 8 + 64);
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(plain);
        return buffer.ToArray();
    }
}
