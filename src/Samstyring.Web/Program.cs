using Samstyring.Core.Common;
using Samstyring.Core.Data;
using Samstyring.Web.Actors;
using Samstyring.Web.Audit;
using Samstyring.Web.Benefits;
using Samstyring.Web.Council;
using Samstyring.Web.Evaluation;
using Samstyring.Web.Financing;
using Samstyring.Web.Portfolio;
using Samstyring.Web.Roadmap;
using Samstyring.Web.Shared;
using Samstyring.Web.Solutions;
using Samstyring.Web.Strategy;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, builder.Configuration["urls"] ?? "http://localhost:5080");

var options = builder.Configuration.GetSection("Samstyring").Get<SamstyringOptions>() ?? new SamstyringOptions();
options.ConnectionString = builder.Configuration.GetConnectionString("Samstyring");
builder.Services.AddSamstyringCore(options);
builder.Services.AddSamstyringWeb();
// Checked here, so a mistyped public URL stops the start instead of surfacing in the first feed.
builder.Services.AddSingleton(PublicSite.FromConfiguration(builder.Configuration));

var app = builder.Build();
try
{
    await app.Services.InitializeDatabaseAsync();
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
app.MapMeetingsAdminApi();
app.MapRoadmapApi();
app.MapSolutionsApi();
app.MapSolutionsAdoptionApi();
app.MapFinancingApi();
app.MapFinancingWriteApi();
app.MapStrategyApi();
app.MapBenefitsApi();
app.MapEvaluationApi();
app.MapRazorPages();
app.Run();
return 0;

public partial class Program;
