using Samstyring.Core.Common;
using Samstyring.Core.Search;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Search;

/// <summary>
/// One hit: its <c>type</c>, the <c>id</c> of the case, meeting (minutes), initiative, roadmap service, solution or
/// attachment, its <c>title</c>, a <c>snippet</c> of its text as HTML (encoded, with the matching words in &lt;mark&gt;),
/// the body it belongs to (<c>bodySlug</c>), its <c>date</c> and the page it is shown on (<c>url</c>).
/// </summary>
public sealed record SearchHitDto(SearchKind Type, int Id, string Title, string Snippet, string? BodySlug, DateOnly? Date, string Url);

/// <summary>
/// A page of hits: <c>total</c> counts every hit of the search with its filters, <c>countsByType</c> every type's hits
/// without the type filter (each type's code, 0 when none).
/// </summary>
public sealed record SearchResultDto(string Q, int Total, IReadOnlyDictionary<string, int> CountsByType, int Page, int PageSize,
    IReadOnlyList<SearchHitDto> Items);

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/search").WithTags("Søk")
            .MapGet("", (SearchQueries queries, [Microsoft.AspNetCore.Mvc.FromServices] CurrentUser? user, string? q, string? type, string? body,
                    string? from, string? to, int? page, int? pageSize, CancellationToken ct) =>
                ProblemResults.Run(async () =>
                {
                    var r = await queries.SearchAsync(new SearchRequest(q, type, body, from, to, page, pageSize), user, ct);
                    return Results.Ok(Dto(r));
                }))
            .WithName("Search")
            .WithSummary("Søk i saker (tittel, formål, bakgrunn, forslag til vedtak og vedtak), møtereferater, tiltak, tjenester i veikartet, "
                         + "nasjonale løsninger og teksten i vedlegg (offentlig). Hvert ord må finnes, i bøyd form («sakene» finner «sak») eller som del av et "
                         + "sammensatt ord («journal» finner «kjernejournalen»). q er 1–200 tegn og høyst 8 ord; type er en av case, minutes, initiative, "
                         + "roadmap-service, solution, attachment; body er organets nøkkel; from og to er datoer (åååå-mm-dd); page 1–200, pageSize 1–50 (20). "
                         + $"Alle treff telles; de {SearchQueries.RankedHits} nyeste er sortert etter hvor godt de passer, og de eldre følger etter, nyeste først. "
                         + "Det som er unntatt offentlighet, utkast og det som ikke er offentlig ennå, finner bare sekretariatet og medlemmene.")
            .Produces<SearchResultDto>().ProducesValidationProblem()
            // q is checked by the use case (a Norwegian field error, not the binder's), but a search without it is no search.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                foreach (var p in operation.Parameters ?? [])
                    if (p is Microsoft.OpenApi.OpenApiParameter { Name: "q" } parameter) parameter.Required = true;
                return Task.CompletedTask;
            });
        return app;
    }

    public static SearchResultDto Dto(SearchResult r) =>
        new(r.Query.Text, r.Total, r.Counts.OrderBy(c => c.Key).ToDictionary(c => c.Key.Code(), c => c.Value), r.Query.Page, r.Query.PageSize,
            r.Items.Select(h => new SearchHitDto(h.Kind, h.Id, h.Title, h.SnippetHtml, h.BodySlug, h.Date, Url(h))).ToList());

    /// <summary>The page a hit is shown on: an attachment on its case's page, a roadmap service in its version.</summary>
    public static string Url(SearchHit h) => h.Kind switch
    {
        SearchKind.Case => $"/saker/{h.Id}",
        SearchKind.Minutes => $"/moter/{h.Id}",
        SearchKind.Attachment => $"/saker/{h.ParentId}",
        SearchKind.Initiative => $"/tiltak/{h.Id}",
        SearchKind.RoadmapService => $"/veikart/{Uri.EscapeDataString(h.Key ?? "")}",
        SearchKind.Solution => $"/losninger/{Uri.EscapeDataString(h.Key ?? "")}",
        _ => "/",
    };
}
