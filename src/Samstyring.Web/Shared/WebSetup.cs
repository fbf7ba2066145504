using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Audit;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Web.Shared;

public static class WebSetup
{
    public static IServiceCollection AddSamstyringWeb(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<Samstyring.Web.Accounts.SignIn>();
        services.AddSingleton<CachedJson>();
        // Null for anonymous visitors; use cases treat null as "not logged in". Endpoints must take it as
        // [FromServices] CurrentUser? user: an inferred service parameter is resolved as required and fails for null.
        services.AddScoped<CurrentUser>(sp => CurrentUserReader.Read(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User)!);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "smart";
                o.DefaultChallengeScheme = "smart";
            })
            .AddPolicyScheme("smart", "Cookie or Basic", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/logg-inn";
                o.LogoutPath = "/logg-ut";
                o.AccessDeniedPath = "/ingen-tilgang";
                o.Cookie.Name = "samstyring";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403; only pages redirect to the login page.
                o.Events.OnRedirectToLogin = ctx => Redirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Redirect(ctx, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy("office", p => p.RequireRole(nameof(Role.PortfolioOffice)));
        });
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        // Pages live in their area folders (Portfolio/, Actors/, …) next to the area's API.
        services.AddRazorPages(o => o.RootDirectory = "/");
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
                415 when ctx.ProblemDetails.Title is null or "Unsupported Media Type" => "Ukjent innholdstype",
                _ => ctx.ProblemDetails.Title,
            };
            // A bare 400 is a body the API could not bind (malformed JSON, wrong types) or a form without a valid antiforgery token.
            if (ctx.ProblemDetails.Status == 400 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = ctx.HttpContext.Request.Path.StartsWithSegments("/api")
                    ? "Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig JSON med riktige felttyper."
                    : "Skjemaet er utløpt eller ugyldig. Last inn siden på nytt og prøv igjen.";
            if (ctx.ProblemDetails.Status == 401 && ctx.ProblemDetails.Detail is null)
                ctx.ProblemDetails.Detail = "Logg inn (informasjonskapsel) eller bruk HTTP Basic med brukernavn og passord.";
        });
        services.AddOpenApi(o => o.AddSchemaTransformer(EnumCodesSchema.Apply));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new KebabEnumConverterFactory());
        });
        return services;
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseSamstyringWeb(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ProblemResults.HandleExceptionAsync });
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (ctx, next) =>
        {
            // Stamp audit entries with the acting user.
            var audit = ctx.RequestServices.GetRequiredService<AuditContext>();
            audit.UserName = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name ?? "ukjent" : "anonym";
            await next();
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    public static void MapHealthChecks(this WebApplication app)
    {
        app.MapGet("/livez", () => Results.Text("ok")).ExcludeFromDescription();
        // 200 "ok": the database answers and can take a change. 503 "database svarer ikke": it cannot be read.
        // 503 "degradert: …": it can be read, but a change would fail (read-only, locked, full); see DatabaseHealth.
        app.MapGet("/healthz", async (SamstyringDb db, HttpResponse response, CancellationToken ct) =>
        {
            try
            {
                if (!await db.Database.CanConnectAsync(ct) || !await db.Organizations.AnyAsync(ct))
                    return Results.Text("database svarer ikke", statusCode: 503);
                if (await DatabaseHealth.ProbeWriteAsync(db, ct) is { } trouble)
                {
                    response.Headers.RetryAfter = Math.Max(1, (int)trouble.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Text("degradert: databasen kan leses, men ikke endres. " + trouble.Message, statusCode: 503);
                }
                return Results.Text("ok");
            }
            catch (Exception)
            {
                return Results.Text("database svarer ikke", statusCode: 503);
            }
        }).ExcludeFromDescription();
    }
}

public static class CurrentUserReader
{
    public const string OrganizationClaim = "samstyring:org";

    public static CurrentUser? Read(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (!Enum.TryParse<Role>(role, out var r)) return null;
        var org = principal.FindFirstValue(OrganizationClaim);
        return new CurrentUser(principal.Identity.Name!, principal.FindFirstValue("samstyring:name") ?? principal.Identity.Name!, r,
            int.TryParse(org, out var id) ? id : null);
    }

    public static ClaimsPrincipal ToPrincipal(CurrentUser user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new("samstyring:name", user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
        };
        if (user.OrganizationId is { } org) claims.Add(new Claim(OrganizationClaim, org.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
