using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

/// <summary>
/// Confirming a subscription. Opening the link only shows a button: mail scanners and link previews fetch links in mail,
/// and a GET that confirmed would let them confirm on the reader's behalf. The button's POST (with antiforgery) confirms.
/// </summary>
public sealed class ConfirmModel(NotificationQueries queries, ConfirmSubscription confirm) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? Label { get; private set; }
    public bool Done { get; private set; }
    public string? Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try { Label = await queries.ConfirmTopicAsync(Token, ct); }
        catch (NotFoundException e) { NotFound(e); }
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        try
        {
            Label = await confirm.HandleAsync(Token, ct);
            Done = true;
        }
        catch (NotFoundException e) { NotFound(e); }
    }

    private void NotFound(NotFoundException e)
    {
        Invalid = e.Message;
        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
