using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Samstyring.Web.Shared;

/// <summary>
/// HEAD is GET without the body (RFC 9110 §9.3.2): link checkers, caches and feed readers use it. The minimal API maps
/// GET only, so rather than list HEAD on every route, a HEAD request is handled as the GET it stands for, through the
/// same routing, authentication, authorisation and handlers, and whatever body they write is dropped. It therefore gets
/// exactly the GET's status and headers (ETag, Content-Length, 304, 401/403/404/405 alike) and can reach nothing a GET
/// could not; it runs first, so error pages written further in are dropped as well.
/// </summary>
public sealed class HeadRequestMiddleware(RequestDelegate next)
{
    /// <summary>In <see cref="HttpContext.Items"/> while a HEAD request runs as its GET.</summary>
    public const string ItemKey = "samstyring:head";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new DiscardedBody(body));
        context.Request.Method = HttpMethods.Get;
        context.Items[ItemKey] = true;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    }

    /// <summary>Sends the headers through the server's own body feature and throws the body away.</summary>
    private sealed class DiscardedBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        private PipeWriter? _writer;

        public Stream Stream => Stream.Null;
        public PipeWriter Writer => _writer ??= PipeWriter.Create(Stream.Null);
        public void DisableBuffering() => inner.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => StartAsync(cancellationToken);
        public Task CompleteAsync() => inner.CompleteAsync();
    }
}
