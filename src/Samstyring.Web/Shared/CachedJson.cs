using System.Text.Json;
using Microsoft.Extensions.Options;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

/// <summary>
/// Public JSON reads served from <see cref="ReadCache"/> as ready-serialised bytes, with an ETag so
/// clients can revalidate cheaply (304). Any committed change to the data gives a new ETag.
/// </summary>
public sealed class CachedJson(ReadCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task<IResult> ServeAsync<T>(HttpContext http, string key, SamstyringDb db, Func<Task<T>> produce) where T : notnull
    {
        var ct = http.RequestAborted;
        var (bytes, version) = await cache.GetOrAddAsync("json:" + key, db,
            async () => JsonSerializer.SerializeToUtf8Bytes(await produce(), json.Value.SerializerOptions), ct);
        var etag = $"\"{version}-{(uint)key.GetHashCode():x}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, no-cache";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
