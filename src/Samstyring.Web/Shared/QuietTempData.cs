using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Samstyring.Web.Shared;

/// <summary>
/// The framework's cookie TempData, without the empty "delete the cookie" it otherwise sends with every page (every page
/// reads <see cref="SamstyringPage.Flash"/>): a visitor who has no message gets no cookie, so an anonymous page stays
/// shareable (<see cref="PublicPageCache"/>). A visitor who has one gets it shown and removed as before.
/// </summary>
public sealed class QuietTempData(ITempDataProvider inner) : ITempDataProvider
{
    private static readonly string CookieName = CookieTempDataProvider.CookieName;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        if (values.Count == 0 && !context.Request.Cookies.Keys.Any(k => k.StartsWith(CookieName, StringComparison.Ordinal))) return;
        inner.SaveTempData(context, values);
    }

    /// <summary>Wraps the registered provider (after AddRazorPages).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ITempDataProvider));
        var type = registered.ImplementationType ?? throw new InvalidOperationException("TempData-leverandøren er ikke registrert som en type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(ITempDataProvider),
            sp => new QuietTempData((ITempDataProvider)ActivatorUtilities.CreateInstance(sp, type)), registered.Lifetime));
    }
}
