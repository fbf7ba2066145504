using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Accounts;

public sealed record ChangePasswordInput(string? CurrentPassword, string? NewPassword, string? RepeatPassword);

/// <summary>
/// A signed-in user changes their own password. Every session of the user ends (a new security stamp), so a stolen
/// cookie or a browser left signed in elsewhere is out; the caller starts a new session for the browser in hand.
/// </summary>
[UseCase]
public sealed class ChangePassword(SamstyringDb db, VerifiedPasswordCache passwords)
{
    public async Task HandleAsync(ChangePasswordInput input, CurrentUser? user, CancellationToken ct = default)
    {
        if (user is null) throw new ForbiddenException("Du må logge inn.");
        var account = await db.Users.SingleOrDefaultAsync(u => u.UserName == user.UserName, ct)
                      ?? throw new ForbiddenException("Brukeren finnes ikke lenger.");
        var v = new Validator();
        if (string.IsNullOrEmpty(input.CurrentPassword)) v.Add("currentPassword", "Nåværende passord må fylles ut.");
        else if (input.CurrentPassword.Length > PasswordHasher.MaxLength || !PasswordHasher.Verify(input.CurrentPassword, account.PasswordHash))
            v.Add("currentPassword", "Nåværende passord er feil.");
        PasswordHasher.Validate(v, "newPassword", input.NewPassword);
        if (v.IsValid && input.NewPassword == input.CurrentPassword) v.Add("newPassword", "Det nye passordet må være et annet enn det gamle.");
        if (input.NewPassword != input.RepeatPassword) v.Add("repeatPassword", "Passordene er ikke like. Skriv det nye passordet to ganger.");
        v.ThrowIfInvalid();

        account.PasswordHash = PasswordHasher.Hash(input.NewPassword!);
        await Sessions.EndAllAsync(db, passwords, account, ct);
    }
}

/// <summary>The office (or the command line) sets a new password for someone, for instance one who has forgotten theirs.</summary>
[UseCase]
public sealed class ResetPassword(SamstyringDb db, VerifiedPasswordCache passwords)
{
    public async Task HandleAsync(string? userName, string? newPassword, CurrentUser? user, CancellationToken ct = default)
    {
        Portfolio.PortfolioAccess.RequireOffice(user);
        var account = await Sessions.FindAsync(db, userName, ct);
        var v = new Validator();
        PasswordHasher.Validate(v, "password", newPassword);
        v.ThrowIfInvalid();
        account.PasswordHash = PasswordHasher.Hash(newPassword!);
        await Sessions.EndAllAsync(db, passwords, account, ct);
    }
}

/// <summary>
/// The office (or the command line) changes someone's role or organisation. Their sessions end and their API tokens stop
/// working: what they may do has changed.
/// </summary>
[UseCase]
public sealed class ChangeUserAccess(SamstyringDb db, ApiTokenCache tokens, VerifiedPasswordCache passwords)
{
    public async Task<User> HandleAsync(string? userName, string? role, string? organizationKey, CurrentUser? user, CancellationToken ct = default)
    {
        Portfolio.PortfolioAccess.RequireOffice(user);
        var account = await Sessions.FindAsync(db, userName, ct);
        var v = new Validator();
        var (r, organizationId) = await UserRules.AccessAsync(db, v, role, organizationKey, ct);
        if (account.UserName == user!.UserName && account.Role == Role.PortfolioOffice && r is not null and not Role.PortfolioOffice)
            v.Add("role", "Du kan ikke ta fra deg selv rollen porteføljekontor. Be en annen i kontoret gjøre det.");
        v.ThrowIfInvalid();
        account.Role = r!.Value;
        account.OrganizationId = organizationId;
        await Sessions.EndAccessAsync(db, tokens, passwords, account, ct);
        return account;
    }
}

internal static class Sessions
{
    public static async Task<User> FindAsync(SamstyringDb db, string? userName, CancellationToken ct)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        if (name.Length is 0 or > 80 || name.Any(char.IsControl))
            throw ValidationFailedException.For("userName", "Brukernavn må fylles ut (høyst 80 tegn).");
        return await db.Users.SingleOrDefaultAsync(u => u.UserName == name, ct)
               ?? throw new NotFoundException($"Fant ikke brukeren «{Validator.Truncate(name)}».");
    }

    /// <summary>
    /// A new security stamp and the end of every open session, saved with the change that caused them; the passwords this
    /// node has let in over HTTP Basic for the user are forgotten once it is committed (other nodes within the cache's lifetime).
    /// </summary>
    public static async Task EndAllAsync(SamstyringDb db, VerifiedPasswordCache passwords, User account, CancellationToken ct)
    {
        account.SecurityStamp = User.NewStamp();
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await db.UserSessions.Where(s => s.UserId == account.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, db.UtcNow), ct);
        if (tx is not null) await tx.CommitAsync(ct);
        passwords.ForgetUser(account.UserName);
    }

    /// <summary>
    /// What a new role or organisation ends: the sessions and Basic passwords (<see cref="EndAllAsync"/>), and the user's API
    /// tokens, which stop working (<see cref="ApiTokenRules.StillBacked"/>): at once on this node, on others within the
    /// caches' lifetime.
    /// </summary>
    public static async Task EndAccessAsync(SamstyringDb db, ApiTokenCache tokens, VerifiedPasswordCache passwords, User account, CancellationToken ct)
    {
        await EndAllAsync(db, passwords, account, ct);
        tokens.EvictUser(account.Id);
    }
}
