using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Samstyring.Core.Common;

namespace Samstyring.Web.Shared;

/// <summary>
/// Refuses an upload whose declared size is over the limit before antiforgery or model binding read the body,
/// and sends the user back to the form with the Norwegian message instead of an error page. The page shows
/// <see cref="TempDataKey"/> as the file field's error on GET.
/// </summary>
/// <param name="maxRequestBytes">What the request may be: the file limit plus room for the other fields.</param>
/// <param name="maxFileMegabytes">The file limit the user is told about.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadSizeGuardAttribute(long maxRequestBytes, int maxFileMegabytes) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public const string TempDataKey = "UploadError";

    // Before RequestSizeLimit/RequestFormLimits (900) and antiforgery (1000).
    public int Order => 800;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentLength > maxRequestBytes)
        {
            var tempData = context.HttpContext.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(context.HttpContext);
            tempData[TempDataKey] = $"Filen er for stor ({Norwegian.FileSize(request.ContentLength.Value)}). Største tillatte størrelse er {maxFileMegabytes} MB.";
            tempData.Save();
            context.Result = new RedirectResult(request.Path, permanent: false);
        }
        return Task.CompletedTask;
    }
}
