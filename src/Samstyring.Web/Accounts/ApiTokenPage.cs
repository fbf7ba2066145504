using Microsoft.AspNetCore.Mvc;
using Samstyring.Core.Accounts;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>
/// What the user's and the office's token pages share: the list with a revoke button per token, the form's name and
/// last day, and the new token shown once. The new token is rendered in the answer to the form's post, never kept (no
/// redirect through TempData, which would put it in a cookie), and that answer may not be cached.
/// </summary>
public abstract class ApiTokenPage(AccountQueries accounts, CreateApiToken create, RevokeApiToken revoke) : SamstyringPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ExpiresOn { get; set; }

    public IReadOnlyList<ApiTokenRow> Tokens { get; private set; } = [];
    public CreatedApiToken? Created { get; private set; }

    /// <summary>The office's page lists every token; a user's page their own.</summary>
    protected abstract bool ListsAll { get; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ExpiresOn = DefaultLastDay;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, int? version, CancellationToken ct)
    {
        ApiTokenRow? revoked = null;
        if (await TryAsync(async () => revoked = await revoke.HandleAsync(id, version, CurrentUser, ct)))
        {
            Flash = $"API-tokenet «{revoked!.Name}» ({revoked.Prefix}…) er trukket tilbake.";
            return RedirectToPage();
        }
        ExpiresOn = DefaultLastDay;
        await LoadAsync(ct);
        return Page();
    }

    protected async Task<IActionResult> CreateAsync(CreateApiTokenInput input, CancellationToken ct)
    {
        if (await TryAsync(async () => Created = await create.HandleAsync(input, CurrentUser, ct)))
        {
            Response.Headers.CacheControl = "no-store";
            Name = null;
            ExpiresOn = DefaultLastDay;
        }
        await LoadAsync(ct);
        return Page();
    }

    protected virtual async Task LoadAsync(CancellationToken ct) => Tokens = await accounts.ApiTokensAsync(CurrentUser, ownOnly: !ListsAll, ct);

    private string DefaultLastDay => ApiTokenRules.DefaultLastDay(Today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private DateOnly Today => Core.Common.Clock.Today(HttpContext.RequestServices.GetRequiredService<TimeProvider>());
}

/// <summary>The token list partial's model: the tokens, whether to name who made each, and the table's caption.</summary>
public sealed record ApiTokenTable(IReadOnlyList<ApiTokenRow> Tokens, bool ShowMaker, string Caption);
