using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

public static class WebSetup
{
    public static IServiceCollection AddSamstyringWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddHostedService<ChangeListener>();
        // Scoped: it reads through the request's ScopedReadCache; the cache itself is a singleton in Core.
        services.AddScoped<CachedJson>();
        PublicPageCache.Add(services);
        services.AddSingleton<Notifications.SubscribeLimiter>();
        // Null for anonymous visitors; use cases treat null as "not logged in". Endpoints must take it as
        // [FromServices] CurrentUser? user: an inferred service parameter is resolved as required and fails for null.
        services.AddScoped<CurrentUser>(sp => CurrentUserReader.Read(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)!);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "smart";
                o.DefaultChallengeScheme = "smart";
            })
            .AddPolicyScheme("smart", "Cookie, Basic or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthenticationHandler.SchemeName
                    : ApiTokenAuthenticationHandler.IsBearer(header) ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/logg-inn";
                o.LogoutPath = "/logg-ut";
                o.Cookie.Name = OpenApiDescription.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403; only pages redirect to the login page.
                o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RoleRefusal>();
        services.AddAuthorization(o =>
        {
            o.AddPolicy("office", p => p.RequireRole(nameof(Role.PortfolioOffice)));
        });
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        // Pages live in their area folders (Portfolio/, Actors/, …) next to the area's API.
        services.AddRazorPages(o => o.RootDirectory = "/");
        QuietTempData.Decorate(services);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Bare status codes (401 from the auth layer, 404 for unknown routes) get Norwegian titles too.
            ctx.ProblemDetails.Title = ctx.ProblemDetails.Status switch
            {
                400 when ctx.ProblemDetails.Title is null or "Bad Request" => "Ugyldig forespørsel",
                401 when ctx.ProblemDetails.Title is null or "Unauthorized" => "Ikke innlogget",
                403 when ctx.ProblemDetails.Title is null or "Forbidden" => "Ingen tilgang",
                404 when ctx.ProblemDetails.Title is null or "Not Found" => "Finnes ikke",
                405 when ctx.ProblemDetails.Title is null or "Method Not Allowed" => "Metoden er ikke tillatt",
                413 when ctx.ProblemDetails.Title is null or "Payload Too Large" or "Content Too Large" => "For stor forespørsel",
                415 when ctx.ProblemDetails.Title is null or "Unsupported Media Type" => "Ukjent innholdstype",
                _ => ctx.ProblemDetails.Title,
            };
            // A bare 400 is a body the API could not bind (malformed JSON, wrong types) or a form without a valid antiforgery token.
            if (ctx.ProblemDetails.Status == 400 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = ctx.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? "Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig JSON med riktige felttyper."
                    : "Skjemaet er utløpt eller ugyldig. Last inn siden på nytt og prøv igjen.";
            // A body over the server's limit, stopped before any endpoint saw it.
            if (ctx.ProblemDetails.Status == 413 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = "Forespørselen er større enn serveren tar imot. Send en mindre fil eller mindre data.";
            if (ctx.ProblemDetails.Status == 401 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = "Logg inn (informasjonskapsel), eller bruk et API-token (Authorization: Bearer sst_…) eller HTTP Basic med brukernavn og passord.";
            if (ctx.ProblemDetails.Status == 403 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = ctx.HttpContext.Items[RoleRefusal.DetailKey] as string ?? "Du har ikke tilgang til denne handlingen.";
        });
        services.AddOpenApi(o => o.AddSchemaTransformer(EnumCodesSchema.Apply).AddSamstyringDocument());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new EnumCodeJsonConverter());
            // {"version": 1, "version": 9} is ambiguous (which one counts?): refuse it rather than take the last.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    /// <summary>
    /// The API answers 401/403. A page sends an anonymous visitor to the login page, and answers someone signed in without
    /// the right role with 403 and the error page in place (see <see cref="UseSamstyringWeb"/>).
    /// </summary>
    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A browser asking for a page gets Norwegian HTML for errors; the API, feeds, documents and scripts get problem details.
    /// </summary>
    public static bool WantsHtml(HttpContext ctx) =>
        !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/openapi")
        && ctx.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    public static WebApplication UseSamstyringWeb(this WebApplication app)
    {
        // Before anything reads the client's address or scheme: sign-in, the login throttle, secure cookies, the logs (ProxyHeaders).
        app.UseForwardedHeaders();
        // Next, so a HEAD request goes everywhere its GET goes and every body written for it (error pages too) is dropped.
        app.UseMiddleware<HeadRequestMiddleware>();
        // Errors: the error page in place, with the failure's status code, for browsers; problem details for everyone else.
        app.UseWhen(WantsHtml, html =>
        {
            html.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/feil", StatusCodeSelector = ProblemResults.StatusFor, AllowStatusCode404Response = true,
                SuppressDiagnosticsCallback = ProblemResults.LogExpected,
            });
            html.UseStatusCodePagesWithReExecute("/feil/{0}");
            html.UseMiddleware<UnavailablePage>();
        });
        app.UseWhen(ctx => !WantsHtml(ctx), other =>
        {
            other.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = ProblemResults.HandleExceptionAsync, SuppressDiagnosticsCallback = ProblemResults.LogExpected,
            });
            other.UseStatusCodePages();
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseMiddleware<ControlCharacterGuard>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<PresentCredentialsGuard>();
        app.UseMiddleware<CookieApiAntiforgery>();
        app.UseAuthorization();
        app.Use(async (ctx, next) =>
        {
            // Stamp audit entries with the acting user.
            var audit = ctx.RequestServices.GetRequiredService<AuditContext>();
            audit.UserName = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name ?? "ukjent" : "anonym";
            await next();
        });
        app.Use(PublicPageCache.WatchReadAnswers);
        // After authentication, so a signed-in user's page is never kept or served from the anonymous copy.
        app.UseOutputCache();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    public static void MapHealthChecks(this WebApplication app)
    {
        app.MapGet("/livez", () => Results.Text("ok")).ExcludeFromDescription();
        // 200 "ok": the database answers and can take a change. 503 "database svarer ikke": it cannot be read.
        // 503 "degradert: …": it can be read, but a change would fail (read-only, locked, full); see DatabaseHealth.
        app.MapGet("/healthz", async (CheckDatabaseHealth check, HttpResponse response, CancellationToken ct) =>
        {
            var health = await check.HandleAsync(ct);
            if (!health.Answers) return Results.Text("database svarer ikke", statusCode: 503);
            if (health.Trouble is { } trouble)
            {
                response.Headers.RetryAfter = Math.Max(1, (int)trouble.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Text("degradert: databasen kan leses, men ikke endres. " + trouble.Message, statusCode: 503);
            }
            return Results.Text("ok");
        }).ExcludeFromDescription();
    }
}

public static class CurrentUserReader
{
    public const string OrganizationClaim = "samstyring:org";
    public const string TokenClaim = "samstyring:token";

    public static CurrentUser? Read(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (!Enum.TryParse<Role>(role, out var r)) return null;
        var org = principal.FindFirstValue(OrganizationClaim);
        return new CurrentUser(principal.Identity.Name!, principal.FindFirstValue("samstyring:name") ?? principal.Identity.Name!, r,
            int.TryParse(org, out var id) ? id : null)
        {
            ApiTokenId = int.TryParse(principal.FindFirstValue(TokenClaim), System.Globalization.CultureInfo.InvariantCulture, out var token) ? token : null,
        };
    }

    public static ClaimsPrincipal ToPrincipal(CurrentUser user, string scheme, SessionTicket? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new("samstyring:name", user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
        };
        if (user.OrganizationId is { } org) claims.Add(new Claim(OrganizationClaim, org.ToString()));
        // A token's requests carry its id: what it may not do (make more tokens) is decided in Core from CurrentUser.
        if (user.ApiTokenId is { } token) claims.Add(new Claim(TokenClaim, token.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (session is not null)
        {
            claims.Add(new Claim(SessionCookie.SessionClaim, session.SessionId));
            claims.Add(new Claim(SessionCookie.StampClaim, session.SecurityStamp));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
