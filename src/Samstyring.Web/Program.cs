using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Web.Accounts;
using Samstyring.Web.Actors;
using Samstyring.Web.Audit;
using Samstyring.Web.Benefits;
using Samstyring.Web.Council;
using Samstyring.Web.EInnsyn;
using Samstyring.Web.Evaluation;
using Samstyring.Web.Financing;
using Samstyring.Web.Notifications;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Roadmap;
using Samstyring.Web.Search;
using Samstyring.Web.Shared;
using Samstyring.Web.Solutions;
using Samstyring.Web.Strategy;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, builder.Configuration["urls"] ?? "http://localhost:5080");

var options = builder.Configuration.GetSection("Samstyring").Get<SamstyringOptions>() ?? new SamstyringOptions();
options.ConnectionString = builder.Configuration.GetConnectionString("Samstyring");
builder.Services.AddSamstyringCore(options);
// Cookies and forms made on one node are read on every other: the key ring lives in the database.
builder.Services.AddSharedDataProtection();
builder.Services.AddSamstyringWeb();
builder.Services.AddMailSchedule(options);
try
{
    // Identity providers (HelseID, ID-porten, Entra ID): a mistyped one stops the start with what to fix.
    builder.Services.AddSamstyringSignIn(builder.Configuration);
    builder.AddSamstyringTelemetry();
    // The client's address and scheme from the load balancer in front (known proxies only).
    builder.Services.AddProxyHeaders(builder.Configuration);
}
catch (SetupFailedException e)
{
    await Console.Error.WriteLineAsync("Samstyring kan ikke starte: " + e.Message);
    return 3;
}
// Checked here, so a mistyped public URL stops the start instead of surfacing in the first feed.
var site = PublicSite.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(site);
// Mail leaves the site: its links and calendar UIDs need the public address, so mail without one is refused at start.
if (options.Mail.Enabled && site.Url is null)
{
    await Console.Error.WriteLineAsync($"Samstyring kan ikke starte: e-post er slått på (Samstyring:Mail:Host), men {PublicSite.ConfigurationKey} mangler. " +
                                       "Lenkene i e-postene må peke på adressen brukerne når Samstyring på, for eksempel https://samstyring.example.no.");
    return 3;
}
// eInnsyn fetches the documents from the links in the records: they must be absolute.
if (options.EInnsyn.Enabled && site.Url is null)
{
    await Console.Error.WriteLineAsync($"Samstyring kan ikke starte: eInnsyn er slått på (Samstyring:EInnsyn), men {PublicSite.ConfigurationKey} mangler. " +
                                       "Dokumentlenkene i postene til eInnsyn må peke på adressen Samstyring nås på, for eksempel https://samstyring.example.no.");
    return 3;
}
builder.Services.AddSingleton(site.Address);

var app = builder.Build();
try
{
    await app.Services.InitializeDatabaseAsync();
    app.Services.EnsureDataProtectionKey();
}
catch (SetupFailedException e)
{
    // For the operator: what is wrong and what to do, without a stack trace; the exit code tells the service manager.
    await Console.Error.WriteLineAsync("Samstyring kan ikke starte: " + e.Message);
    return 3;
}

app.UseSamstyringWeb();
app.MapHealthChecks();
app.MapActorsApi();
app.MapPortfolioApi();
app.MapReportsApi();
app.MapAuditApi();
app.MapAttachmentsApi();
app.MapBodiesAdminApi();
app.MapCouncilApi();
app.MapDocumentsApi();
app.MapArchiveApi();
app.MapMeetingsAdminApi();
app.MapRoadmapApi();
app.MapSolutionsApi();
app.MapSolutionsAdoptionApi();
app.MapFinancingApi();
app.MapFinancingWriteApi();
app.MapStrategyApi();
app.MapBenefitsApi();
app.MapEvaluationApi();
app.MapNotificationsApi();
app.MapEInnsynApi();
app.MapSubscriptionsApi();
app.MapAccountsApi();
app.MapApiTokensApi();
app.MapSearchApi();
app.MapRazorPages();
app.Run();
return 0;

public partial class Program;
