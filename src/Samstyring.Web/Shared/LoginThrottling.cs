namespace Samstyring.Web.Shared;

/// <summary>How a refused sign-in (too many wrong passwords) is told, the same on the login form and to API clients.</summary>
public static class LoginThrottling
{
    public const string RetryAfterKey = "samstyring:login-retry-after";

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string Message(TimeSpan wait)
    {
        var seconds = Seconds(wait);
        var when = seconds < 60 ? $"{seconds} {(seconds == 1 ? "sekund" : "sekunder")}" : $"{(seconds + 59) / 60} {((seconds + 59) / 60 == 1 ? "minutt" : "minutter")}";
        return $"For mange mislykkede innlogginger. Prøv igjen om {when}.";
    }
}
