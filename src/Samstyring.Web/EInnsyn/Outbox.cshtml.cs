using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Council;
using Samstyring.Core.EInnsyn;
using Samstyring.Web.Shared;

namespace Samstyring.Web.EInnsyn;

/// <summary>
/// Publication to eInnsyn for the office: what is queued, when it was published and under which id, tries and the last
/// answer; queueing a body's period; sending a refused record again; and the queue as JSON.
/// </summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class EInnsynOutboxModel(EInnsynQueries queries, CouncilQueries council, QueueEInnsyn queue, ResendEInnsyn resend) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }

    public List<(string, string)> Bodies { get; private set; } = [];
    public EInnsynPage Result { get; private set; } = new([], 0, new EInnsynCounts(0, 0, 0), false);
    public int Pages => Math.Max(1, (Result.Total + EInnsynQueries.PageSize - 1) / EInnsynQueries.PageSize);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostQueueAsync(CancellationToken ct)
    {
        QueueEInnsynResult? r = null;
        if (await TryAsync(async () => r = await queue.HandleAsync(Body, From, To, CurrentUser, ct)))
        {
            Flash = $"{Norwegian.Number(r!.Queued)} poster fra {Norwegian.Number(r.Meetings)} {(r.Meetings == 1 ? "møte" : "møter")} er lagt i køen"
                    + (r.AlreadyQueued > 0 ? $"; {Norwegian.Number(r.AlreadyQueued)} var der fra før." : ".");
            return RedirectToPage();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(int id, int version, CancellationToken ct)
    {
        if (await TryAsync(() => resend.HandleAsync(id, version, CurrentUser, ct)))
        {
            Flash = $"Post {id} er lagt i køen igjen.";
            return RedirectToPage(new { status = Status, side = PageNumber });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var v = new Validator();
        v.Enum<EInnsynStatus>("status", Status, "Status", false, out var status);
        if (!v.IsValid) { Status = null; status = null; }
        Result = await queries.OutboxAsync(status, 1, CurrentUser, ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        if (PageNumber > 1) Result = await queries.OutboxAsync(status, PageNumber, CurrentUser, ct);
        Bodies = await council.BodyOptionsAsync(ct);
    }

    public string PageLink(int page) => "/kontor/einnsyn?" + (Status is { Length: > 0 } s ? $"status={Uri.EscapeDataString(s)}&" : "") + $"side={page}";

    public static string StatusText(EInnsynStatus s) => s switch
    {
        EInnsynStatus.Pending => "Venter",
        EInnsynStatus.Sent => "Publisert",
        _ => "Ga opp",
    };

    public static string KindText(string kind) => kind switch
    {
        EInnsynRecords.MeetingKind => "Møte med innkalling og saker",
        EInnsynRecords.MinutesKind => "Referat",
        EInnsynRecords.DecisionKind => "Vedtak",
        _ => kind,
    };
}
