using Npgsql;
using Winnow.Server.Store;

namespace Winnow.Server.Tests.Store;

public sealed class StoreLocationTests
{
    [Fact]
    public void Parse_PostgresUrl_StatementsPreparedAndNoResetOnClose()
    {
        var b = new NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgres://ann:secret@db.example:6543/labels").ConnectionString);
        Assert.Equal(("db.example", 6543, "labels", "ann"), (b.Host, b.Port, b.Database, b.Username));
        Assert.Equal(StoreLocation.MaxAutoPrepare, b.MaxAutoPrepare);
        Assert.True(b.MaxAutoPrepare > 0);
        Assert.True(b.NoResetOnClose);
    }

    [Fact]
    public void Parse_PostgresUrlWithOptions_OptionsWin()
    {
        var b = new NpgsqlConnectionStringBuilder(StoreLocation.Parse("postgres://ann@localhost/labels?Max%20Auto%20Prepare=0&No%20Reset%20On%20Close=false").ConnectionString);
        Assert.Equal(0, b.MaxAutoPrepare);
        Assert.False(b.NoResetOnClose);
    }
}
