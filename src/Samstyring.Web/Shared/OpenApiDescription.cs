using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Samstyring.Web.Shared;

/// <summary>
/// The OpenAPI document's own parts: what the API and each tag is about, where it is served, and who may call what. Three ways to sign in (<see cref="WebSetup"/>): an API token
/// (Bearer) or HTTP Basic for scripts and integrations, and the login cookie of the web pages (a change through the API with
/// the cookie also needs the antiforgery token in X-CSRF-TOKEN). An endpoint that requires authorisation gets all three as
/// alternatives, and 401 and 403; a public read may be called with any or none, and answers 401 when credentials are
/// present but wrong (<see cref="PresentCredentialsGuard"/>).
/// Taken from the endpoints' own authorisation metadata, so the document cannot drift from what the server enforces.
/// </summary>
public static class OpenApiDescription
{
    public const string Basic = "basic";
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    /// <summary>The login cookie's name: <see cref="WebSetup"/> sets it from here, so that the document names the cookie the server sets.</summary>
    public const string CookieName = "samstyring";

    public static OpenApiOptions AddSamstyringDocument(this OpenApiOptions o) =>
        o.AddDocumentTransformer(DescribeDocument).AddOperationTransformer(DescribeOperation);

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Samstyring API";
        document.Info.Description =
            "Porteføljen, aktørene, råd og utvalg og veikartet i den nasjonale samstyringen av e-helse. Lesing er stort sett offentlig; "
            + "endringer krever innlogging med et API-token (Authorization: Bearer sst_…) eller HTTP Basic (skript og integrasjoner), "
            + "eller innloggingskapselen fra nettsidene (da også antiforgery-token i X-CSRF-TOKEN). Feil svarer med problem details "
            + "(RFC 9457) på norsk.";
        // Relative to the host the document was fetched from (only the path base, if any, is kept): the generated absolute URL is
        // whatever host name the request used, which says nothing to a reader elsewhere.
        foreach (var server in document.Servers ?? [])
            server.Url = Uri.TryCreate(server.Url, UriKind.Absolute, out var absolute) && absolute.AbsolutePath.TrimEnd('/') is { Length: > 0 } path ? path : "/";
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && Tags.TryGetValue(name, out var about)) tag.Description = about;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Basic] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "basic",
            Description = "Brukernavn og passord med HTTP Basic; for skript og integrasjoner (trenger ikke antiforgery-token).",
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "sst_ og 43 tegn base64url",
            Description = "API-token i Authorization: Bearer sst_… (lages på /konto/tokener eller med POST /api/v1/tokens; vises bare én gang). "
                          + "Gjelder bare /api, har en utløpsdato og kan trekkes tilbake; trenger ikke antiforgery-token.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = CookieName,
            Description = "Innloggingskapselen fra /logg-inn. Endringer med kapselen krever også antiforgery-token i headeren X-CSRF-TOKEN.",
        };
        return Task.CompletedTask;
    }

    /// <summary>What each group of endpoints (the tag each area's API sets) is about.</summary>
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Aktører"] = "Aktørregisteret: helseforetak, kommuner, direktorater og andre aktører i samstyringen, med eierskap.",
        ["Portefølje"] = "Tiltakene i den nasjonale porteføljen: innmelding, vurdering, status og risiko per periode, avhengigheter.",
        ["Porteføljerapport"] = "Porteføljerapporten per periode som filer og åpne data, neste års portefølje og import av tiltak.",
        ["Revisjonslogg"] = "Hvem endret hva og når, med verdiene før og etter (porteføljekontoret).",
        ["Vedlegg"] = "Vedlegg til saker: nedlasting for den som kan se dem, opplasting og endring for sekretariatet.",
        ["Organer og årshjul"] = "Organene i styringsmodellen, medlemmene deres og årshjulet med faste saker.",
        ["Råd og utvalg"] = "Organer, møter, saker og vedtak, offentlig lesbart; innhold unntatt offentlighet bare for sekretariatet og medlemmene.",
        ["Møter og saker (sekretariatet)"] = "Sekretariatets arbeid med møter og saker: innkalling, dagsorden, oppmøte, vedtak og innspill.",
        ["Råd og utvalg: dokumenter"] = "Innkalling, referat, saksfremlegg og sakspakke som Word og PDF.",
        ["Veikart"] = "Det nasjonale veikartet: versjoner med tjenester, planer, avhengigheter og milepæler, som JSON, SVG, PDF og CSV.",
        ["Finansiering"] = "Finansieringen av de nasjonale løsningene: vedtatte prismodeller med kostnadsgrunnlag og andeler, hver aktørs regning forklart, scenarioer, prislister og fakturagrunnlag. Beløp i øre, andeler i prosent.",
        ["Finansiering (porteføljekontoret)"] = "Porteføljekontorets arbeid med finansieringen: prismodeller gjennom den årlige prosessen, kostnadsgrunnlag, prislister og bestillinger; teknisk beregningsutvalgs beregninger.",
        ["Veikart (porteføljekontoret)"] = "Porteføljekontorets arbeid med veikartet: utkast, endringer og stegene fram til publisering.",
        ["API-tokener"] = "API-tokener for skript og integrasjoner: hver bruker lager og trekker tilbake sine egne, porteføljekontoret også integrasjonstokener med valgt rolle og organisasjon. Tokenet vises bare når det lages.",
    };

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var signInRequired = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var document = context.Document;
        OpenApiSecurityRequirement Scheme(string name) => new() { [new OpenApiSecuritySchemeReference(name, document)] = [] };
        // An empty requirement first: the operation may also be called without signing in.
        operation.Security = signInRequired
            ? [Scheme(Bearer), Scheme(Basic), Scheme(Cookie)]
            : [new OpenApiSecurityRequirement(), Scheme(Bearer), Scheme(Basic), Scheme(Cookie)];

        operation.Responses ??= new OpenApiResponses();
        DescribeFiles(operation, metadata);
        await AddProblemAsync(operation, context, "401", signInRequired
            ? "Ikke innlogget, eller brukernavnet, passordet eller API-tokenet er feil (et token kan også være utløpt eller trukket tilbake)."
            : "Brukernavn og passord eller et API-token er oppgitt, men feil (lesing uten innlogging gir det offentlige svaret).", ct);
        if (signInRequired)
            await AddProblemAsync(operation, context, "403", "Innlogget, men rollen har ikke tilgang til dette.", ct);
    }

    /// <summary>
    /// A file (PDF, DOCX, XLSX, CSV, SVG, an attachment) is declared with <c>Produces(200, contentType: …)</c> and no type, which
    /// the generator leaves without content: describe each declared media type as a string of bytes.
    /// </summary>
    private static void DescribeFiles(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            if (produces.Type is not null && produces.Type != typeof(void)) continue;
            if (!operation.Responses!.TryGetValue(produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                || response is not OpenApiResponse { } described) continue;
            described.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var contentType in produces.ContentTypes)
                described.Content.TryAdd(contentType, new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.Contains("xml", StringComparison.Ordinal) ? null : "binary",
                    },
                });
        }
    }

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description,
        CancellationToken ct)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        // Registers the component when no endpoint has named it yet, then refers to it as ProducesProblem does.
        await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, ct);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document) },
            },
        };
    }
}
