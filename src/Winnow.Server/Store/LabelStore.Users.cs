using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    private sealed class AnnotatorRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public long Active { get; set; }
        public long Created_at { get; set; }
        public Annotator ToAnnotator() => new(Id, Name, Role, Active != 0, Created_at);
    }

    /// <summary>Adds a person; returns their personal token, which is shown once: only its hash is kept.</summary>
    public Task<(Annotator Annotator, string Token)> AddAnnotatorAsync(string name, string role, long? byAdmin = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsControl))
            throw new Core.WinnowException("a name is 1–64 characters, without control characters", 2);
        if (!Roles.All.Contains(role))
            throw new Core.WinnowException($"unknown role '{role}'; valid roles: {string.Join(", ", Roles.All)}", 2);
        var token = Tokens.New();
        return Write(async (c, tx) =>
        {
            var exists = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM annotators WHERE name = @name", new { name }, tx);
            if (exists > 0) throw new Core.WinnowException($"an annotator named '{name}' exists already", 2);
            var now = Now;
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO annotators (name, role, token_hash, active, created_at) VALUES (@name, @role, @hash, 1, @now) RETURNING id",
                new { name, role, hash = Tokens.Hash(token), now }, tx);
            await Audit(c, tx, now, byAdmin, "user.add", null, $"{name} ({role})");
            return (new Annotator(id, name, role, true, now), token);
        });
    }

    /// <summary>The active person whose token this is, or null.</summary>
    /// <remarks>Cached for <see cref="LookupLifetime"/>; a change made through this store is seen at once.</remarks>
    public Task<Annotator?> FindByTokenAsync(string token)
    {
        var hash = Tokens.Hash(token);
        return _tokens.GetAsync(hash, () => Read(async c => (await c.QuerySingleOrDefaultAsync<AnnotatorRow>(
            "SELECT id, name, role, active, created_at FROM annotators WHERE token_hash = @hash AND active = 1", new { hash }))?.ToAnnotator()));
    }

    public Task<IReadOnlyList<Annotator>> AnnotatorsAsync() =>
        Read<IReadOnlyList<Annotator>>(async c =>
            (await c.QueryAsync<AnnotatorRow>("SELECT id, name, role, active, created_at FROM annotators ORDER BY id")).Select(r => r.ToAnnotator()).ToList());

    /// <summary>Changes a person's role or deactivates them (their token stops working; their labels stay).</summary>
    public Task<bool> UpdateAnnotatorAsync(long id, string? role, bool? active, long byAdmin)
    {
        if (role is not null && !Roles.All.Contains(role))
            throw new Core.WinnowException($"unknown role '{role}'; valid roles: {string.Join(", ", Roles.All)}", 2);
        return ClearingAfter(_tokens, Write(async (c, tx) =>
        {
            var n = await c.ExecuteAsync(
                "UPDATE annotators SET role = COALESCE(@role, role), active = COALESCE(@active, active) WHERE id = @id",
                new { id, role, active = active is null ? (long?)null : active.Value ? 1L : 0L }, tx);
            if (n > 0) await Audit(c, tx, Now, byAdmin, "user.update", null, $"#{id} role={role ?? "-"} active={active?.ToString() ?? "-"}");
            return n > 0;
        }));
    }
}

public sealed partial class LabelStore
{
    public Task<Annotator?> AnnotatorAsync(long id) =>
        Read(async c => (await c.QuerySingleOrDefaultAsync<AnnotatorRow>(
            "SELECT id, name, role, active, created_at FROM annotators WHERE id = @id", new { id }))?.ToAnnotator());
}
