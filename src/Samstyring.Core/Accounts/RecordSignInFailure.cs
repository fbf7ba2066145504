using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

/// <summary>
/// A sign-in through an identity provider that failed (refused at the provider, a token that did not validate, an
/// answer that came back broken): in the audit trail beside the wrong passwords, with the provider and the reason.
/// </summary>
[UseCase]
public sealed class RecordSignInFailure(SamstyringDb db)
{
    public async Task HandleAsync(string provider, string reason, string? address, CancellationToken ct = default)
    {
        db.AuditLog.Add(new Audit.AuditEntry
        {
            At = db.UtcNow, UserName = Cut(db.ActingUser, 80), Action = "SignInFailed", EntityType = "ExternalLogin", EntityId = Cut(provider, 80),
            After = System.Text.Json.JsonSerializer.Serialize(new { provider = Cut(provider, 40), reason = Cut(reason, 500), address = Cut(address ?? "ukjent", 64) }),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
