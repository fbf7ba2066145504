using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Council;
using Samstyring.Core.Notifications;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Notifications;

/// <summary>
/// Subscribing by e-mail (public): the forms on a body's page and the roadmap post here, and the page answers the same
/// whether the address was known or not.
/// No antiforgery token: the form asks nothing of the visitor's own session (anyone may subscribe any address, as
/// <c>POST /api/v1/subscriptions</c> lets them, and the address's owner confirms), so another site gains nothing by
/// posting it; and without the token's cookie the public pages that carry the form can be kept in
/// <see cref="PublicPageCache"/>. The limiter and the double opt-in are the protection.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SubscribeModel(RequestSubscription subscribe, SubscribeLimiter limiter, CouncilQueries council) : SamstyringPage
{
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty] public string? Email { get; set; }

    public bool Done { get; private set; }
    public List<(string, string)> Topics { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct) =>
        Topics = (await council.ListBodiesAsync(ct)).Select(b => (Subscription.BodyTopic(b.Slug), $"Vedtak i {b.Name}"))
            .Prepend((Subscription.RoadmapTopic, "Nye versjoner av veikartet")).ToList();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!limiter.TryTake(HttpContext))
        {
            ModelState.AddModelError("email", SubscribeLimiter.Refused);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await LoadAsync(ct);
            return Page();
        }
        if (await TryAsync(() => subscribe.HandleAsync(new SubscriptionInput(Email, Topic), ct)))
        {
            Done = true;
            return Page();
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }
}
