using System.Text.Json.Nodes;

using static Samstyring.Web.Tests.AuthorizationMatrix;

namespace Samstyring.Web.Tests.Audit;

/// <summary>Who may read the audit log, as a list and as CSV: the office only.</summary>
public abstract class AuditAuthorizationMatrixTests(SamstyringFactory factory) : WebTest(factory)
{
    public static TheoryData<string, As, int> Matrix() => OfficeOnly([("audit", Ok), ("audit-csv", Ok)]);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Audit_log_answers_each_role_as_expected(string operation, As user, int expected)
    {
        if (!Factory.Ready()) return;
        var op = operation switch
        {
            "audit" => new MatrixOperation(c => c.GetAsync("/api/v1/audit?take=5"), MatrixOperation.Nothing,
                async (response, _) => Assert.IsType<JsonArray>(await response.ReadJsonAsync())),
            "audit-csv" => new MatrixOperation(c => c.GetAsync("/api/v1/audit/export.csv"), MatrixOperation.Nothing,
                (response, _) =>
                {
                    Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
                    return Task.CompletedTask;
                }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
        await AssertAsync(op, Client(user), operation, user, expected);
    }
}

public sealed class AuditAuthorizationMatrixSqliteTests(SqliteFactory factory) : AuditAuthorizationMatrixTests(factory), IClassFixture<SqliteFactory>;

public sealed class AuditAuthorizationMatrixPostgresTests(PostgresFactory factory) : AuditAuthorizationMatrixTests(factory), IClassFixture<PostgresFactory>;
