namespace Samstyring.Core.EInnsyn;

/// <summary>
/// Publication to eInnsyn (<c>Samstyring:EInnsyn</c>). Without a base URL, API key and arkivdel nothing is sent: records
/// still wait in the queue, where the office sees them and can download them as JSON, so turning it on later publishes
/// what the meantime queued.
/// </summary>
public sealed class EInnsynOptions
{
    /// <summary>The API's root, e.g. <c>https://api.einnsyn.no</c>.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>Sent in the <c>API-KEY</c> header.</summary>
    public string? ApiKey { get; set; }
    /// <summary>The eInnsyn id of the arkivdel the meetings are created under (<c>POST /arkivdel/{id}/moetemappe</c>).</summary>
    public string? Arkivdel { get; set; }
    /// <summary>An arkivdel per body (by slug), for bodies that publish apart from <see cref="Arkivdel"/>.</summary>
    public Dictionary<string, string> ArkivdelByBody { get; set; } = [];
    /// <summary>How often the scheduled sender looks for records that are due; 0 turns the schedule off (the CLI still sends).</summary>
    public double PollSeconds { get; set; } = 30;
    /// <summary>Tries before a record is marked failed; the wait doubles from 30 seconds up to an hour.</summary>
    public int MaxAttempts { get; set; } = 30;
    public int BatchSize { get; set; } = 20;
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiKey)
                           && (!string.IsNullOrWhiteSpace(Arkivdel) || ArkivdelByBody.Count > 0);

    public bool Scheduled => Enabled && PollSeconds > 0;

    /// <summary>The arkivdel a body's meetings go under, or null when none is configured for it.</summary>
    public string? ArkivdelFor(string bodySlug) =>
        ArkivdelByBody.TryGetValue(bodySlug, out var own) && !string.IsNullOrWhiteSpace(own) ? own.Trim()
        : string.IsNullOrWhiteSpace(Arkivdel) ? null : Arkivdel.Trim();
}
