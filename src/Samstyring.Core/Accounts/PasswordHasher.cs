using System.Security.Cryptography;
using Samstyring.Core.Common;

namespace Samstyring.Core.Accounts;

/// <summary>PBKDF2-SHA256 with a per-password salt: "pbkdf2$iterations$salt$hash".</summary>
public static class PasswordHasher
{
    private const int Iterations = 100_000;
    public const int MinLength = 10;
    public const int MaxLength = 200;

    /// <summary>The rules for a new password, wherever it is set.</summary>
    public static void Validate(Validator v, string field, string? password)
    {
        if (string.IsNullOrEmpty(password)) v.Add(field, "Passord må fylles ut.");
        else if (password.Length < MinLength) v.Add(field, $"Passordet må ha minst {MinLength} tegn.");
        else if (password.Length > MaxLength) v.Add(field, $"Passordet kan ikke være lengre enn {MaxLength} tegn.");
        else if (password.Any(char.IsControl)) v.Add(field, "Passordet kan ikke inneholde kontrolltegn.");
    }

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
