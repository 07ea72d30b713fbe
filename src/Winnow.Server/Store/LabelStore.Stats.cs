using Dapper;

namespace Winnow.Server.Store;

public sealed partial class LabelStore
{
    private sealed class AnnotatorStatsRow
    {
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public long Done { get; set; }
        public long Skipped { get; set; }
        public double? Mean_seconds { get; set; }
        public double? Total_seconds { get; set; }
        public long Gold_seen { get; set; }
        public long Gold_correct { get; set; }
    }

    /// <summary>Progress of a project and, per person, labels done, skips, time per label, labels per hour of labelling and gold accuracy.</summary>
    public Task<ProjectStats> StatsAsync(Project project) =>
        Read(async c =>
        {
            var p = project.Id;
            var items = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items WHERE project_id = @p AND is_gold = 0", new { p });
            var gold = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items WHERE project_id = @p AND is_gold = 1", new { p });
            var complete = await c.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM items i WHERE i.project_id = @p AND i.is_gold = 0 AND (i.decided_by IS NOT NULL
                  OR (SELECT COUNT(*) FROM annotations n WHERE n.item_id = i.id AND n.undone_at IS NULL) >= @k)
                """, new { p, k = project.K });
            var annotations = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM annotations n JOIN items i ON i.id = n.item_id WHERE i.project_id = @p AND n.undone_at IS NULL", new { p });
            var reviewed = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items WHERE project_id = @p AND review_state IS NOT NULL", new { p });
            var people = (await c.QueryAsync<AnnotatorStatsRow>(
                """
                SELECT u.name, u.role,
                  (SELECT COUNT(*) FROM annotations n JOIN items i ON i.id = n.item_id WHERE n.annotator_id = u.id AND i.project_id = @p AND n.undone_at IS NULL) AS done,
                  (SELECT COUNT(*) FROM assignments a JOIN items i ON i.id = a.item_id WHERE a.annotator_id = u.id AND i.project_id = @p AND a.state = 'skipped') AS skipped,
                  (SELECT AVG(n.seconds) FROM annotations n JOIN items i ON i.id = n.item_id WHERE n.annotator_id = u.id AND i.project_id = @p AND n.undone_at IS NULL) AS mean_seconds,
                  (SELECT SUM(n.seconds) FROM annotations n JOIN items i ON i.id = n.item_id WHERE n.annotator_id = u.id AND i.project_id = @p AND n.undone_at IS NULL) AS total_seconds,
                  (SELECT COUNT(*) FROM annotations n JOIN items i ON i.id = n.item_id WHERE n.annotator_id = u.id AND i.project_id = @p AND n.undone_at IS NULL AND i.is_gold = 1) AS gold_seen,
                  (SELECT COUNT(*) FROM annotations n JOIN items i ON i.id = n.item_id WHERE n.annotator_id = u.id AND i.project_id = @p AND n.undone_at IS NULL AND i.is_gold = 1 AND n.label = i.gold_label) AS gold_correct
                FROM annotators u ORDER BY u.name
                """, new { p })).Where(r => r.Done + r.Skipped > 0)
                .Select(r => new AnnotatorStats(r.Name, r.Role, r.Done, r.Skipped, r.Mean_seconds,
                    r.Total_seconds is > 0 ? r.Done * 3600.0 / r.Total_seconds.Value : 0, r.Gold_seen, r.Gold_correct))
                .ToList();
            return new ProjectStats(project.Name, items, gold, complete, annotations, reviewed, people);
        });

    /// <summary>Every active human label of a project as <c>{item, annotator, label}</c> rows: the input of the agreement measures.</summary>
    public Task<IReadOnlyList<LabelRow>> LabelRowsAsync(Project project) =>
        Read<IReadOnlyList<LabelRow>>(async c => (await c.QueryAsync<(string Item, string Annotator, string Label)>(
            """
            SELECT i.ext_id, u.name, n.label FROM annotations n JOIN items i ON i.id = n.item_id JOIN annotators u ON u.id = n.annotator_id
            WHERE i.project_id = @p AND n.undone_at IS NULL AND n.label IS NOT NULL AND n.source = 'queue' ORDER BY i.seq, u.name
            """, new { p = project.Id })).Select(r => new LabelRow(r.Item, r.Annotator, r.Label)).ToList());
}
