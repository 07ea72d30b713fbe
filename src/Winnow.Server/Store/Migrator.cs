using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Winnow.Server.Store;

/// <summary>
/// Applies the embedded <c>Migrations/NNN_name.sql</c> files in order, each in its own transaction, and
/// records them in <c>schema_migrations</c>. Opening a store runs what is missing; a store newer than this
/// build is refused rather than misread.
/// </summary>
internal static class Migrator
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All[^1].Version;

    public static async Task<int> MigrateAsync(SqlDialect dialect, string connectionString)
    {
        await dialect.WriteAsync(connectionString, async (c, tx) =>
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", transaction: tx), "migrate")
            .ConfigureAwait(false);
        var applied = 0;
        foreach (var (version, name, sql) in All)
        {
            applied += await dialect.WriteAsync(connectionString, async (c, tx) =>
            {
                // Lock the table on PostgreSQL so two servers starting at once do not both migrate.
                if (dialect is PostgresDialect) await c.ExecuteAsync("LOCK TABLE schema_migrations IN EXCLUSIVE MODE", transaction: tx);
                var done = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, tx);
                if (done > 0) return 0;
                await c.ExecuteAsync(sql.Replace("{id}", dialect.IdColumn, StringComparison.Ordinal), transaction: tx);
                await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version, name, at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx);
                return 1;
            }, "migrate").ConfigureAwait(false);
        }
        await using var check = await dialect.OpenAsync(connectionString).ConfigureAwait(false);
        var newest = await check.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations").ConfigureAwait(false);
        if (newest > Latest)
            throw new Core.WinnowException($"the label store has schema {newest}, newer than this build knows ({Latest}); upgrade winnow", 2);
        return applied;
    }

    private static List<(int, string, string)> Load()
    {
        var asm = typeof(Migrator).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.Contains(".Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..];
            var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(asm.GetManifestResourceStream(resource)!);
            list.Add((version, file, reader.ReadToEnd()));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        if (list.Count == 0) throw new InvalidOperationException("no embedded migrations");
        return list;
    }
}
