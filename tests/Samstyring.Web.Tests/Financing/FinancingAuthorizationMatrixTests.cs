using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Financing;

/// <summary>
/// Who may call which financing endpoint, for every role. What is adopted is public; drafts and scenarios are "not found"
/// for all but the office, the TBU and council members; an invoice basis is for the office and the actor's own users;
/// the office changes models, cost bases and price lists; the TBU records its figure and its step; an actor's initiative
/// owner places, changes and cancels the actor's orders. Judged by the shared <see cref="AuthorizationMatrix"/>: a refusal leaves the financing tables
/// (and the audit log) as they were.
/// </summary>
public abstract class FinancingAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    private const string Api = "/api/v1/financing";
    private const int NotFound = 404;
    private static readonly int[] Public = [Ok, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
    private static readonly int[] DraftReaders = [NotFound, Ok, NotFound, NotFound, NotFound, Ok, NotFound, Ok];

    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    private static readonly (string Operation, int[] Expected)[] ReadRules =
    [
        ("years", Public), ("adopted", Public), ("bill", Public), ("allocation-csv", Public), ("adopted-model", Public),
        ("cost-bases", Public), ("cost-basis", Public), ("life-cycle", Public), ("price-list", Public),
        ("draft-model", DraftReaders), ("draft-bill", DraftReaders), ("draft-compare", DraftReaders),
        // Users without an organisation (council members, the TBU) have no orders to see.
        ("orders", [Unauthorized, Ok, Ok, Ok, Ok, Forbidden, Ok, Forbidden]),
        ("invoice-oslo", [Unauthorized, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("invoice-oslo-pdf", [Unauthorized, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("invoice-oslo-docx", [Unauthorized, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("invoice-hso", [Unauthorized, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("invoice-lines-csv", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("invoice-lines-xlsx", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    private static readonly (string Operation, int[] Expected)[] WriteRules =
    [
        ("create-model",          [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("delete-model",          [Unauthorized, NoContent, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("save-shares",           [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("shift",                 [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // The TBU gets past the door for steps, but records only its own.
        ("council-step",          [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("tbu-step",              [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        ("save-cost-basis",       [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("create-cost-basis",     [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("record-tbu",            [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok]),
        ("add-price-list-item",   [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-price-list-item", [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        // Oslo's order: the office, or Oslo's initiative owner; Helse Sør-Øst's may not order for Oslo, and the KS
        // coordinator and the operator (bound to an organisation for other duties) place no orders.
        ("add-order-oslo",        [Unauthorized, Created, Forbidden, Created, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("update-order-oslo",     [Unauthorized, Ok, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("cancel-order-oslo",     [Unauthorized, NoContent, Forbidden, NoContent, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Reads() => Cases(ReadRules);

    public static TheoryData<string, As, int> Writes() => Cases(WriteRules);

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Financing_read_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var url = await ReadUrlAsync(operation);
        await AssertAsync(new MatrixOperation(c => c.GetAsync(url), MatrixOperation.Nothing, async (response, _) =>
        {
            // A hidden draft is a Norwegian "not found", the same as a model that does not exist.
            if (response.StatusCode == HttpStatusCode.NotFound)
                Assert.StartsWith("Fant ingen prismodell med id", (await response.ReadJsonAsync()).Str("detail"), StringComparison.Ordinal);
        }), Client(user), operation, user, expected);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Financing_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var send = await PrepareAsync(operation, user);
        await AssertAsync(new MatrixOperation(send, SnapshotAsync), Client(user), operation, user, expected);
    }

    private async Task<string> ReadUrlAsync(string operation)
    {
        var oslo = await OrganizationIdAsync("Oslo kommune");
        var adopted = await AdoptedIdAsync();
        return operation switch
        {
            "years" => Api,
            "adopted" => $"{Api}/2022",
            "bill" => $"{Api}/2022/actors/{oslo}",
            "allocation-csv" => $"{Api}/2022/allocation.csv",
            "adopted-model" => $"{Api}/models/{adopted}",
            "cost-bases" => $"{Api}/2022/cost-bases",
            "cost-basis" => $"{Api}/cost-bases/kjernejournal/2022",
            "life-cycle" => $"{Api}/life-cycle/kjernejournal",
            "price-list" => $"{Api}/2022/price-list",
            "draft-model" => $"{Api}/models/{await SharedDraftAsync()}",
            "draft-bill" => $"{Api}/2022/actors/{oslo}?model={await SharedDraftAsync()}",
            "draft-compare" => $"{Api}/scenarios/{await SharedDraftAsync()}/compare",
            "orders" => $"{Api}/2022/orders",
            "invoice-oslo" => $"{Api}/2022/invoices/{oslo}",
            "invoice-oslo-pdf" => $"{Api}/2022/invoices/{oslo}.pdf",
            "invoice-oslo-docx" => $"{Api}/2022/invoices/{oslo}.docx",
            "invoice-hso" => $"{Api}/2022/invoices/{await OrganizationIdAsync("Helse Sør-Øst RHF")}",
            "invoice-lines-csv" => $"{Api}/2022/invoices.csv",
            "invoice-lines-xlsx" => $"{Api}/2022/invoices.xlsx",
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>Each write case gets what it works on, made fresh by the office so that the cases do not disturb each other.</summary>
    private async Task<Func<HttpClient, Task<HttpResponseMessage>>> PrepareAsync(string operation, As user)
    {
        var oslo = await OrganizationIdAsync("Oslo kommune");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (operation)
        {
            case "create-model":
            {
                var adopted = await AdoptedIdAsync();
                return c => c.PostJsonAsync($"{Api}/models", new { fromModelId = adopted, year = 2025, name = UniqueName("Matrise"), scenario = true });
            }
            case "delete-model":
            {
                var (id, etag) = await NewModelAsync(scenario: true);
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/models/{id}", null, etag);
            }
            case "save-shares":
            {
                var (id, etag) = await NewModelAsync(scenario: true);
                return c => c.PutJsonAsync($"{Api}/models/{id}/shares/e-resept", new
                {
                    shares = new object[]
                    {
                        new { group = "state", percent = 20m, key = "equal", collection = "state-budget" },
                        new { group = "municipalities", percent = 80m, key = "population", populationOn = "2022-01-01", collection = "block-grant-deduction" },
                    },
                }, etag);
            }
            case "shift":
            {
                var (id, etag) = await NewModelAsync(scenario: true);
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/models/{id}/shift",
                    new { from = "regional-health-authorities", to = "municipalities", points = 5 }, etag);
            }
            case "council-step":
            {
                var (id, etag) = await NewModelAsync(scenario: false);
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/models/{id}/steps", new { step = "council-case", on = today, reference = "Matrisen" }, etag);
            }
            case "tbu-step":
            {
                var (id, etag) = await NewModelAsync(scenario: false);
                using var council = await Client(As.Office).SendJsonAsync(HttpMethod.Post, $"{Api}/models/{id}/steps",
                    new { step = "council-case", on = today, reference = "Matrisen" }, etag);
                await council.AssertStatusAsync(HttpStatusCode.OK, "the council step before the TBU's");
                var next = council.Headers.ETag!.Tag;
                return c => c.SendJsonAsync(HttpMethod.Post, $"{Api}/models/{id}/steps", new { step = "tbu-calculation", on = today, reference = "TBU-rapport" }, next);
            }
            case "save-cost-basis":
            {
                var etag = await ETagAsync($"{Api}/cost-bases/helsenorge/2027");
                return c => c.PutJsonAsync($"{Api}/cost-bases/helsenorge/2027", new
                {
                    managementOre = 7_000_000_000L + Random.Shared.Next(1, 1000) * 100L, operationOre = 9_000_000_000L, developmentOre = 5_000_000_000L,
                    investmentOre = 0L, note = "Matrisen.",
                }, etag);
            }
            case "create-cost-basis":
            {
                // A year of its own per role: only the office's call creates it.
                var year = 2040 + (int)user;
                return c => c.PutJsonAsync($"{Api}/cost-bases/helseid/{year}", new { managementOre = 100_000_00L, operationOre = 0L, developmentOre = 0L, investmentOre = 0L });
            }
            case "record-tbu":
            {
                var etag = await ETagAsync($"{Api}/cost-bases/kjernejournal/2026");
                return c => c.PutJsonAsync($"{Api}/cost-bases/kjernejournal/2026/tbu", new { tbuOre = 20_000_000_000L + Random.Shared.Next(1, 1000) * 100L }, etag);
            }
            case "add-price-list-item":
                return c => c.PostJsonAsync($"{Api}/price-list",
                    new { solutionKey = "helsenettet", year = 2023, name = UniqueName("Matrisetjeneste"), unit = "per år", unitPriceOre = 500_000L });
            case "update-price-list-item":
            {
                var item = await NewPriceListItemAsync();
                return c => c.PutJsonAsync($"{Api}/price-list/{item.Id}",
                    new { solutionKey = "helsenettet", year = 2023, name = UniqueName("Endret"), unit = "per år", unitPriceOre = 600_000L, version = item.Version });
            }
            case "add-order-oslo":
            {
                var item = await NewPriceListItemAsync();
                return c => c.PostJsonAsync($"{Api}/2023/orders", new { priceListItemId = item.Id, organizationId = oslo, quantity = 2, orderedOn = "2023-02-01" });
            }
            case "update-order-oslo":
            {
                var (id, version, itemId) = await OsloOrderAsync();
                return c => c.PutJsonAsync($"{Api}/orders/{id}",
                    new { priceListItemId = itemId, organizationId = oslo, quantity = 5, orderedOn = "2023-02-01", version });
            }
            default:
            {
                var (id, version, _) = await OsloOrderAsync();
                return c => c.SendJsonAsync(HttpMethod.Delete, $"{Api}/orders/{id}", null, $"\"{version.ToString(CultureInfo.InvariantCulture)}\"");
            }
        }
    }

    /// <summary>An order for Oslo placed by the office: its id, version and price-list item.</summary>
    private async Task<(int Id, int Version, int ItemId)> OsloOrderAsync()
    {
        var item = await NewPriceListItemAsync();
        using var created = await Client(As.Office).PostJsonAsync($"{Api}/2023/orders",
            new { priceListItemId = item.Id, organizationId = await OrganizationIdAsync("Oslo kommune"), quantity = 2, orderedOn = "2023-02-01" });
        await created.AssertStatusAsync(HttpStatusCode.Created, "an order to work on");
        var order = await created.ReadJsonAsync();
        return (order.Int("id"), order.Int("version"), item.Id);
    }

    private async Task<int> AdoptedIdAsync()
    {
        if (Factory.Ids.TryGetValue("financing:adopted-2022", out var id)) return id;
        return Factory.Ids["financing:adopted-2022"] = (await Anonymous.GetArrayAsync(Api)).Single(y => y.Int("year") == 2022)!["adopted"].Int("id");
    }

    /// <summary>A 2022 scenario the read cases look at (they never change it).</summary>
    private async Task<int> SharedDraftAsync()
    {
        if (Factory.Ids.TryGetValue("financing:matrix-draft", out var id)) return id;
        return Factory.Ids["financing:matrix-draft"] = (await NewModelAsync(scenario: true, year: 2022)).Id;
    }

    /// <summary>A copy of the adopted 2022 model made by the office, with its ETag.</summary>
    private async Task<(int Id, string ETag)> NewModelAsync(bool scenario, int year = 2023)
    {
        using var created = await Client(As.Office).PostJsonAsync($"{Api}/models",
            new { fromModelId = await AdoptedIdAsync(), year, name = UniqueName("Matrise"), scenario });
        await created.AssertStatusAsync(HttpStatusCode.Created, "a model to work on");
        return ((await created.ReadJsonAsync())["model"].Int("id"), created.Headers.ETag!.Tag);
    }

    private async Task<(int Id, int Version)> NewPriceListItemAsync()
    {
        using var created = await Client(As.Office).PostJsonAsync($"{Api}/price-list",
            new { solutionKey = "helsenettet", year = 2023, name = UniqueName("Matrisetjeneste"), unit = "per år", unitPriceOre = 500_000L });
        await created.AssertStatusAsync(HttpStatusCode.Created, "a price-list item to work on");
        var item = await created.ReadJsonAsync();
        return (item.Int("id"), item.Int("version"));
    }

    private async Task<string> ETagAsync(string url)
    {
        using var response = await Client(As.Office).GetAsync(url);
        await response.AssertStatusAsync(HttpStatusCode.OK, $"GET {url}");
        return response.Headers.ETag!.Tag;
    }

    /// <summary>The whole financing area in a line: models with their versions, steps and shares, cost bases, price lists, orders and the audit log.</summary>
    private Task<string> SnapshotAsync() => WithDbAsync(async db =>
    {
        var models = await db.PriceModels.OrderBy(m => m.Id).Select(m => m.Id + ":" + m.Version).ToListAsync();
        var steps = await db.PriceModels.SelectMany(m => m.Steps).CountAsync();
        var shares = await db.PriceModels.SelectMany(m => m.Shares).OrderBy(s => s.Id).Select(s => s.Id + ":" + s.BasisPoints).ToListAsync();
        var costs = await db.CostBases.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version).ToListAsync();
        var items = await db.PriceListItems.OrderBy(i => i.Id).Select(i => i.Id + ":" + i.Version).ToListAsync();
        var orders = await db.ServiceOrders.OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Version).ToListAsync();
        var audit = await db.AuditLog.CountAsync();
        return string.Join('|', string.Join(',', models), steps, string.Join(',', shares), string.Join(',', costs), string.Join(',', items),
            string.Join(',', orders), audit);
    });
}

public sealed class FinancingAuthorizationMatrixSqliteTests(SqliteFactory factory) : FinancingAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class FinancingAuthorizationMatrixPostgresTests(PostgresFactory factory) : FinancingAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
