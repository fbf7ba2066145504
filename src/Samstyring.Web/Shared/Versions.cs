using System.Globalization;

namespace Samstyring.Web.Shared;

/// <summary>
/// The one place that reads the version a client started from and sends back the version it now has. A changeable
/// resource carries its row version as «version» and as a strong ETag ("3"); a change sends it back in If-Match or
/// «version». Missing, the use case answers 428 (after checking access); stale, 412.
/// </summary>
public static class Versions
{
    /// <summary>If-Match ("3", W/"3" or 3) first, else the body's «version»; null when neither holds a version.</summary>
    public static int? Expected(HttpRequest request, int? bodyVersion) => FromIfMatch(request) ?? bodyVersion;

    public static int? FromIfMatch(HttpRequest request)
    {
        var first = request.Headers.IfMatch.ToString().Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal)) first = first[2..];
        first = first.Trim('"');
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the ETag to the resource's row version.</summary>
    public static void SetVersion(this HttpResponse response, int version) => response.Headers.ETag = ETag(version);
}
