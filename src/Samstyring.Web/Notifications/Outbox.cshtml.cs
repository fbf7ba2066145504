using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

/// <summary>The outbox for the office: every e-mail with its status, why a try failed, and a button to send one again.</summary>
[Authorize(Roles = nameof(Role.PortfolioOffice))]
public sealed class OutboxModel(NotificationQueries queries, ResendMessage resend) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "side")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SubscriberCount> Subscribers { get; private set; } = [];
    public OutboxPage Result { get; private set; } = new([], 0, new OutboxCounts(0, 0, 0), false);
    public int Pages => Math.Max(1, (Result.Total + NotificationQueries.PageSize - 1) / NotificationQueries.PageSize);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostResendAsync(int id, int version, CancellationToken ct)
    {
        if (await TryAsync(() => resend.HandleAsync(id, version, CurrentUser, ct)))
        {
            Flash = $"E-post {id} er lagt i køen igjen.";
            return RedirectToPage(new { status = Status, side = PageNumber });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var v = new Validator();
        v.Enum<OutboxStatus>("status", Status, "Status", false, out var status);
        if (!v.IsValid) { Status = null; status = null; }
        Result = await queries.OutboxAsync(status, 1, CurrentUser, ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        if (PageNumber > 1) Result = await queries.OutboxAsync(status, PageNumber, CurrentUser, ct);
        Subscribers = await queries.SubscriberCountsAsync(CurrentUser, ct);
    }

    public string PageLink(int page) => "/kontor/e-post?" + (Status is { Length: > 0 } s ? $"status={Uri.EscapeDataString(s)}&" : "") + $"side={page}";

    public static string StatusText(OutboxStatus s) => s switch
    {
        OutboxStatus.Pending => "Venter",
        OutboxStatus.Sent => "Sendt",
        _ => "Ga opp",
    };

    public static string KindText(string kind) => kind switch
    {
        "meeting-notice" => "Innkalling",
        "meeting-change" => "Endret møte",
        "meeting-cancellation" => "Avlyst møte",
        SubscriptionMails.ConfirmationKind => "Bekreft abonnement",
        "subscription-decision" => "Vedtak til abonnenter",
        "subscription-roadmap" => "Veikart til abonnenter",
        _ => kind,
    };
}
