namespace Samstyring.Core.Common;

/// <summary>Today's date as the whole product counts it (UTC), for pages and endpoints that need no database.</summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
