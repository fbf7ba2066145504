using System.Net;
using Microsoft.AspNetCore.Http;
using Samstyring.Web.Notifications;

namespace Samstyring.Web.Tests.Notifications;

/// <summary>The bound on subscribe requests: 20 per client address in 10 minutes, each address counted on its own.</summary>
public sealed class SubscribeLimiterTests
{
    private static DefaultHttpContext From(string ip) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(ip) } };

    [Fact]
    public void A_client_gets_twenty_subscribe_requests_in_the_window_and_another_client_its_own()
    {
        using var limiter = new SubscribeLimiter();
        Assert.All(Enumerable.Range(0, SubscribeLimiter.PermitLimit), _ => Assert.True(limiter.TryTake(From("192.0.2.1"))));
        Assert.False(limiter.TryTake(From("192.0.2.1")));
        Assert.True(limiter.TryTake(From("192.0.2.2")));
    }
}
