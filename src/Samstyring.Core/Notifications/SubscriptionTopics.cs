using Microsoft.EntityFrameworkCore;
using Samstyring.Core.Common;
using Samstyring.Core.Data;

namespace Samstyring.Core.Notifications;

/// <summary>The topics one can subscribe to and how a reader sees them.</summary>
public static class SubscriptionTopics
{
    /// <summary>«vedtak i NUIT» for <c>body:nuit</c>, «publiseringer av veikartet» for <c>roadmap</c>; null for an unknown topic.</summary>
    public static async Task<string?> LabelAsync(SamstyringDb db, string topic, CancellationToken ct)
    {
        if (topic == Subscription.RoadmapTopic) return "publiseringer av veikartet";
        if (!topic.StartsWith(Subscription.BodyTopicPrefix, StringComparison.Ordinal)) return null;
        var slug = topic[Subscription.BodyTopicPrefix.Length..];
        if (slug.Length == 0) return null;
        var body = await db.Bodies.AsNoTracking().Include(b => b.Names).SingleOrDefaultAsync(b => b.Slug == slug, ct);
        return body is null ? null : $"vedtak i {body.NameOn(db.Today).Name}";
    }
}
