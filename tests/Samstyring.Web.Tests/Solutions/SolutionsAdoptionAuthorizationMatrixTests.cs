using System.Net;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Solutions;

/// <summary>
/// Who may record adoption: the office for every solution, the operator (drift-nhn, Norsk Helsenett SF) for the solutions
/// it runs (kjernejournal) and not for the others (helsedataservice, run by Direktoratet for e-helse); nobody else.
/// Judged by the shared <see cref="AuthorizationMatrix"/>: a refusal leaves the adoption rows and the audit log as they were.
/// </summary>
public abstract class SolutionsAdoptionAuthorizationMatrixTests(SamstyringFactory factory) : AdoptionWebTest(factory)
{
    /// <summary>Expected status per role: anonymous, office, owner-hso, owner-oslo, ks, member, operator-nhn, tbu.</summary>
    private static readonly (string Operation, int[] Expected)[] Rules =
    [
        ("record-own",     [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Created, Forbidden]),
        ("record-other",   [Unauthorized, Created, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        ("import-own",     [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden]),
        ("import-other",   [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
    ];

    public static TheoryData<string, As, int> Matrix() => Cases(Rules);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Adoption_write_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var key = operation.EndsWith("-own", StringComparison.Ordinal) ? Kjernejournal : Helsedataservice;
        var (number, _, stage) = await FreshMunicipalityAsync(key);
        var next = Code(stage + 1);
        Func<HttpClient, Task<HttpResponseMessage>> send = operation.StartsWith("record", StringComparison.Ordinal)
            ? c => c.PostJsonAsync($"{Api(key)}/changes", new { municipalityNumber = number, stage = next, source = "Matrisen" })
            : c => c.PostAsync($"{Api(key)}/import", CsvForm($"kommunenummer;status\n{number};{next}\n"));
        await AssertAsync(new MatrixOperation(send, SnapshotAsync), Client(user), operation, user, expected);
    }

    [Fact]
    public async Task Refusal_comes_before_not_found_and_before_the_body_is_read()
    {
        if (!Factory.Ready()) return;
        using var member = await Client(As.Member).PostJsonAsync($"{Api("finnes-ikke")}/changes", new { });
        await member.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var ks = await Client(As.Ks).PostAsync($"{Api("finnes-ikke")}/import", new StringContent("ikke en fil"));
        await ks.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var anonymous = await Anonymous.PostAsync($"{Api(Kjernejournal)}/import", new StringContent("ikke en fil"));
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
        // The operator of another solution is refused before its file is looked at.
        using var other = await Client(As.OperatorNhn).PostAsync($"{Api(Helsedataservice)}/import", new StringContent("ikke en fil"));
        await other.AssertStatusAsync(HttpStatusCode.Forbidden);
        using var office = await Client(As.Office).PostJsonAsync($"{Api("finnes-ikke")}/changes", new { });
        await office.AssertStatusAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SolutionsAdoptionAuthorizationMatrixSqliteTests(SqliteFactory factory) : SolutionsAdoptionAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class SolutionsAdoptionAuthorizationMatrixPostgresTests(PostgresFactory factory) : SolutionsAdoptionAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
