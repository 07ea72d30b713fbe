using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dapper;
using Winnow.Core;
using Winnow.Server.Diagnostics;

namespace Winnow.Server.Store;

/// <summary>
/// The label store: projects, items and their suggestions, annotators, assignments, annotations, reviews and
/// an audit log, in SQLite (one file, WAL) or PostgreSQL, with one schema. Every write is one transaction
/// that is committed before the method returns, so what the server acknowledges is on disk.
/// Split by concern into partial files: Users, Items, Queue, Annotations, Reviews, Search, Stats, Export.
/// </summary>
public sealed partial class LabelStore
{
    private readonly SqlDialect _dialect;
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private LabelStore(StoreLocation location, TimeProvider time)
    {
        Location = location;
        _dialect = location.IsPostgres ? new PostgresDialect(Timings) : new SqliteDialect(Timings);
        _connectionString = location.ConnectionString;
        _time = time;
    }

    public StoreLocation Location { get; }

    /// <summary>How long each store operation waited for its turn, ran and committed (milliseconds), since the store was opened.</summary>
    public Timings Timings { get; } = new();

    /// <summary>Opens (creating when missing) the store at <paramref name="db"/> and brings its schema up to date.</summary>
    public static async Task<LabelStore> OpenAsync(string db, TimeProvider? time = null)
    {
        var store = new LabelStore(StoreLocation.Parse(db), time ?? TimeProvider.System);
        try
        {
            if (!store.Location.IsPostgres && Path.GetDirectoryName(store.Location.ConnectionString) is { Length: > 0 } dir)
                Directory.CreateDirectory(dir);
            await Migrator.MigrateAsync(store._dialect, store._connectionString).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            throw new WinnowException($"cannot open the label store {store.Location.Display}: {e.Message}", 1, e);
        }
        return store;
    }

    public static int SchemaVersion => Migrator.Latest;

    /// <summary>
    /// How long a token's owner and a project, looked up on every request, are kept in memory. This store's own
    /// changes to them clear the cache; another process's (the CLI on the same database) are seen within this time.
    /// </summary>
    public static readonly TimeSpan LookupLifetime = TimeSpan.FromSeconds(2);

    private readonly LookupCache<string, Annotator> _tokens = new(LookupLifetime);
    private readonly LookupCache<string, Project> _projects = new(LookupLifetime);

    /// <summary>The write's result, once <paramref name="cache"/> is cleared (whether the write succeeded or not).</summary>
    private static async Task<T> ClearingAfter<T, TKey, TValue>(LookupCache<TKey, TValue> cache, Task<T> write)
        where TKey : notnull where TValue : class
    {
        try { return await write.ConfigureAwait(false); }
        finally { cache.Clear(); }
    }

    private long Now => Clock.Now(_time);

    private Task<T> Write<T>(Func<DbConnection, DbTransaction, Task<T>> body, [CallerMemberName] string operation = "") =>
        _dialect.WriteAsync(_connectionString, body, operation);

    private async Task<T> Read<T>(Func<DbConnection, Task<T>> body, [CallerMemberName] string operation = "")
    {
        var start = Stopwatch.GetTimestamp();
        await using var c = await _dialect.OpenAsync(_connectionString).ConfigureAwait(false);
        var result = await body(c).ConfigureAwait(false);
        Timings.Record(operation + ".read", Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    /// <summary>An audit line from <c>@at, @who, @action, @item, @detail</c>, to put in a batch of statements.</summary>
    private const string AuditSql = "INSERT INTO audit (at, annotator_id, action, item_id, detail) VALUES (@at, @who, @action, @item, @detail);";

    private static Task Audit(DbConnection c, DbTransaction tx, long at, long? who, string action, long? item, string? detail) =>
        c.ExecuteAsync(AuditSql, new { at, who, action, item, detail }, tx);

    /// <summary>The audit log, newest first.</summary>
    public Task<IReadOnlyList<(long At, string? Who, string Action, long? Item, string? Detail)>> AuditAsync(int limit = 100) =>
        Read<IReadOnlyList<(long, string?, string, long?, string?)>>(async c =>
            (await c.QueryAsync<(long, string?, string, long?, string?)>(
                "SELECT a.at, u.name, a.action, a.item_id, a.detail FROM audit a LEFT JOIN annotators u ON u.id = a.annotator_id ORDER BY a.id DESC LIMIT @limit",
                new { limit })).ToList());

    // ---- projects

    private sealed class ProjectRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Labels { get; set; } = "";
        public long K { get; set; }
        public long Gold_every { get; set; }
        public Project ToProject() => new(Id, Name, Kind, StoreJson.Labels(Labels), (int)K, (int)Gold_every);
    }

    private const string ProjectColumns = "id, name, kind, labels, k, gold_every";

    /// <summary>Creates the project, or updates its label set, k and gold rate when it exists.</summary>
    public Task<Project> UpsertProjectAsync(string name, string kind, IReadOnlyList<string> labels, int k, int goldEvery) =>
        ClearingAfter(_projects, Write(async (c, tx) =>
        {
            var existing = await c.QuerySingleOrDefaultAsync<ProjectRow>($"SELECT {ProjectColumns} FROM projects WHERE name = @name", new { name }, tx);
            if (existing is null)
            {
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO projects (name, kind, labels, k, gold_every, created_at) VALUES (@name, @kind, @labels, @k, @goldEvery, @now) RETURNING id",
                    new { name, kind, labels = StoreJson.Labels(labels), k, goldEvery, now = Now }, tx);
                await Audit(c, tx, Now, null, "project.create", null, name);
                return new Project(id, name, kind, labels, k, goldEvery);
            }
            if (existing.Kind != kind)
                throw new WinnowException($"project '{name}' holds {existing.Kind} items; cannot load {kind} items into it", 2);
            var merged = StoreJson.Labels(existing.Labels).Concat(labels).Distinct(StringComparer.Ordinal).ToList();
            await c.ExecuteAsync("UPDATE projects SET labels = @labels, k = @k, gold_every = @goldEvery WHERE id = @id",
                new { labels = StoreJson.Labels(merged), k, goldEvery, id = existing.Id }, tx);
            if (existing.K != k) // the queue's index follows k
                await c.ExecuteAsync("UPDATE items SET filled = CASE WHEN assigned >= @k THEN 1 ELSE 0 END WHERE project_id = @id",
                    new { k, id = existing.Id }, tx);
            return new Project(existing.Id, name, kind, merged, k, goldEvery);
        }));

    public Task<IReadOnlyList<Project>> ProjectsAsync() =>
        Read<IReadOnlyList<Project>>(async c =>
            (await c.QueryAsync<ProjectRow>($"SELECT {ProjectColumns} FROM projects ORDER BY id")).Select(r => r.ToProject()).ToList());

    /// <summary>The named project, or the first one when <paramref name="name"/> is null; null when there is none.</summary>
    /// <remarks>Cached for <see cref="LookupLifetime"/>; a change made through this store is seen at once.</remarks>
    public Task<Project?> ProjectAsync(string? name) =>
        _projects.GetAsync(name ?? "", () => Read(async c => (await c.QuerySingleOrDefaultAsync<ProjectRow>(
            name is null ? $"SELECT {ProjectColumns} FROM projects ORDER BY id LIMIT 1" : $"SELECT {ProjectColumns} FROM projects WHERE name = @name",
            new { name }))?.ToProject()));
}
