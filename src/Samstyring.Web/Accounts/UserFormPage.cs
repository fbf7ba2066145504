using Microsoft.AspNetCore.Mvc;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Accounts;

/// <summary>The fields a new user and an edited user share (<c>_UserFields.cshtml</c>).</summary>
public abstract class UserFormPage : SamstyringPage
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Organization { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? HprNumber { get; set; }
    [BindProperty] public string? PersonalId { get; set; }

    public List<(string Value, string Text)> OrganizationOptions { get; protected set; } = [];
}
