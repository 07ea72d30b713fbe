using Npgsql;
using Winnow.Core;

namespace Winnow.Server.Store;

/// <summary>
/// Where the label store lives, from <c>--db</c>: a file path (SQLite, the default for one person) or a
/// <c>postgres://user:password@host:port/database</c> URL (PostgreSQL, for a team).
/// </summary>
public sealed record StoreLocation(bool IsPostgres, string ConnectionString, string Display)
{
    public static StoreLocation Parse(string db)
    {
        if (string.IsNullOrWhiteSpace(db)) throw new WinnowException("--db is required: a SQLite file or postgres://…", 2);
        if (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new StoreLocation(true, PostgresConnectionString(db), Redact(db));
        var full = Path.GetFullPath(db);
        return new StoreLocation(false, full, full);
    }

    /// <summary>How many statements each PostgreSQL connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>).</summary>
    public const int MaxAutoPrepare = 64;

    private static string PostgresConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new WinnowException($"--db {Redact(url)}: not a valid postgres:// URL (postgres://user:password@host:port/database)", 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } d ? d : "postgres",
            MaxPoolSize = 50,
            // Every request runs the same few statements: prepared once per pooled connection, they skip parsing and
            // planning. The connections are the store's own (no session state to reset), so none is reset on return.
            MaxAutoPrepare = MaxAutoPrepare,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) b.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) b.Password = Uri.UnescapeDataString(userInfo[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return b.ConnectionString;
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var colon = scheme < 0 || at < 0 ? -1 : url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
