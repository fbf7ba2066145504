using System.Security.Cryptography;
using System.Text;

namespace Samstyring.Core.Archive;

/// <summary>
/// The systemIDs of a Noark 5 extract: name-based UUIDs (version 5, RFC 9562: SHA-1 of a namespace and a name), so the
/// same meeting, case or document gets the same id in every export and in overlapping periods, with nothing stored.
/// The namespace is derived from the site's DNS name (<c>Samstyring:PublicUrl</c>, or "samstyring"), so two
/// installations give different ids. Names: <c>meeting:{Id}</c>, <c>case:{Id}:paper</c>, <c>attachment:{Id}:obj</c>, ….
/// </summary>
public sealed class ArchiveIds
{
    /// <summary>The fixed root all Samstyring namespaces are derived from.</summary>
    private static readonly Guid Root = new("6f1d2c4e-8a57-4b0e-9c1d-53a3b1e0c8f2");

    private readonly Guid _namespace;

    public ArchiveIds(string authority) => _namespace = Version5(Root, authority.Trim().ToLowerInvariant());

    public Guid For(string name) => Version5(_namespace, name);

    /// <summary>"xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx", as Noark's ID type wants it.</summary>
    public string Text(string name) => For(name).ToString("D");

    /// <summary>UUID version 5: the first 16 bytes of SHA-1(namespace in network order ‖ UTF-8 name), with the version and variant bits set.</summary>
    public static Guid Version5(Guid ns, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
