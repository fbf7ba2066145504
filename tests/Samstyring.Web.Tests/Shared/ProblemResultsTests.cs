using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Tests.Shared;

/// <summary>
/// The last resort behind the guards: a text PostgreSQL cannot store (NUL: 22021; a character the encoding lacks: 22P05)
/// is the client's 400, never a 500, wherever in the stack of exceptions it shows up.
/// </summary>
public sealed class ProblemResultsTests
{
    [Theory]
    [InlineData("22021")]
    [InlineData("22P05")]
    public void A_text_PostgreSQL_cannot_store_is_a_400(string sqlState)
    {
        var refused = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", sqlState);

        Assert.Equal(400, ProblemResults.StatusFor(refused));
        Assert.Equal(400, ProblemResults.StatusFor(new DbUpdateException("An error occurred while saving the entity changes.", refused)));
        Assert.Equal(400, ProblemResults.StatusFor(new InvalidOperationException("query failed", refused)));
    }

    [Fact]
    public void Another_PostgreSQL_error_is_still_a_server_error()
    {
        var other = new PostgresException("division by zero", "ERROR", "ERROR", "22012");
        Assert.Equal(StatusCodes.Status500InternalServerError, ProblemResults.StatusFor(other));
    }
}
