using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Common;
using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

/// <summary>
/// Ending a subscription from the link in a mail. GET shows a button (a link scanner must not unsubscribe anyone); a POST
/// unsubscribes at once. The POST takes no antiforgery token on purpose: RFC 8058 one-click unsubscribe means the mail
/// program posts <c>List-Unsubscribe=One-Click</c> to this URL itself, without any page or cookie, and the token in the
/// URL, random and of one mail, is the authorisation. Forging the request from another site needs the token too, and the
/// worst it can do is end a subscription.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(NotificationQueries queries, EndSubscription end) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string? Label { get; private set; }
    public bool Done { get; private set; }
    public string? Invalid { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try { Label = await queries.UnsubscribeTopicAsync(Token, ct); }
        catch (NotFoundException e) { NotFound(e); }
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        try
        {
            Label = await end.HandleAsync(Token, ct);
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
