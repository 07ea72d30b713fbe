using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Progress, throughput and gold accuracy per annotator, and agreement when the measures are wired in.</summary>
internal static class DashboardPage
{
    public static void Map(IEndpointRouteBuilder app, ServerOptions options)
    {
        app.MapGet("/dashboard", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Layout.Page(ctx, "Dashboard", Html.Of($"""<p class="empty">No project yet.</p>"""));
            var s = await store.StatsAsync(project);
            var percent = s.Items == 0 ? 0 : 100.0 * s.Complete / s.Items;
            var agreement = options.Agreement is null
                ? Html.Of($"""<p class="muted" id="agreement">Agreement (Cohen's κ, Fleiss' κ, Krippendorff's α) appears here once the annotation measures are wired in.</p>""")
                : Agreement(options.Agreement.Measure(await store.LabelRowsAsync(project)));
            return Layout.Page(ctx, "Dashboard", Html.Of($"""
                <h1>Dashboard <small>{project.Name}</small></h1>
                <p id="progress-text">{s.Complete} of {s.Items} items complete ({percent.ToString("0.0", CultureInfo.InvariantCulture)}%), {s.Annotations} labels, {s.Reviewed} reviewed, {s.GoldItems} gold items; k = {project.K}.</p>
                <progress id="progress" max="{Math.Max(1, s.Items)}" value="{s.Complete}"></progress>
                <table class="items" id="people">
                  <thead><tr><th>annotator</th><th>role</th><th>labels</th><th>skipped</th><th>s / label</th><th>labels / hour</th><th>gold accuracy</th></tr></thead>
                  <tbody>
                  {Html.Join(s.Annotators, a => Html.Of($"""
                    <tr><td>{a.Name}</td><td>{a.Role}</td><td>{a.Done}</td><td>{a.Skipped}</td><td>{(a.MeanSeconds is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "–")}</td>
                    <td>{a.PerHour.ToString("0", CultureInfo.InvariantCulture)}</td><td>{(a.GoldSeen == 0 ? "–" : $"{a.GoldCorrect}/{a.GoldSeen}")}</td></tr>
                    """))}
                  </tbody>
                </table>
                <h2>Agreement</h2>
                {agreement}
                """));
        }).RequireAuthorization(Roles.Reviewer);
    }

    private static Html Agreement(Agreement.AgreementSummary a)
    {
        static Html Table(string id, IReadOnlyDictionary<string, double?> figures) => Html.Of($"""
            <table class="items" id="{id}">{Html.Join(figures, f => Html.Of($"""<tr><td>{f.Key}</td><td>{(f.Value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–")}</td></tr>"""))}</table>
            """);
        return Html.Of($"""{Table("agreement", a.Overall)}<h3>Per annotator</h3>{Table("agreement-annotators", a.PerAnnotator)}<h3>Per pair</h3>{Table("agreement-pairs", a.PerPair)}""");
    }
}
