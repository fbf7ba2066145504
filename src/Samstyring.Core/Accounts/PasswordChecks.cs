namespace Samstyring.Core.Accounts;

/// <summary>
/// How many passwords this node has hashed to check a sign-in (PBKDF2, by far the costliest part of one): shows that
/// <see cref="VerifiedPasswordCache"/> spares a busy API client the hash.
/// </summary>
public sealed class PasswordChecks
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);
}
